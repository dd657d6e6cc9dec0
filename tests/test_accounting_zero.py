"""«$ -» and «-» in a money cell: how Excel's accounting format shows a zero amount. Every reader of money (the
proposals sheet, its «Presupuesto» sheet, the parish's aid file) takes it as 0 where an amount may be 0; where it
must be more than 0 (a proposal's total cost) the refusal quotes what was written."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from core.parish.models import ParishAssociation
from core.parish.tables import PARTS, AssociationIndex, Context, read_part
from core.proposals import import_preview, imports
from core.record.store import Store

PARISH = "010152"
INDEX = AssociationIndex([ParishAssociation(parish_code=PARISH, code="A01", name="Flor de Mayo", members_total=40)])
ZEROS = ["$ -", "-", "$-", " $  - ", "USD -", "\u2013"]
HEADER = ["Código", "Asociación", "Título", "Costo total (USD)", "Monto solicitado", "Aporte de las asociaciones (USD)"]
BUDGET = ["Código de la propuesta", "Rubro o actividad", "Monto (USD)", "A cargo de"]


@pytest.fixture(scope="module")
def ctx(tmp_path_factory, con):
    return import_preview.context_for(con, Store(tmp_path_factory.mktemp("zeros") / "s.sqlite"), "010170")


def _book(row: list[object], lines: list[list[object]] | None = None) -> bytes:
    book = Workbook()
    book.active.title = "Propuestas"
    for cells in (HEADER, row):
        book.active.append(cells)
    if lines is not None:
        sheet = book.create_sheet("Presupuesto")
        for cells in (BUDGET, *lines):
            sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize("zero", ZEROS)
def test_a_proposal_counterpart_written_as_an_accounting_zero_is_0(zero, ctx):
    preview = imports.preview_import(_book(["EV-P90", "EV-A01", "Riego", 1000, 1000, zero]), "p.xlsx", ctx)
    assert preview.problems == []
    [row] = preview.rows
    assert row.proposal.counterpart_associations_usd == 0.0


@pytest.mark.parametrize("zero", ZEROS)
def test_a_requested_amount_written_as_an_accounting_zero_is_given_as_0_not_derived(zero, ctx):
    """«-» in «Monto solicitado» says 0 is asked of the GAD: the cost then contradicts the amounts, it is not
    silently derived as 1.000."""
    preview = imports.preview_import(_book(["EV-P90", "EV-A01", "Riego", 1000, zero, 1000]), "p.xlsx", ctx)
    assert preview.problems == []
    [row] = preview.rows
    assert (row.proposal.requested_usd, row.proposal.counterpart_associations_usd) == (0.0, 1000.0)
    assert row.notes == []  # nothing derived


@pytest.mark.parametrize("zero", ZEROS)
def test_a_total_cost_written_as_an_accounting_zero_is_refused_quoting_it(zero, ctx):
    preview = imports.preview_import(_book(["EV-P90", "EV-A01", "Riego", zero, 0, 0]), "p.xlsx", ctx)
    said = [(p.row, p.column, p.message) for p in preview.problems if p.column == "Costo total (USD)"]
    assert said == [(2, "Costo total (USD)", f"el costo total debe ser mayor que cero (se recibió «{zero.strip()}»)")]
    assert not preview.ok


@pytest.mark.parametrize("zero", ZEROS)
def test_a_budget_line_written_as_an_accounting_zero_is_0(zero, ctx):
    lines = [["EV-P90", "Mangueras", 1000, "GAD"], ["EV-P90", "Transporte", zero, "GAD"]]
    preview = imports.preview_import(_book(["EV-P90", "EV-A01", "Riego", 1000, 1000, 0], lines), "p.xlsx", ctx)
    assert preview.problems == []
    [row] = preview.rows
    assert [line.amount_usd for line in row.proposal.budget_lines] == [1000.0, 0.0]


@pytest.mark.parametrize("zero", ZEROS)
def test_an_aid_amount_written_as_an_accounting_zero_is_0(zero):
    data = ("Código;Asociación;Institución;Año;Tipo de ayuda;Monto (USD)\n"
            f"Y1;A01;MAG;2022;Insumos;{zero}\n")
    preview = read_part(data.encode("utf-8"), "ayudas.csv", PARTS["ayudas"], Context(PARISH, INDEX))
    assert preview.problems == []
    assert [aid.amount_usd for aid in preview.items] == [0.0]


@pytest.mark.parametrize(("marker", "file"), [("n/a", "ayudas"), ("s/d", "ayudas"), ("no aplica", "ayudas")])
def test_words_saying_no_data_in_a_money_cell_are_still_no_data(marker, file):
    data = f"Código;Asociación;Institución;Año;Tipo de ayuda;Monto (USD)\nY1;A01;MAG;2022;Insumos;{marker}\n"
    preview = read_part(data.encode("utf-8"), f"{file}.csv", PARTS[file], Context(PARISH, INDEX))
    assert preview.items == []
    assert preview.problems[0].message.startswith("falta el valor (es obligatorio)")
