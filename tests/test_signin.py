"""Signing in: the same cost for unknown and known accounts, backoff after repeated failures (kept in the
store), every attempt logged, and an administrator deactivates accounts and resets passwords."""

import datetime as dt
import statistics
import threading
import time

import pytest
from argon2 import PasswordHasher

from core.record import signin
from core.record.auth import Accounts, PermissionDenied, Role, User
from core.record.signin import Attempt, SignInRefused, sign_in, wait_needed
from core.record.store import Store

PASSWORD = "clave-correcta-2026"


def _with_accounts(path):
    s = Store(path)
    accounts = Accounts(s)
    admin = accounts.create_first_admin("admin", "Admin", PASSWORD)
    accounts.create(admin, User(username="vocal", display_name="Vocal", role=Role.BOARD,
                                parish_code="010170"), PASSWORD)
    return s


@pytest.fixture()
def store(tmp_path):
    return _with_accounts(tmp_path / "s.sqlite")


@pytest.fixture()
def store_at_product_cost(real_password_hashing, tmp_path):
    """The same accounts, hashed with the product's Argon2 parameters (the suite's are lighter)."""
    return _with_accounts(tmp_path / "s.sqlite")


def _try(store, username, password, client="10.0.0.1"):
    return sign_in(store, Attempt(username=username, password=password, client=client))


@pytest.mark.parametrize("username", ["vocal", "nadie-existe"])
def test_a_wrong_password_and_an_unknown_account_each_cost_one_argon2_verification(store, monkeypatch, username):
    calls = []
    original = PasswordHasher.verify
    monkeypatch.setattr(PasswordHasher, "verify", lambda self, h, p: calls.append(h) or original(self, h, p))
    assert Accounts(store).authenticate(username, "otra-clave-cualquiera") is None
    assert len(calls) == 1 and calls[0].startswith("$argon2id$")


def test_a_refused_sign_in_reads_the_log_as_often_for_an_unknown_account_as_for_a_wrong_password(store, monkeypatch):
    """Only an existing account's row was checked against the log (tens of milliseconds on a long log), so a refusal
    came back sooner for a name with no account."""
    from core.record import row_guard

    def reads_of_the_log(username: str) -> int:
        calls = []
        original = row_guard.altered
        monkeypatch.setattr(row_guard, "altered", lambda con, keys: calls.append(keys) or original(con, keys))
        with pytest.raises(SignInRefused):
            _try(store, username, "otra-clave-cualquiera", client=username)
        monkeypatch.setattr(row_guard, "altered", original)
        return len(calls)

    assert reads_of_the_log("nadie-existe") == reads_of_the_log("vocal") > 0


def test_a_deactivated_account_costs_the_same_verification(store, monkeypatch):
    Accounts(store).set_active(Accounts(store).get("admin"), "vocal", False)
    calls = []
    original = PasswordHasher.verify
    monkeypatch.setattr(PasswordHasher, "verify", lambda self, h, p: calls.append(h) or original(self, h, p))
    assert Accounts(store).authenticate("vocal", PASSWORD) is None
    assert len(calls) == 1


def test_accounts_hash_with_argon2id_at_rfc_9106_parameters(store_at_product_cost):
    """The product's parameters (the suite hashes lighter, tests/conftest.py): 64 MiB, three passes, four lanes."""
    for username in ("admin", "vocal"):
        stored = store_at_product_cost.get(Accounts.KIND, username).body["password_hash"]
        assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")


def test_unknown_and_wrong_answers_take_comparable_time(store_at_product_cost):
    accounts = Accounts(store_at_product_cost)
    accounts.authenticate("nadie", "x" * 12)  # the dummy hash is made once, before timing

    def median(username):
        runs = []
        for _ in range(5):
            start = time.perf_counter()
            accounts.authenticate(username, "clave-equivocada")
            runs.append(time.perf_counter() - start)
        return statistics.median(runs)

    unknown, wrong = median("nadie-existe"), median("vocal")
    assert 1 / 3 < unknown / wrong < 3, (unknown, wrong)


def test_every_attempt_is_logged_with_its_outcome(store):
    with pytest.raises(SignInRefused, match="incorrectos"):
        _try(store, "vocal", "equivocada-123")
    assert _try(store, "Vocal ", PASSWORD).username == "vocal"
    entries = store.log(signin.KIND)
    assert [(e.record_id, e.payload["ok"], e.payload["client"]) for e in reversed(entries)] == [
        ("vocal", False, "10.0.0.1"), ("vocal", True, "10.0.0.1")]
    assert entries[0].action == "inicio de sesión" and entries[1].action == "inicio de sesión fallido"


def test_repeated_failures_on_an_account_make_the_next_attempt_wait(store):
    for _ in range(signin.FREE_FAILURES):
        with pytest.raises(SignInRefused, match="incorrectos"):
            _try(store, "vocal", "equivocada-123", client="10.0.0.9")
    # even the right password, from another client, waits: the account is throttled
    with pytest.raises(SignInRefused, match=r"Espere \d+ segundos?"):
        _try(store, "vocal", PASSWORD, client="10.0.0.2")
    later = dt.datetime.now(dt.UTC) + signin.FIRST_WAIT + dt.timedelta(seconds=1)
    assert wait_needed(store, "vocal", "10.0.0.2", now=later) == dt.timedelta(0)


