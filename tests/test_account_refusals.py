"""Refusals of account management that must say what is wrong and store nothing: an administrator whose own
account was deactivated since (or never stored) is told so, not that their role is «Observador»; an association
linked to an account that does not represent one is refused rather than kept."""

import pytest

from core.record.auth import Accounts, PermissionDenied, Role, User
from core.record.store import Store, StoreError

PASSWORD = "una-clave-larga"


@pytest.fixture()
def accounts(tmp_path):
    accounts = Accounts(Store(tmp_path / "s.sqlite"))
    jefa = accounts.create_first_admin("jefa", "Jefa", PASSWORD)
    accounts.create(jefa, User(username="jefe-dos", display_name="Jefe dos", role=Role.ADMIN), PASSWORD)
    accounts.create(jefa, User(username="tecnica", display_name="Técnica", role=Role.PLANNER), PASSWORD)
    return accounts


def _deactivated(accounts):
    jefa = accounts.get("jefa")
    accounts.set_active(accounts.get("jefe-dos"), "jefa", False)
    return jefa  # the copy her open session still holds


def _unknown(accounts):
    return User(username="intrusa", display_name="Intrusa", role=Role.ADMIN)


@pytest.mark.parametrize("who", [_deactivated, _unknown])
def test_a_retired_or_unknown_account_is_told_why_it_may_not_act(accounts, who):
    actor = who(accounts)
    before = accounts.store.get("user", "tecnica").version
    with pytest.raises(PermissionDenied) as refused:
        accounts.set_active(actor, "tecnica", False)
    message = str(refused.value)
    assert f"«{actor.username}»" in message and "no está activa" in message
    assert "Observador" not in message
    assert accounts.store.get("user", "tecnica").version == before


@pytest.mark.parametrize("role", [Role.OBSERVER, Role.PLANNER, Role.BOARD, Role.ADVISER, Role.ADMIN])
def test_an_association_on_an_account_that_does_not_represent_one_is_refused(accounts, role):
    jefa = accounts.get("jefa")
    user = User(username="con-asociacion", display_name="X", role=role, association_id="EV-A01",
                parish_code="010170" if role == Role.BOARD else None)
    with pytest.raises(ValueError, match="Solo una cuenta de representante de asociación"):
        accounts.create(jefa, user, PASSWORD)
    assert accounts.get("con-asociacion") is None


@pytest.mark.parametrize(("username", "words"), [
    ("josé", "sin tilde ni ñ"),
    ("ñandu", "sin tilde ni ñ"),
    ("-pedro", "empieza con letra o número"),
])
def test_a_username_the_rule_refuses_is_told_what_the_rule_is(accounts, username, words):
    """«pedro.páez» is all «minúsculas» to the person typing it: the refusal says that tildes and ñ are not allowed,
    and how a username must begin."""
    with pytest.raises(ValueError, match=words):
        accounts.create(accounts.get("jefa"), User(username=username, display_name="X"), PASSWORD)
    assert accounts.get(username) is None


def test_two_administrators_deactivating_each_other_at_once_leave_one_active(accounts, monkeypatch):
    """Jefa deactivates Jefe dos while his own deactivation of Jefa is between its check and its write: his write
    is refused (his account changed meanwhile), so the installation keeps an active administrator."""
    other = Accounts(accounts.store)  # his session, on the same store
    checked = Accounts.require

    def her_write_lands_after_his_check(self, user, action, *args, **kwargs):
        acting = checked(self, user, action, *args, **kwargs)
        if self is other:
            accounts.set_active(accounts.get("jefa"), "jefe-dos", False)
        return acting

    monkeypatch.setattr(Accounts, "require", her_write_lands_after_his_check)
    with pytest.raises(StoreError, match="mientras"):
        other.set_active(other.get("jefe-dos"), "jefa", False)
    assert accounts.get("jefa").active and not accounts.get("jefe-dos").active
