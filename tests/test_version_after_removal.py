"""A record taken out of the store (a demo reset, `Change(remove=True)`) goes on counting its versions when it is
written again: an edit form opened before the reset, holding version N, is refused (ConflictError, Spanish) rather
than silently replacing the record written again and brought back to version N. The log of such a store verifies;
a version written again after a removal is named by the verification; stores written before this rule (a record
started again at 1 after its removal) still verify."""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.proposals import demo_reset, records
from core.record import backup, logged_versions
from core.record.auth import Accounts, Role, User
from core.record.store import Change, ConflictError, Store
from tests.tampering import verify

EL_VALLE = "010170"
ADMIN = User(username="admin", display_name="Admin", role=Role.ADMIN)
PLANNER = User(username="tecnica-demo", display_name="Técnica", role=Role.PLANNER)


@pytest.fixture()
def store(tmp_path) -> Store:
    return Store(tmp_path / "s.sqlite")


def _versions(store: Store, kind: str, record_id: str) -> list[int]:
    """Every version the log holds for one record, oldest first (its writes and its removals)."""
    return [e.payload["version"] for e in reversed(store.log(kind))
            if e.record_id == record_id and ("record_hash" in e.payload or e.payload.get("removed"))]


def test_a_form_opened_before_the_demo_reset_is_refused_after_the_record_is_written_again(store):
    demo = records.proposals(store, EL_VALLE)[0]
    pid = demo.item.proposal_id
    first = records.save_proposal(store, PLANNER, demo.item.model_copy(update={"summary": "Primera"}), 0)
    stale = records.save_proposal(store, PLANNER, demo.item.model_copy(update={"summary": "Segunda"}), first)
    assert (first, stale) == (1, 2)  # a form opened now holds version 2
    demo_reset.reset_demo(store, ADMIN, kinds=("proposal",))
    assert records.proposal(store, pid).version == 0  # the demo record as built
    again = records.save_proposal(store, PLANNER, demo.item.model_copy(update={"summary": "Tras el reinicio"}), 0)
    edited = records.save_proposal(store, PLANNER, demo.item.model_copy(update={"summary": "Editada"}), again)
    assert again > stale and edited == again + 1
    for held in (first, stale):  # each form opened before the reset
        with pytest.raises(ConflictError) as refused:
            records.save_proposal(store, PLANNER, demo.item.model_copy(update={"summary": "Vieja"}), held)
        said = str(refused.value)  # Spanish, naming the record, the version now and the one the form held
        assert said.startswith("Otra persona guardó cambios en") and f"«{pid}»" in said
        assert f"versión {edited}, usted partió de la {held}" in said
    assert records.proposal(store, pid).item.summary == "Editada"
    assert len(set(_versions(store, "proposal", pid))) == len(_versions(store, "proposal", pid))
    assert store.verify().ok, store.verify().message


@pytest.mark.parametrize("rewrite", ["same_transaction", "next_transaction"])
def test_a_record_removed_and_written_again_goes_on_counting_and_verifies(store, rewrite):
    for version in (0, 1):
        store.save("meeting", "M", {"n": version}, actor="ana", expected_version=version)
    removal = Change("meeting", "M", None, expected_version=2, action="quitar", remove=True)
    written = Change("meeting", "M", {"n": "otra vez"}, expected_version=0)
    if rewrite == "same_transaction":
        store.apply([removal, written], actor="ana")
    else:
        store.apply([removal], actor="ana")
        with pytest.raises(ConflictError):  # a form of before: the record has no row (version 0)
            store.save("meeting", "M", {"n": "vieja"}, actor="ana", expected_version=2)
        store.apply([written], actor="ana")
    assert store.get("meeting", "M").version == 4
    assert _versions(store, "meeting", "M") == [1, 2, 3, 4]
    assert store.verify().ok, store.verify().message


def _written_again_from(monkeypatch, store: Store, floor: dict) -> None:
    """Save M at versions 1 and 2, take it out (logged as 3), then write it again as if the log's highest version
    were `floor` (a store numbering it wrongly), and edit it once more."""
    for version in (0, 1):
        store.save("meeting", "M", {"n": version}, actor="ana", expected_version=version)
    store.apply([Change("meeting", "M", None, expected_version=2, action="quitar", remove=True)], actor="ana")
    with monkeypatch.context() as patch:
        patch.setattr(logged_versions, "highest", lambda con, keys: dict(floor))
        store.save("meeting", "M", {"n": "otra vez"}, actor="ana", expected_version=0)
    store.save("meeting", "M", {"n": "editada"}, actor="ana", expected_version=store.get("meeting", "M").version)


