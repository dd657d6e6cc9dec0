"""Proposals, cooperation offers and the parish GAD's competences: one source row each.

A proposal carries the fields the Azogues thesis asks of a project (seed-002 brief §4.5, §9.1),
flat where a planner types a single value (money, beneficiaries) so SQL and Excel imports stay
simple, nested only where a project has several items (budget lines, indicators). Nested items
are stored as JSON text in parquet; the models accept that text back, so a row read from the
`proposals` view validates again as a `Proposal`.

Money is USD. Every rule a record must satisfy on its own (amounts that add up, women not more
than direct beneficiaries, a status history that follows the lifecycle) is checked here with a
Spanish message; rules that depend on other data (competences, budget available, offers) are
gates in `core.screening`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from core.fmt import money
from core.texts.codigos_decidir import LABELS as _CODE_LABELS

ID_PATTERN = r"^[A-Za-z0-9_.-]+$"
CENT = 0.005  # amounts that differ by less than half a cent are equal

# -- Code lists (codes stay as they are; the labels are what people read) -----------------
# The Spanish labels live in the string catalogue (core/texts/codigos_decidir.py); the `*_LABELS_ES`
# names below are kept for the code that imports them from here.

NEED_LABELS_ES: dict[str, str] = _CODE_LABELS["proposal_need"]
Need = Literal["water_systems", "training", "technical_support", "marketing", "credit",
               "machinery_equipment", "inputs_seeds", "infrastructure", "organization", "other"]

# The same codes as the `kind` of past aid, so repeated aid of one kind can be detected.
SUPPORT_KIND_LABELS_ES: dict[str, str] = _CODE_LABELS["support_kind"]
SupportKind = Literal["inputs", "training", "infrastructure", "technical_assistance", "equipment", "marketing"]

# Thematic areas of the thesis' registration forms (18 values, §4.1 and §6.1 of the brief).
THEME_LABELS_ES: dict[str, str] = _CODE_LABELS["theme"]
Theme = Literal["agriculture", "education", "infrastructure", "emergency_aid", "employment", "drugs",
                "science_technology", "environment", "commerce", "gender", "conflict_resolution", "culture",
                "governance", "health", "human_rights", "industry", "productive_sectors", "other"]

FUNDING_SOURCE_LABELS_ES: dict[str, str] = _CODE_LABELS["funding_source"]
FundingSource = Literal["gad", "associations", "cooperant", "other"]

BENEFIT_SCOPE_LABELS_ES: dict[str, str] = _CODE_LABELS["benefit_scope"]


class ProposalStatus(StrEnum):
    """The life of a proposal, from the association's draft to the closed project."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"
    SCORED = "scored"
    FUNDED = "funded"
    NOT_FUNDED = "not_funded"
    IN_EXECUTION = "in_execution"
    CLOSED = "closed"


STATUS_LABELS_ES: dict[str, str] = _CODE_LABELS["proposal_status"]

# Forward steps of the lifecycle plus the two ways back to a draft: a proposal returned for
# corrections, and one reformulated after being found not eligible or not funded.
ALLOWED_TRANSITIONS: dict[ProposalStatus, frozenset[ProposalStatus]] = {
    ProposalStatus.DRAFT: frozenset({ProposalStatus.SUBMITTED}),
    ProposalStatus.SUBMITTED: frozenset({ProposalStatus.ELIGIBLE, ProposalStatus.NOT_ELIGIBLE,
                                         ProposalStatus.DRAFT}),
    ProposalStatus.ELIGIBLE: frozenset({ProposalStatus.SCORED}),
    ProposalStatus.NOT_ELIGIBLE: frozenset({ProposalStatus.DRAFT}),
    ProposalStatus.SCORED: frozenset({ProposalStatus.FUNDED, ProposalStatus.NOT_FUNDED}),
    ProposalStatus.FUNDED: frozenset({ProposalStatus.IN_EXECUTION}),
    ProposalStatus.NOT_FUNDED: frozenset({ProposalStatus.DRAFT}),
    ProposalStatus.IN_EXECUTION: frozenset({ProposalStatus.CLOSED}),
    ProposalStatus.CLOSED: frozenset(),
}


def can_transition(current: ProposalStatus | str, new: ProposalStatus | str) -> bool:
    return ProposalStatus(new) in ALLOWED_TRANSITIONS[ProposalStatus(current)]


