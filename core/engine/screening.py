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
- `complete`: the formulation is complete enough to be judged (core.proposals.formulation).

Offers get the same treatment (`open`, `non_reimbursable`, `competence`, `counterpart`, `pdot`)
and are matched to the proposals and PDOT objectives they could fund.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from core.fmt import amount, amounts_named, capitalized, date, listing, percent
from core.proposals import formulation
from core.proposals.competences import GadCompetence
from core.proposals.models import CENT, COMPETING, Proposal, ProposalStatus
from core.proposals.offers import CooperationOffer
from core.texts import label, t

PROPOSAL_GATES = ("status", "competence", "non_reimbursable", "applicant", "counterpart", "pdot", "complete")
# Who can present an associations' proposal to a cooperant: the parish GAD or the associations themselves.
PROPOSAL_APPLICANTS = ("parish_gad", "association")
# The themes a kind of support fits; a kind not listed fits any competence (training, equipment, assistance).
SUPPORT_KIND_THEMES: dict[str, frozenset[str]] = {
    "infrastructure": frozenset({"infrastructure", "agriculture", "productive_sectors", "environment", "commerce",
                                 "industry"}),
    "inputs": frozenset({"agriculture", "productive_sectors", "industry", "employment"}),
    "marketing": frozenset({"commerce", "productive_sectors", "agriculture", "industry"}),
}

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
    to_confirm: bool = False  # passes, but the planner should confirm it (e.g. a competence that does not fit)
    settles: bool = False  # fails for good (a project already decided): the other gates' reasons are moot

    @property
    def label_es(self) -> str:
        return label("screening_gate", self.gate)


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
        """The gates it fails; only the settling one when a decision already settled it (its money or format
        no longer matter), every one for a draft (what to complete before handing it in)."""
        failed = [g for g in self.gates if not g.passed]
        return [g for g in failed if g.settles] or failed

    @property
    def to_confirm(self) -> list[GateResult]:
        return [g for g in self.gates if g.passed and g.to_confirm]

    def summary_es(self) -> str:
        if self.eligible:
            return t("screen.eligible")
        return t("screen.not_eligible", failures=" ".join(t("screen.failure", gate=g.label_es, reason=g.reason_es)
                                                          for g in self.failures))


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
        return {theme for c in self.competences for theme in c.themes}


def _themes_es(themes: Sequence[str]) -> str:
    return listing(label("theme", theme).lower() for theme in themes)


# -- Proposal gates -----------------------------------------------------------------------------

def gate_competence(p: Proposal, ctx: ScreeningContext) -> GateResult:
    if not p.competence_code:
        return GateResult("competence", False, t("screen.competence.none"))
    found = ctx.competence(p.competence_code)
    if found is None:
        return GateResult("competence", False, t("screen.competence.unknown", themes=_themes_es(p.themes) or
                                                 t("screen.competence.no_theme")))
    doubts = []
    if found.themes and p.themes and not set(p.themes) & set(found.themes):
        doubts.append(t("screen.competence.theme_mismatch", themes=_themes_es(p.themes),
                        covered=_themes_es(found.themes)))
    fitting = SUPPORT_KIND_THEMES.get(p.support_kind)
    if found.themes and fitting is not None and not fitting & set(found.themes):
        doubts.append(t("screen.competence.kind_mismatch", kind=label("support_kind", p.support_kind).lower()))
    if doubts:
        return GateResult("competence", True, t("screen.competence.confirm", title=found.title_es,
                                                doubts=listing(doubts)), to_confirm=True)
    return GateResult("competence", True, t("screen.competence.ok", title=found.title_es, basis=found.legal_basis))


def gate_status(p: Proposal, ctx: ScreeningContext) -> GateResult:
    """Only a proposal its association handed in, and that no decision settled, competes for the budget."""
    if p.status in COMPETING:
        return GateResult("status", True, t("screen.status.ok", status=label("proposal_status", p.status.value)))
    return GateResult("status", False, t(f"screen.status.{p.status.value}"),
                      settles=p.status != ProposalStatus.DRAFT)


def gate_applicant(p: Proposal, ctx: ScreeningContext) -> GateResult:
    """A cooperation offer that names who may apply must admit the parish GAD or the proposing associations."""
    offer = ctx.offers.get(p.cooperation_offer_id) if p.cooperation_offer_id else None
    if offer is None or not offer.eligible_applicants:
        return GateResult("applicant", True, t("screen.applicant.unchecked"))
    admitted = listing(label("eligible_applicant", a) for a in offer.eligible_applicants)
    if not set(offer.eligible_applicants) & set(PROPOSAL_APPLICANTS):
        return GateResult("applicant", False, t("screen.applicant.refused", title=offer.title, admitted=admitted))
    return GateResult("applicant", True, t("screen.applicant.ok", title=offer.title, admitted=admitted))


