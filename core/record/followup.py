"""Follow-up of funded projects: which proposals are being followed and the totals per state.

Input: the parish's proposals (core.proposals.records). Output: one row per followed project (funded, in
execution or closed) with its last step's date and note, and one row per state with the number of
projects and the money the GAD put in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import polars as pl

from core import fmt
from core.proposals.models import FUNDED_OR_LATER, Proposal, ProposalStatus
from core.record import facts
from core.texts import t

FOLLOWED = FUNDED_OR_LATER  # the projects followed, in the order of their steps
_SCHEMA = {"proposal_id": pl.Utf8, "title": pl.Utf8, "association_id": pl.Utf8, "status": pl.Utf8,
           "since": pl.Date, "note": pl.Utf8, "requested_usd": pl.Float64}


def followed(proposals: Sequence[Proposal]) -> pl.DataFrame:
    rows = []
    for p in proposals:
        if ProposalStatus(p.status) not in FOLLOWED:
            continue
        last = p.status_history[-1] if p.status_history else None
        rows.append({"proposal_id": p.proposal_id, "title": p.title, "association_id": p.association_id,
                     "status": str(ProposalStatus(p.status)), "since": last.date if last else None,
                     "note": (last.note or "") if last else "", "requested_usd": p.requested_usd})
    return pl.DataFrame(rows, schema=_SCHEMA).sort("proposal_id")


def totals_by_status(projects: pl.DataFrame) -> pl.DataFrame:
    """One row per followed state, in lifecycle order, zeros included."""
    counted = projects.group_by("status").agg(pl.len().cast(pl.Int64).alias("projects"),
                                              pl.col("requested_usd").sum().alias("amount_usd"))
    states = pl.DataFrame({"status": [s.value for s in FOLLOWED]})
    return states.join(counted, on="status", how="left").with_columns(
        pl.col("projects").fill_null(0), pl.col("amount_usd").fill_null(0.0))


def last_dated(project: Proposal) -> dt.date | None:
    """The date of the latest dated step of the project's history."""
    return next((change.date for change in reversed(project.status_history) if change.date), None)


def step_day(project: Proposal) -> dt.date:
    """The day a next step is dated by default: today, or the project's last dated step when that is later (a step
    then cannot be saved yet: `next_step` says why)."""
    last = last_dated(project)
    return max(facts.today(), last or dt.date.min)


def next_step(project: Proposal, step: ProposalStatus | str, on: dt.date, note: str | None = None) -> Proposal:
    """The project one step on, dated `on`: never before the step it is at (ValueError, Spanish). The lifecycle's
    own rules are the model's (Proposal.with_status)."""
    facts.require_past(on, t("facts.field.followup", id=project.proposal_id))
    last = last_dated(project)
    if last is not None and on < last:
        raise ValueError(t("seg.err.before", date=fmt.date(on), last=fmt.date(last)))
    return project.with_status(step, date=on, note=note)
