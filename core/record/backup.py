"""Backups of the whole store, and a restore that checks everything before it replaces anything.

A backup is the store file alone (SQLite online backup): the installation's signing key is not in it (see
core.record.signing), so a backup cannot be re-signed by whoever holds a copy.

A restore is refused, leaving the current store untouched, unless the candidate:
- is a Minga store whose tables, triggers and indexes are exactly those of a new store (no extra trigger, view or
  table: a look-alike trigger could make a stored decision differ from what core returns);
- holds only records of known kinds, each valid against its model;
- has an intact log (core.record.ledger) signed with THIS installation's key; a backup of another installation,
  whose log is intact and whose every entry is signed with the key it names (a backup of this installation with
  entries added under another key is not), is refused unless the administrator adopts it, after comparing the
  key's fingerprint with that installation's: the restore entry (signed here) then names the adopted key, which
  vouches for the entries before it;
- is confirmed by an administrator of the current store with their password, after seeing the backup's users.
The restore itself is logged, with the head before and after; a backup that lacks decisions the store holds (or
holds them as they were before) is restored only when the administrator accepts losing them, and the entry names
them.
"""

from __future__ import annotations

import importlib
import json
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from core.record import decisions, signing, store_schema
from core.record.auth import Accounts, PermissionDenied, Role, User
from core.record.ledger import open_read_only, verify_store
from core.record.store import Store, StoreError
from core.record.store_schema import SCHEMA_VERSION
from core.texts import label, t


class DemoFlag(BaseModel):
    """The one `system` record: whether the demo was loaded."""

    model_config = ConfigDict(extra="forbid")
    seeded: bool


class BoardBudget(BaseModel):
    """The `budget` record: a parish's budget and rules (core.engine.scenarios.set_board_budget)."""

    model_config = ConfigDict(extra="forbid")
    parish_code: str
    rules: dict

    @model_validator(mode="after")
    def _rules_are_allocation_rules(self) -> BoardBudget:
        _resolve(_BUDGET_RULES).model_validate(self.rules)
        return self


# kind -> "module:Model" of its body. Resolved when a backup is checked: the models live in the modules that own
# each kind, some of which build on this package.
RECORD_MODELS = {
    "proposal": "core.proposals.models:Proposal", "offer": "core.proposals.offers:CooperationOffer",
    "pdot_objective": "core.data.schemas.catalogues:PdotObjective", "scenario": "core.engine.scenarios:Scenario",
    "budget": "core.record.backup:BoardBudget", "meeting": "core.record.meeting_models:Meeting",
    "ballot": "core.record.meeting_models:Ballot", "private_score": "core.record.meeting_models:PrivateScore",
    "decision": "core.record.decision_models:Decision", "user": "core.record.auth:User",
    "system": "core.record.backup:DemoFlag",
    "cooperant": "core.cooperation.cooperants:Cooperant", "call": "core.cooperation.calls:Call",
    "application": "core.cooperation.agreements:Application", "agreement": "core.cooperation.agreements:Agreement",
    "agreement_report": "core.cooperation.monitoring:Report",
    "closing_evaluation": "core.cooperation.closing:ClosingEvaluation",
    "midterm_evaluation": "core.cooperation.reviews:MidtermEvaluation", "agreement_audit": "core.cooperation.reviews:Audit",
    "proposal_stage": "core.cooperation.stages:StageEvidence", "stage_rule": "core.cooperation.stages:StageRule",
    "iati_publisher": "core.iati.identifiers:Publisher",
    "pairwise": "core.record.meeting_models:Pairwise", "board": "core.record.junta:Board",
    "web_session": "core.record.web_sessions:WebSession",
    "parish_association": "core.parish.models:ParishAssociation", "survey_answer": "core.parish.models:SurveyAnswer",
    "parish_aid": "core.parish.models:ParishAid", "parish_problem": "core.parish.models:ParishProblem",
}
_BUDGET_RULES = "core.engine.allocation:AllocationRules"


class RestoreRefused(StoreError):
    """The backup was not restored; the message says why, in Spanish."""


@dataclass(frozen=True)
class BackupUser:
    username: str
    display_name: str
    role_es: str
    active: bool


