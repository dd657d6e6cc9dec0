"""People counted once: the scope objective when the associations' member counts are known.

Each funded proposal p reaches people of its associations: r[p, a] ≥ 0 people of association a, at most `reach_p`
in all (Σ_a r[p, a] ≤ reach_p · x_p), and no association gives more people than it has members (Σ_p r[p, a] ≤ m_a,
for each association whose count m_a is known; an unknown count puts no limit, as before). The scope objective is
the best Σ_p score_p · Σ_a r[p, a]: the same members no longer count once per proposal. For a fixed allocation
this is a transportation problem with whole capacities, so its optimum is a whole number of people per proposal
and the objective stays in whole units (the `Mip` rows and this module's LP give the same value).

`flow` solves the problem for one allocation, `worth` is the objective's value of an
allocation (additive when nothing is counted once) and `people` the people it reaches, each once."""

from __future__ import annotations

import highspy
import numpy as np

from core.engine.allocation.instance import Instance
from core.engine.allocation.mip import INF, RowBuffer, new_highs


def flow(inst: Instance, x: np.ndarray, weights: np.ndarray, favour: int | None = None) -> tuple[float, np.ndarray]:
    """The best Σ weights_p · people_p over the funded proposals of x with each association's members counted once,
    and the people each proposal reaches in it; with `favour`, among the best flows the one that gives that
    proposal the most people."""
    best, by_membership = membership_flow(inst, x, weights, favour)
    people = np.zeros(len(inst.ids))
    np.add.at(people, inst.memberships[0], by_membership)
    return best, np.rint(people)


def membership_flow(inst: Instance, x: np.ndarray, weights: np.ndarray,
                    favour: int | None = None) -> tuple[float, np.ndarray]:
    """`flow` by membership (in `Instance.memberships` order): the people of each association each proposal
    reaches, zero for the proposals x leaves out."""
    proposal, association = inst.memberships
    out = np.zeros(len(proposal))
    cols = np.flatnonzero(x[proposal])
    if not len(cols):
        return 0.0, out
    capacity = inst.capacity
    assert capacity is not None
    m = len(cols)
    h = new_highs()
    h.addCols(m, np.zeros(m), np.zeros(m), np.full(m, INF), 0, np.zeros(0, np.int32), np.zeros(0, np.int32),
              np.zeros(0))
    rows = RowBuffer()
    by_proposal: dict[int, list[int]] = {}
    by_association: dict[int, list[int]] = {}
    for c, (p, k) in enumerate(zip(proposal[cols].tolist(), association[cols].tolist(), strict=True)):
        by_proposal.setdefault(p, []).append(c)
        by_association.setdefault(k, []).append(c)
    for p, own in by_proposal.items():
        rows.add(own, [1.0] * len(own), -INF, float(inst.reach[p]))
    for k, own in by_association.items():
        if capacity[k] >= 0:
            rows.add(own, [1.0] * len(own), -INF, float(capacity[k]))
    rows.flush(h)
    costs = np.asarray(weights, dtype=float)[proposal[cols]]
    everything = np.arange(m, dtype=np.int32)
    h.changeColsCost(m, everything, costs)
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    h.run()
    best = float(h.getInfo().objective_function_value)
    if favour is not None and favour in by_proposal:
        h.addRow(best - 0.5, INF, m, everything, costs)
        mine = np.zeros(m)
        mine[by_proposal[favour]] = 1.0
        h.changeColsCost(m, everything, mine)
        h.run()
    out[cols] = np.asarray(h.getSolution().col_value)[:m]
    return best, out


def worth(inst: Instance, x: np.ndarray) -> int:
    """The objective's total for allocation x, in whole units."""
    if not inst.dedup:
        return int(inst.value[x].sum())
    return int(round(flow(inst, x, inst.s_int.astype(float))[0]))


def people(inst: Instance, x: np.ndarray) -> int:
    """The people allocation x reaches: with known member counts each member once, else the sum of each funded
    proposal's reach."""
    if inst.capacity is None:
        return int(inst.reach[x].sum())
    return int(round(flow(inst, x, np.ones(len(inst.ids)))[0]))


def counted_for(inst: Instance, x: np.ndarray, i: int) -> int:
    """The most people proposal i counts in allocation x among the ways that give x its worth."""
    _, counted = flow(inst, x, inst.s_int.astype(float), favour=i)
    return int(counted[i])


__all__ = ["counted_for", "flow", "membership_flow", "people", "worth"]
