"""Signing in through the store: every attempt is logged, and repeated failures slow the next try.

Shape: each attempt appends a log entry of kind `signin` (record id = the username typed) whose payload
names the client (`client`) and whether it succeeded (`ok`). The backoff is read back from those entries,
so it lives in the store: it survives reruns, reloads and a restarted server, and it is the same record
an auditor reads. After `FREE_FAILURES` consecutive failures of an account, or of a client, the next
attempt must wait, doubling each time up to `MAX_WAIT`.
"""

from __future__ import annotations

import datetime as dt
import threading

from pydantic import BaseModel

from core.record.auth import Accounts, User
from core.record.store import LogEntry, Store
from core.texts import t, t_count

KIND = "signin"
FREE_FAILURES = 3
FIRST_WAIT = dt.timedelta(seconds=5)
MAX_WAIT = dt.timedelta(minutes=15)
RECENT_ATTEMPTS = 500  # the log entries read to find the current run of failures
MAX_TYPED = 40  # a username longer than any valid one is logged cut to this length
# the backoff read, the password check and the attempt's entry as one step among the app's threads: attempts sent
# at once would each read the failures before any of them was logged, and all get their password checked
_ONE_AT_A_TIME = threading.Lock()


class SignInRefused(Exception):
    """The attempt is refused; the message (Spanish) says why and, when throttled, how long to wait."""


class Attempt(BaseModel):
    """One sign-in attempt as the page hands it over."""

    username: str
    password: str
    client: str  # the client's address, or the browser session when the address is unknown


def _time(entry: LogEntry) -> dt.datetime:
    return dt.datetime.fromisoformat(entry.at)


def _failures(entries: list[LogEntry], matches) -> tuple[int, dt.datetime | None]:
    """Consecutive failures (newest first) among `entries` that `matches`, and when the latest happened."""
    count, latest = 0, None
    for entry in entries:
        if not matches(entry):
            continue
        if entry.payload.get("ok"):
            break
        count += 1
        latest = latest or _time(entry)
    return count, latest


def wait_needed(store: Store, username: str, client: str, now: dt.datetime | None = None) -> dt.timedelta:
    """How long this account or this client must still wait before another attempt (zero: may try now)."""
    now = now or dt.datetime.now(dt.UTC)
    entries = store.log(KIND, limit=RECENT_ATTEMPTS)
    longest = dt.timedelta(0)
    for matches in (lambda e: e.record_id == username, lambda e: e.payload.get("client") == client):
        count, latest = _failures(entries, matches)
        if count >= FREE_FAILURES and latest is not None:
            wait = min(MAX_WAIT, FIRST_WAIT * 2 ** (count - FREE_FAILURES))
            longest = max(longest, latest + wait - now)
    return longest


def sign_in(store: Store, attempt: Attempt) -> User:
    """The user when the password is right and no backoff applies; SignInRefused (Spanish) otherwise.

    A throttled attempt is refused before the password is checked and is not counted again.
    """
    username = attempt.username.strip().lower()[:MAX_TYPED]
    with _ONE_AT_A_TIME:
        wait = wait_needed(store, username, attempt.client)
        if wait > dt.timedelta(0):
            seconds = max(1, round(wait.total_seconds()))
            raise SignInRefused(t_count("auth.err.wait", seconds, seconds=seconds))
        accounts = Accounts(store)
        user = accounts.authenticate(username, attempt.password)
        action = t("log.action.signin_ok" if user else "log.action.signin_failed")
        store.append_event(KIND, username, {"client": attempt.client, "ok": user is not None},
                           actor=username or "-", action=action)
    if user is None:
        raise SignInRefused(t("auth.altered", username=username) if accounts.altered(username) else t("auth.wrong"))
    return user
