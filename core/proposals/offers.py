"""A cooperation offer or call that could fund part of the parish's projects: one source row each.

An offer refers to its cooperant's record in the registry (core.cooperation.cooperants) by `cooperant_id`; the name,
kind and country it carries are the registry's, copied when it is saved, so screening and the IATI export read the
offer alone. Offers stored before the registry existed get their link from core.cooperation.offer_links, or stay
unlinked with `cooperant_unmatched` set when no registered cooperant has their cooperant's name.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from core.data import rural
from core.engine.allocation.instance import MAX_BUDGET_USD
from core.fmt import amount, amounts_named, number
from core.proposals.models import (
    CENT,
    ID_PATTERN,
    CostShare,
    SupportKind,
    Theme,
    json_or_value,
    non_negative,
    split_list,
    valid_sdg_goals,
)
from core.texts import label, t
from core.user_text import ENTERED, Line, Lines

Modality = Literal["decentralized", "bilateral", "multilateral", "south_south", "triangular", "horizontal",
                   "north_south", "twinning", "network", "national_public"]

CooperationType = Literal["financial_non_reimbursable", "financial_reimbursable", "soft_loan",
                          "technical_assistance", "humanitarian", "cultural", "scholarship", "in_kind"]
REIMBURSABLE_TYPES = frozenset({"financial_reimbursable", "soft_loan"})


def percent_text(share_pct: float | None) -> str:
    """The counterpart percentage as forms and messages show it, es-EC: 12.5 → '12,5', 30.0 → '30', None → ''."""
    if share_pct is None:
        return ""
    return number(share_pct, 0 if float(share_pct).is_integer() else 1)


def field_names() -> dict[str, str]:
    """An offer's fields as the offer form names them, for refusals that say which field to correct."""
    keys = {"offer_id": "id", "title": "title", "cooperant": "cooperant", "amount_usd": "amount",
            "counterpart_required_pct": "pct", "counterpart_required_usd": "usd", "source": "source",
            "deadline": "deadline", "sdg_goals": "sdg", "in_kind_description": "in_kind", "conditions": "conditions",
            "outcome": "outcome"}
    return {field: t(f"ofe.form.{key}") for field, key in keys.items()}


# the longest text an offer takes when entered (a form, an IATI file): a title or name is a line, not a document.
# An offer stored before the limits still reads.
TEXT_LIMITS = {"cooperant": 200, "country": 100, "title": 300, "in_kind_description": 1000, "conditions": 4000,
               "outcome": 4000, "source": 1000}
PCT_ROUNDING = 0.5  # percentage points: «33 %» stated for a third of the project still agrees with its amount


