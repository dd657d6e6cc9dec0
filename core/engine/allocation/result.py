"""What an allocation returns: one `ProposalOutcome` per candidate (funded or not, and why), one
`AssociationShare` per association (the money it gets), and the `AllocationResult` that names the method, the
objective it maximised (one Spanish sentence, for the page and the acta) and the totals."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from typing import Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from core.engine.allocation.exact import Solved
from core.engine.allocation.instance import Instance
from core.engine.allocation.people import people
from core.engine.allocation.rules import AllocationRules, Rules, alone_blocker
from core.fmt import amounts_named, number, percent
from core.texts import label, t, t_count


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
    score_gap: float | None = None  # optimum total − best total with this proposal forced in (in score points)
    score_needed: float | None = None  # with a score above this, it enters
    displaces: list[str] = Field(default_factory=list)  # funded proposals it would push out, if forced in
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
    objective_es: str = ""  # what the method maximises, in one sentence
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
    people_reached: int = 0  # the people the funded proposals reach (each association's members once, when known)
    gini: float  # of the money across all candidate associations (0 = even, 1 = all to one)
    max_association_share: float
    associations: list[AssociationShare]
    proposals: list[ProposalOutcome]
    tie_break_es: str = Field(default_factory=lambda: t("alloc.tie_break"))
    notes_es: list[str] = Field(default_factory=list)
    solver_seconds: float = 0.0
    wall_seconds: float = 0.0
    n_solves: int = 0

    def uncovered_es(self, names: Mapping[str, str]) -> list[str]:
        """Each association that got no project, by name, with why: «Flor de Mayo: ninguna de sus propuestas …»."""
        return [t("alloc.uncovered.line", association=names.get(a.association_id, a.association_id),
                  reason=a.reason_es or t("alloc.uncovered.not_chosen")) for a in self.associations if not a.covered]


def gini(amounts: Sequence[float]) -> float:
    """Gini coefficient of non-negative amounts: 0 when all are equal, near 1 when one gets all."""
    values = np.sort(np.asarray(amounts, dtype=float))
    n = len(values)
    if n == 0 or values.sum() <= 0:
        return 0.0
    cumulative = np.cumsum(values)
    return float((n + 1 - 2 * (cumulative / cumulative[-1]).sum()) / n)


def association_shares(inst: Instance, rules: AllocationRules, x: np.ndarray,
                       uncovered_reasons: Mapping[str, str]) -> list[AssociationShare]:
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


def _base(inst: Instance, i: int, funded: bool) -> dict:
    return dict(proposal_id=inst.ids[i], association_id=inst.lead[i], association_ids=list(inst.members[i]),
                title=inst.titles[i], cost_usd=float(inst.cost[i]), score=float(inst.score[i]), funded=funded)


def build_result(inst: Instance, rules: AllocationRules, r: Rules, method: str, solved: Solved,
                 explanations: Mapping[int, dict], wall: float) -> AllocationResult:
    x = solved.x
    outcomes = []
    for i in range(len(inst.ids)):
        base = _base(inst, i, bool(x[i]))
        if x[i]:
            reason = t("alloc.funded.must") if i in r.must else t(f"alloc.funded.{method}")
            outcomes.append(ProposalOutcome(**base, rule="must_fund" if i in r.must else None, reason_es=reason))
            continue
        info = explanations.get(i)
        if info is None:
            alone = alone_blocker(inst, r, i)
            info = {"rule": alone[0], "reason_es": alone[1]} if alone else {
                "rule": None, "reason_es": t("alloc.out.not_explained")}
        outcomes.append(ProposalOutcome(**base, **{k: v for k, v in info.items() if k in ProposalOutcome.model_fields}))
    associations = association_shares(inst, rules, x, solved.uncovered_reasons)
    total_cost = float(inst.cost[x].sum())
    message = solved.message
    if solved.status == "optimal" and inst.ids:
        message += _funded_count(int(x.sum()), len(inst.ids))
    return AllocationResult(
        method=method, method_es=label("allocation_method", method), objective_es=label("allocation_objective", method),
        feasible=True, status=solved.status, solver_status=solved.solver_status, message_es=message, rules=rules,
        funded_ids=[pid for i, pid in enumerate(inst.ids) if x[i]],
        total_score=round(float(inst.score[x].sum()), 6), total_cost_usd=round(total_cost, 2),
        available_usd=rules.available_usd, unspent_usd=round(rules.available_usd - total_cost, 2),
        n_associations=len(inst.associations), associations_covered=[a.association_id for a in associations
                                                                      if a.covered],
        associations_uncovered=[a.association_id for a in associations if not a.covered],
        beneficiaries=int(inst.beneficiaries[x].sum()) if inst.beneficiaries is not None else None,
        people_reached=people(inst, x), gini=gini([a.amount_usd for a in associations]),
        max_association_share=max((a.share_of_budget for a in associations), default=0.0),
        associations=associations, proposals=outcomes, notes_es=solved.notes,
        tie_break_es=t("alloc.tie_break_scope" if method == "scope" else "alloc.tie_break"),
        solver_seconds=solved.seconds, wall_seconds=time.perf_counter() - wall, n_solves=solved.solves)


def infeasible_result(inst: Instance, rules: AllocationRules, method: str, message: str, wall: float,
                      solved: Solved | None = None) -> AllocationResult:
    x = np.zeros(len(inst.ids), bool)
    outcomes = [ProposalOutcome(**_base(inst, i, False), rule="infeasible", reason_es=message)
                for i in range(len(inst.ids))]
    associations = association_shares(inst, rules, x, {a: t("alloc.uncovered.infeasible") for a in inst.associations})
    return AllocationResult(
        method=method, method_es=label("allocation_method", method), objective_es=label("allocation_objective", method),
        feasible=False, status="infeasible",
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
    funded, associations = len(result.funded_ids), result.n_associations
    return t("alloc.summary", method=result.method_es, funded=t_count("alloc.summary.funded", funded, n=number(funded)),
             **amounts_named(cost=result.total_cost_usd, available=result.available_usd),
             score=number(result.total_score, 2), covered=number(len(result.associations_covered)),
             associations=t_count("alloc.summary.associations", associations, n=number(associations)),
             gini=number(result.gini, 2),
             share=percent(result.max_association_share))


def _funded_count(funded: int, total: int) -> str:
    """«Se financian 3 de 5 propuestas.», in the singular where one is funded or there is one to fund."""
    if total == 1:
        return t("alloc.message.funded_only" if funded else "alloc.message.not_funded_only")
    return t("alloc.message.funded_count_one" if funded == 1 else "alloc.message.funded_count",
             funded=funded, total=total)
