"""«¿Por qué no?» for the exact methods: for an unfunded proposal, the best total with it forced in (so the score
it would need and what it would displace), the rule that blocks it, and on demand the cost it would have to shed.

Every unfunded proposal at once costs one LP relaxation for the whole instance: its duals bound every allocation
that holds the proposal (`search.DualBound.forcing`), and the exact search (`search.best_within`) finds the best
one, starting from the best allocation seen so far that holds it. Only when the search cannot prove its answer
within its node budget does the proposal get its own LP (reduced-cost fixing against the best allocation found)
and a warm-started MIP over the remainder, without tie-breaks. When not every association can be covered
(a coverage minimum), every proposal takes that LP and MIP path."""

from __future__ import annotations

import math

import highspy
import numpy as np

from core.engine.allocation import choices
from core.engine.allocation.exact import Solved, best_score, solve_optimal
from core.engine.allocation.fill import complete, ratio_order
from core.engine.allocation.instance import Instance
from core.engine.allocation.mip import INF, Mip
from core.engine.allocation.people import counted_for, worth
from core.engine.allocation.rules import Rules, alone_blocker, breaks_a_rule
from core.engine.allocation.search import best_within, dual_bound
from core.fmt import amounts_named, number
from core.texts import label, t, t_count

DISPLACED_NAMED = 4  # proposals named in a sentence; the rest are counted
TITLE_WIDTH = 40
SEARCH_NODES = 60_000  # nodes an explanation's search may take before the LP and MIP take over


