"""Long-format reference indicators (remittances, migration, census counts), each with its source."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class ReferenceIndicator(BaseModel):
    model_config = ConfigDict(populate_by_name=True, frozen=True)

    theme: str = Field(validation_alias="tema")
    indicator: str = Field(validation_alias="indicador")
    scope: str = Field(validation_alias="ambito")
    # One DPA code, or several joined by ';' when a figure covers a group of provinces.
    dpa_code: str | None = Field(default=None, validation_alias="codigo_dpa", pattern=r"^\d{2,6}(;\d{2,6})*$")
    period: str | None = Field(default=None, validation_alias="periodo")
    value: float = Field(validation_alias="valor")
    unit: str = Field(validation_alias="unidad")
    original_source: str = Field(validation_alias="fuente_original")
    consulted_source: str | None = Field(default=None, validation_alias="fuente_consultada")
    notes: str | None = Field(default=None, validation_alias="notas")
