"""Comparar: the chosen parish's canton (its parishes) or province (its cantons and parishes) on the 2022 census
and on aid received, as a table and, where polygons exist, a map."""

import streamlit as st

from core.data import geo
from core.diagnosis.comparison import (
    CANTON_COLUMNS,
    INDICATORS,
    LEVELS,
    PARISH_COLUMNS,
    canton_table,
    formats,
    headers,
    parish_table,
)
from core.texts import labels, t
from ui import data, maps, state
from ui import diagnosis as page

code = state.current_parish()
st.title(t("comparar.title"))
st.write(t("comparar.intro"))
mine = data.view("parish_comparison", "parish_code = ?", (code,))
if mine.is_empty():
    st.warning(t("comparar.unknown_parish"))
    st.stop()
row = mine.row(0, named=True)

level = st.radio(t("comparar.level"), LEVELS, horizontal=True, key="comparar-level",
                 format_func=lambda lv: t(f"comparar.level.{lv}", canton=row["canton"], province=row["province"]))
indicator = st.selectbox(t("comparar.indicator"), INDICATORS, key="comparar-indicator",
                         format_func=lambda i: t(f"comparar.col.{i}"), placeholder=t("select.placeholder"))
indicator_label = t(f"comparar.col.{indicator}")
key_column, key_value, area = (("canton_code", row["canton_code"], row["canton"]) if level == "canton"
                               else ("province_code", row["province_code"], row["province"]))
parishes = data.view("parish_comparison", f"{key_column} = ?", (key_value,), order_by="parish_code")
synthetic = bool(parishes["has_synthetic_records"].any())

st.subheader(t("comparar.map_title", indicator=indicator_label, area=area))
shapes = data.view("parish_shapes", f"left(parish_code, {len(key_value)}) = ?", (key_value,))
if shapes.is_empty():
    st.info(t("comparar.map_missing", area=area))
else:
    values = dict(parishes.select("parish_code", indicator).iter_rows())
    collection = geo.feature_collection(shapes.iter_rows(named=True), values, code, value_format=formats(parishes)[indicator])
    maps.parish_map(collection, indicator_label, key="comparar-map")

if level == "province":
    st.subheader(t("comparar.cantons_title", province=area))
    cantons = data.view("canton_summary", "province_code = ?", (key_value,), order_by="canton_code")
    page.table(canton_table(cantons, indicator if indicator in CANTON_COLUMNS else "population_2022"),
               download=cantons, headers=headers(CANTON_COLUMNS), name=f"minga-cantones-{key_value}",
               key="comparar-cantons", source=t("comparar.source"), synthetic=synthetic)

st.subheader(t("comparar.parishes_title", area=area))
page.table(parish_table(parishes, indicator), download=parishes, headers=headers(PARISH_COLUMNS),
           name=f"minga-parroquias-{key_value}", key="comparar-parishes", source=t("comparar.source"),
           synthetic=synthetic, code_labels={"kind": labels("parish_kind")})
