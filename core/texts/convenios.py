"""Strings of applications, answers and agreements (core/cooperation/agreements.py, agreement_pdf.py, the Convenios
page; keys `agr.`)."""

STRINGS = {
    "conv.nav": "Convenios",
    "conv.title": "Convenios de cooperación",
    "conv.intro": "El ciclo de la cooperación después de la convocatoria, como lo describe la tesis de Azogues: la "
                  "postulación de una propuesta con la capacidad del GAD, la respuesta del cooperante, el convenio "
                  "que firma la junta, los informes periódicos y la evaluación de cierre con el informe final.",
    "conv.tab.apply": "Postulaciones",
    "conv.lessons": "Lecciones de convenios anteriores ({count}), para preparar la próxima postulación",
    "conv.tab.agree": "Convenios",
    "conv.tab.report": "Informes de avance",
    "conv.tab.close": "Evaluación de cierre",
    "conv.col.application": "Postulación",
    "conv.col.proposal": "Propuesta",
    "conv.col.cooperant": "Cooperante",
    "conv.col.call": "Convocatoria",
    "conv.col.submitted": "Enviada el",
    "conv.col.capacity": "Capacidad del GAD: falta",
    "conv.col.answer": "Respuesta",
    "conv.col.agreement": "Convenio",
    "conv.no_call": "Sin convocatoria (gestión directa)",
    "conv.call.not_open": "Convocatorias de este cooperante que no reciben postulaciones enviadas el {date}: "
                          "{calls}. Cambie la fecha de envío si la postulación se envió otro día.",
    "conv.call.opens": "{call} abre el {date}",
    "conv.call.closed": "{call} cerró el {date}",
    "conv.capacity.heading": "Capacidad del GAD antes de postular",
    "conv.capacity.staff": "Hay personal del GAD para llevar el proyecto",
    "conv.capacity.counterpart_funds": "La contraparte está reservada en el presupuesto",
    "conv.capacity.experience": "El GAD ya trabajó con este cooperante",
    "conv.capacity.ok": "nada",
    "conv.answer.pending": "Pendiente",
    "conv.apply.heading": "**Registrar una postulación**",
    "conv.apply.save": "Registrar postulación",
    "conv.apply.saved": "Postulación registrada.",
    "conv.answer.heading": "**Registrar la respuesta del cooperante**",
    "conv.answer.date": "Fecha de la respuesta",
    "conv.answer.note": "Observaciones del cooperante",
    "conv.answer.save": "Guardar respuesta",
    "conv.answer.saved": "Respuesta guardada.",
    "conv.agree.pdf": "Descargar convenio (PDF)",
    "conv.agree.none": "No hay postulaciones aceptadas sin convenio.",
    "conv.agree.need_board": "El convenio lo registra la junta parroquial: ingrese como miembro de la junta.",
    "conv.agree.signed": "Fecha de firma",
    "conv.agree.start": "Inicio",
    "conv.agree.start_help": "El mismo día de la firma o después: los informes cuentan desde el inicio.",
    "conv.agree.end": "Fin",
    "conv.agree.obligation": "Obligación de: {party}",
    "conv.agree.indicator": "Anexo de indicadores (el primero; los informes registran su avance)",
    "conv.agree.sign": "Registrar convenio firmado",
    "conv.agree.saved": "Convenio registrado.",
    "conv.report.none": "Todavía no hay convenios firmados.",
    "conv.report.chart": "Indicadores: lo planificado frente a lo alcanzado",
    "conv.report.planned": "Planificado",
    "conv.report.actual": "Alcanzado",
    "conv.report.period": "Fin del período",
    "conv.report.value": "Valor",
    "conv.report.id": "Código del informe",
    "conv.report.progress": "Avance físico (%)",
    "conv.report.reached": "{indicator}: valor alcanzado ({unit})",
    "conv.report.spent": "Gastado a la fecha: {party} (USD)",
    "conv.report.problems": "Problemas encontrados",
    "conv.report.measure": "Medida",
    "conv.report.measure_note": "Explicación de la medida",
    "conv.report.save": "Guardar informe",
    "conv.report.saved": "Informe guardado.",
    "conv.close.name": "Nombre de quien evalúa",
    "conv.close.evidence": "Evidencia: {criterion}",
    "conv.close.save": "Guardar evaluación",
    "conv.close.early": "Motivo del cierre anticipado",
    "conv.close.early_help": ("Solo si el convenio no ha terminado y el último informe no llega al 100 %: qué pasó "
                              "(una cancelación, una obra terminada antes de tiempo)."),
    "conv.close.saved": "Evaluación de cierre guardada.",
    "conv.close.recorded": "Evaluaciones de cierre registradas: {who}. El informe final las incluye.",
    "conv.close.pdf": "Informe final (PDF)",
    "conv.close.xlsx": "Informe final (Excel)",
    "agr.capacity.staff": "personal del GAD para llevar el proyecto",
    "agr.capacity.counterpart_funds": "contraparte reservada en el presupuesto",
    "agr.capacity.experience": "experiencia previa con este cooperante",
    "agr.err.dates": "El convenio termina ({end}) antes de empezar ({start}) o el mismo día.",
    "agr.err.no_money": "El convenio no tiene montos: escriba lo que pone cada parte.",
    "agr.err.no_application": "No existe la postulación {application}.",
    "agr.err.no_proposal": "La propuesta {proposal} no existe en la parroquia de la postulación.",
    "agr.err.call_elsewhere": "La convocatoria {call} no existe o es de otro cooperante.",
    "agr.err.counterpart": "La convocatoria {call} exige una contraparte local del {pct} %: {needed}, y el convenio "
                           "pone {local} entre el GAD y la comunidad.",
    "agr.err.call_closed": "La convocatoria {call} cerró el {close} y la postulación tiene fecha de envío "
                           "{submitted}: una postulación se envía hasta el cierre de la convocatoria. Corrija la "
                           "fecha de envío o elija otra convocatoria.",
    "agr.err.call_not_open": "La convocatoria {call} abre el {open} y la postulación tiene fecha de envío "
                             "{submitted}: una postulación se envía desde la apertura de la convocatoria. Corrija "
                             "la fecha de envío o elija otra convocatoria.",
    "agr.err.over_call_max": "La convocatoria {call} financia hasta {max} y el convenio pone {cooperant} del "
                             "cooperante: corrija el aporte del cooperante.",
    "agr.err.indicator_twice": ("El anexo de indicadores nombra dos veces el mismo indicador: «{first}» y "
                                "«{indicator}». Cada indicador va una sola vez, con su unidad y su meta."),
    "agr.err.start_before_signed": ("{field}: el convenio empieza el {start}, antes de su firma ({signed}); sus "
                                    "informes serían anteriores a la firma. Ponga un inicio igual o posterior a la "
                                    "fecha de firma."),
    "agr.err.signed_before": "El convenio no puede firmarse antes de la respuesta del cooperante ({date}).",
    "agr.err.answered": "La postulación {application} ya tiene la respuesta del cooperante; una reformulación se "
                        "registra como postulación nueva.",
    "agr.err.answer_before": "La respuesta no puede ser anterior al envío de la postulación ({date}).",
    "agr.err.not_approved": ("La propuesta «{proposal}» está «{status}»: solo se firma el convenio de una propuesta "
                             "que la junta parroquial aprobó («Financiada» o «En ejecución»), porque los proyectos "
                             "de cooperación los aprueba la máxima autoridad del GAD (COPFP Art. 69). Registre "
                             "primero la decisión de la junta."),
    "agr.err.no_status": "sin estado",
    "agr.err.changed_before_sending": "Otra persona cambió la propuesta «{proposal}», el cooperante o la "
                                      "convocatoria mientras se registraba la postulación: no se registró. Vuelva a "
                                      "abrir la página, revise los datos y registre la postulación de nuevo si "
                                      "todavía corresponde.",
    "agr.err.changed": "Otra persona cambió la propuesta «{proposal}», su postulación o su convocatoria mientras se "
                       "registraba el convenio: no se registró. Vuelva a abrir la página, revise el estado de la "
                       "propuesta y registre el convenio de nuevo si todavía corresponde.",
    "conv.agree.waiting": ("La postulación {application} («{proposal}») fue aceptada, pero la propuesta está "
                           "«{status}»: el convenio se firma cuando la junta parroquial la aprueba (queda "
                           "«Financiada»; COPFP Art. 69)."),
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
    "agr.pdf.reports_one": "Los informes de avance se presentan cada mes.",
    "agr.pdf.signatures": "5. Firmas",
    "agr.pdf.sign_gad": "Por el GAD parroquial de {parish}",
    "agr.pdf.recorded": "Registrado en Minga por {by} el {at} (hora de Ecuador continental).",
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
    "log.action.proposal_in_execution": "poner en ejecución la propuesta del convenio firmado",
    "log.action.proposal_closed": "cerrar la propuesta del convenio evaluado al cierre",
    "log.action.proposal_catch_up": "poner al día el estado de la propuesta según sus convenios",
    "agr.err.catch_up_changed": "Otra persona guardó un convenio o una evaluación de cierre mientras se ponían al "
                                "día los estados: no se cambió nada. Vuelva a intentarlo.",
    "agr.note.signed": "Convenio {number} firmado el {date}",
    "agr.note.closed": "Convenio {number} cerrado con su evaluación del {date}",
}

