"""The store of what people enter: proposals, offers, alignments, weights, scenarios, evaluations,
votes, meetings, decisions, users. Kept apart from the reference parquet, in one SQLite file.

Why SQLite and not a DuckDB file: a DuckDB file is locked by the process that writes it, so the
audit command or a backup could not read it while the app runs; SQLite in WAL mode lets one app
process serve many people, lets other processes read at the same time, commits atomically and
survives a killed process with the last completed save intact. It ships with Python.

Shape: `records` holds one JSON document per (kind, record_id) with a version number (optimistic
locking: a save that expected an older version is refused, so two people editing the same record
never silently overwrite each other). Every change also appends an entry to `audit_log`, chained
to the previous entry by a SHA-256 hash, in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from core.data.paths import data_dir
from core.texts import t

SCHEMA_VERSION = 1
GENESIS = "0" * 64

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS records (
    kind TEXT NOT NULL,
    record_id TEXT NOT NULL,
    parish_code TEXT,
    body TEXT NOT NULL,
    version INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    PRIMARY KEY (kind, record_id)
);
CREATE TABLE IF NOT EXISTS audit_log (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    kind TEXT NOT NULL,
    record_id TEXT NOT NULL,
    payload TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
"""


class StoreError(Exception):
    """A save that cannot be done; the message is for the person (Spanish)."""


class ConflictError(StoreError):
    """Someone else saved the same record after it was read."""


@dataclass(frozen=True)
class StoredRecord:
    kind: str
    record_id: str
    parish_code: str | None
    body: dict[str, Any]
    version: int
    deleted: bool
    updated_at: str
    updated_by: str


@dataclass(frozen=True)
class LogEntry:
    seq: int
    at: str
    actor: str
    action: str
    kind: str
    record_id: str
    payload: dict[str, Any]
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class Verification:
    ok: bool
    entries: int
    first_broken: int | None
    message: str


@dataclass(frozen=True)
class Change:
    """One record to write within a transaction (`body=None` marks it deleted)."""

    kind: str
    record_id: str
    body: dict[str, Any] | None
    parish_code: str | None = None
    expected_version: int | None = None
    action: str = "guardar"


def default_path() -> Path:
    """MINGA_STORE, or `store/minga.sqlite` inside the data folder."""
    configured = os.environ.get("MINGA_STORE")
    return Path(configured) if configured else data_dir() / "store" / "minga.sqlite"


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds")


def _canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def entry_hash(seq: int, at: str, actor: str, action: str, kind: str, record_id: str, payload: str,
               prev_hash: str) -> str:
    """The hash that chains an audit entry to the one before it."""
    material = _canonical([seq, at, actor, action, kind, record_id, payload, prev_hash])
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


