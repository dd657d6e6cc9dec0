"""A board account sits on one junta: it does the board's actions only for its own parish, read from the stored
account; an account stored before parishes were kept (none) acts as before, for every parish."""

import pytest

from core.cooperation.stages import StageRule, save_rule
from core.engine.allocation import AllocationRules
from core.engine.scenarios import set_board_budget
from core.record.auth import PARISH_BOUND, Accounts, Action, PermissionDenied, Position, Role, User, can
from core.record.decisions import record
from core.record.junta import Board, RollEntry, board_roll, set_board
from core.record.store import Store
from tests.conftest import live_count, store_accounts
from tests.decision_draft import _draft

pytestmark = pytest.mark.usefixtures("hand_made_drafts")  # hand-made drafts (tests/decision_draft.py)

OWN, OTHER = "140164", "110153"  # Río Blanco (Morona), El Cisne (Loja): two rural parishes of one installation
RIO_BLANCO = User(username="vocal-rio", display_name="Vocal Río Blanco", role=Role.BOARD, parish_code=OWN)
BEFORE = User(username="vocal-antes", display_name="Vocal de antes", role=Role.BOARD)  # stored without a parish
PLANNER = User(username="tecnica", display_name="Técnica", role=Role.PLANNER)
ADMIN = User(username="jefa", display_name="Jefa", role=Role.ADMIN)
REFUSED = "Su cuenta es de la junta de Río Blanco (140164); no puede {action} de El Cisne (110153)."
ROLE = "Su rol (Técnico de planificación) no permite"


def _store(tmp_path) -> Store:
    return store_accounts(Store(tmp_path / "s.sqlite"), RIO_BLANCO, BEFORE, PLANNER, ADMIN)


# each board write of core, for a parish: what it stores, and the words its refusal names
WRITES = {
    "set_board": (lambda s, u, p: set_board(s, u, p, Board(members=7)), "fijar el presupuesto, las reglas ni la junta"),
    "set_board_budget": (lambda s, u, p: set_board_budget(s, u, p, AllocationRules(budget_usd=30000)),
                         "fijar el presupuesto, las reglas ni la junta"),
    "save_rule": (lambda s, u, p: save_rule(s, u, StageRule(parish_code=p)),
                  "fijar el presupuesto, las reglas ni la junta"),
    "record_decision": (lambda s, u, p: record(s, u, _draft(parish_code=p)), "registrar decisiones"),
}


@pytest.mark.parametrize("write", list(WRITES))
@pytest.mark.parametrize(("user", "parish", "refusal"), [
    (RIO_BLANCO, OWN, None),  # its own junta
    (RIO_BLANCO, OTHER, REFUSED),  # another parish's junta
    (BEFORE, OWN, None),  # no parish (an installation set up before): as before, any parish
    (BEFORE, OTHER, None),
    (PLANNER, OTHER, ROLE),  # the role still decides first
    (ADMIN, OTHER, None),  # the administrator has no junta
])
def test_a_board_account_acts_only_for_its_own_parish(tmp_path, write, user, parish, refusal):
    store = _store(tmp_path)
    action, words = WRITES[write]
    before = live_count(store)
    if refusal is None:
        action(store, user, parish)
        assert live_count(store) > before
        return
    with pytest.raises(PermissionDenied) as refused:
        action(store, user, parish)
    assert str(refused.value).startswith(refusal.format(action=words))
    assert live_count(store) == before  # nothing stored


def test_the_refusal_names_both_parishes(tmp_path):
    with pytest.raises(PermissionDenied) as refused:
        record(_store(tmp_path), RIO_BLANCO, _draft(parish_code=OTHER))
    assert str(refused.value) == ("Su cuenta es de la junta de Río Blanco (140164); no puede registrar decisiones "
                                  "de El Cisne (110153).")


def test_the_parish_is_read_from_the_stored_account_not_the_callers_copy(tmp_path):
    store = _store(tmp_path)
    claims_other = RIO_BLANCO.model_copy(update={"parish_code": OTHER})  # a copy that claims El Cisne's junta
    with pytest.raises(PermissionDenied, match="junta de Río Blanco"):
        set_board(store, claims_other, OTHER, Board(members=7))
    claims_none = RIO_BLANCO.model_copy(update={"parish_code": None})  # … or no junta at all
    with pytest.raises(PermissionDenied, match="junta de Río Blanco"):
        set_board(store, claims_none, OTHER, Board(members=7))


@pytest.mark.parametrize("action", sorted(PARISH_BOUND))
@pytest.mark.parametrize(("user", "parish", "allowed"), [
    (RIO_BLANCO, OWN, True), (RIO_BLANCO, OTHER, False), (RIO_BLANCO, None, True),
    (BEFORE, OWN, True), (BEFORE, OTHER, True),
])
def test_every_board_action_is_bound_to_the_parish(action, user, parish, allowed):
    assert can(user, action, parish_code=parish) is allowed


