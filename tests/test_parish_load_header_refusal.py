"""An associations file refused at its header (a column twice, a required column missing) stores none of its rows,
and says so at the header. The aid and survey files of the same load then named every row that cites one of those
associations: «la asociación «A01» no está registrada en la parroquia: regístrela primero en Asociaciones», eight
lines for a parish of two associations, sending the planner to register associations the file does register. As
with an association refused at its row (core.parish.tables.AssociationIndex.hold), only the header is told."""

from __future__ import annotations

import pytest

from core.parish.__main__ import main
from core.record.store import Store
from tests.conftest import live_count
from tests.parish_export import answers
from tests.parish_files import ASSOCIATIONS, PARISH, _folder

HEADER, *ROWS = ASSOCIATIONS.splitlines()


def _with_header(header: str, rows: list[str]) -> str:
    return "\n".join([header, *rows, ""])


def _name_twice() -> str:
    header = HEADER.replace("Nombre;", "Nombre;Nombre;")
    return _with_header(header, [row.replace(";Asociación", ";Otro nombre;Asociación").replace(
        ";Unión", ";Otro nombre;Unión") for row in ROWS])


def _members_missing() -> str:
    cut = HEADER.split(";").index("Número de socios")
    drop = lambda line: ";".join(c for i, c in enumerate(line.split(";")) if i != cut)  # noqa: E731
    return _with_header(drop(HEADER), [drop(row) for row in ROWS])


@pytest.mark.parametrize(("associations", "told"), [
    (_name_twice(), "asociaciones.csv, fila 1, columna «Nombre»"),
    (_members_missing(), "asociaciones.csv, fila 1, columna «Número de socios»"),
])
def test_only_the_header_is_told_when_the_associations_file_is_refused_there(tmp_path, own_store, capsys,
                                                                           associations, told):
    folder = _folder(tmp_path, answers(6, ["A01", "A02"]), **{"asociaciones.csv": associations})
    assert main(["load", PARISH, str(folder)]) == 1
    err = capsys.readouterr().err
    assert told in err
    assert "no está registrada" not in err, err
    assert "No se guardó nada: 1 problema" in err, err
    assert live_count(Store(own_store)) == 0


def test_an_association_the_refused_file_does_not_hold_is_still_told(tmp_path, own_store, capsys):
    folder = _folder(tmp_path, answers(6, ["A01", "A03"]), **{"asociaciones.csv": _name_twice()})
    assert main(["load", PARISH, str(folder)]) == 1
    err = capsys.readouterr().err
    assert "la asociación «A03» no está registrada" in err and "«A01» no está registrada" not in err, err
