"""A parish's own records loaded from its folder (`python -m core.parish load`), all or nothing: a bad file, a cell or
a record that contradicts another (more surveyed members than members, an aid naming no surveyed member, a code of
another parish, a figure too large, two associations of one name, a file read two ways, a code in the wrong shape)
is refused in Spanish, naming file and row, and nothing is stored."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from core.data.db import connect, query
from core.parish.__main__ import main
from core.record.auth import Role, User
from core.record.store import Store
from tests.conftest import live_count
from tests.parish_export import answers
from tests.parish_files import AID, ASSOCIATIONS, PARISH, _folder

ROOT = Path(__file__).resolve().parents[1]


def test_a_folder_with_one_bad_file_stores_nothing(tmp_path, own_store, built_data_dir):
    bad_aid = AID + "AY3;Asociación Fantasma;MAG;Otra;2024;Insumos;abc;Sí\n"
    folder = _folder(tmp_path, answers(5, ["A01"]), **{"ayudas.csv": bad_aid})
    done = subprocess.run([sys.executable, "-m", "core.parish", "load", PARISH, str(folder)], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    assert done.returncode != 0
    assert "ayudas.csv, fila 4" in done.stderr and "Asociación Fantasma" in done.stderr
    assert "Traceback" not in done.stderr
    assert live_count(Store(own_store)) == 0
    con = connect(built_data_dir)
    assert query(con, "SELECT count(*) FROM associations WHERE parish_code = ?", [PARISH]).item() == 0


def test_more_surveyed_members_than_members_is_refused(tmp_path, own_store, capsys):
    small = ASSOCIATIONS.replace(";40;", ";3;")
    folder = _folder(tmp_path, answers(10, ["A01"]), **{"asociaciones.csv": small})
    assert main(["load", PARISH, str(folder)]) == 1
    assert "Flor de Mayo" in capsys.readouterr().err
    assert live_count(Store(own_store)) == 0


def test_an_aid_to_a_member_names_a_surveyed_member(tmp_path, own_store, capsys):
    rows = answers(3, ["A01"])
    header = "Código;Asociación;Socio;Institución;Año;Tipo de ayuda;Monto (USD)\n"
    known = header + f"AY1;A01;{rows[0]['_uuid']};MAG;2024;Insumos;120\n"
    assert main(["load", PARISH, str(_folder(tmp_path / "ok", rows, **{"ayudas.csv": known}))]) == 0
    stored = Store(own_store).get("parish_aid", f"{PARISH}-AY1")
    assert stored.body["member_id"] == f"{PARISH}-{rows[0]['_uuid']}"
    unknown = header + "AY2;A01;no-es-un-socio;MAG;2024;Insumos;120\n"
    assert main(["load", PARISH, str(_folder(tmp_path / "bad", rows, **{"ayudas.csv": unknown}))]) == 1
    assert "«no-es-un-socio»" in capsys.readouterr().err
    assert Store(own_store).get("parish_aid", f"{PARISH}-AY2") is None
    elsewhere = header + f"AY3;A02;{rows[0]['_uuid']};MAG;2024;Insumos;120\n"  # a member of A01, for A02
    assert main(["load", PARISH, str(_folder(tmp_path / "other", rows, **{"ayudas.csv": elsewhere}))]) == 1
    assert (f"ayudas.csv, fila 2, columna «Socio»: el socio «{rows[0]['_uuid']}» figura en la encuesta en otra "
            "asociación que la de esta fila") in capsys.readouterr().err
    # a later file without «Socio» moves AY1 to A02: the member it keeps is A01's, so it is refused too
    moved = "Código;Asociación;Institución;Año;Tipo de ayuda;Monto (USD)\nAY1;A02;MAG;2024;Insumos;120\n"
    later = tmp_path / "después"
    later.mkdir()
    (later / "ayudas.csv").write_text(moved, encoding="utf-8")
    assert main(["load", PARISH, str(later)]) == 1
    assert "registra en otra asociación" in capsys.readouterr().err
    assert Store(own_store).get("parish_aid", f"{PARISH}-AY1").body["association_id"] == f"{PARISH}-A01"



@pytest.mark.parametrize("survey_in_folder", [True, False])
def test_an_unknown_member_is_told_at_its_row_with_the_files_other_problems(tmp_path, own_store, capsys,
                                                                              survey_in_folder):
    """The member of a survey in the same folder or stored counts; any other «Socio» is told at its row and column
    in the same pass as the file's other problems, saying what to write."""
    rows = answers(2, ["A01"])
    if not survey_in_folder:
        assert main(["load", PARISH, str(_folder(tmp_path / "antes", rows))]) == 0
        capsys.readouterr()
    header = "Código;Asociación;Socio;Institución;Año;Tipo de ayuda;Monto (USD)\n"
    aid = header + (f"AY1;A01;{rows[1]['_uuid']};MAG;2024;Insumos;120\nAY2;A01;no-es-un-socio;MAG;2024;Insumos;120\n"
                    "AY3;A01;;MAG;2024;Insumos;abc\n")
    folder = _folder(tmp_path / "carga", rows, **{"ayudas.csv": aid})
    if not survey_in_folder:
        (folder / "encuesta.csv").unlink()
    assert main(["load", PARISH, str(folder)]) == 1
    err = capsys.readouterr().err
    assert "ayudas.csv, fila 4, columna «Monto (USD)»" in err
    assert ("ayudas.csv, fila 3, columna «Socio»: «no-es-un-socio» no es un socio encuestado de la parroquia: escriba "
            "el identificador del socio en la encuesta (el _uuid de su respuesta) o deje la celda vacía") in err
    assert "fila 2" not in err  # the surveyed member is read
    assert Store(own_store).get("parish_aid", f"{PARISH}-AY3") is None

