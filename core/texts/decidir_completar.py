"""Strings of proposals stored incomplete, the planner's own file as it comes (derived amounts, associations
offered for creation, what keeps a row out of the budget) and the bulk status change on Propuestas."""

STRINGS = {
    # -- a proposal stored incomplete
    "prop.missing.support_kind": "el tipo de apoyo",
    "prop.missing.label": "Por completar",
    "crit.aid.no_kind": "Sin tipo de apoyo no se puede comparar con las ayudas recibidas; complete la propuesta.",
}
STRINGS.update({
    # -- the amounts of an imported row
    "imp.amount.derived": "«Monto solicitado al GAD» calculado: costo total {cost} − aportes {others} = {requested}",
    "imp.amount.contradiction": "no cuadra con los otros montos: solicitado {requested} + aportes {others} = "
                                "{total}, pero el costo total es {cost}; corrija uno de ellos",
    "imp.amount.over_cost": "los aportes ({others}) suman más que el costo total ({cost})",
    # -- what keeps a row out of the budget
    "ready.warning": "{gate}: {reason}",
    "imp.warn.association": "La asociación «{name}» no está registrada en la parroquia: elija abajo usar la "
                            "sugerida, crearla o dejar la fila fuera",
    "imp.action.skipped": "Queda fuera por ahora",
})
