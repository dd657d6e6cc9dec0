"""A planner's proposals file as Excel or LibreOffice would write it, for the import tests: one good row (changed
cell by cell), written as CSV in any separator and encoding or as a workbook, and read through the preview."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from core.proposals import import_preview, imports
from core.record.auth import Role, User
from core.record.store import Store

PARISH = "010170"
PLANNER = User(username="tecnico", display_name="Técnica", role=Role.PLANNER)

HEADER = ["Código", "Asociación", "Título", "Costo total (USD)", "Monto solicitado",
          "Aporte de las asociaciones (USD)", "Beneficiarios directos", "Mujeres", "Jóvenes", "Objetivos PDOT", "ODS",
          "Tipo de apoyo"]
TITLE = "Riego por goteo en Ñamarín: huertos de mujeres"


@pytest.fixture(scope="module")
def store(tmp_path_factory, con) -> Store:
    """One store for a test module's imports (a test module names it: `store = planner_files.store`)."""
    return Store(tmp_path_factory.mktemp("imports") / "s.sqlite")


@pytest.fixture(scope="module")
def ctx(store, con) -> import_preview.ImportContext:
    """The planner's import context for PARISH on the module's store."""
    return import_preview.context_for(con, store, PARISH)


def row(cost="1.234,56", requested="1.000,00", associations="234,56", code="EV-P90", association="EV-A01",
        title=TITLE, direct="30", support="Equipamiento") -> list[str]:
    return [code, association, title, cost, requested, associations, direct, "12", "4", "EV-OE1; EV-OE5", "2; 8",
            support]


def csv_file(rows: list[list[str]], sep: str = ";", encoding: str = "utf-8", header: list[str] | None = None,
             bom: bool = False) -> bytes:
    lines = []
    for cells in [header or HEADER, *rows]:
        lines.append(sep.join(f'"{c}"' if (sep in c or '"' in c) else c for c in
                              [c.replace('"', '""') if '"' in c else c for c in cells]))
    text = "\r\n".join(lines) + "\r\n"
    data = text.encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def xlsx_file(rows: list[list], header: list[str] | None = None, title_rows: int = 0) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Propuestas"
    for _ in range(title_rows):
        sheet.append(["Propuestas recibidas en 2027 (hoja del técnico)"])
    sheet.append(header or HEADER)
    for cells in rows:
        sheet.append(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()



def preview(data: bytes, name: str, ctx, **options) -> import_preview.ImportPreview:
    return imports.preview_import(data, name, ctx, **options)


def messages(result: import_preview.ImportPreview) -> list[str]:
    return [str(p) for p in result.problems]

