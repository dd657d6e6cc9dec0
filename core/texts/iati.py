"""Strings of the IATI export and reading (core/iati, pages/iati.py; keys `iati.`)."""

STRINGS = {
    "iati.nav": "Intercambio IATI",
    "iati.page.title": "Intercambio IATI",
    "iati.page.intro": "IATI es el estándar con el que los cooperantes publican su ayuda. Aquí el GAD publica sus "
                       "ofertas de cooperación, los proyectos que financió la junta y sus convenios como archivo "
                       "IATI 2.03, y lee el archivo IATI de un cooperante para registrar sus ofertas sin volver a "
                       "escribirlas.",
    "iati.page.publish": "Publicar las actividades de la parroquia",
    "iati.page.identifier": "Identificador IATI del GAD: `{ref}`",
    "iati.page.provisional": "Identificador provisional, formado con el código DPA de la parroquia: registre el RUC "
                             "del GAD para publicar con el identificador EC-RUC que usa IATI.",
    "iati.page.registered": "Identificador formado con el RUC del GAD (Servicio de Rentas Internas), como pide IATI.",
    "iati.page.download": "Descargar archivo IATI (XML)",
    "iati.page.cli": "El mismo archivo se obtiene desde la consola del servidor con "
                     "`python -m core.iati export --parish {parish}`, para publicarlo con una tarea programada.",
    "iati.page.ruc": "RUC del GAD parroquial",
    "iati.page.ruc_help": "13 dígitos, terminados en 001, como figura en el Registro Único de Contribuyentes.",
    "iati.page.ruc_save": "Guardar RUC",
    "iati.page.ruc_saved": "RUC guardado: el GAD publica ahora como {ref}.",
    "iati.page.read": "Leer el archivo IATI de un cooperante",
    "iati.page.read_intro": "Suba el archivo de actividades IATI que publica el cooperante. Minga lo comprueba "
                            "contra el esquema oficial IATI 2.03 y muestra cada actividad como una oferta; revise lo "
                            "que el archivo no dice antes de guardarlas.",
    "iati.page.upload": "Archivo IATI (.xml)",
    "iati.page.notes": "{offer_id}: {count} puntos a revisar",
    "iati.page.notes_one": "{offer_id}: 1 punto a revisar",
    "iati.page.notes_none": "{offer_id}: nada que revisar",
    "iati.page.new": "Nueva",
    "iati.page.maybe_twin": ("{offer_id} puede ser la misma oferta que {offers}, ya registrada en la parroquia con "
                             "otro código (mismo cooperante y mismo título). Si lo es, no la guarde otra vez: las "
                             "dos contarían por separado y la contraparte comprometida se contaría dos veces."),
    "iati.page.replaces": "Actualiza la oferta registrada con ese código (conserva los temas, la contraparte y las "
                          "fechas que se escribieron en Minga)",
    "iati.page.other_parish": "Es una oferta de {parish}: no se guarda desde esta parroquia",
    "iati.page.unplaced": ("Ofertas registradas antes de que Minga guardara la parroquia de cada oferta: {offers}. "
                           "Ninguna parroquia las publica hasta que un técnico las abra en «Ofertas de cooperación» "
                           "desde su parroquia y las guarde."),
    "iati.page.read_need_role": "Para leer el archivo IATI de un cooperante, ingrese como técnico de planificación.",
    "iati.page.save": "Guardar las ofertas leídas ({count})",
    "iati.page.saved": "Ofertas guardadas: {count}. Revíselas en Ofertas de cooperación.",
    "iati.col.offer_id": "Código",
    "iati.col.title": "Título",
    "iati.col.cooperant": "Cooperante",
    "iati.col.kind": "Tipo de cooperante",
    "iati.col.type": "Tipo de cooperación",
    "iati.col.amount": "Monto",
    "iati.col.status": "Estado",
    "iati.col.new": "En Minga",
    "iati.gad_name": "GAD Parroquial Rural de {parish}",
    "iati.sdg_goal": "Objetivo de Desarrollo Sostenible {goal}",
    "iati.provisional_comment": " Identificador provisional {ref}: el GAD no ha registrado su RUC en Minga. "
                                "Con el RUC, el identificador será EC-RUC-<RUC>. ",
    "iati.offer.description": "Oferta de cooperación de {cooperant} registrada por el GAD parroquial.",
    "iati.offer.counterpart": "El cooperante exige una contraparte de {amount} ({kind}).",
    "iati.date.recorded": "Fecha en que el GAD registró la oferta en Minga; la oferta no indica fechas.",
    "iati.date.call_open": "Apertura de la convocatoria.",
    "iati.date.call_close": "Cierre de la convocatoria.",
    "iati.date.decision": "Fecha de la decisión de la junta parroquial que financió el proyecto.",
    "iati.transaction.commitment": "Compromiso del presupuesto participativo del GAD, según el acta de la junta.",
    "iati.result.verification": "Medio de verificación: {means}",
    "iati.project.offer_cooperant": "Cooperante de la oferta {offer}",
    "iati.agreement.description": "Convenio de cooperación {number} entre el GAD parroquial y {cooperant}.",
    "iati.agreement.indicator": "{name} ({unit})",
    "iati.agreement.actual": "Valor del informe {report} (período hasta el {date}).",
    "iati.agreement.signed": "Comprometido al firmar el convenio {number}.",
    # an expenditure by whose money was spent: the GAD's name (iati.gad_name) begins «GAD», a cooperant's takes no
    # article that fits every name («la Embajada», «el PNUD», «USAID»), the community has no name of its own
    "iati.agreement.expenditure_gad": "Gasto del período con fondos propios del {party}, según el informe de avance "
                                      "{report}.",
    "iati.agreement.expenditure_cooperant": "Gasto del período con fondos del cooperante {party}, según el informe de "
                                            "avance {report}.",
    "iati.agreement.expenditure_community": "Gasto del período con el aporte de la comunidad, según el informe de "
                                            "avance {report}.",
    "iati.err.export_invalid": "El archivo IATI generado no cumple el esquema 2.03 y no se publica: {problems}",
    "iati.err.nothing": "No hay nada que publicar: la parroquia no tiene ofertas de cooperación ni proyectos "
                        "financiados.",
    "iati.err.ruc": "«{value}» no es un RUC: debe tener 13 dígitos y terminar en 001 (por ejemplo 0160000000001).",
    "iati.err.not_xml": "El archivo no es XML bien formado (revise la línea {line}). Un archivo IATI es un XML "
                        "que empieza con <iati-activities>.",
    "iati.err.too_large": ("El archivo pesa {size} MB y Minga lee archivos IATI de hasta {limit} MB. Pida al "
                           "cooperante solo las actividades de Ecuador, o divida el archivo."),
    "iati.err.doctype": "El archivo declara un DOCTYPE: los archivos IATI no lo llevan, y Minga no lee archivos "
                        "que lo declaran.",
    "iati.err.unreadable": "el contenido del archivo no se pudo comprobar contra el esquema IATI 2.03",
    "iati.err.root": "El archivo no es un archivo de actividades IATI: su elemento principal es «{found}» y "
                     "debería ser «iati-activities».",
    "iati.err.where": "línea {line}, elemento «{element}»: {what}",
    "iati.err.missing_child": "le falta {expected}",
    "iati.err.unexpected": "no corresponde en ese lugar (revise el orden de los elementos)",
    "iati.err.attribute_required": "le falta el atributo «{attribute}»",
    "iati.err.activity": "la actividad {index} no es una oferta válida ({problems})",
    "iati.err.attribute_value": "el atributo «{attribute}» tiene un valor no válido: «{value}»",
    "iati.err.other": "no cumple el esquema IATI 2.03",
    "iati.err.not_decimal": ("el monto «{value}» no es un número IATI: en IATI los montos llevan punto decimal y "
                             "ningún separador de miles (por ejemplo 12500.50 y no 12.500,50)"),
    "iati.err.not_date": ("la fecha «{value}» no es una fecha IATI: se escribe año-mes-día (por ejemplo "
                          "2027-03-31)"),
    "iati.err.other_parish": "No se guardó ninguna oferta: {offers}. Una parroquia no reemplaza las ofertas de "
                             "otra; {parish} ya puede revisarlas en «Ofertas de cooperación». Quite esas actividades "
                             "del archivo para guardar las demás.",
    "iati.err.same_offer": ("las actividades {activities} darían la misma oferta «{offer}» (un identificador IATI "
                            "repetido, o que difiere solo en signos que un código de Minga no lleva): quite una del "
                            "archivo o pida al cooperante identificadores distintos"),
    "iati.err.other_parish_offer": "la oferta «{offer}» es de {parish}",
    "iati.err.invalid_file": "El archivo no cumple el estándar IATI 2.03 y no se leyó ninguna oferta. {problems}",
    "iati.page.preview_page": "Página de la vista previa (de {pages})",
    "iati.page.preview_count": ("Se muestran las actividades {first} a {last} de {count}; «Guardar las ofertas "
                                "leídas» guarda todas."),
    "iati.read.source": "Archivo IATI «{file}», actividad «{identifier}»",
    "iati.read.no_funder": "El archivo no nombra un financiador (organización con rol 1): se tomó como cooperante "
                           "a la organización que publica el archivo.",
    "iati.read.unnamed_cooperant": "Cooperante sin nombre en el archivo IATI",
    "iati.read.no_cooperant_name": "El archivo no da el nombre del cooperante: escríbalo antes de guardar.",
    "iati.read.no_kind": "El tipo de organización del cooperante («{code}») no es un código IATI conocido: se "
                         "puso «ONG»; corríjalo si es otro.",
    "iati.read.no_finance_type": "El archivo no indica el tipo de financiamiento: se supuso cooperación financiera "
                                 "no reembolsable; confírmelo con el cooperante.",
    "iati.read.other_currency": "Montos en {currencies} no convertidos a dólares: no se sumaron al monto de la "
                                "oferta.",
    "iati.read.no_currency": ("El archivo no declara la moneda de sus montos (ni «default-currency» en la "
                              "actividad ni «currency» en cada valor): no se sumaron al monto de la oferta; "
                              "pregunte al cooperante en qué moneda están."),
    "iati.read.version": ("El archivo «{file}» declara la versión IATI «{version}» y Minga lee la versión 2.03: "
                          "se leyó con las reglas de la 2.03; revise los montos, códigos y fechas de cada oferta "
                          "con el cooperante."),
    "iati.read.no_version": ("El archivo «{file}» no declara su versión IATI: se leyó con las reglas de la 2.03; "
                             "revise los montos, códigos y fechas de cada oferta con el cooperante."),
    "iati.err.old_version": ("El archivo «{file}» declara la versión IATI «{version}»: Minga lee la versión 2.03; "
                             "pida al cooperante el archivo en la versión 2.03."),
    "iati.read.no_amount": "El archivo no trae presupuesto ni compromisos: la oferta queda sin monto.",
    "iati.read.hidden": ("{field} de la actividad {where}: el archivo traía caracteres que no se ven ({codes}), que "
                         "Minga quitó para que el texto guardado sea el que se lee; revise que diga lo que el "
                         "cooperante quiso decir."),
    "iati.read.hidden_file_name": ("El nombre del archivo traía caracteres que no se ven ({codes}): Minga los quitó "
                                   "y lo nombra «{file}» en la fuente de cada oferta."),
    "iati.read.activity": "{index}",
    "iati.read.activity_named": "{index} («{identifier}»)",
    "iati.read.identifier": "Identificador IATI",
    "iati.read.no_identifier": "La actividad no tiene identificador IATI: se le dio el código {offer_id}.",
    "iati.read.untitled": "Actividad IATI {index} sin título",
    "iati.read.short_title": "El título del archivo es demasiado corto: escriba uno que diga de qué trata.",
    "iati.read.no_status": "El estado de la actividad («{code}») no es un código IATI conocido: se puso "
                           "«abierta».",
    "iati.read.check_themes": "Revise los temas, la contraparte exigida y las fechas de la convocatoria: el archivo "
                              "IATI no los trae.",
    "log.action.iati_offer": "leer oferta de archivo IATI",
    "log.action.iati_publisher": "registrar RUC del GAD para IATI",
    "cli.iati.description": "Exporta las ofertas y proyectos financiados de una parroquia como archivo de "
                            "actividades IATI 2.03 (a la salida estándar).",
    "cli.iati.parish": "Código DPA de la parroquia (6 dígitos); por omisión {parish}",
    "cli.iati.no_store": "No existe el almacén {path}: revise la ruta (sin ella se usa el de la aplicación).",
    "cli.iati.bad_record": "{path}: un registro guardado ya no se puede leer, y no se publica nada: {problem}",
    "cli.iati.demo": "El almacén {path} no existe todavía: se exporta la demostración, como la vería la "
                     "aplicación al abrirse por primera vez.",
    "cli.iati.unknown_parish": "No existe una parroquia con el código DPA «{parish}» (son 6 dígitos, por ejemplo "
                               "010170 para El Valle).",
    "cli.iati.provisional": "Aviso: identificador provisional {ref}; registre el RUC del GAD en la página "
                            "Intercambio IATI.",
}
