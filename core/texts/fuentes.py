"""Strings of the data-sources page."""

STRINGS = {
    "fuentes.title": "Datos y fuentes",
    "fuentes.intro": "Cada conjunto de datos de Minga, de dónde vienen sus cifras y si sus registros son generados. "
                     "Las cifras reales conservan su fuente; los registros sintéticos reproducen agregados publicados "
                     "y se marcan como tales.",
    "fuentes.own.title": "Registros propios de {name}",
    "fuentes.own.caption": "Las cifras de las asociaciones, la encuesta a los socios, las ayudas y los problemas de "
                           "{name} salen de estos registros, no de los archivos de la demostración de El Valle de la "
                           "tabla de arriba.",
    "fuentes.own.col.part": "Datos",
    "fuentes.own.col.count": "Registros",
    "fuentes.own.col.provenance": "Procedencia",
    "fuentes.own.col.updated_at": "Último cambio (Ecuador)",
    "fuentes.own.col.updated_by": "Registrados por",
    "fuentes.own.provenance": "el equipo técnico de la parroquia, en «Preparar la parroquia» (formulario o archivo)",
    "fuentes.own.part.asociaciones": "Asociaciones",
    "fuentes.own.part.encuesta": "Encuesta a los socios",
    "fuentes.own.part.ayudas": "Ayudas recibidas",
    "fuentes.own.part.problemas": "Problemas priorizados",
    "fuentes.own.part.objetivos_pdot": "Objetivos del PDOT",
    "fuentes.col.dataset": "Conjunto de datos",
    "fuentes.col.source_file": "Archivo fuente",
    "fuentes.col.provenance": "Procedencia",
    "fuentes.col.is_synthetic": "Sintético",
    # Where a parish's lat/lon come from when Minga computed them from its polygon (the `parishes` view's source).
    "fuentes.point.centroid": "ubicación: centroide del polígono parroquial de CONALI 2024, calculado por Minga",
    "fuentes.point.inside": "ubicación: punto dentro del polígono parroquial de CONALI 2024 (su centroide cae "
                            "fuera de él), calculado por Minga",
}

LABELS = {
    # Each dataset Minga builds (core/data/sources.py), by what it holds.
    "dataset": {
        "aid": "Ayudas recibidas por las asociaciones", "associations": "Asociaciones",
        "census_parish_figures": "Cifras del Censo 2022 por parroquia (INEC)",
        "dpa_cantons": "Cantones (DPA del INEC)", "dpa_parishes": "Parroquias (DPA del INEC)",
        "gad_competences": "Competencias del GAD parroquial", "member_needs": "Necesidades de los socios",
        "members": "Socios encuestados", "offers": "Ofertas de cooperación", "parish_shapes": "Límites parroquiales",
        "pdot_links": "Vínculos de los problemas con el PDOT", "pdot_objectives": "Objetivos del PDOT",
        "pnd_objectives": "Objetivos del Plan Nacional de Desarrollo", "problems": "Problemas y necesidades",
        "proposals": "Propuestas de proyecto", "reference_indicators_migration": "Indicadores de migración",
        "reference_indicators_population": "Población en los censos", "reference_parish_figures":
        "Cifras de parroquias de referencia", "sdg_goals": "Objetivos de Desarrollo Sostenible (ODS)",
        "sdg_targets": "Metas de los ODS", "study_parish_figures": "Cifras publicadas del estudio El Valle",
    },
}
