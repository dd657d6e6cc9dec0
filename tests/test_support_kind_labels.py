"""The kind of support a proposal asks for and the kind of aid an association received are one concept (the aid
criterion compares them code by code): one code, one label, on every page; older proposal files still read."""

from __future__ import annotations

import pytest

from core.proposals.import_cells import choice_index, normalise
from core.texts import label, labels


def test_a_proposal_s_kind_of_support_is_labelled_as_the_aid_received():
    assert labels("support_kind") == labels("aid_kind")
    assert label("support_kind", "equipment") == label("aid_kind", "equipment") == "Equipos"


@pytest.mark.parametrize(("written", "code"), [("Equipos", "equipment"), ("Equipamiento", "equipment"),
                                               ("equipment", "equipment"), ("Capacitación", "training")])
def test_a_proposals_file_names_the_kind_by_either_word(written, code):
    assert choice_index("support_kind")[normalise(written)] == code
