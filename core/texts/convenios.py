"""Strings of applications, answers and agreements (core/cooperation/agreements.py, agreement_pdf.py, the Convenios
page; keys `agr.`)."""

STRINGS = {
    "agr.capacity.staff": "personal del GAD para llevar el proyecto",
    "agr.capacity.counterpart_funds": "contraparte reservada en el presupuesto",
    "agr.capacity.experience": "experiencia previa con este cooperante",
    "agr.err.dates": "El convenio termina ({end}) antes de empezar ({start}) o el mismo día.",
    "agr.err.no_money": "El convenio no tiene montos: escriba lo que pone cada parte.",
    "agr.err.no_application": "No existe la postulación {application}.",
    "agr.err.answered": "La postulación {application} ya tiene la respuesta del cooperante; una reformulación se "
                        "registra como postulación nueva.",
    "agr.err.answer_before": "La respuesta no puede ser anterior al envío de la postulación ({date}).",
    "agr.err.not_accepted": "Solo una postulación aceptada por el cooperante se convierte en convenio, y la "
                            "{application} no lo está.",
    "agr.err.already_signed": "La postulación {application} ya tiene su convenio.",
    "agr.err.numbering": "No se pudo numerar el convenio: otras personas registraban convenios al mismo tiempo. "
                         "Inténtelo de nuevo.",
    "agr.pdf.footer": "Convenio {number} - {parish}",
    "agr.pdf.heading": "CONVENIO DE COOPERACIÓN {number}",
    "agr.pdf.parties": "1. Partes y objeto",
    "agr.pdf.parties_text": "El GAD parroquial de {parish} y {cooperant} acuerdan ejecutar el proyecto «{project}» "
                            "(propuesta {proposal}). Firmado el {signed}; vigente del {start} al {end}.",
    "agr.pdf.mremh": "Registro en el Ministerio de Relaciones Exteriores y Movilidad Humana: {registration}.",
    "agr.pdf.money": "2. Montos por fuente",
    "agr.pdf.obligations": "3. Obligaciones de las partes",
    "agr.pdf.no_obligations": "El convenio no detalla obligaciones.",
    "agr.pdf.annex": "4. Anexo de indicadores",
    "agr.pdf.reports": "Los informes de avance se presentan cada {months} meses.",
    "agr.pdf.signatures": "5. Firmas",
    "agr.pdf.sign_gad": "Por el GAD parroquial de {parish}",
    "agr.pdf.recorded": "Registrado en Minga por {by} el {at}.",
    "agr.col.source": "Fuente",
    "agr.col.amount": "Monto",
    "agr.col.share": "Porcentaje",
    "agr.col.party": "Parte",
    "agr.col.obligation": "Obligación",
    "agr.col.indicator": "Indicador",
    "agr.col.unit": "Unidad",
    "agr.col.baseline": "Línea base",
    "agr.col.target": "Meta",
    "agr.col.verification": "Medio de verificación",
    "log.action.submit_application": "enviar postulación",
    "log.action.answer_application": "registrar respuesta del cooperante",
    "log.action.sign_agreement": "firmar convenio",
}

LABELS = {
    "agreement_party": {"cooperant": "Cooperante", "gad": "Contraparte del GAD", "community": "Comunidad"},
    "application_answer": {"accepted": "Aceptada", "reformulate": "Reformular", "new_proposal": "Nueva propuesta",
                           "rejected": "Rechazada"},
}
