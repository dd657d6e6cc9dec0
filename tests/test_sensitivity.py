"""Sensitivity: rank movement under weight changes and the probability of being funded."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from core.engine.allocation import AllocationRules, allocate, funded_under_scores
from core.engine.criteria import CRITERION_CODES
from core.engine.sensitivity import (
    draw_scores,
    funding_probability,
    most_influential,
    one_at_a_time,
    probability_frame,
    random_weights,
    rank_movement,
)


def matrix(rows: dict[str, dict[str, float]]) -> pl.DataFrame:
    return pl.DataFrame([{"proposal_id": pid, **{c: float(v.get(c, 0.0)) for c in CRITERION_CODES}}
                         for pid, v in rows.items()])


M = matrix({
    "A": {"pdot": 100, "scope": 20},
    "B": {"pdot": 40, "scope": 90},
    "C": {"pdot": 60, "scope": 60},
})


def test_rank_movement_follows_the_weights():
    moved = rank_movement(M, {"pdot": 3, "scope": 1}, {"pdot": 1, "scope": 3})
    by_id = {r["proposal_id"]: r for r in moved.iter_rows(named=True)}
    # pdot-heavy: A 80, C 60, B 52.5 → scope-heavy: B 77.5, C 60, A 40
    assert [by_id[p]["base_rank"] for p in "ABC"] == [1, 3, 2]
    assert [by_id[p]["new_rank"] for p in "ABC"] == [3, 1, 2]
    assert by_id["B"]["movement"] == 2 and by_id["A"]["movement"] == -2
    assert by_id["A"]["new_score"] == pytest.approx(40)


def test_one_at_a_time_changes_one_weight_by_the_share_asked():
    weights = {"pdot": 1, "scope": 1}
    moves = one_at_a_time(M, weights, change=0.5)
    assert set(moves["criterion"]) == {"pdot", "scope"}  # zero weights are not varied
    assert set(moves["change"]) == {"+50 %", "−50 %"}
    # scope × 1,5 against pdot × 1 → weights 0,4 and 0,6: A 52, B 70, C 60 → B first
    up = moves.filter((pl.col("criterion") == "scope") & (pl.col("change") == "+50 %"))
    ranks = dict(zip(up["proposal_id"], up["new_rank"], strict=True))
    assert ranks == {"B": 1, "C": 2, "A": 3}
    influence = most_influential(moves)
    assert influence["max_movement"].to_list()[0] >= 1


def test_random_weights_stay_within_the_variation_and_add_up_to_one():
    w = {"pdot": 2, "scope": 1, "need": 1}
    sample = random_weights(w, 0.2, 500, seed=7)
    assert sample.sum(axis=1) == pytest.approx(np.ones(500))
    idx = [CRITERION_CODES.index(c) for c in ("pdot", "scope")]
    ratio = sample[:, idx[0]] / sample[:, idx[1]]
    assert ratio.min() >= 2 * 0.8 / 1.2 - 1e-9 and ratio.max() <= 2 * 1.2 / 0.8 + 1e-9
    assert (sample[:, CRITERION_CODES.index("feasibility")] == 0).all()
    with pytest.raises(ValueError, match="entre 0 y 1"):
        random_weights(w, 1.5, 10, seed=1)


CANDIDATES = pl.DataFrame({"proposal_id": ["A", "B", "C", "D"], "association_id": ["a1", "a2", "a3", "a4"],
                           "cost_usd": [50.0, 50.0, 50.0, 500.0], "score": [0.0] * 4})
M4 = matrix({
    "A": {"pdot": 100, "scope": 100},  # best on everything: always funded
    "B": {"pdot": 70, "scope": 50},  # B and C trade places as the weights move
    "C": {"pdot": 50, "scope": 70},
    "D": {"pdot": 100, "scope": 100},  # never fits the budget
})
RULES = AllocationRules(budget_usd=100)


def test_funding_probability_is_one_for_the_sure_zero_for_the_impossible_and_between_for_the_rest():
    result = funding_probability(M4, {"pdot": 1, "scope": 1}, CANDIDATES, RULES, draws=60, seed=3)
    p = dict(zip(result["proposal_id"], result["p_funded"], strict=True))
    assert p["A"] == 1 and p["D"] == 0
    assert 0 < p["B"] < 1 and 0 < p["C"] < 1
    assert p["B"] + p["C"] == pytest.approx(1)  # exactly one of them fits beside A in each draw
    assert result["explanation_es"].str.contains("sorteos").all()


def test_funding_probability_is_reproducible_and_matches_rerunning_the_public_allocator():
    weights = {"pdot": 1, "scope": 1}
    one = funding_probability(M4, weights, CANDIDATES, RULES, draws=25, seed=11)
    two = funding_probability(M4, weights, CANDIDATES, RULES, draws=25, seed=11)
    assert one.equals(two)
    # The same draws, run one by one through core.engine.allocation.allocate (public as core.allocation.allocate).
    sample = random_weights(weights, 0.2, 25, seed=11)
    values = M4.select(list(CRITERION_CODES)).to_numpy()
    counts = dict.fromkeys("ABCD", 0)
    for w in sample:
        scored = CANDIDATES.with_columns(pl.Series("score", np.round(values @ w, 2)))
        for pid in allocate(scored, 100).filter(pl.col("funded"))["proposal_id"]:
            counts[pid] += 1
    assert dict(zip(one["proposal_id"], one["p_funded"], strict=True)) == pytest.approx({k: v / 25 for k, v in counts.items()})


def test_without_variation_the_probability_is_the_base_decision():
    result = funding_probability(M4, {"pdot": 3, "scope": 1}, CANDIDATES, RULES, variation=0.0, draws=5)
    for row in result.iter_rows(named=True):
        assert row["p_funded"] == (1.0 if row["funded_base"] else 0.0)
        assert row["rank_min"] == row["rank_max"] == row["base_rank"]


@pytest.mark.parametrize(("draws", "chunk"), [(25, 1), (25, 7), (40, 20), (40, 41), (3, 2)])
def test_the_probability_solved_a_slice_of_draws_at_a_time_is_the_same(draws, chunk):
    """Priorización solves the draws in cached slices (ui/scenario_state.py), so a new slider move can stop it."""
    weights = {"pdot": 2, "scope": 1}
    whole = funding_probability(M4, weights, CANDIDATES, RULES, draws=draws, seed=7)
    scores = draw_scores(M4, weights, CANDIDATES, draws=draws, seed=7)
    assert scores.shape == (draws + 1, CANDIDATES.height)
    funded = np.vstack([funded_under_scores(CANDIDATES, RULES, scores[start:start + chunk])
                        for start in range(0, draws + 1, chunk)])
    assert probability_frame(CANDIDATES, scores, funded, 0.2).equals(whole)
