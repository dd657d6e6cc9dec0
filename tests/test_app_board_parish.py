"""AppTest of a two-parish installation: Decisión y acta proposes only the chosen parish's board and refuses another
junta's member; Administración sets a board account's parish and names the accounts stored without one."""

import datetime as dt

import pytest

from core.cooperation import agreements as agr
from core.engine import scenarios
from core.engine.allocation import AllocationRules
from core.record.auth import Accounts, Position, Role, User
from core.record.store import Store
from tests.conftest import approve_proposal, as_read, open_app_page, store_accounts

EL_VALLE, RIO_BLANCO = "010170", "140164"
ROSA = User(username="rosa-valle", display_name="Rosa Quito", role=Role.BOARD, position=Position.PRESIDENT,
            parish_code=EL_VALLE)
LUIS = User(username="luis-valle", display_name="Luis Guamán", role=Role.BOARD, parish_code=EL_VALLE)
NORMA = User(username="norma-rio", display_name="Norma Tsamarain", role=Role.BOARD, position=Position.PRESIDENT,
             parish_code=RIO_BLANCO)
JOSE = User(username="jose-rio", display_name="José Ankuash", role=Role.BOARD, parish_code=RIO_BLANCO)
ADMIN = User(username="admin-juntas", display_name="Administración", role=Role.ADMIN)
PLANNER = User(username="tecnica-juntas", display_name="Técnica", role=Role.PLANNER)


def _two_parishes(store_path):
    store = store_accounts(Store(store_path), ROSA, LUIS, NORMA, JOSE, ADMIN, PLANNER)
    for parish in (EL_VALLE, RIO_BLANCO):
        scenarios.save_scenario(store, PLANNER, scenarios.Scenario(
            name="Escenario de prueba", parish_code=parish, weights={"pdot": 1, "feasibility": 1, "scope": 1},
            rules=AllocationRules(budget_usd=40000)))


@pytest.mark.parametrize(("parish", "board", "presiding"), [
    (RIO_BLANCO, [("Norma Tsamarain", "Presidente/a"), ("José Ankuash", "Vocal")], "Norma Tsamarain"),
    (EL_VALLE, [("Rosa Quito", "Presidente/a"), ("Luis Guamán", "Vocal")], "Rosa Quito"),
])
def test_the_decision_page_proposes_only_the_chosen_parishs_board(own_store, parish, board, presiding):
    _two_parishes(own_store)
    app = open_app_page("pages/decision.py", ADMIN, parish=parish)
    table = app.dataframe[-1].value
    assert list(zip(table["name"], table["role_es"], strict=True)) == board
    assert app.selectbox(key="dec-presided").value == presiding  # never the other junta's president


def test_another_juntas_member_is_told_whose_junta_they_sit_on(own_store):
    _two_parishes(own_store)
    app = open_app_page("pages/decision.py", NORMA, parish=EL_VALLE)
    assert [as_read(i.value) for i in app.info][-1] == ("Su cuenta es de la junta de Río Blanco (140164); no puede registrar "
                                               "decisiones de El Valle (010170).")
    assert not [b for b in app.button if b.label == "Registrar decisión"]
    own = open_app_page("pages/decision.py", ROSA, parish=EL_VALLE)
    assert [b for b in own.button if b.label == "Registrar decisión"]


def test_the_administrator_sets_a_board_accounts_parish(own_store):
    accounts = Accounts(Store(own_store))
    admin = accounts.create_first_admin("jefa", "Jefa", "clave-de-prueba-2026")
    accounts.store.save("user", "vocal-antes", {"username": "vocal-antes", "display_name": "Vocal de antes",
                                                "role": "board_member", "active": True, "password_hash": ""},
                        actor="antes")  # stored before parishes were kept
    app = open_app_page("pages/administracion.py", admin, parish=RIO_BLANCO)
    assert app.dataframe[0].value["Parroquia (junta o GAD)"].to_list() == ["", "Sin parroquia asignada"]
    [unassigned] = [as_read(w.value) for w in app.warning if "sin parroquia" in w.value]
    assert "«vocal-antes»" in unassigned and "el administrador debe asignarles la parroquia de su junta" in unassigned

    app.selectbox(key="admin-pick-user").set_value("vocal-antes").run()
    app.selectbox(key="admin-parish-vocal-antes").set_value(EL_VALLE)
    next(b for b in app.button if b.label == "Guardar la parroquia").click().run()
    assert not app.exception and not app.error, [e.value for e in app.error]
    assert accounts.get("vocal-antes").parish_code == EL_VALLE
    assert ("La parroquia de la junta de «vocal-antes» es ahora El Valle — Cuenca, Azuay."
            in [as_read(s.value) for s in app.success])
    assert app.dataframe[0].value["Parroquia (junta o GAD)"].to_list() == ["", "El Valle — Cuenca, Azuay"]
    assert not [w for w in app.warning if "sin parroquia" in w.value]
    assert accounts.store.log("user", limit=1)[0].action == "cambiar la parroquia de la junta a El Valle (010170)"

    # a new board account takes the parish chosen in the sidebar unless another is chosen
    assert app.selectbox(key="admin-new-parish").value == RIO_BLANCO
    app.text_input(key="admin-new-username").input("jose-rio")
    app.text_input(key="admin-new-name").input("José Ankuash")
    app.selectbox(key="admin-new-role").set_value("board_member")
    app.text_input(key="admin-new-password-first").input("clave-de-prueba-2026")
    next(b for b in app.button if b.label == "Crear usuario").click().run()
    assert not app.error, [e.value for e in app.error]
    assert accounts.get("jose-rio").parish_code == RIO_BLANCO


def _accepted_application(store_path) -> None:
    """An application of El Valle's accepted by its cooperant, for a proposal its junta approved: the board's
    signature is what is left."""
    store = Store(store_path)
    approve_proposal(store, "EV-P01")
    agr.submit(store, PLANNER, agr.Application(application_id="AP-JUNTAS", parish_code=EL_VALLE, proposal_id="EV-P01",
                                               cooperant_id="CO-ISRAEL-MASHAV", submitted_on=dt.date(2026, 3, 2)))
    agr.record_answer(store, PLANNER, "AP-JUNTAS", "accepted", dt.date(2026, 4, 6))


OTHER_JUNTA = "Su cuenta es de la junta de Río Blanco (140164); no puede {action} de El Valle (010170)."


@pytest.mark.parametrize(("page", "action", "form_button", "prepare"), [
    ("pages/sesion.py", "abrir ni conducir sesiones", "Abrir sesión", None),
    ("pages/priorizacion.py", "guardar escenarios", "Guardar escenario", None),
    ("pages/presupuesto.py", "guardar escenarios", "Guardar escenario", None),
    ("pages/convenios.py", "registrar decisiones", "Registrar convenio firmado", _accepted_application),
])
def test_another_juntas_member_sees_no_form_of_this_juntas_and_is_told_why(own_store, page, action, form_button,
                                                                           prepare):
    _two_parishes(own_store)
    if prepare:
        prepare(own_store)
    other = open_app_page(page, NORMA, parish=EL_VALLE)
    assert not other.exception
    assert OTHER_JUNTA.format(action=action) in [as_read(i.value) for i in other.info]
    assert not [b for b in other.button if b.label == form_button]
    own = open_app_page(page, ROSA, parish=EL_VALLE)  # the parish's own junta still has it
    assert [b for b in own.button if b.label == form_button]
    assert not [i for i in own.info if "Su cuenta es de la junta" in i.value]
