"""What the Presupuesto page says about the score a proposal left out would need must hold for the instance.

The engine's `score_needed` X is a strict bound: any score above X brings the proposal in (tests/test_allocation.py
checks it by re-solving). X itself may already be enough, when the tie-break (lower cost, then code) favours the
proposal, or not. The page said «Puntaje necesario: más de X» and headed the table «Puntaje que necesitaría»: in the
first case the first is false (X suffices, so more than X is not necessary), in the second the header is (X does
not suffice). Recomputed here on one instance of each kind, for the greedy comparator and the exact optimum."""

import polars as pl
import pytest

from core.allocation import AllocationRules, allocate, allocate_detailed
from core.fmt import number
from core.texts import t


def _frame(costs, scores):
    ids = [f"P{k}" for k in range(len(costs))]
    return pl.DataFrame({"proposal_id": ids, "association_id": ["a1"] * len(ids),
                         "cost_usd": [float(c) for c in costs], "score": [float(s) for s in scores]})


def _funded_with(candidates, pid, score, budget, method):
    raised = candidates.with_columns(pl.when(pl.col("proposal_id") == pid).then(score).otherwise(pl.col("score"))
                                     .alias("score"))
    return bool(allocate(raised, budget, method=method).filter(pl.col("proposal_id") == pid)["funded"][0])


@pytest.mark.parametrize(("costs", "scores", "budget", "method", "pid", "needed", "enough"), [
    # the greedy walks P2 (70) then P0 (50): $ 11 left for P0's $ 38. At 70, P0 (cheaper than P2) goes first.
    ([38, 25.5, 59], [50, 50, 70], 70, "greedy", "P0", 70.0, True),
    # the same, but P0 dearer than P2: at 70 it still goes after it, and needs more.
    ([60, 25.5, 59], [50, 50, 70], 70, "greedy", "P0", 70.0, False),
    # the optimum funds P1 (60); P0 (40) at 60 ties it and is cheaper: the tie-break takes it.
    ([50, 60], [40, 60], 60, "optimal", "P0", 60.0, True),
    # P0 dearer: at 60 the tie-break keeps P1.
    ([70, 60], [40, 60], 70, "optimal", "P0", 60.0, False),
])
def test_what_the_page_says_about_the_score_needed_holds(costs, scores, budget, method, pid, needed, enough):
    candidates = _frame(costs, scores)
    outcome = next(o for o in allocate_detailed(candidates, AllocationRules(budget_usd=budget), method=method).proposals
                   if o.proposal_id == pid)
    assert not outcome.funded and outcome.score_needed == pytest.approx(needed)
    assert _funded_with(candidates, pid, needed + 0.01, budget, method)  # above it: in, always
    assert _funded_with(candidates, pid, needed, budget, method) is enough  # at it: depends on the tie-break
    figure = t("budget.why.score_needed", score=number(needed, 2))
    header = t("budget.col.score_needed")
    # a strict bound, as the engine's sentences say it («Habría entrado con un puntaje mayor que X»)
    assert f"mayor que {number(needed, 2)}" in figure and header.endswith("mayor que")
    assert "necesari" not in figure.lower() and "necesitar" not in header.lower()
