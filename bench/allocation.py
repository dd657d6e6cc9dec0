"""Exact allocation at parish and city scale: solve time, time outside the solver, and the score the
greedy rule (CONSUL) and the equal split leave on the table against the optimum.

Instances (seeded, one per run, so the median and worst cover several instances, not one repeated):
costs log-normal around $ 8.000 (σ = 0,6, whole dollars), scores uniform 20–95 with two decimals,
every association with at least one proposal, a budget of 25 % of the total asked, and both equity
rules on: at least one proposal per association and a cap of three times the equal share per
association.
"""

from __future__ import annotations

import statistics
import time

import numpy as np
import polars as pl

from bench import Row
from core.engine.allocation import AllocationRules, allocate_detailed, explain_proposal

TITLE = "Asignación exacta del presupuesto (HiGHS)"
RUNS = 5
SIZES = ((200, 30, "200 propuestas, 30 asociaciones"), (2000, 300, "2.000 propuestas, 300 asociaciones"))


def instance(n: int, n_assoc: int, seed: int) -> tuple[pl.DataFrame, AllocationRules]:
    rng = np.random.default_rng(seed)
    association = np.concatenate([np.arange(n_assoc), rng.integers(0, n_assoc, n - n_assoc)])
    cost = np.maximum(300.0, np.round(rng.lognormal(np.log(8000), 0.6, n)))
    score = np.round(rng.uniform(20, 95, n), 2)
    frame = pl.DataFrame({"proposal_id": [f"P{k:05d}" for k in range(n)],
                          "association_id": [f"A{a:04d}" for a in association], "cost_usd": cost, "score": score})
    budget = float(np.round(cost.sum() * 0.25))
    rules = AllocationRules(budget_usd=budget, min_one_per_association=True,
                            max_share_per_association=min(1.0, 3.0 / n_assoc))
    return frame, rules


def _measure(n: int, n_assoc: int, label: str) -> list[Row]:
    walls, solver, ratios, greedy_gap, equal_gap, solves = [], [], [], [], [], []
    notes = set()
    for run in range(RUNS + 1):  # the first run warms up imports and HiGHS and is not counted
        frame, rules = instance(n, n_assoc, seed=1000 * n + run)
        start = time.perf_counter()
        optimal = allocate_detailed(frame, rules, method="optimal", explain=False)
        wall = time.perf_counter() - start
        if run == 0:
            continue
        if optimal.status != "optimal":
            notes.add(f"estado {optimal.status}")
        walls.append(wall)
        solver.append(optimal.solver_seconds)
        ratios.append((wall - optimal.solver_seconds) / optimal.solver_seconds)
        solves.append(optimal.n_solves)
        for method, gaps in (("greedy", greedy_gap), ("equal_split", equal_gap)):
            other = allocate_detailed(frame, rules, method=method)
            gaps.append(100 * (optimal.total_score - other.total_score) / optimal.total_score)
            if len(other.associations_covered) < len(optimal.associations_covered):
                notes.add(f"{'la regla voraz' if method == 'greedy' else 'el reparto igual'} cubre menos "
                          "asociaciones en alguna instancia")
    note_solves = f"{statistics.median(solves):.0f} resoluciones (puntaje, costo, código)"
    return [
        Row(f"{label}: asignación óptima completa", statistics.median(walls), max(walls), "s", "< 1 s",
            max(walls) < 1.0, note_solves + ("; " + ", ".join(sorted(notes)) if notes else ""), RUNS, walls),
        Row(f"{label}: tiempo dentro de HiGHS", statistics.median(solver), max(solver), "s", runs=RUNS,
            samples=solver),
        Row(f"{label}: tiempo fuera del solver / tiempo del solver", statistics.median(ratios), max(ratios), "×",
            "< 1,5×", max(ratios) < 1.5, runs=RUNS, samples=ratios),
        Row(f"{label}: puntaje que deja la regla voraz", statistics.median(greedy_gap), max(greedy_gap), "%",
            note="del puntaje óptimo, mismas instancias y reglas", runs=RUNS, samples=greedy_gap),
        Row(f"{label}: puntaje que deja el reparto igual", statistics.median(equal_gap), max(equal_gap), "%",
            note="del puntaje óptimo, mismas instancias y reglas", runs=RUNS, samples=equal_gap),
    ]


def _explanations() -> list[Row]:
    """"Why not?" at parish scale: for one proposal on demand, and for every unfunded one at once."""
    frame, rules = instance(200, 30, seed=7)
    plain = allocate_detailed(frame, rules, explain=False)
    unfunded = [o.proposal_id for o in plain.proposals if not o.funded]
    picks = unfunded[:: max(1, len(unfunded) // RUNS)][:RUNS]
    one = []
    for pid in picks:
        start = time.perf_counter()
        explain_proposal(frame, rules, pid)
        one.append(time.perf_counter() - start)
    start = time.perf_counter()
    result = allocate_detailed(frame, rules, explain=True)
    wall = time.perf_counter() - start
    return [
        Row("200 propuestas: «¿por qué no?» de una propuesta, a pedido", statistics.median(one), max(one), "s",
            note="asignación (3 resoluciones) + 2 más: la propuesta forzada y el costo a recortar", runs=len(one), samples=one),
        Row("200 propuestas: «¿por qué no?» de todas las no financiadas", wall, wall, "s",
            note=f"{len(unfunded)} propuestas, {result.n_solves} resoluciones; una sola corrida", runs=1),
    ]


def run() -> list[Row]:
    rows: list[Row] = []
    for n, n_assoc, label in SIZES:
        rows.extend(_measure(n, n_assoc, label))
    rows.extend(_explanations())
    return rows