def test_the_wait_doubles_and_is_capped(store):
    for _ in range(signin.FREE_FAILURES + 2):
        store.append_event(signin.KIND, "vocal", {"client": "c", "ok": False}, actor="vocal", action="x")
    now = dt.datetime.now(dt.UTC)
    wait = wait_needed(store, "vocal", "otro", now=now)
    assert signin.FIRST_WAIT * 3 < wait <= signin.FIRST_WAIT * 4
    for _ in range(20):
        store.append_event(signin.KIND, "vocal", {"client": "c", "ok": False}, actor="vocal", action="x")
    now = dt.datetime.now(dt.UTC)
    assert signin.MAX_WAIT - dt.timedelta(seconds=5) < wait_needed(store, "vocal", "otro", now=now) <= signin.MAX_WAIT


def test_one_client_trying_many_accounts_is_throttled(store):
    for name in ("ana", "beto", "carla"):
        with pytest.raises(SignInRefused, match="incorrectos"):
            _try(store, name, "equivocada-123", client="10.6.6.6")
    with pytest.raises(SignInRefused, match="Espere"):
        _try(store, "vocal", PASSWORD, client="10.6.6.6")
    assert _try(store, "vocal", PASSWORD, client="10.0.0.3").username == "vocal"


def test_a_success_ends_the_run_of_failures(store):
    for _ in range(signin.FREE_FAILURES - 1):
        with pytest.raises(SignInRefused):
            _try(store, "vocal", "equivocada-123")
    _try(store, "vocal", PASSWORD)
    with pytest.raises(SignInRefused, match="incorrectos"):
        _try(store, "vocal", "equivocada-123")
    assert wait_needed(store, "vocal", "10.0.0.1") == dt.timedelta(0)


def test_an_administrator_deactivates_an_account_and_it_is_signed_out(store):
    accounts = Accounts(store)
    admin, vocal = accounts.get("admin"), accounts.get("vocal")
    accounts.set_active(admin, "vocal", False)
    assert accounts.authenticate("vocal", PASSWORD) is None
    assert accounts.current(vocal) is None
    accounts.set_active(admin, "vocal", True)
    assert accounts.current(vocal) == vocal
    with pytest.raises(ValueError, match="propia cuenta"):
        accounts.set_active(admin, "admin", False)
    with pytest.raises(PermissionDenied):
        accounts.set_active(vocal, "admin", False)
    assert accounts.get("admin").active


def test_an_administrator_resets_a_password(store):
    accounts = Accounts(store)
    admin, vocal = accounts.get("admin"), accounts.get("vocal")
    accounts.reset_password(admin, "vocal", "nueva-clave-segura")
    assert accounts.authenticate("vocal", PASSWORD) is None
    assert accounts.authenticate("vocal", "nueva-clave-segura") == vocal
    with pytest.raises(ValueError, match="al menos"):
        accounts.reset_password(admin, "vocal", "corta")
    with pytest.raises(PermissionDenied):
        accounts.reset_password(vocal, "admin", "otra-clave-larga")
    with pytest.raises(ValueError, match="No existe"):
        accounts.reset_password(admin, "nadie", "otra-clave-larga")


def test_a_removed_account_is_signed_out(store):
    accounts = Accounts(store)
    vocal = accounts.get("vocal")
    store.delete("user", "vocal", actor="admin")
    assert accounts.current(vocal) is None


def test_a_role_changed_in_the_store_takes_effect(store):
    accounts = Accounts(store)
    vocal = accounts.get("vocal")
    record = store.get("user", "vocal")
    store.save("user", "vocal", {**record.body, "role": "observer"}, actor="admin", expected_version=record.version)
    assert accounts.current(vocal).role == Role.OBSERVER


def test_a_new_account_starts_with_the_least_privileged_role():
    assert User(username="nueva", display_name="Nueva").role == Role.OBSERVER
    assert next(iter(Role)) == Role.OBSERVER


def test_attempts_sent_at_once_do_not_get_past_the_backoff(store):
    """Twelve wrong passwords sent together, from one client: each reads the failures before it, so only the free
    ones get their password checked and the others are told to wait (all twelve were checked)."""
    start = threading.Barrier(12)
    told: list[str] = []

    def attempt(n: int) -> None:
        start.wait()
        try:
            _try(Store(store.path), "admin", f"equivocada-{n}", client="10.9.9.9")
        except SignInRefused as exc:
            told.append("wait" if "Espere" in str(exc) else "wrong")

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(told) == ["wait"] * (12 - signin.FREE_FAILURES) + ["wrong"] * signin.FREE_FAILURES
    assert len([e for e in store.log(signin.KIND) if e.payload.get("client") == "10.9.9.9"]) == signin.FREE_FAILURES
