"""Comparar: a canton's parishes and a province's cantons on the 2022 census and on aid received."""

from __future__ import annotations

import polars as pl

from core.data.db import query
from core.data.paths import SOURCES_DIR
from tests.conftest import open_app_page

CENSUS = SOURCES_DIR / "reference" / "parroquias_indicadores_cpv2022.csv"


def _census() -> pl.DataFrame:
    return pl.read_csv(CENSUS, infer_schema=False)


def test_parish_comparison_carries_the_census_and_el_valle_aid(con):
    census = _census().filter(pl.col("dpa_parroquia") == "010170").row(0, named=True)
    valle = query(con, "SELECT * FROM parish_comparison WHERE parish_code = '010170'").row(0, named=True)
    assert valle["population_2022"] == int(census["poblacion_total_2022_personas"]) == 34785
    poor, persons = int(census["pobres_nbi_2022_personas"]), int(census["personas_viviendas_particulares_2022"])
    assert abs(valle["poverty_rate_nbi"] - poor / persons) < 1e-9
    aid = query(con, "SELECT count(*) AS n, sum(amount_usd) AS usd FROM aid").row(0, named=True)
    assert (valle["aid_records"], valle["aid_total_usd"]) == (aid["n"], aid["usd"])
    assert valle["associations"] == 8 and valle["has_synthetic_records"]
    assert valle["aid_usd_per_inhabitant"] == aid["usd"] / 34785


def test_canton_summary_adds_up_the_rural_parishes_of_each_canton(con):
    census = _census().filter((pl.col("tipo_parroquia") == "rural") & (pl.col("dpa_canton") == "0101"))
    cuenca = query(con, "SELECT * FROM canton_summary WHERE canton_code = '0101'").row(0, named=True)
    assert cuenca["rural_parishes"] == census.height == 21
    assert cuenca["population_2022"] == census["poblacion_total_2022_personas"].cast(pl.Int64).sum()
    assert cuenca["associations"] == 8
    cantons = query(con, "SELECT count(*) AS n FROM canton_summary WHERE province_code = '01'")["n"][0]
    assert cantons == _census().filter(pl.col("dpa_provincia") == "01")["dpa_canton"].n_unique()


def test_the_page_compares_the_canton_then_the_province():
    app = open_app_page("pages/comparar.py", parish="010170")
    parishes = app.dataframe[-1].value
    assert "Población 2022" in parishes.columns and "El Valle" in parishes["Parroquia"].to_list()
    assert len(parishes) == 22  # Cuenca's 21 rural parishes and its cantonal seat
    text = " ".join(str(v) for v in parishes.to_numpy().ravel())
    assert "None" not in text and "nan" not in text and "cabecera_cantonal" not in text
    app.radio(key="comparar-level").set_value("province").run()
    assert not app.exception
    cantons = app.dataframe[0].value
    assert "Cantón" in cantons.columns and "Cuenca" in cantons["Cantón"].to_list()
