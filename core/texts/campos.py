"""Names of the fields of the cooperation forms (calls, applications, agreements, reports, reviews, cooperants,
stages), as a refused form names what to correct."""

STRINGS: dict[str, str] = {
    "field.where": "{field}: {message}",
    "field.where_line": "{field} (línea {line}): {message}",
}

LABELS: dict[str, dict[str, str]] = {
    "field": {
        "agreement_id": "Convenio", "answer": "Respuesta", "answer_note": "Nota de la respuesta",
        "answered_on": "Fecha de la respuesta", "application_id": "Código de la postulación",
        "audit_id": "Código de la auditoría", "audited_on": "Fecha de la auditoría", "auditor": "Auditor",
        "baseline": "Línea base", "call_id": "Código de la convocatoria", "call_type": "Tipo de convocatoria",
        "capacity": "Capacidad", "close_date": "Cierre", "community_usd": "Aporte de la comunidad (USD)",
        "contacts": "Contactos", "cooperant_id": "Cooperante", "cooperant_usd": "Aporte del cooperante (USD)",
        "cooperation_types": "Tipos de cooperación", "counterpart_required_pct": "Contraparte exigida (%)",
        "counterpart_rules": "Reglas de contraparte", "country": "País", "end_date": "Fin",
        "evaluated_on": "Fecha de la evaluación", "evaluator": "Evaluador", "evaluator_name": "Evaluador",
        "evidence": "Evidencia", "feasibility": "Factibilidad", "findings": "Hallazgos",
        "gad_usd": "Aporte del GAD (USD)", "iati_org_id": "Identificador IATI", "indicators": "Indicadores",
        "investment_usd": "Inversión (USD)", "kind": "Tipo", "lessons_negative": "Lecciones negativas",
        "lessons_positive": "Lecciones positivas", "max_amount_usd": "Monto máximo (USD)",
        "means_of_verification": "Medio de verificación", "measure": "Medida", "measure_note": "Nota de la medida",
        "modalities": "Modalidades", "mremh_registration": "Registro en la Cancillería", "name": "Nombre",
        "non_reimbursable": "No reembolsable", "obligations": "Obligaciones", "observations": "Observaciones",
        "offer_id": "Oferta", "open_date": "Apertura", "parish_code": "Parroquia", "participants": "Participantes",
        "display_name": "Nombre para mostrar", "username": "Usuario",
        "party": "Parte", "item_ids": "Puntos de la sesión", "votes_per_participant": "Votos por participante",
        "date": "Fecha", "meeting_id": "Código de la sesión",
        "period_end": "Fin del período", "physical_progress_pct": "Avance físico (%)", "problems": "Problemas",
        "proposal_id": "Propuesta", "reached_on": "Fecha", "reason": "Razón", "recommendation": "Recomendación",
        "report_every_months": "Informe cada (meses)", "report_id": "Código del informe",
        "report_url": "Dirección del informe", "required_stage": "Etapa exigida", "requirements": "Requisitos",
        "scores": "Puntajes", "signed_on": "Fecha de firma", "source": "Fuente", "sources": "Fuentes",
        "spent_community_usd": "Gastado por la comunidad (USD)", "spent_cooperant_usd": "Gastado por el cooperante (USD)",
        "spent_gad_usd": "Gastado por el GAD (USD)", "stage": "Etapa", "start_date": "Inicio",
        "submitted_on": "Fecha de envío", "target": "Meta", "target_population": "Población objetivo",
        "text": "Texto", "themes": "Temas", "title": "Título", "unit": "Unidad", "value": "Valor",
        "values": "Valores", "yearly_costs_usd": "Costos anuales (USD)", "yearly_income_usd": "Ingresos anuales (USD)",
    },
}
