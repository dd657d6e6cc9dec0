"""«Preparar la parroquia» under AppTest: a planner records a parish by file and by form, each file previewed and
checked before it is stored. What the other pages then show of those records: test_app_preparar_own_records.py."""

from __future__ import annotations

import pytest

from core.parish.mirror import AID, ANSWER, ASSOCIATION, PROBLEM
from core.record.auth import Role, User
from core.record.store import Store
from tests.conftest import HOME, as_read, open_app_page
from tests.parish_export import answers, export_csv
from tests.parish_files import AID as AID_CSV
from tests.parish_files import ASSOCIATIONS, PARISH

PLANNER = User(username="tecnica-preparar", display_name="Técnica", role=Role.PLANNER)


def _texts(app) -> str:
    return "\n".join(str(e.value) for kind in ("markdown", "caption", "info", "error", "success", "subheader")
                     for e in getattr(app, kind))


def _save_file(app, key: str, name: str, content: bytes) -> None:
    app.session_state[f"prep-file-{key}"] = (name, content)
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    app.button(key=f"prep-save-{key}").click().run()
    assert not app.exception, [e.value for e in app.exception]


def test_a_planner_records_a_parish_by_file_and_by_form(parish_store):
    app = open_app_page("pages/preparar.py", PLANNER, parish=PARISH)
    assert "Asociaciones registradas: falta" in _texts(app)
    _save_file(app, "asociaciones", "asociaciones.csv", ASSOCIATIONS.encode())
    assert "Guardado: 2 registros nuevos o modificados" in _texts(app)
    _save_file(app, "encuesta", "export.csv", export_csv(answers(8, ["A01", "A02"]), option_columns=True))
    _save_file(app, "ayudas", "ayudas.csv", AID_CSV.encode())
    app.text_input(key="prep-problemas-label_es").input("Falta de agua de riego")
    app.text_input(key="prep-problemas-votes").input("12")
    next(b for b in app.button if b.form_id == "prep-form-problemas").click().run()
    assert not app.exception, [e.value for e in app.exception]
    store = Store(parish_store)
    assert [len(store.records(kind, PARISH)) for kind in (ASSOCIATION, ANSWER, AID, PROBLEM)] == [2, 8, 2, 1]
    assert store.records(PROBLEM, PARISH)[0].record_id == f"{PARISH}-P01"
    assert app.text_input(key="prep-problemas-label_es").value == ""  # stored: the form is ready for the next
    assert "Problemas priorizados: 1" in _texts(app)

    home = open_app_page(HOME, PLANNER, parish=PARISH)
    assert "Camino de la parroquia" not in _texts(home)  # it has associations now: the figures, not the path
    problems = open_app_page("pages/problemas.py", PLANNER, parish=PARISH)
    assert "Falta de agua de riego" in str([d.value for d in problems.dataframe]) + _texts(problems)


def test_a_file_with_problems_is_not_saved_and_says_where(parish_store):
    app = open_app_page("pages/preparar.py", PLANNER, parish=PARISH)
    _save_file(app, "asociaciones", "asociaciones.csv", ASSOCIATIONS.encode())
    bad = AID_CSV + "AY3;Asociación Fantasma;MAG;Otra;2024;Insumos;100;Sí\n"
    app.session_state["prep-file-ayudas"] = ("ayudas.csv", bad.encode())
    app.run()
    assert "fila 4" in _texts(app) and "«Asociación Fantasma» no está registrada" in _texts(app)
    assert app.button(key="prep-save-ayudas").disabled
    assert Store(parish_store).records(AID, PARISH) == []


def test_a_misspelt_association_is_answered_with_the_registered_name(parish_store):
    app = open_app_page("pages/preparar.py", PLANNER, parish=PARISH)
    _save_file(app, "asociaciones", "asociaciones.csv", ASSOCIATIONS.encode())
    typo = AID_CSV.replace("AY2;Unión Campesina;", "AY2;Union Campesna;")
    app.session_state["prep-file-ayudas"] = ("ayudas.csv", typo.encode("latin-1"))
    app.run()
    said = as_read(_texts(app))
    assert ("ayudas.csv, fila 3, columna «Asociación»: la asociación «Union Campesna» no está registrada en la "
            "parroquia; ¿quiso decir «Unión Campesina» (A02)?") in said
    assert app.button(key="prep-save-ayudas").disabled
    assert Store(parish_store).records(AID, PARISH) == []


