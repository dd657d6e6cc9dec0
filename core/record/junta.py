"""The parish board (junta) as a decision needs it: its size and quorum, kept by the board, and its roll (who the
attendees' table proposes, who presides).

Quorum: the board's members with a vote who attend must reach the parish's quorum (by default an absolute
majority of the board, kind ``board`` in the store, set by the board); otherwise the decision is refused and
nothing is stored (core.record.decisions).
"""

from __future__ import annotations

from typing import NamedTuple

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from core.data import rural
from core.record.auth import Accounts, Action, Position, Role, User
from core.record.decision_models import DEFAULT_BOARD_MEMBERS, DecisionDraft
from core.record.store import Store, StoredRecord
from core.texts import t, t_count

BOARD_KIND = "board"


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
    return stored_board(store.get(BOARD_KIND, parish_code))


def stored_board(record_: StoredRecord | None) -> Board:
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

def check_quorum(draft: DecisionDraft, rules: Board) -> None:
    """Refuse (Spanish) when fewer voting members attend than the quorum, or more than the board has."""
    present = sum(1 for a in draft.attendees if a.votes)
    if present > rules.members:
        raise ValueError(t_count("dec.err.too_many_voters", rules.members, present=present, members=rules.members))
    if present < rules.required:
        raise ValueError(t("dec.err.no_quorum", present=present, quorum=rules.required, members=rules.members))
