"""Ayudas recibidas: who gave what to whom and when, how many families it reached and how much it helped,
and what the study could only describe: aid atomized and repeated, institutions that never coordinate."""

import polars as pl
import streamlit as st

from core import fmt
from core.diagnosis.aid import aid_flow_texts, aid_shares, kinds_labelled, never_coordinating, with_reasons
from core.diagnosis.answers import select
from core.diagnosis.tables import for_display, formatted
from core.texts import labels, t
from ui import charts, state
from ui import diagnosis as page

frames, synthetic, chosen = page.open_survey_page("ayudas")
associations = frames["associations"]
picked = select(associations, chosen)
answers = select(frames["answers"], chosen)
flows = select(frames["flows"], chosen)
SURVEY, AID = page.source("survey", synthetic), t("diag.source.aid")
STUDY = state.shows_the_study(state.current_parish(), synthetic)  # the demo's records: the notes on the study apply

shares = aid_shares(answers)
metrics = st.columns(4)
metrics[0].metric(t("diag.ayudas.metric.projects"), shares["projects"].percent(), delta=shares["projects"].of_base(),
                  delta_color="off", delta_arrow="off", help=t("diag.ayudas.metric.projects_help"))
metrics[1].metric(t("diag.ayudas.metric.effectiveness"), shares["effectiveness"].percent(),
                  delta=shares["effectiveness"].of_base(), delta_color="off", delta_arrow="off",
                  help=t("diag.ayudas.metric.effectiveness_help"))
metrics[2].metric(t("diag.ayudas.metric.no_state"), shares["no_state"].percent(), delta=shares["no_state"].of_base(),
                  delta_color="off", delta_arrow="off")
metrics[3].metric(t("diag.ayudas.metric.records"), fmt.number(flows["aid_records"].sum()),
                  delta=t("diag.ayudas.metric.records_delta", amount=fmt.amount(flows["amount_usd"].sum())),
                  delta_color="off", delta_arrow="off")

if answers.is_empty():
    st.info(t("diag.empty.selection"))
else:
    page.answer_chart(answers, "aid_effectiveness", t("diag.ayudas.effectiveness_title"), "ayudas-effectiveness",
                      source=SURVEY, synthetic=synthetic,
                      subtitle=t("diag.ayudas.effectiveness_caption", base=fmt.number(shares["effectiveness"].base))
                      + (t("diag.ayudas.effectiveness_reading") if STUDY else ""))

if flows.is_empty():
    st.info(t("diag.ayudas.no_aid"))
    st.stop()

flows = aid_flow_texts(flows)
flow_headers = {c: t(f"diag.ayudas.col.{c}") for c in ("institution", "institution_type", "kind", "year",
                                                        "aid_records", "amount_usd", "descriptions")}
flow_headers = {"association_name": t("diag.col.association"), **flow_headers}
flow_labels = {"kind": labels("aid_kind"), "institution_type": labels("institution_type")}
figure = charts.timeline_chart(
    flows, title=t("diag.ayudas.timeline_title"), sort=picked["name"].to_list(),
    subtitle=t("diag.ayudas.timeline_subtitle"),
    tooltip=[("association_name", t("diag.col.association")), ("institution", t("diag.ayudas.institution")),
             ("kind_label", t("diag.ayudas.kind")), ("year", t("diag.ayudas.year")),
             ("amount_text", t("diag.ayudas.amount")), ("descriptions", t("diag.ayudas.col.descriptions"))])
page.chart(figure, source=AID, synthetic=synthetic, frame=flows, headers=flow_headers, name="minga-ayudas",
           key="ayudas-timeline", code_labels=flow_labels)

st.subheader(t("diag.ayudas.atomization_title"))
st.markdown(t("diag.ayudas.atomization_intro") + (" " + t("diag.ayudas.atomization_study") if STUDY else ""))
atomization = with_reasons(select(frames["atomization"], chosen))
atomized = atomization.filter(pl.col("is_atomized"))
st.metric(t("diag.ayudas.atomized_metric"), fmt.number(atomized.height),
          delta=t("diag.ayudas.atomized_delta", total=fmt.number(atomization.height)), delta_color="off",
          delta_arrow="off")
atomization = formatted(atomization, "institutions", fmt.number)
figure = charts.heatmap_chart(
    atomization, x="kind_label", y="association_name", value="institutions", text="institutions_text",
    title=t("diag.ayudas.heatmap_title"), x_title=t("diag.ayudas.kind"), y_title=None,
    value_title=t("diag.ayudas.heatmap_value"), y_sort=picked["name"].to_list(),
    x_sort=[v for k, v in labels("aid_kind").items() if k in set(atomization["kind"].to_list())],
    tooltip=[("association_name", t("diag.col.association")), ("kind_label", t("diag.ayudas.kind")),
             ("institution_list", t("diag.ayudas.col.institution_list")), ("year_list", t("diag.ayudas.col.year_list")),
             ("reason", t("diag.ayudas.col.reason"))])
