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
from pydantic import BaseModel, ConfigDict, Field, field_validator

from core.fmt import money, number, percent
from core.texts.decidir_presupuesto import LABELS as _LABELS

Method = Literal["optimal", "greedy", "equal_split"]
METHODS: tuple[str, ...] = ("optimal", "greedy", "equal_split")
# Spanish labels live in the one catalogue of user text (core/texts/decidir_presupuesto.py).
METHOD_LABELS_ES: dict[str, str] = _LABELS["allocation_method"]
RULE_LABELS_ES: dict[str, str] = _LABELS["allocation_rule"]
TIE_BREAK_ES = ("Desempate: entre asignaciones con el mismo puntaje total (a dos decimales) se elige la de "
                "menor costo; si aún empatan, la que incluye las propuestas con código más bajo. Los métodos "
                "voraz y de reparto igual recorren las propuestas por puntaje (mayor primero), luego por costo "
                "(menor primero) y luego por código.")

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
            raise ValueError("debe ser un número finito")
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
    rule: str | None = None  # code of the binding rule (keys of RULE_LABELS_ES)
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
    tie_break_es: str = TIE_BREAK_ES
    notes_es: list[str] = Field(default_factory=list)
    solver_seconds: float = 0.0
    wall_seconds: float = 0.0
    n_solves: int = 0

    def outcomes_frame(self) -> pl.DataFrame:
        """One row per candidate: funded, binding rule, reason, score needed, cost to shed."""
        rows = [o.model_dump() for o in self.proposals]
        schema = {"proposal_id": pl.Utf8, "association_id": pl.Utf8, "association_ids": pl.List(pl.Utf8),
                  "title": pl.Utf8, "cost_usd": pl.Float64, "score": pl.Float64, "funded": pl.Boolean,
                  "rule": pl.Utf8, "reason_es": pl.Utf8, "score_gap": pl.Float64, "score_needed": pl.Float64,
                  "cost_to_shed_usd": pl.Float64, "max_cost_to_enter_usd": pl.Float64}
        return pl.DataFrame(rows, schema=schema)

    def associations_frame(self) -> pl.DataFrame:
        schema = {"association_id": pl.Utf8, "amount_usd": pl.Float64, "share": pl.Float64,
                  "share_of_budget": pl.Float64, "n_funded": pl.Int64, "n_candidates": pl.Int64,
                  "covered": pl.Boolean, "reason_es": pl.Utf8}
        return pl.DataFrame([a.model_dump() for a in self.associations], schema=schema)


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
        raise ValueError(f"faltan columnas en las candidatas: {', '.join(missing)}")
    frame = candidates.sort("proposal_id")
    ids = [str(v) for v in frame["proposal_id"].to_list()]
    if any(v is None for v in frame["proposal_id"].to_list()):
        raise ValueError("hay candidatas sin proposal_id")
    if len(set(ids)) != len(ids):
        seen, dup = set(), None
        for v in ids:
            if v in seen:
                dup = v
                break
            seen.add(v)
        raise ValueError(f"código de propuesta repetido entre las candidatas: «{dup}»")
    lead = frame["association_id"].to_list()
    if any(v is None for v in lead):
        raise ValueError("hay candidatas sin association_id")
    cost = frame["cost_usd"].cast(pl.Float64).to_numpy()
    score = frame["score"].cast(pl.Float64).to_numpy()
    if np.isnan(cost).any() or np.isinf(cost).any() or (cost < 0).any():
        bad = ids[int(np.flatnonzero(~np.isfinite(cost) | (cost < 0))[0])]
        raise ValueError(f"el costo de «{bad}» debe ser un número no negativo")
    if not np.isfinite(score).all():
        bad = ids[int(np.flatnonzero(~np.isfinite(score))[0])]
        raise ValueError(f"el puntaje de «{bad}» debe ser un número")
    if "association_ids" in frame.columns:
        raw = frame["association_ids"].to_list()
        members = []
        for lead_id, group in zip(lead, raw):
            group = [g for g in (group or []) if g is not None]
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
        problems.append(f"La propuesta «{pid}» que nombran las reglas no está entre las candidatas.")
    if rules.reserve_usd > rules.budget_usd:
        problems.append(f"La reserva ({money(rules.reserve_usd)}) es mayor que el presupuesto "
                        f"({money(rules.budget_usd)}).")
    both = sorted(set(rules.must_fund) & set(rules.must_not_fund))
    for pid in both:
        problems.append(f"La propuesta «{pid}» está marcada a la vez como obligatoria y como excluida.")
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
            problems.append(f"«{inst.ids[i]}» y «{inst.ids[j]}» son excluyentes, pero las dos están marcadas "
                            "como obligatorias.")
    available_cents = int(math.floor(rules.available_usd * 100 + 1e-6))
    must_cents = int(inst.cents[must].sum()) if must else 0
    if must and not problems and must_cents > available_cents:
        problems.append(f"Las propuestas obligatorias cuestan {money(must_cents / 100)} y solo hay "
                        f"{money(available_cents / 100)} disponibles (presupuesto menos reserva).")
    cap = rules.cap_usd
    if cap is not None and must and not problems:
        for k, assoc in enumerate(inst.associations):
            spent = sum(inst.cost[i] * inst.share[i] for i in inst.member_idx[k] if i in must)
            if spent > cap + 0.005:
                problems.append(f"Las propuestas obligatorias de «{assoc}» suman {money(spent)}, más que el tope "
                                f"por asociación ({money(cap)}).")
    if problems:
        return None, problems
    return _Rules(available_cents, cap, must, must_not, pairs, partners), []


