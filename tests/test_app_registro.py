"""AppTest of the log and administration pages: verified / broken mark, roles, backup, users, reset."""

import datetime as dt
import sqlite3

import pytest

from core.proposals import records
from core.record.auth import Accounts, Role, User
from core.record.store import Store
from tests.conftest import as_read, lock_held_by_another_process, open_app_page, store_accounts

ADMIN = User(username="admin-prueba", display_name="Administración", role=Role.ADMIN)
PLANNER = User(username="tecnico-registro", display_name="Técnico", role=Role.PLANNER)
BOARD = User(username="vocal-registro", display_name="Vocal", role=Role.BOARD)


def _edit_the_demo(path) -> None:
    """A planner's edits of two demo proposals and a demo offer: the store holds them, the log names them."""
    store = Store(path)
    for demo in records.proposals(store, "010170")[:2]:
        records.save_proposal(store, PLANNER, demo.item.model_copy(update={"summary": "Resumen revisado"}), 0)
    offer = records.offers(store)[0].item
    records.save_offer(store, PLANNER, offer.model_copy(update={"title": f"{offer.title} (revisada)"}), 0)


def test_the_log_shows_verified_and_its_entries(own_store):
    _edit_the_demo(own_store)
    app = open_app_page("pages/registro.py", PLANNER)
    count = len(Store(own_store).log(limit=10_000))
    assert any(s.value == f"Registro íntegro. Entradas verificadas: {count}." for s in app.success)
    entries = app.dataframe[0].value
    assert {"guardar propuesta", "guardar oferta"} <= set(entries["Acción"])
    # as the parish reads the time: dd/mm/aaaa hh:mm in Ecuador, five hours behind the stored UTC
    stored = Store(own_store).log(limit=1)[0].at
    local = dt.datetime.fromisoformat(stored) - dt.timedelta(hours=5)
    assert entries["Fecha y hora (Ecuador)"].iloc[0] == local.strftime("%d/%m/%Y %H:%M")


def test_a_tampered_log_shows_broken_naming_the_entry(own_store):
    _edit_the_demo(own_store)
    open_app_page("pages/registro.py", PLANNER)
    con = sqlite3.connect(own_store)
    con.execute("DROP TRIGGER audit_log_no_update")
    con.execute("UPDATE audit_log SET actor = 'intruso' WHERE seq = 3")
    con.commit()
    con.close()
    app = open_app_page("pages/registro.py", PLANNER)
    assert any("Registro alterado: la entrada 3" in e.value for e in app.error)


def test_the_checks_that_could_not_run_name_server_folders_to_the_board_only(own_store, monkeypatch):
    from core.record import ledger

    checked = ledger.Verification(3, None, (), (("No se comprobó si el almacén volvió a un estado anterior: no se "
                                                "encontró el ancla (/srv/minga/keys/minga.cabeza.json)."),))
    monkeypatch.setattr(ledger, "verify_store_cached", lambda store: checked)
    visitor = open_app_page("pages/registro.py")
    assert not visitor.warning and any("Registro íntegro" in s.value for s in visitor.success)
    board = open_app_page("pages/registro.py", BOARD)
    assert any("no se encontró el ancla" in w.value for w in board.warning)


def test_an_observer_sees_the_mark_but_not_the_entries(own_store):
    app = open_app_page("pages/registro.py")
    assert any("Registro íntegro" in s.value for s in app.success)
    assert not app.dataframe
    assert any("junta, los técnicos" in i.value for i in app.info)


@pytest.mark.parametrize("user", [PLANNER, BOARD])
def test_only_the_administrator_administers(own_store, user):
    app = open_app_page("pages/administracion.py", user)
    assert any("Solo el administrador" in i.value for i in app.info)
    assert not app.get("download_button")


def test_the_administrator_creates_a_user_and_resets_the_demo(own_store):
    app = open_app_page("pages/administracion.py", ADMIN)
    app.text_input[0].set_value("vocal2")
    app.text_input[1].set_value("Segunda Vocal")
    app.selectbox[0].set_value("board_member")
    app.text_input[3].set_value("una-clave-larga-2026")
    next(b for b in app.button if b.label == "Crear usuario").click().run()
    assert any("Usuario «vocal2» creado" in s.value for s in app.success)
    assert Accounts(Store(own_store)).authenticate("vocal2", "una-clave-larga-2026").role == Role.BOARD
    store = store_accounts(Store(own_store), PLANNER)  # rights are read from the stored account
    first = records.proposals(store, "010170")[0].item
    records.save_proposal(store, PLANNER, first.model_copy(update={"title": "Cambiado"}), 0)
    next(c for c in app.checkbox if "restablecer" in c.label).check()
    next(b for b in app.button if b.label == "Restablecer").click().run()
    assert any("Demostración restablecida; cambios deshechos: 1." in s.value for s in app.success)
    assert records.proposal(Store(own_store), first.proposal_id).item.title == first.title


