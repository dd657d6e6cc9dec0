"""Decisión y acta: the board approves a saved scenario by vote; every decision's acta in PDF and Excel."""


import pandas as pd
import polars as pl
import streamlit as st
from pydantic import ValidationError

from core import fmt
from core.engine import scenario_meetings, scenarios
from core.proposals import records
from core.record import acta, decision_models, decisions, facts, junta, signing
from core.record.auth import Action, PermissionDenied
from core.record.decision_models import Attendee
from core.record.store import StoreError
from core.texts import label, t
from ui import data, scenario_state, session, state, widgets
from ui.text import plain

parish = state.current_parish()
store = data.store()
parish_row = data.view("parishes", "parish_code = ?", (parish,)).row(0, named=True)

st.title(t("dec.title"))
st.write(t("dec.intro"))

# -- The record: every decision of the parish, its acta downloadable by anyone ----------------------------
st.subheader(t("dec.list"))
recorded, hidden = decisions.vouched(store, parish)
if hidden:
    st.warning(t("dec.altered", decisions=decisions.named(hidden)), icon=":material/gpp_bad:")
if not session.allowed(Action.VIEW_WORK):
    st.caption(t("dec.public"))
    recorded = [d for d in recorded if d.approved]
if not recorded:
    st.info(t("dec.none"))
else:
    table = pl.DataFrame({
        "number_es": [d.number_es for d in recorded],
        "date": [fmt.date(d.date) for d in recorded],
        "scenario_name": [d.scenario_name for d in recorded],
        "outcome": [t("dec.approved") if d.approved else t("dec.rejected") for d in recorded],
        "votes": [f"{d.votes_for} / {d.votes_against} / {d.abstentions}" for d in recorded],
        "total_cost_usd": fmt.amounts(d.total_cost_usd for d in recorded),
        "funded": [len(d.funded) for d in recorded],
    })
    headers = {c: t(f"dec.col.{c}") for c in table.columns}
    st.dataframe(table.rename(headers), hide_index=True, width="stretch")
    by_number = {d.number_es: d for d in recorded}
    if st.session_state.get("dec-just-recorded") in by_number:  # show the acta of what was just recorded
        st.session_state["dec-chosen"] = st.session_state.pop("dec-just-recorded")
    chosen = by_number[st.selectbox(t("dec.choose"), list(by_number), key="dec-chosen",
                                    placeholder=t("select.placeholder"))]
    left, right = st.columns(2)
    left.download_button(t("dec.pdf"), data=lambda: acta.pdf_bytes(chosen, signing.signed_head(store)),
                         file_name=f"acta-{chosen.number_es}.pdf", mime="application/pdf", on_click="ignore",
                         key="dec-pdf", icon=":material/picture_as_pdf:")
    right.download_button(t("dec.xlsx"), data=lambda: acta.xlsx_bytes(chosen), file_name=f"acta-{chosen.number_es}.xlsx",
                          mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          on_click="ignore", key="dec-xlsx", icon=":material/table_view:")

# -- A new decision: only the board ---------------------------------------------------------------------
st.subheader(t("dec.new"))
if not session.allowed(Action.APPROVE_DECISION):
    st.info(t("dec.need_role"))
    st.stop()
if refusal := session.other_junta(Action.APPROVE_DECISION, parish):  # a board member records only their junta's
    st.info(refusal, icon=":material/lock:")
    st.stop()
saved = scenarios.list_scenarios(store, parish)
if not saved:
    st.info(t("dec.no_scenarios"))
    st.stop()

by_id = {s.scenario_id: s for s in saved}
scenario = by_id[st.selectbox(t("dec.scenario"), list(by_id), format_func=lambda i: by_id[i].scenario.name,
                              key="dec-scenario", placeholder=t("select.placeholder"))].scenario
inputs = scenario_state.inputs(parish)
run = scenario_state.run(parish, scenario.weights, scenario.rules, scenario.method)
result = run.result
if not result.feasible:
    st.error(result.message_es)
    st.stop()
earlier = decisions.approved_from(recorded, scenario.name, inputs.proposals)
if earlier is not None:  # its projects no longer compete: run again, the scenario funds only what still does
    st.info(t("dec.already_approved", number=earlier.number_es, count=len(earlier.funded),
              amount=fmt.amount(earlier.total_cost_usd)), icon=":material/gavel:")
if changed := scenario_meetings.changes_es(scenario, run):  # a meeting closed since it was saved, say
    st.warning(plain(changed), icon=":material/groups:")
cost, budget = fmt.amounts([result.total_cost_usd, scenario.rules.budget_usd])  # compared: one rule for both
st.caption(t("dec.summary", count=len(result.funded_ids), amount=cost, budget=budget, method=result.method_es))

