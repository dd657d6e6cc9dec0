"""Survey exports as KoBoToolbox and ODK Central write them all read to the same answers."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from core.data.schemas.study import Need
from core.parish import cells
from core.parish.models import ParishAssociation
from core.parish.survey import read_header, read_survey
from core.parish.tables import AssociationIndex
from core.texts import labels
from tests.parish_export import answers, export_csv

PARISH = "010152"
INDEX = AssociationIndex([ParishAssociation(parish_code=PARISH, code="A01", name="Asociación Flor de Mayo",
                                            members_total=50)])
ROWS = answers(15, ["A01", "asociacion flor de mayo"], seed=3)


def _as_xlsx(data: bytes) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in csv.reader(io.StringIO(data.decode("utf-8")), delimiter=";"):
        sheet.append([int(v) if v.isdigit() and len(v) < 6 else v for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _odk_central(data: bytes) -> bytes:
    """ODK Central's headers: `group-question`, `meta-instanceID` with 'uuid:' values, `SubmissionDate`."""
    rows = list(csv.reader(io.StringIO(data.decode("utf-8")), delimiter=";"))
    header = [{"_uuid": "meta-instanceID", "_submission_time": "SubmissionDate"}.get(h, h.replace("/", "-"))
              for h in rows[0]]
    uuid_at = header.index("meta-instanceID")
    body = [[f"uuid:{v}" if i == uuid_at else v for i, v in enumerate(row)] for row in rows[1:]]
    out = io.StringIO()
    csv.writer(out).writerows([header, *body])
    return out.getvalue().encode("utf-8")


EXPORTS = {
    "kobo csv, codes": ("export.csv", export_csv(ROWS)),
    "kobo csv, labels": ("export.csv", export_csv(ROWS, labels=True)),
    "kobo csv, one column per need": ("export.csv", export_csv(ROWS, option_columns=True)),
    "kobo xlsx": ("export.xlsx", _as_xlsx(export_csv(ROWS, labels=True))),
    "odk central csv": ("export.csv", _odk_central(export_csv(ROWS))),
}


@pytest.mark.parametrize("name", list(EXPORTS))
def test_every_export_reads_to_the_same_answers(name):
    filename, data = EXPORTS[name]
    preview = read_survey(data, filename, PARISH, INDEX)
    assert [str(p) for p in preview.problems] == []
    got = sorted((a.member_id, a.member_role, a.perceived_poverty, a.family_abroad, a.needs, a.age)
                 for a in preview.items)
    expected = sorted((f"{PARISH}-{r['_uuid']}", r["rol"], r["pobreza"], r["familia_exterior"] == "yes",
                       tuple(r["necesidades"]), r["edad"]) for r in ROWS)
    assert [g[:4] + (set(g[4]), g[5]) for g in got] == [e[:4] + (set(e[4]), e[5]) for e in expected]
    assert all(a.association_id == f"{PARISH}-A01" and not a.is_synthetic for a in preview.items)


@pytest.mark.parametrize(("header", "question", "option", "identity"), [
    ("socio/rol", "rol", None, None),
    ("socio-rol", "rol", None, None),
    ("rol", "rol", None, None),
    ("necesidades/necesidades/training", "necesidades", "training", None),
    ("_uuid", None, None, "_uuid"),
    ("meta-instanceID", None, None, "_uuid"),
    ("meta/instanceID", None, None, "_uuid"),
    ("SubmissionDate", None, None, "submitted_at"),
    ("KEY", None, None, "root_uuid"),  # ODK Central: the id an edit keeps
    ("meta/rootUuid", None, None, "root_uuid"),  # KoBoToolbox: the same
    ("¿Qué papel tiene usted en su familia?", "rol", None, None),
])
def test_headers_are_read_with_or_without_their_group(header, question, option, identity):
    cell = read_header(header)
    assert (cell.question.name if cell.question else None, cell.option, cell.identity) == (question, option, identity)


