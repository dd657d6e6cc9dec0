"""Which entries of the change log a person sees: one parish's, and those that belong to no parish.

One installation serves several parishes, and its log (core.record.store) is one chain for all of them: the
verification (core.record.ledger) stays installation-wide. What is shown is filtered here, from the stored data:

- an entry's parish is its record's: the `parish_code` column of the record's row; else the `parish_code` of a
  body (or demo base) the log wrote for that record (an offer keeps it only in its body; a record removed since has
  no row, its earlier entries still say it); else a record code that starts with a parish code (`010152-P01`).
  Entries about accounts, sign-ins, browser sessions, the store (backups, restores), Minga's own records,
  cooperants and calls belong to no parish, whatever their code looks like; so does an offer of the whole
  installation (no parish in its body);
- who sees which parish is decided from the signed-in account as the store has it (core.record.auth): the
  administrator sees any parish or every parish at once; planners (who keep the log) any one parish and the
  entries of no parish, or, one tied to its GAD's parish, that parish's; a board member their junta's parish (the account's; one stored before it was kept, any
  parish, as for the junta's other actions) and the entries of no parish; an association's representative only
  their association's parish, and nothing of the installation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from core.data import rural
from core.record import association_home
from core.record.auth import BOUND_TO_PARISH, Accounts, Action, PermissionDenied, Role, User, can
from core.record.ledger import file_state, open_read_only
from core.record.row_guard import PAYLOAD
from core.record.store import Store
from core.texts import label, t

# Kinds whose records belong to the installation, never to one parish (whatever their code looks like).
INSTALLATION_KINDS = frozenset({"user", "signin", "web_session", "store", "system", "cooperant", "call"})
_PARISH_PREFIX = re.compile(r"^(\d{6})-")
EVERY_PARISH = None  # the administrator's view of every parish at once


def entry_parish(kind: str, record_id: str, stored: str | None, logged: str | None) -> str | None:
    """The parish an entry belongs to (None: the installation). `stored`: the parish column of its record's row;
    `logged`: the parish a body the log wrote for the record names."""
    if kind in INSTALLATION_KINDS:
        return None
    if stored:
        return stored
    if logged:
        return logged
    prefixed = _PARISH_PREFIX.match(record_id)
    return prefixed.group(1) if prefixed else None


@dataclass(frozen=True)
class LogRights:
    """What an account may see of the log: `parishes` None = any parish; `every_parish`: all at once."""

    parishes: frozenset[str] | None
    every_parish: bool
    installation: bool
    refusal: str = "log.err.other_parish"  # the catalogue's key that says whose parish the account sees instead

    def may_see(self, parish_code: str | None) -> bool:
        if parish_code is EVERY_PARISH:
            return self.every_parish
        return self.parishes is None or parish_code in self.parishes


def rights(user: User | None, association_parish: str | None = None) -> LogRights:
    """The rights of `user` (as stored) over the log. `association_parish`: the parish of a representative's
    association (None when it is not known: they see nothing). Raises PermissionDenied (Spanish) for the rest."""
    if user is not None and user.active and user.role == Role.ASSOCIATION and user.association_id:
        if association_parish is None:
            raise PermissionDenied(t("log.err.association_unknown", association=user.association_id))
        return LogRights(frozenset({association_parish}), every_parish=False, installation=False)
    if not can(user, Action.VIEW_LOG):
        raise PermissionDenied(t("log.need_role"))
    if user is not None and user.role in BOUND_TO_PARISH and user.parish_code:  # their junta's or GAD's parish
        return LogRights(frozenset({user.parish_code}), every_parish=False, installation=True,
                         refusal="log.err.other_junta" if user.role == Role.BOARD else "log.err.other_gad")
    return LogRights(None, every_parish=user is not None and user.role == Role.ADMIN, installation=True)


def account_rights(store: Store, user: User | None) -> LogRights:
    """`rights` of the account as the store has it now (its role, whether active), never the caller's copy."""
    signed_in = Accounts(store).signed_in(user)
    parish = association_home.association_parish(store, signed_in.association_id) \
        if signed_in is not None and signed_in.role == Role.ASSOCIATION and signed_in.association_id else None
    return rights(signed_in, parish)


@dataclass(frozen=True)
class ShownEntry:
    """One log entry as the page shows it (the payload, with the bodies, is not read)."""

    seq: int
    at: str
    actor: str
    action: str
    kind: str
    record_id: str
    hash: str
    parish_code: str | None  # None: the installation


