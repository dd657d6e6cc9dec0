"""What the Ofertas de cooperación page shows for each offer: its screening checklist, the proposals and PDOT
objectives it could fund, and whether the parish can put up the counterpart it demands. No Streamlit here.

The counterpart the parish has available starts from the budget: the reserve of the budget the board fixed
(core.engine.scenarios.board_budget), else the reserve of the newest saved scenario, else `DEFAULT_COUNTERPART_USD`
(an example figure the page labels as such). Each offer is compared with the whole amount: applying to
several at once shares it, and `committed_usd` says how much the eligible ones demand together. The offer form's
body becomes a model here too (`offer_from_form`: whether an offer is reimbursable follows from its type).

`THESIS_CASES` marks the two cases of the Azogues thesis the demo carries: the Japanese offer lost for lack
of a counterpart, and the Israeli irrigation project that succeeded with one (seed-002 brief §1.8–1.9).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import polars as pl

from core.cooperation.cooperants import Cooperant, cooperant_name
from core.data import rural
from core.engine.prioritization import DecisionInputs, screening_context
from core.engine.screening import OfferMatch, Screening, match_offer, screen_offer
from core.fmt import amount, amounts_named
from core.proposals.import_cells import parse_number
from core.proposals.models import CENT, Proposal
from core.proposals.offers import ENTERED, REIMBURSABLE_TYPES, CooperationOffer
from core.record.store import Store
from core.texts import label, t

DEFAULT_COUNTERPART_USD = 10_000.0
THESIS_CASES: dict[str, Literal["failure", "success"]] = {"OF-JAPON-RIEGO": "failure", "OF-ISRAEL-PGA-2019": "success"}
Origin = Literal["board", "scenario", "example"]


def counterpart_default(store: Store, parish_code: str) -> tuple[float, Origin, str | None]:
    """The counterpart money to start from, where it comes from, and the scenario's name when from one."""
    from core.engine import scenarios

    board = scenarios.board_budget(store, parish_code)
    if board is not None and board.reserve_usd > 0:
        return float(board.reserve_usd), "board", None
    for saved in scenarios.list_scenarios(store, parish_code):  # newest first
        if saved.scenario.rules.reserve_usd > 0:
            return float(saved.scenario.rules.reserve_usd), "scenario", saved.scenario.name
    return DEFAULT_COUNTERPART_USD, "example", None


@dataclass(frozen=True)
class OfferReview:
    offer: CooperationOffer
    screening: Screening
    match: OfferMatch
    required_usd: float | None  # the counterpart the offer demands (None: it does not say how much)
    available_usd: float
    # an illustrative (invented) offer another parish holds, the demo's: screened as an example, never counted in
    # this parish's totals (a real offer of any parish is screened and counted by every parish)
    example_elsewhere: bool = False

    @property
    def counterpart_ok(self) -> bool | None:
        """Whether the parish can put up the counterpart (None: the offer does not say how much)."""
        return self.offer.counterpart_within(self.available_usd)

    @property
    def gap_usd(self) -> float:
        return max(0.0, (self.required_usd or 0.0) - self.available_usd)

    @property
    def case(self) -> str | None:
        return THESIS_CASES.get(self.offer.offer_id)


def review_offers(inputs: DecisionInputs, counterpart_available_usd: float, *,
                  today: dt.date | None = None) -> list[OfferReview]:
    """Every offer screened against the parish (its competences, PDOT, proposals, counterpart available),
    eligible ones first, then by id."""
    ctx = screening_context(inputs, counterpart_available_usd=counterpart_available_usd, today=today)
    reviews = [OfferReview(offer, screen_offer(offer, ctx, inputs.proposals), match_offer(offer, inputs.proposals, ctx),
                           offer.required_counterpart_usd(), counterpart_available_usd,
                           example_elsewhere=offer.is_illustrative and offer.parish_code not in (None, inputs.parish_code))
               for offer in inputs.offers.values()]
    return sorted(reviews, key=lambda r: (not r.screening.eligible, r.offer.offer_id))


def counted(reviews: Sequence[OfferReview]) -> list[OfferReview]:
    """The offers that enter the parish's totals: all but the illustrative ones another parish holds."""
    return [r for r in reviews if not r.example_elsewhere]


