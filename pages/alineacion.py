"""Alineación: the PDOT × ODS and PDOT × PND matrix of the proposals (or of the funded projects: by their status,
or those a saved scenario funds) as a heatmap; the PDOT objectives no proposal serves; and, for a planner, the
PDOT objectives and each proposal's alignment to edit (saved through core.proposals.records)."""


import polars as pl
import streamlit as st
from pydantic import ValidationError

from core import fmt
from core.data.schemas.catalogues import PdotObjective
from core.engine import scenarios
from core.proposals import alignment, records
from core.proposals.entry import FormError, from_form, spanish_errors
from core.record import facts
from core.record.auth import Action
from core.texts import t, t_count
from ui import alignment_chart, data, record_form, session, state, widgets
from ui import decidir_registro as reg
from ui.record_form import NEW
from ui.text import plain, plain_list

session.work_page()
parish_code = state.current_parish()
user = session.current_user()
store = data.store()

st.title(t("alin.title"))
st.write(t("alin.intro"))
stored_pdot = records.pdot_objectives(store, parish_code)
stored_proposals = records.proposals(store, parish_code)
pdot = {v.item.pdot_objective_id: (v.item.component, v.item.objective_es) for v in stored_pdot}
proposals = [v.item for v in stored_proposals]


def counted() -> tuple[list, str]:
    """The proposals the matrix counts, and what they are called in the chart's title."""
    options = ["all", "status", "scenario"]
    saved = scenarios.list_scenarios(store, parish_code)
    scope = st.radio(t("alin.scope"), options, horizontal=True, key="alin-scope", help=t("alin.scope.help"),
                     format_func=lambda o: t(f"alin.scope.{o}"))
    if scope == "status":
        funded = alignment.funded_by_status(proposals)
        return [p for p in proposals if p.proposal_id in funded], t("alin.what.funded")
    if scope == "scenario":
        if not saved:
            st.info(t("alin.no_scenarios"))
            return [], t("alin.what.funded")
        names = {s.scenario_id: s.scenario.name for s in saved}
        chosen = st.selectbox(t("alin.scenario"), list(names), format_func=names.__getitem__, key="alin-scenario",
                              placeholder=t("select.placeholder"))
        funded = alignment.funded_in_scenario(data.connection(), store, parish_code, chosen)
        if funded is None:
            st.warning(t("alin.scenario_missing"))
            return [], t("alin.what.funded")
        return [p for p in proposals if p.proposal_id in funded], t("alin.what.funded")
    return proposals, t("alin.what.all")


def matrix_panel() -> None:
    if not pdot and not proposals:
        st.info(t("alin.empty"))
        return
    if any(v.item.is_illustrative for v in stored_pdot):
        st.caption(t("alin.illustrative"))
    chosen, what = counted()
    if not chosen:
        st.info(t("alin.none_counted"))
        gaps = sorted(pdot)
    else:
        only_used = st.toggle(t("alin.only_used"), value=True, key="alin-only-used")
        axes = data.view("alignment_axes")
        ods = alignment.matrix(chosen, pdot, axes, "ods", only_used=only_used)
        pnd = alignment.matrix(chosen, pdot, axes, "pnd", only_used=only_used)
        chart = alignment_chart.heatmap(ods, pnd, title=t("alin.chart.title", what=what),
                                        subtitle=t_count("alin.chart.subtitle", len(chosen),
                                                         count=fmt.number(len(chosen))))
        widgets.chart(chart, width="content", key="alin-heatmap")
        synthetic = any(p.is_synthetic for p in chosen)
        widgets.source_caption(t("alin.source"), synthetic)
        both = pl.concat([ods, pnd]).filter(pl.col("proposals") > 0)
        widgets.downloads(both, {"pdot_code": t("alin.col.pdot"), "pdot_text": t("alin.col.objective"),
                                 "framework": t("alin.col.framework"), "code": t("alin.col.code"),
                                 "code_title": t("alin.col.code_title"), "proposals": t("alin.col.count"),
                                 "proposal_ids": t("alin.col.ids")},
                          "minga-alineacion", key="alin-matrix", code_labels={"framework": {"ods": "ODS", "pnd": "PND"}})
        gaps = alignment.unserved(chosen, pdot)
    st.subheader(t("alin.unserved.title"))
    if not pdot:  # with proposals already: only the PDOT is missing
        st.info(t("alin.no_pdot_objectives") if proposals else t("alin.empty"))
    elif gaps:
        st.warning("\n".join(f"- **{plain(alignment.pdot_code(o))}** ({plain(pdot[o][0])}): {plain(pdot[o][1])}"
                             for o in gaps), icon=":material/report:")
        st.caption(t("alin.unserved.caption"))
    else:
        st.success(t("alin.unserved.none"), icon=":material/check_circle:")
    if pdot:
        coverage = st.expander(t("alin.coverage.title"), key="alin-coverage-open", on_change="rerun")
        if coverage.open:  # the table is computed and drawn when the person opens it
            cover = alignment.coverage(chosen, pdot)
            coverage.dataframe(cover.select(pl.col("pdot_code").alias(t("alin.col.pdot")),
                                            pl.col("component").alias(t("alin.col.component")),
                                            pl.col("objective_es").alias(t("alin.col.objective")),
                                            pl.col("proposals").alias(t("alin.col.count")),
                                            pl.col("proposal_ids").alias(t("alin.col.ids"))),
                               hide_index=True, width="stretch", key="alin-coverage")


