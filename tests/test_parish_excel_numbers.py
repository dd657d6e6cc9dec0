"""Numbers Excel writes in place of what the planner typed: a date as its serial number where a year goes (a column
formatted «General» after pasting, or a CSV saved from it), a RUC in scientific notation («1,79E+12», the digits past
the sixth lost). They were refused as a year «menor o igual que 2100 (se recibió «45292»)» and as a RUC in the wrong
format, which sends the planner to look for a mistake the sheet does not show; the message says what Excel did and
what to write. Nothing is stored."""

from __future__ import annotations

import pytest

from core.parish.__main__ import main
from core.record.store import Store
from tests.conftest import live_count
from tests.parish_export import answers, xlsx_bytes
from tests.parish_files import AID, ASSOCIATIONS, PARISH, _folder

AID_ROWS = [line.split(";") for line in AID.splitlines()]


@pytest.mark.parametrize(("serial", "day", "year"), [
    ("45292", "01/01/2024", "2024"),  # the first day of 2024
    ("45731", "15/03/2025", "2025"),
    ("32874", "01/01/1990", "1990"),
])
def test_a_year_written_as_an_excel_date_serial_says_which_date_it_is(tmp_path, own_store, capsys, serial, day, year):
    folder = _folder(tmp_path, answers(4, ["A01"]), **{"ayudas.csv": AID.replace(";2024;", f";{serial};")})
    assert main(["load", PARISH, str(folder)]) == 1
    err = capsys.readouterr().err
    assert f"ayudas.csv, fila 2, columna «Año»: «{serial}»" in err and day in err and year in err
    assert "menor o igual que 2100" not in err
    assert live_count(Store(own_store)) == 0


def test_a_year_cell_of_a_workbook_holding_a_date_serial_says_which_date_it_is(tmp_path, own_store, capsys):
    rows = [AID_ROWS[0], [45292 if cell == "2024" else cell for cell in AID_ROWS[1]], AID_ROWS[2]]
    folder = _folder(tmp_path, answers(4, ["A01"]))
    (folder / "ayudas.csv").unlink()
    (folder / "ayudas.xlsx").write_bytes(xlsx_bytes(rows))
    assert main(["load", PARISH, str(folder)]) == 1
    err = capsys.readouterr().err
    assert "ayudas.xlsx, fila 2, columna «Año»: «45292»" in err and "01/01/2024" in err


@pytest.mark.parametrize("year", ["2100", "1990", "2.024"])
def test_a_year_is_not_taken_for_a_date_serial(tmp_path, own_store, capsys, year):
    folder = _folder(tmp_path, answers(4, ["A01"]), **{"ayudas.csv": AID.replace(";2024;", f";{year};")})
    main(["load", PARISH, str(folder)])
    assert "fecha de Excel" not in capsys.readouterr().err


@pytest.mark.parametrize("written", ["1,79E+12", "6,90012E+11", "1.79e+12", "1,79E12"])
def test_a_ruc_in_scientific_notation_says_excel_lost_its_digits(tmp_path, own_store, capsys, written):
    folder = _folder(tmp_path, answers(4, ["A01"]),
                     **{"asociaciones.csv": ASSOCIATIONS.replace("0190012345001", written)})
    assert main(["load", PARISH, str(folder)]) == 1
    err = capsys.readouterr().err
    assert f"asociaciones.csv, fila 2, columna «RUC»: «{written}»" in err and "notación científica" in err
    assert live_count(Store(own_store)) == 0
