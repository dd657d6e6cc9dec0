"""The acta of a board decision (core.record.acta), as PDF and as Excel: headings, columns and sentences. Amounts and
dates arrive formatted (es-EC); the votes' names are those of the decision page (`dec.vote.*`)."""

STRINGS: dict[str, str] = {
    "acta.footer": "Minga - acta {number} - {parish}",
    "acta.footer_log": " - registro N.º {seq} {hash}",
    "acta.page": "Página {page}/{pages}",
    "acta.gad": "GOBIERNO AUTÓNOMO DESCENTRALIZADO PARROQUIAL DE {parish}",
    "acta.heading": "ACTA DE DECISIÓN PRESUPUESTARIA N.º {number}",
    "acta.date_parish": "Fecha: {date}   ·   Parroquia: {parish} ({code})",
    "acta.attendees": "1. Asistentes",
    "acta.decided": "2. Lo que se decidió",
    "acta.approved": "APROBADO",
    "acta.not_approved": "NO APROBADO",
    "acta.resolution": "La junta parroquial conoció el escenario «{scenario}» y resolvió: {outcome}, con {votes_for}, "
                       "{votes_against} y {abstentions}. Presupuesto: {budget}; reserva: {reserve}; método: {method} "
                       "({status}). Se asignan {cost} a {funded}, con un puntaje total de {score}.",
    "acta.count.for": "{n} votos a favor",
    "acta.count.for_one": "1 voto a favor",
    "acta.count.against": "{n} en contra",
    "acta.count.against_one": "1 en contra",
    "acta.count.abstain": "{n} abstenciones",
    "acta.count.abstain_one": "1 abstención",
    "acta.count.project": "{n} proyectos",
    "acta.count.project_one": "1 proyecto",
    "acta.quorum": "Quórum: asisten {present} de los {members} miembros de la junta con voto; el quórum es de "
                   "{quorum}.",
    # A board of one member: its quorum is 1 and it is the one present (core.record.junta.Board)
    "acta.quorum_one": "Quórum: asiste el único miembro de la junta con voto; el quórum es de {quorum}.",
    "acta.casting_vote": "Hubo empate: decidió el voto dirimente de quien preside la junta.",
    "acta.status.Optimal": "cálculo exacto: ninguna otra asignación dentro de las reglas logra un puntaje mayor",
    "acta.status.other": "cálculo sin confirmar que sea el mejor posible",
    "acta.status.ByRule": ("cálculo por la regla del método, que se sigue paso a paso y no busca el mayor puntaje "
                           "total posible"),
    "acta.status.NoCandidates": "ninguna propuesta llegó a la asignación: no había nada que elegir",
    "acta.objective": "Objetivo de la asignación: {method}.",
    "acta.meetings": "Los criterios de juicio (factibilidad y sostenibilidad) se tomaron de la {meetings}: la mediana "
                     "de los puntajes de sus evaluadores, donde calificaron; en lo demás, la estimación de Minga.",
    "acta.uncovered": "Asociaciones sin ningún proyecto financiado, y por qué: {associations}.",
    "acta.unscored": "Sus evaluadores no calificaron estas propuestas financiadas, que llevan la estimación de "
                     "Minga: {titles}.",
    "acta.need_meetings": "La necesidad que atiende cada propuesta se midió con la votación de problemas de la "
                          "{meetings}.",
    "acta.ballot_meetings": "El reparto proporcional siguió los votos sobre propuestas de la {meetings}.",
    "acta.no_meeting": "No hubo una sesión cerrada del grupo asesor con puntajes: los criterios de juicio "
                       "(factibilidad y sostenibilidad) son la estimación de Minga a partir de cada propuesta.",
    "acta.sign.president": "Presidente/a de la junta parroquial",
    # a decision that names who presided (recorded since it is asked): its presiding person's line and signature
    "acta.presided": "Presidió la sesión {name} ({role}).",
    "acta.sign.presided": "Presidió la sesión ({role})",
    "acta.field.presided": "Presidió la sesión",
    "acta.field.uncovered": "Asociaciones sin proyecto",
    "acta.field.presided_value": "{name} ({role})",
    "acta.sign.secretary": "Secretario/a de la junta parroquial",
    "acta.verify_title": "8. Cómo comprobar esta acta",
    "acta.unprintable": ("Los textos entre corchetes como {example} son caracteres que la fuente del acta no puede "
                         "dibujar (un emoji, una letra de otra escritura): se imprime en su lugar su código Unicode. "
                         "El registro guarda el texto tal como se escribió."),
    "pdf.unprintable": ("Los textos entre corchetes como {example} son caracteres que la fuente del documento no "
                        "puede dibujar (un emoji, una letra de otra escritura): se imprime en su lugar su código "
                        "Unicode. El registro guarda el texto tal como se escribió."),
    "acta.verify_words": "Minga guarda cada cambio en un registro encadenado y firmado: cada entrada lleva una huella "
                         "digital calculada a partir de su contenido y de la entrada anterior, de modo que cambiar "
                         "después cualquier dato, aunque sea una cifra, rompe la cadena y se nota. Esta acta N.º "
                         "{number} corresponde a la entrada cuya huella empieza por {hash}. Cualquier persona puede "
                         "pedir al GAD parroquial que compruebe, delante de ella, que el registro está intacto y que "
                         "esa huella coincide con la impresa al pie de cada página; el técnico lo hace con el comando "
                         "de la constancia que sigue.",
    "acta.no_hash": "(sin huella: pídala al GAD)",
    "acta.field.meetings": "Grupo asesor",
    "acta.field.quorum": "Quórum",
    "acta.field.quorum_value": "{quorum} de {members} miembros con voto",
    "acta.field.quorum_value_one": "{quorum} de 1 miembro con voto",
    "acta.funded": "3. Proyectos financiados",
    "acta.left_out": "4. Propuestas no financiadas y por qué",
    "acta.why": "5. Por qué: criterios, pesos y reglas",
    "acta.voting": "6. Votación y observaciones",
    "acta.dissent": "Votos salvados: {remarks}",
    "acta.remark": "{name}: «{remark}»",
    "acta.signatures": "7. Firmas",
    "acta.recorded": "Registrada en Minga por {by} el {at} (hora de Ecuador continental).",
    "acta.no_vote": "Sin voto",
    "acta.attends": "Asiste sin voto",
    "acta.col.name": "Nombre",
    "acta.col.role": "Función",
    "acta.col.vote": "Voto",
    "acta.col.member": "Miembro",
    "acta.col.remark": "Observación",
    "acta.col.code": "Código",
    "acta.col.project": "Proyecto",
    "acta.col.associations": "Asociación(es)",
    "acta.col.amount": "Monto",
    "acta.col.amount_usd": "Monto (USD)",
    "acta.col.score": "Puntaje",
    "acta.col.reason": "Motivo",
    "acta.col.criterion": "Criterio",
    "acta.col.weight": "Peso",
    "acta.col.criterion_or_rule": "Criterio o regla",
    "acta.col.field": "Campo",
    "acta.col.value": "Valor",
    "acta.total": "Total",
    "acta.status_note": "Acta {number}",
    # -- the Excel workbook: its sheets and the rows of the first one -----------------------------------------
    "acta.sheet.decision": "Decisión",
    "acta.sheet.funded": "Financiadas",
    "acta.sheet.left_out": "No financiadas",
    "acta.sheet.attendees": "Asistentes y votos",
    "acta.sheet.weights": "Pesos y reglas",
    "acta.field.number": "Acta N.º",
    "acta.field.parish": "Parroquia",
    "acta.field.parish_value": "{parish} ({code})",
    "acta.field.date": "Fecha",
    "acta.field.scenario": "Escenario",
    "acta.field.outcome": "Resultado",
    "acta.field.approved": "Aprobado",
    "acta.field.not_approved": "No aprobado",
    "acta.field.votes_for": "Votos a favor",
    "acta.field.votes_against": "Votos en contra",
    "acta.field.abstentions": "Abstenciones",
    "acta.field.budget": "Monto presupuesto (USD)",
    "acta.field.reserve": "Monto reserva (USD)",
    "acta.field.method": "Método",
    "acta.field.status": "Estado del cálculo",
    "acta.field.cost": "Monto asignado (USD)",
    "acta.field.score": "Puntaje total",
    "acta.field.justification": "Justificación",
    "acta.field.recorded_by": "Registrada por",
    "acta.field.recorded_at": "Registrada el (hora de Ecuador continental)",
}
