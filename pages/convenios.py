"""Convenios: the cooperation cycle after the call. A proposal sent to a cooperant (with the GAD's capacity checklist),
the cooperant's answer, the agreement the board signs (PDF), the periodic reports with planned against actual, the
mid-term evaluation and the audits, and the closing evaluation on the five criteria with the final report (PDF and
Excel)."""

import datetime as dt
import math
from functools import partial

import polars as pl
import streamlit as st
from pydantic import ValidationError

from core import fmt
from core.cooperation import agreements as agr
from core.cooperation import calls as calls_mod
from core.cooperation import closing, final_report, monitoring, reviews
from core.cooperation import cooperants as coop
from core.cooperation.agreement_pdf import pdf_bytes as agreement_pdf
from core.proposals import records
from core.proposals.entry import spanish_errors
from core.record import facts
from core.record.auth import Action
from core.texts import label, labels, t
from ui import data, session, state, widgets
from ui import number_field as numbers
from ui.cooperation import agreement_reviews, attempt, calls_not_open, planned_actual_chart
from ui.text import plain, plain_list

session.work_page()
parish = state.current_parish()
store = data.store()
parish_name = (data.parish(parish) or {}).get("name") or parish
st.title(t("conv.title"))
st.write(t("conv.intro"))

proposals = {p.proposal_id: p for p in records.proposal_models(store, parish)}
registry = coop.by_id(coop.cooperants(store))
applications = {a.application_id: a for a in agr.applications(store, parish)}
signed = {a.application_id: a for a in agr.agreements(store, parish)}
can_edit = session.allowed(Action.EDIT_OFFER)
can_sign = session.allowed(Action.APPROVE_DECISION, parish_code=parish)  # a board member signs for their own junta


tab_apply, tab_agree, tab_report, tab_review, tab_close = st.tabs(
    [t("conv.tab.apply"), t("conv.tab.agree"), t("conv.tab.report"), t("rev.tab"), t("conv.tab.close")])

with tab_apply:
    kept = closing.lessons(store, list(signed.values()))
    if kept:
        with st.expander(t("conv.lessons", count=len(kept))):
            st.dataframe(pl.DataFrame([{
                t("conv.col.agreement"): k["agreement"],
                t("conv.col.cooperant"): registry[k["cooperant_id"]].name if k["cooperant_id"] in registry
                else k["cooperant_id"],
                t("close.col.evaluator"): label("closing_evaluator", k["evaluator"]),
                t("close.col.positive"): k["positive"], t("close.col.negative"): k["negative"]} for k in kept]),
                hide_index=True, width="stretch")
    if applications:
        st.dataframe(pl.DataFrame([{
            t("conv.col.application"): a.application_id, t("conv.col.proposal"): proposals[a.proposal_id].title
            if a.proposal_id in proposals else a.proposal_id,
            t("conv.col.cooperant"): registry[a.cooperant_id].name if a.cooperant_id in registry else a.cooperant_id,
            t("conv.col.submitted"): fmt.date(a.submitted_on),
            t("conv.col.capacity"): "; ".join(a.capacity.gaps()) or t("conv.capacity.ok"),
            t("conv.col.answer"): label("application_answer", a.answer) if a.answer else t("conv.answer.pending")}
            for a in applications.values()]), hide_index=True, width="stretch")
    if can_edit and proposals and registry:
        st.markdown(t("conv.apply.heading"))
        # outside the form: the calls offered below are the chosen cooperant's, drawn again when it changes
        cooperant_id = st.selectbox(t("conv.col.cooperant"), list(registry), format_func=lambda c: registry[c].name,
                                    key="conv-apply-cooperant", placeholder=t("select.placeholder"))
        # outside the form too: only the calls open on the day the application is sent are offered
        submitted = st.date_input(t("conv.col.submitted"), value=facts.today(), max_value=facts.today(),
                                  format="DD/MM/YYYY", key="conv-apply-submitted")
        open_calls, not_open = calls_mod.taking_applications(
            (c for c in calls_mod.calls(store) if c.cooperant_id == cooperant_id), submitted)
        calls_of = {c.call_id: c for c in open_calls}
        if not_open:
            st.caption(calls_not_open(not_open, submitted))
        with st.form("conv-apply"):
            application_id = st.text_input(t("conv.col.application"), max_chars=40)
            proposal_id = st.selectbox(t("conv.col.proposal"), list(proposals),
                                       format_func=lambda p: f"{p} · {proposals[p].title}",
                                       placeholder=t("select.placeholder"))
            call_id = st.selectbox(t("conv.col.call"), ["", *calls_of],
                                   key=f"conv-apply-call-{cooperant_id}-{submitted.isoformat()}",
                                   format_func=lambda c: f"{c} · {calls_of[c].title}" if c else t("conv.no_call"),
                                   placeholder=t("select.placeholder"))
            st.caption(t("conv.capacity.heading"))
            staff = st.checkbox(t("conv.capacity.staff"))
            funds = st.checkbox(t("conv.capacity.counterpart_funds"))
            experience = st.checkbox(t("conv.capacity.experience"))
            if st.form_submit_button(t("conv.apply.save")):
                def _submit():
                    agr.submit(store, session.current_user(), agr.Application(
                        application_id=application_id.strip(), parish_code=parish, proposal_id=proposal_id,
                        cooperant_id=cooperant_id, call_id=call_id or None, submitted_on=submitted,
                        capacity=agr.Capacity(staff=staff, counterpart_funds=funds, experience=experience)))
                if attempt(_submit, t("conv.apply.saved")):
                    st.rerun()
    pending = [a for a in applications.values() if a.answer is None]
    if can_edit and pending:
        with st.form("conv-answer"):
            st.markdown(t("conv.answer.heading"))
            chosen = st.selectbox(t("conv.col.application"), [a.application_id for a in pending],
                                  placeholder=t("select.placeholder"))
            answer = st.selectbox(t("conv.col.answer"), list(labels("application_answer")),
                                  format_func=lambda a: label("application_answer", a),
                                  placeholder=t("select.placeholder"))
            answered = st.date_input(t("conv.answer.date"), value=facts.today(), format="DD/MM/YYYY")
            note = st.text_input(t("conv.answer.note"), max_chars=2000)
            if st.form_submit_button(t("conv.answer.save")):
                if attempt(lambda: agr.record_answer(store, session.current_user(), chosen, answer, answered,
                                                      note.strip() or None), t("conv.answer.saved")):
                    st.rerun()

