"""One PDOT objective code pattern: a code Alineación's editor takes (`PdotObjective`) is the code Preparar's
«objetivos_pdot» file takes (`core.parish.models.ParishPdotObjective`), and the other way round."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from core.data.schemas.catalogues import PdotObjective
from core.fmt import local_code
from core.parish.tables import PARTS, AssociationIndex, Context, read_part

PARISH = "010152"


def _alineacion_takes(code: str) -> bool:
    try:
        PdotObjective(pdot_objective_id=code, parish_code=PARISH, component="Económico", objective_es="Riego",
                      is_illustrative=False, source="Junta")
    except ValidationError:
        return False
    return True


def _preparar_takes(code: str) -> bool:
    data = f"Código;Componente;Objetivo\n{code};Económico;Riego\n".encode()
    preview = read_part(data, "objetivos_pdot.csv", PARTS["objetivos_pdot"], Context(PARISH, AssociationIndex([])))
    return not preview.problems


@pytest.mark.parametrize(("code", "taken"), [
    ("OE1", True),
    ("LI-OE1", True),  # as the PDOTs write them; refused by Preparar before
    ("EV-OE10", True),  # the example in Alineación's help
    ("OE.1", True),
    ("OE_1", True),
    ("OE 1", False),
    ("OE/1", False),
    ("OÑ1", False),
])
def test_a_pdot_code_is_taken_by_preparar_exactly_when_alineacion_takes_it(code, taken):
    assert _alineacion_takes(code) is taken
    assert _preparar_takes(code) is taken


def test_a_dashed_pdot_code_is_stored_under_the_parish_and_read_back_as_written():
    data = "Código;Componente;Objetivo\nLI-OE1;Económico;Riego\n".encode()
    preview = read_part(data, "objetivos_pdot.csv", PARTS["objetivos_pdot"], Context(PARISH, AssociationIndex([])))
    [row] = preview.items
    assert row.pdot_objective_id == "010152-LI-OE1"
    assert local_code(row.pdot_objective_id) == "LI-OE1"
