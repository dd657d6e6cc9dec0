"""Budget allocation: which proposals to fund under the board's rules, and why each one is or is not.

Input: a polars DataFrame of candidates, one row per proposal, with `proposal_id`, `association_id` (the lead),
`cost_usd` (what it costs the budget) and `score` (any scale); optional `association_ids` (every proponent of a
joint proposal), `direct_beneficiaries`, `reach` (people reached, for the scope objective) and `title`.

Objectives the board chooses (`OBJECTIVES`), each exact or computed by a published rule:
- ``"optimal"``: the largest total score (HiGHS, exact);
- ``"scope"``: the largest total of score × people reached (HiGHS, exact), each association's members counted
  once when `association_members` gives their number (`people`);
- ``"proportional"``: the Method of Equal Shares over the advisory group's ballots (pabutools), completed by
  the greedy utilitarian rule.
Comparators (`COMPARATORS`): ``"greedy"`` (CONSUL's rule) and ``"equal_split"`` (the status quo the El Valle
study criticises).

Rules (`AllocationRules`): budget, reserve, at least one proposal per association when possible, a cap on each
association's share, proposals that must or must not be funded, mutually exclusive pairs. A joint proposal counts
for every association in it, and its cost is attributed to them in equal parts. Ties are broken by the lowest
total cost, then the proposals first in code order. Rules that cannot all hold come back as a result with
`feasible=False` and a Spanish explanation, never as an exception.

Modules: `instance` (the candidates as arrays), `rules`, `mip` (the HiGHS model), `search` (the exact search
bounded by the LP's duals) and `walk` (its compiled depth-first walk), `fill` (greedy fills: first allocations to
beat), `exact`, `people` (each member counted once), `choices` (people counted once as one subset per group of
associations), `code_order` (the last tie-break, over kinds of alike proposals), `heuristics` (the comparators)
and `turns` (their compiled walk), `proportional`, `explanations` («¿por qué no?»), `result`, `api` (entry points).
"""

from core.engine.allocation.api import (
    COMPARATORS,
    EXACT,
    METHODS,
    OBJECTIVES,
    Method,
    allocate,
    allocate_detailed,
    explain_proposal,
    funded_under_scores,
    warm_up,
)
from core.engine.allocation.instance import MAX_BUDGET_USD
from core.engine.allocation.proportional import Ballots
from core.engine.allocation.result import (
    AllocationResult,
    AssociationShare,
    ProposalOutcome,
    gini,
    summary_es,
)
from core.engine.allocation.rules import AllocationRules

__all__ = ["COMPARATORS", "EXACT", "MAX_BUDGET_USD", "METHODS", "OBJECTIVES", "AllocationResult", "AllocationRules", "AssociationShare",
           "Ballots", "Method", "ProposalOutcome", "allocate", "allocate_detailed", "explain_proposal",
           "funded_under_scores", "gini", "summary_es", "warm_up"]
