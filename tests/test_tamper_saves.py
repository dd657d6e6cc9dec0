"""A row changed in the store file by someone who can write it but not read the installation's key, followed by an
ordinary save through Minga. The save reads the row it changes and logs the result as a new, validly signed version:
if it went through, the edit would be vouched for by the log and the verification would pass again. Each save over
an altered row is refused in Spanish, naming the record, and nothing is written."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from pathlib import Path

import pytest

from core.proposals import records
from core.proposals.models import Proposal, ProposalStatus
from core.record import overlay
from core.record.auth import Accounts, Role, User
from core.record.store import Store, StoreError

PASSWORD = "una-clave-larga-2026"
ADMIN = User(username="jefa", display_name="Jefa", role=Role.ADMIN)
PLANNER = User(username="tecnico", display_name="Técnico", role=Role.PLANNER)


def _sql(path: Path, statement: str, params: tuple = ()) -> None:
    with contextlib.closing(sqlite3.connect(path)) as con:
        con.execute(statement, params)
        con.commit()


def _row_and_log(path: Path) -> tuple[list, int]:
    with contextlib.closing(sqlite3.connect(path)) as con:
        return (con.execute("SELECT * FROM records ORDER BY kind, record_id").fetchall(),
                con.execute("SELECT count(*) FROM audit_log").fetchone()[0])


@pytest.fixture()
def store(tmp_path) -> Store:
    store = Store(tmp_path / "minga.sqlite")
    accounts = Accounts(store)
    admin = accounts.create_first_admin(ADMIN.username, ADMIN.display_name, PASSWORD)
    accounts.create(admin, PLANNER, PASSWORD)
    store.save("scenario", "ESC-1", {"name": "Escenario 1", "budget_usd": 40000}, actor="tecnico",
               parish_code="010170")
    return store


def _raise_role(path: Path) -> None:
    with contextlib.closing(sqlite3.connect(path)) as con:
        body = json.loads(con.execute("SELECT body FROM records WHERE record_id = 'tecnico'").fetchone()[0])
    _sql(path, "UPDATE records SET body = ? WHERE record_id = 'tecnico'", (json.dumps({**body, "role": "admin"}),))


# (what is done to the store file, the record then saved through Minga, what the refusal says)
TAMPERING = {
    "body edited": (lambda p: _sql(p, "UPDATE records SET body = '{\"name\": \"Otro\", \"budget_usd\": 1}' "
                                      "WHERE record_id = 'ESC-1'"), "ESC-1", "no coincide con su última versión"),
    "version set back": (lambda p: _sql(p, "UPDATE records SET version = 0 WHERE record_id = 'ESC-1'"), "ESC-1",
                         "no coincide con su última versión"),
    "deleted mark as text": (lambda p: _sql(p, "UPDATE records SET deleted = '' WHERE record_id = 'ESC-1'"), "ESC-1",
                             "no coincide con su última versión"),
    "row planted": (lambda p: _sql(p, "INSERT INTO records VALUES ('scenario', 'ESC-9', '010170', '{}', 1, 0, "
                                      "'2026-01-01T00:00:00+00:00', 'tecnico')"), "ESC-9",
                    "no tiene ninguna entrada en el registro"),
    "row deleted": (lambda p: _sql(p, "DELETE FROM records WHERE record_id = 'ESC-1'"), "ESC-1",
                    "se borró del almacén por fuera de Minga"),
}


@pytest.mark.parametrize("how", list(TAMPERING))
def test_a_save_over_a_row_altered_by_hand_is_refused_and_writes_nothing(store, how):
    tamper, record_id, said = TAMPERING[how]
    tamper(store.path)
    before = _row_and_log(store.path)
    with pytest.raises(StoreError) as refused:
        store.save("scenario", record_id, {"name": "Guardado en Minga", "budget_usd": 30000}, actor="tecnico",
                   parish_code="010170")
    assert f"«{record_id}»" in str(refused.value) and said in str(refused.value)
    assert "lo guardado no cambió" in str(refused.value)
    assert _row_and_log(store.path) == before
    assert not store.verify().ok  # the alteration is still named


def test_a_role_raised_by_hand_is_not_sealed_by_the_next_account_change(store):
    """The planner raises their own role in the file, then, as the administrator Minga now reads, changes an account:
    before, that save logged the raised role as a signed version and the verification passed again."""
    _raise_role(store.path)
    with pytest.raises(StoreError, match="«tecnico» no coincide con su última versión registrada"):
        Accounts(store).reset_password(ADMIN, "tecnico", "otra-clave-larga-2026")
    check = store.verify()
    assert not check.ok and "«tecnico»" in check.message


def test_a_funded_project_edited_by_hand_is_not_sealed_by_its_next_follow_up_step(tmp_path, con):
    """A funded proposal's title changed in the file, then the planner records the project's next step: the step
    is refused and the verification still names the proposal."""
    store = Store(tmp_path / "minga.sqlite")
    demo = overlay.current(store, records.PROPOSAL, "EV-P02")
    proposal = Proposal.model_validate(demo.body)
    for step in records.lifecycle_path(ProposalStatus(proposal.status), ProposalStatus.FUNDED):
        proposal = proposal.with_status(step)
    store.save(records.PROPOSAL, proposal.proposal_id, proposal.model_dump(mode="json"), actor="tecnico",
               parish_code=proposal.parish_code)
    edited = {**store.get(records.PROPOSAL, "EV-P02").body, "title": "Otro proyecto"}
    _sql(store.path, "UPDATE records SET body = ? WHERE record_id = 'EV-P02'", (json.dumps(edited),))
    moved = Proposal.model_validate(store.get(records.PROPOSAL, "EV-P02").body).with_status(ProposalStatus.IN_EXECUTION)
    with pytest.raises(StoreError, match="«EV-P02» no coincide"):
        store.save(records.PROPOSAL, "EV-P02", moved.model_dump(mode="json"), actor="tecnico",
                   parish_code=moved.parish_code)
    assert "«EV-P02»" in store.verify().message


def test_rows_as_minga_wrote_them_are_saved_over_as_before(store):
    """The guard refuses nothing Minga wrote: an update, a deletion and a removal of untouched rows go through."""
    saved = store.save("scenario", "ESC-1", {"name": "Escenario 1b", "budget_usd": 1}, actor="tecnico")
    store.delete("scenario", "ESC-1", actor="tecnico", expected_version=saved.version)
    store.save("scenario", "ESC-1", {"name": "Escenario 1c", "budget_usd": 2}, actor="tecnico")
    Accounts(store).reset_password(ADMIN, "tecnico", "otra-clave-larga-2026")
    assert store.verify().ok
