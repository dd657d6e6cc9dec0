"""Calls (convocatorias) of the registered cooperants and the calendar the planner plans applications with.

A call belongs to a cooperant (`cooperant_id`) and may be the call behind an offer (`offer_id`). It opens and
closes on given dates; the calendar puts each call in one state on a given day:
- `upcoming`: it opens later;
- `open`: it can be applied to, and the deadline is more than `SOON_DAYS` days away;
- `closing_soon`: it closes within `SOON_DAYS` days (today included), so an application must be ready now;
- `closed`: the closing date has passed.
A call «fits the parish» when it shares a theme with the parish's proposals (core.proposals), or names no
theme at all (open to any).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

import polars as pl
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from core.cooperation.cooperants import DEMO_DIR, Cooperant
from core.cooperation.cooperants import KIND as COOPERANT
from core.proposals.models import ID_PATTERN, Proposal, Theme, split_list
from core.record import overlay
from core.record.auth import Accounts, Action, User
from core.record.store import Change, Store, Unchanged
from core.texts import t
from core.user_text import Line, Lines, entered

KIND = "call"
OFFER = "offer"  # core.proposals.records.OFFER (which imports the registry this module builds on)
SOON_DAYS = 15
CallType = Literal["open_call", "technical_assistance", "financial_assistance", "contest"]
CallState = Literal["upcoming", "open", "closing_soon", "closed"]
STATES: tuple[CallState, ...] = ("closing_soon", "open", "upcoming", "closed")


class Call(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    call_id: str = Field(pattern=ID_PATTERN)
    cooperant_id: str = Field(pattern=ID_PATTERN)
    title: Line = Field(min_length=3, max_length=300)
    call_type: CallType
    open_date: dt.date
    close_date: dt.date
    themes: list[Theme] = Field(default_factory=list)
    requirements: Lines | None = Field(default=None, max_length=4000)
    counterpart_required_pct: float | None = Field(default=None, ge=0, lt=100)
    max_amount_usd: float | None = Field(default=None, ge=0)
    offer_id: str | None = Field(default=None, pattern=ID_PATTERN)
    source: Line = Field(min_length=3)
    is_illustrative: bool = True

    @field_validator("themes", mode="before")
    @classmethod
    def _lists(cls, value: Any) -> Any:
        return split_list(value)

    @model_validator(mode="after")
    def _dates(self) -> Call:
        if self.close_date < self.open_date:
            raise ValueError(t("coop.err.call_dates", open=self.open_date.strftime("%d/%m/%Y"),
                               close=self.close_date.strftime("%d/%m/%Y")))
        return self


def call_state(call: Call, today: dt.date, soon_days: int = SOON_DAYS) -> CallState:
    if today < call.open_date:
        return "upcoming"
    if today > call.close_date:
        return "closed"
    return "closing_soon" if (call.close_date - today).days < soon_days else "open"


def taking_applications(calls: Iterable[Call], on: dt.date) -> tuple[list[Call], list[Call]]:
    """The calls an application dated `on` may name (open that day: core.cooperation.agreements.submit refuses the
    others), and the others (not open yet, or closed), each list in the given order."""
    calls = list(calls)
    return ([c for c in calls if c.open_date <= on <= c.close_date],
            [c for c in calls if not c.open_date <= on <= c.close_date])


def parish_themes(proposals: Iterable[Proposal]) -> set[str]:
    """The themes the parish works on: those of its proposals."""
    return {theme for p in proposals for theme in p.themes}


def fits(call: Call, themes: set[str]) -> bool:
    return not call.themes or bool(themes.intersection(call.themes))


_CALENDAR_SCHEMA = {"call_id": pl.Utf8, "title": pl.Utf8, "cooperant": pl.Utf8, "call_type": pl.Utf8,
                    "open_date": pl.Date, "close_date": pl.Date, "state": pl.Utf8, "days_left": pl.Int64,
                    "fits_parish": pl.Boolean, "month": pl.Int64}


def calendar(calls: Sequence[Call], registry: Mapping[str, Cooperant], today: dt.date, themes: set[str],
             *, soon_days: int = SOON_DAYS) -> pl.DataFrame:
    """One row per call: its state on `today`, days to the deadline (negative once closed), whether it fits the
    parish's themes, and the month it closes; most urgent first (closing soon, open, upcoming, closed)."""
    rows = []
    for call in calls:
        cooperant = registry.get(call.cooperant_id)
        rows.append({"call_id": call.call_id, "title": call.title,
                     "cooperant": cooperant.name if cooperant else call.cooperant_id, "call_type": call.call_type,
                     "open_date": call.open_date, "close_date": call.close_date,
                     "state": call_state(call, today, soon_days), "days_left": (call.close_date - today).days,
                     "fits_parish": fits(call, themes), "month": call.close_date.month})
    frame = pl.DataFrame(rows, schema=_CALENDAR_SCHEMA)
    order = pl.col("state").replace_strict({s: i for i, s in enumerate(STATES)}, return_dtype=pl.Int64)
    return frame.sort(order, "close_date", "call_id")


def calls(store: Store) -> list[Call]:
    return [Call.model_validate(r.body) for r in overlay.live(store, KIND)]


def save_call(store: Store, user: User | None, call: Call, expected_version: int | None = None, *,
              new: bool = False) -> int:
    """Store a call of a cooperant registered in the store (planners and admins); `new`: entered as a new call,
    whose code must be free (a demo call's too)."""
    actor = Accounts(store).require(user, Action.EDIT_OFFER)
    call = entered(call)
    if new:
        overlay.refuse_taken(store, KIND, call.call_id)
    cooperant = overlay.current(store, COOPERANT, call.cooperant_id)
    if cooperant is None or cooperant.deleted:
        raise ValueError(t("coop.err.unknown_cooperant", cooperant=call.cooperant_id))
    read = [Unchanged(COOPERANT, cooperant.record_id, cooperant.version)]
    if call.offer_id is not None:
        read.append(_offer_of_cooperant(store, call))
    # the cooperant (and offer) as found: one deleted meanwhile refuses the call, which would name no registered one
    [saved] = store.apply([Change(KIND, call.call_id, call.model_dump(mode="json"), expected_version=expected_version,
                                  action=t("log.action.save_call"), base=overlay.base(KIND, call.call_id))],
                          actor=actor.username, unchanged=read,
                          changed=t("coop.err.call_cooperant_changed", cooperant=call.cooperant_id))
    return saved.version


def _offer_of_cooperant(store: Store, call: Call) -> Unchanged:
    """The version read of the live offer behind the call; ValueError (Spanish) when there is none, or it is another
    cooperant's: the parish applying to the call would publish that offer as one it took up (core.iati.export)."""
    offer = overlay.current(store, OFFER, call.offer_id)
    if offer is None or offer.deleted:
        raise ValueError(t("coop.err.call_offer_unknown", offer=call.offer_id, call=call.call_id))
    if offer.body.get("cooperant_id") != call.cooperant_id:
        raise ValueError(t("coop.err.call_offer_other", offer=call.offer_id, call=call.call_id,
                           cooperant=call.cooperant_id, other=offer.body.get("cooperant") or "—"))
    return Unchanged(OFFER, offer.record_id, offer.version)


# The demo's calls (the Azogues thesis's calendar, §3.3.2 h–j), read where they are (core.record.overlay).
BUILT = overlay.BuiltJson(DEMO_DIR / "calls.json", "call_id", Call)
