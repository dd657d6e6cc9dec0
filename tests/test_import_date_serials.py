"""A date cell that lost its format in the planner's workbook (a column set to «General» after pasting) holds Excel's
serial number of the day: 46402 for 15/01/2027, 46356,4375 for 30/11/2026 10:30. A proposal's start date and a survey
export's submission time quoted it back as «46402» or «46356.4375» (a dot decimal) with the list of ways to write a
day, sending the planner to look for a mistake the sheet does not show. As the parish's aid years already do
(tests/test_parish_excel_numbers.py), the message says which day the number is and how to fix the cell. Nothing is
read as a date by guess. Cumbe, not El Valle."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import Workbook

from core.parish.models import ParishAssociation
from core.parish.survey import read_survey
from core.parish.tables import AssociationIndex
from core.proposals import imports
from core.proposals.import_preview import ImportContext
from tests.parish_export import answers, export_csv

PARISH = "010152"
CTX = ImportContext(parish_code=PARISH, parish_name="Cumbe", associations={"A01": "Flor de Mayo"},
                    today=dt.date(2026, 12, 5))
INDEX = AssociationIndex([ParishAssociation(parish_code=PARISH, code="A01", name="Flor de Mayo", members_total=40)])


def _proposals(start: object) -> bytes:
    book = Workbook()
    for row in (["Código", "Asociación", "Título", "Costo total (USD)", "Monto solicitado", "Fecha de inicio"],
                ["P01", "A01", "Riego por goteo", 1000, 1000, start]):
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize(("serial", "shown", "day"), [(46402, "46402", "15/01/2027"), (46023, "46023", "01/01/2026")])
def test_a_start_date_written_as_an_excel_serial_says_which_day_it_is(serial, shown, day):
    preview = imports.preview_import(_proposals(serial), "p.xlsx", CTX)
    [problem] = preview.problems
    assert (problem.row, problem.column) == (2, "Fecha de inicio")
    assert f"«{shown}» es una fecha que Excel escribió como número, el {day}" in problem.message, problem.message


def test_a_number_that_is_no_day_of_the_years_kept_is_refused_as_before():
    [problem] = imports.preview_import(_proposals(12), "p.xlsx", CTX).problems
    assert "Excel escribió" not in problem.message and "(se recibió «12»)" in problem.message


def _survey_xlsx(submitted: object) -> bytes:
    text = export_csv(answers(1, ["A01"], seed=5)).decode("utf-8-sig")
    header, row = (line.split(";") for line in text.splitlines()[:2])
    row[header.index("_submission_time")] = submitted
    book = Workbook()
    book.active.append(header)
    book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_submission_time_written_as_an_excel_serial_says_which_moment_it_is():
    preview = read_survey(_survey_xlsx(46356.4375), "encuesta.xlsx", PARISH, INDEX)
    [problem] = preview.problems
    assert (problem.row, problem.column) == (2, "_submission_time")
    assert "«46356,4375» es una fecha que Excel escribió como número, el 30/11/2026 10:30" in problem.message, \
        problem.message
