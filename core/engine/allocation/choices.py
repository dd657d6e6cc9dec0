"""People counted once, as one choice per group of associations: the scope objective's exact optimum when each
association's members count once (`people`), without the model over proposals and people (`mip`), whose
tie-breaks took HiGHS seconds to minutes.

Associations that share a joint proposal form a group; every other association is a group of its own. Each
member is reached through the proposals of its own group only, so the objective of an allocation is the sum over
groups of the worth of what the group gets, and the cap, the exclusive pairs inside a group and «at least one per
association» stay inside it too. The allocation is then one subset of proposals per group (a multiple-choice
knapsack): each group's subsets are listed with their worth (score × people, each member once), total score,
cents, sum of code positions and coverable associations covered; a subset that another of the same group matches
or beats on all of them (and on the proposals it shares exclusive pairs with outside the group) is dropped, as
swapping it for the other keeps every rule and loses no level. HiGHS then picks one subset per group under the
budget, level by level (the same levels as `exact._tie_breaks`), each as a whole-number objective kept by a row
for the next. Between levels, the LP relaxation's reduced costs drop every subset that cannot be part of an
allocation at the level's optimum (a bound below it), so the later levels see few subsets.

Worth of a subset: within one association, the greedy by score is the optimum of `people.flow` (a proposal with
a higher score takes its people first, one below zero takes none); a group of several associations takes
`people.flow` per subset.

Listing is exponential: a group with more than `MAX_FREE` (one association) or `MAX_JOINT_FREE` (several)
proposals that no rule fixes, or more than `MAX_LISTED` subsets in all, returns None, and the caller solves the
model over proposals (exact, slower)."""

from __future__ import annotations

import time
from dataclasses import dataclass

import highspy
import numba
import numpy as np

from core.engine.allocation.instance import Instance
from core.engine.allocation.mip import INF, RowBuffer, exact_highs
from core.engine.allocation.people import flow
from core.engine.allocation.rules import Rules, breaks_a_rule

MAX_FREE = 16  # 65.536 subsets of one association
MAX_JOINT_FREE = 8  # 256 subsets of a group of several associations, each its own flow
MAX_LISTED = 1 << 20  # subsets of every group together (memory: a few hundred bytes each while listed)
SLACK = 1e-6  # relative float slack on the LP's bound before a subset is dropped


@dataclass
class Options:
    """Every subset kept, across groups: its group, its proposals (CSR: `idx[ptr[o]:ptr[o + 1]]`) and its
    levels as whole numbers."""

    group: np.ndarray
    ptr: np.ndarray
    idx: np.ndarray
    worth: np.ndarray
    score: np.ndarray
    cents: np.ndarray
    position: np.ndarray
    covers: np.ndarray
    n_groups: int
    group_of: np.ndarray  # per proposal, its group

    def holding(self, i: int) -> np.ndarray:
        """The subsets that fund proposal i."""
        owner = np.repeat(np.arange(len(self.group)), np.diff(self.ptr))
        return owner[self.idx == i]

    def choosing(self, x: np.ndarray) -> np.ndarray | None:
        """The subsets (bool per subset) that make allocation x, None when one of them is not listed."""
        sizes = np.diff(self.ptr)
        inside = np.add.reduceat(x[self.idx].astype(np.int64), self.ptr[:-1]) if len(self.idx) else sizes * 0
        inside = np.where(sizes > 0, inside, 0)  # reduceat repeats the next entry for an empty subset
        per_group = np.bincount(self.group_of[x], minlength=self.n_groups)
        match = (inside == sizes) & (sizes == per_group[self.group])
        first = np.full(self.n_groups, -1, dtype=np.int64)
        hits = np.flatnonzero(match)
        first[self.group[hits[::-1]]] = hits[::-1]
        if (first < 0).any():
            return None
        chosen = np.zeros(len(self.group), dtype=bool)
        chosen[first] = True
        return chosen

    def allocation(self, n: int, chosen: np.ndarray) -> np.ndarray:
        x = np.zeros(n, dtype=bool)
        for o in np.flatnonzero(chosen).tolist():
            x[self.idx[self.ptr[o]:self.ptr[o + 1]]] = True
        return x