class ForcedSolver:
    """The best allocation with one proposal forced in, for many proposals over the same models."""

    def __init__(self, inst: Instance, r: Rules, solved: Solved):
        self.inst, self.r, self.solved = inst, r, solved
        self.n = len(inst.ids)
        self.lp = Mip(inst, r, coverable=solved.coverable, coverage_min=solved.coverage_min, relaxed=True)
        self.lp.set_value_objective()
        self.mip = Mip(inst, r, coverable=solved.coverable, coverage_min=solved.coverage_min)
        self.mip.set_value_objective()
        self.worths: dict[bytes, int] = {}
        self.found: list[np.ndarray] = [solved.x]  # allocations seen so far: lower bounds for later proposals
        self.ratio_order = ratio_order(inst)
        self.base = None  # the bound from the LP without any proposal forced, shared by every explanation
        # the exact search adds values up: with people counted once, every proposal takes the LP and MIP path
        if solved.coverage_min is None and not inst.dedup and self.lp.run() == "optimal":
            self.base = dual_bound(self.lp)
        # people counted once: one subset per group (`choices`), each group listed once
        self.lister = choices.Lister(inst, r, solved.coverable, solved.coverage_min) if inst.dedup else None
        self.choice_seconds, self.choice_solves = 0.0, 0

    @property
    def seconds(self) -> float:
        return self.lp.seconds + self.mip.seconds + self.choice_seconds

    @property
    def solves(self) -> int:
        return self.mip.solves + self.choice_solves

    def _chosen_with(self, i: int, depth: int, known: float | None = None,
                     start: np.ndarray | None = None) -> tuple[bool, np.ndarray | None]:
        """(answered, the best allocation holding i over the first `depth` levels of `choices`, None if none)."""
        listed = self.lister.options(holding=i) if self.lister is not None else None
        if listed is None:
            return False, None
        model = choices.ChoiceModel(self.inst, self.r, listed, self.solved.coverage_min)
        chosen = model.best(choices.levels(listed, True)[:depth], known, start)
        self.choice_seconds, self.choice_solves = self.choice_seconds + model.seconds, self.choice_solves + model.solves
        if chosen is None:
            return model.status == highspy.HighsModelStatus.kInfeasible, None
        x = model.opts.allocation(self.n, chosen)
        if not self._valid(x):
            return False, None
        self.found.append(x)
        return True, x

    def best_with(self, i: int) -> np.ndarray | None:
        """The best allocation that includes proposal i (None when the rules allow none): first the exact search
        under the shared bound, then, if it cannot prove its answer, the LP with i forced in and a MIP."""
        answered, chosen = self._chosen_with(i, 1)
        if answered:
            return chosen
        lower, upper = self.lp.lower.copy(), self.lp.upper.copy()
        lower[i] = 1.0
        if self.base is not None:
            x, proven = best_within(self.inst, self.r, self.solved.coverable, lower, upper, self.base.forcing(i),
                                    self._incumbent(i, repaired=False), ties=False, node_limit=SEARCH_NODES)
            if x is not None:
                self.found.append(x)  # proven or not, a lower bound for the MIP below
            if proven:
                return x
        self.lp.set_x_bounds(lower, upper)
        status = self.lp.run()
        bound = self.lp.objective()
        values, duals = self.lp.values()[: self.n], self.lp.duals()[: self.n]
        self.lp.set_x_bounds(self.lp.lower, self.lp.upper)
        if status == "infeasible":
            return None
        incumbent = self._incumbent(i)
        if status != "optimal":
            return self._mip(i, lower, upper, incumbent)
        rounded = self._fill(values > 1 - 1e-9, i)
        if rounded is not None and (incumbent is None or self.value(rounded) > self.value(incumbent)):
            incumbent = rounded
        if incumbent is not None:
            best = self.value(incumbent)
            if math.floor(bound + 1e-6) <= best:
                return incumbent
            slack = bound - best + 1e-7 * abs(bound) + 1e-6
            free = (lower == 0) & (upper == 1)
            fix_zero = free & (values < 1e-9) & (np.abs(duals) > slack)
            fix_one = free & (values > 1 - 1e-9) & (np.abs(duals) > slack)
            upper = np.where(fix_zero, 0.0, upper)
            lower = np.where(fix_one, 1.0, lower)
        return self._mip(i, lower, upper, incumbent)

    def _mip(self, i: int, lower: np.ndarray, upper: np.ndarray, incumbent: np.ndarray | None) -> np.ndarray | None:
        self.mip.set_x_bounds(lower, upper)
        if incumbent is not None:
            self.mip.warm_start(incumbent)
        status = self.mip.run()
        x = self.mip.x() if status == "optimal" else None
        self.mip.set_x_bounds(self.mip.lower, self.mip.upper)
        if x is not None and breaks_a_rule(self.inst, self.r, x, self.solved.coverable, self.solved.coverage_min):
            strict = Mip(self.inst, self.r, coverable=self.solved.coverable, coverage_min=self.solved.coverage_min,
                         force_in=i, strict=True)
            strict.set_value_objective()
            x = strict.x() if strict.run() == "optimal" else None
            self.mip.seconds += strict.seconds
        if x is None:
            return incumbent
        self.found.append(x)
        return x

    def best_score_with(self, i: int, best: np.ndarray) -> np.ndarray:
        """Among the allocations that hold i and reach the optimum's people-weighted total (`best` does), the one
        with the largest total score."""
        answered, chosen = self._chosen_with(i, 2, known=self.solved.z, start=best)
        if answered and chosen is not None:
            return chosen
        mip = Mip(self.inst, self.r, coverable=self.solved.coverable, coverage_min=self.solved.coverage_min,
                  force_in=i)
        mip.add_value_row(self.solved.z - 0.5)
        second = best_score(mip, best)
        self.mip.seconds += mip.seconds
        self.mip.solves += mip.solves
        return second

    def value(self, x: np.ndarray) -> int:
        if not self.inst.dedup:
            return int(self.inst.value[x].sum())
        key = np.packbits(x).tobytes()
        if key not in self.worths:
            self.worths[key] = worth(self.inst, x)
        return self.worths[key]

    def _valid(self, x: np.ndarray) -> bool:
        return not breaks_a_rule(self.inst, self.r, x, self.solved.coverable, self.solved.coverage_min)

    def _incumbent(self, i: int, repaired: bool = True) -> np.ndarray | None:
        """The best allocation seen so far that already holds i, or the optimum repaired to take i in. The
        compiled search walks a node in well under a microsecond, so the repair (a Python pass over every
        proposal) costs it more than the nodes it saves; only the MIP's warm start gets it."""
        holding = [x for x in self.found if x[i]]
        best = max(holding, key=self.value) if holding else None
        if not repaired:
            return best
        taken_in = self._repair(self.solved.x, i)
        if taken_in is not None and (best is None or self.value(taken_in) > self.value(best)):
            best = taken_in
        return best

    def _repair(self, x: np.ndarray, i: int) -> np.ndarray | None:
        """x with i in: drop i's exclusive partners, then the chosen proposals of least value per dollar until the
        money and the caps hold (keeping the last proposal of an association that must be covered), then fill
        again by value per dollar."""
        inst, r = self.inst, self.r
        x = x.copy()
        x[i] = True
        for j in r.partners.get(i, ()):
            x[j] = False
        spent = int(inst.cents[x].sum())
        by_assoc = inst.held(x).tolist()
        must_cover = set(self.solved.coverable or []) if self.solved.coverage_min is None else set()
        count = [int(x[members].sum()) for members in inst.member_idx]
        over = {k for k, held in enumerate(by_assoc) if r.cap is not None and held > r.cap_cents}
        for j in self.ratio_order[::-1].tolist():
            if spent <= r.available_cents and not over:
                break
            if not x[j] or j == i or j in r.must:
                continue
            spots = inst.member_pos[j]
            if spent <= r.available_cents and not over.intersection(spots):
                continue
            if any(count[k] == 1 and k in must_cover for k in spots):
                continue
            for k in spots:
                count[k] -= 1
            x[j] = False
            spent -= int(inst.cents[j])
            for k in spots:
                by_assoc[k] -= inst.cents[j] * inst.share[j]
                if r.cap is None or by_assoc[k] <= r.cap_cents:
                    over.discard(k)
        return self._fill(x, i)

    def _fill(self, x: np.ndarray, i: int) -> np.ndarray | None:
        """x with i in, then proposals added by value per dollar while every rule holds; None if that breaks one."""
        x = x.copy()
        x[i] = True
        filled = complete(self.inst, self.r, x, self.ratio_order, self.solved.coverable)
        return filled if filled is not None and self._valid(filled) else None