LABELS = {
    "agreement_party": {"cooperant": "Cooperante", "gad": "Contraparte del GAD", "community": "Comunidad"},
    "application_answer": {"accepted": "Aceptada", "reformulate": "Reformular", "new_proposal": "Nueva propuesta",
                           "rejected": "Rechazada"},
}

STRINGS.update({
    "stage.err.feasibility": "La etapa de factibilidad necesita el resultado del estudio: factible, factible con "
                             "condiciones o no factible.",
    "stage.err.business_plan": "El plan de negocios necesita sus cifras: inversión, ingresos anuales y costos "
                               "anuales.",
    "stage.err.feasibility_elsewhere": "«{field}» corresponde solo a la etapa «{own}»; para «{stage}» elija «{blank}». "
                                       "No se guardó nada.",
    "stage.err.figures_elsewhere": "Las cifras del plan de negocios ({fields}) corresponden solo a la etapa «{own}»; "
                                   "para «{stage}» déjelas vacías. No se guardó nada.",
    "stage.err.reason": "Diga por qué la parroquia exige esta etapa (al menos una frase): la razón se muestra en "
                        "la revisión de cada propuesta.",
    "stage.err.order": "La etapa «{stage}» no corresponde ahora: la siguiente es «{expected}».",
    "stage.err.complete": "ninguna (la propuesta completó todas las etapas)",
    "stage.err.no_proposal": "La propuesta {proposal} no existe en {parish}: registre la etapa desde la parroquia de la "
                             "propuesta.",
    "stage.err.changed": "Otra persona cambió la propuesta {proposal} mientras se registraba la etapa: no se "
                         "registró. Vuelva a abrir la página, revise la propuesta y registre la etapa de nuevo si "
                         "todavía corresponde.",
    "stage.err.date": "La fecha no puede ser anterior a la de la etapa anterior ({date}).",
    "stage.err.not_feasible": "El estudio de factibilidad concluyó que el proyecto no es factible: la propuesta no "
                              "avanza a la siguiente etapa.",
    "stage.none": "ninguna etapa",
    "stage.gate.passed": "Alcanzó {stage}; la parroquia exige «{required}» antes del presupuesto.",
    "stage.gate.failed": "Ha alcanzado {stage} y la parroquia exige «{required}» antes del presupuesto: {reason}",
    "log.action.stage": "registrar etapa de la propuesta",
    "log.action.stage_rule": "fijar la etapa exigida antes del presupuesto",
})