def test_a_code_another_parish_uses_is_refused_and_stays_that_parishs(tmp_path, own_store, capsys):
    """Alineación takes any code for a PDOT objective: El Valle's «010152-OP01» was taken over (moved to Cumbe
    and rewritten) by a load of Cumbe's objective OP01. The load is refused, naming the code and its parish."""
    from core.data.schemas.catalogues import PdotObjective
    from core.proposals.records import save_pdot_objective

    store = Store()
    planner = User(username="tecnica", display_name="Técnica", role=Role.PLANNER)
    theirs = PdotObjective(pdot_objective_id=f"{PARISH}-OP01", parish_code="010170", component="Económico",
                           objective_es="Objetivo de El Valle", is_illustrative=False, source="PDOT El Valle")
    save_pdot_objective(store, planner, theirs, expected_version=0)
    folder = _folder(tmp_path, answers(4, ["A01"]), **{"objetivos_pdot.csv": "Código;Componente;Objetivo\n"
                                                                              "OP01;Social;Objetivo de Cumbe\n"})
    assert main(["load", PARISH, str(folder)]) == 1
    assert f"«{PARISH}-OP01» ya es un registro de la parroquia 010170" in capsys.readouterr().err
    kept = store.get("pdot_objective", f"{PARISH}-OP01")
    assert (kept.parish_code, kept.body["objective_es"]) == ("010170", "Objetivo de El Valle")
    assert store.records("parish_association", PARISH) == []  # nothing of the load was stored


@pytest.mark.parametrize(("name", "text", "where"), [
    ("problemas.csv", "Código;Problema;Votos\nP01;Falta de agua;10000000000000000000\n", "problemas.csv, fila 2"),
    ("ayudas.csv", AID.replace(";1.500;", ";" + "9" * 30 + ";"), "ayudas.csv, fila 2"),
])
def test_a_figure_too_large_for_a_file_or_a_sum_is_refused_by_row(tmp_path, own_store, capsys, name, text, where):
    """Stored, such a figure could not be written to the parish's files for the views (every later save of the
    parish failed too), or made a total infinite."""
    assert main(["load", PARISH, str(_folder(tmp_path, answers(4, ["A01"]), **{name: text}))]) == 1
    assert where in capsys.readouterr().err
    assert live_count(Store(own_store)) == 0


@pytest.mark.parametrize("associations", [
    ASSOCIATIONS + "A03;Unión  campesina;;;;10;\n",  # the name of A02, spelled another way
    ASSOCIATIONS + "A03;A01;;;;10;\n",  # the code of A01
])
def test_an_association_named_like_another_is_refused(tmp_path, own_store, capsys, associations):
    """Aid naming «Unión Campesina» went to the first association of that name without a word."""
    folder = _folder(tmp_path, answers(4, ["A01"]), **{"asociaciones.csv": associations})
    assert main(["load", PARISH, str(folder)]) == 1
    assert "la asociación A03 se llama" in capsys.readouterr().err
    assert live_count(Store(own_store)) == 0


@pytest.mark.parametrize(("files", "message"), [
    ({"asociaciones.csv": ASSOCIATIONS.replace("Productos\n", "Productos;Nombre\n")}, "está dos veces en el encabezado"),
    ({"encuesta.csv": None}, "es demasiado largo (máximo 64)"),
])
def test_a_file_that_cannot_be_read_one_way_is_refused(tmp_path, own_store, capsys, files, message):
    """A repeated column (the last one won without a word) and an answer's identifier past any export's."""
    rows = answers(2, ["A01"])
    if "encuesta.csv" in files:
        rows[0] = {**rows[0], "_uuid": "x" * 200}
        files = {}
    folder = _folder(tmp_path, rows, **files)
    assert main(["load", PARISH, str(folder)]) == 1
    assert message in capsys.readouterr().err
    assert live_count(Store(own_store)) == 0


