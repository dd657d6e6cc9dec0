"""Strings of the Priorización and Presupuesto pages, saved scenarios and their comparison, and the Spanish
labels of the prioritization engine's codes (criteria, screening gates, allocation methods and rules).

The engine (core.criteria, core.screening, core.allocation, core.scoring) imports its labels from here, so a
label is written once and the pages, the acta and the engine's sentences say the same thing.
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
        "competence": "Competencia del GAD parroquial",
        "non_reimbursable": "Fondos no reembolsables",
        "counterpart": "Contraparte disponible",
        "pdot": "Alineación con el PDOT",
        "complete": "Formulación completa",
        "open": "Oferta vigente",
    },
    "allocation_method": {
        "optimal": "Asignación óptima (programación entera exacta)",
        "greedy": "Voraz por puntaje (regla de CONSUL)",
        "equal_split": "Reparto igual entre asociaciones",
    },
    "allocation_method_short": {
        "optimal": "Óptima (exacta)",
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
        "infeasible": "Reglas imposibles de cumplir",
    },
    "scenario_change": {
        "both": "Financiada en los dos",
        "only_a": "Solo en el primero",
        "only_b": "Solo en el segundo",
        "neither": "En ninguno",
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
    # -- scenarios (core.scenarios) -----------------------------------------------------------------
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
    "scen.compare.summary": "«{b}» frente a «{a}»: {entering} entran, {leaving} salen; puntaje total {score_delta}, "
                            "costo {cost_delta}, asociaciones con proyecto {coverage_delta}.",
    "scen.board_budget.saved": "Presupuesto de la junta",
}
