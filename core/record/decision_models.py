"""What a decision is: the draft the board is asked to approve and the stored decision, with who attended and how
each voted, and how the votes are counted.

A draft stores its inputs (the candidates with their scores, the weights, the rules, the method), the result (funded
list, solver status), who attended and how each voted, and dissenting remarks (core.engine.scenarios builds it from
a scenario's run; core.record.decisions checks it against a run of the stored scenario now, core.engine.decision_run,
then numbers and stores it). It is approved with more votes for
than against; on a tie the vote of who presided decides.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    field_validator,
    model_serializer,
    model_validator,
)

from core import fmt
from core.texts import t

VoteChoice = Literal["for", "against", "abstain"]
Office = Literal["president", "secretary"]
KIND = "decision"
DEFAULT_BOARD_MEMBERS = 5  # a parish board: the president and four vocales (COOTAD art. 66)
NO_CANDIDATES = "NoCandidates"  # the solver's word a decision keeps when no proposal reached the allocation
BY_RULE = "ByRule"  # … and when a method's own rule (greedy, equal shares, equal split) made it, with no solver


def kept_solver_status(allocation_status: str, status: str, n_candidates: int) -> str:
    """The solver's word a new decision keeps: NO_CANDIDATES when no proposal reached the allocation (its acta says
    there was nothing to choose, not that the calculation is unconfirmed); BY_RULE when `status` is «heuristic» (a
    rule that does not seek the largest total, not an unconfirmed optimum); otherwise the allocation's own.
    Decisions recorded before keep theirs, so their actas print as they did."""
    if n_candidates == 0:
        return NO_CANDIDATES
    return BY_RULE if status == "heuristic" else allocation_status

class Attendee(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str = Field(min_length=1, max_length=120)
    role_es: str = Field(min_length=1, max_length=120)  # "Presidente", "Vocal", "Técnico", …
    votes: bool = True  # board members vote; advisers and staff attend without a vote
    vote: VoteChoice | None = None
    remark: str | None = Field(default=None, max_length=2000)
    signs_as: Office | None = None  # the president and the secretary sign the acta

    @model_validator(mode="after")
    def _vote_only_if_voting(self) -> Attendee:
        if not self.votes and self.vote is not None:
            raise ValueError(t("dec.err.no_vote_allowed", name=self.name))
        if self.votes and self.vote is None:
            raise ValueError(t("dec.err.vote_missing", name=self.name))
        return self


class FundedLine(BaseModel):
    model_config = ConfigDict(frozen=True)

    proposal_id: str
    title: str
    associations_es: str  # the proponent association(s), by name
    amount_usd: float = Field(ge=0)
    score: float


class LeftOutLine(BaseModel):
    model_config = ConfigDict(frozen=True)

    proposal_id: str
    title: str
    reason_es: str


class DecisionDraft(BaseModel):
    """What the board is asked to approve (built from a scenario)."""

    model_config = ConfigDict(frozen=True)

    parish_code: str = Field(pattern=r"^\d{6}$")
    parish_name: str
    date: dt.date
    scenario_name: str = Field(min_length=1, max_length=200)
    budget_usd: float = Field(ge=0)
    reserve_usd: float = Field(default=0, ge=0)
    method_es: str
    solver_status: str
    weights: dict[str, float]
    weights_es: dict[str, float] = Field(default_factory=dict)  # the same, with Spanish criterion names
    rules_es: list[str]
    funded: list[FundedLine]
    left_out: list[LeftOutLine] = Field(default_factory=list)
    total_score: float
    total_cost_usd: float
    justification_es: str = Field(default="", max_length=5000)
    inputs: dict[str, Any] = Field(default_factory=dict)  # candidates, scores, rules: enough to re-run
    meetings_es: list[str] = Field(default_factory=list)  # the advisory group's meeting whose scores it used
    need_meetings_es: list[str] = Field(default_factory=list)  # … whose vote on problems set the need criterion
    ballot_meetings_es: list[str] = Field(default_factory=list)  # … whose votes the proportional objective used
    # the funded proposals that meeting's evaluators did not score at all: their judged criteria are Minga's estimate
    unscored_es: list[str] = Field(default_factory=list)
    # each association of the candidates that got no project, named, with why («Flor de Mayo: ninguna de sus …»)
    uncovered_es: list[str] = Field(default_factory=list)
    attendees: list[Attendee]
    # who presided the session, one of the attendees (blank in decisions recorded before it was asked): they sign the
    # acta as its president and their vote breaks a tie, whatever their seat (a vocal presides when the president
    # is absent)
    presided_by: str = Field(default="", max_length=120)

    @model_validator(mode="before")
    @classmethod
    def _presiding_signs(cls, data: Any) -> Any:
        """The attendee who presided signs as the acta's president: their row is marked so. Refused (Spanish) when
        nobody among the attendees has that name, or another row signs as president."""
        if not isinstance(data, dict) or not str(data.get("presided_by") or "").strip():
            return data
        wanted = fmt.name_key(str(data["presided_by"]))
        rows = [a.model_dump() if isinstance(a, BaseModel) else dict(a) for a in data.get("attendees") or []]
        found = next((row for row in rows if fmt.name_key(str(row.get("name", ""))) == wanted), None)
        if found is None:
            raise ValueError(t("dec.err.presiding_absent", name=str(data["presided_by"]).strip()))
        for row in rows:
            if row is not found and row.get("signs_as") == "president":
                raise ValueError(t("dec.err.presiding_other", name=found["name"], other=row["name"]))
        if found.get("signs_as") == "secretary":
            raise ValueError(t("dec.err.presiding_secretary", name=found["name"]))
        found["signs_as"] = "president"
        return {**data, "attendees": rows, "presided_by": str(found["name"]).strip()}

    @field_validator("attendees")
    @classmethod
    def _someone_votes(cls, value: list[Attendee]) -> list[Attendee]:
        if not any(a.votes for a in value):
            raise ValueError(t("dec.err.nobody_votes"))
        names = [fmt.name_key(a.name) for a in value]
        if len(names) != len(set(names)):
            raise ValueError(t("dec.err.repeated_attendees"))
        for office in ("president", "secretary"):
            if sum(a.signs_as == office for a in value) > 1:
                raise ValueError(t("dec.err.two_offices", office=t(f"dec.office.{office}").lower()))
        if any(a.signs_as == "president" and not a.votes for a in value):
            raise ValueError(t("dec.err.president_votes"))
        return value


class Decision(DecisionDraft):
    """A stored decision: the draft plus its number, outcome and who recorded it."""

    decision_id: str  # "<parish>-<year>-<nnn>"
    number_es: str  # "2026-003"
    votes_for: int
    votes_against: int
    abstentions: int
    approved: bool
    recorded_by: str  # username
    recorded_by_name: str = ""  # their name when recording (blank in decisions recorded before names were kept)
    recorded_at: str
    board_members: int = DEFAULT_BOARD_MEMBERS
    quorum: int = DEFAULT_BOARD_MEMBERS // 2 + 1
    casting_vote: bool = False  # a tie decided by the president's vote

    @model_serializer(mode="wrap")
    def _as_stored(self, dump: SerializerFunctionWrapHandler) -> dict[str, Any]:
        """A decision recorded before a field was added dumps as it was stored (no blank name, no empty list of the
        meetings that gave need or ballots): the acta prints the hash of this dump, which the log must still match."""
        body = dump(self)
        for added_later in ("recorded_by_name", "need_meetings_es", "ballot_meetings_es", "unscored_es",
                            "presided_by", "uncovered_es"):
            if not body.get(added_later):
                body.pop(added_later, None)
        return body


def with_presiding(draft: DecisionDraft, name: str | None) -> DecisionDraft:
    """The draft with who presided the session (`name`, one of its attendees); ValueError (Spanish) otherwise."""
    if not (name or "").strip():
        raise ValueError(t("dec.err.no_presiding"))
    return DecisionDraft.model_validate({**draft.model_dump(), "presided_by": name})


def presiding(decision: DecisionDraft) -> Attendee | None:
    """The attendee who presided (signs as the acta's president); None when nobody was marked."""
    return next((a for a in decision.attendees if a.signs_as == "president"), None)


def president_vote(attendees: list[Attendee]) -> VoteChoice | None:
    """How the person who presides voted (None when nobody presides or they have no vote)."""
    return next((a.vote for a in attendees if a.signs_as == "president" and a.votes), None)


def count_board_votes(attendees: list[Attendee]) -> tuple[int, int, int, bool]:
    """(for, against, abstain, approved): more votes for than against; on a tie, the president's vote decides
    (approved only when the president voted for)."""
    votes_for = sum(1 for a in attendees if a.votes and a.vote == "for")
    against = sum(1 for a in attendees if a.votes and a.vote == "against")
    abstain = sum(1 for a in attendees if a.votes and a.vote == "abstain")
    if votes_for == against and votes_for > 0:
        return votes_for, against, abstain, president_vote(attendees) == "for"
    return votes_for, against, abstain, votes_for > against
