"""A RUC that Excel took for a number lost its leading zero (Azuay 01…, Esmeraldas 08…): read from a number cell
it gets its zero back; typed as text it is what was written, and 12 digits are refused."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from core.data.validation import problem_lines
from core.parish.tables import PARTS, Context, read_part

PARISH = "080265"  # Santa Lucía de las Peñas (Esmeraldas): RUCs of the province start with 08


def _read(ruc) -> tuple[list[str | None], list[str]]:
    book = Workbook()
    book.active.append(["Código", "Nombre", "RUC", "Número de socios"])
    book.active.append(["PES1", "Asociación de Pescadores Artesanales", ruc, 42])
    data = io.BytesIO()
    book.save(data)
    preview = read_part(data.getvalue(), "asociaciones.xlsx", PARTS["asociaciones"], Context(PARISH, None))
    return [a.ruc for a in preview.items], problem_lines(preview.problems, 5)


@pytest.mark.parametrize(("cell", "ruc"), [
    (891234567001, "0891234567001"),  # a number cell: Excel dropped the zero
    (891234567001.0, "0891234567001"),
    (1790012345001, "1790012345001"),  # 13 digits: as written
    ("0891234567001", "0891234567001"),
])
def test_a_ruc_keeps_or_gets_back_its_thirteen_digits(cell, ruc):
    assert _read(cell) == ([ruc], [])


def test_twelve_digits_typed_as_text_are_refused_at_their_cell():
    assert _read("891234567001") == ([], [
        ("asociaciones.xlsx, fila 2, columna «RUC»: formato no válido «891234567001»: un RUC tiene 13 dígitos "
        "(por ejemplo 0190012345001)")])
