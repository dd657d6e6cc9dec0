"""Budget allocation: which proposals to fund under the board's rules, and why each one is or is not.

Input shape: a polars DataFrame of candidates, one row per proposal, with `proposal_id`,
`association_id` (the lead), `cost_usd` (what the proposal costs the budget) and `score` (0–100);
optional `association_ids` (list of every proponent of a joint proposal), `direct_beneficiaries`
and `title`. Three methods:

- ``"optimal"``: the exact maximum of the total score, a mixed-integer program solved by HiGHS.
- ``"greedy"``: CONSUL's rule: by score, highest first, skipping what does not fit.
- ``"equal_split"``: the status quo the El Valle study criticises: the available budget is split
  in equal shares among the associations; each association funds its best proposals that fit in
  its share, and money an association cannot use stays unspent (it is not passed to others).

Rules (`AllocationRules`): budget, a reserve kept aside, at least one proposal per association
when possible, a cap on each association's share of the budget, proposals that must or must not
be funded, mutually exclusive pairs. A joint proposal counts for every association in it (it
covers all of them for "at least one") and its cost is attributed in equal parts to each of them
(for the cap, the equal split and the spread of money).

Ties are broken deterministically, in this order: (1) the highest total score, scores compared to
two decimals; (2) the lowest total cost; (3) the allocation whose proposals come first in
`proposal_id` order (the smallest sum of their positions). For the optimum these are three
lexicographic solves, each keeping the previous level exactly, so a tie-break can never change
the total score. Greedy and equal split visit proposals by score (highest first), then cost
(lowest first), then `proposal_id`.

"At least one per association when possible": associations that cannot get any proposal on their
own (none eligible, every one too expensive or over the cap) are said so and left out; if the
money cannot cover all the others, the optimum first covers as many associations as possible,
then maximises the score, and says how much covering every one would have cost. Greedy honours
the rule by first funding each association's best proposal that fits (associations in the order
of their best score) and then going on by score; the equal split cannot promise it (a share may
be smaller than every proposal of an association) and names the associations left without one.

Every unfunded proposal of the optimum gets the rule that keeps it out and, by re-solving with it
forced in, the score it would need (`score_needed`: with any score above it, it enters) and the
cost it would have to shed (`cost_to_shed_usd`: at that lower cost it belongs to an allocation as
good as the chosen one). Rules that cannot all hold come back as a result with `feasible=False`
and a Spanish explanation, never as an exception.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

import highspy
import numpy as np
import polars as pl
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from core.fmt import money, number, percent
from core.texts import label, t
from core.data.validation import spanish_message

Method = Literal["optimal", "greedy", "equal_split"]
METHODS: tuple[str, ...] = ("optimal", "greedy", "equal_split")

SCORE_SCALE = 100  # scores are compared in hundredths of a point
MAX_SCORE = 100
_INF = highspy.kHighsInf


# -- Rules and results ------------------------------------------------------------------------

class AllocationRules(BaseModel):
    """What the board decides before allocating: money and rules. Amounts in USD."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    budget_usd: float = Field(ge=0)
    reserve_usd: float = Field(default=0.0, ge=0)
    min_one_per_association: bool = False
    max_share_per_association: float | None = Field(default=None, gt=0, le=1)
    must_fund: list[str] = Field(default_factory=list)
    must_not_fund: list[str] = Field(default_factory=list)
    exclusive_pairs: list[tuple[str, str]] = Field(default_factory=list)

    @field_validator("budget_usd", "reserve_usd")
    @classmethod
    def _finite(cls, v: float) -> float:
        if not math.isfinite(v):
            raise ValueError(t("val.finite_number"))
        return v

    @property
    def available_usd(self) -> float:
        """The money that can be allocated: the budget minus the reserve (never below zero)."""
        return max(0.0, self.budget_usd - self.reserve_usd)

    @property
    def cap_usd(self) -> float | None:
        """The most one association may receive, in USD (a share of the whole budget)."""
        if self.max_share_per_association is None:
            return None
        return self.max_share_per_association * self.budget_usd


class ProposalOutcome(BaseModel):
    """One candidate in a result: funded or not, and why."""

    model_config = ConfigDict(frozen=True)

    proposal_id: str
    association_id: str
    association_ids: list[str]
    title: str | None = None
    cost_usd: float
    score: float
    funded: bool
    rule: str | None = None  # code of the binding rule (label family `allocation_rule`)
    reason_es: str
    score_gap: float | None = None  # optimum total − best total with this proposal forced in
    score_needed: float | None = None  # with a score above this, it enters
    cost_to_shed_usd: float | None = None  # cost reduction that makes it part of an equally good allocation
    max_cost_to_enter_usd: float | None = None


class AssociationShare(BaseModel):
    """How much of the allocated money goes to one association, and whether it is covered."""

    model_config = ConfigDict(frozen=True)

    association_id: str
    amount_usd: float
    share: float  # of the money allocated (0–1)
    share_of_budget: float  # of the budget (0–1)
    n_funded: int
    n_candidates: int
    covered: bool
    reason_es: str | None = None  # why it got nothing, when it got nothing


class AllocationResult(BaseModel):
    """A complete allocation: what is funded, the totals, the spread of money and every reason."""

    model_config = ConfigDict(frozen=True)

    method: str
    method_es: str
    feasible: bool
    status: Literal["optimal", "heuristic", "infeasible"]
    solver_status: str
    message_es: str
    rules: AllocationRules
    funded_ids: list[str]
    total_score: float
    total_cost_usd: float
    available_usd: float
    unspent_usd: float
    n_associations: int
    associations_covered: list[str]
    associations_uncovered: list[str]
    beneficiaries: int | None = None
    gini: float  # of the money across all candidate associations (0 = even, 1 = all to one)
    max_association_share: float
    associations: list[AssociationShare]
    proposals: list[ProposalOutcome]
    tie_break_es: str = Field(default_factory=lambda: t("alloc.tie_break"))
    notes_es: list[str] = Field(default_factory=list)
    solver_seconds: float = 0.0
    wall_seconds: float = 0.0
    n_solves: int = 0


