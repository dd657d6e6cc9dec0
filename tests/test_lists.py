"""A list kept in one text (core.lists), wherever a person types it or a file carries it: the cooperants' sources and
themes, a component's activities, a proposal's lists given as text. An item holding «;», quotes or spaces at its
ends comes back as it was typed."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from core.cooperation.cooperants import Cooperant
from core.lists import bare_na, join_list, list_items, not_given, split_items
from core.proposals.formulation import Component
from core.proposals.import_cells import split_list
from core.proposals.models import split_list as model_list

# Text people type, with the characters a list text treats specially weighted in
ITEM = st.text(st.one_of(st.sampled_from(list(';,"\n\r\t  ñáéÜ')), st.characters(exclude_categories=("Cs",))),
               max_size=12)
HOSTILE = ["Tesis de Azogues (2020), §1.2.3; resumen seed-002 §1.9", 'Informe "final"', "  con espacios  ",
           '"Entre comillas"', "n/a", "Primera línea\nsegunda", "Uno, dos y tres", "Cuenca; Azuay, Ecuador"]


@given(st.lists(ITEM, max_size=6))
@example(["n/a"])
@example(['"sin cerrar', 'x" y'])
@example([" ", "a"])
def test_a_written_list_reads_back_as_the_same_items_but_empty_ones(items):
    """The only change: an empty item is not written (there is nothing to read back); every other item, whatever
    it holds, comes back exactly, in order, through any reader of a list cell."""
    kept = [i for i in items if i]
    text = join_list(items)
    assert [item for item, _ in list_items(text)] == kept
    assert split_list(text, also_comma=False) == kept  # a proposals file's cell, read as a cell
    assert split_items(join_list(items, also_comma=True), also_comma=True) == kept  # a reader that splits commas too
    assert split_items(join_list(items, lines=True)) == kept  # one per line, as a text area shows them


def test_no_items_write_no_text():
    assert join_list([]) is None and join_list([""]) is None


@pytest.mark.parametrize("sources", [HOSTILE, HOSTILE[:1], ["Tesis §2.4", "Sitio web de la embajada"]])
def test_a_cooperants_sources_typed_as_the_form_shows_them_are_kept(sources):
    """The form shows the sources as one text and saves what is typed there: a source holding a «;» (as a demo
    cooperant's does) was split in two on the first save."""
    body = {"cooperant_id": "CO-X", "name": "Cooperante", "kind": "ngo", "sources": join_list(sources)}
    assert Cooperant.model_validate(body).sources == sources


@pytest.mark.parametrize(("typed", "sources"), [
    ("Tesis §2.4; sitio web", ["Tesis §2.4", "sitio web"]),
    ('"Informe 2019; tomo 2"; sitio web', ["Informe 2019; tomo 2", "sitio web"]),
    ("Informe, tomo 2\nsitio web", ["Informe, tomo 2", "sitio web"]),  # a comma is part of a source
])
def test_sources_typed_by_hand_are_read_item_by_item(typed, sources):
    body = {"cooperant_id": "CO-X", "name": "Cooperante", "kind": "ngo", "sources": typed}
    assert Cooperant.model_validate(body).sources == sources


@pytest.mark.parametrize("activities", [["Zanja", "Tubería"], ["Comprar; instalar la bomba", 'Capacitar "en sitio"'],
                                        ["n/a"]])
def test_a_components_activities_typed_as_the_form_shows_them_are_kept(activities):
    """The components table shows the activities in one cell: one holding a «;» was split in two on saving."""
    assert Component(name="Obra", activities=join_list(activities)).activities == activities


@pytest.mark.parametrize(("text", "items"), [
    ("water_systems; training", ["water_systems", "training"]),
    ("EV-OE6,EV-OE9", ["EV-OE6", "EV-OE9"]),  # codes typed with commas, as before
    ("agriculture\nenvironment", ["agriculture", "environment"]),  # a line break separates, as in every list cell
    ('"Instalar riego, y capacitar"; Sembrar', ["Instalar riego, y capacitar", "Sembrar"]),  # quoted: whole
])
def test_a_models_list_given_as_text_is_read_as_a_list_cell(text, items):
    assert model_list(text) == items


@pytest.mark.parametrize(("cell", "bare"), [("NA", True), ("na", True), (" Na ", True), ("N/A", False),
                                            ("n/a", False), ("n.a.", False), ("no aplica", False), ("NAU", False),
                                            (None, False)])
def test_a_bare_na_is_told_apart_from_the_other_words_for_no_data(cell, bare):
    assert bare_na(cell) is bare
    assert not_given(cell) is (cell is not None and cell.strip().lower() not in ("nau",))
