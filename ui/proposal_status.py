"""The Propuestas list's two helpers: the proposals still to complete before screening lets them into the budget
(core.proposals.readiness), and moving several proposals to one status at once (core.proposals.bulk_status,
which checks each step and the person's rights, all or nothing)."""


import polars as pl
import streamlit as st

from core import fmt
from core.proposals import bulk_status, entry, readiness
from core.proposals.models import Proposal, ProposalStatus
from core.record import facts
from core.record.auth import PermissionDenied, User
from core.record.store import ConflictError, Store
from core.texts import label, t
from ui import decidir_registro as reg
from ui import session
from ui.text import plain, plain_list

FLASH = "prop-bulk-flash"


def to_complete_panel(proposals: list[Proposal], pdot_objectives: dict[str, str]) -> None:
    """The stored proposals screening would keep out as they stand, with what each still lacks."""
    frame = readiness.to_complete(proposals, reg.competences(), pdot_objectives)
    if frame.is_empty():
        return
    st.subheader(t("prop.complete.title", count=fmt.number(frame.height)))
    st.caption(t("prop.complete.help"))
    st.dataframe(frame.select(pl.col("proposal_id").alias(t("prop.col.proposal_id")),
                              pl.col("title").alias(t("prop.col.title")),
                              pl.col("missing").alias(t("prop.complete.col.missing"))),
                 hide_index=True, width="stretch", key="prop-complete")


def _targets(statuses: list[str], user: User | None) -> list[str]:
    """The statuses at least one of the chosen proposals may step to, in lifecycle order."""
    steps = {s for status in set(statuses) for s in entry.next_statuses(status, user)}
    return [s.value for s in ProposalStatus if s in steps]


def bulk_panel(shown: pl.DataFrame, user: User | None, store: Store) -> None:
    """Choose several of the listed proposals (or every one the filters show) and move them to one status.
    The page shows the outcome (`FLASH`) above its list, which the move may have emptied."""
    shown = entry.bulk_candidates(shown, user)
    if not entry.may_edit(user) or shown.is_empty():
        return
    titles = dict(zip(shown["proposal_id"], shown["title"], strict=True))
    status_of = dict(zip(shown["proposal_id"], shown["status"], strict=True))
    with st.expander(t("prop.bulk.title"), icon=":material/checklist:"):
        every = st.checkbox(t("prop.bulk.all", count=fmt.number(shown.height)), key="prop-bulk-all")
        picked = list(titles) if every else st.multiselect(
            t("prop.bulk.pick"), list(titles), format_func=lambda c: f"{c} · {titles[c]}", key="prop-bulk-pick",
            placeholder=t("prop.filter.placeholder"))
        targets = _targets([status_of[c] for c in picked], user)
        c = st.columns([1, 2])
        target = c[0].selectbox(t("prop.bulk.target"), targets, index=None, key="prop-bulk-target",
                                format_func=lambda s: label("proposal_status", s), placeholder=t("prop.form.choose"))
        note = c[1].text_input(t("prop.form.status_note"), key="prop-bulk-note")
        count = len(picked)
        text = t("prop.bulk.apply_one") if count == 1 else t("prop.bulk.apply", count=fmt.number(count))
        if not st.button(text, disabled=not picked or target is None, key="prop-bulk-apply",
                         icon=":material/published_with_changes:"):
            return
        try:
            moved = bulk_status.change_statuses(store, user, picked, target, today=facts.today(), note=note)
        except PermissionDenied as exc:
            session.denied(exc)
            return
        except bulk_status.BulkRefused as exc:
            heading = t("prop.bulk.refused", count=fmt.number(len(exc.refusals)), total=fmt.number(count))
            st.error(heading + "\n" + plain_list([str(r) for r in exc.refusals]), icon=":material/block:")
            return
        except ConflictError as exc:
            st.error(t("prop.bulk.conflict", reason=plain(exc)), icon=":material/sync_problem:")
            return
    st.session_state[FLASH] = t("prop.bulk.done", count=fmt.number(moved),
                                status=label("proposal_status", target))
    for key in ("prop-bulk-all", "prop-bulk-pick", "prop-bulk-target", "prop-bulk-note"):
        st.session_state.pop(key, None)
    st.rerun()
