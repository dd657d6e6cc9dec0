"""The HiGHS model of an allocation: binaries x (one per proposal), optional coverage binaries y (one per
association that can be covered), an optional integer Δ (the cents one proposal gives up) and, when people are
counted once (`Instance.dedup`, see `people`), continuous r (the people of each association each proposal
reaches), over the budget, cap, exclusive-pair and coverage rows of `Rules`. HiGHS never writes to the terminal."""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Sequence

import highspy
import numpy as np

from core.engine.allocation.instance import Instance
from core.engine.allocation.rules import Rules

INF = highspy.kHighsInf
_EMPTY_I = np.array([], dtype=np.int32)
_EMPTY_F = np.array([], dtype=float)
_banner_lock = threading.Lock()
_banner_done = False


def new_highs() -> highspy.Highs:
    """A silent HiGHS instance. The library prints a banner on the first construction in a process, before any
    option can be set; that one construction runs with the process's standard output pointed at /dev/null."""
    global _banner_done
    with _banner_lock:
        if not _banner_done:
            sys.stdout.flush()
            saved = os.dup(1)
            try:
                with open(os.devnull, "w") as devnull:
                    os.dup2(devnull.fileno(), 1)
                    highspy.Highs()
            finally:
                os.dup2(saved, 1)
                os.close(saved)
            _banner_done = True
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    return h


def exact_highs() -> highspy.Highs:
    """A silent HiGHS instance that proves optima exactly and the same way each time: objectives are whole numbers,
    so a gap below one is exact; a fixed seed."""
    h = new_highs()
    h.setOptionValue("mip_rel_gap", 0.0)
    h.setOptionValue("mip_abs_gap", 0.25)
    h.setOptionValue("random_seed", 0)
    return h


def agrees(h: highspy.Highs, costs: np.ndarray) -> bool:
    """Whether an «optimal» answer's solution is worth the objective HiGHS reports for it (to half a unit, as every
    objective here is in whole units, plus float noise on large ones). HiGHS 1.16 started from a user solution (a
    warm start) has answered «optimal» with the warm start itself and the objective of a better allocation it did
    not return; a tie-break then kept a dearer allocation. The caller solves again from scratch."""
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return True
    reported = h.getInfo().objective_function_value
    values = np.asarray(h.getSolution().col_value)
    return abs(float(costs @ values[: len(costs)]) - reported) <= 0.5 + 1e-9 * abs(reported)


