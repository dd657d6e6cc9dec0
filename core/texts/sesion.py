"""Strings of the meeting (advisory group) page."""

STRINGS = {
    "ses.title": "Sesión del grupo asesor",
    "ses.intro": "Como en el estudio El Valle: cada participante reparte sus votos entre los problemas o las "
                 "propuestas (más votos a lo que más pesa), y puntúa en privado las propuestas; luego se muestra "
                 "el resultado agregado y dónde hay desacuerdo, para discutirlo.",
    "ses.projector": "Modo proyector",
    "ses.projector_help": "Letra grande y sin barra lateral, para proyectar en la reunión.",
    "ses.choose": "Sesión",
    "ses.none": "No hay sesiones de {parish}. Ábrala arriba (técnico o junta).",
    "ses.none.wait": ("No hay sesiones de {parish}. La abre el técnico de planificación o la junta: entonces "
                      "aparecerá aquí; si lo invitaron a la sesión de otra parroquia, elíjala en «Parroquia», en la "
                      "barra lateral."),
    "ses.elsewhere": "Usted participa en la sesión «{title}» del {date}, de la parroquia {parish}.",
    "ses.elsewhere_go": "Ir a la sesión de {parish}",
    "ses.option": "{date} · {title} ({status})",
    "ses.open_title": "Abrir una sesión",
    "ses.field.title": "Tema de la sesión",
    "ses.field.title_default": "Priorización de problemas de las asociaciones",
    "ses.field.title_default_proposals": "Priorización de las propuestas de las asociaciones",
    "ses.field.date": "Fecha",
    "ses.field.subject": "Qué se prioriza",
    "ses.field.votes": "Votos por participante",
    "ses.field.participants_help": "Una fila por persona. «Usuario» es opcional: si lo pone, esa persona vota desde "
                                   "su propio teléfono con su cuenta. «Representa a» indica su asociación, si la "
                                   "representa: no votará ni puntuará las propuestas de esa asociación.",
    "ses.col.name": "Nombre",
    "ses.col.institution": "Institución",
    "ses.col.username": "Usuario (opcional)",
    "ses.col.association": "Representa a (opcional)",
    "ses.col.association_none": "Ninguna",
    "ses.open_submit": "Abrir sesión",
    "ses.opened": "Sesión abierta.",
    "ses.agenda.left_out": "Una sesión sobre propuestas pone en la mesa solo las que aún compiten por el presupuesto "
                           "de la parroquia: quedan fuera {count} propuestas, {reasons}. El grupo no puntúa ni "
                           "vota proyectos que ya no compiten.",
    "ses.agenda.left_out_one": "Una sesión sobre propuestas pone en la mesa solo las que aún compiten por el "
                               "presupuesto de la parroquia: queda fuera 1 propuesta, {reasons}. El grupo no puntúa "
                               "ni vota proyectos que ya no compiten.",
    "ses.agenda.decided": "{count} ya decididas por la junta ({statuses})",
    "ses.agenda.decided_one": "1 ya decidida por la junta ({statuses})",
    "ses.agenda.not_eligible": "{count} no elegibles",
    "ses.agenda.not_eligible_one": "1 no elegible",
    "ses.agenda.draft": "{count} en borrador, aún sin presentar",
    "ses.err.few_competing": "No se abrió la sesión: solo {count} propuestas compiten aún por el presupuesto de la "
                             "parroquia, y una sesión pone en la mesa al menos dos. Las demás ya se decidieron, no "
                             "son elegibles o siguen en borrador.",
    "ses.err.few_competing_one": "No se abrió la sesión: solo 1 propuesta compite aún por el presupuesto de la "
                                 "parroquia, y una sesión pone en la mesa al menos dos. Las demás ya se decidieron, "
                                 "no son elegibles o siguen en borrador.",
    "ses.err.few_competing_none": "No se abrió la sesión: ninguna propuesta compite aún por el presupuesto de la "
                                  "parroquia, y una sesión pone en la mesa al menos dos. Todas ya se decidieron, no "
                                  "son elegibles o siguen en borrador.",
    "ses.err.few_problems": ("No se abrió la sesión: el diagnóstico de {parish} tiene solo {count} problemas, y una "
                             "sesión pone en la mesa al menos dos. El equipo técnico de la parroquia los registra, con "
                             "sus votos, en «Preparar la parroquia»."),
    "ses.err.few_problems_one": ("No se abrió la sesión: el diagnóstico de {parish} tiene solo 1 problema, y una "
                                 "sesión pone en la mesa al menos dos. El equipo técnico de la parroquia los registra, "
                                 "con sus votos, en «Preparar la parroquia»."),
    "ses.err.few_problems_none": ("No se abrió la sesión: el diagnóstico de {parish} no tiene problemas registrados, "
                                  "y una sesión pone en la mesa al menos dos. El equipo técnico de la parroquia los "
                                  "registra, con sus votos, en «Preparar la parroquia»."),
    "ses.err.not_parish_proposals": "No se guardó la sesión: {items} no son propuestas registradas de {parish}. Una "
                                    "sesión sobre propuestas pone en la mesa solo las propuestas de su parroquia.",
    "ses.err.not_parish_problems": "No se guardó la sesión: {items} no son problemas del diagnóstico de {parish}. "
                                   "Una sesión sobre problemas pone en la mesa solo los problemas de su parroquia.",
    "ses.err.not_competing": "No se guardó la sesión: estas propuestas ya no compiten por el presupuesto de la "
                             "parroquia y no se ponen en la mesa: {items}.",
    "ses.score_problems": "Esta sesión prioriza problemas: no se puntúan propuestas. Cada participante reparte sus "
                          "votos en la pestaña «Votación ponderada».",
    "ses.no_votes": "Nadie repartió votos en esta sesión ({saved} votaciones guardadas sin ningún voto): no hay "
                    "orden que mostrar, y la sesión no cambia la necesidad que mide Priorización.",
    "ses.no_votes_one": "Nadie repartió votos en esta sesión (1 votación guardada sin ningún voto): no hay orden que "
                        "mostrar, y la sesión no cambia la necesidad que mide Priorización.",
    "ses.status.open": "abierta",
    "ses.status.revealed": "resultados visibles",
    "ses.status.closed": "cerrada",
    "ses.tab.vote": "Votación ponderada",
    "ses.tab.score": "Puntuación privada",
    "ses.tab.results": "Resultados",
    "ses.participant": "Participante",
    "ses.votes_left": "Le quedan {left} de {total}.",
    "ses.votes_left_one": "Le queda 1 de {total}.",
    "ses.votes_left_none": "Ya repartió todos sus votos ({total}).",
    "ses.count.votes": "{n} votos",
    "ses.count.votes_one": "1 voto",
    "ses.votes_over": "Reparte {used} votos y tiene {total}: quite {extra}.",
    "ses.vote_submit": "Guardar mi votación",
    "ses.vote_saved": "Votación de {name} guardada.",
    "ses.voted_count": "Han votado {voted} de {total}.",
    "ses.voted_count_one": "Ha votado 1 de {total}.",
    "ses.count.participants": "{n} participantes",
    "ses.count.participants_one": "1 participante",
    "ses.score_help": "Califique de 0 a 100 lo que los datos no pueden medir. Nadie ve sus puntajes hasta que "
                      "quien conduce la sesión muestre el resultado agregado.",
    "ses.score_submit": "Guardar mis puntajes",
    "ses.score_saved": "Puntajes de {name} guardados.",
    "ses.scored_count": "Han puntuado {scored} de {total}.",
    "ses.scored_count_one": "Ha puntuado 1 de {total}.",
    "ses.reveal": "Mostrar resultados agregados",
    "ses.close": "Cerrar la sesión",
    "ses.votes_hidden": "Los votos se mostrarán cuando quien conduce la sesión muestre los resultados o la cierre: "
                        "así nadie vota viendo cómo votaron los demás.",
    "ses.hidden": "Los puntajes privados se mostrarán cuando quien conduce la sesión lo decida.",
    "ses.tally_title": "Resultado de la votación ponderada",
    "ses.tally_chart": "Votos por tema, de más a menos",
    "ses.tally.item": "Tema",
    "ses.tally.votes": "Votos",
    "ses.tally.voters": "Participantes que le dieron votos",
    "ses.tally.share": "Porcentaje",
    "ses.tally.rank": "Puesto",
    "ses.scores_title": "Puntajes privados: mediana y desacuerdo",
    "ses.scores.proposal": "Propuesta",
    "ses.scores.criterion": "Criterio",
    "ses.scores.median": "Mediana",
    "ses.scores.min": "Mínimo",
    "ses.scores.max": "Máximo",
    "ses.scores.n": "Evaluadores",
    "ses.scores.disagreement": "Desacuerdo",
    "ses.disagreement_note": "Hay desacuerdo cuando los puntajes se separan 40 puntos o más (o el rango intercuartil "
                             "llega a 25): es lo que conviene discutir.",
    "ses.subject.problems": "Problemas",
    "ses.subject.proposals": "Propuestas",
    "ses.not_participant": "Su usuario no figura entre los participantes de esta sesión.",
    "ses.tab.pairwise": "Pesos por pares",
    "ses.participant_help": "Usted vota y puntúa por sí mismo. Quien conduce la sesión puede además registrar la "
                            "parte de un participante que no tiene dispositivo; queda marcado en los resultados y "
                            "en el acta.",
    "ses.for_no_device": "{name} (sin dispositivo: lo registra usted)",
    "ses.unscored": "sin calificar",
    "ses.nothing_scored": "No escribió ningún puntaje: deje vacío lo que no quiere calificar y escriba al menos uno.",
    "ses.pairwise_help": "Compare los criterios de dos en dos: cuántas veces importa más uno que otro (escala de "
                         "Saaty, 1 a 9). Los pesos del grupo son la media geométrica de las comparaciones de todos.",
    "ses.pairwise_pair": "{a} frente a {b}",
    "ses.pairwise_equal": "igual de importantes",
    "ses.pairwise_more": "{name}, {times} veces más importante",
    "ses.pairwise_submit": "Guardar mis comparaciones",
    "ses.pairwise_saved": "Comparaciones de {name} guardadas.",
    "ses.scores.not_scored": "No calificaron",
    "ses.recorded_for": "Quien condujo la sesión registró la parte de quienes no tenían dispositivo propio: {names}.",
    "ses.weights_title": "Pesos del grupo (comparación por pares)",
    "ses.weights.criterion": "Criterio",
    "ses.weights.weight": "Peso del grupo",
    "ses.weights.evaluator": "Evaluador",
    "ses.weights.cr": "Razón de consistencia",
    "ses.weights.consistent": "Consistente (hasta 0,10)",
    "ses.weights_note": "Media geométrica de las matrices de todos los evaluadores; razón de consistencia del "
                        "grupo: {cr}. Con más de 0,10, las comparaciones se contradicen y conviene revisarlas.",
    "ses.weights_use": "Usar los pesos del grupo en Priorización",
    "ses.weights_used": "Listo: Priorización y Presupuesto prueban ahora los pesos del grupo.",
    "ses.feeds": "Sesión cerrada. Priorización y Presupuesto usan ahora {parts}.",
    "ses.feeds.need": "su votación de problemas, para medir la necesidad que atiende cada propuesta",
    "ses.feeds.scores": "sus puntajes (la mediana de cada propuesta y criterio, donde los evaluadores calificaron)",
    "ses.feeds.ballots_votes": "sus votos sobre propuestas, solo en el objetivo proporcional (partes iguales) de "
                               "Presupuesto: no cambian el puntaje ni el orden de prioridad",
    "ses.feeds.ballots_scores": "la calificación media de cada participante, como su voto en el objetivo proporcional "
                                "(partes iguales) de Presupuesto",
    "ses.feeds.weights": "los pesos de sus comparaciones de criterios, si alguien los toma con «Usar los pesos del "
                         "grupo en Priorización»",
    "ses.feeds.none": "Sesión cerrada. Priorización y Presupuesto no toman nada de ella: no tiene puntajes ni votos, "
                      "o una sesión cerrada más reciente del mismo tema los da.",
    "ses.meeting_name": "sesión del grupo asesor «{title}» del {date}",
    "ses.meeting_recorded_for": " (quien condujo la sesión registró la parte de {names}, sin dispositivo propio)",
    # -- what core.record.meeting refuses --------------------------------------------------------------------------
    "ses.err.participant_code": "el código del participante usa minúsculas, números y guiones",
    "ses.err.repeated_items": "hay temas repetidos en la sesión",
    "ses.err.repeated_participants": "hay participantes repetidos",
    "ses.err.repeated_name": "«{name}» figura dos veces en la lista: si son dos personas, distíngalas en el nombre "
                             "(por ejemplo con su comunidad) o por su cuenta de usuario",
    "ses.err.repeated_accounts": "una misma cuenta de usuario figura en dos participantes: cada persona participa "
                                 "una sola vez",
    "ses.err.unknown_account": "el usuario «{username}» de {name} no es una cuenta activa que pueda participar en "
                               "sesiones: revise el nombre de usuario o déjelo vacío si la persona no tiene dispositivo",
    "ses.err.other_board": "el usuario «{username}» de {name} es de la junta de {own}: no participa en las sesiones "
                           "de {other}",
    "ses.err.other_gad": "el usuario «{username}» de {name} es técnico de planificación del GAD de {own}: no "
                         "participa en las sesiones de {other}",
    "ses.err.own_proposal": "quien representa a una asociación no vota ni puntúa las propuestas de su propia "
                            "asociación ({proposals})",
    "ses.own_items": "No vota ni puntúa las propuestas de su asociación: {proposals}.",
    "ses.err.not_participant": "«{participant}» no participa en esta sesión",
    "ses.err.negative_votes": "los votos no pueden ser negativos («{item}»)",
    "ses.err.score_range": "el puntaje de «{criterion}» debe estar entre 0 y 100",
    "ses.err.unknown_criterion": "«{criterion}» no es un criterio de Minga",
    "ses.err.computed_criterion": ("«{criterion}» no lo puntúa el grupo: Minga lo calcula con los datos de cada "
                                   "propuesta. El grupo puntúa {judged}"),
    "ses.err.unknown_pair": "«{pair}» no compara dos criterios distintos de Minga",
    "ses.err.pairwise_range": "la comparación «{pair}» debe estar entre 1/9 y 9",
    "ses.err.pair_twice": ("«{a}» y «{b}» se comparan dos veces (en los dos sentidos): deje una sola "
                           "comparación de cada par"),
    "ses.err.account_took_part": "«{name}» ya votó o puntuó con su usuario «{username}»: su usuario no puede "
                                 "cambiarse ni quitarse en esta sesión. Lo guardado no cambió",
    "ses.err.judged_removed": "ya tienen votos o puntajes en esta sesión y no pueden quitarse de ella: {items}. "
                              "Lo guardado no cambió",
    "ses.err.judged_off_list": ("un participante que vuelve a la lista ya votó o puntuó {items}, que ya no están en "
                                "esta sesión: su papeleta no cabría en el conteo. Lo guardado no cambió"),
    "ses.err.fewer_votes_than_cast": "una papeleta ya guardada reparte {used} votos: la sesión no puede bajar a "
                                     "{allowed} votos por participante. Lo guardado no cambió",
    "ses.err.unknown_items": "temas que no están en la sesión: {items}",
    "ses.err.too_many_votes": "reparte {used} votos y tiene {allowed}: quite {extra} para guardar la papeleta",
    "ses.err.only_yourself": "Solo puede votar o puntuar por usted mismo en esta sesión.",
    "ses.err.results_shown": "Los resultados de esta sesión ya se mostraron: solo puede cerrarse, sin cambios. "
                             "Para votar o puntuar de nuevo, abra una sesión nueva.",
    "ses.err.meeting_altered": "La sesión «{meeting}» se cambió por fuera de Minga (no coincide con su última "
                               "versión registrada): no recibe votos ni puntajes. Lo guardado no cambió; el Registro "
                               "de cambios dice qué se alteró.",
    "ses.err.voting_closed": "la votación de esta sesión ya está cerrada",
    "ses.err.scoring_closed": "la puntuación de esta sesión ya está cerrada",
    # another request changed the meeting (closed it, showed its results, changed its list) between the checks
    # and the save: nothing was stored
    "ses.err.changed_vote": "La sesión «{meeting}» cambió mientras se guardaba su voto (por ejemplo, quien la "
                            "conduce cerró la votación o mostró los resultados): su voto no se guardó. Vuelva a "
                            "abrir la sesión y revise su estado; si sigue abierta, vote de nuevo.",
    "ses.err.changed_score": "La sesión «{meeting}» cambió mientras se guardaba su puntuación (por ejemplo, quien la "
                             "conduce cerró la puntuación o mostró los resultados): su puntuación no se guardó. "
                             "Vuelva a abrir la sesión y revise su estado; si sigue abierta, puntúe de nuevo.",
    "ses.err.changed_pairwise": "La sesión «{meeting}» cambió mientras se guardaban sus comparaciones de criterios "
                                "(por ejemplo, quien la conduce cerró la puntuación o mostró los resultados): no se "
                                "guardaron. Vuelva a abrir la sesión y revise su estado; si sigue abierta, compare "
                                "de nuevo.",
    "ses.err.changed_meeting": "Otra persona guardó la sesión «{meeting}» mientras usted guardaba sus cambios (por "
                               "ejemplo, la cerró o mostró sus resultados): sus cambios no se guardaron. Vuelva a "
                               "abrir la sesión, revise cómo quedó y guarde de nuevo si todavía corresponde.",
    "ses.err.not_in_meeting": "«{proposal}» no está en esta sesión",
    "ses.err.no_meeting": "la sesión «{meeting}» no existe",
    "ses.err.not_listed": "Su usuario no figura entre los participantes de esta sesión: solo votan y puntúan "
                          "quienes están en la lista.",
}
