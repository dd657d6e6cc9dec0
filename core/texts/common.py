"""Strings shared by the whole app: navigation, parish selector, data marks, empty states."""

STRINGS = {
    "app.title": "Minga",
    "app.tagline": "Decisiones de presupuesto parroquial, claras y registradas",
    "fmt.person": "{name} (usuario «{username}»)",
    "fmt.username": "el usuario «{username}»",
    "fmt.invisible": "[carácter invisible]",
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
    "parish.placeholder": "Escriba el nombre de una parroquia",
    "select.placeholder": "Elija una opción",
    "parish.option": "{name} — {canton}, {province}",
    "synthetic.badge": "Datos sintéticos calibrados al estudio",
    "synthetic.caption": "Registros generados que reproducen las cifras publicadas del estudio El Valle; "
                         "no son respuestas reales de personas.",
    "source.caption": "Fuente: {source}",
    "data.missing": "No hay datos construidos. Ejecute «make run» o «python -m core.data.build».",
    "data.damaged": "El archivo de datos «{file}» no se puede leer: está incompleto o cambió después de "
                    "prepararse. Pida a quien mantiene Minga en este equipo que vuelva a preparar los datos "
                    "(«make data»). Lo que se registró en Minga no se pierde.",
    "data.damaged_unnamed": "Uno de los archivos de datos no se puede leer: está dañado o cambió después de "
                            "prepararse. Pida a quien mantiene Minga en este equipo que vuelva a preparar los datos "
                            "(«make data»). Lo que se registró en Minga no se pierde.",
    "data.missing_in": "No hay datos construidos en {folder}. Ejecute: make data",
    "data.missing_files": "Faltan datos construidos en {folder}: {files}. Ejecute: make data",
    "download.csv": "Descargar CSV",
    "download.xlsx": "Descargar Excel",
    "download.cell_cut": " … [texto recortado: una celda de Excel admite hasta {limit} caracteres]",
    "value.unknown": "sin dato",
    "value.yes": "Sí",
    "value.no": "No",
    "number.not_a_number": "«{text}» no es un número: escríbalo como {example}.",
    "number.ambiguous": "«{text}» puede leerse como {small} o como {large}: escriba {small} o {large}.",
    "number.thousands_only": ("«{text}» no se puede leer con decimales aquí: si es {large}, escríbalo así ({large}) "
                              "para confirmarlo."),
    "number.whole": "«{text}» debe ser un número entero.",
    "number.decimals": "«{text}» tiene más de {decimals} decimales.",
    "number.too_large": "«{text}» es mayor que {largest}.",
    "number.required": "escriba un número.",
    "number.at_least": "debe ser {minimum} o más.",
    "number.at_most": "debe ser {maximum} o menos.",
    "number.in_field": "{label}: {problem}",
    "number.fix_fields": "Corrija los números señalados; no se guardó nada.",
    "upload.button": "Elegir archivo",
    "upload.limits": "Hasta {limit} MB por archivo · {kinds}",
    "upload.limits_any": "Hasta {limit} MB por archivo",
    "upload.either": "{first} o {last}",
    "upload.drop": "Suelte el archivo aquí",
}

LABELS = {
    "bool": {"True": "Sí", "False": "No", "true": "Sí", "false": "No", "__none__": "Sin dato"},
}
