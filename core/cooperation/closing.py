"""The closing evaluation of an agreement on the five criteria the Azogues thesis names (brief §4.2 step 9; the
OECD-DAC criteria): pertinencia, eficiencia, eficacia, impacto, sostenibilidad.

Scale (stated on screen and in the final report): 1 muy insatisfactorio, 2 insatisfactorio, 3 aceptable,
4 satisfactorio, 5 muy satisfactorio. Each score carries its evidence. The planner evaluates; the cooperant and the
association may add their own evaluation (one per evaluator role and agreement). The lessons (what worked, what
did not) are kept for the next call.

The evaluation closes the project (brief R14): it is saved once the agreement reached its end date or its newest
report says 100 % of physical progress; before that, only with the reason for closing early (a cancellation, a
project finished ahead of time).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from core import fmt
from core.cooperation import proposal_follow
from core.cooperation.agreements import AGREEMENT, CLOSING, Agreement, closed_on
from core.cooperation.agreements import agreements as agreements_of
from core.cooperation.monitoring import REPORT, Report, reports
from core.cooperation.reviews import MIDTERM, midterm
from core.data import rural
from core.record import facts
from core.record.auth import Accounts, Action, User, require
from core.record.store import Change, Store, Unchanged
from core.texts import label, t
from core.user_text import Line, Lines, entered

EVALUATION = CLOSING
Criterion = Literal["pertinencia", "eficiencia", "eficacia", "impacto", "sostenibilidad"]
CRITERIA: tuple[Criterion, ...] = ("pertinencia", "eficiencia", "eficacia", "impacto", "sostenibilidad")
SCALE = range(1, 6)
Evaluator = Literal["planner", "cooperant", "association"]
EARLY_REASON = 10  # characters: a reason for closing early says what happened


class CriterionScore(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    criterion: Criterion
    score: int = Field(ge=1, le=5)
    evidence: Lines = Field(min_length=3, max_length=2000)


class ClosingEvaluation(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    agreement_id: str
    evaluator: Evaluator
    evaluator_name: Line = Field(min_length=2, max_length=120)
    evaluated_on: dt.date
    scores: list[CriterionScore]
    lessons_positive: Lines | None = Field(default=None, max_length=4000)
    lessons_negative: Lines | None = Field(default=None, max_length=4000)
    # why the agreement is evaluated for closing before its end date without its work done (a cancellation, a
    # project finished early); None when it ended or the last report says 100 %
    early_reason: Lines | None = Field(default=None, max_length=2000)

    @field_validator("scores")
    @classmethod
    def _all_five(cls, value: list[CriterionScore]) -> list[CriterionScore]:
        given = [s.criterion for s in value]
        missing = [c for c in CRITERIA if c not in given]
        if missing or len(given) != len(set(given)):
            raise ValueError(t("close.err.criteria", missing=", ".join(t(f"close.criterion.{c}") for c in missing)
                               or t("close.err.repeated")))
        return sorted(value, key=lambda s: CRITERIA.index(s.criterion))

    @property
    def record_id(self) -> str:
        return f"{self.agreement_id}-{self.evaluator}"


def evaluations(store: Store, agreement_id: str) -> list[ClosingEvaluation]:
    found = [ClosingEvaluation.model_validate(r.body) for r in store.records(EVALUATION)
             if r.body.get("agreement_id") == agreement_id]
    return sorted(found, key=lambda e: ("planner", "cooperant", "association").index(e.evaluator))


def _require_after_stored(store: Store, agreement: Agreement, evaluation: ClosingEvaluation,
                          history: Sequence[Report]) -> None:
    """ValueError (Spanish, naming the field) when the agreement has a report (`history`, oldest first) ending after the
    closing evaluation, or a mid-term evaluation dated after it: closing it then would leave, after its closing,
    what a closed agreement never takes (monitoring.require_open, reviews.save_midterm), and the closing would judge
    a project the later records had moved past."""
    field = label("field", "evaluated_on")
    if history and history[-1].period_end > evaluation.evaluated_on:
        raise ValueError(t("close.err.before_report", report=history[-1].report_id, number=agreement.number_es,
                           period_end=fmt.date(history[-1].period_end), date=fmt.date(evaluation.evaluated_on),
                           field=field))
    review = midterm(store, agreement.agreement_id)
    if review is not None and review.evaluated_on > evaluation.evaluated_on:
        raise ValueError(t("close.err.before_midterm", number=agreement.number_es, field=field,
                           midterm=fmt.date(review.evaluated_on), date=fmt.date(evaluation.evaluated_on)))


def require_closable(store: Store, agreement: Agreement, evaluation: ClosingEvaluation) -> None:
    """ValueError (Spanish) when the closing evaluation comes before a stored report or the mid-term evaluation
    (`_require_after_stored`); when it comes before the agreement ends, the newest report is short of 100 % and no
    reason for closing early is given (brief R14, thesis §3.3.3: the evaluation of results ends the project with
    its final report). A reason given for a closing that is not early is refused too: the final report would print
    it as the reason the project closed early."""
    history = reports(store, agreement.agreement_id)  # oldest period first
    _require_after_stored(store, agreement, evaluation, history)
    given = (evaluation.early_reason or "").strip()
    progress = history[-1].physical_progress_pct if history else 0.0
    if evaluation.evaluated_on >= agreement.end_date or progress >= 100:
        if given:
            raise ValueError(t("close.err.not_early", number=agreement.number_es, end=fmt.date(agreement.end_date),
                               progress=fmt.number(progress, 0), reason=t("conv.close.early")))
        return
    if len(given) >= EARLY_REASON:
        return
    message = t("close.err.early", number=agreement.number_es, end=fmt.date(agreement.end_date),
                progress=fmt.number(progress, 0), reason=t("conv.close.early"))
    if given:  # a reason was written, too short to say what happened: not told to write one as if it were blank
        message += " " + t("close.err.early_short", given=given, minimum=EARLY_REASON)
    raise ValueError(message)


def save_evaluation(store: Store, user: User | None, evaluation: ClosingEvaluation) -> ClosingEvaluation:
    """Store the evaluation of a STORED agreement (planners record it, also on behalf of the cooperant and the
    association); a later save by the same evaluator replaces the earlier one, and the log keeps both."""
    actor = Accounts(store).require(user, Action.EDIT_OFFER)
    evaluation = entered(evaluation)
    # before `require_closable` reads the reports, and `_proposal_closed` the proposal's agreements and closings
    read = store.kinds_as_read([REPORT, MIDTERM, AGREEMENT, CLOSING])
    stored = store.get(AGREEMENT, evaluation.agreement_id)
    if stored is None or stored.deleted:
        raise ValueError(t("mon.err.no_agreement", agreement=evaluation.agreement_id))
    agreement = Agreement.model_validate(stored.body)
    require(actor, Action.EDIT_OFFER, parish_code=agreement.parish_code)  # a planner tied to another parish
    if evaluation.evaluated_on < agreement.start_date:
        raise ValueError(t("close.err.before_start"))
    require_closable(store, agreement, evaluation)
    facts.require_past(evaluation.evaluated_on, label("field", "evaluated_on"))
    rural.require_rural(agreement.parish_code)
    moved = _proposal_closed(store, agreement, evaluation)
    # a report saved meanwhile (its checks found no closing yet) refuses this one, to be checked again
    store.apply([Change(EVALUATION, evaluation.record_id, evaluation.model_dump(mode="json"), agreement.parish_code,
                        action=t("log.action.closing_evaluation")), *([moved] if moved else [])],
                actor=actor.username,
                unchanged=[Unchanged(AGREEMENT, stored.record_id, stored.version)], kinds_unchanged=read,
                changed=t("close.err.changed", number=agreement.number_es))
    return evaluation


def _proposal_closed(store: Store, agreement: Agreement, evaluation: ClosingEvaluation) -> Change | None:
    """The write that closes the agreement's proposal with this evaluation (core.cooperation.proposal_follow): the
    agreement closes on its earliest closing evaluation (agreements.closed_on), and the proposal once every agreement
    signed for it is closed; None while another of its agreements is still open."""
    dates = [e.evaluated_on for e in evaluations(store, agreement.agreement_id) if e.record_id != evaluation.record_id]
    closed = min([*dates, evaluation.evaluated_on])
    others = [a for a in agreements_of(store, agreement.parish_code)
              if a.proposal_id == agreement.proposal_id and a.agreement_id != agreement.agreement_id]
    if any(closed_on(store, other.agreement_id) is None for other in others):
        return None
    return proposal_follow.on_closing(store, agreement.proposal_id, agreement.number_es, agreement.signed_on, closed)


def scores_table(items: Sequence[ClosingEvaluation]) -> list[list[object]]:
    """Rows criterion × evaluator for the report: [criterion, score by each evaluator, evidence joined]."""
    rows = []
    for criterion in CRITERIA:
        scored = [next(s for s in e.scores if s.criterion == criterion) for e in items]
        rows.append([t(f"close.criterion.{criterion}"), *[s.score for s in scored],
                     " / ".join(s.evidence for s in scored)])
    return rows


def lessons(store: Store, agreements: Sequence[Agreement]) -> list[dict[str, str]]:
    """The lessons of the closing evaluations of these agreements, for the next call: one row per evaluation that
    kept one (agreement number, cooperant id, who evaluated, what worked, what did not)."""
    rows = []
    for agreement in agreements:
        for item in evaluations(store, agreement.agreement_id):
            if item.lessons_positive or item.lessons_negative:
                rows.append({"agreement": agreement.number_es, "cooperant_id": agreement.cooperant_id,
                             "evaluator": item.evaluator, "positive": item.lessons_positive or "",
                             "negative": item.lessons_negative or ""})
    return rows
