"""Seguimiento: the funded projects of the parish and their state over the year."""


import polars as pl
import streamlit as st

from core import fmt
from core.cooperation import proposal_catch_up
from core.proposals import records
from core.proposals.models import ALLOWED_TRANSITIONS, ProposalStatus
from core.record import followup
from core.record.auth import Action, PermissionDenied
from core.record.store import ConflictError
from core.texts import label, labels, t, t_count
from ui import charts, cooperation, data, record_form, session, state, widgets
from ui.decidir_registro import flash
from ui.text import plain

session.work_page()
parish = state.current_parish()
store = data.store()
st.title(t("seg.title"))
st.write(t("seg.intro"))
cooperation.agreement_flags(store, parish)
cooperation.agreement_reviews(store, parish)
cooperation.pdot_report(store, parish)

# a store where agreements were signed or closed before a proposal's status followed them: offered to catch up
behind = proposal_catch_up.behind(store, parish) if session.allowed(Action.EDIT_PROPOSAL) else []
flash("seg-catch-up-flash")  # what the catch-up said before its rerun
if behind:
    st.info(plain(t("seg.catch_up.info", projects="; ".join(
        f"{fmt.local_code(c.record_id)} · {c.body['title']} → «{label('proposal_status', c.body['status'])}»"
        for c in behind))))
    done = t_count("seg.catch_up.done", len(behind), count=fmt.number(len(behind)))
    if st.button(t("seg.catch_up.button"), key="seg-catch-up") and cooperation.attempt(
            lambda: proposal_catch_up.catch_up(store, session.current_user(), parish), done):
        st.session_state["seg-catch-up-flash"] = done
        st.rerun()

versioned = {v.item.proposal_id: v for v in records.proposals(store, parish)}
names = data.association_names(parish)
table = followup.followed([v.item for v in versioned.values()]).with_columns(  # associations by name, not by code
    pl.col("association_id").replace_strict(names, default=pl.col("association_id")))
if table.is_empty():
    st.info(t("seg.none"))
    st.stop()

totals = followup.totals_by_status(table)
for column, row in zip(st.columns(totals.height), totals.iter_rows(named=True), strict=True):
    column.metric(label("proposal_status", row["status"]), fmt.number(row["projects"]),
                  delta=fmt.amount(row["amount_usd"]), delta_color="off", delta_arrow="off")
shown_totals = totals.with_columns(
    pl.col("status").replace_strict(labels("proposal_status"), default=pl.col("status")).alias("status_es"),
    pl.col("amount_usd").map_elements(fmt.amount_for(totals["amount_usd"]), return_dtype=pl.Utf8).alias("amount_text"))
widgets.chart(charts.bar_chart(shown_totals, category="status_es", value="amount_usd", text="amount_text",
                                 title=t("seg.chart"), value_title=t("seg.amount"), value_format="$,.0f",
                                 tooltip=[("status_es", t("seg.col.status")), ("amount_text", t("seg.amount"))]),
                width="stretch")
headers = {c: t(f"seg.col.{c}") for c in table.columns}
shown = table.with_columns(
    pl.col("status").replace_strict(labels("proposal_status"), default=pl.col("status")),
    pl.col("since").map_elements(fmt.date, return_dtype=pl.Utf8),
    pl.col("requested_usd").map_elements(fmt.amount_for(table["requested_usd"]), return_dtype=pl.Utf8))
st.dataframe(shown.rename(headers), hide_index=True, width="stretch")
widgets.downloads(table, headers, "minga-seguimiento", key="seg", code_labels={"status": labels("proposal_status")})

st.subheader(t("seg.update"))
if not session.allowed(Action.EDIT_PROPOSAL):
    st.info(t("seg.need_role"))
    st.stop()
by_id = {pid: versioned[pid] for pid in table["proposal_id"]}
chosen = by_id[st.selectbox(t("seg.project"), list(by_id), key="seg-project",
                            format_func=lambda i: f"{i} · {by_id[i].item.title}", placeholder=t("select.placeholder"))]
steps = sorted(ALLOWED_TRANSITIONS[ProposalStatus(chosen.item.status)], key=list(ProposalStatus).index)
if not steps:
    st.caption(t("seg.final"))
    st.stop()
# The form belongs to the version shown: sent after someone else moved the project, it is not drawn again, and
# nothing is saved (the next step it offered may not be the one the project is at now).
seen = f"{chosen.item.proposal_id}-{chosen.version}"
if record_form.sent_stale("seg-save", chosen.item.proposal_id, chosen.version):
    st.warning(t("seg.changed_meanwhile", id=chosen.item.proposal_id,
                 status=label("proposal_status", chosen.item.status)), icon=":material/sync_problem:")
with st.form(f"seg-form-{seen}"):
    step = st.selectbox(t("seg.next"), [s.value for s in steps], format_func=lambda s: label("proposal_status", s),
                        placeholder=t("select.placeholder"))
    last = followup.last_dated(chosen.item)
    when = st.date_input(t("seg.date"), value=followup.step_day(chosen.item), min_value=last,
                         format="DD/MM/YYYY")
    note = st.text_input(t("seg.note"), max_chars=500)
    if st.form_submit_button(t("seg.save"), key=f"seg-save-{seen}"):
        try:
            moved = followup.next_step(chosen.item, step, when, note=note.strip() or None)
            records.save_proposal(store, session.current_user(), moved, expected_version=chosen.version)
        except PermissionDenied as exc:
            session.denied(exc)
        except (ValueError, ConflictError) as exc:
            session.refused(exc)
        else:
            st.success(t("seg.saved", id=moved.proposal_id, status=label("proposal_status", step)))
            st.rerun()
