"""The sentence each scoring criterion writes about a proposal (core.engine.criteria, core.engine.scoring).
Numbers arrive formatted (es-EC); lists arrive joined ("a, b y c")."""

STRINGS: dict[str, str] = {
    # -- PDOT -----------------------------------------------------------------------------------------------
    "crit.pdot.none": "No se alinea con ningún objetivo del PDOT de la parroquia.",
    "crit.pdot.one": "Se alinea con 1 objetivo del PDOT: {names}.",
    "crit.pdot.many": "Se alinea con {count} objetivos del PDOT: {names}.",
    "crit.pdot.named": "{code} («{text}»)",
    "crit.pdot.unknown": " No están en el PDOT: {codes}.",
    # -- ODS and PND ---------------------------------------------------------------------------------------
    "crit.sdg.targets": "ODS {goals} con metas {targets}",
    "crit.sdg.goals": "ODS {goals} sin meta específica",
    "crit.pnd.current": "objetivos del PND vigente ({objectives})",
    "crit.pnd.older": "solo objetivos de un PND anterior ({objectives}), que cuentan la mitad",
    "crit.pnd.objective": "objetivo {number} del PND {start}–{end}",
    "crit.sdg_pnd.both": "Nombra {sdg} y {pnd}.",
    "crit.sdg_pnd.sdg": "Nombra {sdg}, pero ningún objetivo del PND.",
    "crit.sdg_pnd.pnd": "No nombra ningún ODS; sí {pnd}.",
    "crit.sdg_pnd.none": "No nombra ningún ODS ni objetivo del PND.",
    # -- scope ------------------------------------------------------------------------------------------------
    "crit.scope": "Beneficia de forma directa a {people} personas ({reach} del mayor alcance entre las propuestas); "
                  "beneficio {benefit}; mujeres y jóvenes: {inclusion} de los beneficiarios directos.",
    "crit.scope.collective": "colectivo",
    "crit.scope.individual": "individual (reparto entre socios)",
    # -- need -------------------------------------------------------------------------------------------------
    "crit.need.problem": "atiende «{problem}», {rank}.º de {count} problemas en la votación del grupo asesor "
                         "({votes} votos)",
    "crit.need.no_problem": "no atiende ninguno de los problemas priorizados por el grupo asesor",
    "crit.need.need": "responde a la necesidad «{need}» ({share} de las menciones de las familias)",
    "crit.need.no_need": "no nombra ninguna necesidad de las familias",
    "crit.need.no_data": "Sin datos del diagnóstico (problemas priorizados ni necesidades): puntaje neutro de 50.",
    # -- counterpart ------------------------------------------------------------------------------------------
    "crit.counterpart.shared": "El GAD pondría el {gad} del costo; el {others} lo ponen {detail}.",
    "crit.counterpart.part": "{who} ({amount})",
    "crit.counterpart.associations": "las asociaciones",
    "crit.counterpart.cooperant": "el cooperante",
    "crit.counterpart.other": "otros",
    "crit.counterpart.none": "El GAD pondría todo el costo: no hay contraparte de las asociaciones ni "
                             "cofinanciamiento.",
    # -- earlier aid of the same kind --------------------------------------------------------------------------
    "crit.aid.none": "Sus asociaciones no registran ayudas previas de {kind}.",
    "crit.aid.once": "«{association}» ya recibió {kind} 1 vez ({when})",
    "crit.aid.times": "«{association}» ya recibió {kind} {count} veces ({when})",
    "crit.aid.repeated": " Ayuda repetida del mismo tipo: conviene revisar si aporta algo nuevo.",
    # -- judged by evaluators: the proxies that stand in until they score ------------------------------------
    "crit.proxy": "Aproximación calculada hasta que los evaluadores califiquen: ",
    "crit.feasibility": "formulación {done} completa{missing}; duración {duration}; presupuesto en {lines}.",
    "crit.feasibility.missing": " (falta {parts})",
    "crit.feasibility.months": "{months} meses",
    "crit.feasibility.month_one": "1 mes",
    "crit.feasibility.lines": "{count} líneas",
    "crit.feasibility.line_one": "1 línea",
    "crit.feasibility.no_duration": "sin indicar",
    "crit.sustainability": "{plan}; las asociaciones aportan {amount} ({share} del costo); {risks}",
    "crit.sustainability.plan": "tiene un plan de sostenibilidad",
    "crit.sustainability.brief": "su plan de sostenibilidad es muy breve",
    "crit.sustainability.none": "no dice cómo seguirá al terminar",
    "crit.sustainability.risks": "identifica riesgos.",
    "crit.sustainability.no_risks": "no identifica riesgos.",
    # -- where a score comes from (core.engine.scoring) ---------------------------------------------------------------
    "crit.source.data": "calculado por Minga de los datos",
    "crit.source.proxy": "estimado por Minga: {reason}",
    "crit.source.unscored": "ningún evaluador del grupo asesor lo calificó",
    "crit.source.no_meeting": "aún no hay una sesión cerrada del grupo asesor con puntajes",
    "crit.source.median_one": "del grupo asesor (1 evaluador)",
    "crit.source.median": "del grupo asesor ({count} evaluadores)",
    "crit.judged.missing": " No lo calificaron: {names}.",
    "crit.judged_one": "Mediana de 1 evaluador: {score} (de {low} a {high}; rango intercuartílico {iqr}).",
    "crit.judged": "Mediana de {count} evaluadores: {score} (de {low} a {high}; rango intercuartílico {iqr}).",
    "crit.judged.disagree": " Los evaluadores no están de acuerdo: conviene discutirlo.",
    "crit.evaluations.missing_columns": "faltan columnas en las calificaciones: {columns}",
    "crit.evaluations.scale": ("la escala de las calificaciones debe ser un número positivo (por ejemplo 100 para "
                               "puntajes de 0 a 100)"),
    "crit.evaluations.outside": ("hay calificaciones fuera de la escala de 0 a {max}, o que no son números "
                                 "(propuesta «{id}»): corríjalas"),
}