def test_an_empty_parish_home_shows_the_path(parish_store):
    home = open_app_page(HOME, parish=PARISH)
    text = _texts(home)
    assert "Camino de la parroquia" in text and "Encuesta a los socios: falta" in text


def test_user_text_on_the_page_is_shown_as_text(parish_store):
    from core.parish.models import ParishAssociation
    from core.parish.records import ParishBatch, save_as
    from tests.test_user_text import HOSTILE, _unescaped

    hostile = ParishAssociation(parish_code=PARISH, code="A01", name=HOSTILE, members_total=5)
    save_as(Store(parish_store), "consola", ParishBatch(PARISH).add("asociaciones", [hostile]))
    app = open_app_page("pages/preparar.py", PLANNER, parish=PARISH)
    app.session_state["prep-file-ayudas"] = (HOSTILE + ".csv", AID_CSV.replace("A01", "X9").encode())
    app.run()
    assert not app.exception
    assert _unescaped(app) == []


def test_a_survey_answer_with_a_wrong_number_keeps_what_was_typed(parish_store):
    app = open_app_page("pages/preparar.py", PLANNER, parish=PARISH)
    _save_file(app, "asociaciones", "asociaciones.csv", ASSOCIATIONS.encode())
    app.text_input(key="prep-encuesta-edad").input("cuarenta")
    app.text_input(key="prep-encuesta-tamano_familia").input("5")
    next(b for b in app.button if b.form_id == "prep-form-encuesta").click().run()
    assert not app.exception
    assert any("Corrija los números señalados" in as_read(e.value) for e in app.error)
    # nothing typed is lost: the person corrects the one field and sends again. (AppTest keeps a form's values
    # either way; the browser empties a form sent with clear_on_submit, so no form of the page may have it.)
    assert app.text_input(key="prep-encuesta-tamano_familia").value == "5"
    assert app.text_input(key="prep-encuesta-edad").value == "cuarenta"
    forms = [block.proto.form for block in _blocks(app._tree) if block.proto.HasField("form")]
    assert {f.form_id for f in forms} >= {"prep-form-encuesta", "prep-form-problemas", "prep-form-asociaciones"}
    assert not [f.form_id for f in forms if f.clear_on_submit]


def _blocks(node):
    """Every block of an AppTest tree (forms, columns, tabs...), depth first."""
    if type(node).__name__ == "Block":
        yield node
    for child in getattr(node, "children", {}).values():
        yield from _blocks(child)


def test_a_problem_typed_with_markdown_shows_as_text_on_the_public_problems_page(parish_store):
    """The three most voted problems are written into a sentence: a problem's text must not become a link, an
    image or HTML there, for anyone who opens the page."""
    from tests.test_user_text import HOSTILE, _unescaped

    app = open_app_page("pages/preparar.py", PLANNER, parish=PARISH)
    app.text_input(key="prep-problemas-label_es").input(HOSTILE)
    app.text_input(key="prep-problemas-votes").input("12")
    next(b for b in app.button if b.form_id == "prep-form-problemas").click().run()
    assert not app.exception, [e.value for e in app.exception]
    problems = open_app_page("pages/problemas.py", parish=PARISH)
    assert "enlace" in _texts(problems)
    assert not _unescaped(problems)


def test_a_files_preview_writes_whole_amounts_in_whole_dollars(parish_store):
    """The preview wrote every aid to the cent («$ 1.500,00») although none had cents."""
    app = open_app_page("pages/preparar.py", PLANNER, parish=PARISH)
    _save_file(app, "asociaciones", "asociaciones.csv", ASSOCIATIONS.encode())
    app.session_state["prep-file-ayudas"] = ("ayudas.csv", AID_CSV.replace(";820,50;", ";820;").encode())
    app.run()
    [preview] = [d.value for d in app.dataframe if "Monto (USD)" in d.value.columns and len(d.value) == 2]
    assert list(preview["Monto (USD)"]) == ["$ 1.500", "$ 820"]


