"""Do a record's logged versions go on counting? Asked by the verification (core.record.ledger) of each log entry
that writes a record or takes it out of the store, in the log's order.

The rule: each save of a record is its last logged version plus one. A removal (a demo reset: core.record.overlay)
is logged as the next version too, and the record written again afterwards goes on after the highest version its
log holds (core.record.logged_versions), so a version is never written twice for one record. A record deleted behind
the log's back and created again through Minga (an account, to open the first-administrator form) starts again at 1:
the log still chains and its last hash matches, but the version goes back, and it is named. One exception: version 1
just after a logged removal, as stores written before removed records went on counting numbered them.

Output: the Spanish finding for an entry that breaks the rule, else None.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from core.texts import label, t

Key = tuple[str, str]  # (kind, record_id)


@dataclass
class VersionSequence:
    last: dict[Key, object] = field(default_factory=dict)  # each record's last logged version (a removal's too)
    highest: dict[Key, int] = field(default_factory=dict)  # the highest whole version logged for it
    removed: set[Key] = field(default_factory=set)  # records whose last entry took them out of the store

    def written(self, kind: str, record_id: str, seq: int, version: object, *, sealed: bool = False) -> str | None:
        """An entry that wrote the record at `version`. `sealed`: an upgrade's seal, which logs each record's
        version as it found it (no body), and is not checked."""
        key = (kind, record_id)
        last, highest, after_removal = self.last.get(key), self.highest.get(key, 0), key in self.removed
        self._note(key, version)
        self.removed.discard(key)
        if sealed or not isinstance(last, int) or version == last + 1:
            return None
        if after_removal and version in (1, highest + 1):
            return None
        return t("ledger.version_back", kind=label("record_kind", kind), record=record_id, seq=seq, version=version,
                 last=last)

    def taken_out(self, kind: str, record_id: str, version: object) -> None:
        """An entry that took the record out of the store, logged as `version`."""
        self._note((kind, record_id), version)
        self.removed.add((kind, record_id))

    def _note(self, key: Key, version: object) -> None:
        self.last[key] = version
        if isinstance(version, int) and not isinstance(version, bool):
            self.highest[key] = max(self.highest.get(key, 0), version)


__all__ = ["VersionSequence"]
