"""Datos y fuentes: every dataset with its provenance and whether its records are generated."""

import streamlit as st

from core import exports
from core.texts import labels, t
from ui import data, widgets

st.title(t("fuentes.title"))
st.write(t("fuentes.intro"))
sources = data.view("data_sources", order_by="dataset")
headers = {c: t(f"fuentes.col.{c}") for c in ("dataset", "source_file", "provenance", "is_synthetic")}
code_labels = {"dataset": labels("dataset"), "is_synthetic": labels("yes_no")}
st.dataframe(exports.for_people(sources, headers, code_labels), hide_index=True, width="stretch")
widgets.downloads(sources, headers, "minga-fuentes", key="fuentes", code_labels=code_labels)
