"""The highest version the log holds for records the store has no row of: where their next version starts.

Why: a record taken out of the store (`Change(remove=True)`: a demo reset) loses its row, so its row can no longer
say which version it reached. Were its next write numbered from the missing row, it would start again at 1, and an
edit form opened before the removal, holding version N, would pass its version check against the record written
again and brought back to version N, silently replacing it. Numbered from the log instead (the removal itself logs
the version after the row's), a version is never written twice for one (kind, record_id).

Input: a connection (inside the write's transaction) and the (kind, record_id) of records without a row. Output:
each one's highest logged version, among the entries that wrote or removed it (events are not counted); a record the
log never wrote is absent (its first version is 1).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

from core.record.row_guard import PAYLOAD

_VERSION = f"json_extract({PAYLOAD}, '$.version')"
# an entry that wrote a record (its hash) or took it out of the store, with a whole-number version
_COUNTED = (f"(json_extract({PAYLOAD}, '$.record_hash') IS NOT NULL OR json_extract({PAYLOAD}, '$.removed')) "
            f"AND json_type({PAYLOAD}, '$.version') = 'integer'")


def highest(con: sqlite3.Connection, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """Each record's highest logged version (absent when the log never wrote it): one record in one lookup,
    several (a reset, an import) in one pass over the entries of their kinds."""
    wanted = set(keys)
    if not wanted:
        return {}
    if len(wanted) == 1:
        kind, record_id = next(iter(wanted))
        row = con.execute(f"SELECT MAX({_VERSION}) FROM audit_log WHERE kind = ? AND record_id = ? AND {_COUNTED}",
                          (kind, record_id)).fetchone()
        return {(kind, record_id): int(row[0])} if row and row[0] is not None else {}
    kinds = sorted({kind for kind, _ in wanted})
    ids = json.dumps(sorted({record_id for _, record_id in wanted}))  # one parameter, however many records
    # the plain columns first: only the entries of the records asked about have their payload read
    found = con.execute(f"SELECT kind, record_id, MAX({_VERSION}) FROM audit_log WHERE record_id IN "
                        f"(SELECT value FROM json_each(?)) AND kind IN ({', '.join('?' * len(kinds))}) "
                        f"AND {_COUNTED} GROUP BY kind, record_id", [ids, *kinds])
    return {(kind, record_id): int(version) for kind, record_id, version in found if (kind, record_id) in wanted}


__all__ = ["highest"]
