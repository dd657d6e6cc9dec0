"""Monitoring of agreements: periodic reports and the flags Seguimiento shows (thesis step 7, brief §4.2).

A report covers a period of an agreement: the physical progress (0–100 %), the value each annex indicator reached,
the money spent by source, the problems met and the measure taken: none, a corrective action (back to the plan),
feedback (bigger changes agreed by all) or a proposal to cancel (funds returned).

Flags of an agreement on a given day, from its newest report:
- `late`: the share of the agreement's time gone is more than `LATE_POINTS` points above the physical progress;
- `report_overdue`: no report covers the last `report_every_months` months (plus `GRACE_DAYS`);
- `over_budget`: some source spent more than it committed, or the spending share runs more than `LATE_POINTS`
  points ahead of the physical progress;
- `cancellation`: the newest report proposes to cancel;
- from the evaluation while it runs (core.cooperation.reviews): `midterm_change`, the mid-term evaluation recommends
  adjusting or cancelling, and `audit_open`, an audit has observations not resolved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Literal, NamedTuple

import polars as pl
from pydantic import BaseModel, ConfigDict, Field, model_validator

from core import fmt
from core.cooperation.agreements import AGREEMENT, CLOSING, Agreement, closed_on
from core.cooperation.reviews import REVIEW_FLAGS, review_flags
from core.data import rural
from core.proposals.models import CENT, ID_PATTERN
from core.record import facts, overlay
from core.record.auth import Accounts, Action, User, require
from core.record.store import Change, Store, Unchanged
from core.texts import label, t
from core.user_text import Line, Lines, entered

REPORT = "agreement_report"
LATE_POINTS = 15.0
GRACE_DAYS = 15
Measure = Literal["none", "corrective", "feedback", "cancellation"]
FLAGS = ("late", "report_overdue", "over_budget", "cancellation")
COST_FLAG = "over_cost"  # the agreement adds up to more than its project costs (a project reformulated unrecorded)


class IndicatorValue(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    name: Line
    value: float


class Report(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    report_id: str = Field(pattern=ID_PATTERN)
    agreement_id: str
    period_end: dt.date
    physical_progress_pct: float = Field(ge=0, le=100)
    values: list[IndicatorValue] = Field(default_factory=list)
    spent_cooperant_usd: float = Field(default=0.0, ge=0)
    spent_gad_usd: float = Field(default=0.0, ge=0)
    spent_community_usd: float = Field(default=0.0, ge=0)
    problems: Lines | None = Field(default=None, max_length=4000)
    measure: Measure = "none"
    measure_note: Lines | None = Field(default=None, max_length=2000)

    @model_validator(mode="after")
    def _measure_explained(self) -> Report:
        if self.measure != "none" and not (self.measure_note or "").strip():
            raise ValueError(t("mon.err.measure_note"))
        return self

    def spent_by_source(self) -> dict[str, float]:
        return {"cooperant": self.spent_cooperant_usd, "gad": self.spent_gad_usd,
                "community": self.spent_community_usd}


class ToDate(NamedTuple):
    """The cumulative figures a next report starts from: the newest report's progress and spending, and each
    indicator's newest reported value (`newest_values`), never a 0 that would read as a setback (zeros before the
    first report)."""

    progress_pct: float
    reached: dict[str, float]  # indicator name → value reached
    spent: dict[str, float]  # source (cooperant, gad, community) → spent to date


def to_date(history: Sequence[Report]) -> ToDate:
    if not history:
        return ToDate(0.0, {}, {})
    latest = history[-1]
    reached = {name: value for name, (value, _report) in newest_values(history).items()}
    return ToDate(latest.physical_progress_pct, reached, latest.spent_by_source())


def reports(store: Store, agreement_id: str) -> list[Report]:
    """The reports of an agreement, oldest period first. Spending in a report is cumulative to its period's end."""
    found = [Report.model_validate(r.body) for r in store.records(REPORT) if r.body.get("agreement_id") == agreement_id]
    return sorted(found, key=lambda r: (r.period_end, r.report_id))


def newest_values(history: Sequence[Report]) -> dict[str, tuple[float, Report]]:
    """Per indicator, its newest reported value and the report that gave it (`history` oldest first): a report
    that leaves an indicator out does not undo what an earlier report said of it."""
    return {value.name: (value.value, report) for report in history for value in report.values}


