"""A KoBoToolbox export made «with labels» (Etiquetas), as KoBoToolbox writes it, reads to the same answers as
one with codes: a multiple choice's labels joined by spaces, and its 0/1 columns headed by labels."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.data.schemas.study import Need
from core.parish import cells
from core.texts import labels

NEEDS = labels("need")


@given(st.lists(st.sampled_from(Need.__args__), unique=True, min_size=1), st.sampled_from([str, str.upper, str.lower]))
def test_labels_joined_by_spaces_read_back_in_any_case(needs, case):
    """KoBoToolbox joins the chosen labels with a space: «Capacitación Asistencia técnica»."""
    written = case(" ".join(NEEDS[n] for n in needs))
    assert cells.choices(written, NEEDS) == tuple(needs)


@pytest.mark.parametrize(("written", "expected"), [
    ("Capacitación Asistencia técnica", ("training", "technical_support")),
    ("capacitacion asistencia tecnica", ("training", "technical_support")),
    ("Sistemas de agua y riego Insumos y semillas Otra", ("water_systems", "inputs_seeds", "other")),
    ("water_systems Asistencia técnica", ("water_systems", "technical_support")),
    ("Crédito; Maquinaria y equipos", ("credit", "machinery_equipment")),
])
def test_a_needs_cell_written_with_labels_is_read(written, expected):
    assert cells.choices(written, NEEDS) == expected


OVERLAPPING = {"a": "Asistencia", "b": "Asistencia técnica", "c": "Técnica", "d": "Apoyo técnico legal"}


@pytest.mark.parametrize(("written", "expected"), [
    ("Asistencia técnica", ("b",)),
    ("Asistencia técnica Asistencia", ("b", "a")),
    ("Asistencia Técnica Asistencia técnica", ("b",)),
    ("Asistencia Apoyo técnico legal Técnica", ("a", "d", "c")),
])
def test_the_longest_label_that_fits_is_taken_first(written, expected):
    assert cells.choices(written, OVERLAPPING) == expected


@pytest.mark.parametrize(("written", "stray"), [
    ("Capacitación Riego", "«Riego»"),
    ("Capacitación agua potable Crédito", "«agua potable»"),
    ("Sistemas de agua", "«Sistemas de agua»"),
])
def test_words_that_are_no_option_are_named(written, stray):
    with pytest.raises(cells.CellError, match=f"^{stray} no es una opción válida"):
        cells.choices(written, NEEDS)
