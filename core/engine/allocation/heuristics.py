"""The comparators: greedy (CONSUL's rule: by score, highest first, skipping what does not fit) and the equal
split the El Valle study criticises (each association gets an equal share of the money and funds its best
proposals that fit in it; what a share cannot use stays unspent).

Both walk the proposals once in the visit order (score, highest first; then cost, lowest first; then code); the
walk itself is compiled (`turns.walk_turns`), so 10,000 proposals take milliseconds. Why a proposal was skipped is
kept as arrays (`Blocks`) and put in words only when a result is built (`block_reason`)."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from core.engine.allocation.exact import Solved
from core.engine.allocation.instance import Instance
from core.engine.allocation.rules import Rules, alone_blocker, must_cents
from core.engine.allocation.turns import ALONE, BUDGET, CODES, NOT_SELECTED, walk_turns
from core.fmt import amount, amounts_named, number
from core.texts import t


@dataclass(frozen=True)
class Block:
    """What stopped a proposal when its turn came: `code` (label family `allocation_rule`), the other proposal or
    association involved, money figures in cents, and the score that would have put it ahead (greedy only)."""

    code: str
    other: int | None = None  # a proposal (exclusive) or an association (cap, share)
    held: float = 0.0  # cents: left in the budget, or already held by the association
    needed: float | None = None


def visit_order(inst: Instance) -> np.ndarray:
    return np.lexsort((np.arange(len(inst.ids)), inst.cents, -inst.s_int))


def _alone_mask(inst: Instance, r: Rules) -> np.ndarray:
    """Proposals that no allocation can hold whatever else is chosen (the same test as `alone_blocker`)."""
    n = len(inst.ids)
    must = np.zeros(n, bool)
    must[r.must] = True
    out = np.zeros(n, bool)
    out[list(r.must_not)] = True
    out |= inst.cents > r.available_cents
    out |= ~must & (inst.cents + must_cents(inst, r) > r.available_cents)
    if r.cap is not None:
        out |= inst.cost * inst.share > r.cap + 0.005
    for i, partners in r.partners.items():
        if any(must[j] for j in partners):
            out[i] = True
    return out & ~must


@dataclass(frozen=True)
class Blocks:
    """What stopped each proposal, as arrays over proposal positions: `code` (an index into `turns.CODES`, 0 when
    nothing did), `other` (−1 when none), `held` (cents) and `needed` (NaN when none). `items()` yields the
    stopped ones as `Block`s, so 10,000 proposals are put in words only when someone asks."""

    code: np.ndarray
    other: np.ndarray
    held: np.ndarray
    needed: np.ndarray

    def items(self) -> Iterator[tuple[int, Block]]:
        for i in np.flatnonzero(self.code).tolist():
            other, needed = int(self.other[i]), float(self.needed[i])
            yield i, Block(CODES[self.code[i]], None if other < 0 else other, float(self.held[i]),
                           None if math.isnan(needed) else needed)


NO_BLOCKS = Blocks(np.zeros(0, np.int8), np.zeros(0, np.int64), np.zeros(0), np.zeros(0))


def _own_proposals(inst: Instance, visit: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For «at least one per association», over the proposals in `visit`: (starts, flat) with association k's
    proposals in turn order at flat[starts[k]:starts[k + 1]], and the associations in the order their first
    proposal's turn comes (the associations of one proposal in the order they are listed). A proposal listed
    twice takes its first turn."""
    n, m = len(inst.ids), len(inst.associations)
    turn = np.full(n, n, dtype=np.int64)
    turn[visit[::-1]] = np.arange(len(visit))[::-1]  # the earliest turn wins
    proposal, association = inst.memberships
    listed = np.flatnonzero(turn[proposal] < n)  # membership positions, by proposal, then as listed
    ranked = listed[np.lexsort((turn[proposal[listed]], association[listed]))]
    starts = np.concatenate([[0], np.cumsum(np.bincount(association[ranked], minlength=m))]).astype(np.int64)
    with_any = np.flatnonzero(np.diff(starts))
    first = ranked[starts[with_any]]  # each association's membership in its first proposal
    first_seen = with_any[np.lexsort((first, turn[proposal[first]]))]
    return starts, proposal[ranked], first_seen


