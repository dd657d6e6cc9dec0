"""The exact optimum: the largest total of the objective's values under every rule, then the lexicographic
tie-breaks (lowest cost, then proposals first in code order), each keeping the level before it.

First one LP relaxation and the exact search bounded by its duals (`search`), which compares the three levels as
integers in one pass; when the search cannot prove its answer, HiGHS solves the MIP (from the search's best
allocation and the fixings it proves) and the two tie-breaks as two more solves.

"At least one per association when possible": associations that cannot get any proposal on their own are named
and left out; if the money cannot cover all the others, the optimum first covers as many as possible, then
maximises the objective, and says how much covering every one would have cost."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.engine.allocation import choices
from core.engine.allocation.code_order import first_in_code_order
from core.engine.allocation.fill import complete, ratio_order
from core.engine.allocation.instance import Instance
from core.engine.allocation.mip import INF, Mip
from core.engine.allocation.people import worth
from core.engine.allocation.rules import (
    Rules,
    alone_blocker,
    breaks_a_rule,
    in_code_order,
    interchangeable,
    must_cents,
)
from core.engine.allocation.search import DualBound, best_within, dual_bound
from core.fmt import amounts_named
from core.texts import t, t_count


@dataclass
class Solved:
    x: np.ndarray
    status: str  # optimal / heuristic / infeasible
    solver_status: str
    message: str
    notes: list[str]
    uncovered_reasons: dict[str, str]
    coverable: list[int] | None
    coverage_min: int | None
    z: int | None = None  # optimum total of the objective's values
    seconds: float = 0.0
    solves: int = 0


def coverable_associations(inst: Instance, r: Rules) -> tuple[list[int], dict[str, str]]:
    """Associations that could get a proposal on their own, and why the others cannot."""
    coverable: list[int] = []
    reasons: dict[str, str] = {}
    fixed = must_cents(inst, r)
    for k, assoc in enumerate(inst.associations):
        blocked = [alone_blocker(inst, r, i, fixed) for i in inst.member_idx[k]]
        if any(b is None for b in blocked):
            coverable.append(k)
        elif all(code == "must_not_fund" for code, _ in blocked):
            reasons[assoc] = t("alloc.uncovered.all_excluded")
        else:
            cheapest = min(inst.member_idx[k], key=lambda i: (inst.cost[i] * inst.share[i], inst.ids[i]))
            _, why = alone_blocker(inst, r, cheapest, fixed)
            reasons[assoc] = t("alloc.uncovered.none_fits", id=inst.ids[cheapest],
                               reason=(why[0].lower() + why[1:]).rstrip("."))
    return coverable, reasons


def solve_optimal(inst: Instance, r: Rules, min_one: bool, tie_break: bool = True) -> Solved:
    solved = _solve_once(inst, r, min_one, tie_break)
    if solved.status == "optimal" and breaks_a_rule(inst, r, solved.x, solved.coverable, solved.coverage_min):
        retry = _solve_once(inst, r, min_one, tie_break, strict=True)
        retry.seconds += solved.seconds
        retry.solves += solved.solves
        return retry
    return solved


def _max_coverage(inst: Instance, r: Rules, coverable: list[int], strict: bool,
                  notes: list[str]) -> tuple[int | None, str, float, int]:
    """When not every coverable association fits: how many can be covered, and what covering all would cost."""
    cover = Mip(inst, r, coverable=coverable, coverage_min=0, strict=strict)
    cover.set_objective(np.zeros(len(inst.ids)), maximize=True, y_costs=np.ones(len(coverable)))
    status = cover.run()
    seconds, solves = cover.seconds, cover.solves
    if status != "optimal":
        return None, status, seconds, solves
    coverage_min = int(round(cover.objective()))
    cheapest = Mip(inst, r, coverable=coverable, coverage_min=None, budget=False, strict=strict)
    cheapest.set_objective(inst.cents.astype(float), maximize=False)
    cheap_status = cheapest.run()
    seconds, solves = seconds + cheapest.seconds, solves + cheapest.solves
    need = float(inst.cents[cheapest.x()].sum()) / 100 if cheap_status == "optimal" else None
    notes.append(shortfall_note(len(coverable), coverage_min, need, r.available_cents / 100, inst.scope))
    return coverage_min, status, seconds, solves


def shortfall_note(total: int, covered: int, need: float | None, available: float, scope: bool = False) -> str:
    """Why not every one of the `total` associations that can receive a project gets one: the money (covering
    them all would cost `need`) or, when `need` is None, the rules; then how many are covered, unless the only one
    is left out (the first sentence said so), and by what they were chosen (`scope`: score × people reached)."""
    if need is not None:
        head, tail = t_count("alloc.note.money_short", total, total=total,
                             **amounts_named(need=need, available=available)), "alloc.note.money_covered"
    else:
        head, tail = t_count("alloc.note.rules_short", total, total=total), "alloc.note.rules_covered"
    tail += "_scope" if scope else ""
    return head + (t_count(tail, covered, total=total, covered=covered) if total > 1 else "")


def _solve_once(inst: Instance, r: Rules, min_one: bool, tie_break: bool = True, strict: bool = False) -> Solved:
    notes: list[str] = []
    uncovered: dict[str, str] = {}
    coverable: list[int] | None = None
    coverage_min: int | None = None
    seconds, solves = 0.0, 0
    if min_one:
        coverable, uncovered = coverable_associations(inst, r)
        for assoc, why in uncovered.items():
            notes.append(t("alloc.note.cannot_cover", association=inst.name(assoc), reason=why))
    if inst.dedup and not strict:
        by_choices = _solve_by_choices(inst, r, tie_break, coverable, notes, uncovered)
        if by_choices is not None:
            return by_choices
    alike = interchangeable(inst, r, by_association=r.cap is not None or coverable is not None)
    # the exact search adds values up: people counted once go to HiGHS
    searched = _search(inst, r, coverable, alike) if tie_break and not strict and not inst.dedup else None
    if searched is not None and searched.x is not None:
        return Solved(searched.x, "optimal", "Optimal", t("alloc.message.optimal"), notes, uncovered, coverable,
                      None, z=int(inst.value[searched.x].sum()), seconds=searched.seconds, solves=1)
    mip = Mip(inst, r, coverable=coverable, coverage_min=None, strict=strict)
    mip.set_value_objective()
    if searched is not None and searched.hint is not None:  # fixings every allocation as good as the hint keeps
        mip.set_x_bounds(searched.lower, searched.upper)
        mip.warm_start(searched.hint)
    status = mip.run()
    if status == "infeasible" and min_one and coverable:
        seconds, solves = mip.seconds, mip.solves
        coverage_min, status, more_seconds, more_solves = _max_coverage(inst, r, coverable, strict, notes)
        seconds, solves = seconds + more_seconds, solves + more_solves
        if coverage_min is None:
            return Solved(np.zeros(len(inst.ids), bool), "infeasible", status, infeasible_message(inst, r),
                          notes, uncovered, coverable, None, seconds=seconds, solves=solves)
        mip = Mip(inst, r, coverable=coverable, coverage_min=coverage_min, strict=strict)
        mip.set_value_objective()
        status = mip.run()
    if status != "optimal":
        seconds, solves = seconds + mip.seconds, solves + mip.solves
        message = infeasible_message(inst, r) if status == "infeasible" else t("alloc.solver.not_optimal",
                                                                                status=status)
        return Solved(np.zeros(len(inst.ids), bool), "infeasible", status, message, notes, uncovered,
                      coverable, coverage_min, seconds=seconds, solves=solves)
    x = mip.x()
    z = worth(inst, x)
    if tie_break:
        if searched is not None and searched.bound is not None and searched.lower is not None:
            # the tie-breaks look only among allocations worth z: the LP's duals fix more columns at z than at the
            # search's best value
            mip.set_x_bounds(*searched.bound.fixed(searched.lower, searched.upper, z))
        x = _tie_breaks(inst, mip, x, z, alike)
        z = worth(inst, x)
    seconds, solves = seconds + mip.seconds, solves + mip.solves
    return Solved(x, "optimal", "Optimal", t("alloc.message.optimal"), notes, uncovered, coverable, coverage_min,
                  z=z, seconds=seconds, solves=solves)


def _solve_by_choices(inst: Instance, r: Rules, tie_break: bool, coverable: list[int] | None, notes: list[str],
                      uncovered: dict[str, str]) -> Solved | None:
    """People counted once, one subset per group of associations (`choices`); None when that model cannot
    answer (a group too large to list, rules that cannot hold): the model over proposals takes over."""
    status, x, seconds, solves = choices.solve(inst, r, coverable, None, tie_break)
    coverage_min = None
    said = list(notes)
    if status == "infeasible" and coverable:
        coverage_min, _, more_seconds, more_solves = _max_coverage(inst, r, coverable, False, said)
        seconds, solves = seconds + more_seconds, solves + more_solves
        if coverage_min is None:
            return None
        status, x, more_seconds, more_solves = choices.solve(inst, r, coverable, coverage_min, tie_break)
        seconds, solves = seconds + more_seconds, solves + more_solves
    if status != "optimal" or x is None:
        return None
    return Solved(x, "optimal", "Optimal", t("alloc.message.optimal"), said, uncovered, coverable, coverage_min,
                  z=worth(inst, x), seconds=seconds, solves=solves)


@dataclass
class Searched:
    """What the exact search gives the solve: the optimum (`x`), or else the best allocation it found (`hint`)
    with the column bounds that every allocation at least as good keeps, for HiGHS to start from."""

    x: np.ndarray | None
    seconds: float
    hint: np.ndarray | None = None
    lower: np.ndarray | None = None
    upper: np.ndarray | None = None
    bound: DualBound | None = None  # the LP's duals, to fix more columns once the optimum's value is known


def _search(inst: Instance, r: Rules, coverable: list[int] | None, alike: list[list[int]]) -> Searched | None:
    """The optimum with its tie-breaks from the LP relaxation and the exact search (one LP solve); None when no
    allocation covers every association even in the LP (the coverage shortfall path takes over)."""
    lp = Mip(inst, r, coverable=coverable, coverage_min=None, relaxed=True)
    lp.set_objective(inst.value.astype(float), maximize=True)
    if lp.run() != "optimal":
        return None
    bound = dual_bound(lp)
    incumbent = complete(inst, r, lp.values()[: len(inst.ids)] > 1 - 1e-9, ratio_order(inst), coverable)
    if incumbent is not None:
        incumbent = in_code_order(alike, incumbent)
    x, proven = best_within(inst, r, coverable, lp.lower, lp.upper, bound, incumbent, ties=True, alike=alike)
    if proven:
        return Searched(x, lp.seconds) if x is not None else None
    hint = x if x is not None else incumbent
    if hint is None:
        return Searched(None, lp.seconds)
    lower, upper = bound.fixed(lp.lower, lp.upper, int(inst.value[hint].sum()))
    return Searched(None, lp.seconds, hint, lower, upper, bound)


def _tie_breaks(inst: Instance, mip: Mip, x: np.ndarray, z: int, alike: list[list[int]]) -> np.ndarray:
    """(2) the lowest cost among the allocations with the optimum total, then (3) the proposals that come first
    in code order; each level warm-starts from the one before. When some proposals are interchangeable, (3) is
    solved over kinds (`code_order`), and without an optimum there the level-(2) allocation is kept with each kind
    taken in code order; otherwise (3) is one more solve of the same model. With people counted once, a level
    comes before (2): the largest total score (`best_score`), so that money left once everyone is reached still
    goes to the best proposals."""
    n = len(inst.ids)
    everything = list(range(n))
    mip.add_value_row(z - 0.5)
    if inst.dedup:
        x = best_score(mip, x)
        mip.add_row(everything, inst.s_int.astype(float).tolist(), float(inst.s_int[x].sum()) - 0.5, INF)
    mip.set_objective(inst.cents.astype(float), maximize=False)
    mip.warm_start(x)
    if mip.run() != "optimal":
        return x
    x = mip.x()
    c = int(inst.cents[x].sum())
    mip.add_row(everything, inst.cents.astype(float).tolist(), -INF, c + 0.5)
    if alike:
        first = first_in_code_order(mip, alike, x)
        return first if first is not None else in_code_order(alike, x)
    mip.set_objective(np.arange(1, n + 1, dtype=float), maximize=False)  # no kinds: the same model, warm
    mip.warm_start(x)
    return mip.x() if mip.run() == "optimal" else x


def best_score(mip: Mip, x: np.ndarray) -> np.ndarray:
    """Among the allocations of `mip` (whose rows keep the people-weighted optimum), the one with the largest total
    score, from x; x when HiGHS proves none."""
    mip.set_objective(mip.inst.s_int.astype(float), maximize=True)
    mip.warm_start(x)
    return mip.x() if mip.run() == "optimal" else x


def infeasible_message(inst: Instance, r: Rules) -> str:
    """Find which rule makes the set impossible by dropping rule groups in turn."""
    base = t("alloc.infeasible")
    for part, rules_key in (("exclusive", "alloc.infeasible.exclusive"), ("cap", "alloc.infeasible.cap"),
                            ("must", "alloc.infeasible.must")):
        mip = Mip(inst, r.without(part), coverable=None, coverage_min=None)
        mip.set_objective(np.zeros(len(inst.ids)), maximize=True)
        if mip.run() == "optimal":
            return t("alloc.infeasible.conflict", base=base, rules=t(rules_key))
    return base
