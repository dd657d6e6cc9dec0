"""Browser test of a restore: the administrator uploads a backup with a planted trigger and reads why it is
refused (no restore form); then uploads a true backup, sees its users, confirms with the password and the
restore is logged."""

import sqlite3

import pytest
from playwright.sync_api import expect

from core.record import backup
from core.record.store import Store
from tests.browser_steps import TEST_PASSWORD, open_page, sign_in, wait_for_app
from tests.test_browser_propuestas import upload

pytestmark = pytest.mark.browser


def _confirm_and_restore(page) -> None:
    """The administrator's password and «I understand», then «Restaurar», as the form asks."""
    page.get_by_label("Su contraseña de administrador, para confirmar").fill(TEST_PASSWORD)
    page.get_by_text("Entiendo que lo actual se reemplaza por el respaldo").click()
    page.get_by_role("button", name="Restaurar").click()
    wait_for_app(page)


def test_the_administrator_restores_only_a_true_backup(page, app_url, test_accounts, tmp_path):
    page.goto(app_url)
    wait_for_app(page)
    sign_in(page, "admin")
    open_page(page, "Administración")
    expect(page.get_by_text("La clave que firma el registro NO está en el respaldo")).to_be_visible()

    store = Store()
    planted = backup.backup_to(store, tmp_path / "respaldo-alterado.sqlite")
    con = sqlite3.connect(planted)
    con.execute("CREATE TRIGGER quieto AFTER INSERT ON records BEGIN SELECT 1; END")
    con.commit()
    con.close()
    upload(page, planted)
    expect(page.get_by_text("El respaldo tiene un objeto que Minga no crea (el disparador «quieto»)")).to_be_visible()
    expect(page.get_by_role("button", name="Restaurar")).to_have_count(0)

    true_backup = backup.backup_to(store, tmp_path / "respaldo.sqlite")
    upload(page, true_backup)
    expect(page.get_by_text("El respaldo es válido")).to_be_visible()
    expect(page.get_by_text("Usuarios del respaldo")).to_be_visible()
    _confirm_and_restore(page)
    expect(page.get_by_text("Respaldo restaurado")).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    last = store.log(limit=1)[0]
    assert (last.action, last.actor) == ("restaurar respaldo", "admin")
    assert store.verify().ok


def test_a_backup_that_reactivates_an_account_is_restored_only_once_confirmed(page, app_url, test_accounts, tmp_path):
    from core.record.auth import Accounts, Role, User

    accounts = Accounts(Store())
    if accounts.get("saliente") is None:
        accounts.create(test_accounts["admin"], User(username="saliente", display_name="Persona que se fue",
                                                     role=Role.PLANNER), TEST_PASSWORD)
    accounts.set_active(test_accounts["admin"], "saliente", True)
    older = backup.backup_to(accounts.store, tmp_path / "respaldo-anterior.sqlite")
    accounts.set_active(test_accounts["admin"], "saliente", False)
    page.goto(app_url)
    wait_for_app(page)
    sign_in(page, "admin")
    open_page(page, "Administración")
    upload(page, older)
    expect(page.get_by_text("Este respaldo devuelve a estas cuentas")).to_be_visible()
    expect(page.get_by_text("«saliente» (Persona que se fue)")).to_be_visible()
    _confirm_and_restore(page)
    expect(page.get_by_text("devolvería a estas cuentas")).to_be_visible()  # refused: not confirmed
    assert not accounts.get("saliente").active
    page.get_by_text("Entiendo que estas cuentas vuelven a estar como en el respaldo").click()
    page.get_by_role("button", name="Restaurar").click()
    wait_for_app(page)
    expect(page.get_by_text("Respaldo restaurado")).to_be_visible()
    assert accounts.get("saliente").active
    assert accounts.store.log(limit=1)[0].payload["revived_accounts"] == ["saliente"]
