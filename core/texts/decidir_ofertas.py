"""Strings of the Ofertas de cooperación page and core/cooperation.py (keys `ofe.`)."""

STRINGS = {
    "ofe.title": "Ofertas de cooperación",
    "ofe.intro": "Las ofertas y convocatorias de cooperación internacional y nacional, revisadas con las condiciones "
                 "que son reglas y no puntajes: que esté vigente, que sea no reembolsable, que sea competencia del GAD "
                 "parroquial, que la parroquia pueda poner la contraparte y que sirva a algún objetivo del PDOT. Para "
                 "cada una, las propuestas y objetivos del PDOT que podría financiar.",
    "ofe.tab.review": "Revisión",
    "ofe.tab.form": "Registrar o editar",
    "ofe.empty": "No hay ofertas de cooperación registradas todavía.",
    "ofe.no_pdot": ("La parroquia no tiene objetivos del PDOT registrados: ninguna oferta cumple «Alineación con el "
                   "PDOT». Regístrelos en «Preparar la parroquia»."),
    "ofe.counterpart": "Contraparte disponible del GAD (USD)",
    "ofe.counterpart_help": "Dinero que el GAD tiene reservado para poner como contraparte. Cada oferta se compara con "
                            "toda esta cantidad; si postula a varias, la reserva se reparte entre ellas.",
    "ofe.origin.board": "Valor inicial: la reserva del presupuesto que fijó la junta.",
    "ofe.origin.scenario": "Valor inicial: la reserva del escenario guardado «{name}» (la junta no ha fijado el "
                           "presupuesto).",
    "ofe.origin.example": "Valor inicial de ejemplo: ni la junta ni un escenario guardado fijan una reserva todavía. "
                          "Escriba la reserva real del GAD.",
    "ofe.metric.offers": "Ofertas",
    "ofe.metric.eligible": "Cumplen todas las condiciones",
    "ofe.metric.counterpart": "Contraparte que exigen las elegibles",
    "ofe.metric.counterpart_delta": "reserva: {available}",
    "ofe.committed.over": "Las ofertas elegibles juntas exigen {committed} de contraparte y la reserva es {available}: "
                          "no alcanza para postular a todas a la vez.",
    "ofe.cases.title": "Lo que enseña la tesis de Azogues",
    "ofe.case.failure": ":material/history: Caso fallido: la oferta se perdió porque el GAD no tenía la contraparte "
                        "reservada.",
    "ofe.case.success": ":material/history: Caso de éxito: la contraparte del GAD y de las asociaciones estaba "
                        "comprometida, y el proyecto se diseñó en el territorio.",
    "ofe.case.today": "Con la reserva de hoy ({available}): {verdict}",
    "ofe.verdict.yes": "la parroquia **sí** puede poner la contraparte de {required}.",
    "ofe.verdict.no": "la parroquia **no** puede poner la contraparte de {required}: faltan {gap}.",
    "ofe.verdict.unknown": "la oferta exige contraparte pero no dice cuánto.",
    "ofe.verdict.none": "no exige contraparte.",
    "ofe.table.title": "Todas las ofertas",
    "ofe.col.offer_id": "Código",
    "ofe.col.title": "Oferta",
    "ofe.col.cooperant": "Cooperante",
    "ofe.col.type": "Tipo de cooperación",
    "ofe.col.status": "Estado",
    "ofe.col.amount": "Monto",
    "ofe.col.required": "Contraparte exigida",
    "ofe.col.counterpart_ok": "¿Alcanza la reserva?",
    "ofe.col.eligible": "Elegible",
    "ofe.col.example_of": "Ejemplo ilustrativo de",
    "ofe.examples": ("{count} ofertas son ejemplos ilustrativos de otra parroquia (datos de demostración, columna "
                     "«Ejemplo ilustrativo de»): se revisan como ejemplo, pero no cuentan en las ofertas, las "
                     "elegibles ni la contraparte de esta parroquia."),
    "ofe.examples_one": ("1 oferta es un ejemplo ilustrativo de otra parroquia (datos de demostración, columna "
                         "«Ejemplo ilustrativo de»): se revisa como ejemplo, pero no cuenta en las ofertas, las "
                         "elegibles ni la contraparte de esta parroquia."),
    "ofe.col.failed": "No cumple",
    "ofe.col.proposals": "Propuestas que podría financiar",
    "ofe.col.pdot": "Objetivos del PDOT",
    "ofe.col.fit": "Coincidencias (de 4)",
    "ofe.col.reasons": "Por qué",
    "ofe.unknown": "no lo dice",
    "ofe.none": "no exige",
    "ofe.detail.title": "Cada oferta",
    "ofe.detail.checklist": "Condiciones",
    "ofe.detail.matches": "Propuestas que podría financiar",
    "ofe.detail.no_matches": "Ninguna propuesta de la parroquia comparte sus temas.",
    "ofe.detail.pdot": "Objetivos del PDOT a los que puede servir: {ids}",
    "ofe.detail.no_pdot": "No sirve a ningún objetivo del PDOT de la parroquia.",
    "ofe.detail.conditions": "Condiciones de la oferta: {text}",
    "ofe.detail.outcome": "Antecedente: {text}",
    "ofe.detail.source": "Fuente: {text}",
    "ofe.detail.illustrative": "Oferta ilustrativa (montos o fechas supuestos por Minga).",
    "ofe.detail.counterpart": "Contraparte: {verdict}",
    "ofe.eligible": "Elegible",
    "ofe.not_eligible": "No elegible",
    "ofe.source": "ofertas registradas en Minga; casos de la tesis de Azogues (Calle Molina y Castro Carrión, 2020)",
    "ofe.download.name": "minga-ofertas",
    # form
    "ofe.form.readonly": "Para registrar o editar ofertas ingrese como técnico de planificación.",
    "ofe.form.pick": "Oferta",
    "ofe.form.new": "— Nueva oferta —",
    "ofe.form.id": "Código de la oferta",
    "ofe.form.id_help": "Letras sin tilde, números, guion, guion bajo o punto (ej.: OF-GIZ-2027). No se cambia después.",
    "ofe.form.cooperant": "Cooperante",
    "ofe.form.cooperant_choose": "Elija un cooperante del registro",
    "ofe.form.cooperant_help": "Los cooperantes del registro (página Cooperantes); su tipo y país vienen de allí.",
    "ofe.form.cooperant_missing": "Cooperante: elija uno del registro de cooperantes.",
    "ofe.form.unlinked": "Esta oferta se guardó con el cooperante «{name}», que no está en el registro: elija su "
                         "registro (o regístrelo en Cooperantes) para guardarla.",
    "ofe.form.title": "Título de la oferta",
    "ofe.form.maybe_twin": ("Esta oferta puede ser la misma que {offers}, registrada en la parroquia con otro código "
                            "(mismo cooperante y mismo título; quizá una se escribió a mano y la otra vino de un "
                            "archivo IATI). Si lo es, quite una: las dos cuentan por separado y la contraparte "
                            "comprometida se cuenta dos veces."),
    "ofe.twin": "«{id}» ({title})",
    "ofe.form.modality": "Modalidad",
    "ofe.form.type": "Tipo de cooperación",
    "ofe.form.type_help": "La financiera reembolsable y el crédito blando son reembolsables; el GAD parroquial solo "
                          "gestiona fondos no reembolsables y asistencia técnica.",
    "ofe.form.call_type": "Tipo de convocatoria",
    "ofe.form.amount": "Monto (USD)",
    "ofe.form.amount_help": "Déjelo vacío si la oferta no dice el monto.",
    "ofe.form.estimate": "El monto es aproximado",
    "ofe.form.in_kind": "Aporte en especie",
    "ofe.form.pct": "Contraparte exigida (% del costo total)",
    "ofe.form.pct_placeholder": "por ejemplo 12,5",
    "ofe.form.usd": "Contraparte exigida (USD)",
    "ofe.form.counterpart_help": ("Llene uno de los dos, o ninguno si no exige contraparte. Si llena los dos, deben coincidir con el monto "
                                 "del cooperante."),
    "ofe.form.themes": "Temas",
    "ofe.form.support_kinds": "Tipos de apoyo",
    "ofe.form.sdg": "ODS",
    "ofe.form.applicants": "Quién puede postular",
    "ofe.form.open_date": "Apertura",
    "ofe.form.deadline": "Fecha límite",
    "ofe.form.conditions": "Condiciones",
    "ofe.form.status": "Estado de la oferta",
    "ofe.form.outcome": "Resultado o antecedente",
    "ofe.form.illustrative": "Es ilustrativa (no es una oferta real)",
    "ofe.form.source": "Fuente",
    "ofe.form.source_default": "Registrada en Minga por {user} el {date}",
    "ofe.form.save": "Guardar oferta",
    "ofe.form.saved": "Oferta «{id}» guardada (versión {version}).",
    "ofe.form.errors": "No se guardó. Corrija lo siguiente:",
    "ofe.err.other_parish": "La oferta «{offer}» es de {holder}: solo se edita desde esa parroquia. Desde {parish} "
                            "puede revisarla en «Revisión», sin cambiar lo que exige.",
    "ofe.form.exists": "Ya existe una oferta con el código «{id}»; elíjala en la lista para editarla.",
    "ofe.form.conflict": "No se guardó: {reason} Sus cambios siguen en el formulario.",
    "ofe.form.reload": "Recargar la versión guardada",
    "ofe.form.placeholder": "Elija una o varias opciones",
}
