"""Placeholder until the page is built (see the open issues)."""

import streamlit as st

from core.texts import t

st.title(t("nav.decision"))
st.info(t("page.pending"))
