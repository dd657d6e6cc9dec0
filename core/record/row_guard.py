"""Is one record's row the one its last log entry describes? Asked before Minga writes over a record or trusts an
account, so an edit made outside Minga is neither sealed nor acted on.

Why: a save reads the row it changes (its version, and often its body: `{**record.body, "active": False}`) and
logs the result as a new, validly signed version. Without this check a row edited by hand (a role raised to
administrator, a decision's amounts) would become, at the next ordinary save, a change the log vouches for, and the
verification would pass again. The whole store is checked by core.record.ledger; this is the same test for one row.

Input: a connection and the (kind, record_id) of the records a write changes. Output: None when each row is as
logged (or neither the row nor any entry exists: a new record), else an `Altered` naming the first record that is
not and the entry it departs from (0: none).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from core.record.hashing import record_hash
from core.texts import label, t

# Whether a record's row holds the types Minga writes. The hash reads the deleted mark as true or false, and the
# app's queries as the number 0: a mark set to text ('') would hash as «not deleted» while every list leaves the
# record out (a ballot or an account hidden, the log unchanged). Any other type is an edit made outside Minga.
AS_MINGA_WRITES = ("typeof(kind) = 'text' AND typeof(record_id) = 'text' AND typeof(parish_code) IN ('text', 'null') "
                   "AND typeof(body) = 'text' AND typeof(version) = 'integer' AND typeof(deleted) = 'integer' "
                   "AND deleted IN (0, 1) AND typeof(updated_at) = 'text' AND typeof(updated_by) = 'text'")

# A log entry's payload for SQL's JSON functions: one edited into no JSON reads as empty instead of failing the query
# (the chain check names the entry: its hash no longer matches).
PAYLOAD = "iif(json_valid(payload), payload, '{}')"
# The last entry that wrote a record (its hash) or took it out of the store (removed); events are not counted.
_WRITES = f"SELECT kind, record_id, seq, json_extract({PAYLOAD}, '$.record_hash') FROM audit_log WHERE "
_WRITTEN = f"(json_extract({PAYLOAD}, '$.record_hash') IS NOT NULL OR json_extract({PAYLOAD}, '$.removed'))"
_LAST_WRITE = f"{_WRITES}kind = ? AND record_id = ? AND {_WRITTEN} ORDER BY seq DESC LIMIT 1"


@dataclass(frozen=True)
class Altered:
    """How the row departs from the log: `unlogged` (no entry wrote it), `differs` (entry `seq` wrote another row),
    or `gone` (entry `seq` wrote it and the row is missing)."""

    kind: str
    record_id: str
    how: str
    seq: int


def _last_writes(con: sqlite3.Connection, keys: set[tuple[str, str]]) -> dict[tuple[str, str], tuple[int, str | None]]:
    """Each record's last write in the log (seq, record_hash; None when removed): one record is looked up from the
    end, several (an import) in one pass over the entries of their kinds."""
    if len(keys) == 1:
        return {(kind, record_id): (seq, logged) for kind, record_id, seq, logged in
                con.execute(_LAST_WRITE, next(iter(keys)))}
    kinds = sorted({kind for kind, _ in keys})
    ids = json.dumps(sorted({record_id for _, record_id in keys}))  # one parameter, however many records
    found: dict[tuple[str, str], tuple[int, str | None]] = {}
    for kind, record_id, seq, logged in con.execute(  # the plain columns first: only their entries' payloads read
            f"{_WRITES}record_id IN (SELECT value FROM json_each(?)) AND kind IN ({', '.join('?' * len(kinds))}) "
            f"AND {_WRITTEN} ORDER BY seq", [ids, *kinds]):
        if (kind, record_id) in keys:
            found[(kind, record_id)] = (seq, logged)
    return found


def altered(con: sqlite3.Connection, keys: Iterable[tuple[str, str]]) -> Altered | None:
    """The first of the records `keys` whose row is not the one the log last wrote; None when all are as logged."""
    return next(each_altered(con, keys), None)


def altered_in(path: Path, keys: Iterable[tuple[str, str]]) -> list[Altered]:
    """Every one of the records `keys` of the store file at `path` whose row is not as logged (read-only)."""
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return list(each_altered(con, keys))
    finally:
        con.close()


def last_writes(con: sqlite3.Connection, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str],
                                                                                 tuple[int, str | None]]:
    """Each record's last entry that wrote it (seq, record_hash) or took it out of the store (seq, None); a record
    the log never wrote is absent."""
    wanted = set(keys)
    return _last_writes(con, wanted) if wanted else {}


def each_altered(con: sqlite3.Connection, keys: Iterable[tuple[str, str]],
                 last: Mapping[tuple[str, str], tuple[int, str | None]] | None = None) -> Iterator[Altered]:
    wanted = set(keys)
    last = last_writes(con, wanted) if last is None else last
    for kind, record_id in sorted(wanted):
        seq, logged = last.get((kind, record_id), (0, None))
        row = con.execute("SELECT kind, record_id, parish_code, body, version, deleted, updated_at, updated_by, "
                          f"{AS_MINGA_WRITES} FROM records WHERE kind = ? AND record_id = ?",
                          (kind, record_id)).fetchone()
        if row is None:
            if logged is not None:
                yield Altered(kind, record_id, "gone", seq)
            continue
        *fields, as_written = row
        if logged is None:
            yield Altered(kind, record_id, "unlogged", seq)
        elif not as_written or record_hash(*fields) != logged:
            yield Altered(kind, record_id, "differs", seq)


def why_not_written(con: sqlite3.Connection, keys: Iterable[tuple[str, str]],
                    last: Mapping[tuple[str, str], tuple[int, str | None]] | None = None) -> str | None:
    """Why a write over these records is refused (Spanish, naming the first altered one and its entry), or None when
    every row is as logged. `last`: their `last_writes`, when the caller already looked them up."""
    found = next(each_altered(con, keys, last), None)
    return None if found is None else t(f"store.altered.{found.how}", kind=label("record_kind", found.kind),
                                        record=found.record_id, seq=found.seq)


__all__ = ["AS_MINGA_WRITES", "PAYLOAD", "Altered", "altered", "altered_in", "each_altered", "last_writes",
           "why_not_written"]
