"""A code written in another case («ay1» for «AY1», «A02» for «a02») names the same record: a secretary who fixes the
case of the codes in the next version of a file must not double the parish's aid, nor be told to rename an
association."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.data.db import connect, query
from core.parish.__main__ import main
from core.parish.mirror import ASSOCIATION
from core.record.auth import Role, User
from core.record.store import Store
from tests.conftest import open_app_page
from tests.parish_export import answers, export_csv

PARISH = "010854"  # San Salvador de Cañaribamba, Santa Isabel: a rural parish without demo records
ASSOCIATIONS = ("Código;Nombre;RUC;Registro legal (SEPS o MAG);Comunidades;Número de socios;Productos\n"
                "A01;Asociación El Cañaribamba;;SEPS;Cañaribamba;40;Leche\n"
                "a02;Asociación de Mujeres Ñustas;;MAG;Sulupali;25;Cuyes\n")
AID = ("Código;Asociación;Institución;Tipo de institución;Año;Tipo de ayuda;Monto (USD);No reembolsable\n"
       "AY1;A01;MAG;Otra;2024;Capacitación;1.500,50;Sí\n"
       "AY2;a02;GAD provincial del Azuay;Otra;2023;Insumos;12.000;Sí\n")


def _load(tmp_path: Path, name: str, associations: str, aid: str) -> int:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "asociaciones.csv").write_text(associations, encoding="utf-8")
    (folder / "ayudas.csv").write_text(aid, encoding="utf-8")
    (folder / "encuesta.csv").write_bytes(export_csv(answers(6, ["A01", "a02"]), labels=True))
    return main(["load", PARISH, str(folder)])


@pytest.mark.parametrize(("associations", "aid"), [
    (ASSOCIATIONS, AID.replace("\nAY", "\nay")),  # the aid codes in lower case
    (ASSOCIATIONS.replace("\na02;", "\nA02;"), AID),  # the association's code in upper case
    (ASSOCIATIONS.replace("\nA01;", "\na01;"), AID.replace(";A01;", ";a01;").replace("\nAY2", "\nAy2")),
])
def test_a_code_in_another_case_is_the_stored_record(tmp_path, own_store, built_data_dir, capsys, associations, aid):
    assert _load(tmp_path, "primera", ASSOCIATIONS, AID) == 0
    assert _load(tmp_path, "segunda", associations, aid) == 0, capsys.readouterr().err
    con = connect(built_data_dir)
    total = query(con, "SELECT count(*), sum(amount_usd) FROM aid WHERE parish_code = ?", [PARISH]).row(0)
    assert total == (2, 13_500.5)
    codes = query(con, "SELECT association_id FROM associations WHERE parish_code = ? ORDER BY 1", [PARISH])
    assert codes.to_series().to_list() == [f"{PARISH}-A01", f"{PARISH}-a02"]


def test_one_code_twice_in_one_file_in_two_cases_is_named(tmp_path, own_store, capsys):
    aid = AID + "ay1;A01;MAG;Otra;2025;Insumos;300;Sí\n"
    assert _load(tmp_path, "carga", ASSOCIATIONS, aid) == 1
    err = capsys.readouterr().err
    assert "ayudas.csv, fila 4, columna «Código»: código repetido «ay1» (ya aparece en la fila 2)" in err


@pytest.mark.parametrize("code", ["A01", "a01"])
def test_the_form_never_replaces_a_stored_association_whatever_the_case(parish_store, code):
    planner = User(username="tecnica-mayusculas", display_name="Técnica", role=Role.PLANNER)
    app = open_app_page("pages/preparar.py", planner, parish=PARISH)
    app.session_state["prep-file-asociaciones"] = ("asociaciones.csv", ASSOCIATIONS.encode())
    app.run()
    app.button(key="prep-save-asociaciones").click().run()
    app.text_input(key="prep-asociaciones-code").input(code)
    app.text_input(key="prep-asociaciones-name").input("Asociación Nueva de Cañaribamba")
    app.text_input(key="prep-asociaciones-members_total").input("12")
    next(b for b in app.button if b.form_id == "prep-form-asociaciones").click().run()
    assert not app.exception, [e.value for e in app.exception]
    assert any(f"el código «{code}» ya es de un registro guardado" in e.value for e in app.error)
    names = {r.record_id: r.body["name"] for r in Store(parish_store).records(ASSOCIATION, PARISH)}
    assert names == {f"{PARISH}-A01": "Asociación El Cañaribamba", f"{PARISH}-a02": "Asociación de Mujeres Ñustas"}


@pytest.mark.parametrize(("existing", "expected"), [
    (["A01"], "A02"),
    (["a01"], "A02"),  # the stored «a01» is A01: the form must not offer a code it would then refuse
    (["a01", "A02", "a03"], "A04"),
    ([], "A01"),
])
def test_the_form_offers_a_code_free_in_any_case(existing, expected):
    from core.parish import records
    assert records.next_code(existing, "A") == expected
    assert not records.code_taken(expected, existing) and all(records.code_taken(c.upper(), existing) for c in existing)
