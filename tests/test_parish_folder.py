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


@pytest.mark.parametrize(("name", "parts"), [
    ("encuesta_export.xlsx", ("encuesta",)),
    ("Encuesta_asociaciones_-_all_versions_-_labels_-_2026-12-01.xlsx", ("encuesta",)),
    ("AYUDAS 2024.csv", ("ayudas",)),
    ("Objetivos PDOT.xlsx", ("objetivos_pdot",)),
    ("objetivos-pdot-2023.csv", ("objetivos_pdot",)),
    ("Asociaciónes.csv", ("asociaciones",)),
    ("datos-problemas.csv", ("problemas",)),
    ("copia de ayudas.xlsx", ("ayudas",)),
    ("ayudas_y_problemas.csv", ("ayudas",)),  # the name starts with one part: that one
    ("datos_ayudas_y_problemas.csv", ("ayudas", "problemas")),
    ("asociacion.csv", ()),
    ("misayudas.csv", ()),
    ("objetivos.csv", ()),
])
def test_a_file_name_claims_the_part_it_starts_with_or_holds(name, parts):
    from core.parish.names import claimed

    assert claimed(name) == parts


def test_a_file_whose_name_starts_with_a_part_is_read_as_that_part(tmp_path, own_store, capsys):
    folder = tmp_path / "carga"
    folder.mkdir()
    (folder / "Asociaciones Peñas 2026.csv").write_text(ASSOCIATIONS, encoding="utf-8")
    (folder / "problemas-junta.csv").write_text("Código;Problema;Votos\nP01;Falta de riego;12\n", encoding="utf-8")
    assert main(["load", PARISH, str(folder)]) == 0, capsys.readouterr().err
    assert [r.body["name"] for r in Store(own_store).records("parish_association", PARISH)] == \
        ["Asociación Flor de Mayo"]
    assert [r.body["label_es"] for r in Store(own_store).records("parish_problem", PARISH)] == ["Falta de riego"]


@pytest.mark.parametrize(("names", "message"), [
    (("asociaciones.csv", "asociaciones_2025.csv"),
     "asociaciones_2025.csv: hay dos archivos de «Asociaciones» (también «asociaciones.csv»); deje solo uno"),
    (("asociaciones.csv", "datos_ayudas_y_problemas.csv"),
     ("datos_ayudas_y_problemas.csv: el nombre nombra a la vez «ayudas» y «problemas»: no se sabe cuál contiene; "
     "cámbielo para que empiece por uno solo")),
])
def test_two_files_for_one_part_or_one_name_for_two_parts_are_refused(tmp_path, own_store, capsys, names,
                                                                       message):
    folder = tmp_path / "carga"
    folder.mkdir()
    for name in names:
        (folder / name).write_text(ASSOCIATIONS, encoding="utf-8")
    assert main(["load", PARISH, str(folder)]) == 1
    assert message in capsys.readouterr().err
    assert Store(own_store).records("parish_association", PARISH) == []
