"""A CSV whose cell opens quotes and never closes them: every line after it falls into that one cell. A short file
was read without a word: the rows after it vanished and the cell held them as text («Curso de suelos\\nAY2;L02;…»),
and the load stored the rows left. So does a cell whose quotes a later cell's quote closes, with text after it. It is
refused naming the row where the quotes open and how the cell begins, as the file writes it; quotes a spreadsheet
writes (a cell of several lines, «""» inside a quoted text, a quote inside a text) still read."""

from __future__ import annotations

import pytest

from core.parish.__main__ import main
from core.parish.records import part_records
from core.proposals.imports import FileRefused, read_book
from core.record.store import Store
from tests.conftest import live_count
from tests.parish_export import answers
from tests.parish_files import PARISH, _folder

HEADER = "Código;Problema;Votos\n"


@pytest.mark.parametrize(("body", "row", "begins"), [
    ('P01;"Falta de agua;30\nP02;Bajos precios;45\nP03;Migración;12\n', 2, "Falta de agua"),
    ('P01;Falta de agua;30\nP02;Bajos precios;"45\nP03;Migración;12\n', 3, "45"),
    ('P01;"Riego\ny caminos";30\nP02;"Bajos ""justos"" precios;45\n', 3, 'Bajos ""justos"" precios'),  # as written
    ('P01;Falta de agua;30\r\nP02;"Bajos precios;45\r\n', 3, "Bajos precios"),  # Windows line endings
    ('P01;Falta de agua;30\nP02;Bajos precios;"', 3, ""),  # the very last character
    # closed only by the quote a later cell opens with: the lines between went into the cell
    ('P01;"Falta de agua;30\nP02;Bajos precios;45\nP03;"Migración" de jóvenes;12\nP04;Caminos;3\n', 2,
     "Falta de agua;30"),
])
def test_a_quote_never_closed_is_refused_at_its_row(body, row, begins):
    with pytest.raises(FileRefused) as caught:
        read_book((HEADER + body).encode(), "problemas.csv")
    [problem] = caught.value.problems
    assert (problem.file, problem.row) == ("problemas.csv", row)
    assert f'«"{begins}' in problem.message and "comillas" in problem.message


def test_a_quote_never_closed_after_a_sep_line_counts_that_line():
    with pytest.raises(FileRefused) as caught:
        read_book(("sep=;\n" + HEADER + 'P01;"Falta de agua;30\nP02;Bajos precios;45\n').encode(), "problemas.csv")
    assert caught.value.problems[0].row == 3


@pytest.mark.parametrize(("body", "cells"), [
    ('P01;"Riego\ny caminos";30\n', ["P01", "Riego\ny caminos", "30"]),  # a cell of several lines
    ('P01;Riego;"30\n"', ["P01", "Riego", "30\n"]),  # the last cell, of two lines
    ('P01;"Bajos ""justos"" precios";45\n', ["P01", 'Bajos "justos" precios', "45"]),
    ('P01;Tubo de 2" para riego;45\n', ["P01", 'Tubo de 2" para riego', "45"]),  # a quote inside a text
    ('P01;"El Progreso" sin agua;45\n', ["P01", "El Progreso sin agua", "45"]),  # quoted, then more text
    ('P01;Falta de agua;"30"', ["P01", "Falta de agua", "30"]),  # closed at the very end, no line break
])
def test_quotes_a_spreadsheet_writes_still_read(body, cells):
    rows = read_book((HEADER + body).encode(), "problemas.csv").sheets[0].rows
    assert rows[1] == (2, cells)


def test_a_folder_with_a_quote_never_closed_stores_nothing(tmp_path, own_store, capsys):
    aid = ("Código;Asociación;Institución;Año;Tipo de ayuda;Monto (USD);Descripción\n"
           'AY1;A01;MAG;2024;Capacitación;1.500;"Curso de suelos\n'
           "AY2;A02;MAG;2024;Insumos;800;Semillas\n")
    folder = _folder(tmp_path, answers(4, ["A01"]), **{"ayudas.csv": aid})
    assert main(["load", PARISH, str(folder)]) == 1
    err = capsys.readouterr().err
    assert "ayudas.csv, fila 2" in err and '«"Curso de suelos' in err
    assert live_count(Store(own_store)) == 0


