"""A day is written the same ways in every file a person loads (proposals, parish files, survey exports), and a day
that cannot be read is refused naming those ways, the file, the row and the column."""

from __future__ import annotations

import datetime as dt

import pytest

from core.parish.models import ParishAssociation
from core.parish.survey import read_survey
from core.parish.tables import PARTS, AssociationIndex, Context, read_part
from core.proposals import import_preview, imports
from core.record.store import Store
from tests.parish_export import answers, export_csv

PARISH = "010152"
INDEX = AssociationIndex([ParishAssociation(parish_code=PARISH, code="A01", name="Flor de Mayo", members_total=40)])
DAY = dt.date(2022, 3, 15)
# every way a planner writes 15 March 2022: day first as a Spanish spreadsheet does, and ISO
WRITTEN = ["15/03/2022", "15-03-2022", "15.03.2022", "15/03/22", "2022-03-15", "15/3/2022"]
NOT_A_DAY = ["marzo 2022", "31/02/2022", "2022/03/15", "45000"]
# what every refusal must name: the two ways of writing a day
WAYS = ("dd/mm/aaaa", "aaaa-mm-dd")

PROPOSALS_HEADER = ("Código;Asociación;Título;Costo total (USD);Monto solicitado;Aporte de las asociaciones (USD);"
                    "Beneficiarios directos;Tipo de apoyo;Fecha de inicio\n")


@pytest.fixture(scope="module")
def ctx(tmp_path_factory, con):
    return import_preview.context_for(con, Store(tmp_path_factory.mktemp("days") / "s.sqlite"), "010170")


def _proposal(ctx, start: str) -> import_preview.ImportPreview:
    data = PROPOSALS_HEADER + f"EV-P90;EV-A01;Riego en Ñamarín;1000;1000;0;30;Equipamiento;{start}\n"
    return imports.preview_import(data.encode("utf-8"), "propuestas.csv", ctx)


def _aid(year: str):
    data = f"Código;Asociación;Institución;Año;Tipo de ayuda;Monto (USD)\nY1;A01;MAG;{year};Insumos;100\n"
    return read_part(data.encode("utf-8"), "ayudas.csv", PARTS["ayudas"], Context(PARISH, INDEX))


def _survey(time: str):
    [row] = answers(1, ["A01"], seed=5)
    return read_survey(export_csv([{**row, "_submission_time": time}]), "encuesta.csv", PARISH, INDEX)


@pytest.mark.parametrize("written", WRITTEN)
def test_every_file_reads_the_same_day_from_the_same_writing(written, ctx):
    proposals = _proposal(ctx, written)
    assert proposals.problems == [] and proposals.rows[0].proposal.start_date == DAY
    aid = _aid(written)
    assert aid.problems == [] and [a.year for a in aid.items] == [DAY.year]
    survey = _survey(written)
    assert survey.problems == [] and [a.submitted_at for a in survey.items] == [dt.datetime(2022, 3, 15)]


@pytest.mark.parametrize("written", NOT_A_DAY)
def test_a_day_that_cannot_be_read_is_refused_naming_the_ways_it_can_be_written(written, ctx):
    refused = {
        "proposals": (_proposal(ctx, written).problems, "propuestas.csv", "Fecha de inicio"),
        "survey": (_survey(written).problems, "encuesta.csv", "_submission_time"),
    }
    if not written.isdigit():  # a bare number is a year in the aid file's year column
        refused["aid"] = (_aid(written).problems, "ayudas.csv", "Año")
    for reader, (problems, file, column) in refused.items():
        assert [(p.file, p.row, p.column) for p in problems] == [(file, 2, column)], reader
        message = problems[0].message
        assert all(way in message for way in WAYS), (reader, message)
        assert f"(se recibió «{written}»)" in message, (reader, message)
        assert "AAAA-MM-DD" not in message, (reader, message)


def test_a_bare_number_is_not_read_as_a_submission_time_in_1970():
    """pydantic takes a number for seconds since 1970: «45000» was stored as 01/01/1970 12:30 without a word."""
    assert _survey("45000").items == []


# a day that exists but no project starts and no survey was answered on: year 1 (an ODK «…Z» time of it stopped the
# survey load with a traceback, its day in Ecuador falling in year 0) and year 9999 (a project starting then made
# the IATI export stop computing its end)
OUT_OF_RANGE = {"0001-01-01": "01/01/0001", "31/12/9999": "31/12/9999", "01/01/1899": "01/01/1899"}


@pytest.mark.parametrize("written", list(OUT_OF_RANGE))
def test_a_day_outside_the_years_minga_takes_is_refused_at_its_row_and_column(written, ctx):
    refused = {
        "proposals": (_proposal(ctx, written).problems, "propuestas.csv", "Fecha de inicio"),
        "survey": (_survey(written + ("T00:00:00Z" if "-" in written else " 00:00")).problems, "encuesta.csv",
                   "_submission_time"),
    }
    for reader, (problems, file, column) in refused.items():
        assert [(p.file, p.row, p.column) for p in problems] == [(file, 2, column)], reader
        assert problems[0].message == (f"la fecha {OUT_OF_RANGE[written]} está fuera de los años que Minga registra "
                                       "(de 1900 a 2100)"), reader


def test_the_first_and_last_years_minga_takes_are_read(ctx):
    assert _proposal(ctx, "31/12/2100").rows[0].proposal.start_date == dt.date(2100, 12, 31)
    assert [a.submitted_at for a in _survey("1900-01-01T05:00:00Z").items] == [
        dt.datetime(1900, 1, 1, 5, tzinfo=dt.UTC)]
