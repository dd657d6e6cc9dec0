"""A CSV reads the same with Windows (CRLF), Unix (LF) or old Mac (CR only) line endings; before, a CR-only
file stopped the import with a traceback. A workbook's cells read as typed, line breaks as a CSV's."""

import pytest

from core.parish.tables import PARTS, AssociationIndex, Context, read_part
from core.proposals.import_files import read_book

LINES = ["Código;Problema;Votos", "P01;Falta de agua;30", "P02;\"Bajos precios,\r\nsin mercado\";45"]


@pytest.mark.parametrize("ending", ["\r\n", "\n", "\r"])
def test_the_rows_do_not_depend_on_the_line_endings(ending):
    data = (ending.join(LINES) + ending).encode("cp1252")
    rows = read_book(data, "problemas.csv").sheets[0].rows
    assert rows == [(1, ["Código", "Problema", "Votos"]), (2, ["P01", "Falta de agua", "30"]),
                    (3, ["P02", "Bajos precios,\nsin mercado", "45"])]
    preview = read_part(data, "problemas.csv", PARTS["problemas"], Context("010152", AssociationIndex([])))
    assert [(p.code, p.votes) for p in preview.items] == [("P01", 30), ("P02", 45)]


def _xlsx(problem: str) -> bytes:
    import io

    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("Problemas")
    for row, cells in enumerate([["Código", "Problema"], ["P01", problem]]):
        for column, text in enumerate(cells):
            sheet.write_string(row, column, text)
    book.close()
    return buffer.getvalue()


@pytest.mark.parametrize(("typed", "read"), [
    ("Bajos precios,\r\nsin mercado", "Bajos precios,\nsin mercado"),  # a Windows line break: «_x000D_» in the file
    ("Bajos precios,\rsin mercado", "Bajos precios,\nsin mercado"),
    ("Riego\x0bpor\x01goteo", "Riego\x0bpor\x01goteo"),  # pasted control characters: «_x000B_», «_x0001_»
    ("Sin escapes: _x00e9_ y _x0041", "Sin escapes: _x00e9_ y _x0041"),  # text that only looks like one
])
def test_a_workbook_reads_its_text_as_typed_without_its_xml_escapes(typed, read):
    rows = read_book(_xlsx(typed), "problemas.xlsx").sheets[0].rows
    assert rows[1] == (2, ["P01", read])
