"""A workbook's TRUE or FALSE (a checkbox column, a cell typed «VERDADERO») where the proposals file wants an amount
or a count. It was read as 1 or 0: a proposal costing $ 1, asking $ 1 of the GAD, for 1 beneficiary over 1 month
was offered as new and could be saved. It is refused at its cell, quoting «Sí» or «No» as the page shows the cell,
as the parish files already refuse it (core.parish.cells). Another parish than El Valle: Cumbe."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import Workbook

from core.proposals import imports
from core.proposals.import_preview import ImportContext

CTX = ImportContext(parish_code="010152", parish_name="Cumbe", associations={"A01": "Flor de Mayo"},
                    today=dt.date(2026, 12, 5))
HEADER = ["Código", "Asociación", "Título", "Costo total (USD)", "Monto solicitado", "Beneficiarios",
          "Duración (meses)"]
BUDGET = ["Código de la propuesta", "Rubro o actividad", "Monto (USD)", "A cargo de"]
ROW = {"Costo total (USD)": 1000, "Monto solicitado": 1000, "Beneficiarios": 30, "Duración (meses)": 6}


def _book(**cells: object) -> bytes:
    book = Workbook()
    book.active.title = "Propuestas"
    values = {**ROW, **cells}
    book.active.append(HEADER)
    book.active.append(["P01", "A01", "Riego por goteo", *(values[h] for h in HEADER[3:])])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize(("column", "value", "shown"), [
    ("Costo total (USD)", True, "Sí"),
    ("Monto solicitado", False, "No"),
    ("Beneficiarios", True, "Sí"),
    ("Duración (meses)", True, "Sí"),
])
def test_a_true_or_false_cell_is_no_amount_or_count(column, value, shown):
    preview = imports.preview_import(_book(**{column: value}), "p.xlsx", CTX)
    [row] = preview.rows
    assert row.action == "error" and row.proposal is None
    assert any(p.row == 2 and p.column == column and f"«{shown}»" in p.message for p in preview.problems), \
        preview.problems


def test_a_proposal_whose_every_amount_is_true_is_not_one_dollar():
    preview = imports.preview_import(_book(**dict.fromkeys(ROW, True)), "p.xlsx", CTX)
    [row] = preview.rows
    assert row.action == "error" and row.proposal is None
    assert {p.column for p in preview.problems} >= set(ROW)


def test_a_budget_line_amount_that_is_true_is_refused():
    book = Workbook()
    book.active.title = "Propuestas"
    book.active.append(HEADER)
    book.active.append(["P01", "A01", "Riego por goteo", *ROW.values()])
    lines = book.create_sheet("Presupuesto")
    lines.append(BUDGET)
    lines.append(["P01", "Mangueras", True, "GAD"])
    out = io.BytesIO()
    book.save(out)
    preview = imports.preview_import(out.getvalue(), "p.xlsx", CTX)
    assert all(r.proposal is None for r in preview.rows)
    assert any("Presupuesto" in p.file and "«Sí»" in p.message for p in preview.problems), preview.problems
