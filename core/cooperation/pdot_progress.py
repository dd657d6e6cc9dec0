"""Progress of the parish's projects against the goals of its PDOT, the report the national planning system asks of
parish GADs.

Grain: one row per (PDOT objective, followed project). A followed project is a proposal the board funded (funded,
in execution or closed) or one with a signed agreement; it counts under each PDOT objective it is aligned to
(`Proposal.pdot_objective_ids`). Money committed is the agreement's total (cooperant, GAD and community) when there
is one, else the GAD's share the board approved; spent and physical progress come from the agreement's newest
report (None without one); the indicators read «name: reached of target unit» from the agreement's annex (reached:
the indicator's newest reported value, whichever report gave it), or, for a
project the board funded without an agreement, «name: from baseline to target» from the proposal's own indicators.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import polars as pl

from core import fmt
from core.cooperation.agreements import Agreement
from core.cooperation.monitoring import Report, newest_values
from core.data.schemas.catalogues import PdotObjective
from core.proposals.models import FUNDED_OR_LATER, Proposal, ProposalStatus
from core.texts import t

SCHEMA = {"pdot_objective_id": pl.Utf8, "component": pl.Utf8, "objective": pl.Utf8, "proposal_id": pl.Utf8,
          "title": pl.Utf8, "status": pl.Utf8, "agreement": pl.Utf8, "committed_usd": pl.Float64,
          "spent_usd": pl.Float64, "progress_pct": pl.Float64, "indicators": pl.Utf8}


def _figure(value: float | None) -> str:
    """12.0 → '12'; 12.5 → '12,50'; None → 'sin dato'."""
    return fmt.number(value, 0 if value is None or float(value).is_integer() else 2)


def _indicators(agreement: Agreement, history: Sequence[Report]) -> str:
    reached = {name: value for name, (value, _report) in newest_values(history).items()}
    return "; ".join(t("pdot.indicator", name=i.name, reached=_figure(reached.get(i.name)), target=_figure(i.target),
                       unit=i.unit) for i in agreement.indicators)


def _planned(proposal: Proposal) -> str:
    return "; ".join(t("pdot.indicator_planned", name=i.name, baseline=i.baseline, target=i.target)
                     for i in proposal.indicators)


def progress(objectives: Sequence[PdotObjective], proposals: Sequence[Proposal],
             agreements: Sequence[Agreement], reports: Mapping[str, Sequence[Report]]) -> pl.DataFrame:
    """The report's rows, by objective then project; `reports` maps an agreement id to its reports, oldest first."""
    by_proposal = {a.proposal_id: a for a in agreements}
    rows = []
    for objective in objectives:
        for proposal in proposals:
            agreement = by_proposal.get(proposal.proposal_id)
            if objective.pdot_objective_id not in proposal.pdot_objective_ids:
                continue
            if ProposalStatus(proposal.status) not in FUNDED_OR_LATER and agreement is None:
                continue
            history = reports.get(agreement.agreement_id, []) if agreement else []
            latest = history[-1] if history else None
            committed = agreement.total_usd if agreement else proposal.requested_usd
            rows.append({"pdot_objective_id": objective.pdot_objective_id, "component": objective.component,
                         "objective": objective.objective_es, "proposal_id": proposal.proposal_id,
                         "title": proposal.title, "status": str(ProposalStatus(proposal.status)),
                         "agreement": agreement.number_es if agreement else None, "committed_usd": committed,
                         "spent_usd": sum(latest.spent_by_source().values()) if latest else None,
                         "progress_pct": latest.physical_progress_pct if latest else None,
                         "indicators": _indicators(agreement, history) if agreement else _planned(proposal)})
    return pl.DataFrame(rows, schema=SCHEMA)