def test_the_mark_follows_the_file_a_record_edited_behind_the_log_is_named(own_store):
    _edit_the_demo(own_store)
    app = open_app_page("pages/registro.py", PLANNER)
    assert any("Registro íntegro" in s.value for s in app.success)
    con = sqlite3.connect(own_store)
    record_id = con.execute("SELECT record_id FROM records WHERE kind = 'proposal' LIMIT 1").fetchone()[0]
    con.execute("UPDATE records SET body = json_set(body, '$.title', 'Otro título') "
                "WHERE kind = 'proposal' AND record_id = ?", (record_id,))
    con.commit()
    con.close()
    app = open_app_page("pages/registro.py", PLANNER)
    assert not app.success
    assert any(f"La propuesta «{record_id}» no coincide con su última versión registrada" in e.value
               for e in app.error)


def test_the_administrator_is_warned_that_the_key_is_not_in_the_backup(own_store):
    app = open_app_page("pages/administracion.py", ADMIN)
    warning = next(w.value for w in app.warning if "NO está en el respaldo" in w.value)
    assert str(Store(own_store).key_path) in warning


def test_a_store_locked_by_another_process_is_answered_in_spanish_on_the_page(own_store, monkeypatch):
    from core.record import store as store_module

    app = open_app_page("pages/administracion.py", ADMIN)
    monkeypatch.setattr(store_module, "BUSY_SECONDS", 1)
    with lock_held_by_another_process(own_store):
        next(c for c in app.checkbox if "restablecer" in c.label).check()
        next(b for b in app.button if b.label == "Restablecer").click().run()
    assert not app.exception
    assert any("ocupado por otro proceso" in e.value for e in app.error)


def test_a_planted_record_is_named_without_an_entry_number(own_store):
    _edit_the_demo(own_store)
    open_app_page("pages/registro.py", PLANNER)
    con = sqlite3.connect(own_store)
    record_id = con.execute("SELECT record_id FROM records WHERE kind = 'offer' LIMIT 1").fetchone()[0]
    con.execute("INSERT INTO records SELECT kind, record_id || '-copia', parish_code, body, version, deleted, "
                "updated_at, updated_by FROM records WHERE kind = 'offer' AND record_id = ?", (record_id,))
    con.commit()
    con.close()
    app = open_app_page("pages/registro.py", PLANNER)
    assert any(e.value.startswith(f"Registro alterado. La oferta «{record_id}-copia» no tiene ninguna entrada")
               for e in app.error)


def test_how_many_entries_to_show_is_written_es_ec(own_store):
    store = Store(own_store)
    offer = records.offers(store)[0].item
    for version in range(60):  # more entries than the smallest choice shows
        records.save_offer(store, PLANNER, offer.model_copy(update={"title": f"{offer.title} ({version})"}), version)
    app = open_app_page("pages/registro.py", PLANNER)
    limit = app.select_slider(key="log-limit")
    assert limit.options == ["50", "100", "200", "500", "1.000", "2.000", "5.000"] and limit.value == 200
    assert len(app.dataframe[0].value) > 50  # every entry of the log (the own store had one already)
    limit.set_value(50).run()
    assert len(app.dataframe[0].value) == 50


def _budget_for_cumbe(path) -> None:
    """The board sets Cumbe's budget in the same installation: an entry of another parish."""
    from core.engine.allocation import AllocationRules
    from core.engine.scenarios import set_board_budget

    set_board_budget(store_accounts(Store(path), BOARD), BOARD, "010152", AllocationRules(budget_usd=55_000))


def _exports(monkeypatch) -> dict[str, object]:
    """The files the page offers to download: name → the rows they are made of."""
    from ui import widgets

    offered: dict[str, object] = {}
    monkeypatch.setattr(widgets, "downloads", lambda frame, headers, name, key, **_: offered.update({name: frame}))
    return offered