def _alone_blocker(inst: _Instance, r: _Rules, i: int) -> tuple[str, str] | None:
    """A rule that keeps proposal i out whatever else is chosen: (rule code, Spanish reason)."""
    if i in r.must_not:
        return "must_not_fund", "La junta decidió no financiarla."
    must_cents = int(inst.cents[r.must].sum()) if r.must else 0
    if inst.cents[i] > r.available_cents:
        return "too_expensive", (f"Cuesta {money(inst.cost[i])} y solo hay {money(r.available_cents / 100)} "
                                 "disponibles.")
    if i not in r.must and inst.cents[i] + must_cents > r.available_cents:
        return "too_expensive", (f"Cuesta {money(inst.cost[i])} y, después de las obligatorias "
                                 f"({money(must_cents / 100)}), quedan {money((r.available_cents - must_cents) / 100)}.")
    if r.cap is not None:
        part = inst.cost[i] * inst.share[i]
        if part > r.cap + 0.005:
            return "association_cap", (f"Le toca a cada asociación {money(part)}, más que el tope por asociación "
                                       f"({money(r.cap)}).")
    for j in r.partners.get(i, ()):
        if j in r.must:
            return "exclusive", f"Es excluyente con «{inst.ids[j]}», que es obligatoria."
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
            reasons[assoc] = "todas sus propuestas fueron excluidas por la junta"
        else:
            cheapest = min(inst.member_idx[k], key=lambda i: (inst.cost[i] * inst.share[i], inst.ids[i]))
            code, why = _alone_blocker(inst, r, cheapest)
            reasons[assoc] = (f"ninguna de sus propuestas puede financiarse: la más barata, «{inst.ids[cheapest]}», "
                              f"no cabe ({why[0].lower() + why[1:]})")
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
            notes.append(f"No se puede dar un proyecto a «{assoc}»: {why}.")
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
            notes.append(f"El dinero no alcanza para una propuesta por asociación: cubrir a las {total} asociaciones "
                         f"que pueden recibir un proyecto costaría al menos {money(need)} y hay "
                         f"{money(r.available_cents / 100)} disponibles. Se cubren {coverage_min} de {total}, "
                         "las que dan el mayor puntaje total.")
        else:
            notes.append(f"Las reglas (topes, excluyentes u obligatorias) impiden dar una propuesta a cada una de las "
                         f"{total} asociaciones; se cubren {coverage_min}, las que dan el mayor puntaje total.")
        mip = _Mip(inst, r, coverable=coverable, coverage_min=coverage_min, strict=strict)
        mip.set_objective(inst.s_int.astype(float), maximize=True)
        status = mip.run()
    if status != "optimal":
        seconds, solves = seconds + mip.seconds, solves + mip.solves
        message = _infeasible_message(inst, r) if status == "infeasible" else (
            f"El solver no llegó al óptimo (estado: {status}).")
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
    return _Solved(x, "optimal", "Optimal", "Asignación óptima: el mayor puntaje total posible con estas reglas.",
                   notes, uncovered, coverable, coverage_min, z=z, seconds=seconds, solves=solves)


