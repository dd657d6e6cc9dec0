"""AppTest of Administración for planners: a new planner account is tied to the parish of its GAD, or to every parish
of the installation; the administrator changes it later; the table says which; a parish for another role is refused
as text."""

import pytest

from core.record.auth import Accounts, Role, User
from core.record.store import Store
from tests.conftest import as_read, open_app_page

PAGE = "pages/administracion.py"
PASSWORD = "clave-de-prueba-2026"
EL_VALLE, RIO_BLANCO = "010170", "140164"
EVERY = "Todas las parroquias de la instalación (solo técnicos de planificación)"
COLUMN = "Parroquia (junta o GAD)"


def _admin():
    accounts = Accounts(Store())
    return accounts, accounts.create_first_admin("jefa", "Jefa", PASSWORD)


def _create(app, username: str, role: str, parish: str | None):
    app.text_input(key="admin-new-username").input(username)
    app.text_input(key="admin-new-name").input("Técnica nueva")
    app.selectbox(key="admin-new-role").set_value(role)
    app.selectbox(key="admin-new-parish").set_value(parish)
    app.text_input(key="admin-new-password-first").input(PASSWORD)
    next(b for b in app.button if b.label == "Crear usuario").click().run()


@pytest.mark.parametrize(("role", "parish", "stored", "shown", "refused"), [
    ("planner", RIO_BLANCO, RIO_BLANCO, "Río Blanco — Morona, Morona Santiago", None),  # its GAD's parish
    ("planner", "todas", None, EVERY, None),  # the whole installation, as before
    ("board_member", "todas", None, None, "Una cuenta de miembro de la junta debe tener la parroquia de su junta."),
    ("adviser", RIO_BLANCO, None, "", None),  # no parish for another role
])
def test_a_new_account_takes_the_parish_the_administrator_chooses(own_store, role, parish, stored, shown, refused):
    accounts, admin = _admin()
    app = open_app_page(PAGE, admin, parish=EL_VALLE)
    assert app.selectbox(key="admin-new-parish").value == EL_VALLE  # the sidebar's parish, by default
    _create(app, "nueva", role, parish)
    assert not app.exception
    if refused is not None:
        assert refused in [as_read(e.value) for e in app.error]
        assert accounts.get("nueva") is None
        return
    assert not app.error, [e.value for e in app.error]
    assert accounts.get("nueva").parish_code == stored
    table = app.run().dataframe[0].value  # drawn above the form: as the next run shows it
    assert dict(zip(table["Usuario"], table[COLUMN], strict=True))["nueva"] == shown


def test_the_administrator_ties_a_planner_to_a_parish_and_frees_it_again(own_store):
    accounts, admin = _admin()
    accounts.create(admin, User(username="tecnica", display_name="Técnica", role=Role.PLANNER), PASSWORD)
    app = open_app_page(PAGE, admin, parish=EL_VALLE)
    assert not [w for w in app.warning if "sin parroquia" in w.value]  # a planner without one is not a fault
    app.selectbox(key="admin-pick-user").set_value("tecnica").run()
    assert not [s for s in app.selectbox if s.key == "admin-position-tecnica"]  # a seat is a board member's
    picker = app.selectbox(key="admin-parish-tecnica")
    assert picker.value == "todas" and picker.format_func(picker.value) == EVERY
    picker.set_value(EL_VALLE)
    next(b for b in app.button if b.label == "Guardar la parroquia").click().run()
    assert not app.exception and not app.error, [e.value for e in app.error]
    assert accounts.get("tecnica").parish_code == EL_VALLE
    assert ("El técnico de planificación «tecnica» trabaja ahora para El Valle — Cuenca, Azuay."
            in [as_read(s.value) for s in app.success])

    app.selectbox(key="admin-parish-tecnica").set_value("todas")
    next(b for b in app.button if b.label == "Guardar la parroquia").click().run()
    assert not app.exception and not app.error, [e.value for e in app.error]
    assert accounts.get("tecnica").parish_code is None
    assert f"El técnico de planificación «tecnica» trabaja ahora para {EVERY}." in [as_read(s.value)
                                                                                   for s in app.success]
    assert accounts.store.log("user", limit=1)[0].action == ("dejar al técnico de planificación sin parroquia "
                                                             "(todas las parroquias)")
