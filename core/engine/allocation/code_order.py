"""The last tie-break, solved over kinds: among the allocations with the optimum total and the lowest cost, the one
whose proposals come first in code order (the least sum of positions).

Proposals that no rule tells apart (`rules.interchangeable`) form a kind; the others are kinds of one. Every row of
the model treats a kind's members alike, so a kind becomes one integer column, the number of its members funded,
with the row entries of its first member. The sum of positions of a kind's first m members is convex in m, so it is
priced with one continuous column per member, each between 0 and 1, that add up to the kind's count: a minimum
fills them in code order. HiGHS then branches over tens of kinds instead of thousands of proposals; on 1,625
proposals in 78 kinds this takes 0.3 s where the model over proposals took 2.5 to 4 s to prove the same answer."""

from __future__ import annotations

import time

import highspy
import numpy as np

from core.engine.allocation.mip import Mip, RowBuffer, agrees, exact_highs

_INTEGER = highspy.HighsVarType.kInteger


def first_in_code_order(mip: Mip, groups: list[list[int]], x: np.ndarray) -> np.ndarray | None:
    """x's allocation moved to the proposals first in code order, under every row of `mip` (the rules and the rows
    that keep the levels before); None when HiGHS does not prove an optimum. `x` is `mip`'s last solution."""
    n = len(mip.inst.ids)
    grouped = {i for group in groups for i in group}
    kinds = [*groups, *([i] for i in range(n) if i not in grouped)]
    lp = mip.h.getLp()
    start = np.asarray(lp.a_matrix_.start_)
    index = np.asarray(lp.a_matrix_.index_, dtype=np.int32)
    coef = np.asarray(lp.a_matrix_.value_, dtype=float)
    col_lower, col_upper = np.asarray(lp.col_lower_), np.asarray(lp.col_upper_)
    h = exact_highs()  # positions are whole numbers too
    h.addRows(lp.num_row_, np.asarray(lp.row_lower_), np.asarray(lp.row_upper_), 0, np.zeros(0, np.int32),
              np.zeros(0, np.int32), np.zeros(0))
    # one column per kind (its first member's entries), then the model's own columns past the proposals
    source = [kind[0] for kind in kinds] + list(range(n, mip.n_cols))
    lower = [col_lower[kind].sum() for kind in kinds] + col_lower[n:mip.n_cols].tolist()
    upper = [col_upper[kind].sum() for kind in kinds] + col_upper[n:mip.n_cols].tolist()
    entries = [np.arange(start[j], start[j + 1]) for j in source]
    starts = np.concatenate([[0], np.cumsum([len(e) for e in entries])[:-1]]).astype(np.int32)
    flat = np.concatenate(entries) if entries else np.zeros(0, np.int64)
    position = np.arange(1, n + 1, dtype=float)
    cost = np.zeros(len(source))
    cost[: len(kinds)] = [position[kind[0]] if len(kind) == 1 else 0.0 for kind in kinds]
    h.addCols(len(source), cost, np.asarray(lower, float), np.asarray(upper, float), len(flat), starts,
              index[flat], coef[flat])
    integral = list(range(len(kinds))) + [len(kinds) + j - n for j in range(n, mip.n_cols)
                                                  if lp.integrality_ and lp.integrality_[j] == _INTEGER]
    h.changeColsIntegrality(len(integral), np.asarray(integral, np.int32), np.full(len(integral), _INTEGER))
    links = RowBuffer()
    column = len(source)
    steps: list[tuple[int, int]] = []  # (kind, its first step column)
    for k, kind in enumerate(kinds):
        if len(kind) == 1:
            continue
        h.addCols(len(kind), position[kind], np.zeros(len(kind)), np.ones(len(kind)), 0, np.zeros(0, np.int32),
                  np.zeros(0, np.int32), np.zeros(0))
        links.add([*range(column, column + len(kind)), k], [1.0] * len(kind) + [-1.0], 0.0, 0.0)
        steps.append((k, column))
        column += len(kind)
    links.flush(h)
    h.changeObjectiveSense(highspy.ObjSense.kMinimize)
    counts = np.array([x[kind].sum() for kind in kinds], dtype=float)
    start_values = np.zeros(h.getNumCol())
    start_values[: len(kinds)] = counts
    start_values[len(kinds): len(source)] = mip.values()[n:mip.n_cols]
    for k, column in steps:
        start_values[column: column + int(counts[k])] = 1.0
    solution = highspy.HighsSolution()
    solution.col_value = start_values.tolist()
    solution.value_valid = True
    h.setSolution(solution)
    began = time.perf_counter()
    h.run()
    if not agrees(h, np.asarray(h.getLp().col_cost_)):
        h.clearSolver()  # without the warm start
        h.run()
    mip.seconds += time.perf_counter() - began
    mip.solves += 1
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    taken = np.rint(np.asarray(h.getSolution().col_value)[: len(kinds)]).astype(int)
    chosen = np.zeros(n, dtype=bool)
    for kind, count in zip(kinds, taken, strict=True):
        chosen[kind[:count]] = True
    return chosen


__all__ = ["first_in_code_order"]
