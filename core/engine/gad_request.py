"""What a parish's proposals ask of the GAD: the figure a starting budget halves (core.engine.scenarios).

Counted over the proposals that pass the other gates (the budget is not a gate here); when none passes yet, over all
of them, so that none is also told the money is short. Which of the two it is travels with the amount: the page's
sentence beside the suggestion must not call every proposal «elegible» while another line says none is.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.engine.prioritization import DecisionInputs, screening_context
from core.engine.screening import screen_proposals


@dataclass(frozen=True)
class GadRequest:
    amount_usd: float
    eligible_only: bool  # False: no proposal passes the gates yet, and the amount is what all of them ask


def gad_request(inputs: DecisionInputs) -> GadRequest:
    eligible = {s.item_id for s in screen_proposals(inputs.proposals, screening_context(inputs)) if s.eligible}
    asked = sum(p.requested_usd for p in inputs.proposals if p.proposal_id in eligible or not eligible)
    return GadRequest(asked, bool(eligible))
