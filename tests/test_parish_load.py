"""A parish's own records: the survey export round trip through the views, and the all-or-nothing CLI load."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from core.data.db import connect, query
from core.parish.__main__ import main
from core.parish.models import ParishProblem
from core.parish.records import ParishBatch, save_batch
from core.record.auth import PermissionDenied, Role, User
from core.record.store import Store
from tests.conftest import live_count, store_accounts
from tests.parish_export import answers, export_csv

ROOT = Path(__file__).resolve().parents[1]
PARISH = "010152"  # Cumbe, Cuenca: a rural parish without demo records
ASSOCIATIONS = ("Código;Nombre;RUC;Registro legal (SEPS o MAG);Comunidades;Número de socios;Productos\n"
                "A01;Asociación Flor de Mayo;0190012345001;SEPS;Narancay;40;Hortalizas\n"
                "A02;Unión Campesina;;Registro del MAG;Guadalupano, Misicata;25;Cuyes\n")
AID = ("Código;Asociación;Institución;Tipo de institución;Año;Tipo de ayuda;Monto (USD);No reembolsable\n"
       "AY1;A01;MAG;Ministerio de Agricultura y Ganadería;2024;Capacitación;1.500;Sí\n"
       "AY2;Unión Campesina;GAD provincial del Azuay;GAD provincial;2025;Insumos;820,50;Sí\n")
PROBLEMS = "Código;Problema;Votos\nP01;Falta de agua de riego;30\nP02;Bajos precios;45\n"


def _folder(tmp_path: Path, rows, **files: str) -> Path:
    folder = tmp_path / "carga"
    folder.mkdir(parents=True)
    (folder / "asociaciones.csv").write_text(ASSOCIATIONS, encoding="utf-8")
    (folder / "encuesta.csv").write_bytes(export_csv(rows, labels=True))
    (folder / "ayudas.csv").write_text(AID, encoding="utf-8")
    (folder / "problemas.csv").write_text(PROBLEMS, encoding="utf-8")
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_survey_answers_reach_the_views_with_the_same_counts(tmp_path, own_store, built_data_dir, capsys):
    rows = answers(30, ["A01", "Unión Campesina"])
    assert main(["load", PARISH, str(_folder(tmp_path, rows))]) == 0
    con = connect(built_data_dir)
    by_name = {"A01": "Asociación Flor de Mayo", "Unión Campesina": "Unión Campesina"}
    expected_members = Counter(by_name[r["asociacion"]] for r in rows)
    members = query(con, "SELECT a.name, count(*) AS n FROM members m JOIN associations a USING (association_id) "
                         "WHERE m.parish_code = ? GROUP BY a.name", [PARISH])
    assert dict(members.iter_rows()) == dict(expected_members)
    surveyed = query(con, "SELECT name, members_surveyed, is_synthetic FROM associations WHERE parish_code = ?",
                     [PARISH])
    assert {(n, s) for n, s, _ in surveyed.iter_rows()} == set(expected_members.items())
    assert not any(synthetic for *_, synthetic in surveyed.iter_rows())
    abroad = query(con, "SELECT count(*) FROM members WHERE parish_code = ? AND family_abroad", [PARISH]).item()
    assert abroad == sum(r["familia_exterior"] == "yes" for r in rows)
    needs = query(con, "SELECT need, count(*) FROM member_needs n JOIN members m USING (member_id) "
                       "WHERE m.parish_code = ? GROUP BY need", [PARISH])
    assert dict(needs.iter_rows()) == dict(Counter(n for r in rows for n in r["necesidades"]))
    poverty = query(con, "SELECT perceived_poverty, count(*) FROM members WHERE parish_code = ? GROUP BY 1", [PARISH])
    assert dict(poverty.iter_rows()) == dict(Counter(r["pobreza"] for r in rows))
    aid = query(con, "SELECT aid_id, amount_usd FROM aid WHERE parish_code = ? ORDER BY aid_id", [PARISH])
    assert aid.rows() == [(f"{PARISH}-AY1", 1500.0), (f"{PARISH}-AY2", 820.5)]
    ranked = query(con, "SELECT problem_id, rank FROM problems WHERE parish_code = ? ORDER BY rank", [PARISH])
    assert ranked.rows() == [(f"{PARISH}-P02", 1), (f"{PARISH}-P01", 2)]
    # El Valle's demo is still there, still synthetic, and its problem P01 does not clash with this parish's
    valle = query(con, "SELECT count(*), bool_and(is_synthetic) FROM associations WHERE parish_code = '010170'")
    assert valle.row(0) == (8, True)


def test_loading_the_same_files_again_changes_nothing(tmp_path, own_store, capsys):
    folder = _folder(tmp_path, answers(12, ["A01"]))
    assert main(["load", PARISH, str(folder)]) == 0
    log_size = len(Store(own_store).log())
    assert main(["load", PARISH, str(folder)]) == 0
    assert len(Store(own_store).log()) == log_size
    assert "0 registros guardados" in capsys.readouterr().out


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


def test_template_writes_the_files_load_reads(tmp_path):
    assert main(["template", str(tmp_path / "plantillas")]) == 0
    names = sorted(p.name for p in (tmp_path / "plantillas").iterdir())
    assert names == ["asociaciones.csv", "ayudas.csv", "encuesta_asociaciones.xlsx", "objetivos_pdot.csv",
                     "problemas.csv"]


def test_template_never_overwrites_a_filled_file_and_refuses_a_file_for_a_folder(tmp_path, capsys):
    folder = _folder(tmp_path, answers(2, ["A01"]))
    before = (folder / "asociaciones.csv").read_bytes()
    assert main(["template", str(folder)]) == 0
    assert (folder / "asociaciones.csv").read_bytes() == before
    out = capsys.readouterr().out
    assert f"Ya existía, no se tocó: {folder / 'asociaciones.csv'}" in out
    assert f"Escrito: {folder / 'objetivos_pdot.csv'}" in out
    assert main(["template", str(folder / "asociaciones.csv")]) == 2
    assert "es un archivo, no una carpeta" in capsys.readouterr().err


def test_two_parishes_keep_their_own_p01(tmp_path, own_store, built_data_dir):
    rows = answers(4, ["A01"])
    for parish in (PARISH, "010151"):
        assert main(["load", parish, str(_folder(tmp_path / parish, rows))]) == 0
    con = connect(built_data_dir)
    ids = query(con, "SELECT problem_id FROM problems WHERE problem_id LIKE '%-P01' ORDER BY 1").to_series().to_list()
    assert ids == ["010151-P01", f"{PARISH}-P01"]
    # the same export in two parishes: each keeps its own members
    per_parish = query(con, "SELECT parish_code, count(*) FROM members WHERE parish_code IN (?, ?) GROUP BY 1 ORDER BY 1",
                       [PARISH, "010151"])
    assert per_parish.rows() == [("010151", 4), (PARISH, 4)]


def test_a_proposal_names_the_parish_s_own_problems_and_its_need_counts_them(tmp_path, own_store, built_data_dir):
    """A loaded parish's problems (010152-P01, 010152-P02) are named in its proposals file as written in its own
    files («P02», «A01») or in full, kept on the proposal, and give it the need score of the problem it addresses."""
    from core.engine import criteria
    from core.engine.prioritization import load_inputs
    from core.proposals import import_preview, imports

    assert main(["load", PARISH, str(_folder(tmp_path, answers(4, ["A01"])))]) == 0
    con, store = connect(built_data_dir), Store(own_store)
    planner = User(username="tecnica-p", display_name="Técnica", role=Role.PLANNER)
    store_accounts(store, planner)
    header = "Código;Asociación;Título;Costo total;Monto solicitado;Beneficiarios directos;Problemas que atiende\n"
    file = (header + "CU-1;A01;Riego parcelario;2.000;2.000;20;P02\nCU-2;A01;Reservorio comunal;3.000;3.000;20;010152-P01\n"
            "CU-3;A01;Feria de productores;1.000;1.000;20;\n").encode()
    result = imports.preview_import(file, "propuestas.csv", import_preview.context_for(con, store, PARISH))
    assert result.ok, [str(p) for p in result.problems]
    assert [r.proposal.problem_ids for r in result.rows] == [[f"{PARISH}-P02"], [f"{PARISH}-P01"], []]
    assert {r.proposal.association_id for r in result.rows} == {f"{PARISH}-A01"}  # «A01», as its own files say
    imports.save_import(store, planner, result)
    inputs = load_inputs(con, PARISH, store=store)
    need = {p.proposal_id: criteria.need(p, inputs.criteria_context).score for p in inputs.proposals}
    assert need["CU-1"] > need["CU-2"] > need["CU-3"]  # P02 has the most votes (45 against 30); CU-3 names none


@pytest.mark.parametrize("role", [None, Role.OBSERVER, Role.ASSOCIATION, Role.BOARD])
def test_only_a_planner_or_an_admin_records_a_parish(own_store, role):
    user = None if role is None else User(username="persona", display_name="Persona", role=role)
    batch = ParishBatch(PARISH).add("problemas", [ParishProblem(parish_code=PARISH, code="P01", label_es="Agua")])
    with pytest.raises(PermissionDenied):
        save_batch(Store(own_store), user, batch)
    assert live_count(Store(own_store)) == 0
    planner = User(username="tecnica", display_name="Técnica", role=Role.PLANNER)
    assert save_batch(Store(own_store), planner, batch).written == 1


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
    assert "registra en otra asociación" in capsys.readouterr().err
    # a later file without «Socio» moves AY1 to A02: the member it keeps is A01's, so it is refused too
    moved = "Código;Asociación;Institución;Año;Tipo de ayuda;Monto (USD)\nAY1;A02;MAG;2024;Insumos;120\n"
    later = tmp_path / "después"
    later.mkdir()
    (later / "ayudas.csv").write_text(moved, encoding="utf-8")
    assert main(["load", PARISH, str(later)]) == 1
    assert "registra en otra asociación" in capsys.readouterr().err
    assert Store(own_store).get("parish_aid", f"{PARISH}-AY1").body["association_id"] == f"{PARISH}-A01"


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


def test_after_a_restore_the_views_show_only_the_restored_records(tmp_path, own_store, built_data_dir):
    """A backup taken before a parish was loaded, restored: the parish's records left the store, and the views
    (which read each parish's mirrored files) must not keep showing them."""
    from core.record import backup
    from core.record.auth import Accounts

    store = Store()
    admin = Accounts(store).create_first_admin("admin", "Administración", "clave-de-prueba-2026")
    before = backup.backup_to(store, tmp_path / "antes.sqlite")
    assert main(["load", PARISH, str(_folder(tmp_path, answers(4, ["A01"])))]) == 0
    counted = "SELECT count(*) FROM associations WHERE parish_code = ?"
    assert query(connect(built_data_dir), counted, [PARISH]).item() == 2
    backup.restore(store, before, admin=admin, password="clave-de-prueba-2026")  # the next connection catches up
    assert query(connect(built_data_dir), counted, [PARISH]).item() == 0
    assert query(connect(built_data_dir), "SELECT count(*) FROM aid WHERE parish_code = ?", [PARISH]).item() == 0


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


def test_a_workbook_whose_first_sheet_is_a_chart_is_read_from_its_data_sheet(tmp_path, own_store):
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference

    book = Workbook()
    sheet = book.active
    sheet.append(["Código", "Nombre", "Número de socios"])
    sheet.append(["A01", "Asociación Flor de Mayo", 40])
    chart = BarChart()
    chart.add_data(Reference(sheet, min_col=3, min_row=1, max_row=2))
    book.create_chartsheet("Gráfico", 0).add_chart(chart)
    folder = tmp_path / "carga"
    folder.mkdir()
    book.save(folder / "asociaciones.xlsx")
    assert main(["load", PARISH, str(folder)]) == 0
    assert [r.body["name"] for r in Store(own_store).records("parish_association", PARISH)] == \
        ["Asociación Flor de Mayo"]


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


def test_records_a_new_file_no_longer_lists_are_removed_on_request_and_leave_the_views(
        tmp_path, own_store, built_data_dir):
    """A load only adds and replaces: a problem dropped from the file stayed ranked first. The planner removes it;
    an association still named by aid stays until that aid goes; an unknown code removes nothing."""
    from core.parish.records import BatchRefused, remove

    assert main(["load", PARISH, str(_folder(tmp_path, answers(4, ["A01"])))]) == 0
    store = Store()
    planner = User(username="tecnica", display_name="Técnica", role=Role.PLANNER)
    store_accounts(store, planner)
    with pytest.raises(BatchRefused, match="«A02» no se quita: lo nombra la ayuda recibida «AY2»"):
        remove(store, planner, PARISH, "asociaciones", ["A02"])
    with pytest.raises(BatchRefused, match="«P09» no es un registro guardado"):
        remove(store, planner, PARISH, "problemas", ["P02", "P09"])
    assert len(store.records("parish_problem", PARISH)) == 2  # all or nothing
    with pytest.raises(PermissionDenied):
        remove(store, User(username="visita", display_name="Visita", role=Role.OBSERVER), PARISH, "problemas",
               ["P02"])
    assert remove(store, planner, PARISH, "problemas", ["P02"]) == 1
    ranked = query(connect(built_data_dir), "SELECT problem_id FROM problems WHERE parish_code = ?", [PARISH])
    assert ranked.to_series().to_list() == [f"{PARISH}-P01"]


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


def test_a_surveyed_member_named_by_aid_or_a_problem_on_a_meeting_is_not_removed(tmp_path, own_store):
    """Removing them left the aid naming a member no longer surveyed, or a meeting voting on a problem gone."""
    import datetime as dt

    from core.parish.records import BatchRefused, remove
    from core.record import meeting

    rows = answers(3, ["A01"])
    aid = ("Código;Asociación;Socio;Institución;Año;Tipo de ayuda;Monto (USD)\n"
           f"AY1;A01;{rows[0]['_uuid']};MAG;2024;Insumos;120\n")
    assert main(["load", PARISH, str(_folder(tmp_path, rows, **{"ayudas.csv": aid}))]) == 0
    store = Store()
    planner = User(username="tecnica", display_name="Técnica", role=Role.PLANNER)
    meeting.save_meeting(store_accounts(store, planner), planner, meeting.Meeting(
        meeting_id="S-CUMBE", parish_code=PARISH, title="Problemas", date=dt.date(2026, 12, 1), subject="problems",
        item_ids=[f"{PARISH}-P01", f"{PARISH}-P02"], participants=[meeting.Participant(participant_id="p1", name="Ana")]))
    with pytest.raises(BatchRefused, match="lo nombra la ayuda recibida «AY1»"):
        remove(store, planner, PARISH, "encuesta", [rows[0]["_uuid"]])
    with pytest.raises(BatchRefused, match="lo nombra la sesión «S-CUMBE»"):
        remove(store, planner, PARISH, "problemas", ["P01"])
    assert len(store.records("survey_answer", PARISH)) == 3 and len(store.records("parish_problem", PARISH)) == 2


def test_a_file_with_fewer_columns_keeps_what_the_stored_records_hold(tmp_path, own_store, built_data_dir, capsys):
    """A second load of associations with only code, name and members, and of problems without votes, changes the
    members it brings and keeps the RUC, registration, communities, products and votes recorded before."""
    assert main(["load", PARISH, str(_folder(tmp_path, answers(4, ["A01"])))]) == 0
    later = tmp_path / "después"
    later.mkdir()
    (later / "asociaciones.csv").write_text("Código;Nombre;Número de socios\nA01;Asociación Flor de Mayo;42\n"
                                             "A02;Unión Campesina;25\n", encoding="utf-8")
    (later / "problemas.csv").write_text("Código;Problema\nP01;Falta de agua de riego\nP02;Bajos precios\n",
                                         encoding="utf-8")
    assert main(["load", PARISH, str(later)]) == 0
    store = Store(own_store)
    first = store.get("parish_association", f"{PARISH}-A01").body
    assert (first["members_total"], first["ruc"]) == (42, "0190012345001")
    assert first["communities"] == "Narancay" and first["main_products_es"] == "Hortalizas" and first["registered_with"]
    second = store.get("parish_association", f"{PARISH}-A02").body
    assert second["communities"] and second["members_total"] == 25
    votes = {r.record_id: r.body["votes"] for r in store.records("parish_problem", PARISH)}
    assert votes == {f"{PARISH}-P01": 30, f"{PARISH}-P02": 45}
    assert "0 modificados, 2 sin cambios" in capsys.readouterr().out.split("Problemas:")[-1]


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
