"""Parish, canton and province names as people read them: INEC's accents and proper case, one name per code, in
every view and list that shows them. INEC's 2022 census DPA list (data/sources/reference/parroquias_dpa_cpv2022.csv)
is read here with the csv module as the reference for accents, not through the build."""

from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path

import polars as pl
import pytest

from core.data.db import query, view
from tests.conftest import open_app_page

REFERENCE = Path(__file__).resolve().parents[1] / "data" / "sources" / "reference"
NAME_COLUMNS = {"parish": ("dpa_parroquia", "parroquia"), "canton": ("dpa_canton", "canton"),
                "province": ("dpa_provincia", "provincia")}


def plain(word: str) -> str:
    """Upper case without accents (an «ñ» stays): how to tell the same word written with or without accents."""
    decomposed = unicodedata.normalize("NFD", word.upper())
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if unicodedata.category(c) != "Mn" or c == "\u0303"))


def inec_names(level: str) -> dict[str, str]:
    code, name = NAME_COLUMNS[level]
    with (REFERENCE / "parroquias_dpa_cpv2022.csv").open(encoding="utf-8") as handle:
        return {row[code]: row[name] for row in csv.DictReader(handle)}


def test_one_name_per_province_and_per_canton(con):
    counts = query(con, "SELECT count(DISTINCT province) AS names, count(DISTINCT province_code) AS codes "
                        "FROM parishes").row(0, named=True)
    assert counts["names"] == counts["codes"] == 25  # 24 provinces and the undelimited zones (90)
    for code, name in (("canton_code", "canton"), ("province_code", "province")):
        for table in ("parishes", "parish_comparison", "parish_census", "canton_summary"):
            twice = query(con, f"SELECT {code} FROM {table} GROUP BY {code} HAVING count(DISTINCT {name}) > 1")
            assert twice.is_empty(), (table, twice[code].to_list())


def test_the_canton_list_names_each_canton_as_the_parish_list_does(con):
    differing = query(con, "SELECT DISTINCT p.canton_code, p.canton, c.canton AS listed, p.province, "
                           "c.province AS listed_province FROM parishes AS p JOIN raw_dpa_cantons AS c USING "
                           "(canton_code) WHERE p.canton <> c.canton OR p.province <> c.province")
    assert differing.is_empty(), differing.to_dicts()
    # Territorio's context rows name a canton from that list
    areas = dict(query(con, "SELECT DISTINCT dpa_code, area FROM territory_context WHERE level = 'cantón' "
                            "AND dpa_code IN ('0401', '1705')").iter_rows())
    assert areas == {"0401": "Tulcán", "1705": "Rumiñahui"}


@pytest.mark.parametrize(("code", "name", "canton", "province"), [
    ("040157", "Tufiño", "Tulcán", "Carchi"),
    ("020157", "San Simón (Yacoto)", "Guaranda", "Bolívar"),
    ("050450", "Pujilí", "Pujilí", "Cotopaxi"),
    ("230151", "Alluriquín", "Santo Domingo", "Santo Domingo de los Tsáchilas"),
    ("230250", "La Concordia", "La Concordia", "Santo Domingo de los Tsáchilas"),
    ("141050", "Logroño", "Logroño", "Morona Santiago"),
    ("170551", "Cotogchoa", "Rumiñahui", "Pichincha"),
    ("170150", "Quito", "Distrito Metropolitano de Quito", "Pichincha"),  # INEC's name of canton 1701
    ("040452", "Jijón y Caamaño (Cab. en Río Blanco)", "Mira", "Carchi"),
    ("010170", "El Valle", "Cuenca", "Azuay"),  # the study's display name (INEC writes VALLE)
    ("010151", "Baños", "Cuenca", "Azuay"),
])
def test_names_read_as_inec_writes_them(con, code, name, canton, province):
    row = view(con, "parishes", "parish_code = ?", [code]).row(0, named=True)
    assert (row["name"], row["canton"], row["province"]) == (name, canton, province)


