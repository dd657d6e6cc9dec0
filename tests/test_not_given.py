"""«n/a», «no aplica», «-», «s/d» typed in a cell (or «nan», «None», «NULL» a program wrote) say there is nothing to put there: every reader (parish files,
survey exports, proposals files, the cooperant registry) takes it as an empty cell where the column is optional, and refuses it with a Spanish
message naming the file, the row and the column where a value is required."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from core.cooperation.registry_import import preview_registry
from core.parish.models import ParishAssociation
from core.parish.survey import read_survey
from core.parish.tables import PARTS, AssociationIndex, Context, read_part
from core.proposals import import_preview, imports
from core.record.store import Store
from tests.parish_export import answers, export_csv, xlsx_bytes

PARISH = "010152"
INDEX = AssociationIndex([ParishAssociation(parish_code=PARISH, code="A01", name="Flor de Mayo", members_total=40)])
MARKERS = ["n/a", "N/A", "no aplica", "-", "s/d", " S/D ", "n.a.",
           # what a program writes for an empty value (pandas, Python, a database dump): shown, they read «nan» and
           # «None» on the page, the acta and the exports
           "nan", "NaN", "None", "NULL", "null"]
# In a money column a dash alone is Excel's accounting zero, read as 0 (tests/test_accounting_zero.py): there only
# the words say «no data».
MONEY_MARKERS = [m for m in MARKERS if m != "-"]
REQUIRED = "falta el valor (es obligatorio)"

# file → (header, a good row with {} where the marker goes)
PARISH_FILES = {
    "asociaciones": "Código;Nombre;RUC;Comunidades;Número de socios\nA02;Ñucanchik Allpa;{ruc};{communities};{members}\n",
    "ayudas": "Código;Asociación;Institución;Año;Tipo de ayuda;Monto (USD);Descripción\n"
              "Y1;A01;MAG;2022;Insumos;{amount};{description}\n",
    "problemas": "Código;Problema;Votos\nP01;Heladas;{votes}\n",
}
GOOD = {"ruc": "0190000000001", "communities": "Ñamarín", "members": "18", "amount": "100", "description": "Semillas",
        "votes": "12"}
# (file, cell, field read, what an empty cell gives)
PARISH_OPTIONAL = [("asociaciones", "ruc", "ruc", None), ("asociaciones", "communities", "communities", None),
                   ("ayudas", "description", "description_es", None), ("problemas", "votes", "votes", 0)]
PARISH_REQUIRED = [("asociaciones", "members", "Número de socios"), ("ayudas", "amount", "Monto (USD)")]

PROPOSALS_HEADER = ("Código;Asociación;Título;Costo total (USD);Monto solicitado;Aporte de las asociaciones (USD);"
                    "Mujeres;Resumen\n")
PROPOSAL = {"title": "Riego en Ñamarín", "cost": "1000", "women": "12", "summary": "Goteo"}


def _parish(name: str, **cells: str):
    data = PARISH_FILES[name].format(**{**GOOD, **cells})
    return read_part(data.encode("utf-8"), f"{name}.csv", PARTS[name], Context(PARISH, INDEX))


@pytest.fixture(scope="module")
def ctx(tmp_path_factory, con):
    return import_preview.context_for(con, Store(tmp_path_factory.mktemp("markers") / "s.sqlite"), "010170")


def _proposal(ctx, **cells: str):
    c = {**PROPOSAL, **cells}
    data = PROPOSALS_HEADER + f"EV-P90;EV-A01;{c['title']};{c['cost']};1000;0;{c['women']};{c['summary']}\n"
    return imports.preview_import(data.encode("utf-8"), "propuestas.csv", ctx)


def _survey(**cells: str):
    [row] = answers(1, ["A01"], seed=5)
    return read_survey(export_csv([{**row, **cells}]), "encuesta.csv", PARISH, INDEX)


@pytest.mark.parametrize("marker", MARKERS)
@pytest.mark.parametrize(("name", "cell", "field", "empty"), PARISH_OPTIONAL)
def test_a_parish_file_reads_a_marker_in_an_optional_column_as_an_empty_cell(name, cell, field, empty, marker):
    preview = _parish(name, **{cell: marker})
    assert preview.problems == []
    assert [getattr(item, field) for item in preview.items] == [empty]


@pytest.mark.parametrize(("name", "cell", "column", "marker"), [
    (*case, marker) for case in PARISH_REQUIRED for marker in (MONEY_MARKERS if case[1] == "amount" else MARKERS)])
def test_a_parish_file_refuses_a_marker_where_a_value_is_required(name, cell, column, marker):
    preview = _parish(name, **{cell: marker})
    assert preview.items == []
    assert [(p.file, p.row, p.column) for p in preview.problems] == [(f"{name}.csv", 2, column)]
    assert preview.problems[0].message.startswith(REQUIRED)
    assert f"«{marker.strip()}»" in preview.problems[0].message


@pytest.mark.parametrize("marker", MARKERS)
def test_a_proposals_file_reads_a_marker_as_empty_where_optional_and_refuses_it_where_required(marker, ctx):
    optional = _proposal(ctx, women=marker, summary=marker)
    assert optional.problems == []
    [proposal] = [row.proposal for row in optional.rows]
    [blank] = [row.proposal for row in _proposal(ctx, women="", summary="").rows]
    assert proposal == blank and proposal.summary is None  # the same as cells left empty
    for cell, column in (("cost", "Costo total (USD)"), ("title", "Título")):
        if cell == "cost" and marker not in MONEY_MARKERS:
            continue  # «-» is a cost of 0, refused as such (tests/test_accounting_zero.py)
        refused = _proposal(ctx, **{cell: marker})
        problems = [(p.file, p.row, p.column) for p in refused.problems if p.column == column]
        assert problems == [("propuestas.csv", 2, column)], refused.problems
        message = next(p.message for p in refused.problems if p.column == column)
        assert message.startswith(REQUIRED) and f"«{marker.strip()}»" in message


@pytest.mark.parametrize("marker", MARKERS)
def test_a_survey_export_reads_a_marker_as_no_answer_where_optional_and_refuses_it_where_required(marker):
    optional = _survey(edad=marker, sexo=marker, pobreza=marker)
    assert optional.problems == []
    assert [(a.age, a.sex, a.perceived_poverty) for a in optional.items] == [(None, None, None)]
    refused = _survey(rol=marker)
    assert refused.items == []
    assert [(p.file, p.row, p.column) for p in refused.problems] == [("encuesta.csv", 2, "socio/rol")]
    assert refused.problems[0].message.startswith(REQUIRED)


REGISTRY_HEADER = ["Código", "Nombre", "Tipo de cooperante", "País", "Temas", "No reembolsable", "Fuentes", "Correo"]


@pytest.mark.parametrize("marker", MARKERS)
def test_the_cooperant_registry_reads_a_marker_as_empty_where_optional_and_refuses_it_where_required(marker):
    optional = preview_registry(xlsx_bytes([REGISTRY_HEADER, ["CO-X", "Fundación X", "ONG", marker, marker, "sí",
                                                              "Tesis §2.4", marker]]), "registro.xlsx", {})
    assert optional.problems == []
    [cooperant] = optional.to_save()
    assert (cooperant.country, cooperant.themes, cooperant.contacts) == (None, [], [])
    refused = preview_registry(xlsx_bytes([REGISTRY_HEADER, ["CO-X", marker, "ONG", "", "", "sí", "Tesis", ""]]),
                               "registro.xlsx", {})
    assert [(p.file, p.row, p.column) for p in refused.problems] == [("registro.xlsx", 2, "Nombre")]
    assert refused.problems[0].message.startswith(REQUIRED)


def _workbook(sheets: dict[str, list[list[object]]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for cells in rows:
            sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


BUDGET = ["Código de la propuesta", "Rubro o actividad", "Monto (USD)", "A cargo de"]
INDICATORS = ["Código de la propuesta", "Indicador", "Línea base", "Meta", "Medio de verificación"]
# sheet → (its header, a good row, the required columns)
NESTED = {"Presupuesto": (BUDGET, ["EV-P90", "Mangueras", 1000, "GAD"], BUDGET[:3]),
          "Indicadores": (INDICATORS, ["EV-P90", "Huertos regados", "0", "20", "Actas de entrega"], INDICATORS)}


@pytest.mark.parametrize("marker", ["n/a", "no aplica", "-", " S/D "])
@pytest.mark.parametrize("sheet", list(NESTED))
def test_the_budget_and_indicator_sheets_name_a_marker_where_a_value_is_required(sheet, marker, ctx):
    header, good, required = NESTED[sheet]
    main = [PROPOSALS_HEADER.strip().split(";"), ["EV-P90", "EV-A01", "Riego en Ñamarín", 1000, 1000, 0, 12, "Goteo"]]
    for index, column in enumerate(required):
        if column == "Monto (USD)" and marker not in MONEY_MARKERS:
            continue  # «-» is an amount of 0 (tests/test_accounting_zero.py)
        bad = [*good[:index], marker, *good[index + 1:]]
        data = _workbook({"Propuestas": main, sheet: [header, good, bad]})
        result = imports.preview_import(data, "propuestas.xlsx", ctx)
        said = [p for p in result.problems if p.file == f"propuestas.xlsx › {sheet}"]
        assert [(p.row, p.column) for p in said] == [(3, column)], result.problems
        assert said[0].message.startswith(REQUIRED) and f"«{marker.strip()}»" in said[0].message
        assert not result.ok
