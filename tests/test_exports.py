"""Downloads: Spanish headers, labels for codes, formula-like text kept as text (an apostrophe in a CSV, a text cell
in Excel)."""

import csv
import datetime as dt
import io

import openpyxl
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core import exports


@pytest.mark.parametrize(
    ("text", "expected"),
    [("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"), ("+1", "'+1"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
     ("Riego por goteo", "Riego por goteo"), ("", "")],
)
def test_neutralise(text, expected):
    assert exports.neutralise(text) == expected


@settings(max_examples=300)
@given(st.lists(st.one_of(st.none(), st.text()), min_size=1, max_size=8))
def test_a_downloaded_column_is_cleaned_cell_by_cell_and_neutralised_in_the_csv(cells):
    people = exports.for_people(pl.DataFrame({"note": cells}, schema={"note": pl.Utf8}), {"note": "Nota"})
    assert people["Nota"].to_list() == [None if c is None else exports.clean(c) for c in cells]
    assert _csv_column(people) == ["" if c is None else exports.neutralise(c) for c in cells]


def _csv_column(frame: pl.DataFrame) -> list[str]:
    rows = list(csv.reader(io.StringIO(exports.csv_bytes(frame).decode("utf-8-sig"), newline=""), delimiter=";"))
    return [row[0] if row else "" for row in rows[1:]]


def _frame():
    return pl.DataFrame({"member_id": ["M1", "M2"], "member_role": ["mother", "father"],
                         "note": ["=1+1", "ok"], "amount_usd": [1234.5, 10.0], "internal": [1, 2]})


def test_for_people_renames_labels_and_drops_unlisted_columns():
    people = exports.for_people(_frame(), {"member_id": "Socio", "member_role": "Rol", "note": "Nota",
                                           "amount_usd": "Monto (USD)"},
                                {"member_role": {"mother": "Madre", "father": "Padre"}})
    assert people.columns == ["Socio", "Rol", "Nota", "Monto (USD)"]
    assert people["Rol"].to_list() == ["Madre", "Padre"]
    assert people["Nota"].to_list() == ["=1+1", "ok"]  # as typed: each file keeps it text in its own way
    assert people["Monto (USD)"].to_list() == [1234.5, 10.0]


def test_csv_opens_in_a_spanish_excel():
    data = exports.csv_bytes(exports.for_people(_frame(), {"member_id": "Socio", "amount_usd": "Monto (USD)"}))
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig").splitlines()
    assert text[0] == "Socio;Monto (USD)"
    assert text[1] == "M1;1234,5"


def test_xlsx_keeps_headers_and_plain_text():
    data = exports.xlsx_bytes(exports.for_people(_frame(), {"member_id": "Socio", "note": "Nota"}), sheet="Socios")
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Socios"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Socio", "Nota")
    assert rows[1] == ("M1", "=1+1")


@pytest.mark.parametrize("typed", ["- Falta agua", "=1+1", "=HYPERLINK(\"http://x\")", "+593 99 123 4567", "@SUM(A1)",
                                   "-2+3", "Riego por goteo", "http://malo.example/x", "mailto:a@b.c"])
def test_excel_shows_text_as_typed_in_a_text_cell_that_never_runs_and_the_csv_keeps_the_apostrophe(typed):
    people = exports.for_people(pl.DataFrame({"note": [typed]}), {"note": "Observación"})
    cell = openpyxl.load_workbook(io.BytesIO(exports.xlsx_bytes(people))).active["A2"]
    assert (cell.value, cell.data_type) == (typed, "s")  # a string, never a formula ("f")
    assert cell.quotePrefix and cell.hyperlink is None  # edited in Excel, it stays text; never a link
    assert _csv_column(people) == ["'" + typed if typed[0] in "=+-@" else typed]


def test_xlsx_money_has_two_decimals_and_whole_numbers_none():
    frame = pl.DataFrame({"title": ["Riego"], "amount_usd": [40000.5], "proposals": [3]})
    data = exports.xlsx_bytes(exports.for_people(frame, {"title": "Propuesta", "amount_usd": "Monto (USD)",
                                                         "proposals": "Propuestas"}))
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert [c.value for c in sheet[1]] == ["Propuesta", "Monto (USD)", "Propuestas"]
    money, count = sheet["B2"], sheet["C2"]
    assert money.value == 40000.5 and money.number_format.split(";")[0] == "#,##0.00"  # never three decimals
    assert count.value == 3 and "." not in count.number_format


def test_dates_are_written_as_the_parish_reads_them():
    frame = pl.DataFrame({"Desde": [dt.date(2026, 12, 3)], "Registrado": [dt.datetime(2026, 12, 3, 9, 5)]})
    assert exports.csv_bytes(frame).decode("utf-8-sig").splitlines()[1] == "03/12/2026;03/12/2026 09:05"
    sheet = openpyxl.load_workbook(io.BytesIO(exports.xlsx_bytes(frame))).active
    assert (sheet["A2"].number_format, sheet["B2"].number_format) == ("dd/mm/yyyy", "dd/mm/yyyy hh:mm")


def test_pasted_control_characters_never_reach_a_file():
    pasted = "\x00\x1b[31mrojo\x07 y\tbien"
    frame = pl.DataFrame({"Lo que no funcionó": [pasted]})
    assert exports.csv_bytes(exports.for_people(frame, {"Lo que no funcionó": "Lo que no funcionó"})).decode(
        "utf-8-sig").splitlines()[1] == "[31mrojo y\tbien"
    assert exports.neutralise(pasted) == "[31mrojo y\tbien"
    from core.record.pdf_layout import latin1
    assert latin1(pasted) == "[31mrojo y bien"  # the PDF fonts have no glyph for a tab: it prints as a space
