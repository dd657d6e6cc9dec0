"""The allocation's entry points: `allocate_detailed` (every outcome explained), `allocate` (DESIGN §5: the rows
with a `funded` column), `explain_proposal` (one «¿por qué no?» on demand) and `funded_under_scores` (the
funded set for many score draws, for the sensitivity analysis)."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from typing import Literal

import numpy as np
import polars as pl
from pydantic import ValidationError

from core.data.validation import spanish_message
from core.engine.allocation.exact import Solved, solve_optimal
from core.engine.allocation.explanations import explain_all
from core.engine.allocation.heuristics import NO_BLOCKS, Blocks, block_reason, solve_heuristic, visit_order
from core.engine.allocation.instance import Instance, build_instance
from core.engine.allocation.proportional import Ballots, no_ballots, solve_equal_shares
from core.engine.allocation.result import AllocationResult, ProposalOutcome, build_result, infeasible_result
from core.engine.allocation.rules import AllocationRules, Rules, prepare_rules
from core.texts import t

Method = Literal["optimal", "scope", "proportional", "greedy", "equal_split"]
OBJECTIVES: tuple[str, ...] = ("optimal", "scope", "proportional")  # what the board may choose to maximise
COMPARATORS: tuple[str, ...] = ("greedy", "equal_split")  # shown next to them for comparison
METHODS: tuple[str, ...] = (*OBJECTIVES, *COMPARATORS)
EXACT: tuple[str, ...] = ("optimal", "scope")  # the methods explained exactly


def _check_method(method: str) -> None:
    if method not in METHODS:
        raise ValueError(t("alloc.input.unknown_method", method=method, methods=", ".join(METHODS)))


def _chosen(inst: Instance, x: np.ndarray, explain: bool | int | str | Sequence[str]) -> tuple[list[int], bool]:
    """The unfunded proposals to explain (highest score first) and whether to add the cost to shed (only when
    particular proposals are asked for: it needs one more solve each)."""
    order = [i for i in visit_order(inst).tolist() if not x[i]]
    if isinstance(explain, bool):
        return (order if explain else []), False
    if isinstance(explain, int):
        return order[: max(0, explain)], False
    wanted = {explain} if isinstance(explain, str) else set(explain)
    return [i for i in order if inst.ids[i] in wanted], True


def _solve(inst: Instance, r: Rules, rules: AllocationRules, method: str,
           ballots: Ballots | None) -> tuple[Solved, Blocks, set[int]]:
    if method in EXACT:
        solved = solve_optimal(inst, r, rules.min_one_per_association)
        if method == "scope" and solved.status == "optimal":
            solved.message = t("alloc.message.scope")
        return solved, NO_BLOCKS, set()
    if method == "proportional":
        if not ballots or not any(any(v > 0 for v in b.values()) for b in ballots.values()):
            return no_ballots(inst), NO_BLOCKS, set()
        return solve_equal_shares(inst, r, ballots)
    solved, why = solve_heuristic(inst, r, rules.min_one_per_association, method == "equal_split")
    return solved, why, set()


def allocate_detailed(candidates: pl.DataFrame, rules: AllocationRules, *, method: Method = "optimal",
                      explain: bool | int | Sequence[str] = True, ballots: Ballots | None = None,
                      association_names: Mapping[str, str] | None = None,
                      score_max: float | None = None,
                      association_members: Mapping[str, int] | None = None) -> AllocationResult:
    """Allocate the budget among `candidates` under `rules` and explain every outcome.

    `method`: "optimal" (the largest total score, exact), "scope" (the largest total of score × people reached,
    exact), "proportional" (equal shares over `ballots`, participant → {proposal_id: score}), or the comparators
    "greedy" and "equal_split". `explain` (exact methods): True explains every unfunded proposal, False none, an
    integer k the k with the highest scores, a list of ids those (adding the cost each would have to shed).
    `association_names` put names instead of codes in the sentences; `score_max` is the top of the score scale,
    when there is one (a need above it is called impossible). `association_members` (association_id → its
    members, where known) counts each association's people once: in `people_reached` and in the scope objective.
    """
    _check_method(method)
    wall = time.perf_counter()
    inst = build_instance(candidates, scope=method == "scope", names=association_names, members=association_members)
    prepared, problems = prepare_rules(inst, rules)
    if prepared is None:
        return infeasible_result(inst, rules, method, " ".join(problems), wall)
    if not inst.ids:
        nothing = Solved(np.zeros(0, bool), "optimal" if method in EXACT else "heuristic", t("alloc.solver.none"),
                         t("alloc.message.no_candidates"), [], {}, None, None, z=0)
        return build_result(inst, rules, prepared, method, nothing, {}, wall)
    solved, why, completed = _solve(inst, prepared, rules, method, ballots)
    if solved.status == "infeasible":
        return infeasible_result(inst, rules, method, solved.message, wall, solved)
    explanations: dict[int, dict] = {}
    if method in EXACT and explain:
        chosen, shed = _chosen(inst, solved.x, explain)
        explanations, seconds, solves = explain_all(inst, prepared, solved, chosen, shed=shed, score_max=score_max)
        solved.seconds += seconds
        solved.solves += solves
    for i, stop in why.items():
        code, text = block_reason(inst, prepared, i, stop)
        explanations[i] = {"rule": code, "reason_es": text}
        if stop.needed is not None:
            explanations[i]["score_needed"] = stop.needed
    result = build_result(inst, rules, prepared, method, solved, explanations, wall)
    if completed:
        ids = {inst.ids[i] for i in completed}
        result = result.model_copy(update={"proposals": [
            o.model_copy(update={"rule": "completion", "reason_es": t("alloc.funded.completion")})
            if o.funded and o.proposal_id in ids else o for o in result.proposals]})
    return result


def explain_proposal(candidates: pl.DataFrame, rules: AllocationRules, proposal_id: str, *,
                     method: Method = "optimal", association_names: Mapping[str, str] | None = None,
                     score_max: float | None = None,
                     association_members: Mapping[str, int] | None = None) -> ProposalOutcome:
    """The exact «¿por qué no?» of one proposal, with the cost it would have to shed."""
    if proposal_id not in set(candidates["proposal_id"].cast(pl.Utf8).to_list()):
        raise ValueError(t("alloc.input.not_candidate", id=proposal_id))
    result = allocate_detailed(candidates, rules, method=method if method in EXACT else "optimal",
                               explain=[proposal_id], association_names=association_names, score_max=score_max,
                               association_members=association_members)
    return next(o for o in result.proposals if o.proposal_id == proposal_id)


def funded_under_scores(candidates: pl.DataFrame, rules: AllocationRules, scores: np.ndarray, *,
                        method: Method = "optimal", ballots: Ballots | None = None,
                        association_members: Mapping[str, int] | None = None) -> np.ndarray:
    """Which candidates are funded for each row of `scores` (draws × candidates, in the order of the `candidates`
    rows), with the same rules and tie-breaks as `allocate_detailed`. Builds the instance once, so re-running the
    allocation hundreds of times costs only the solves. All False for rules that cannot hold."""
    _check_method(method)
    scores = np.atleast_2d(np.asarray(scores, dtype=float))
    inst = build_instance(candidates, scope=method == "scope", members=association_members)
    order = np.array([inst.pos[str(pid)] for pid in candidates["proposal_id"].to_list()], dtype=int)
    out = np.zeros((scores.shape[0], len(order)), dtype=bool)
    prepared, _ = prepare_rules(inst, rules)
    if prepared is None or not inst.ids:
        return out
    for d, row in enumerate(scores):
        sorted_scores = np.empty(len(order))
        sorted_scores[order] = row
        inst.set_scores(sorted_scores)
        solved, _, _ = _solve(inst, prepared, rules, method, ballots)
        if solved.status != "infeasible":
            out[d] = solved.x[order]
    return out


def allocate(candidates: pl.DataFrame, budget_usd: float, *, method: Method = "optimal",
             min_one_per_association: bool = False,
             max_share_per_association: float | None = None, ballots: Ballots | None = None,
             association_members: Mapping[str, int] | None = None) -> pl.DataFrame:
    """The candidates, same rows and order, with a boolean column `funded` (DESIGN §5). Nothing is explained,
    so the comparators on 10,000 proposals take milliseconds. The proportional method needs `ballots`."""
    _check_method(method)
    if method == "proportional" and not ballots:
        raise ValueError(t("alloc.input.no_ballots"))
    try:
        rules = AllocationRules(budget_usd=budget_usd, min_one_per_association=min_one_per_association,
                                max_share_per_association=max_share_per_association)
    except ValidationError as exc:
        raise ValueError("; ".join(f"{e['loc'][0]}: {spanish_message(e)}" for e in exc.errors())) from exc
    inst = build_instance(candidates, scope=method == "scope", members=association_members)
    prepared, problems = prepare_rules(inst, rules)
    funded: set[str] = set()
    if prepared is not None and inst.ids:
        solved, _, _ = _solve(inst, prepared, rules, method, ballots)
        if solved.status != "infeasible":
            funded = {pid for pid, chosen in zip(inst.ids, solved.x.tolist(), strict=False) if chosen}
    return candidates.with_columns(
        pl.col("proposal_id").cast(pl.Utf8).is_in(list(funded)).fill_null(False).alias("funded"))


def warm_up() -> None:
    """Compile the exact search, the scope objective's subsets and the comparators' walk (numba; a few seconds,
    once per checkout) or load them from numba's cache (a fraction of a second, once per process), so that nobody
    waits for them at their first
    allocation: `make test` and `make bench` call it before they start, and scripts/serve.py (`make run`) before
    the server listens."""
    tiny = pl.DataFrame({"proposal_id": ["A", "B", "C"], "association_id": ["X", "X", "Y"],
                         "cost_usd": [300.0, 500.0, 400.0], "score": [60.0, 80.0, 70.0]})
    for method in ("optimal", "greedy"):
        allocate_detailed(tiny, AllocationRules(budget_usd=900.0, min_one_per_association=True), method=method,
                          explain=True)
    allocate_detailed(tiny, AllocationRules(budget_usd=900.0), method="scope", explain=False,
                      association_members={"X": 5})  # the subsets' compiled front (choices)


__all__ = ["COMPARATORS", "EXACT", "METHODS", "OBJECTIVES", "Method", "allocate", "allocate_detailed", "explain_proposal",
           "funded_under_scores", "warm_up"]

