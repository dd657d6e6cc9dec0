"""The depth-first walk of `search.search`, compiled by numba: the same decisions, bounds and cuts, over flat
arrays, with an explicit stack instead of recursion.

Why compiled: «¿por qué no?» for every unfunded proposal walks a few hundred nodes per proposal, and in Python each
node cost about 7 µs, so explaining the 115 unfunded proposals of a 200-proposal instance took 35 to 85 times one
allocation. Compiled, a node costs a fraction of a microsecond. The first call in a process loads the compiled
code from numba's cache (`cache=True`, beside this file), or compiles it once (a few seconds).

Shapes (n proposals, m associations, f free proposals in walk order):
- per proposal: `cents`, `value` (int64), `share`, `lag`, `lag_c` (float64), `before` (int64, −1 when none),
  `chosen` (bool, changed in place and restored), associations `mp_idx[mp_ptr[j]:mp_ptr[j + 1]]` and exclusive
  partners `pt_idx[pt_ptr[j]:pt_ptr[j + 1]]`;
- per association: `held` (float64 cents), `covered` (int64), `bonus` (coverage dual, 0 when none);
- per depth: `free`, and the associations whose last chance it is `cl_idx[cl_ptr[d]:cl_ptr[d + 1]]`;
- the budget fill: `positive` (tail proposals worth something, best value per cent first), its prefix sums
  `pre_c`, `pre_v`, and `neg_ratio` (ascending);
- the fill with the cap kept as rows: `tc_*` per item (`tc_prop` its proposal), best first (`tc_assoc` −1
  unless it fills one association's room).
"""

from __future__ import annotations

import math

import numba
import numpy as np

EPS = 1e-6  # float slack on bounds of whole-number objectives (as in search.py)

ENTER, INCLUDED, DONE = 0, 1, 2  # a stack frame's phase


@numba.njit(cache=True, nogil=True)
def _head_fill(depth, room, n_head, free, cents, lag, bonus, covered, mp_ptr, mp_idx, pre_c, pre_v, neg_ratio):
    """Dantzig's fill over the undecided head proposals (a coverage dual counted only while the association has
    none) merged with the tail: (value, tail position, room left)."""
    count = n_head - depth
    keys = np.empty(count)
    worths = np.empty(count)
    which = np.empty(count, dtype=np.int64)
    m = 0
    for d in range(depth, n_head):
        j = free[d]
        worth = lag[j]
        for q in range(mp_ptr[j], mp_ptr[j + 1]):
            if covered[mp_idx[q]]:
                worth -= bonus[mp_idx[q]]
        if worth > 0:
            keys[m] = -(worth / cents[j]) if cents[j] else -np.inf
            worths[m] = worth
            which[m] = j
            m += 1
    order = np.argsort(keys[:m], kind="mergesort")
    total, start = 0.0, 0
    for o in order:
        j = which[o]
        worth = worths[o]
        stop = max(start, np.searchsorted(neg_ratio, keys[o], side="right"))
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


@numba.njit(cache=True, nogil=True)
def _bound_at(depth, spent, lag_sum, available, constant, n_head, free, cents, lag, bonus, covered, mp_ptr,
              mp_idx, positive, pre_c, pre_v, neg_ratio):
    """The whole-number bound on every completion of this branch."""
    n_pos = len(positive)
    room = available - spent
    total = 0.0
    start = max(0, min(depth - n_head, n_pos))
    if depth < n_head:
        total, start, room = _head_fill(depth, room, n_head, free, cents, lag, bonus, covered, mp_ptr, mp_idx,
                                        pre_c, pre_v, neg_ratio)
    if room > 0 or start < n_pos:
        limit = np.searchsorted(pre_c, pre_c[start] + room, side="right") - 1
        total += pre_v[limit] - pre_v[start]
        if limit < n_pos:
            left = room - (pre_c[limit] - pre_c[start])
            j = positive[limit]
            total += left * lag[j] / cents[j]
    return math.floor(constant + lag_sum + total + EPS + 1e-9 * abs(constant))


