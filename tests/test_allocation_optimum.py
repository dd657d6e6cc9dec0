"""Allocation properties checked against what is written here independently of core.engine.allocation: the
optimum equals a brute-force search and is never worse than greedy or equal split, greedy funds what CONSUL's rule
funds, the score needed and the cost to shed are exact, the solver's answer is rechecked exactly, and HiGHS's
tie-breaks match the brute force on twelve or more proposals. Worked examples are tests/test_allocation.py."""

from __future__ import annotations

import itertools

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings

from core.engine.allocation import AllocationRules, allocate_detailed, explain_proposal
from tests.allocation_oracle import EPS, brute_force, coverage, feasible, frame, instances, key, members_of

# How many examples: the profile (tests/conftest.py) decides; `make test` runs the quick "ci" one.
FAST = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(instances())
def test_optimum_equals_brute_force_and_respects_every_rule(case):
    candidates, rules = case
    result = allocate_detailed(candidates, rules, explain=False)
    best = brute_force(candidates, rules)
    if best is None:
        assert not result.feasible and result.message_es
        return
    assert result.feasible
    rows = candidates.to_dicts()
    chosen = set(result.funded_ids)
    assert feasible(rows, chosen, rules)
    assert result.total_cost_usd <= rules.available_usd + EPS
    assert key(rows, chosen, rules) == best[0]


@FAST
@given(instances())
def test_optimum_is_never_worse_than_greedy_or_equal_split(case):
    candidates, rules = case
    optimal = allocate_detailed(candidates, rules, explain=False)
    rows = candidates.to_dicts()
    for method in ("greedy", "equal_split"):
        other = allocate_detailed(candidates, rules, method=method)
        assert other.feasible == optimal.feasible
        if not other.feasible:
            continue
        chosen = set(other.funded_ids)
        assert feasible(rows, chosen, rules)  # heuristics keep the hard rules too
        assert key(rows, set(optimal.funded_ids), rules)[:2] >= key(rows, chosen, rules)[:2]


def consul_greedy(rows: list[dict], rules: AllocationRules) -> set[str]:
    """The greedy rule as CONSUL states it, written here over plain rows: the obligatory proposals first; with
    «at least one per association», each association (in the order of its best proposal) funds its best proposal
    that still fits, unless it already has one; then every proposal by score (highest first; then cost, lowest
    first; then code) is funded when it still fits."""
    turn = sorted(rows, key=lambda r: (-round(r["score"], 2), r["cost_usd"], r["proposal_id"]))
    chosen = set(rules.must_fund)
    if rules.min_one_per_association:
        first_seen = list(dict.fromkeys(a for r in turn for a in members_of(r)))
        for association in first_seen:
            own = [r["proposal_id"] for r in turn if association in members_of(r)]
            if chosen.isdisjoint(own):
                chosen |= next(({p} for p in own if feasible(rows, chosen | {p}, rules)), set())
    for r in turn:
        if feasible(rows, chosen | {r["proposal_id"]}, rules):
            chosen.add(r["proposal_id"])
    return chosen


@FAST
@given(instances())
def test_greedy_funds_what_consuls_rule_written_independently_funds(case):
    candidates, rules = case
    result = allocate_detailed(candidates, rules, method="greedy")
    if result.feasible:
        assert set(result.funded_ids) == consul_greedy(candidates.to_dicts(), rules)


@FAST
@given(instances(max_n=8))
def test_score_needed_and_cost_to_shed_are_exact(case):
    candidates, rules = case
    result = allocate_detailed(candidates, rules)
    if not result.feasible:
        return
    for listed in result.proposals:
        if listed.funded or listed.score_needed is None:
            continue
        pid = listed.proposal_id
        outcome = explain_proposal(candidates, rules, pid)
        assert outcome.score_needed == listed.score_needed
        # Any score above the one needed brings it in.
        raised = candidates.with_columns(
            pl.when(pl.col("proposal_id") == pid).then(outcome.score_needed + 0.01).otherwise(pl.col("score"))
            .alias("score"))
        assert pid in allocate_detailed(raised, rules, explain=False).funded_ids
        if outcome.cost_to_shed_usd is None:
            continue
        # At the lower cost it belongs to an allocation as good as the optimum, and not one cent before.
        rows = candidates.to_dicts()
        cover = coverage(rows, set(result.funded_ids))
        z = round(sum(r["score"] for r in rows if r["proposal_id"] in set(result.funded_ids)), 2)
        for shed, reaches in ((outcome.cost_to_shed_usd, True), (outcome.cost_to_shed_usd - 0.01, False)):
            if shed < 0:
                continue
            cheaper = candidates.with_columns(
                pl.when(pl.col("proposal_id") == pid).then(pl.col("cost_usd") - shed).otherwise(pl.col("cost_usd"))
                .alias("cost_usd"))
            forced = rules.model_copy(update={"must_fund": [*rules.must_fund, pid]})
            assert exists_as_good(cheaper, forced, cover if rules.min_one_per_association else 0, z) is reaches


