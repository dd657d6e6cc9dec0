"""Propuestas: the parish's proposals with their status and filters; a form to register or edit one (inline
Spanish validation, status changes only along the lifecycle); the import from the planner's own Excel or CSV
with a preview of every problem before anything is stored.

The import tab is drawn by ui.proposal_import.
"""


import polars as pl
import streamlit as st

from core import fmt
from core.lists import join_list
from core.proposals import entry, records
from core.proposals.models import ProposalStatus
from core.record import facts
from core.record.auth import Role
from core.texts import label, labels, t
from ui import (
    data,
    formulation,
    proposal_import,
    proposal_removal,
    proposal_status,
    record_form,
    session,
    state,
    widgets,
)
from ui import decidir_registro as reg
from ui import number_field as numbers
from ui.record_form import NEW
from ui.text import plain_list

FORM = "prop-form"

session.work_page()
parish_code = state.current_parish()
user = session.current_user()
store = data.store()
names = data.association_names(parish_code)
stored = entry.seen_by(user, records.proposals(store, parish_code))  # another association's draft is its own

st.title(t("prop.title"))
st.write(t("prop.intro"))
if not names and not stored:
    st.info(t("prop.no_associations", name=reg.parish_name(parish_code)))
    st.stop()
if not entry.may_edit(user):
    st.caption(t("prop.readonly"))


# -- The list --------------------------------------------------------------------------------------------------

def list_panel() -> None:
    reg.flash(proposal_status.FLASH)
    frame = entry.list_frame(((v.item, v.version) for v in stored), names)
    if frame.is_empty():
        st.info(t("prop.empty"))
        return
    if frame["is_synthetic"].any():
        widgets.synthetic_mark()
    columns = st.columns([1, 1.3, 1, 1.4])
    statuses = columns[0].multiselect(t("prop.filter.status"), list(labels("proposal_status")),
                                      format_func=lambda c: label("proposal_status", c), key="prop-f-status",
                                      placeholder=t("prop.filter.placeholder"))
    chosen = columns[1].multiselect(t("prop.filter.association"), list(names), format_func=names.__getitem__,
                                    key="prop-f-association", placeholder=t("prop.filter.placeholder"))
    kinds = columns[2].multiselect(t("prop.filter.kind"), list(labels("support_kind")),
                                   format_func=lambda c: label("support_kind", c), key="prop-f-kind",
                                   placeholder=t("prop.filter.placeholder"))
    text = columns[3].text_input(t("prop.filter.text"), key="prop-f-text", help=t("prop.filter.text_help"))
    shown = entry.filter_frame(frame, statuses=statuses, associations=chosen, kinds=kinds, text=text)
    metrics = st.columns(3)
    metrics[0].metric(t("prop.metric.count"), fmt.number(shown.height),
                      delta=t("prop.metric.of", total=fmt.number(frame.height)), delta_color="off", delta_arrow="off")
    metrics[1].metric(t("prop.metric.cost"), fmt.amount(shown["cost_usd"].sum()))
    metrics[2].metric(t("prop.metric.requested"), fmt.amount(shown["requested_usd"].sum()))
    if shown.is_empty():
        st.info(t("prop.empty_filter"))
        return
    table = shown.select(
        pl.col("proposal_id").alias(t("prop.col.proposal_id")),
        pl.col("title").alias(t("prop.col.title")),
        pl.col("association").alias(t("prop.col.association")),
        pl.col("n_associations").alias(t("prop.col.joint")),
        pl.col("status_label").alias(t("prop.col.status")),
        pl.col("support_label").alias(t("prop.col.kind")),
        pl.col("cost_usd").map_elements(fmt.amount_for(shown["cost_usd"]), return_dtype=pl.Utf8)
        .alias(t("prop.col.cost")),
        pl.col("requested_usd").map_elements(fmt.amount_for(shown["requested_usd"]), return_dtype=pl.Utf8)
        .alias(t("prop.col.requested")),
        pl.col("direct_beneficiaries").alias(t("prop.col.beneficiaries")),
        pl.col("pdot_objective_ids").alias(t("prop.col.pdot")),
        pl.col("sdg_goals").alias(t("prop.col.ods")),
    )
    small = {t(f"prop.col.{c}"): st.column_config.Column(width="small")
             for c in ("proposal_id", "joint", "beneficiaries", "pdot", "ods")}
    st.dataframe(table, hide_index=True, width="stretch", key="prop-table", height=min(36 * (table.height + 1) + 4, 640),
                 column_config={**small, t("prop.col.title"): st.column_config.Column(width="large"),
                                t("prop.col.association"): st.column_config.Column(width="medium")})
    widgets.source_caption(t("prop.source"), bool(shown["is_synthetic"].any()))
    widgets.downloads(shown, entry.download_headers(), t("prop.download.name"), key="prop-list",
                      code_labels={"is_synthetic": labels("bool")})
    proposal_status.bulk_panel(shown, user, store)