def explain_all(inst: Instance, r: Rules, solved: Solved, chosen: list[int], *, shed: bool = False,
                score_max: float | None = None) -> tuple[dict[int, dict], float, int]:
    """Explanations of the `chosen` unfunded proposals; returns them with the solver seconds and MIP solves."""
    forced = ForcedSolver(inst, r, solved)
    # the optimum without «at least one per association»: that rule keeps out the proposals it would fund
    unruled = solve_optimal(inst, r, min_one=False) if solved.coverable is not None and chosen else None
    kept_out_by_rule = set() if unruled is None else {i for i in chosen if unruled.x[i]}
    out: dict[int, dict] = {}
    seconds, solves = (unruled.seconds, unruled.solves) if unruled is not None else (0.0, 0)
    for i in chosen:
        out[i] = explain_one(inst, r, solved, forced, i, score_max, i in kept_out_by_rule)
        if shed and out[i]["rule"] not in ("must_not_fund", "exclusive", "tie"):
            extra_seconds, extra_solves = _shed(inst, r, solved, i, out[i])
            seconds, solves = seconds + extra_seconds, solves + extra_solves
    return out, seconds + forced.seconds, solves + forced.solves


def _proposal(inst: Instance, j: int) -> str:
    """«code» or «code · title» (the title cut to a readable length)."""
    title = (inst.titles[j] or "").strip()
    if len(title) > TITLE_WIDTH:
        title = title[: TITLE_WIDTH - 1].rstrip() + "…"
    return f"«{inst.ids[j]} · {title}»" if title else f"«{inst.ids[j]}»"


def _names(inst: Instance, ids: list[int]) -> str:
    named = ", ".join(_proposal(inst, j) for j in ids[:DISPLACED_NAMED])
    rest = len(ids) - DISPLACED_NAMED
    return named if rest <= 0 else t("alloc.names_more", names=named, n=rest)


def _blocks(inst: Instance, r: Rules, x: np.ndarray, i: int) -> list[tuple[str, str]]:
    """What blocks adding i to the chosen allocation as it stands."""
    blocks: list[tuple[str, str]] = []
    for j in sorted(r.partners.get(i, ())):
        if x[j]:
            blocks.append(("exclusive", t("alloc.block.exclusive", id=inst.ids[j])))
    if r.cap is not None:
        for a in inst.members[i]:
            held = float(sum(inst.cost[j] * inst.share[j] for j in inst.member_idx[inst.a_pos[a]] if x[j]))
            part = float(inst.cost[i] * inst.share[i])
            if held + part > r.cap + 0.005:
                blocks.append(("association_cap", t("alloc.block.cap", association=inst.name(a), **amounts_named(
                    spent=held, part=part, cap=r.cap, room=max(0.0, r.cap - held)))))
    spent = int(inst.cents[x].sum())
    if spent + inst.cents[i] > r.available_cents:
        blocks.append(("budget", t("alloc.block.budget", **amounts_named(
            left=(r.available_cents - spent) / 100, cost=inst.cost[i]))))
    return blocks