def gate_non_reimbursable(p: Proposal, ctx: ScreeningContext) -> GateResult:
    if not p.cooperation_offer_id and p.counterpart_cooperant_usd <= 0:
        return GateResult("non_reimbursable", True, t("screen.reimbursable.no_cooperation"))
    if p.cooperation_offer_id:
        offer = ctx.offers.get(p.cooperation_offer_id)
        if offer is None:
            return GateResult("non_reimbursable", False, t("screen.reimbursable.no_offer", offer=p.cooperation_offer_id))
        kind = label("cooperation_type", offer.cooperation_type).lower()
        if offer.reimbursable:
            return GateResult("non_reimbursable", False, t("screen.reimbursable.offer_refund", title=offer.title,
                                                           cooperant=offer.cooperant, kind=kind))
        return GateResult("non_reimbursable", True, t("screen.reimbursable.offer_ok", cooperant=offer.cooperant,
                                                      kind=kind))
    return GateResult("non_reimbursable", True, t("screen.reimbursable.declared", cooperant=p.cooperant_name))


def gate_counterpart(p: Proposal, ctx: ScreeningContext) -> GateResult:
    problems, notes = [], []
    offer = ctx.offers.get(p.cooperation_offer_id) if p.cooperation_offer_id else None
    pct = offer.counterpart_required_pct if offer is not None else None
    needed = (pct / 100 * p.cost_usd if pct is not None else offer.counterpart_required_usd or 0.0) if offer else 0.0
    local = p.local_contribution_usd()
    named = {"requested": p.requested_usd, "available": ctx.available_usd} if ctx.available_usd is not None else {}
    named.update({"needed": needed, "local": local} if needed > 0 else {})
    shown = amounts_named(**named)  # the reasons join in one sentence: the amounts it names by one rule
    if ctx.available_usd is not None:
        key = "screen.counterpart.over" if p.requested_usd > ctx.available_usd + CENT else "screen.counterpart.within"
        (problems if key.endswith("over") else notes).append(
            t(key, requested=shown["requested"], available=shown["available"]))
    if offer is not None and needed > 0:
        what = t("screen.counterpart.pct", pct=percent(pct / 100, 0), amount=shown["needed"]) if pct is not None \
            else t("screen.counterpart.usd", amount=shown["needed"])
        short = local + CENT < needed
        (problems if short else notes).append(t("screen.counterpart.short" if short else "screen.counterpart.enough",
                                                cooperant=offer.cooperant, what=what, local=shown["local"]))
    if problems:
        return GateResult("counterpart", False, capitalized(listing(problems)) + ".")
    if not notes:
        return GateResult("counterpart", True, t("screen.counterpart.nothing"))
    return GateResult("counterpart", True, capitalized(listing(notes)) + ".")


def gate_pdot(p: Proposal, ctx: ScreeningContext) -> GateResult:
    if not p.pdot_objective_ids:
        return GateResult("pdot", False, t("screen.pdot.none"))
    if ctx.pdot_objectives is not None:
        known = [o for o in p.pdot_objective_ids if o in ctx.pdot_objectives]
        if not known:
            return GateResult("pdot", False, t("screen.pdot.unknown", named=listing(p.pdot_objective_ids)))
        return GateResult("pdot", True, t("screen.pdot.known_one" if len(known) == 1 else "screen.pdot.known",
                                          count=len(known), known=listing(known)))
    return GateResult("pdot", True, t("screen.pdot.named", named=listing(p.pdot_objective_ids)))


def gate_complete(p: Proposal, ctx: ScreeningContext) -> GateResult:
    """Refused without what is needed to judge it (the parts of the national format so marked, and what an incomplete
    import left out: Proposal.missing_parts); passed, naming what the format still asks for, when only other parts
    are missing. Each message about the format cites where the thesis lists its parts."""
    absent = formulation.missing(p)
    needed = [item for item in absent if item.needed_to_judge]
    unjudged = [*p.missing_parts(), *(item.label_es for item in needed)]
    if unjudged:
        cite = t("formato.cited", cite=formulation.citations(needed)) if needed else ""
        return GateResult("complete", False, t("formato.missing_needed", missing=listing(unjudged), cite=cite))
    if absent:
        return GateResult("complete", True, t("formato.incomplete", missing=listing(i.label_es for i in absent),
                                              cite=formulation.citations(absent)))
    return GateResult("complete", True, t("formato.complete", cite=t("formato.cite.appendix3")))


PROPOSAL_GATE_FUNCTIONS = {"status": gate_status, "competence": gate_competence,
                           "non_reimbursable": gate_non_reimbursable,
                           "applicant": gate_applicant, "counterpart": gate_counterpart, "pdot": gate_pdot, "complete": gate_complete}


