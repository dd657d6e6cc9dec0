"""Territorio: the parish's 2022 census figures (and the study's earlier ones, for El Valle) against the other rural
parishes of its canton, on a map and ranked, each figure with its source. Works for any of the 1,047 parishes."""

import polars as pl
import streamlit as st

from core import fmt
from core.diagnosis.census import census_panel, figures_table
from core.diagnosis.tables import compact_number, for_display, formatted
from core.diagnosis.territory import (
    TERRITORY_INDICATORS,
    chart_caption,
    indicator_formatter,
    known_counts,
    rank_text,
    territory_ranking,
    tied_counts,
)
from core.texts import label, t
from ui import census, charts, maps, state
from ui import diagnosis as page

code = state.current_parish()
frames = page.page_frames("territorio", code)

st.title(t("diag.territorio.title"))
comparison = frames["comparison"]
mine = comparison.filter(pl.col("parish_code") == code)
if mine.is_empty() or frames["census"].is_empty():
    st.warning(t("diag.unknown_parish"))
    st.stop()
row = mine.row(0, named=True)
panel = census_panel(frames["census"].row(0, named=True))
known = known_counts(comparison)
canton, province = row["canton"], row["province"]

st.subheader(t("diag.territorio.subtitle", name=row["name"], canton=canton, province=province))
st.write(t("diag.territorio.intro"))

tied = tied_counts(comparison, row)
ranks = {indicator: rank_text(row, indicator, known[indicator], tied[indicator]) for indicator in TERRITORY_INDICATORS}
census.draw_census(panel, captions=ranks)

st.markdown(f"**{t('diag.territorio.figures')}**")
st.dataframe(figures_table(panel, ranks), hide_index=True, width="stretch", key="territorio-figures")

indicator = st.radio(t("diag.territorio.indicator"), TERRITORY_INDICATORS, horizontal=True,
                     format_func=lambda i: label("territory_indicator", i), key="territorio-indicator")
indicator_label = label("territory_indicator", indicator)
formatter = indicator_formatter(indicator)

st.subheader(t("diag.territorio.map_title", canton=canton, indicator=indicator_label))
values = dict(comparison.select("parish_code", indicator).iter_rows())
if maps.canton_map(panel, frames["shapes"], values, indicator_label, key="territorio-map", canton=canton,
                   value_format=formatter):
    st.caption(t("diag.territorio.map_caption", indicator=indicator_label.lower()))

ranking = territory_ranking(comparison, indicator, code)
if ranking.is_empty():
    st.info(t("diag.territorio.none_known", canton=canton, indicator=indicator_label.lower()))
else:
    figure = charts.bar_chart(
        ranking, category="name", value="value", text="value_text", highlight="selected",
        title=t("diag.territorio.chart_title", indicator=indicator_label, canton=canton),
        value_title=indicator_label, percent=indicator == "poverty_rate",
        value_format=",.1f" if indicator in ("area_km2", "density_per_km2") else ",.0f",
        tooltip=[("name", t("diag.col.parish")), ("value_text", indicator_label), ("source", t("diag.col.source"))],
        subtitle=chart_caption(known[indicator], row["canton_rural_parishes"]),
    )
    page.chart(figure, source=t("diag.territorio.sources_caption"), synthetic=False, frame=ranking,
               headers={"parish_code": t("diag.col.parish_code"), "name": t("diag.col.parish"),
                        "value": indicator_label, "source": t("diag.col.source")},
               name=f"minga-territorio-{fmt.slug(indicator_label)}", key="territorio-ranking")

st.subheader(t("diag.territorio.table_title"))
headers = {c: t(f"diag.col.{c}") for c in (
    "parish_code", "name", "population", "population_year", "area_km2", "density_per_km2", "poverty_rate",
    "population_source", "area_source", "poverty_source")}
headers["name"] = t("diag.col.parish")
shown = {c: headers[c] for c in ("name", "population", "population_year", "area_km2", "density_per_km2",
                                 "poverty_rate", "population_source", "area_source", "poverty_source")}
shown["poverty_rate"] = t("diag.col.poverty_shown")
page.table(
    for_display(comparison, shown, formats={
        "population": fmt.number, "population_year": lambda y: str(y) if y else fmt.UNKNOWN,
        "area_km2": indicator_formatter("area_km2"),
        "density_per_km2": indicator_formatter("density_per_km2"),
        "poverty_rate": indicator_formatter("poverty_rate"),
        "population_source": lambda s: s or fmt.UNKNOWN, "area_source": lambda s: s or fmt.UNKNOWN,
        "poverty_source": lambda s: s or fmt.UNKNOWN}),
    download=comparison, headers=headers, name="minga-territorio-canton", key="territorio-table",
    source=t("diag.territorio.sources_caption"), synthetic=False)

st.subheader(t("diag.territorio.context_title", canton=canton, province=province))
context = frames["context"]
if context.is_empty():
    st.info(t("diag.territorio.context_missing", canton=canton, province=province))
else:
    context = formatted(context, "value", compact_number)
    context_headers = {c: t(f"diag.col.{c}") for c in ("level", "area", "indicator", "period", "value", "unit",
                                                         "source")}
    shown_context = {**context_headers, "value_text": t("diag.col.value")}
    shown_context.pop("value")
    shown_context = {c: shown_context[c] for c in ("level", "area", "indicator", "period", "value_text", "unit",
                                                   "source")}
    page.table(
        for_display(context, shown_context, code_labels={"level": "diagnosis_level"},
                              formats={"period": lambda p: p or "—"}),
        download=context, headers=context_headers, name="minga-territorio-contexto", key="territorio-context",
        source=t("diag.territorio.sources_caption"), synthetic=False)
