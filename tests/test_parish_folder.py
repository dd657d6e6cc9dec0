"""A parish's folder as people leave it: what a computer puts beside the data does not block a load."""

from __future__ import annotations

import pytest

from core.parish.__main__ import main
from core.record.store import Store

PARISH = "010152"
ASSOCIATIONS = "Código;Nombre;Número de socios\nA01;Asociación Flor de Mayo;40\n"


@pytest.mark.parametrize(("name", "content", "note"), [
    ("~$asociaciones.xlsx", b"\x05", "«~$asociaciones.xlsx» indica que un libro está abierto en Excel"),
    ("~$ociaciones.xlsx", b"\x05" * 165, "«~$ociaciones.xlsx» indica que un libro está abierto en Excel"),
    ("Thumbs.db", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 200, None),
    ("desktop.ini", b"[.ShellClassInfo]\r\n", None),
    (".DS_Store", b"\x00\x00\x00\x01Bud1", None),
    (".~lock.asociaciones.xlsx#", b"persona,PC,01.12.2026 10:00,", None),
    ("~WRL0001.tmp", b"\x00" * 10, None),
])
def test_lock_and_system_files_are_left_aside(tmp_path, own_store, capsys, name, content, note):
    folder = tmp_path / "carga"
    folder.mkdir()
    (folder / "asociaciones.csv").write_text(ASSOCIATIONS, encoding="utf-8")
    (folder / name).write_bytes(content)
    assert main(["load", PARISH, str(folder)]) == 0
    out = capsys.readouterr()
    assert "no se sabe qué contiene" not in out.err
    assert [r.body["name"] for r in Store(own_store).records("parish_association", PARISH)] == \
        ["Asociación Flor de Mayo"]
    if note is None:
        assert "Aviso" not in out.out
    else:
        assert f"Aviso: {note}" in out.out


def test_a_misnamed_data_file_is_still_refused(tmp_path, own_store, capsys):
    folder = tmp_path / "carga"
    folder.mkdir()
    (folder / "asociacion.csv").write_text(ASSOCIATIONS, encoding="utf-8")
    assert main(["load", PARISH, str(folder)]) == 1
    assert "asociacion.csv: no se sabe qué contiene este archivo" in capsys.readouterr().err


SURVEY = ("socio/asociacion;socio/rol;socio/jefe_hogar;ayudas/ayuda_proyecto;ayudas/ayuda_estado;"
          "migracion/familia_exterior;_uuid")


@pytest.mark.parametrize(("files", "notes"), [
    ({"asociaciones.csv": "Código;Nombre;Teléfono;Número de socios\nA01;Flor de Mayo;0999;40\n"},
     ["asociaciones.csv: Minga no usa la columna «Teléfono»; lo que trae no se guarda"]),
    ({"asociaciones.csv": "Código;Nombre;Teléfono;Número de socios;Presidente\nA01;Flor de Mayo;0999;40;Ana\n"},
     ["asociaciones.csv: Minga no usa las columnas «Teléfono» y «Presidente»; lo que traen no se guarda"]),
    ({"asociaciones.csv": "Código;Nombre;;Número de socios\nA01;Flor de Mayo;0999;40\n"},
     ["asociaciones.csv: la columna 3 tiene datos pero no tiene encabezado; no se guarda"]),
    ({"encuesta.csv": f"{SURVEY};socio/telefono;_id;start;__version__\nA01;father;father;no;no;no;u1;0999;7;x;v1\n"},
     ["encuesta.csv: Minga no usa la columna «socio/telefono»; lo que trae no se guarda"]),
    ({"encuesta.csv": f"{SURVEY};_id;_index;end;formhub/uuid\nA01;father;father;no;no;no;u1;7;1;x;f\n"}, []),
])
def test_the_columns_minga_does_not_use_are_named_in_the_summary(tmp_path, own_store, capsys, files, notes):
    folder = tmp_path / "carga"
    folder.mkdir()
    for name, text in {"asociaciones.csv": ASSOCIATIONS, **files}.items():
        (folder / name).write_text(text, encoding="utf-8")
    assert main(["load", PARISH, str(folder)]) == 0  # a note, not a refusal
    out = capsys.readouterr().out
    assert [line.removeprefix("Aviso: ") for line in out.splitlines() if line.startswith("Aviso")] == \
        [note + "." for note in notes]