# -- The instance: candidates as arrays, in proposal_id order ----------------------------------

@dataclass
class _Instance:
    ids: list[str]
    lead: list[str]
    members: list[tuple[str, ...]]
    titles: list[str | None]
    cost: np.ndarray  # USD
    score: np.ndarray  # as given
    s_int: np.ndarray  # hundredths of a point (int64)
    cents: np.ndarray  # int64
    beneficiaries: np.ndarray | None
    associations: list[str]  # every association, sorted
    member_idx: list[list[int]]  # per association: proposals it takes part in
    share: np.ndarray  # per proposal: 1 / number of its associations
    pos: dict[str, int] = field(default_factory=dict)


def _instance(candidates: pl.DataFrame) -> _Instance:
    missing = [c for c in ("proposal_id", "association_id", "cost_usd", "score") if c not in candidates.columns]
    if missing:
        raise ValueError(t("alloc.input.missing_columns", columns=", ".join(missing)))
    frame = candidates.sort("proposal_id")
    ids = [str(v) for v in frame["proposal_id"].to_list()]
    if any(v is None for v in frame["proposal_id"].to_list()):
        raise ValueError(t("alloc.input.no_id"))
    if len(set(ids)) != len(ids):
        seen, dup = set(), None
        for v in ids:
            if v in seen:
                dup = v
                break
            seen.add(v)
        raise ValueError(t("alloc.input.repeated_id", id=dup))
    if frame["association_id"].null_count():
        raise ValueError(t("alloc.input.no_association"))
    lead = [str(v) for v in frame["association_id"].to_list()]
    cost = frame["cost_usd"].cast(pl.Float64).to_numpy()
    score = frame["score"].cast(pl.Float64).to_numpy()
    if np.isnan(cost).any() or np.isinf(cost).any() or (cost < 0).any():
        bad = ids[int(np.flatnonzero(~np.isfinite(cost) | (cost < 0))[0])]
        raise ValueError(t("alloc.input.bad_cost", id=bad))
    if not np.isfinite(score).all():
        bad = ids[int(np.flatnonzero(~np.isfinite(score))[0])]
        raise ValueError(t("alloc.input.bad_score", id=bad))
    if "association_ids" in frame.columns:
        raw = frame["association_ids"].to_list()
        members = []
        for lead_id, group in zip(lead, raw):
            group = [str(g) for g in (group or []) if g is not None]
            ordered = [lead_id] + [g for g in group if g != lead_id]
            members.append(tuple(dict.fromkeys(ordered)))
    else:
        members = [(a,) for a in lead]
    titles = frame["title"].to_list() if "title" in frame.columns else [None] * len(ids)
    beneficiaries = None
    if "direct_beneficiaries" in frame.columns:
        beneficiaries = frame["direct_beneficiaries"].fill_null(0).cast(pl.Int64).to_numpy()
    associations = sorted({a for group in members for a in group})
    a_pos = {a: k for k, a in enumerate(associations)}
    member_idx: list[list[int]] = [[] for _ in associations]
    for i, group in enumerate(members):
        for a in group:
            member_idx[a_pos[a]].append(i)
    return _Instance(
        ids=ids, lead=lead, members=members, titles=titles, cost=cost, score=score,
        s_int=np.rint(score * SCORE_SCALE).astype(np.int64), cents=np.rint(cost * 100).astype(np.int64),
        beneficiaries=beneficiaries, associations=associations, member_idx=member_idx,
        share=np.array([1.0 / len(g) for g in members]), pos={pid: i for i, pid in enumerate(ids)})


# -- Rule checks shared by every method ---------------------------------------------------------

@dataclass
class _Rules:
    available_cents: int
    cap: float | None
    must: list[int]
    must_not: set[int]
    pairs: list[tuple[int, int]]
    partners: dict[int, set[int]]


def _prepare_rules(inst: _Instance, rules: AllocationRules) -> tuple[_Rules | None, list[str]]:
    """Index the rules; returns the problems that make them impossible (Spanish), if any."""
    problems: list[str] = []
    unknown = [pid for pid in [*rules.must_fund, *rules.must_not_fund, *(p for pair in rules.exclusive_pairs
                                                                        for p in pair)]
               if pid not in inst.pos]
    for pid in dict.fromkeys(unknown):
        problems.append(t("alloc.rules.unknown", id=pid))
    if rules.reserve_usd > rules.budget_usd:
        problems.append(t("alloc.rules.reserve", reserve=money(rules.reserve_usd), budget=money(rules.budget_usd)))
    both = sorted(set(rules.must_fund) & set(rules.must_not_fund))
    for pid in both:
        problems.append(t("alloc.rules.must_and_not", id=pid))
    must = sorted({inst.pos[p] for p in rules.must_fund if p in inst.pos})
    must_not = {inst.pos[p] for p in rules.must_not_fund if p in inst.pos}
    pairs: list[tuple[int, int]] = []
    partners: dict[int, set[int]] = {}
    for a, b in rules.exclusive_pairs:
        if a not in inst.pos or b not in inst.pos or a == b:
            continue
        i, j = sorted((inst.pos[a], inst.pos[b]))
        if (i, j) in pairs:
            continue
        pairs.append((i, j))
        partners.setdefault(i, set()).add(j)
        partners.setdefault(j, set()).add(i)
        if i in must and j in must:
            problems.append(t("alloc.rules.exclusive_must", a=inst.ids[i], b=inst.ids[j]))
    available_cents = int(math.floor(rules.available_usd * 100 + 1e-6))
    must_cents = int(inst.cents[must].sum()) if must else 0
    if must and not problems and must_cents > available_cents:
        problems.append(t("alloc.rules.must_cost", cost=money(must_cents / 100),
                          available=money(available_cents / 100)))
    cap = rules.cap_usd
    if cap is not None and must and not problems:
        for k, assoc in enumerate(inst.associations):
            spent = sum(inst.cost[i] * inst.share[i] for i in inst.member_idx[k] if i in must)
            if spent > cap + 0.005:
                problems.append(t("alloc.rules.must_cap", association=assoc, spent=money(spent), cap=money(cap)))
    if problems:
        return None, problems
    return _Rules(available_cents, cap, must, must_not, pairs, partners), []


