"""The parish being analysed, chosen once in the sidebar and kept across pages."""

from __future__ import annotations

import streamlit as st

from core.texts import t
from ui import data

DEFAULT_PARISH = "010170"  # El Valle, Cuenca: the study's parish
PARISH_KEY = "parish_code"
SIGNED_IN_PARISH = "parish-of-who-signed-in"  # set at sign-in, taken by the selector on the next run


def parish_selector() -> str:
    """Draw the sidebar parish selector (all 1,047 DPA parishes) and return the chosen code."""
    names = data.parish_labels()
    codes = list(names)
    if (theirs := st.session_state.pop(SIGNED_IN_PARISH, None)) in names:  # before the widget: it may still move
        st.session_state[PARISH_KEY] = theirs
    chosen = st.session_state.get(PARISH_KEY)
    if chosen not in names:
        chosen = DEFAULT_PARISH if DEFAULT_PARISH in names else codes[0]
        st.session_state.pop(PARISH_KEY, None)
    # The widget's own default is the parish chosen, not the first of the list: a browser that draws the
    # selector again without its value (a page link clicked while the first run is still going) shows, and
    # then sends back, this parish instead of switching silently to the first parish of Azuay.
    return st.sidebar.selectbox(
        t("parish.selector"), codes, index=codes.index(chosen), key=PARISH_KEY, format_func=names.__getitem__,
        help=t("parish.selector_help"), placeholder=t("parish.placeholder")
    )


def follow_sign_in(parish_code: str | None) -> None:
    """Show the parish a person works for once they sign in (core.record.landing: their junta's, their association's,
    or the one whose meeting awaits them), not the study's that every visit starts on; None leaves the parish chosen
    as it is."""
    if parish_code is not None:
        st.session_state[SIGNED_IN_PARISH] = parish_code


def current_parish() -> str:
    return st.session_state.get(PARISH_KEY, DEFAULT_PARISH)


def shows_the_study(parish: str, synthetic: bool) -> bool:
    """Whether a page shows the El Valle study's demo records (generated from its published figures): only then
    do the notes on how Minga read the study apply."""
    return synthetic and parish == DEFAULT_PARISH
