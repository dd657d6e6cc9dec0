"""Roles: each is refused what it may not do, in core; accounts hash passwords."""

import pytest

from core.record.auth import (
    OBSERVER,
    PERMISSIONS,
    Accounts,
    Action,
    PermissionDenied,
    Position,
    Role,
    User,
    can,
    require,
)
from core.record.store import Store

# role → actions it must be refused (the matrix, written independently of PERMISSIONS)
REFUSED = {
    Role.OBSERVER: [Action.VIEW_WORK, Action.SUBMIT_PROPOSAL, Action.EDIT_PROPOSAL, Action.SET_BUDGET,
                    Action.APPROVE_DECISION, Action.TAKE_PART, Action.MANAGE_USERS],
    Role.ASSOCIATION: [Action.EDIT_PROPOSAL, Action.EDIT_OFFER, Action.SET_BUDGET, Action.APPROVE_DECISION,
                       Action.SAVE_SCENARIO, Action.MANAGE_USERS, Action.MANAGE_STORE],
    Role.PLANNER: [Action.SET_BUDGET, Action.APPROVE_DECISION, Action.MANAGE_USERS, Action.MANAGE_STORE],
    Role.BOARD: [Action.EDIT_PROPOSAL, Action.EDIT_OFFER, Action.MANAGE_USERS, Action.MANAGE_STORE],
}
ALLOWED = {
    Role.OBSERVER: [Action.VIEW_PUBLIC],
    Role.ASSOCIATION: [Action.VIEW_PUBLIC, Action.SUBMIT_PROPOSAL, Action.TAKE_PART],
    Role.PLANNER: [Action.EDIT_PROPOSAL, Action.EDIT_OFFER, Action.EDIT_ALIGNMENT, Action.SAVE_SCENARIO],
    Role.BOARD: [Action.SET_BUDGET, Action.APPROVE_DECISION, Action.RUN_MEETING],
    Role.ADMIN: list(Action),
}


def _user(role, association=None):
    return User(username=f"u-{role.value.replace('_', '-')}", display_name="X", role=role, association_id=association)


@pytest.mark.parametrize(("role", "action"), [(r, a) for r, actions in REFUSED.items() for a in actions])
def test_each_role_is_refused_what_it_may_not_do(role, action):
    user = _user(role, "EV-A01" if role == Role.ASSOCIATION else None)
    assert not can(user, action)
    with pytest.raises(PermissionDenied, match="no permite"):
        require(user, action)


@pytest.mark.parametrize(("role", "action"), [(r, a) for r, actions in ALLOWED.items() for a in actions])
def test_each_role_may_do_its_work(role, action):
    user = _user(role, "EV-A01" if role == Role.ASSOCIATION else None)
    assert require(user, action) == user


def test_not_signed_in_is_an_observer():
    assert can(None, Action.VIEW_PUBLIC)
    assert not can(None, Action.VIEW_WORK)
    assert PERMISSIONS[OBSERVER.role] == frozenset({Action.VIEW_PUBLIC})


def test_a_representative_only_submits_for_their_own_association():
    rep = _user(Role.ASSOCIATION, "EV-A01")
    assert can(rep, Action.SUBMIT_PROPOSAL, "EV-A01")
    with pytest.raises(PermissionDenied, match="propuestas de su asociación: esta es de otra asociación"):
        require(rep, Action.SUBMIT_PROPOSAL, "EV-A02")


def test_an_inactive_account_may_do_nothing():
    user = User(username="ana", display_name="Ana", role=Role.ADMIN, active=False)
    assert not any(can(user, action) for action in Action)


@pytest.fixture()
def accounts(tmp_path):
    return Accounts(Store(tmp_path / "s.sqlite"))


def test_first_admin_only_once_then_admin_creates_the_rest(accounts):
    assert not accounts.has_users()
    admin = accounts.create_first_admin("admin", "Administración GAD", "una-clave-larga")
    with pytest.raises(PermissionDenied):
        accounts.create_first_admin("otro", "Otro", "una-clave-larga")
    planner = User(username="tecnico", display_name="Técnica", role=Role.PLANNER)
    accounts.create(admin, planner, "otra-clave-larga")
    with pytest.raises(PermissionDenied):
        accounts.create(planner, User(username="x-y-z", display_name="X", role=Role.BOARD), "otra-clave-larga")
    assert {u.username for u in accounts.users()} == {"admin", "tecnico"}