with tab_agree:
    for agreement in signed.values():
        cooperant = registry.get(agreement.cooperant_id)
        title = proposals[agreement.proposal_id].title if agreement.proposal_id in proposals else agreement.proposal_id
        st.markdown(f"**{agreement.number_es}** · {fmt.amount(agreement.total_usd)}")
        st.text(title)
        # written when asked for (embedding the font's subset costs ~0.1 s a PDF), not on every rerun
        st.download_button(t("conv.agree.pdf"), partial(
            agreement_pdf, agreement, parish_name=parish_name,
            cooperant_name=cooperant.name if cooperant else agreement.cooperant_id, project_title=title),
            file_name=f"{agreement.number_es}.pdf", mime="application/pdf", on_click="ignore",
            key=f"pdf-{agreement.agreement_id}")
    accepted = [a for a in applications.values() if a.answer == "accepted" and a.application_id not in signed]
    waiting = [a for a in accepted if a.proposal_id in proposals
               and proposals[a.proposal_id].status not in agr.SIGNABLE]  # the junta has not approved the project
    for application in waiting:
        st.info(t("conv.agree.waiting", application=plain(application.application_id),
                  proposal=plain(proposals[application.proposal_id].title),
                  status=label("proposal_status", proposals[application.proposal_id].status)))
    accepted = [a for a in accepted if a not in waiting]
    if not accepted:
        if not waiting:
            st.info(t("conv.agree.none"))
    elif not can_sign:
        st.info(session.other_junta(Action.APPROVE_DECISION, parish) or t("conv.agree.need_board"))
    else:
        with st.form("conv-sign"):
            chosen = st.selectbox(t("conv.col.application"), [a.application_id for a in accepted],
                                  placeholder=t("select.placeholder"))
            dates = st.columns(3)
            signed_on = dates[0].date_input(t("conv.agree.signed"), value=facts.today(), format="DD/MM/YYYY")
            start = dates[1].date_input(t("conv.agree.start"), value=facts.today(), format="DD/MM/YYYY",
                                        help=t("conv.agree.start_help"))
            end = dates[2].date_input(t("conv.agree.end"), value=facts.today() + dt.timedelta(days=365),
                                      format="DD/MM/YYYY")
            money = st.columns(3)
            amounts = {party: numbers.number_field(label("agreement_party", party), key=f"conv-sign-{party}",
                                                   value=0.0, decimals=2, money=True, minimum=0.0,
                                                   where=money[i])
                       for i, party in enumerate(("cooperant", "gad", "community"))}
            obligations = {party: st.text_input(t("conv.agree.obligation", party=label("agreement_party", party)),
                                                max_chars=1000) for party in ("cooperant", "gad", "community")}
            st.caption(t("conv.agree.indicator"))
            cells = st.columns(4)
            name = cells[0].text_input(t("agr.col.indicator"), max_chars=300)
            unit = cells[1].text_input(t("agr.col.unit"), max_chars=60)
            baseline = numbers.number_field(t("agr.col.baseline"), key="conv-sign-baseline", value=0.0, decimals=2,
                                            where=cells[2])
            target = numbers.number_field(t("agr.col.target"), key="conv-sign-target", value=0.0, decimals=2,
                                          where=cells[3])
            verification = st.text_input(t("agr.col.verification"), max_chars=500)
            if st.form_submit_button(t("conv.agree.sign")):
                def _sign():
                    numbers.refuse_problems([*amounts.values(), baseline, target])
                    agr.sign(store, session.current_user(), agr.AgreementDraft(
                        application_id=chosen, signed_on=signed_on, start_date=start, end_date=end,
                        cooperant_usd=amounts["cooperant"].value or 0.0, gad_usd=amounts["gad"].value or 0.0,
                        community_usd=amounts["community"].value or 0.0,
                        obligations=[agr.Obligation(party=p, text=x.strip()) for p, x in obligations.items()
                                     if x.strip()],
                        indicators=[agr.AnnexIndicator(name=name.strip(), unit=unit.strip(),
                                                       baseline=baseline.value or 0.0, target=target.value or 0.0,
                                                       means_of_verification=verification.strip())]))
                if attempt(_sign, t("conv.agree.saved")):
                    st.rerun()

