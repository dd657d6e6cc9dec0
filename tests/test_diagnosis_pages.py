"""AppTest: the five Diagnóstico pages, for El Valle (the study's figures on screen), with an association
filter, and for parishes with no records (Baños, 010151; Quito, a cantonal seat; El Carmen de Pijilí, recoded after
the 2022 census, with neither census figures nor a polygon)."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import core.data.db
from tests.conftest import open_app_page

PAGES = ["pages/territorio.py", "pages/asociaciones.py", "pages/ayudas.py", "pages/migracion.py",
         "pages/problemas.py"]
NO_DATA_PARISH = "010151"  # Baños, Cuenca: in the DPA list, no associations on record
SEAT_PARISH = "170150"  # Quito: a cantonal seat, outside Azuay
UNMAPPED_PARISH = "011551"  # El Carmen de Pijilí: recoded after the 2022 census; no census row, no polygon


def metrics(app: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in app.metric}


def texts(app: AppTest) -> str:
    parts = [e.value for kind in ("info", "caption", "markdown", "subheader", "warning") for e in getattr(app, kind)]
    return "\n".join(parts)


def downloads(app: AppTest) -> list[str]:
    return [b.proto.label for b in app.get("download_button")]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("parish", [None, NO_DATA_PARISH, SEAT_PARISH, UNMAPPED_PARISH])
def test_every_diagnosis_page_runs_in_spanish(page, parish):
    app = open_app_page(page, parish=parish)
    assert app.title and app.title[0].value in {"Territorio", "Asociaciones", "Ayudas recibidas", "Migración",
                                                "Problemas y necesidades"}


# --- Territorio ----------------------------------------------------------------------------------------
def test_territorio_compares_el_valle_with_its_canton_and_names_each_source():
    app = open_app_page("pages/territorio.py")
    shown = metrics(app)
    assert shown["Población · 2010"] == "24.314"
    assert shown["Superficie (km²) · 2010"] == "43,05"
    assert shown["Pobreza · 2010"] == "63,4 %"
    assert "Puesto 1 de 21 parroquias rurales con este dato" in texts(app)  # the 2022 census knows all 21
    figures = app.dataframe[0].value
    assert figures["Fuente"].str.contains("Gómez-Ceballos").sum() == 4
    comparison = app.dataframe[1].value
    assert len(comparison) == 21 and "Chaucha" in set(comparison["Parroquia"])
    assert "Descargar Excel" in downloads(app)


def test_territorio_indicator_switch_recolours_and_reranks():
    app = open_app_page("pages/territorio.py")
    app.radio(key="territorio-indicator").set_value("poverty_rate").run()
    assert not app.exception
    assert any(s.value == "Parroquias rurales del cantón Cuenca: Pobreza por NBI" for s in app.subheader)


def test_territorio_without_figures_or_polygons_says_so():
    app = open_app_page("pages/territorio.py", parish=UNMAPPED_PARISH)
    assert set(metrics(app).values()) == {"sin dato"}
    assert "sin dato en el censo 2022" in texts(app)
    info = texts(app)
    assert "no tiene polígono" in info
    assert "Ninguna parroquia rural del cantón Camilo Ponce Enríquez tiene «población» en el censo 2022" in info
    quito = open_app_page("pages/territorio.py", parish=SEAT_PARISH)
    assert "Sin puesto: es la cabecera cantonal" in texts(quito)
    assert "no tiene polígono" not in texts(quito)  # the national polygons cover Pichincha: the map is drawn


# --- Asociaciones -----------------------------------------------------------------------------------
ASOCIACIONES_TABS = ["Hogares", "Ocupación y educación", "Edades", "Ingresos y gastos", "Pobreza percibida",
                     "Entre y dentro de las asociaciones"]


def open_tab(app: AppTest, name: str) -> AppTest:
    """Only the open tab runs: choose `name` as a person clicking it would."""
    app.session_state["asociaciones-tab"] = name
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    assert [tab.label for tab in app.tabs] == ASOCIACIONES_TABS
    return app


def test_asociaciones_shows_the_household_table_and_self_perceived_poverty():
    app = open_app_page("pages/asociaciones.py")
    shown = metrics(app)
    assert shown["Asociaciones"] == "8"
    assert shown["Socios encuestados"] == "91"
    assert shown["Socios que son jefes de hogar"] == "45,1 %"
    assert shown["Se consideran familia pobre"] == "55,6 %"  # 50 of 90; the study prints it truncated, 55,5 %
    cross = app.dataframe[0].value.set_index("Jefe de hogar")
    assert cross.loc["Padre", "Madre"] == 43  # the corrected cell
    assert (cross.loc["Padre", "Total"], cross.loc["Total", "Madre"], cross.loc["Total", "Total"]) == (54, 74, 91)
    assert "datos sintéticos calibrados al estudio" in texts(app)
    csv = downloads(app).count("Descargar CSV")
    for name in ASOCIACIONES_TABS[1:]:
        csv += downloads(open_tab(app, name)).count("Descargar CSV")
        if name == "Edades":
            assert metrics(app)["Socios de 31 a 65 años"] == "81,5 %"
    assert csv >= 10


def test_asociaciones_filter_adds_up_only_the_chosen_associations():
    app = open_app_page("pages/asociaciones.py")
    app.multiselect(key="asociaciones-filter").set_value(["EV-A01"]).run()
    assert not app.exception
    shown = metrics(app)
    assert (shown["Asociaciones"], shown["Socios encuestados"]) == ("1", "14")
    assert app.dataframe[0].value.set_index("Jefe de hogar").loc["Total", "Total"] == 14
    assert "Se muestra 1 de 8 asociaciones." in texts(app)
    summary = open_tab(app, "Entre y dentro de las asociaciones").dataframe[-1].value
    assert list(summary["Asociación"]) == ["Asociación Agroecológica Flor del Valle"]


def test_asociaciones_keeps_the_measure_chosen_while_another_tab_is_open():
    app = open_tab(open_app_page("pages/asociaciones.py"), "Entre y dentro de las asociaciones")
    assert app.radio(key="asociaciones-measure").value == "balance_monthly_usd"  # the first measure by default
    app.radio(key="asociaciones-measure").set_value("expense_monthly_usd").run()
    open_tab(app, "Edades")
    assert not [r for r in app.radio if r.key == "asociaciones-measure"]  # not drawn while its tab is closed
    assert open_tab(app, "Entre y dentro de las asociaciones").radio(key="asociaciones-measure").value == (
        "expense_monthly_usd")


def test_asociaciones_without_records_says_what_is_missing():
    app = open_app_page("pages/asociaciones.py", parish=NO_DATA_PARISH)  # the public, who cannot open Preparar
    assert "No hay asociaciones registradas para la parroquia Baños" in texts(app)
    assert "El equipo técnico de la parroquia las registra" in texts(app) and "Regístrelas" not in texts(app)
    assert not app.metric and not app.dataframe


# --- Ayudas recibidas -------------------------------------------------------------------------------
def test_ayudas_shows_reach_effectiveness_and_atomization():
    app = open_app_page("pages/ayudas.py")
    shown = metrics(app)
    assert shown["Recibieron ayuda en proyectos"] == "78,0 %"
    assert shown["La ayuda sirvió medio a poco"] == "86,1 %"
    assert shown["Sin ayuda del Estado el último año"] == "64,8 %"
    assert shown["Ayudas registradas"] == "56"
    atomized = app.dataframe[0].value
    assert set(atomized["Tipo de ayuda"]) >= {"Capacitación"}
    assert atomized["Por qué"].str.contains("instituciones").any()
    never = app.dataframe[1].value
    assert {"GAD parroquial El Valle", "Prefectura del Azuay"} == set(never.iloc[0][["Institución",
                                                                                   "Otra institución"]])


def test_ayudas_filter_by_association():
    app = open_app_page("pages/ayudas.py")
    app.multiselect(key="ayudas-filter").set_value(["EV-A07", "EV-A08"]).run()
    assert not app.exception
    assert "Se muestran 2 de 8 asociaciones." in texts(app)
    flows = app.dataframe[-1].value
    assert set(flows["Asociación"]) == {"Asociación Agroartesanal Manos Unidas", "Asociación Agropecuaria Los Andes"}
    assert metrics(app)["Ayudas registradas"] == str(len(flows))


def test_ayudas_without_records_says_what_is_missing():
    app = open_app_page("pages/ayudas.py", parish=NO_DATA_PARISH)
    assert "No hay asociaciones registradas para la parroquia Baños" in texts(app)


# --- Migración ---------------------------------------------------------------------------------------
def test_migracion_shows_families_abroad_and_the_provincial_reference():
    app = open_app_page("pages/migracion.py")
    assert metrics(app)["Familias de socios con familiares en el exterior"] == "25,3 %"
    body = texts(app)
    assert "28,13 por 1000 hab." in body and "INEC" in body
    assert "Lectura elegida: el estudio dice «25,3 % de sus miembros residen en el exterior»" in body  # El Valle's
    reference = app.dataframe[0].value
    assert set(reference["Nivel"]) == {"País", "Provincia", "Cantón"}
    assert app.selectbox(key="migracion-indicator").value == "tasa de emigrantes reportados"


def test_migracion_filter_by_association():
    app = open_app_page("pages/migracion.py")
    app.multiselect(key="migracion-filter").set_value(["EV-A03"]).run()
    assert metrics(app)["Familias de socios con familiares en el exterior"] == "9,1 %"


def test_migracion_without_members_still_shows_the_province():
    app = open_app_page("pages/migracion.py", parish=SEAT_PARISH)
    body = texts(app)
    assert "No hay socios encuestados registrados en esta parroquia" in body
    assert "Pichincha" in body



def test_migracion_without_reference_figures_names_no_file_path():
    """Floreana (Galápagos) has no emigration figures among the references: the page showed a repository path."""
    infos = [i.value for i in open_app_page("pages/migracion.py", parish="200152").info]
    [missing] = [i for i in infos if i.startswith("No hay cifras de emigración")]
    assert "Galápagos" in missing and "«Fuentes»" in missing
    assert "data/" not in missing and ".csv" not in missing


# --- Problemas y necesidades -----------------------------------------------------------------------
def test_problemas_shows_the_ranking_needs_and_their_pdot_objectives():
    app = open_app_page("pages/problemas.py")
    ranked = app.dataframe[0].value
    assert list(ranked["Puesto"][:3]) == ["1", "2", "3"]
    assert ranked["Problema"].iloc[0] == "Bajos niveles de colaboración y trabajo en equipo"
    assert ranked["Objetivos del PDOT"].iloc[0] == "EV-OE1"
    shown = metrics(app)
    assert (shown["Sistemas de agua y riego"], shown["Capacitación"], shown["Asistencia técnica"]) == (
        "16 %", "14 %", "13 %")
    assert "**EV-OE6**" in texts(app)
    assert "Vínculos con el PDOT ilustrativo de El Valle" in texts(app)


def test_problemas_filter_changes_needs_not_the_ranking():
    app = open_app_page("pages/problemas.py")
    app.multiselect(key="problemas-filter").set_value(["EV-A01"]).run()
    assert not app.exception
    assert len(app.dataframe[0].value) == 11
    assert "Se muestra 1 de 8 asociaciones." in texts(app)


def test_problemas_without_records_says_what_is_missing():
    app = open_app_page("pages/problemas.py", parish=NO_DATA_PARISH)
    body = texts(app)
    assert "El grupo asesor aún no ha priorizado problemas para la parroquia Baños" in body
    assert "No hay asociaciones registradas" in body


# --- Caching ------------------------------------------------------------------------------------------
def test_a_rerun_does_not_query_again(monkeypatch):
    calls: list[str] = []
    real_view = core.data.db.view

    def counting_view(con, name, *args, **kwargs):
        calls.append(name)
        return real_view(con, name, *args, **kwargs)

    monkeypatch.setattr(core.data.db, "view", counting_view)
    st.cache_data.clear()
    app = open_app_page("pages/ayudas.py")
    first = len(calls)
    assert first > 0
    app.multiselect(key="ayudas-filter").set_value(["EV-A01"]).run()
    app.run()
    assert not app.exception
    assert len(calls) == first, calls[first:]