def _alone_blocker(inst: _Instance, r: _Rules, i: int) -> tuple[str, str] | None:
    """A rule that keeps proposal i out whatever else is chosen: (rule code, Spanish reason)."""
    if i in r.must_not:
        return "must_not_fund", t("alloc.out.must_not")
    must_cents = int(inst.cents[r.must].sum()) if r.must else 0
    if inst.cents[i] > r.available_cents:
        return "too_expensive", t("alloc.out.too_expensive", cost=money(inst.cost[i]),
                                  available=money(r.available_cents / 100))
    if i not in r.must and inst.cents[i] + must_cents > r.available_cents:
        return "too_expensive", t("alloc.out.after_must", cost=money(inst.cost[i]), must=money(must_cents / 100),
                                  left=money((r.available_cents - must_cents) / 100))
    if r.cap is not None:
        part = inst.cost[i] * inst.share[i]
        if part > r.cap + 0.005:
            key = "alloc.out.cap_single" if len(inst.members[i]) == 1 else "alloc.out.cap_share"
            return "association_cap", t(key, part=money(part), cap=money(r.cap))
    for j in r.partners.get(i, ()):
        if j in r.must:
            return "exclusive", t("alloc.out.exclusive_must", id=inst.ids[j])
    return None


# -- The MIP (HiGHS) -----------------------------------------------------------------------------

class _Mip:
    """A HiGHS model over binaries x (one per proposal) plus optional coverage binaries y."""

    def __init__(self, inst: _Instance, r: _Rules, *, coverable: list[int] | None, coverage_min: int | None,
                 force_in: int | None = None, shed: int | None = None, budget: bool = True, strict: bool = False):
        self.inst, self.r = inst, r
        n = len(inst.ids)
        h = highspy.Highs()
        h.silent()
        h.setOptionValue("output_flag", False)
        h.setOptionValue("mip_rel_gap", 0.0)
        h.setOptionValue("mip_abs_gap", 0.25)
        h.setOptionValue("random_seed", 0)
        if strict:  # tight feasibility tolerances, when a default-tolerance solution broke a rule
            h.setOptionValue("mip_feasibility_tolerance", 1e-9)
            h.setOptionValue("primal_feasibility_tolerance", 1e-9)
        lower = np.zeros(n)
        upper = np.ones(n)
        for i in r.must:
            lower[i] = 1.0
        for i in r.must_not:
            upper[i] = 0.0
        if force_in is not None:
            lower[force_in] = 1.0
        empty_i = np.array([], dtype=np.int32)
        h.addCols(n, np.zeros(n), lower, upper, 0, empty_i, empty_i, np.array([], dtype=float))
        h.changeColsIntegrality(n, np.arange(n, dtype=np.int32),
                                np.full(n, highspy.HighsVarType.kInteger))
        self.n_cols = n
        self.y_cols: list[int] = []
        self.coverable = coverable or []
        self.delta_col: int | None = None
        rows = _RowBuffer()
        if shed is not None:
            # Δ: the whole cents proposal `shed` gives up; it enters the budget and cap rows.
            self.delta_col = self.n_cols
            h.addCols(1, np.array([0.0]), np.array([0.0]), np.array([float(inst.cents[shed])]),
                      0, empty_i, empty_i, np.array([], dtype=float))
            h.changeColIntegrality(self.delta_col, highspy.HighsVarType.kInteger)
            self.n_cols += 1
        if budget:
            idx = list(range(n))
            val = inst.cents.astype(float).tolist()
            if shed is not None:
                idx.append(self.delta_col)
                val.append(-1.0)
            rows.add(idx, val, -_INF, float(r.available_cents))
        if r.cap is not None:
            for k, members in enumerate(inst.member_idx):
                idx = list(members)
                val = [float(inst.cents[i] * inst.share[i]) for i in members]
                if shed is not None and shed in members:
                    idx.append(self.delta_col)
                    val.append(-float(inst.share[shed]))
                rows.add(idx, val, -_INF, r.cap * 100 + 0.5)
        for i, j in r.pairs:
            rows.add([i, j], [1.0, 1.0], -_INF, 1.0)
        if coverable is not None:
            if coverage_min is None:  # every coverable association, as hard rows
                for k in coverable:
                    rows.add(inst.member_idx[k], [1.0] * len(inst.member_idx[k]), 1.0, _INF)
            else:  # y_k ≤ Σ x over its proposals, Σ y ≥ coverage_min
                first = self.n_cols
                m = len(coverable)
                h.addCols(m, np.zeros(m), np.zeros(m), np.ones(m), 0, empty_i, empty_i, np.array([], dtype=float))
                h.changeColsIntegrality(m, np.arange(first, first + m, dtype=np.int32),
                                        np.full(m, highspy.HighsVarType.kInteger))
                self.y_cols = list(range(first, first + m))
                self.n_cols += m
                for y, k in zip(self.y_cols, coverable):
                    members = inst.member_idx[k]
                    rows.add([y, *members], [1.0] + [-1.0] * len(members), -_INF, 0.0)
                if coverage_min > 0:
                    rows.add(self.y_cols, [1.0] * m, float(coverage_min), _INF)
        rows.flush(h)
        self.h = h
        self.seconds = 0.0
        self.solves = 0

    def set_objective(self, x_costs: np.ndarray, *, maximize: bool, y_costs: np.ndarray | None = None,
                      delta_cost: float = 0.0) -> None:
        costs = np.zeros(self.n_cols)
        costs[: len(x_costs)] = x_costs
        if y_costs is not None:
            costs[self.y_cols] = y_costs
        if self.delta_col is not None:
            costs[self.delta_col] = delta_cost
        self.h.changeColsCost(self.n_cols, np.arange(self.n_cols, dtype=np.int32), costs)
        self.h.changeObjectiveSense(highspy.ObjSense.kMaximize if maximize else highspy.ObjSense.kMinimize)

    def add_row(self, idx: Sequence[int], val: Sequence[float], lower: float, upper: float) -> None:
        self.h.addRow(lower, upper, len(idx), np.asarray(idx, dtype=np.int32), np.asarray(val, dtype=float))

    def run(self) -> str:
        start = time.perf_counter()
        self.h.run()
        self.seconds += time.perf_counter() - start
        self.solves += 1
        status = self.h.getModelStatus()
        if status == highspy.HighsModelStatus.kOptimal:
            return "optimal"
        if status == highspy.HighsModelStatus.kInfeasible:
            return "infeasible"
        return self.h.modelStatusToString(status)

    def values(self) -> np.ndarray:
        return np.asarray(self.h.getSolution().col_value)

    def x(self) -> np.ndarray:
        return self.values()[: len(self.inst.ids)] > 0.5

    def warm_start(self, x: np.ndarray) -> None:
        values = np.zeros(self.n_cols)
        values[: len(x)] = x
        for y, k in zip(self.y_cols, self.coverable):
            values[y] = float(any(x[i] for i in self.inst.member_idx[k]))
        solution = highspy.HighsSolution()
        solution.col_value = values.tolist()
        solution.value_valid = True
        self.h.setSolution(solution)


