"""The default criteria a proposal is scored on: each 0–100 with one Spanish sentence that says why.

A criterion is either computed from data (`kind="datos"`: the proposal's own fields, the problems
the advisory group ranked, the needs the families named, the aid already received) or judged by
people (`kind="juicio"`: evaluators score it; until they do, a proxy computed from the
formulation stands in and says so). Every function here is pure: a `Proposal` and a
`CriteriaContext` in, a `CriterionScore` out, so a table of cases can test each one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from core.fmt import amount, amount_for, capitalized, listing, local_code, number, percent
from core.proposals.formulation import format_items
from core.proposals.models import Proposal
from core.texts import label, t, t_count

Kind = Literal["datos", "juicio"]


@dataclass(frozen=True)
class CriterionScore:
    score: float  # 0–100
    explanation_es: str
    flag: bool = False  # something the board should look at (e.g. repeated aid)


@dataclass(frozen=True)
class Problem:
    problem_id: str
    label_es: str
    votes: float
    rank: int


@dataclass(frozen=True)
class AidRow:
    association_id: str
    kind: str
    institution: str
    year: int | None


@dataclass
class CriteriaContext:
    """The data the criteria compare a proposal against; all optional except what a page can give.

    - `pdot_objectives`: id → text of the parish PDOT objectives (None: accept any id);
    - `problems`: the problems the advisory group ranked, with their votes;
    - `need_shares`: need code → share of the families' mentions (0–1);
    - `aid`: aid already received by the associations;
    - `current_pnd_plan`: the PND in force (links to older plans count half);
    - `max_direct_beneficiaries`: the largest direct reach in the round (scope is relative to it);
    - `aid_since_year`: only aid from this year on counts as repeated (None: all of it);
    - `association_names`: association id → name, as the explanations name them (else by their own code).
    """

    pdot_objectives: dict[str, str] | None = None
    problems: dict[str, Problem] = field(default_factory=dict)
    need_shares: dict[str, float] = field(default_factory=dict)
    aid: list[AidRow] = field(default_factory=list)
    current_pnd_plan: str = "PND_2024_2025"
    max_direct_beneficiaries: int = 0
    aid_since_year: int | None = None
    association_names: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Criterion:
    code: str
    label_es: str
    kind: Kind
    description_es: str
    compute: Callable[[Proposal, CriteriaContext], CriterionScore]


# -- Computed from data -----------------------------------------------------------------------

def pdot_alignment(p: Proposal, ctx: CriteriaContext) -> CriterionScore:
    """Linked PDOT objectives: none 0, one 70, two 90, three or more 100 (diminishing returns)."""
    known = p.pdot_objective_ids if ctx.pdot_objectives is None else [
        o for o in p.pdot_objective_ids if o in ctx.pdot_objectives]
    unknown = [o for o in p.pdot_objective_ids if o not in known]
    n = len(set(known))
    score = {0: 0.0, 1: 70.0, 2: 90.0}.get(n, 100.0)
    if n == 0:
        text = t("crit.pdot.none")
    else:
        names = []
        for o in known:
            objective = (ctx.pdot_objectives or {}).get(o)
            code = local_code(o)  # as the parish's own files name it
            names.append(t("crit.pdot.named", code=code, text=objective) if objective else code)
        text = t("crit.pdot.one" if n == 1 else "crit.pdot.many", count=n, names=listing(names))
    if unknown:
        text += t("crit.pdot.unknown", codes=listing(map(local_code, unknown)))
    return CriterionScore(score, text)


def pnd_objective_words(code: str) -> str:
    """«PND_2024_2025-7» as a reader says it: «objetivo 7 del PND 2024–2025» (other codes unchanged)."""
    match = re.fullmatch(r"PND_(\d{4})_(\d{4})-(\d{1,2})", code)
    if match is None:
        return code
    start, end, number = match.groups()
    return t("crit.pnd.objective", number=int(number), start=start, end=end)


def sdg_pnd_alignment(p: Proposal, ctx: CriteriaContext) -> CriterionScore:
    """ODS (up to 50: 40 for goals, 50 with a specific target) plus PND (50 current plan, 25 older only)."""
    goals = listing(str(g) for g in p.sdg_goals)
    if p.sdg_targets:
        ods, ods_text = 50.0, t("crit.sdg.targets", goals=goals, targets=listing(p.sdg_targets))
    elif p.sdg_goals:
        ods, ods_text = 40.0, t("crit.sdg.goals", goals=goals)
    else:
        ods, ods_text = 0.0, ""
    current = [o for o in p.pnd_objective_ids if o.startswith(ctx.current_pnd_plan + "-")]
    if current:
        pnd, pnd_text = 50.0, t("crit.pnd.current", objectives=listing(pnd_objective_words(o) for o in current))
    elif p.pnd_objective_ids:
        pnd, pnd_text = 25.0, t("crit.pnd.older",
                                objectives=listing(pnd_objective_words(o) for o in p.pnd_objective_ids))
    else:
        pnd, pnd_text = 0.0, ""
    named = "both" if ods_text and pnd_text else "sdg" if ods_text else "pnd" if pnd_text else "none"
    return CriterionScore(ods + pnd, t(f"crit.sdg_pnd.{named}", sdg=ods_text, pnd=pnd_text))


def scope(p: Proposal, ctx: CriteriaContext) -> CriterionScore:
    """Reach: 60 × direct / largest direct reach in the round, + 25 if the benefit is collective,
    + 15 × share of women and youth among the direct beneficiaries (capped at 1)."""
    reference = max(ctx.max_direct_beneficiaries, p.direct_beneficiaries, 1)
    reach = 60.0 * p.direct_beneficiaries / reference
    collective = 25.0 if p.benefit_scope == "collective" else 0.0
    inclusion_share = 0.0
    if p.direct_beneficiaries:
        inclusion_share = min(1.0, (p.women_beneficiaries + p.youth_beneficiaries) / p.direct_beneficiaries)
    score = reach + collective + 15.0 * inclusion_share
    text = t_count("crit.scope", p.direct_beneficiaries, people=number(p.direct_beneficiaries), reach=percent(p.direct_beneficiaries / reference, 0),
             benefit=t("crit.scope.collective" if collective else "crit.scope.individual"),
             inclusion=percent(inclusion_share, 0))
    return CriterionScore(min(100.0, score), text)


def need(p: Proposal, ctx: CriteriaContext) -> CriterionScore:
    """The need it answers: 60 % the advisory group's ranking (votes of its most voted problem over the
    most voted problem) + 40 % the families' needs (share of its most named need over the most named)."""
    parts = []
    problem_part = None
    if ctx.problems:
        top_votes = max(pr.votes for pr in ctx.problems.values()) or 1
        mine = [ctx.problems[q] for q in p.problem_ids if q in ctx.problems]
        if mine:
            best = max(mine, key=lambda pr: (pr.votes, -pr.rank))
            problem_part = 100.0 * best.votes / top_votes
            parts.append(t_count("crit.need.problem", len(ctx.problems), problem=best.label_es, rank=best.rank,
                                 count=len(ctx.problems),
                                 votes=t_count("crit.need.votes", round(best.votes), n=number(best.votes))))
        else:
            problem_part = 0.0
            parts.append(t("crit.need.no_problem"))
    need_part = None
    if ctx.need_shares:
        top_share = max(ctx.need_shares.values()) or 1
        named = [(n, ctx.need_shares.get(n, 0.0)) for n in p.needs]
        if named:
            best_need, share = max(named, key=lambda item: item[1])
            need_part = 100.0 * share / top_share
            parts.append(t("crit.need.need", need=label("proposal_need", best_need), share=percent(share)))
        else:
            need_part = 0.0
            parts.append(t("crit.need.no_need"))
    if problem_part is None and need_part is None:
        return CriterionScore(50.0, t("crit.need.no_data"))
    if problem_part is None:
        score = need_part
    elif need_part is None:
        score = problem_part
    else:
        score = 0.6 * problem_part + 0.4 * need_part
    return CriterionScore(score, capitalized(listing(parts)) + ".")


