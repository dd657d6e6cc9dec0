"""Staying signed in: a signed, expiring cookie backed by the store; forged, expired, ended sessions and
deactivated accounts are refused; the secret lives outside the store."""

import datetime as dt

import pytest

from core.record import web_sessions
from core.record.auth import Accounts, Role, User
from core.record.store import Store


@pytest.fixture()
def store(tmp_path, monkeypatch):
    monkeypatch.delenv("MINGA_SESSION_KEY", raising=False)
    s = Store(tmp_path / "s.sqlite")
    accounts = Accounts(s)
    admin = accounts.create_first_admin("admin", "Admin", "clave-correcta-2026")
    accounts.create(admin, User(username="vocal", display_name="Vocal", role=Role.BOARD,
                                parish_code="010170"), "clave-correcta-2026")
    return s


def test_a_cookie_signs_the_same_person_back_in(store):
    vocal = Accounts(store).get("vocal")
    cookie = web_sessions.start(store, vocal)
    assert web_sessions.resume(store, cookie) == vocal
    assert web_sessions.key_path(store).is_file() and web_sessions.key_path(store) != store.path
    assert web_sessions.key_path(store).read_bytes() not in store.path.read_bytes()


@pytest.mark.parametrize("cookie", [None, "", "basura", "eyJhIjoxfQ.AAAA.BBBB"])
def test_a_missing_or_forged_cookie_signs_nobody_in(store, cookie):
    assert web_sessions.resume(store, cookie) is None


def test_a_cookie_signed_with_another_secret_is_refused(store, tmp_path, monkeypatch):
    cookie = web_sessions.start(store, Accounts(store).get("vocal"))
    monkeypatch.setenv("MINGA_SESSION_KEY", str(tmp_path / "otra.key"))
    assert web_sessions.resume(store, cookie) is None


def test_signing_out_ends_the_session_on_the_server(store):
    cookie = web_sessions.start(store, Accounts(store).get("vocal"))
    web_sessions.end(store, cookie, actor="vocal")
    assert web_sessions.resume(store, cookie) is None


def test_a_session_expires(store):
    cookie = web_sessions.start(store, Accounts(store).get("vocal"))
    later = dt.datetime.now(dt.UTC) + web_sessions.MAX_AGE + dt.timedelta(minutes=1)
    assert web_sessions.resume(store, cookie, now=later) is None


def test_a_deactivated_account_is_not_resumed(store):
    accounts = Accounts(store)
    cookie = web_sessions.start(store, accounts.get("vocal"))
    accounts.set_active(accounts.get("admin"), "vocal", False)
    assert web_sessions.resume(store, cookie) is None


def test_what_the_store_and_its_log_keep_of_a_session_cannot_be_turned_into_a_cookie(store):
    """The store (and every backup of it) and the log the Registro page shows name each session; whoever also holds
    the session secret (a copy of the store's folder kept without the keys folder) must not be able to sign what
    they name into a cookie for the administrator's live session."""
    import sqlite3

    from itsdangerous import URLSafeTimedSerializer

    cookie = web_sessions.start(store, Accounts(store).get("admin"))
    secret = web_sessions.key_path(store).read_bytes()
    session_id = URLSafeTimedSerializer(secret, salt=web_sessions.SALT).loads(cookie)
    con = sqlite3.connect(store.path)
    named = {row[0] for row in con.execute("SELECT record_id FROM records WHERE kind = ? UNION "
                                           "SELECT record_id FROM audit_log WHERE kind = ?", (web_sessions.KIND,) * 2)}
    payloads = " ".join(row[0] for row in con.execute("SELECT payload FROM audit_log"))
    con.close()
    assert named and session_id not in named and session_id not in payloads
    for stored in named:
        forged = URLSafeTimedSerializer(secret, salt=web_sessions.SALT).dumps(stored)
        assert web_sessions.resume(store, forged) is None
    assert web_sessions.resume(store, cookie).username == "admin"