def save_report(store: Store, user: User | None, report: Report) -> Report:
    """Store a report of a STORED agreement (planners); its indicators must be those of the agreement's annex."""
    actor = Accounts(store).require(user, Action.EDIT_OFFER)
    report = entered(report)
    read = store.kinds_as_read([REPORT, CLOSING])  # before the checks read them: what lands after refuses the save
    stored = store.get(AGREEMENT, report.agreement_id)
    if stored is None or stored.deleted:
        raise ValueError(t("mon.err.no_agreement", agreement=report.agreement_id))
    agreement = Agreement.model_validate(stored.body)
    require(actor, Action.EDIT_OFFER, parish_code=agreement.parish_code)  # a planner tied to another parish
    annex = {i.name for i in agreement.indicators}
    given: set[str] = set()
    for value in report.values:
        if value.name not in annex:
            raise ValueError(t("mon.err.indicator", indicator=value.name, agreement=agreement.number_es))
        if value.name in given:  # which of two values is the one reached? the chart and IATI would take the last
            raise ValueError(t("mon.err.indicator_twice", indicator=value.name))
        given.add(value.name)
    if not agreement.start_date <= report.period_end:
        raise ValueError(t("mon.err.period", date=fmt.date(agreement.start_date)))
    facts.require_past(report.period_end, label("field", "period_end"))  # a report tells a period that ended
    require_open(store, agreement, report.period_end)
    rural.require_rural(agreement.parish_code)
    taken = store.get(REPORT, report.report_id)
    if taken is not None:  # a report is never rewritten: a code in use is the person's choice, not a conflict
        raise ValueError(t("mon.err.report_taken", report=report.report_id))
    require_progress_explained(report, reports(store, report.agreement_id))
    # the agreement, its reports and closing evaluations as checked: another report or a closing saved meanwhile
    # (its checks passed against the same reports) refuses this one, to be checked again
    store.apply([Change(REPORT, report.report_id, report.model_dump(mode="json"), agreement.parish_code,
                        expected_version=0, action=t("log.action.report"))], actor=actor.username,
                unchanged=[Unchanged(AGREEMENT, stored.record_id, stored.version)], kinds_unchanged=read,
                changed=t("mon.err.changed", number=agreement.number_es))
    return report


def require_open(store: Store, agreement: Agreement, period_end: dt.date) -> None:
    """ValueError (Spanish) when a closing evaluation of the agreement (the earliest, by any evaluator) is dated
    before `period_end`: the closing judged the project as its reports stood then, and a later report would change
    the final report and the published expenditure under it. A report of a period before the closing, entered
    late, is still taken."""
    closed = closed_on(store, agreement.agreement_id)
    if closed is not None and period_end > closed:
        raise ValueError(t("mon.err.closed", number=agreement.number_es, closed=fmt.date(closed),
                           date=fmt.date(period_end)))


def require_progress_explained(report: Report, history: Sequence[Report]) -> None:
    """ValueError (Spanish) when the physical progress or a source's spending to date, both cumulative, goes back
    against the report of the period before (or passes the one after) and the report does not say why in its
    problems: a real setback (works damaged, an earlier figure overstated, an invoice annulled) is kept once it is
    explained; a typo, or a box left at its 0, is caught before it is stored."""
    if (report.problems or "").strip():
        return
    before = [r for r in history if r.period_end <= report.period_end]
    after = [r for r in history if r.period_end > report.period_end]
    problems = t("conv.report.problems")
    if before and before[-1].physical_progress_pct > report.physical_progress_pct:
        other = before[-1]
    elif after and after[0].physical_progress_pct < report.physical_progress_pct:
        other = after[0]
    else:
        _require_spending_kept(report, before[-1] if before else None, after[0] if after else None, problems)
        return
    raise ValueError(t("mon.err.progress_back", progress=fmt.number(report.physical_progress_pct, 0),
                       other=other.report_id, other_progress=fmt.number(other.physical_progress_pct, 0),
                       other_date=fmt.date(other.period_end), problems=problems))


def _require_spending_kept(report: Report, previous: Report | None, following: Report | None, problems: str) -> None:
    spent = report.spent_by_source()
    for source, amount in spent.items():
        for other, wrong in ((previous, "less"), (following, "more")):
            if other is None:
                continue
            theirs = other.spent_by_source()[source]
            if (amount < theirs - CENT) if wrong == "less" else (amount > theirs + CENT):
                raise ValueError(t(f"mon.err.spent_{wrong}", field=t("conv.report.spent",
                                                                       party=label("agreement_party", source)),
                                   other=other.report_id, other_date=fmt.date(other.period_end), problems=problems,
                                   **fmt.amounts_named(spent=amount, other_spent=theirs)))


