"""The board's decision: a scenario approved by vote, frozen with everything needed to reproduce it.

A decision stores its inputs (the candidates with their scores, the weights, the rules, the method),
the result (funded list, solver status), who attended and how each voted, and dissenting remarks.
It gets a number per parish and year (e.g. 2026-003) in the same transaction that stores it, and
once stored it is never edited: a correction is a new decision that says which one it replaces.

Quorum: the board's members with a vote who attend must reach the parish's quorum (by default an absolute
majority of the board, kind ``board`` in the store, set by the board); otherwise the decision is refused and
nothing is stored. It is approved with more votes for than against; on a tie the president's vote decides.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any, Literal, NamedTuple

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    ValidationError,
    field_validator,
    model_serializer,
    model_validator,
)

from core import fmt
from core.data import rural
from core.proposals.models import COMPETING, Proposal
from core.record import decision_lines, facts, row_guard
from core.record.auth import Accounts, Action, Position, Role, User
from core.record.store import Change, ChangedMeanwhileError, ConflictError, Store, StoredRecord, StoreError, Unchanged
from core.texts import t, t_count

VoteChoice = Literal["for", "against", "abstain"]
Office = Literal["president", "secretary"]
KIND = "decision"
BOARD_KIND = "board"
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


class Board(BaseModel):
    """The parish board's size and quorum; `quorum` None means an absolute majority of `members`."""

    model_config = ConfigDict(frozen=True)

    members: int = Field(default=DEFAULT_BOARD_MEMBERS, ge=1, le=50)
    quorum: int | None = Field(default=None, ge=1, le=50)

    @model_validator(mode="after")
    def _quorum_fits(self) -> Board:
        if self.quorum is not None and self.quorum > self.members:
            raise ValueError(t("dec.err.quorum_size", quorum=self.quorum, members=self.members))
        if self.quorum is not None and self.quorum < self.majority:  # never fewer than a majority
            raise ValueError(t("dec.err.quorum_below_majority", quorum=self.quorum, members=self.members,
                               majority=self.majority))
        return self

    @property
    def majority(self) -> int:
        """The absolute majority of the board."""
        return self.members // 2 + 1

    @property
    def required(self) -> int:
        return self.quorum if self.quorum is not None else self.majority

    @property
    def caption_es(self) -> str:
        """The board's size, quorum and how it approves, in Spanish («La junta tiene 1 miembro; …»)."""
        return t_count("dec.quorum_caption", self.members, members=self.members, quorum=self.required)


def board(store: Store, parish_code: str) -> Board:
    """The parish's board as stored; an old quorum below a majority gives way to the majority (COOTAD art. 320)."""
    return _board(store.get(BOARD_KIND, parish_code))


def _board(record_: StoredRecord | None) -> Board:
    if record_ is None or record_.deleted:
        return Board()
    without_quorum = {key: value for key, value in record_.body.items() if key != "quorum"}
    for body in (record_.body, without_quorum):
        try:
            return Board.model_validate(body)
        except ValidationError:
            continue
    return Board()


def set_board(store: Store, user: User | None, parish_code: str, value: Board) -> Board:
    """The board fixes its own size and quorum (role: SET_BUDGET, the board or admin)."""
    rural.require_rural(parish_code)
    actor = Accounts(store).require(user, Action.SET_BUDGET, parish_code=parish_code)
    store.save(BOARD_KIND, parish_code, value.model_dump(mode="json"), actor=actor.username, parish_code=parish_code,
               action=t("log.action.set_board"))
    return value


class RollEntry(NamedTuple):
    """A board member as the attendees' table proposes them: their name and their seat (core.record.auth)."""

    name: str
    position: Position


_SEAT_ORDER = (Position.PRESIDENT, Position.VICE_PRESIDENT, Position.MEMBER)


def board_roll(users: list[User], parish_code: str | None = None) -> list[RollEntry]:
    """The board members to list as attendees: every active board account of the junta of `parish_code` (and those
    stored without a parish, of an installation set up before it was kept), each name once, the president first,
    then the vice-president, then the vocales (in the accounts' order).

    Two accounts may share a display name; the roll then adds the user name, so the pre-filled attendees are
    never refused as repeated.
    """
    board = sorted((u for u in users if u.role == Role.BOARD and u.active
                    and (parish_code is None or u.parish_code in (None, parish_code))),
                   key=lambda u: _SEAT_ORDER.index(u.position))
    shown = [u.display_name.strip() or u.username for u in board]
    repeated = {name.lower() for name in shown if sum(other.lower() == name.lower() for other in shown) > 1}
    return [RollEntry(f"{name} ({u.username})" if name.lower() in repeated else name, u.position)
            for name, u in zip(shown, board, strict=True)]


def proposed_presiding(roll: list[RollEntry]) -> str | None:
    """Who the form proposes to preside: the president, else the vice-president (None: the recorder chooses)."""
    return next((e.name for seat in (Position.PRESIDENT, Position.VICE_PRESIDENT) for e in roll if e.position == seat),
                None)


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