def transition_error(current: ProposalStatus | str, new: ProposalStatus | str) -> str | None:
    """None when the step is allowed, else a Spanish sentence naming the allowed steps."""
    current, new = ProposalStatus(current), ProposalStatus(new)
    if new in ALLOWED_TRANSITIONS[current]:
        return None
    allowed = sorted(ALLOWED_TRANSITIONS[current], key=list(ProposalStatus).index)
    if not allowed:
        return f"una propuesta «{STATUS_LABELS_ES[current]}» ya no puede cambiar de estado"
    names = ", ".join(f"«{STATUS_LABELS_ES[s]}»" for s in allowed)
    return (f"no se puede pasar de «{STATUS_LABELS_ES[current]}» a «{STATUS_LABELS_ES[new]}»; "
            f"desde «{STATUS_LABELS_ES[current]}» solo se puede pasar a {names}")


# -- Helpers for fields that arrive as JSON text (parquet) or as 'a;b' text (CSV) ----------

def _json_or_value(value: Any) -> Any:
    if isinstance(value, str):
        text = value.strip()
        if text.startswith(("{", "[")):
            try:
                return json.loads(text)
            except json.JSONDecodeError:
                return value
    if isinstance(value, (list, tuple)):
        return [_json_or_value(v) for v in value]
    return value


def _split_list(value: Any) -> Any:
    """'a; b' → ['a', 'b'] so a planner can type lists in one spreadsheet cell."""
    if value is None:
        return []
    if isinstance(value, str):
        parsed = _json_or_value(value)
        if isinstance(parsed, list):
            return parsed
        return [part.strip() for part in value.replace(",", ";").split(";") if part.strip()]
    return value


def _non_negative(value: float | None, what: str) -> float | None:
    if value is not None and value < 0:
        raise ValueError(f"{what} no puede ser negativo (se recibió {money(value)})")
    return value


# -- Nested items ---------------------------------------------------------------------------

class BudgetLine(BaseModel):
    """One line of the project budget: an activity or item, its amount and who pays it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    item: str = Field(min_length=1)
    amount_usd: float
    source: FundingSource = "gad"

    @field_validator("amount_usd")
    @classmethod
    def _amount(cls, v: float) -> float:
        return _non_negative(v, "el monto de la línea de presupuesto")


class Indicator(BaseModel):
    """A results indicator: what is measured, from where to where, and how it is verified."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1)
    baseline: str = Field(min_length=1)
    target: str = Field(min_length=1)
    means_of_verification: str = Field(min_length=1)


