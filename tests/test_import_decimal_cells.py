"""A workbook's number cell with decimals where a whole number goes (votes, members, an age, a project's months or
beneficiaries): the refusal quoted it as Python writes it, «3.5» and «1234.25», a dot decimal the es-EC reader takes
for a thousands mark («1234.25» reads as over a hundred thousand). It is quoted as the page writes numbers: «3,5»,
«1.234,25». Parish files and the proposals file alike; the parish is Cumbe, not El Valle."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import Workbook

from core.fmt import figure
from core.parish.__main__ import main
from core.proposals import imports
from core.proposals.import_preview import ImportContext
from core.record.store import Store
from tests.conftest import live_count
from tests.parish_export import answers, xlsx_bytes
from tests.parish_files import PARISH, _folder

CASES = [(3.5, "3,5"), (1234.25, "1.234,25"), (0.125, "0,125"), (-2.5, "-2,5")]


@pytest.mark.parametrize(("value", "expected"), [*CASES, (12.0, "12"), (1e-7, "0,0000001")])
def test_a_figure_is_written_with_its_own_decimals_in_es_ec(value, expected):
    assert figure(value) == expected


@pytest.mark.parametrize(("value", "shown"), CASES[:2])
def test_a_decimal_vote_count_in_a_parish_workbook_is_quoted_in_es_ec(tmp_path, own_store, capsys, value, shown):
    folder = _folder(tmp_path, answers(4, ["A01", "A02"]))
    (folder / "problemas.csv").unlink()
    (folder / "problemas.xlsx").write_bytes(xlsx_bytes([["Código", "Problema", "Votos"], ["P01", "Agua", value]]))
    assert main(["load", PARISH, str(folder)]) == 1
    err = capsys.readouterr().err
    assert f"problemas.xlsx, fila 2, columna «Votos»: debe ser un número entero (se recibió «{shown}»)" in err, err
    assert live_count(Store(own_store)) == 0


CTX = ImportContext(parish_code="010152", parish_name="Cumbe", associations={"A01": "Flor de Mayo"},
                    today=dt.date(2026, 12, 5))


@pytest.mark.parametrize("column", ["Duración (meses)", "Beneficiarios"])
@pytest.mark.parametrize(("value", "shown"), CASES[:2])
def test_a_decimal_count_in_a_proposals_workbook_is_quoted_in_es_ec(column, value, shown):
    header = ["Código", "Asociación", "Título", "Costo total (USD)", "Monto solicitado", column]
    book = Workbook()
    for row in (header, ["P01", "A01", "Riego por goteo", 1000, 1000, value]):
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    preview = imports.preview_import(out.getvalue(), "p.xlsx", CTX)
    [problem] = preview.problems
    assert (problem.row, problem.column) == (2, column)
    assert f"(se recibió «{shown}»)" in problem.message, problem.message
