"""core.engine.allocation.people.membership_flow against the max-flow min-cut formula, written here independently:
the most people a set S of proposals reaches, each association's members once, is
f(S) = min over T ⊆ S of Σ_{p ∈ S∖T} reach_p + Σ_{a reached by T} members_a (an unknown count is unlimited).
The best Σ weight_p × people_p is the greedy by weight over f, and among the flows as good, the most a proposal can
get is what f gains when it joins the proposals that weigh more than it."""

from __future__ import annotations

import itertools
import math
from types import SimpleNamespace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.engine.allocation.people import membership_flow


def most_people(chosen: list[int], reach: list[int], members: list[int], spots: list[list[int]]) -> float:
    best = math.inf
    for size in range(len(chosen) + 1):
        for through in itertools.combinations(chosen, size):
            reached = {a for p in through for a in spots[p]}
            rest = sum(reach[p] for p in chosen if p not in through)
            best = min(best, rest + sum(math.inf if members[a] < 0 else members[a] for a in reached))
    return best


@st.composite
def cases(draw):
    n, k = draw(st.integers(1, 6)), draw(st.integers(1, 4))
    spots = [draw(st.lists(st.integers(0, k - 1), min_size=1, max_size=min(3, k), unique=True)) for _ in range(n)]
    reach = draw(st.lists(st.integers(1, 20), min_size=n, max_size=n))
    members = draw(st.lists(st.integers(-1, 25), min_size=k, max_size=k))  # −1: not known
    weights = draw(st.lists(st.integers(0, 4), min_size=n, max_size=n))  # few values: many ties
    funded = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    chosen = [p for p in range(n) if funded[p]]
    favour = draw(st.sampled_from([None, *chosen]))
    return spots, reach, members, weights, funded, favour


def _instance(spots, reach, members):
    proposal = np.array([p for p, own in enumerate(spots) for _ in own], dtype=np.int64)
    association = np.array([a for own in spots for a in own], dtype=np.int64)
    return SimpleNamespace(memberships=(proposal, association), capacity=np.array(members, dtype=np.int64),
                           reach=np.array(reach, dtype=np.int64))


@settings(max_examples=300, deadline=None)
@given(cases())
def test_the_flow_is_the_best_and_gives_the_favoured_proposal_the_most_it_can(case):
    spots, reach, members, weights, funded, favour = case
    inst = _instance(spots, reach, members)
    best, out = membership_flow(inst, np.array(funded), np.array(weights, dtype=float), favour)
    proposal, association = inst.memberships
    chosen = [p for p in range(len(spots)) if funded[p]]
    people = np.bincount(proposal, weights=out, minlength=len(spots))
    # a flow: nobody is counted twice, nobody reached by a proposal left out, no proposal past its reach
    assert (out >= 0).all() and all(people[p] == 0 for p in range(len(spots)) if not funded[p])
    assert all(people[p] <= reach[p] for p in range(len(spots)))
    at = np.bincount(association, weights=out, minlength=len(members))
    assert all(at[a] <= members[a] for a in range(len(members)) if members[a] >= 0)
    # the best: the greedy by weight over f
    by_weight = sorted(chosen, key=lambda p: -weights[p])
    expected = sum(weights[p] * (most_people(by_weight[:i + 1], reach, members, spots)
                                 - most_people(by_weight[:i], reach, members, spots)) for i, p in enumerate(by_weight))
    assert best == pytest.approx(expected) and float(np.dot(np.array(weights)[proposal], out)) == pytest.approx(best)
    if favour is not None:
        heavier = [p for p in chosen if weights[p] > weights[favour]]
        most = most_people([*heavier, favour], reach, members, spots) - most_people(heavier, reach, members, spots)
        assert people[favour] == pytest.approx(most)


def test_people_move_to_another_association_to_make_room():
    """P0 (weight 2) can use association 0 or 1, P1 (weight 1) only association 0, each of 5 members: P0 takes
    association 1's people, not association 0's that P1 needs."""
    inst = _instance([[0, 1], [0]], [5, 5], [5, 5])
    best, out = membership_flow(inst, np.array([True, True]), np.array([2.0, 1.0]))
    assert best == 15 and out.tolist() == [0, 5, 5]