by_id = {a.agreement_id: a for a in signed.values()}


def _chosen_agreement(key: str) -> agr.Agreement | None:
    """The agreement picked in a tab; None (and a note) when the parish has none yet."""
    if not by_id:
        st.info(t("conv.report.none"))
        return None
    return by_id[st.selectbox(t("conv.col.agreement"), list(by_id), key=key, format_func=lambda a: by_id[a].number_es,
                              placeholder=t("select.placeholder"))]


with tab_report:
    current = _chosen_agreement("report-agreement")
    if current is not None:
        history = monitoring.reports(store, current.agreement_id)
        chart = monitoring.planned_vs_actual(current, history)
        if not chart.is_empty():
            widgets.chart(planned_actual_chart(chart), width="stretch")
        if can_edit:
            with st.form("conv-report"):
                report_id = st.text_input(t("conv.report.id"), max_chars=40)
                period_end = st.date_input(t("conv.report.period"), value=facts.today(), format="DD/MM/YYYY")
                start = monitoring.to_date(history)  # offered as the newest report left them
                progress = st.slider(t("conv.report.progress"), 0, 100, math.ceil(start.progress_pct))  # not back
                key = f"conv-report-{current.agreement_id}"
                values = {i.name: numbers.number_field(t("conv.report.reached", indicator=plain(i.name), unit=plain(i.unit)),
                                                       key=f"{key}-reached-{n}", value=start.reached.get(i.name, 0.0),
                                                       decimals=2)
                          for n, i in enumerate(current.indicators)}
                spent_cols = st.columns(3)
                spent = {p: numbers.number_field(t("conv.report.spent", party=label("agreement_party", p)),
                                                 key=f"{key}-spent-{p}", value=start.spent.get(p, 0.0), decimals=2,
                                                 money=True, minimum=0.0, where=spent_cols[i])
                         for i, p in enumerate(("cooperant", "gad", "community"))}
                problems = st.text_area(t("conv.report.problems"), max_chars=4000)
                measure = st.selectbox(t("conv.report.measure"), ["none", "corrective", "feedback", "cancellation"],
                                       format_func=lambda m: t(f"mon.measure.{m}"), placeholder=t("select.placeholder"))
                measure_note = st.text_input(t("conv.report.measure_note"), max_chars=2000)
                if st.form_submit_button(t("conv.report.save")):
                    def _report():
                        numbers.refuse_problems([*values.values(), *spent.values()])
                        monitoring.save_report(store, session.current_user(), monitoring.Report(
                            report_id=report_id.strip(), agreement_id=current.agreement_id, period_end=period_end,
                            physical_progress_pct=progress,
                            values=[monitoring.IndicatorValue(name=n, value=v.value or 0.0) for n, v in values.items()],
                            spent_cooperant_usd=spent["cooperant"].value or 0.0, spent_gad_usd=spent["gad"].value or 0.0,
                            spent_community_usd=spent["community"].value or 0.0, problems=problems.strip() or None,
                            measure=measure, measure_note=measure_note.strip() or None))
                    if attempt(_report, t("conv.report.saved")):
                        st.rerun()

