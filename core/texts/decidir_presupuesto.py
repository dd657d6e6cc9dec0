"""Strings of the Priorización and Presupuesto pages, saved scenarios and their comparison, and the Spanish
labels of the prioritization engine's codes (criteria, screening gates, allocation methods and rules).

The engine (core.engine.criteria, core.engine.screening, core.engine.allocation, core.engine.scoring) reads its labels from here through
core.texts.label, so a label is written once and the pages, the acta and the engine's sentences say the same
thing.
"""

LABELS: dict[str, dict[str, str]] = {
    "criterion": {
        "pdot": "Alineación con el PDOT",
        "feasibility": "Factibilidad",
        "scope": "Alcance",
        "sdg_pnd": "Alineación con ODS y PND",
        "need": "Necesidad que atiende",
        "sustainability": "Sostenibilidad",
        "counterpart": "Contraparte y cofinanciamiento",
        "aid_concentration": "Concentración de ayudas previas",
    },
    "criterion_description": {
        "pdot": "Objetivos del PDOT parroquial que la propuesta sirve (COPFP art. 68).",
        "feasibility": "Capacidad técnica, financiera e institucional de ejecutarla; la califican los evaluadores.",
        "scope": "Cuántas personas beneficia, si el beneficio es colectivo y cuántas son mujeres o jóvenes.",
        "sdg_pnd": "Objetivos y metas de desarrollo sostenible y objetivos del Plan Nacional de Desarrollo.",
        "need": "Peso en la votación de problemas del grupo asesor y en las necesidades que nombran las familias.",
        "sustainability": "Si seguirá funcionando al terminar el financiamiento; la califican los evaluadores.",
        "counterpart": "Parte del costo que ponen las asociaciones, un cooperante u otros.",
        "aid_concentration": "Penaliza dar otra vez la misma clase de ayuda a la misma asociación.",
    },
    "criterion_kind": {
        "datos": "calculado de los datos",
        "juicio": "juicio de los evaluadores",
    },
    "criterion_kind_short": {
        "datos": "Datos",
        "juicio": "Juicio",
    },
    "screening_gate": {
        "status": "Presentada y sin decidir",
        "competence": "Competencia del GAD parroquial",
        "non_reimbursable": "Fondos no reembolsables",
        "applicant": "Postulante admitido por la oferta",
        "counterpart": "Contraparte disponible",
        "pdot": "Alineación con el PDOT",
        "complete": "Formulación completa",
        "open": "Oferta vigente",
        "flok_stage": "Etapa exigida por la parroquia",
    },
    "allocation_method": {
        "optimal": "Asignación óptima por puntaje (programación entera exacta)",
        "scope": "Asignación óptima por alcance (puntaje por persona alcanzada, exacta)",
        "proportional": "Proporcional: Método de Partes Iguales sobre las calificaciones del grupo asesor",
        "greedy": "Voraz por puntaje (regla de CONSUL)",
        "equal_split": "Reparto igual entre asociaciones",
    },
    "allocation_objective": {
        "optimal": "Maximiza la suma de los puntajes de los proyectos financiados.",
        "scope": "Maximiza la suma de los puntajes multiplicados por las personas que alcanza cada proyecto "
                 "(beneficiarios directos o, si faltan, los socios de sus asociaciones); si se sabe cuántos socios "
                 "tiene una asociación, cada uno cuenta una sola vez aunque varios proyectos lo alcancen.",
        "proportional": "Da a cada participante del grupo asesor una parte igual del presupuesto y financia lo que "
                        "sus partidarios pueden pagar juntos; lo que sobra se completa por puntos del grupo por dólar.",
        "greedy": "Financia por puntaje, de mayor a menor, saltando lo que no cabe (no maximiza un total).",
        "equal_split": "Divide el presupuesto en partes iguales por asociación (no maximiza un total).",
    },
    "allocation_method_short": {
        "optimal": "Óptima por puntaje",
        "scope": "Óptima por alcance",
        "proportional": "Proporcional (partes iguales)",
        "greedy": "Voraz (CONSUL)",
        "equal_split": "Reparto igual",
    },
    "allocation_rule": {
        "must_fund": "Obligatoria por decisión de la junta",
        "must_not_fund": "Excluida por decisión de la junta",
        "too_expensive": "Cuesta más de lo disponible",
        "association_cap": "Tope por asociación",
        "exclusive": "Excluyente con otra propuesta",
        "budget": "Presupuesto",
        "coverage": "Al menos una por asociación",
        "share": "Cuota igual de la asociación",
        "tie": "Empate",
        "score": "Puntaje",
        "proportional": "No elegida por partes iguales",
        "completion": "Financiada al completar",
        "infeasible": "Reglas imposibles de cumplir",
    },
    "comparison_metric": {
        "total_score": "Puntaje total",
        "total_cost_usd": "Costo financiado",
        "n_funded": "Propuestas financiadas",
        "associations_covered": "Asociaciones con proyecto",
        "beneficiaries": "Beneficiarios directos",
        "gini": "Índice de Gini del dinero",
        "max_association_share": "Mayor parte de una asociación",
        "unspent_usd": "Sin asignar",
    },
}