def _infeasible_message(inst: _Instance, r: _Rules) -> str:
    """Find which rule makes the set impossible by dropping rule groups in turn."""
    base = "No existe ninguna asignación que cumpla todas las reglas a la vez."
    trials = [
        ("las propuestas excluyentes", _Rules(r.available_cents, r.cap, r.must, r.must_not, [], {})),
        ("el tope por asociación", _Rules(r.available_cents, None, r.must, r.must_not, r.pairs, r.partners)),
        ("las propuestas obligatorias", _Rules(r.available_cents, r.cap, [], r.must_not, r.pairs, r.partners)),
    ]
    for label, relaxed in trials:
        mip = _Mip(inst, relaxed, coverable=None, coverage_min=None)
        mip.set_objective(np.zeros(len(inst.ids)), maximize=True)
        if mip.run() == "optimal":
            return f"{base} El conflicto está en {label}: sin esa regla sí habría solución."
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
                return "exclusive", f"Es excluyente con «{inst.ids[j]}», que ya fue financiada."
        if self.spent + inst.cents[i] > r.available_cents:
            left = (r.available_cents - self.spent) / 100
            return "budget", f"Cuando llegó su turno quedaban {money(left)} y cuesta {money(inst.cost[i])}."
        part = inst.cents[i] * inst.share[i]
        for a in inst.members[i]:
            k = self.a_pos[a]
            if r.cap is not None and self.by_assoc[k] + part > r.cap * 100 + 0.5:
                return "association_cap", (f"«{a}» ya tenía {money(self.by_assoc[k] / 100)} y con esta superaría el "
                                           f"tope por asociación ({money(r.cap)}).")
            if self.limits is not None and self.by_assoc[k] + part > self.limits[k] + 0.5:
                left = (self.limits[k] - self.by_assoc[k]) / 100
                return "share", (f"A «{a}» le quedaban {money(left)} de su cuota igual y le toca pagar "
                                 f"{money(part / 100)}.")
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
        notes.append(f"Cada una de las {n_assoc} asociaciones recibe una cuota igual de {money(each / 100)}; "
                     "lo que una asociación no usa queda sin asignar.")
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
                uncovered_reasons[assoc] = "con este método no quedó dinero o cupo para ninguna de sus propuestas"
                notes.append(f"«{assoc}» queda sin proyecto con este método.")
    solved = _Solved(ledger.x, "heuristic", "no aplica (sin solver)",
                     "Reparto igual entre asociaciones." if equal_split else "Selección voraz por puntaje.",
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
            blocks.append(("exclusive", f"es excluyente con «{inst.ids[j]}», que está financiada"))
    if r.cap is not None:
        a_pos = {a: k for k, a in enumerate(inst.associations)}
        for a in inst.members[i]:
            k = a_pos[a]
            spent = float(sum(inst.cost[j] * inst.share[j] for j in inst.member_idx[k] if x[j]))
            if spent + inst.cost[i] * inst.share[i] > r.cap + 0.005:
                blocks.append(("association_cap", f"«{a}» ya recibe {money(spent)} y el tope por asociación es "
                                                  f"{money(r.cap)}"))
    spent_all = int(inst.cents[x].sum())
    if spent_all + inst.cents[i] > r.available_cents:
        blocks.append(("budget", f"quedan {money((r.available_cents - spent_all) / 100)} sin asignar y cuesta "
                                 f"{money(inst.cost[i])}"))
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
        shed_text = (f" Costando {money(out['cost_to_shed_usd'])} menos (como máximo "
                     f"{money(out['max_cost_to_enter_usd'])}) formaría parte de una asignación igual de buena.")
    if status != "optimal":
        if alone:
            out["rule"], out["reason_es"] = alone[0], alone[1] + shed_text
        elif solved.coverage_min is not None or (solved.coverable is not None):
            out["rule"] = "coverage"
            out["reason_es"] = ("Forzarla dejaría a alguna asociación sin proyecto, y la regla de al menos una "
                                "por asociación lo impide." + shed_text)
        else:
            out["rule"] = "infeasible"
            out["reason_es"] = "Con las demás reglas no hay ninguna asignación que la incluya."
        return out
    if gap == 0:
        out["rule"] = "tie"
        out["reason_es"] = ("Empata: hay otra asignación con el mismo puntaje total que la incluye; se eligió la otra "
                            "por el desempate (menor costo, luego código).")
        return out
    if blocks:
        code = blocks[0][0]
        parts = "; ".join(text for _, text in blocks)
    elif solved.coverage_min is not None or solved.coverable:
        code = "coverage"
        parts = "incluirla obliga a dejar fuera propuestas que dan a otras asociaciones su proyecto"
    else:
        code, parts = "score", "su puntaje no compensa lo que habría que dejar fuera"
    out["rule"] = code
    if code != "coverage" and solved.coverable is not None:
        parts += " (la regla de al menos una por asociación reserva dinero para las demás asociaciones)"
    text = f"{RULE_LABELS_ES[code]}: {parts}. "
    text += (f"Con ella el mejor puntaje total sería {number(solved.z / SCORE_SCALE - gap, 2)} en vez de "
             f"{number(solved.z / SCORE_SCALE, 2)}; entraría con un puntaje mayor que "
             f"{number(out['score_needed'], 2)} (hoy tiene {number(float(inst.score[i]), 2)})")
    if out["score_needed"] >= MAX_SCORE:
        text += f", imposible en la escala de 0 a {MAX_SCORE}"
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
        raise ValueError(f"método desconocido «{method}»; se admite: {', '.join(METHODS)}")
    wall = time.perf_counter()
    inst = _instance(candidates)
    prepared, problems = _prepare_rules(inst, rules)
    if prepared is None:
        return _infeasible_result(inst, rules, method, " ".join(problems), wall)
    if not inst.ids:
        return _build_result(inst, rules, prepared, method, _Solved(np.zeros(0, bool), "optimal" if method ==
                             "optimal" else "heuristic", "no aplica", "No hay propuestas candidatas.", [], {},
                             None, None, z=0), {}, wall)
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
            explanations[i]["reason_es"] += (f" Habría entrado con un puntaje mayor que {number(block[2], 2)} "
                                             f"(hoy tiene {number(float(inst.score[i]), 2)}).")
    return _build_result(inst, rules, prepared, method, solved, explanations, wall)


def explain_proposal(candidates: pl.DataFrame, rules: AllocationRules, proposal_id: str) -> ProposalOutcome:
    """The exact "why not" of one proposal in the optimum, for a page that explains on demand
    (with hundreds of candidates, `allocate_detailed(explain=True)` re-solves twice per unfunded
    proposal; this re-solves only for the one asked about)."""
    if proposal_id not in set(candidates["proposal_id"].cast(pl.Utf8).to_list()):
        raise ValueError(f"«{proposal_id}» no está entre las candidatas")
    result = allocate_detailed(candidates, rules, method="optimal", explain=[proposal_id])
    return next(o for o in result.proposals if o.proposal_id == proposal_id)


def funded_under_scores(candidates: pl.DataFrame, rules: AllocationRules, scores: np.ndarray, *,
                        method: Method = "optimal") -> np.ndarray:
    """Which candidates are funded for each row of `scores` (draws × candidates, in the order of
    the `candidates` rows), with the same rules and tie-breaks as `allocate_detailed`.

    Builds the instance once, so re-running the allocation hundreds of times (core.sensitivity)
    costs only the solves. Returns a boolean array of the same shape; all False for rules that
    cannot hold."""
    if method not in METHODS:
        raise ValueError(f"método desconocido «{method}»; se admite: {', '.join(METHODS)}")
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
    rules = AllocationRules(budget_usd=budget_usd, min_one_per_association=min_one_per_association,
                            max_share_per_association=max_share_per_association)
    result = allocate_detailed(candidates, rules, method=method, explain=False)
    funded = set(result.funded_ids)
    return candidates.with_columns(
        pl.col("proposal_id").is_in(list(funded)).fill_null(False).alias("funded"))


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
            reason_es=None if n_funded else uncovered_reasons.get(assoc, "ninguna de sus propuestas fue elegida")))
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
                outcomes.append(ProposalOutcome(**base, rule="must_fund",
                                                reason_es="Financiada: la junta la marcó como obligatoria."))
            else:
                reason = {"optimal": "Financiada: forma parte de la asignación de mayor puntaje total.",
                          "greedy": "Financiada: cupo cuando llegó su turno por puntaje.",
                          "equal_split": "Financiada con la cuota igual de su asociación."}[method]
                outcomes.append(ProposalOutcome(**base, reason_es=reason))
            continue
        info = explanations.get(i)
        if info is None:
            alone = _alone_blocker(inst, r, i)
            if alone:
                info = {"rule": alone[0], "reason_es": alone[1]}
            else:
                info = {"rule": None, "reason_es": "No financiada (explicación detallada no calculada)."}
        outcomes.append(ProposalOutcome(**base, **{k: v for k, v in info.items() if k in ProposalOutcome.model_fields}))
    associations = _association_shares(inst, rules, x, solved.uncovered_reasons)
    covered = [a.association_id for a in associations if a.covered]
    total_cost = float(inst.cost[x].sum())
    beneficiaries = int(inst.beneficiaries[x].sum()) if inst.beneficiaries is not None else None
    message = solved.message
    if method == "optimal" and solved.status == "optimal" and inst.ids:
        message += f" Se financian {int(x.sum())} de {len(inst.ids)} propuestas."
    return AllocationResult(
        method=method, method_es=METHOD_LABELS_ES[method], feasible=True, status=solved.status,
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
    associations = _association_shares(inst, rules, x, {a: "las reglas no se pueden cumplir"
                                                         for a in inst.associations})
    return AllocationResult(
        method=method, method_es=METHOD_LABELS_ES[method], feasible=False, status="infeasible",
        solver_status=solved.solver_status if solved else "no resuelto", message_es=message, rules=rules,
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
    return (f"{result.method_es}: {len(result.funded_ids)} propuestas financiadas por {money(result.total_cost_usd)} "
            f"de {money(result.available_usd)} disponibles; puntaje total {number(result.total_score, 2)}; "
            f"{len(result.associations_covered)} de {result.n_associations} asociaciones con proyecto; "
            f"índice de Gini del dinero entre asociaciones {number(result.gini, 2)}; la asociación que más recibe "
            f"se lleva el {percent(result.max_association_share)} del presupuesto.")
