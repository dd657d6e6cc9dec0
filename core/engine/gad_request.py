"""What a parish's proposals ask of the GAD, and the budget a parish whose board fixed none starts from: half of it,
and at least what the largest of them asks (re-exported by core.engine.scenarios).

Counted over the proposals that pass the other gates (the budget is not a gate here); when none passes yet, over all
of them, so that none is also told the money is short. Which of the two it is travels with the amount: the page's
sentence beside the suggestion must not call every proposal «elegible» while another line says none is.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from core.engine.allocation.instance import MAX_BUDGET_USD
from core.engine.prioritization import DecisionInputs, screening_context
from core.engine.screening import screen_proposals

SUGGESTED_LEAST_USD = 1000.0  # the least budget `suggested_budget` starts from; the page names it from here


@dataclass(frozen=True)
class GadRequest:
    amount_usd: float
    eligible_only: bool  # False: no proposal passes the gates yet, and the amount is what all of them ask
    largest_usd: float = 0.0  # the most one of those proposals asks


@dataclass(frozen=True)
class StartingBudget:
    budget_usd: float
    by_largest: bool  # True: it is what the largest request asks, since half of them all would screen it out
    request: GadRequest  # what the proposals ask, that it is computed from (the page's note names it)


def gad_request(inputs: DecisionInputs) -> GadRequest:
    eligible = {s.item_id for s in screen_proposals(inputs.proposals, screening_context(inputs)) if s.eligible}
    asked = [p.requested_usd for p in inputs.proposals if p.proposal_id in eligible or not eligible]
    return GadRequest(sum(asked), bool(eligible), max(asked, default=0.0))


def starting_budget(request: GadRequest) -> StartingBudget:
    """Half of what is asked, rounded half up to the thousand, at least SUGGESTED_LEAST_USD and at least the largest request
    rounded up to the thousand: a budget below it would screen that proposal out («pide más de lo disponible»), and
    a parish with one proposal would start with nothing to share. A typo of trillions stays a budget."""
    half = max(SUGGESTED_LEAST_USD, int(request.amount_usd / 2000 + 0.5) * 1000.0)
    whole = math.ceil(request.largest_usd / 1000 - 1e-9) * 1000.0
    return StartingBudget(min(max(half, whole), MAX_BUDGET_USD), whole > half, request)


def asked_of_gad(inputs: DecisionInputs) -> float:
    """What the proposals passing the other gates ask of the GAD (the budget is not a gate here); when none passes,
    what all ask, so none is also told the money is short."""
    return gad_request(inputs).amount_usd


def starting(inputs: DecisionInputs) -> StartingBudget:
    """Where a parish without a budget starts (ui.scenario_state.suggested_note says so, and from what): the
    proposals screened once (a second of a page's rerun with 1.600 proposals)."""
    return starting_budget(gad_request(inputs))


def suggested_budget(inputs: DecisionInputs) -> float:
    return starting(inputs).budget_usd
