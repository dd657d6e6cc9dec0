"""Screening: eligibility gates that are rules, not scores. A proposal failing one is "not eligible",
not merely ranked low (seed-002 brief §9.3–9.4).

Proposal gates, each pass/fail with a Spanish reason:
- `competence`: it exercises one of the parish GAD's competences (a list the planner edits, COOTAD
  art. 65);
- `non_reimbursable`: any cooperation money in it is non-reimbursable (Resolución 009-CNC-2011:
  the GAD's cooperation competence covers non-reimbursable funds and technical assistance);
- `counterpart`: what it asks of the GAD fits the money available, and it puts up the counterpart
  its cooperation offer requires;
- `pdot`: it names at least one objective of the parish PDOT (COPFP art. 68);
- `complete`: the formulation is complete enough to be judged (core.criteria.formulation_items).

Offers get the same treatment (`open`, `non_reimbursable`, `competence`, `counterpart`, `pdot`)
and are matched to the proposals and PDOT objectives they could fund.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import polars as pl

from core.criteria import formulation_items
from core.fmt import date, money, percent
from core.schemas.proposals import (
    COOPERATION_TYPE_LABELS_ES,
    SUPPORT_KIND_LABELS_ES,
    THEME_LABELS_ES,
    CooperationOffer,
    GadCompetence,
    Proposal,
)
from core.texts.decidir_presupuesto import LABELS as _LABELS

# Spanish labels live in the one catalogue of user text (core/texts/decidir_presupuesto.py).
GATE_LABELS_ES: dict[str, str] = _LABELS["screening_gate"]
PROPOSAL_GATES = ("competence", "non_reimbursable", "counterpart", "pdot", "complete")
OFFER_GATES = ("open", "non_reimbursable", "competence", "counterpart", "pdot")

# Which PDOT components (the five of Ecuador's planning guide) a thematic area bears on; the
# default a planner can replace through ScreeningContext.theme_components.
THEME_COMPONENTS: dict[str, tuple[str, ...]] = {
    "agriculture": ("Económico productivo", "Biofísico"),
    "productive_sectors": ("Económico productivo",),
    "commerce": ("Económico productivo",),
    "industry": ("Económico productivo",),
    "employment": ("Económico productivo",),
    "environment": ("Biofísico",),
    "infrastructure": ("Asentamientos humanos",),
    "governance": ("Político institucional",),
    "gender": ("Sociocultural", "Político institucional"),
    "human_rights": ("Sociocultural",),
    "conflict_resolution": ("Político institucional",),
    "culture": ("Sociocultural",),
    "education": ("Sociocultural",),
    "health": ("Sociocultural",),
    "science_technology": ("Económico productivo",),
}


@dataclass(frozen=True)
class GateResult:
    gate: str
    passed: bool
    reason_es: str

    @property
    def label_es(self) -> str:
        return GATE_LABELS_ES[self.gate]


@dataclass(frozen=True)
class Screening:
    """The gates of one proposal or offer; eligible when every gate passes."""

    item_id: str
    gates: tuple[GateResult, ...]

    @property
    def eligible(self) -> bool:
        return all(g.passed for g in self.gates)

    @property
    def failures(self) -> list[GateResult]:
        return [g for g in self.gates if not g.passed]

    def summary_es(self) -> str:
        if self.eligible:
            return "Elegible: cumple todas las condiciones."
        return "No elegible: " + " ".join(f"{g.label_es}: {g.reason_es}" for g in self.failures)


@dataclass
class ScreeningContext:
    """What the gates compare against.

    - `competences`: the parish GAD's competences (the editable list);
    - `pdot_objectives`: id → (component, text) of the parish PDOT (None: any named id counts);
    - `offers`: the cooperation offers by id;
    - `available_usd`: the money the GAD can allocate this year (None: not checked);
    - `counterpart_available_usd`: the money reserved for counterparts of cooperation (None: not checked);
    - `today`: the date deadlines are compared with (None: not checked).
    """

    competences: Sequence[GadCompetence] = ()
    pdot_objectives: Mapping[str, tuple[str, str]] | None = None
    offers: Mapping[str, CooperationOffer] = field(default_factory=dict)
    available_usd: float | None = None
    counterpart_available_usd: float | None = None
    today: dt.date | None = None
    theme_components: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: dict(THEME_COMPONENTS))

    def competence(self, code: str | None) -> GadCompetence | None:
        return next((c for c in self.competences if c.competence_code == code), None)

    def competence_themes(self) -> set[str]:
        return {t for c in self.competences for t in c.themes}


def _list_es(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " y " + items[-1]


# -- Proposal gates -----------------------------------------------------------------------------

def gate_competence(p: Proposal, ctx: ScreeningContext) -> GateResult:
    if not p.competence_code:
        return GateResult("competence", False, "No indica qué competencia del GAD parroquial ejerce.")
    found = ctx.competence(p.competence_code)
    if found is None:
        return GateResult("competence", False,
                          f"«{p.competence_code}» no está entre las competencias del GAD parroquial (COOTAD art. 65); "
                          "otro nivel de gobierno debería atenderla.")
    return GateResult("competence", True, f"Ejerce la competencia «{found.title_es}» ({found.legal_basis}).")


def gate_non_reimbursable(p: Proposal, ctx: ScreeningContext) -> GateResult:
    if not p.cooperation_offer_id and p.counterpart_cooperant_usd <= 0:
        return GateResult("non_reimbursable", True, "No usa fondos de cooperación.")
    if p.cooperation_offer_id:
        offer = ctx.offers.get(p.cooperation_offer_id)
        if offer is None:
            return GateResult("non_reimbursable", False,
                              f"No se encuentra la oferta «{p.cooperation_offer_id}» para verificar sus condiciones.")
        if offer.reimbursable:
            return GateResult("non_reimbursable", False,
                              f"La oferta «{offer.title}» de {offer.cooperant} es reembolsable "
                              f"({COOPERATION_TYPE_LABELS_ES[offer.cooperation_type].lower()}): la competencia de "
                              "cooperación del GAD cubre solo fondos no reembolsables y asistencia técnica "
                              "(Resolución 009-CNC-2011); un crédito sigue otro trámite.")
        return GateResult("non_reimbursable", True,
                          f"La oferta de {offer.cooperant} es no reembolsable "
                          f"({COOPERATION_TYPE_LABELS_ES[offer.cooperation_type].lower()}).")
    return GateResult("non_reimbursable", True,
                      f"El aporte de {p.cooperant_name} se declara como no reembolsable (sin oferta registrada).")


def gate_counterpart(p: Proposal, ctx: ScreeningContext) -> GateResult:
    problems, notes = [], []
    if ctx.available_usd is not None:
        if p.requested_usd > ctx.available_usd + 0.005:
            problems.append(f"pide {money(p.requested_usd)} al GAD y solo hay {money(ctx.available_usd)} disponibles")
        else:
            notes.append(f"pide {money(p.requested_usd)} al GAD, dentro de lo disponible ({money(ctx.available_usd)})")
    offer = ctx.offers.get(p.cooperation_offer_id) if p.cooperation_offer_id else None
    if offer is not None:
        local = p.local_contribution_usd()
        if offer.counterpart_required_pct is not None:
            needed = offer.counterpart_required_pct / 100 * p.cost_usd
            what = f"una contraparte del {percent(offer.counterpart_required_pct / 100, 0)} del costo ({money(needed)})"
        elif offer.counterpart_required_usd is not None:
            needed = offer.counterpart_required_usd
            what = f"una contraparte de {money(needed)}"
        else:
            needed, what = 0.0, ""
        if needed > 0:
            if local + 0.005 < needed:
                problems.append(f"la oferta de {offer.cooperant} exige {what} y la propuesta pone {money(local)} "
                                "entre GAD, asociaciones y otros")
            else:
                notes.append(f"la oferta de {offer.cooperant} exige {what} y la propuesta pone {money(local)}")
    if problems:
        return GateResult("counterpart", False, _cap(_list_es(problems)) + ".")
    if not notes:
        return GateResult("counterpart", True, "No se exige contraparte que verificar.")
    return GateResult("counterpart", True, _cap(_list_es(notes)) + ".")


def gate_pdot(p: Proposal, ctx: ScreeningContext) -> GateResult:
    if not p.pdot_objective_ids:
        return GateResult("pdot", False, "No nombra ningún objetivo del PDOT (COPFP art. 68; COOTAD art. 131).")
    if ctx.pdot_objectives is not None:
        known = [o for o in p.pdot_objective_ids if o in ctx.pdot_objectives]
        if not known:
            return GateResult("pdot", False, f"Ninguno de los objetivos que nombra ({_list_es(p.pdot_objective_ids)}) "
                                             "está en el PDOT de la parroquia.")
        return GateResult("pdot", True, f"Nombra {len(known)} objetivo{'s' if len(known) > 1 else ''} del PDOT: "
                                        f"{_list_es(known)}.")
    return GateResult("pdot", True, f"Nombra objetivos del PDOT: {_list_es(p.pdot_objective_ids)}.")


def gate_complete(p: Proposal, ctx: ScreeningContext) -> GateResult:
    items = formulation_items(p)
    missing = [what for what, ok, required in items if required and not ok]
    advisable = [what for what, ok, required in items if not required and not ok]
    if missing:
        return GateResult("complete", False, f"Falta {_list_es(missing)}.")
    text = "Tiene todo lo necesario para evaluarla"
    text += f" (conviene completar {_list_es(advisable)})." if advisable else "."
    return GateResult("complete", True, text)


PROPOSAL_GATE_FUNCTIONS = {"competence": gate_competence, "non_reimbursable": gate_non_reimbursable,
                           "counterpart": gate_counterpart, "pdot": gate_pdot, "complete": gate_complete}


def screen_proposal(p: Proposal, ctx: ScreeningContext) -> Screening:
    return Screening(p.proposal_id, tuple(PROPOSAL_GATE_FUNCTIONS[g](p, ctx) for g in PROPOSAL_GATES))


def screen_proposals(proposals: Sequence[Proposal], ctx: ScreeningContext) -> list[Screening]:
    return [screen_proposal(p, ctx) for p in proposals]


def eligible_ids(screenings: Sequence[Screening]) -> list[str]:
    return [s.item_id for s in screenings if s.eligible]


def screenings_frame(screenings: Sequence[Screening], id_column: str = "proposal_id") -> pl.DataFrame:
    """Long shape: one row per (item, gate) with pass/fail and the reason."""
    rows = [{id_column: s.item_id, "gate": g.gate, "label_es": g.label_es, "passed": g.passed,
             "reason_es": g.reason_es, "eligible": s.eligible} for s in screenings for g in s.gates]
    return pl.DataFrame(rows, schema={id_column: pl.Utf8, "gate": pl.Utf8, "label_es": pl.Utf8,
                                      "passed": pl.Boolean, "reason_es": pl.Utf8, "eligible": pl.Boolean})


# -- Offers ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ProposalMatch:
    proposal_id: str
    fit: int  # how many aspects match: theme, kind of support, ODS, amount
    reasons_es: tuple[str, ...]


@dataclass(frozen=True)
class OfferMatch:
    offer_id: str
    proposals: tuple[ProposalMatch, ...]
    pdot_objective_ids: tuple[str, ...]


def match_offer(offer: CooperationOffer, proposals: Sequence[Proposal], ctx: ScreeningContext) -> OfferMatch:
    """The proposals this offer could fund, best fit first, and the PDOT objectives it could serve.

    A proposal matches when it shares a thematic area with the offer; the fit counts the aspects
    that agree (theme, kind of support, ODS, an amount that covers what the proposal expects from a
    cooperant). PDOT objectives come from the matched proposals and from
    the components of the PDOT the offer's themes bear on."""
    matches = []
    for p in proposals:
        themes = sorted(set(p.themes) & set(offer.themes))
        if not themes:
            continue
        kind = p.support_kind in offer.support_kinds
        reasons = ["temas: " + _list_es([THEME_LABELS_ES[t].lower() for t in themes])]
        if kind:
            reasons.append(f"tipo de apoyo: {SUPPORT_KIND_LABELS_ES[p.support_kind].lower()}")
        sdg = sorted(set(p.sdg_goals) & set(offer.sdg_goals))
        if sdg:
            reasons.append("ODS " + _list_es([str(g) for g in sdg]))
        amount_ok = False
        wanted = p.counterpart_cooperant_usd or (p.cost_usd - p.requested_usd)
        if offer.amount_usd is not None and wanted > 0 and offer.amount_usd >= wanted:
            amount_ok = True
            reasons.append(f"el monto ({money(offer.amount_usd)}) cubre lo que espera de un cooperante "
                           f"({money(wanted)})")
        fit = 1 + int(kind) + int(bool(sdg)) + int(amount_ok)
        matches.append(ProposalMatch(p.proposal_id, fit, tuple(reasons)))
    matches.sort(key=lambda m: (-m.fit, m.proposal_id))
    objectives: set[str] = set()
    by_id = {p.proposal_id: p for p in proposals}
    for m in matches:
        objectives.update(by_id[m.proposal_id].pdot_objective_ids)
    if ctx.pdot_objectives is not None:
        components = {c for t in offer.themes for c in ctx.theme_components.get(t, ())}
        objectives.update(o for o, (component, _) in ctx.pdot_objectives.items() if component in components)
        objectives &= set(ctx.pdot_objectives)
    return OfferMatch(offer.offer_id, tuple(matches), tuple(sorted(objectives)))


