"""An exact depth-first search for the allocation, bounded by the LP relaxation's duals, that replaces the
HiGHS branch-and-bound where the rules allow it (no coverage minimum below every association).

Why: HiGHS spends tens of milliseconds on each small MIP (root cuts, sub-MIP heuristics), and an allocation of
2,000 proposals took three of them; this search settles the same problem exactly in one pass, and its tie-breaks
(lowest cost, then first in code order) are compared as integers, not as a weighted objective.

How, with y the LP's row duals (any y with the right signs gives a valid bound, by weak duality):
- `DualBound`: UB = Σ y·rhs + Σ max(0, reduced cost) is an upper bound on every allocation; an allocation that
  puts proposal j on the other side of its reduced cost r_j is worth at most UB − |r_j|, so when that is below a
  known allocation's value, j is fixed (`DualBound.fixed`): every allocation at least as good keeps it.
- `search`: the proposals left free, in order of Lagrangian value per cent (every row's dual but the budget's
  folded into the value), are decided one by one; a branch is cut when the budget bound over the undecided ones
  (Dantzig's: fill by value per cent, the last one in part) cannot reach the best allocation found. When the
  cap is on, a branch that survives is bounded again with the cap's rows kept rather than priced (each
  association's room filled greedily inside the budget's): the duals price the cap for the LP's optimum, not for
  a branch far from it, and the tighter bound settled an instance of 200 proposals with 1.2 million nodes in
  0.15 million. Every rule is checked exactly, in cents, on the way down.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import math
from dataclasses import dataclass

import numpy as np

from core.engine.allocation.instance import Instance
from core.engine.allocation.mip import Mip
from core.engine.allocation.rules import Rules

EPS = 1e-6  # float slack on bounds of whole-number objectives
NODE_LIMIT = 100_000  # nodes one answer may take (about 0.4 s); beyond, the caller asks HiGHS (still exact)
# free proposals at each target, growing by a quarter: a failed target costs little next to a larger one
FREE_STEPS = (32, 40, 50, 62, 78, 97, 121, 151, 189, 236, 295, 369, 461, 576)
MAX_DEPTH = 600  # free proposals the walk takes (one stack frame each); more go to HiGHS


@dataclass
class DualBound:
    """The LP's duals turned into a bound: `ub` over every allocation within the model's column bounds,
    `reduced` per proposal, `lagrangian` per proposal (value minus every non-budget row's dual share) and the
    constant `base` those rows contribute."""

    ub: float
    reduced: np.ndarray
    lagrangian: np.ndarray
    base: float
    budget_dual: float
    cover_bonus: dict[int, float]  # association → its coverage row's dual, earned once however many it gets
    # the same two with the cap's rows kept as rows rather than priced (`search` fills them greedily)
    capped_lagrangian: np.ndarray
    capped_base: float

    def forcing(self, i: int) -> DualBound:
        """The same bound over the allocations that hold proposal i (its column fixed at one)."""
        r_i = float(self.reduced[i])
        return dataclasses.replace(self, ub=self.ub - max(0.0, r_i) + r_i)

    def fixed(self, lower: np.ndarray, upper: np.ndarray, floor_value: int) -> tuple[np.ndarray, np.ndarray]:
        """Column bounds with every proposal fixed whose other side cannot reach `floor_value`."""
        n = len(lower)
        r = self.reduced[:n]
        free = (lower < upper) & (self.ub - np.abs(r) + EPS < floor_value)
        side = (r > 0).astype(float)
        return np.where(free, side, lower), np.where(free, side, upper)


def dual_bound(model: Mip, budget_row: int | None = 0) -> DualBound:
    """The bound from the relaxed `model`'s last solve (rows in the order `Mip` adds them: budget first)."""
    h = model.h
    lp = h.getLp()
    matrix = lp.a_matrix_
    start = np.asarray(matrix.start_)
    index = np.asarray(matrix.index_, dtype=np.int64)
    coef = np.asarray(matrix.value_)
    n_col = lp.num_col_
    column = np.repeat(np.arange(n_col), np.diff(start))
    lo, up = np.asarray(lp.row_lower_), np.asarray(lp.row_upper_)
    y = np.asarray(h.getSolution().row_dual, dtype=float).copy()
    y[(y > 0) & ~np.isfinite(up)] = 0.0  # a dual on a side without a bound would not bound anything
    y[(y < 0) & ~np.isfinite(lo)] = 0.0
    rhs = np.where(y > 0, np.where(np.isfinite(up), up, 0.0), np.where(np.isfinite(lo), lo, 0.0))
    budget_dual = float(y[budget_row]) if budget_row is not None and len(y) else 0.0
    others = y.copy()
    if budget_row is not None and len(y):
        others[budget_row] = 0.0
    cost = np.asarray(lp.col_cost_)

    def priced(duals: np.ndarray) -> tuple[np.ndarray, float]:
        return cost - np.bincount(column, weights=coef * duals[index], minlength=n_col), float((duals * rhs).sum())

    lagrangian, base = priced(others)
    without_caps = others.copy()
    without_caps[model.cap_rows] = 0.0
    capped_lagrangian, capped_base = priced(without_caps)
    reduced = cost - np.bincount(column, weights=coef * y[index], minlength=n_col)
    c_lo, c_up = np.asarray(lp.col_lower_), np.asarray(lp.col_upper_)
    ub = float((y * rhs).sum() + np.maximum(reduced * c_lo, reduced * c_up).sum())
    bonus = {k: -float(others[row]) for k, row in model.cover_rows.items() if others[row] < 0}
    return DualBound(ub, reduced, lagrangian, base, budget_dual, bonus, capped_lagrangian, capped_base)


def search(inst: Instance, r: Rules, coverable: list[int] | None, lower: np.ndarray, upper: np.ndarray,
           bound: DualBound, incumbent: np.ndarray | None, *, ties: bool,
           at_least: float = -math.inf, node_limit: int = NODE_LIMIT,
           alike: list[list[int]] | None = None) -> tuple[np.ndarray | None, bool, int]:
    """The best allocation within the column bounds worth at least `at_least`: the largest value, then (`ties`)
    the lowest cost, then the proposals first in code order; `coverable` associations must each get one. Returns
    (allocation or None, finished, nodes walked): not finished means the node limit was reached and the
    allocation is only the best found so far. With `ties`, `alike` (groups of interchangeable proposals, in code
    order) are taken in order: a later one only with the one before, as the code-order tie-break would choose."""
    n = len(inst.ids)
    cents = inst.cents.tolist()
    value = inst.value.tolist()
    share = inst.share.tolist()
    member_pos = inst.member_pos
    cap = r.cap_cents
    x = lower[:n] > 0.5
    free = [j for j in range(n) if lower[j] < 0.5 < upper[j] and not any(x[p] for p in r.partners.get(j, ()))]
    base_value, base_cents = int(inst.value[x].sum()), int(inst.cents[x].sum())
    base_pos = int((np.flatnonzero(x) + 1).sum())
    held = [0.0] * len(inst.associations)
    covered = [0] * len(inst.associations)
    for j in np.flatnonzero(x).tolist():
        for k in member_pos[j]:
            held[k] += cents[j] * share[j]
            covered[k] += 1
    if base_cents > r.available_cents or (cap is not None and any(h > cap for h in held)):
        return None, True, 0
    if len(free) > MAX_DEPTH:
        return None, False, 0
    lag = bound.lagrangian[:n].tolist()
    bonus = bound.cover_bonus
    constant = bound.base + sum(lag[j] for j in range(n) if x[j]) - sum(
        b * (covered[k] - 1) for k, b in bonus.items() if covered[k] > 1)
    # by Lagrangian value per cent, best first: those worth something come first, so the budget bound reads
    # them as one prefix; the order of the others only decides the order of the walk
    if base_value + sum(value[j] for j in free if value[j] > 0) < at_least:
        return None, True, 0
    def by_ratio(j: int) -> tuple[int, float]:
        return (0, -lag[j] / cents[j]) if cents[j] else ((-1, 0.0) if lag[j] > 0 else (1, 0.0))

    # the proposals of associations whose coverage row has a dual come first: once they are decided, no
    # undecided proposal carries a coverage dual its association may already have earned
    head = sorted((j for j in free if any(k in bonus for k in member_pos[j])), key=by_ratio)
    tail = sorted((j for j in free if not any(k in bonus for k in member_pos[j])), key=by_ratio)
    free = head + tail
    n_head = len(head)
    positive = [j for j in tail if lag[j] > 0]
    n_pos = len(positive)
    pre_c, pre_v = [0], [0.0]
    for j in positive:
        pre_c.append(pre_c[-1] + cents[j])
        pre_v.append(pre_v[-1] + lag[j])
    neg_ratio = [-(lag[j] / cents[j]) if cents[j] else -math.inf for j in positive]  # ascending
    last: dict[int, int] = {}  # association → the last depth that can still give it a proposal
    for depth, j in enumerate(free):
        for k in member_pos[j]:
            last[k] = depth
    need = [k for k in (coverable or []) if not covered[k]]
    if any(k not in last for k in need):
        return None, True, 0
    closes: list[list[int]] = [[] for _ in free]  # per depth: associations needing one whose last chance it is
    for k in need:
        closes[last[k]].append(k)
    chosen = [bool(v) for v in x.tolist()]
    before = [-1] * n  # per proposal, the interchangeable one it may only follow
    for group in (alike or []) if ties else []:
        for earlier, later in itertools.pairwise(group):
            before[later] = earlier
    # the cap kept as rows: tail proposals by Lagrangian value per cent without the cap's prices, best first;
    # a proposal of one association at full share fills that association's room, any other only the budget's
    lag_c = bound.capped_lagrangian[:n].tolist()
    constant_c = constant - bound.base + bound.capped_base + sum(lag_c[j] - lag[j] for j in range(n) if x[j])
    depth_of = [n] * n  # per proposal, the depth that decides it
    for depth, j in enumerate(free):
        depth_of[j] = depth
    # per tail proposal: (depth deciding it, cents, value, value per cent, its association when it fills that
    # association's room alone at full share, else −1)
    tail_c = [(depth_of[j], cents[j], lag_c[j], lag_c[j] / cents[j] if cents[j] else 0.0,
               member_pos[j][0] if len(member_pos[j]) == 1 and share[j] == 1 else -1)
              for j in sorted((j for j in tail if lag_c[j] > 0),
                              key=lambda j: -lag_c[j] / cents[j] if cents[j] else -math.inf)]
    undecided_c: dict[int, list[tuple[int, int, float, float, int]]] = {}  # per depth, tail_c not yet decided
    shift = 0.0  # Σ (lag_c − lag) over the proposals taken on the way down
    if incumbent is not None and int(inst.value[incumbent].sum()) < at_least:
        incumbent = None
    best_key: tuple[int, int, int] | None = None
    if incumbent is not None:
        best_key = (int(inst.value[incumbent].sum()), -int(inst.cents[incumbent].sum()),
                    -int((np.flatnonzero(incumbent) + 1).sum()))
    best: list[int] | None = None  # the free proposals of a better allocation than the incumbent
    path: list[int] = []
    nodes = 0

    def head_fill(depth: int, room: int) -> tuple[float, int, int]:
        """Dantzig's fill over the undecided head proposals (a coverage dual counted only while the association
        has none) merged with the tail, up to the last head proposal: (value, tail position, room left)."""
        items = []
        for j in free[depth:n_head]:
            worth = lag[j] - sum(bonus.get(k, 0.0) for k in member_pos[j] if covered[k])
            if worth > 0:
                items.append((-(worth / cents[j]) if cents[j] else -math.inf, j, worth))
        items.sort()
        total, start = 0.0, 0
        for neg, j, worth in items:
            stop = max(start, bisect.bisect_right(neg_ratio, neg))  # tail proposals at least as good go first
            if pre_c[stop] - pre_c[start] > room:
                return total, start, room
            total += pre_v[stop] - pre_v[start]
            room -= pre_c[stop] - pre_c[start]
            start = stop
            if cents[j] > room:
                return total + room * worth / cents[j], start, 0
            total += worth
            room -= cents[j]
        return total, start, room

    def bound_at(depth: int, spent: int, lag_sum: float) -> int:
        """The whole-number bound on every completion of this branch."""
        room = r.available_cents - spent
        total, start = 0.0, max(0, min(depth - n_head, n_pos))
        if depth < n_head:
            total, start, room = head_fill(depth, room)
        if room > 0 or start < n_pos:
            limit = bisect.bisect_right(pre_c, pre_c[start] + room) - 1
            total += pre_v[limit] - pre_v[start]
            if limit < n_pos:
                left = room - (pre_c[limit] - pre_c[start])
                j = positive[limit]
                total += left * lag[j] / cents[j]
        return math.floor(constant + lag_sum + total + EPS + 1e-9 * abs(constant))

    def capped_top(depth: int, spent: int, lag_sum: float, clear: float) -> float:
        """The bound of a tail branch with the cap kept as rows. The greedy fill is that relaxation's optimum (the
        cap's rows nest in the budget's, so the money they allow is a polymatroid); it stops once the bound reaches
        `clear`, since it can only grow."""
        room = r.available_cents - spent
        top = constant_c + lag_sum + shift + EPS + 1e-9 * abs(constant_c)
        used: dict[int, float] = {}
        undecided = undecided_c.get(depth)
        if undecided is None:
            undecided = undecided_c[depth] = [item for item in tail_c if item[0] >= depth]
        for _, c, worth, ratio, k in undecided:
            if top >= clear:
                return top
            if not c:
                top += worth
                continue
            amount = c if c < room else room
            if k >= 0:
                left = cap - held[k] - used.get(k, 0.0)
                if left < amount:
                    if left <= 0:
                        continue
                    amount = left
                used[k] = used.get(k, 0.0) + amount
            top += amount * ratio
            room -= amount
            if room <= 0:
                break
        return top

    def cut(top: int, cost: int, pos: int) -> bool:
        """No completion under bound `top` can beat the best allocation found, or reach `at_least`."""
        if top < at_least:
            return True
        if best_key is None:
            return False
        if top != best_key[0]:
            return top < best_key[0]
        # the same value at best: completing only adds cost and later positions
        return not ties or (-cost, -pos) <= best_key[1:]

    def walk(depth: int, spent: int, lag_sum: float, got: int, cost: int, pos: int, top: int | None = None) -> bool:
        """Decide free[depth] and on; `top`, when given, is this branch's bound already computed."""
        nonlocal nodes, best_key, best, shift
        nodes += 1
        if nodes > node_limit:
            return False
        if depth == len(free):
            key = (got, -cost, -pos)
            if got < at_least:
                return True
            if best_key is None or (key > best_key if ties else got > best_key[0]):
                best_key, best = key, list(path)
            return True
        if best_key is not None or at_least != -math.inf:
            if top is None:
                top = bound_at(depth, spent, lag_sum)
            if cut(top, cost, pos):
                return True
            if cap is not None and depth >= n_head:
                clear = max(at_least, best_key[0] if best_key is not None else -math.inf) + 1
                if cut(math.floor(capped_top(depth, spent, lag_sum, clear)), cost, pos):
                    return True
        j = free[depth]
        part = cents[j] * share[j]
        fits = spent + cents[j] <= r.available_cents and not any(chosen[p] for p in r.partners.get(j, ()))
        fits = fits and (before[j] < 0 or chosen[before[j]])
        if fits and cap is not None:
            fits = all(held[k] + part <= cap for k in member_pos[j])
        if fits:
            chosen[j] = True
            path.append(j)
            # a coverage row's dual counts once: a second proposal of a covered association does not earn it
            gain = lag[j] - sum(bonus.get(k, 0.0) for k in member_pos[j] if covered[k])
            for k in member_pos[j]:
                held[k] += part
                covered[k] += 1
            shift += lag_c[j] - lag[j]
            # taking the next proposal of the budget fill leaves the fill, and so the bound, as it was
            same = top if depth >= n_head and lag[j] > 0 else None
            done = walk(depth + 1, spent + cents[j], lag_sum + gain, got + value[j], cost + cents[j], pos + j + 1,
                        same)
            for k in member_pos[j]:
                held[k] -= part
                covered[k] -= 1
            shift -= lag_c[j] - lag[j]
            path.pop()
            chosen[j] = False
            if not done:
                return False
        if any(not covered[k] for k in closes[depth]):
            return True
        return walk(depth + 1, spent, lag_sum, got, cost, pos)

    finished = walk(0, base_cents, 0.0, base_value, base_cents, base_pos)  # unfinished: the best found so far
    if best is None:
        return (None if incumbent is None else incumbent.copy()), finished, nodes
    out = x.copy()
    out[best] = True
    return out, finished, nodes


def best_within(inst: Instance, r: Rules, coverable: list[int] | None, lower: np.ndarray, upper: np.ndarray,
                bound: DualBound, incumbent: np.ndarray | None, *, ties: bool,
                node_limit: int = NODE_LIMIT, alike: list[list[int]] | None = None) -> tuple[np.ndarray | None, bool]:
    """(The best allocation within the column bounds or None when none exists, True), or (the best allocation
    found so far or None, False) when the search could not prove its answer (the caller then asks HiGHS).

    It first looks only among allocations worth at least a target just below the bound, where few proposals are
    free; finding one there proves it best (every better allocation keeps the same fixings). Otherwise the target
    goes down, never below the incumbent's value."""
    n = len(inst.ids)
    known = int(inst.value[incumbent].sum()) if incumbent is not None else None
    gaps = np.sort(np.abs(bound.reduced[:n][lower[:n] < upper[:n]]))
    left = node_limit  # shared by every target
    for size in FREE_STEPS:
        target = math.floor(bound.ub - gaps[size]) + 1 if size < len(gaps) else -math.inf
        if known is not None and target <= known:
            target = known
        fixed_lower, fixed_upper = (lower, upper) if target == -math.inf else bound.fixed(lower, upper, target)
        x, finished, nodes = search(inst, r, coverable, fixed_lower, fixed_upper, bound, incumbent, ties=ties,
                                    at_least=target, node_limit=left, alike=alike)
        left -= nodes
        if not finished:
            return x, False
        if x is not None or target == -math.inf or target == known:
            return x, True
    return None, False


__all__ = ["DualBound", "NODE_LIMIT", "best_within", "dual_bound", "search"]