class _RowBuffer:
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


@dataclass
class _Solved:
    x: np.ndarray
    status: str  # optimal / heuristic / infeasible
    solver_status: str
    message: str
    notes: list[str]
    uncovered_reasons: dict[str, str]
    coverable: list[int] | None
    coverage_min: int | None
    z: int | None = None  # optimum total score in hundredths
    seconds: float = 0.0
    solves: int = 0


def _coverable(inst: _Instance, r: _Rules) -> tuple[list[int], dict[str, str]]:
    """Associations that could get a proposal on their own, and why the others cannot."""
    coverable: list[int] = []
    reasons: dict[str, str] = {}
    for k, assoc in enumerate(inst.associations):
        blocked = [(_alone_blocker(inst, r, i), i) for i in inst.member_idx[k]]
        if any(b is None for b, _ in blocked):
            coverable.append(k)
            continue
        if all(code == "must_not_fund" for (code, _), _ in blocked):
            reasons[assoc] = t("alloc.uncovered.all_excluded")
        else:
            cheapest = min(inst.member_idx[k], key=lambda i: (inst.cost[i] * inst.share[i], inst.ids[i]))
            code, why = _alone_blocker(inst, r, cheapest)
            reasons[assoc] = t("alloc.uncovered.none_fits", id=inst.ids[cheapest],
                               reason=(why[0].lower() + why[1:]).rstrip("."))
    return coverable, reasons


def _breaks_a_rule(inst: _Instance, r: _Rules, x: np.ndarray, coverable: list[int] | None,
                   coverage_min: int | None) -> bool:
    """Check a rounded solution against every rule exactly (the solver works within tolerances)."""
    if int(inst.cents[x].sum()) > r.available_cents:
        return True
    if any(not x[i] for i in r.must) or any(x[i] for i in r.must_not):
        return True
    if any(x[i] and x[j] for i, j in r.pairs):
        return True
    if r.cap is not None:
        for members in inst.member_idx:
            if sum(inst.cents[i] * inst.share[i] for i in members if x[i]) > r.cap * 100 + 0.5:
                return True
    if coverable is not None:
        covered = sum(1 for k in coverable if any(x[i] for i in inst.member_idx[k]))
        if covered < (len(coverable) if coverage_min is None else coverage_min):
            return True
    return False


def _solve_optimal(inst: _Instance, r: _Rules, min_one: bool, tie_break: bool = True) -> _Solved:
    solved = _solve_optimal_once(inst, r, min_one, tie_break)
    if solved.status == "optimal" and _breaks_a_rule(inst, r, solved.x, solved.coverable, solved.coverage_min):
        retry = _solve_optimal_once(inst, r, min_one, tie_break, strict=True)
        retry.seconds += solved.seconds
        retry.solves += solved.solves
        return retry
    return solved


def _solve_optimal_once(inst: _Instance, r: _Rules, min_one: bool, tie_break: bool = True,
                        strict: bool = False) -> _Solved:
    notes: list[str] = []
    uncovered: dict[str, str] = {}
    coverable: list[int] | None = None
    coverage_min: int | None = None
    seconds, solves = 0.0, 0
    if min_one:
        coverable, uncovered = _coverable(inst, r)
        for assoc, why in uncovered.items():
            notes.append(t("alloc.note.cannot_cover", association=assoc, reason=why))
    mip = _Mip(inst, r, coverable=coverable, coverage_min=None, strict=strict)
    mip.set_objective(inst.s_int.astype(float), maximize=True)
    status = mip.run()
    if status == "infeasible" and min_one and coverable:
        # Not every association can be covered at once: first cover as many as possible.
        seconds, solves = mip.seconds, mip.solves
        cover = _Mip(inst, r, coverable=coverable, coverage_min=0, strict=strict)
        cover.set_objective(np.zeros(len(inst.ids)), maximize=True, y_costs=np.ones(len(coverable)))
        status = cover.run()
        seconds, solves = seconds + cover.seconds, solves + cover.solves
        if status != "optimal":
            return _Solved(np.zeros(len(inst.ids), bool), "infeasible", status, _infeasible_message(inst, r),
                           notes, uncovered, coverable, None, seconds=seconds, solves=solves)
        coverage_min = int(round(cover.h.getInfo().objective_function_value))
        # What covering every coverable association would cost (ignoring the budget).
        cheapest = _Mip(inst, r, coverable=coverable, coverage_min=None, budget=False, strict=strict)
        cheapest.set_objective(inst.cents.astype(float), maximize=False)
        cheap_status = cheapest.run()
        seconds, solves = seconds + cheapest.seconds, solves + cheapest.solves
        total = len(coverable)
        if cheap_status == "optimal":
            need = float(inst.cents[cheapest.x()].sum()) / 100
            notes.append(t("alloc.note.money_short", total=total, need=money(need),
                           available=money(r.available_cents / 100), covered=coverage_min))
        else:
            notes.append(t("alloc.note.rules_short", total=total, covered=coverage_min))
        mip = _Mip(inst, r, coverable=coverable, coverage_min=coverage_min, strict=strict)
        mip.set_objective(inst.s_int.astype(float), maximize=True)
        status = mip.run()
    if status != "optimal":
        seconds, solves = seconds + mip.seconds, solves + mip.solves
        message = (_infeasible_message(inst, r) if status == "infeasible"
                   else t("alloc.solver.not_optimal", status=status))
        return _Solved(np.zeros(len(inst.ids), bool), "infeasible", status, message, notes, uncovered,
                       coverable, coverage_min, seconds=seconds, solves=solves)
    x = mip.x()
    z = int(inst.s_int[x].sum())
    if tie_break:
        n = len(inst.ids)
        everything = list(range(n))
        # (2) the lowest cost among the allocations with the optimum score
        mip.add_row(everything, inst.s_int.astype(float).tolist(), z - 0.5, _INF)
        mip.set_objective(inst.cents.astype(float), maximize=False)
        mip.warm_start(x)
        if mip.run() == "optimal":
            x = mip.x()
            c = int(inst.cents[x].sum())
            # (3) the proposals that come first in proposal_id order
            mip.add_row(everything, inst.cents.astype(float).tolist(), -_INF, c + 0.5)
            mip.set_objective(np.arange(1, n + 1, dtype=float), maximize=False)
            mip.warm_start(x)
            if mip.run() == "optimal":
                x = mip.x()
        z = int(inst.s_int[x].sum())
    seconds, solves = seconds + mip.seconds, solves + mip.solves
    return _Solved(x, "optimal", "Optimal", t("alloc.message.optimal"), notes, uncovered, coverable, coverage_min,
                   z=z, seconds=seconds, solves=solves)