def screen_offer(offer: CooperationOffer, ctx: ScreeningContext,
                 proposals: Sequence[Proposal] = ()) -> Screening:
    gates = []
    # open
    if offer.status != "open":
        status = {"closed": "cerrada", "executed": "ya ejecutada", "not_executed": "no ejecutada"}[offer.status]
        gates.append(GateResult("open", False, f"La oferta está {status}."))
    elif ctx.today and offer.deadline and offer.deadline < ctx.today:
        gates.append(GateResult("open", False, f"Venció el {date(offer.deadline)}."))
    else:
        until = f" hasta el {date(offer.deadline)}" if offer.deadline else ""
        gates.append(GateResult("open", True, f"Está abierta{until}."))
    # non-reimbursable
    label = COOPERATION_TYPE_LABELS_ES[offer.cooperation_type].lower()
    if offer.reimbursable:
        gates.append(GateResult("non_reimbursable", False,
                                f"Es reembolsable ({label}): la competencia de cooperación del GAD cubre fondos no "
                                "reembolsables y asistencia técnica (Resolución 009-CNC-2011)."))
    else:
        gates.append(GateResult("non_reimbursable", True, f"Es no reembolsable ({label})."))
    # competence
    covered = sorted(set(offer.themes) & ctx.competence_themes())
    if not offer.themes:
        gates.append(GateResult("competence", False, "La oferta no indica sus temas."))
    elif covered:
        gates.append(GateResult("competence", True, "Sus temas entran en las competencias del GAD parroquial: "
                                + _list_es([THEME_LABELS_ES[t].lower() for t in covered]) + "."))
    else:
        gates.append(GateResult("competence", False, "Sus temas (" + _list_es([THEME_LABELS_ES[t].lower()
                                                                             for t in offer.themes])
                                + ") no son competencia del GAD parroquial (COOTAD art. 65)."))
    # counterpart
    required = offer.required_counterpart_usd()
    if required is None:
        gates.append(GateResult("counterpart", False, "Exige contraparte pero no dice cuánto: pídalo antes de "
                                                      "postular."))
    elif required <= 0:
        gates.append(GateResult("counterpart", True, "No exige contraparte."))
    elif ctx.counterpart_available_usd is None:
        gates.append(GateResult("counterpart", True, f"Exige una contraparte de {money(required)}; no se indicó "
                                                     "cuánto tiene reservado el GAD."))
    elif required > ctx.counterpart_available_usd + 0.005:
        gates.append(GateResult("counterpart", False,
                                f"Exige una contraparte de {money(required)} y el GAD tiene reservados "
                                f"{money(ctx.counterpart_available_usd)}: sin esa reserva la postulación fracasa "
                                "(así se perdió la oferta del Japón en Azogues)."))
    else:
        gates.append(GateResult("counterpart", True, f"Exige una contraparte de {money(required)}, dentro de lo "
                                                     f"reservado ({money(ctx.counterpart_available_usd)})."))
    # pdot
    match = match_offer(offer, proposals, ctx)
    if match.pdot_objective_ids:
        gates.append(GateResult("pdot", True, "Puede servir a los objetivos del PDOT "
                                + _list_es(list(match.pdot_objective_ids)) + "."))
    else:
        gates.append(GateResult("pdot", False, "No sirve a ningún objetivo del PDOT de la parroquia."))
    return Screening(offer.offer_id, tuple(gates))


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]
