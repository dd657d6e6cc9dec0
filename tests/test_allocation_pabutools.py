"""The allocation against pabutools, an independent implementation of the same rules, on inputs nobody tried by
hand: budgets of zero, one cent, exactly the sum of the costs (and one cent less), far above it; costs with cents and
free proposals; ties in score and cost; one proposal or several.

- The exact objective ("optimal") reaches the largest total score: pabutools' utilitarian welfare maximum (its
  ILP, one cardinal ballot holding the scores) is the same total.
- The greedy comparator is CONSUL's rule, as DESIGN §5 claims (by score, highest first, skipping what does not
  fit): pabutools' greedy_utilitarian_welfare ranks by satisfaction per dollar, so with a satisfaction of
  score × cost it ranks by score; its tie-break is set to the one the result states (lower cost, then code).
"""

from fractions import Fraction

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pabutools.election import Additive_Cardinal_Sat, CardinalBallot, CardinalProfile, Project
from pabutools.election import Instance as PbInstance
from pabutools.election.satisfaction import AdditiveSatisfaction
from pabutools.rules import greedy_utilitarian_welfare, max_additive_utilitarian_welfare
from pabutools.rules.maxwelfare import MaxAddUtilWelfareAlgo
from pabutools.tiebreaking import TieBreakingRule

from core.allocation import AllocationRules, allocate, allocate_detailed


class ScoreTimesCost(AdditiveSatisfaction):
    """Satisfaction score × cost: per dollar, the score itself, so pabutools' greedy walks by score."""

    def __init__(self, instance, profile, ballot):
        super().__init__(instance, profile, ballot, lambda _i, _p, b, project, _pre: b.get(project, 0) * project.cost)


# pabutools solves its ILP with PuLP, which warns about its own coming API
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

LOWER_COST_THEN_CODE = TieBreakingRule(lambda _instance, _profile, project: (project.cost, project.name))


@st.composite
def cases(draw, max_n=8):
    """(cents per proposal, scores in hundredths, budget in cents): costs with cents, repeated scores and costs."""
    n = draw(st.integers(1, max_n))
    cents = draw(st.lists(st.one_of(st.sampled_from([0, 1, 99, 1_250_000, 1_250_001]), st.integers(0, 100_000)),
                          min_size=n, max_size=n))
    hundredths = draw(st.lists(st.one_of(st.sampled_from([0, 5_000, 725]), st.integers(0, 10_000)),
                               min_size=n, max_size=n))
    total = sum(cents)
    budget = draw(st.one_of(st.sampled_from([0, 1, total, max(0, total - 1), 10**13]), st.integers(0, total + 1)))
    return cents, hundredths, budget


def _frame(cents, hundredths):
    ids = [f"P{k:02d}" for k in range(len(cents))]
    return ids, pl.DataFrame({"proposal_id": ids, "association_id": [f"a{k % 3}" for k in range(len(ids))],
                              "cost_usd": [c / 100 for c in cents], "score": [h / 100 for h in hundredths]})


def _election(ids, cents, hundredths, budget):
    projects = [Project(pid, c) for pid, c in zip(ids, cents, strict=True)]
    profile = CardinalProfile([CardinalBallot({p: Fraction(h, 100) for p, h in zip(projects, hundredths, strict=True)})])
    return projects, PbInstance(projects, budget_limit=budget), profile


FAST = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(cases())
def test_the_exact_allocation_reaches_pabutools_utilitarian_optimum(case):
    cents, hundredths, budget = case
    ids, candidates = _frame(cents, hundredths)
    projects, election, profile = _election(ids, cents, hundredths, budget)
    best = max_additive_utilitarian_welfare(election, profile, sat_class=Additive_Cardinal_Sat,
                                            inner_algo=MaxAddUtilWelfareAlgo.ILP_SOLVER)
    result = allocate_detailed(candidates, AllocationRules(budget_usd=budget / 100), explain=False)
    funded = set(result.funded_ids)
    assert sum(c for pid, c in zip(ids, cents, strict=True) if pid in funded) <= budget
    assert sum(h for pid, h in zip(ids, hundredths, strict=True) if pid in funded) == \
        sum(h for p, h in zip(projects, hundredths, strict=True) if p in best)


@FAST
@given(cases())
def test_the_greedy_comparator_funds_what_pabutools_greedy_by_score_funds(case):
    cents, hundredths, budget = case
    ids, candidates = _frame(cents, hundredths)
    _, election, profile = _election(ids, cents, hundredths, budget)
    expected = sorted(p.name for p in greedy_utilitarian_welfare(election, profile, sat_class=ScoreTimesCost,
                                                                 tie_breaking=LOWER_COST_THEN_CODE))
    funded = allocate(candidates, budget / 100, method="greedy")
    assert sorted(funded.filter(pl.col("funded"))["proposal_id"].to_list()) == expected


@st.composite
def voted(draw):
    """A case and the advisory group's ballots (whole votes, 0–5 each, any participant may leave things out)."""
    cents, hundredths, budget = draw(cases(max_n=6))
    ids = [f"P{k:02d}" for k in range(len(cents))]
    ballots = {f"v{k}": {pid: draw(st.integers(0, 5)) for pid in ids if draw(st.booleans())}
               for k in range(draw(st.integers(1, 4)))}
    return cents, hundredths, budget, ballots


@FAST
@given(voted())
def test_the_proportional_objective_funds_what_pabutools_equal_shares_and_completion_fund(case):
    from pabutools.rules import completion_by_rule_combination, method_of_equal_shares

    cents, hundredths, budget, ballots = case
    ids, candidates = _frame(cents, hundredths)
    if not any(v > 0 for b in ballots.values() for v in b.values()):
        return  # no support at all: the page says the objective needs ballots (test_objectives.py)
    projects = {pid: Project(pid, c) for pid, c in zip(ids, cents, strict=True)}
    election = PbInstance(projects.values(), budget_limit=budget)
    profile = CardinalProfile([CardinalBallot({projects[p]: v for p, v in b.items() if v > 0}) for b in ballots.values()
                               if any(v > 0 for v in b.values())])
    mes = method_of_equal_shares(election, profile, sat_class=Additive_Cardinal_Sat)
    expected = completion_by_rule_combination(election, profile, [greedy_utilitarian_welfare],
                                              [{"sat_class": Additive_Cardinal_Sat}], initial_budget_allocation=mes)
    result = allocate_detailed(candidates, AllocationRules(budget_usd=budget / 100), method="proportional",
                               ballots=ballots)
    # pabutools' completion adds last, at zero points per dollar, what nobody backs: the participants' shares never
    # buy those (a proposal no one scored funded «por puntos del grupo por dólar»)
    backed = {p for b in ballots.values() for p, v in b.items() if v > 0}
    assert sorted(result.funded_ids) == sorted(p.name for p in expected if p.name in backed)
    assert result.total_cost_usd <= budget / 100 + 1e-9