def _infeasible_message(inst: _Instance, r: _Rules) -> str:
    """Find which rule makes the set impossible by dropping rule groups in turn."""
    base = t("alloc.infeasible")
    trials = [
        ("alloc.infeasible.exclusive", _Rules(r.available_cents, r.cap, r.must, r.must_not, [], {})),
        ("alloc.infeasible.cap", _Rules(r.available_cents, None, r.must, r.must_not, r.pairs, r.partners)),
        ("alloc.infeasible.must", _Rules(r.available_cents, r.cap, [], r.must_not, r.pairs, r.partners)),
    ]
    for rules_key, relaxed in trials:
        mip = _Mip(inst, relaxed, coverable=None, coverage_min=None)
        mip.set_objective(np.zeros(len(inst.ids)), maximize=True)
        if mip.run() == "optimal":
            return t("alloc.infeasible.conflict", base=base, rules=t(rules_key))
    return base


# -- Heuristic methods ------------------------------------------------------------------------

def _visit_order(inst: _Instance, subset: Iterable[int] | None = None) -> list[int]:
    items = range(len(inst.ids)) if subset is None else subset
    return sorted(items, key=lambda i: (-inst.s_int[i], inst.cents[i], inst.ids[i]))


@dataclass
class _Ledger:
    """Money spent so far, overall and per association, while a heuristic walks the list."""

    inst: _Instance
    r: _Rules
    limits: np.ndarray | None = None  # per-association limit in cents (equal split), else None
    x: np.ndarray = field(init=False)  # funded so far
    spent: int = field(init=False, default=0)  # cents
    by_assoc: np.ndarray = field(init=False)  # cents attributed to each association

    def __post_init__(self) -> None:
        self.x = np.zeros(len(self.inst.ids), bool)
        self.by_assoc = np.zeros(len(self.inst.associations))
        self.a_pos = {a: k for k, a in enumerate(self.inst.associations)}

    def blocker(self, i: int) -> tuple[str, str] | None:
        inst, r = self.inst, self.r
        alone = _alone_blocker(inst, r, i)
        if alone and i not in r.must:
            return alone
        for j in r.partners.get(i, ()):
            if self.x[j]:
                return "exclusive", t("alloc.out.exclusive_funded", id=inst.ids[j])
        if self.spent + inst.cents[i] > r.available_cents:
            left = (r.available_cents - self.spent) / 100
            return "budget", t("alloc.out.budget_turn", left=money(left), cost=money(inst.cost[i]))
        part = inst.cents[i] * inst.share[i]
        for a in inst.members[i]:
            k = self.a_pos[a]
            if r.cap is not None and self.by_assoc[k] + part > r.cap * 100 + 0.5:
                return "association_cap", t("alloc.out.cap_reached", association=a,
                                            spent=money(self.by_assoc[k] / 100), cap=money(r.cap))
            if self.limits is not None and self.by_assoc[k] + part > self.limits[k] + 0.5:
                left = (self.limits[k] - self.by_assoc[k]) / 100
                return "share", t("alloc.out.share_left", association=a, left=money(left), part=money(part / 100))
        return None

    def fund(self, i: int) -> None:
        self.x[i] = True
        self.spent += int(self.inst.cents[i])
        part = self.inst.cents[i] * self.inst.share[i]
        for a in self.inst.members[i]:
            self.by_assoc[self.a_pos[a]] += part


