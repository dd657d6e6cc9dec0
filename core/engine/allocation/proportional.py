"""The proportional objective: the Method of Equal Shares (MES) over the advisory group's ballots, computed with
pabutools, completed by pabutools' greedy utilitarian rule.

Ballots are plain data: participant → {proposal_id: score or votes} (any non-negative scale; what a participant
leaves out counts as zero). Every participant receives an equal share of the money (the available budget minus
the proposals the board made obligatory, which are funded first); MES funds, one at a time, the project whose
supporters can pay for it with the smallest payment per point of satisfaction, each paying from their own share.
What MES leaves unspent is completed with the greedy utilitarian rule (most ballot points per dollar, skipping
what does not fit) among the proposals someone backs: what nobody scored is never bought with the participants'
shares, and the money stays unspent rather. The board's caps and exclusive pairs are then applied in that order of selection, like the
greedy comparator; «at least one per association» cannot be promised, and the associations left out are named.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from core.engine.allocation.exact import Solved
from core.engine.allocation.heuristics import Blocks, solve_heuristic
from core.engine.allocation.instance import Instance
from core.engine.allocation.rules import Rules, must_cents
from core.fmt import amount, amounts_named, number
from core.texts import t, t_count

Ballots = Mapping[str, Mapping[str, float]]


def equal_shares_order(inst: Instance, r: Rules, ballots: Ballots) -> tuple[list[int], list[int], int]:
    """The proposals MES funds and those the completion adds, each in the order they were selected, and the
    number of participants with a ballot."""
    # Imported here, where the proportional objective runs: pabutools pulls in gurobipy, half a second that every
    # page importing the engine (Priorización, Presupuesto, Ofertas…) would pay at its first load.
    from pabutools.election import Additive_Cardinal_Sat, CardinalBallot, CardinalProfile, Project
    from pabutools.election import Instance as PbInstance
    from pabutools.rules import completion_by_rule_combination, greedy_utilitarian_welfare, method_of_equal_shares

    # Only what someone on the group backs: the completion would otherwise spend the participants' money on
    # proposals none of them scored (pabutools' greedy adds those last, at zero points per dollar).
    backed = {pid for scores in ballots.values() for pid, value in scores.items() if round(value * 100) > 0}
    open_ = [i for i in range(len(inst.ids)) if i not in r.must_not and i not in r.must and inst.ids[i] in backed]
    projects = {i: Project(inst.ids[i], int(inst.cents[i])) for i in open_}
    limit = max(0, r.available_cents - must_cents(inst, r))
    election = PbInstance(projects.values(), budget_limit=limit)
    profile = CardinalProfile()
    for scores in ballots.values():
        # In hundredths, as whole numbers: pabutools computes in exact fractions, and one common scale for every
        # ballot does not change what equal shares fund.
        ballot = {projects[inst.pos[pid]]: int(round(value * 100)) for pid, value in scores.items()
                  if pid in inst.pos and inst.pos[pid] in projects and round(value * 100) > 0}
        if ballot:
            profile.append(CardinalBallot(ballot))
    if not len(profile):
        return [], [], 0
    mes = method_of_equal_shares(election, profile, sat_class=Additive_Cardinal_Sat)
    completed = completion_by_rule_combination(
        election, profile, [greedy_utilitarian_welfare], [{"sat_class": Additive_Cardinal_Sat}],
        initial_budget_allocation=mes)
    first = [inst.pos[p.name] for p in mes]
    # pabutools funds the supported proposals that cost nothing before its rounds, in the order of a set (which
    # changes with each process's string hashing); in code order instead, the exclusive pairs and caps applied in
    # this order give the same allocation in every process.
    free = sorted(i for i in first if inst.cents[i] == 0)
    first = [*free, *(i for i in first if inst.cents[i] != 0)]
    return first, [inst.pos[p.name] for p in completed[len(mes):]], len(profile)


def solve_equal_shares(inst: Instance, r: Rules, ballots: Ballots) -> tuple[Solved, Blocks, set[int]]:
    """The proportional allocation under the board's rules; also returns the proposals added by the completion."""
    by_mes, by_completion, n_voters = equal_shares_order(inst, r, ballots)
    solved, why = solve_heuristic(inst, r, False, False, order=[*by_mes, *by_completion])
    share = max(0, r.available_cents - must_cents(inst, r)) / 100 / max(1, n_voters)
    key = "alloc.message.proportional_one" if n_voters == 1 else "alloc.message.proportional"
    solved.message = t(key, voters=number(n_voters), share=amount(share))
    solved.notes.insert(0, t("alloc.note.completion", mes=len(by_mes), completed=len(by_completion)))
    unspent = _most_supported_left_out(inst, r, ballots, solved.x, share, set(by_mes))
    if unspent:
        solved.notes.insert(1, unspent)
    return solved, why, set(by_completion)


UNSPENT_WORTH_SAYING = 0.5  # the share of the available budget left unspent past which the board is told why


def _most_supported_left_out(inst: Instance, r: Rules, ballots: Ballots, funded: np.ndarray, share: float,
                             chosen: set[int]) -> str:
    """When equal shares leave most of the budget unspent, why: each participant pays only from their share, so a
    dear proposal a majority backs can be left out although it would fit. Names the most backed one that equal
    shares did not choose (`chosen`: a board rule may drop one they chose), whose backers' shares together fall
    short of its cost, and that fits the available budget on its own ('' when there is no such case to tell)."""
    spent = int(inst.cents[funded].sum())
    if r.available_cents <= 0 or spent >= UNSPENT_WORTH_SAYING * r.available_cents:
        return ""
    voters = [scores for scores in ballots.values() if any(value > 0 for value in scores.values())]
    backers = {i: sum(1 for scores in voters if scores.get(inst.ids[i], 0) > 0) for i in range(len(inst.ids))}
    fits = [i for i in range(len(inst.ids)) if not funded[i] and i not in r.must_not and i not in chosen
            and backers[i] * share * 100 < inst.cents[i] <= r.available_cents and 2 * backers[i] > len(voters)]
    if not fits:
        return ""
    dear = max(fits, key=lambda i: (backers[i], -i))
    return t_count("alloc.note.proportional_unspent", backers[dear], proposal=_named(inst, dear),
                   backers=number(backers[dear]), voters=number(len(voters)),
                   **amounts_named(spent=spent / 100, available=r.available_cents / 100, cost=inst.cents[dear] / 100,
                                   share=share))


def no_ballots(inst: Instance) -> Solved:
    return Solved(np.zeros(len(inst.ids), bool), "infeasible", t("alloc.solver.not_run"),
                  t("alloc.message.needs_ballots"), [], {}, None, None)


def _named(inst: Instance, i: int) -> str:
    """«Title» (its code), as the note names a proposal; its code alone when it has no title."""
    return t("alloc.note.named", title=inst.titles[i], code=inst.ids[i]) if inst.titles[i] else inst.ids[i]
