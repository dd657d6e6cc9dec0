"""An institution typed another way («fundación  esquel», «FUNDACION ESQUEL») is the one the parish's aid already
names: Ayudas counts institutions by name, and two spellings of one foundation made its aid «atomizada»
(the same kind of aid from several institutions) when it was not."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.data.db import connect, query
from core.parish.__main__ import main
from tests.test_parish_code_case import ASSOCIATIONS, PARISH

HEADER = "Código;Asociación;Institución;Tipo de institución;Año;Tipo de ayuda;Monto (USD);No reembolsable\n"
FIRST = "AY1;A01;Fundación Esquel;ONG;2023;Equipos;4.250;Sí\n"


def _load(tmp_path: Path, name: str, aid: str) -> None:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "asociaciones.csv").write_text(ASSOCIATIONS, encoding="utf-8")
    (folder / "ayudas.csv").write_text(HEADER + aid, encoding="utf-8")
    assert main(["load", PARISH, str(folder)]) == 0


@pytest.mark.parametrize("written", ["fundación  esquel ", "FUNDACION ESQUEL", "Fundacion Esquel"])
@pytest.mark.parametrize("loads", ["one file", "a later file"])
def test_one_institution_written_two_ways_is_one(tmp_path, own_store, built_data_dir, written, loads):
    second = f"AY2;A01;{written};ONG;2024;Equipos;500;Sí\n"
    if loads == "one file":
        _load(tmp_path, "carga", FIRST + second)
    else:
        _load(tmp_path, "primera", FIRST)
        _load(tmp_path, "segunda", second)
    con = connect(built_data_dir)
    names = query(con, "SELECT DISTINCT institution FROM aid WHERE parish_code = ?", [PARISH])
    assert names.to_series().to_list() == ["Fundación Esquel"]
    atomized = query(con, "SELECT institutions, is_atomized FROM aid_atomization WHERE parish_code = ? "
                          "AND kind = 'equipment'", [PARISH])
    assert atomized.rows() == [(1, True)]  # one institution, in consecutive years: repeated, not two givers


def test_a_new_institution_loses_only_its_extra_spaces(tmp_path, own_store, built_data_dir):
    _load(tmp_path, "carga", "AY1;A01;Cooperativa   Jardín Azuayo ;Otra;2022;Equipos;100;No\n")
    names = query(connect(built_data_dir), "SELECT institution FROM aid WHERE parish_code = ?", [PARISH])
    assert names.to_series().to_list() == ["Cooperativa Jardín Azuayo"]


def test_a_file_that_corrects_its_records_institution_spelling_is_stored_as_corrected(tmp_path, own_store,
                                                                                       built_data_dir):
    """The spelling kept is that of aid the file leaves as it is: a file that writes AY1 again with the accent put
    right was stored with the old «Fundacion Esquel», so a spelling could never be corrected."""
    _load(tmp_path, "primera", "AY1;A01;Fundacion Esquel;ONG;2023;Equipos;4.250;Sí\n")
    _load(tmp_path, "corregida", FIRST)
    names = query(connect(built_data_dir), "SELECT institution FROM aid WHERE parish_code = ?", [PARISH])
    assert names.to_series().to_list() == ["Fundación Esquel"]
