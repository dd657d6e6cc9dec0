"""A parish that shares its place in the canton says so: in Eloy Alfaro (Esmeraldas) three rural parishes have
100 % poverty by NBI in the 2022 census (San Francisco de Onzole, San José de Cayapas and Santa Lucía de las
Peñas: parroquias_indicadores_2022.csv), and each is «Puesto 1», not the poorest alone."""

from __future__ import annotations

import pytest

from core.data.db import query
from core.diagnosis.territory import known_counts, rank_text, tied_counts
from tests.conftest import open_app_page

PENAS = "080265"


@pytest.mark.parametrize(("indicator", "reads"), [
    ("poverty_rate", "Puesto 1 de 15 parroquias rurales con este dato, empatada con 2 más"),
    ("population", "Puesto 8 de 15 parroquias rurales con este dato"),
])
def test_a_shared_place_in_the_canton_is_said(con, indicator, reads):
    comparison = query(con, "SELECT * FROM territory_comparison WHERE canton_code = '0802'")
    row = comparison.filter(comparison["parish_code"] == PENAS).row(0, named=True)
    tied = tied_counts(comparison, row)
    assert rank_text(row, indicator, known_counts(comparison)[indicator], tied[indicator]) == reads


@pytest.mark.parametrize(("tied", "reads"), [
    (0, "Puesto 2 de 4 parroquias rurales con este dato"),
    (1, "Puesto 2 de 4 parroquias rurales con este dato, empatada con otra"),
    (3, "Puesto 2 de 4 parroquias rurales con este dato, empatada con 3 más"),
])
def test_the_tie_is_counted_in_words(tied, reads):
    assert rank_text({"kind": "rural", "population_rank": 2}, "population", 4, tied) == reads


def test_territorio_shows_the_tie(parish_store):
    app = open_app_page("pages/territorio.py", parish=PENAS)
    captions = [c.value for c in app.caption]
    assert "Puesto 1 de 15 parroquias rurales con este dato, empatada con 2 más" in captions