def _solve_greedy(inst: _Instance, r: _Rules, min_one: bool, equal_split: bool) -> tuple[_Solved, dict[int, tuple]]:
    limits = None
    notes: list[str] = []
    if equal_split:
        n_assoc = len(inst.associations)
        each = r.available_cents / n_assoc if n_assoc else 0.0
        limits = np.full(n_assoc, each)
        if r.cap is not None:
            limits = np.minimum(limits, r.cap * 100)
        notes.append(t("alloc.note.equal_share", count=n_assoc, amount=money(each / 100)))
    ledger = _Ledger(inst, r, limits)
    why: dict[int, tuple] = {}
    for i in r.must:
        ledger.fund(i)
    if min_one:
        # First the best proposal that fits of each association, associations in order of their best score.
        uncovered = [k for k, members in enumerate(inst.member_idx) if not any(ledger.x[i] for i in members)]
        def best_key(k: int) -> tuple:
            best = _visit_order(inst, inst.member_idx[k])[0]
            return (-inst.s_int[best], inst.cents[best], inst.ids[best])

        uncovered.sort(key=best_key)
        for k in uncovered:
            if any(ledger.x[i] for i in inst.member_idx[k]):
                continue
            for i in _visit_order(inst, inst.member_idx[k]):
                if not ledger.x[i] and ledger.blocker(i) is None:
                    ledger.fund(i)
                    break
    # Track, for the budget rule of the greedy walk, the score a proposal needed to be visited in time.
    funded_walk: list[tuple[int, int]] = []  # (proposal, cents left after funding it)
    for i in _visit_order(inst):
        if ledger.x[i]:
            continue
        block = ledger.blocker(i)
        if block is None:
            ledger.fund(i)
            funded_walk.append((i, r.available_cents - ledger.spent))
        else:
            why[i] = block
    if not min_one and not equal_split and r.cap is None:
        for i, (code, *_) in list(why.items()):
            if code != "budget":
                continue
            # The first proposal funded after which the money left no longer covered i: any score above
            # that proposal's would have put i ahead of it, with enough money left.
            for k, left in funded_walk:
                if left < inst.cents[i] and (inst.s_int[k], -inst.cents[k]) > (inst.s_int[i], -inst.cents[i]):
                    why[i] = (*why[i], float(inst.score[k]))
                    break
    uncovered_reasons: dict[str, str] = {}
    if min_one:
        for k, assoc in enumerate(inst.associations):
            if not any(ledger.x[i] for i in inst.member_idx[k]):
                uncovered_reasons[assoc] = t("alloc.uncovered.no_money")
                notes.append(t("alloc.note.uncovered", association=assoc))
    solved = _Solved(ledger.x, "heuristic", t("alloc.solver.heuristic"),
                     t("alloc.message.equal_split" if equal_split else "alloc.message.greedy"),
                     notes, uncovered_reasons, None, None)
    return solved, why


# -- Explanations for the optimum ---------------------------------------------------------------

def _explain_optimal(inst: _Instance, r: _Rules, solved: _Solved, i: int) -> dict:
    """Why optimal proposal i is out, its score gap and its cost to shed (re-solving with it forced in)."""
    x = solved.x
    alone = _alone_blocker(inst, r, i)
    out: dict = {"rule": None, "reason_es": "", "score_gap": None, "score_needed": None,
                 "cost_to_shed_usd": None, "max_cost_to_enter_usd": None, "seconds": 0.0, "solves": 0}
    if alone and alone[0] in ("must_not_fund", "exclusive"):
        out["rule"], out["reason_es"] = alone
        return out
    # What blocks adding i to the chosen allocation as it stands.
    blocks: list[tuple[str, str]] = []
    for j in r.partners.get(i, ()):
        if x[j]:
            blocks.append(("exclusive", t("alloc.block.exclusive", id=inst.ids[j])))
    if r.cap is not None:
        a_pos = {a: k for k, a in enumerate(inst.associations)}
        for a in inst.members[i]:
            k = a_pos[a]
            spent = float(sum(inst.cost[j] * inst.share[j] for j in inst.member_idx[k] if x[j]))
            if spent + inst.cost[i] * inst.share[i] > r.cap + 0.005:
                blocks.append(("association_cap", t("alloc.block.cap", association=a, spent=money(spent),
                                                    cap=money(r.cap))))
    spent_all = int(inst.cents[x].sum())
    if spent_all + inst.cents[i] > r.available_cents:
        blocks.append(("budget", t("alloc.block.budget", left=money((r.available_cents - spent_all) / 100),
                                   cost=money(inst.cost[i]))))
    # Score gap: the best total with i forced in.
    forced = _Mip(inst, r, coverable=solved.coverable, coverage_min=solved.coverage_min, force_in=i)
    forced.set_objective(inst.s_int.astype(float), maximize=True)
    status = forced.run()
    out["seconds"] += forced.seconds
    out["solves"] += forced.solves
    if status == "optimal":
        gap = solved.z - int(inst.s_int[forced.x()].sum())
        out["score_gap"] = gap / SCORE_SCALE
        out["score_needed"] = (int(inst.s_int[i]) + gap) / SCORE_SCALE
    # Cost to shed: the smallest reduction of its cost that lets it into an allocation as good as the optimum.
    shed = _Mip(inst, r, coverable=solved.coverable, coverage_min=solved.coverage_min, force_in=i, shed=i)
    shed.add_row(list(range(len(inst.ids))), inst.s_int.astype(float).tolist(), solved.z - 0.5, _INF)
    shed.set_objective(np.zeros(len(inst.ids)), maximize=False, delta_cost=1.0)
    shed_status = shed.run()
    out["seconds"] += shed.seconds
    out["solves"] += shed.solves
    if shed_status == "optimal":
        delta = round(shed.values()[shed.delta_col]) / 100
        out["cost_to_shed_usd"] = delta
        out["max_cost_to_enter_usd"] = max(0.0, float(inst.cost[i]) - delta)

    gap = out["score_gap"]
    shed_text = ""
    if out["cost_to_shed_usd"] is not None and out["cost_to_shed_usd"] > 0:
        shed_text = t("alloc.out.shed", shed=money(out["cost_to_shed_usd"]),
                      max_cost=money(out["max_cost_to_enter_usd"]))
    if status != "optimal":
        if alone:
            out["rule"], out["reason_es"] = alone[0], alone[1] + shed_text
        elif solved.coverage_min is not None or (solved.coverable is not None):
            out["rule"] = "coverage"
            out["reason_es"] = t("alloc.out.coverage_forced") + shed_text
        else:
            out["rule"] = "infeasible"
            out["reason_es"] = t("alloc.out.no_allocation")
        return out
    if gap == 0:
        out["rule"] = "tie"
        out["reason_es"] = t("alloc.out.tie")
        return out
    if blocks:
        code = blocks[0][0]
        parts = "; ".join(text for _, text in blocks)
    elif solved.coverage_min is not None or solved.coverable:
        code = "coverage"
        parts = t("alloc.block.coverage")
    else:
        code, parts = "score", t("alloc.block.score")
    out["rule"] = code
    if code != "coverage" and solved.coverable is not None:
        parts += t("alloc.block.min_one")
    text = t("alloc.out.gap", rule=label("allocation_rule", code), parts=parts,
             best_with=number(solved.z / SCORE_SCALE - gap, 2), best=number(solved.z / SCORE_SCALE, 2),
             needed=number(out["score_needed"], 2), score=number(float(inst.score[i]), 2))
    if out["score_needed"] >= MAX_SCORE:
        text += t("alloc.out.impossible", max=MAX_SCORE)
    out["reason_es"] = text + "." + shed_text
    return out


