"""The registry of datasets: each source file under data/sources/, its row model and its key.

One entry becomes one parquet file `data/<name>.parquet`; `sql/` holds the views over them.
`references` names foreign keys (column → (dataset, column)) that the build checks.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import BaseModel

from core.data.schemas.catalogues import PdotObjective, PndObjective, SdgGoal, SdgTarget
from core.data.schemas.indicators import ReferenceIndicator
from core.data.schemas.study import AidRecord, Association, Member, MemberNeed, PdotLink, RankedProblem
from core.data.schemas.territory import (
    CensusParishFigures,
    DpaCanton,
    DpaParish,
    ParishShape,
    ReferenceParishFigures,
    StudyParishFigures,
)
from core.proposals.competences import GadCompetence
from core.proposals.models import Proposal
from core.proposals.offers import CooperationOffer


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
ELVALLE = ("Registros sintéticos generados por core/synth/elvalle.py (semilla 10170) y calibrados "
           "para reproducir los agregados publicados del estudio El Valle (Gómez-Ceballos et al., "
           "2021, sección 5); ver data/sources/elvalle/README.md. ")

DATASETS: list[Dataset] = [
    Dataset("dpa_parishes", "reference/dpa_ecuador_parroquias.csv", DpaParish,
            REFERENCE + "INEC, División Político-Administrativa (vía ecuador-mcp 0.13.0, licencia MIT); tildes y "
            "mayúsculas de los nombres según la lista DPA del Censo 2022 del INEC.",
            key=("parish_code",)),
    Dataset("dpa_cantons", "reference/dpa_ecuador_cantones.csv", DpaCanton,
            REFERENCE + "INEC, División Político-Administrativa; área calculada de la geometría.",
            key=("canton_code",)),
    Dataset("reference_parish_figures", "reference/parroquias_cuenca_azogues.csv", ReferenceParishFigures,
            REFERENCE + "Cifras de parroquias de Cuenca y Azogues; la fuente de cada cifra está en la fila.",
            key=("parish_code",), references={"parish_code": ("dpa_parishes", "parish_code")}),
    Dataset("census_parish_figures", "reference/parroquias_indicadores_cpv2022.csv", CensusParishFigures,
            REFERENCE + "INEC, Censo de Población y Vivienda 2022: población, superficie y pobreza por NBI de cada "
            "parroquia (160156 Montalvo sin NBI).", key=("parish_code",)),
    Dataset("study_parish_figures", "study_parish_figures.csv", StudyParishFigures,
            "Estudio El Valle (Gómez-Ceballos et al.), sección 4: cifras INEC 2010 que publica el estudio.",
            key=("parish_code",), references={"parish_code": ("dpa_parishes", "parish_code")}),
    Dataset("parish_shapes", "reference/parroquias_conali2024.geojson", ParishShape,
            REFERENCE + "Límites parroquiales de CONALI 2024 (vía marcobenavides-png/Mapa-RT-RN-), simplificados y "
            "sin solapes: 1.041 de las 1.042 parroquias del censo 2022 y 5 creadas después. Solo se muestran los "
            "códigos de la lista DPA de Minga; sin polígono: 011551 El Carmen de Pijilí, 220254 Tiputini y las "
            "zonas no delimitadas 900151, 900351 y 900451. Minga calcula al construir un punto de cada polígono "
            "(su centroide, o un punto dentro de él si el centroide cae fuera): la ubicación de la parroquia donde "
            "ninguna fuente da sus coordenadas.",
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
    Dataset("associations", "elvalle/associations.csv", Association,
            ELVALLE + "Cifras reales: 8 asociaciones, 122 socios, 91 encuestados; 5 siguen los requisitos de "
            "SENPLADES y 3 están registradas en el MAG. Nombres y tamaño de cada asociación: inventados.",
            key=("association_id",), references={"parish_code": ("dpa_parishes", "parish_code")}, synthetic=True),
    Dataset("members", "elvalle/members.csv", Member,
            ELVALLE + "Reproduce las figuras 3 a 8 y el texto de la sección 5. Lecturas elegidas: en la tabla "
            "de la figura 4 la celda (jefe de hogar padre, socia madre) impresa como 42 se lee 43, como exigen "
            "los totales 54 y 74; «ingreso de hasta USD 84 al mes» se lee como las dos franjas semanales más "
            "bajas de la figura 5 (hasta USD 48 y USD 49-84 por semana) y el gasto de más de USD 489 como "
            "mensual: 64 de 91 (70 %) tienen ambos; el 57,4 % que vive de la agricultura es de quienes ganan "
            "hasta USD 84 por semana (39 de 68); la efectividad de la ayuda (52,8 % poca, 2,8 % mucha, 86 % "
            "media a poca) es sobre los 72 que recibieron alguna ayuda; el 81,5 % de 31 a 65 años es sobre "
            "los 81 que dieron su edad. Educación, tamaño de familia y edades exactas: inventados.",
            key=("member_id",), references={"association_id": ("associations", "association_id")},
            synthetic=True),
    Dataset("member_needs", "elvalle/member_needs.csv", MemberNeed,
            ELVALLE + "Reproduce las necesidades más mencionadas: sistemas de agua 16 %, capacitación 14 % y "
            "asistencia técnica 13 % de las menciones; el resto de necesidades es inventado.",
            key=("member_id", "need"), references={"member_id": ("members", "member_id")}, synthetic=True),
    Dataset("aid", "elvalle/aid.csv", AidRecord,
            ELVALLE + "El estudio no publica registros de ayudas: son inventados según su relato (sobre todo "
            "capacitación e insumos, montos pequeños, repetidos por varias instituciones sin coordinación, "
            "a fondo perdido).",
            key=("aid_id",), references={"association_id": ("associations", "association_id")}, synthetic=True),
    Dataset("problems", "elvalle/problems.csv", RankedProblem,
            ELVALLE + "El orden de los 11 problemas es real (sección 5, voto ponderado del grupo focal); los "
            "votos no se publican: son generados (8 participantes × 13 votos = 104, repartidos en proporción "
            "lineal 11, 10, …, 1 al orden del estudio).",
            key=("problem_id",), references={"parish_code": ("dpa_parishes", "parish_code")}, synthetic=True),
    Dataset("pdot_links", "pdot_links.csv", PdotLink,
            "Vínculos ilustrativos, escritos por Minga, entre los problemas priorizados, las necesidades y los "
            "grupos de expectativas del estudio El Valle y los objetivos del PDOT ilustrativo; cada fila dice por "
            "qué. Deben revisarse con el PDOT real de la parroquia.",
            key=("parish_code", "subject", "subject_code", "pdot_objective_id"),
            references={"parish_code": ("dpa_parishes", "parish_code"),
                        "pdot_objective_id": ("pdot_objectives", "pdot_objective_id")}),
    # -- Proposals, cooperation offers and the GAD's competences --
    Dataset("gad_competences", "decision/gad_competences.csv", GadCompetence,
            "Competencias exclusivas del GAD parroquial rural según el COOTAD, art. 65 (y Constitución, art. 267), "
            "transcritas por Minga; el planificador puede editarlas. Los temas de cada competencia son una "
            "propuesta de Minga para comparar ofertas y propuestas.",
            key=("competence_code",)),
    Dataset("offers", "decision/offers.json", CooperationOffer,
            "Ofertas de cooperación de los casos de la tesis de Azogues (Israel y Prefectura del Azuay, Japón, "
            "Freedom House, Charity Anywhere, Fondo Valenciano, SENAGUA) y de los pilotos FLOK (seed 001), más una "
            "oferta de crédito inventada; cada fila dice qué cifras vienen de la fuente y cuáles son inventadas.",
            key=("offer_id",), references={"sdg_goals": ("sdg_goals", "goal")}),
    Dataset("proposals", "decision/proposals.json", Proposal,
            "Propuestas ilustrativas escritas por Minga para la demostración: al menos una por asociación de El "
            "Valle, como propone la sección 6 del estudio, incluido el proyecto conjunto de comercialización "
            "integrada; montos, beneficiarios e indicadores son inventados.",
            key=("proposal_id",),
            references={"association_id": ("associations", "association_id"),
                        "association_ids": ("associations", "association_id"),
                        "parish_code": ("dpa_parishes", "parish_code"),
                        "pdot_objective_ids": ("pdot_objectives", "pdot_objective_id"),
                        "sdg_goals": ("sdg_goals", "goal"),
                        "sdg_targets": ("sdg_targets", "target"),
                        "problem_ids": ("problems", "problem_id"),
                        "cooperation_offer_id": ("offers", "offer_id")},
            synthetic=True),
]


def by_name() -> dict[str, Dataset]:
    return {d.name: d for d in DATASETS}