def test_the_log_shows_the_chosen_parish_and_the_installation_apart(own_store, monkeypatch):
    offered = _exports(monkeypatch)
    _edit_the_demo(own_store)
    _budget_for_cumbe(own_store)
    valle = open_app_page("pages/registro.py", PLANNER, parish="010170")
    assert [as_read(h.value) for h in valle.subheader] == ["Cambios de la parroquia El Valle (010170)",
                                                  "Cambios de toda la instalación (sin parroquia)"]
    ours, installation = (frame.value for frame in valle.dataframe)
    assert set(ours["Parroquia"]) == {"El Valle (010170)"} and "guardar propuesta" in set(ours["Acción"])
    assert "010152" not in set(ours["Registro"]) and "fijar presupuesto" not in set(ours["Acción"])
    assert set(installation["Parroquia"]) == {"Toda la instalación"}
    assert "Cuenta de usuario" in set(installation["Tipo"])
    # the exports are the rows shown, named by the parish they cover
    assert list(offered) == ["minga-registro-parroquia-010170", "minga-registro-instalacion"]
    assert set(offered["minga-registro-parroquia-010170"]["parish"]) == {"El Valle (010170)"}
    assert len(offered["minga-registro-parroquia-010170"]) == len(ours)

    cumbe = open_app_page("pages/registro.py", PLANNER, parish="010152")
    ours = cumbe.dataframe[0].value
    assert list(ours["Registro"]) == ["010152"] and list(ours["Acción"]) == ["fijar presupuesto"]
    assert list(ours["Parroquia"]) == ["Cumbe (010152)"]
    assert not any(h.value == "Cambios de todas las parroquias" for h in cumbe.subheader)


def test_only_the_administrator_shows_every_parish(own_store, monkeypatch):
    offered = _exports(monkeypatch)
    _edit_the_demo(own_store)
    _budget_for_cumbe(own_store)
    assert not open_app_page("pages/registro.py", BOARD, parish="010170").radio  # no choice offered
    app = open_app_page("pages/registro.py", ADMIN, parish="010170")
    app.radio(key="log-scope").set_value(True).run()
    assert app.subheader[0].value == "Cambios de todas las parroquias"
    assert {"El Valle (010170)", "Cumbe (010152)"} <= set(app.dataframe[0].value["Parroquia"])
    assert "minga-registro-todas-las-parroquias" in offered


def test_a_representative_sees_their_associations_parish_only(own_store):
    _edit_the_demo(own_store)
    _budget_for_cumbe(own_store)
    rep = User(username="rep-flor", display_name="Rosa", role=Role.ASSOCIATION, association_id="EV-A01")
    valle = open_app_page("pages/registro.py", rep, parish="010170")
    assert len(valle.dataframe) == 1 and set(valle.dataframe[0].value["Parroquia"]) == {"El Valle (010170)"}
    assert not any("sin parroquia" in h.value for h in valle.subheader)  # accounts and sign-ins are not theirs
    cumbe = open_app_page("pages/registro.py", rep, parish="010152")
    assert not cumbe.dataframe
    assert any("solo el registro de la parroquia de su asociación, El Valle (010170), no el de Cumbe (010152)" in as_read(i.value)
               for i in cumbe.info)


@pytest.mark.usefixtures("hand_made_drafts")  # a hand-made draft (tests/decision_draft.py)
def test_the_reset_button_keeps_and_names_what_an_acta_decided(own_store):
    from core.record.decisions import record
    from tests.decision_draft import BOARD as PRESIDENT
    from tests.decision_draft import _draft

    store = store_accounts(Store(own_store), PRESIDENT, PLANNER)
    decision = record(store, PRESIDENT, _draft(), consequences=lambda d: records.decision_status_changes(store, d))
    app = open_app_page("pages/administracion.py", ADMIN)
    next(c for c in app.checkbox if "restablecer" in c.label).check()
    next(b for b in app.button if b.label == "Restablecer").click().run()
    assert not app.exception and not app.error
    assert [i.value for i in app.info] == [
        (f"Se mantuvieron 3 propuestas que decidió un acta: EV-P02 («Financiada», acta {decision.number_es}), "
         f"EV-P05 («Financiada», acta {decision.number_es}) y EV-P09 («No financiada», acta {decision.number_es}). "
         "Su estado y su seguimiento quedan como los dejó el acta.")]
    assert records.proposal(Store(own_store), "EV-P02").item.status == "funded"


def test_a_loaded_parish_s_records_are_named_by_its_own_codes_the_full_id_in_the_files(own_store, monkeypatch):
    """Licto's association A01 is «A01» in the table, as on every other page (not «060156-A01»); the downloads keep
    the full id the store and `python -m core.audit verify` name, for an auditor."""
    from core.parish.models import ParishAssociation
    from core.parish.records import ParishBatch, save_as

    offered = _exports(monkeypatch)
    save_as(Store(own_store), "consola", ParishBatch("060156").add("asociaciones", [
        ParishAssociation(parish_code="060156", code=code, name=name, members_total=5)
        for code, name in (("A01", "Flor"), ("A02", "Unión"))]))
    app = open_app_page("pages/registro.py", PLANNER, parish="060156")
    ours = app.dataframe[0].value
    assert sorted(ours["Registro"]) == ["A01", "A02"]
    assert "Identificador completo" not in ours.columns
    shown = offered["minga-registro-parroquia-060156"]
    assert sorted(zip(shown["record_id"], shown["record_key"], strict=True)) == [
        ("A01", "060156-A01"), ("A02", "060156-A02")]
