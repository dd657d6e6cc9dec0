"""The wording of a parish load's messages: singular and plural, and figures as a planner reads them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.data.validation import RowProblem, SourceError
from core.parish import cells
from core.parish.__main__ import main
from core.parish.models import ParishAssociation
from core.parish.tables import AssociationIndex

PARISH = "010152"


FLOR_DE_MAYO = "Código;Nombre;Número de socios\nA01;Flor de Mayo;40\n"


def _load_folder(tmp_path: Path, files: dict[str, str]) -> Path:
    """A folder to load (`carga`) holding `files` (name → text, UTF-8); a test adds the rest it needs."""
    folder = tmp_path / "carga"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _survey(count: int) -> str:
    header = ("socio/asociacion;socio/rol;socio/jefe_hogar;ayudas/ayuda_proyecto;ayudas/ayuda_estado;"
              "migracion/familia_exterior;_uuid")
    lines = [header]
    lines += [f"B1;father;father;no;no;no;s-{n}" for n in range(count)]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(("members", "surveyed", "said", "not_said"), [
    (1, 3, "tendría 3 socios encuestados pero solo 1 socio", "1 socios"),
    (2, 3, "tendría 3 socios encuestados pero solo 2 socios", "2 socio\n"),
])
def test_more_surveyed_than_members_counts_in_the_right_number(tmp_path, own_store, capsys, members, surveyed,
                                                                said, not_said):
    folder = _load_folder(tmp_path, {})
    (folder / "asociaciones.csv").write_text(f"Código;Nombre;Número de socios\nB1;Asociación Pequeña;{members}\n",
                                             encoding="utf-8")
    (folder / "encuesta.csv").write_text(_survey(surveyed), encoding="utf-8")
    assert main(["load", PARISH, str(folder)]) == 1
    err = capsys.readouterr().err
    assert said in err and not_said not in err
    assert "No se guardó nada: 1 problema en los archivos." in err


@pytest.mark.parametrize(("count", "tail"), [(51, "… y 1 problema más"), (52, "… y 2 problemas más")])
def test_the_problems_left_unshown_are_counted_in_the_right_number(count, tail):
    problems = [RowProblem("f.csv", n, None, "mal") for n in range(count)]
    assert str(SourceError(problems)).endswith(tail)


AID_HEADER = "Código;Asociación;Institución;Año;Tipo de ayuda;Monto (USD)\n"


@pytest.mark.parametrize(("row", "column", "message"), [
    ("Y1;A01;MAG;1985;Insumos;100", "Año", "debe ser mayor o igual que 1990 (se recibió «1985»)"),
    ("Y1;A01;MAG;2101;Insumos;100", "Año", "debe ser menor o igual que 2100 (se recibió «2101»)"),
    ("Y1;A01;MAG;2024;Insumos;-1500", "Monto (USD)", "debe ser mayor o igual que 0 (se recibió «-1.500»)"),
    ("Y1;A01;MAG;2024;Insumos;-850,00", "Monto (USD)", "debe ser mayor o igual que 0 (se recibió «-850,00»)"),
    ("Y1;A01;MAG;2024;Insumos;-1.234,5", "Monto (USD)", "debe ser mayor o igual que 0 (se recibió «-1.234,5»)"),
    ("Y1;A01;MAG;15/03/1985;Insumos;100", "Año", "debe ser mayor o igual que 1990 (se recibió «1985»)"),
    ("Y1;A01;MAG;31/02/2022;Insumos;100", "Año",
     ("debe ser un año, como 2024, o una fecha que exista, escrita dd/mm/aaaa como 15/03/2024 (también con «-» o «.», "
     "o con el año en dos cifras: 15/03/24) o aaaa-mm-dd como 2024-03-15 (se recibió «31/02/2022»)")),
    ("Y1;A01;MAG;marzo;Insumos;100", "Año",
     ("debe ser un año, como 2024, o una fecha que exista, escrita dd/mm/aaaa como 15/03/2024 (también con «-» o «.», "
     "o con el año en dos cifras: 15/03/24) o aaaa-mm-dd como 2024-03-15 (se recibió «marzo»)")),
])
def test_a_year_is_written_as_a_year_and_money_as_money(tmp_path, own_store, capsys, row, column, message):
    folder = _load_folder(tmp_path, {"asociaciones.csv": FLOR_DE_MAYO})
    (folder / "ayudas.csv").write_text(AID_HEADER + row + "\n", encoding="utf-8")
    assert main(["load", PARISH, str(folder)]) == 1
    assert f"ayudas.csv, fila 2, columna «{column}»: {message}" in capsys.readouterr().err


@pytest.mark.parametrize(("loc", "bound", "value", "expected"), [
    (("aid_year",), 1990, 1900, "debe ser mayor o igual que 1990 (se recibió «1900»)"),
    (("year",), 1990, 1985.0, "debe ser mayor o igual que 1990 (se recibió «1985»)"),
    (("members_total",), 1, 0, "debe ser mayor o igual que 1 (se recibió «0»)"),
    (("votes",), 1_000_000, 1_000_001, "debe ser mayor o igual que 1.000.000 (se recibió «1.000.001»)"),
])
def test_only_years_lose_the_thousands_separator(loc, bound, value, expected):
    from core.data.validation import spanish_message

    error = {"type": "greater_than_equal", "loc": loc, "ctx": {"ge": bound}, "input": value}
    assert spanish_message(error) == expected


@pytest.mark.parametrize(("value", "expected"), [
    (1.5, "debe ser un número entero, sin decimales (se recibió «1,5»)"),
    (1234.25, "debe ser un número entero, sin decimales (se recibió «1.234,25»)"),
    ("tres", "debe ser un número entero (se recibió «tres»)"),
])
def test_a_received_number_is_quoted_as_written_in_ecuador(value, expected):
    """«1.5» reads as one thousand five hundred to a reader in Ecuador: a decimal received is quoted «1,5»."""
    from pydantic import BaseModel, ValidationError

    from core.data.validation import spanish_message

    class Ballot(BaseModel):
        votes: int

    with pytest.raises(ValidationError) as caught:
        Ballot(votes=value)
    assert spanish_message(caught.value.errors()[0]) == expected


@pytest.mark.parametrize(("bad_rows", "shown", "tail"), [
    (200, 200, None),
    (201, 200, "- … y 1 problema más"),
    (450, 200, "- … y 250 problemas más"),
])
def test_a_file_wrong_throughout_shows_the_first_problems_and_counts_the_rest(tmp_path, own_store, capsys,
                                                                            bad_rows, shown, tail):
    folder = _load_folder(tmp_path, {})
    rows = "".join(f"P{n:03d};;5\n" for n in range(bad_rows))  # every row without its problem's text
    (folder / "problemas.csv").write_text("Código;Problema;Votos\n" + rows, encoding="utf-8")
    assert main(["load", PARISH, str(folder)]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert lines[0] == f"No se guardó nada: {bad_rows} problemas en los archivos."
    assert len([line for line in lines if ", columna «Problema»: falta el valor" in line]) == shown
    assert lines[-1] == (tail or f"- problemas.csv, fila {bad_rows + 1}, columna «Problema»: falta el valor (es obligatorio)")


INDEX = AssociationIndex([ParishAssociation(parish_code="080265", code=code, name=name, members_total=20)
                          for code, name in (("A01", "Asociación de Cacaoteros Peñas Unidas"),
                                             ("A02", "Asociación de Mujeres Concheras Añoranza"),
                                             ("A03", "Unión Campesina"))])


@pytest.mark.parametrize(("written", "found", "said"), [
    ("A01", "080265-A01", None),
    ("asociacion de mujeres concheras anoranza", "080265-A02", None),  # accents and case do not matter
    ("Asociacion de Cacaoteros Peñas Unida", None, "¿quiso decir «Asociación de Cacaoteros Peñas Unidas» (A01)?"),
    ("Union Campesna", None, "¿quiso decir «Unión Campesina» (A03)?"),
    ("Asociación Fantasma", None, "«Asociación Fantasma» no está registrada en la parroquia: regístrela primero"),
])
def test_an_unregistered_association_name_suggests_the_registered_one_it_nearly_is(written, found, said):
    """A survey or aid file that misspells an association («Peñas Unida») names the registered one to use."""
    if said is None:
        assert INDEX.find(written) == found
        return
    with pytest.raises(cells.CellError) as refused:
        INDEX.find(written)
    assert said in str(refused.value)
    assert ("quiso decir" in str(refused.value)) == ("quiso decir" in said)


@pytest.mark.parametrize(("cell", "read"), [
    (2022, 2022), ("2022", 2022), ("15/03/2022", 2022), ("1/3/2021", 2021), ("15-03-2022", 2022),
    ("15.03.2022", 2022), (dt.datetime(2023, 5, 4), 2023), (dt.date(2020, 1, 31), 2020), (None, None),
])
def test_a_year_cell_takes_a_date_s_year(cell, read):
    assert cells.year(cell) == read


@pytest.mark.parametrize("cell", ["32/01/2022", "29/02/2023", "2022/03/15", "marzo 2022", "dos mil", "2022,5"])
def test_a_year_cell_refuses_what_is_neither_a_year_nor_a_date(cell):
    with pytest.raises(cells.CellError):
        cells.year(cell)


def test_the_rows_whose_year_was_read_from_a_date_are_named(tmp_path, own_store, capsys):
    folder = _load_folder(tmp_path, {"asociaciones.csv": FLOR_DE_MAYO})
    rows = ["Y1;A01;MAG;15/03/2022;Insumos;100", "Y2;A01;MAG;2023;Insumos;100", "Y3;A01;MAG;01/07/2024;Insumos;100"]
    (folder / "ayudas.csv").write_text(AID_HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    assert main(["load", PARISH, str(folder)]) == 0
    out = capsys.readouterr().out
    assert ("Aviso: ayudas.csv: la columna «Año» trae fechas en las filas 2 y 4; se guarda solo el año de cada "
            "una") in out
    from core.record.store import Store

    assert [r.body["year"] for r in Store(own_store).records("parish_aid", PARISH)] == [2022, 2023, 2024]


def test_an_excel_date_in_the_year_column_is_read_as_its_year_with_a_notice():
    from core.parish.tables import PARTS, Context, read_part
    from tests.parish_export import xlsx_bytes

    index = AssociationIndex([ParishAssociation(parish_code=PARISH, code="A01", name="Flor de Mayo", members_total=4)])
    book = xlsx_bytes([["Código", "Asociación", "Institución", "Año", "Tipo de ayuda", "Monto (USD)"],
                       ["Y1", "A01", "MAG", dt.datetime(2022, 3, 15), "Insumos", 100]])
    preview = read_part(book, "ayudas.xlsx", PARTS["ayudas"], Context(PARISH, index))
    assert preview.problems == []
    assert [item.year for item in preview.items] == [2022]
    assert preview.notices == ["ayudas.xlsx: la columna «Año» trae una fecha en la fila 2; se guarda solo su año"]


@pytest.mark.parametrize(("file", "text", "said"), [
    # an association without legal registration: the secretary writes «Ninguno»; the column may be left empty
    ("asociaciones.csv", "Código;Nombre;Registro legal (SEPS o MAG);Número de socios\nA01;Flor de Mayo;Ninguno;40\n",
     ("asociaciones.csv, fila 2, columna «Registro legal (SEPS o MAG)»: «Ninguno» no es una opción válida; se admite "
      "«Requisitos de SENPLADES», «Registro del MAG», «Registro en la SEPS», o la celda vacía si ninguna corresponde")),
    # the kind of aid is required: no empty cell offered
    ("ayudas.csv", AID_HEADER + "Y1;A01;MAG;2024;Semillas;100\n",
     ("ayudas.csv, fila 2, columna «Tipo de ayuda»: «Semillas» no es una opción válida; se admite «Insumos», "
      "«Capacitación», «Infraestructura», «Asistencia técnica», «Equipos», «Comercialización»\n")),
])
def test_an_optional_choice_says_it_may_be_left_empty(tmp_path, own_store, capsys, file, text, said):
    folder = _load_folder(tmp_path, {"asociaciones.csv": FLOR_DE_MAYO})
    (folder / file).write_text(text, encoding="utf-8")
    assert main(["load", PARISH, str(folder)]) == 1
    assert said in capsys.readouterr().err


def test_a_member_named_instead_of_the_survey_uuid_is_told_as_written(tmp_path, own_store, capsys):
    """«Socio» takes the submission's _uuid: a name there is said as the secretary wrote it, with what to write,
    not as «formato no válido «010152-Juan Pérez»… (por ejemplo EV-P01)»."""
    folder = _load_folder(tmp_path, {"asociaciones.csv": FLOR_DE_MAYO})
    (folder / "ayudas.csv").write_text("Código;Asociación;Socio;Institución;Año;Tipo de ayuda;Monto (USD)\n"
                                       "Y1;A01;Juan Pérez;MAG;2024;Insumos;100\n", encoding="utf-8")
    assert main(["load", PARISH, str(folder)]) == 1
    err = capsys.readouterr().err
    assert ("ayudas.csv, fila 2, columna «Socio»: «Juan Pérez» no es la respuesta de un socio: escriba el _uuid de su "
            "respuesta (la columna «_uuid» de la exportación de la encuesta) o deje la celda vacía") in err
    assert f"{PARISH}-Juan" not in err and "EV-P01" not in err


SUMAK = AssociationIndex([ParishAssociation(parish_code="080265", code=code, name=name, members_total=20)
                          for code, name in (("A01", "Asociación Sumak Tarpuy"),
                                             ("A02", "Asociación de Mujeres Concheras Añoranza"),
                                             ("A03", "Asociación Sumak Kawsay"))])


@pytest.mark.parametrize(("written", "offered"), [
    ("sumak tarpuy", "«Asociación Sumak Tarpuy» (A01)"),  # «Asociación» left out
    ("Sumak Kawsai", "«Asociación Sumak Kawsay» (A03)"),  # left out, and a typo
    ("asoc. sumak tarpuy", "«Asociación Sumak Tarpuy» (A01)"),
    ("Asosiación Sumak Tarpuy", "«Asociación Sumak Tarpuy» (A01)"),  # «Asociación» misspelt
    ("mujeres concheras añoranza", "«Asociación de Mujeres Concheras Añoranza» (A02)"),  # «Asociación de» left out
    ("Sumak Pacha", None),  # another association: neither Sumak is offered
    ("Asociación Sumak Wasi", None),  # the shared «Asociación» made it look like «Sumak Kawsay»
    ("sumak", None),
    ("Concheras", None),
])
def test_a_name_typed_without_asociacion_is_offered_and_no_other(written, offered):
    """Enumerators type «sumak tarpuy» for «Asociación Sumak Tarpuy»: it was told only «not registered»."""
    with pytest.raises(cells.CellError) as refused:
        SUMAK.find(written)
    said = str(refused.value)
    if offered is None:
        assert "quiso decir" not in said, said
    else:
        assert f"¿quiso decir {offered}?" in said, said


def test_two_associations_of_one_bare_name_are_not_guessed_between():
    """«Asociación Unión» and «Unión» are both «Unión» once «Asociación» is left out: «Unon» could be either, so
    neither is offered (nor «Unión Vecinal»)."""
    index = AssociationIndex([ParishAssociation(parish_code="080265", code=code, name=name, members_total=20)
                              for code, name in (("A01", "Asociación Unión"), ("A02", "Unión Vecinal"),
                                                 ("A03", "Unión"))])
    with pytest.raises(cells.CellError) as refused:
        index.find("Unon")
    assert "quiso decir" not in str(refused.value)