@dataclass(frozen=True)
class BackupReport:
    """What a candidate backup holds and whether it may replace the store."""

    entries: int
    head: signing.SignedHead | None
    users: tuple[BackupUser, ...]
    problems: tuple[str, ...]  # Spanish reasons to refuse it; empty when acceptable
    foreign_key: str | None  # another installation's public key (PEM) its log verifies with; None when ours
    # the decisions the store holds that the backup does not hold as they are now: a restore would take them out
    dropped: tuple[str, ...] = ()
    # the accounts of the store the backup gives back what was taken from them since: active again, administrator
    # again, or free of the parish they were tied to
    revived: tuple[str, ...] = ()

    @property
    def dropped_named(self) -> str:
        """The dropped decisions as the board knows them («2026-002 de El Valle (010170)»)."""
        return decisions.named(self.dropped)

    @property
    def revived_named(self) -> str:
        """The revived accounts as the administrator knows them («viejo (Ex administrador)»)."""
        shown = {u.username: u.display_name for u in self.users}
        return ", ".join(f"«{name}» ({shown.get(name, name)})" for name in self.revived)

    @property
    def acceptable(self) -> bool:
        return not self.problems


def backup_to(store: Store, destination: Path | str) -> Path:
    """A consistent copy of the whole store as one file (SQLite online backup)."""
    destination = Path(destination)
    target = sqlite3.connect(destination)
    try:
        store.copy_into(target)
    finally:
        target.close()
    return destination


def backup_bytes(store: Store) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        return backup_to(store, Path(folder) / "minga-respaldo.sqlite").read_bytes()


def _schema_problems(con: sqlite3.Connection) -> list[str]:
    extra, missing = store_schema.differences(con)
    if {"meta", "records", "audit_log"} <= {name for kind, name in missing if kind == "table"}:
        return [t("backup.not_minga")]  # an empty file or another program's database: not a list of our internals
    problems = [t(key, kind=label("schema_object", kind), name=name)
                for key, objects in (("backup.extra_object", extra), ("backup.missing_object", missing))
                for kind, name in objects]
    if problems:
        return problems
    meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
    if meta.get("schema_version") != str(SCHEMA_VERSION) or not set(meta) <= store_schema.META_KEYS:
        return [t("backup.meta", version=meta.get("schema_version", "—"))]
    return []


def _resolve(target: str) -> type[BaseModel]:
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)


def _model(kind: str) -> type[BaseModel] | None:
    target = RECORD_MODELS.get(kind)
    return _resolve(target) if target else None


def _revived(store: Store, accounts: list[User]) -> tuple[str, ...]:
    """The backup's `accounts` that the store holds deactivated, as other than administrator while the backup makes
    them one, or tied to a parish the backup does not tie them to (a planner since tied to its GAD's, a board member
    moved to another junta): restoring it would give them back a sign-in, the administration or a parish's work
    taken from them."""
    now = {u.username: u for u in Accounts(store).users()}
    return tuple(sorted(a.username for a in accounts if a.active and (ours := now.get(a.username)) is not None and (
        not ours.active or (a.role == Role.ADMIN and ours.role != Role.ADMIN)
        or (ours.parish_code is not None and a.parish_code != ours.parish_code))))


def _record_problems(con: sqlite3.Connection) -> tuple[list[str], list[User]]:
    problems: list[str] = []
    users: list[User] = []
    for kind, record_id, body_text, deleted in con.execute(
            "SELECT kind, record_id, body, deleted FROM records ORDER BY kind, record_id"):
        model = _model(kind)
        if model is None:
            problems.append(t("backup.unknown_kind", kind=label("record_kind", kind), record=record_id))
            continue
        try:
            body = json.loads(body_text)
            if kind == "user" and not isinstance(body.pop("password_hash", None), str):
                raise ValueError("password_hash")
            item = model.model_validate(body)
        except (ValueError, TypeError, ValidationError):
            problems.append(t("backup.invalid_record", kind=label("record_kind", kind), record=record_id))
            continue
        if isinstance(item, User) and item.username != record_id:  # would sign in as the account its body names
            problems.append(t("backup.user_code", record=record_id, username=item.username))
            continue
        if isinstance(item, User) and not deleted:
            users.append(item)
    return problems, users


