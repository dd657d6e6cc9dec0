"""Strings of the follow-up page (funded projects over the year)."""

STRINGS = {
    "seg.title": "Seguimiento de proyectos",
    "seg.intro": "Los proyectos financiados por decisión de la junta, y en qué van: financiado, en ejecución, "
                 "cerrado. Cada cambio de estado queda en el historial del proyecto y en el registro.",
    "seg.none": "Todavía no hay proyectos financiados en esta parroquia: aparecen aquí cuando la junta aprueba "
                "una decisión (Sesión y acta › Decisión y acta).",
    "seg.count": "Proyectos",
    "seg.amount": "Monto",
    "seg.col.proposal_id": "Código",
    "seg.col.title": "Proyecto",
    "seg.col.association_id": "Asociación",
    "seg.col.status": "Estado",
    "seg.col.since": "Desde",
    "seg.col.note": "Nota",
    "seg.col.requested_usd": "Monto del GAD",
    "seg.update": "Actualizar el estado de un proyecto",
    "seg.project": "Proyecto",
    "seg.next": "Nuevo estado",
    "seg.date": "Fecha",
    "seg.note": "Nota (qué pasó)",
    "seg.save": "Guardar estado",
    "seg.err.before": "la fecha {date} es anterior a la del estado actual ({last})",
    "seg.changed_meanwhile": ("No se guardó: otra persona cambió {id} mientras usted lo tenía abierto. Ahora está en "
                              "«{status}»; revise y elija de nuevo."),
    "seg.saved": "«{id}» ahora está «{status}».",
    "seg.final": "Este proyecto ya está cerrado.",
    "seg.catch_up.info": "Según sus convenios de cooperación, estos proyectos van más adelante de lo que dice su "
                         "estado: {projects}. Sus convenios se firmaron o se cerraron antes de que Minga moviera el "
                         "estado de la propuesta junto con el convenio.",
    "seg.catch_up.button": "Poner al día el estado según los convenios",
    "seg.catch_up.done": "Estado puesto al día en {count} proyectos.",
    "seg.catch_up.done_one": "Estado puesto al día en 1 proyecto.",
    "seg.need_role": "El técnico de planificación actualiza el estado de los proyectos.",
    "seg.chart": "Monto por estado",
}
