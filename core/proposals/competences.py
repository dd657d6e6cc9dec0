"""The parish GAD's competences (COOTAD art. 65): one source row each, editable by the planner."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from core.proposals.models import Theme, split_list


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
        return split_list(value)