def counterpart(p: Proposal, ctx: CriteriaContext) -> CriterionScore:
    """Co-financing: the share of the cost not asked of the GAD; half or more earns 100."""
    share = 1.0 - p.requested_usd / p.cost_usd
    score = 100.0 * min(1.0, share / 0.5)
    others = [(who, value) for who, value in (
        (t("crit.counterpart.associations"), p.counterpart_associations_usd),
        (p.cooperant_name or t("crit.counterpart.cooperant"), p.counterpart_cooperant_usd),
        (t("crit.counterpart.other"), p.counterpart_other_usd)) if value > 0]
    if others:
        each = amount_for(value for _, value in others)  # one sentence: its amounts by one rule
        detail = listing(t("crit.counterpart.part", who=who, amount=each(value)) for who, value in others)
        text = t("crit.counterpart.shared", gad=percent(1 - share, 0), others=percent(share, 0), detail=detail)
    else:
        text = t("crit.counterpart.none")
    return CriterionScore(score, text)


def aid_concentration(p: Proposal, ctx: CriteriaContext) -> CriterionScore:
    """Repeated aid of the same kind: 100 − 30 per earlier aid of this kind to its associations
    (averaged over the associations of a joint proposal); flagged at two or more."""
    if p.support_kind is None:  # an incomplete proposal: screening keeps it out of the budget
        return CriterionScore(100.0, t("crit.aid.no_kind"))
    kind = label("support_kind", p.support_kind).lower()
    counts: dict[str, list[AidRow]] = {}
    for a in p.association_ids:
        counts[a] = [row for row in ctx.aid if row.association_id == a and row.kind == p.support_kind
                     and (ctx.aid_since_year is None or (row.year or 0) >= ctx.aid_since_year)]
    mean = sum(len(v) for v in counts.values()) / len(counts)
    score = max(0.0, 100.0 - 30.0 * mean)
    repeated = {a: rows for a, rows in counts.items() if len(rows) >= 2}
    if not any(counts.values()):
        return CriterionScore(score, t("crit.aid.none", kind=kind))
    pieces = []
    for a, rows in counts.items():
        if not rows:
            continue
        when = listing(f"{row.institution}, {row.year}" if row.year else row.institution
                       for row in sorted(rows, key=lambda row: (row.year or 0, row.institution)))
        name = ctx.association_names.get(a) or local_code(a)
        pieces.append(t("crit.aid.once" if len(rows) == 1 else "crit.aid.times", association=name, kind=kind,
                        count=len(rows), when=when))
    text = listing(pieces) + "."
    if repeated:
        text += t("crit.aid.repeated")
    return CriterionScore(score, capitalized(text), flag=bool(repeated))