def committed_usd(reviews: Sequence[OfferReview]) -> float:
    """The counterpart the eligible offers demand together (illustrative offers of another parish left out)."""
    return sum(r.required_usd or 0.0 for r in counted(reviews) if r.screening.eligible)


def over_committed(committed: float, available_usd: float) -> bool:
    """Whether the eligible offers together demand more counterpart than the parish has (to the half cent)."""
    return committed > available_usd + CENT


def counterpart_verdict(review: OfferReview) -> str:
    """One Spanish sentence: whether the parish can put up the counterpart the offer demands, and the gap."""
    if review.required_usd is None:
        return t("ofe.verdict.unknown")
    if review.required_usd <= 0:
        return t("ofe.verdict.none")
    if review.counterpart_ok:
        return t("ofe.verdict.yes", required=amount(review.required_usd))
    return t("ofe.verdict.no", **amounts_named(required=review.required_usd, gap=review.gap_usd))


def offer_from_form(fields: Mapping[str, Any], base: CooperationOffer | None,
                    parish_code: str | None = None) -> CooperationOffer:
    """The offer the form describes: `base`'s fields (when editing) replaced by the form's; whether it is
    reimbursable follows from its type. A new offer is the parish's being worked on (`parish_code`), and so is an
    edited one that had none; an edited one keeps its own. The counterpart percentage may come as es-EC text («12,5»; blank: none).
    ValidationError (Spanish messages) when a field is wrong."""
    body = {**(base.model_dump() if base else {}), **fields,
            "reimbursable": fields["cooperation_type"] in REIMBURSABLE_TYPES}
    body["parish_code"] = body.get("parish_code") or parish_code  # one stored before offers kept theirs: now it has
    if isinstance(body.get("counterpart_required_pct"), str):
        body["counterpart_required_pct"] = parse_number(body["counterpart_required_pct"].replace("%", ""))
    return CooperationOffer.model_validate(body, context={ENTERED: True})


def reviews_frame(reviews: Sequence[OfferReview], registry: Sequence[Cooperant]) -> pl.DataFrame:
    """One row per offer: codes and Spanish labels, the money, the verdicts; the cooperant as the registry names it."""
    rows = [{"offer_id": r.offer.offer_id, "title": r.offer.title, "cooperant": cooperant_name(r.offer, registry),
             "cooperation_type": label("cooperation_type", r.offer.cooperation_type),
             "status": label("offer_status", r.offer.status), "amount_usd": r.offer.amount_usd,
             "required_usd": r.required_usd, "counterpart_ok": r.counterpart_ok, "eligible": r.screening.eligible,
             "failed_gates": ", ".join(g.label_es for g in r.screening.failures),
             "proposals": len(r.match.proposals), "pdot_objectives": ", ".join(r.match.pdot_objective_ids),
             "example_of": rural.named(r.offer.parish_code) if r.example_elsewhere else None}
            for r in reviews]
    return pl.DataFrame(rows, schema={"offer_id": pl.Utf8, "title": pl.Utf8, "cooperant": pl.Utf8,
                                      "cooperation_type": pl.Utf8, "status": pl.Utf8, "amount_usd": pl.Float64,
                                      "required_usd": pl.Float64, "counterpart_ok": pl.Boolean,
                                      "eligible": pl.Boolean, "failed_gates": pl.Utf8, "proposals": pl.Int64,
                                      "pdot_objectives": pl.Utf8, "example_of": pl.Utf8})


def matches_frame(review: OfferReview, proposals: Mapping[str, Proposal]) -> pl.DataFrame:
    """The proposals an offer could fund, best fit first, with why."""
    rows = [{"proposal_id": m.proposal_id, "title": proposals[m.proposal_id].title if m.proposal_id in proposals
             else m.proposal_id, "fit": m.fit, "reasons": "; ".join(m.reasons_es)} for m in review.match.proposals]
    return pl.DataFrame(rows, schema={"proposal_id": pl.Utf8, "title": pl.Utf8, "fit": pl.Int64,
                                      "reasons": pl.Utf8})
