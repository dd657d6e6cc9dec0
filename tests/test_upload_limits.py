"""Uploads are bounded before parsing: crafted workbooks (a huge declared dimension, 16,000 columns, an overlong
cell) are refused in Spanish without openpyxl ever loading them; CR-only CSVs read; overlong CSV cells are
refused in Spanish. The files are built here, byte by byte where Excel would never write them."""

from __future__ import annotations

import ast
import io
import re
import tomllib
import zipfile

import pytest
from openpyxl import Workbook

from core.proposals import import_files, imports, upload_limits
from core.proposals.imports import FileRefused, read_book
from tests.conftest import ROOT

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def _small_book() -> bytes:
    book = Workbook()
    book.active.append(["Código", "Título"])
    book.active.append(["EV-P90", "Riego"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _with_sheet(sheet_xml: bytes | str) -> bytes:
    """A real workbook whose first sheet is replaced by `sheet_xml`."""
    source = zipfile.ZipFile(io.BytesIO(_small_book()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = sheet_xml.encode() if isinstance(sheet_xml, str) else sheet_xml
            target.writestr(info.filename, data)
    return out.getvalue()


@pytest.fixture()
def openpyxl_never_loads(monkeypatch):
    """Fails the test if the reader hands the file to openpyxl: the bounds must refuse it first."""
    import openpyxl

    def refuse(*_args, **_kwargs):
        raise AssertionError("openpyxl loaded a workbook that the bounds should have refused")

    monkeypatch.setattr(openpyxl, "load_workbook", refuse)


def _refusal(data: bytes, name: str = "propuestas.xlsx") -> str:
    with pytest.raises(FileRefused) as caught:
        read_book(data, name)
    return str(caught.value)


def test_a_tiny_workbook_declaring_a_million_rows_is_refused_before_loading(openpyxl_never_loads):
    data = _with_sheet(f'<worksheet {NS}><dimension ref="A1:Z1048576"/><sheetData>'
                       '<row r="1"><c r="A1" t="inlineStr"><is><t>Código</t></is></c></row></sheetData></worksheet>')
    assert len(data) < 8_000
    message = _refusal(data)
    assert "declara 1.048.576 filas" in message and "20.000" in message


def test_a_workbook_declaring_the_last_excel_column_is_refused(openpyxl_never_loads):
    data = _with_sheet(f'<worksheet {NS}><dimension ref="A1:XFD3"/><sheetData/></worksheet>')
    assert "columna 16.384" in _refusal(data)


def test_sixteen_thousand_columns_without_a_dimension_are_counted_and_refused(openpyxl_never_loads):
    cells = "".join(f'<c r="{_letters(n)}{r}"><v>{n}</v></c>' for r in (1, 2) for n in range(1, 16_001))
    data = _with_sheet(f'<worksheet {NS}><sheetData><row r="1">{cells}</row></sheetData></worksheet>')
    message = _refusal(data)
    assert re.search(r"columna 257\b", message) and "máximo es 256" in message


def test_a_workbook_with_more_cells_than_the_bound_is_refused(openpyxl_never_loads, monkeypatch):
    monkeypatch.setattr(upload_limits, "MAX_CELLS", 50)
    cells = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(1, 60))
    data = _with_sheet(f'<worksheet {NS}><sheetData>{cells}</sheetData></worksheet>')
    assert "más de 50 celdas" in _refusal(data)


def test_an_overlong_cell_in_a_workbook_is_refused(openpyxl_never_loads):
    long_text = "a" * (upload_limits.MAX_CELL_CHARS + 1)
    data = _with_sheet(f'<worksheet {NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>{long_text}</t>'
                       '</is></c></row></sheetData></worksheet>')
    assert "32.767 caracteres" in _refusal(data)


def test_a_workbook_with_a_doctype_is_refused(openpyxl_never_loads):
    data = _with_sheet('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>'
                       f'<worksheet {NS}><sheetData/></worksheet>')
    assert "definiciones" in _refusal(data)


def test_a_damaged_sheet_is_refused_in_spanish(openpyxl_never_loads):
    assert "dañado" in _refusal(_with_sheet(f"<worksheet {NS}><sheetData><row>"))


def test_a_scan_that_runs_past_its_time_is_refused(monkeypatch):
    monkeypatch.setattr(upload_limits, "SCAN_SECONDS", -1.0)
    assert "demasiado complejo" in _refusal(_small_book())


def test_an_ordinary_workbook_still_reads():
    book = read_book(_small_book(), "propuestas.xlsx")
    assert [cells for _, cells in book.sheets[0].rows] == [["Código", "Título"], ["EV-P90", "Riego"]]


def test_a_csv_with_cr_only_line_endings_reads_like_any_other():
    book = read_book("Código;Título\rEV-P90;Riego\rEV-P91;Semillas\r".encode(), "propuestas.csv")
    assert [cells for _, cells in book.sheets[0].rows] == [["Código", "Título"], ["EV-P90", "Riego"],
                                                          ["EV-P91", "Semillas"]]


@pytest.mark.parametrize("length", [131_073, 400_000])
def test_a_csv_cell_past_the_csv_limit_is_refused_in_spanish(length):
    data = ("Código;Título\nEV-P90;" + "b" * length + "\n").encode()
    message = _refusal(data, "propuestas.csv")
    assert "línea 2" in message and "demasiado larga" in message


def test_a_csv_with_a_quote_never_closed_is_refused_in_spanish():
    data = ('Código;Título\nEV-P90;"Riego\n' + "x" * 200_000).encode()
    assert "comillas sin cerrar" in _refusal(data, "propuestas.csv")


def _page_constant(page: str, name: str) -> int:
    tree = ast.parse((ROOT / page).read_text())
    return next(node.value.value for node in tree.body if isinstance(node, ast.Assign)
                and any(getattr(target, "id", None) == name for target in node.targets))


@pytest.mark.parametrize(("name", "start", "advice"), [
    ("problemas.csv", b"", "Divídalo en archivos más pequeños."),  # a CSV has no sheets to take out
    ("propuestas.xlsx", b"PK\x03\x04", "Divídalo en archivos más pequeños o quite las hojas que no se importan."),
])
def test_a_file_too_big_is_told_what_to_do_for_its_kind(name, start, advice):
    """A parish's 12 MB problemas.csv was told to «quite las hojas que no son de propuestas»."""
    with pytest.raises(FileRefused) as refused:
        read_book(start + b"x" * (import_files.MAX_BYTES + 1), name)
    assert str(refused.value).endswith(advice) and "propuestas" not in str(refused.value).split(". ", 1)[1]


def test_streamlit_accepts_no_upload_larger_than_minga_reads():
    """The server's cap is the largest file Minga takes (a backup to restore); imports have their own, smaller."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] == _page_constant("pages/administracion.py", "MAX_RESTORE_MB")
    assert _page_constant("ui/proposal_import.py", "UPLOAD_MB") * 1024 * 1024 == import_files.MAX_BYTES


def _letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def test_column_letters_and_numbers_agree():
    assert [upload_limits.column_number(_letters(n)) for n in (1, 26, 27, 256, 16_384)] == [1, 26, 27, 256, 16_384]


def test_the_import_preview_is_parsed_once_per_file(monkeypatch):
    from core.record.auth import Role, User
    from tests.conftest import open_app_page

    calls = []
    original = imports.preview_import
    monkeypatch.setattr(imports, "preview_import", lambda *a, **k: calls.append(a[1]) or original(*a, **k))
    planner = User(username="tecnica-limites", display_name="Técnica", role=Role.PLANNER)
    data = "Código;Título\nEV-P90;Riego por goteo\n".encode()
    app = open_app_page("pages/propuestas.py", planner, **{"prop-import-file": ("una.csv", data)})
    app.run()
    app.run()
    assert calls == ["una.csv"]
    app.session_state["prop-import-file"] = ("otra.csv", data + b"EV-P91;Semillas\n")
    app.run()
    assert calls == ["una.csv", "otra.csv"]


@pytest.mark.parametrize("page", ["pages/preparar.py", "pages/cooperantes.py"])  # Propuestas: test_app_decidir_registro
def test_every_spreadsheet_uploader_says_and_applies_the_readers_limit(page):
    """Streamlit writes «200MB per file» under an uploader left to the server's cap, while the reader refuses
    past 5 MB: each uploader of a spreadsheet carries the reader's limit, and its label says it."""
    from core.record.auth import Role, User
    from tests.conftest import open_app_page

    planner = User(username="tecnica-limites", display_name="Técnica", role=Role.PLANNER)
    app = open_app_page(page, planner, parish="010170")
    uploaders = [u.proto for u in app.get("file_uploader") if ".csv" in u.proto.type]
    assert uploaders, page
    for uploader in uploaders:
        assert uploader.max_upload_size_mb * 1024 * 1024 == import_files.MAX_BYTES, uploader.label
        assert f"hasta {import_files.MAX_MB} MB" in uploader.label, uploader.label


def _renamed(data: bytes, old: str, new: str) -> bytes:
    """The workbook with part `old` stored as `new`, every mention of it in the relationships following."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename.endswith(".rels") or info.filename == "[Content_Types].xml":
                content = content.replace(old.removeprefix("xl/").encode(), new.removeprefix("xl/").encode())
            target.writestr(new if info.filename == old else info.filename, content)
    return out.getvalue()


def test_a_sheet_stored_under_another_name_is_still_bounded(openpyxl_never_loads):
    """The bounds read only parts named like sheets; the workbook's relationships may name any part a sheet."""
    huge = _with_sheet(f'<worksheet {NS}><dimension ref="A1:IV1000000"/><sheetData>'
                       '<row r="1"><c r="A1" t="inlineStr"><is><t>Código</t></is></c></row></sheetData></worksheet>')
    assert "declara 1.000.000 filas" in _refusal(_renamed(huge, "xl/worksheets/sheet1.xml", "xl/worksheets/hoja.xml"))


def test_a_damaged_cell_is_refused_in_spanish_not_as_a_traceback():
    damaged = re.sub(rb'<c r="A2"[^>]*>.*?</c>', b'<c r="A2" t="s"><v>999</v></c>',
                     zipfile.ZipFile(io.BytesIO(_small_book())).read("xl/worksheets/sheet1.xml"))
    message = _refusal(_with_sheet(damaged))
    assert "tiene celdas dañadas" in message and "Error" not in message