def _built(build, names: dict[str, str]):
    """The model `build` makes from the form, or None after saying in Spanish which field is wrong."""
    try:
        return build()
    except ValidationError as exc:
        st.error(plain_list(spanish_errors(exc, names)))
        return None


with tab_review:
    st.caption(t("rev.intro"))
    agreement_reviews(store, parish, empty_note=True)
    current = _chosen_agreement("review-agreement")
    if current is not None and can_edit:
        within = min(max(facts.today(), current.start_date), current.end_date)
        with st.form("conv-midterm"):
            st.markdown(t("rev.midterm.heading"))
            cells = st.columns(2)
            evaluated_on = cells[0].date_input(t("rev.midterm.date"), value=within, format="DD/MM/YYYY")
            evaluator = cells[1].text_input(t("rev.midterm.evaluator"), max_chars=120, key="midterm-evaluator")
            findings = st.text_area(t("rev.midterm.findings"), max_chars=4000, key="midterm-findings")
            recommendation = st.selectbox(t("rev.midterm.recommendation"), ["continue", "adjust", "cancel"],
                                          format_func=lambda r: t(f"rev.recommendation.{r}"), key="midterm-choice",
                                          placeholder=t("select.placeholder"))
            reason = st.text_input(t("rev.midterm.reason"), max_chars=2000, key="midterm-reason")
            url = st.text_input(t("rev.report_url"), max_chars=500, key="midterm-url")
            if st.form_submit_button(t("rev.midterm.save")):
                evaluation = _built(lambda: reviews.MidtermEvaluation(
                    agreement_id=current.agreement_id, evaluated_on=evaluated_on, evaluator=evaluator.strip(),
                    findings=findings.strip(), recommendation=recommendation, reason=reason.strip() or None,
                    report_url=url.strip() or None), {"evaluator": t("rev.midterm.evaluator"),
                                                      "findings": t("rev.midterm.findings"),
                                                      "report_url": t("rev.report_url")})
                if evaluation and attempt(lambda: reviews.save_midterm(store, session.current_user(), evaluation),
                                          t("rev.midterm.saved")):
                    st.rerun()
        with st.form("conv-audit"):
            st.markdown(t("rev.audit.heading"))
            cells = st.columns(3)
            audit_id = cells[0].text_input(t("rev.audit.id"), max_chars=40, key="audit-id")
            audited_on = cells[1].date_input(t("rev.audit.date"), value=within, format="DD/MM/YYYY")
            kind = cells[2].selectbox(t("rev.audit.kind"), ["financial", "compliance", "performance"],
                                      format_func=lambda k: t(f"rev.kind.{k}"), key="audit-kind",
                                      placeholder=t("select.placeholder"))
            auditor = st.text_input(t("rev.audit.auditor"), max_chars=200, key="audit-auditor")
            audit_findings = st.text_area(t("rev.audit.findings"), max_chars=4000, key="audit-findings")
            observations = st.text_area(t("rev.audit.observations"), max_chars=8000, key="audit-observations")
            audit_url = st.text_input(t("rev.report_url"), max_chars=500, key="audit-url")
            if st.form_submit_button(t("rev.audit.save")):
                audit = _built(lambda: reviews.Audit(
                    audit_id=audit_id.strip(), agreement_id=current.agreement_id, audited_on=audited_on,
                    auditor=auditor.strip(), kind=kind, findings=audit_findings.strip(),
                    observations=[reviews.Observation(text=line.strip()) for line in observations.splitlines()
                                  if line.strip()], report_url=audit_url.strip() or None),
                    {"audit_id": t("rev.audit.id"), "auditor": t("rev.audit.auditor"),
                     "findings": t("rev.audit.findings"), "observations": t("rev.audit.observations"),
                     "report_url": t("rev.report_url")})
                if audit and attempt(lambda: reviews.save_audit(store, session.current_user(), audit),
                                     t("rev.audit.saved")):
                    st.rerun()
        open_items = {f"{a.audit_id} · {o.text}": (a.audit_id, o.text)
                      for a in reviews.audits(store, current.agreement_id) for o in a.open_observations()}
        if open_items:
            with st.form("conv-resolve"):
                st.markdown(t("rev.resolve.heading"))
                chosen = st.multiselect(t("rev.resolve.which"), list(open_items), placeholder=t("rev.resolve.placeholder"),
                                        key="resolve-which")
                if st.form_submit_button(t("rev.resolve.save")):
                    def _resolve():
                        for audit_key in sorted({open_items[c][0] for c in chosen}):
                            reviews.resolve(store, session.current_user(), audit_key,
                                            [open_items[c][1] for c in chosen if open_items[c][0] == audit_key])
                    if attempt(_resolve, t("rev.resolve.saved")):
                        st.rerun()