@pytest.mark.parametrize("fields, expected", [
    ({"code": "BU-01"}, "formato no válido «BU-01»: use letras, números, punto o guion bajo, sin espacios ni guiones"),
    ({"ruc": "019001234500"}, "formato no válido «019001234500»: un RUC tiene 13 dígitos"),
    ({"code": " "}, "no puede estar vacío"),
])
def test_a_code_in_the_wrong_shape_is_told_what_shape_it_needs(fields, expected):
    from pydantic import ValidationError

    from core.data.validation import spanish_message
    from core.parish.models import ParishAssociation

    with pytest.raises(ValidationError) as refused:
        ParishAssociation.model_validate({"parish_code": PARISH, "code": "A01", "name": "Flor de Mayo",
                                          "members_total": 10, **fields})
    assert spanish_message(refused.value.errors()[0]).startswith(expected)


def test_a_row_with_a_bad_cell_and_a_bad_value_names_both(tmp_path, own_store, capsys):
    bad = ("Código;Nombre;RUC;Registro legal (SEPS o MAG);Comunidades;Número de socios;Productos\n"
           "A01;Asociación Flor de Mayo;019001234500;Donación;Narancay;40;Hortalizas\n")
    assert main(["load", PARISH, str(_folder(tmp_path, answers(2, ["A01"]), **{"asociaciones.csv": bad}))]) == 1
    err = capsys.readouterr().err
    assert "«RUC»: formato no válido «019001234500»" in err and "«Registro legal (SEPS o MAG)»" in err


def test_a_folder_is_told_its_cell_problems_and_its_cross_record_problems_in_one_pass(tmp_path, own_store, capsys):
    small = ASSOCIATIONS.replace(";40;", ";3;")
    bad_year = AID.replace(";2024;", ";dos mil;")
    folder = _folder(tmp_path, answers(10, ["A01"]), **{"asociaciones.csv": small, "ayudas.csv": bad_year})
    assert main(["load", PARISH, str(folder)]) == 1
    err = capsys.readouterr().err
    assert "ayudas.csv" in err and "dos mil" in err  # the cell
    assert "Asociación Flor de Mayo" in err and "10" in err and "3" in err  # more surveyed than members
    assert live_count(Store(own_store)) == 0


def test_an_association_refused_in_the_same_load_is_not_judged_by_what_the_store_held(tmp_path, own_store,
                                                                                       capsys):
    twelve = ASSOCIATIONS.replace(";40;", ";12;")
    assert main(["load", PARISH, str(_folder(tmp_path / "antes", answers(10, ["A01"]),
                                             **{"asociaciones.csv": twelve}))]) == 0
    # the new file raises its members to 15 for 14 answers, in a row refused for its RUC
    fifteen = ASSOCIATIONS.replace("0190012345001;SEPS;Narancay;40;", "019001;SEPS;Narancay;15;")
    capsys.readouterr()
    assert main(["load", PARISH, str(_folder(tmp_path / "despues", answers(14, ["A01"]),
                                             **{"asociaciones.csv": fifteen}))]) == 1
    err = capsys.readouterr().err
    assert "«RUC»" in err and "socios encuestados" not in err


@pytest.mark.parametrize("code", ["999999", "01017", "0101700", "ABC123", "", "010170 "])
def test_a_code_that_is_not_a_parish_of_the_dpa_list_loads_nothing(tmp_path, own_store, capsys, code):
    assert main(["load", code, str(_folder(tmp_path, answers(4, ["A01"])))]) == 2
    assert f"«{code}» no es un código de parroquia de la DPA" in capsys.readouterr().err
    assert live_count(Store(own_store)) == 0


@pytest.mark.parametrize(("name", "text", "row", "column", "own"), [
    ("asociaciones.csv", ASSOCIATIONS.replace("\nA02;", f"\n{PARISH}-A02;"), 3, "Código", "A02"),
    ("ayudas.csv", AID.replace("\nAY1;", f"\n{PARISH}-AY1;"), 2, "Código", "AY1"),
])
def test_a_code_written_with_the_parish_code_is_told_to_leave_it_out(tmp_path, own_store, capsys, name, text, row,
                                                                      column, own):
    """«010152-A02» in the code column got only the generic shape refusal; it names the code to write instead."""
    folder = _folder(tmp_path, answers(4, ["A01"]), **{name: text})
    assert main(["load", PARISH, str(folder)]) == 1
    err = capsys.readouterr().err
    assert f"{name}, fila {row}, columna «{column}»: «{PARISH}-{own}» lleva delante el código de la parroquia" in err
    assert f"escriba solo el código propio, «{own}»" in err
    assert live_count(Store(own_store)) == 0