def elapsed_share(agreement: Agreement, day: dt.date) -> float:
    """The share (0–1) of the agreement's time gone on `day`."""
    total = (agreement.end_date - agreement.start_date).days
    return min(1.0, max(0.0, (day - agreement.start_date).days / total))


def _months_later(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


def flags(agreement: Agreement, history: Sequence[Report], today: dt.date,
          closed: dt.date | None = None) -> dict[str, bool]:
    """The flags on `today`; an agreement closed by then (`closed`, its closing evaluation's date) is neither late
    nor owes a report (it takes no more: `require_open`), and a cancellation proposed before is settled."""
    latest = history[-1] if history else None
    running = closed is None or today < closed
    progress = latest.physical_progress_pct if latest else 0.0
    elapsed = elapsed_share(agreement, min(today, agreement.end_date)) * 100
    covered_until = latest.period_end if latest else agreement.start_date
    due = _months_later(covered_until, agreement.report_every_months) + dt.timedelta(days=GRACE_DAYS)
    spent = latest.spent_by_source() if latest else {}
    committed = agreement.by_source()
    spent_share = sum(spent.values()) / agreement.total_usd * 100
    return {"late": running and elapsed - progress > LATE_POINTS,
            "report_overdue": running and today > due and today <= _months_later(agreement.end_date, 1),
            "over_budget": any(spent.get(s, 0.0) > committed[s] + 0.005 for s in committed)
                           or spent_share - progress > LATE_POINTS,
            "cancellation": running and bool(latest and latest.measure == "cancellation")}


_FLAG_SCHEMA = {"agreement_id": pl.Utf8, "number": pl.Utf8, "proposal_id": pl.Utf8, "elapsed_pct": pl.Float64,
                "progress_pct": pl.Float64, "spent_pct": pl.Float64,
                **{f: pl.Boolean for f in (*FLAGS, *REVIEW_FLAGS, COST_FLAG)}, "reasons": pl.Utf8}


def over_cost(store: Store, agreement: Agreement) -> bool:
    """Whether the agreement adds up to more than its proposal's stored cost (by more than a cent)."""
    proposal = overlay.current(store, "proposal", agreement.proposal_id)
    cost = proposal.body.get("cost_usd") if proposal is not None and not proposal.deleted else None
    return cost is not None and agreement.total_usd > float(cost) + CENT


def flags_frame(store: Store, agreements: Sequence[Agreement], today: dt.date) -> pl.DataFrame:
    """One row per agreement: time gone, progress and spending (percent) from the newest report, each flag, and the
    flags in Spanish."""
    rows = []
    for agreement in agreements:
        history = reports(store, agreement.agreement_id)
        latest = history[-1] if history else None
        closed = closed_on(store, agreement.agreement_id)
        raised = {**flags(agreement, history, today, closed),
                  **review_flags(store, agreement.agreement_id, closed is not None and today >= closed),
                  COST_FLAG: over_cost(store, agreement)}
        spent = sum(latest.spent_by_source().values()) if latest else 0.0
        rows.append({"agreement_id": agreement.agreement_id, "number": agreement.number_es,
                     "proposal_id": agreement.proposal_id,
                     "elapsed_pct": elapsed_share(agreement, min(today, agreement.end_date)) * 100,
                     "progress_pct": latest.physical_progress_pct if latest else 0.0,
                     "spent_pct": spent / agreement.total_usd * 100, **raised,
                     "reasons": "; ".join(t(f"mon.flag.{f}") for f in (*FLAGS, *REVIEW_FLAGS, COST_FLAG)
                                          if raised[f])})
    return pl.DataFrame(rows, schema=_FLAG_SCHEMA)


def planned_vs_actual(agreement: Agreement, history: Sequence[Report]) -> pl.DataFrame:
    """For the chart: per indicator and report period, the value planned (a straight line from the baseline on
    the start date to the target on the end date) and the value reached."""
    rows = []
    for report in history:
        share = elapsed_share(agreement, report.period_end)
        reached = {v.name: v.value for v in report.values}
        for indicator in agreement.indicators:
            rows.append({"indicator": indicator.name, "unit": indicator.unit, "period_end": report.period_end,
                         "planned": indicator.baseline + (indicator.target - indicator.baseline) * share,
                         "actual": reached.get(indicator.name)})
    return pl.DataFrame(rows, schema={"indicator": pl.Utf8, "unit": pl.Utf8, "period_end": pl.Date,
                                      "planned": pl.Float64, "actual": pl.Float64})