class Store:
    """One store file. Safe to share between threads: every call opens its own connection."""

    def __init__(self, path: Path | str | None = None):
        self.path = Path(path) if path is not None else default_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connection() as con:
            con.executescript(_SCHEMA)
            con.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
            con.execute("INSERT OR IGNORE INTO meta VALUES ('application', 'minga')")

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        con = sqlite3.connect(self.path, timeout=60, isolation_level=None)
        try:
            con.execute("PRAGMA journal_mode=WAL")
            con.execute("PRAGMA synchronous=FULL")
            con.execute("PRAGMA busy_timeout=60000")
            yield con
        finally:
            con.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE takes the write lock up front: writers queue, none is lost."""
        with self._connection() as con:
            con.execute("BEGIN IMMEDIATE")
            try:
                yield con
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")

    # -- reading ---------------------------------------------------------------------------------

    def get(self, kind: str, record_id: str) -> StoredRecord | None:
        with self._connection() as con:
            row = con.execute(
                "SELECT kind, record_id, parish_code, body, version, deleted, updated_at, updated_by "
                "FROM records WHERE kind = ? AND record_id = ?", (kind, record_id)).fetchone()
        return _record(row) if row else None

    def records(self, kind: str, parish_code: str | None = None, include_deleted: bool = False) -> list[StoredRecord]:
        sql = ("SELECT kind, record_id, parish_code, body, version, deleted, updated_at, updated_by "
               "FROM records WHERE kind = ?")
        params: list[Any] = [kind]
        if parish_code is not None:
            sql += " AND parish_code = ?"
            params.append(parish_code)
        if not include_deleted:
            sql += " AND deleted = 0"
        with self._connection() as con:
            rows = con.execute(sql + " ORDER BY record_id", params).fetchall()
        return [_record(r) for r in rows]

    def frame(self, kind: str, parish_code: str | None = None) -> pl.DataFrame:
        """The live records of a kind as a table: one row per record, one column per body field."""
        rows = [{**r.body, "_version": r.version, "_updated_at": r.updated_at, "_updated_by": r.updated_by}
                for r in self.records(kind, parish_code)]
        return pl.DataFrame(rows, infer_schema_length=None) if rows else pl.DataFrame()

    def count(self, kind: str | None = None) -> int:
        with self._connection() as con:
            if kind is None:
                return con.execute("SELECT count(*) FROM records WHERE deleted = 0").fetchone()[0]
            return con.execute("SELECT count(*) FROM records WHERE kind = ? AND deleted = 0", (kind,)).fetchone()[0]

    # -- writing ---------------------------------------------------------------------------------

    def save(self, kind: str, record_id: str, body: dict[str, Any], *, actor: str, parish_code: str | None = None,
             expected_version: int | None = None, action: str = "guardar") -> StoredRecord:
        """Insert or update one record in one transaction; returns it with its new version."""
        [saved] = self.apply([Change(kind, record_id, body, parish_code, expected_version, action)], actor=actor)
        return saved

    def delete(self, kind: str, record_id: str, *, actor: str, expected_version: int | None = None) -> StoredRecord:
        [saved] = self.apply([Change(kind, record_id, None, None, expected_version, "eliminar")], actor=actor)
        return saved

    def apply(self, changes: Iterable[Change], *, actor: str) -> list[StoredRecord]:
        """Write several records as one transaction: all of them are kept, or none."""
        changes = list(changes)
        saved: list[StoredRecord] = []
        with self._transaction() as con:
            for change in changes:
                saved.append(self._write(con, change, actor))
        return saved

    def append_event(self, kind: str, record_id: str, payload: dict[str, Any], *, actor: str, action: str) -> LogEntry:
        """A log entry with no record behind it (a login, an export, a verification)."""
        with self._transaction() as con:
            return self._log(con, actor, action, kind, record_id, payload)

    def _write(self, con: sqlite3.Connection, change: Change, actor: str) -> StoredRecord:
        current = con.execute("SELECT version, parish_code, deleted FROM records WHERE kind = ? AND record_id = ?",
                              (change.kind, change.record_id)).fetchone()
        version = current[0] if current else 0
        if change.expected_version is not None and change.expected_version != version:
            raise ConflictError(t("store.conflict", record=change.record_id, version=version,
                                  expected=change.expected_version))
        if change.body is None and current is None:
            raise StoreError(t("store.missing_record", record=change.record_id))
        at = _now()
        parish = change.parish_code if change.parish_code is not None else (current[1] if current else None)
        body = change.body if change.body is not None else self._body(con, change.kind, change.record_id)
        deleted = 1 if change.body is None else 0
        con.execute(
            "INSERT INTO records (kind, record_id, parish_code, body, version, deleted, updated_at, updated_by) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (kind, record_id) DO UPDATE SET "
            "parish_code = excluded.parish_code, body = excluded.body, version = excluded.version, "
            "deleted = excluded.deleted, updated_at = excluded.updated_at, updated_by = excluded.updated_by",
            (change.kind, change.record_id, parish, _canonical(body), version + 1, deleted, at, actor),
        )
        self._log(con, actor, change.action, change.kind, change.record_id,
                  {"version": version + 1, "deleted": bool(deleted), "body": body})
        return StoredRecord(change.kind, change.record_id, parish, body, version + 1, bool(deleted), at, actor)

    @staticmethod
    def _body(con: sqlite3.Connection, kind: str, record_id: str) -> dict[str, Any]:
        row = con.execute("SELECT body FROM records WHERE kind = ? AND record_id = ?", (kind, record_id)).fetchone()
        return json.loads(row[0]) if row else {}

    @staticmethod
    def _log(con: sqlite3.Connection, actor: str, action: str, kind: str, record_id: str,
             payload: dict[str, Any]) -> LogEntry:
        last = con.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
        seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
        at = _now()
        text = _canonical(payload)
        digest = entry_hash(seq, at, actor, action, kind, record_id, text, prev)
        con.execute("INSERT INTO audit_log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (seq, at, actor, action, kind, record_id, text, prev, digest))
        return LogEntry(seq, at, actor, action, kind, record_id, payload, prev, digest)

    # -- the log ---------------------------------------------------------------------------------

    def log(self, kind: str | None = None, limit: int | None = None) -> list[LogEntry]:
        sql = "SELECT seq, at, actor, action, kind, record_id, payload, prev_hash, hash FROM audit_log"
        params: list[Any] = []
        if kind is not None:
            sql += " WHERE kind = ?"
            params.append(kind)
        sql += " ORDER BY seq DESC"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        with self._connection() as con:
            rows = con.execute(sql, params).fetchall()
        return [LogEntry(r[0], r[1], r[2], r[3], r[4], r[5], json.loads(r[6]), r[7], r[8]) for r in rows]

    def verify(self) -> Verification:
        """Recompute the chain from the first entry; name the first entry that does not match."""
        with self._connection() as con:
            return _verify_chain(con)

    # -- backup, restore, reset ------------------------------------------------------------------

    def backup_to(self, destination: Path | str) -> Path:
        """A consistent copy of the whole store as one file (SQLite online backup)."""
        destination = Path(destination)
        with self._connection() as con:
            target = sqlite3.connect(destination)
            try:
                con.backup(target)
            finally:
                target.close()
        return destination

    def backup_bytes(self) -> bytes:
        with tempfile.TemporaryDirectory() as folder:
            return self.backup_to(Path(folder) / "minga-respaldo.sqlite").read_bytes()

    def restore_from(self, source: Path | str, *, actor: str) -> Verification:
        """Replace the store with a backup after checking it is a Minga store with an intact log.

        The current store is untouched if the file is not acceptable.
        """
        source = Path(source)
        check = verify_file(source)
        if not check.ok:
            raise StoreError(t("store.restore_refused", reason=check.message))
        staging = self.path.with_suffix(".restore.tmp")
        shutil.copyfile(source, staging)
        for suffix in ("-wal", "-shm"):
            Path(str(self.path) + suffix).unlink(missing_ok=True)
        os.replace(staging, self.path)
        self.append_event("store", "respaldo", {"restored_from": source.name, "entries": check.entries},
                          actor=actor, action=t("log.action.restore"))
        return check

    def reset(self, *, actor: str, kinds: Iterable[str] | None = None) -> int:
        """Mark every live record (of `kinds`, or all) deleted, in one logged transaction."""
        with self._connection() as con:
            sql = "SELECT kind, record_id FROM records WHERE deleted = 0"
            rows = con.execute(sql).fetchall()
        wanted = set(kinds) if kinds is not None else None
        changes = [Change(k, r, None, action=t("log.action.reset_demo")) for k, r in rows
                   if wanted is None or k in wanted]
        if changes:
            self.apply(changes, actor=actor)
        return len(changes)


def verify_file(path: Path | str) -> Verification:
    """Check, read-only, that a file is a Minga store whose log is intact."""
    path = Path(path)
    if not path.is_file():
        raise StoreError(t("store.missing_file", path=path))
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            app = con.execute("SELECT value FROM meta WHERE key = 'application'").fetchone()
            if not app or app[0] != "minga":
                raise StoreError(t("store.not_minga"))
            return _verify_chain(con)
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise StoreError(t("store.not_sqlite")) from exc


def _verify_chain(con: sqlite3.Connection) -> Verification:
    rows = con.execute("SELECT seq, at, actor, action, kind, record_id, payload, prev_hash, hash "
                       "FROM audit_log ORDER BY seq").fetchall()
    previous = GENESIS
    for expected_seq, row in enumerate(rows, start=1):
        seq, at, actor, action, kind, record_id, payload, prev_hash, digest = row
        if seq != expected_seq:
            return Verification(False, len(rows), expected_seq, t("store.entry_missing", expected=expected_seq, found=seq))
        if prev_hash != previous:
            return Verification(False, len(rows), seq, t("store.entry_unlinked", seq=seq))
        if entry_hash(seq, at, actor, action, kind, record_id, payload, prev_hash) != digest:
            return Verification(False, len(rows), seq, t("store.entry_modified", seq=seq, action=action, kind=kind,
                                                          record=record_id))
        previous = digest
    return Verification(True, len(rows), None, t("log.ok", count=len(rows)))


def _record(row: tuple) -> StoredRecord:
    kind, record_id, parish_code, body, version, deleted, updated_at, updated_by = row
    return StoredRecord(kind, record_id, parish_code, json.loads(body), version, bool(deleted), updated_at, updated_by)
