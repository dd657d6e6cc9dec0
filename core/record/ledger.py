"""Is the record intact? Every check of a store file that does not take the file's word for it.

Input: a store file (opened read-only), the installation's public key, the anchor file and any printed actas'
heads. Output: a `Verification` listing each problem found (Spanish, naming the entry or record) and each check
that could not run (no key, no anchor). The checks:

- chain: entries numbered 1..n with no gap, each hash recomputed and linked to the one before;
- signatures: every entry signed with the installation's key (a log rewritten with fresh hashes is not);
- records: every stored record is exactly the row its last log entry describes (`record_hash`), held once, and every
  record the log wrote, and did not log as removed afterwards (core.record.overlay), is still there; each save goes
  on from the record's last logged version, after a removal too (core.record.version_sequence);
- schema: the tables, triggers and indexes of a new store, no more and no fewer (core.record.store_schema), and
  the store's own version and key (a schema set back to 1 would have the next opening seal every record), and no
  other row in `meta` (a backup carrying one is refused);
- anchor: the store's head is not behind the anchor kept outside the store, nor a different history;
- actas: the store reaches each printed head, each acta's decision is the one logged, and its whole text is the
  text Minga prints for that decision (a constancia copied onto other content does not pass).
"""

from __future__ import annotations

import contextlib
import itertools
import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from core.fmt import listing, number
from core.record import constancia, signing, store_schema
from core.record.constancia import ActaHead
from core.record.hashing import GENESIS, body_hash, entry_hash, record_hash
from core.record.row_guard import AS_MINGA_WRITES, PAYLOAD
from core.record.store import Store, StoreError
from core.record.store_schema import SCHEMA_VERSION
from core.record.version_sequence import VersionSequence
from core.texts import label, t, t_count

_REQUIRED_TABLES = ("meta", "records", "audit_log")


@dataclass(frozen=True)
class Finding:
    check: str  # chain, signature, records, schema, anchor, acta
    message: str  # Spanish, names the entry or record
    seq: int | None = None


@dataclass(frozen=True)
class Verification:
    entries: int
    head: signing.SignedHead | None
    findings: tuple[Finding, ...] = ()
    not_run: tuple[str, ...] = ()  # Spanish: why a check could not run
    # Spanish: each acta asked for whose text could not be compared (another format, or not printable again):
    # its constancia was checked, but it is not vouched for (the command exits 1, not calling it forged)
    actas_not_compared: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.findings

    @property
    def first_broken(self) -> int | None:
        """The earliest log entry a problem was found at (None when none is tied to an entry)."""
        return min((f.seq for f in self.findings if f.seq is not None), default=None)

    @property
    def message(self) -> str:
        return self.findings[0].message if self.findings else t("log.ok", count=self.entries)


@dataclass
class _Log:
    """What the checks need from the log, read once."""

    entries: int = 0
    last_record_hash: dict[tuple[str, str], tuple[int, str]] = field(default_factory=dict)


_last_checks: dict[Path, tuple[tuple, Verification]] = {}  # store file -> (its state, the result for that state)


def verify_store_cached(store: Store) -> Verification:
    """`store.verify()`, reused while the store, its write-ahead log and its anchor are unchanged on disk.

    Any write, by Minga or by anyone else, changes a file's change time (ctime), which, unlike the modification
    time, no one can set back; the next call then checks everything again. A page opened twice without a change in
    between costs a few file stats.
    """
    state = tuple(file_state(p) for p in (store.path, Path(f"{store.path}-wal"), store.anchor_path))
    cached = _last_checks.get(store.path)
    if cached is not None and cached[0] == state:
        return cached[1]
    result = store.verify()
    _last_checks[store.path] = (state, result)
    return result


def file_state(path: Path) -> tuple[int, ...] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    if status.st_size == 0:  # an empty write-ahead log holds nothing, as a missing one: a reader opening the store
        return None  # creates it, or touches its change time
    return status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns


def open_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection to any path (`#`, `?`, spaces, accents: the URI is percent-encoded)."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def verify_store(path: Path | str, *, key: Ed25519PublicKey | None, anchor: Path | None,
                 actas: Iterable[ActaHead] = (), every_signature: bool = False,
                 anchor_expected: bool = False) -> Verification:
    """Every check on the store at `path`. Raises StoreError when the file is missing or not a Minga store.

    `every_signature`: check each entry's signature with `key`, not only the head's (a backup of another
    installation: entries signed with two keys must not pass as signed with the one the file names).
    `anchor_expected`: the anchor's folder is the installation's own (the store's keys are there), so an anchor
    missing there over a log with entries is a finding, not a check that could not run. An anchor that is there
    but unreadable, or records no entry, always is."""
    path = Path(path)
    if not path.is_file():
        raise StoreError(t("store.missing_file", path=path))
    try:
        con = open_read_only(path)
        try:
            return _verify(con, key, anchor, list(actas), every_signature, anchor_expected)
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise StoreError(t("store.not_sqlite")) from exc


def _verify(con: sqlite3.Connection, key: Ed25519PublicKey | None, anchor: Path | None,
            actas: list[ActaHead], every_signature: bool = False, anchor_expected: bool = False) -> Verification:
    tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "meta" not in tables or (con.execute("SELECT value FROM meta WHERE key = 'application'").fetchone()
                                or [None])[0] != "minga":
        raise StoreError(t("store.not_minga"))
    missing = [name for name in _REQUIRED_TABLES if name not in tables]
    if missing:
        return Verification(0, None, (Finding("chain", t("ledger.tables_missing", tables=", ".join(missing))),))
    if "signature" not in {row[1] for row in con.execute("PRAGMA table_info(audit_log)")}:
        return Verification(0, None, (Finding("signature", t("ledger.old_format")),))
    findings: list[Finding] = []
    not_run: list[str] = []
    uncompared: list[str] = []
    declared = None if key is not None else _declared_key(con)
    log = _check_chain(con, key or declared, findings, every_signature)
    _check_schema(con, key, findings)
    if declared is not None:
        not_run.append(t("ledger.not_run.key_declared", fingerprint=signing.fingerprint(declared)))
    elif key is None:
        not_run.append(t("ledger.not_run.key"))
    head = _head(con)
    _check_records(con, log, findings)
    anchored = signing.read_anchor(anchor) if anchor is not None else None
    if head is not None and anchor is not None and (anchored is None or anchored.seq <= 0) and \
            (anchor_expected or anchor.exists()):
        findings.append(Finding("anchor", t("ledger.anchor_lost", head=head.seq)))
    elif anchored is None:
        not_run.append(t("ledger.not_run.anchor", path=anchor or "—"))
    else:
        _check_head(anchored, t("ledger.source.anchor"), con, head, key, findings)
    for acta in actas:
        _check_head(acta.head, t("ledger.source.acta", file=acta.file), con, head, key, findings)
        _check_acta_decision(con, acta, findings, uncompared)
    return Verification(log.entries, head, tuple(findings), tuple(not_run), tuple(uncompared))


def _declared_key(con: sqlite3.Connection) -> Ed25519PublicKey | None:
    """The key the store names as its own: without the installation's key, the signatures are still checked
    against it (an entry planted unsigned, or rewritten under its old signature, fails), though a store re-signed
    whole with another key would pass; its fingerprint is shown, to compare with the installation's."""
    pem = (con.execute("SELECT value FROM meta WHERE key = 'public_key'").fetchone() or [None])[0]
    adopted = con.execute("SELECT 1 FROM audit_log WHERE kind = 'store' AND "
                          f"json_extract({PAYLOAD}, '$.adopted_key') IS NOT NULL LIMIT 1").fetchone()
    if adopted:  # after adopting another installation's backup the store names that key, not the one signing now
        return None
    try:
        return signing.load_public_pem(str(pem)) if pem else None
    except ValueError:
        return None