class CooperationOffer(BaseModel):
    """An offer or call from a cooperant that could fund part of the parish's projects.

    `counterpart_required_usd` is what the recipient must put in; when only a percentage is
    known, `counterpart_required_pct` is a share of the whole project's cost (cooperant +
    counterpart), the way calls usually state it.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    offer_id: str = Field(pattern=ID_PATTERN)
    # the parish whose planner recorded or read the offer; None: one of the whole installation. Any parish may
    # screen any offer, but a parish publishes (IATI) only its own and those it took up (core.iati.export).
    parish_code: str | None = Field(default=None, pattern=r"^\d{6}$")
    cooperant_id: str | None = Field(default=None, pattern=ID_PATTERN)
    cooperant_unmatched: bool = False
    cooperant: Line = Field(min_length=2)
    cooperant_kind: Literal["bilateral", "multilateral", "ngo", "decentralized", "private", "national_public"]
    country: Line | None = None
    title: Line = Field(min_length=3)
    modality: Modality
    cooperation_type: CooperationType
    call_type: Literal["open_call", "technical_assistance", "financial_assistance", "contest", "direct"] = "direct"
    reimbursable: bool
    amount_usd: float | None = None
    amount_is_estimate: bool = False
    in_kind_description: Lines | None = None
    counterpart_required_pct: float | None = None
    counterpart_required_usd: float | None = None
    themes: list[Theme] = Field(default_factory=list)
    support_kinds: list[SupportKind] = Field(default_factory=list)
    sdg_goals: list[int] = Field(default_factory=list)
    eligible_applicants: list[Literal["parish_gad", "municipal_gad", "provincial_gad", "association", "cso"]] = (
        Field(default_factory=list))
    open_date: dt.date | None = None
    deadline: dt.date | None = None
    conditions: Lines | None = None
    cost_split: list[CostShare] = Field(default_factory=list)
    status: Literal["open", "closed", "executed", "not_executed"] = "open"
    outcome: Lines | None = None
    is_illustrative: bool = True
    source: Line = Field(min_length=3)

    @field_validator("cost_split", mode="before")
    @classmethod
    def _nested_from_json(cls, value: Any) -> Any:
        return [] if value is None else json_or_value(value)

    @field_validator("themes", "support_kinds", "sdg_goals", "eligible_applicants", mode="before")
    @classmethod
    def _lists(cls, value: Any) -> Any:
        return split_list(value)

    @field_validator("amount_usd", "counterpart_required_usd")
    @classmethod
    def _money(cls, v: float | None, info: ValidationInfo) -> float | None:
        # past the largest budget Minga takes (checked when entered): a figure nobody offers, printed with digits
        # nobody wrote, whose counterpart could overflow to infinity
        if v is not None and v > MAX_BUDGET_USD and info.context and info.context.get(ENTERED):
            raise ValueError(t("val.offer.too_large", largest=amount(MAX_BUDGET_USD)))
        return non_negative(v, "amount")

    @field_validator(*TEXT_LIMITS)
    @classmethod
    def _not_too_long(cls, v: str | None, info: ValidationInfo) -> str | None:
        limit = TEXT_LIMITS[info.field_name]
        if v is not None and len(v) > limit and info.context and info.context.get(ENTERED):
            raise ValueError(t("val.too_long", max=number(limit)))
        return v

    @field_validator("counterpart_required_pct")
    @classmethod
    def _pct(cls, v: float | None) -> float | None:
        if v is not None and not 0 <= v < 100:
            raise ValueError(t("val.offer.pct", value=percent_text(v)))
        return v

    @field_validator("sdg_goals")
    @classmethod
    def _goals(cls, v: list[int]) -> list[int]:
        return valid_sdg_goals(v)

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> CooperationOffer:
        if self.cooperation_type in REIMBURSABLE_TYPES and not self.reimbursable:
            raise ValueError(t("val.offer.reimbursable", kind=label("cooperation_type", self.cooperation_type)))
        if self.cooperation_type == "financial_non_reimbursable" and self.reimbursable:
            raise ValueError(t("val.offer.non_reimbursable"))
        if self.open_date and self.deadline and self.deadline < self.open_date:
            raise ValueError(t("val.offer.dates"))
        implied = self._counterpart_from_pct()
        # checked when an offer is entered (ENTERED context): an offer stored before the rule still reads
        entered = bool(info.context and info.context.get(ENTERED))
        if entered and implied is not None and self.counterpart_required_usd is not None and not self._same_share():
            raise ValueError(t("val.offer.counterpart_twice", pct=percent_text(self.counterpart_required_pct),
                               **amounts_named(amount=self.amount_usd, implied=implied,
                                               usd=self.counterpart_required_usd)))
        if self.cooperant_id and self.cooperant_unmatched:
            raise ValueError(t("val.offer.linked_and_unmatched", cooperant=self.cooperant_id))
        return self

    def _counterpart_from_pct(self) -> float | None:
        """The counterpart in USD that the percentage and the cooperant's amount give (None: either is unknown)."""
        if self.counterpart_required_pct is None or self.amount_usd is None:
            return None
        share = self.counterpart_required_pct / 100
        return self.amount_usd * share / (1 - share)

    def _same_share(self) -> bool:
        """Whether the counterpart amount is the stated percentage of the whole project, allowing for the
        percentage having been rounded to a whole number (half a point either way)."""
        whole = self.amount_usd + self.counterpart_required_usd
        share_pct = 100 * self.counterpart_required_usd / whole if whole else 0.0
        return abs(share_pct - self.counterpart_required_pct) <= PCT_ROUNDING

    def required_counterpart_usd(self) -> float | None:
        """The counterpart the recipient must put in, in USD; 0 when none; None when unknown. An amount and a
        percentage given together agree when the offer is entered (ENTERED); the amount is the figure kept."""
        if self.counterpart_required_usd is not None:
            return self.counterpart_required_usd
        if self.counterpart_required_pct is None:
            return 0.0
        return self._counterpart_from_pct()

    def counterpart_within(self, available_usd: float) -> bool | None:
        """Whether `available_usd` covers the counterpart the offer demands (to the half cent); None when the
        offer does not say how much."""
        required = self.required_counterpart_usd()
        return None if required is None else required <= available_usd + CENT


def kept_by_its_parish(offer: CooperationOffer, holder: str | None, parish_code: str | None) -> CooperationOffer:
    """The offer to save from `parish_code` (None: no parish in view) over the stored one `holder` holds: a held offer
    stays its parish's whatever the body says (a body without one keeps the holder). ValueError (Spanish) when the
    offer, as stored or as sent, is another parish's than the one it is saved from or the one the body names."""
    if holder is not None and offer.parish_code is None:
        offer = offer.model_copy(update={"parish_code": holder})
    owner = holder or offer.parish_code
    for claimed in (parish_code, offer.parish_code if holder is not None else None):
        if claimed is not None and owner is not None and claimed != owner:
            raise ValueError(t("ofe.err.other_parish", offer=offer.offer_id, holder=rural.named(owner),
                               parish=rural.named(claimed)))
    return offer
