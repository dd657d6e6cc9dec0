"""AppTest of account management on Administración: deactivate, reactivate, reset a password; a new account
starts as an observer; a deactivated person is signed out on their next run."""

from core.record.auth import Accounts, Role, User
from core.record.store import Store
from tests.conftest import open_app_page

PAGE = "pages/administracion.py"
PASSWORD = "clave-de-prueba-2026"


def _accounts():
    accounts = Accounts(Store())
    admin = accounts.create_first_admin("jefa", "Jefa", PASSWORD)
    vocal = accounts.create(admin, User(username="vocal-uno", display_name="Vocal uno", role=Role.BOARD), PASSWORD)
    return accounts, admin, vocal


def test_the_administrator_deactivates_and_reactivates_an_account(own_store):
    accounts, admin, _ = _accounts()
    app = open_app_page(PAGE, admin)
    app.selectbox(key="admin-pick-user").set_value("vocal-uno").run()
    app.button(key="admin-deactivate").click().run()
    assert not app.exception
    assert accounts.get("vocal-uno").active is False
    assert any("desactivada" in s.value for s in app.success)
    app.button(key="admin-activate").click().run()
    assert accounts.get("vocal-uno").active is True


def test_the_administrator_resets_a_password(own_store):
    accounts, admin, _ = _accounts()
    app = open_app_page(PAGE, admin)
    app.selectbox(key="admin-pick-user").set_value("vocal-uno").run()
    app.text_input(key="admin-new-password").input("otra-clave-muy-larga")
    next(b for b in app.button if b.label == "Cambiar la contraseña").click().run()
    assert accounts.authenticate("vocal-uno", "otra-clave-muy-larga") is not None
    assert accounts.authenticate("vocal-uno", PASSWORD) is None


def test_a_new_account_form_starts_at_the_least_privileged_role(own_store):
    _, admin, _ = _accounts()
    app = open_app_page(PAGE, admin)
    assert app.selectbox(key="admin-new-role").value == "observer"


def test_a_deactivated_person_is_signed_out_on_their_next_run(own_store):
    accounts, admin, vocal = _accounts()
    app = open_app_page("pages/presupuesto.py", vocal, parish="010170")
    accounts.set_active(admin, "vocal-uno", False)
    app.run()
    assert "user" not in app.session_state
