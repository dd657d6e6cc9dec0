"""Records that exist before anyone enters anything (the demo's proposals, offers, PDOT objectives, cooperants and
calls), read where they are built and never copied into the store.

The store holds only what people entered or changed. A kind with built records (BUILT_SOURCES) reads as every built
record at version 0, except where the store has a row with the same id: a live row replaces it (an edit, logged as a
change from the built version), a deleted row hides it (a tombstone). Resetting the demo removes the store's rows of
a kind (each removal logged), so the built records show again. Kinds without built records read the store alone.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from pydantic import BaseModel

from core.record.store import Change, Store, StoredRecord, StoreError
from core.texts import t

DEMO_ACTOR = "demo"

# kind -> "module:object" of its built records; resolved on first use (the owners of each kind build on this package).
BUILT_SOURCES = {
    "proposal": "core.proposals.built:PROPOSALS", "offer": "core.proposals.built:OFFERS",
    "pdot_objective": "core.proposals.built:PDOT_OBJECTIVES",
    "cooperant": "core.cooperation.cooperants:BUILT", "call": "core.cooperation.calls:BUILT",
}


@dataclass(frozen=True)
class BuiltRow:
    """One built record: its parish (None for records of every parish), its body as the store would keep it,
    and when it was built (the file's time)."""

    parish_code: str | None
    body: dict
    built_at: str


class BuiltRecords(Protocol):
    """A kind's built records, read from where the build put them (cached by the source)."""

    def rows(self, parish_code: str | None) -> Mapping[str, BuiltRow]:
        """Record id → row, of one parish (None: every row)."""

    def one(self, record_id: str) -> BuiltRow | None:
        """The row with this id, of whatever parish."""


@dataclass(frozen=True)
class BuiltJson:
    """Built records of every parish kept as a JSON list of bodies (data/sources/cooperation/*.json)."""

    path: Path
    id_field: str
    model: type[BaseModel]

    def rows(self, parish_code: str | None = None) -> Mapping[str, BuiltRow]:
        status = self.path.stat()
        return _json_rows(self, status.st_size, status.st_mtime_ns)

    def one(self, record_id: str) -> BuiltRow | None:
        return self.rows().get(record_id)


def built_at(mtime_ns: int) -> str:
    """When a built file was written, as the store writes its times (UTC, ISO 8601)."""
    return dt.datetime.fromtimestamp(mtime_ns / 1e9, dt.UTC).isoformat(timespec="seconds")


@lru_cache(maxsize=8)
def _json_rows(built: BuiltJson, size: int, mtime_ns: int) -> dict[str, BuiltRow]:
    at = built_at(mtime_ns)
    bodies = [built.model.model_validate(row).model_dump(mode="json")
              for row in json.loads(built.path.read_text(encoding="utf-8"))]
    return {body[built.id_field]: BuiltRow(None, body, at) for body in sorted(bodies, key=lambda b: b[built.id_field])}


def source(kind: str) -> BuiltRecords | None:
    target = BUILT_SOURCES.get(kind)
    if target is None:
        return None
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)


def _as_record(kind: str, record_id: str, row: BuiltRow) -> StoredRecord:
    return StoredRecord(kind, record_id, row.parish_code, row.body, 0, False, row.built_at, DEMO_ACTOR)


def live(store: Store, kind: str, parish_code: str | None = None) -> list[StoredRecord]:
    """The live records of a kind (of one parish): the store's rows over the built ones, in id order."""
    stored = {r.record_id: r for r in store.records(kind, parish_code, include_deleted=True)}
    built = source(kind)
    found = [r for r in stored.values() if not r.deleted]
    if built is not None:
        found += [_as_record(kind, rid, row) for rid, row in built.rows(parish_code).items() if rid not in stored]
    return sorted(found, key=lambda r: r.record_id)


def _built_one(kind: str, record_id: str) -> BuiltRow | None:
    built = source(kind)
    return built.one(record_id) if built is not None else None


def current(store: Store, kind: str, record_id: str) -> StoredRecord | None:
    """One record as it reads now: the store's row (a tombstone too, `deleted` true), else the built one."""
    stored = store.get(kind, record_id)
    if stored is not None:
        return stored
    row = _built_one(kind, record_id)
    return _as_record(kind, record_id, row) if row is not None else None


def taken(store: Store, kind: str, record_id: str) -> str | None:
    """The live record (the demo's included) whose code is `record_id` written in any case («ev-p01» is EV-P01's):
    its id, or None when the code is free."""
    existing = current(store, kind, record_id)
    if existing is not None and not existing.deleted:
        return record_id
    folded = record_id.casefold()
    return next((r.record_id for r in live(store, kind) if r.record_id.casefold() == folded), None)


def refuse_taken(store: Store, kind: str, record_id: str) -> None:
    """For a record entered as new: ValueError (Spanish) when its code is already a live record's, in any case and
    the demo's included (saved as version 0, a new record would silently replace a demo one)."""
    existing = taken(store, kind, record_id)
    if existing is not None:
        raise ValueError(t("store.code_taken", id=existing))


def refuse_other_parish(store: Store, kind: str, record_id: str, parish_code: str | None) -> None:
    """StoreError (Spanish) when the record of that code is another parish's: the store refuses this for the rows it
    holds, and here for a demo record too, which it does not hold (saved for another parish, it would leave its own)."""
    existing = current(store, kind, record_id)
    if parish_code is not None and existing is not None and existing.parish_code not in (None, parish_code):
        raise StoreError(t("store.parish_taken", record=record_id, parish=existing.parish_code))


def base(kind: str, record_id: str) -> dict | None:
    """The built body of a record (version 0 of it), for a change of a record the store does not hold yet."""
    row = _built_one(kind, record_id)
    return row.body if row is not None else None


def delete(kind: str, record: StoredRecord, action: str, expected_version: int | None = None) -> Change:
    """The change that deletes a live record: a tombstone, built record or not."""
    return Change(kind, record.record_id, None, record.parish_code,
                  expected_version=record.version if expected_version is None else expected_version, action=action,
                  base=record.body if record.version == 0 else None)


def removals(store: Store, kinds: Iterable[str], action: str,
             keep: Callable[[StoredRecord], bool] = lambda record: False) -> list[Change]:
    """The changes that take every stored row of `kinds` out of the store (edits, tombstones and entered records
    alike), except those `keep` names: afterwards each of these kinds reads as built."""
    return [Change(r.kind, r.record_id, None, expected_version=r.version, action=action, remove=True)
            for kind in kinds for r in store.records(kind, include_deleted=True) if not keep(r)]
