"""A parish's own files hold no character that cannot be seen in their texts (core.user_text): a right-to-left override
(U+202E shows «Sumak \\u202eyapaT» as «Sumak Tapay»), a zero-width space or a control character pasted into an
association's name, an institution, a problem or an objective is refused naming the file, the row and the column,
and nothing is stored; accents, «ñ» and emoji are kept, and a line break in a cell (Alt+Enter in Excel) too.
The page's form reads its rows the same way (core.parish.tables.read_row)."""

from __future__ import annotations

import pytest

from core.parish.__main__ import main
from core.parish.mirror import ASSOCIATION, PROBLEM, sync
from core.parish.models import ParishAssociation
from core.parish.records import stored_associations
from core.record.auth import Role, User
from core.record.store import Change, Store
from tests.conftest import as_read, live_count, open_app_page
from tests.parish_export import answers, export_csv
from tests.parish_files import AID, ASSOCIATIONS, PARISH, PROBLEMS, _folder

RLO, ZERO_WIDTH, ESCAPE = "\u202e", "\u200b", "\x1b"
PLANNER = User(username="tecnica-ocultos", display_name="Técnica", role=Role.PLANNER)


@pytest.mark.parametrize("file, text, replaced, by, row, column, code", [
    ("asociaciones.csv", ASSOCIATIONS, "Flor de Mayo", f"Flor de {RLO}oyaM", 2, "Nombre", "U+202E"),
    ("asociaciones.csv", ASSOCIATIONS, "Narancay", f"Nar{ZERO_WIDTH}ancay", 2, "Comunidades", "U+200B"),
    ("asociaciones.csv", ASSOCIATIONS, "Cuyes", f"Cu{ESCAPE}yes", 3, "Productos", "U+001B"),
    ("ayudas.csv", AID, ";MAG;", f";M{RLO}AG;", 2, "Institución", "U+202E"),
    ("problemas.csv", PROBLEMS, "Bajos precios", f"Bajos{ZERO_WIDTH} precios", 3, "Problema", "U+200B"),
    ("objetivos_pdot.csv", "Código;Componente;Objetivo\nOP1;Económico productivo;Riego para todos\n",
     "Riego", f"{RLO}Riego", 2, "Objetivo", "U+202E"),
])
def test_a_hidden_character_in_a_file_is_refused_at_its_cell(tmp_path, own_store, capsys, file, text, replaced, by,
                                                              row, column, code):
    assert replaced in text
    folder = _folder(tmp_path, answers(4, ["A01"]), **{file: text.replace(replaced, by)})
    assert main(["load", PARISH, str(folder)]) == 1
    err = capsys.readouterr().err
    assert f"{file}, fila {row}, columna «{column}»" in err and code in err
    assert live_count(Store(own_store)) == 0


def test_a_hidden_character_in_the_survey_is_refused_at_its_cell(tmp_path, own_store, capsys):
    rows = answers(6, ["A01"])
    aided = next(i for i, r in enumerate(rows) if r["institucion_ayuda"])
    rows[aided]["institucion_ayuda"] = f"MA{RLO}G"
    folder = _folder(tmp_path, [])
    (folder / "encuesta.csv").write_bytes(export_csv(rows))
    assert main(["load", PARISH, str(folder)]) == 1
    err = capsys.readouterr().err
    assert f"encuesta.csv, fila {aided + 2}, columna «ayudas/institucion_ayuda»" in err and "U+202E" in err
    assert live_count(Store(own_store)) == 0


def test_accents_emoji_and_a_line_break_are_kept(tmp_path, own_store):
    name, communities = "Asociación Ñukanchik Allpa 🌽", "Guadalupano,\nMisicata"
    text = ASSOCIATIONS.replace("Unión Campesina", name).replace("Guadalupano, Misicata", f'"{communities}"')
    folder = _folder(tmp_path, answers(4, ["A01"]), **{"asociaciones.csv": text,
                                                        "ayudas.csv": AID.replace("Unión Campesina", name)})
    assert main(["load", PARISH, str(folder)]) == 0
    stored = {a.code: a for a in stored_associations(Store(own_store), PARISH)}
    assert stored["A02"].name == name and stored["A02"].communities == communities


def test_a_record_stored_before_the_rule_still_reads(own_store):
    store = Store(own_store)
    body = {"parish_code": PARISH, "code": "A01", "name": f"Flor de {RLO}oyaM", "members_total": 10,
            "is_synthetic": False}
    store.apply([Change(ASSOCIATION, f"{PARISH}-A01", body, PARISH)], actor="consola")
    sync(store)
    assert stored_associations(store, PARISH) == [ParishAssociation.model_validate(body)]


def test_a_hidden_character_typed_in_the_page_s_form_is_refused(parish_store):
    app = open_app_page("pages/preparar.py", PLANNER, parish=PARISH)
    app.text_input(key="prep-problemas-label_es").input(f"Falta de {RLO}ougir")
    app.text_input(key="prep-problemas-votes").input("12")
    next(b for b in app.button if b.form_id == "prep-form-problemas").click().run()
    assert not app.exception, [e.value for e in app.exception]
    shown = as_read("\n".join(str(e.value) for e in app.error))
    assert "«Problema»" in shown and "U+202E" in shown
    assert live_count(Store(parish_store), PROBLEM) == 0


@pytest.mark.parametrize("file, text, replaced, by", [
    ("ayudas.csv", AID, "AY1;", f"AY{RLO}1;"),  # a code: refused for its shape, quoted in the message
    ("ayudas.csv", AID, ";A01;", f";Z{RLO}9;"),  # an association no one registered
    ("asociaciones.csv", ASSOCIATIONS, ";SEPS;", f";SE{RLO}PX;"),  # not one of the options
])
def test_a_message_quoting_a_cell_names_the_hidden_character_instead_of_obeying_it(tmp_path, own_store, capsys,
                                                                                     file, text, replaced, by):
    """A right-to-left override quoted in a message turned the rest of the line around («la asociación «Z<RLO>9» no
    está registrada…» read backwards from the mark): the message names it where it is and reads left to right."""
    assert replaced in text
    folder = _folder(tmp_path, answers(4, ["A01"]), **{file: text.replace(replaced, by)})
    assert main(["load", PARISH, str(folder)]) == 1
    err = capsys.readouterr().err
    assert f"{file}, fila 2" in err and RLO not in err
    assert by.strip(";").replace(RLO, "[carácter invisible]") in err
    assert live_count(Store(own_store)) == 0


def test_the_page_s_preview_names_the_hidden_character_it_quotes(parish_store):
    app = open_app_page("pages/preparar.py", PLANNER, parish=PARISH)
    app.session_state["prep-file-asociaciones"] = ("asociaciones.csv", ASSOCIATIONS.replace("A02;", f"A{RLO}2;").encode())
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    shown = as_read("\n".join(str(e.value) for e in app.error))
    assert "asociaciones.csv, fila 3, columna «Código»" in shown and "A[carácter invisible]2" in shown
    assert RLO not in shown