def screen_proposal(p: Proposal, ctx: ScreeningContext) -> Screening:
    return Screening(p.proposal_id, tuple(PROPOSAL_GATE_FUNCTIONS[g](p, ctx) for g in PROPOSAL_GATES))


def screen_proposals(proposals: Sequence[Proposal], ctx: ScreeningContext) -> list[Screening]:
    return [screen_proposal(p, ctx) for p in proposals]


def eligible_ids(screenings: Sequence[Screening]) -> list[str]:
    return [s.item_id for s in screenings if s.eligible]


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
        reasons = [t("screen.match.themes", themes=_themes_es(themes))]
        if kind:
            reasons.append(t("screen.match.kind", kind=label("support_kind", p.support_kind).lower()))
        sdg = sorted(set(p.sdg_goals) & set(offer.sdg_goals))
        if sdg:
            reasons.append(t("screen.match.sdg", goals=listing(str(g) for g in sdg)))
        amount_ok = False
        wanted = p.counterpart_cooperant_usd or (p.cost_usd - p.requested_usd)
        if offer.amount_usd is not None and wanted > 0 and offer.amount_usd >= wanted:
            amount_ok = True
            reasons.append(t("screen.match.amount", **amounts_named(amount=offer.amount_usd, wanted=wanted)))
        fit = 1 + int(kind) + int(bool(sdg)) + int(amount_ok)
        matches.append(ProposalMatch(p.proposal_id, fit, tuple(reasons)))
    matches.sort(key=lambda m: (-m.fit, m.proposal_id))
    objectives: set[str] = set()
    by_id = {p.proposal_id: p for p in proposals}
    for m in matches:
        objectives.update(by_id[m.proposal_id].pdot_objective_ids)
    if ctx.pdot_objectives is not None:
        components = {c for theme in offer.themes for c in ctx.theme_components.get(theme, ())}
        objectives.update(o for o, (component, _) in ctx.pdot_objectives.items() if component in components)
        objectives &= set(ctx.pdot_objectives)
    return OfferMatch(offer.offer_id, tuple(matches), tuple(sorted(objectives)))


def screen_offer(offer: CooperationOffer, ctx: ScreeningContext,
                 proposals: Sequence[Proposal] = ()) -> Screening:
    gates = []
    # open
    if offer.status != "open":
        gates.append(GateResult("open", False, t(f"screen.open.{offer.status}")))
    elif ctx.today and offer.deadline and offer.deadline < ctx.today:
        gates.append(GateResult("open", False, t("screen.open.expired", date=date(offer.deadline))))
    elif offer.deadline:
        gates.append(GateResult("open", True, t("screen.open.until", date=date(offer.deadline))))
    else:
        gates.append(GateResult("open", True, t("screen.open.ok")))
    # non-reimbursable
    kind = label("cooperation_type", offer.cooperation_type).lower()
    if offer.reimbursable:
        gates.append(GateResult("non_reimbursable", False, t("screen.offer.refund", kind=kind)))
    else:
        gates.append(GateResult("non_reimbursable", True, t("screen.offer.no_refund", kind=kind)))
    # competence
    covered = sorted(set(offer.themes) & ctx.competence_themes())
    if not offer.themes:
        gates.append(GateResult("competence", False, t("screen.offer.no_themes")))
    elif covered:
        gates.append(GateResult("competence", True, t("screen.offer.themes_ok", themes=_themes_es(covered))))
    else:
        gates.append(GateResult("competence", False, t("screen.offer.themes_out", themes=_themes_es(offer.themes))))
    # counterpart
    required = offer.required_counterpart_usd()
    if required is None:
        gates.append(GateResult("counterpart", False, t("screen.offer.counterpart_unknown")))
    elif required <= 0:
        gates.append(GateResult("counterpart", True, t("screen.offer.counterpart_none")))
    elif ctx.counterpart_available_usd is None:
        gates.append(GateResult("counterpart", True, t("screen.offer.counterpart_unchecked", required=amount(required))))
    elif not offer.counterpart_within(ctx.counterpart_available_usd):
        gates.append(GateResult("counterpart", False, t("screen.offer.counterpart_short", **amounts_named(
            required=required, reserved=ctx.counterpart_available_usd))))
    else:
        gates.append(GateResult("counterpart", True, t("screen.offer.counterpart_ok", **amounts_named(
            required=required, reserved=ctx.counterpart_available_usd))))
    # pdot
    match = match_offer(offer, proposals, ctx)
    if match.pdot_objective_ids:
        gates.append(GateResult("pdot", True, t("screen.offer.pdot", objectives=listing(match.pdot_objective_ids))))
    else:
        gates.append(GateResult("pdot", False, t("screen.offer.no_pdot")))
    return Screening(offer.offer_id, tuple(gates))