board_rules = junta.board(store, parish)
st.caption(board_rules.caption_es)
if session.allowed(Action.SET_BUDGET, parish_code=parish):
    with st.expander(t("dec.board_title")), st.form("dec-board"):
        members = st.number_input(t("dec.board_members"), min_value=1, max_value=50, value=board_rules.members)
        quorum = st.number_input(t("dec.board_quorum"), min_value=0, max_value=50, value=board_rules.quorum or 0,
                                 help=t("dec.board_quorum_help"))
        if st.form_submit_button(t("dec.board_submit")):
            try:
                junta.set_board(store, session.current_user(), parish,
                                junta.Board(members=int(members), quorum=int(quorum) or None))
            except PermissionDenied as exc:
                session.denied(exc)
            except (ValidationError, ValueError, StoreError) as exc:
                session.refused(exc)
            else:
                st.rerun()

board = junta.board_roll(session.accounts().logged_users(), parish)  # this parish's junta only
votes = {"for": t("dec.vote.for"), "against": t("dec.vote.against"), "abstain": t("dec.vote.abstain")}
offices = {"secretary": t("dec.office.secretary")}  # who presided signs as president: chosen below the table
defaults = pd.DataFrame({
    "name": [e.name for e in board] or [""],
    # each member's seat on the board, as the administrator set it on their account (still editable here)
    "role_es": [label("position", e.position) for e in board] or [t("dec.role.president")],
    "votes": [True for _ in board] or [True],
    # nobody's vote is written in advance: the secretary records each one (a vote left unrecorded is refused)
    "vote": [widgets.NOT_CHOSEN for _ in board] or [widgets.NOT_CHOSEN],
    "signs_as": [widgets.NOT_CHOSEN for _ in board] or [widgets.NOT_CHOSEN],
    "remark": ["" for _ in board] or [""],
})


def _cell(value: object) -> str:
    """A cell of the attendees' table as text: an empty cell (None or NaN) is ''."""
    return "" if value is None or pd.isna(value) else str(value).strip()


def _vote(row: dict, same_vote: str | None) -> str | None:
    """The vote of an attendees' row: the one recorded in the table, else (for a row that votes) `same_vote`, the
    vote chosen for every unrecorded one, else None (refused by the record: a vote is never assumed)."""
    return widgets.chosen(row["vote"], votes) or (same_vote if row["votes"] else None)


with st.form("dec-new"):
    date = st.date_input(t("dec.date"), value=facts.today(), format="DD/MM/YYYY")
    people = st.data_editor(
        defaults, num_rows="dynamic", key="dec-attendees", width="stretch",
        column_config={
            "name": st.column_config.TextColumn(t("dec.col.name"), required=True, default=""),
            "role_es": st.column_config.TextColumn(t("dec.col.role_es"), required=True, default=""),
            "votes": st.column_config.CheckboxColumn(t("dec.col.votes_flag"), default=True),
            "vote": widgets.choice_column(t("dec.col.vote"), votes, t("dec.vote.unrecorded")),
            "signs_as": widgets.choice_column(t("dec.col.signs_as"), offices, t("dec.office.none")),
            "remark": st.column_config.TextColumn(t("dec.col.remark"), default=""),
        })
    st.caption(t("dec.attendees_help"))
    roll_names = [e.name for e in board]
    proposed = junta.proposed_presiding(board)
    presided = st.selectbox(t("dec.presided"), roll_names, key="dec-presided", help=t("dec.presided_help"),
                            index=roll_names.index(proposed) if proposed else None, accept_new_options=True,
                            placeholder=t("dec.presided_placeholder"))
    no_same_vote = t("dec.same_vote_none")
    same_vote = st.radio(t("dec.same_vote"), [no_same_vote, *votes.values()], key="dec-same-vote", horizontal=True,
                         help=t("dec.same_vote_help"))
    justification = st.text_area(t("dec.justification"), max_chars=5000, key="dec-justification")
    submitted = st.form_submit_button(t("dec.submit"), icon=":material/gavel:")

if submitted:
    codes = {label: code for code, label in votes.items()}
    try:
        attendees = [Attendee(name=_cell(r["name"]), role_es=_cell(r["role_es"]), votes=bool(r["votes"]),
                              vote=_vote(r, codes.get(same_vote)),
                              signs_as=widgets.chosen(r["signs_as"], offices), remark=_cell(r["remark"]) or None)
                     for r in people.to_dict("records") if _cell(r.get("name"))]
        names = data.association_names(parish)
        draft = decision_models.with_presiding(scenarios.decision_draft(
            scenario, run, names, parish_row["name"], attendees, date, justification,
            proposal_titles={p.proposal_id: p.title for p in inputs.proposals}), presided)
        # the run the board saw: core refuses it when the stored scenario gives another now, and writes the acta
        # from its own run of the stored scenario
        decision = decisions.record(store, session.current_user(), draft, con=data.connection(),
                                    consequences=lambda d: records.decision_status_changes(store, d))
    except PermissionDenied as exc:
        session.denied(exc)
    except (ValidationError, ValueError, StoreError) as exc:
        session.refused(exc)
    else:
        st.success(t("dec.recorded", number=decision.number_es,
                     outcome=t("dec.approved") if decision.approved else t("dec.rejected")))
        st.session_state["dec-just-recorded"] = decision.number_es
        st.rerun()
