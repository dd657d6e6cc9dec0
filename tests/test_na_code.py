"""A bare «NA» is «no data» in most cells, but also a code («Nueva Aurora»). In a column of codes it is read as the
parish's code «NA» when there is one; otherwise a required column refuses it saying how it was read and how to
write it. «n/a», «N/A», «no aplica», «s/d», «-» stay «no data» even then."""

from __future__ import annotations

import dataclasses

import pytest

from core.parish.models import ParishAssociation
from core.parish.tables import PARTS, AssociationIndex, Context, read_part
from core.proposals import import_preview, imports
from core.record.store import Store

PARISH = "010152"
REQUIRED = "falta el valor (es obligatorio)"
READ_AS_NO_DATA = "«NA» se lee como «no hay dato»"
HEADER = "Código;Asociación;Título;Costo total (USD);Monto solicitado;Objetivos PDOT\n"


@pytest.fixture(scope="module")
def demo(tmp_path_factory, con):
    return import_preview.context_for(con, Store(tmp_path_factory.mktemp("na") / "s.sqlite"), "010170")


def _with_na(ctx):
    """The demo parish with an association and a PDOT objective coded «NA»."""
    return dataclasses.replace(ctx, associations={**ctx.associations, "NA": "Nueva Aurora"},
                               pdot_objectives={**(ctx.pdot_objectives or {}), "NA": "Agua"})


def _import(ctx, association="EV-A01", pdot=""):
    data = HEADER + f"EV-P90;{association};Riego;1000;1000;{pdot}\n"
    return imports.preview_import(data.encode("utf-8"), "propuestas.csv", ctx)


@pytest.mark.parametrize("written", ["NA", "na", " Na "])
def test_na_is_the_association_coded_na_when_the_parish_has_one(written, demo):
    preview = _import(_with_na(demo), association=written)
    assert preview.problems == []
    assert preview.rows[0].proposal.association_id == "NA"


def test_na_is_the_pdot_objective_coded_na_when_the_parish_has_it(demo):
    """(A problem's code has its own shape, «P02», so «NA» cannot be one.)"""
    preview = _import(_with_na(demo), pdot="NA")
    assert preview.problems == []
    assert preview.rows[0].proposal.pdot_objective_ids == ["NA"]


def test_na_without_such_an_association_is_refused_saying_how_it_was_read(demo):
    preview = _import(demo, association="NA")
    said = [p for p in preview.problems if p.column == "Asociación"]
    assert [(p.row, p.column) for p in said] == [(2, "Asociación")]
    assert said[0].message.startswith(REQUIRED) and READ_AS_NO_DATA in said[0].message
    assert "«NA1»" in said[0].message  # how to write it


@pytest.mark.parametrize("marker", ["n/a", "N/A", "no aplica", "s/d", "-", "n.a."])
def test_the_other_words_are_no_data_even_where_the_parish_has_a_code_na(marker, demo):
    preview = _import(_with_na(demo), association=marker)
    [said] = [p for p in preview.problems if p.column == "Asociación"]
    assert said.message.startswith(REQUIRED) and f"«{marker}»" in said.message
    assert "se lee como" not in said.message


NUEVA_AURORA = ParishAssociation(parish_code=PARISH, code="NA", name="Nueva Aurora", members_total=25)
FLOR = ParishAssociation(parish_code=PARISH, code="A01", name="Flor de Mayo", members_total=40)
AID = "Código;Asociación;Institución;Año;Tipo de ayuda;Monto (USD)\nY1;{association};MAG;2022;Insumos;100\n"


@pytest.mark.parametrize(("associations", "written", "expected", "message"), [
    ([FLOR, NUEVA_AURORA], "NA", "010152-NA", None),
    ([FLOR, NUEVA_AURORA], "na", "010152-NA", None),
    ([FLOR], "NA", None, READ_AS_NO_DATA),
    ([FLOR, NUEVA_AURORA], "n/a", None, "«n/a» dice que no hay dato"),
])
def test_an_aid_of_the_association_coded_na(associations, written, expected, message):
    data = AID.format(association=written).encode("utf-8")
    preview = read_part(data, "ayudas.csv", PARTS["ayudas"], Context(PARISH, AssociationIndex(associations)))
    assert [aid.association_id for aid in preview.items] == ([expected] if expected else [])
    assert [message in p.message for p in preview.problems] == ([] if expected else [True])


def test_an_association_coded_na_in_the_associations_file_is_told_how_it_was_read():
    data = "Código;Nombre;Número de socios\nNA;Nueva Aurora;25\n".encode()
    preview = read_part(data, "asociaciones.csv", PARTS["asociaciones"], Context(PARISH, AssociationIndex([])))
    assert preview.items == []
    [problem] = preview.problems
    assert (problem.row, problem.column) == (2, "Código")
    assert problem.message.startswith(REQUIRED) and READ_AS_NO_DATA in problem.message
