"""Etapas: FLOK's pipeline for the parish's proposals (comunidad → factibilidad → plan de negocios →
financiamiento) with the evidence of each stage, and the board's rule of the stage required before the budget."""


import polars as pl
import streamlit as st

from core import fmt
from core.cooperation import stages
from core.proposals import entry, records
from core.record import facts
from core.record.auth import Action
from core.texts import label, labels, t
from ui import data, session, state
from ui import number_field as numbers
from ui.cooperation import attempt

session.work_page()
parish = state.current_parish()
store = data.store()
st.title(t("stage.page.title"))
st.write(t("stage.page.intro"))

titles = {p.proposal_id: p.title for p in entry.seen_by(session.current_user(), records.proposal_models(store, parish))}
reached = stages.evidences(store, parish)
parish_rule = stages.rule(store, parish)
if parish_rule.required_stage:
    st.info(t("stage.page.rule", stage=label("flok_stage", parish_rule.required_stage)))
    st.text(parish_rule.reason)
else:
    st.caption(t("stage.page.no_rule"))

rows = stages.pipeline(titles, reached)
table = pl.DataFrame([{t("stage.col.proposal_id"): r["proposal_id"], t("stage.col.title"): r["title"],
                       t("stage.col.stage"): label("flok_stage", r["stage"]) if r["stage"] else t("stage.none"),
                       **{label("flok_stage", s): fmt.date(r[s]) if r[s] else "" for s in stages.STAGES}}
                      for r in rows])
if not table.is_empty():
    st.dataframe(table, hide_index=True, width="stretch")
else:  # no proposal (seen) in this parish yet: say where they come from
    st.info(t("prio.no_proposals"))

recorded = stages.evidence_rows(titles, reached)
if recorded:  # what each stage was recorded with: the study's result and the plan's figures in es-EC
    st.subheader(t("stage.page.evidence"))
    plan = {name: fmt.amount_for([r[name] for r in recorded]) for name in stages.PLAN_FIGURES}
    st.dataframe(pl.DataFrame([{
        t("stage.col.proposal_id"): r["proposal_id"], t("stage.col.stage"): label("flok_stage", r["stage"]),
        t("stage.col.date"): fmt.date(r["reached_on"]), t("stage.col.evidence"): r["evidence"],
        t("stage.col.feasibility"): label("feasibility", r["feasibility"]) if r["feasibility"] else "",
        **{t(key): plan[name](r[name]) if r[name] is not None else "" for name, key in stages.PLAN_FIGURES.items()}}
        for r in recorded]), hide_index=True, width="stretch")


if session.allowed(Action.EDIT_PROPOSAL) and titles:
    st.subheader(t("stage.page.record"))
    with st.form("stage-form"):
        proposal_id = st.selectbox(t("stage.col.proposal_id"), list(titles),
                                   format_func=lambda p: f"{p} · {titles[p]}", placeholder=t("select.placeholder"))
        stage = st.selectbox(t("stage.col.stage"), list(stages.STAGES), format_func=lambda s: label("flok_stage", s),
                             placeholder=t("select.placeholder"))
        reached_on = st.date_input(t("stage.col.date"), value=facts.today(), format="DD/MM/YYYY")
        evidence = st.text_area(t("stage.col.evidence"), max_chars=2000, help=t("stage.evidence_help"))
        feasibility = st.selectbox(t("stage.col.feasibility"), ["", *labels("feasibility")],
                                   format_func=lambda f: label("feasibility", f) if f else t("stage.not_applicable"),
                                   placeholder=t("select.placeholder"))
        investment, income, costs = (
            numbers.number_field(t(f"stage.col.{name}"), key=f"stage-{name}", decimals=2, money=True, minimum=0.0, where=column)
            for name, column in zip(("investment", "income", "costs"), st.columns(3), strict=True))
        if st.form_submit_button(t("stage.page.save")):
            def _record():
                numbers.refuse_problems([investment, income, costs])
                stages.record_stage(store, session.current_user(), parish, stages.StageEvidence(
                    proposal_id=proposal_id, stage=stage, reached_on=reached_on, evidence=evidence.strip(),
                    feasibility=feasibility or None, investment_usd=investment.value, yearly_income_usd=income.value,
                    yearly_costs_usd=costs.value))
            attempt(_record, t("stage.page.saved"))

if session.allowed(Action.SET_BUDGET, parish_code=parish):
    st.subheader(t("stage.page.rule_form"))
    with st.form("stage-rule"):
        options = ["", *stages.STAGES]
        required = st.selectbox(t("stage.col.required"), options,
                                index=options.index(parish_rule.required_stage or ""),
                                format_func=lambda s: label("flok_stage", s) if s else t("stage.no_requirement"),
                                placeholder=t("select.placeholder"))
        reason = st.text_area(t("stage.col.reason"), value=parish_rule.reason, max_chars=1000)
        if st.form_submit_button(t("stage.page.rule_save")):
            attempt(lambda: stages.save_rule(store, session.current_user(), stages.StageRule(
                parish_code=parish, required_stage=required or None, reason=reason.strip())),
                    t("stage.page.rule_saved"))
