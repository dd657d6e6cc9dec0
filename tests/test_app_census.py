"""AppTest: Inicio and Territorio show any parish's 2022 census figures, marked «Censo 2022» with the source, and its
polygon map; El Valle keeps the study's 2010 figures beside them; a missing figure or polygon is said in Spanish.
Expected figures come from the reference file read here with the csv module, formatted here (es-EC)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import open_app_page

REFERENCE = Path(__file__).resolve().parents[1] / "data" / "sources" / "reference" / "parroquias_indicadores_cpv2022.csv"
PAGES = ["pages/inicio.py", "pages/territorio.py"]
EL_VALLE, CACHA, MONTALVO = "010170", "060151", "160156"  # Cacha (Riobamba): every figure; Montalvo: no NBI
EL_CARMEN_DE_PIJILI = "011551"  # recoded after the census: no census row, no polygon
SEVILLA_DON_BOSCO = "141350"  # created after the census: no census row, a polygon
MISSING = "sin dato en el censo 2022"
UNKNOWN = "sin dato"  # a metric's short value; MISSING is written in full beneath it


def es(value: float, decimals: int = 0) -> str:
    """es-EC: «.» groups thousands, «,» marks decimals."""
    return f"{value:,.{decimals}f}".replace(",", "\u0000").replace(".", ",").replace("\u0000", ".")


def expected_2022(code: str) -> dict[str, str]:
    with REFERENCE.open(encoding="utf-8") as handle:
        row = next(r for r in csv.DictReader(handle) if r["dpa_parroquia"] == code)
    poverty = (es(int(row["pobres_nbi_2022_personas"]) / int(row["personas_viviendas_particulares_2022"]) * 100, 1)
               + " %") if row["pobres_nbi_2022_personas"] else UNKNOWN
    return {"Población · 2022": es(int(row["poblacion_total_2022_personas"])),
            "Superficie (km²) · 2022": es(float(row["superficie_km2_inec"]), 2),
            # population over area to one decimal (INEC publishes it rounded to whole numbers)
            "Densidad (hab./km²) · 2022": es(int(row["poblacion_total_2022_personas"])
                                             / float(row["superficie_km2_inec"]), 1),
            "Pobreza por NBI · 2022": poverty}


def metrics(app: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in app.metric}


def said(app: AppTest) -> str:
    return "\n".join(e.value.replace("\\", "") for kind in ("info", "caption", "warning") for e in getattr(app, kind))


def maps_drawn(app: AppTest) -> int:
    return len(app.get("deck_gl_json_chart"))


@pytest.mark.parametrize("page", PAGES)
def test_el_valle_shows_the_2022_census_beside_the_study_2010(page):
    app = open_app_page(page, parish=EL_VALLE)
    shown = metrics(app)
    assert {k: shown[k] for k in expected_2022(EL_VALLE)} == expected_2022(EL_VALLE)
    assert shown["Población · 2010"] == "24.314"
    assert shown["Pobreza · 2010"] == "63,4 %"
    assert {"**Censo 2022**", "**Censo 2010 (estudio)**"} <= {m.value for m in app.markdown}
    text = said(app)
    assert "Fuente: INEC, Censo de Población y Vivienda 2022" in text
    assert "Gómez-Ceballos" in text and "11.489 hombres · 12.825 mujeres" in text
    assert maps_drawn(app) == 1


@pytest.mark.parametrize("page", PAGES)
def test_another_parish_shows_its_own_census_figures_and_map(page):
    app = open_app_page(page, parish=CACHA)
    shown = metrics(app)
    assert {k: shown[k] for k in expected_2022(CACHA)} == expected_2022(CACHA)
    assert not [label for label in shown if "2010" in label]  # no earlier census for Cacha
    assert "Fuente: INEC, Censo de Población y Vivienda 2022" in said(app)
    assert any("Cacha" in s.value and "Riobamba" in s.value for s in app.subheader)
    assert maps_drawn(app) == 1 and "no tiene polígono" not in said(app)


@pytest.mark.parametrize("page", PAGES)
def test_a_missing_census_value_is_said_not_zero(page):
    app = open_app_page(page, parish=MONTALVO)
    shown = metrics(app)
    assert shown["Pobreza por NBI · 2022"] == UNKNOWN
    assert [c.value for c in app.caption].count(MISSING) == 1  # under that metric, in full
    assert shown["Población · 2022"] == expected_2022(MONTALVO)["Población · 2022"]
    assert "El censo 2022 no publica «Pobreza por NBI» de Montalvo (Andoas)" in said(app)
    assert maps_drawn(app) == 1


@pytest.mark.parametrize("page", PAGES)
def test_a_parish_without_polygon_says_so_instead_of_an_empty_map(page):
    app = open_app_page(page, parish=EL_CARMEN_DE_PIJILI)
    assert {v for k, v in metrics(app).items() if k.endswith("· 2022")} == {UNKNOWN}
    assert [c.value for c in app.caption].count(MISSING) == 4
    text = said(app)
    assert "El Carmen de Pijilí no tiene polígono" in text
    assert "no figura en las tablas del censo 2022" in text
    assert maps_drawn(app) == 0


@pytest.mark.parametrize("page", PAGES)
def test_a_parish_created_after_the_census_has_its_map_but_no_figures(page):
    app = open_app_page(page, parish=SEVILLA_DON_BOSCO)
    values = set(metrics(app).values())
    assert UNKNOWN in values and not values & {"0", "None", "nan"}
    assert MISSING in said(app)
    assert "Sevilla Don Bosco no figura en las tablas del censo 2022" in said(app)
    assert maps_drawn(app) == 1
