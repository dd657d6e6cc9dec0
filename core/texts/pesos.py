"""The weights of the criteria (core.engine.weights) and how firm a ranking is when they vary (core.engine.sensitivity): the
names of the preset weights, pairwise comparison (AHP) messages, and why a set of weights cannot be used."""

STRINGS: dict[str, str] = {
    # -- preset weights: their names are also how a saved scenario names the weights it used ------------------
    "weights.preset.el_valle": "Estudio El Valle: alcance y factibilidad",
    "weights.preset.balanced": "Equilibrado",
    "weights.preset.azogues": "Tesis Azogues: alineación estratégica",
    "weights.preset.equity": "Equidad: necesidad y ayudas previas",
    "weights.unknown_preset": "no existe el conjunto de pesos «{name}»; hay: {names}",
    # -- weights that cannot be used ------------------------------------------------------------------------
    "weights.unknown_criterion": "criterio desconocido «{code}»",
    "weights.not_a_number": "el peso de «{criterion}» debe ser un número",
    "weights.negative": "el peso de «{criterion}» no puede ser negativo",
    "weights.all_zero": "al menos un criterio debe tener un peso mayor que cero",
    # -- pairwise comparison (AHP) ------------------------------------------------------------------------------
    "weights.ahp.unknown": "comparación con un criterio desconocido: «{a}» frente a «{b}»",
    "weights.ahp.itself": "un criterio no se compara consigo mismo («{a}»)",
    "weights.ahp.scale": "la comparación «{a}» frente a «{b}» debe estar entre 1/9 y 9 (se recibió {value})",
    "weights.ahp.size": "la matriz debe ser de {n} × {n}",
    "weights.ahp.positive": "todas las comparaciones deben ser positivas",
    "weights.ahp.reciprocal": "la matriz no es recíproca: si a vale 3 frente a b, b debe valer 1/3 frente a a",
    "weights.ahp.consistent": "Las comparaciones son consistentes (razón de consistencia {cr}, aceptable hasta "
                              "{limit}).",
    "weights.ahp.inconsistent": "Las comparaciones se contradicen (razón de consistencia {cr}, mayor que {limit}): "
                                "revise las que más se alejan de las demás antes de usar estos pesos.",
    "weights.ahp.none": "no hay comparaciones que combinar",
    # -- sensitivity -----------------------------------------------------------------------------------------------
    "sens.variation": "la variación de los pesos debe estar entre 0 y 1 (por ejemplo 0,2 para ±20 %)",
    "sens.draws": "hace falta al menos un sorteo",
    "sens.missing_scores": "faltan los puntajes por criterio de «{id}»",
    "sens.funded": "financiada",
    "sens.not_funded": "no financiada",
    "sens.explanation": "Con los pesos elegidos queda {base}; al variar los pesos ±{variation} se financia en "
                        "{share} de {draws} sorteos (puesto entre {best} y {worst}).",
}
