"""The default criteria a proposal is scored on: each 0–100 with one Spanish sentence that says why.

A criterion is either computed from data (`kind="datos"`: the proposal's own fields, the problems
the advisory group ranked, the needs the families named, the aid already received) or judged by
people (`kind="juicio"`: evaluators score it; until they do, a proxy computed from the
formulation stands in and says so). Every function here is pure: a `Proposal` and a
`CriteriaContext` in, a `CriterionScore` out, so a table of cases can test each one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from core.fmt import money, number, percent
from core.schemas.proposals import NEED_LABELS_ES, SUPPORT_KIND_LABELS_ES, Proposal
from core.texts.decidir_presupuesto import LABELS as _LABELS

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
    - `aid_since_year`: only aid from this year on counts as repeated (None: all of it).
    """

    pdot_objectives: dict[str, str] | None = None
    problems: dict[str, Problem] = field(default_factory=dict)
    need_shares: dict[str, float] = field(default_factory=dict)
    aid: list[AidRow] = field(default_factory=list)
    current_pnd_plan: str = "PND_2024_2025"
    max_direct_beneficiaries: int = 0
    aid_since_year: int | None = None


@dataclass(frozen=True)
class Criterion:
    code: str
    label_es: str
    kind: Kind
    description_es: str
    compute: Callable[[Proposal, CriteriaContext], CriterionScore]


# -- The formulation checklist (shared with the completeness gate in core.screening) -----------

def formulation_items(p: Proposal) -> list[tuple[str, bool, bool]]:
    """(what, present, required) for each part of a project the thesis asks for (§4.4–4.5)."""
    return [
        ("el problema o diagnóstico", bool(p.problem and p.problem.strip()), True),
        ("el objetivo general", bool(p.general_objective and p.general_objective.strip()), True),
        ("al menos un objetivo específico", bool(p.specific_objectives), True),
        ("los beneficiarios directos", p.direct_beneficiaries > 0, True),
        ("el presupuesto por líneas", bool(p.budget_lines), True),
        ("la duración", p.duration_months is not None, True),
        ("al menos un indicador con línea base, meta y medio de verificación", bool(p.indicators), True),
        ("el responsable del proyecto", bool(p.project_manager and p.project_manager.strip()), True),
        ("la ubicación", bool(p.location and p.location.strip()), False),
        ("la sostenibilidad al terminar", bool(p.sustainability and p.sustainability.strip()), False),
        ("los riesgos", bool(p.risks), False),
    ]


def _list_es(items: list[str]) -> str:
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " y " + items[-1]


# -- Computed from data -----------------------------------------------------------------------

def pdot_alignment(p: Proposal, ctx: CriteriaContext) -> CriterionScore:
    """Linked PDOT objectives: none 0, one 70, two 90, three or more 100 (diminishing returns)."""
    known = p.pdot_objective_ids if ctx.pdot_objectives is None else [
        o for o in p.pdot_objective_ids if o in ctx.pdot_objectives]
    unknown = [o for o in p.pdot_objective_ids if o not in known]
    n = len(set(known))
    score = {0: 0.0, 1: 70.0, 2: 90.0}.get(n, 100.0)
    if n == 0:
        text = "No se alinea con ningún objetivo del PDOT de la parroquia."
    else:
        names = []
        for o in known:
            label = (ctx.pdot_objectives or {}).get(o)
            names.append(f"{o} («{label}»)" if label else o)
        text = f"Se alinea con {n} objetivo{'s' if n > 1 else ''} del PDOT: {_list_es(names)}."
    if unknown:
        text += f" No están en el PDOT: {_list_es(unknown)}."
    return CriterionScore(score, text)