def test_a_files_preview_reads_like_the_template_not_like_code(parish_store):
    """Before it is stored, an aid file was shown with the model's English field names, codes such as
    «training» and amounts such as 1500.5."""
    app = open_app_page("pages/preparar.py", PLANNER, parish=PARISH)
    _save_file(app, "asociaciones", "asociaciones.csv", ASSOCIATIONS.encode())
    app.session_state["prep-file-ayudas"] = ("ayudas.csv", AID_CSV.replace(";1.500;", ";1.500,5;").encode())
    app.run()
    [preview] = [d.value for d in app.dataframe if "Monto (USD)" in d.value.columns and len(d.value) == 2]
    assert "amount_usd" not in preview.columns and "kind" not in preview.columns
    first = preview.iloc[0].to_dict()
    assert first["Monto (USD)"] == "$ 1.500,50" and first["Tipo de ayuda"] == "Capacitación"
    assert first["Asociación"] == "Asociación Flor de Mayo"


def test_a_planner_removes_a_record_the_new_file_no_longer_lists(parish_store):
    from tests.parish_files import PROBLEMS

    app = open_app_page("pages/preparar.py", PLANNER, parish=PARISH)
    _save_file(app, "problemas", "problemas.csv", PROBLEMS.encode())
    assert "se mantienen: quítelos en «Quitar registros»" in _texts(app)
    app.multiselect(key="prep-remove-codes-problemas").select("P02")
    next(b for b in app.button if b.form_id == "prep-remove-problemas").click().run()
    assert not app.exception, [e.value for e in app.exception]
    assert "Se quitó 1 registro;" in _texts(app)
    assert [r.record_id for r in Store(parish_store).records(PROBLEM, PARISH)] == [f"{PARISH}-P01"]


def test_the_form_adds_and_never_overwrites_a_stored_record(parish_store):
    """«Añadir con el formulario» with a stored code replaced that record without a word."""
    app = open_app_page("pages/preparar.py", PLANNER, parish=PARISH)
    for label, votes in (("Falta de agua de riego", "12"), ("Otro problema", "3")):
        app.text_input(key="prep-problemas-code").input("P01")
        app.text_input(key="prep-problemas-label_es").input(label)
        app.text_input(key="prep-problemas-votes").input(votes)
        next(b for b in app.button if b.form_id == "prep-form-problemas").click().run()
        assert not app.exception, [e.value for e in app.exception]
    assert "«P01» ya es de un registro guardado" in _texts(app)
    [stored] = Store(parish_store).records(PROBLEM, PARISH)
    assert stored.body["label_es"] == "Falta de agua de riego"


def test_a_file_with_fewer_columns_says_the_stored_values_stay_and_keeps_them(parish_store):
    app = open_app_page("pages/preparar.py", PLANNER, parish=PARISH)
    _save_file(app, "asociaciones", "asociaciones.csv", ASSOCIATIONS.encode())
    app.session_state["prep-file-asociaciones"] = ("socios.csv", "Código;Nombre;Número de socios\n"
                                                   "A01;Asociación Flor de Mayo;41\n".encode())
    app.run()
    shown = as_read(_texts(app))
    assert "El archivo no trae «RUC»" in shown and "se conservan esos datos" in shown
    app.button(key="prep-save-asociaciones").click().run()
    stored = Store(parish_store).get(ASSOCIATION, f"{PARISH}-A01").body
    assert (stored["members_total"], stored["ruc"], stored["communities"]) == (41, "0190012345001", "Narancay")


def test_a_file_s_columns_minga_does_not_use_are_named_before_saving(parish_store):
    app = open_app_page("pages/preparar.py", PLANNER, parish=PARISH)
    file = "Código;Nombre;Teléfono;Número de socios\nA01;Asociación Flor de Mayo;0999999999;40\n"
    app.session_state["prep-file-asociaciones"] = ("asociaciones.csv", file.encode())
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    assert "Minga no usa la columna «Teléfono»" in _texts(app)
    assert not app.button(key="prep-save-asociaciones").disabled  # a note, not a refusal


def test_a_file_with_many_problems_counts_those_not_listed(parish_store):
    app = open_app_page("pages/preparar.py", PLANNER, parish=PARISH)
    rows = "".join(f"P{n:02d};;5\n" for n in range(31))
    app.session_state["prep-file-problemas"] = ("problemas.csv", ("Código;Problema;Votos\n" + rows).encode())
    app.run()
    assert "… y 1 problema más" in _texts(app)


