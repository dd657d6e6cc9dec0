"""Strings of the monitoring of agreements and the closing evaluation (core/cooperation/monitoring.py, closing.py,
final_report.py; keys `mon.` and `close.`)."""

STRINGS = {
    "mon.err.measure_note": "Explique la medida: qué acción correctiva, qué cambio acordado o por qué se propone "
                            "cancelar.",
    "mon.err.no_agreement": "No existe el convenio {agreement}.",
    "mon.err.indicator": "El indicador «{indicator}» no está en el anexo del convenio {agreement}.",
    "mon.err.indicator_twice": ("El informe da dos valores del indicador «{indicator}»: dé uno solo, el alcanzado "
                                "al final del período."),
    "mon.err.report_taken": "El código de informe «{report}» ya está en uso (los códigos de informe son únicos en "
                            "Minga y un informe guardado no se cambia): escriba otro, por ejemplo con el número del "
                            "convenio y el período.",
    "mon.err.progress_back": ("El avance físico de este informe ({progress} %) no sigue al del informe {other} "
                              "({other_progress} % al {other_date}): el avance es acumulado y no retrocede. Si de "
                              "verdad retrocedió (una obra dañada, un avance anterior sobrestimado), explíquelo en "
                              "«{problems}» y guarde de nuevo; si no, corrija el porcentaje."),
    "mon.err.spent_less": ("«{field}» es {spent} en este informe, menos que en el informe "
                           "{other} ({other_spent} al {other_date}): lo gastado es acumulado y no baja. Si de verdad "
                           "bajó (un gasto anulado o devuelto), explíquelo en «{problems}» y guarde de nuevo; si no, "
                           "corrija el monto."),
    "mon.err.spent_more": ("«{field}» es {spent} en este informe, más que en el informe "
                           "{other} ({other_spent} al {other_date}), de un período posterior: lo gastado es acumulado "
                           "y no baja. Si de verdad bajó después (un gasto anulado o devuelto), explíquelo en "
                           "«{problems}» y guarde de nuevo; si no, corrija el monto."),
    "mon.err.period": "El período del informe termina antes del inicio del convenio ({date}).",
    "mon.err.closed": ("El convenio {number} se cerró con su evaluación de cierre del {closed}: no se registra un "
                       "informe de un período que termina después ({date}). Si el proyecto sigue, corrija la fecha "
                       "de la evaluación de cierre; si el informe es del período evaluado, corrija su fecha."),
    "mon.err.changed": ("Otra persona guardó un informe o una evaluación de cierre de un convenio mientras se "
                        "guardaba este informe del convenio {number}: no se guardó, porque se revisó contra los "
                        "informes de antes. Lo que escribió sigue en el formulario: revise los informes del convenio y guarde el "
                        "informe de nuevo si todavía corresponde."),
    "mon.flag.late": "atrasado",
    "mon.flag.report_overdue": "informe pendiente",
    "mon.flag.over_budget": "sobre el presupuesto",
    "mon.flag.cancellation": "cancelación propuesta",
    "mon.flag.midterm_change": "la evaluación intermedia pide ajustar o cancelar",
    "mon.flag.audit_open": "observaciones de auditoría sin resolver",
    "mon.flag.over_cost": "el convenio suma más que el costo registrado del proyecto",
    "mon.measure.none": "Ninguna",
    "mon.measure.corrective": "Acción correctiva",
    "mon.measure.feedback": "Retroalimentación (cambios acordados)",
    "mon.measure.cancellation": "Propuesta de cancelación (devolución de fondos)",
    "mon.col.number": "Convenio",
    "mon.col.proposal_id": "Propuesta",
    "mon.col.elapsed_pct": "Tiempo transcurrido",
    "mon.col.progress_pct": "Avance físico",
    "mon.col.spent_pct": "Gasto",
    "mon.col.reasons": "Alertas",
    "mon.flags.title": "Convenios de cooperación: alertas",
    "mon.flags.caption": "Atrasado: el tiempo transcurrido supera al avance físico en más de {points} puntos. Sobre "
                         "el presupuesto: alguna fuente gastó más de lo comprometido, o el gasto va {points} puntos "
                         "por delante del avance. Informe pendiente: pasó el plazo del informe periódico.",
    "mon.flags.ok": "sin alertas",
    "close.err.criteria": "La evaluación de cierre califica los cinco criterios; falta: {missing}.",
    "close.err.changed": ("Otra persona guardó un informe, un convenio o una evaluación de cierre mientras se "
                          "guardaba esta evaluación de cierre del convenio {number}: no se guardó, porque se revisó "
                          "contra lo guardado antes. Lo que escribió sigue en el formulario: revise el último informe del convenio "
                          "y guarde la evaluación de nuevo si todavía corresponde."),
    "close.err.repeated": "un criterio está calificado dos veces",
    "close.err.early": ("El convenio {number} termina el {end} y su último informe dice {progress} % de avance "
                        "físico: la evaluación de cierre se hace al terminar el convenio o con la obra al 100 %. "
                        "Para cerrarlo antes (una cancelación, una obra terminada antes de tiempo), escriba en "
                        "«{reason}» qué pasó."),
    "close.err.early_short": "El motivo escrito, «{given}», es demasiado corto: diga qué pasó en al menos {minimum} "
                             "caracteres (por ejemplo «el cooperante canceló el convenio por falta de fondos»).",
    "close.err.not_early": ("El convenio {number} termina el {end} y su último informe dice {progress} % de "
                            "avance físico: este cierre no es anticipado. Deje vacío «{reason}»; el informe final "
                            "lo imprimiría como el motivo de un cierre anticipado."),
    "close.err.before_midterm": ("La evaluación intermedia del convenio {number} es del {midterm}, después de esta "
                                 "evaluación de cierre ({date}): la evaluación de cierre va con fecha igual o "
                                 "posterior a la evaluación intermedia guardada. Revise «{field}»."),
    "close.err.before_start": "La evaluación de cierre no puede ser anterior al inicio del convenio.",
    "close.err.before_report": ("El informe {report} del convenio {number} cubre un período que termina el "
                                "{period_end}, después de esta evaluación de cierre ({date}): la evaluación de "
                                "cierre va con fecha igual o posterior al último informe guardado. Revise "
                                "«{field}»."),
    "close.criterion.pertinencia": "Pertinencia",
    "close.criterion.eficiencia": "Eficiencia",
    "close.criterion.eficacia": "Eficacia",
    "close.criterion.impacto": "Impacto",
    "close.criterion.sostenibilidad": "Sostenibilidad",
    "close.scale": "Escala de calificación: {scale}.",
    "close.lesson.positive": "Lo que funcionó ({who}): {text}",
    "close.lesson.negative": "Lo que no funcionó ({who}): {text}",
    "close.pdf.footer": "Informe final del convenio {number} - {parish}",
    "close.pdf.heading": "INFORME FINAL DEL CONVENIO {number}",
    "close.pdf.project": "Proyecto «{project}», parroquia {parish}; convenio vigente del {start} al {end}.",
    "close.pdf.results": "1. Resultados frente a las metas",
    "close.pdf.money": "2. Uso de los recursos por fuente",
    "close.pdf.evaluation": "4. Evaluación de cierre",
    "close.pdf.early": "Cierre anticipado, evaluado por {who} el {date}: {reason}",
    "close.pdf.no_evaluation": "La evaluación de cierre no se ha registrado todavía.",
    "close.pdf.lessons": "5. Lecciones para la próxima convocatoria",
    "close.sheet.results": "Resultados",
    "close.sheet.money": "Recursos",
    "close.sheet.evaluation": "Evaluación",
    "close.sheet.lessons": "Lecciones",
    "close.col.reached": "Valor alcanzado",
    "close.col.reached_from": "Según el informe",
    "close.reached_from": "{report} (período hasta el {date})",
    "close.col.committed": "Comprometido",
    "close.col.spent": "Gastado",
    "close.col.committed_usd": "Comprometido (USD)",
    "close.col.spent_usd": "Gastado (USD)",
    "close.col.criterion": "Criterio",
    "close.col.evidence": "Evidencia",
    "close.col.evaluator": "Evaluador",
    "close.col.positive": "Lo que funcionó",
    "close.col.negative": "Lo que no funcionó",
    "close.col.early": "Motivo del cierre anticipado",
    "pdot.title": "Avance frente a las metas del PDOT",
    "pdot.caption": "Cada proyecto financiado o con convenio, bajo cada objetivo del PDOT al que se alinea: el dinero "
                    "comprometido, lo gastado y el avance físico según el último informe, y sus indicadores. Es el "
                    "reporte que pide el sistema nacional de planificación; descárguelo en Excel.",
    "pdot.indicator": "{name}: {reached} de {target} {unit}",
    "pdot.indicator_planned": "{name}: de {baseline} a {target}",
    "pdot.col.pdot_objective_id": "Objetivo PDOT",
    "pdot.col.component": "Componente",
    "pdot.col.objective": "Objetivo",
    "pdot.col.proposal_id": "Propuesta",
    "pdot.col.title": "Proyecto",
    "pdot.col.status": "Estado",
    "pdot.col.agreement": "Convenio",
    "pdot.col.committed_usd": "Comprometido (USD)",
    "pdot.col.spent_usd": "Gastado (USD)",
    "pdot.col.progress_pct": "Avance físico (%)",
    "pdot.col.indicators": "Indicadores",
    "log.action.report": "registrar informe de avance",
    "log.action.closing_evaluation": "registrar evaluación de cierre",
}

LABELS = {
    "closing_evaluator": {"planner": "Técnico de planificación", "cooperant": "Cooperante",
                          "association": "Asociación"},
    "closing_scale": {"1": "muy insatisfactorio", "2": "insatisfactorio", "3": "aceptable", "4": "satisfactorio",
                      "5": "muy satisfactorio"},
}