# -- Public entry points ------------------------------------------------------------------------

def allocate_detailed(candidates: pl.DataFrame, rules: AllocationRules, *, method: Method = "optimal",
                      explain: bool | int | Sequence[str] = True) -> AllocationResult:
    """Allocate the budget among `candidates` under `rules` and explain every outcome.

    `explain`: for the optimum, True re-solves once per unfunded proposal (twice, in fact: the
    score gap and the cost to shed), False skips it, an integer k explains only the k unfunded
    proposals with the highest scores (the others still get the rule that binds where it needs
    no solve), a list of proposal ids explains only those.
    """
    if method not in METHODS:
        raise ValueError(t("alloc.input.unknown_method", method=method, methods=", ".join(METHODS)))
    wall = time.perf_counter()
    inst = _instance(candidates)
    prepared, problems = _prepare_rules(inst, rules)
    if prepared is None:
        return _infeasible_result(inst, rules, method, " ".join(problems), wall)
    if not inst.ids:
        nothing = _Solved(np.zeros(0, bool), "optimal" if method == "optimal" else "heuristic", t("alloc.solver.none"),
                          t("alloc.message.no_candidates"), [], {}, None, None, z=0)
        return _build_result(inst, rules, prepared, method, nothing, {}, wall)
    why: dict[int, tuple] = {}
    if method == "optimal":
        solved = _solve_optimal(inst, prepared, rules.min_one_per_association)
    else:
        solved, why = _solve_greedy(inst, prepared, rules.min_one_per_association, method == "equal_split")
    if solved.status == "infeasible":
        result = _infeasible_result(inst, rules, method, solved.message, wall, solved)
        return result
    explanations: dict[int, dict] = {}
    if method == "optimal" and explain:
        unfunded = _visit_order(inst, [i for i in range(len(inst.ids)) if not solved.x[i]])
        if isinstance(explain, bool):
            chosen = unfunded
        elif isinstance(explain, int):
            chosen = unfunded[: max(0, explain)]
        else:
            wanted = {explain} if isinstance(explain, str) else set(explain)
            chosen = [i for i in unfunded if inst.ids[i] in wanted]
        for i in chosen:
            explanations[i] = _explain_optimal(inst, prepared, solved, i)
            solved.seconds += explanations[i].pop("seconds")
            solved.solves += explanations[i].pop("solves")
    for i, block in why.items():
        explanations[i] = {"rule": block[0], "reason_es": block[1]}
        if len(block) > 2:
            explanations[i]["score_needed"] = block[2]
            explanations[i]["reason_es"] += t("alloc.out.needed_score", needed=number(block[2], 2),
                                              score=number(float(inst.score[i]), 2))
    return _build_result(inst, rules, prepared, method, solved, explanations, wall)


def explain_proposal(candidates: pl.DataFrame, rules: AllocationRules, proposal_id: str) -> ProposalOutcome:
    """The exact "why not" of one proposal in the optimum, for a page that explains on demand
    (with hundreds of candidates, `allocate_detailed(explain=True)` re-solves twice per unfunded
    proposal; this re-solves only for the one asked about)."""
    if proposal_id not in set(candidates["proposal_id"].cast(pl.Utf8).to_list()):
        raise ValueError(t("alloc.input.not_candidate", id=proposal_id))
    result = allocate_detailed(candidates, rules, method="optimal", explain=[proposal_id])
    return next(o for o in result.proposals if o.proposal_id == proposal_id)


def funded_under_scores(candidates: pl.DataFrame, rules: AllocationRules, scores: np.ndarray, *,
                        method: Method = "optimal") -> np.ndarray:
    """Which candidates are funded for each row of `scores` (draws × candidates, in the order of
    the `candidates` rows), with the same rules and tie-breaks as `allocate_detailed`.

    Builds the instance once, so re-running the allocation hundreds of times (core.engine.sensitivity)
    costs only the solves. Returns a boolean array of the same shape; all False for rules that
    cannot hold."""
    if method not in METHODS:
        raise ValueError(t("alloc.input.unknown_method", method=method, methods=", ".join(METHODS)))
    scores = np.atleast_2d(np.asarray(scores, dtype=float))
    inst = _instance(candidates)
    order = np.array([inst.pos[str(pid)] for pid in candidates["proposal_id"].to_list()], dtype=int)
    out = np.zeros((scores.shape[0], len(order)), dtype=bool)
    prepared, problems = _prepare_rules(inst, rules)
    if prepared is None or not inst.ids:
        return out
    for d, row in enumerate(scores):
        sorted_scores = np.empty(len(order))
        sorted_scores[order] = row
        inst.score = sorted_scores
        inst.s_int = np.rint(sorted_scores * SCORE_SCALE).astype(np.int64)
        if method == "optimal":
            solved = _solve_optimal(inst, prepared, rules.min_one_per_association)
        else:
            solved, _ = _solve_greedy(inst, prepared, rules.min_one_per_association, method == "equal_split")
        if solved.status != "infeasible":
            out[d] = solved.x[order]
    return out


def allocate(candidates: pl.DataFrame, budget_usd: float, *, method: Method = "optimal",
             min_one_per_association: bool = False,
             max_share_per_association: float | None = None) -> pl.DataFrame:
    """The candidates, same rows and order, with a boolean column `funded` (DESIGN §5)."""
    try:
        rules = AllocationRules(budget_usd=budget_usd, min_one_per_association=min_one_per_association,
                                max_share_per_association=max_share_per_association)
    except ValidationError as exc:
        raise ValueError("; ".join(f"{e['loc'][0]}: {spanish_message(e)}" for e in exc.errors())) from exc
    result = allocate_detailed(candidates, rules, method=method, explain=False)
    funded = set(result.funded_ids)
    return candidates.with_columns(
        pl.col("proposal_id").cast(pl.Utf8).is_in(list(funded)).fill_null(False).alias("funded"))


