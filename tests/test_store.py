"""The store: atomic saves, no lost work under concurrency or a killed process, a tamper-evident log."""

import json
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from core.record.audit import main as audit_main
from core.record.store import Change, ConflictError, Store, StoreBusyError, StoreError
from tests.conftest import lock_held_by_another_process

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture()
def store(tmp_path):
    return Store(tmp_path / "minga.sqlite")


def test_save_then_read_back_with_versions(store):
    first = store.save("proposal", "P1", {"title": "Riego"}, actor="ana", parish_code="010170")
    second = store.save("proposal", "P1", {"title": "Riego por goteo"}, actor="luis", expected_version=1)
    assert (first.version, second.version) == (1, 2)
    stored = store.get("proposal", "P1")
    assert stored.body == {"title": "Riego por goteo"}
    assert stored.parish_code == "010170"
    assert stored.updated_by == "luis"


def test_last_changes_name_each_kinds_last_logged_entry_as_the_log_does(store):
    assert store.last_changes(("proposal", "offer")) == ((0, ""), (0, ""))
    store.save("proposal", "P1", {"title": "Riego"}, actor="ana")
    store.save("offer", "O1", {"title": "Semillas"}, actor="ana")
    store.save("proposal", "P2", {"title": "Vivero"}, actor="ana")
    kinds = ("offer", "scenario", "proposal")
    expected = tuple((store.log(kind=kind, limit=1) or [None])[0] for kind in kinds)
    assert store.last_changes(kinds) == tuple((entry.seq, entry.hash) if entry else (0, "") for entry in expected)
    assert store.last_changes(kinds)[2][0] > store.last_changes(kinds)[0][0] > 0


def test_two_histories_that_reach_the_same_number_are_told_apart(tmp_path):
    """A store replaced by a backup of another history (another installation) can hold its last proposal change at
    the same sequence number: the pages' cached runs must not take one for the other."""
    one, other = Store(tmp_path / "una.sqlite"), Store(tmp_path / "otra.sqlite")
    one.save("proposal", "P1", {"title": "Riego"}, actor="ana")
    other.save("proposal", "P1", {"title": "Vivero"}, actor="luis")
    assert one.last_changes(("proposal",))[0][0] == other.last_changes(("proposal",))[0][0]
    assert one.last_changes(("proposal",)) != other.last_changes(("proposal",))


def test_a_stale_edit_is_refused_and_the_newer_work_kept(store):
    store.save("proposal", "P1", {"title": "A"}, actor="ana")
    store.save("proposal", "P1", {"title": "B"}, actor="luis", expected_version=1)
    with pytest.raises(ConflictError, match="Otra persona guardó cambios"):
        store.save("proposal", "P1", {"title": "C"}, actor="ana", expected_version=1)
    assert store.get("proposal", "P1").body == {"title": "B"}


def test_a_failing_change_rolls_back_the_whole_transaction(store):
    store.save("proposal", "P1", {"title": "A"}, actor="ana")
    with pytest.raises(ConflictError):
        store.apply([Change("proposal", "P2", {"title": "nuevo"}),
                     Change("proposal", "P1", {"title": "X"}, expected_version=7)], actor="ana")
    assert store.get("proposal", "P2") is None
    assert store.get("proposal", "P1").body == {"title": "A"}
    assert len(store.log()) == 1


def test_delete_keeps_the_record_out_of_lists_but_in_the_log(store):
    store.save("offer", "O1", {"cooperant": "JICA"}, actor="ana")
    store.delete("offer", "O1", actor="ana")
    assert store.records("offer") == []
    assert [e.action for e in store.log()] == ["eliminar", "guardar"]


def test_twenty_threads_saving_at_once_lose_nothing(store):
    barrier = threading.Barrier(20)
    errors = []

    def work(worker):
        barrier.wait()
        try:
            for n in range(10):
                store.save("evaluation", f"W{worker}-{n}", {"score": n}, actor=f"p{worker}")
            for _ in range(5):  # everyone increments one shared counter, retrying on conflict
                while True:
                    current = store.get("counter", "shared")
                    value = current.body["n"] if current else 0
                    try:
                        store.save("counter", "shared", {"n": value + 1}, actor=f"p{worker}",
                                   expected_version=current.version if current else 0)
                        break
                    except ConflictError:
                        continue
        except Exception as exc:  # noqa: BLE001 - any error fails the test below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(store.records("evaluation")) == 200
    assert store.get("counter", "shared").body["n"] == 100
    assert store.verify().ok
    assert len(store.log()) == 300