class RowBuffer:
    """Rows gathered in compressed form and added to HiGHS in one call."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.index: list[int] = []
        self.value: list[float] = []
        self.lower: list[float] = []
        self.upper: list[float] = []

    def add(self, idx: Sequence[int], val: Sequence[float], lower: float, upper: float) -> None:
        self.starts.append(len(self.index))
        self.index.extend(idx)
        self.value.extend(val)
        self.lower.append(lower)
        self.upper.append(upper)

    def flush(self, h: highspy.Highs) -> None:
        if not self.lower:
            return
        h.addRows(len(self.lower), np.asarray(self.lower, dtype=float), np.asarray(self.upper, dtype=float),
                  len(self.index), np.asarray(self.starts, dtype=np.int32), np.asarray(self.index, dtype=np.int32),
                  np.asarray(self.value, dtype=float))


class Mip:
    """A HiGHS model of the rules; `relaxed=True` makes every column continuous (the LP relaxation)."""

    def __init__(self, inst: Instance, r: Rules, *, coverable: list[int] | None, coverage_min: int | None,
                 force_in: int | None = None, shed: int | None = None, budget: bool = True, strict: bool = False,
                 relaxed: bool = False):
        self.inst, self.r = inst, r
        n = len(inst.ids)
        h = exact_highs()
        if strict:  # tight feasibility tolerances, when a default-tolerance solution broke a rule
            h.setOptionValue("mip_feasibility_tolerance", 1e-9)
            h.setOptionValue("primal_feasibility_tolerance", 1e-9)
        self.lower = np.zeros(n)
        self.upper = np.ones(n)
        self.lower[r.must] = 1.0
        self.upper[list(r.must_not)] = 0.0
        lower = self.lower.copy()
        if force_in is not None:
            lower[force_in] = 1.0
        kind = highspy.HighsVarType.kContinuous if relaxed else highspy.HighsVarType.kInteger
        h.addCols(n, np.zeros(n), lower, self.upper, 0, _EMPTY_I, _EMPTY_I, _EMPTY_F)
        if not relaxed:
            h.changeColsIntegrality(n, np.arange(n, dtype=np.int32), np.full(n, kind))
        self.n_cols = n
        self.y_cols: list[int] = []
        self.cover_rows: dict[int, int] = {}  # association → its coverage row, when every one must be covered
        self.cap_rows: list[int] = []  # the cap's rows, one per association in order, when the cap is on
        self.coverable = coverable or []
        self.delta_col: int | None = None
        rows = RowBuffer()
        if shed is not None:
            self.delta_col = self.n_cols
            h.addCols(1, np.zeros(1), np.zeros(1), np.array([float(inst.cents[shed])]), 0, _EMPTY_I, _EMPTY_I,
                      _EMPTY_F)
            h.changeColIntegrality(self.delta_col, highspy.HighsVarType.kInteger)
            self.n_cols += 1
        if budget:
            idx, val = list(range(n)), inst.cents.astype(float).tolist()
            if shed is not None:
                idx.append(self.delta_col)
                val.append(-1.0)
            rows.add(idx, val, -INF, float(r.available_cents))
        if r.cap is not None:
            for members in inst.member_idx:
                self.cap_rows.append(len(rows.lower))
                idx = list(members)
                val = [float(inst.cents[i] * inst.share[i]) for i in members]
                if shed is not None and shed in members:
                    idx.append(self.delta_col)
                    val.append(-float(inst.share[shed]))
                rows.add(idx, val, -INF, r.cap_cents)
        for i, j in r.pairs:
            rows.add([i, j], [1.0, 1.0], -INF, 1.0)
        if coverable is not None:
            if coverage_min is None:  # every coverable association, as hard rows
                for k in coverable:
                    self.cover_rows[k] = len(rows.lower)
                    rows.add(inst.member_idx[k], [1.0] * len(inst.member_idx[k]), 1.0, INF)
            else:  # y_k ≤ Σ x over its proposals, Σ y ≥ coverage_min
                first, m = self.n_cols, len(coverable)
                h.addCols(m, np.zeros(m), np.zeros(m), np.ones(m), 0, _EMPTY_I, _EMPTY_I, _EMPTY_F)
                if not relaxed:
                    h.changeColsIntegrality(m, np.arange(first, first + m, dtype=np.int32), np.full(m, kind))
                self.y_cols = list(range(first, first + m))
                self.n_cols += m
                for y, k in zip(self.y_cols, coverable, strict=True):
                    members = inst.member_idx[k]
                    rows.add([y, *members], [1.0] + [-1.0] * len(members), -INF, 0.0)
                if coverage_min > 0:
                    rows.add(self.y_cols, [1.0] * m, float(coverage_min), INF)
        self.r_cols, self.r_owner = self._people_columns(h, rows) if inst.dedup else ([], np.zeros(0, np.int64))
        rows.flush(h)
        self.h = h
        self.costs = np.zeros(self.n_cols)  # the objective's cost of every column (`set_objective`)
        self.seconds = 0.0
        self.solves = 0

    def _people_columns(self, h: highspy.Highs, rows: RowBuffer) -> tuple[list[int], np.ndarray]:
        """r[p, a] ≥ 0 for each membership, Σ_a r[p, a] ≤ reach_p · x_p and Σ_p r[p, a] ≤ members of a (known)."""
        inst = self.inst
        proposal, association = inst.memberships
        m, first = len(proposal), self.n_cols
        h.addCols(m, np.zeros(m), np.zeros(m), np.full(m, INF), 0, _EMPTY_I, _EMPTY_I, _EMPTY_F)
        self.n_cols += m
        cols = list(range(first, first + m))
        by_proposal: dict[int, list[int]] = {}
        by_association: dict[int, list[int]] = {}
        for c, p, k in zip(cols, proposal.tolist(), association.tolist(), strict=True):
            by_proposal.setdefault(p, []).append(c)
            by_association.setdefault(k, []).append(c)
        for p, own in by_proposal.items():
            rows.add([*own, p], [1.0] * len(own) + [-float(inst.reach[p])], -INF, 0.0)
        assert inst.capacity is not None
        for k, own in by_association.items():
            if inst.capacity[k] >= 0:
                rows.add(own, [1.0] * len(own), -INF, float(inst.capacity[k]))
        return cols, proposal.copy()

    def value_terms(self) -> tuple[list[int], list[float]]:
        """The objective's value as columns and coefficients: score × reach on x, or score on r when people are
        counted once."""
        if self.r_cols:
            return self.r_cols, self.inst.s_int[self.r_owner].astype(float).tolist()
        return list(range(len(self.inst.ids))), self.inst.value.astype(float).tolist()

    def set_value_objective(self) -> None:
        """Maximise the objective's value (`value_terms`)."""
        if self.r_cols:
            self.set_objective(np.zeros(len(self.inst.ids)), maximize=True,
                               extra=dict(zip(*self.value_terms(), strict=True)))
        else:
            self.set_objective(self.inst.value.astype(float), maximize=True)

    def add_value_row(self, lower: float) -> None:
        """Keep the objective's value at least `lower`."""
        self.add_row(*self.value_terms(), lower, INF)

    def set_objective(self, x_costs: np.ndarray, *, maximize: bool, y_costs: np.ndarray | None = None,
                      delta_cost: float = 0.0, extra: dict[int, float] | None = None) -> None:
        costs = np.zeros(self.n_cols)
        costs[: len(x_costs)] = x_costs
        for column, cost in (extra or {}).items():
            costs[column] = cost
        if y_costs is not None:
            costs[self.y_cols] = y_costs
        if self.delta_col is not None:
            costs[self.delta_col] = delta_cost
        self.costs = costs
        self.h.changeColsCost(self.n_cols, np.arange(self.n_cols, dtype=np.int32), costs)
        self.h.changeObjectiveSense(highspy.ObjSense.kMaximize if maximize else highspy.ObjSense.kMinimize)

    def add_row(self, idx: Sequence[int], val: Sequence[float], lower: float, upper: float) -> None:
        self.h.addRow(lower, upper, len(idx), np.asarray(idx, dtype=np.int32), np.asarray(val, dtype=float))

    def set_x_bounds(self, lower: np.ndarray, upper: np.ndarray) -> None:
        n = len(lower)
        self.h.changeColsBounds(n, np.arange(n, dtype=np.int32), lower, upper)

    def run(self) -> str:
        start = time.perf_counter()
        self.h.run()
        if not agrees(self.h, self.costs):
            self.h.clearSolver()  # forgets the warm start too
            self.h.run()
        self.seconds += time.perf_counter() - start
        self.solves += 1
        status = self.h.getModelStatus()
        if status == highspy.HighsModelStatus.kOptimal:
            return "optimal"
        if status == highspy.HighsModelStatus.kInfeasible:
            return "infeasible"
        return self.h.modelStatusToString(status)

    def objective(self) -> float:
        return float(self.h.getInfo().objective_function_value)

    def values(self) -> np.ndarray:
        return np.asarray(self.h.getSolution().col_value)

    def duals(self) -> np.ndarray:
        return np.asarray(self.h.getSolution().col_dual)

    def x(self) -> np.ndarray:
        return self.values()[: len(self.inst.ids)] > 0.5

    def warm_start(self, x: np.ndarray) -> None:
        values = np.zeros(self.n_cols)
        values[: len(x)] = x
        for y, k in zip(self.y_cols, self.coverable, strict=False):
            values[y] = float(any(x[i] for i in self.inst.member_idx[k]))
        if self.r_cols:  # the people x reaches, each member once, so that x keeps every row on the objective
            from core.engine.allocation.people import membership_flow  # people builds on this module

            values[self.r_cols] = membership_flow(self.inst, np.asarray(x, bool), self.inst.s_int)[1]
        solution = highspy.HighsSolution()
        solution.col_value = values.tolist()
        solution.value_valid = True
        self.h.setSolution(solution)


__all__ = ["INF", "Mip", "RowBuffer", "agrees", "exact_highs", "new_highs"]