@pytest.mark.parametrize("sep", [";", ","])
@pytest.mark.parametrize("end", ["\n", "\r\n"])
@pytest.mark.parametrize(("body", "cells"), [
    # blanks after a closing quote, before the separator: a spreadsheet drops them, and so does the reader
    ('P01{s}"Riego\ny caminos" {s}30{e}', ["P01", "Riego\ny caminos", "30"]),
    ('P01{s}"Riego\ny caminos"  \t{s}30{e}', ["P01", "Riego\ny caminos", "30"]),
    ('P01{s}30{s}"Riego\ny caminos" {e}', ["P01", "30", "Riego\ny caminos"]),  # the last cell of its row
    ('P01{s}"Riego" {s}30{e}', ["P01", "Riego", "30"]),  # one line
])
def test_blanks_after_a_closing_quote_are_dropped(sep, end, body, cells):
    header = sep.join(["Código", "Problema", "Votos"]) + end
    text = header + body.replace("\n", end).format(s=sep, e=end) + f"P02{sep}Caminos{sep}3{end}"
    rows = read_book(text.encode(), "problemas.csv").sheets[0].rows
    assert rows[1:] == [(2, cells), (3, ["P02", "Caminos", "3"])]


@pytest.mark.parametrize("sep", [";", ","])
@pytest.mark.parametrize("end", ["\n", "\r\n"])
def test_blanks_after_a_closing_quote_at_the_files_end_are_dropped(sep, end):
    text = sep.join(["Código", "Problema", "Votos"]) + end + f'P01{sep}30{sep}"Riego{end}y caminos" '
    assert read_book(text.encode(), "problemas.csv").sheets[0].rows[1] == (2, ["P01", "30", "Riego\ny caminos"])


def test_a_tab_after_a_closing_quote_is_a_separator_in_a_tab_file():
    rows = read_book('Código\tProblema\tVotos\nP01\t"Riego\ny caminos"\t\t30\n'.encode(), "problemas.tsv").sheets[0].rows
    assert rows[1] == (2, ["P01", "Riego\ny caminos", "", "30"])


@pytest.mark.parametrize("sep", [";", ","])
@pytest.mark.parametrize("end", ["\n", "\r\n"])
@pytest.mark.parametrize(("body", "after"), [
    ('P01{s}"Riego\ny caminos" otra vez{s}30{e}', "otra vez"),
    ('P01{s}30{s}"Riego\ny caminos"  al final{e}', "al final"),
    ('P01{s}"Riego\ny ""buenos"" caminos"x{s}30{e}', "x"),
])
def test_text_after_quotes_a_later_line_closes_is_refused_saying_so(sep, end, body, after):
    """Not «abre comillas y no las cierra»: the quotes are closed, the text after them is what is wrong."""
    header = sep.join(["Código", "Problema", "Votos"]) + end
    text = header + body.replace("\n", end).format(s=sep, e=end) + f"P02{sep}Caminos{sep}3{end}"
    with pytest.raises(FileRefused) as caught:
        read_book(text.encode(), "problemas.csv")
    [problem] = caught.value.problems
    assert (problem.file, problem.row) == ("problemas.csv", 2)
    assert '«"Riego' in problem.message and f"cierra sus comillas en otra línea y después sigue con «{after}»" \
        in problem.message and "no las cierra" not in problem.message


@pytest.mark.parametrize("end", ["\n", "\r\n"])
def test_a_parish_file_with_a_cell_of_several_lines_and_a_blank_after_its_quote_loads(tmp_path, own_store, end):
    aid = ("Código;Asociación;Institución;Año;Tipo de ayuda;Monto (USD);Descripción" + end
           + 'AY1;A01;MAG;2024;Capacitación;1.500;"Curso de suelos' + end + 'en dos días" ' + end
           + "AY2;A02;MAG;2024;Insumos;800;Semillas" + end)
    folder = _folder(tmp_path, answers(4, ["A01"]), **{"ayudas.csv": aid})
    assert main(["load", PARISH, str(folder)]) == 0
    stored = {r.record_id: r.body for r in part_records(Store(own_store), PARISH, "ayudas")}
    assert stored[f"{PARISH}-AY1"]["description_es"] == "Curso de suelos\nen dos días"
