"""Reasons of the eligibility gates (core.engine.screening) for proposals and cooperation offers, and why an offer fits a
proposal. Amounts and dates arrive formatted (es-EC); lists arrive joined ("a, b y c")."""

STRINGS: dict[str, str] = {
    "screen.eligible": "Elegible: cumple todas las condiciones.",
    "screen.not_eligible": "No elegible: {failures}",
    "screen.failure": "{gate}: {reason}",
    # -- proposals ------------------------------------------------------------------------------------------
    "screen.competence.none": "No indica qué competencia del GAD parroquial ejerce.",
    "screen.competence.unknown": "La competencia que declara no está entre las del GAD parroquial (COOTAD art. 65): "
                                 "su tema ({themes}) debería atenderlo otro nivel de gobierno.",
    "screen.competence.no_theme": "sin tema indicado",
    "screen.competence.confirm": "Por confirmar: declara la competencia «{title}», pero {doubts}. El técnico de "
                                 "planificación debe confirmar la competencia o corregirla.",
    "screen.competence.theme_mismatch": "su tema ({themes}) no está entre los de esa competencia ({covered})",
    "screen.competence.kind_mismatch": "el tipo de apoyo ({kind}) no corresponde a esa competencia",
    "screen.status.ok": "Presentada por su asociación y sin decidir aún ({status}).",
    "screen.status.draft": "Es un borrador: su asociación aún no la presentó. Cuando la presente, cámbiela a "
                           "«Presentada» en Propuestas (en el formulario o con «Cambiar el estado de varias "
                           "propuestas»).",
    "screen.status.not_eligible": "Se marcó como no elegible; para competir de nuevo, el técnico la devuelve a "
                                  "borrador en Propuestas y la asociación la reformula y la presenta.",
    "screen.status.funded": "Ya fue financiada por una decisión anterior.",
    "screen.status.not_funded": "Una decisión anterior no la financió; para competir de nuevo, el técnico la "
                                "devuelve a borrador en Propuestas y la asociación la reformula y la presenta.",
    "screen.status.in_execution": "Ya fue financiada y está en ejecución.",
    "screen.status.closed": "Ya fue financiada y el proyecto está cerrado.",
    "screen.applicant.unchecked": "No postula a una oferta que limite quién puede postular.",
    "screen.applicant.refused": "La oferta «{title}» admite solo a: {admitted}; esta propuesta la presentarían el GAD "
                                "parroquial o sus asociaciones.",
    "screen.applicant.ok": "La oferta «{title}» admite a: {admitted}.",
    "screen.competence.ok": "Ejerce la competencia «{title}» ({basis}).",
    "screen.reimbursable.no_cooperation": "No usa fondos de cooperación.",
    "screen.reimbursable.no_offer": "No se encuentra la oferta «{offer}» para verificar sus condiciones.",
    "screen.reimbursable.offer_refund": "La oferta «{title}» de {cooperant} es reembolsable ({kind}): la competencia "
                                        "de cooperación del GAD cubre solo fondos no reembolsables y asistencia "
                                        "técnica (Resolución 009-CNC-2011); un crédito sigue otro trámite.",
    "screen.reimbursable.offer_ok": "La oferta de {cooperant} es no reembolsable ({kind}).",
    "screen.reimbursable.declared": "El aporte de {cooperant} se declara como no reembolsable (sin oferta "
                                    "registrada).",
    "screen.counterpart.over": "pide {requested} al GAD y solo hay {available} disponibles",
    "screen.counterpart.within": "pide {requested} al GAD, dentro de lo disponible ({available})",
    "screen.counterpart.pct": "una contraparte del {pct} del costo ({amount})",
    "screen.counterpart.usd": "una contraparte de {amount}",
    "screen.counterpart.short": "la oferta de {cooperant} exige {what} y la propuesta pone {local} entre GAD, "
                                "asociaciones y otros",
    "screen.counterpart.enough": "la oferta de {cooperant} exige {what} y la propuesta pone {local}",
    "screen.counterpart.nothing": "No se exige contraparte que verificar.",
    "screen.pdot.none": "No nombra ningún objetivo del PDOT (COPFP art. 68; COOTAD art. 131).",
    "screen.pdot.unknown": "Ninguno de los objetivos que nombra ({named}) está en el PDOT de la parroquia.",
    "screen.pdot.known_one": "Nombra 1 objetivo del PDOT: {known}.",
    "screen.pdot.known": "Nombra {count} objetivos del PDOT: {known}.",
    "screen.pdot.named": "Nombra objetivos del PDOT: {named}.",
    # -- offers ---------------------------------------------------------------------------------------------
    "screen.open.closed": "La oferta está cerrada.",
    "screen.open.executed": "La oferta está ya ejecutada.",
    "screen.open.not_executed": "La oferta está no ejecutada.",
    "screen.open.expired": "Venció el {date}.",
    "screen.open.ok": "Está abierta.",
    "screen.open.until": "Está abierta hasta el {date}.",
    "screen.offer.refund": "Es reembolsable ({kind}): la competencia de cooperación del GAD cubre fondos no "
                           "reembolsables y asistencia técnica (Resolución 009-CNC-2011).",
    "screen.offer.no_refund": "Es no reembolsable ({kind}).",
    "screen.offer.no_themes": "La oferta no indica sus temas.",
    "screen.offer.themes_ok": "Sus temas entran en las competencias del GAD parroquial: {themes}.",
    "screen.offer.themes_out": "Sus temas ({themes}) no son competencia del GAD parroquial (COOTAD art. 65).",
    "screen.offer.counterpart_unknown": "Exige contraparte pero no dice cuánto: pídalo antes de postular.",
    "screen.offer.counterpart_none": "No exige contraparte.",
    "screen.offer.counterpart_unchecked": "Exige una contraparte de {required}; no se indicó cuánto tiene reservado "
                                          "el GAD.",
    "screen.offer.counterpart_short": "Exige una contraparte de {required} y el GAD tiene reservados {reserved}: sin "
                                      "esa reserva la postulación fracasa (así se perdió la oferta del Japón en "
                                      "Azogues).",
    "screen.offer.counterpart_ok": "Exige una contraparte de {required}, dentro de lo reservado ({reserved}).",
    "screen.offer.pdot": "Puede servir a los objetivos del PDOT {objectives}.",
    "screen.offer.no_pdot": "No sirve a ningún objetivo del PDOT de la parroquia.",
    # -- why an offer fits a proposal -----------------------------------------------------------------------
    "screen.match.themes": "temas: {themes}",
    "screen.match.kind": "tipo de apoyo: {kind}",
    "screen.match.sdg": "ODS {goals}",
    "screen.match.amount": "el monto ({amount}) cubre lo que espera de un cooperante ({wanted})",
}
