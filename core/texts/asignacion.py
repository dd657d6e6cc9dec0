"""Sentences of the allocation engine (core.engine.allocation): why each proposal is or is not funded, the notes on
the rules, and the problems that make a set of rules impossible. Amounts arrive formatted (es-EC)."""

STRINGS: dict[str, str] = {
    "alloc.tie_break": ("Desempate: entre asignaciones con el mismo puntaje total (a dos decimales) se elige la "
                        "de menor costo; si aún empatan, la de propuestas que van primero en el orden de los "
                        "códigos (la menor suma de sus posiciones en ese orden; un empate que quede se resuelve "
                        "igual en cada cálculo). Los métodos voraz y de reparto igual recorren las propuestas por "
                        "puntaje (mayor primero), luego por costo (menor primero) y luego por código."),
    "alloc.tie_break_scope": ("Desempate: entre asignaciones con el mismo total de puntaje por persona alcanzada "
                              "(puntajes a dos decimales) se elige la de mayor puntaje total si se sabe cuántos "
                              "socios tiene cada asociación (cada socio cuenta entonces una sola vez), y luego la de "
                              "menor costo; si aún empatan, la de "
                              "propuestas que van primero en el orden de los códigos (la menor suma de sus posiciones "
                              "en ese orden; un empate que quede se resuelve igual en cada cálculo)."),
    # -- candidates and rules that cannot be used --------------------------------------------------------
    "alloc.input.not_a_frame": ("las candidatas deben ser una tabla de polars (pl.DataFrame), no «{kind}»: "
                                "conviértalas con polars.from_pandas o polars.DataFrame"),
    "alloc.input.missing_columns": "faltan columnas en las candidatas: {columns}",
    "alloc.input.no_id": "hay candidatas sin proposal_id",
    "alloc.input.repeated_id": "código de propuesta repetido entre las candidatas: «{id}»",
    "alloc.input.no_association": "hay candidatas sin association_id",
    "alloc.input.association_not_code": ("association_id debe ser un solo código de asociación por candidata; "
                                         "las demás asociaciones de una propuesta conjunta van en association_ids"),
    "alloc.input.association_ids_not_list": "association_ids debe ser una lista de asociaciones por candidata",
    "alloc.input.bad_cost": "el costo de «{id}» debe ser un número no negativo y de menos de un billón de dólares",
    "alloc.input.bad_score": "el puntaje de «{id}» debe ser un número",
    "alloc.input.bad_people": "las personas alcanzadas o beneficiarias de «{id}» deben ser un número entero",
    "alloc.input.unknown_method": "método desconocido «{method}»; se admite: {methods}",
    "alloc.input.no_ballots": ("el método proportional reparte según las calificaciones del grupo asesor: "
                               "páselas en ballots (por participante, el puntaje que dio a cada propuesta)"),
    "alloc.input.not_candidate": "«{id}» no está entre las candidatas",
    "alloc.rules.unknown": "La propuesta «{id}», obligatoria en las reglas, no está entre las candidatas: no pasa "
                           "el filtro de elegibilidad o ya se decidió.",
    "alloc.rules.reserve": "La reserva ({reserve}) es mayor que el presupuesto ({budget}).",
    "alloc.rules.must_and_not": "La propuesta «{id}» está marcada a la vez como obligatoria y como excluida.",
    "alloc.rules.exclusive_self": ("un par excluyente necesita dos propuestas distintas, y «{id}» está en los dos "
                                   "lados: elija otra propuesta o quite el par"),
    "alloc.rules.exclusive_must": "«{a}» y «{b}» son excluyentes, pero las dos están marcadas como obligatorias.",
    "alloc.rules.must_cost": "Las propuestas obligatorias cuestan {cost} y solo hay {available} disponibles "
                             "(presupuesto menos reserva).",
    "alloc.rules.must_cap": "Las propuestas obligatorias de «{association}» suman {spent}, más que el tope por "
                            "asociación ({cap}).",
    "alloc.infeasible": "No existe ninguna asignación que cumpla todas las reglas a la vez.",
    "alloc.infeasible.conflict": "{base} El conflicto está en {rules}: sin esa regla sí habría solución.",
    "alloc.infeasible.exclusive": "las propuestas excluyentes",
    "alloc.infeasible.cap": "el tope por asociación",
    "alloc.infeasible.must": "las propuestas obligatorias",
    "alloc.solver.not_optimal": "El solver no llegó al óptimo (estado: {status}).",
    "alloc.solver.none": "no aplica",
    "alloc.solver.heuristic": "no aplica (sin solver)",
    "alloc.solver.not_run": "no resuelto",
    # -- what each method did -------------------------------------------------------------------------------
    "alloc.message.optimal": "Asignación óptima: el mayor puntaje total posible con estas reglas.",
    "alloc.message.funded_count": " Se financian {funded} de {total} propuestas.",
    "alloc.message.funded_count_one": " Se financia 1 de {total} propuestas.",
    "alloc.message.funded_only": " Se financia la única propuesta.",
    "alloc.message.not_funded_only": " No se financia la única propuesta.",
    "alloc.message.greedy": "Selección voraz por puntaje.",
    "alloc.message.equal_split": "Reparto igual entre asociaciones.",
    "alloc.message.scope": "Asignación óptima por alcance: el mayor total de puntaje por persona alcanzada con estas "
                           "reglas.",
    "alloc.message.proportional": "Partes iguales: cada uno de los {voters} participantes del grupo asesor dispone de "
                                  "{share} para los proyectos que calificó.",
    "alloc.message.proportional_one": "Partes iguales: el único participante del grupo asesor que calificó dispone "
                                      "de {share} para los proyectos que calificó.",
    "alloc.message.needs_ballots": "El objetivo proporcional necesita las calificaciones o los votos del grupo asesor "
                                   "sobre las propuestas, y todavía no hay ninguno. Califiquen las propuestas en una "
                                   "sesión del grupo asesor.",
    "alloc.note.completion": "Financiados por partes iguales: {mes}; con el dinero que sobró, {completed} más "
                             "(regla de completado: voraz por puntos del grupo por dólar).",
    "alloc.note.proportional_unspent": "Este reparto usa {spent} de {available}: cada participante paga solo con su "
                                       "parte igual ({share}). {proposal}, que apoyan {backers} de {voters} "
                                       "participantes, cuesta {cost}, más de lo que juntan sus partes, y queda fuera "
                                       "aunque cabría en el presupuesto. Es una propiedad del reparto por partes "
                                       "iguales: compare con el objetivo de puntaje.",
    # more than half of the participants back it: one backer is the only participant
    "alloc.note.proportional_unspent_one": "Este reparto usa {spent} de {available}: el único participante paga "
                                           "solo con su parte ({share}). {proposal}, que apoya, cuesta {cost}, más "
                                           "que su parte, y queda fuera aunque cabría en el presupuesto. Es una "
                                           "propiedad del reparto por partes iguales: compare con el objetivo de "
                                           "puntaje.",
    "alloc.note.named": "«{title}» ({code})",
    "alloc.message.no_candidates": "No hay propuestas candidatas.",
    "alloc.note.equal_share": "Cada asociación con propuestas elegibles ({count}) recibe una cuota igual de {amount}; "
                              "lo que una asociación no usa queda sin asignar.",
    "alloc.note.equal_share_cap": "Cada asociación con propuestas elegibles ({count}) recibe una cuota igual de "
                                  "{amount}, el tope por asociación (el presupuesto en partes iguales daría {each}); "
                                  "lo que una asociación no usa queda sin asignar.",
    "alloc.note.cannot_cover": "No se puede dar un proyecto a «{association}»: {reason}.",
    # Said of the associations that can receive a project (`_one`: only one, which then gets none); the part on
    # how many are covered follows, said of those (`_none`: not one).
    "alloc.note.money_short": "El dinero no alcanza para una propuesta por asociación: cubrir a las {total} "
                              "asociaciones que pueden recibir un proyecto costaría al menos {need} y hay "
                              "{available} disponibles.",
    "alloc.note.money_short_one": "El dinero no alcanza para el proyecto de la única asociación que puede recibirlo: "
                                  "costaría al menos {need} y hay {available} disponibles.",
    "alloc.note.money_covered": " Se cubren {covered} de {total}, las que dan el mayor puntaje total.",
    "alloc.note.money_covered_one": " Se cubre 1 de {total}, la que da el mayor puntaje total.",
    "alloc.note.money_covered_none": " No alcanza para cubrir ninguna.",
    "alloc.note.money_covered_scope": " Se cubren {covered} de {total}, las que dan el mayor total de puntaje por "
                                      "persona alcanzada.",
    "alloc.note.money_covered_scope_one": " Se cubre 1 de {total}, la que da el mayor total de puntaje por persona "
                                          "alcanzada.",
    "alloc.note.money_covered_scope_none": " No alcanza para cubrir ninguna.",
    "alloc.note.rules_short": "Las reglas (topes, excluyentes u obligatorias) impiden dar una propuesta a cada una "
                              "de las {total} asociaciones",
    "alloc.note.rules_short_one": "Las reglas (topes, excluyentes u obligatorias) impiden dar una propuesta a la "
                                  "única asociación que puede recibirla.",
    "alloc.note.rules_covered": "; se cubren {covered}, las que dan el mayor puntaje total.",
    "alloc.note.rules_covered_one": "; se cubre 1, la que da el mayor puntaje total.",
    "alloc.note.rules_covered_none": "; no se cubre ninguna.",
    "alloc.note.rules_covered_scope": "; se cubren {covered}, las que dan el mayor total de puntaje por persona "
                                      "alcanzada.",
    "alloc.note.rules_covered_scope_one": "; se cubre 1, la que da el mayor total de puntaje por persona alcanzada.",
    "alloc.note.rules_covered_scope_none": "; no se cubre ninguna.",
    "alloc.note.uncovered": "«{association}» queda sin proyecto con este método.",
    # -- why an association has no project -------------------------------------------------------------
    "alloc.uncovered.line": "{association}: {reason}",
    "alloc.uncovered.not_chosen": "ninguna de sus propuestas fue elegida",
    "alloc.uncovered.all_excluded": "todas sus propuestas fueron excluidas por la junta",
    "alloc.uncovered.none_fits": "ninguna de sus propuestas puede financiarse: la más barata, «{id}», no cabe "
                                 "({reason})",  # {reason} comes without its final period
    "alloc.uncovered.no_money": "con este método no quedó dinero o cupo para ninguna de sus propuestas",
    "alloc.uncovered.infeasible": "las reglas no se pueden cumplir",
    # -- why a proposal is funded ---------------------------------------------------------------------------
    "alloc.funded.must": "Financiada: la junta la marcó como obligatoria.",
    "alloc.funded.optimal": "Financiada: forma parte de la asignación de mayor puntaje total.",
    "alloc.funded.greedy": "Financiada: cupo cuando llegó su turno por puntaje.",
    "alloc.funded.equal_split": "Financiada con la cuota igual de su asociación.",
    "alloc.funded.scope": "Financiada: forma parte de la asignación de mayor puntaje por persona alcanzada.",
    "alloc.funded.proportional": "Financiada por partes iguales: sus partidarios en el grupo asesor la pagan con su "
                                 "parte del presupuesto.",
    "alloc.funded.completion": "Financiada al completar: con el dinero que sobró de las partes iguales, por puntos del "
                               "grupo por dólar.",
    # -- why a proposal is not funded -----------------------------------------------------------------------
    "alloc.out.not_explained": "No financiada (explicación detallada no calculada).",
    "alloc.out.must_not": "La junta decidió no financiarla.",
    "alloc.out.too_expensive": "Cuesta {cost} y solo hay {available} disponibles.",
    "alloc.out.after_must": "Cuesta {cost} y, después de las obligatorias ({must}), quedan {left}.",
    "alloc.out.cap_share": "Le toca a cada asociación {part}, más que el tope por asociación ({cap}).",
    "alloc.out.cap_single": "Cuesta {part}, más que el tope por asociación ({cap}).",
    "alloc.out.exclusive_must": "Es excluyente con «{id}», que es obligatoria.",
    "alloc.out.exclusive_funded": "Es excluyente con «{id}», que ya fue financiada.",
    "alloc.out.budget_turn": "Cuando llegó su turno quedaban {left} y cuesta {cost}.",
    "alloc.out.cap_reached": "«{association}» ya tenía {spent} y con esta superaría el tope por asociación ({cap}).",
    "alloc.out.share_left": "A «{association}» le quedaban {left} de su cuota igual y le toca pagar {part}.",
    "alloc.out.needed_score": " Habría entrado con un puntaje mayor que {needed} (hoy tiene {score}).",
    "alloc.out.shed": " Si costara {shed} menos (como máximo {max_cost}), entraría en una asignación igual de buena"
                      "{instead}.",
    "alloc.out.shed_instead": ", en lugar de {names}",
    "alloc.out.coverage_forced": "Forzarla dejaría a alguna asociación sin proyecto, y la regla de al menos una por "
                                 "asociación lo impide.",
    "alloc.out.coverage_short": "Con ella el dinero alcanzaría para dar proyecto a menos asociaciones: hoy lo tienen "
                                "{covered} de las {total}, el mayor número posible, y la regla de al menos una por "
                                "asociación pide cubrir tantas como se pueda.",
    "alloc.out.coverage_short_one": "Con ella el dinero alcanzaría para dar proyecto a menos asociaciones: hoy lo "
                                    "tiene 1 de las {total}, el mayor número posible, y la regla de al menos una por "
                                    "asociación pide cubrir tantas como se pueda.",
    "alloc.out.no_allocation": "Con las demás reglas no hay ninguna asignación que la incluya.",
    "alloc.out.tie": "Empata: hay otra asignación con el mismo puntaje total que la incluye; se eligió la otra por el "
                     "desempate (menor costo, luego código).",
    "alloc.out.tie_scope": "Empata: hay otra asignación con el mismo total de puntaje por persona alcanzada que la "
                           "incluye; se eligió la otra por el desempate (menor costo, luego código).",
    "alloc.block.exclusive": "es excluyente con «{id}», que está financiada",
    "alloc.block.cap": "«{association}» ya recibe {spent} de un tope de {cap}: le quedan {room} y a esta "
                       "propuesta le toca pagar {part}",
    "alloc.block.budget": "quedan {left} sin asignar y cuesta {cost}",
    "alloc.block.coverage": "incluirla obliga a dejar fuera propuestas que dan a otras asociaciones su proyecto",
    "alloc.block.score": "su puntaje no compensa lo que habría que dejar fuera",
    "alloc.block.min_one": " (la regla de al menos una por asociación reserva dinero para las demás asociaciones)",
    "alloc.out.gap": "{rule}: {parts}. Para entrar tendría que dejar fuera {displaces}; con ella {total} sería "
                     "{best_with} en vez de {best}. Entraría con un puntaje mayor que {needed} (hoy tiene {score})",
    "alloc.out.gap_counted": "{rule}: {parts}. Para entrar tendría que dejar fuera {displaces}; con ella {total} "
                             "sería {best_with} en vez de {best}. Las personas que alcanza ya cuentan por otras "
                             "propuestas de esa asignación, así que su puntaje (hoy {score}) no suma nada en ella",
    "alloc.out.score_scope": "{rule}: {parts}. Con ella el total de puntaje por persona alcanzada seguiría siendo "
                             "{best}, pero tendría que dejar fuera {displaces} y el puntaje total de lo financiado bajaría de {total} a {total_with}; "
                             "entre asignaciones que alcanzan igual se elige la de mayor puntaje total. Entraría con "
                             "un puntaje mayor que {needed} (hoy tiene {score})",
    "alloc.out.total_score": "el mejor puntaje total",
    "alloc.out.total_scope": "el mejor total de puntaje por persona alcanzada",
    "alloc.out.displaces_nothing": "nada de lo financiado",
    "alloc.names_more": "{names} y {n} más",
    "alloc.out.not_selected_mes": "Sus partidarios en el grupo asesor no reunieron, con sus partes iguales del "
                                  "presupuesto, lo que cuesta, y no cupo al completar con lo que sobró.",
    "alloc.out.impossible": ", lo que no es posible en la escala de 0 a {max}",
    # -- a result in one sentence ---------------------------------------------------------------------------
    "alloc.summary": "{method}: {funded} por {cost} de {available} disponibles; puntaje total "
                     "{score}; {covered} de {associations} con proyecto; índice de Gini del dinero entre "
                     "asociaciones {gini}; la asociación que más recibe se lleva el {share} del presupuesto.",
    "alloc.summary.funded": "{n} propuestas financiadas",
    "alloc.summary.funded_one": "1 propuesta financiada",
    "alloc.summary.funded_none": "ninguna propuesta financiada",
    "alloc.summary.associations": "{n} asociaciones",
    "alloc.summary.associations_one": "1 asociación",
}
