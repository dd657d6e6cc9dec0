"""Proposals, one source row each, and the field helpers the other source models share (the statuses a proposal
goes through are core.proposals.lifecycle, imported here too).

A proposal carries the fields the Azogues thesis asks of a project (its Appendix 3 format, core.proposals.formulation),
flat where a planner types a single value (money, beneficiaries) so SQL and Excel imports stay simple, nested only
where a project has several items (budget lines, indicators, components, timetable). Nested items are stored as JSON
text in parquet; the models accept that text back, so a row read from the `proposals` view validates again.

Money is USD. Every rule a record must satisfy on its own (amounts that add up, women not more than direct
beneficiaries, a status history that follows the lifecycle) is checked here with a Spanish message; rules that
depend on other data (competences, budget available, offers) are gates in `core.engine.screening`. Cooperation
offers are in `core.proposals.offers`, the GAD's competences in `core.proposals.competences`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from core.fmt import amount, amounts_named
from core.lists import split_items
from core.proposals.formulation import Component, ScheduleRow, schedule_error
from core.proposals.lifecycle import (  # noqa: F401 - the lifecycle, imported from here by the rest of Minga
    ALLOWED_TRANSITIONS,
    COMPETING,
    FUNDED_OR_LATER,
    REPRESENTATIVE_STATUSES,
    ProposalStatus,
    transition_error,
)
from core.texts import label, t
from core.user_text import Lines, OneLine

ID_PATTERN = r"^[A-Za-z0-9_.-]+$"
CENT = 0.005  # amounts that differ by less than half a cent are equal

# -- Code lists (codes stay as they are; the labels are what people read) -----------------
# The Spanish labels are in the catalogue of user-facing text (core/texts/codigos_decidir.py).

Need = Literal["water_systems", "training", "technical_support", "marketing", "credit",
               "machinery_equipment", "inputs_seeds", "infrastructure", "organization", "other"]

# The same codes as the `kind` of past aid, so repeated aid of one kind can be detected.
SupportKind = Literal["inputs", "training", "infrastructure", "technical_assistance", "equipment", "marketing"]

# Thematic areas of the thesis' registration forms (18 values, §4.1 and §6.1 of the brief).
Theme = Literal["agriculture", "education", "infrastructure", "emergency_aid", "employment", "drugs",
                "science_technology", "environment", "commerce", "gender", "conflict_resolution", "culture",
                "governance", "health", "human_rights", "industry", "productive_sectors", "other"]

FundingSource = Literal["gad", "associations", "cooperant", "other"]
MOST_PEOPLE = 100_000_000  # people one proposal reaches: more is a slip (and would not fit a table's column)


# -- Helpers for fields that arrive as JSON text (parquet) or as 'a;b' text (CSV) ----------

def json_or_value(value: Any) -> Any:
    if isinstance(value, str):
        text = value.strip()
        if text.startswith(("{", "[")):
            try:
                return json.loads(text)
            except json.JSONDecodeError:
                return value
    if isinstance(value, (list, tuple)):
        return [json_or_value(v) for v in value]
    return value


def split_list(value: Any) -> Any:
    """'a; b' → ['a', 'b'] so a planner can type lists in one spreadsheet cell: the items as core.lists reads
    them, an unquoted one also split at its commas (codes are often typed «EV-OE6, EV-OE9»)."""
    if value is None:
        return []
    if isinstance(value, str):
        parsed = json_or_value(value)
        if isinstance(parsed, list):
            return parsed
        return split_items(value, also_comma=True)
    return value


def non_negative(value: float | None, what: str) -> float | None:
    """`value` when it is not below zero; `what` names the amount (a key `val.what.*`)."""
    if value is not None and value < 0:
        raise ValueError(t("val.negative", what=t(f"val.what.{what}"), value=amount(value)))
    return value


def valid_sdg_goals(goals: list[int]) -> list[int]:
    bad = [g for g in goals if not 1 <= g <= 17]
    if bad:
        raise ValueError(t("val.sdg_goal", goal=bad[0]))
    return goals


def codes_like(codes: list[str], pattern: str, what: str, example: str) -> list[str]:
    """`codes` when each matches `pattern`; else the first that does not, named (`val.what.*`) with an example."""
    for code in codes:
        if not re.fullmatch(pattern, code):
            raise ValueError(t("val.code_format", what=t(f"val.what.{what}"), code=code, example=example))
    return codes


# -- Nested items ---------------------------------------------------------------------------

class BudgetLine(BaseModel):
    """One line of the project budget: an activity or item, its amount and who pays it."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    item: Lines = Field(min_length=1)
    amount_usd: float
    source: FundingSource = "gad"

    @field_validator("amount_usd")
    @classmethod
    def _amount(cls, v: float) -> float:
        return non_negative(v, "budget_line")


