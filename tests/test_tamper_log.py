"""Tampering with the log and the records table of a copy of a store, as an auditor or an attacker would, against
`python -m core.audit verify` run as a separate process: entries deleted or rewritten with fresh hashes, signatures
blanked, records edited, deleted or kept twice behind the log's back, planted triggers and control rows. Every case
exits non-zero and names what it found; the untouched store exits 0. Going back to an older copy is
tests/test_tamper_rollback.py; the printed acta, tests/test_tamper_acta.py."""

import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from core.record import ledger
from core.record.hashing import entry_hash, record_hash
from core.record.store import Store, StoreError
from tests.conftest import store_accounts
from tests.decision_draft import BOARD
from tests.tampering import copy, decision_body, last_seq, pristine, sql, verify, verify_process

__all__ = ["copy", "pristine"]  # fixtures used by name


def test_the_untouched_store_passes(copy):
    result = verify_process(copy)  # the command as typed, in its own process
    assert result.returncode == 0, result.stderr
    assert "Registro íntegro" in result.stdout
    assert result.stderr == ""  # key and anchor found: every check ran


def test_a_key_asked_for_and_not_read_vouches_for_nothing(copy, tmp_path):
    (tmp_path / "garbage.pem").write_text("no es una clave")
    for key in (tmp_path / "no-such-key.pem", tmp_path / "garbage.pem"):
        result = verify(copy, "--key", str(key))
        assert result.returncode == 2
        assert "no existe o no es una clave Ed25519" in result.stderr and "Registro íntegro" not in result.stdout


def test_the_store_alone_is_checked_with_the_key_it_declares_and_says_so(copy):
    shutil.rmtree(copy.parent / "keys")  # an auditor handed the store file only
    result = verify(copy)
    assert result.returncode == 0, result.stderr
    assert "las firmas se comprobaron con la clave que declara el propio almacén (huella" in result.stderr


@pytest.mark.parametrize("deleted", [1, 3])
def test_deleted_tail_entries_are_named(copy, deleted):
    last = last_seq(copy)
    sql(copy, f"DELETE FROM audit_log WHERE seq > {last - deleted}")
    result = verify_process(copy)
    assert result.returncode == 1
    assert f"El almacén termina en la entrada {last - deleted}" in result.stderr
    assert f"registra la entrada {last}" in result.stderr
    assert "La decisión «010170-2026-003»" in result.stderr  # the record those entries wrote is now unlogged


def test_an_emptied_log_is_named(copy):
    sql(copy, "DELETE FROM audit_log")
    result = verify(copy)
    assert result.returncode == 1
    assert "El registro está vacío" in result.stderr and "fue vaciado" in result.stderr


def test_a_decision_edited_in_records_only_is_named(copy):
    record_id, body = decision_body(copy, 2)
    body["funded"][0]["amount_usd"] = 99999
    sql(copy, "UPDATE records SET body = ? WHERE kind = 'decision' AND record_id = ?",
        params=(json.dumps(body), record_id))
    result = verify(copy)
    assert result.returncode == 1
    assert f"La decisión «{record_id}» no coincide con su última versión registrada" in result.stderr


@pytest.mark.parametrize("mark", ["''", "x''", "'sí'"])
def test_a_record_whose_deleted_mark_is_not_a_number_is_named(copy, mark):
    """The hash reads the mark as true or false, the app's lists as the number 0: an empty text hid a decision
    from every list while its hash still matched the log."""
    record_id, _ = decision_body(copy, 2)
    sql(copy, f"UPDATE records SET deleted = {mark} WHERE kind = 'decision' AND record_id = ?", params=(record_id,))
    result = verify(copy)
    assert result.returncode == 1
    assert f"La decisión «{record_id}» no coincide con su última versión registrada" in result.stderr


def test_accounts_deleted_by_hand_open_no_first_administrator_and_one_made_again_is_named(copy):
    """Rows deleted behind the log's back: the store must not look new (the first-administrator form), and an
    account is not created again under the same name (its versions would start anew over the deletion)."""
    from core.record.auth import Accounts, PermissionDenied

    sql(copy, "DELETE FROM records WHERE kind = 'user'")
    accounts = Accounts(Store(copy))
    assert accounts.users() == [] and accounts.has_users()
    with pytest.raises(PermissionDenied):
        accounts.create_first_admin("intrusa", "Intrusa", "una-clave-larga-2026")
    username = BOARD.username
    with pytest.raises(StoreError, match=f"«{username}» está en el registro .* se borró del almacén"):
        store_accounts(Store(copy), BOARD)  # the same account written again through Minga
    result = verify(copy)
    assert result.returncode == 1
    assert f"El usuario «{username}» está en el registro" in result.stderr and "se borró" in result.stderr


