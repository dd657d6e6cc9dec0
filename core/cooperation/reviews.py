"""The evaluation of an agreement while it runs: the mid-term evaluation and the audits (thesis §3.3.3, «Evaluation of
Results»: the project is evaluated «both in the middle of its progress, and at the moment of finalizing it», and
«external audits may be required depending on the agreement made with the donor, … during and at the end»).

- A mid-term evaluation (one per agreement; saving again replaces it and the log keeps both) has its date, who
  evaluated, the findings and a recommendation: continue, adjust (bigger changes agreed by all) or cancel (the funds
  are returned); adjust and cancel say why. Its date falls within the agreement's period.
- An audit has its date (from the agreement's start; a final audit may come after its end), the auditor, its kind
  (financial, compliance or performance), the findings and the observations, each resolved or not. Resolving an
  observation saves the audit again; an observation is never deleted.
- Either may name the public address of its report (`report_url`): the IATI export links it as a document of the
  activity (core.iati.agreements); without one, IATI has no place for it.

Seguimiento flags an agreement whose mid-term evaluation recommends cancelling or adjusting, or whose audits leave
observations open (`review_flags`). Every write checks the role (planners and admins) and the stored agreement.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Literal

from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field, model_validator

from core import fmt
from core.cooperation.agreements import AGREEMENT, CLOSING, Agreement, closed_on
from core.data import rural
from core.proposals.models import ID_PATTERN
from core.record import facts
from core.record.auth import Accounts, Action, User, require
from core.record.store import Change, Store, Unchanged
from core.texts import label, t
from core.user_text import Line, Lines, entered

MIDTERM, AUDIT = "midterm_evaluation", "agreement_audit"
Recommendation = Literal["continue", "adjust", "cancel"]
AuditKind = Literal["financial", "compliance", "performance"]
REVIEW_FLAGS = ("midterm_change", "audit_open")


class MidtermEvaluation(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    agreement_id: str = Field(pattern=ID_PATTERN)
    evaluated_on: dt.date
    evaluator: Line = Field(min_length=2, max_length=120)
    findings: Lines = Field(min_length=3, max_length=4000)
    recommendation: Recommendation
    reason: Lines | None = Field(default=None, max_length=2000)
    report_url: AnyHttpUrl | None = None

    @model_validator(mode="after")
    def _change_explained(self) -> MidtermEvaluation:
        if self.recommendation != "continue" and not (self.reason or "").strip():
            raise ValueError(t("rev.err.reason"))
        return self

    @property
    def record_id(self) -> str:
        return f"{self.agreement_id}-intermedia"


class Observation(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    text: Lines = Field(min_length=3, max_length=2000)
    resolved: bool = False


class Audit(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    audit_id: str = Field(pattern=ID_PATTERN)
    agreement_id: str = Field(pattern=ID_PATTERN)
    audited_on: dt.date
    auditor: Line = Field(min_length=2, max_length=200)
    kind: AuditKind
    findings: Lines = Field(min_length=3, max_length=4000)
    observations: list[Observation] = Field(default_factory=list)
    report_url: AnyHttpUrl | None = None

    def open_observations(self) -> list[Observation]:
        return [o for o in self.observations if not o.resolved]


def _stored_agreement(store: Store, agreement_id: str) -> tuple[Agreement, Unchanged]:
    """The stored agreement and the version read (a write that relies on it keeps it `unchanged`)."""
    stored = store.get(AGREEMENT, agreement_id)
    if stored is None or stored.deleted:
        raise ValueError(t("mon.err.no_agreement", agreement=agreement_id))
    return Agreement.model_validate(stored.body), Unchanged(AGREEMENT, agreement_id, stored.version)


def midterm(store: Store, agreement_id: str) -> MidtermEvaluation | None:
    stored = store.get(MIDTERM, f"{agreement_id}-intermedia")
    return MidtermEvaluation.model_validate(stored.body) if stored and not stored.deleted else None


def save_midterm(store: Store, user: User | None, evaluation: MidtermEvaluation) -> MidtermEvaluation:
    """Store the mid-term evaluation of a stored agreement, dated within its period (planners)."""
    actor = Accounts(store).require(user, Action.EDIT_OFFER)
    evaluation = entered(evaluation)
    read = store.kinds_as_read([CLOSING])  # before `closed_on` reads the closing evaluations
    agreement, read_agreement = _stored_agreement(store, evaluation.agreement_id)
    require(actor, Action.EDIT_OFFER, parish_code=agreement.parish_code)  # a planner tied to another parish
    if not agreement.start_date <= evaluation.evaluated_on <= agreement.end_date:
        raise ValueError(t("rev.err.midterm_date", start=fmt.date(agreement.start_date),
                           end=fmt.date(agreement.end_date)))
    closed = closed_on(store, agreement.agreement_id)
    if closed is not None and evaluation.evaluated_on > closed:  # a project closed early is evaluated no more
        raise ValueError(t("rev.err.midterm_closed", number=agreement.number_es, closed=fmt.date(closed),
                           date=fmt.date(evaluation.evaluated_on)))
    facts.require_past(evaluation.evaluated_on, label("field", "evaluated_on"))
    rural.require_rural(agreement.parish_code)
    # a closing evaluation saved meanwhile (dated before this one) refuses it, to be checked again
    store.apply([Change(MIDTERM, evaluation.record_id, evaluation.model_dump(mode="json"), agreement.parish_code,
                        action=t("log.action.midterm"))], actor=actor.username, unchanged=[read_agreement],
                kinds_unchanged=read, changed=t("rev.err.midterm_changed", number=agreement.number_es))
    return evaluation


def audits(store: Store, agreement_id: str) -> list[Audit]:
    """The audits of an agreement, oldest first."""
    found = [Audit.model_validate(r.body) for r in store.records(AUDIT) if r.body.get("agreement_id") == agreement_id]
    return sorted(found, key=lambda a: (a.audited_on, a.audit_id))


def save_audit(store: Store, user: User | None, audit: Audit, expected_version: int | None = 0) -> Audit:
    """Store an audit of a stored agreement, dated from its start (planners); a new audit by default
    (`expected_version=0`: an existing id is refused). Saving it again may resolve observations, never drop one."""
    actor = Accounts(store).require(user, Action.EDIT_OFFER)
    audit = entered(audit)
    agreement, _read = _stored_agreement(store, audit.agreement_id)
    require(actor, Action.EDIT_OFFER, parish_code=agreement.parish_code)  # a planner tied to another parish
    if audit.audited_on < agreement.start_date:
        raise ValueError(t("rev.err.audit_date", start=fmt.date(agreement.start_date)))
    facts.require_past(audit.audited_on, label("field", "audited_on"))
    rural.require_rural(agreement.parish_code)
    previous = store.get(AUDIT, audit.audit_id)
    if previous is not None and not previous.deleted:
        before = Audit.model_validate(previous.body)
        kept = audit.observations[:len(before.observations)]
        if before.agreement_id != audit.agreement_id or [o.text for o in kept] != [
                o.text for o in before.observations] or any(b.resolved and not a.resolved
                                                             for a, b in zip(kept, before.observations, strict=True)):
            raise ValueError(t("rev.err.audit_changed", audit=audit.audit_id))
    store.save(AUDIT, audit.audit_id, audit.model_dump(mode="json"), actor=actor.username,
               parish_code=agreement.parish_code, expected_version=expected_version, action=t("log.action.audit"))
    return audit


def resolve(store: Store, user: User | None, audit_id: str, texts: Sequence[str]) -> Audit:
    """Mark the audit's observations with these texts as resolved, saving the audit again (planners)."""
    stored = store.get(AUDIT, audit_id)
    if stored is None or stored.deleted:
        raise ValueError(t("rev.err.no_audit", audit=audit_id))
    audit = Audit.model_validate(stored.body)
    chosen = set(texts)
    resolved = [o.model_copy(update={"resolved": True}) if o.text in chosen else o for o in audit.observations]
    return save_audit(store, user, audit.model_copy(update={"observations": resolved}), expected_version=stored.version)


