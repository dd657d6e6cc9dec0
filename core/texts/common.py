"""Strings shared by the whole app: navigation, parish selector, data marks, empty states."""

STRINGS = {
    "app.title": "Minga",
    "app.tagline": "Decisiones de presupuesto parroquial, claras y registradas",
    "nav.start": "Inicio",
    "nav.diagnosis": "Diagnóstico",
    "nav.decide": "Decidir",
    "nav.session": "Sesión y acta",
    "nav.proposals": "Propuestas",
    "nav.offers": "Ofertas de cooperación",
    "nav.alignment": "Alineación",
    "nav.prioritization": "Priorización",
    "nav.budget": "Presupuesto",
    "nav.meeting": "Sesión del grupo asesor",
    "nav.decision": "Decisión y acta",
    "nav.log": "Registro de cambios",
    "nav.admin": "Administración",
    "parish.selector": "Parroquia",
    "parish.selector_help": "La parroquia que se analiza en todas las páginas.",
    "parish.option": "{name} — {canton}, {province}",
    "synthetic.badge": "Datos sintéticos calibrados al estudio",
    "synthetic.caption": "Registros generados que reproducen las cifras publicadas del estudio El Valle; "
                         "no son respuestas reales de personas.",
    "source.caption": "Fuente: {source}",
    "data.missing": "No hay datos construidos. Ejecute «make run» o «python -m core.data.build».",
    "data.missing_in": "No hay datos construidos en {folder}. Ejecute: make data",
    "download.csv": "Descargar CSV",
    "download.xlsx": "Descargar Excel",
    "value.unknown": "sin dato",
    "value.yes": "Sí",
    "value.no": "No",
}

LABELS = {
    "bool": {"True": "Sí", "False": "No", "true": "Sí", "false": "No", "__none__": "Sin dato"},
}