def solve_heuristic(inst: Instance, r: Rules, min_one: bool, equal_split: bool,
                    order: list[int] | None = None) -> tuple[Solved, Blocks]:
    """Walk the proposals in `order` (default: the visit order), funding each one every rule still allows.
    Proposals outside a given `order` were not selected by the rule that made it (equal shares)."""
    n, m = len(inst.ids), len(inst.associations)
    alone = _alone_mask(inst, r)
    notes: list[str] = []
    limit = np.full(m, np.inf)
    if equal_split:
        each = r.available_cents / m if m else 0.0
        limit[:] = min(each, r.cap * 100) if r.cap is not None else each
        if limit.size and limit[0] < each:  # the cap is the quota each association really gets: named as such
            notes.append(t("alloc.note.equal_share_cap", count=m, **amounts_named(amount=r.cap, each=each / 100)))
        else:
            notes.append(t("alloc.note.equal_share", count=m, amount=amount(each / 100)))
    visit = visit_order(inst) if order is None else np.asarray(order, dtype=np.int64)
    if min_one:
        own_ptr, own_idx, first_seen = _own_proposals(inst, visit)
    else:
        own_ptr, own_idx, first_seen = np.zeros(m + 1, np.int64), np.zeros(0, np.int64), np.zeros(0, np.int64)
    mp_ptr, mp_idx = inst.member_csr
    pt_ptr, pt_idx = r.partner_csr(n)
    cap = r.cap_cents
    funded, code, other, held, walked, left_after = walk_turns(
        visit, np.asarray(r.must, dtype=np.int64), min_one, first_seen, own_ptr, own_idx, inst.cents.astype(np.int64),
        inst.share.astype(np.float64), alone, pt_ptr, pt_idx, mp_ptr, mp_idx, int(r.available_cents),
        np.inf if cap is None else float(cap), limit)
    if order is not None:
        left_out = np.ones(n, dtype=bool)
        left_out[visit] = False
        left_out &= ~funded
        code[left_out] = np.where(alone[left_out], ALONE, NOT_SELECTED)
    needed = np.full(n, np.nan)
    if not min_one and not equal_split and r.cap is None:
        _greedy_scores_needed(inst, code, needed, walked, left_after)
    uncovered: dict[str, str] = {}
    if min_one:
        proposal, association = inst.memberships
        covered = np.bincount(association, weights=funded[proposal], minlength=m) > 0
        for k in np.flatnonzero(~covered).tolist():
            uncovered[inst.associations[k]] = t("alloc.uncovered.no_money")
            notes.append(t("alloc.note.uncovered", association=inst.name(inst.associations[k])))
    solved = Solved(funded, "heuristic", t("alloc.solver.heuristic"),
                    t("alloc.message.equal_split" if equal_split else "alloc.message.greedy"), notes, uncovered,
                    None, None)
    return solved, Blocks(code, other, held, needed)


def _greedy_scores_needed(inst: Instance, code: np.ndarray, needed: np.ndarray, walked: np.ndarray,
                          left_after: np.ndarray) -> None:
    """For the plain greedy rule, the score that would have put a proposal skipped for money ahead: that of the
    first proposal funded after which the money left no longer covered it (`left_after` is minus the cents left
    after each proposal `walked`, non-decreasing)."""
    skipped = np.flatnonzero(code == BUDGET)
    k = np.searchsorted(left_after, -inst.cents[skipped], side="right")  # first with left < cents
    has = k < len(walked)
    skipped, j = skipped[has], walked[k[has]]
    ahead = (inst.s_int[j] > inst.s_int[skipped]) | (
        (inst.s_int[j] == inst.s_int[skipped]) & (inst.cents[j] < inst.cents[skipped]))
    needed[skipped[ahead]] = inst.s_int[j[ahead]] / inst.scale


def block_reason(inst: Instance, r: Rules, i: int, stop: Block) -> tuple[str, str]:
    """A skipped proposal's rule code and Spanish sentence."""
    if stop.code == "alone":
        return alone_blocker(inst, r, i)
    if stop.code == "not_selected":
        return "proportional", t("alloc.out.not_selected_mes")
    if stop.code == "exclusive":
        return "exclusive", t("alloc.out.exclusive_funded", id=inst.ids[stop.other])
    if stop.code == "budget":
        text = t("alloc.out.budget_turn", **amounts_named(left=stop.held / 100, cost=inst.cost[i]))
        if stop.needed is not None:
            text += t("alloc.out.needed_score", needed=number(stop.needed, 2), score=number(float(inst.score[i]), 2))
        return "budget", text
    association = inst.name(inst.associations[stop.other])
    part = inst.cents[i] * inst.share[i] / 100
    if stop.code == "association_cap":
        return "association_cap", t("alloc.out.cap_reached", association=association,
                                    **amounts_named(spent=stop.held / 100, cap=r.cap))
    return "share", t("alloc.out.share_left", association=association,
                      **amounts_named(left=stop.held / 100, part=part))
