"""The store of what people enter: proposals, offers, alignments, weights, scenarios, evaluations,
votes, meetings, decisions, users. Kept apart from the reference parquet, in one SQLite file.

Why SQLite and not a DuckDB file: a DuckDB file is locked by the process that writes it, so the audit command or a
backup could not read it while the app runs; SQLite in WAL mode lets one app process serve many people while other
processes read, commits atomically and survives a killed process with its last save intact; it ships with Python.

Shape: `records` holds one JSON document per (kind, record_id) with a version number (optimistic locking: a save
that expected an older version is refused, so two people editing the same record never silently overwrite each
other; a write may also depend on records it does not write, `unchanged`, compared under the write lock: a ballot is
kept only while its meeting is still the open one its checks read). Every change also appends an entry to
`audit_log`, in the same transaction: chained to the previous entry by a SHA-256 hash, signed with the
installation's key (core.record.signing), and carrying `record_hash`, the hash of the record row it wrote, so a
record edited behind the log's back no longer matches its last entry (and is not written over:
core.record.row_guard). Each write transaction also moves the anchor (the signed head, outside the store).
Checking all of it: core.record.ledger; backups: core.record.backup.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.data.paths import data_dir
from core.record import logged_versions, row_guard, signing
from core.record.hashing import GENESIS, canonical, entry_hash, record_hash
from core.record.store_schema import SCHEMA, SCHEMA_VERSION
from core.record.store_types import (  # the store's interface is imported from here, as before
    AlreadyExistsError,
    Change,
    ChangedMeanwhileError,
    ConflictError,
    LogEntry,
    StoreBusyError,
    StoredRecord,
    StoreError,
    Unchanged,
)
from core.texts import t

if TYPE_CHECKING:
    from core.record.ledger import Verification

BUSY_SECONDS = 5  # how long a save waits for another process's write lock before saying so
# a record of the kind, or a log entry about one (a row deleted behind the log's back still counts)
_ANY_OF_KIND = "SELECT 1 FROM records WHERE kind = ?1 UNION ALL SELECT 1 FROM audit_log WHERE kind = ?1 LIMIT 1"
_VERSION = "SELECT version FROM records WHERE kind = ? AND record_id = ?"
_COLUMNS = "kind, record_id, parish_code, body, version, deleted, updated_at, updated_by"
# a row whose body was edited into no JSON object is not read as a record (the verification names it)
_READABLE = "iif(json_valid(body), json_type(body), '') = 'object'"


def default_path() -> Path:
    """MINGA_STORE, or `store/minga.sqlite` inside the data folder."""
    configured = os.environ.get("MINGA_STORE")
    return Path(configured) if configured else data_dir() / "store" / "minga.sqlite"


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


class Store:
    """One store file and the installation key that signs its log. Safe to share between threads: every call
    opens its own connection."""

    def __init__(self, path: Path | str | None = None, *, key_path: Path | str | None = None):
        self.path = Path(path) if path is not None else default_path()
        self.key_path = Path(key_path) if key_path is not None else signing.default_key_path(self.path)
        self.anchor_path = signing.anchor_path(self.key_path, self.path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._key = signing.load_or_create_key(self.key_path)
        except (OSError, ValueError) as exc:
            raise StoreError(t("store.key_unreadable", path=self.key_path)) from exc
        with self._connection() as con:
            tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            meta = dict(con.execute("SELECT key, value FROM meta").fetchall()) if "meta" in tables else {}
            if len(meta) < 3 or len(tables) < 3:  # new (or half-made) store; an existing one opens without a write
                con.executescript(SCHEMA)
                con.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
                con.execute("INSERT OR IGNORE INTO meta VALUES ('application', 'minga')")
                con.execute("INSERT OR IGNORE INTO meta VALUES ('public_key', ?)",
                            (signing.public_pem(self.public_key),))
        if int(meta.get("schema_version", SCHEMA_VERSION)) < SCHEMA_VERSION:
            self._upgrade()

    @property
    def public_key(self) -> signing.Ed25519PublicKey:
        return self._key.public_key()

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        """A connection that waits BUSY_SECONDS for a lock, then raises StoreBusyError (Spanish), not a traceback."""
        try:
            con = sqlite3.connect(self.path, timeout=BUSY_SECONDS, isolation_level=None)
        except sqlite3.OperationalError as exc:
            raise StoreError(t("store.cannot_open", path=self.path)) from exc
        try:
            con.execute(f"PRAGMA busy_timeout={BUSY_SECONDS * 1000}")
            con.execute("PRAGMA journal_mode=WAL")
            con.execute("PRAGMA synchronous=FULL")
            yield con
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise StoreBusyError(t("store.busy", seconds=BUSY_SECONDS)) from exc
            raise StoreError(_refusal(exc)) from exc
        except sqlite3.DatabaseError as exc:  # a trigger or a column changed by hand refuses the write
            raise StoreError(_refusal(exc)) from exc
        finally:
            con.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE takes the write lock up front: writers queue, none is lost. After the commit, the anchor
        moves forward to the committed head (after, so a crash never leaves it ahead of the store), and only along
        the history it records: over a store set back to an older copy it stays, and the verification names it. The
        first anchor is written by a store's first entries only: one missing (or emptied) over a log with history is
        not written anew, which would vouch for a store set back meanwhile."""
        with self._connection() as con:
            con.execute("BEGIN IMMEDIATE")
            try:
                new_log = con.execute("SELECT 1 FROM audit_log LIMIT 1").fetchone() is None
                yield con
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")
            with signing.anchor_lock(self.anchor_path):  # read, compare and move as one step among writers
                head = _head(con)
                anchored = signing.read_anchor(self.anchor_path)
                if anchored is None:
                    moves = new_log
                else:
                    moves = anchored.seq < (head.seq if head else 0) and (con.execute(
                        "SELECT hash FROM audit_log WHERE seq = ?", (anchored.seq,)).fetchone() or [None])[0] == \
                        anchored.hash  # a slower writer never moves it back
                if head is not None and moves:
                    signing.write_anchor(self.anchor_path, head)

    def _upgrade(self) -> None:
        """A store of schema 1 (unsigned log): add the signature column and seal every record with a signed
        entry, so from here on each record has a logged hash to be checked against. The sealed head is the
        store's first anchor."""
        with self._transaction() as con:
            if int(con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]) >= SCHEMA_VERSION:
                return  # another process upgraded it meanwhile
            if "signature" in {row[1] for row in con.execute("PRAGMA table_info(audit_log)")} or \
                    signing.read_anchor(self.anchor_path) is not None:
                return  # signed before: a version set back by hand would seal its edits; the verification names it
            con.execute("ALTER TABLE audit_log ADD COLUMN signature TEXT NOT NULL DEFAULT ''")
            for row in con.execute("SELECT kind, record_id, parish_code, body, version, deleted, updated_at, "
                                   "updated_by FROM records ORDER BY kind, record_id").fetchall():
                self._log(con, "minga", t("log.action.seal"), row[0], row[1],
                          {"version": row[4], "deleted": bool(row[5]), "record_hash": record_hash(*row)})
            con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION),))
        sealed = self.head()
        if sealed is not None:
            with signing.anchor_lock(self.anchor_path):
                signing.write_anchor(self.anchor_path, sealed)

    # -- reading ---------------------------------------------------------------------------------

    def get(self, kind: str, record_id: str, *, as_logged: bool = False) -> StoredRecord | None:
        """`as_logged`: None also when the row is not the one the log last wrote (an account edited by hand). The
        log is read whether the row exists or not: the time a sign-in takes must not tell which accounts exist."""
        with self._connection() as con:
            row = con.execute(f"SELECT {_COLUMNS} FROM records WHERE kind = ? AND record_id = ? AND {_READABLE}",
                              (kind, record_id)).fetchone()
            altered = as_logged and row_guard.altered(con, [(kind, record_id)]) is not None
        return _record(row) if row and not altered else None

    def records(self, kind: str, parish_code: str | None = None, include_deleted: bool = False) -> list[StoredRecord]:
        sql = f"SELECT {_COLUMNS} FROM records WHERE kind = ? AND {_READABLE}"
        params: list[Any] = [kind]
        if parish_code is not None:
            sql += " AND parish_code = ?"
            params.append(parish_code)
        if not include_deleted:
            sql += " AND deleted = 0"
        with self._connection() as con:
            return [_record(r) for r in con.execute(sql + " ORDER BY record_id", params).fetchall()]

    def fingerprints(self, kinds: Sequence[str]) -> dict[str, tuple[int, int, str]]:
        """Per parish, (rows, sum of versions, last update) of its `kinds`, deleted too: moves with every change."""
        sql = ("SELECT parish_code, count(*), sum(version), max(updated_at) FROM records "
               f"WHERE kind IN ({', '.join('?' * len(kinds))}) AND parish_code IS NOT NULL GROUP BY parish_code")
        with self._connection() as con:
            return {row[0]: tuple(row[1:]) for row in con.execute(sql, list(kinds))}

    def has_any(self, kind: str) -> bool:
        """Whether a `kind` was ever stored (deleted, by hand too), or the store is set back behind its anchor."""
        with self._connection() as con:
            return con.execute(_ANY_OF_KIND, (kind,)).fetchone() is not None or signing.set_back(self.anchor_path, con)

    # -- writing ---------------------------------------------------------------------------------

    def save(self, kind: str, record_id: str, body: dict[str, Any], *, actor: str, parish_code: str | None = None,
             expected_version: int | None = None, action: str = "guardar", only_if_none: bool = False,
             unchanged: Sequence[Unchanged] = (), changed: str | None = None) -> StoredRecord:
        """Insert or update one record in one transaction; returns it with its new version. `only_if_none`: refused
        (AlreadyExistsError) when the kind has any record (`has_any`) once the write lock is taken, so of two
        processes creating the first of a kind at once, the second is refused. `unchanged`, `changed`: as `apply`."""
        change = Change(kind, record_id, body, parish_code, expected_version, action)
        return self.apply([change], actor=actor, only_if_none=kind if only_if_none else None, unchanged=unchanged,
                          changed=changed)[0]

    def delete(self, kind: str, record_id: str, *, actor: str, expected_version: int | None = None) -> StoredRecord:
        return self.apply([Change(kind, record_id, None, None, expected_version, "eliminar")], actor=actor)[0]

    def apply(self, changes: Iterable[Change], *, actor: str, only_if_none: str | None = None,
              unchanged: Sequence[Unchanged] = (), changed: str | None = None,
              kinds_unchanged: Mapping[str, tuple[int, str]] | None = None) -> list[StoredRecord]:
        """Write several records as one transaction: all of them are kept, or none. `unchanged`: the records the
        caller's checks read (a meeting found open) at the versions read; `kinds_unchanged`: kinds whose last logged
        change (`last_changes`) the caller read (every proposal a run took, new ones included). If one moved on
        since, once the write lock is taken, nothing is written (ChangedMeanwhileError, with `changed`, the caller's
        Spanish reason, if given)."""
        changes = list(changes)
        saved: list[StoredRecord] = []
        with self._transaction() as con:
            if only_if_none and (con.execute(_ANY_OF_KIND, (only_if_none,)).fetchone() or signing.set_back(
                    self.anchor_path, con)):
                raise AlreadyExistsError(t("store.already_exists"))
            for kind, record_id, version in unchanged:
                now = con.execute(_VERSION, (kind, record_id)).fetchone()
                if (now[0] if now else 0) != version:
                    raise ChangedMeanwhileError(changed or t("store.changed_meanwhile", record=record_id))
            if kinds_unchanged and _last_changes(con, list(kinds_unchanged)) != tuple(kinds_unchanged.values()):
                raise ChangedMeanwhileError(changed or t("store.changed_meanwhile_kinds"))
            keys = {(c.kind, c.record_id) for c in changes}
            last = row_guard.last_writes(con, keys)
            if (altered := row_guard.why_not_written(con, keys, last)) is not None:
                raise StoreError(altered)  # a save over a row edited by hand would log, sign and so vouch for the edit
            # where each record taken out of the store (its last entry, as the check above let through) goes on
            # counting; one the log never wrote starts at 1, without a second pass over the log
            logged = logged_versions.highest(con, [key for key, (_, written) in last.items() if written is None])
            for change in changes:
                saved.append(self._write(con, change, actor, logged))
                logged[(change.kind, change.record_id)] = saved[-1].version
        return saved

    def append_event(self, kind: str, record_id: str, payload: dict[str, Any], *, actor: str, action: str) -> LogEntry:
        """A log entry with no record behind it (a login, an export, a verification)."""
        with self._transaction() as con:
            return self._log(con, actor, action, kind, record_id, payload)

    def _write(self, con: sqlite3.Connection, change: Change, actor: str,
               logged: Mapping[tuple[str, str], int] | None = None) -> StoredRecord:
        """A record without a row reads as version 0 (a new record, or a demo one as built: core.record.overlay),
        and is written at the version after the highest its log holds (`logged`, else looked up): one taken out of
        the store goes on counting, so a form read before it was taken out never matches it again."""
        key = (change.kind, change.record_id)
        current = con.execute("SELECT version, parish_code, deleted FROM records WHERE kind = ? AND record_id = ?",
                              key).fetchone()
        version = current[0] if current else 0
        if change.expected_version is not None and change.expected_version != version:
            raise ConflictError(t("store.conflict", record=change.record_id, version=version,
                                  expected=change.expected_version))
        if current is None:
            version = (logged if logged is not None else logged_versions.highest(con, [key])).get(key, 0)
        if (change.body is None and current is None and change.base is None) or (change.remove and current is None):
            raise StoreError(t("store.missing_record", record=change.record_id))
        if current and current[1] is not None and change.parish_code not in (None, current[1]):  # one parish's
            raise StoreError(t("store.parish_taken", record=change.record_id, parish=current[1]))  # never another's
        at = _now()
        parish = change.parish_code if change.parish_code is not None else (current[1] if current else None)
        if change.remove:
            con.execute("DELETE FROM records WHERE kind = ? AND record_id = ?", (change.kind, change.record_id))
            self._log(con, actor, change.action, change.kind, change.record_id,
                      {"version": version + 1, "removed": True})
            return StoredRecord(change.kind, change.record_id, parish, {}, version + 1, True, at, actor)
        base = change.base if current is None else None
        body = change.body if change.body is not None else (base or self._body(con, change.kind, change.record_id))
        deleted = 1 if change.body is None else 0
        con.execute(
            "INSERT INTO records (kind, record_id, parish_code, body, version, deleted, updated_at, updated_by) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (kind, record_id) DO UPDATE SET "
            "parish_code = excluded.parish_code, body = excluded.body, version = excluded.version, "
            "deleted = excluded.deleted, updated_at = excluded.updated_at, updated_by = excluded.updated_by",
            (change.kind, change.record_id, parish, canonical(body), version + 1, deleted, at, actor),
        )
        written = record_hash(change.kind, change.record_id, parish, canonical(body), version + 1, bool(deleted),
                              at, actor)
        payload = {"version": version + 1, "deleted": bool(deleted), "body": body, "record_hash": written}
        self._log(con, actor, change.action, change.kind, change.record_id,
                  payload if base is None else {**payload, "base": base})
        return StoredRecord(change.kind, change.record_id, parish, body, version + 1, bool(deleted), at, actor)

    @staticmethod
    def _body(con: sqlite3.Connection, kind: str, record_id: str) -> dict[str, Any]:
        row = con.execute("SELECT body FROM records WHERE kind = ? AND record_id = ?", (kind, record_id)).fetchone()
        return json.loads(row[0]) if row else {}

    def _log(self, con: sqlite3.Connection, actor: str, action: str, kind: str, record_id: str,
             payload: dict[str, Any]) -> LogEntry:
        last = con.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
        seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
        at = _now()
        text = canonical(payload)
        digest = entry_hash(seq, at, actor, action, kind, record_id, text, prev)
        signature = signing.sign_entry(self._key, digest)
        con.execute("INSERT INTO audit_log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (seq, at, actor, action, kind, record_id, text, prev, digest, signature))
        return LogEntry(seq, at, actor, action, kind, record_id, payload, prev, digest, signature)

    # -- the log ---------------------------------------------------------------------------------

    def head(self) -> signing.SignedHead | None:
        """The last entry's number, hash and signature (None while the log is empty)."""
        with self._connection() as con:
            return _head(con)

    def log(self, kind: str | None = None, limit: int | None = None) -> list[LogEntry]:
        sql = ("SELECT seq, at, actor, action, kind, record_id, iif(json_valid(payload) AND json_type(payload) = "
               "'object', payload, '{}'), prev_hash, hash, signature FROM audit_log")  # one edited to no JSON: {}
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
        return [LogEntry(r[0], r[1], r[2], r[3], r[4], r[5], json.loads(r[6]), r[7], r[8], r[9]) for r in rows]

    def last_changes(self, kinds: Sequence[str]) -> tuple[tuple[int, str], ...]:
        """Each kind's last logged change as (sequence number, entry hash), (0, "") if none, in one query: a page
        reads it on every run to key its cached results. The hash tells apart two histories that reach the same
        number (a backup of another installation restored, or one taken before an earlier restore)."""
        with self._connection() as con:
            return _last_changes(con, kinds)

    def kinds_as_read(self, kinds: Sequence[str]) -> dict[str, tuple[int, str]]:
        """`last_changes` keyed by kind, read before a write's checks read those kinds: the write passes it as
        `kinds_unchanged`, so a record of them saved meanwhile refuses it."""
        return dict(zip(kinds, self.last_changes(kinds), strict=True))

    def copy_into(self, target: sqlite3.Connection) -> None:
        """The whole store into `target`, consistently, while others keep reading and writing (a backup)."""
        with self._connection() as con:
            con.backup(target)

    def replace_from(self, source: sqlite3.Connection, *, actor: str, payload: dict[str, Any]) -> LogEntry:
        """Replace the whole store with `source` (already checked by core.record.backup), then log it."""
        with self._connection() as con:
            source.backup(con)
        entry = self.append_event("store", "respaldo", payload, actor=actor, action=t("log.action.restore"))
        with signing.anchor_lock(self.anchor_path):
            signing.write_anchor(self.anchor_path, self.head())  # the one time the anchor may move back
        return entry

    def verify(self) -> Verification:
        """Every check of core.record.ledger on this store with its own key and anchor."""
        from core.record.ledger import verify_store  # the checks build on this module

        return verify_store(self.path, key=self.public_key, anchor=self.anchor_path, anchor_expected=True)


_DISK_ERRORS = ("SQLITE_FULL", "SQLITE_READONLY", "SQLITE_IOERR", "SQLITE_CANTOPEN", "SQLITE_CORRUPT", "SQLITE_NOTADB")


def _refusal(exc: sqlite3.Error) -> str:
    """Why the store refused, in Spanish: the disk (full, read-only, damaged), or the store itself."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    return t("store.disk" if name.startswith(_DISK_ERRORS) else "store.refused")


def _head(con: sqlite3.Connection) -> signing.SignedHead | None:
    row = con.execute("SELECT seq, hash, signature FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    return signing.SignedHead(*row) if row else None


def _record(row: tuple) -> StoredRecord:
    kind, record_id, parish_code, body, version, deleted, updated_at, updated_by = row
    return StoredRecord(kind, record_id, parish_code, json.loads(body), version, bool(deleted), updated_at, updated_by)


def _last_changes(con: sqlite3.Connection, kinds: Sequence[str]) -> tuple[tuple[int, str], ...]:
    """`Store.last_changes` on an open connection (also inside a write's transaction)."""
    marks = ", ".join("?" * len(kinds))
    found = {kind: (seq, digest) for kind, seq, digest in con.execute(
        f"SELECT kind, MAX(seq), hash FROM audit_log WHERE kind IN ({marks}) GROUP BY kind", list(kinds))}
    return tuple(found.get(kind, (0, "")) for kind in kinds)