@pytest.mark.parametrize("action", [Action.VIEW_WORK, Action.VIEW_LOG])
def test_reading_is_not_bound_to_the_parish(action):
    assert can(RIO_BLANCO, action, parish_code=OTHER)


def test_the_roll_proposes_only_the_parishs_board_and_those_without_a_parish():
    el_cisne = User(username="vocal-cisne", display_name="Vocal El Cisne", role=Role.BOARD, parish_code=OTHER,
                    position=Position.PRESIDENT)
    users = [RIO_BLANCO, BEFORE, el_cisne, PLANNER]
    assert board_roll(users, OWN) == [RollEntry("Vocal Río Blanco", Position.MEMBER),
                                      RollEntry("Vocal de antes", Position.MEMBER)]
    assert board_roll(users, OTHER) == [RollEntry("Vocal El Cisne", Position.PRESIDENT),
                                        RollEntry("Vocal de antes", Position.MEMBER)]


def _accounts(tmp_path) -> tuple[Accounts, User]:
    accounts = Accounts(Store(tmp_path / "s.sqlite"))
    admin = accounts.create_first_admin("jefa", "Jefa", "una-clave-larga")
    return accounts, admin


@pytest.mark.parametrize(("role", "parish", "refused"), [
    (Role.BOARD, OWN, None),
    (Role.BOARD, None, "Una cuenta de miembro de la junta debe tener la parroquia de su junta."),
    (Role.BOARD, "010150", "010150 es la cabecera cantonal urbana de Cuenca"),  # no junta parroquial
    (Role.BOARD, "999999", "999999 no es una parroquia de la lista DPA"),
    (Role.PLANNER, OWN, None),  # the técnico of one GAD (tests/test_planner_parish.py)
    (Role.ADVISER, OWN, "Solo una cuenta de miembro de la junta o de técnico de planificación tiene parroquia"),
    (Role.PLANNER, None, None),
])
def test_a_new_board_account_needs_a_rural_parish(tmp_path, role, parish, refused):
    accounts, admin = _accounts(tmp_path)
    new = User(username="nueva", display_name="Nueva", role=role, parish_code=parish)
    if refused is None:
        assert accounts.create(admin, new, "otra-clave-larga").parish_code == parish
        assert accounts.get("nueva").parish_code == parish
        return
    with pytest.raises(ValueError, match=refused):
        accounts.create(admin, new, "otra-clave-larga")
    assert accounts.get("nueva") is None


def test_the_administrator_changes_a_board_accounts_parish_and_the_log_says_so(tmp_path):
    accounts, admin = _accounts(tmp_path)
    accounts.store.save("user", "antes", {"username": "antes", "display_name": "Luis", "role": "board_member",
                                          "active": True, "password_hash": "x"}, actor="antes")
    assert accounts.get("antes").parish_code is None  # stored before parishes were kept: still loads
    with pytest.raises(PermissionDenied):
        accounts.set_parish(accounts.get("antes"), "antes", OWN)  # only the administrator
    assert accounts.set_parish(admin, "antes", OWN).parish_code == OWN
    assert accounts.get("antes").parish_code == OWN
    assert accounts.store.log("user", limit=1)[0].action == "cambiar la parroquia de la junta a Río Blanco (140164)"
    with pytest.raises(ValueError, match="cabecera cantonal"):
        accounts.set_parish(admin, "antes", "010150")
    assert accounts.get("antes").parish_code == OWN


def test_one_president_per_junta_not_per_installation(tmp_path):
    accounts, admin = _accounts(tmp_path)
    accounts.create(admin, User(username="rosa", display_name="Rosa", role=Role.BOARD, parish_code=OWN,
                                position=Position.PRESIDENT), "otra-clave-larga")
    # El Cisne's junta has its own president
    accounts.create(admin, User(username="eva", display_name="Eva", role=Role.BOARD, parish_code=OTHER,
                                position=Position.PRESIDENT), "otra-clave-larga")
    with pytest.raises(ValueError, match="El cargo Presidente/a ya lo tiene la cuenta activa «rosa»"):
        accounts.create(admin, User(username="ana", display_name="Ana", role=Role.BOARD, parish_code=OWN,
                                    position=Position.PRESIDENT), "otra-clave-larga")
    with pytest.raises(ValueError, match="El cargo Presidente/a ya lo tiene la cuenta activa «rosa»"):
        accounts.set_parish(admin, "eva", OWN)  # moving a president to a junta that has one
    assert accounts.get("eva").parish_code == OTHER
