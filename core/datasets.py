"""The registry of datasets: each source file under data/sources/, its row model and its key.

One entry becomes one parquet file `data/<name>.parquet`; `sql/` holds the views over them.
`references` names foreign keys (column → (dataset, column)) that the build checks.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import BaseModel

from core.schemas.catalogues import PdotObjective, PndObjective, SdgGoal, SdgTarget
from core.schemas.indicators import ReferenceIndicator
from core.schemas.territory import (
    DpaCanton,
    DpaParish,
    ParishShape,
    ReferenceParishFigures,
    StudyParishFigures,
)


@dataclass(frozen=True)
class Dataset:
    name: str
    source: str  # path under data/sources/
    model: type[BaseModel]
    provenance: str
    key: tuple[str, ...] = ()
    references: dict[str, tuple[str, str]] = field(default_factory=dict)
    synthetic: bool = False


REFERENCE = "Datos de referencia de Minga (ver data/sources/reference/SOURCES.md). "

DATASETS: list[Dataset] = [
    Dataset("dpa_parishes", "reference/dpa_ecuador_parroquias.csv", DpaParish,
            REFERENCE + "INEC, División Político-Administrativa (vía ecuador-mcp 0.13.0, licencia MIT).",
            key=("parish_code",)),
    Dataset("dpa_cantons", "reference/dpa_ecuador_cantones.csv", DpaCanton,
            REFERENCE + "INEC, División Político-Administrativa; área calculada de la geometría.",
            key=("canton_code",)),
    Dataset("reference_parish_figures", "reference/parroquias_cuenca_azogues.csv", ReferenceParishFigures,
            REFERENCE + "Cifras de parroquias de Cuenca y Azogues; la fuente de cada cifra está en la fila.",
            key=("parish_code",), references={"parish_code": ("dpa_parishes", "parish_code")}),
    Dataset("study_parish_figures", "study_parish_figures.csv", StudyParishFigures,
            "Estudio El Valle (Gómez-Ceballos et al.), sección 4: cifras INEC 2010 que publica el estudio.",
            key=("parish_code",), references={"parish_code": ("dpa_parishes", "parish_code")}),
    Dataset("parish_shapes", "reference/parroquias_azuay_canar_generalizado.geojson", ParishShape,
            REFERENCE + "Polígonos muy generalizados (fiabilidad C): solo como mapa esquemático. "
            "El polígono 010852 (El Carmen de Pijilí) no está en la lista DPA actual y no se muestra.",
            key=("parish_code",)),
    Dataset("sdg_goals", "reference/sdg_goals.csv", SdgGoal,
            REFERENCE + "Naciones Unidas, A/RES/71/313, textos oficiales en español (open-sdg, MIT).",
            key=("goal",)),
    Dataset("sdg_targets", "reference/sdg_targets.csv", SdgTarget,
            REFERENCE + "Naciones Unidas, A/RES/71/313, metas en español (open-sdg, MIT).",
            key=("target",), references={"goal": ("sdg_goals", "goal")}),
    Dataset("pnd_objectives", "reference/pnd_ecuador_objetivos.csv", PndObjective,
            REFERENCE + "Planes Nacionales de Desarrollo 2017-2021, 2021-2025 y 2024-2025 (fiabilidad B).",
            key=("plan_id", "objective_number")),
    Dataset("pdot_objectives", "pdot_objectives.csv", PdotObjective,
            "PDOT ilustrativo de El Valle, construido por Minga con los problemas y necesidades del estudio; "
            "debe reemplazarse por el PDOT real de la parroquia.",
            key=("pdot_objective_id",), references={"parish_code": ("dpa_parishes", "parish_code")}),
    Dataset("reference_indicators_migration", "reference/remesas_migracion.csv", ReferenceIndicator,
            REFERENCE + "Remesas (BCE vía fuentes secundarias) y emigración (Censo 2022); fuente en cada fila."),
    Dataset("reference_indicators_population", "reference/poblacion_censos_referencia.csv", ReferenceIndicator,
            REFERENCE + "Censos de población 2001, 2010 y 2022 (INEC vía fuentes secundarias)."),
    # -- El Valle study: associations, surveyed members, needs, aid, problems (synthetic records) --
    # -- Proposals, cooperation offers and the GAD's competences --
]


def by_name() -> dict[str, Dataset]:
    return {d.name: d for d in DATASETS}