def _check_chain(con: sqlite3.Connection, key: Ed25519PublicKey | None, findings: list[Finding],
                 every_signature: bool = False) -> _Log:
    """Recompute the chain and note each record's last logged hash; then the signatures (_check_signatures)."""
    log = _Log()
    signed: list[tuple[int, str, str]] = []
    previous, broken = GENESIS, False
    rows = con.execute("SELECT seq, at, actor, action, kind, record_id, payload, prev_hash, hash, signature, "
                       f"json_extract({PAYLOAD}, '$.record_hash'), json_extract({PAYLOAD}, '$.removed'), "
                       f"json_extract({PAYLOAD}, '$.version'), json_type({PAYLOAD}, '$.body') IS NULL "
                       "FROM audit_log ORDER BY seq")
    versions = VersionSequence()
    for expected, row in enumerate(rows, start=1):
        (seq, at, actor, action, kind, record_id, payload, prev_hash, digest, signature, written, removed, version,
         sealed) = row
        log.entries = expected
        signed.append((seq, digest, signature))
        if written is not None:
            log.last_record_hash[(kind, record_id)] = (seq, written)
            if (back := versions.written(kind, record_id, seq, version, sealed=bool(sealed))) is not None:
                findings.append(Finding("records", back, seq))
        elif removed:
            log.last_record_hash.pop((kind, record_id), None)
            versions.taken_out(kind, record_id, version)
        if not broken:
            problem = None
            if seq != expected:
                problem = t("store.entry_missing", expected=expected, found=seq)
            elif prev_hash != previous:
                problem = t("store.entry_unlinked", seq=seq)
            elif entry_hash(seq, at, actor, action, kind, record_id, payload, prev_hash) != digest:
                named = label("record_kind", kind)  # mid-sentence: «la propuesta», never the code «proposal»
                problem = t("store.entry_modified", seq=seq, action=action, kind=named[:1].lower() + named[1:],
                            record=record_id)
            if problem:
                findings.append(Finding("chain", problem, min(seq, expected)))
                broken = True
        previous = digest
    if key is not None and signed:
        _check_signatures(con, key, signed, findings, chained=not broken and not every_signature,
                          all_signed=every_signature)
    return log


def _check_signatures(con: sqlite3.Connection, key: Ed25519PublicKey, entries: list[tuple[int, str, str]],
                      findings: list[Finding], *, chained: bool, all_signed: bool = False) -> None:
    """Name the first entry without a valid signature, checking as few signatures as that takes.

    When the chain holds, each hash chains every entry before it, so a valid signature on the last entry vouches
    for the whole log; whoever rewrites entry k must rehash every later one and cannot sign them, so from k on
    none is valid and a bisection finds k. When the chain is broken, every signature is checked in order.
    Entries written before signing existed (schema 1) carry none: allowed only before the first signed entry, and
    never with `all_signed` (a backup of another installation, checked under the key it names).
    Entries before an adopted backup's restore entry are signed with the key that entry names (core.record.backup).
    """
    adoptions = []
    for seq, pem in con.execute(f"SELECT seq, json_extract({PAYLOAD}, '$.adopted_key') FROM audit_log "
                                f"WHERE kind = 'store' AND json_extract({PAYLOAD}, '$.adopted_key') IS NOT NULL"):
        try:
            adoptions.append((seq, signing.load_public_pem(str(pem))))
        except ValueError:
            continue  # a planted key: the entry naming it is not validly signed either

    def valid(index: int) -> bool:
        seq, digest, signature = entries[index]
        signer = next((adopted for adopted_at, adopted in sorted(adoptions, key=lambda a: a[0]) if adopted_at > seq),
                      key)
        return bool(signature) and signing.signature_ok(signer, digest, signature)

    # entries before the first signed one are the old format; a log with no signature at all is broken from 1
    first_signed = 0 if all_signed else next((i for i, (_, _, sig) in enumerate(entries) if sig), 0)
    if not chained:
        low = high = next((i for i in range(first_signed, len(entries)) if not valid(i)), -1)
        if low < 0:
            return
    elif valid(len(entries) - 1):
        return
    else:
        low, high = first_signed, len(entries) - 1
    while low < high:
        middle = (low + high) // 2
        if valid(middle):
            low = middle + 1
        else:
            high = middle
    seq, _, signature = entries[low]
    wrong = "ledger.named_key" if all_signed else "ledger.bad_signature" if signature else "ledger.unsigned"
    findings.append(Finding("signature", t(wrong, seq=seq), seq))


