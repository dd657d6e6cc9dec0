"""From application to agreement (convenio): the steps of the Azogues thesis after a proposal is sent (brief §4.2).

- An `Application` sends one of the parish's proposals to a registered cooperant (optionally for one of its calls),
  with the GAD's short capacity checklist (staff, counterpart funds, experience with this cooperant).
- The cooperant's answer is recorded once: accepted, to be reformulated, a new proposal asked for, or rejected.
- An accepted application of a proposal the junta approved («Financiada» or «En ejecución»: COPFP Art. 69, the
  thesis's ordinance Art. 13, brief R11) becomes an `Agreement`: dates, amounts by source (cooperant, GAD counterpart, community),
  each party's obligations and an annex of indicators (baseline, target, unit). It is numbered per parish and year
  and stored like a board decision: by the board (or admin), never edited afterwards, in the append-only log.
Rights and rules are checked against what is STORED (the application's answer), not what the caller passes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from core import fmt
from core.cooperation import calls as call_records
from core.cooperation import cooperants, proposal_follow
from core.data import rural
from core.proposals.models import CENT, ID_PATTERN, ProposalStatus
from core.record import facts, overlay
from core.record.auth import Accounts, Action, User, require
from core.record.numbering import next_number
from core.record.store import (
    Change,
    ChangedMeanwhileError,
    ConflictError,
    Store,
    StoredRecord,
    StoreError,
    Unchanged,
)
from core.texts import label, t
from core.user_text import Line, Lines, entered

APPLICATION, AGREEMENT = "application", "agreement"
CLOSING = "closing_evaluation"  # the kind of core.cooperation.closing's records: an agreement evaluated is closed
Answer = Literal["accepted", "reformulate", "new_proposal", "rejected"]
Party = Literal["cooperant", "gad", "community"]
# The statuses of a proposal the junta approved (COPFP Art. 69; brief R11): an agreement is signed only for these.
SIGNABLE = frozenset({ProposalStatus.FUNDED, ProposalStatus.IN_EXECUTION})


class Capacity(BaseModel):
    """The GAD's capacity before formulating (thesis step 3): yes/no on the three points, and a note."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    staff: bool = False  # someone in the GAD can run the project
    counterpart_funds: bool = False  # the counterpart is reserved in the budget
    experience: bool = False  # the GAD has worked with this cooperant before
    note: Lines | None = Field(default=None, max_length=1000)

    def gaps(self) -> list[str]:
        return [t(f"agr.capacity.{name}") for name in ("staff", "counterpart_funds", "experience")
                if not getattr(self, name)]


