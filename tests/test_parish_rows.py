"""The rows of a parish file read whole: a row is never cut, and every problem of every row is told at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.parish.__main__ import main
from core.parish.cells import CellError
from core.parish.models import ParishAssociation, global_id
from core.parish.tables import PARTS, AssociationIndex, Context, read_part
from core.record.store import Store
from tests.conftest import live_count
from tests.parish_export import xlsx_bytes

PARISH = "010152"
ASSOCIATIONS = "Código;Nombre;Número de socios;Productos\nA01;Flor de Mayo;40;Leche\n"
SURVEY = ("socio/asociacion;socio/rol;socio/jefe_hogar;ayudas/ayuda_proyecto;ayudas/ayuda_estado;"
          "migracion/familia_exterior;_uuid\n")


@pytest.fixture()
def store_path(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "parish.sqlite"
    monkeypatch.setenv("MINGA_STORE", str(path))
    return path


def _load(tmp_path: Path, files: dict[str, str | bytes | None]) -> int:
    """Load a folder of the associations file and `files` (None: leave that file out)."""
    folder = tmp_path / "carga"
    folder.mkdir()
    for name, content in {"asociaciones.csv": ASSOCIATIONS, **files}.items():
        if content is not None:
            (folder / name).write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return main(["load", PARISH, str(folder)])


EXTRA = "la fila tiene más celdas que el encabezado"


@pytest.mark.parametrize(("files", "where"), [
    ({"asociaciones.csv": ASSOCIATIONS + "A02;Ñucanchik Allpa;18;Cuyes; quesos\n"}, "asociaciones.csv, fila 3: "),
    ({"ayudas.csv": "Código;Asociación;Institución;Año;Tipo de ayuda;Monto (USD);Descripción\n"
                    "Y1;A01;MAG;2022;Insumos;100;Semillas de papa; fertilizantes\n"}, "ayudas.csv, fila 2: "),
    ({"problemas.csv": "Código,Problema,Votos\nP01,Heladas, sequía,12\n"}, "problemas.csv, fila 2: "),
    ({"encuesta.csv": SURVEY + "A01;father;father;no;no;no;u-1;sobra\n"}, "encuesta.csv, fila 2: "),
    ({"asociaciones.xlsx": xlsx_bytes([["Código", "Nombre", "Número de socios"], ["A01", "Flor de Mayo", 40, "nota"]]),
      "asociaciones.csv": None}, "asociaciones.xlsx, fila 2: "),
])
def test_a_row_with_more_cells_than_the_header_is_refused_not_cut(tmp_path, store_path, capsys, files, where):
    assert _load(tmp_path, files) == 1
    err = capsys.readouterr().err
    assert where + EXTRA in err
    assert live_count(Store(store_path)) == 0


def test_a_row_ending_in_empty_cells_is_read():
    """Excel writes `A01;Flor de Mayo;40;;` for a row whose last cells are empty: nothing is lost."""
    from core.parish.sheet import read_rows

    problems = []
    rows = read_rows(b"C\xc3\xb3digo;Nombre\nA01;Flor de Mayo;;\n", "asociaciones.csv", problems)
    assert problems == [] and [line for line, _ in rows.body] == [2]



def _cover_and_table(rows: list[list[object]]) -> bytes:
    """A workbook as a planner makes it: a cover sheet with only a title, then the table on the second sheet."""
    import io

    from openpyxl import Workbook

    book = Workbook()
    book.active["A1"] = "GAD Parroquial de San Pablo de Tenta"
    table = book.create_sheet("Asociaciones")
    for row in rows:
        table.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


TABLE = [["Código", "Nombre", "Número de socios"], ["A01", "Flor de Mayo", 40], ["A02", "Sumak Kawsay", 12]]


@pytest.mark.parametrize(("data", "filename", "header_line"), [
    (xlsx_bytes([["Registro de asociaciones 2024"], *TABLE]), "asociaciones.xlsx", 2),
    (xlsx_bytes([["GAD Parroquial San Pablo de Tenta"], ["Registro de asociaciones"], [], *TABLE]),
     "asociaciones.xlsx", 4),
    (_cover_and_table(TABLE), "asociaciones.xlsx", 1),
    (_cover_and_table([["Registro de asociaciones 2024"], *TABLE]), "asociaciones.xlsx", 2),
    ("Registro de asociaciones;;\nCódigo;Nombre;Número de socios\nA01;Flor de Mayo;40\nA02;Sumak Kawsay;12\n"
     .encode("cp1252"), "asociaciones.csv", 2),
])
def test_title_lines_and_a_cover_sheet_are_passed_over_to_the_header(data, filename, header_line):
    from core.parish.sheet import read_rows

    problems = []
    rows = read_rows(data, filename, problems)
    assert problems == []
    assert (rows.header_line, rows.header[:3]) == (header_line, ["Código", "Nombre", "Número de socios"])
    assert [values[:2] for _, values in rows.body] == [["A01", "Flor de Mayo"], ["A02", "Sumak Kawsay"]]


def test_a_titled_workbook_loads_whole(tmp_path, store_path):
    book = xlsx_bytes([["Registro de asociaciones 2024"], *TABLE])
    assert _load(tmp_path, {"asociaciones.xlsx": book, "asociaciones.csv": None}) == 0
    assert live_count(Store(store_path)) == 2


SURVEY_AGE = ("socio/asociacion;socio/rol;socio/jefe_hogar;socio/edad;ayudas/ayuda_proyecto;ayudas/ayuda_estado;"
              "migracion/familia_exterior;_uuid\n")
LABELS = ("Asociación a la que pertenece;¿Qué papel tiene usted en su familia?;¿Quién es el jefe o la jefa de su hogar?;"
          "Edad (años cumplidos);¿Ha recibido ayuda de algún proyecto?;¿Recibió ayuda del Estado el último año?;"
          "¿Algún miembro de su hogar vive en el exterior?;_uuid\n")


@pytest.mark.parametrize(("files", "told"), [
    ({"encuesta.csv": SURVEY_AGE + "A01;abuelo;father;200;yes;no;no;u1\n"},
     ["encuesta.csv, fila 2, columna «socio/rol»: «abuelo» no es una opción válida",
      "encuesta.csv, fila 2, columna «socio/edad»: debe ser menor o igual que 110"]),
    ({"encuesta.csv": SURVEY_AGE + "A01;abuelo;father;40;yes;no;no;u1\nA01;father;father;40;yes;no;no;u1\n"},
     ["encuesta.csv, fila 2, columna «socio/rol»",
      ("encuesta.csv, fila 3, columna «_uuid»: el envío «u1» ya está en la fila 2 con otras respuestas en la columna "
      "«socio/rol»")]),
    ({"encuesta.csv": SURVEY_AGE + "A01;father;father;40;;no;no;u1\n"},
     ["encuesta.csv, fila 2, columna «ayudas/ayuda_proyecto»: falta el valor"]),
    ({"encuesta.csv": SURVEY_AGE + "A01;father;father;40;yes;no;no;\n"},
     ["encuesta.csv, fila 2, columna «_uuid»: falta el identificador"]),
    ({"encuesta.csv": LABELS + "A01;Padre;Padre;5;;No;No;u1\n"},
     ["encuesta.csv, fila 2, columna «Edad (años cumplidos)»: debe ser mayor o igual que 12",
      "encuesta.csv, fila 2, columna «¿Ha recibido ayuda de algún proyecto?»: falta el valor"]),
    ({"asociaciones.csv": "Código;Nombre;Número de socios\nA01;Uno;diez\nA01;Dos;5\nA02;;0\n"},
     ["asociaciones.csv, fila 2, columna «Número de socios»: debe ser un número entero",
      "asociaciones.csv, fila 3, columna «Código»: código repetido «A01» (ya aparece en la fila 2)",
      "asociaciones.csv, fila 4, columna «Nombre»: falta el valor",
      "asociaciones.csv, fila 4, columna «Número de socios»: debe ser mayor o igual que 1"]),
    ({"asociaciones.csv": ASSOCIATIONS + "A02;Ñucanchik Allpa;18;Cuyes; quesos\nA03;;5;\n",
      "encuesta.csv": SURVEY + "A01;father;father;no;no;no;u-1;sobra\nA01;abuelo;father;no;no;no;u-2\n"},
     ["asociaciones.csv, fila 3: " + EXTRA, "asociaciones.csv, fila 4, columna «Nombre»",
      "encuesta.csv, fila 2: " + EXTRA, "encuesta.csv, fila 3, columna «socio/rol»"]),
])
def test_every_problem_of_every_row_is_told_in_one_pass(tmp_path, store_path, capsys, files, told):
    assert _load(tmp_path, files) == 1
    err = capsys.readouterr().err
    assert [line for line in told if line not in err] == []
    assert live_count(Store(store_path)) == 0


AID = "Código;Asociación;Institución;Año;Tipo de ayuda;Monto (USD)\n"


@pytest.mark.parametrize(("association", "told"), [
    ("A02;Ñucanchik Allpa;18;Cuyes; quesos\n", "asociaciones.csv, fila 3: " + EXTRA),
    ("A02;Ñucanchik Allpa;dieciocho;Cuyes\n", "asociaciones.csv, fila 3, columna «Número de socios»"),
])
def test_records_naming_an_association_refused_in_the_same_load_are_not_told_again(tmp_path, store_path, capsys,
                                                                                     association, told):
    """The association's row has a problem: aid and answers naming it were also told «no está registrada …
    regístrela primero», though it is in the file. An association in no file is still told."""
    files = {"asociaciones.csv": ASSOCIATIONS + association,
             "ayudas.csv": AID + "Y1;A02;MAG;2024;Insumos;100\nY2;Ñucanchik Allpa;MAG;2024;Insumos;100\n"
                                 "Y3;A99;MAG;2024;Insumos;100\n",
             "encuesta.csv": SURVEY + "A02;father;father;no;no;no;u-1\nñucanchik allpa;mother;father;no;no;no;u-2\n"}
    assert _load(tmp_path, files) == 1
    err = capsys.readouterr().err
    assert told in err
    unknown = [line for line in err.splitlines() if "no está registrada" in line]
    assert len(unknown) == 1 and unknown[0].startswith("- ayudas.csv, fila 4, columna «Asociación»: la asociación «A99»")


@pytest.mark.parametrize(("part", "text", "stored", "notice"), [
    ("problemas", "Código;Problema;Votos\nP01;Falta de riego;27\nP02;Manglares;\nP03;Vías;18\n",
     [("P01", 27), ("P02", 0), ("P03", 18)],
     "problemas.csv: la columna «Votos» está vacía en la fila 3; se guarda «0»"),
    ("problemas", "Código;Problema;Puntaje\nP01;Falta de riego;\nP02;Manglares;\n",
     [("P01", 0), ("P02", 0)],
     "problemas.csv: la columna «Puntaje» está vacía en las filas 2 y 3; se guarda «0»"),
    ("ayudas", ("Código;Asociación;Institución;Tipo de institución;Año;Tipo;Monto (USD);A fondo perdido\n"
                "AY1;A01;MAG;;2022;Insumos;850;\n"),
     [("AY1", "other", True)], None),
])
def test_an_empty_cell_that_takes_a_value_is_told_with_its_rows(part, text, stored, notice):
    """0 votes is a figure that ranks a problem: taken from an empty cell, the person is told where."""
    index = AssociationIndex([ParishAssociation(code="A01", parish_code=PARISH, name="Flor de Mayo", members_total=40)])
    preview = read_part(text.encode(), f"{part}.csv", PARTS[part], Context(PARISH, index))
    assert not preview.problems, preview.problems
    fields = ("code", "votes") if part == "problemas" else ("code", "institution_type", "non_reimbursable")
    assert [tuple(getattr(item, f) for f in fields) for item in preview.items] == stored
    if notice:
        assert notice in preview.notices
    else:
        assert "ayudas.csv: la columna «Tipo de institución» está vacía en la fila 2; se guarda «Otra»" in preview.notices
        assert "ayudas.csv: la columna «A fondo perdido» está vacía en la fila 2; se guarda «Sí»" in preview.notices


def test_an_empty_cell_of_a_refused_row_is_not_told_as_stored():
    """Row 3 is refused (no problem named): its empty «Votos» is not told as «se guarda 0», only row 4's is."""
    text = "Código;Problema;Votos\nP01;Falta de riego;27\nP02;;\nP03;Vías;\n"
    preview = read_part(text.encode(), "problemas.csv", PARTS["problemas"], Context(PARISH, AssociationIndex([])))
    assert [item.code for item in preview.items] == ["P01", "P03"]
    assert [p.row for p in preview.problems] == [3]
    assert "problemas.csv: la columna «Votos» está vacía en la fila 4; se guarda «0»" in preview.notices


