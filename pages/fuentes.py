"""Datos y fuentes: every dataset with its provenance and whether its records are generated."""

import polars as pl
import streamlit as st

from core import exports, fmt
from core.parish.own_sources import own_sources
from core.texts import labels, t
from ui import data, state, widgets
from ui import decidir_registro as reg
from ui.text import plain

st.title(t("fuentes.title"))
st.write(t("fuentes.intro"))
sources = data.view("data_sources", order_by="dataset")
headers = {c: t(f"fuentes.col.{c}") for c in ("dataset", "source_file", "provenance", "is_synthetic")}
code_labels = {"dataset": labels("dataset"), "is_synthetic": labels("yes_no")}
st.dataframe(exports.for_people(sources, headers, code_labels), hide_index=True, width="stretch")
widgets.downloads(sources, headers, "minga-fuentes", key="fuentes", code_labels=code_labels)

parish_code = state.current_parish()
if own := own_sources(data.store(), parish_code):  # a parish's own records: its diagnosis figures come from them
    name = plain(reg.parish_name(parish_code))
    st.subheader(t("fuentes.own.title", name=name))
    st.caption(t("fuentes.own.caption", name=name))
    st.dataframe(pl.DataFrame({
        t("fuentes.own.col.part"): [t(f"fuentes.own.part.{s.part}") for s in own],
        t("fuentes.own.col.count"): [fmt.number(s.count) for s in own],
        t("fuentes.own.col.provenance"): [t("fuentes.own.provenance")] * len(own),
        t("fuentes.own.col.updated_at"): [fmt.local_time(s.updated_at) for s in own],
        t("fuentes.own.col.updated_by"): [s.updated_by for s in own],
    }), hide_index=True, width="stretch", key="fuentes-own")
