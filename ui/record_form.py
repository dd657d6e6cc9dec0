"""A form that edits one stored record (a proposal, an offer, a PDOT objective), as Propuestas, Ofertas de
cooperación and Alineación draw it: the record picked, the version the form was filled from, a conflict the last
save left, and the save itself (core checks the role and the version).

Session state, under the form's `prefix`: `<prefix>-pick` (the picker), `<prefix>-loaded-<id>` (the version the
form shows), `<prefix>-conflict-<id>` (why the last save did not go through), `<prefix>-next` (the record to pick
after a save) and `<prefix>-flash` (the message a save leaves for the next run).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import streamlit as st

from core.proposals.records import Versioned
from core.record import overlay
from core.record.auth import PermissionDenied
from core.record.store import ConflictError, Store
from core.texts import t
from ui import session
from ui.decidir_registro import flash
from ui.text import plain

NEW = "__new__"  # the picker's option for a record not stored yet


@dataclass(frozen=True)
class Editing:
    """One drawing of a record form: `key` prefixes its widgets and changes with each loaded version, so a
    reload refills them while a failed save keeps what the person typed."""

    prefix: str
    pick: str
    current: Versioned | None  # what is stored under `pick` (None: a new record)
    loaded: int  # the version the form was filled from (0: a new record)
    key: str

    @property
    def base(self) -> Any:
        """The stored model the form starts from (None: a new record)."""
        return self.current.item if self.current is not None else None

    @property
    def conflict_key(self) -> str:
        return f"{self.prefix}-conflict-{self.pick}"

    @property
    def loaded_key(self) -> str:
        return f"{self.prefix}-loaded-{self.pick}"


def pick(prefix: str, title: str, options: Sequence[str], format_func: Callable[[str], str]) -> str:
    """The picker of the record to edit; after a save it shows the record just saved and the save's message."""
    pending = st.session_state.pop(f"{prefix}-next", None)
    if pending in options:
        st.session_state[f"{prefix}-pick"] = pending
    picked = st.selectbox(title, options, key=f"{prefix}-pick", format_func=format_func,
                          placeholder=t("select.placeholder"))
    flash(f"{prefix}-flash")
    return picked


def editing(prefix: str, picked: str, current: Versioned | None, widget_prefix: str) -> Editing:
    """The form's state for the record picked: the version first loaded stays until a save or a reload."""
    loaded = st.session_state.setdefault(f"{prefix}-loaded-{picked}", current.version if current else 0)
    return Editing(prefix, picked, current, loaded, f"{widget_prefix}-{picked}-{loaded}")


def conflict_notice(form: Editing, where: Any, message_key: str, reload_key: str) -> None:
    """Why the last save did not go through (drawn in `where`), with a button that refills the form from what
    is stored now."""
    reason = st.session_state.get(form.conflict_key)
    if not reason:
        return
    where.error(t(message_key, reason=plain(reason)), icon=":material/sync_problem:")
    if where.button(t(reload_key), key=f"{form.key}-reload", icon=":material/refresh:"):
        st.session_state[form.loaded_key] = form.current.version if form.current else 0
        st.session_state.pop(form.conflict_key, None)
        st.rerun()


def save(form: Editing, record_id: str, write: Callable[[int], int], *, store: Store, kind: str, messages: Any,
         saved_key: str, exists_key: str | None = None, parish_code: str | None = None) -> None:
    """Save through `write(expected_version) -> version`; then pick the record saved and leave `saved_key`'s
    message for the next run. A new record whose code is taken is refused with `exists_key` (forms that create
    records need one), or as another parish's when it is (`parish_code`: the parish being worked on); a conflict
    is kept for `conflict_notice` and the form keeps the values as typed. Refusals are drawn in `messages`."""
    expected = form.loaded
    if form.current is None:
        in_use = overlay.taken(store, kind, record_id)  # a demo record's code is taken too, in any case
        if in_use is not None:
            owner = overlay.current(store, kind, in_use).parish_code
            elsewhere = parish_code is not None and owner is not None and owner != parish_code
            messages.error(t("store.code_elsewhere", id=plain(in_use)) if elsewhere else t(exists_key, id=plain(in_use)))
            return
        existing = overlay.current(store, kind, record_id)  # a deleted record's code is free again
        expected = existing.version if existing is not None else 0
    try:
        version = write(expected)
    except PermissionDenied as exc:
        with messages:
            session.denied(exc)
        return
    except ConflictError as exc:
        st.session_state[form.conflict_key] = str(exc)
        st.rerun()  # the message and «Recargar» are drawn above the form, whose values stay as typed
    except ValueError as exc:  # a rule core checks against the stored records (history, the parish's associations)
        messages.error(plain(session.reason(exc)), icon=":material/error:")
        return
    st.session_state.pop(form.conflict_key, None)
    st.session_state[f"{form.prefix}-loaded-{record_id}"] = version
    if form.current is None:
        st.session_state[f"{form.prefix}-loaded-{NEW}"] = form.loaded + 1  # a fresh, empty form next time
    st.session_state[f"{form.prefix}-next"] = record_id
    st.session_state[f"{form.prefix}-flash"] = t(saved_key, id=plain(record_id), version=version)
    st.rerun()


def sent_stale(prefix: str, record_id: str, seen: int | str) -> bool:
    """Whether the form of `record_id` just sent was drawn for another version than `seen`: forms whose submit key
    is `{prefix}-{record_id}-{version}` are not drawn again once the record moved on, so nothing of theirs is
    saved, and this says so (someone else saved it meanwhile)."""
    mine, current = f"{prefix}-{record_id}-", f"{prefix}-{record_id}-{seen}"
    return any(isinstance(key, str) and key.startswith(mine) and key != current and sent
               for key, sent in st.session_state.items())