def sdg_pnd_alignment(p: Proposal, ctx: CriteriaContext) -> CriterionScore:
    """ODS (up to 50: 40 for goals, 50 with a specific target) plus PND (50 current plan, 25 older only)."""
    parts = []
    if p.sdg_targets:
        ods, ods_text = 50.0, f"ODS {_list_es([str(g) for g in p.sdg_goals])} con metas {_list_es(p.sdg_targets)}"
    elif p.sdg_goals:
        ods, ods_text = 40.0, f"ODS {_list_es([str(g) for g in p.sdg_goals])} sin meta específica"
    else:
        ods, ods_text = 0.0, "ningún ODS"
    parts.append(ods_text)
    current = [o for o in p.pnd_objective_ids if o.startswith(ctx.current_pnd_plan + "-")]
    if current:
        pnd = 50.0
        parts.append(f"objetivos del PND vigente {_list_es(current)}")
    elif p.pnd_objective_ids:
        pnd = 25.0
        parts.append(f"solo objetivos de un PND anterior ({_list_es(p.pnd_objective_ids)}), que cuentan la mitad")
    else:
        pnd = 0.0
        parts.append("ningún objetivo del PND")
    return CriterionScore(ods + pnd, f"Nombra {parts[0]} y {parts[1]}.")


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
    text = (f"Beneficia de forma directa a {number(p.direct_beneficiaries)} personas "
            f"({percent(p.direct_beneficiaries / reference, 0)} del mayor alcance entre las propuestas); "
            f"beneficio {'colectivo' if collective else 'individual (reparto entre socios)'}; "
            f"mujeres y jóvenes: {percent(inclusion_share, 0)} de los beneficiarios directos.")
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
            parts.append(f"atiende «{best.label_es}», {best.rank}.º de {len(ctx.problems)} problemas en la votación "
                         f"del grupo asesor ({number(best.votes)} votos)")
        else:
            problem_part = 0.0
            parts.append("no atiende ninguno de los problemas priorizados por el grupo asesor")
    need_part = None
    if ctx.need_shares:
        top_share = max(ctx.need_shares.values()) or 1
        named = [(n, ctx.need_shares.get(n, 0.0)) for n in p.needs]
        if named:
            best_need, share = max(named, key=lambda item: item[1])
            need_part = 100.0 * share / top_share
            parts.append(f"responde a la necesidad «{NEED_LABELS_ES.get(best_need, best_need)}» "
                         f"({percent(share)} de las menciones de las familias)")
        else:
            need_part = 0.0
            parts.append("no nombra ninguna necesidad de las familias")
    if problem_part is None and need_part is None:
        return CriterionScore(50.0, "Sin datos del diagnóstico (problemas priorizados ni necesidades): "
                                    "puntaje neutro de 50.")
    if problem_part is None:
        score = need_part
    elif need_part is None:
        score = problem_part
    else:
        score = 0.6 * problem_part + 0.4 * need_part
    text = _list_es(parts)
    return CriterionScore(score, text[0].upper() + text[1:] + ".")


def counterpart(p: Proposal, ctx: CriteriaContext) -> CriterionScore:
    """Co-financing: the share of the cost not asked of the GAD; half or more earns 100."""
    share = 1.0 - p.requested_usd / p.cost_usd
    score = 100.0 * min(1.0, share / 0.5)
    others = [(label, amount) for label, amount in (
        ("las asociaciones", p.counterpart_associations_usd),
        (p.cooperant_name or "el cooperante", p.counterpart_cooperant_usd),
        ("otros", p.counterpart_other_usd)) if amount > 0]
    if others:
        detail = _list_es([f"{label} ({money(amount)})" for label, amount in others])
        text = (f"El GAD pondría el {percent(1 - share, 0)} del costo; el {percent(share, 0)} lo ponen {detail}.")
    else:
        text = "El GAD pondría todo el costo: no hay contraparte de las asociaciones ni cofinanciamiento."
    return CriterionScore(score, text)


