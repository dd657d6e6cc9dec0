"""Migración: families of members with relatives abroad, who is left to farm, and the emigration and
remittances of the province and canton (reference figures with their sources and years)."""

import polars as pl
import streamlit as st

from core import fmt
from core.diagnosis.answers import answer_share, select
from core.diagnosis.migration import (
    abroad_by_association,
    farm_profile,
    national_value,
    province_comparison,
    province_indicators,
    reference_value_text,
)
from core.diagnosis.queries import parish_keys
from core.diagnosis.tables import compact_number, for_display, formatted
from core.texts import t
from ui import charts, state
from ui import diagnosis as page

frames, parish = page.open_page("migracion")
keys = parish_keys(parish["parish_code"])
st.write(t("diag.migracion.intro"))
associations = frames["associations"]

if associations.is_empty():
    st.info(t("diag.migracion.no_survey"))
else:
    synthetic, chosen = page.marked_filter(associations, key="migracion-filter")
    SURVEY = page.source("survey", synthetic)
    answers = select(frames["answers"], chosen)
    if answers.is_empty():  # associations registered, none of the chosen ones surveyed
        st.info(t("diag.empty.selection"))
    else:
        abroad = answer_share(answers, "family_abroad", ["true"])
        st.metric(t("diag.migracion.metric.abroad"), abroad.percent(), delta=abroad.of_base(), delta_color="off",
                  delta_arrow="off")
        # the demo's records: the notes on the study apply
        STUDY = state.shows_the_study(parish["parish_code"], synthetic)
        if STUDY:
            st.caption(t("diag.migracion.reading"))
        by_association = abroad_by_association(answers)
        figure = charts.bar_chart(
            by_association, category="association_name", value="share", text="share_text", percent=True,
            title=t("diag.migracion.by_association_title"), value_title=t("diag.migracion.share_axis"),
            rule=abroad.value, rule_text=t("diag.migracion.parish_rule", share=abroad.percent()),
            tooltip=[("association_name", t("diag.col.association")), ("share_text", t("diag.migracion.share_axis"))])
        page.chart(figure, source=SURVEY, synthetic=synthetic, frame=by_association,
                   headers={"association_name": t("diag.col.association"),
                            "surveyed": t("diag.migracion.col.surveyed"), "abroad": t("diag.migracion.col.abroad"),
                            "share": t("diag.col.share")},
                   name="minga-familias-exterior", key="migracion-by-association")

        st.subheader(t("diag.migracion.who_farms_title"))
        st.write((t("diag.migracion.who_farms_study") + " " if STUDY else "") + t("diag.migracion.who_farms_intro"))
        profile = farm_profile(select(frames["households"], chosen))
        groups = [t("diag.migracion.group.true"), t("diag.migracion.group.false")]
        figure = charts.grouped_bar_chart(
            profile, category="measure_label", group="group_label", value="share", text="share_text",
            title=t("diag.migracion.who_farms_chart"), value_title=t("diag.migracion.share_of_group"),
            group_title=t("diag.migracion.group"), group_sort=groups,
            tooltip=[("group_label", t("diag.migracion.group")), ("measure_label", t("diag.migracion.measure")),
                     ("share_text", t("diag.migracion.share_of_group"))])
        page.chart(figure, source=SURVEY, synthetic=synthetic, frame=profile,
                   headers={"group_label": t("diag.migracion.col.group"),
                            "measure_label": t("diag.migracion.col.measure"),
                            "count": t("diag.migracion.col.count"), "base": t("diag.migracion.col.base"),
                            "share": t("diag.col.share")},
                   name="minga-quien-queda", key="migracion-who-farms")

province = parish["province"]
canton = parish["canton"]
st.subheader(t("diag.migracion.reference_title", province=province, canton=canton))
reference = formatted(frames["reference"], "value", compact_number)
local = reference.filter(pl.col("dpa_code").is_in([keys["province_code"], keys["canton_code"]]))
if local.is_empty():
    st.info(t("diag.migracion.reference_missing", province=province, canton=canton))
else:
    st.markdown("\n".join(
        t("diag.migracion.local_item", indicator=fmt.capitalized(item["indicator"]), area=item["area"],
          period=item["period"] or "—", value=reference_value_text(item["value"], item["unit"]),
          source=item["source"])
        for item in local.iter_rows(named=True)))

comparable = province_indicators(reference)
if comparable:
    indicator = st.selectbox(t("diag.migracion.compare_indicator"), list(comparable), key="migracion-indicator",
                             format_func=lambda i: f"{fmt.capitalized(i)} ({comparable[i]})",
                             placeholder=t("select.placeholder"))
    provinces = province_comparison(reference, indicator, keys["province_code"])
    national = national_value(reference, indicator, comparable[indicator])
    figure = charts.bar_chart(
        provinces, category="area", value="value", text="value_text", highlight="selected",
        title=t("diag.migracion.compare_title", indicator=fmt.capitalized(indicator), period=comparable[indicator]),
        value_title=provinces["unit"][0], value_format=",.0f",
        rule=national["value"] if national else None,
        rule_text=t("diag.migracion.national", value=national["value_text"]) if national else None,
        tooltip=[("area", t("diag.col.area")), ("value_text", t("diag.col.value")), ("unit", t("diag.col.unit")),
                 ("source", t("diag.col.source"))])
    page.chart(figure, source=provinces["source"][0], synthetic=False, frame=provinces,
               headers={"area": t("diag.col.area"), "period": t("diag.col.period"), "value": t("diag.col.value"),
                        "unit": t("diag.col.unit"), "source": t("diag.col.source")},
               name="minga-provincias", key="migracion-provinces")

st.markdown(f"**{t('diag.migracion.reference_table')}**")
nearby = reference.filter(pl.col("dpa_code").is_in([keys["province_code"], keys["canton_code"]])
                          | (pl.col("level") == "país"))
reference_headers = {c: t(f"diag.col.{c}") for c in ("level", "area", "theme", "indicator", "period", "value",
                                                      "unit", "source", "source_detail")}
shown = {c: reference_headers[c] for c in ("level", "area", "indicator", "period")}
shown["value_text"] = t("diag.col.value")
shown.update({c: reference_headers[c] for c in ("unit", "source")})
page.table(for_display(nearby, shown, code_labels={"level": "diagnosis_level"},
                                 formats={"period": lambda p: p or "—"}),
           download=nearby, headers=reference_headers, name="minga-migracion-referencia", key="migracion-reference",
           source=t("diag.migracion.reference_source"), synthetic=False)