def _coverage_forced(inst: Instance, solved: Solved) -> str:
    """Why forcing a proposal in breaks «at least one per association»: it would leave an association without a
    project or, when the money cannot give one to each, fewer associations with one than the most possible."""
    coverable = solved.coverable or []
    covered = sum(1 for k in coverable if solved.x[inst.member_idx[k]].any())
    if covered == len(coverable):
        return t("alloc.out.coverage_forced")
    return t_count("alloc.out.coverage_short", covered, covered=covered, total=len(coverable))


def explain_one(inst: Instance, r: Rules, solved: Solved, forced: ForcedSolver, i: int,
                score_max: float | None, kept_out_by_rule: bool = False) -> dict:
    """Why proposal i is out of the chosen allocation. `kept_out_by_rule`: the optimum without «at least one per
    association» funds i, so that rule is named among the reasons (only then)."""
    alone = alone_blocker(inst, r, i)
    out: dict = {"rule": None, "reason_es": "", "score_gap": None, "score_needed": None, "displaces": []}
    if alone and alone[0] in ("must_not_fund", "exclusive"):
        out["rule"], out["reason_es"] = alone
        return out
    best = forced.best_with(i)
    if best is None:
        if alone:
            out["rule"], out["reason_es"] = alone
        elif solved.coverable is not None:
            out["rule"], out["reason_es"] = "coverage", _coverage_forced(inst, solved)
        else:
            out["rule"], out["reason_es"] = "infeasible", t("alloc.out.no_allocation")
        return out
    gap = solved.z - forced.value(best)
    if gap == 0 and inst.dedup:  # as many people: the largest total score decides next (exact._tie_breaks)
        second = forced.best_score_with(i, best)
        lost = int(inst.s_int[solved.x].sum()) - int(inst.s_int[second].sum())
        if lost > 0:
            return _score_lost(inst, r, solved, i, second, lost, kept_out_by_rule)
    reach = int(inst.reach[i]) if inst.scope else 1
    counted = counted_for(inst, best, i) if inst.dedup else reach
    # a score above s + gap / counted makes `best` worth more than the optimum (its worth grows at least that fast
    # with i's score): enough to enter; exact when i counts its whole reach, as no allocation grows faster
    out["score_gap"] = gap / counted / inst.scale if counted else None
    out["score_needed"] = (int(inst.s_int[i]) * counted + gap) / counted / inst.scale if counted else None
    at_least = (int(inst.value[i]) + gap) / reach / inst.scale  # no allocation with i grows faster than its reach
    displaced = [j for j in range(len(inst.ids)) if solved.x[j] and not best[j]]
    out["displaces"] = [inst.ids[j] for j in displaced]
    if gap == 0:
        out["rule"], out["reason_es"] = "tie", t("alloc.out.tie_scope" if inst.scope else "alloc.out.tie")
        return out
    code, parts = _binding(inst, r, solved, i, kept_out_by_rule)
    total_key = "alloc.out.total_scope" if inst.scope else "alloc.out.total_score"
    text = t("alloc.out.gap" if out["score_needed"] is not None else "alloc.out.gap_counted",
             rule=label("allocation_rule", code), parts=parts,
             displaces=_names(inst, displaced) if displaced else t("alloc.out.displaces_nothing"),
             total=t(total_key), best_with=number(solved.z / inst.scale - gap / inst.scale, 2),
             best=number(solved.z / inst.scale, 2), needed=number(out["score_needed"] or 0.0, 2),
             score=number(float(inst.score[i]), 2))
    if score_max is not None and out["score_needed"] is not None and at_least >= score_max:
        text += t("alloc.out.impossible", max=number(score_max))
    out["rule"], out["reason_es"] = code, text + "."
    return out