@dataclass(frozen=True)
class ShownLog:
    """The log as one person may see it: `parish_code` None = every parish (the administrator)."""

    parish_code: str | None
    entries: list[ShownEntry]  # newest first: the parish's, and the installation's when `shows_installation`
    shows_installation: bool

    @property
    def kinds(self) -> list[str]:
        """Every kind among the entries, in the order of their Spanish labels (for the filter)."""
        return sorted({s.kind for s in self.entries}, key=lambda kind: label("log_kind", kind))

    def groups(self, kinds: Sequence[str] = (), limit: int | None = None) -> tuple[list[ShownEntry], list[ShownEntry]]:
        """(the parish's entries, the installation's), each at most `limit` long, of `kinds` (empty: all)."""
        return select(self.entries, self.parish_code, self.shows_installation, kinds, limit)


def select(entries: Iterable[ShownEntry], parish_code: str | None, installation: bool,
           kinds: Sequence[str] = (), limit: int | None = None) -> tuple[list[ShownEntry], list[ShownEntry]]:
    """(the parish's entries, the installation's), in the order given, each list at most `limit` long.
    `parish_code` None takes every parish's entries; `installation` False leaves the second list empty;
    `kinds` (empty: all) keeps only those kinds."""
    ours: list[ShownEntry] = []
    theirs: list[ShownEntry] = []
    for shown in entries:
        if kinds and shown.kind not in kinds:
            continue
        if shown.parish_code is None:
            if installation and (limit is None or len(theirs) < limit):
                theirs.append(shown)
        elif (parish_code is EVERY_PARISH or shown.parish_code == parish_code) and \
                (limit is None or len(ours) < limit):
            ours.append(shown)
    return ours, theirs


def shown_log(store: Store, user: User | None, parish_code: str | None) -> ShownLog:
    """The entries of `parish_code` (None: every parish) and of the installation that `user`, as the store has the
    account, may see, newest first. Raises PermissionDenied (Spanish) when it may not see that parish's log."""
    allowed = account_rights(store, user)
    if not allowed.may_see(parish_code):
        if parish_code is EVERY_PARISH:
            raise PermissionDenied(t("log.err.every_parish"))
        own = ", ".join(rural.named(code) for code in sorted(allowed.parishes or ()))
        raise PermissionDenied(t(allowed.refusal, parish=rural.named(parish_code), own=own))
    ours, theirs = select(placed_entries(store), parish_code, allowed.installation)
    return ShownLog(parish_code, sorted((*ours, *theirs), key=lambda s: -s.seq), allowed.installation)


_last_placed: dict[Path, tuple[tuple, list[ShownEntry]]] = {}  # store file -> (its state, its placed entries)


def placed_entries(store: Store) -> list[ShownEntry]:
    """Every entry of the log, newest first, with the parish it belongs to (`entry_parish`); read again whenever
    the store or its write-ahead log changed on disk (as core.record.ledger.verify_store_cached)."""
    state = tuple(file_state(p) for p in (store.path, Path(f"{store.path}-wal")))
    cached = _last_placed.get(store.path)
    if cached is not None and cached[0] == state:
        return cached[1]
    placed = _read_placed(store)
    _last_placed[store.path] = (state, placed)
    return placed


def _read_placed(store: Store) -> list[ShownEntry]:
    outside = ", ".join(f"'{kind}'" for kind in sorted(INSTALLATION_KINDS))
    con = open_read_only(store.path)
    try:
        stored = {(kind, record_id): parish for kind, record_id, parish in con.execute(
            "SELECT kind, record_id, parish_code FROM records WHERE parish_code IS NOT NULL")}
        logged: dict[tuple[str, str], str] = {}
        for kind, record_id, parish in con.execute(
                f"SELECT kind, record_id, coalesce(json_extract({PAYLOAD}, '$.body.parish_code'), "
                f"json_extract({PAYLOAD}, '$.base.parish_code')) AS parish FROM audit_log "
                f"WHERE kind NOT IN ({outside}) AND parish IS NOT NULL ORDER BY seq"):
            logged[(kind, record_id)] = str(parish)  # the last one a body named
        rows = con.execute("SELECT seq, at, actor, action, kind, record_id, hash FROM audit_log "
                           "ORDER BY seq DESC").fetchall()
    finally:
        con.close()
    return [ShownEntry(*row, entry_parish(row[4], row[5], stored.get((row[4], row[5])),
                                          logged.get((row[4], row[5])))) for row in rows]