# -- The form --------------------------------------------------------------------------------------------------

def _lines_frame(base) -> pl.DataFrame:
    """Amounts as text in es-EC («1.500,00»): a number column would show «1500.00»."""
    rows = [{"item": line.item, "amount_usd": fmt.number(line.amount_usd, 2),
             "source": label("funding_source", line.source)} for line in (base.budget_lines if base else [])]
    return pl.DataFrame(rows, schema={"item": pl.Utf8, "amount_usd": pl.Utf8, "source": pl.Utf8})


def _indicators_frame(base) -> pl.DataFrame:
    rows = [i.model_dump() for i in (base.indicators if base else [])]
    return pl.DataFrame(rows, schema={"name": pl.Utf8, "baseline": pl.Utf8, "target": pl.Utf8,
                                      "means_of_verification": pl.Utf8})


def _rows(edited) -> list[dict]:
    frame = edited if isinstance(edited, pl.DataFrame) else pl.DataFrame(edited)
    return frame.to_dicts()


def _index(options: list, value) -> int | None:
    return options.index(value) if value in options else None


def form_panel() -> None:
    if not entry.may_edit(user):
        st.info(t("prop.readonly"))
        return
    editable = {v.item.proposal_id: v for v in stored if entry.may_edit(user, v.item)}
    picked = record_form.pick(FORM, t("prop.form.pick"), [NEW, *editable],
                              lambda o: t("prop.form.new") if o == NEW else f"{o} · {editable[o].item.title}")
    form = record_form.editing(FORM, picked, editable.get(picked), "pf")
    base, k = form.base, form.key
    if base is not None and base.is_synthetic:
        st.caption(t("prop.form.synthetic"))
    if base is not None:
        formulation.checklist(base)
    messages = st.container()
    record_form.conflict_notice(form, messages, "prop.form.conflict", "prop.form.reload")
    rep = user is not None and user.role == Role.ASSOCIATION
    # a representative leads a new proposal; a stored one keeps its proponents (only planners change them)
    fixed_owners = rep and base is not None
    own = [base.association_id] if fixed_owners else [a for a in names if not rep or a == user.association_id]
    offers = {v.item.offer_id: v.item.title for v in records.offers(store)}
    pdot = {v.item.pdot_objective_id: v.item.objective_es for v in records.pdot_objectives(store, parish_code)}
    goals, targets, pnd = reg.sdg_goals(), reg.sdg_targets(), reg.pnd_objectives()
    competences, problems = reg.competences(), reg.problems(parish_code)
    funding = labels("funding_source")
    placeholder = t("prop.form.placeholder")

    with st.form(f"{k}-form", clear_on_submit=False, enter_to_submit=False, border=True):
        st.markdown(f"**{t('prop.form.section.identity')}**")
        c = st.columns([1, 2])
        code = c[0].text_input(entry.field_label("proposal_id"), value=base.proposal_id if base else "",
                               disabled=base is not None, key=f"{k}-id", help=t("prop.form.id_help"))
        lead_default = base.association_id if base else (user.association_id if rep else None)
        lead = c[1].selectbox(entry.field_label("association_id"), own, index=_index(own, lead_default),
                              format_func=lambda a: names.get(a, a), key=f"{k}-lead", disabled=fixed_owners,
                              placeholder=t("prop.form.choose"))
        joined = base.association_ids[1:] if base else []
        partners = st.multiselect(t("prop.form.partners"), list(dict.fromkeys([*names, *joined])) if fixed_owners
                                  else list(names), default=joined if fixed_owners else [a for a in joined if a in names],
                                  format_func=lambda a: names.get(a, a), key=f"{k}-partners", placeholder=placeholder,
                                  disabled=fixed_owners, help=t("prop.form.owners_fixed") if fixed_owners else None)
        title = st.text_input(entry.field_label("title"), value=base.title if base else "", max_chars=200,
                              key=f"{k}-title")
        summary = st.text_area(entry.field_label("summary"), value=(base.summary or "") if base else "",
                               key=f"{k}-summary", height=80)

        st.markdown(f"**{t('prop.form.section.problem')}**")
        problem = st.text_area(entry.field_label("problem"), value=(base.problem or "") if base else "",
                               key=f"{k}-problem", height=80)
        general = st.text_area(entry.field_label("general_objective"),
                               value=(base.general_objective or "") if base else "", key=f"{k}-general", height=68)
        specific = st.text_area(entry.field_label("specific_objectives"),
                                value=(join_list(base.specific_objectives, lines=True) or "") if base else "",
                                key=f"{k}-specific", help=t("prop.form.one_per_line"), height=90)

        st.markdown(f"**{t('prop.form.section.people')}**")
        c = st.columns(5)
        people_fields = ("direct_beneficiaries", "indirect_beneficiaries", "women_beneficiaries",
                         "youth_beneficiaries", "families")
        people = {name: numbers.number_field(entry.field_label(name), key=f"{k}-{name}", minimum=0, where=c[i],
                                             value=(getattr(base, name) or 0) if base else 0)
                  for i, name in enumerate(people_fields)}
        c = st.columns([2, 1, 1, 1])
        location = c[0].text_input(entry.field_label("location"), value=(base.location or "") if base else "",
                                   key=f"{k}-location")
        localizations = list(labels("localization"))
        localization = c[1].selectbox(entry.field_label("localization"), localizations,
                                      index=localizations.index(base.localization if base else "rural"),
                                      format_func=lambda x: label("localization", x), key=f"{k}-localization",
                                      placeholder=t("select.placeholder"))
        duration = numbers.number_field(entry.field_label("duration_months"), key=f"{k}-duration", minimum=0,
                                        maximum=120, value=(base.duration_months or 0) if base else 0, where=c[2],
                                        help=t("prop.form.duration_help"))
        start = c[3].date_input(entry.field_label("start_date"), value=base.start_date if base else None,
                                format="DD/MM/YYYY", key=f"{k}-start")

        st.markdown(f"**{t('prop.form.section.money')}**")
        c = st.columns(5)
        money_fields = ("cost_usd", "requested_usd", "counterpart_associations_usd", "counterpart_cooperant_usd",
                        "counterpart_other_usd")
        money = {name: numbers.number_field(entry.field_label(name), key=f"{k}-{name}", decimals=2, money=True, minimum=0.0,
                                            value=float(getattr(base, name)) if base else 0.0, where=c[i])
                 for i, name in enumerate(money_fields)}
        c = st.columns(2)
        cooperant = c[0].text_input(entry.field_label("cooperant_name"),
                                    value=(base.cooperant_name or "") if base else "", key=f"{k}-cooperant")
        offer_options = [""] + list(offers)
        offer = c[1].selectbox(entry.field_label("cooperation_offer_id"), offer_options,
                               index=_index(offer_options, (base.cooperation_offer_id or "") if base else ""),
                               format_func=lambda o: t("prop.form.none") if not o else f"{o} · {offers[o]}",
                               key=f"{k}-offer", placeholder=t("prop.form.choose"))

        st.markdown(f"**{t('prop.form.section.lines')}**")
        st.caption(t("prop.form.lines_help"))
        lines = st.data_editor(
            _lines_frame(base), num_rows="dynamic", key=f"{k}-lines", width="stretch",
            column_config={
                "item": st.column_config.TextColumn(t("prop.form.lines_item"), width="large", default=""),
                "amount_usd": st.column_config.TextColumn(t("prop.form.lines_amount"),
                                                          help=t("prop.form.lines_amount_help"), default=""),
                "source": st.column_config.SelectboxColumn(t("prop.form.lines_source"), options=list(funding.values()),
                                                           default=funding["gad"]),
            })

        st.markdown(f"**{t('prop.form.section.results')}**")
        indicators = st.data_editor(
            _indicators_frame(base), num_rows="dynamic", key=f"{k}-indicators", width="stretch",
            column_config={"name": st.column_config.TextColumn(t("prop.form.ind_name"), width="medium", default=""),
                           "baseline": st.column_config.TextColumn(t("prop.form.ind_baseline"), default=""),
                           "target": st.column_config.TextColumn(t("prop.form.ind_target"), default=""),
                           "means_of_verification": st.column_config.TextColumn(t("prop.form.ind_verification"),
                                                                                default="")})
        c = st.columns(2)
        sustainability = c[0].text_area(entry.field_label("sustainability"),
                                        value=(base.sustainability or "") if base else "", key=f"{k}-sust", height=80)
        risks = c[1].text_area(entry.field_label("risks"),
                               value=(join_list(base.risks, lines=True) or "") if base else "",
                               key=f"{k}-risks", help=t("prop.form.one_per_line"), height=80)
        manager = st.text_input(entry.field_label("project_manager"),
                                value=(base.project_manager or "") if base else "", key=f"{k}-manager")
        national_format = formulation.fields(base, k)

        st.markdown(f"**{t('prop.form.section.alignment')}**")
        c = st.columns(2)
        pdot_ids = c[0].multiselect(entry.field_label("pdot_objective_ids"), list(pdot),
                                    default=[o for o in (base.pdot_objective_ids if base else []) if o in pdot],
                                    format_func=lambda o: f"{fmt.local_code(o)} · {pdot[o]}", key=f"{k}-pdot",
                                    placeholder=placeholder)
        pnd_ids = c[1].multiselect(entry.field_label("pnd_objective_ids"), list(pnd),
                                   default=[o for o in (base.pnd_objective_ids if base else []) if o in pnd],
                                   format_func=lambda o: pnd[o], key=f"{k}-pnd", placeholder=placeholder)
        sdg = c[0].multiselect(entry.field_label("sdg_goals"), list(goals),
                               default=[g for g in (base.sdg_goals if base else []) if g in goals],
                               format_func=goals.__getitem__, key=f"{k}-sdg", placeholder=placeholder)
        sdg_targets = c[1].multiselect(entry.field_label("sdg_targets"), list(targets),
                                       default=[x for x in (base.sdg_targets if base else []) if x in targets],
                                       format_func=targets.__getitem__, key=f"{k}-targets", placeholder=placeholder)
        problem_ids = c[0].multiselect(entry.field_label("problem_ids"), list(problems),
                                       default=[x for x in (base.problem_ids if base else []) if x in problems],
                                       format_func=problems.__getitem__, key=f"{k}-problems", placeholder=placeholder)
        needs = c[1].multiselect(entry.field_label("needs"), list(labels("proposal_need")),
                                 default=list(base.needs) if base else [],
                                 format_func=lambda x: label("proposal_need", x), key=f"{k}-needs",
                                 placeholder=placeholder)
        themes = c[0].multiselect(entry.field_label("themes"), list(labels("theme")),
                                  default=list(base.themes) if base else [], format_func=lambda x: label("theme", x),
                                  key=f"{k}-themes", placeholder=placeholder)
        kinds = list(labels("support_kind"))
        kind = c[1].selectbox(entry.field_label("support_kind"), kinds,
                              index=_index(kinds, base.support_kind if base else None),
                              format_func=lambda x: label("support_kind", x), key=f"{k}-kind",
                              placeholder=t("prop.form.choose"))
        competence_options = [""] + list(competences)
        if base and base.competence_code and base.competence_code not in competences:
            competence_options.append(base.competence_code)
        competence = c[0].selectbox(entry.field_label("competence_code"), competence_options,
                                    index=_index(competence_options, (base.competence_code or "") if base else ""),
                                    format_func=lambda x: t("prop.form.none") if not x else competences.get(x, x),
                                    key=f"{k}-competence", placeholder=t("prop.form.choose"))
        scopes = list(labels("benefit_scope"))
        scope = c[1].selectbox(entry.field_label("benefit_scope"), scopes,
                               index=scopes.index(base.benefit_scope if base else "collective"),
                               format_func=lambda x: label("benefit_scope", x), key=f"{k}-scope",
                               placeholder=t("select.placeholder"))

        st.markdown(f"**{t('prop.form.section.status')}**")
        status_now = base.status if base else ProposalStatus.DRAFT
        st.markdown(t("prop.form.status_now", status=label("proposal_status", status_now.value)))
        steps = entry.next_statuses(status_now, user)
        new_status, note = None, None
        if steps:
            c = st.columns([1, 2])
            choice = c[0].selectbox(t("prop.form.status_next"), ["", *[s.value for s in steps]], key=f"{k}-status",
                                    format_func=lambda s: t("prop.form.status_keep",
                                                            status=label("proposal_status", status_now.value))
                                    if not s else label("proposal_status", s), placeholder=t("select.placeholder"))
            note = c[1].text_input(t("prop.form.status_note"), key=f"{k}-note")
            new_status = choice or None
        elif status_now == ProposalStatus.CLOSED:
            st.caption(t("prop.form.status_final"))
        submitted = st.form_submit_button(t("prop.form.save"), type="primary", icon=":material/save:",
                                          key=f"{k}-save")

    proposal_removal.delete_panel(form, editable.get(picked), user, store)
    if not submitted:
        return
    if numbers.problems([*people.values(), duration, *money.values()]):
        messages.error(t("number.fix_fields"), icon=":material/error:")
        return
    counts = {name: int(reading.value or 0) for name, reading in people.items()}
    amounts = {name: reading.value or 0.0 for name, reading in money.items()}
    values = {
        "proposal_id": code, "association_id": lead, "association_ids": partners, "title": title,
        "summary": summary, "problem": problem, "general_objective": general, "specific_objectives": specific,
        **counts, "families": counts["families"] or None,
        "location": location, "localization": localization, "duration_months": int(duration.value or 0) or None,
        "start_date": start, **amounts, "cooperant_name": cooperant, "cooperation_offer_id": offer or None,
        "budget_lines": [{**r, "source": {v: c for c, v in funding.items()}.get(r.get("source"), r.get("source"))}
                         for r in _rows(lines)],
        "indicators": _rows(indicators), "sustainability": sustainability, "risks": risks,
        "project_manager": manager, "pdot_objective_ids": pdot_ids, "pnd_objective_ids": pnd_ids,
        "sdg_goals": sdg, "sdg_targets": sdg_targets, "problem_ids": problem_ids, "needs": needs,
        "themes": themes, "support_kind": kind, "competence_code": competence or None, "benefit_scope": scope,
        **national_format,
    }
    today = facts.today()
    try:
        proposal = entry.from_form(values, base, parish_code=parish_code, new_status=new_status, note=note,
                                   today=today, source=t("prop.form.source", user=user.display_name if user else "",
                                                         date=fmt.date(today)))
    except entry.FormError as exc:
        messages.error(t("prop.form.errors") + "\n" + plain_list(exc.problems), icon=":material/error:")
        return
    record_form.save(form, proposal.proposal_id,
                     lambda expected: records.save_proposal(store, user, proposal, expected_version=expected),
                     store=store, kind=records.PROPOSAL, messages=messages, saved_key="prop.form.saved",
                     exists_key="prop.form.exists", parish_code=parish_code)


# Every tab runs (unlike Asociaciones' lazy tabs): a half-filled form or an uploaded file must survive a look at
# another tab, and Streamlit forgets the widgets a run does not draw.
tab_list, tab_form, tab_import = st.tabs([t("prop.tab.list"), t("prop.tab.form"), t("prop.tab.import")])
with tab_list:
    list_panel()
    proposal_status.to_complete_panel([v.item for v in stored], {
        v.item.pdot_objective_id: v.item.objective_es for v in records.pdot_objectives(store, parish_code)})
with tab_form:
    form_panel()
with tab_import:
    proposal_import.import_panel(parish_code, names)