@pytest.mark.parametrize(("registered", "written", "found"), [
    (["008"], 8.0, "008"),  # an xlsx cell Excel took for a number
    (["008"], "8", "008"),  # … saved to CSV
    (["008"], "0008", "008"),
    (["008", "08"], "8", None),  # two registered codes have those digits: which one is not guessed
    (["A08"], "8", None),
])
def test_a_code_whose_leading_zeros_a_spreadsheet_dropped_finds_its_association(registered, written, found):
    """A planner's aid file had «8» where the association is «008» (Excel drops the zeros of a number): it was
    refused with «la asociación «8» no está registrada»."""
    index = AssociationIndex([ParishAssociation(code=code, parish_code=PARISH, name=f"Asociación {n}", members_total=9)
                              for n, code in enumerate(registered)])
    if found is None:
        with pytest.raises(CellError, match="no está registrada"):
            index.find(written)
    else:
        assert index.find(written) == global_id(PARISH, found)


@pytest.mark.parametrize("members", ["Nº de socios", "N° de socios", "No. de socios", "Nro. de socios", "# de socios",
                                     "Total de socios", "N° socios"])
@pytest.mark.parametrize("code", ["Código", "Cód.", "COD"])
def test_the_usual_abbreviations_of_a_header_are_read(members, code):
    """A planner's sheet heads its columns «Cód.» and «Nº de socios» as often as «Código» and «Número de socios»:
    they were refused as missing columns."""
    data = f"{code};Nombre;{members}\nA01;Flor de Mayo;40\n".encode()
    preview = read_part(data, "asociaciones.csv", PARTS["asociaciones"], Context(PARISH, AssociationIndex([])))
    assert [str(p) for p in preview.problems] == []
    assert [(a.code, a.members_total) for a in preview.items] == [("A01", 40)]