def review_flags(store: Store, agreement_id: str, closed: bool = False) -> dict[str, bool]:
    """`midterm_change`: the mid-term evaluation recommends adjusting or cancelling, while the agreement is not
    `closed` (its closing evaluation settled the course); `audit_open`: an audit has observations not resolved."""
    evaluation = midterm(store, agreement_id)
    return {"midterm_change": not closed and evaluation is not None and evaluation.recommendation != "continue",
            "audit_open": any(a.open_observations() for a in audits(store, agreement_id))}


def review_rows(evaluation: MidtermEvaluation | None, items: Sequence[Audit]) -> list[list[object]]:
    """The mid-term evaluation and the audits as rows for the final report: [what, date, who, findings, result]."""
    rows: list[list[object]] = []
    if evaluation is not None:
        result = t(f"rev.recommendation.{evaluation.recommendation}")
        if evaluation.reason:
            result += f": {evaluation.reason}"
        rows.append([t("rev.midterm"), fmt.date(evaluation.evaluated_on), evaluation.evaluator, evaluation.findings,
                     result])
    for audit in items:
        observations = "; ".join(t("rev.observation.resolved" if o.resolved else "rev.observation.open", text=o.text)
                                 for o in audit.observations) or t("rev.observation.none")
        rows.append([t("rev.audit", kind=t(f"rev.kind.{audit.kind}")), fmt.date(audit.audited_on), audit.auditor,
                     audit.findings, observations])
    return rows