with tab_close:
    current = _chosen_agreement("close-agreement")
    if current is not None:
        st.caption(t("close.scale", scale="; ".join(f"{n} {label('closing_scale', n)}" for n in closing.SCALE)))
        if can_edit:
            with st.form("conv-close"):
                evaluator = st.selectbox(t("close.col.evaluator"), list(labels("closing_evaluator")),
                                         format_func=lambda e: label("closing_evaluator", e),
                                         placeholder=t("select.placeholder"))
                evaluator_name = st.text_input(t("conv.close.name"), max_chars=120)
                scored = {c: (st.slider(t(f"close.criterion.{c}"), 1, 5, 3, key=f"score-{c}"),
                              st.text_input(t("conv.close.evidence", criterion=t(f"close.criterion.{c}")),
                                            max_chars=2000, key=f"evidence-{c}")) for c in closing.CRITERIA}
                positive = st.text_area(t("close.col.positive"), max_chars=4000)
                negative = st.text_area(t("close.col.negative"), max_chars=4000)
                early = st.text_input(t("conv.close.early"), max_chars=2000, help=t("conv.close.early_help"),
                                      key="close-early")
                if st.form_submit_button(t("conv.close.save")):
                    if attempt(lambda: closing.save_evaluation(store, session.current_user(), closing.ClosingEvaluation(
                            agreement_id=current.agreement_id, evaluator=evaluator,
                            evaluator_name=evaluator_name.strip(),
                            evaluated_on=facts.today(),
                            scores=[closing.CriterionScore(criterion=c, score=s, evidence=e.strip())
                                    for c, (s, e) in scored.items()],
                            lessons_positive=positive.strip() or None, lessons_negative=negative.strip() or None,
                            early_reason=early.strip() or None)),
                            t("conv.close.saved")):
                        st.rerun()
        items = closing.evaluations(store, current.agreement_id)
        if items:
            st.caption(t("conv.close.recorded", who=fmt.listing(
                f"{label('closing_evaluator', e.evaluator)} ({plain(e.evaluator_name)})" for e in items)))
        history = monitoring.reports(store, current.agreement_id)
        title = proposals[current.proposal_id].title if current.proposal_id in proposals else current.proposal_id
        pdf_col, xlsx_col = st.columns(2)
        reviewed = {"midterm": reviews.midterm(store, current.agreement_id),
                    "audits": reviews.audits(store, current.agreement_id)}
        pdf_col.download_button(t("conv.close.pdf"), partial(  # written when asked for, as the agreement's
            final_report.pdf_bytes, current, history, items, parish_name=parish_name, project_title=title, **reviewed),
            file_name=f"informe-final-{current.number_es}.pdf", mime="application/pdf", on_click="ignore",
            key="final-pdf")
        xlsx_col.download_button(t("conv.close.xlsx"), final_report.xlsx_bytes(current, history, items, **reviewed),
                                 file_name=f"informe-final-{current.number_es}.xlsx", key="final-xlsx",
                                 mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
