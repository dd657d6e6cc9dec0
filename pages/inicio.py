"""Inicio: the selected parish at a glance and its place among the rural parishes of its canton."""

import streamlit as st

from core import fmt

from core.data import geo
from core.diagnosis.queries import CANTON_MAP_QUERIES
from core.record.auth import Action
from core.texts import t
from ui import data, maps, session, state, widgets
from ui import parish as parish_ui
from ui.diagnosis import frames_of

code = state.current_parish()
parish = data.parish(code)

st.title(t("inicio.title"))
if parish is None:
    st.warning(t("inicio.unknown_parish"))
    st.stop()

st.subheader(t("inicio.subtitle", name=parish["name"], canton=parish["canton"], province=parish["province"]))
st.write(t("inicio.intro"))

first = st.columns(3)
first[0].metric(
    t("inicio.population"), fmt.number(parish["population"]),
    help=t("inicio.population_help", year=parish["population_year"]) if parish["population_year"] else None,
)
if parish["population_men"] is not None:
    first[0].caption(t("inicio.men_women", men=fmt.number(parish["population_men"]),
                       women=fmt.number(parish["population_women"])))
first[1].metric(t("inicio.poverty"), fmt.percent(parish["poverty_rate"]))
first[2].metric(t("inicio.area"), t("inicio.area_value", value=fmt.number(parish["area_ha"], 2))
                if parish["area_ha"] is not None else fmt.UNKNOWN)
widgets.source_caption(parish["source"])

if parish["associations"] == 0:  # a parish without its own records yet: the path as a checklist
    st.subheader(t("parish.checklist.title"))
    st.markdown(t("parish.checklist.intro"))
    parish_ui.draw_checklist(code)
    if session.allowed(Action.VIEW_WORK):  # the page lists entered records: work, not the public view
        st.page_link("pages/preparar.py", label=t("prep.title"), icon=":material/edit_note:")
else:
    second = st.columns(4)
    second[0].metric(t("inicio.associations"), fmt.number(parish["associations"]))
    second[1].metric(t("inicio.members"), fmt.number(parish["members_total"]),
                     delta=t("inicio.members_delta", surveyed=fmt.number(parish["members_surveyed"])),
                     delta_color="off", delta_arrow="off")
    second[2].metric(t("inicio.aid"), fmt.money(parish["aid_total_usd"], 0),
                     delta=t("inicio.aid_delta", count=fmt.number(parish["aid_records"])), delta_color="off", delta_arrow="off")
    second[3].metric(t("inicio.open_proposals"), fmt.number(parish["open_proposals"]),
                     delta=t("inicio.proposals_delta", count=fmt.number(parish["proposals"])), delta_color="off", delta_arrow="off")
    if parish["synthetic_associations"]:
        widgets.synthetic_mark()
        st.caption(t("synthetic.caption"))

st.subheader(t("inicio.map_title", canton=parish["canton"]))
frames = frames_of(CANTON_MAP_QUERIES, code)
shapes = frames["shapes"]
if shapes.is_empty():
    st.info(t("inicio.map_missing", canton=parish["canton"]))
else:
    population = dict(frames["comparison"].select("parish_code", "population").iter_rows())
    collection = geo.feature_collection(shapes.iter_rows(named=True), population, code)
    maps.parish_map(collection, t("inicio.population"), key="inicio-map")
    st.caption(t("inicio.map_caption"))

st.markdown(t("inicio.next_steps"))
