"""The board's rules (`AllocationRules`, amounts in USD) and their indexed form over an `Instance` (`Rules`,
amounts in cents), with the checks every method shares: rules that cannot all hold, and what keeps a proposal out
whatever else is chosen."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, field_validator

from core.engine.allocation.instance import MAX_BUDGET_USD, Instance
from core.fmt import amounts_named
from core.texts import t


class AllocationRules(BaseModel):
    """What the board decides before allocating: money and rules. Amounts in USD."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    budget_usd: float = Field(ge=0, le=MAX_BUDGET_USD, allow_inf_nan=False)
    reserve_usd: float = Field(default=0.0, ge=0, le=MAX_BUDGET_USD, allow_inf_nan=False)
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

    @field_validator("exclusive_pairs")
    @classmethod
    def _two_proposals(cls, pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
        for a, b in pairs:
            if a == b:  # it would be ignored, yet printed in the acta as a rule the board set
                raise ValueError(t("alloc.rules.exclusive_self", id=a))
        return pairs

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


@dataclass
class Rules:
    """The rules over proposal positions: money in cents, the cap in USD (None when off)."""

    available_cents: int
    cap: float | None
    must: list[int]
    must_not: set[int]
    pairs: list[tuple[int, int]]
    partners: dict[int, set[int]]

    @property
    def cap_cents(self) -> float | None:
        return None if self.cap is None else self.cap * 100 + 0.5

    def partner_csr(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        """Exclusive partners as (starts, flat positions): proposal j's are flat[starts[j]:starts[j + 1]]."""
        pairs = np.asarray(self.pairs, dtype=np.int64).reshape(-1, 2)
        source = np.concatenate([pairs[:, 0], pairs[:, 1]])
        target = np.concatenate([pairs[:, 1], pairs[:, 0]])
        order = np.lexsort((target, source))  # each proposal's partners in code order
        starts = np.concatenate([[0], np.cumsum(np.bincount(source, minlength=n))]).astype(np.int64)
        return starts, target[order]

    def without(self, part: str) -> Rules:
        """The same rules with one group dropped (to find which group makes a set impossible)."""
        if part == "exclusive":
            return Rules(self.available_cents, self.cap, self.must, self.must_not, [], {})
        if part == "cap":
            return Rules(self.available_cents, None, self.must, self.must_not, self.pairs, self.partners)
        return Rules(self.available_cents, self.cap, [], self.must_not, self.pairs, self.partners)


def prepare_rules(inst: Instance, rules: AllocationRules) -> tuple[Rules | None, list[str]]:
    """Index the rules; returns the problems that make them impossible (Spanish), if any."""
    problems: list[str] = []
    # only a required proposal must compete: an exclusion or a pair naming one that does not (screened out, or
    # decided by an acta) keeps out what is out anyway
    for pid in dict.fromkeys(p for p in rules.must_fund if p not in inst.pos):
        problems.append(t("alloc.rules.unknown", id=pid))
    if rules.reserve_usd > rules.budget_usd:
        problems.append(t("alloc.rules.reserve", **amounts_named(reserve=rules.reserve_usd, budget=rules.budget_usd)))
    for pid in sorted(set(rules.must_fund) & set(rules.must_not_fund)):
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
        problems.append(t("alloc.rules.must_cost", **amounts_named(cost=must_cents / 100,
                                                                   available=available_cents / 100)))
    cap = rules.cap_usd
    if cap is not None and must and not problems:
        for k, assoc in enumerate(inst.associations):
            spent = sum(inst.cost[i] * inst.share[i] for i in inst.member_idx[k] if i in must)
            if spent > cap + 0.005:
                problems.append(t("alloc.rules.must_cap", association=inst.name(assoc),
                                  **amounts_named(spent=spent, cap=cap)))
    if problems:
        return None, problems
    return Rules(available_cents, cap, must, must_not, pairs, partners), []


def must_cents(inst: Instance, r: Rules) -> int:
    return int(inst.cents[r.must].sum()) if r.must else 0


def alone_blocker(inst: Instance, r: Rules, i: int, must_total: int | None = None) -> tuple[str, str] | None:
    """A rule that keeps proposal i out whatever else is chosen: (rule code, Spanish reason)."""
    if i in r.must_not:
        return "must_not_fund", t("alloc.out.must_not")
    must_total = must_cents(inst, r) if must_total is None else must_total
    if inst.cents[i] > r.available_cents:
        return "too_expensive", t("alloc.out.too_expensive", **amounts_named(cost=inst.cost[i],
                                                                               available=r.available_cents / 100))
    if i not in r.must and inst.cents[i] + must_total > r.available_cents:
        return "too_expensive", t("alloc.out.after_must", **amounts_named(
            cost=inst.cost[i], must=must_total / 100, left=(r.available_cents - must_total) / 100))
    if r.cap is not None:
        part = inst.cost[i] * inst.share[i]
        if part > r.cap + 0.005:
            key = "alloc.out.cap_single" if len(inst.members[i]) == 1 else "alloc.out.cap_share"
            return "association_cap", t(key, **amounts_named(part=part, cap=r.cap))
    for j in r.partners.get(i, ()):
        if j in r.must:
            return "exclusive", t("alloc.out.exclusive_must", id=inst.ids[j])
    return None


def breaks_a_rule(inst: Instance, r: Rules, x, coverable: list[int] | None, coverage_min: int | None) -> bool:
    """Check a rounded solution against every rule exactly (the solver works within tolerances)."""
    if int(inst.cents[x].sum()) > r.available_cents:
        return True
    if any(not x[i] for i in r.must) or any(x[i] for i in r.must_not):
        return True
    if any(x[i] and x[j] for i, j in r.pairs):
        return True
    if r.cap is not None and (inst.held(x) > r.cap_cents).any():
        return True
    if coverable is not None:
        covered = sum(1 for k in coverable if any(x[i] for i in inst.member_idx[k]))
        if covered < (len(coverable) if coverage_min is None else coverage_min):
            return True
    return False


def interchangeable(inst: Instance, r: Rules, by_association: bool) -> list[list[int]]:
    """Groups (two or more, each in code order) of proposals that no rule tells apart: the same value and cents,
    the same associations and share when a rule reads them (`by_association`: the cap or the coverage), and none
    named by a rule. Any allocation can swap members of a group and keep its value, cost and rules, so the
    solver may take them in code order: the last tie-break would choose that order anyway."""
    if inst.dedup:  # people counted once tie each proposal to its own people: no two are swapped freely
        return []
    named = set(r.must) | set(r.must_not) | set(r.partners)
    groups: dict[tuple, list[int]] = {}
    value, cents = inst.value.tolist(), inst.cents.tolist()
    for i in range(len(inst.ids)):
        if i in named:
            continue
        key = (value[i], cents[i], *((tuple(inst.members[i]), float(inst.share[i])) if by_association else ()))
        groups.setdefault(key, []).append(i)
    return [group for group in groups.values() if len(group) > 1]


def in_code_order(groups: list[list[int]], x: np.ndarray) -> np.ndarray:
    """x with each group's chosen members moved to the group's first ones (same value, cost and rules)."""
    x = x.copy()
    for group in groups:
        taken = int(x[group].sum())
        x[group] = False
        x[group[:taken]] = True
    return x
