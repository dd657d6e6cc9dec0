"""A board account planted by hand in the store file (no log entry wrote it): it must neither sit on the board's
roll that Decisión proposes as attendees, nor hold the president's seat against a true account."""

from __future__ import annotations

import contextlib
import json
import sqlite3

import pytest

from core.record import junta
from core.record.auth import Accounts, Position, Role, User
from core.record.store import Store

PASSWORD = "una-clave-larga-2026"
PARISH = "010170"
TRUE_PRESIDENT = User(username="presidenta", display_name="Rosa Quito", role=Role.BOARD, parish_code=PARISH,
                      position=Position.PRESIDENT)


@pytest.fixture()
def store(tmp_path) -> Store:
    """A store with an administrator, and a president of El Valle's junta planted by hand."""
    store = Store(tmp_path / "minga.sqlite")
    Accounts(store).create_first_admin("jefa", "Jefa", PASSWORD)
    planted = User(username="impostor", display_name="Impostor", role=Role.BOARD, parish_code=PARISH,
                   position=Position.PRESIDENT)
    with contextlib.closing(sqlite3.connect(store.path)) as con:
        con.execute("INSERT INTO records VALUES ('user', 'impostor', NULL, ?, 1, 0, '2026-01-01T00:00:00+00:00', "
                    "'impostor')", (json.dumps(planted.model_dump(mode="json")),))
        con.commit()
    return store


def test_a_planted_board_account_is_not_on_the_board_roll(store):
    """Decisión drew the roll from every stored account (`users`), the planted president first."""
    accounts = Accounts(store)
    assert "impostor" in {u.username for u in accounts.users()}  # the row is there, as the file says
    assert "impostor" not in {u.username for u in accounts.logged_users()}
    assert junta.board_roll(accounts.logged_users(), PARISH) == []


def test_a_planted_president_does_not_keep_the_true_one_from_the_seat(store):
    accounts = Accounts(store)
    created = accounts.create(accounts.get("jefa"), TRUE_PRESIDENT, PASSWORD)
    assert created.position == Position.PRESIDENT
