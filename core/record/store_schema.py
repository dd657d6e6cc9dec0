"""The tables, triggers and indexes of a store (SCHEMA), and a store file's own compared with them.

Both the verification of the live store (core.record.ledger) and the check of a backup (core.record.backup) ask it:
an extra trigger could make a stored decision differ from what core returns, or refuse every vote for one
proposal, and a dropped one would let the log be edited in place. Output: the objects found that a new store does
not have and those it has that were not found, each as (type, name).
"""

from __future__ import annotations

import functools
import re
import sqlite3

SCHEMA_VERSION = 2
# The rows of `meta` a store holds: anything else was added by hand (and a backup carrying it is refused).
META_KEYS = frozenset({"schema_version", "application", "public_key"})
# The exact tables and triggers of a store; a restore accepts nothing else, and the verification names any change.
SCHEMA = """
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
    hash TEXT NOT NULL,
    signature TEXT NOT NULL DEFAULT ''
);
CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
"""

SchemaObject = tuple[str, str]  # (type, name): ("trigger", "audit_log_no_update")


def _normalised(sql: str | None) -> str:
    """Schema SQL compared without layout (a column added by an upgrade is laid out differently)."""
    flat = " ".join((sql or "").replace("IF NOT EXISTS ", "").split())
    return re.sub(r"\s*([(),])\s*", r"\1", flat)


def _objects(con: sqlite3.Connection) -> set[tuple[str, str, str, str]]:
    return {(kind, name, table, _normalised(sql)) for kind, name, table, sql in
            con.execute("SELECT type, name, tbl_name, sql FROM sqlite_master")}


@functools.cache
def _expected() -> frozenset[tuple[str, str, str, str]]:
    con = sqlite3.connect(":memory:")
    try:
        con.executescript(SCHEMA)
        return frozenset(_objects(con))
    finally:
        con.close()


def differences(con: sqlite3.Connection) -> tuple[list[SchemaObject], list[SchemaObject]]:
    """(objects that differ from or are not in a new store, objects of a new store that are missing), sorted."""
    found, expected = _objects(con), _expected()
    extra = sorted((kind, name) for kind, name, _, _ in found - expected)
    present = {(kind, name) for kind, name, _, _ in found}
    missing = sorted((kind, name) for kind, name, _, _ in expected - found if (kind, name) not in present)
    return extra, missing


__all__ = ["META_KEYS", "SCHEMA", "SCHEMA_VERSION", "SchemaObject", "differences"]