def _check_schema(con: sqlite3.Connection, key: Ed25519PublicKey | None, findings: list[Finding]) -> None:
    """The objects of a new store and nothing else; the store's version; its key: this installation's, or the one
    the last adopted backup names (core.record.backup)."""
    extra, missing = store_schema.differences(con)
    for key_name, objects in (("ledger.extra_object", extra), ("ledger.missing_object", missing)):
        findings += [Finding("schema", t(key_name, kind=label("schema_object", kind), name=name))
                     for kind, name in objects]
    meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
    if meta.get("schema_version") != str(SCHEMA_VERSION):
        findings.append(Finding("schema", t("ledger.meta_version", version=meta.get("schema_version", "—"))))
    if set(meta) - store_schema.META_KEYS:  # nothing reads them, but every backup of the store would be refused
        findings.append(Finding("schema", t("ledger.meta_extra", keys=listing(sorted(set(meta) - store_schema.META_KEYS)))))
    if key is None:
        return
    adopted = con.execute(f"SELECT json_extract({PAYLOAD}, '$.adopted_key') FROM audit_log WHERE kind = 'store' AND "
                          f"json_extract({PAYLOAD}, '$.adopted_key') IS NOT NULL ORDER BY seq DESC LIMIT 1").fetchone()
    if meta.get("public_key") not in {signing.public_pem(key), adopted[0] if adopted else None}:
        findings.append(Finding("schema", t("ledger.meta_key")))


def _check_records(con: sqlite3.Connection, log: _Log, findings: list[Finding]) -> None:
    if log.entries == 0:
        stored = con.execute("SELECT count(*) FROM records").fetchone()[0]
        if stored:
            findings.append(Finding("records", t_count("ledger.log_empty", stored, count=stored)))
            return
    seen: set[tuple[str, str]] = set()
    for *row, as_written in con.execute(
            "SELECT kind, record_id, parish_code, body, version, deleted, updated_at, updated_by, "
            f"{AS_MINGA_WRITES} FROM records ORDER BY kind, record_id"):
        kind, record_id = str(row[0]), str(row[1])
        logged = log.last_record_hash.get((kind, record_id))
        named = {"kind": label("record_kind", kind), "record": record_id}
        if (kind, record_id) in seen:  # its key index rebuilt by hand over two rows: every list shows it twice
            findings.append(Finding("records", t("ledger.record_twice", **named)))
        seen.add((kind, record_id))
        if logged is None:
            findings.append(Finding("records", t("ledger.record_unlogged", **named)))
        elif not as_written or record_hash(*row) != logged[1]:
            findings.append(Finding("records", t("ledger.record_differs", **named, seq=logged[0]), logged[0]))
    with contextlib.suppress(sqlite3.OperationalError):  # no key index: the schema check names it
        rows, indexed = con.execute("SELECT (SELECT count(*) FROM records NOT INDEXED), (SELECT count(*) FROM records "
                                    "INDEXED BY sqlite_autoindex_records_1)").fetchone()
        if rows != indexed:  # a row only a table scan sees (the log's page places entries by it); the lists do not
            findings.append(Finding("records", t("ledger.records_unindexed", rows=number(rows), indexed=number(indexed))))
    for (kind, record_id), (seq, _) in sorted(log.last_record_hash.items()):
        if (kind, record_id) not in seen:
            named = {"kind": label("record_kind", kind), "record": record_id}
            findings.append(Finding("records", t("ledger.record_gone", **named, seq=seq), seq))