@pytest.mark.parametrize(("key", "name", "warned"), [
    ("ayudas", "asociaciones_2026.csv", ("Por su nombre, «asociaciones_2026.csv» es de «Asociaciones», pero se "
                                        "subió en «Ayudas»")),
    ("asociaciones", "asociaciones_2026.csv", None),
    ("asociaciones", "socios.csv", None),
])
def test_a_file_named_for_another_part_is_pointed_out_as_the_folder_load_reads_it(parish_store, key, name, warned):
    app = open_app_page("pages/preparar.py", PLANNER, parish=PARISH)
    if key != "asociaciones":
        _save_file(app, "asociaciones", "asociaciones.csv", ASSOCIATIONS.encode())
    app.session_state[f"prep-file-{key}"] = (name, ASSOCIATIONS.encode())
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    warnings = "\n".join(as_read(str(w.value)) for w in app.warning)
    if warned is None:
        assert "Por su nombre" not in warnings
    else:
        assert warned in warnings


def test_a_survey_with_more_members_than_the_association_has_is_refused_in_the_preview(parish_store):
    """The preview tells what saving would refuse (more members surveyed than the association has): it does not say
    «se puede guardar» and offer a button that then stores nothing."""
    app = open_app_page("pages/preparar.py", PLANNER, parish=PARISH)
    _save_file(app, "asociaciones", "asociaciones.csv", ASSOCIATIONS.encode())  # A01: 40 members
    app.session_state["prep-file-encuesta"] = ("encuesta.csv", export_csv(answers(41, ["A01"])))
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    said = as_read(_texts(app))
    assert "la asociación «Asociación Flor de Mayo» tendría 41 socios encuestados pero solo 40 socios" in said
    assert "Sin problemas" not in said
    assert app.button(key="prep-save-encuesta").disabled
    assert Store(parish_store).records(ANSWER, PARISH) == []


def test_each_import_field_names_its_part_as_written_in_a_sentence(parish_store):
    """«objetivos del PDOT», never «objetivos del pdot»: an acronym keeps its capitals inside the sentence."""
    app = open_app_page("pages/preparar.py", PLANNER, parish=PARISH)
    assert [e.proto.label for e in app.get("file_uploader")] == [
        f"Importar un archivo de {part} (.xlsx o .csv), hasta 5 MB"
        for part in ("asociaciones", "problemas", "objetivos del PDOT")]  # aid and survey wait for associations


def test_a_survey_preview_shows_every_blank_answer_the_same_way(parish_store):
    """A blank age read as an empty cell but a blank poverty answer as «Sin respuesta», in the same table."""
    app = open_app_page("pages/preparar.py", PLANNER, parish=PARISH)
    _save_file(app, "asociaciones", "asociaciones.csv", ASSOCIATIONS.encode())
    rows = answers(3, ["A01"])
    rows[0] = {**rows[0], "edad": None, "pobreza": None}
    app.session_state["prep-file-encuesta"] = ("export.csv", export_csv(rows))
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    age, poverty = "Edad (años cumplidos)", "¿Cómo considera la situación de su hogar?"
    [preview] = [d.value for d in app.dataframe if age in d.value.columns and len(d.value) == 3]
    blank = preview.iloc[0]
    assert blank[age] == blank[poverty] == ""
    assert "Sin respuesta" not in preview.to_string()


@pytest.mark.parametrize(("key", "content", "said"), [
    ("asociaciones", ASSOCIATIONS.replace("\nA02;", f"\n{PARISH}-A02;"),
     (f"asociaciones.csv, fila 3, columna «Código»: «{PARISH}-A02» lleva delante el código de la parroquia ({PARISH}): "
     "escriba solo el código propio, «A02»")),
    ("ayudas", AID_CSV.replace("AY1;A01;", "AY1;flor de mayo;"),
     ("ayudas.csv, fila 2, columna «Asociación»: la asociación «flor de mayo» no está registrada en la parroquia; "
     "¿quiso decir «Asociación Flor de Mayo» (A01)?")),
])
def test_the_preview_says_what_to_write_for_a_code_or_name_written_another_way(parish_store, key, content, said):
    """A code with the parish's DPA code in front got only a shape refusal; a name typed without «Asociación» got no
    suggestion."""
    app = open_app_page("pages/preparar.py", PLANNER, parish=PARISH)
    if key != "asociaciones":
        _save_file(app, "asociaciones", "asociaciones.csv", ASSOCIATIONS.encode())
    app.session_state[f"prep-file-{key}"] = (f"{key}.csv", content.encode())
    app.run()
    assert said in as_read(_texts(app))
    assert app.button(key=f"prep-save-{key}").disabled