class Application(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    application_id: str = Field(pattern=ID_PATTERN)
    parish_code: str = Field(pattern=r"^\d{6}$")
    proposal_id: str = Field(pattern=ID_PATTERN)
    cooperant_id: str = Field(pattern=ID_PATTERN)
    call_id: str | None = Field(default=None, pattern=ID_PATTERN)
    submitted_on: dt.date
    capacity: Capacity = Field(default_factory=Capacity)
    answer: Answer | None = None
    answered_on: dt.date | None = None
    answer_note: Lines | None = Field(default=None, max_length=2000)


class Obligation(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    party: Party
    text: Lines = Field(min_length=3, max_length=1000)


class AnnexIndicator(BaseModel):
    """An indicator of the agreement's annex: what is measured, in which unit, from where to where."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    name: Line = Field(min_length=3, max_length=300)
    unit: Line = Field(min_length=1, max_length=60)
    baseline: float
    target: float
    means_of_verification: Lines = Field(min_length=3, max_length=500)


class AgreementDraft(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    application_id: str = Field(pattern=ID_PATTERN)
    signed_on: dt.date
    start_date: dt.date
    end_date: dt.date
    cooperant_usd: float = Field(ge=0)
    gad_usd: float = Field(ge=0)
    community_usd: float = Field(default=0.0, ge=0)
    obligations: list[Obligation] = Field(default_factory=list)
    indicators: list[AnnexIndicator] = Field(min_length=1)
    report_every_months: int = Field(default=3, ge=1, le=12)
    mremh_registration: Line | None = Field(default=None, max_length=60)

    @model_validator(mode="after")
    def _consistent(self) -> AgreementDraft:
        if self.end_date <= self.start_date:
            raise ValueError(t("agr.err.dates", start=fmt.date(self.start_date), end=fmt.date(self.end_date)))
        if self.total_usd <= 0:
            raise ValueError(t("agr.err.no_money"))
        return self

    @property
    def total_usd(self) -> float:
        return self.cooperant_usd + self.gad_usd + self.community_usd

    def by_source(self) -> dict[str, float]:
        return {"cooperant": self.cooperant_usd, "gad": self.gad_usd, "community": self.community_usd}


class Agreement(AgreementDraft):
    agreement_id: str  # "<parish>-CONV-<year>-<nnn>"
    number_es: str  # "CONV-2027-001"
    parish_code: str
    proposal_id: str
    cooperant_id: str
    recorded_by: str  # username
    recorded_by_name: str = ""  # their name when recording (blank in agreements recorded before names were kept)
    recorded_at: str


def applications(store: Store, parish_code: str) -> list[Application]:
    return [Application.model_validate(r.body) for r in store.records(APPLICATION, parish_code)]


def agreements(store: Store, parish_code: str) -> list[Agreement]:
    return sorted((Agreement.model_validate(r.body) for r in store.records(AGREEMENT, parish_code)),
                  key=lambda a: a.agreement_id)


def closed_on(store: Store, agreement_id: str) -> dt.date | None:
    """The date of the agreement's earliest closing evaluation (by any evaluator), None while none is recorded: from
    then on it takes no report (core.cooperation.monitoring) nor mid-term evaluation (core.cooperation.reviews)."""
    return min((dt.date.fromisoformat(r.body["evaluated_on"]) for r in store.records(CLOSING)
                if r.body.get("agreement_id") == agreement_id), default=None)


def submit(store: Store, user: User | None, application: Application) -> Application:
    """Record that a proposal was sent to a cooperant (planners); the cooperant must be registered."""
    application = entered(application)
    rural.require_rural(application.parish_code)
    facts.require_past(application.submitted_on, label("field", "submitted_on"))
    # the parish of the application is its stored proposal's (checked below): a planner tied to a parish, its own
    actor = Accounts(store).require(user, Action.EDIT_OFFER, parish_code=application.parish_code)
    overlay.refuse_taken(store, APPLICATION, application.application_id)  # «already in use», not «someone else»
    cooperant = overlay.current(store, cooperants.KIND, application.cooperant_id)
    if cooperant is None or cooperant.deleted:
        raise ValueError(t("coop.err.unknown_cooperant", cooperant=application.cooperant_id))
    proposal = overlay.current(store, "proposal", application.proposal_id)
    if proposal is None or proposal.deleted or proposal.body.get("parish_code") != application.parish_code:
        raise ValueError(t("agr.err.no_proposal", proposal=application.proposal_id))
    read = [Unchanged(cooperants.KIND, cooperant.record_id, cooperant.version),
            Unchanged("proposal", proposal.record_id, proposal.version)]  # still as checked when it is stored
    if application.call_id is not None:
        call, read_call = _call(store, application.call_id)
        read.append(read_call)
        if call is None or call.cooperant_id != application.cooperant_id:
            raise ValueError(t("agr.err.call_elsewhere", call=application.call_id))
        if application.submitted_on < call.open_date:  # a call takes applications once it opens
            raise ValueError(t("agr.err.call_not_open", call=call.call_id, open=fmt.date(call.open_date),
                               submitted=fmt.date(application.submitted_on)))
        if application.submitted_on > call.close_date:  # thesis §3.3.2 j: sent by the call's closing date
            raise ValueError(t("agr.err.call_closed", call=call.call_id, close=fmt.date(call.close_date),
                               submitted=fmt.date(application.submitted_on)))
    fresh = application.model_copy(update={"answer": None, "answered_on": None, "answer_note": None})
    store.save(APPLICATION, fresh.application_id, fresh.model_dump(mode="json"), actor=actor.username,
               parish_code=fresh.parish_code, expected_version=0, action=t("log.action.submit_application"),
               unchanged=read, changed=t("agr.err.changed_before_sending", proposal=application.proposal_id))
    return fresh


def record_answer(store: Store, user: User | None, application_id: str, answer: Answer, on: dt.date,
                  note: str | None = None) -> Application:
    """The cooperant's answer, once: a stored answer is never changed (a new application follows a reformulation)."""
    actor = Accounts(store).require(user, Action.EDIT_OFFER)
    stored = store.get(APPLICATION, application_id)
    if stored is None or stored.deleted:
        raise ValueError(t("agr.err.no_application", application=application_id))
    current = Application.model_validate(stored.body)
    require(actor, Action.EDIT_OFFER, parish_code=stored.parish_code or current.parish_code)  # the stored parish's
    if current.answer is not None:
        raise ValueError(t("agr.err.answered", application=application_id))
    if on < current.submitted_on:
        raise ValueError(t("agr.err.answer_before", date=fmt.date(current.submitted_on)))
    facts.require_past(on, label("field", "answered_on"))
    answered = entered(current.model_copy(update={"answer": answer, "answered_on": on, "answer_note": note}))
    store.save(APPLICATION, application_id, answered.model_dump(mode="json"), actor=actor.username,
               expected_version=stored.version, action=t("log.action.answer_application"))
    return answered


def _call(store: Store, call_id: str) -> tuple[call_records.Call | None, Unchanged]:
    """The live call with this id (None when there is none), and the version read."""
    record = overlay.current(store, call_records.KIND, call_id)
    live = record is not None and not record.deleted
    return (call_records.Call.model_validate(record.body) if live else None,
            Unchanged(call_records.KIND, call_id, record.version if record else 0))


def require_approved(store: Store, proposal_id: str) -> Unchanged:
    """ValueError (Spanish) unless the STORED proposal was approved by the junta (COPFP Art. 69, ordinance Art. 13,
    brief R11): «Financiada», or already «En ejecución». A proposal only presented, scored or closed is not signed.
    Returns the version read: a write that relies on it keeps it `unchanged` (core.record.store)."""
    stored = overlay.current(store, "proposal", proposal_id)
    status = stored.body.get("status") if stored is not None and not stored.deleted else None
    if status not in SIGNABLE:
        raise ValueError(t("agr.err.not_approved", proposal=proposal_id,
                           status=label("proposal_status", status) if status else t("agr.err.no_status")))
    return Unchanged("proposal", proposal_id, stored.version)


def require_start_after_signing(draft: AgreementDraft) -> None:
    """ValueError (Spanish, naming the field «Inicio») when the agreement starts before it is signed: its reports,
    dated from the start, would predate the signature. Checked when signing, not on the model, so an agreement stored
    before the rule still reads."""
    if draft.start_date < draft.signed_on:
        raise ValueError(t("agr.err.start_before_signed", field=label("field", "start_date"),
                           start=fmt.date(draft.start_date), signed=fmt.date(draft.signed_on)))


def require_indicators_once(draft: AgreementDraft) -> None:
    """ValueError (Spanish) when the annex names an indicator twice (compared without regard to case, accents or
    spacing): a report gives one value per indicator name, so the second would never be reported. Checked when
    signing, so an agreement stored before the rule still reads."""
    seen: dict[str, str] = {}
    for indicator in draft.indicators:
        plain = cooperants.plain_name(indicator.name)
        if plain in seen:
            raise ValueError(t("agr.err.indicator_twice", indicator=indicator.name, first=seen[plain]))
        seen[plain] = indicator.name


def sign(store: Store, user: User | None, draft: AgreementDraft) -> Agreement:
    """Number and store the agreement of an accepted application (board or admin), in one logged transaction."""
    user = Accounts(store).require(user, Action.APPROVE_DECISION)  # the stored account: its name is recorded
    draft = entered(draft)
    stored = store.get(APPLICATION, draft.application_id)
    if stored is None or stored.deleted:
        raise ValueError(t("agr.err.no_application", application=draft.application_id))
    application = Application.model_validate(stored.body)
    rural.require_rural(application.parish_code)
    user = Accounts(store).require(user, Action.APPROVE_DECISION, parish_code=application.parish_code)  # its junta's
    facts.require_past(draft.signed_on, label("field", "signed_on"))
    if application.answer != "accepted":
        raise ValueError(t("agr.err.not_accepted", application=draft.application_id))
    if application.answered_on is not None and draft.signed_on < application.answered_on:
        raise ValueError(t("agr.err.signed_before", date=fmt.date(application.answered_on)))
    require_start_after_signing(draft)
    require_indicators_once(draft)
    call, read_call = _call(store, application.call_id) if application.call_id else (None, None)
    # what the checks read: the save is refused if the proposal's status, the application or the call changes meanwhile
    approved = require_approved(store, application.proposal_id)
    read = [approved, Unchanged(APPLICATION, stored.record_id, stored.version), *([read_call] if read_call else [])]
    local = draft.gad_usd + draft.community_usd  # what the parish puts in: the counterpart a call asks for
    if call is not None and call.counterpart_required_pct and local < draft.total_usd * call.counterpart_required_pct / 100:
        raise ValueError(t("agr.err.counterpart", call=call.call_id, pct=fmt.number(call.counterpart_required_pct),
                           **fmt.amounts_named(needed=draft.total_usd * call.counterpart_required_pct / 100,
                                               local=local)))
    if call is not None and call.max_amount_usd is not None and draft.cooperant_usd > call.max_amount_usd + CENT:
        raise ValueError(t("agr.err.over_call_max", call=call.call_id, **fmt.amounts_named(max=call.max_amount_usd,
                                                                                 cooperant=draft.cooperant_usd)))
    year = draft.signed_on.year
    prefix = f"{application.parish_code}-CONV-{year}-"
    for _attempt in range(20):
        stored_agreements = store.records(AGREEMENT, application.parish_code, include_deleted=True)
        # on every read: of two signatures at once, the one that lost the number finds the other's agreement
        _require_not_signed(stored_agreements, draft.application_id)
        number = next_number((r.record_id for r in stored_agreements), prefix)
        agreement = Agreement(**draft.model_dump(), agreement_id=f"{prefix}{number:03d}",
                              number_es=f"CONV-{year}-{number:03d}", parish_code=application.parish_code,
                              proposal_id=application.proposal_id, cooperant_id=application.cooperant_id,
                              recorded_by=user.username, recorded_by_name=user.display_name,
                              recorded_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
        # a «Financiada» proposal is «En ejecución» from its signature, in the same transaction
        moved = proposal_follow.on_signing(store, application.proposal_id, agreement.number_es, draft.signed_on,
                                           approved.version)
        try:
            # expected_version=0: the number must still be free when the transaction commits.
            store.apply([Change(AGREEMENT, agreement.agreement_id, agreement.model_dump(mode="json"),
                                application.parish_code, expected_version=0, action=t("log.action.sign_agreement")),
                         *([moved] if moved else [])],
                        actor=user.username, unchanged=read,
                        changed=t("agr.err.changed", proposal=application.proposal_id))
        except ChangedMeanwhileError:
            # the other signature of two at once also moved the proposal: say it is signed, not merely changed
            _require_not_signed(store.records(AGREEMENT, application.parish_code), draft.application_id)
            raise
        except ConflictError:
            continue
        return agreement
    raise StoreError(t("agr.err.numbering"))


def _require_not_signed(stored_agreements: Iterable[StoredRecord], application_id: str) -> None:
    """ValueError (Spanish) when one of the stored agreements is the application's."""
    if any(not r.deleted and r.body.get("application_id") == application_id for r in stored_agreements):
        raise ValueError(t("agr.err.already_signed", application=application_id))
