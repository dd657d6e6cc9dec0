"""A workbook's TRUE or FALSE (a checkbox column, a cell typed «VERDADERO») where a text, a day, a code or a choice
goes. It was read as Python writes it: the refusal quoted «True» (English, not what the page shows), and a title or
a problem of TRUE was offered as «True». As amounts already do (core.proposals.import_cells.parse_number), the cell
reads as the page shows a yes/no: «Sí», «No». Parish files and the proposals file alike; the parish is Cumbe."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import Workbook

from core.parish.__main__ import main
from core.proposals import imports
from core.proposals.import_preview import ImportContext
from core.record.store import Store
from tests.parish_export import answers, xlsx_bytes
from tests.parish_files import PARISH, _folder

CTX = ImportContext(parish_code="010152", parish_name="Cumbe", associations={"A01": "Flor de Mayo"},
                    today=dt.date(2026, 12, 5))
HEADER = ["Código", "Asociación", "Título", "Costo total (USD)", "Monto solicitado", "Fecha de inicio", "ODS",
          "Ámbito", "Resumen"]
ROW = dict(zip(HEADER, ["P01", "A01", "Riego por goteo", 1000, 1000, None, None, None, None], strict=True))


def _preview(**cells: object):
    book = Workbook()
    book.active.append(HEADER)
    book.active.append([{**ROW, **cells}[h] for h in HEADER])
    out = io.BytesIO()
    book.save(out)
    return imports.preview_import(out.getvalue(), "p.xlsx", CTX)


@pytest.mark.parametrize(("column", "value", "shown"), [
    ("Fecha de inicio", True, "Sí"), ("ODS", False, "No"), ("Ámbito", False, "No"),
])
def test_a_true_or_false_cell_is_quoted_as_the_page_shows_it(column, value, shown):
    preview = _preview(**{column: value})
    [problem] = preview.problems
    assert (problem.row, problem.column) == (2, column)
    assert f"«{shown}»" in problem.message and "True" not in problem.message and "False" not in problem.message


def test_a_true_text_cell_is_not_written_in_english():
    [row] = _preview(Resumen=True).rows
    assert row.proposal.summary == "Sí"
    preview = _preview(Título=True)  # «Sí» is no title: refused at its cell, where «True» was offered as new
    assert [(p.row, p.column) for p in preview.problems] == [(2, "Título")] and preview.rows[0].proposal is None


def test_a_true_problem_in_a_parish_workbook_is_not_written_in_english(tmp_path, own_store):
    folder = _folder(tmp_path, answers(4, ["A01", "A02"]))
    (folder / "problemas.csv").unlink()
    (folder / "problemas.xlsx").write_bytes(xlsx_bytes([["Código", "Problema", "Votos"], ["P01", True, 3]]))
    assert main(["load", PARISH, str(folder)]) == 0
    [problem] = Store(own_store).records("parish_problem")
    assert problem.body["label_es"] == "Sí"