class StatusChange(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    status: ProposalStatus
    date: dt.date | None = None
    note: str | None = None


class CostShare(BaseModel):
    """Who put how much into a cooperation project (the Israel case: cooperant, GAD, associations)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    party: str = Field(min_length=1)
    role: FundingSource
    amount_usd: float
    note: str | None = None

    @field_validator("amount_usd")
    @classmethod
    def _amount(cls, v: float) -> float:
        return _non_negative(v, "el aporte")


# -- Proposal ---------------------------------------------------------------------------------

class Proposal(BaseModel):
    """A project an association (or several, jointly) asks the parish to fund.

    `association_id` is the lead proponent; `association_ids` lists every proponent (the lead
    first). `cost_usd` is the total cost; `requested_usd` is what is asked of the parish GAD;
    the counterparts are what associations, a cooperant and others put in. The four must add
    up to the total cost.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    proposal_id: str = Field(pattern=ID_PATTERN)
    association_id: str = Field(pattern=ID_PATTERN)
    association_ids: list[str] = Field(default_factory=list)
    parish_code: str = Field(pattern=r"^\d{6}$")
    title: str = Field(min_length=3, max_length=200)
    summary: str | None = None
    problem: str | None = None
    general_objective: str | None = None
    specific_objectives: list[str] = Field(default_factory=list)
    # Beneficiaries (people): direct, indirect, and among the direct ones, women and youth.
    direct_beneficiaries: int = Field(default=0, ge=0)
    indirect_beneficiaries: int = Field(default=0, ge=0)
    women_beneficiaries: int = Field(default=0, ge=0)
    youth_beneficiaries: int = Field(default=0, ge=0)
    families: int | None = Field(default=None, ge=0)
    location: str | None = None
    localization: Literal["rural", "urban"] = "rural"
    duration_months: int | None = Field(default=None, ge=1, le=120)
    start_date: dt.date | None = None
    # Money (USD)
    cost_usd: float
    requested_usd: float
    counterpart_associations_usd: float = 0.0
    counterpart_cooperant_usd: float = 0.0
    counterpart_other_usd: float = 0.0
    cooperant_name: str | None = None
    cooperation_offer_id: str | None = Field(default=None, pattern=ID_PATTERN)
    budget_lines: list[BudgetLine] = Field(default_factory=list)
    # Results, sustainability, risks
    indicators: list[Indicator] = Field(default_factory=list)
    sustainability: str | None = None
    risks: list[str] = Field(default_factory=list)
    project_manager: str | None = None
    # Alignment and what the project answers
    pdot_objective_ids: list[str] = Field(default_factory=list)
    sdg_goals: list[int] = Field(default_factory=list)
    sdg_targets: list[str] = Field(default_factory=list)
    pnd_objective_ids: list[str] = Field(default_factory=list)
    problem_ids: list[str] = Field(default_factory=list)
    needs: list[Need] = Field(default_factory=list)
    themes: list[Theme] = Field(default_factory=list)
    support_kind: SupportKind
    competence_code: str | None = Field(default=None, pattern=r"^[a-z][a-z0-9_]*$")
    benefit_scope: Literal["collective", "individual"] = "collective"
    # Lifecycle and provenance
    status: ProposalStatus = ProposalStatus.DRAFT
    status_history: list[StatusChange] = Field(default_factory=list)
    is_synthetic: bool = False
    source: str | None = None

    @field_validator("budget_lines", "indicators", "status_history", mode="before")
    @classmethod
    def _nested_from_json(cls, value: Any) -> Any:
        return [] if value is None else _json_or_value(value)

    @field_validator("association_ids", "specific_objectives", "risks", "pdot_objective_ids", "sdg_goals",
                     "sdg_targets", "pnd_objective_ids", "problem_ids", "needs", "themes", mode="before")
    @classmethod
    def _lists(cls, value: Any) -> Any:
        return _split_list(value)

    @field_validator("cost_usd")
    @classmethod
    def _cost(cls, v: float) -> float:
        _non_negative(v, "el costo total")
        if v == 0:
            raise ValueError("el costo total debe ser mayor que cero")
        return v

    @field_validator("requested_usd")
    @classmethod
    def _requested(cls, v: float) -> float:
        return _non_negative(v, "el monto solicitado al GAD")

    @field_validator("counterpart_associations_usd", "counterpart_cooperant_usd", "counterpart_other_usd")
    @classmethod
    def _counterpart(cls, v: float) -> float:
        return _non_negative(v, "la contraparte")

    @field_validator("sdg_goals")
    @classmethod
    def _goals(cls, v: list[int]) -> list[int]:
        bad = [g for g in v if not 1 <= g <= 17]
        if bad:
            raise ValueError(f"los ODS van del 1 al 17 (se recibió {bad[0]})")
        return v

    @field_validator("sdg_targets")
    @classmethod
    def _targets(cls, v: list[str]) -> list[str]:
        for target in v:
            if not re.fullmatch(r"\d{1,2}\.[0-9a-z]+", target):
                raise ValueError(f"meta ODS con formato no válido «{target}» (ejemplo: 2.3)")
        return v

    @field_validator("pnd_objective_ids")
    @classmethod
    def _pnd(cls, v: list[str]) -> list[str]:
        for code in v:
            if not re.fullmatch(r"PND_\d{4}_\d{4}-\d{1,2}", code):
                raise ValueError(f"objetivo del PND con formato no válido «{code}» (ejemplo: PND_2024_2025-5)")
        return v

    @field_validator("problem_ids")
    @classmethod
    def _problems(cls, v: list[str]) -> list[str]:
        for code in v:
            if not re.fullmatch(r"P\d{2}", code):
                raise ValueError(f"problema con formato no válido «{code}» (ejemplo: P02)")
        return v

    @model_validator(mode="before")
    @classmethod
    def _lead_first(cls, data: Any) -> Any:
        if isinstance(data, dict):
            ids = _split_list(data.get("association_ids"))
            lead = data.get("association_id")
            if not ids and lead:
                data = {**data, "association_ids": [lead]}
        return data

    @model_validator(mode="after")
    def _consistent(self) -> Proposal:
        if self.association_id not in self.association_ids:
            raise ValueError(f"la asociación líder «{self.association_id}» debe estar entre las "
                             "asociaciones proponentes (association_ids)")
        if len(set(self.association_ids)) != len(self.association_ids):
            raise ValueError("una asociación aparece repetida entre las proponentes")
        if self.requested_usd > self.cost_usd + CENT:
            raise ValueError(f"el monto solicitado al GAD ({money(self.requested_usd)}) no puede superar "
                             f"el costo total ({money(self.cost_usd)})")
        funded = self.funding_total()
        if abs(funded - self.cost_usd) > CENT:
            raise ValueError(
                f"los aportes no suman el costo total: GAD {money(self.requested_usd)} + asociaciones "
                f"{money(self.counterpart_associations_usd)} + cooperante {money(self.counterpart_cooperant_usd)}"
                f" + otros {money(self.counterpart_other_usd)} = {money(funded)}, pero el costo total es "
                f"{money(self.cost_usd)}")
        if self.budget_lines:
            lines = sum(line.amount_usd for line in self.budget_lines)
            if abs(lines - self.cost_usd) > CENT:
                raise ValueError(f"las líneas del presupuesto suman {money(lines)}, pero el costo total es "
                                 f"{money(self.cost_usd)}")
            for source, declared in self.funding_by_source().items():
                paid = sum(line.amount_usd for line in self.budget_lines if line.source == source)
                if abs(paid - declared) > CENT:
                    raise ValueError(
                        f"las líneas del presupuesto a cargo de «{FUNDING_SOURCE_LABELS_ES[source]}» suman "
                        f"{money(paid)}, pero su aporte declarado es {money(declared)}")
        if self.counterpart_cooperant_usd > 0 and not (self.cooperant_name or self.cooperation_offer_id):
            raise ValueError("hay aporte de un cooperante, pero no se indica cuál (cooperant_name u "
                             "cooperation_offer_id)")
        for count, label in ((self.women_beneficiaries, "mujeres"), (self.youth_beneficiaries, "jóvenes")):
            if count > self.direct_beneficiaries:
                raise ValueError(f"los beneficiarios directos {label} ({count}) no pueden ser más que los "
                                 f"beneficiarios directos ({self.direct_beneficiaries})")
        for target in self.sdg_targets:
            goal = int(target.split(".")[0])
            if goal not in self.sdg_goals:
                raise ValueError(f"la meta ODS {target} pertenece al ODS {goal}, que no está en la lista de ODS")
        if self.status_history:
            steps = [change.status for change in self.status_history]
            for before, after in zip(steps, steps[1:]):
                problem = transition_error(before, after)
                if problem:
                    raise ValueError(f"historial de estados no válido: {problem}")
            if steps[-1] != self.status:
                raise ValueError(f"el último estado del historial («{STATUS_LABELS_ES[steps[-1]]}») no coincide "
                                 f"con el estado actual («{STATUS_LABELS_ES[self.status]}»)")
        return self

    def funding_by_source(self) -> dict[str, float]:
        return {"gad": self.requested_usd, "associations": self.counterpart_associations_usd,
                "cooperant": self.counterpart_cooperant_usd, "other": self.counterpart_other_usd}

    def funding_total(self) -> float:
        return sum(self.funding_by_source().values())

    def local_contribution_usd(self) -> float:
        """What the parish and its people put in (GAD + associations + others): the counterpart
        a cooperant sees."""
        return self.requested_usd + self.counterpart_associations_usd + self.counterpart_other_usd

    def with_status(self, new: ProposalStatus | str, date: dt.date | None = None,
                    note: str | None = None) -> Proposal:
        """The same proposal one lifecycle step later; raises ValueError (Spanish) on a step not allowed."""
        problem = transition_error(self.status, new)
        if problem:
            raise ValueError(problem)
        history = list(self.status_history) or [StatusChange(status=self.status)]
        history.append(StatusChange(status=ProposalStatus(new), date=date, note=note))
        return self.model_copy(update={"status": ProposalStatus(new), "status_history": history})


# -- Cooperation offer ------------------------------------------------------------------------

MODALITY_LABELS_ES: dict[str, str] = _CODE_LABELS["modality"]
Modality = Literal["decentralized", "bilateral", "multilateral", "south_south", "triangular", "horizontal",
                   "north_south", "twinning", "network", "national_public"]

COOPERATION_TYPE_LABELS_ES: dict[str, str] = _CODE_LABELS["cooperation_type"]
CooperationType = Literal["financial_non_reimbursable", "financial_reimbursable", "soft_loan",
                          "technical_assistance", "humanitarian", "cultural", "scholarship", "in_kind"]
REIMBURSABLE_TYPES = frozenset({"financial_reimbursable", "soft_loan"})

CALL_TYPE_LABELS_ES: dict[str, str] = _CODE_LABELS["call_type"]

OFFER_STATUS_LABELS_ES: dict[str, str] = _CODE_LABELS["offer_status"]


class CooperationOffer(BaseModel):
    """An offer or call from a cooperant that could fund part of the parish's projects.

    `counterpart_required_usd` is what the recipient must put in; when only a percentage is
    known, `counterpart_required_pct` is a share of the whole project's cost (cooperant +
    counterpart), the way calls usually state it.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    offer_id: str = Field(pattern=ID_PATTERN)
    cooperant: str = Field(min_length=2)
    cooperant_kind: Literal["bilateral", "multilateral", "ngo", "decentralized", "private", "national_public"]
    country: str | None = None
    title: str = Field(min_length=3)
    modality: Modality
    cooperation_type: CooperationType
    call_type: Literal["open_call", "technical_assistance", "financial_assistance", "contest", "direct"] = "direct"
    reimbursable: bool
    amount_usd: float | None = None
    amount_is_estimate: bool = False
    in_kind_description: str | None = None
    counterpart_required_pct: float | None = None
    counterpart_required_usd: float | None = None
    themes: list[Theme] = Field(default_factory=list)
    support_kinds: list[SupportKind] = Field(default_factory=list)
    sdg_goals: list[int] = Field(default_factory=list)
    eligible_applicants: list[Literal["parish_gad", "municipal_gad", "provincial_gad", "association", "cso"]] = (
        Field(default_factory=list))
    open_date: dt.date | None = None
    deadline: dt.date | None = None
    conditions: str | None = None
    cost_split: list[CostShare] = Field(default_factory=list)
    status: Literal["open", "closed", "executed", "not_executed"] = "open"
    outcome: str | None = None
    is_illustrative: bool = True
    source: str = Field(min_length=3)

    @field_validator("cost_split", mode="before")
    @classmethod
    def _nested_from_json(cls, value: Any) -> Any:
        return [] if value is None else _json_or_value(value)

    @field_validator("themes", "support_kinds", "sdg_goals", "eligible_applicants", mode="before")
    @classmethod
    def _lists(cls, value: Any) -> Any:
        return _split_list(value)

    @field_validator("amount_usd", "counterpart_required_usd")
    @classmethod
    def _money(cls, v: float | None) -> float | None:
        return _non_negative(v, "el monto")

    @field_validator("counterpart_required_pct")
    @classmethod
    def _pct(cls, v: float | None) -> float | None:
        if v is not None and not 0 <= v < 100:
            raise ValueError(f"el porcentaje de contraparte debe estar entre 0 y 100 (se recibió {v})")
        return v

    @field_validator("sdg_goals")
    @classmethod
    def _goals(cls, v: list[int]) -> list[int]:
        bad = [g for g in v if not 1 <= g <= 17]
        if bad:
            raise ValueError(f"los ODS van del 1 al 17 (se recibió {bad[0]})")
        return v

    @model_validator(mode="after")
    def _consistent(self) -> CooperationOffer:
        if self.cooperation_type in REIMBURSABLE_TYPES and not self.reimbursable:
            raise ValueError(f"una cooperación de tipo «{COOPERATION_TYPE_LABELS_ES[self.cooperation_type]}» "
                             "es reembolsable: marque reimbursable = true")
        if self.cooperation_type == "financial_non_reimbursable" and self.reimbursable:
            raise ValueError("una cooperación financiera no reembolsable no puede estar marcada como reembolsable")
        if self.open_date and self.deadline and self.deadline < self.open_date:
            raise ValueError("la fecha límite es anterior a la fecha de apertura")
        return self

    def required_counterpart_usd(self) -> float | None:
        """The counterpart the recipient must put in, in USD; 0 when none; None when unknown."""
        if self.counterpart_required_usd is not None:
            return self.counterpart_required_usd
        if self.counterpart_required_pct is None:
            return 0.0
        if self.amount_usd is None:
            return None
        share = self.counterpart_required_pct / 100
        return self.amount_usd * share / (1 - share)


# -- The parish GAD's competences ------------------------------------------------------------

class GadCompetence(BaseModel):
    """One competence of the parish GAD (COOTAD art. 65), as a row the planner can edit.

    `themes` lists the thematic areas of offers and proposals this competence covers, so an
    offer's themes can be checked against what the parish may do.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    competence_code: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    letter: str | None = None
    title_es: str = Field(min_length=3)
    text_es: str = Field(min_length=3)
    legal_basis: str = Field(min_length=3)
    is_exclusive: bool = True
    themes: list[Theme] = Field(default_factory=list)
    source: str = Field(min_length=3)

    @field_validator("themes", mode="before")
    @classmethod
    def _lists(cls, value: Any) -> Any:
        return _split_list(value)