def aid_concentration(p: Proposal, ctx: CriteriaContext) -> CriterionScore:
    """Repeated aid of the same kind: 100 − 30 per earlier aid of this kind to its associations
    (averaged over the associations of a joint proposal); flagged at two or more."""
    label = SUPPORT_KIND_LABELS_ES.get(p.support_kind, p.support_kind).lower()
    counts: dict[str, list[AidRow]] = {}
    for a in p.association_ids:
        counts[a] = [row for row in ctx.aid if row.association_id == a and row.kind == p.support_kind
                     and (ctx.aid_since_year is None or (row.year or 0) >= ctx.aid_since_year)]
    mean = sum(len(v) for v in counts.values()) / len(counts)
    score = max(0.0, 100.0 - 30.0 * mean)
    repeated = {a: rows for a, rows in counts.items() if len(rows) >= 2}
    if not any(counts.values()):
        return CriterionScore(score, f"Sus asociaciones no registran ayudas previas de {label}.")
    pieces = []
    for a, rows in counts.items():
        if not rows:
            continue
        when = _list_es([f"{row.institution}, {row.year}" if row.year else row.institution
                         for row in sorted(rows, key=lambda row: (row.year or 0, row.institution))])
        pieces.append(f"«{a}» ya recibió {label} {len(rows)} {'vez' if len(rows) == 1 else 'veces'} ({when})")
    text = _list_es(pieces) + "."
    if repeated:
        text += " Ayuda repetida del mismo tipo: conviene revisar si aporta algo nuevo."
    return CriterionScore(score, text[0].upper() + text[1:], flag=bool(repeated))


# -- Judged by people (a computed proxy stands in until evaluators score) ------------------------

def feasibility_proxy(p: Proposal, ctx: CriteriaContext) -> CriterionScore:
    """Proxy: 50 × share of the required formulation parts present + 25 for a duration of up to
    12 months (17,5 up to 24, 10 beyond) + 25 for a budget in two or more lines (12,5 for one)."""
    items = formulation_items(p)
    required = [(what, ok) for what, ok, req in items if req]
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
    text = (f"Aproximación calculada hasta que los evaluadores califiquen: formulación "
            f"{percent(done, 0)} completa")
    text += f" (falta {_list_es(missing)})" if missing else ""
    text += (f"; duración {number(p.duration_months) + ' meses' if p.duration_months else 'sin indicar'}; "
             f"presupuesto en {len(p.budget_lines)} líneas.")
    return CriterionScore(score, text)


def sustainability_proxy(p: Proposal, ctx: CriteriaContext) -> CriterionScore:
    """Proxy: 50 for a sustainability plan (25 if under 40 characters) + 25 × the associations'
    contribution over 10 % of the cost (capped) + 25 if risks are identified."""
    plan = (p.sustainability or "").strip()
    plan_part = 50.0 if len(plan) >= 40 else 25.0 if plan else 0.0
    own = min(1.0, p.counterpart_associations_usd / (0.1 * p.cost_usd))
    risks = 25.0 if p.risks else 0.0
    score = plan_part + 25.0 * own + risks
    text = ("Aproximación calculada hasta que los evaluadores califiquen: "
            + ("tiene un plan de sostenibilidad" if plan_part == 50 else
               "su plan de sostenibilidad es muy breve" if plan_part else "no dice cómo seguirá al terminar")
            + f"; las asociaciones aportan {money(p.counterpart_associations_usd)} "
              f"({percent(p.counterpart_associations_usd / p.cost_usd, 0)} del costo)"
            + ("; identifica riesgos." if risks else "; no identifica riesgos."))
    return CriterionScore(score, text)


# Names and descriptions live in the one catalogue of user text (core/texts/decidir_presupuesto.py).
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
    Criterion(code, _LABELS["criterion"][code], kind, _LABELS["criterion_description"][code], compute)
    for code, kind, compute in _COMPUTE)
BY_CODE: dict[str, Criterion] = {c.code: c for c in CRITERIA}
CRITERION_CODES: tuple[str, ...] = tuple(c.code for c in CRITERIA)
