"""People counted once: the scope objective when the associations' member counts are known.

Each funded proposal p reaches people of its associations: r[p, a] ≥ 0 people of association a, at most `reach_p`
in all (Σ_a r[p, a] ≤ reach_p · x_p), and no association gives more people than it has members (Σ_p r[p, a] ≤ m_a,
for each association whose count m_a is known; an unknown count puts no limit, as before). The scope objective is
the best Σ_p score_p · Σ_a r[p, a]: the same members no longer count once per proposal. For a fixed allocation
this is a transportation problem with whole capacities, so its optimum is a whole number of people per proposal
and the objective stays in whole units (the `Mip` rows and this module's greedy give the same value).

`flow` solves the problem for one allocation, `worth` is the objective's value of an
allocation (additive when nothing is counted once) and `people` the people it reaches, each once."""

from __future__ import annotations

import math
from collections import deque

import numpy as np

from core.engine.allocation.instance import Instance


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
    reaches, zero for the proposals x leaves out.

    The people a set of proposals can reach together (a maximum flow) is a polymatroid's rank, so the greedy is
    exact: in decreasing weight (`favour` first among equals, then code order), each proposal takes as many people
    as paths through the associations still allow, moving people that earlier proposals reach to another of their
    associations when that frees room, never fewer for them; one below zero takes none. Each path is found by a
    search over the associations (a few dozen at most), where a linear program took a solver's start-up each
    time."""
    proposal, association = inst.memberships
    out = np.zeros(len(proposal))
    capacity = inst.capacity
    assert capacity is not None
    rows_of: dict[int, list[int]] = {}  # funded proposal → its membership rows
    rows_at: dict[int, list[int]] = {}  # association → the funded proposals' membership rows there
    for row in np.flatnonzero(x[proposal]).tolist():
        rows_of.setdefault(int(proposal[row]), []).append(row)
        rows_at.setdefault(int(association[row]), []).append(row)
    room = {k: math.inf if capacity[k] < 0 else float(capacity[k]) for k in rows_at}
    w = np.asarray(weights, dtype=float)
    for p in sorted(rows_of, key=lambda q: (-w[q], q != favour, q)):
        if w[p] < 0:
            break  # the rest weigh less still
        wanted = float(inst.reach[p])
        while wanted > 0 and (path := _path(rows_of[p], rows_of, rows_at, proposal, association, out, room)):
            end, forward, backward = path
            moved = min(wanted, room[end], *(out[row] for row in backward))
            out[forward] += moved
            out[backward] -= moved
            room[end] -= moved
            wanted -= moved
    return float(w[proposal] @ out), out


def _path(start: list[int], rows_of: dict[int, list[int]], rows_at: dict[int, list[int]], proposal: np.ndarray,
          association: np.ndarray, out: np.ndarray, room: dict[int, float]) -> tuple[int, list[int], list[int]] | None:
    """A shortest way to give one more person to the proposal whose membership rows are `start`: an association
    with room, reached directly or through associations whose people another proposal can take elsewhere.
    (association with room, rows that gain, rows that lose), or None."""
    came_by: dict[int, tuple[int, int | None]] = {}  # association → (row that gains, row that loses before it)
    queue: deque[int] = deque()
    for row in start:
        if (k := int(association[row])) not in came_by:
            came_by[k] = (row, None)
            queue.append(k)
    while queue:
        k = queue.popleft()
        if room[k] > 0:
            forward, backward = [], []
            while True:
                gains, loses = came_by[k]
                forward.append(gains)
                if loses is None:
                    return int(association[forward[0]]), forward, backward
                backward.append(loses)
                k = int(association[loses])
        for loses in rows_at[k]:
            if out[loses] > 0:
                for gains in rows_of[int(proposal[loses])]:
                    if (other := int(association[gains])) not in came_by:
                        came_by[other] = (gains, loses)
                        queue.append(other)
    return None


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