def _check_head(claimed: signing.SignedHead, source: str, con: sqlite3.Connection,
                head: signing.SignedHead | None, key: Ed25519PublicKey | None, findings: list[Finding]) -> None:
    """A head printed or anchored outside the store: the store must reach it, with the same hash there."""
    if claimed.seq == 0:
        return
    if key is not None and not signing.signature_ok(key, claimed.hash, claimed.signature):
        findings.append(Finding("anchor", t("ledger.head_unsigned", source=source, seq=claimed.seq)))
        return
    if head is None or head.seq < claimed.seq:
        findings.append(Finding("anchor", t("ledger.behind", source=source, seq=claimed.seq,
                                            head=head.seq if head else 0), head.seq + 1 if head else 1))
        return
    row = con.execute("SELECT hash FROM audit_log WHERE seq = ?", (claimed.seq,)).fetchone()
    if row is None or row[0] != claimed.hash:
        findings.append(Finding("anchor", t("ledger.forked", source=source, seq=claimed.seq), claimed.seq))


def _check_acta_decision(con: sqlite3.Connection, acta: ActaHead, findings: list[Finding],
                         uncompared: list[str]) -> None:
    """The decision an acta shows must be the body last logged for it at or before the acta's head; its text must be
    the one Minga prints for that body, and a visible electronic signature must lie in the room left to sign."""
    row = con.execute(f"SELECT seq, json_extract({PAYLOAD}, '$.body') FROM audit_log WHERE kind = 'decision' "
                      "AND record_id = ? AND seq <= ? ORDER BY seq DESC LIMIT 1",
                      (acta.decision_id, acta.head.seq)).fetchone()
    body = json.loads(row[1]) if row is not None and row[1] is not None else None
    logged = body is not None and body_hash(body) == acta.decision_hash
    again: constancia.PrintedActa | None = None
    if logged and acta.text and acta.format in constancia.PRINTABLE_FORMATS:
        with contextlib.suppress(Exception):  # a body an older version logged that today's model cannot print
            again = constancia.printed_again(body, acta.head, acta.format)
    # a visible signature outside the acta's signature slots (or on an acta not printed again) could cover its text
    misplaced = [t("constancia.added.annotations", page=page) for page, rect in acta.visible_signatures
                 if again is None or not any(slot.holds(page, rect) for slot in again.slots)]
    redrawn = [t("constancia.added.drawing", page=page) for page, (drawn, printed) in
               enumerate(itertools.zip_longest(acta.drawn, again.drawn if again else acta.drawn), start=1)
               if drawn != printed]
    added = list(dict.fromkeys([*acta.added, *misplaced, *redrawn]))
    if added:
        findings.append(Finding("acta", t("ledger.acta_added", file=acta.file, added=listing(added))))
    if not logged:
        findings.append(Finding("acta", t("ledger.acta_decision", file=acta.file, decision=acta.decision_id)))
    elif acta.text and acta.format not in constancia.PRINTABLE_FORMATS:
        uncompared.append(t("ledger.not_run.acta_format", file=acta.file))
    elif acta.text and again is None:  # printed with a font this machine lacks, or not printable again
        uncompared.append(t(constancia.not_printed_why(acta.format), file=acta.file))
    elif acta.text and acta.text != again.text:
        findings.append(Finding("acta", t("ledger.acta_text", file=acta.file, decision=acta.decision_id)))


def _head(con: sqlite3.Connection) -> signing.SignedHead | None:
    row = con.execute("SELECT seq, hash, signature FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    return signing.SignedHead(*row) if row else None
