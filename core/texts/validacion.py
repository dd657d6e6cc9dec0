"""What is wrong with a row, a file or a record, in Spanish: pydantic errors as a planner reads them
(core.data.validation), source files that cannot be read (core.data.sources, core.data.build), and the rules the row models
check on their own (core.data.schemas.study, core.proposals.models). Amounts arrive formatted (es-EC)."""

STRINGS: dict[str, str] = {
    # -- where a problem is, and how many there are ------------------------------------------------------
    "val.where.row": "fila {row}",
    "val.where.column": "columna «{column}»",
    "val.where.line": " (línea {line})",
    "val.problems": "Se encontraron {count} problemas:\n{shown}{more}",
    "val.problems_one": "Se encontró 1 problema:\n{shown}",
    "val.problems_more": "\n… y {count} problemas más",
    "val.problems_more_one": "\n… y 1 problema más",
    # -- pydantic errors -----------------------------------------------------------------------------------
    "val.missing": "falta el valor (es obligatorio)",
    "val.int_parsing": "debe ser un número entero",
    "val.int_from_float": "debe ser un número entero, sin decimales",
    "val.float_parsing": "debe ser un número",
    "val.decimal_parsing": "debe ser un número",
    "val.bool_parsing": "debe ser verdadero o falso (true/false, sí/no)",
    "val.date_from_datetime_parsing": "debe ser una fecha (AAAA-MM-DD)",
    "val.date_parsing": "debe ser una fecha (AAAA-MM-DD)",
    "val.datetime_parsing": "debe ser una fecha y hora (AAAA-MM-DD HH:MM)",
    "val.datetime_from_date_parsing": "debe ser una fecha y hora (AAAA-MM-DD HH:MM)",
    "val.datetime_type": "debe ser una fecha y hora (AAAA-MM-DD HH:MM)",
    "val.date_type": "debe ser una fecha (AAAA-MM-DD)",
    # a day as every file a person loads takes it (core.proposals.import_cells.DAY_PATTERNS): name exactly those
    "val.day": "debe ser una fecha que exista, escrita dd/mm/aaaa como 15/03/2027 (también con «-» o «.», o con el "
               "año en dos cifras: 15/03/27) o aaaa-mm-dd como 2027-03-15, o una celda de fecha de Excel (se recibió "
               "«{value}»)",
    "val.moment": "debe ser una fecha que exista, con su hora o sin ella, escrita dd/mm/aaaa hh:mm como "
                  "30/11/2026 10:15 (también con «-» o «.», o con el año en dos cifras) o aaaa-mm-dd hh:mm como "
                  "2026-11-30 10:15, o una celda de fecha de Excel (se recibió «{value}»)",
    "val.day_serial": "«{value}» es una fecha que Excel escribió como número, el {date}: dé a la celda formato de fecha "
                      "o escríbala como dd/mm/aaaa",
    "val.day_range": "la fecha {value} está fuera de los años que Minga registra (de {first} a {last})",
    "val.not_given": "falta el valor (es obligatorio): «{value}» dice que no hay dato, y esta columna lo necesita",
    "val.not_given_code": "falta el valor (es obligatorio): «{value}» se lee como «no hay dato» (igual que «n/a») y "
                          "la parroquia no tiene ningún código «{value}» aquí; si es un código, regístrelo primero en "
                          "la parroquia o use otro código (por ejemplo «{value}1»)",
    "val.int_type": "debe ser un número entero",
    "val.float_type": "debe ser un número",
    "val.bool_type": "debe ser verdadero o falso (true/false, sí/no)",
    "val.string_type": "debe ser un texto",
    "val.list_type": "debe ser una lista",
    "val.extra_forbidden": "columna no reconocida",
    "val.finite_number": "debe ser un número finito",
    "val.bound": "debe ser {words} {bound} (se recibió «{value}»)",
    "val.bound.greater_than_equal": "mayor o igual que",
    "val.bound.greater_than": "mayor que",
    "val.bound.less_than_equal": "menor o igual que",
    "val.bound.less_than": "menor que",
    "val.not_allowed": "valor no permitido «{value}»; se admite: {expected}",
    "val.empty": "no puede estar vacío",
    "val.too_few": "tiene {count} y hacen falta al menos {minimum}",
    "val.too_long": "es demasiado largo (máximo {max})",
    "val.too_short": "es demasiado corto (mínimo {minimum} caracteres)",
    "val.pattern": "formato no válido «{value}»",
    "val.pattern_shape": "formato no válido «{value}»: {shape}",
    "val.shape.digits6": "deben ser 6 dígitos (por ejemplo 010170)",
    "val.shape.digits4": "deben ser 4 dígitos (por ejemplo 0101)",
    "val.shape.ruc": "un RUC tiene 13 dígitos (por ejemplo 0190012345001)",
    "val.shape.local_code": "use letras, números, punto o guion bajo, sin espacios ni guiones (por ejemplo A01)",
    "val.shape.code": "use letras, números, punto, guion o guion bajo, sin espacios (por ejemplo EV-P01)",
    "val.invalid": "valor no válido «{value}»",
    # -- a typed text holding what cannot be seen (core.user_text) ------------------------------------------
    "text.err.hidden": ("tiene un carácter que no se ve ({code}) en la posición {position}: bórrelo (suele llegar "
                        "al copiar y pegar de otro programa) y escriba el texto otra vez"),
    "text.err.line_break": "tiene un salto de línea en la posición {position}: escríbalo en una sola línea",
    "text.err.tab": "tiene una tabulación en la posición {position}: cámbiela por un espacio",
    "val.received": "{message} (se recibió «{value}»)",
    "val.repeated_key": "código repetido «{code}» (ya aparece en la fila {row})",
    "val.missing_column": "falta esta columna en el encabezado",
    "val.repeated_column": "esta columna está dos veces en el encabezado: deje una",
    # -- source files --------------------------------------------------------------------------------------
    "val.file.missing": "no se encuentra el archivo",
    "val.file.kind": "tipo de archivo no admitido",
    "val.file.extra_cells": "la fila tiene más celdas que el encabezado",
    "val.file.not_utf8": "el archivo no está en UTF-8 (byte no válido en la posición {position}); guárdelo como "
                         "«CSV UTF-8» en su hoja de cálculo",
    "val.file.empty": "el archivo está vacío",
    "val.file.bad_json": "no es un JSON válido (revise la línea {line}, columna {column})",
    "val.file.not_objects": "debe ser una lista de objetos JSON",
    "val.file.bad_geojson": "no es un GeoJSON válido",
    "val.file.foreign_key": "«{value}» no existe en {dataset} ({column})",
    # -- the El Valle study's rows ---------------------------------------------------------------------------
    "val.association.surveyed": "members_surveyed ({surveyed}) no puede ser mayor que members_total ({total})",
    "val.member.head": "is_head_of_household no coincide con member_role y head_of_household: el socio es jefe de "
                       "hogar solo cuando su papel en la familia es el de quien encabeza el hogar",
    "val.member.father_female": "un socio con papel «padre» no puede tener sexo «mujer»",
    "val.member.mother_male": "una socia con papel «madre» no puede tener sexo «hombre»",
    "val.member.effectiveness": "cuánto le sirvió la ayuda solo se responde si recibió ayuda de algún proyecto o "
                                "del Estado el último año",
    "val.link.need": "«{code}» no es una necesidad conocida ({known})",
    "val.link.expectation": "el grupo de expectativas «{code}» debe ser 1, 2, 3 o 4",
    # -- proposals and cooperation offers --------------------------------------------------------------------
    "val.offer.too_large": "no puede pasar de {largest}: revise que no tenga ceros de más",
    "val.negative": "{what} no puede ser negativo (se recibió {value})",
    "val.what.budget_line": "el monto de la línea de presupuesto",
    "val.what.cost_share": "el aporte",
    "val.what.cost": "el costo total",
    "val.what.requested": "el monto solicitado al GAD",
    "val.what.counterpart": "la contraparte",
    "val.what.amount": "el monto",
    "val.cost_zero": "el costo total debe ser mayor que cero",
    "val.sdg_goal": "los ODS van del 1 al 17 (se recibió {goal})",
    "val.code_format": "{what} con formato no válido «{code}» (ejemplo: {example})",
    "val.what.sdg_target": "meta ODS",
    "val.what.pnd_objective": "objetivo del PND",
    "val.what.problem": "problema",
    "val.status.final": "una propuesta «{status}» ya no puede cambiar de estado",
    "val.status.step": "no se puede pasar de «{current}» a «{new}»; desde «{current}» solo se puede pasar a {allowed}",
    "val.status.history": "historial de estados no válido: {problem}",
    "val.status.history_kept": "el historial de estados guardado no se borra ni se reescribe: cada cambio de estado se "
                               "agrega al final",
    "val.status.last": "el último estado del historial («{last}») no coincide con el estado actual («{status}»)",
    "val.proposal.lead": "la asociación líder «{association}» debe estar entre las asociaciones proponentes "
                         "(association_ids)",
    "val.proposal.association_elsewhere": "la propuesta {proposal} nombra asociaciones que no están registradas en "
                                          "su parroquia: {associations}",
    "val.proposal.repeated_association": "una asociación aparece repetida entre las proponentes",
    "val.proposal.requested": "el monto solicitado al GAD ({requested}) no puede superar el costo total ({cost})",
    "val.proposal.funding": "los aportes no suman el costo total: GAD {gad} + asociaciones {associations} + "
                            "cooperante {cooperant} + otros {other} = {total}, pero el costo total es {cost}",
    "val.proposal.lines": "las líneas del presupuesto suman {lines}, pero el costo total es {cost}",
    "val.proposal.lines_source": "las líneas del presupuesto a cargo de «{source}» suman {paid}, pero su aporte "
                                 "declarado es {declared}",
    "val.proposal.cooperant": "hay aporte de un cooperante, pero no se indica cuál (cooperant_name u "
                              "cooperation_offer_id)",
    "val.proposal.beneficiaries": "los beneficiarios directos {who} ({count}) no pueden ser más que los "
                                  "beneficiarios directos ({direct})",
    "val.proposal.women": "mujeres",
    "val.proposal.youth": "jóvenes",
    "val.proposal.target_goal": "la meta ODS {target} pertenece al ODS {goal}, que no está en la lista de ODS",
    "val.offer.pct": ("el porcentaje de contraparte va de 0 a menos de 100: con el 100 % el cooperante no pondría nada "
                      "(se recibió {value})"),
    "val.offer.reimbursable": ("una cooperación de tipo «{kind}» es reembolsable: márquela como reembolsable "
                               "(o elija un tipo no reembolsable)"),
    "val.offer.non_reimbursable": "una cooperación financiera no reembolsable no puede estar marcada como "
                                  "reembolsable",
    "val.offer.dates": "la fecha límite es anterior a la fecha de apertura",
    "val.offer.counterpart_twice": ("la contraparte se indica dos veces y no coincide: el {pct} % de un proyecto con "
                                    "{amount} del cooperante son {implied}, no {usd}; deje solo el porcentaje o "
                                    "solo el monto"),
    "val.offer.linked_and_unmatched": "la oferta está vinculada al cooperante {cooperant} y a la vez marcada como sin "
                                      "vincular",
    # -- facts dated after today (core.record.facts) and parishes Minga does not record for (core.data.rural) --
    "facts.future_date": "la fecha {date} es posterior a hoy ({today}): solo se registra lo que ya ocurrió",
    "facts.future_date_in": "La fecha {date} de «{field}» es posterior a hoy ({today}): solo se registra lo que ya "
                            "ocurrió.",
    "facts.future_year": "el año {year} es posterior al año en curso ({current}): solo se registra lo que ya ocurrió",
    "facts.future_year_in": "El año {year} de «{field}» es posterior al año en curso ({current}): solo se registra "
                            "lo que ya ocurrió.",
    "facts.field.followup": "fecha del paso de {id}",
    "facts.field.step": "fecha del paso de {id} a {status}",
    "rural.seat_refused": "{code} es la cabecera cantonal urbana de {name}; Minga registra datos de parroquias "
                          "rurales, que tienen junta parroquial. Elija una parroquia rural del cantón.",
    "rural.unknown_parish": "{code} no es una parroquia de la lista DPA del INEC; elija una parroquia rural.",
}