class Indicator(BaseModel):
    """A results indicator: what is measured, from where to where, and how it is verified."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: Lines = Field(min_length=1)
    baseline: Lines = Field(min_length=1)
    target: Lines = Field(min_length=1)
    means_of_verification: Lines = Field(min_length=1)


class StatusChange(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    status: ProposalStatus
    date: dt.date | None = None
    note: str | None = None


class CostShare(BaseModel):
    """Who put how much into a cooperation project (the Israel case: cooperant, GAD, associations)."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    party: str = Field(min_length=1)
    role: FundingSource
    amount_usd: float
    note: str | None = None

    @field_validator("amount_usd")
    @classmethod
    def _amount(cls, v: float) -> float:
        return non_negative(v, "cost_share")


# -- Proposal ---------------------------------------------------------------------------------

class Proposal(BaseModel):
    """A project an association (or several, jointly) asks the parish to fund.

    `association_id` is the lead proponent; `association_ids` lists every proponent (the lead first). `cost_usd` is
    the total cost; `requested_usd` is what is asked of the parish GAD; the counterparts are what associations, a
    cooperant and others put in. The four must add up to the total cost.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    proposal_id: str = Field(pattern=ID_PATTERN)
    association_id: str = Field(pattern=ID_PATTERN)
    association_ids: list[str] = Field(default_factory=list)
    parish_code: str = Field(pattern=r"^\d{6}$")
    title: OneLine = Field(min_length=3, max_length=200)  # on one line: core.user_text.OneLine
    summary: Lines | None = None
    problem: Lines | None = None
    general_objective: Lines | None = None
    specific_objectives: list[Lines] = Field(default_factory=list)
    # Beneficiaries (people): direct, indirect, and among the direct ones, women and youth.
    direct_beneficiaries: int = Field(default=0, ge=0, le=MOST_PEOPLE)
    indirect_beneficiaries: int = Field(default=0, ge=0, le=MOST_PEOPLE)
    women_beneficiaries: int = Field(default=0, ge=0, le=MOST_PEOPLE)
    youth_beneficiaries: int = Field(default=0, ge=0, le=MOST_PEOPLE)
    families: int | None = Field(default=None, ge=0)
    location: Lines | None = None
    localization: Literal["rural", "urban"] = "rural"
    duration_months: int | None = Field(default=None, ge=1, le=120)
    start_date: dt.date | None = None
    # Money (USD)
    cost_usd: float
    requested_usd: float
    counterpart_associations_usd: float = 0.0
    counterpart_cooperant_usd: float = 0.0
    counterpart_other_usd: float = 0.0
    cooperant_name: OneLine | None = None
    cooperation_offer_id: str | None = Field(default=None, pattern=ID_PATTERN)
    budget_lines: list[BudgetLine] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)  # results, then sustainability and risks
    sustainability: Lines | None = None
    risks: list[Lines] = Field(default_factory=list)
    project_manager: OneLine | None = None
    background: Lines | None = None  # this and the next nine: the rest of the national format, optional
    justification: Lines | None = None
    execution_strategy: Lines | None = None
    components: list[Component] = Field(default_factory=list)
    timetable: list[ScheduleRow] = Field(default_factory=list)
    benefits: Lines | None = None
    financial_evaluation: Lines | None = None
    monitoring_plan: Lines | None = None
    environmental_considerations: Lines | None = None
    gender_considerations: Lines | None = None
    # Alignment and what the project answers
    pdot_objective_ids: list[str] = Field(default_factory=list)
    sdg_goals: list[int] = Field(default_factory=list)
    sdg_targets: list[str] = Field(default_factory=list)
    pnd_objective_ids: list[str] = Field(default_factory=list)
    problem_ids: list[str] = Field(default_factory=list)
    needs: list[Need] = Field(default_factory=list)
    themes: list[Theme] = Field(default_factory=list)
    support_kind: SupportKind | None = None  # None: not said yet (an imported file may lack it; see missing_parts)
    competence_code: str | None = Field(default=None, pattern=r"^[a-z][a-z0-9_]*$")
    benefit_scope: Literal["collective", "individual"] = "collective"
    # Lifecycle and provenance
    status: ProposalStatus = ProposalStatus.DRAFT
    status_history: list[StatusChange] = Field(default_factory=list)
    is_synthetic: bool = False
    source: Lines | None = None

    @field_validator("budget_lines", "indicators", "status_history", "components", "timetable", mode="before")
    @classmethod
    def _nested_from_json(cls, value: Any) -> Any:
        return [] if value is None else json_or_value(value)

    @field_validator("association_ids", "specific_objectives", "risks", "pdot_objective_ids", "sdg_goals",
                     "sdg_targets", "pnd_objective_ids", "problem_ids", "needs", "themes", mode="before")
    @classmethod
    def _lists(cls, value: Any) -> Any:
        return split_list(value)

    @field_validator("cost_usd")
    @classmethod
    def _cost(cls, v: float) -> float:
        non_negative(v, "cost")
        if v == 0:
            raise ValueError(t("val.cost_zero"))
        return v

    @field_validator("requested_usd")
    @classmethod
    def _requested(cls, v: float) -> float:
        return non_negative(v, "requested")

    @field_validator("counterpart_associations_usd", "counterpart_cooperant_usd", "counterpart_other_usd")
    @classmethod
    def _counterpart(cls, v: float) -> float:
        return non_negative(v, "counterpart")

    @field_validator("sdg_goals")
    @classmethod
    def _goals(cls, v: list[int]) -> list[int]:
        return valid_sdg_goals(v)

    @field_validator("sdg_targets")
    @classmethod
    def _targets(cls, v: list[str]) -> list[str]:
        return codes_like(v, r"\d{1,2}\.[0-9a-z]+", "sdg_target", "2.3")

    @field_validator("pnd_objective_ids")
    @classmethod
    def _pnd(cls, v: list[str]) -> list[str]:
        return codes_like(v, r"PND_\d{4}_\d{4}-\d{1,2}", "pnd_objective", "PND_2024_2025-5")

    @field_validator("problem_ids")
    @classmethod
    def _problems(cls, v: list[str]) -> list[str]:  # the study's P02, or a loaded parish's 190256-P1
        return codes_like(v, r"P\d{2}|\d{6}-[A-Za-z0-9_.]+", "problem", "P02, 190256-P1")

    @model_validator(mode="before")
    @classmethod
    def _lead_first(cls, data: Any) -> Any:
        if isinstance(data, dict):
            ids = split_list(data.get("association_ids"))
            lead = data.get("association_id")
            if lead and (not ids or (lead in ids and ids[0] != lead)):  # the list names the lead first
                data = {**data, "association_ids": [lead, *[a for a in ids if a != lead]]}
        return data

    @model_validator(mode="after")
    def _consistent(self) -> Proposal:
        if self.association_id not in self.association_ids:
            raise ValueError(t("val.proposal.lead", association=self.association_id))
        if len(set(self.association_ids)) != len(self.association_ids):
            raise ValueError(t("val.proposal.repeated_association"))
        if self.requested_usd > self.cost_usd + CENT:
            raise ValueError(t("val.proposal.requested", **amounts_named(requested=self.requested_usd,
                                                                  cost=self.cost_usd)))
        funded = self.funding_total()
        if abs(funded - self.cost_usd) > CENT:
            raise ValueError(t("val.proposal.funding", **amounts_named(
                gad=self.requested_usd, associations=self.counterpart_associations_usd,
                cooperant=self.counterpart_cooperant_usd, other=self.counterpart_other_usd, total=funded,
                cost=self.cost_usd)))
        if self.budget_lines:
            lines = sum(line.amount_usd for line in self.budget_lines)
            if abs(lines - self.cost_usd) > CENT:
                raise ValueError(t("val.proposal.lines", **amounts_named(lines=lines, cost=self.cost_usd)))
            for source, declared in self.funding_by_source().items():
                paid = sum(line.amount_usd for line in self.budget_lines if line.source == source)
                if abs(paid - declared) > CENT:
                    raise ValueError(t("val.proposal.lines_source", source=label("funding_source", source),
                                       **amounts_named(paid=paid, declared=declared)))
        if late := schedule_error(self.timetable, self.duration_months):
            raise ValueError(late)
        if self.counterpart_cooperant_usd > 0 and not (self.cooperant_name or self.cooperation_offer_id):
            raise ValueError(t("val.proposal.cooperant"))
        for count, who in ((self.women_beneficiaries, "women"), (self.youth_beneficiaries, "youth")):
            if count > self.direct_beneficiaries:
                raise ValueError(t("val.proposal.beneficiaries", who=t(f"val.proposal.{who}"), count=count,
                                   direct=self.direct_beneficiaries))
        for target in self.sdg_targets:
            goal = int(target.split(".")[0])
            if goal not in self.sdg_goals:
                raise ValueError(t("val.proposal.target_goal", target=target, goal=goal))
        if self.status_history:
            steps = [change.status for change in self.status_history]
            for before, after in zip(steps, steps[1:], strict=False):
                problem = transition_error(before, after)
                if problem:
                    raise ValueError(t("val.status.history", problem=problem))
            if steps[-1] != self.status:
                raise ValueError(t("val.status.last", last=label("proposal_status", steps[-1]),
                                   status=label("proposal_status", self.status)))
        return self

    def missing_parts(self) -> list[str]:
        """What a proposal stored incomplete still lacks before it can be judged (Spanish, empty when nothing):
        an imported file may leave out the kind of support, to be completed on Propuestas."""
        return [] if self.support_kind is not None else [t("prop.missing.support_kind")]

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
