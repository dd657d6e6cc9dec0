"""The national planning format for projects as the Azogues thesis lists it (core.proposals.formulation): the name of
each part, where the thesis asks for it, the form's fields for the parts added to proposals, and their messages."""

STRINGS: dict[str, str] = {
    # -- Appendix 3 of the thesis, its sixteen items in its order, then the three complements ------------------
    "formato.item.introduction": "1. Introducción",
    "formato.item.background": "2. Antecedentes",
    "formato.item.diagnosis": "3. Situación actual del sector o problema (diagnóstico)",
    "formato.item.justification": "4. Justificación",
    "formato.item.beneficiaries": "5. Beneficiarios",
    "formato.item.objectives": "6. Objetivos (6.1 general y 6.2 específicos)",
    "formato.item.goals": "7. Metas (indicadores con línea base y meta)",
    "formato.item.policies": "8. Políticas (alineación con el PDOT o el PND)",
    "formato.item.strategy": "9. Estrategias de ejecución",
    "formato.item.components": "10. Componentes y actividades",
    "formato.item.schedule": "11. Inversiones y cronograma de ejecución",
    "formato.item.budget": "12. Presupuesto por fuente",
    "formato.item.benefits": "13. Beneficios",
    "formato.item.financial_evaluation": "14. Evaluación económica o financiera",
    "formato.item.competence": "15. Competencia institucional",
    "formato.item.monitoring": "16. Seguimiento y evaluación",
    "formato.item.environment_gender": "Consideraciones ambientales y de género",
    "formato.item.sustainability": "Sostenibilidad",
    "formato.item.responsible": "Responsables",
    # -- where the thesis asks for each part (Calle Molina y Castro Carrión, 2020) ---------------------------
    "formato.cite.appendix3": "tesis de Azogues (Calle Molina y Castro Carrión, 2020), Anexo 3 «Esquema general "
                              "para la presentación de proyectos SENPLADES», p. 110, al que remite el §3.3.3",
    "formato.cite.environment_gender": "tesis de Azogues, §3.3.3 (p. 86: el cooperante puede pedir «un enfoque de "
                                       "género») y §3.3.1 (p. 80: el uso del territorio en lo ambiental)",
    "formato.cite.sustainability": "tesis de Azogues, §3.3.3 (p. 86: eficacia, eficiencia, pertinencia, "
                                   "sostenibilidad e impacto)",
    "formato.cite.responsible": "tesis de Azogues, §3.3.3 (p. 86: la ejecución recae en quien originó el proyecto) "
                                "y §3.3.4 (p. 90: talento humano)",
    # -- the check as the screening gate and the form say it -------------------------------------------------
    "formato.missing_needed": "Falta {missing}, sin lo cual no se puede evaluar{cite}.",
    "formato.cited": " ({cite})",
    "formato.incomplete": "Se puede evaluar, pero la formulación está incompleta según el formato nacional: falta "
                          "{missing} ({cite}).",
    "formato.complete": "Tiene todas las partes del formato nacional de proyectos ({cite}).",
    "formato.title": "Formulación según el formato nacional de proyectos",
    "formato.col.part": "Parte",
    "formato.col.state": "Estado",
    "formato.col.needed": "Necesaria para evaluar",
    "formato.state.present": "Completa",
    "formato.state.missing": "Falta",
    # -- the form's fields for these parts ---------------------------------------------------------------------
    "formato.section": "Formato nacional de proyectos (SENPLADES)",
    "formato.section_help": "Las partes del esquema de proyectos de la SENPLADES que lista la tesis de Azogues "
                            "(Anexo 3), además de las que ya tiene el formulario.",
    "prop.field.components": "Componentes y actividades",
    "prop.field.timetable": "Cronograma de ejecución",
    "formato.components_help": ("Una fila por componente; sus actividades separadas por «;», y entre comillas dobles "
                                "una actividad que lleva «;»."),
    "formato.timetable_help": "Una fila por actividad, con el mes del proyecto en que empieza y en que termina.",
    "formato.col.component": "Componente",
    "formato.col.activities": "Actividades (separadas por «;»)",
    "formato.col.activity": "Actividad",
    "formato.col.start_month": "Mes de inicio",
    "formato.col.end_month": "Mes de fin",
    "formato.financial_help": "Por ejemplo: costo por beneficiario, ingresos esperados, VAN o TIR si se calcularon.",
    "formato.monitoring_help": "Qué se evaluará, cuándo y quién interviene (tesis de Azogues, §3.3.3).",
    "formato.err.schedule_order": "La actividad «{activity}» del cronograma termina en el mes {end}, antes de "
                                  "empezar (mes {start}).",
    "formato.err.schedule_duration": "La actividad «{activity}» del cronograma termina en el mes {end}, después de "
                                     "la duración del proyecto ({duration} meses).",
    "formato.err.schedule_duration_one": "La actividad «{activity}» del cronograma termina en el mes {end}, después "
                                         "de la duración del proyecto (1 mes).",
}
