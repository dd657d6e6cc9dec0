"""Greedy fills by value per dollar: the order they follow, and an allocation completed in that order under every
rule. They give the exact search and the explanations their first allocations (lower bounds to beat)."""

from __future__ import annotations

import numpy as np

from core.engine.allocation.instance import Instance
from core.engine.allocation.rules import Rules


def ratio_order(inst: Instance) -> np.ndarray:
    """Proposals by value per cent, best first (then the cheaper, then code order): the order fills follow."""
    value = inst.value.astype(float)
    return np.lexsort((np.arange(len(inst.ids)), inst.cents, -value / np.maximum(inst.cents, 1)))


def complete(inst: Instance, r: Rules, x: np.ndarray, order: np.ndarray,
             coverable: list[int] | None) -> np.ndarray | None:
    """x with proposals added in `order` while every rule still holds; None if x itself breaks a rule or the
    result leaves a `coverable` association out."""
    x = x.copy()
    if int(inst.cents[x].sum()) > r.available_cents or any(x[a] and x[b] for a, b in r.pairs):
        return None
    cents, share = inst.cents.tolist(), inst.share.tolist()
    member_pos = inst.member_pos
    held = [0.0] * len(inst.associations)
    for j in np.flatnonzero(x).tolist():
        for k in member_pos[j]:
            held[k] += cents[j] * share[j]
    cap = r.cap_cents
    if cap is not None and any(h > cap for h in held):
        return None
    spent = int(inst.cents[x].sum())

    def fits(j: int) -> bool:
        if x[j] or j in r.must_not or spent + cents[j] > r.available_cents:
            return False
        if any(x[p] for p in r.partners.get(j, ())):
            return False
        return cap is None or all(held[k] + cents[j] * share[j] <= cap for k in member_pos[j])

    def take(j: int) -> None:
        nonlocal spent
        x[j] = True
        spent += cents[j]
        for k in member_pos[j]:
            held[k] += cents[j] * share[j]

    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    for k in coverable or []:  # first one proposal for each association still without one, best first
        members = sorted(inst.member_idx[k], key=lambda j: rank[j])
        if not any(x[j] for j in members):
            for j in members:
                if fits(j):
                    take(j)
                    break
    for j in order.tolist():
        if fits(j):
            take(j)
    if coverable and any(not x[inst.member_idx[k]].any() for k in coverable):
        return None
    return x
