"""AppTest of account management on Administración: deactivate, reactivate, reset a password; a new account
starts as an observer; a deactivated person is signed out on their next run."""

from core.record.auth import Accounts, Position, Role, User
from core.record.store import Store
from tests.conftest import as_read, open_app_page

PAGE = "pages/administracion.py"
PASSWORD = "clave-de-prueba-2026"


def _accounts():
    accounts = Accounts(Store())
    admin = accounts.create_first_admin("jefa", "Jefa", PASSWORD)
    vocal = accounts.create(admin, User(username="vocal-uno", display_name="Vocal uno", role=Role.BOARD,
                                              parish_code="010170"), PASSWORD)
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


def test_the_administrator_gives_a_board_member_their_seat(own_store):
    accounts, admin, _ = _accounts()
    app = open_app_page(PAGE, admin)
    assert app.dataframe[0].value["Cargo en la junta"].to_list() == ["", "Vocal"]  # the admin has no seat
    app.selectbox(key="admin-pick-user").set_value("vocal-uno").run()
    assert app.selectbox(key="admin-position-vocal-uno").value == "member"
    app.selectbox(key="admin-position-vocal-uno").set_value("president")
    next(b for b in app.button if b.label == "Guardar el cargo").click().run()
    assert not app.exception and not app.error, [e.value for e in app.error]
    assert accounts.get("vocal-uno").position == Position.PRESIDENT
    assert "El cargo de «vocal-uno» en la junta es ahora Presidente/a." in [as_read(s.value) for s in app.success]
    assert app.dataframe[0].value["Cargo en la junta"].to_list() == ["", "Presidente/a"]


def test_a_new_board_account_is_created_with_its_seat_and_a_second_president_is_refused(own_store):
    accounts, admin, _ = _accounts()
    accounts.set_position(admin, "vocal-uno", Position.PRESIDENT)
    app = open_app_page(PAGE, admin)
    assert app.selectbox(key="admin-new-position").value == "member"

    def create(username, seat):
        app.text_input(key="admin-new-username").input(username)
        app.text_input(key="admin-new-name").input("Eva Sarmiento")
        app.selectbox(key="admin-new-role").set_value("board_member")
        app.selectbox(key="admin-new-position").set_value(seat)
        app.text_input(key="admin-new-password-first").input(PASSWORD)
        next(b for b in app.button if b.label == "Crear usuario").click().run()

    create("eva", "president")
    assert [as_read(e.value) for e in app.error] == [
        "El cargo Presidente/a ya lo tiene la cuenta activa «vocal-uno» (Vocal uno); cambie primero su cargo a Vocal."]
    assert accounts.get("eva") is None
    create("eva", "vice_president")
    assert accounts.get("eva").position == Position.VICE_PRESIDENT