def exists_as_good(candidates: pl.DataFrame, rules: AllocationRules, cover: int, z: float) -> bool:
    rows = candidates.to_dicts()
    ids = [r["proposal_id"] for r in rows]
    for size in range(len(ids) + 1):
        for combo in itertools.combinations(ids, size):
            chosen = set(combo)
            if not feasible(rows, chosen, rules):
                continue
            score = round(sum(r["score"] for r in rows if r["proposal_id"] in chosen), 2)
            if coverage(rows, chosen) >= cover and score >= z - 1e-9:
                return True
    return False


def test_the_exact_recheck_catches_every_kind_of_broken_rule():
    # The solver works within tolerances; the rounded answer is re-checked exactly before it is used.
    import numpy as np

    from core.engine.allocation.instance import build_instance as _instance
    from core.engine.allocation.rules import breaks_a_rule as _breaks_a_rule
    from core.engine.allocation.rules import prepare_rules as _prepare_rules

    candidates = frame([("A", "a1", 60, 90), ("B", "a1", 50, 80), ("C", "a2", 40, 70)])
    inst = _instance(candidates)
    r, _ = _prepare_rules(inst, AllocationRules(budget_usd=100, max_share_per_association=0.55,
                                                must_fund=["C"], exclusive_pairs=[("A", "C")]))
    x = np.array([False, True, True])
    assert not _breaks_a_rule(inst, r, x, [0, 1], None)
    assert _breaks_a_rule(inst, r, np.array([True, True, True]), None, None)  # budget, cap, pair
    assert _breaks_a_rule(inst, r, np.array([False, True, False]), None, None)  # must
    assert _breaks_a_rule(inst, r, np.array([False, False, True]), [0, 1], None)  # coverage


@pytest.mark.parametrize("seed", range(6))
def test_twelve_proposals_with_every_rule_match_brute_force(seed):
    # Hypothesis favours small cases; these are always 12 proposals with every rule switched on.
    import numpy as np

    rng = np.random.default_rng(seed)
    rows = [(f"P{k:02d}", f"a{rng.integers(1, 5)}", float(rng.integers(5, 60)), float(rng.integers(0, 10000)) / 100)
            for k in range(12)]
    candidates = frame(rows)
    ids = [r[0] for r in rows]
    rules = AllocationRules(budget_usd=float(rng.integers(60, 200)), reserve_usd=5, min_one_per_association=True,
                            max_share_per_association=0.45, must_fund=[ids[0]], must_not_fund=[ids[1]],
                            exclusive_pairs=[(ids[2], ids[3]), (ids[4], ids[5])])
    result = allocate_detailed(candidates, rules, explain=False)
    best = brute_force(candidates, rules)
    if best is None:
        assert not result.feasible
        return
    assert key(candidates.to_dicts(), set(result.funded_ids), rules) == best[0]


@pytest.mark.parametrize("search", ["off", "unproven"])
@pytest.mark.parametrize("seed", range(8))
def test_highs_tie_breaks_over_kinds_of_alike_proposals_match_brute_force(seed, search, monkeypatch):
    """Few costs and scores, so many proposals are alike and many allocations tie on score and cost: HiGHS's
    tie-breaks must still pick the brute force's lowest cost, then first codes, with the search switched off or
    stopped after one node (HiGHS then starts from its columns fixed by the LP's duals, fixed again at the
    optimum's value for the tie-breaks)."""
    import numpy as np

    from core.engine.allocation import exact

    rng = np.random.default_rng(50 + seed)
    rows = [(f"P{k:02d}", f"a{rng.integers(1, 3)}", float(rng.choice([10, 15, 25])), float(rng.choice([20, 30, 50])))
            for k in range(13)]
    candidates = frame(rows)
    ids = [r[0] for r in rows]
    rules = AllocationRules(budget_usd=float(rng.integers(40, 120)), min_one_per_association=bool(seed % 2),
                            max_share_per_association=[None, 0.6][seed % 4 // 2],
                            exclusive_pairs=[(ids[0], ids[1])] if seed % 3 == 0 else [])
    if search == "off":
        monkeypatch.setattr(exact, "_search", lambda *_: None)
    else:
        within = exact.best_within
        monkeypatch.setattr(exact, "best_within", lambda *a, **k: within(*a, **{**k, "node_limit": 1}))
    result = allocate_detailed(candidates, rules, explain=False)
    best = brute_force(candidates, rules)
    assert best is not None and result.feasible
    assert key(candidates.to_dicts(), set(result.funded_ids), rules) == best[0]