def groups_of(inst: Instance) -> list[list[int]]:
    """Proposals by group of associations joined through joint proposals, each in code order."""
    parent = list(range(len(inst.associations)))

    def root(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for spots in inst.member_pos:
        for k in spots[1:]:
            parent[root(k)] = root(spots[0])
    by_root: dict[int, list[int]] = {}
    for i, spots in enumerate(inst.member_pos):
        by_root.setdefault(root(spots[0]), []).append(i)
    return list(by_root.values())


class Lister:
    """Each group's subsets, listed once; `options` assembles them, with one group's narrowed to the subsets that
    fund a given proposal (its best subsets may be beaten by others of the group that do not fund it)."""

    def __init__(self, inst: Instance, r: Rules, coverable: list[int] | None, coverage_min: int | None):
        self.inst, self.r = inst, r
        self.groups = groups_of(inst)
        self.group_of = np.zeros(len(inst.ids), dtype=np.int64)
        for g, props in enumerate(self.groups):
            self.group_of[props] = g
        across = [(i, j) for i, j in r.pairs if self.group_of[i] != self.group_of[j]]
        self.crossing = {i for pair in across for i in pair}
        self.hard = coverable is not None and coverage_min is None
        self.cover_set = set(coverable or [])
        fixed = set(r.must) | set(r.must_not)
        listed = sum(1 << sum(1 for i in props if i not in fixed) for props in self.groups)
        self.parts: list[tuple] | None = [] if listed <= MAX_LISTED else None
        for g in range(len(self.groups) if self.parts is not None else 0):
            listed = self._list(g)
            if listed is None:
                self.parts = None
                break
            self.parts.append(listed)

    def _list(self, g: int, holding: int | None = None) -> tuple | None:
        return _group_options(self.inst, self.r, self.groups[g], self.crossing, self.cover_set, self.hard, holding)

    def options(self, holding: int | None = None) -> Options | None:
        """Every group's subsets that keep its rules and that no other of the group beats (of its group, only
        those that fund `holding`); None when a group is too large to list."""
        if self.parts is None:
            return None
        parts = list(self.parts)
        if holding is not None:
            g = int(self.group_of[holding])
            parts[g] = self._list(g, holding)
        group = np.concatenate([np.full(len(p[1]), g, dtype=np.int64) for g, p in enumerate(parts)])
        flat = []
        for g, p in enumerate(parts):
            rows, cols = np.nonzero(p[0])  # row by row, each row's proposals in code order
            flat.append(np.asarray(self.groups[g], dtype=np.int64)[cols])
        sizes = np.concatenate([p[0].sum(axis=1) for p in parts])
        ptr = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
        stack = [np.concatenate([p[k] for p in parts]) for k in range(1, 6)]
        return Options(group, ptr, np.concatenate(flat), *stack, n_groups=len(parts), group_of=self.group_of)


def options(inst: Instance, r: Rules, coverable: list[int] | None, coverage_min: int | None) -> Options | None:
    """Every group's subsets that keep its rules and that no other of the group beats; None when a group is too
    large to list."""
    return Lister(inst, r, coverable, coverage_min).options()


def _group_options(inst: Instance, r: Rules, props: list[int], crossing: set[int], cover_set: set[int], hard: bool,
                   holding: int | None) -> tuple | None:
    """One group's subsets as a bool matrix over `props` with worth, score, cents, position and coverage; with
    `holding`, only those that fund it."""
    must, must_not = set(r.must), set(r.must_not)
    free = [c for c, i in enumerate(props) if i not in must and i not in must_not]
    spots = sorted({k for i in props for k in inst.member_pos[i]})
    if len(free) > (MAX_FREE if len(spots) == 1 else MAX_JOINT_FREE):
        return None
    masks = np.arange(1 << len(free), dtype=np.int64)
    chosen = np.zeros((len(masks), len(props)), dtype=bool)
    chosen[:, free] = ((masks[:, None] >> np.arange(len(free))) & 1).astype(bool)
    chosen[:, [c for c, i in enumerate(props) if i in must]] = True
    where = {i: c for c, i in enumerate(props)}
    keep = np.ones(len(masks), dtype=bool)
    if holding is not None:
        keep &= chosen[:, where[holding]]
    for i, j in r.pairs:
        if i in where and j in where:
            keep &= ~(chosen[:, where[i]] & chosen[:, where[j]])
    cents = inst.cents[props]
    covers = np.zeros(len(masks), dtype=np.int64)
    for k in spots:
        own = [c for c, i in enumerate(props) if k in inst.member_pos[i]]
        if r.cap is not None:
            held = chosen[:, own] @ (cents[own] * inst.share[props][own])
            keep &= held <= r.cap_cents
        if k in cover_set:
            covered = chosen[:, own].any(axis=1)
            covers += covered
            if hard:
                keep &= covered
    chosen, covers = chosen[keep], covers[keep]
    s_int = inst.s_int[props]
    worth = _worth(inst, props, spots, chosen)
    score, spent = chosen @ s_int, chosen @ cents
    position = chosen @ (np.asarray(props, dtype=np.int64) + 1)
    signature = chosen[:, [c for c, i in enumerate(props) if i in crossing]]
    front = np.zeros(len(chosen), dtype=bool)
    for sig in np.unique(signature, axis=0):
        same = np.flatnonzero((signature == sig).all(axis=1))
        order = same[np.lexsort((position[same], -covers[same], -score[same], -worth[same], spent[same]))]
        front[order[_front(worth[order], score[order], covers[order])]] = True
    return chosen[front], worth[front], score[front], spent[front], position[front], covers[front]


def _worth(inst: Instance, props: list[int], spots: list[int], chosen: np.ndarray) -> np.ndarray:
    """Σ score × people of each subset, each member once."""
    s_int, reach = inst.s_int[props], inst.reach[props]
    capacity = inst.capacity
    assert capacity is not None
    if len(spots) > 1:
        out = np.zeros(len(chosen), dtype=np.int64)
        x = np.zeros(len(inst.ids), dtype=bool)
        for o, row in enumerate(chosen):
            x[:] = False
            x[np.asarray(props)[row]] = True
            out[o] = int(round(flow(inst, x, inst.s_int.astype(float))[0]))
        return out
    members = int(capacity[spots[0]])
    if members < 0:  # unknown: every proposal counts its whole reach (none below a zero score)
        return chosen @ (np.maximum(s_int, 0) * reach)
    order = np.argsort(-s_int, kind="stable")
    counted = chosen[:, order] & (s_int[order] > 0)  # the best flow gives a score below zero nobody
    taken = np.where(counted, reach[order], 0)
    before = np.cumsum(taken, axis=1) - taken
    people = np.where(counted, np.clip(np.minimum(reach[order], members - before), 0, None), 0)
    return people @ s_int[order]


@numba.njit(cache=True, nogil=True)
def _front(worth, score, covers):  # pragma: no cover - compiled
    """Positions (in the given order: cents up, then worth, score, coverage down, position up) of the subsets no
    earlier one matches or beats on worth, score and coverage."""
    kept = np.empty(len(worth), dtype=np.int64)
    m = 0
    for o in range(len(worth)):
        beaten = False
        for q in range(m):
            k = kept[q]
            if worth[k] >= worth[o] and score[k] >= score[o] and covers[k] >= covers[o]:
                beaten = True
                break
        if not beaten:
            kept[m] = o
            m += 1
    return kept[:m]


class ChoiceModel:
    """HiGHS over the subsets: one per group, the budget, exclusive pairs across groups, a coverage minimum."""

    def __init__(self, inst: Instance, r: Rules, opts: Options, coverage_min: int | None):
        self.inst, self.opts = inst, opts
        m = len(opts.group)
        self.m = m
        h = exact_highs()
        self.lower, self.upper = np.zeros(m), np.ones(m)
        h.addCols(m, np.zeros(m), self.lower, self.upper, 0, np.zeros(0, np.int32), np.zeros(0, np.int32),
                  np.zeros(0))
        h.changeColsIntegrality(m, np.arange(m, dtype=np.int32), np.full(m, highspy.HighsVarType.kInteger))
        rows = RowBuffer()
        by_group = np.argsort(opts.group, kind="stable")
        bounds = np.concatenate([[0], np.cumsum(np.bincount(opts.group, minlength=opts.n_groups))])
        for g in range(opts.n_groups):
            own = by_group[bounds[g]:bounds[g + 1]].tolist()
            rows.add(own, [1.0] * len(own), 1.0, 1.0)
        everything = list(range(m))
        rows.add(everything, opts.cents.astype(float).tolist(), -INF, float(r.available_cents))
        for i, j in r.pairs:
            both = np.concatenate([opts.holding(i), opts.holding(j)])
            if len(both) and opts.group[both].min() != opts.group[both].max():
                rows.add(both.tolist(), [1.0] * len(both), -INF, 1.0)
        if coverage_min:
            rows.add(everything, opts.covers.astype(float).tolist(), float(coverage_min), INF)
        rows.flush(h)
        h.changeObjectiveSense(highspy.ObjSense.kMaximize)
        self.h = h
        self.seconds = 0.0
        self.solves = 0
        self.status = highspy.HighsModelStatus.kNotset

    def best(self, levels: list[np.ndarray], known: float | None = None,
             start: np.ndarray | None = None) -> np.ndarray | None:
        """The chosen subsets (bool per subset) that maximise each level in turn, or None if HiGHS proves none;
        `known`: the first level's optimum, when the caller has it (only its LP is solved, to drop subsets). Each
        level is kept by a row for the next; the rows and the dropped subsets are restored before returning. `start`:
        an allocation for the first MIP to start from (its level's optimum or not)."""
        began, rows = time.perf_counter(), self.h.getNumRow()
        every = np.arange(self.m, dtype=np.int32)
        lp = self.h.getLp()
        lower, upper = np.asarray(lp.col_lower_).copy(), np.asarray(lp.col_upper_).copy()
        chosen = self.opts.choosing(start) if start is not None else None
        self.h.clearSolver()  # the same answer whatever was solved before (explanations one by one or all)
        try:
            for depth, costs in enumerate(levels):
                costs = costs.astype(float)
                self.h.changeColsCost(self.m, every, costs)
                later = depth + 1 < len(levels)
                relaxed = self._relaxation() if later else None
                if depth == 0 and known is not None and later:
                    best = known
                else:
                    chosen = self._run(chosen, costs)
                    if chosen is None:
                        return None
                    best = float(costs @ chosen)
                if later:
                    self.h.addRow(best - 0.5, INF, self.m, every, costs)
                    if relaxed is not None:
                        self._drop(*relaxed, best - 0.5)
            return chosen
        finally:
            self.h.deleteRows(self.h.getNumRow() - rows, np.arange(rows, self.h.getNumRow(), dtype=np.int32))
            self.h.changeColsBounds(self.m, every, lower, upper)
            self.seconds += time.perf_counter() - began

    def _run(self, start: np.ndarray | None, costs: np.ndarray) -> np.ndarray | None:
        """One level's MIP from `start` (the level before's answer); again from scratch when HiGHS reports an
        objective its solution does not have (`mip.agrees`)."""
        if start is not None:
            solution = highspy.HighsSolution()
            solution.col_value = start.astype(float).tolist()
            solution.value_valid = True
            self.h.setSolution(solution)
        for attempt in range(2):
            if attempt:
                self.h.clearSolver()
            self.h.run()
            self.solves += 1
            self.status = self.h.getModelStatus()
            if self.status != highspy.HighsModelStatus.kOptimal:
                return None
            chosen = np.asarray(self.h.getSolution().col_value) > 0.5
            if abs(float(costs @ chosen) - self.h.getInfo().objective_function_value) <= 0.5:
                return chosen
        return None

    def _relaxation(self) -> tuple[float, np.ndarray, np.ndarray] | None:
        self.h.setOptionValue("solve_relaxation", True)
        try:
            self.h.run()
            if self.h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
                return None
            return (float(self.h.getInfo().objective_function_value), np.asarray(self.h.getSolution().col_value),
                    np.asarray(self.h.getSolution().col_dual))
        finally:
            self.h.setOptionValue("solve_relaxation", False)
            self.h.clearSolver()

    def _drop(self, bound: float, values: np.ndarray, reduced: np.ndarray, floor: float) -> None:
        """Fix every subset whose other side bounds the level below `floor` (reduced-cost fixing): no allocation
        kept by the level's row has it there."""
        lp = self.h.getLp()
        lower, upper = np.asarray(lp.col_lower_), np.asarray(lp.col_upper_)
        out = (bound - np.abs(reduced) < floor - SLACK * (abs(bound) + 1)) & (lower < upper)
        at_zero, at_one = out & (values < 1e-9), out & (values > 1 - 1e-9)
        upper = np.where(at_zero, 0.0, upper)
        lower = np.where(at_one, 1.0, lower)
        self.h.changeColsBounds(self.m, np.arange(self.m, dtype=np.int32), lower, upper)


def levels(opts: Options, tie_break: bool) -> list[np.ndarray]:
    """The worth, then the total score, the lowest cost and the proposals first in code order (as maxima)."""
    if not tie_break:
        return [opts.worth]
    return [opts.worth, opts.score, -opts.cents, -opts.position]


def solve(inst: Instance, r: Rules, coverable: list[int] | None, coverage_min: int | None,
          tie_break: bool = True) -> tuple[str, np.ndarray | None, float, int]:
    """("optimal", allocation, seconds, solves), ("infeasible", None, …) or ("too_large", None, …) when a group
    cannot be listed (the caller solves the model over proposals), or ("unproven", None, …)."""
    began = time.perf_counter()
    opts = options(inst, r, coverable, coverage_min)
    if opts is None:
        return "too_large", None, time.perf_counter() - began, 0
    if np.bincount(opts.group, minlength=opts.n_groups).min(initial=1) == 0:
        return "infeasible", None, time.perf_counter() - began, 0
    model = ChoiceModel(inst, r, opts, coverage_min)
    chosen = model.best(levels(opts, tie_break))
    seconds = time.perf_counter() - began
    if chosen is None:
        status = "infeasible" if model.status == highspy.HighsModelStatus.kInfeasible else "unproven"
        return status, None, seconds, model.solves
    x = opts.allocation(len(inst.ids), chosen)
    if breaks_a_rule(inst, r, x, coverable, coverage_min):
        return "unproven", None, seconds, model.solves
    return "optimal", x, seconds, model.solves


__all__ = ["MAX_FREE", "ChoiceModel", "Lister", "Options", "groups_of", "levels", "options", "solve"]
