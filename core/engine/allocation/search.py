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
  (Dantzig's: fill by value per cent, the last one in part) cannot reach the best allocation found. A branch
  that survives is bounded again over the undecided proposals that still fit beside those taken (money left, no
  exclusive partner, room under the cap), with the cap's rows kept rather than priced (each association's room
  filled greedily inside the budget's): the duals price the cap for the LP's optimum, not for a branch far from
  it. Keeping the cap's rows settled an instance of 200 proposals with 1.2 million nodes in 0.15 million;
  leaving out what no longer fits then halved the nodes of every «¿por qué no?» and settled the hardest of the
  bench's 2.000-proposal allocations in 0.16 million nodes where 3 million had not been enough. Every rule is
  checked exactly, in cents, on the way down. The walk is compiled (`walk.py`); this
  module orders the proposals and lays the instance out as arrays for it.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
from dataclasses import dataclass

import numpy as np

from core.engine.allocation.instance import Instance
from core.engine.allocation.mip import Mip
from core.engine.allocation.rules import Rules
from core.engine.allocation.walk import EPS, walk

# Proposals one answer's bounds may look at, in all (nodes × proposals; about 0.3 s): a node's bounds scan the
# proposals, so a larger instance gets fewer nodes for the same time. Beyond, the caller asks HiGHS (still exact),
# which settles in a fraction of a second what the search leaves: at 2.000 proposals, a million nodes took 3 to 5 s
# on the scope objective's hardest instances before HiGHS was asked at all.
NODE_WORK = 200_000_000
NODE_LIMIT = 1_000_000  # nodes one answer may take up to 200 proposals
# free proposals at each target, growing by a quarter: a failed target costs little next to a larger one
FREE_STEPS = (32, 40, 50, 62, 78, 97, 121, 151, 189, 236, 295, 369, 461, 576)
MAX_DEPTH = 600  # free proposals the walk takes; more go to HiGHS (a search that wide would not finish)


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
    n, m = len(inst.ids), len(inst.associations)
    cents, value, lag, lag_c = inst.cents.astype(np.int64), inst.value.astype(np.int64), bound.lagrangian[:n], \
        bound.capped_lagrangian[:n]
    cap = r.cap_cents
    x = lower[:n] > 0.5
    mp_ptr, mp_idx = inst.member_csr
    pt_ptr, pt_idx = r.partner_csr(n)
    blocked = np.zeros(n, dtype=bool)  # a partner is already in
    blocked[pt_idx[np.repeat(x, np.diff(pt_ptr))]] = True
    is_free = (lower[:n] < 0.5) & (upper[:n] > 0.5) & ~blocked
    base_value, base_cents = int(value[x].sum()), int(cents[x].sum())
    base_pos = int((np.flatnonzero(x) + 1).sum())
    held = inst.held(x)
    proposal_of, _ = inst.memberships  # per membership, its proposal (in order, as mp_idx)
    covered = np.bincount(mp_idx, weights=x[proposal_of], minlength=m).astype(np.int64)
    if base_cents > r.available_cents or (cap is not None and bool((held > cap).any())):
        return None, True, 0
    if int(is_free.sum()) > MAX_DEPTH:
        return None, False, 0
    bonus = np.zeros(m)
    for k, b in bound.cover_bonus.items():
        bonus[k] = b
    constant = bound.base + float(lag[x].sum()) - float((bonus * np.maximum(covered - 1, 0)).sum())
    if base_value + int(value[is_free & (value > 0)].sum()) < at_least:
        return None, True, 0
    # by Lagrangian value per cent, best first: those worth something come first, so the budget bound reads
    # them as one prefix; the order of the others only decides the order of the walk. The proposals of
    # associations whose coverage row has a dual come first: once they are decided, no undecided proposal carries
    # a coverage dual its association may already have earned.
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(cents > 0, lag / cents, 0.0)
        ratio_c = np.where(cents > 0, lag_c / cents, 0.0)
    group = np.where(cents > 0, 0, np.where(lag > 0, -1, 1))
    in_head = np.bincount(proposal_of, weights=bonus[mp_idx] > 0, minlength=n) > 0
    head, tail = (_ordered(np.flatnonzero(is_free & part), group, -ratio) for part in (in_head, ~in_head))
    free = np.concatenate([head, tail])
    n_head = len(head)
    positive = tail[lag[tail] > 0]
    pre_c = np.concatenate([[0], np.cumsum(cents[positive])]).astype(np.int64)
    pre_v = np.concatenate([[0.0], np.cumsum(lag[positive])])
    neg_ratio = np.where(cents[positive] > 0, -ratio[positive], -math.inf)  # ascending
    depth_of = np.full(n, n, dtype=np.int64)  # per proposal, the depth that decides it
    depth_of[free] = np.arange(len(free))
    last = np.full(m, -1, dtype=np.int64)  # per association, the last depth that can still give it a proposal
    decided = depth_of[proposal_of] < n
    np.maximum.at(last, mp_idx[decided], depth_of[proposal_of][decided])
    need = np.asarray([k for k in (coverable or []) if not covered[k]], dtype=np.int64)
    if bool((last[need] < 0).any()):
        return None, True, 0
    # per depth: the associations needing one whose last chance it is
    cl_ptr = np.concatenate([[0], np.cumsum(np.bincount(last[need], minlength=len(free)))]).astype(np.int64)
    cl_idx = need[np.argsort(last[need], kind="stable")]
    before = np.full(n, -1, dtype=np.int64)  # per proposal, the interchangeable one it may only follow
    for group_alike in (alike or []) if ties else []:
        for earlier, later in itertools.pairwise(group_alike):
            before[later] = earlier
    # the cap kept as rows: tail proposals by Lagrangian value per cent without the cap's prices, best first;
    # a proposal of one association at full share fills that association's room, any other only the budget's
    constant_c = constant - bound.base + bound.capped_base + float((lag_c - lag)[x].sum())
    tail_c = tail[lag_c[tail] > 0]
    tail_c = tail_c[np.argsort(np.where(cents[tail_c] > 0, -ratio_c[tail_c], -math.inf), kind="stable")]
    alone = np.diff(mp_ptr)[tail_c] == 1
    fills = np.where(alone & (inst.share[tail_c] == 1), mp_idx[mp_ptr[tail_c]], -1)
    best_key = np.zeros(3, dtype=np.int64)  # value, −cost, −position sum of the best allocation known
    if incumbent is not None and int(value[incumbent].sum()) < at_least:
        incumbent = None
    if incumbent is not None:
        best_key[:] = (int(value[incumbent].sum()), -int(cents[incumbent].sum()),
                       -int((np.flatnonzero(incumbent) + 1).sum()))
    found, finished, nodes, taken = walk(
        free, n_head, cents, value, inst.share.astype(float), lag.astype(float), lag_c.astype(float), before,
        x.copy(), held.astype(float), covered, bonus, mp_ptr, mp_idx, pt_ptr, pt_idx, cl_ptr, cl_idx,
        positive, pre_c, pre_v, neg_ratio, tail_c, depth_of[tail_c], cents[tail_c], lag_c[tail_c].astype(float),
        ratio_c[tail_c].astype(float), fills.astype(np.int64), int(r.available_cents), cap is not None,
        float(cap if cap is not None else 0.0), float(constant), float(constant_c), float(at_least), ties,
        int(node_limit), incumbent is not None, best_key, base_value, base_cents, base_pos)
    if not found:  # unfinished: the best found so far
        return (None if incumbent is None else incumbent.copy()), finished, nodes
    out = x.copy()
    out[free[taken]] = True
    return out, finished, nodes


def _ordered(candidates: np.ndarray, group: np.ndarray, key: np.ndarray) -> np.ndarray:
    """`candidates` (in code order) sorted by group, then key, stably."""
    return candidates[np.lexsort((key[candidates], group[candidates]))]


def nodes_for(n: int) -> int:
    """The nodes one answer may take over `n` proposals: NODE_LIMIT up to 200, then the same work (NODE_WORK)."""
    return min(NODE_LIMIT, NODE_WORK // max(n, 1))


def best_within(inst: Instance, r: Rules, coverable: list[int] | None, lower: np.ndarray, upper: np.ndarray,
                bound: DualBound, incumbent: np.ndarray | None, *, ties: bool,
                node_limit: int | None = None, alike: list[list[int]] | None = None) -> tuple[np.ndarray | None, bool]:
    """(The best allocation within the column bounds or None when none exists, True), or (the best allocation
    found so far or None, False) when the search could not prove its answer (the caller then asks HiGHS).

    It first looks only among allocations worth at least a target just below the bound, where few proposals are
    free; finding one there proves it best (every better allocation keeps the same fixings). Otherwise the target
    goes down, never below the incumbent's value. `node_limit` defaults to `nodes_for` the instance."""
    n = len(inst.ids)
    known = int(inst.value[incumbent].sum()) if incumbent is not None else None
    gaps = np.sort(np.abs(bound.reduced[:n][lower[:n] < upper[:n]]))
    left = nodes_for(n) if node_limit is None else node_limit  # shared by every target
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


__all__ = ["DualBound", "NODE_LIMIT", "NODE_WORK", "best_within", "dual_bound", "nodes_for", "search"]
