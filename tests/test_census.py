"""The 2022 census figures of any parish: the `parish_census` and `territory_comparison` views against the reference
files read here with the csv and json modules (not through the build), and core.diagnosis.census turning a row
into what Inicio and Territorio say (table-driven, and a property: a missing figure never reads as a number)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.data.db import view
from core.diagnosis.census import census_panel, figures_table

REFERENCE = Path(__file__).resolve().parents[1] / "data" / "sources" / "reference"
EL_VALLE, CUMBE, MONTALVO, CACHA = "010170", "010152", "160156", "060151"
SEVILLA_DON_BOSCO = "141350"  # a canton created after the 2022 census: polygon, no census row
EL_CARMEN_DE_PIJILI = "011551"  # recoded after the census (010852 in 2022): neither census row nor polygon
MISSING = "sin dato en el censo 2022"


def census_rows() -> dict[str, dict[str, str]]:
    with (REFERENCE / "parroquias_indicadores_cpv2022.csv").open(encoding="utf-8") as handle:
        return {row["dpa_parroquia"]: row for row in csv.DictReader(handle)}


def polygons() -> dict[str, dict]:
    collection = json.loads((REFERENCE / "parroquias_conali2024.geojson").read_text(encoding="utf-8"))
    return {f["properties"]["dpa_parroquia"]: f["geometry"] for f in collection["features"]}


def dpa_codes() -> set[str]:
    with (REFERENCE / "dpa_ecuador_parroquias.csv").open(encoding="utf-8") as handle:
        return {row["codigo_parroquia"] for row in csv.DictReader(handle)}


def census_view(con, code: str) -> dict:
    rows = view(con, "parish_census", "parish_code = ?", [code]).to_dicts()
    assert len(rows) == 1, code
    return rows[0]


# --- The views against the reference files --------------------------------------------------------------
@pytest.mark.parametrize("code", [EL_VALLE, CUMBE, CACHA, MONTALVO, "170150", "200150"])
def test_parish_census_holds_the_reference_figures(con, code):
    expected = census_rows()[code]
    row = census_view(con, code)
    assert row["in_census_2022"] is True
    assert row["population_2022"] == int(expected["poblacion_total_2022_personas"])
    assert row["area_km2_2022"] == pytest.approx(float(expected["superficie_km2_inec"]))
    density = int(expected["poblacion_total_2022_personas"]) / float(expected["superficie_km2_inec"])
    assert row["density_2022"] == pytest.approx(density)
    assert round(row["density_2022"]) == int(expected["densidad_hab_km2_inec"])  # INEC publishes it rounded
    if expected["pobres_nbi_2022_personas"]:
        poor, persons = (int(expected[c]) for c in ("pobres_nbi_2022_personas", "personas_viviendas_particulares_2022"))
        assert row["poverty_rate_nbi_2022"] == pytest.approx(poor / persons)
        assert row["poverty_rate_nbi_2022"] * 100 == pytest.approx(float(expected["pobreza_nbi_2022_pct"]), abs=0.005)
        assert "NBI" in row["nbi_2022_source"]
    else:
        assert row["poverty_rate_nbi_2022"] is None and row["nbi_2022_source"] is None
    assert "Censo de Población y Vivienda 2022" in row["census_2022_source"]
    # the density shown is population over area, not INEC's rounded figure: the source must not credit INEC with it
    assert "densidad por parroquia" not in row["census_2022_source"]
    assert "la densidad (población / superficie) la calcula Minga" in row["census_2022_source"]


def test_montalvo_is_the_one_parish_without_nbi(con):
    reference = {code for code, row in census_rows().items() if not row["pobreza_nbi_2022_pct"]}
    in_view = set(view(con, "parish_census", "in_census_2022 AND poverty_rate_nbi_2022 IS NULL")["parish_code"])
    assert reference == in_view == {MONTALVO}


def test_parishes_outside_the_census_have_no_figures_rather_than_zero(con):
    outside = dpa_codes() - set(census_rows())
    frame = view(con, "parish_census", "NOT in_census_2022")
    assert set(frame["parish_code"]) == outside and {SEVILLA_DON_BOSCO, EL_CARMEN_DE_PIJILI} <= outside
    for column in ("population_2022", "area_km2_2022", "density_2022", "poverty_rate_nbi_2022", "census_2022_source"):
        assert frame[column].null_count() == len(frame), column


def test_has_shape_follows_the_polygon_file(con):
    shapes = polygons()
    frame = view(con, "parish_census")
    assert len(frame) == len(dpa_codes())
    for code, has_shape in frame.select("parish_code", "has_shape").iter_rows():
        assert has_shape == (code in shapes), code
    assert not census_view(con, EL_CARMEN_DE_PIJILI)["has_shape"]
    assert census_view(con, SEVILLA_DON_BOSCO)["has_shape"]


def test_a_parish_polygon_is_the_reference_geometry(con):
    for code in (EL_VALLE, MONTALVO, CACHA):
        shape = view(con, "parish_shapes", "parish_code = ?", [code]).row(0, named=True)
        assert json.loads(shape["geometry_json"]) == polygons()[code]


def test_el_valle_keeps_the_study_figures_beside_the_census(con):
    row = census_view(con, EL_VALLE)
    assert (row["earlier_year"], row["earlier_population"], row["earlier_from_study"]) == (2010, 24314, True)
    assert row["earlier_population_men"] + row["earlier_population_women"] == 24314
    assert row["earlier_poverty_rate"] == pytest.approx(0.634)
    assert "Gómez-Ceballos" in row["earlier_source"]
    assert census_view(con, CUMBE)["earlier_source"] is None  # no earlier figures: no earlier block


def test_the_canton_ranking_uses_the_2022_census(con):
    reference = census_rows()
    rural = {code: int(row["poblacion_total_2022_personas"]) for code, row in reference.items()
             if row["dpa_canton"] == "0101" and row["tipo_parroquia"] == "rural"}
    expected_rank = 1 + sum(population > rural[CUMBE] for population in rural.values())
    row = view(con, "territory_comparison", "parish_code = ?", [CUMBE]).row(0, named=True)
    assert (row["population"], row["population_year"], row["canton_rural_parishes"]) == (rural[CUMBE], 2022,
                                                                                          len(rural))
    assert row["population_rank"] == expected_rank


def test_parish_overview_keeps_its_columns(con):
    frame = view(con, "parish_overview", "parish_code = ?", [EL_VALLE])
    assert {"parish_code", "name", "population", "population_year", "poverty_rate", "area_ha", "density_per_km2",
            "associations", "aid_total_usd", "proposals", "open_proposals", "source"} <= set(frame.columns)
    assert frame["population"].item() == 24314


# --- What the pages say, from a row ---------------------------------------------------------------------
BASE = {"parish_code": "999999", "name": "Parroquia de prueba", "kind": "rural", "in_census_2022": True,
        "population_2022": 6455, "area_km2_2022": 75.13, "density_2022": 85.917, "poverty_rate_nbi_2022": 0.5613,
        "census_2022_source": "fuente del censo", "nbi_2022_source": "fuente NBI", "earlier_year": None,
        "earlier_population": None, "earlier_population_men": None, "earlier_population_women": None,
        "earlier_area_km2": None, "earlier_density": None, "earlier_poverty_rate": None,
        "earlier_from_study": False, "earlier_source": None, "has_shape": True}
NO_CENSUS = {**BASE, "in_census_2022": False, "population_2022": None, "area_km2_2022": None, "density_2022": None,
             "poverty_rate_nbi_2022": None, "census_2022_source": None, "nbi_2022_source": None}


@pytest.mark.parametrize(("row", "texts", "titles", "note"), [
    (BASE, ["6.455", "75,13", "85,9", "56,1 %"], ["Censo 2022"], None),
    ({**BASE, "poverty_rate_nbi_2022": None, "nbi_2022_source": None}, ["6.455", "75,13", "85,9", MISSING],
     ["Censo 2022"], "no publica «Pobreza por NBI»"),
    (NO_CENSUS, [MISSING] * 4, ["Censo 2022"], "no figura en las tablas del censo 2022"),
    ({**BASE, "earlier_year": 2010, "earlier_population": 24314, "earlier_population_men": 11489,
      "earlier_population_women": 12825, "earlier_area_km2": 43.0501, "earlier_density": 564.78,
      "earlier_poverty_rate": 0.634, "earlier_from_study": True, "earlier_source": "estudio"},
     ["6.455", "75,13", "85,9", "56,1 %"], ["Censo 2022", "Censo 2010 (estudio)"], None),
    ({**BASE, "earlier_year": 2010, "earlier_population": 1297, "earlier_area_km2": 340.8, "earlier_density": 3.8,
      "earlier_source": "wikipedia"}, ["6.455", "75,13", "85,9", "56,1 %"], ["Censo 2022", "Censo 2010"], None),
])
def test_census_panel(row, texts, titles, note):
    panel = census_panel(row)
    assert [b.title for b in panel.blocks] == titles
    census = panel.blocks[0]
    assert [f.text for f in census.figures] == texts
    notes = " ".join(census.notes)
    assert (note in notes) if note else notes == ""


def test_the_study_block_carries_men_women_and_its_source():
    panel = census_panel({**BASE, "earlier_year": 2010, "earlier_population": 24314, "earlier_population_men": 11489,
                          "earlier_population_women": 12825, "earlier_area_km2": None, "earlier_density": None,
                          "earlier_poverty_rate": 0.634, "earlier_from_study": True, "earlier_source": "estudio"})
    study = panel.blocks[1]
    assert [f.text for f in study.figures] == ["24.314", "sin dato", "sin dato", "63,4 %"]
    assert study.notes == ["Población: 11.489 hombres · 12.825 mujeres"]
    assert study.sources == ["estudio"]


def test_a_parish_without_polygon_says_so():
    assert census_panel(BASE).shape_note is None
    note = census_panel({**BASE, "has_shape": False}).shape_note
    assert note.startswith("Parroquia de prueba no tiene polígono")


def test_figures_table_ranks_only_the_2022_figures_and_names_each_source():
    panel = census_panel({**BASE, "poverty_rate_nbi_2022": None, "nbi_2022_source": None, "earlier_year": 2010,
                          "earlier_population": 1297, "earlier_source": "wikipedia"})
    table = figures_table(panel, {"population": "Puesto 3 de 21", "poverty_rate": "Sin puesto: cifra desconocida"})
    assert table.columns == ["Censo", "Cifra", "Valor", "Lugar en el cantón", "Fuente"]
    rows = {(r[0], r[1]): r for r in table.rows()}
    assert rows[("Censo 2022", "Población")][3:] == ("Puesto 3 de 21", "fuente del censo")
    assert rows[("Censo 2022", "Pobreza por NBI")][2:] == (MISSING, "Sin puesto: cifra desconocida", "—")
    assert rows[("Censo 2010", "Población")][2:] == ("1.297", "—", "wikipedia")
    assert rows[("Censo 2010", "Superficie (km²)")][2:] == ("sin dato", "—", "—")


_MAYBE = st.one_of(st.none(), st.floats(min_value=0, max_value=1e7, allow_nan=False))


@given(population=st.one_of(st.none(), st.integers(0, 5_000_000)), area=_MAYBE, density=_MAYBE,
       poverty=st.one_of(st.none(), st.floats(0, 1, allow_nan=False)), in_census=st.booleans(),
       has_shape=st.booleans())
def test_a_missing_figure_never_reads_as_a_number(population, area, density, poverty, in_census, has_shape):
    row = {**BASE, "in_census_2022": in_census, "population_2022": population, "area_km2_2022": area,
           "density_2022": density, "poverty_rate_nbi_2022": poverty, "has_shape": has_shape}
    panel = census_panel(row)
    for figure in panel.blocks[0].figures:
        assert (figure.text == MISSING) == (figure.value is None)
        assert not any(word in figure.text for word in ("None", "nan", "True", "False"))
    assert (panel.shape_note is None) == has_shape
    assert bool(panel.blocks[0].notes) == (not in_census or None in (population, area, density, poverty))