def _dropped_decisions(store: Store, con: sqlite3.Connection) -> tuple[str, ...]:
    """The decisions of the store that the backup lacks, or holds at another version or with another body (recorded
    after it was taken): restoring it would undo them."""
    read = "SELECT record_id, version, body FROM records WHERE kind = 'decision' AND deleted = 0"
    theirs = {row[0]: row[1:] for row in con.execute(read)}
    ours = open_read_only(store.path)
    try:
        return tuple(row[0] for row in ours.execute(read + " ORDER BY record_id") if theirs.get(row[0]) != row[1:])
    finally:
        ours.close()


def inspect_backup(store: Store, candidate: Path | str) -> BackupReport:
    """Read a candidate backup without changing anything: its users, its head and every reason to refuse it."""
    candidate = Path(candidate)
    try:
        con = open_read_only(candidate)
        try:
            problems = _schema_problems(con)
            if problems:
                return BackupReport(0, None, (), tuple(problems), None)
            problems, users = _record_problems(con)
            dropped = _dropped_decisions(store, con)
            claimed = (con.execute("SELECT value FROM meta WHERE key = 'public_key'").fetchone() or [None])[0]
        finally:
            con.close()
        check = verify_store(candidate, key=store.public_key, anchor=None)
        foreign = None
        if any(f.check == "signature" for f in check.findings) and claimed and claimed != signing.public_pem(
                store.public_key):
            foreign = claimed  # signed elsewhere: is every entry signed with the key it names?
            check = verify_store(candidate, key=signing.load_public_pem(claimed), anchor=None, every_signature=True)
            if _first_entry(candidate) is not None and _first_entry(candidate) == _first_entry(store.path):
                problems.append(t("backup.our_history"))  # this store's own history, signed again elsewhere
    except (sqlite3.DatabaseError, ValueError) as exc:
        raise RestoreRefused(t("store.restore_refused", reason=t("store.not_sqlite"))) from exc
    except StoreError as exc:
        raise RestoreRefused(t("store.restore_refused", reason=str(exc))) from exc
    problems += [f.message for f in check.findings]
    shown = tuple(BackupUser(u.username, u.display_name, label("role", u.role), u.active) for u in users)
    return BackupReport(check.entries, check.head, shown, tuple(problems), foreign, dropped,
                        () if foreign else _revived(store, users))


def _first_entry(path: Path) -> str | None:
    """The hash of a store's first log entry: two stores that share it share their history."""
    con = open_read_only(Path(path))
    try:
        row = con.execute("SELECT hash FROM audit_log WHERE seq = 1").fetchone()
    finally:
        con.close()
    return row[0] if row else None


def restore(store: Store, candidate: Path | str, *, admin: User, password: str, adopt: bool = False,
            drop_decisions: bool = False, revive_accounts: bool = False) -> BackupReport:
    """Replace the store with `candidate` once every check passes; RestoreRefused (store untouched) otherwise. A backup
    that would undo decisions (`BackupReport.dropped`) is restored only with `drop_decisions`, one that would give
    accounts back a sign-in or the administration (`BackupReport.revived`) only with `revive_accounts`; the restore
    entry names them."""
    confirmed = Accounts(store).authenticate(admin.username, password)
    if confirmed is None or confirmed.role != Role.ADMIN:
        raise PermissionDenied(t("backup.password"))
    report = inspect_backup(store, candidate)
    if report.problems:
        raise RestoreRefused(t("store.restore_refused", reason=" ".join(report.problems[:3])))
    if report.foreign_key and not adopt:
        raise RestoreRefused(t("store.restore_refused", reason=t("backup.foreign")))
    if report.dropped and not drop_decisions:
        raise RestoreRefused(t("store.restore_refused", reason=t("backup.drops", decisions=report.dropped_named)))
    if report.revived and not revive_accounts:
        raise RestoreRefused(t("store.restore_refused", reason=t("backup.revives", accounts=report.revived_named)))
    before = store.head()
    payload = {"entries": report.entries, "previous_head": [before.seq, before.hash] if before else None,
               "restored_head": [report.head.seq, report.head.hash] if report.head else None}
    if report.foreign_key:
        payload["adopted_key"] = report.foreign_key
    if report.dropped:
        payload["dropped_decisions"] = list(report.dropped)
    if report.revived:
        payload["revived_accounts"] = list(report.revived)
    source = open_read_only(Path(candidate))
    try:
        store.replace_from(source, actor=confirmed.username, payload=payload)
    except sqlite3.DatabaseError as exc:
        raise RestoreRefused(t("store.restore_refused", reason=t("backup.copy_failed"))) from exc
    finally:
        source.close()
    return report