@numba.njit(cache=True, nogil=True)
def _fits(j, spent, available, has_cap, cap, cents, share, held, chosen, mp_ptr, mp_idx, pt_ptr, pt_idx):
    """Proposal j fits beside the proposals taken: the money left, no exclusive partner, every association's cap.
    What is taken only grows down a branch, so a proposal that does not fit at a node fits nowhere below it."""
    if spent + cents[j] > available:
        return False
    for q in range(pt_ptr[j], pt_ptr[j + 1]):
        if chosen[pt_idx[q]]:
            return False
    if has_cap:
        part = cents[j] * share[j]
        for q in range(mp_ptr[j], mp_ptr[j + 1]):
            if held[mp_idx[q]] + part > cap:
                return False
    return True


@numba.njit(cache=True, nogil=True)
def _capped_top(depth, spent, lag_sum, clear, available, has_cap, cap, constant_c, shift, held, used, cents, share,
                chosen, mp_ptr, mp_idx, pt_ptr, pt_idx, tc_prop, tc_depth, tc_cents, tc_worth, tc_ratio, tc_assoc):
    """The bound of a tail branch with the cap kept as rows (the greedy fill is that relaxation's optimum) over
    the undecided proposals that still fit; it stops once the bound reaches `clear`, since it can only grow.
    `used` is zero on entry and on return."""
    room = float(available - spent)
    top = constant_c + lag_sum + shift + EPS + 1e-9 * abs(constant_c)
    touched = []
    for q in range(len(tc_depth)):
        if tc_depth[q] < depth:
            continue
        if top >= clear:
            break
        if not _fits(tc_prop[q], spent, available, has_cap, cap, cents, share, held, chosen, mp_ptr, mp_idx, pt_ptr,
                     pt_idx):
            continue
        c = tc_cents[q]
        if not c:
            top += tc_worth[q]
            continue
        amount = c if c < room else room
        k = tc_assoc[q]
        if has_cap and k >= 0:
            left = cap - held[k] - used[k]
            if left < amount:
                if left <= 0:
                    continue
                amount = left
            if used[k] == 0.0:
                touched.append(k)
            used[k] += amount
        top += amount * tc_ratio[q]
        room -= amount
        if room <= 0:
            break
    for k in touched:
        used[k] = 0.0
    return top


@numba.njit(cache=True, nogil=True)
def _cut(top, cost, pos, at_least, has_best, best_key, ties):
    """No completion under bound `top` can beat the best allocation found, or reach `at_least`."""
    if top < at_least:
        return True
    if not has_best:
        return False
    if top != best_key[0]:
        return top < best_key[0]
    # the same value at best: completing only adds cost and later positions
    return (not ties) or (-cost < best_key[1] or (-cost == best_key[1] and -pos <= best_key[2]))