@pytest.mark.parametrize("level", ["parish", "canton", "province"])
def test_no_name_drops_an_accent_inec_writes_for_the_same_code(con, level):
    """Every word INEC writes with an accent in the name of a code is written with that accent in the view's name of
    the same code (El Valle's study name aside)."""
    code, name = {"parish": ("parish_code", "name"), "canton": ("canton_code", "canton"),
                  "province": ("province_code", "province")}[level]
    ours = dict(query(con, f"SELECT DISTINCT {code}, {name} FROM parishes WHERE parish_code <> '010170'").iter_rows())
    dropped = []
    for dpa, official in inec_names(level).items():
        if dpa not in ours:
            continue
        accented = {plain(w): w for w in re.findall(r"[^\W\d_]+", official) if plain(w) != w}
        for word in re.findall(r"[^\W\d_]+", ours[dpa]):
            if plain(word) in accented and word.upper() != accented[plain(word)]:
                dropped.append((dpa, ours[dpa], official))
    assert dropped == []


def test_particles_are_lower_case_inside_names(con):
    frame = query(con, "SELECT DISTINCT name FROM parishes UNION SELECT DISTINCT canton FROM parishes "
                       "UNION SELECT DISTINCT province FROM parishes")
    inside = re.compile(r"\S \b(De|Del|Y|En)\b|\bde (La|Las|Los)\b")
    assert [n for n in frame["name"] if inside.search(n)] == []
    assert {"Santo Domingo de los Tsáchilas", "Baños de Agua Santa", "Lomas de Sargentillo"} <= set(frame["name"])


def test_the_reference_lists_hold_one_spelling_per_code():
    """The DPA files beside the parish list (the cantons', read by the build) spell each province and canton once."""
    spellings: dict[tuple[str, str], set[str]] = {}
    for file in ("dpa_ecuador_parroquias.csv", "dpa_ecuador_cantones.csv", "dpa_ecuador_parroquias_urbanas.csv"):
        with (REFERENCE / file).open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                spellings.setdefault(("province", row["codigo_provincia"]), set()).add(row["provincia"])
                spellings.setdefault(("canton", row["codigo_canton"]), set()).add(row["canton"])
    assert {key: names for key, names in spellings.items() if len(names) > 1} == {}


def test_the_national_dataset_names_parishes_as_the_parishes_view_does(con):
    """Its associations and aid institutions («Prefectura de …», «GAD municipal de …») carry these names."""
    from core.synth.national import rural_parishes

    generated = rural_parishes().select("parish_code", "parish_name", "canton", "province")
    shown = view(con, "parishes", "parish_code <> '010170'").select(  # El Valle: the study's display name
        "parish_code", pl.col("name").alias("parish_name"), "canton", "province")
    same = generated.join(shown, on=["parish_code", "parish_name", "canton", "province"])
    assert generated.height > 800
    assert set(generated["parish_code"]) - set(same["parish_code"]) == {"010170"}


def test_the_parish_selector_lists_the_names_with_their_accents_in_alphabetical_order():
    options = open_app_page("pages/inicio.py").sidebar.selectbox[0].options
    assert {"San Simón (Yacoto) — Guaranda, Bolívar", "Pujilí — Pujilí, Cotopaxi", "Tufiño — Tulcán, Carchi",
            "Alluriquín — Santo Domingo, Santo Domingo de los Tsáchilas"} <= set(options)
    assert not [o for o in options if re.search(r"Pujili\b|Bolivar\b|Tulcan\b|Tsachilas", o)]
    loreto = [o for o in options if o.endswith("— Loreto, Orellana")]
    assert loreto == sorted(loreto, key=lambda o: plain(o)) and loreto[0].startswith("Ávila")


def test_the_sources_territorio_shows_are_written_in_spanish(con):
    """Territorio shows each parish's `source`: the reference file's notes were in German and English."""
    sources = " ".join(query(con, "SELECT source FROM parishes WHERE source IS NOT NULL")["source"].to_list())
    foreign = re.findall(r"\b(?:Fläche|Einwohner|Koordinaten|mirror|coords|copy|page|rounded|hab\.)(?=\W)", sources)
    assert not foreign
