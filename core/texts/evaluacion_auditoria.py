"""The evaluation of an agreement while it runs (core.cooperation.reviews): the mid-term evaluation and the audits, on
Convenios and Seguimiento, in the final report and their messages."""

STRINGS: dict[str, str] = {
    "rev.midterm": "Evaluación intermedia",
    "rev.audit": "Auditoría {kind}",
    "rev.recommendation.continue": "Continuar",
    "rev.recommendation.adjust": "Ajustar",
    "rev.recommendation.cancel": "Cancelar",
    "rev.kind.financial": "financiera",
    "rev.kind.compliance": "de cumplimiento",
    "rev.kind.performance": "de desempeño",
    "rev.observation.open": "{text} (sin resolver)",
    "rev.observation.resolved": "{text} (resuelta)",
    "rev.observation.none": "Sin observaciones",
    "rev.err.reason": "Diga por qué la evaluación intermedia recomienda ajustar o cancelar.",
    "rev.err.midterm_closed": ("El convenio {number} se cerró con su evaluación de cierre del {closed}: no se "
                               "registra una evaluación intermedia posterior ({date})."),
    "rev.err.midterm_date": "La evaluación intermedia debe estar dentro del período del convenio (del {start} al "
                            "{end}).",
    "rev.err.audit_date": "La auditoría no puede ser anterior al inicio del convenio ({start}).",
    "rev.err.audit_changed": "La auditoría «{audit}» ya está registrada: sus observaciones se pueden marcar como "
                             "resueltas, no borrar ni cambiar.",
    "rev.err.no_audit": "No hay ninguna auditoría «{audit}» registrada.",
    "rev.err.midterm_changed": ("Otra persona guardó una evaluación de cierre de un convenio mientras se guardaba "
                                "esta evaluación intermedia del convenio {number}: no se guardó, porque se revisó "
                                "contra las evaluaciones de antes. Lo que escribió sigue en el formulario: revise si el convenio "
                                "ya está cerrado y guarde la evaluación de nuevo si todavía corresponde."),
    # -- Convenios and Seguimiento ----------------------------------------------------------------------------
    "rev.tab": "Evaluación intermedia y auditorías",
    "rev.intro": "La tesis de Azogues (§3.3.3) pide evaluar el proyecto a mitad de camino y al terminar, y las "
                 "auditorías externas que el convenio exija, durante y al final.",
    "rev.table.title": "Evaluaciones intermedias y auditorías",
    "rev.col.agreement": "Convenio",
    "rev.col.what": "Revisión",
    "rev.col.date": "Fecha",
    "rev.col.who": "Quién la hizo",
    "rev.col.findings": "Hallazgos",
    "rev.col.result": "Recomendación u observaciones",
    "rev.none": "Ningún convenio tiene todavía evaluación intermedia ni auditorías.",
    "rev.midterm.heading": "Registrar la evaluación intermedia (una por convenio; guardarla otra vez la reemplaza)",
    "rev.midterm.date": "Fecha de la evaluación",
    "rev.midterm.evaluator": "Quién evaluó",
    "rev.midterm.findings": "Hallazgos",
    "rev.midterm.recommendation": "Recomendación",
    "rev.midterm.reason": "Por qué ajustar o cancelar",
    "rev.midterm.save": "Registrar evaluación intermedia",
    "rev.midterm.saved": "Evaluación intermedia guardada.",
    "rev.report_url": "Dirección pública del informe (opcional; se enlaza en el archivo IATI)",
    "rev.audit.heading": "Registrar una auditoría",
    "rev.audit.id": "Código de la auditoría",
    "rev.audit.date": "Fecha de la auditoría",
    "rev.audit.auditor": "Auditor",
    "rev.audit.kind": "Tipo de auditoría",
    "rev.audit.findings": "Hallazgos",
    "rev.audit.observations": "Observaciones (una por línea)",
    "rev.audit.save": "Registrar auditoría",
    "rev.audit.saved": "Auditoría guardada.",
    "rev.resolve.heading": "Marcar observaciones como resueltas",
    "rev.resolve.audit": "Auditoría",
    "rev.resolve.which": "Observaciones resueltas",
    "rev.resolve.placeholder": "Elija las observaciones que se resolvieron",
    "rev.resolve.save": "Guardar observaciones resueltas",
    "rev.resolve.saved": "Observaciones marcadas como resueltas.",
    # -- final report ------------------------------------------------------------------------------------------
    "rev.pdf.heading": "3. Evaluación intermedia y auditorías",
    "rev.pdf.none": "El convenio no tiene evaluación intermedia ni auditorías registradas.",
    "rev.sheet": "Revisiones",
    # -- IATI ---------------------------------------------------------------------------------------------------
    "iati.review.midterm": "Evaluación intermedia del convenio {number}",
    "iati.review.audit": "Auditoría {kind} del convenio {number}",
}
