"""How the log and the records are hashed: canonical JSON (sorted keys, no spaces, UTF-8) through SHA-256.

`entry_hash` chains a log entry to the one before it (the first links to GENESIS); `record_hash` is the hash
of a record row as stored, which the entry that wrote it carries; `body_hash` is the hash of a body alone, as
an acta prints it for its decision.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

GENESIS = "0" * 64
_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def canonical(value: Any) -> str:
    return _ENCODER.encode(value)


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def entry_hash(seq: int, at: str, actor: str, action: str, kind: str, record_id: str, payload: str,
               prev_hash: str) -> str:
    return _sha256(canonical([seq, at, actor, action, kind, record_id, payload, prev_hash]))


def record_hash(kind: str, record_id: str, parish_code: str | None, body_text: str, version: int, deleted: bool,
                updated_at: str, updated_by: str) -> str:
    """`body_text` is the canonical JSON kept in `records.body`."""
    return _sha256(canonical([kind, record_id, parish_code, body_text, version, bool(deleted), updated_at,
                              updated_by]))


def body_hash(body: dict[str, Any]) -> str:
    return _sha256(canonical(body))