def pdot_editor() -> None:
    st.subheader(t("alin.edit.pdot.title"))
    picked = record_form.pick("alin-pdot", t("alin.edit.pdot.pick"), [NEW, *pdot],
                              lambda o: t("alin.edit.pdot.new") if o == NEW else
                              alignment.pdot_label(o, pdot[o][1], 80))
    current = next((v for v in stored_pdot if v.item.pdot_objective_id == picked), None)
    form = record_form.editing("alin-pdot", picked, current, "ap")
    record_form.conflict_notice(form, st, "prop.form.conflict", "prop.form.reload")
    base, k = form.base, form.key
    components = list(alignment.PDOT_COMPONENTS)
    if base and base.component not in components:
        components.append(base.component)
    with st.form(f"{k}-form", enter_to_submit=False):
        c = st.columns([1, 2])
        objective_id = c[0].text_input(t("alin.edit.pdot.id"), value=picked if base else "", disabled=base is not None,
                                       key=f"{k}-id", help=t("alin.edit.pdot.id_help"))
        component = c[1].selectbox(t("alin.edit.pdot.component"), components,
                                   index=components.index(base.component) if base else 0, key=f"{k}-component",
                                   placeholder=t("select.placeholder"))
        text = st.text_area(t("alin.edit.pdot.text"), value=base.objective_es if base else "", key=f"{k}-text",
                            height=80)
        submitted = st.form_submit_button(t("alin.edit.pdot.save"), type="primary", icon=":material/save:",
                                          key=f"{k}-save")
    if not submitted:
        return
    today = facts.today()
    body = {**(base.model_dump() if base else {"is_illustrative": False,
                                               "source": t("alin.edit.pdot.source", user=user.display_name if user
                                                           else "", date=fmt.date(today))}),
            "pdot_objective_id": objective_id.strip(), "parish_code": parish_code, "component": component,
            "objective_es": text.strip()}
    try:
        objective = PdotObjective.model_validate(body)
    except ValidationError as exc:
        names = {"pdot_objective_id": t("alin.edit.pdot.id"), "objective_es": t("alin.edit.pdot.text"),
                 "component": t("alin.edit.pdot.component")}
        st.error(t("alin.edit.error", errors="") + "\n" + plain_list(spanish_errors(exc, names)))
        return
    record_form.save(form, objective.pdot_objective_id,
                     lambda expected: records.save_pdot_objective(store, user, objective, expected_version=expected),
                     store=store, kind=records.PDOT, messages=st.container(), saved_key="alin.edit.pdot.saved",
                     exists_key="alin.edit.pdot.exists", parish_code=parish_code)


def proposal_editor() -> None:
    st.subheader(t("alin.edit.proposal.title"))
    if not stored_proposals:
        st.info(t("alin.edit.proposal.none"))
        return
    by_id = {v.item.proposal_id: v for v in stored_proposals}
    picked = record_form.pick("alin-proposal", t("alin.edit.proposal.pick"), list(by_id),
                              lambda o: f"{o} · {by_id[o].item.title}")
    form = record_form.editing("alin-proposal", picked, by_id[picked], "aa")
    record_form.conflict_notice(form, st, "prop.form.conflict", "prop.form.reload")
    base, k = form.base, form.key
    goals, targets, pnd = reg.sdg_goals(), reg.sdg_targets(), reg.pnd_objectives()
    placeholder = t("alin.edit.placeholder")
    with st.form(f"{k}-form", enter_to_submit=False):
        pdot_ids = st.multiselect(t("alin.edit.proposal.pdot"), list(pdot),
                                  default=[o for o in base.pdot_objective_ids if o in pdot],
                                  format_func=lambda o: alignment.pdot_label(o, pdot[o][1], 90), key=f"{k}-pdot",
                                  placeholder=placeholder)
        c = st.columns(2)
        sdg = c[0].multiselect(t("alin.edit.proposal.ods"), list(goals), default=[g for g in base.sdg_goals if g in goals],
                               format_func=goals.__getitem__, key=f"{k}-sdg", placeholder=placeholder)
        sdg_targets = c[1].multiselect(t("alin.edit.proposal.targets"), list(targets),
                                       default=[x for x in base.sdg_targets if x in targets],
                                       format_func=targets.__getitem__, key=f"{k}-targets", placeholder=placeholder,
                                       help=t("alin.edit.proposal.targets_help"))
        pnd_ids = st.multiselect(t("alin.edit.proposal.pnd"), list(pnd),
                                 default=[o for o in base.pnd_objective_ids if o in pnd], format_func=pnd.__getitem__,
                                 key=f"{k}-pnd", placeholder=placeholder)
        submitted = st.form_submit_button(t("alin.edit.proposal.save"), type="primary", icon=":material/save:",
                                          key=f"{k}-save")
    if not submitted:
        return
    try:
        proposal = from_form({"pdot_objective_ids": pdot_ids, "sdg_goals": sdg, "sdg_targets": sdg_targets,
                              "pnd_objective_ids": pnd_ids}, base, parish_code=parish_code)
    except FormError as exc:
        st.error(t("alin.edit.error", errors="") + "\n" + plain_list(exc.problems), icon=":material/error:")
        return
    record_form.save(form, picked,
                     lambda expected: records.save_proposal(store, user, proposal, expected_version=expected),
                     store=store, kind=records.PROPOSAL, messages=st.container(), saved_key="alin.edit.proposal.saved")


matrix_panel()
st.divider()
if session.allowed(Action.EDIT_ALIGNMENT):
    left, right = st.columns(2, gap="large")
    with left:
        pdot_editor()
    with right:
        proposal_editor()
else:
    st.caption(t("alin.edit.readonly"))
