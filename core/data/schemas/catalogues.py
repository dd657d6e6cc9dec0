"""Planning catalogues: ODS goals and targets, PND objectives, the parish's PDOT objectives."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class SdgGoal(BaseModel):
    model_config = ConfigDict(populate_by_name=True, frozen=True)

    goal: int = Field(ge=1, le=17)
    short_name_es: str = Field(min_length=1)
    title_es: str = Field(min_length=1)
    short_name_en: str | None = None


class SdgTarget(BaseModel):
    model_config = ConfigDict(populate_by_name=True, frozen=True)

    goal: int = Field(ge=1, le=17)
    target: str = Field(pattern=r"^\d{1,2}\.[0-9a-z]+$")
    title_es: str = Field(min_length=1)


class PndObjective(BaseModel):
    """One objective of a national development plan; `objective_id` is plan + number."""

    model_config = ConfigDict(populate_by_name=True, frozen=True)

    plan_id: str = Field(min_length=1)
    plan_name: str = Field(validation_alias="plan_nombre")
    period: str = Field(validation_alias="periodo")
    axis_number: int = Field(validation_alias="eje_numero", ge=1)
    axis_es: str = Field(validation_alias="eje_es")
    objective_number: int = Field(validation_alias="objetivo_numero", ge=1)
    objective_es: str = Field(validation_alias="objetivo_es", min_length=1)
    source: str = Field(validation_alias="fuente")


class PdotObjective(BaseModel):
    """An objective of the parish's development plan (PDOT); the demo one is illustrative."""

    model_config = ConfigDict(frozen=True)

    pdot_objective_id: str = Field(pattern=r"^[A-Za-z0-9_.-]+$")
    parish_code: str = Field(pattern=r"^\d{6}$")
    component: str = Field(min_length=1)
    objective_es: str = Field(min_length=1)
    is_illustrative: bool
    source: str = Field(min_length=1)