WRITER = textwrap.dedent("""
    import sys
    from core.record.store import Store
    store = Store(sys.argv[1])
    n = 0
    while True:
        n += 1
        store.save("evaluation", f"E{n}", {"n": n, "padding": "x" * 2000}, actor="writer")
        print(n, flush=True)
""")


def test_a_process_killed_while_saving_leaves_the_last_completed_save(tmp_path):
    path = tmp_path / "minga.sqlite"
    Store(path)
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    confirmed = 0
    deadline = time.monotonic() + 30
    while confirmed < 40 and time.monotonic() < deadline:
        confirmed = int(writer.stdout.readline())
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    assert confirmed >= 40
    reopened = Store(path)
    count = len(reopened.records("evaluation"))
    assert count >= confirmed  # every save the writer reported finished is there
    assert reopened.get("evaluation", f"E{confirmed}").body["n"] == confirmed
    assert reopened.verify().ok
    assert len(reopened.log()) == count


def test_the_log_cannot_be_edited_through_sql(store):
    store.save("decision", "D1", {"budget": 1000}, actor="junta")
    con = sqlite3.connect(store.path)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        con.execute("UPDATE audit_log SET actor = 'otro'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        con.execute("DELETE FROM audit_log")
    con.close()


def _tamper(path, seq, **columns):
    con = sqlite3.connect(path)
    con.execute("DROP TRIGGER audit_log_no_update")
    sets = ", ".join(f"{k} = ?" for k in columns)
    con.execute(f"UPDATE audit_log SET {sets} WHERE seq = ?", [*columns.values(), seq])
    con.commit()
    con.close()


@pytest.mark.parametrize("field", ["payload", "actor", "at"])
def test_altering_any_stored_entry_is_detected_and_named(store, field, capsys):
    for n in range(5):
        store.save("decision", f"D{n}", {"budget": 1000 + n}, actor="junta")
    assert audit_main(["verify", str(store.path)]) == 0
    new_value = {"payload": json.dumps({"budget": 999999}), "actor": "intruso", "at": "2020-01-01"}[field]
    _tamper(store.path, 3, **{field: new_value})
    result = store.verify()
    assert not result.ok and result.first_broken == 3
    assert audit_main(["verify", str(store.path)]) == 1
    assert "Primera entrada rota: 3" in capsys.readouterr().err


def test_rewriting_an_entry_with_a_fresh_hash_breaks_its_signature_and_the_chain(store):
    from core.record.hashing import entry_hash

    for n in range(4):
        store.save("decision", f"D{n}", {"budget": n}, actor="junta")
    con = sqlite3.connect(store.path)
    seq, at, actor, action, kind, record_id, _, prev, _, _ = con.execute(
        "SELECT * FROM audit_log WHERE seq = 2").fetchone()
    con.close()
    payload = json.dumps({"budget": 5})
    _tamper(store.path, 2, payload=payload, hash=entry_hash(seq, at, actor, action, kind, record_id, payload, prev))
    result = store.verify()
    assert not result.ok and result.first_broken == 2
    assert {f.check for f in result.findings} >= {"chain", "signature"}


def test_audit_command_refuses_a_file_that_is_not_a_store(tmp_path, capsys):
    bogus = tmp_path / "x.sqlite"
    bogus.write_bytes(b"not a database at all" * 100)
    assert audit_main(["verify", str(bogus)]) == 2
    assert "no es un almacén de Minga" in capsys.readouterr().err
    assert audit_main(["verify", str(tmp_path / "missing.sqlite")]) == 2


def test_a_lock_held_by_another_process_is_answered_in_spanish_after_a_short_wait(store, monkeypatch):
    from core.record import store as store_module

    store.save("proposal", "P1", {"title": "A"}, actor="ana")
    monkeypatch.setattr(store_module, "BUSY_SECONDS", 1)
    with lock_held_by_another_process(store.path):
        started = time.monotonic()
        with pytest.raises(StoreBusyError, match="ocupado por otro proceso") as refused:
            store.save("proposal", "P1", {"title": "B"}, actor="luis")
        assert time.monotonic() - started < 10
        assert "locked" not in str(refused.value)
    assert store.get("proposal", "P1").body == {"title": "A"}
    store.save("proposal", "P1", {"title": "B"}, actor="luis")  # free again: the save goes through
    assert store.verify().ok


@pytest.mark.parametrize("name", ["con #almohadilla", "pregunta?", "espacios y tildes ñandú", "%20 y & y ;"])
def test_paths_with_any_characters_work(tmp_path, name):
    path = tmp_path / name / f"{name}.sqlite"
    store = Store(path)
    store.save("proposal", "P1", {"title": "A"}, actor="ana")
    assert store.verify().ok
    assert audit_main(["verify", str(path)]) == 0


def test_a_store_of_the_unsigned_format_is_upgraded_and_sealed(tmp_path):
    from core.record import backup

    path = tmp_path / "antiguo.sqlite"
    old = Store(path)
    for parish in ("010170", "010171"):
        old.save("budget", parish, {"parish_code": parish, "rules": {"budget_usd": 1000}}, actor="ana")
    con = sqlite3.connect(path)  # back to schema 1: no signature column, no public key
    con.execute("ALTER TABLE audit_log DROP COLUMN signature")
    con.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    con.execute("DELETE FROM meta WHERE key = 'public_key'")
    con.commit()
    con.close()
    old.anchor_path.unlink()  # nor an anchor: nothing was ever signed
    assert audit_main(["verify", str(path)]) == 1  # not yet opened by Minga: said, not a crash
    upgraded = Store(path)
    seals = [e for e in upgraded.log() if e.action == "sellar registro"]
    assert sorted(e.record_id for e in seals) == ["010170", "010171"] and all(e.signature for e in seals)
    assert upgraded.verify().ok
    upgraded.save("budget", "010170", {"parish_code": "010170", "rules": {"budget_usd": 2000}}, actor="ana")
    assert upgraded.verify().ok
    assert backup.inspect_backup(upgraded, backup.backup_to(upgraded, tmp_path / "r.sqlite")).acceptable


def test_an_unreadable_key_is_said_in_spanish(tmp_path):
    key = tmp_path / "clave.pem"
    key.write_text("esto no es una clave")
    with pytest.raises(StoreError, match="No se puede leer la clave de la instalación"):
        Store(tmp_path / "s.sqlite", key_path=key)


def test_a_record_never_moves_to_another_parish(store):
    store.save("pdot_objective", "OP01", {"objective_es": "Riego"}, actor="ana", parish_code="010170")
    with pytest.raises(StoreError, match="ya es un registro de la parroquia 010170"):
        store.save("pdot_objective", "OP01", {"objective_es": "Otro"}, actor="ana", parish_code="010152")
    kept = store.get("pdot_objective", "OP01")
    assert (kept.parish_code, kept.body, kept.version) == ("010170", {"objective_es": "Riego"}, 1)
    store.save("pdot_objective", "OP01", {"objective_es": "Riego y drenaje"}, actor="ana")  # its own parish kept
    assert store.get("pdot_objective", "OP01").parish_code == "010170"


@pytest.mark.parametrize(("name", "said"), [
    ("SQLITE_FULL", "el disco está lleno"),
    ("SQLITE_READONLY_DBMOVED", "el disco está lleno"),
    ("SQLITE_IOERR_WRITE", "el disco está lleno"),
    ("SQLITE_CONSTRAINT_TRIGGER", "Si el almacén se cambió por fuera de Minga"),
])
def test_a_refused_write_is_said_by_its_cause(name, said):
    """A full or read-only disk is not someone changing the store: each cause has its own sentence."""
    from core.record.store import _refusal

    error = sqlite3.OperationalError("refused")
    error.sqlite_errorname = name
    assert said in _refusal(error)
