"""Strings of the decision and acta page."""

STRINGS = {
    "dec.title": "Decisión y acta",
    "dec.intro": "La junta aprueba un escenario: Minga guarda las entradas, los pesos, las reglas, el método, el "
                 "resultado, los asistentes y sus votos, con un número y una fecha, y genera el acta. Una decisión "
                 "registrada no se edita: una corrección es una decisión nueva.",
    "dec.list": "Decisiones registradas",
    "dec.none": "Todavía no hay decisiones registradas para esta parroquia.",
    "dec.col.number_es": "N.º",
    "dec.col.date": "Fecha",
    "dec.col.scenario_name": "Escenario",
    "dec.col.outcome": "Resultado",
    "dec.col.votes": "Votos (a favor / en contra / abstención)",
    "dec.col.total_cost_usd": "Monto asignado",
    "dec.col.funded": "Proyectos",
    "dec.approved": "Aprobada",
    "dec.rejected": "No aprobada",
    "dec.choose": "Acta de la decisión",
    "dec.pdf": "Descargar acta (PDF)",
    "dec.xlsx": "Descargar acta (Excel)",
    "dec.new": "Registrar una decisión de la junta",
    "dec.need_role": "Solo la junta parroquial registra decisiones. Los demás pueden ver y descargar las actas.",
    "dec.no_scenarios": "No hay escenarios guardados: prepárelos en Decidir › Presupuesto.",
    "dec.scenario": "Escenario a aprobar",
    "dec.err.line_twice": "el proyecto «{id}» figura dos veces en el acta: cada proyecto va una sola vez",
    "dec.err.line_both": "el proyecto «{id}» figura a la vez como financiado y como no financiado en el acta",
    "dec.err.over_available": "los proyectos financiados suman {total}, más que lo disponible ({available}: el "
                              "presupuesto menos la reserva). No se registró el acta",
    "dec.summary": "Proyectos que financiaría hoy: {count}, por {amount} de {budget}; método: {method}.",
    "dec.already_approved": "Este escenario ya se aprobó en el acta {number} (proyectos: {count}, por {amount}). Lo "
                            "que esa acta decidió ya no compite: corrido hoy, el escenario reparte solo entre las "
                            "propuestas que siguen sin decidir.",
    "dec.meetings_changed": "El aporte del grupo asesor cambió desde que se guardó el escenario «{name}»: esta "
                            "corrida usa las sesiones cerradas de hoy, así que el orden y los proyectos pueden no ser "
                            "los que se prepararon. {changes} Revise el escenario en Decidir › Presupuesto (y "
                            "guárdelo de nuevo) antes de registrar la decisión.",
    "dec.meetings_changed.scores": "Puntajes de las propuestas: al guardar, {saved}; ahora, {now}.",
    "dec.meetings_changed.need": "Votación sobre los problemas (criterio de necesidad): al guardar, {saved}; ahora, "
                                 "{now}.",
    "dec.meetings_changed.ballots": "Votos del reparto proporcional: al guardar, {saved}; ahora, {now}.",
    "dec.meetings_changed.any": "Sesiones del grupo asesor: al guardar, {saved}; ahora, {now}.",
    "dec.meetings_changed.none": "ninguna sesión",
    "dec.date": "Fecha de la sesión de la junta",
    "dec.attendees_help": "Una fila por asistente. Marque «Vota» para los miembros de la junta; el grupo asesor y "
                          "el personal asisten sin voto.",
    "dec.col.name": "Nombre",
    "dec.col.role_es": "Función",
    "dec.col.votes_flag": "Vota",
    "dec.col.vote": "Voto",
    "dec.col.remark": "Observación",
    "dec.justification": "Por qué (se copia al acta)",
    "dec.submit": "Registrar decisión",
    "dec.same_vote": "Voto para las filas con voto que lo dejaron vacío",
    "dec.same_vote_none": "Ninguno: cada voto se escribe en la tabla",
    "dec.same_vote_help": "Solo si la junta votó así: por ejemplo, todos a favor. Un voto escrito en la tabla no cambia.",
    "dec.recorded": "Decisión {number} registrada: {outcome}.",
    "dec.vote.for": "A favor",
    "dec.vote.against": "En contra",
    "dec.vote.abstain": "Abstención",
    "dec.vote.unrecorded": "Sin registrar",
    "dec.role.president": "Presidente/a",
    "dec.public": "Vista pública: decisiones aprobadas y sus actas.",
    # -- what core.record.decisions refuses -----------------------------------------------------------------------
    "dec.err.no_vote_allowed": "{name} asiste sin voto: no puede votar",
    "dec.err.vote_missing": "falta el voto de {name}",
    "dec.err.nobody_votes": "la decisión necesita al menos un miembro de la junta con voto",
    "dec.err.repeated_attendees": "hay asistentes repetidos",
    "dec.err.attendee_text": "Asistentes, fila {row}, columna «{column}»: {message}",
    "dec.err.statuses": ("No se registró: el acta contradiría el estado de proyectos ya decididos ({items}). Cada "
                         "proyecto se financia en una sola acta; para decidir de nuevo, prepare un escenario solo "
                         "con las propuestas aún sin decidir."),
    "dec.err.status_one": "{id} está «{status}»",
    "dec.err.other_parish": ("No se registró: el acta nombra la propuesta {id}, que es de {parish}. Una junta decide "
                             "solo sobre las propuestas de su parroquia."),
    "dec.err.no_quorum": "No hay quórum: miembros de la junta presentes con voto, {present} de {members}; se "
                         "necesitan {quorum}. No se registró nada.",
    "dec.err.too_many_voters": "Hay {present} asistentes con voto y la junta tiene {members} miembros: marque "
                               "«Vota» solo para los miembros de la junta.",
    "dec.err.too_many_voters_one": "Hay {present} asistentes con voto y la junta tiene 1 miembro: marque «Vota» "
                                   "solo para el miembro de la junta.",
    "dec.err.quorum_size": "el quórum ({quorum}) no puede ser mayor que el número de miembros de la junta ({members})",
    "dec.err.quorum_below_majority": "el quórum ({quorum}) no puede ser menor que la mayoría absoluta de la junta "
                                     "({majority} de {members} miembros)",
    "dec.err.two_offices": "solo una persona firma como {office}",
    "dec.err.presiding_absent": "«{name}» no está entre los asistentes: elija quién presidió la sesión entre las "
                                "personas de la tabla (si el presidente/a faltó, preside un vocal o el "
                                "vicepresidente/a).",
    "dec.err.presiding_other": "firma el acta como presidente/a quien presidió la sesión ({name}): quite "
                               "«Presidente/a» de la fila de {other}",
    "dec.err.presiding_secretary": "{name} presidió la sesión: no firma también como secretario/a",
    "dec.err.no_presiding": "Elija quién presidió la sesión.",
    "dec.presided": "Presidió la sesión",
    "dec.presided_help": "Se propone al presidente/a de la junta. Si faltó, elija al vicepresidente/a o al vocal que "
                         "presidió (o escriba su nombre tal como está en la tabla): firma el acta y su voto decide un "
                         "empate.",
    "dec.presided_placeholder": "Elija o escriba quién presidió",
    "dec.err.president_votes": "quien preside la junta es miembro con voto: marque «Vota» en su fila",
    "dec.office.president": "Presidente/a",
    "dec.office.none": "No firma",
    "dec.col.signs_as": "Firma el acta como",
    "dec.quorum_caption": "La junta tiene {members} miembros; para decidir deben estar presentes al menos {quorum} "
                          "con voto. Se aprueba con más votos a favor que en contra; en un empate decide el voto de "
                          "quien preside.",
    # A board of one member: its quorum is 1 (core.record.junta.Board)
    "dec.quorum_caption_one": "La junta tiene 1 miembro; decide cuando está presente, con más votos a favor que en "
                              "contra.",
    "dec.board_title": "Miembros de la junta y quórum",
    "dec.board_members": "Miembros de la junta con voto",
    "dec.board_quorum": "Quórum (0 = mayoría absoluta)",
    "dec.board_quorum_help": "Cuántos miembros con voto deben estar presentes. Con 0, la mayoría absoluta: más de la "
                             "mitad de la junta.",
    "dec.board_submit": "Guardar",
    "dec.office.secretary": "Secretario/a",
    "dec.err.board_altered": "El tamaño y el quórum de la junta de {parish} se cambiaron por fuera de Minga (no "
                             "coinciden con su última versión registrada): no se registra la decisión con ellos. Lo "
                             "guardado no cambió; el Registro de cambios dice qué se alteró.",
    "dec.err.board_changed": "Otra persona cambió el tamaño o el quórum de la junta de {parish} mientras se "
                             "registraba la decisión: no se registró. Vuelva a abrir la página, revise el quórum "
                             "y registre la decisión de nuevo.",
    "dec.err.scenario_changed": "Otra persona guardó otra vez el escenario «{name}» mientras se registraba la "
                                "decisión: no se registró. Vuelva a abrir la página para ver lo que el escenario da "
                                "ahora y registre la decisión de nuevo.",
    "dec.err.inputs_changed": "Otra persona cambió propuestas, ofertas, puntajes o votos que usa el escenario "
                              "«{name}» mientras se registraba la decisión: no se registró. Vuelva a abrir la página "
                              "para ver lo que el escenario da ahora y registre la decisión de nuevo.",
    "dec.altered": "No se muestran estas decisiones porque se cambiaron por fuera de Minga (no coinciden con su "
                   "última versión registrada): {decisions}. Tampoco se imprime su acta. El Registro de cambios dice qué "
                   "se alteró; quien mantiene Minga puede restaurar un respaldo anterior al cambio.",
    "dec.named": "{number} de {parish}",
    "dec.err.scenario_unknown": "No se registró: «{name}» no es un escenario guardado de {parish}. La junta decide "
                                "sobre un escenario guardado: elíjalo en la lista o guárdelo antes en Decidir › "
                                "Presupuesto.",
    "dec.err.not_the_run": "No se registró: el acta no es lo que el escenario «{name}» da hoy con las propuestas "
                           "guardadas (difieren {parts}). Vuelva a abrir la página para ver el resultado de hoy y "
                           "regístrelo de nuevo.",
    "dec.run.funded": "los proyectos financiados o sus montos",
    "dec.run.scores": "los puntajes",
    "dec.run.budget": "el presupuesto o la reserva",
    "dec.run.method": "el método",
    "dec.run.weights": "los pesos",
    "dec.run.left_out": "las propuestas que quedan fuera",
    "dec.err.numbering": "No se pudo numerar la decisión; inténtelo de nuevo.",
}