atomization_headers = {c: t(f"diag.ayudas.col.{c}") for c in (
    "kind", "aid_records", "amount_usd", "institutions", "institution_list", "years", "year_list", "longest_run",
    "is_atomized", "reason")}
atomization_headers = {"association_name": t("diag.col.association"), **atomization_headers}
page.chart(figure, source=AID, synthetic=synthetic, frame=atomization, headers=atomization_headers,
           name="minga-atomizacion", key="ayudas-atomization",
           code_labels={"kind": labels("aid_kind"), "is_atomized": labels("yes_no")})
st.markdown(f"**{t('diag.ayudas.atomized_table')}**")
shown = {c: atomization_headers[c] for c in ("association_name", "kind", "aid_records", "amount_usd", "reason")}
page.table(for_display(atomized, shown, code_labels={"kind": "aid_kind"},
                                 formats={"amount_usd": fmt.amount_for(atomized["amount_usd"]),
                                          "aid_records": fmt.number}),
           download=atomized, headers=atomization_headers, name="minga-atomizadas", key="ayudas-atomized",
           source=AID, synthetic=synthetic, code_labels={"kind": labels("aid_kind"), "is_atomized": labels("yes_no")},
           wide=(atomization_headers["reason"],))

st.subheader(t("diag.ayudas.coordination_title"))
st.markdown(t("diag.ayudas.coordination_intro"))
pairs = formatted(frames["pairs"], "cofunded_association_years", fmt.number)
pairs = formatted(pairs, "shared_associations", fmt.number)
pair_headers = {c: t(f"diag.ayudas.col.{c}") for c in ("institution", "partner", "shared_associations",
                                                        "cofunded_association_years", "same_kind_association_years")}
institutions = sorted(set(pairs["institution"].to_list()))
figure = charts.heatmap_chart(
    pairs, x="partner", y="institution", value="cofunded_association_years", text="cofunded_association_years_text",
    title=t("diag.ayudas.pairs_title"), x_title=t("diag.ayudas.partner"), y_title=None,
    value_title=t("diag.ayudas.cofunded"), x_sort=institutions, y_sort=institutions,
    tooltip=[("institution", t("diag.ayudas.institution")), ("partner", t("diag.ayudas.partner")),
             ("shared_associations_text", t("diag.ayudas.shared")),
             ("cofunded_association_years_text", t("diag.ayudas.cofunded"))])
page.chart(figure, source=AID, synthetic=synthetic, frame=pairs, headers=pair_headers,
           name="minga-coordinacion", key="ayudas-pairs")
never = never_coordinating(frames["pairs"])
st.markdown(f"**{t('diag.ayudas.never_title')}**")
if never.is_empty():
    st.success(t("diag.ayudas.never_none"))
else:
    shown = {c: pair_headers[c] for c in ("institution", "partner", "shared_associations",
                                          "cofunded_association_years")}
    page.table(for_display(never, shown, formats={"shared_associations": fmt.number,
                                                            "cofunded_association_years": fmt.number}),
               download=never, headers=pair_headers, name="minga-nunca-coinciden", key="ayudas-never",
               source=AID, synthetic=synthetic)

st.markdown(f"**{t('diag.ayudas.institutions_title')}**")
institutions_frame = frames["institutions"]
institution_headers = {c: t(f"diag.ayudas.col.{c}") for c in (
    "institution", "institution_type", "aid_records", "amount_usd", "associations", "kinds", "first_year",
    "last_year", "overlapping_institutions", "cofunding_institutions", "never_coordinates")}
page.table(
    for_display(kinds_labelled(institutions_frame), institution_headers,
                          code_labels={"institution_type": "institution_type"},
                          formats={"amount_usd": fmt.amount_for(institutions_frame["amount_usd"]),
                                   "aid_records": fmt.number,
                                   "associations": fmt.number, "first_year": str, "last_year": str,
                                   "overlapping_institutions": fmt.number, "cofunding_institutions": fmt.number}),
    download=kinds_labelled(institutions_frame), headers=institution_headers,
    name="minga-instituciones", key="ayudas-institutions", source=AID, synthetic=synthetic,
    code_labels={"institution_type": labels("institution_type"), "never_coordinates": labels("yes_no")})

st.subheader(t("diag.ayudas.flows_title"))
shown = {c: flow_headers[c] for c in ("association_name", "year", "institution", "kind", "amount_usd",
                                      "descriptions")}
page.table(
    for_display(flows.sort("association_name", "year", "institution"), shown,
                          code_labels={"kind": "aid_kind"},
                          formats={"year": str, "aid_records": fmt.number,
                                   "amount_usd": fmt.amount_for(flows["amount_usd"])}),
    download=flows, headers=flow_headers, name="minga-ayudas-detalle", key="ayudas-flows", source=AID,
    synthetic=synthetic, code_labels=flow_labels)