def _copied_behind_the_key(path: Path, kind: str, record_id: str, *, parish: str | None, indexed: bool) -> None:
    """A second row of (kind, record_id) (in `parish`, when given), written while the table's key was taken away
    (writable_schema): `indexed`, an index built over both rows is put in the key index's place (every list shows the
    record twice); else the old key index comes back without the copy (only a query that scans the table sees it)."""
    con = sqlite3.connect(path)
    key = con.execute("SELECT type, name, tbl_name, rootpage, sql FROM sqlite_master "
                      "WHERE name = 'sqlite_autoindex_records_1'").fetchone()
    table = con.execute("SELECT sql FROM sqlite_master WHERE name = 'records'").fetchone()[0]

    def schema(*statements: tuple[str, tuple]) -> None:
        con.execute("PRAGMA writable_schema = ON")
        for statement, params in statements:
            con.execute(statement, params)
        con.execute(f"PRAGMA schema_version = {con.execute('PRAGMA schema_version').fetchone()[0] + 1}")
        con.commit()

    schema(("UPDATE sqlite_master SET sql = ? WHERE name = 'records'",
            (table.replace(",\n    PRIMARY KEY (kind, record_id)", ""),)),
           ("DELETE FROM sqlite_master WHERE name = ?", (key[1],)))
    con.close()
    con = sqlite3.connect(path)
    con.execute("INSERT INTO records SELECT kind, record_id, coalesce(?, parish_code), body, version, deleted, "
                "updated_at, updated_by FROM records WHERE kind = ? AND record_id = ?", (parish, kind, record_id))
    root = key[3]
    if indexed:
        con.execute("CREATE INDEX both_rows ON records (kind, record_id)")
        root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'both_rows'").fetchone()[0]
    con.commit()
    schema(("DELETE FROM sqlite_master WHERE name = 'both_rows'", ()),
           ("UPDATE sqlite_master SET sql = ? WHERE name = 'records'", (table,)),
           ("INSERT INTO sqlite_master VALUES (?, ?, ?, ?, ?)", (*key[:3], root, key[4])))
    con.close()


def test_a_record_kept_twice_in_the_table_and_its_key_index_is_named(copy):
    """Two identical rows of one decision (a ballot would count twice): each matched its logged hash, so the store
    verified clean while every list showed the record twice."""
    record_id, _ = decision_body(copy, 1)
    _copied_behind_the_key(copy, "decision", record_id, parish=None, indexed=True)
    assert [r.record_id for r in Store(copy).records("decision")].count(record_id) == 2  # what the pages list
    result = verify(copy)
    assert result.returncode == 1
    assert f"La decisión «{record_id}» está dos veces en el almacén" in result.stderr


def test_a_row_kept_out_of_the_key_index_is_named(copy):
    """A copy of a decision in another parish, in the table but not in its key index: the lists (and the
    verification) read the index and saw nothing, while the log's page, which scans the table for each record's
    parish, showed the decision's entries as Río Blanco's."""
    from core.record.log_scope import placed_entries

    record_id, _ = decision_body(copy, 1)
    _copied_behind_the_key(copy, "decision", record_id, parish="140164", indexed=False)
    assert {e.parish_code for e in placed_entries(Store(copy)) if e.record_id == record_id} == {"140164"}
    result = verify(copy)
    assert result.returncode == 1
    assert "La tabla de registros tiene 6 filas, pero su índice 5" in result.stderr


def test_a_decision_deleted_in_records_only_is_named(copy):
    record_id, _ = decision_body(copy, 1)
    sql(copy, "DELETE FROM records WHERE kind = 'decision' AND record_id = ?", params=(record_id,))
    result = verify(copy)
    assert result.returncode == 1
    assert f"La decisión «{record_id}» está en el registro" in result.stderr and "ya no está" in result.stderr


def test_an_administrator_planted_unsigned_in_a_store_handed_over_alone_is_named(copy):
    shutil.rmtree(copy.parent / "keys")
    con = sqlite3.connect(copy)
    seq, previous = con.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    body = json.dumps({"username": "intrusa", "role": "admin", "display_name": "Intrusa"}, sort_keys=True)
    at = "2026-12-03T10:00:00+00:00"
    written = record_hash("user", "intrusa", None, body, 1, False, at, "intrusa")
    con.execute("INSERT INTO records (kind, record_id, parish_code, body, version, deleted, updated_at, updated_by) "
                "VALUES ('user', 'intrusa', NULL, ?, 1, 0, ?, 'intrusa')", (body, at))
    payload = json.dumps({"body": json.loads(body), "record_hash": written}, sort_keys=True, separators=(",", ":"))
    digest = entry_hash(seq + 1, at, "intrusa", "save", "user", "intrusa", payload, previous)
    con.execute("INSERT INTO audit_log (seq, at, actor, action, kind, record_id, payload, prev_hash, hash, signature) "
                "VALUES (?, ?, 'intrusa', 'save', 'user', 'intrusa', ?, ?, ?, '')",
                (seq + 1, at, payload, previous, digest))
    con.commit()
    con.close()
    result = verify(copy)
    assert result.returncode == 1
    assert f"Primera entrada rota: {seq + 1}. La entrada {seq + 1} no tiene firma" in result.stderr


def test_a_log_with_every_signature_blanked_is_broken_from_its_first_entry(copy):
    sql(copy, "UPDATE audit_log SET signature = ''")
    result = verify(copy)
    assert result.returncode == 1
    assert "Primera entrada rota: 1. La entrada 1 no tiene firma" in result.stderr


