"""Multi-criteria scores: every proposal scored 0–100 on each criterion, weighted, and explained.

Shapes:
- in: a list of `Proposal`, a `CriteriaContext` (core.engine.criteria), weights (core.engine.weights) and,
  optionally, evaluators' scores as a long DataFrame (`proposal_id`, `evaluator_id`, `criterion`,
  `score`, on a 0–`scale_max` scale);
- out: `Scoring` with `criteria` (long: proposal × criterion, with score, weight, contribution,
  source and a Spanish sentence), `totals` (one row per proposal: total 0–100 and rank) and
  `matrix` (wide: proposal × criterion scores, what core.engine.sensitivity re-weights).

Judged criteria take the median of the evaluators' scores when there are any, and the spread
(interquartile range and range) says how much the evaluators disagree; otherwise a proxy computed
from the formulation stands in and its sentence says so. The total is the weighted mean
Σ wₖ·sₖ / Σ wₖ, so it stays on 0–100 whatever the weights add up to.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
import polars as pl

from core.engine.criteria import BY_CODE, CRITERIA, CRITERION_CODES, CriteriaContext
from core.engine.weights import normalize
from core.fmt import listing, number
from core.proposals.models import Proposal
from core.texts import t

# Evaluators disagree when their scores span this much of the 0–100 scale (range) or their
# middle half does (interquartile range).
DISAGREEMENT_RANGE = 40.0
DISAGREEMENT_IQR = 25.0



@dataclass(frozen=True)
class Scoring:
    criteria: pl.DataFrame
    totals: pl.DataFrame
    matrix: pl.DataFrame
    weights: dict[str, float]
    evaluations: pl.DataFrame


_EVAL_SCHEMA = {"proposal_id": pl.Utf8, "criterion": pl.Utf8, "n_evaluators": pl.Int64, "median": pl.Float64,
                "q1": pl.Float64, "q3": pl.Float64, "iqr": pl.Float64, "min": pl.Float64, "max": pl.Float64,
                "range": pl.Float64, "disagreement": pl.Boolean}


def aggregate_evaluations(evaluations: pl.DataFrame | None, scale_max: float = 100.0) -> pl.DataFrame:
    """Per (proposal, criterion): how many evaluators, the median and the spread, on 0–100.

    Quartiles are the medians of the lower and upper halves (Tukey's hinges), so with three
    scores 40, 60, 90 the IQR is 90 − 40 = 50, as a person would count it."""
    if evaluations is None or evaluations.height == 0:
        return pl.DataFrame(schema=_EVAL_SCHEMA)
    missing = [c for c in ("proposal_id", "criterion", "score") if c not in evaluations.columns]
    if missing:
        raise ValueError(t("crit.evaluations.missing_columns", columns=", ".join(missing)))
    if not 0 < scale_max < math.inf:  # NaN fails too
        raise ValueError(t("crit.evaluations.scale"))
    rows = []
    # a score that is no number (text, a date) reads as null and is refused below, naming its proposal
    scaled = evaluations.with_columns(
        (pl.col("score").cast(pl.Float64, strict=False) * 100.0 / scale_max).alias("score"))
    bad = scaled.filter((pl.col("score") < 0) | (pl.col("score") > 100) | pl.col("score").is_null())
    if bad.height:
        raise ValueError(t("crit.evaluations.outside", max=number(scale_max), id=bad["proposal_id"][0]))
    for (pid, criterion), group in scaled.group_by(["proposal_id", "criterion"], maintain_order=True):
        values = sorted(group["score"].to_list())
        n = len(values)
        half = n // 2
        lower, upper = (values[:half], values[half + (n % 2):]) if n > 1 else (values, values)
        q1, q3 = float(np.median(lower)), float(np.median(upper))
        spread = values[-1] - values[0]
        rows.append({"proposal_id": pid, "criterion": criterion, "n_evaluators": n,
                     "median": float(np.median(values)), "q1": q1, "q3": q3, "iqr": q3 - q1,
                     "min": values[0], "max": values[-1], "range": spread,
                     "disagreement": spread >= DISAGREEMENT_RANGE or (q3 - q1) >= DISAGREEMENT_IQR})
    return pl.DataFrame(rows, schema=_EVAL_SCHEMA).sort(["proposal_id", "criterion"])


def score_proposals(proposals: Sequence[Proposal], context: CriteriaContext, weights: Mapping[str, float],
                    evaluations: pl.DataFrame | None = None, *, scale_max: float = 100.0,
                    not_scored: Mapping[tuple[str, str], Sequence[str]] | None = None) -> Scoring:
    """Score every proposal on every criterion, combine with `weights`, explain each number.

    `not_scored`: (proposal_id, criterion) → names of the evaluators who did not score it, said in the
    explanation. `source_es` says where each value came from: the advisory group (N evaluators) or Minga's
    estimate and why."""
    not_scored = not_scored or {}
    w = normalize(weights)
    if not context.max_direct_beneficiaries and proposals:
        context = replace(context, max_direct_beneficiaries=max(p.direct_beneficiaries for p in proposals))
    agg = aggregate_evaluations(evaluations, scale_max)
    judged = {(r["proposal_id"], r["criterion"]): r for r in agg.iter_rows(named=True)}
    rows = []
    for p in proposals:
        for criterion in CRITERIA:
            n_eval, disagreement = 0, False
            if criterion.kind == "juicio" and (p.proposal_id, criterion.code) in judged:
                r = judged[(p.proposal_id, criterion.code)]
                n_eval, disagreement = r["n_evaluators"], r["disagreement"]
                score = r["median"]
                one = n_eval == 1
                source = t("crit.source.median_one" if one else "crit.source.median", count=n_eval)
                explanation = t("crit.judged_one" if one else "crit.judged", count=n_eval, score=number(score, 1),
                                low=_given(r["min"]), high=_given(r["max"]), iqr=number(r["iqr"], 1))
                if disagreement:
                    explanation += t("crit.judged.disagree")
                flag = disagreement
            else:
                result = criterion.compute(p, context)
                score, explanation, flag = result.score, result.explanation_es, result.flag
                source = t("crit.source.data") if criterion.kind == "datos" else t(
                    "crit.source.proxy", reason=t("crit.source.unscored" if judged else "crit.source.no_meeting"))
            missing = not_scored.get((p.proposal_id, criterion.code)) if criterion.kind == "juicio" else None
            if missing and n_eval:
                explanation += t("crit.judged.missing", names=listing(missing))
            score = float(min(100.0, max(0.0, score)))
            rows.append({"proposal_id": p.proposal_id, "association_id": p.association_id,
                         "criterion": criterion.code, "label_es": criterion.label_es, "kind": criterion.kind,
                         "source_es": source, "score": score, "weight": w[criterion.code],
                         "contribution": w[criterion.code] * score, "explanation_es": explanation,
                         "flag": bool(flag), "n_evaluators": n_eval, "disagreement": bool(disagreement)})
    schema = {"proposal_id": pl.Utf8, "association_id": pl.Utf8, "criterion": pl.Utf8, "label_es": pl.Utf8,
              "kind": pl.Utf8, "source_es": pl.Utf8, "score": pl.Float64, "weight": pl.Float64,
              "contribution": pl.Float64, "explanation_es": pl.Utf8, "flag": pl.Boolean, "n_evaluators": pl.Int64,
              "disagreement": pl.Boolean}
    long = pl.DataFrame(rows, schema=schema)
    matrix = _matrix(long)
    totals = _totals(long, proposals)
    return Scoring(criteria=long, totals=totals, matrix=matrix, weights=w, evaluations=agg)


def _given(score: float) -> str:
    """A score as an evaluator gave it: whole («60») or with its decimal («72,5»), never rounded off the median's."""
    return number(score, 0 if float(score).is_integer() else 1)


def _matrix(long: pl.DataFrame) -> pl.DataFrame:
    if long.height == 0:
        return pl.DataFrame(schema={"proposal_id": pl.Utf8, **{c: pl.Float64 for c in CRITERION_CODES}})
    wide = long.pivot(on="criterion", index="proposal_id", values="score")
    return wide.select("proposal_id", *CRITERION_CODES).sort("proposal_id")


def _totals(long: pl.DataFrame, proposals: Sequence[Proposal]) -> pl.DataFrame:
    titles = {p.proposal_id: p.title for p in proposals}
    schema = {"proposal_id": pl.Utf8, "association_id": pl.Utf8, "title": pl.Utf8, "score": pl.Float64,
              "rank": pl.Int64, "n_flags": pl.Int64, "flags_es": pl.List(pl.Utf8)}
    if long.height == 0:
        return pl.DataFrame(schema=schema)
    totals = (long.group_by(["proposal_id", "association_id"], maintain_order=True)
              .agg(pl.col("contribution").sum().alias("score"),
                   pl.col("flag").sum().cast(pl.Int64).alias("n_flags"),
                   pl.col("label_es").filter(pl.col("flag")).alias("flags_es")))
    totals = totals.with_columns(pl.col("proposal_id").replace_strict(titles, default=None).alias("title"))
    return rank(totals).select(list(schema))


def rank(totals: pl.DataFrame, score_column: str = "score") -> pl.DataFrame:
    """Add `rank` (1 = best): by score, highest first, ties by proposal_id, so it never depends on
    the input order. Scores are compared to two decimals, like the allocation."""
    return (totals.with_columns(pl.col(score_column).round(2).alias("_key"))
            .sort(["_key", "proposal_id"], descending=[True, False])
            .with_row_index("rank", offset=1).with_columns(pl.col("rank").cast(pl.Int64)).drop("_key"))


def candidates(proposals: Sequence[Proposal], scoring: Scoring, eligible_ids: Sequence[str] | None = None,
               ) -> pl.DataFrame:
    """The allocation's input: eligible proposals with their score and what each costs the parish
    budget (`cost_usd` = the amount asked of the GAD, `requested_usd`; the rest is counterpart)."""
    keep = set(eligible_ids) if eligible_ids is not None else None
    score = dict(zip(scoring.totals["proposal_id"].to_list(), scoring.totals["score"].to_list(), strict=True))
    rows = [{"proposal_id": p.proposal_id, "association_id": p.association_id,
             "association_ids": list(p.association_ids), "title": p.title, "cost_usd": p.requested_usd,
             "total_cost_usd": p.cost_usd, "score": round(score[p.proposal_id], 2),
             "direct_beneficiaries": p.direct_beneficiaries}
            for p in proposals if (keep is None or p.proposal_id in keep) and p.proposal_id in score]
    schema = {"proposal_id": pl.Utf8, "association_id": pl.Utf8, "association_ids": pl.List(pl.Utf8),
              "title": pl.Utf8, "cost_usd": pl.Float64, "total_cost_usd": pl.Float64, "score": pl.Float64,
              "direct_beneficiaries": pl.Int64}
    return pl.DataFrame(rows, schema=schema)


__all__ = ["Scoring", "aggregate_evaluations", "score_proposals", "rank", "candidates", "BY_CODE"]
