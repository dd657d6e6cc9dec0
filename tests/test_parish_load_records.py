"""A parish's own records loaded from its folder (`python -m core.parish load`): the survey export round trip through
the views, a second load of the same files changing nothing, the templates, two parishes kept apart, proposals naming
the parish's problems, who may record, a restore, a workbook whose first sheet is a chart, records removed on request
and a later file with fewer columns keeping what was stored."""

from __future__ import annotations

from collections import Counter

import pytest

from core.data.db import connect, query
from core.parish.__main__ import main
from core.parish.models import ParishProblem
from core.parish.records import ParishBatch, save_batch
from core.record.auth import PermissionDenied, Role, User
from core.record.store import Store
from tests.conftest import live_count, store_accounts
from tests.parish_export import answers
from tests.parish_files import PARISH, _folder


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


def test_a_surveyed_member_named_by_aid_or_a_problem_on_a_meeting_is_not_removed(tmp_path, own_store):
    """Removing them left the aid naming a member no longer surveyed, or a meeting voting on a problem gone."""
    import datetime as dt

    from core.parish.records import BatchRefused, remove
    from core.record import meeting, meeting_models

    rows = answers(3, ["A01"])
    aid = ("Código;Asociación;Socio;Institución;Año;Tipo de ayuda;Monto (USD)\n"
           f"AY1;A01;{rows[0]['_uuid']};MAG;2024;Insumos;120\n")
    assert main(["load", PARISH, str(_folder(tmp_path, rows, **{"ayudas.csv": aid}))]) == 0
    store = Store()
    planner = User(username="tecnica", display_name="Técnica", role=Role.PLANNER)
    meeting.save_meeting(store_accounts(store, planner), planner, meeting_models.Meeting(
        meeting_id="S-CUMBE", parish_code=PARISH, title="Problemas", date=dt.date(2026, 12, 1), subject="problems",
        item_ids=[f"{PARISH}-P01", f"{PARISH}-P02"], participants=[meeting_models.Participant(participant_id="p1", name="Ana")]))
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