def check_quorum(draft: DecisionDraft, rules: Board) -> None:
    """Refuse (Spanish) when fewer voting members attend than the quorum, or more than the board has."""
    present = sum(1 for a in draft.attendees if a.votes)
    if present > rules.members:
        raise ValueError(t_count("dec.err.too_many_voters", rules.members, present=present, members=rules.members))
    if present < rules.required:
        raise ValueError(t("dec.err.no_quorum", present=present, quorum=rules.required, members=rules.members))


def record(store: Store, user: User | None, draft: DecisionDraft,
           consequences: Callable[[Decision], list[Change]] | None = None) -> Decision:
    """Number and store a decision in one transaction; only the board (or admin) may do it.

    `consequences` turns the numbered decision into more changes stored in the same transaction (the
    proposals' new statuses, core.proposals.records.decision_status_changes): all of it is kept, or none.
    """
    # the stored account: its name goes on the acta, and a board member's parish must be the decision's
    user = Accounts(store).require(user, Action.APPROVE_DECISION, parish_code=draft.parish_code)
    rural.require_rural(draft.parish_code)  # and the acta names the parish as the list does, not as the draft says
    decision_lines.check_lines(draft)
    draft = draft.model_copy(update={"parish_name": rural.parish_names().get(draft.parish_code) or draft.parish_name})
    facts.require_past(draft.date, t("dec.date"))  # a decision taken, on the board's session
    stored_board = store.get(BOARD_KIND, draft.parish_code)  # its version: a quorum changed meanwhile refuses
    if stored_board is not None and store.get(BOARD_KIND, draft.parish_code, as_logged=True) is None:
        raise StoreError(t("dec.err.board_altered", parish=rural.named(draft.parish_code)))  # a quorum cut by hand
    check_quorum(draft, rules := _board(stored_board))
    read = Unchanged(BOARD_KIND, draft.parish_code, stored_board.version if stored_board else 0)
    year = draft.date.year
    prefix = f"{draft.parish_code}-{year}-"
    for _attempt in range(20):
        taken = [r.record_id for r in store.records(KIND, draft.parish_code, include_deleted=True)
                 if r.record_id.startswith(prefix)]
        number = max((int(r.rsplit("-", 1)[1]) for r in taken), default=0) + 1
        votes_for, against, abstain, approved = count_board_votes(draft.attendees)
        decision = Decision(
            **draft.model_dump(), decision_id=f"{prefix}{number:03d}", number_es=f"{year}-{number:03d}",
            votes_for=votes_for, votes_against=against, abstentions=abstain, approved=approved,
            board_members=rules.members, quorum=rules.required,
            casting_vote=votes_for == against > 0 and president_vote(draft.attendees) in ("for", "against"),
            recorded_by=user.username, recorded_by_name=user.display_name,
            recorded_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        )
        try:
            # expected_version=0: the number must still be free when the transaction commits.
            store.apply([Change(KIND, decision.decision_id, decision.model_dump(mode="json"), draft.parish_code,
                                expected_version=0, action=t("log.action.approve_decision" if approved else "log.action.record_decision")),
                         *(consequences(decision) if consequences else [])],
                        actor=user.username, unchanged=[read],
                        changed=t("dec.err.board_changed", parish=rural.named(draft.parish_code)))
        except ChangedMeanwhileError:  # the board's size or quorum changed: the quorum is to be counted again
            raise
        except ConflictError:
            continue  # someone took this number, or changed a proposal it moves, a moment ago: read again
        return decision
    raise StoreError(t("dec.err.numbering"))


def decisions(store: Store, parish_code: str) -> list[Decision]:
    """Stored decisions of a parish, newest first, as the log vouches for them (`vouched`)."""
    return vouched(store, parish_code)[0]


def vouched(store: Store, parish_code: str) -> tuple[list[Decision], list[str]]:
    """The parish's decisions as the log vouches for them, newest first, and the codes of those left out: a decision
    whose row is not the one the log last wrote (changed or planted in the store file by hand, core.record.row_guard)
    is neither shown nor printed as an acta. One read of the records and of the log serves both."""
    stored = store.records(KIND, parish_code)
    altered = [a.record_id for a in row_guard.altered_in(store.path, [(KIND, r.record_id) for r in stored])]
    left_out = set(altered)
    found = [Decision(**r.body) for r in stored if r.record_id not in left_out]
    return sorted(found, key=lambda d: d.decision_id, reverse=True), altered


def named(decision_ids: Iterable[str]) -> str:
    """Decisions as the board knows them, by number and parish («2026-002 de El Valle (010170)»), not by their stored
    code «010170-2026-002»; a code of another shape (planted by hand) is named as it is."""
    def one(decision_id: str) -> str:
        parish, _, number = decision_id.partition("-")
        return t("dec.named", number=number, parish=rural.named(parish)) if parish.isdigit() and number else decision_id
    return fmt.listing(one(d) for d in decision_ids)


def approved_from(recorded: list[Decision], scenario_name: str, proposals: Iterable[Proposal]) -> Decision | None:
    """The newest approved decision taken from the scenario of that name whose funded projects no longer compete
    among the parish's `proposals`, so that a run of the scenario now leaves them out. None when there is none, or
    when its projects compete again (after the demo's reset)."""
    competing = {p.proposal_id for p in proposals if p.status in COMPETING}
    return next((d for d in recorded if d.approved and d.scenario_name == scenario_name
                 and not {line.proposal_id for line in d.funded} & competing), None)