def test_passwords_are_hashed_and_checked(accounts):
    accounts.create_first_admin("admin", "Admin", "una-clave-larga")
    stored = accounts.store.get("user", "admin").body
    assert "una-clave-larga" not in str(stored)
    assert stored["password_hash"].startswith("$argon2")
    assert accounts.authenticate("admin", "una-clave-larga").role == Role.ADMIN
    assert accounts.authenticate("admin", "otra") is None
    assert accounts.authenticate("nadie", "una-clave-larga") is None


@pytest.mark.parametrize(("username", "password", "message"), [
    ("ab", "una-clave-larga", "3 a 40"),
    ("Con Espacios", "una-clave-larga", "minúsculas"),
    ("admin\n", "una-clave-larga", "minúsculas"),  # a line break after the name: shown as «admin» beside the true one
    ("valido", "corta", "al menos 10"),
])
def test_bad_accounts_are_refused_in_spanish(accounts, username, password, message):
    with pytest.raises(ValueError, match=message):
        accounts.create_first_admin(username, "Nombre", password)
    assert not accounts.has_users()


def test_an_oidc_identity_maps_to_the_account_with_that_email(accounts):
    admin = accounts.create_first_admin("admin", "Admin", "una-clave-larga")
    accounts.create(admin, User(username="vocal", display_name="Vocal", role=Role.BOARD,
                                email="Vocal@GADElValle.gob.ec", parish_code="010170"), "otra-clave-larga")
    assert accounts.by_email("vocal@gadelvalle.gob.ec").username == "vocal"
    assert accounts.by_email("nadie@gadelvalle.gob.ec") is None


def test_an_account_stored_before_seats_were_kept_reads_as_a_vocal(accounts):
    accounts.store.save("user", "vocal-antes", {"username": "vocal-antes", "display_name": "Luis", "role": "board_member",
                                                "active": True, "password_hash": "x"}, actor="antes")
    assert accounts.get("vocal-antes").position == Position.MEMBER


def _board_accounts(accounts):
    admin = accounts.create_first_admin("admin", "Admin", "una-clave-larga")
    accounts.create(admin, User(username="rosa", display_name="Rosa Quito", role=Role.BOARD,
                                position=Position.PRESIDENT, parish_code="010170"), "otra-clave-larga")
    accounts.create(admin, User(username="luis", display_name="Luis Guamán", role=Role.BOARD, parish_code="010170"),
                    "otra-clave-larga")
    accounts.create(admin, User(username="tecnica", display_name="Técnica", role=Role.PLANNER), "otra-clave-larga")
    return admin


@pytest.mark.parametrize(("username", "position", "refused"), [
    ("luis", Position.VICE_PRESIDENT, None),
    ("rosa", Position.MEMBER, None),  # the president steps down to vocal
    ("rosa", Position.PRESIDENT, None),  # set again: the seat is hers
    ("luis", Position.PRESIDENT, "El cargo Presidente/a ya lo tiene la cuenta activa «rosa» \\(Rosa Quito\\)"),
    ("tecnica", Position.VICE_PRESIDENT, "Solo una cuenta de miembro de la junta puede tener el cargo Vicepres"),
    ("tecnica", Position.MEMBER, None),
])
def test_the_administrator_sets_a_board_members_seat(accounts, username, position, refused):
    admin = _board_accounts(accounts)
    before = accounts.get(username)
    if refused:
        with pytest.raises(ValueError, match=refused):
            accounts.set_position(admin, username, position)
        assert accounts.get(username) == before
        return
    assert accounts.set_position(admin, username, position).position == position
    assert accounts.get(username).position == position
    assert accounts.store.log("user", limit=1)[0].action.startswith("cambiar cargo en la junta")


def test_only_the_administrator_sets_a_seat_and_a_second_president_is_refused_on_creation(accounts):
    admin = _board_accounts(accounts)
    with pytest.raises(PermissionDenied):
        accounts.set_position(accounts.get("luis"), "luis", Position.PRESIDENT)
    with pytest.raises(ValueError, match="ya lo tiene la cuenta activa «rosa»"):
        accounts.create(admin, User(username="otra", display_name="Otra", role=Role.BOARD,
                                    position=Position.PRESIDENT, parish_code="010170"), "otra-clave-larga")
    accounts.set_active(admin, "rosa", False)  # a retired president's seat can be given to another member
    accounts.set_position(admin, "luis", Position.PRESIDENT)
    with pytest.raises(ValueError, match="ya lo tiene la cuenta activa «luis»"):
        accounts.set_active(admin, "rosa", True)
