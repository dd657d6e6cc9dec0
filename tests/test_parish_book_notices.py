"""A workbook saved with a .csv name (Excel's «Guardar como» keeping the old name) is read as the workbook it is; the
proposals import says so, a parish file said nothing, and the planner could not tell why the file read at all."""

from __future__ import annotations

import pytest

from core.parish.__main__ import main
from tests.parish_export import answers, export_csv, xlsx_bytes
from tests.parish_files import AID, ASSOCIATIONS, PARISH, _folder


@pytest.mark.parametrize(("name", "rows"), [
    ("asociaciones.csv", [line.split(";") for line in ASSOCIATIONS.splitlines()]),
    ("ayudas.csv", [line.split(";") for line in AID.splitlines()]),
    ("encuesta.csv", [line.split(";") for line in export_csv(answers(4, ["A01"])).decode().splitlines()]),
])
def test_a_workbook_named_csv_is_read_and_said(tmp_path, own_store, capsys, name, rows):
    folder = _folder(tmp_path, answers(4, ["A01"]))
    (folder / name).write_bytes(xlsx_bytes(rows))
    assert main(["load", PARISH, str(folder)]) == 0
    out = capsys.readouterr().out
    assert f"{name}: El archivo se llama .csv pero es un libro de Excel" in out