def _binding(inst: Instance, r: Rules, solved: Solved, i: int, kept_out_by_rule: bool) -> tuple[str, str]:
    """The rule that keeps i out of the chosen allocation as it stands, and the sentence's part that says how."""
    blocks = _blocks(inst, r, solved.x, i)
    if blocks:
        code, parts = blocks[0][0], "; ".join(text for _, text in blocks)
    elif solved.coverable is not None:
        code, parts = "coverage", t("alloc.block.coverage")
    else:
        code, parts = "score", t("alloc.block.score")
    if code != "coverage" and kept_out_by_rule:
        parts += t("alloc.block.min_one")
    return code, parts


def _score_lost(inst: Instance, r: Rules, solved: Solved, i: int, second: np.ndarray, lost: int,
                kept_out_by_rule: bool) -> dict:
    """i reaches no more people than the optimum does, and with it the funded total score drops by `lost` (in
    1/scale of a point). A score above s + lost puts `second` ahead of every allocation without i: as many people
    (at least) and a larger total score, so the sentence's score is enough to enter."""
    displaced = [j for j in range(len(inst.ids)) if solved.x[j] and not second[j]]
    code, parts = _binding(inst, r, solved, i, kept_out_by_rule)
    total = int(inst.s_int[solved.x].sum())
    needed = (int(inst.s_int[i]) + lost) / inst.scale
    text = t("alloc.out.score_scope", rule=label("allocation_rule", code), parts=parts,
             displaces=_names(inst, displaced) if displaced else t("alloc.out.displaces_nothing"),
             best=number(solved.z / inst.scale, 2), total=number(total / inst.scale, 2), total_with=number((total - lost) / inst.scale, 2),
             needed=number(needed, 2), score=number(float(inst.score[i]), 2))
    return {"rule": code, "reason_es": text + ".", "score_gap": lost / inst.scale, "score_needed": needed,
            "displaces": [inst.ids[j] for j in displaced]}


def _shed(inst: Instance, r: Rules, solved: Solved, i: int, out: dict) -> tuple[float, int]:
    """The smallest cut of i's cost that makes it part of an allocation as good as the optimum, and what that
    allocation leaves out (so the sentence holds under the cap and every other rule). With people counted once,
    as good is a larger people-weighted total, or the same one and as large a total score (exact._tie_breaks)."""
    if inst.dedup:
        runs = [_least_cut(inst, r, solved, i, solved.z + 0.5, None),
                _least_cut(inst, r, solved, i, solved.z - 0.5, float(inst.s_int[solved.x].sum()) - 0.5)]
    else:
        runs = [_least_cut(inst, r, solved, i, solved.z - 0.5, None)]
    seconds, solves = sum(run[2] for run in runs), sum(run[3] for run in runs)
    found = [(delta, x) for delta, x, _, _ in runs if delta is not None]
    if found:
        delta, x = min(found, key=lambda f: f[0])
        out["cost_to_shed_usd"] = delta
        out["max_cost_to_enter_usd"] = max(0.0, float(inst.cost[i]) - delta)
        if delta > 0:
            left_out = [j for j in range(len(inst.ids)) if solved.x[j] and not x[j]]
            instead = t("alloc.out.shed_instead", names=_names(inst, left_out)) if left_out else ""
            out["reason_es"] += t("alloc.out.shed", instead=instead, **amounts_named(
                shed=delta, max_cost=out["max_cost_to_enter_usd"]))
    return seconds, solves


def _least_cut(inst: Instance, r: Rules, solved: Solved, i: int, value_at_least: float,
               score_at_least: float | None) -> tuple[float | None, np.ndarray, float, int]:
    """The least cut (USD) of i's cost that lets an allocation holding i keep the objective's value (and the total
    score) at least this, with that allocation, the solver's seconds and solves; None when none can."""
    shed = Mip(inst, r, coverable=solved.coverable, coverage_min=solved.coverage_min, force_in=i, shed=i)
    shed.add_value_row(value_at_least)
    if score_at_least is not None:
        shed.add_row(list(range(len(inst.ids))), inst.s_int.astype(float).tolist(), score_at_least, INF)
    shed.set_objective(np.zeros(len(inst.ids)), maximize=False, delta_cost=1.0)
    if shed.run() != "optimal":
        return None, solved.x, shed.seconds, shed.solves
    return round(shed.values()[shed.delta_col]) / 100, shed.x(), shed.seconds, shed.solves