@pytest.mark.parametrize("keys_kept", [True, False])
def test_a_decision_rewritten_in_records_and_log_with_fresh_hashes_is_named(copy, keys_kept):
    """The attacker edits the decision, its log entry and every later hash: only the signatures give it away,
    also to an auditor handed the store alone (checked with the key the store declares)."""
    record_id, body = decision_body(copy, 2)
    body["funded"][0]["amount_usd"] = 99999
    con = sqlite3.connect(copy)
    con.execute("DROP TRIGGER audit_log_no_update")
    row = con.execute("SELECT kind, record_id, parish_code, body, version, deleted, updated_at, updated_by "
                      "FROM records WHERE kind = 'decision' AND record_id = ?", (record_id,)).fetchone()
    text = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    con.execute("UPDATE records SET body = ? WHERE kind = 'decision' AND record_id = ?", (text, record_id))
    edited_seq = con.execute("SELECT max(seq) FROM audit_log WHERE record_id = ?", (record_id,)).fetchone()[0]
    entries = con.execute("SELECT seq, at, actor, action, kind, record_id, payload, prev_hash "
                          "FROM audit_log WHERE seq >= ? ORDER BY seq", (edited_seq,)).fetchall()
    previous = con.execute("SELECT hash FROM audit_log WHERE seq = ?", (edited_seq - 1,)).fetchone()[0]
    for seq, at, actor, action, kind, rid, payload, _ in entries:
        if seq == edited_seq:
            data = json.loads(payload)
            data["body"] = body
            data["record_hash"] = record_hash(row[0], row[1], row[2], text, row[4], bool(row[5]), row[6], row[7])
            payload = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        digest = entry_hash(seq, at, actor, action, kind, rid, payload, previous)
        con.execute("UPDATE audit_log SET payload = ?, prev_hash = ?, hash = ? WHERE seq = ?",
                    (payload, previous, digest, seq))
        previous = digest
    con.commit()
    con.close()
    if not keys_kept:
        shutil.rmtree(copy.parent / "keys")
    result = verify(copy)
    assert result.returncode == 1
    assert f"La entrada {edited_seq} no tiene una firma válida de esta instalación" in result.stderr
    assert f"Primera entrada rota: {edited_seq}" in result.stderr


def test_a_file_that_is_not_a_store_still_exits_2(tmp_path):
    bogus = tmp_path / "x.sqlite"
    bogus.write_bytes(b"no es una base" * 100)
    assert verify(bogus).returncode == 2


def test_a_planted_trigger_is_named_and_the_write_it_blocks_is_refused_in_spanish(copy):
    con = sqlite3.connect(copy)
    con.execute("CREATE TRIGGER no_votes BEFORE INSERT ON records BEGIN SELECT RAISE(ABORT, 'no'); END")
    con.commit()
    con.close()
    result = verify(copy)
    assert result.returncode == 1 and "disparador «no_votes»" in result.stderr
    with pytest.raises(StoreError, match="no aceptó la operación; lo guardado no cambió"):
        Store(copy).save("proposal", "EV-X", {"title": "Otra"}, actor="tecnico", parish_code="010170")


def test_the_page_cache_notices_an_edit_that_keeps_the_size_and_the_modification_time(copy):
    store = Store(copy)
    assert ledger.verify_store_cached(store).ok
    status = copy.stat()
    sql(copy, "UPDATE records SET body = replace(body, 'goteo', 'GOTEO') WHERE record_id = 'EV-P02'")
    os.utime(copy, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert copy.stat().st_size == status.st_size
    assert not ledger.verify_store_cached(store).ok


def test_the_page_cache_is_reused_while_nothing_changes(copy, monkeypatch):
    """Reading the store (the verification itself) touches its empty write-ahead log: that is no change."""
    store = Store(copy)
    checks = []
    real = Store.verify
    monkeypatch.setattr(Store, "verify", lambda self: checks.append(1) or real(self))
    assert ledger.verify_store_cached(store).ok and ledger.verify_store_cached(store).ok
    assert len(checks) == 1


def test_a_control_row_planted_in_meta_is_named(copy):
    """A row added to `meta` changes nothing the log covers, but every backup taken from then on is refused on
    restore («datos de control desconocidos»): the verification must not call that store intact."""
    sql(copy, "INSERT INTO meta VALUES ('administrador', 'tecnico')")
    result = verify(copy)
    assert result.returncode == 1
    assert "datos de control que Minga no escribe (administrador)" in result.stderr, result.stderr


def test_an_edited_entry_is_named_in_spanish_words_not_by_its_code(copy):
    """The message named the entry's record type by its code («guardar scenario E1»)."""
    with sqlite3.connect(copy) as con:
        seq, record_id = con.execute("SELECT seq, record_id FROM audit_log WHERE kind = 'user' LIMIT 1").fetchone()
    sql(copy, f"UPDATE audit_log SET actor = 'otra' WHERE seq = {seq}")
    result = verify(copy)
    assert result.returncode == 1
    assert f"La entrada {seq} («" in result.stderr
    assert f"», el usuario «{record_id}») fue modificada después de escrita" in result.stderr