def test_a_row_with_a_wrong_answer_is_placed_at_its_row_and_column():
    rows = [dict(r) for r in ROWS]
    rows[2]["rol"] = "abuelo"  # the third submission: line 4 of the file
    preview = read_survey(export_csv(rows), "export.csv", PARISH, INDEX)
    assert [(p.row, p.column, "«abuelo»" in p.message) for p in preview.problems] == [(4, "socio/rol", True)]
    assert len(preview.items) == len(ROWS) - 1


def test_an_unknown_association_is_named():
    other = AssociationIndex([])
    preview = read_survey(export_csv(ROWS[:1]), "export.csv", PARISH, other)
    assert "no está registrada" in preview.problems[0].message


@given(st.lists(st.sampled_from(Need.__args__), unique=True, min_size=1), st.booleans())
def test_a_multiple_choice_reads_back_from_codes_or_labels(needs, as_labels):
    names = labels("need")
    written = "; ".join(names[n] for n in needs) if as_labels else " ".join(needs)
    assert cells.choices(written, names) == tuple(needs)


@pytest.mark.parametrize(("read", "text", "expected"), [
    (cells.integer, "1.000", 1000),
    (cells.integer, "1 000", 1000),
    (cells.integer, "12", 12),
    (lambda text: cells.money(text, ","), "40.000,50", 40000.5),
    (lambda text: cells.money(text, ","), "820,50", 820.5),
    (lambda text: cells.money(text, "."), "40,000", 40000.0),  # a file written with a dot decimal
])
def test_parish_numbers_read_as_written(read, text, expected):
    assert read(text) == expected


@pytest.mark.parametrize(("read", "text"), [
    (cells.integer, "1,000"),
    (lambda text: cells.money(text, ","), "40,000"),
    (lambda text: cells.money(text, "."), "40.000"),  # the same doubt in a file written with a dot decimal
])
def test_a_number_that_reads_two_ways_is_refused_not_read_a_thousand_times_too_small(read, text):
    """«1,000» socios was read as one member, and «40,000» dollars as forty, without a word."""
    with pytest.raises(cells.CellError, match="puede leerse como"):
        read(text)


def test_a_submission_time_written_day_first_is_read():
    rows = [{**r, "_submission_time": "30/11/2026 10:15"} for r in ROWS[:2]]
    preview = read_survey(export_csv(rows), "export.csv", PARISH, INDEX)
    assert not preview.problems
    assert {a.submitted_at for a in preview.items} == {dt.datetime(2026, 11, 30, 10, 15)}


def test_a_submission_time_that_is_no_time_is_named_by_row_and_column_in_spanish():
    rows = [{**r, "_submission_time": "ayer por la tarde"} for r in ROWS[:1]]
    [problem] = read_survey(export_csv(rows), "export.csv", PARISH, INDEX).problems
    assert (problem.row, problem.column) == (2, "_submission_time")
    assert problem.message.startswith("debe ser una fecha que exista, con su hora o sin ella, escrita dd/mm/aaaa")
    assert problem.message.endswith("(se recibió «ayer por la tarde»)")


@pytest.mark.parametrize("field, value, column", [
    ("_submission_time", "ayer por la tarde", "SubmissionDate"),
    ("_uuid", "", "meta-instanceID"),
])
def test_an_odk_export_s_problems_name_its_own_headers(field, value, column):
    rows = [{**r, field: value} for r in ROWS[:1]]
    [problem] = read_survey(_odk_central(export_csv(rows)), "export.csv", PARISH, INDEX).problems
    assert (problem.row, problem.column) == (2, column)


def test_a_spreadsheets_true_is_not_read_as_one_member_or_one_dollar():
    with pytest.raises(cells.CellError, match="entero"):
        cells.integer(True)
    with pytest.raises(cells.CellError, match="«Sí»"):
        cells.money(True)
