"""Sensitivity: how much the ranking and the funded set depend on the weights.

Shapes: a criterion matrix (core.engine.scoring `Scoring.matrix`: one row per proposal, one 0–100 column
per criterion), weights (criterion → number), and for funding, the allocation candidates and rules
(core.engine.allocation). Outputs are polars DataFrames, one row per proposal (or per criterion change ×
proposal), so a page can draw them directly.

- `rank_movement`: ranks under two sets of weights and how far each proposal moves.
- `one_at_a_time`: each criterion's weight raised and lowered by a share (±20 % by default), the
  others left as they are, then everything renormalised: which weight moves the ranking most.
- `funding_probability`: a seeded Monte Carlo. In each draw every weight is multiplied by an
  independent uniform factor in [1 − v, 1 + v] (v = 0,20 by default) and renormalised, the totals
  are recomputed and the allocator is re-run with the same rules; a proposal's probability is the
  share of draws in which it is funded. The same seed gives the same numbers.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import polars as pl

from core.engine.allocation import AllocationRules, Method, funded_under_scores
from core.engine.criteria import BY_CODE, CRITERION_CODES
from core.engine.weights import normalize
from core.fmt import number, percent
from core.texts import t


def _scores(matrix: pl.DataFrame, weights: Mapping[str, float]) -> np.ndarray:
    w = normalize(weights)
    return matrix.select(list(CRITERION_CODES)).to_numpy() @ np.array([w[c] for c in CRITERION_CODES])


def _ranks(ids: list[str], scores: np.ndarray) -> np.ndarray:
    """1 = best; ties (to two decimals) go to the lower proposal_id, as in core.engine.scoring.rank."""
    order = np.lexsort((np.array(ids), -np.round(scores, 2)))
    ranks = np.empty(len(ids), dtype=int)
    ranks[order] = np.arange(1, len(ids) + 1)
    return ranks


def rank_movement(matrix: pl.DataFrame, base_weights: Mapping[str, float],
                  new_weights: Mapping[str, float]) -> pl.DataFrame:
    """One row per proposal: score and rank under each set of weights; `movement` > 0 means it rises."""
    ids = matrix["proposal_id"].to_list()
    base, new = _scores(matrix, base_weights), _scores(matrix, new_weights)
    base_rank, new_rank = _ranks(ids, base), _ranks(ids, new)
    return pl.DataFrame({"proposal_id": ids, "base_score": base, "base_rank": base_rank, "new_score": new,
                         "new_rank": new_rank, "movement": base_rank - new_rank}).sort("new_rank")


def one_at_a_time(matrix: pl.DataFrame, weights: Mapping[str, float], change: float = 0.2) -> pl.DataFrame:
    """Each weighted criterion up and down by `change` (a share of its weight), one at a time.

    One row per (criterion, direction, proposal) with the ranks before and after; criteria that
    weigh nothing are left out (a share of zero is zero)."""
    w = normalize(weights)
    ids = matrix["proposal_id"].to_list()
    base_rank = _ranks(ids, _scores(matrix, w))
    frames = []
    for code in CRITERION_CODES:
        if w[code] <= 0:
            continue
        for sign, label in ((1, f"+{number(change * 100)} %"), (-1, f"−{number(change * 100)} %")):
            changed = dict(w)
            changed[code] = w[code] * (1 + sign * change)
            new_rank = _ranks(ids, _scores(matrix, changed))
            frames.append(pl.DataFrame({
                "criterion": code, "label_es": BY_CODE[code].label_es, "change": label, "proposal_id": ids,
                "base_rank": base_rank, "new_rank": new_rank, "movement": base_rank - new_rank}))
    if not frames:
        return pl.DataFrame(schema={"criterion": pl.Utf8, "label_es": pl.Utf8, "change": pl.Utf8,
                                    "proposal_id": pl.Utf8, "base_rank": pl.Int64, "new_rank": pl.Int64,
                                    "movement": pl.Int64})
    return pl.concat(frames)


def most_influential(moves: pl.DataFrame) -> pl.DataFrame:
    """Per criterion: the largest rank movement any proposal makes, and how many proposals move."""
    return (moves.group_by(["criterion", "label_es"], maintain_order=True)
            .agg(pl.col("movement").abs().max().alias("max_movement"),
                 (pl.col("movement") != 0).sum().alias("proposals_moved"))
            .sort(["max_movement", "criterion"], descending=[True, False]))


def random_weights(weights: Mapping[str, float], variation: float, draws: int, seed: int) -> np.ndarray:
    """draws × criteria: each weight times an independent U(1 − v, 1 + v) factor, rows adding up to 1."""
    if not 0 <= variation < 1:
        raise ValueError(t("sens.variation"))
    w = normalize(weights)
    base = np.array([w[c] for c in CRITERION_CODES])
    rng = np.random.default_rng(seed)
    factors = rng.uniform(1 - variation, 1 + variation, size=(draws, len(base)))
    sample = base * factors
    return sample / sample.sum(axis=1, keepdims=True)


def draw_scores(matrix: pl.DataFrame, weights: Mapping[str, float], candidates: pl.DataFrame, *,
                variation: float = 0.2, draws: int = 200, seed: int = 20_240) -> np.ndarray:
    """(1 + draws) × candidates, in the order of the `candidates` rows: the totals with the weights as given (row
    0), then under each seeded random draw of the weights, rounded to two decimals as the allocator compares them."""
    if draws < 1:
        raise ValueError(t("sens.draws"))
    ids = candidates["proposal_id"].to_list()
    rows = matrix.filter(pl.col("proposal_id").is_in(ids))
    index = {pid: k for k, pid in enumerate(rows["proposal_id"].to_list())}
    missing = [pid for pid in ids if pid not in index]
    if missing:
        raise ValueError(t("sens.missing_scores", id=missing[0]))
    values = rows.select(list(CRITERION_CODES)).to_numpy()[[index[pid] for pid in ids]]
    w = normalize(weights)
    base_scores = values @ np.array([w[c] for c in CRITERION_CODES])
    sampled = random_weights(w, variation, draws, seed)
    return np.round(np.vstack([base_scores, sampled @ values.T]), 2)


def probability_frame(candidates: pl.DataFrame, scores: np.ndarray, funded: np.ndarray,
                      variation: float) -> pl.DataFrame:
    """The funding probability from `draw_scores` and whether each candidate is funded under each of its rows
    (core.engine.allocation.funded_under_scores, which a page may run a slice of rows at a time)."""
    ids = candidates["proposal_id"].to_list()
    draws = scores.shape[0] - 1
    ranks = np.vstack([_ranks(ids, s) for s in scores])
    p = funded[1:].mean(axis=0)
    margin = 1.96 * np.sqrt(p * (1 - p) / draws)
    explanations = []
    for k in range(len(ids)):
        explanations.append(t("sens.explanation", base=t("sens.funded" if funded[0, k] else "sens.not_funded"),
                              variation=percent(variation, 0), share=percent(p[k], 0), draws=draws,
                              best=ranks[1:, k].min(), worst=ranks[1:, k].max()))
    schema = {"proposal_id": pl.Utf8, "p_funded": pl.Float64, "margin": pl.Float64, "funded_base": pl.Boolean,
              "base_rank": pl.Int64, "rank_min": pl.Int64, "rank_median": pl.Float64, "rank_max": pl.Int64,
              "draws": pl.Int64, "explanation_es": pl.Utf8}
    if not ids:
        return pl.DataFrame(schema=schema)
    return pl.DataFrame({
        "proposal_id": ids, "p_funded": p, "margin": margin, "funded_base": funded[0],
        "base_rank": ranks[0], "rank_min": ranks[1:].min(axis=0), "rank_median": np.median(ranks[1:], axis=0),
        "rank_max": ranks[1:].max(axis=0), "draws": np.full(len(ids), draws), "explanation_es": explanations,
    }, schema=schema).sort(["p_funded", "base_rank"], descending=[True, False])


def funding_probability(matrix: pl.DataFrame, weights: Mapping[str, float], candidates: pl.DataFrame,
                        rules: AllocationRules, *, method: Method = "optimal", variation: float = 0.2,
                        draws: int = 200, seed: int = 20_240) -> pl.DataFrame:
    """For every candidate: how often it is funded when the weights vary randomly (±`variation`).

    Columns: proposal_id, p_funded (0–1), margin (half-width of a 95 % normal-approximation
    interval), funded_base (with the weights as given), base_rank, rank_min, rank_median, rank_max,
    draws, explanation_es."""
    scores = draw_scores(matrix, weights, candidates, variation=variation, draws=draws, seed=seed)
    return probability_frame(candidates, scores, funded_under_scores(candidates, rules, scores, method=method),
                             variation)
