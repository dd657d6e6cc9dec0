"""Strings of proposals stored incomplete, the planner's own file as it comes (derived amounts, associations
offered for creation, what keeps a row out of the budget) and the bulk status change on Propuestas."""

STRINGS = {
    # -- a proposal stored incomplete
    "prop.missing.support_kind": "el tipo de apoyo",
    "prop.missing.label": "Por completar",
    "crit.aid.no_kind": "Sin tipo de apoyo no se puede comparar con las ayudas recibidas; complete la propuesta.",
    "ready.warning": "{gate}: {reason}",

    # -- the amounts of an imported row
    "imp.amount.derived": "«Monto solicitado al GAD» calculado: costo total {cost} − aportes {others} = {requested}",
    "imp.amount.contradiction": "no cuadra con los otros montos: solicitado {requested} + aportes {others} = "
                                "{total}, pero el costo total es {cost}; corrija uno de ellos",
    "imp.number.column": "La columna «{column}» se leyó con {mark}, como lo dicen sus propios valores.",
    "imp.number.mark_comma": "coma decimal (1.234,56)",
    "imp.number.mark_dot": "punto decimal (1,234.56)",
    "imp.help.requested_usd": "Dólares que se piden al GAD. Puede faltar si el archivo trae el costo total y los "
                              "aportes: entonces es el costo menos los aportes, y la vista previa lo dice en cada "
                              "fila.",
    "imp.help.support_kind": "Uno de los valores admitidos. Puede faltar: la propuesta se guarda «Por completar» y el "
                             "cribado la deja fuera del presupuesto hasta que se indique.",
    "imp.amount.over_cost": "los aportes ({others}) suman más que el costo total ({cost})",

    # -- associations the file names but the parish has not registered
    "imp.warn.association": "La asociación «{name}» no está registrada en la parroquia: elija abajo usar la "
                            "sugerida, crearla o dejar la fila fuera",
    "imp.action.skipped": "Queda fuera por ahora",

    # -- bulk status change
    "bulk.refusal": "{code} («{title}»): {reason}",
    "bulk.err.missing": "la propuesta ya no existe",
    "bulk.err.already": "ya está en «{status}»",
    "log.action.bulk_status": "cambiar el estado de varias propuestas",
    "prop.bulk.title": "Cambiar el estado de varias propuestas",
    "prop.bulk.all": "Todas las filtradas ({count})",
    "prop.bulk.pick": "Propuestas",
    "prop.bulk.target": "Pasar a",
    "prop.bulk.apply": "Cambiar el estado de {count} propuestas",
    "prop.bulk.apply_one": "Cambiar el estado de 1 propuesta",
    "prop.bulk.refused": "No se cambió ninguna: de las propuestas elegidas ({total}), no pueden pasar a ese estado "
                         "{count}.",
    "prop.bulk.conflict": "No se cambió ninguna: {reason}",
    "prop.bulk.done": "Propuestas que pasaron a «{status}»: {count}.",

    # -- the list of proposals to complete
    "prop.complete.title": "Por completar ({count})",
    "prop.complete.help": "El cribado deja estas propuestas fuera del presupuesto hasta completar lo que les "
                          "falta; edítelas en «Registrar o editar».",
    "prop.complete.col.missing": "Qué falta",

    # -- the import preview: derived amounts, warnings, associations to create
    "prop.import.col.notes": "Calculado",
    "prop.import.col.warnings": "Fuera del presupuesto hasta completar",
    "prop.import.metric.skipped": "Quedan fuera",
    "prop.import.skipped_note": "Las filas de asociaciones sin registrar quedan fuera hasta que elija qué hacer con "
                                "cada una: {count}.",
    "prop.import.assoc.title": "Asociaciones que no están registradas en la parroquia",
    "prop.import.assoc.help": "Minga no crea asociaciones por su cuenta: elija para cada nombre usar la asociación "
                              "sugerida, crearla en los registros de la parroquia o dejar fuera sus filas.",
    "prop.import.assoc.rows": "«{name}», en las filas {rows}",
    "prop.import.assoc.choice": "Qué hacer con «{name}»",
    "prop.import.assoc.suggested": "Usar la sugerida: {name}",
    "prop.import.assoc.create": "Crear la asociación «{name}»",
    "prop.import.assoc.leave_out": "Dejar fuera esas filas",
    "prop.import.assoc.members": "Número de socios de «{name}»",
    "prop.import.assoc.members_help": "Los registros de la parroquia piden cuántos socios tiene; sin ese dato no se "
                                      "crea y sus filas quedan fuera.",
    "prop.import.assoc.new": "{name} (nueva)",
}
