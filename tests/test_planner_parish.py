"""A planner (the técnico de planificación of ONE GAD) may be tied to its parish: it then writes only for that parish,
read from the stored account; a planner with no parish serves every parish of the installation, as before."""

import pytest

from core.record.auth import (
    PARISH_BOUND,
    PLANNER_PARISH_BOUND,
    Accounts,
    Action,
    PermissionDenied,
    Role,
    User,
    can,
    require,
)
from core.record.store import Store

OWN, OTHER = "140164", "110153"  # Río Blanco (Morona), El Cisne (Loja): two rural parishes of one installation
TIED = User(username="tecnico-rio", display_name="Técnico Río Blanco", role=Role.PLANNER, parish_code=OWN)
UNTIED = User(username="tecnica", display_name="Técnica", role=Role.PLANNER)  # the whole installation
PLANNER_WORDS = ("Su cuenta de técnico de planificación es del GAD de Río Blanco (140164); no puede {action} de "
                 "El Cisne (110153).")
# what a planner's refusal names for each of its parish-bound actions
ACTION_WORDS = {
    Action.SAVE_SCENARIO: "guardar escenarios",
    Action.RUN_MEETING: "abrir ni conducir sesiones",
    Action.TAKE_PART: "votar ni puntuar en sesiones",
    Action.SUBMIT_PROPOSAL: "presentar propuestas",
    Action.EDIT_PROPOSAL: "editar, importar ni registrar propuestas o etapas",
    Action.EDIT_OFFER: "registrar ofertas, convenios ni informes de cooperación",
    Action.EDIT_ALIGNMENT: "editar el PDOT, la alineación ni los datos de la parroquia",
}


def test_the_planner_bound_actions_are_every_write_of_its_role():
    """Every action a planner may take but reading is bound to its parish (a new write action must say whether)."""
    from core.record.auth import PERMISSIONS
    writes = PERMISSIONS[Role.PLANNER] - {Action.VIEW_PUBLIC, Action.VIEW_WORK, Action.VIEW_LOG}
    assert writes <= PLANNER_PARISH_BOUND and set(ACTION_WORDS) == writes
    assert PARISH_BOUND <= PLANNER_PARISH_BOUND


@pytest.mark.parametrize("action", sorted(ACTION_WORDS))
@pytest.mark.parametrize(("user", "parish", "allowed"), [
    (TIED, OWN, True),  # its own GAD's parish
    (TIED, OTHER, False),  # another parish
    (TIED, None, True),  # a record of no parish (an offer of the whole installation, a cooperant)
    (UNTIED, OWN, True),  # no parish: every parish, as before
    (UNTIED, OTHER, True),
])
def test_every_planner_write_is_bound_to_its_parish(action, user, parish, allowed):
    assert can(user, action, parish_code=parish) is allowed
    if allowed:
        assert require(user, action, parish_code=parish) == user
        return
    with pytest.raises(PermissionDenied) as refused:
        require(user, action, parish_code=parish)
    assert str(refused.value) == PLANNER_WORDS.format(action=ACTION_WORDS[action])


@pytest.mark.parametrize("action", [Action.VIEW_WORK, Action.VIEW_PUBLIC])
def test_reading_is_not_bound_to_the_parish(action):
    assert can(TIED, action, parish_code=OTHER)


def _accounts(tmp_path) -> tuple[Accounts, User]:
    accounts = Accounts(Store(tmp_path / "s.sqlite"))
    return accounts, accounts.create_first_admin("jefa", "Jefa", "una-clave-larga")


@pytest.mark.parametrize(("parish", "refused"), [
    (OWN, None),
    (None, None),  # the whole installation
    ("010150", "010150 es la cabecera cantonal urbana de Cuenca"),  # no GAD parroquial
    ("999999", "999999 no es una parroquia de la lista DPA"),
])
def test_a_new_planner_account_may_name_its_gads_parish(tmp_path, parish, refused):
    accounts, admin = _accounts(tmp_path)
    new = User(username="nuevo", display_name="Nuevo", role=Role.PLANNER, parish_code=parish)
    if refused is None:
        accounts.create(admin, new, "otra-clave-larga")
        assert accounts.get("nuevo").parish_code == parish
        return
    with pytest.raises(ValueError, match=refused):
        accounts.create(admin, new, "otra-clave-larga")
    assert accounts.get("nuevo") is None


def test_the_administrator_ties_and_frees_a_planner_and_the_log_says_so(tmp_path):
    accounts, admin = _accounts(tmp_path)
    accounts.create(admin, UNTIED, "otra-clave-larga")
    with pytest.raises(PermissionDenied):
        accounts.set_parish(accounts.get("tecnica"), "tecnica", OWN)  # not by itself: only the administrator
    assert accounts.get("tecnica").parish_code is None
    assert accounts.set_parish(admin, "tecnica", OWN).parish_code == OWN
    assert accounts.get("tecnica").parish_code == OWN
    assert accounts.store.log("user", limit=1)[0].action == ("cambiar la parroquia del técnico de planificación a "
                                                             "Río Blanco (140164)")
    assert accounts.set_parish(admin, "tecnica", None).parish_code is None  # serves every parish again
    assert accounts.get("tecnica").parish_code is None
    assert accounts.store.log("user", limit=1)[0].action == ("dejar al técnico de planificación sin parroquia "
                                                             "(todas las parroquias)")


@pytest.mark.parametrize(("role", "refused"), [
    (Role.BOARD, "Una cuenta de miembro de la junta debe tener la parroquia de su junta."),
    (Role.ADVISER, "Solo una cuenta de miembro de la junta o de técnico de planificación tiene parroquia"),
])
def test_only_a_planner_is_left_without_a_parish(tmp_path, role, refused):
    accounts, admin = _accounts(tmp_path)
    accounts.create(admin, User(username="otra", display_name="Otra", role=role,
                                parish_code=OWN if role == Role.BOARD else None), "otra-clave-larga")
    with pytest.raises(ValueError, match=refused):
        accounts.set_parish(admin, "otra", None)


def test_the_parish_is_read_from_the_stored_account_not_the_callers_copy(tmp_path):
    accounts, admin = _accounts(tmp_path)
    accounts.create(admin, TIED, "otra-clave-larga")
    for claimed in (TIED.model_copy(update={"parish_code": None}), TIED.model_copy(update={"parish_code": OTHER})):
        with pytest.raises(PermissionDenied, match="GAD de Río Blanco"):
            accounts.require(claimed, Action.EDIT_PROPOSAL, parish_code=OTHER)


def test_freeing_an_account_whose_stored_role_is_unknown_is_refused_in_spanish(tmp_path):
    accounts, admin = _accounts(tmp_path)
    accounts.store.save("user", "rara", {"username": "rara", "display_name": "Rara", "role": "jefe_de_todo",
                                         "active": True, "password_hash": "x"}, actor="a-mano")  # written by hand
    with pytest.raises(ValueError, match="^Solo una cuenta de miembro de la junta o de técnico de planificación"):
        accounts.set_parish(admin, "rara", None)