STRINGS: dict[str, str] = {
    # -- scenarios (core.engine.scenarios) -----------------------------------------------------------------
    "scen.error.name_empty": "El nombre del escenario debe tener al menos una letra o un número.",
    "scen.error.exists": "Ya existe un escenario llamado «{name}» en esta parroquia. Elija otro nombre o marque "
                         "«Reemplazar el escenario con el mismo nombre».",
    "scen.error.changed": "Otra persona guardó el escenario «{name}» mientras usted trabajaba. Recargue la lista y "
                          "vuelva a intentarlo.",
    "scen.error.parish": "El escenario «{name}» es de la parroquia {scenario_parish}, no de {parish}.",
    "scen.error.infeasible": "El escenario «{name}» no tiene una asignación posible, así que no se puede llevar a la "
                             "junta: {reason}",
    "scen.rule.budget": "Presupuesto: {amount}",
    "scen.rule.reserve": "Reserva fuera del reparto: {amount} (se reparten {available})",
    "scen.rule.min_one": "Al menos una propuesta por asociación cuando sea posible",
    "scen.rule.cap": "Tope por asociación: {share} del presupuesto ({amount})",
    "scen.rule.must": "Obligatorias por decisión de la junta: {items}",
    "scen.rule.must_not": "Excluidas por decisión de la junta: {items}",
    "scen.rule.exclusive": "Excluyentes entre sí: {items}",
    "scen.rule.method": "Método: {method}",
    "scen.left_out.ineligible": "No pasa el filtro de elegibilidad: {reasons}",
    "scen.compare.same": "Los dos escenarios financian las mismas {count} propuestas.",
    "scen.compare.same_one": "Los dos escenarios financian la misma propuesta.",
    "scen.compare.same_none": "Ninguno de los dos escenarios financia una propuesta.",
    "scen.compare.none": "ninguna",
    "scen.compare.summary": "«{b}» frente a «{a}»: {entering} entran, {leaving} salen; puntaje total {score_delta}, "
                            "costo {cost_delta}, asociaciones con proyecto {coverage_delta}.",
    "scen.save.who": "Guardar escenarios es para el técnico de planificación y la junta. Puede probar pesos y reglas "
                     "sin guardar.",
    "scen.save.name": "Nombre del escenario",
    "scen.save.name_placeholder": "Por ejemplo: Junta 2026, alcance y factibilidad",
    "scen.save.note": "Nota (opcional)",
    "scen.save.replace": "Reemplazar el escenario con el mismo nombre",
    "scen.save.submit": "Guardar escenario",
    "scen.save.invalid": "No se pudo guardar: {reason}",
    "scen.save.done": "Escenario «{name}» guardado (versión {version}).",
    # -- Priorización -----------------------------------------------------------------------------------------
    "prio.title": "Priorización",
    "prio.intro": "Cada propuesta que pasa el filtro de elegibilidad recibe un puntaje de 0 a 100 en cada criterio, "
                  "con una frase que dice por qué. Los pesos deciden cuánto cuenta cada criterio; cámbielos y vea cómo "
                  "se mueve el orden de prioridad y qué tan firme es.",
    "prio.no_proposals": "Esta parroquia no tiene propuestas registradas. Ingréselas o impórtelas en la página "
                         "Propuestas.",
    "prio.weights.title": "Pesos de los criterios",
    "prio.weights.preset": "Conjunto de pesos",
    "prio.weights.preset_help": "Parta de un conjunto con nombre y ajuste los deslizadores; si ya no coincide con "
                                "ninguno, se llama «Pesos propios».",
    "prio.weights.custom": "Pesos propios",
    "prio.weights.slider": "{name} · {kind}",
    "prio.weights.all_zero": "Todos los pesos están en cero: se usa el conjunto del estudio El Valle hasta que suba "
                             "alguno.",
    "prio.weights.kinds": "Los puntos de los deslizadores se normalizan: cada peso es su parte del total. «Datos»: el "
                          "puntaje se calcula de los registros (PDOT, beneficiarios, problemas votados, ayudas "
                          "recibidas). «Juicio»: lo califican los evaluadores en la sesión del grupo asesor; mientras "
                          "no lo hagan, una aproximación calculada de la formulación ocupa su lugar y lo dice.",
    "prio.ahp.title": "Comparación por pares (AHP)",
    "prio.ahp.help": "Compare los criterios de dos en dos: en cada fila, ¿cuál pesa más y cuánto? (escala de Saaty: "
                     "3 moderada, 5 fuerte, 7 muy fuerte, 9 extrema). Las comparaciones parten de los pesos actuales. "
                     "Los pesos resultantes son el vector propio de la matriz de comparaciones.",
    "prio.ahp.col_a": "Criterio A",
    "prio.ahp.col_b": "Criterio B",
    "prio.ahp.col_judgment": "¿Cuál pesa más y cuánto?",
    "prio.ahp.col_weight": "Peso por pares",
    "prio.ahp.col_current": "Peso actual",
    "prio.ahp.a": "A, {strength} ({v})",
    "prio.ahp.b": "B, {strength} ({v})",
    "prio.ahp.equal": "Igual (1)",
    "prio.ahp.s3": "moderada",
    "prio.ahp.s5": "fuerte",
    "prio.ahp.s7": "muy fuerte",
    "prio.ahp.s9": "extrema",
    "prio.ahp.cr": "Razón de consistencia",
    "prio.ahp.cr_help": "Mide cuánto se contradicen las comparaciones (0 = ninguna contradicción). Se acepta hasta "
                        "{limit}.",
    "prio.ahp.inconsistent": "Las comparaciones se contradicen: la razón de consistencia es {cr}, mayor que {limit}. "
                             "Revise las filas que no concuerdan con las demás (si A pesa más que B y B más que C, A "
                             "debería pesar más que C) antes de usar estos pesos.",
    "prio.ahp.consistent": "Comparaciones consistentes: razón de consistencia {cr} (se acepta hasta {limit}).",
    "prio.ahp.use": "Usar estos pesos",
    "prio.ahp.reset": "Partir de los pesos actuales",
    "prio.ranking.title": "Orden de prioridad de las propuestas elegibles",
    "prio.ranking.caption": "Pesos: {weights}. «Financiada» usa la asignación óptima con el presupuesto de "
                            "{budget} y las reglas de la página Presupuesto.",
    "prio.ranking.ties": "Empates: {groups}. Entre propuestas con el mismo puntaje el puesto sigue solo su código, "
                         "no una preferencia del grupo asesor ni de la junta; la asignación las desempata por menor "
                         "costo y luego por código.",
    "prio.ranking.tie_group": "puestos {first} a {last}, {count} propuestas con {score} puntos",
    "prio.ranking.tie_more": "{n} empates más",
    "prio.ranking.tie_more_one": "1 empate más",
    "prio.ranking.empty": "Ninguna propuesta pasa el filtro de elegibilidad: vea los motivos abajo.",
    "prio.col.rank": "Puesto",
    "prio.col.code": "Código",
    "prio.col.title": "Propuesta",
    "prio.col.proposal": "Propuesta",
    "prio.col.associations": "Asociación(es)",
    "prio.col.score": "Puntaje (0–100)",
    "prio.col.asked": "Pide al GAD",
    "prio.col.funded": "Financiada",
    "prio.col.flags": "Alertas",
    "prio.col.kind": "Tipo",
    "prio.col.weight": "Peso",
    "prio.col.criterion_score": "Puntaje del criterio",
    "prio.col.contribution": "Aporta (puntos)",
    "prio.col.why": "Por qué",
    "prio.col.source": "De dónde viene el valor",
    "prio.confirm.title": "Por confirmar por el técnico",
    "prio.confirm.caption": "Pasan el filtro, pero lo que declaran no encaja del todo: confirme o corrija la "
                            "propuesta antes de que la junta decida.",
    "prio.col.gate": "No cumple",
    "prio.col.funded_now": "Con los pesos elegidos",
    "prio.col.probability": "Probabilidad de financiarse",
    "prio.col.rank_range": "Puestos posibles",
    "prio.col.rank_now": "Puesto con los pesos elegidos",
    "prio.col.rank_other": "Puesto con «{name}»",
    "prio.col.movement": "Cambio",
    "prio.col.max_movement": "Mayor cambio de puesto",
    "prio.col.moved": "Propuestas que cambian de puesto",
    "prio.chart.title": "Qué aporta cada criterio al puntaje",
    "prio.chart.subtitle": "Cada barra es el puntaje total (0–100); cada tramo, peso × puntaje del criterio. Pase el "
                           "cursor para leer por qué.",
    "prio.chart.first": "El gráfico muestra las {n} primeras de {total} propuestas; la tabla y las descargas las "
                        "tienen todas.",
    "prio.chart.points": "Puntos del puntaje total",
    "prio.chart.criterion": "Criterio",
    "prio.explain.title": "Por qué cada propuesta tiene su puntaje",
    "prio.explain.caption": "Elija una propuesta para leer la frase de cada criterio.",
    "prio.explain.option": "{label} — {score} puntos",
    "prio.explain.flags": "Para revisar: {flags}.",
    "prio.explain.pick": "Propuesta",
    "prio.ineligible.title": "Propuestas que no pasan el filtro de elegibilidad",
    "prio.ineligible.none": "Todas las propuestas pasan el filtro de elegibilidad.",
    "prio.ineligible.caption": "Quedan fuera antes de puntuar ({n}): el filtro son reglas (presentada y sin decidir, "
                               "competencias del GAD, fondos no reembolsables, contraparte, PDOT, formulación "
                               "completa), no puntajes.",
    "prio.ineligible.line": "- **{code} · {title}** ({associations})\n{reasons}",
    "prio.sens.title": "¿Qué tan firme es el resultado?",
    "prio.sens.intro": "Probabilidad de que cada propuesta se financie cuando cada peso varía al azar {variation} "
                       "(en {draws} sorteos con semilla fija: el mismo resultado cada vez), con el presupuesto de "
                       "{budget} y las mismas reglas.",
    "prio.sens.infeasible": "Con las reglas actuales no hay asignación posible; corríjalas en la página Presupuesto "
                            "para ver la probabilidad de financiarse.",
    "prio.sens.big": "Con {n} propuestas el cálculo tarda; pulse el botón para hacerlo.",
    "prio.sens.run": "Calcular la probabilidad de financiarse",
    "prio.sens.computing": "Calculando…",
    "prio.sens.table": "Ver la tabla",
    "prio.sens.funded": "Financiada",
    "prio.sens.not_funded": "No financiada",
    "prio.sens.chart_title": "Probabilidad de financiarse si los pesos varían ±{variation}",
    "prio.sens.chart_subtitle": "Verde: financiada con los pesos elegidos. Una barra cerca de 100 % o de 0 % es un "
                                "resultado firme; una en el medio depende de los pesos.",
    "prio.sens.movement_title": "Cómo se mueve el orden de prioridad con otro conjunto de pesos",
    "prio.sens.reference": "Comparar con",
    "prio.sens.reference_help": "El puesto de cada propuesta con los pesos elegidos y con este otro conjunto.",
    "prio.sens.influence_title": "Qué peso mueve más el orden de prioridad (cada uno ±{variation}, de uno en uno)",
    "prio.sens.up": "sube {n}",
    "prio.sens.down": "baja {n}",
    "prio.sens.same": "igual",
    "prio.save.title": "Guardar como escenario",
    "prio.save.caption": "Se guardan los pesos elegidos con el presupuesto y las reglas de la página Presupuesto: "
                         "{rules}.",
    "prio.save.to_budget": "Ir a Presupuesto: las reglas y los métodos lado a lado",
    # -- Presupuesto ------------------------------------------------------------------------------------------
    "budget.title": "Presupuesto",
    "budget.intro": "Fije el presupuesto y las reglas de la junta y compare maneras de repartirlo: tres "
                    "objetivos (el mayor puntaje total posible y el mayor alcance, puntaje por personas, ambos "
                    "calculados de forma exacta; y el método de partes iguales con las calificaciones o los votos "
                    "del grupo asesor) frente a dos comparadores: la regla voraz de las plataformas de presupuesto "
                    "participativo (por puntaje, saltando lo que no cabe) y el reparto igual entre asociaciones que "
                    "critica el estudio El Valle.",
    "budget.weights": "Puntajes con los pesos: **{name}**.",
    "budget.weights_link": "Cambiar los pesos",
    "budget.own_weights": "Pesos propios",
    "budget.of": "{part} de {whole}",
    "budget.rules.title": "Presupuesto y reglas",
    "budget.rules.budget": "Presupuesto (USD)",
    "budget.rules.budget_help": "El dinero del GAD parroquial para estas propuestas. Cada propuesta cuesta al "
                                "presupuesto lo que pide al GAD; el resto es contraparte.",
    "budget.rules.reserve": "Reserva (USD)",
    "budget.rules.reserve_help": "Dinero que se aparta y no se reparte (imprevistos, contrapartes de cooperación).",
    "budget.rules.min_one": "Al menos una por asociación",
    "budget.rules.min_one_help": "Cuando sea posible. Si alguna asociación no puede tener ninguna, se dice cuál y "
                                 "por qué.",
    "budget.rules.cap_on": "Tope por asociación",
    "budget.rules.cap_help": "Ninguna asociación recibe más que esta parte del presupuesto (una propuesta conjunta "
                             "se reparte en partes iguales entre sus asociaciones).",
    "budget.rules.cap": "Tope: parte del presupuesto",
    "budget.rules.must": "Obligatorias (la junta decide financiarlas)",
    "budget.rules.must_help": "Se financian siempre; si no caben, se explica por qué.",
    "budget.rules.must_not": "Excluidas (la junta decide no financiarlas)",
    "budget.rules.placeholder": "Elija propuestas",
    "budget.rules.pairs": "Propuestas excluyentes entre sí",
    "budget.rules.pairs_help": "Cada fila es un par del que se financia como mucho una (por ejemplo, dos propuestas "
                               "para la misma obra). Añada filas con «+».",
    "budget.rules.pair_a": "Propuesta",
    "budget.rules.pair_b": "Excluyente con",
    "budget.rules.pair_choose": "Elija una propuesta",
    "budget.rules.invalid": "Estas reglas no se pueden usar: {reason}. Se mantienen las anteriores.",
    "budget.rules.restore_board": "Volver al presupuesto de la junta",
    "budget.rules.restore_default": "Volver al presupuesto sugerido",
    "budget.rules.set_board": "Fijar como presupuesto de la junta",
    "budget.rules.board_saved": "Presupuesto y reglas fijados para la parroquia: los escenarios parten de ellos.",
    "budget.rules.board_same": "Son el presupuesto y las reglas que fijó la junta.",
    "budget.rules.board_differs": "Distinto de lo que fijó la junta ({rules}). Un escenario puede probar otras "
                                  "cifras; solo la junta fija el presupuesto.",
    "budget.rules.board_none": "La junta aún no fijó el presupuesto: se parte de {budget} (la mitad de los {asked} "
                               "que piden al GAD las propuestas elegibles, redondeada al millar, y al menos {least}), "
                               "sin reglas de equidad; la de al menos una propuesta por asociación, que sugiere el "
                               "estudio El Valle, se marca en las reglas si la junta la adopta. Cambie el monto por el "
                               "real.",
    # no proposal passes the eligibility filter: what all of them ask (core.engine.gad_request)
    "budget.rules.board_none_all": "La junta aún no fijó el presupuesto: se parte de {budget} (la mitad de los {asked} "
                                   "que piden al GAD todas las propuestas de la parroquia, ninguna elegible todavía, "
                                   "redondeada al millar, y al menos {least}), sin reglas de equidad; la de al menos "
                                   "una propuesta por asociación, que sugiere el estudio El Valle, se marca en las "
                                   "reglas si la junta la adopta. Cambie el monto por el real.",
    # half of what is asked would screen the largest request out («pide más de lo disponible»): it is the start
    "budget.rules.board_none_largest": "La junta aún no fijó el presupuesto: se parte de {budget} (lo que pide al GAD "
                                       "la propuesta elegible más grande, redondeado al millar: la mitad de los "
                                       "{asked} que piden las propuestas elegibles no alcanzaría para ella), sin "
                                       "reglas de equidad; la de al menos una propuesta por asociación, que sugiere "
                                       "el estudio El Valle, se marca en las reglas si la junta la adopta. Cambie el "
                                       "monto por el real.",
    "budget.rules.board_none_all_largest": "La junta aún no fijó el presupuesto: se parte de {budget} (lo que pide al "
                                           "GAD la propuesta más grande de la parroquia, ninguna elegible todavía, "
                                           "redondeado al millar: la mitad de los {asked} que piden todas no "
                                           "alcanzaría para ella), sin reglas de equidad; la de al menos una "
                                           "propuesta por asociación, que sugiere el estudio El Valle, se marca en las "
                                           "reglas si la junta la adopta. Cambie el monto por el real.",
    "budget.methods.title": "Los objetivos que la junta puede elegir, lado a lado",
    "budget.methods.caption": "Mismas propuestas, mismos puntajes y mismas reglas; solo cambia lo que se maximiza. "
                              "El objetivo elegido queda nombrado en el escenario y en el acta.",
    "budget.comparators.title": "Para comparar: la regla voraz y el reparto igual",
    "budget.comparators.caption": "No maximizan un total: muestran lo que harían una plataforma de presupuesto "
                                  "participativo (CONSUL) y el reparto en partes iguales que critica el estudio.",
    "budget.ballots.votes": "Papeletas del objetivo proporcional: los votos de {who} en la sesión «{meeting}».",
    "budget.ballots.scores": "Papeletas del objetivo proporcional: las calificaciones privadas de {who} en la sesión "
                             "«{meeting}» (el promedio de los criterios que cada uno calificó).",
    "budget.ballots.who_one": "1 participante",
    "budget.ballots.who": "{n} participantes",
    "budget.check.title": "Antes del presupuesto: cada asociación formula al menos un proyecto",
    "budget.check.ok": "Cada asociación de la parroquia presentó al menos un proyecto.",
    "budget.check.missing": "Asociaciones que todavía no presentan ningún proyecto ({n}): {names}. El estudio pide que "
                            "cada asociación formule al menos uno antes de repartir el presupuesto.",
    "budget.methods.table": "Ver las cifras en una tabla",
    "budget.infeasible": "Con estas reglas no hay ninguna asignación posible. {reason} Cambie las reglas: no se "
                         "perdió nada.",
    "budget.funded": "Financiadas: {n}",
    "budget.funded_line": "- **{code}** · {amount} · {title}",
    "budget.uncovered": "Sin proyecto: {items}.",
    "budget.metric.score": "Puntaje total",
    "budget.figure.cost": "- **Costo:** {amount} ({unspent} sin asignar)",
    "budget.figure.covered": "- **Asociaciones con proyecto:** {part} de {whole} con propuestas elegibles ({parish} "
                             "en la parroquia)",
    "budget.figure.beneficiaries": "- **Beneficiarios directos:** {n}",
    "budget.figure.reach": "- **Personas alcanzadas** (beneficiarios o, si faltan, socios; cada asociación "
                           "aporta a lo sumo sus socios, una sola vez): {n}",
    "budget.figure.gini": "- **Reparto del dinero:** Gini {gini}; la asociación que más recibe se lleva el {share} "
                          "del presupuesto",
    "budget.metric.gini_help": "0: todas las asociaciones reciben lo mismo; cerca de 1: una sola recibe casi todo.",
    "budget.col.amount": "Monto",
    "budget.col.rule": "Regla que la deja fuera",
    "budget.col.score_needed": "Entraría con un puntaje mayor que",
    "budget.col.cost_to_shed": "Costo que tendría que bajar",
    "budget.col.metric": "Cifra",
    "budget.col.method": "Método",
    "budget.col.value": "Valor",
    "budget.col.association": "Asociación",
    "budget.col.share_of_budget": "Parte del presupuesto",
    "budget.col.n_funded": "Propuestas financiadas",
    "budget.col.delta": "Diferencia",
    "budget.col.change": "Cambio",
    "budget.col.score_a": "Puntaje en «{name}»",
    "budget.col.score_b": "Puntaje en «{name}»",
    "budget.col.name": "Escenario",
    "budget.col.weights": "Pesos",
    "budget.col.budget": "Presupuesto",
    "budget.col.board_rules": "Reglas de la junta",
    "budget.col.by": "Creado por",
    "budget.col.updated": "Última modificación",
    "budget.col.note": "Nota",
    "budget.chart.method_gini": "{method} (Gini {gini})",
    "budget.chart.money_title": "Dinero por asociación con cada método",
    "budget.chart.money_subtitle": "Una propuesta conjunta se reparte en partes iguales entre sus asociaciones. El "
                                   "índice de Gini de cada método va en la leyenda.",
    "budget.chart.money_first": "El gráfico muestra las {n} asociaciones que más reciben de {total}; la descarga "
                                "las tiene todas.",
    "budget.chart.money_axis": "Monto asignado (USD)",
    "budget.chart.compare_title": "Los métodos frente a frente",
    "budget.chart.compare_subtitle": "Cada cifra como parte de la del mejor método (100 %).",
    "budget.chart.relative_axis": "Parte de la mejor cifra",
    "budget.why.title": "¿Por qué no?",
    "budget.why.method": "Propuestas no financiadas por el método",
    "budget.no_candidates": "No hay nada que repartir: ninguna de las {n} propuestas de la parroquia pasa el filtro "
                            "de elegibilidad con un presupuesto disponible de {budget}. Priorización muestra por qué "
                            "queda fuera cada una («Propuestas que no pasan el filtro de elegibilidad»).",
    "budget.no_candidates_one": "No hay nada que repartir: la única propuesta de la parroquia no pasa el filtro de "
                                "elegibilidad con un presupuesto disponible de {budget}. Priorización muestra por qué "
                                "queda fuera («Propuestas que no pasan el filtro de elegibilidad»).",
    "budget.why.none": "Este método financia todas las propuestas elegibles.",
    "budget.why.caption": "{n} propuestas elegibles quedan fuera. Abra cada una para leer la regla que la deja "
                          "fuera, el puntaje con el que entraría y cuánto tendría que bajar su costo.",
    "budget.why.caption_one": "1 propuesta elegible queda fuera. Ábrala para leer la regla que la deja fuera, el "
                              "puntaje con el que entraría y cuánto tendría que bajar su costo.",
    "budget.why.expander": "¿Por qué no? · {code} — {title} · {rule}",
    "budget.why.pending": "sin calcular",
    "budget.why.caption_pick": "{n} propuestas elegibles quedan fuera. Con más de {limit} propuestas, cada «¿por "
                               "qué no?» se calcula al pedirlo (una búsqueda exacta por propuesta): elija una para "
                               "leer la regla que la deja fuera, el puntaje con el que entraría y cuánto tendría que bajar "
                               "su costo.",
    "budget.why.pick": "Propuesta no financiada",
    "budget.why.pick_placeholder": "Elija una propuesta",
    "budget.why.compute": "Calcular cuánto tendría que bajar su costo",
    "budget.why.who": "{associations} · pide {cost} al GAD · puntaje {score}",
    "budget.why.score_needed": "Entraría con un puntaje mayor que {score}",
    "budget.why.cost_to_shed": "Costo a recortar: {amount}",
    "budget.why.table": "Ver todas en una tabla",
    "budget.save.title": "Guardar el escenario",
    "budget.save.method": "Método que propone el escenario",
    "budget.save.method_help": "El escenario guarda los pesos, las reglas y el método con el que la junta "
                               "decidiría; los métodos se pueden volver a ver al cargarlo.",
    "budget.saved.title": "Escenarios guardados",
    "budget.saved.who": "Los escenarios en preparación los ven la junta, el técnico y las asociaciones: inicie "
                        "sesión para verlos.",
    "budget.saved.none": "Todavía no hay escenarios guardados para esta parroquia.",
    "budget.saved.pick": "Escenario",
    "budget.saved.load": "Cargar",
    "budget.compare.need_two": "Guarde otro escenario para compararlos.",
    "budget.compare.title": "Comparar dos escenarios",
    "budget.compare.a": "Primero",
    "budget.compare.b": "Segundo",
    "budget.compare.infeasible": "«{name}» no tiene una asignación posible: {reason}",
    "budget.compare.weights_rules": "Pesos y reglas de cada uno",
    "budget.change.both": "En los dos",
    "budget.change.only_a": "Solo en «{a}»",
    "budget.change.only_b": "Solo en «{b}»",
    "budget.change.neither": "En ninguno",
}
