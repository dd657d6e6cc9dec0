"""What the store (core.record.store) reads and writes, and the errors a write may raise: a stored record, a log
entry, one change of a transaction, and a record a write depends on (`Unchanged`: written only if that record is
still at the version the caller's checks read)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple


class StoreError(Exception):
    """A save that cannot be done; the message is for the person (Spanish)."""


class ConflictError(StoreError):
    """Someone else saved the same record after it was read."""


class ChangedMeanwhileError(ConflictError):
    """A record the write depends on (`Unchanged`) changed between the caller's checks and the write lock."""


class StoreBusyError(StoreError):
    """Another process held the store's lock for longer than BUSY_SECONDS."""


class AlreadyExistsError(StoreError):
    """A write meant only for an empty kind (the first administrator) found a record already there."""


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
    signature: str = ""


@dataclass(frozen=True)
class Change:
    """One record to write within a transaction (`body=None` marks it deleted). `base`: the body, as version 0,
    of a record that exists before the store holds it (a demo record, core.record.overlay): its first change is
    logged from it, and deleting it leaves a tombstone with it. `remove`: take the row out of the store (logged),
    so the built record shows again."""

    kind: str
    record_id: str
    body: dict[str, Any] | None
    parish_code: str | None = None
    expected_version: int | None = None
    action: str = "guardar"
    base: dict[str, Any] | None = None
    remove: bool = False


class Unchanged(NamedTuple):
    """A record read by the checks before a write (a meeting found open, a proposal found approved): the write is
    kept only if the record is still at `version` (0: not in the store) once the write lock is taken."""

    kind: str
    record_id: str
    version: int
