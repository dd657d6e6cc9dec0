"""A CSV reads the same with Windows (CRLF), Unix (LF) or old Mac (CR only) line endings; before, a CR-only
file stopped the import with a traceback."""

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
