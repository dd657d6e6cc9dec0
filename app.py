"""Minga: the router. Builds the navigation for the whole product and the parish selector."""

import streamlit as st

from core.data.db import DamagedDataError, MissingDataError
from core.record.auth import Action
from core.record.store import StoreBusyError, StoreError
from core.texts import t
from ui import parish, session, state

st.set_page_config(page_title=t("app.title"), page_icon=":material/diversity_3:", layout="wide")

parish.follow_outside_changes()
try:
    state.parish_selector()
except DamagedDataError as damaged:
    st.error(str(damaged))
    st.stop()
except MissingDataError:
    st.error(t("data.missing"))
    st.stop()

session.sidebar_account()
if note := session.own_parish_note(state.current_parish()):  # a planner of one GAD: where it writes
    st.sidebar.caption(note)
st.sidebar.caption(t("app.tagline"))
working = session.allowed(Action.VIEW_WORK)  # the public view lists only what is public

PAGES = {
    "": [
        st.Page("pages/inicio.py", title=t("nav.start"), icon=":material/home:", url_path="inicio", default=True),
        *([st.Page("pages/preparar.py", title=t("prep.title"), icon=":material/edit_note:", url_path="preparar")]
          if working else []),  # entered records (survey answers of named members) are work, not public
        st.Page("pages/fuentes.py", title=t("fuentes.title"), icon=":material/menu_book:", url_path="fuentes"),
    ],
    t("nav.diagnosis"): [
        st.Page("pages/territorio.py", title=t("diag.territorio.title"), icon=":material/map:", url_path="territorio"),
        st.Page("pages/asociaciones.py", title=t("diag.asociaciones.title"), icon=":material/groups:",
                url_path="asociaciones"),
        st.Page("pages/ayudas.py", title=t("diag.ayudas.title"), icon=":material/volunteer_activism:",
                url_path="ayudas"),
        st.Page("pages/migracion.py", title=t("diag.migracion.title"), icon=":material/flight_takeoff:",
                url_path="migracion"),
        st.Page("pages/problemas.py", title=t("diag.problemas.title"), icon=":material/priority_high:",
                url_path="problemas"),
        st.Page("pages/comparar.py", title=t("comparar.title"), icon=":material/compare_arrows:", url_path="comparar"),
    ],
    t("nav.decide"): [] if not working else [
        st.Page("pages/propuestas.py", title=t("nav.proposals"), icon=":material/assignment:", url_path="propuestas"),
        st.Page("pages/ofertas.py", title=t("nav.offers"), icon=":material/handshake:", url_path="ofertas"),
        st.Page("pages/cooperantes.py", title=t("coop.nav.cooperants"), icon=":material/public:",
                url_path="cooperantes"),
        st.Page("pages/convocatorias.py", title=t("coop.nav.calls"), icon=":material/event:", url_path="convocatorias"),
        st.Page("pages/iati.py", title=t("iati.nav"), icon=":material/sync_alt:", url_path="iati"),
        st.Page("pages/alineacion.py", title=t("nav.alignment"), icon=":material/grid_on:", url_path="alineacion"),
        st.Page("pages/etapas.py", title=t("stage.nav"), icon=":material/stairs:", url_path="etapas"),
        st.Page("pages/priorizacion.py", title=t("nav.prioritization"), icon=":material/tune:",
                url_path="priorizacion"),
        st.Page("pages/presupuesto.py", title=t("nav.budget"), icon=":material/payments:", url_path="presupuesto"),
    ],
    t("nav.session"): [
        *([st.Page("pages/sesion.py", title=t("nav.meeting"), icon=":material/groups:", url_path="sesion")]
          if working else []),
        st.Page("pages/decision.py", title=t("nav.decision"), icon=":material/gavel:", url_path="decision"),
        *([st.Page("pages/seguimiento.py", title=t("seg.title"), icon=":material/timeline:", url_path="seguimiento"),
           st.Page("pages/convenios.py", title=t("conv.nav"), icon=":material/contract:", url_path="convenios")]
          if working else []),
        st.Page("pages/registro.py", title=t("nav.log"), icon=":material/verified:", url_path="registro"),
        *([st.Page("pages/administracion.py", title=t("nav.admin"), icon=":material/admin_panel_settings:",
                   url_path="administracion")] if working else []),
    ],
}
PAGES = {group: pages for group, pages in PAGES.items() if pages}

try:
    st.navigation(PAGES, expanded=True).run()
except StoreBusyError as busy:  # another process held the store's lock past the retries: said in Spanish, once
    st.error(str(busy), icon=":material/hourglass_top:")
except StoreError as refused:  # a write the store refused (a record of another parish, a store changed by hand)
    st.error(str(refused))
except DamagedDataError as damaged:  # a built file that read at start fails now (a part of it is damaged)
    st.error(str(damaged))
