"""Territory rows: Ecuador's DPA parish list, known parish figures, and parish polygons."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

DPA_PARISH = r"^\d{6}$"
DPA_CANTON = r"^\d{4}$"


class DpaParish(BaseModel):
    """One parish of INEC's DPA list (1,047 rows: rural parishes and cantonal seats)."""

    model_config = ConfigDict(populate_by_name=True, frozen=True)

    parish_code: str = Field(validation_alias="codigo_parroquia", pattern=DPA_PARISH)
    name: str = Field(validation_alias="parroquia", min_length=1)
    kind: Literal["rural", "cabecera_cantonal"] = Field(validation_alias="tipo")
    canton_code: str = Field(validation_alias="codigo_canton", pattern=DPA_CANTON)
    canton: str = Field(validation_alias="canton", min_length=1)
    province_code: str = Field(validation_alias="codigo_provincia", pattern=r"^\d{2}$")
    province: str = Field(validation_alias="provincia", min_length=1)


class DpaCanton(BaseModel):
    model_config = ConfigDict(populate_by_name=True, frozen=True)

    canton_code: str = Field(validation_alias="codigo_canton", pattern=DPA_CANTON)
    canton: str = Field(validation_alias="canton", min_length=1)
    province_code: str = Field(validation_alias="codigo_provincia", pattern=r"^\d{2}$")
    province: str = Field(validation_alias="provincia", min_length=1)
    region: str | None = Field(default=None, validation_alias="region")
    area_km2_geom: float | None = Field(default=None, validation_alias="area_km2_geom", ge=0)


class ReferenceParishFigures(BaseModel):
    """Figures found for the parishes of Cuenca and Azogues (reference file, mostly blank)."""

    model_config = ConfigDict(populate_by_name=True, frozen=True)

    parish_code: str = Field(validation_alias="codigo_parroquia", pattern=DPA_PARISH)
    population_2010: int | None = Field(default=None, validation_alias="poblacion_censo_2010", ge=0)
    area_km2: float | None = Field(default=None, validation_alias="area_km2", ge=0)
    lat_source: float | None = Field(default=None, validation_alias="lat_fuente", ge=-90, le=90)
    lon_source: float | None = Field(default=None, validation_alias="lon_fuente", ge=-180, le=180)
    lat_centroid: float | None = Field(default=None, validation_alias="lat_centroide_aprox", ge=-90, le=90)
    lon_centroid: float | None = Field(default=None, validation_alias="lon_centroide_aprox", ge=-180, le=180)
    population_2022: int | None = Field(default=None, validation_alias="poblacion_censo_2022", ge=0)
    poverty_pct: float | None = Field(default=None, validation_alias="nbi_pobreza_pct", ge=0, le=100)
    source: str | None = Field(default=None, validation_alias="fuente_cifras")


class StudyParishFigures(BaseModel):
    """A parish profile published by a study, which wins over the reference files."""

    model_config = ConfigDict(frozen=True)

    parish_code: str = Field(pattern=DPA_PARISH)
    display_name: str = Field(min_length=1)
    population: int = Field(ge=0)
    population_men: int = Field(ge=0)
    population_women: int = Field(ge=0)
    area_ha: float = Field(gt=0)
    poverty_rate: float = Field(ge=0, le=1)
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    year: int = Field(ge=1950, le=2100)
    source: str = Field(min_length=1)


class ParishShape(BaseModel):
    """A parish polygon (CONALI 2024 limits, simplified; GeoJSON geometry kept as text) for the maps, and a point
    for the parish computed from it at build (core.data.points), with what that point is (Spanish, for `source`)."""

    model_config = ConfigDict(frozen=True)

    parish_code: str = Field(pattern=DPA_PARISH)
    name: str
    geometry_json: str = Field(min_length=10)
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    point_source: str | None = None


class CensusParishFigures(BaseModel):
    """One parish in INEC's 2022 census tables (CPV 2022): population, area and NBI poverty (1,042 rows)."""

    model_config = ConfigDict(populate_by_name=True, frozen=True)

    parish_code: str = Field(validation_alias="dpa_parroquia", pattern=DPA_PARISH)
    population_2022: int = Field(validation_alias="poblacion_total_2022_personas", ge=0)
    area_km2: float = Field(validation_alias="superficie_km2_inec", ge=0)
    density_per_km2: float = Field(validation_alias="densidad_hab_km2_inec", ge=0)  # as INEC publishes it, rounded
    persons_nbi: int | None = Field(default=None, validation_alias="personas_viviendas_particulares_2022", ge=0)
    poor_nbi: int | None = Field(default=None, validation_alias="pobres_nbi_2022_personas", ge=0)