@numba.njit(cache=True, nogil=True)
def walk(free, n_head, cents, value, share, lag, lag_c, before, chosen, held, covered, bonus,
         mp_ptr, mp_idx, pt_ptr, pt_idx, cl_ptr, cl_idx, positive, pre_c, pre_v, neg_ratio,
         tc_prop, tc_depth, tc_cents, tc_worth, tc_ratio, tc_assoc,
         available, has_cap, cap, constant, constant_c, at_least, ties, node_limit,
         has_best, best_key, base_value, base_cents, base_pos):
    """Decide the free proposals in order. Returns (found, finished, nodes, taken): `found` when an allocation
    better than the incumbent (`has_best`, `best_key` = value, −cost, −position sum) was found, `taken[d]` whether
    its free proposal at depth d is in it; not `finished` when the node limit stopped the walk."""
    f = len(free)
    phase = np.zeros(f + 1, dtype=np.int64)
    spent_at = np.zeros(f + 1, dtype=np.int64)
    got_at = np.zeros(f + 1, dtype=np.int64)
    cost_at = np.zeros(f + 1, dtype=np.int64)
    pos_at = np.zeros(f + 1, dtype=np.int64)
    lag_at = np.zeros(f + 1)
    top_at = np.zeros(f + 1, dtype=np.int64)
    has_top = np.zeros(f + 1, dtype=np.bool_)
    included = np.zeros(f + 1, dtype=np.bool_)
    taken = np.zeros(f, dtype=np.bool_)
    used = np.zeros(len(held))
    best = best_key.copy()
    found, finished = False, True
    shift = 0.0
    nodes = 0
    spent_at[0], got_at[0], cost_at[0], pos_at[0] = base_cents, base_value, base_cents, base_pos
    phase[0] = ENTER
    d = 0
    while d >= 0:
        if phase[d] == ENTER:
            nodes += 1
            if nodes > node_limit:
                finished = False
                break
            spent, lag_sum, got, cost, pos = spent_at[d], lag_at[d], got_at[d], cost_at[d], pos_at[d]
            if d == f:
                if got >= at_least:
                    better = (got > best[0] or (got == best[0] and (-cost > best[1] or (
                        -cost == best[1] and -pos > best[2])))) if ties else got > best[0]
                    if not has_best or better:
                        has_best, found = True, True
                        best[0], best[1], best[2] = got, -cost, -pos
                        for q in range(f):
                            taken[q] = included[q]
                d -= 1
                continue
            if has_best or at_least != -np.inf:
                if not has_top[d]:
                    top_at[d] = _bound_at(d, spent, lag_sum, available, constant, n_head, free, cents, lag, bonus,
                                          covered, mp_ptr, mp_idx, positive, pre_c, pre_v, neg_ratio)
                    has_top[d] = True
                if _cut(top_at[d], cost, pos, at_least, has_best, best, ties):
                    d -= 1
                    continue
                if d >= n_head:
                    clear = max(at_least, float(best[0]) if has_best else -np.inf) + 1
                    capped = math.floor(_capped_top(
                        d, spent, lag_sum, clear, available, has_cap, cap, constant_c, shift, held, used, cents, share,
                        chosen, mp_ptr, mp_idx, pt_ptr, pt_idx, tc_prop, tc_depth, tc_cents, tc_worth, tc_ratio,
                        tc_assoc))
                    if _cut(capped, cost, pos, at_least, has_best, best, ties):
                        d -= 1
                        continue
            j = free[d]
            part = cents[j] * share[j]
            fits = (before[j] < 0 or chosen[before[j]]) and _fits(
                j, spent, available, has_cap, cap, cents, share, held, chosen, mp_ptr, mp_idx, pt_ptr, pt_idx)
            phase[d] = INCLUDED
            included[d] = fits
            if fits:
                chosen[j] = True
                # a coverage row's dual counts once: a second proposal of a covered association does not earn it
                gain = lag[j]
                for q in range(mp_ptr[j], mp_ptr[j + 1]):
                    k = mp_idx[q]
                    if covered[k]:
                        gain -= bonus[k]
                    held[k] += part
                    covered[k] += 1
                shift += lag_c[j] - lag[j]
                e = d + 1
                phase[e] = ENTER
                spent_at[e], lag_at[e], got_at[e] = spent + cents[j], lag_sum + gain, got + value[j]
                cost_at[e], pos_at[e] = cost + cents[j], pos + j + 1
                # taking the next proposal of the budget fill leaves the fill, and so the bound, as it was
                has_top[e] = has_top[d] and d >= n_head and lag[j] > 0
                top_at[e] = top_at[d]
                d = e
                continue
        if phase[d] == INCLUDED:
            if included[d]:
                j = free[d]
                part = cents[j] * share[j]
                for q in range(mp_ptr[j], mp_ptr[j + 1]):
                    held[mp_idx[q]] -= part
                    covered[mp_idx[q]] -= 1
                shift -= lag_c[j] - lag[j]
                chosen[j] = False
                included[d] = False
            phase[d] = DONE
            closed = False
            for q in range(cl_ptr[d], cl_ptr[d + 1]):
                if not covered[cl_idx[q]]:
                    closed = True
            if closed:
                d -= 1
                continue
            e = d + 1
            phase[e] = ENTER
            spent_at[e], lag_at[e], got_at[e] = spent_at[d], lag_at[d], got_at[d]
            cost_at[e], pos_at[e] = cost_at[d], pos_at[d]
            has_top[e] = False
            d = e
            continue
        d -= 1  # DONE: this frame's both branches are walked
    return found, finished, nodes, taken