# -- Judged by people (a computed proxy stands in until evaluators score) ------------------------

def feasibility_proxy(p: Proposal, ctx: CriteriaContext) -> CriterionScore:
    """Proxy: 50 × share of the parts of the national format needed to judge a proposal that it has + 25 for a
    duration of up to 12 months (17,5 up to 24, 10 beyond) + 25 for a budget in two or more lines (12,5 for one)."""
    required = [(item.label_es, item.present) for item in format_items(p) if item.needed_to_judge]
    done = sum(ok for _, ok in required) / len(required)
    if p.duration_months is None:
        duration = 0.0
    elif p.duration_months <= 12:
        duration = 25.0
    elif p.duration_months <= 24:
        duration = 17.5
    else:
        duration = 10.0
    lines = 25.0 if len(p.budget_lines) >= 2 else 12.5 if p.budget_lines else 0.0
    score = 50.0 * done + duration + lines
    missing = [what for what, ok in required if not ok]
    duration_text = (t_count("crit.feasibility.months", p.duration_months, months=number(p.duration_months))
                     if p.duration_months
                     else t("crit.feasibility.no_duration"))
    text = t("crit.proxy") + t("crit.feasibility", done=percent(done, 0), duration=duration_text,
                               missing=t("crit.feasibility.missing", parts=listing(missing)) if missing else "",
                               lines=t_count("crit.feasibility.lines", len(p.budget_lines),
                                             n=number(len(p.budget_lines))))
    return CriterionScore(score, text)


def sustainability_proxy(p: Proposal, ctx: CriteriaContext) -> CriterionScore:
    """Proxy: 50 for a sustainability plan (25 if under 40 characters) + 25 × the associations'
    contribution over 10 % of the cost (capped) + 25 if risks are identified."""
    plan = (p.sustainability or "").strip()
    plan_part = 50.0 if len(plan) >= 40 else 25.0 if plan else 0.0
    own = min(1.0, p.counterpart_associations_usd / (0.1 * p.cost_usd))
    risks = 25.0 if p.risks else 0.0
    score = plan_part + 25.0 * own + risks
    plan_text = t("crit.sustainability.plan" if plan_part == 50 else
                  "crit.sustainability.brief" if plan_part else "crit.sustainability.none")
    text = t("crit.proxy") + t("crit.sustainability", plan=plan_text, amount=amount(p.counterpart_associations_usd),
                               share=percent(p.counterpart_associations_usd / p.cost_usd, 0),
                               risks=t("crit.sustainability.risks" if risks else "crit.sustainability.no_risks"))
    return CriterionScore(score, text)


# Names and descriptions are in the catalogue of user text (core/texts/decidir_presupuesto.py).
_COMPUTE: tuple[tuple[str, Kind, Callable[[Proposal, CriteriaContext], CriterionScore]], ...] = (
    ("pdot", "datos", pdot_alignment),
    ("feasibility", "juicio", feasibility_proxy),
    ("scope", "datos", scope),
    ("sdg_pnd", "datos", sdg_pnd_alignment),
    ("need", "datos", need),
    ("sustainability", "juicio", sustainability_proxy),
    ("counterpart", "datos", counterpart),
    ("aid_concentration", "datos", aid_concentration),
)
CRITERIA: tuple[Criterion, ...] = tuple(
    Criterion(code, label("criterion", code), kind, label("criterion_description", code), compute)
    for code, kind, compute in _COMPUTE)
BY_CODE: dict[str, Criterion] = {c.code: c for c in CRITERIA}
CRITERION_CODES: tuple[str, ...] = tuple(c.code for c in CRITERIA)