LABELS.update({
    "flok_stage": {"comunidad": "Proceso comunitario", "factibilidad": "Factibilidad",
                   "plan_negocios": "Plan de negocios", "financiamiento": "Financiamiento"},
    "feasibility": {"feasible": "Factible", "conditional": "Factible con condiciones", "not_feasible": "No factible"},
})

STRINGS.update({
    "stage.nav": "Etapas FLOK",
    "stage.page.title": "Etapas de las propuestas (modelo FLOK)",
    "stage.page.intro": "Los pilotos FLOK financiaron proyectos comunitarios solo después de un proceso "
                        "comunitario, un estudio de factibilidad y un plan de negocios. Aquí se registra la etapa de "
                        "cada propuesta con su evidencia, y la junta puede exigir una etapa antes de que una "
                        "propuesta entre al presupuesto.",
    "stage.page.rule": "La parroquia exige la etapa «{stage}» antes del presupuesto. Razón:",
    "stage.page.no_rule": "La parroquia no exige ninguna etapa antes del presupuesto.",
    "stage.page.record": "Registrar una etapa alcanzada",
    "stage.page.save": "Guardar etapa",
    "stage.page.evidence": "Lo registrado en cada etapa",
    "stage.page.saved": "Etapa registrada.",
    "stage.page.rule_form": "Etapa exigida antes del presupuesto (junta parroquial)",
    "stage.page.rule_save": "Guardar regla",
    "stage.page.rule_saved": "Regla guardada: se aplica en la revisión de las propuestas y en el presupuesto.",
    "stage.col.proposal_id": "Propuesta",
    "stage.col.title": "Título",
    "stage.col.stage": "Etapa",
    "stage.col.date": "Fecha en que se alcanzó",
    "stage.col.evidence": "Evidencia",
    "stage.col.feasibility": "Resultado de la factibilidad",
    "stage.col.investment": "Inversión (USD)",
    "stage.col.income": "Ingresos anuales (USD)",
    "stage.col.costs": "Costos anuales (USD)",
    "stage.col.required": "Etapa exigida",
    "stage.col.reason": "Razón de la regla",
    "stage.evidence_help": "Comunidad: el acta de la asamblea. Factibilidad: el estudio y su conclusión. Plan de "
                           "negocios: el documento y sus cifras. Financiamiento: quién financia y con cuánto.",
    "stage.not_applicable": "No corresponde a esta etapa",
    "stage.no_requirement": "Ninguna",
})
