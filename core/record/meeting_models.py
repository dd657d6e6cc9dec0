"""The advisory group's meeting as data: its participants and items, a participant's ballot (the study's weighted
vote), private scores and pairwise comparisons, and the weighted vote's tally.

In a weighted vote each participant spreads N votes (13 in the El Valle study) over the items, giving more to what
weighs more; the tally ranks items by votes. In private scoring each participant scores proposals 0–100 per
criterion (core.engine.criteria codes) without seeing the others. Storing them, and who may write what, is
core.record.meeting.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from core.engine.criteria import BY_CODE, CRITERIA
from core.texts import t
from core.user_text import Line

MEETING, BALLOT, PRIVATE_SCORE, PAIRWISE = "meeting", "ballot", "private_score", "pairwise"
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
JUDGED = tuple(c.code for c in CRITERIA if c.kind == "juicio")  # what the advisory group scores


class Participant(BaseModel):
    model_config = ConfigDict(frozen=True)

    participant_id: str
    name: Line = Field(min_length=1, max_length=120)
    institution: Line = Field(default="", max_length=120)
    username: str | None = None  # when the participant votes from their own phone
    association_id: str | None = Field(default=None, max_length=40)  # the association they represent, if any

    @field_validator("participant_id")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not _SLUG.fullmatch(value):  # `match` with `$` let a final line break through
            raise ValueError(t("ses.err.participant_code"))
        return value


class Meeting(BaseModel):
    model_config = ConfigDict(frozen=True)

    meeting_id: str = Field(pattern=r"^[A-Za-z0-9_.-]{1,60}$")
    parish_code: str = Field(pattern=r"^\d{6}$")
    title: Line = Field(min_length=1, max_length=200)
    date: dt.date
    subject: Literal["problems", "proposals"]
    item_ids: list[str] = Field(min_length=2)
    votes_per_participant: int = Field(default=13, ge=1, le=100)
    participants: list[Participant] = Field(min_length=1)
    status: Literal["open", "revealed", "closed"] = "open"
    # item → the associations behind it when the meeting closed (set by save_meeting, never by a caller): a closed
    # meeting's results do not move when a proposal names other proponents later
    proponents: dict[str, list[str]] | None = None

    @model_validator(mode="after")
    def _unique(self) -> Meeting:
        if len(set(self.item_ids)) != len(self.item_ids):
            raise ValueError(t("ses.err.repeated_items"))
        ids = [p.participant_id for p in self.participants]
        if len(set(ids)) != len(ids):
            raise ValueError(t("ses.err.repeated_participants"))
        accounts = [p.username for p in self.participants if p.username]
        if len(set(accounts)) != len(accounts):  # one account, two rows: two ballots and two scores per person
            raise ValueError(t("ses.err.repeated_accounts"))
        return self

    def participant(self, participant_id: str) -> Participant:
        for person in self.participants:
            if person.participant_id == participant_id:
                return person
        raise ValueError(t("ses.err.not_participant", participant=participant_id))


class Ballot(BaseModel):
    """One participant's votes: item → number of votes (whole, not negative)."""

    model_config = ConfigDict(frozen=True)

    meeting_id: str
    participant_id: str
    votes: dict[str, int]
    recorded_by: str | None = None  # the chair's username when entered for a participant without a device

    @field_validator("votes")
    @classmethod
    def _whole_and_positive(cls, value: dict[str, int]) -> dict[str, int]:
        for item, count in value.items():
            if count < 0:
                raise ValueError(t("ses.err.negative_votes", item=item))
        return {item: count for item, count in value.items() if count > 0}


class Pairwise(BaseModel):
    """One evaluator's pairwise comparisons: "a|b" → how many times criterion a matters more than b (1/9–9)."""

    model_config = ConfigDict(frozen=True)

    meeting_id: str
    participant_id: str
    judgments: dict[str, float]
    recorded_by: str | None = None

    def pairs(self) -> dict[tuple[str, str], float]:
        return {tuple(key.split("|", 1)): value for key, value in self.judgments.items()}  # type: ignore[misc]


class TallyRow(BaseModel):
    item_id: str
    votes: int
    voters: int  # participants who gave it at least one vote
    share: float  # of all votes cast (0–1)
    rank: int


class PrivateScore(BaseModel):
    model_config = ConfigDict(frozen=True)

    meeting_id: str
    participant_id: str
    proposal_id: str
    scores: dict[str, float]  # criterion → 0–100; a criterion left unscored is absent, not 50
    comment: str = Field(default="", max_length=1000)
    recorded_by: str | None = None  # the chair's username when entered for a participant without a device

    @field_validator("scores")
    @classmethod
    def _in_range(cls, value: dict[str, float]) -> dict[str, float]:
        for criterion, score in value.items():
            if not 0 <= score <= 100:  # the criterion by its Spanish name, as the scoring form shows it
                named = BY_CODE[criterion].label_es if criterion in BY_CODE else criterion
                raise ValueError(t("ses.err.score_range", criterion=named))
        return value


def results_shown(meeting: Meeting) -> bool:
    """Whether the tally and the scores may be shown: not while the meeting is open, so that nobody votes or
    scores after seeing how the others did (the chair reveals them, or closes the meeting)."""
    return meeting.status != "open"


def check_ballot(meeting: Meeting, ballot: Ballot) -> None:
    """Raise ValueError (Spanish) when the ballot does not fit the meeting's rules."""
    meeting.participant(ballot.participant_id)
    unknown = sorted(set(ballot.votes) - set(meeting.item_ids))
    if unknown:
        raise ValueError(t("ses.err.unknown_items", items=", ".join(unknown)))
    used = sum(ballot.votes.values())
    if used > meeting.votes_per_participant:
        raise ValueError(t("ses.err.too_many_votes", used=used, allowed=meeting.votes_per_participant,
                           extra=used - meeting.votes_per_participant))


def tally(meeting: Meeting, ballots: list[Ballot]) -> list[TallyRow]:
    """Items ranked by votes (ties keep the meeting's item order, and share the lower rank number)."""
    totals = {item: 0 for item in meeting.item_ids}
    voters = {item: 0 for item in meeting.item_ids}
    for ballot in ballots:
        check_ballot(meeting, ballot)
        for item, count in ballot.votes.items():
            totals[item] += count
            voters[item] += 1
    cast = sum(totals.values())
    order = sorted(meeting.item_ids, key=lambda item: (-totals[item], meeting.item_ids.index(item)))
    rows: list[TallyRow] = []
    for position, item in enumerate(order, start=1):
        rank = rows[-1].rank if rows and rows[-1].votes == totals[item] else position
        rows.append(TallyRow(item_id=item, votes=totals[item], voters=voters[item],
                             share=totals[item] / cast if cast else 0.0, rank=rank))
    return rows
