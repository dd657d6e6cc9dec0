"""The national planning format for projects, as the Azogues thesis lists it, and the completeness check on it.

The thesis (Calle Molina and Castro Carrión, 2020) says the definitive project is formulated «based on the format
provided by [SENPLADES] (appendix #3)» (§3.3.3); its Appendix 3, «General scheme for the presentation of SENPLADES
projects» (p. 110 in its index), numbers sixteen items, checked here in that order. Three more parts come from the
thesis's own steps and recommendations, not from that list, and are cited to their sections: the gender approach a
cooperant may ask for (§3.3.3) with the environmental use of the territory (§3.3.1), sustainability among the
criteria every project is judged on (§3.3.3), and who is responsible for carrying it out (§3.3.3, §3.3.4).

`format_items(proposal)` answers, for each part, whether the proposal has it and whether it is needed to judge the
proposal at all (the screening gate `complete` refuses a proposal without those; the others make it incomplete by
the format, which the gate and the Propuestas form name). Proposals stored before these fields existed load with
them empty and are reported incomplete with the parts they lack.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from core.lists import split_items
from core.texts import t, t_count

if TYPE_CHECKING:
    from core.proposals.models import Proposal


class Component(BaseModel):
    """One component of the project with its activities (format item 10: the parts that make up the program)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1)
    activities: list[str] = Field(default_factory=list)

    @field_validator("activities", mode="before")
    @classmethod
    def _activities(cls, value: Any) -> Any:
        """Activities typed in one cell (core.lists): separated by «;», one holding a «;» between quotes."""
        if value is None:
            return []
        return split_items(value) if isinstance(value, str) else value


class ScheduleRow(BaseModel):
    """One line of the execution timetable (format item 11.2): an activity from one month of the project to another."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    activity: str = Field(min_length=1)
    start_month: int = Field(ge=1, le=120)
    end_month: int = Field(ge=1, le=120)

    @model_validator(mode="after")
    def _order(self) -> ScheduleRow:
        if self.end_month < self.start_month:
            raise ValueError(t("formato.err.schedule_order", activity=self.activity, start=self.start_month,
                               end=self.end_month))
        return self


def schedule_error(timetable: list[ScheduleRow], duration_months: int | None) -> str | None:
    """A Spanish sentence when an activity of the timetable ends after the project does; else None."""
    late = next((row for row in timetable if duration_months is not None and row.end_month > duration_months), None)
    if late is None:
        return None
    return t_count("formato.err.schedule_duration", duration_months, activity=late.activity, end=late.end_month,
                   duration=duration_months)


@dataclass(frozen=True)
class FormatItem:
    """One part of the format: its code (`formato.item.<code>` names it), whether the proposal has it, whether the
    proposal can be judged without it, and where the thesis asks for it (`formato.cite.<cite>`)."""

    code: str
    present: bool
    needed_to_judge: bool
    cite: str

    @property
    def label_es(self) -> str:
        return t(f"formato.item.{self.code}")


def _text(value: str | None) -> bool:
    return bool(value and value.strip())


def format_items(p: Proposal) -> list[FormatItem]:
    """Every part of the format in the thesis's order: Appendix 3's sixteen items, then the three complements."""
    parts = [
        ("introduction", _text(p.summary), False),
        ("background", _text(p.background), False),
        ("diagnosis", _text(p.problem), True),
        ("justification", _text(p.justification), False),
        ("beneficiaries", p.direct_beneficiaries > 0, True),
        ("objectives", _text(p.general_objective) and bool(p.specific_objectives), True),
        ("goals", bool(p.indicators), True),
        ("policies", bool(p.pdot_objective_ids or p.pnd_objective_ids), False),
        ("strategy", _text(p.execution_strategy), False),
        ("components", bool(p.components), False),
        ("schedule", bool(p.timetable) or p.duration_months is not None, True),
        ("budget", bool(p.budget_lines), True),
        ("benefits", _text(p.benefits), False),
        ("financial_evaluation", _text(p.financial_evaluation), False),
        ("competence", p.competence_code is not None, False),
        ("monitoring", _text(p.monitoring_plan), False),
    ]
    items = [FormatItem(code, present, needed, "appendix3") for code, present, needed in parts]
    items += [
        FormatItem("environment_gender", _text(p.environmental_considerations) and _text(p.gender_considerations),
                   False, "environment_gender"),
        FormatItem("sustainability", _text(p.sustainability), False, "sustainability"),
        FormatItem("responsible", _text(p.project_manager), True, "responsible"),
    ]
    return items


def missing(p: Proposal) -> list[FormatItem]:
    return [item for item in format_items(p) if not item.present]


def citations(items: list[FormatItem]) -> str:
    """Where the thesis asks for `items`, each source once, in the order of the items («…; …»)."""
    return "; ".join(t(f"formato.cite.{cite}") for cite in dict.fromkeys(item.cite for item in items))