# -- Building results ---------------------------------------------------------------------------

def gini(amounts: Sequence[float]) -> float:
    """Gini coefficient of non-negative amounts: 0 when all are equal, near 1 when one gets all."""
    values = np.sort(np.asarray(amounts, dtype=float))
    n = len(values)
    if n == 0 or values.sum() <= 0:
        return 0.0
    cumulative = np.cumsum(values)
    return float((n + 1 - 2 * (cumulative / cumulative[-1]).sum()) / n)


def _association_shares(inst: _Instance, rules: AllocationRules, x: np.ndarray,
                        uncovered_reasons: dict[str, str]) -> list[AssociationShare]:
    total = float(inst.cost[x].sum())
    shares = []
    for k, assoc in enumerate(inst.associations):
        members = inst.member_idx[k]
        amount = float(sum(inst.cost[i] * inst.share[i] for i in members if x[i]))
        n_funded = int(sum(1 for i in members if x[i]))
        shares.append(AssociationShare(
            association_id=assoc, amount_usd=round(amount, 2), share=amount / total if total > 0 else 0.0,
            share_of_budget=amount / rules.budget_usd if rules.budget_usd > 0 else 0.0, n_funded=n_funded,
            n_candidates=len(members), covered=n_funded > 0,
            reason_es=None if n_funded else uncovered_reasons.get(assoc, t("alloc.uncovered.not_chosen"))))
    return shares


def _build_result(inst: _Instance, rules: AllocationRules, r: _Rules, method: str, solved: _Solved,
                  explanations: dict[int, dict], wall: float) -> AllocationResult:
    x = solved.x
    outcomes = []
    for i, pid in enumerate(inst.ids):
        base = dict(proposal_id=pid, association_id=inst.lead[i], association_ids=list(inst.members[i]),
                    title=inst.titles[i], cost_usd=float(inst.cost[i]), score=float(inst.score[i]), funded=bool(x[i]))
        if x[i]:
            if i in r.must:
                outcomes.append(ProposalOutcome(**base, rule="must_fund", reason_es=t("alloc.funded.must")))
            else:
                outcomes.append(ProposalOutcome(**base, reason_es=t(f"alloc.funded.{method}")))
            continue
        info = explanations.get(i)
        if info is None:
            alone = _alone_blocker(inst, r, i)
            if alone:
                info = {"rule": alone[0], "reason_es": alone[1]}
            else:
                info = {"rule": None, "reason_es": t("alloc.out.not_explained")}
        outcomes.append(ProposalOutcome(**base, **{k: v for k, v in info.items() if k in ProposalOutcome.model_fields}))
    associations = _association_shares(inst, rules, x, solved.uncovered_reasons)
    covered = [a.association_id for a in associations if a.covered]
    total_cost = float(inst.cost[x].sum())
    beneficiaries = int(inst.beneficiaries[x].sum()) if inst.beneficiaries is not None else None
    message = solved.message
    if method == "optimal" and solved.status == "optimal" and inst.ids:
        message += t("alloc.message.funded_count", funded=int(x.sum()), total=len(inst.ids))
    return AllocationResult(
        method=method, method_es=label("allocation_method", method), feasible=True, status=solved.status,
        solver_status=solved.solver_status, message_es=message, rules=rules,
        funded_ids=[pid for i, pid in enumerate(inst.ids) if x[i]],
        total_score=round(float(inst.score[x].sum()), 6), total_cost_usd=round(total_cost, 2),
        available_usd=rules.available_usd, unspent_usd=round(rules.available_usd - total_cost, 2),
        n_associations=len(inst.associations), associations_covered=covered,
        associations_uncovered=[a.association_id for a in associations if not a.covered],
        beneficiaries=beneficiaries, gini=gini([a.amount_usd for a in associations]),
        max_association_share=max((a.share_of_budget for a in associations), default=0.0),
        associations=associations, proposals=outcomes, notes_es=solved.notes,
        solver_seconds=solved.seconds, wall_seconds=time.perf_counter() - wall, n_solves=solved.solves)


def _infeasible_result(inst: _Instance, rules: AllocationRules, method: str, message: str, wall: float,
                       solved: _Solved | None = None) -> AllocationResult:
    x = np.zeros(len(inst.ids), bool)
    outcomes = [ProposalOutcome(proposal_id=pid, association_id=inst.lead[i], association_ids=list(inst.members[i]),
                                title=inst.titles[i], cost_usd=float(inst.cost[i]), score=float(inst.score[i]),
                                funded=False, rule="infeasible", reason_es=message)
                for i, pid in enumerate(inst.ids)]
    associations = _association_shares(inst, rules, x, {a: t("alloc.uncovered.infeasible")
                                                         for a in inst.associations})
    return AllocationResult(
        method=method, method_es=label("allocation_method", method), feasible=False, status="infeasible",
        solver_status=solved.solver_status if solved else t("alloc.solver.not_run"), message_es=message, rules=rules,
        funded_ids=[], total_score=0.0, total_cost_usd=0.0, available_usd=rules.available_usd,
        unspent_usd=rules.available_usd, n_associations=len(inst.associations), associations_covered=[],
        associations_uncovered=list(inst.associations), beneficiaries=0 if inst.beneficiaries is not None else None,
        gini=0.0, max_association_share=0.0, associations=associations, proposals=outcomes,
        notes_es=solved.notes if solved else [], solver_seconds=solved.seconds if solved else 0.0,
        wall_seconds=time.perf_counter() - wall, n_solves=solved.solves if solved else 0)


def summary_es(result: AllocationResult) -> str:
    """One Spanish sentence for a result: what is funded, with how much, for whom."""
    if not result.feasible:
        return result.message_es
    return t("alloc.summary", method=result.method_es, funded=len(result.funded_ids),
             cost=money(result.total_cost_usd), available=money(result.available_usd),
             score=number(result.total_score, 2), covered=len(result.associations_covered),
             associations=result.n_associations, gini=number(result.gini, 2),
             share=percent(result.max_association_share))
