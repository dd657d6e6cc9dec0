"""Dates of facts: what already happened (an aid received, a survey answered, a meeting held, a decision taken, a
step of a project, an evaluation, an audit, a report, an application sent) cannot be dated after today.

Dates that are plans (a project's start and end, a call's opening and deadline, an offer's deadline) are not
checked. `today` is the one "today" of these checks: tests fix it by monkeypatching `core.record.facts.today`,
so every caller reads it through the module (`facts.today()`), never imported by name.
"""

from __future__ import annotations

import datetime as dt

from core import fmt
from core.texts import t


class FutureFact(ValueError):
    """A fact dated after today; the message (Spanish) names the field, the date and today."""


def today() -> dt.date:
    """Today in continental Ecuador, whatever the server's own time zone."""
    return date_in_ecuador(dt.datetime.now(dt.UTC))


def date_in_ecuador(moment: dt.datetime) -> dt.date:
    """The date a parish reads at `moment` (aware): on a server kept in UTC, the next day starts at 19:00 there."""
    return moment.astimezone(fmt.ECUADOR_CONTINENTAL).date()


def _day(value: dt.date | dt.datetime | str) -> dt.date:
    """The day of a fact; a moment with its zone (ODK Central's «…Z», in UTC) on Ecuador's calendar, as `today`."""
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            value = dt.date.fromisoformat(value[:10])
    if isinstance(value, dt.datetime):
        return date_in_ecuador(value) if value.tzinfo is not None else value.date()
    return value


def date_problem(value: dt.date | dt.datetime | str | None, field: str | None = None) -> str | None:
    """Why a fact's date is refused (Spanish; `field` names where it was typed), or None when it is not after
    today. A file's problem gives no `field`: its row and column say where."""
    if value is None:
        return None
    day, now = _day(value), today()
    if day <= now:
        return None
    values = {"date": fmt.date(day), "today": fmt.date(now)}
    return t("facts.future_date_in", field=field, **values) if field else t("facts.future_date", **values)


def year_problem(year: int | None, field: str | None = None) -> str | None:
    """Why a year of a fact is refused: a year after the current one."""
    if year is None or year <= today().year:
        return None
    values = {"year": year, "current": today().year}
    return t("facts.future_year_in", field=field, **values) if field else t("facts.future_year", **values)


def require_past(value: dt.date | dt.datetime | str | None, field: str) -> None:
    """FutureFact when the fact's date is after today."""
    problem = date_problem(value, field)
    if problem is not None:
        raise FutureFact(problem)
