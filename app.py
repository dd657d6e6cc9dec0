"""Minga: the router. Builds the navigation for the whole product and the parish selector."""

import streamlit as st

from core.db import MissingDataError
from core.texts import t
from ui import session, state

st.set_page_config(page_title=t("app.title"), page_icon=":material/diversity_3:", layout="wide")

try:
    state.parish_selector()
except MissingDataError:
    st.error(t("data.missing"))
    st.stop()

session.sidebar_account()
st.sidebar.caption(t("app.tagline"))

PAGES = {
    t("nav.start"): [
        st.Page("pages/inicio.py", title=t("nav.start"), icon=":material/home:", url_path="inicio", default=True),
    ],
    t("nav.about"): [
        st.Page("pages/fuentes.py", title=t("fuentes.title"), icon=":material/menu_book:", url_path="fuentes"),
    ],
}

st.navigation(PAGES).run()
