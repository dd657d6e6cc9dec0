"""Inicio: the selected parish at a glance (its 2022 census figures, and the study's earlier ones for El Valle;
its records or the path to enter them) and its place among the rural parishes of its canton on a map."""

import streamlit as st

from core import fmt
from core.diagnosis.census import census_panel
from core.diagnosis.queries import CANTON_MAP_QUERIES
from core.record.auth import Action
from core.texts import label, t, t_count
from ui import census, data, maps, session, state, widgets
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

frames = frames_of(CANTON_MAP_QUERIES, code)
panel = census_panel(frames["census"].row(0, named=True))
census.draw_census(panel)

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
                     delta=t_count("inicio.members_delta", parish["members_surveyed"],
                                   surveyed=fmt.number(parish["members_surveyed"])),
                     delta_color="off", delta_arrow="off")
    second[2].metric(t("inicio.aid"), fmt.amount(parish["aid_total_usd"]),
                     delta=t_count("inicio.aid_delta", parish["aid_records"], count=fmt.number(parish["aid_records"])), delta_color="off", delta_arrow="off")
    second[3].metric(t("inicio.open_proposals"), fmt.number(parish["open_proposals"]),
                     delta=t("inicio.proposals_delta", count=fmt.number(parish["proposals"])), delta_color="off",
                     delta_arrow="off")
    if parish["synthetic_associations"]:
        widgets.synthetic_mark()
        st.caption(t("synthetic.caption"))

st.subheader(t("inicio.map_title", canton=parish["canton"]))
population = dict(frames["comparison"].select("parish_code", "population").iter_rows())
if maps.canton_map(panel, frames["shapes"], population, label("territory_indicator", "population"), key="inicio-map",
                   canton=parish["canton"]):
    st.caption(t("inicio.map_caption"))

st.markdown(t("inicio.next_steps"))
