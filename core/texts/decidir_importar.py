"""Strings of importing proposals from the planner's own files (core/proposals/imports.py and its import_*
modules): the columns of the template, what each one takes, and every reason a file or a row is refused (keys `imp.`)."""

STRINGS = {
    # -- columns of the proposals sheet (the template's headers; aliases are in core/proposals/import_columns.py)
    "imp.col.proposal_id": "Código",
    "imp.col.association_id": "Asociación",
    "imp.col.association_ids": "Asociaciones proponentes",
    "imp.col.parish_code": "Parroquia",
    "imp.col.title": "Título",
    "imp.col.summary": "Resumen",
    "imp.col.problem": "Problema",
    "imp.col.general_objective": "Objetivo general",
    "imp.col.specific_objectives": "Objetivos específicos",
    "imp.col.direct_beneficiaries": "Beneficiarios directos",
    "imp.col.indirect_beneficiaries": "Beneficiarios indirectos",
    "imp.col.women_beneficiaries": "Mujeres",
    "imp.col.youth_beneficiaries": "Jóvenes",
    "imp.col.families": "Familias",
    "imp.col.location": "Ubicación",
    "imp.col.localization": "Ámbito",
    "imp.col.duration_months": "Duración (meses)",
    "imp.col.start_date": "Fecha de inicio",
    "imp.col.cost_usd": "Costo total (USD)",
    "imp.col.requested_usd": "Monto solicitado al GAD (USD)",
    "imp.col.counterpart_associations_usd": "Aporte de las asociaciones (USD)",
    "imp.col.counterpart_cooperant_usd": "Aporte del cooperante (USD)",
    "imp.col.counterpart_other_usd": "Otros aportes (USD)",
    "imp.col.cooperant_name": "Cooperante",
    "imp.col.cooperation_offer_id": "Oferta de cooperación",
    "imp.col.sustainability": "Sostenibilidad",
    "imp.col.risks": "Riesgos",
    "imp.col.project_manager": "Responsable del proyecto",
    "imp.col.background": "Antecedentes",
    "imp.col.justification": "Justificación",
    "imp.col.execution_strategy": "Estrategias de ejecución",
    "imp.col.benefits": "Beneficios",
    "imp.col.financial_evaluation": "Evaluación económica o financiera",
    "imp.col.monitoring_plan": "Plan de seguimiento y evaluación",
    "imp.col.environmental_considerations": "Consideraciones ambientales",
    "imp.col.gender_considerations": "Consideraciones de género",
    "imp.col.pdot_objective_ids": "Objetivos PDOT",
    "imp.col.sdg_goals": "ODS",
    "imp.col.sdg_targets": "Metas ODS",
    "imp.col.pnd_objective_ids": "Objetivos PND",
    "imp.col.problem_ids": "Problemas que atiende",
    "imp.col.needs": "Necesidades",
    "imp.col.themes": "Temas",
    "imp.col.support_kind": "Tipo de apoyo",
    "imp.col.competence_code": "Competencia del GAD",
    "imp.col.benefit_scope": "Alcance del beneficio",
    "imp.col.status": "Estado",
    "imp.col.is_synthetic": "Datos sintéticos",
    "imp.col.source": "Fuente",
    # budget and indicator sheets
    "imp.sheet.proposals": "Propuestas",
    "imp.sheet.budget": "Presupuesto",
    "imp.sheet.indicators": "Indicadores",
    "imp.sheet.help": "Instrucciones",
    "imp.sheet.codes": "Códigos",
    "imp.col.line_proposal": "Código de la propuesta",
    "imp.col.line_item": "Rubro o actividad",
    "imp.col.line_amount": "Monto (USD)",
    "imp.col.line_source": "A cargo de",
    "imp.col.ind_name": "Indicador",
    "imp.col.ind_baseline": "Línea base",
    "imp.col.ind_target": "Meta",
    "imp.col.ind_verification": "Medio de verificación",

    # -- what each column takes (the template's instructions sheet)
    "imp.help.proposal_id": "Código único de la propuesta: letras sin tilde, números, guion, guion bajo o punto "
                            "(ej.: EV-P17). Si el código ya existe en Minga, la fila puede actualizarla (ver abajo).",
    "imp.help.association_id": "La asociación que lidera: su código (ej.: A01) o su nombre, tal como figura en "
                               "Minga. Un nombre que la parroquia no tiene registrado se ofrece en la vista previa "
                               "para crearlo o usar el más parecido; nunca se crea sin que usted lo elija.",
    "imp.help.association_ids": "Todas las asociaciones proponentes (códigos o nombres) separadas por «;». Si falta, "
                                "es solo la líder. Un nombre que lleva «;» o «,» va entre comillas dobles "
                                "(ej.: A01; \"Asociación Flor; Mayo\").",
    "imp.help.parish_code": "Código DPA de 6 dígitos. Puede omitirse: se usa la parroquia elegida en Minga.",
    "imp.help.title": "Nombre del proyecto (de 3 a 200 caracteres).",
    "imp.help.text": "Texto libre. Se guarda tal cual, como texto (nunca se ejecuta una fórmula ni se muestra HTML).",
    "imp.help.text_list": "Varios textos separados por «;» o en líneas distintas de la misma celda. Un texto que "
                          "lleva «;», comillas o un salto de línea va entre comillas dobles, y cada comilla de adentro "
                          "se escribe dos veces (ej.: \"Riego; semillas\"; \"Variedad \"\"INIAP 2\"\"\").",
    "imp.help.int": "Número entero de personas (0 o más).",
    "imp.help.money": "Dólares. Se aceptan «1.234,56», «1,234.56», «1234,5» o «1234.5»; sin fórmulas.",
    "imp.help.date": "Fecha como dd/mm/aaaa (ej.: 15/03/2027) o una celda de fecha de Excel.",
    "imp.help.duration_months": "Meses, número entero de 1 a 120.",
    "imp.help.pdot_objective_ids": "Códigos de objetivos del PDOT de la parroquia separados por «;» (ej.: OE1; OE5).",
    "imp.help.sdg_goals": "Números de los ODS, del 1 al 17, separados por «;» (ej.: 2; 8).",
    "imp.help.sdg_targets": "Metas ODS separadas por «;» (ej.: 2.3; 8.3); cada una debe ser de un ODS de la lista.",
    "imp.help.pnd_objective_ids": "Objetivos del Plan Nacional de Desarrollo separados por «;» (ej.: PND_2024_2025-5).",
    "imp.help.problem_ids": "Problemas priorizados por el grupo asesor, separados por «;» (ej.: P01; P04).",
    "imp.help.cooperation_offer_id": "Código de una oferta de cooperación registrada en Minga (ej.: OF-FLOK-SIGCHOS).",
    "imp.help.competence_code": "Competencia del GAD parroquial que ejerce: su código o su nombre.",
    "imp.help.choice": "Uno de los valores admitidos (sin importar mayúsculas ni tildes).",
    "imp.help.choice_list": "Uno o varios de los valores admitidos, separados por «;».",
    "imp.help.status": "Solo para propuestas nuevas: «Borrador» o «Presentada». Las demás etapas se alcanzan en Minga "
                       "siguiendo el ciclo de la propuesta; en una propuesta existente se conserva su estado.",
    "imp.help.bool": "Sí o No.",
    "imp.help.source": "De dónde viene la propuesta (ej.: «Oficio de la asociación del 12/03/2027»).",
    "imp.help.line_proposal": "El código de la propuesta (hoja Propuestas) a la que pertenece la línea.",
    "imp.help.line_source": "Quién paga la línea.",
    "imp.help.rules": "Reglas: la primera fila de cada hoja lleva los nombres de las columnas, en cualquier orden. "
                      "Las columnas obligatorias son {required}. Las demás pueden faltar. El costo total debe ser "
                      "igual a la suma de los aportes (GAD + asociaciones + cooperante + otros) y, si hay hoja "
                      "Presupuesto, a la suma de sus líneas. Un código que ya existe en Minga se actualiza solo si "
                      "usted lo marca al importar; las columnas que su archivo no trae conservan lo que Minga tiene.",
    "imp.help.head.column": "Columna",
    "imp.help.head.required": "Obligatoria",
    "imp.help.head.what": "Qué escribir",
    "imp.help.head.values": "Valores admitidos",
    "imp.help.head.sheet": "Hoja",
    "imp.codes.head.kind": "Lista",
    "imp.codes.head.code": "Código",
    "imp.codes.head.label": "Nombre",
    "imp.codes.associations": "Asociaciones",
    "imp.codes.pdot": "Objetivos PDOT",
    "imp.codes.pnd": "Objetivos PND",
    "imp.codes.offers": "Ofertas de cooperación",
    "imp.codes.competences": "Competencias del GAD",
    "imp.codes.problems": "Problemas priorizados",
    "imp.example.title": "Riego por goteo para huertos familiares",
    "imp.example.summary": "Ejemplo: borre esta fila y escriba sus propuestas.",
    "imp.example.line1": "Equipos de riego por goteo",
    "imp.example.line2": "Mano de obra de las socias y socios",
    "imp.example.indicator": "Familias con riego tecnificado",
    "imp.example.verification": "Actas de entrega",

    # -- refusing a whole file
    "imp.file.empty": "El archivo está vacío.",
    "imp.file.too_big": "El archivo pesa {size} y el máximo para importar es {limit}. Divídalo en archivos más "
                        "pequeños.",
    "imp.file.too_big_book": "El archivo pesa {size} y el máximo para importar es {limit}. Divídalo en archivos más "
                             "pequeños o quite las hojas que no se importan.",
    "imp.file.extension": "Solo se importan archivos de Excel (.xlsx) o CSV (.csv); «{name}» no es ninguno de los dos.",
    "imp.file.xls": "Es un archivo de Excel antiguo (.xls) o protegido con contraseña: ábralo en Excel y guárdelo "
                    "como «Libro de Excel (.xlsx)» o «CSV», sin contraseña.",
    "imp.file.not_xlsx": "El archivo se llama .xlsx pero no es un libro de Excel válido (está dañado o es otro tipo "
                         "de archivo con la extensión cambiada).",
    "imp.file.zip_not_xlsx": "El archivo es un ZIP, no un libro de Excel.",
    "imp.file.unzipped_too_big": "El libro de Excel ocupa demasiado al abrirlo ({size}); el máximo es {limit}.",
    "imp.file.xlsx_unreadable": "No se pudo leer el libro de Excel: tiene celdas dañadas. Ábralo en Excel y guárdelo "
                                "otra vez como .xlsx.",
    "imp.file.binary": "El archivo no es un texto CSV: contiene datos binarios (¿es una imagen, un PDF u otro "
                       "archivo con la extensión cambiada?). Guarde su hoja como CSV o como .xlsx.",
    "imp.file.no_sheet": "El libro no tiene una hoja de propuestas.",
    "imp.file.no_header": "No se encontró la fila de encabezado: la primera fila debe tener los nombres de las "
                          "columnas (por ejemplo {example}).",
    "imp.file.extra_cells": "la fila tiene más celdas que el encabezado ({cells} en lugar de {header}): si un texto "
                            "lleva {delimiter}, escríbalo entre comillas",
    "imp.file.tab": "una tabulación",
    "imp.file.no_rows": "La hoja no tiene filas de propuestas debajo del encabezado.",
    "imp.file.too_many_rows": "La hoja tiene {rows} filas y el máximo por archivo es {limit}.",
    "imp.file.more_than": "más de {count}",
    "imp.file.default_name": "archivo",
    "imp.notice.at": "{file}, fila {row}: {message}",
    "imp.file.xlsx_as_csv": "El archivo se llama .csv pero es un libro de Excel: se leyó como Excel.",
    # -- bounds checked before a workbook is parsed (core.proposals.upload_limits)
    "imp.limit.columns": "La hoja «{part}» llega hasta la columna {columns} y el máximo es {limit}: borre las "
                         "columnas vacías de la derecha o copie solo la tabla de propuestas a un libro nuevo.",
    "imp.limit.rows": "La hoja «{part}» declara {rows} filas y el máximo es {limit}: borre las filas vacías de "
                      "abajo o copie solo la tabla de propuestas a un libro nuevo.",
    "imp.limit.cells": "El libro tiene más de {limit} celdas escritas; importe solo la tabla de propuestas.",
    "imp.limit.cell_length": "Una celda de «{part}» tiene más de {limit} caracteres, el máximo de Excel; acórtela.",
    "imp.limit.too_slow": "El libro es demasiado complejo para revisarlo en {seconds} segundos; copie solo la "
                          "tabla de propuestas a un libro nuevo y vuelva a importarlo.",
    "imp.limit.damaged": "El libro de Excel está dañado (la parte «{part}» no se puede leer); ábralo en Excel y "
                         "guárdelo otra vez como .xlsx.",
    "imp.limit.doctype": "El libro de Excel trae definiciones que Excel no escribe; ábralo en Excel y guárdelo "
                         "otra vez como .xlsx.",
    "imp.limit.csv_cell": "Cerca de la línea {line}, una celda es demasiado larga o tiene comillas sin cerrar: "
                          "revise esa línea y guarde el archivo otra vez como CSV.",
    "imp.file.open_quote": ("la celda que empieza «\"{begins}…» abre comillas y no las cierra: las filas siguientes "
                            "quedarían dentro de esa celda. Cierre las comillas al final del texto de la celda, o "
                            "bórrelas, y guarde el archivo otra vez."),
    "imp.file.text_after_quote": ("la celda que empieza «\"{begins}…» cierra sus comillas en otra línea y después "
                                  "sigue con «{after}», fuera de las comillas. Pase ese texto dentro de las "
                                  "comillas, o bórrelo, y guarde el archivo otra vez."),

    # -- header problems
    "imp.header.missing": "falta esta columna en el encabezado (es obligatoria)",
    "imp.header.duplicate": "las columnas «{first}» y «{second}» dicen lo mismo; deje solo una",
    "imp.header.ignored": "Se ignoran las columnas que Minga no reconoce: {columns}.",
    "imp.header.sheets_ignored": "Se ignoran las hojas: {sheets}.",

    # -- cell problems
    "imp.cell.bad_code": "el código solo puede tener letras sin tilde, números, guion, guion bajo o punto "
                         "(se recibió «{value}»)",
    "imp.cell.duplicate": "el código «{code}» está repetido en el archivo (filas {rows})",
    "imp.cell.exists": "ya existe la propuesta «{code}» («{title}»); para reemplazarla con esta fila marque "
                       "«Actualizar las propuestas que ya existen»",
    "imp.cell.other_parish": "el código «{code}» ya lo usa una propuesta de otra parroquia ({parish}); use otro código",
    "imp.cell.association": "la asociación «{value}» no existe en la parroquia {parish}; escriba el código o el "
                            "nombre exacto de una de: {options}",
    "imp.cell.no_associations": "la parroquia {parish} no tiene asociaciones registradas en Minga",
    "imp.cell.parish": "la propuesta es de la parroquia «{value}», pero se está importando en {parish} ({code})",
    "imp.cell.choice": "valor no permitido «{value}»; se admite: {options}",
    "imp.cell.unknown_codes": "{what} que no existe en Minga: {codes}; se admite: {options}",
    "imp.cell.unknown_codes_none": "{what} que no existe en Minga: {codes}; la parroquia no tiene ninguno registrado",
    "imp.cell.formula_number": "es una fórmula («{formula}») sin valor calculado; Minga no calcula fórmulas: "
                               "escriba el número",
    "imp.cell.status_new": "una propuesta nueva entra como «Borrador» o «Presentada» (se recibió «{value}»); las "
                           "demás etapas se alcanzan en Minga siguiendo el ciclo",
    "imp.cell.status_kept": "la propuesta ya existe con estado «{current}»: se conserva ese estado (se cambia en "
                            "Propuestas, desde el formulario o con «Cambiar el estado de varias propuestas»)",
    "imp.cell.line_orphan": "la propuesta «{code}» no está en la hoja de propuestas",
    "imp.cell.lines_invalid": "las líneas de la hoja «{sheet}» de esta propuesta tienen errores (vea esa hoja)",
    "imp.cell.competence_outside": "«{value}» no es una competencia del GAD parroquial (COOTAD art. 65): se "
                                   "importa así y la propuesta no pasará el filtro de competencia",
    "imp.cell.bool": "debe ser Sí o No (se recibió «{value}»)",
    "imp.what.pdot": "objetivo PDOT",
    "imp.what.pnd": "objetivo PND",
    "imp.what.sdg_target": "meta ODS",
    "imp.what.offer": "oferta de cooperación",
    "imp.what.competence": "competencia",
    "imp.what.problem": "problema",

    # -- what the preview says about a row
    "imp.action.new": "Nueva",
    "imp.action.update": "Actualiza",
    "imp.action.unchanged": "Sin cambios",
    "imp.action.error": "Con errores",
    "imp.source.imported": "Importada del archivo «{file}» el {date}",
    "imp.number.comma": "Los números se leyeron con coma decimal (1.234,56).",
    "imp.number.dot": "Los números se leyeron con punto decimal (1,234.56).",
    "imp.refused.not_ok": "El archivo tiene filas con problemas; corríjalas o marque «Guardar solo las filas válidas».",
    "imp.refused.nothing": "No hay filas válidas que guardar.",
}