@pytest.mark.parametrize(("floor", "ok"), [
    ({}, True),  # a store of before: started again at 1 after the removal (versions 1, 2, 3, 1, 2)
    ({("meeting", "M"): 3}, True),  # as Minga writes now: 1, 2, 3, 4, 5
    ({("meeting", "M"): 1}, False),  # version 2 written again after the removal: 1, 2, 3, 2, 3
    ({("meeting", "M"): 5}, False),  # a version skipped: 1, 2, 3, 6, 7
])
def test_the_verification_names_a_version_written_again_after_a_removal(monkeypatch, store, floor, ok):
    _written_again_from(monkeypatch, store, floor)
    result = store.verify()
    assert result.ok is ok, result.message
    if not ok:
        assert "«M»" in result.message and "ya iba en la versión 3" in result.message


OPERATIONS = st.lists(st.sampled_from(["save", "tombstone", "remove", "reset"]), max_size=12)


@given(OPERATIONS)
@settings(deadline=None)  # a store per example, on a shared machine: no time limit per example
def test_versions_written_for_one_record_never_repeat(operations):
    """Over any sequence of saves, deletions (a tombstone), removals and demo resets of one demo proposal, the log
    never holds a version twice for it, every version a form could have read before is refused, and it verifies."""
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "s.sqlite")
        demo = records.proposals(store, EL_VALLE)[0].item
        pid, read = demo.proposal_id, [0]
        for step, operation in enumerate(operations):
            now = store.get("proposal", pid)
            if operation == "save" and (now is None or not now.deleted):
                records.save_proposal(store, PLANNER, demo.model_copy(update={"summary": f"Paso {step}"}),
                                      now.version if now else 0)
            elif operation == "tombstone" and (now is None or not now.deleted):
                record = records.proposal(store, pid)
                store.apply([Change("proposal", pid, None, EL_VALLE, record.version, "eliminar",
                                    base=demo.model_dump(mode="json") if record.version == 0 else None)], actor="ana")
            elif operation == "remove" and now is not None:
                store.apply([Change("proposal", pid, None, expected_version=now.version, remove=True)], actor="ana")
            elif operation == "reset":
                demo_reset.reset_demo(store, ADMIN, kinds=("proposal",))
            now = store.get("proposal", pid)
            read.append(now.version if now else 0)
        logged = _versions(store, "proposal", pid)
        assert len(logged) == len(set(logged)) and logged == sorted(logged), logged
        current = store.get("proposal", pid)
        for held in set(read) - {current.version if current else 0}:
            with pytest.raises(ConflictError):
                store.save("proposal", pid, demo.model_dump(mode="json"), actor="ana", expected_version=held)
        assert store.verify().ok, store.verify().message


# -- the whole record: the audit command, a backup restored, tampering -----------------------------------------

PASSWORD = "una-clave-larga-2026"


def _budget(amount: int) -> dict:
    return {"parish_code": EL_VALLE, "rules": {"budget_usd": amount}}


@pytest.fixture()
def reborn(tmp_path) -> Store:
    """A store with an administrator whose budget was saved at versions 1 and 2, taken out (3), written again (4)
    and edited (5)."""
    store = Store(tmp_path / "app" / "minga.sqlite")
    Accounts(store).create_first_admin("admin", "Administración", PASSWORD)
    for version, amount in enumerate((1000, 2000)):
        store.save("budget", EL_VALLE, _budget(amount), actor="admin", parish_code=EL_VALLE, expected_version=version)
    store.apply([Change("budget", EL_VALLE, None, expected_version=2, action="quitar", remove=True)], actor="admin")
    for version, amount in ((0, 3000), (4, 4000)):
        store.save("budget", EL_VALLE, _budget(amount), actor="admin", parish_code=EL_VALLE, expected_version=version)
    assert _versions(store, "budget", EL_VALLE) == [1, 2, 3, 4, 5]
    return store


def test_the_audit_command_and_a_restored_backup_verify_and_go_on_counting(reborn, tmp_path):
    result = verify(reborn.path)
    assert result.returncode == 0 and "Registro íntegro" in result.stdout, result.stderr
    saved = backup.backup_to(reborn, tmp_path / "respaldo.sqlite")
    reborn.apply([Change("budget", EL_VALLE, None, expected_version=5, action="quitar", remove=True)], actor="admin")
    backup.restore(reborn, saved, admin=ADMIN, password=PASSWORD)
    assert reborn.get("budget", EL_VALLE).version == 5 and reborn.verify().ok
    for stale in (1, 2, 4):
        with pytest.raises(ConflictError):
            reborn.save("budget", EL_VALLE, _budget(1), actor="admin", expected_version=stale)
    assert reborn.save("budget", EL_VALLE, _budget(6000), actor="admin", expected_version=5).version == 6
    assert verify(reborn.path).returncode == 0


@pytest.mark.parametrize(("statement", "said"), [
    ("UPDATE records SET version = 2 WHERE kind = 'budget'", "no coincide con su última versión registrada"),
    ("DELETE FROM records WHERE kind = 'budget'", "se borró"),
])
def test_tampering_with_a_record_written_again_is_named(reborn, statement, said):
    with sqlite3.connect(reborn.path) as con:
        con.execute(statement)
    result = verify(reborn.path)
    assert result.returncode == 1 and said in result.stderr and f"«{EL_VALLE}»" in result.stderr
