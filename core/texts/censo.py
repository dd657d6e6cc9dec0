"""Strings of the census figures Inicio and Territorio show for any parish (CPV 2022 and earlier censuses)."""

STRINGS = {
    "census.title_2022": "Censo 2022",
    "census.title_study": "Censo {year} (estudio)",
    "census.title_study_undated": "Cifras del estudio",
    "census.title_earlier": "Censo {year}",
    "census.title_earlier_undated": "Cifras anteriores",
    "census.metric": "{figure} · {census}",
    "census.missing_2022": "sin dato en el censo 2022",
    "census.poverty": "Pobreza",
    "census.not_in_2022": "{name} no figura en las tablas del censo 2022: es una parroquia (o un código) creada "
                          "después del censo, o una zona no delimitada. Minga no le atribuye cifras de otra parroquia.",
    "census.some_missing_2022": "El censo 2022 no publica {figures} de {name}: se muestra «sin dato», no cero.",
    "census.source_absent": "INEC, Censo de Población y Vivienda 2022 (la parroquia no está en sus tablas)",
    "census.men_women": "Población: {men} hombres · {women} mujeres",
    "census.density_computed": "La densidad de estas cifras la calcula Minga: población / superficie.",
    "census.no_shape": "{name} no tiene polígono en los límites de CONALI 2024 que usa Minga (es una parroquia o "
                       "un código posterior, o una zona no delimitada): no se dibuja su mapa.",
    "census.shapes_missing": "No hay polígonos de las parroquias del cantón {canton}: no se dibuja el mapa.",
    "census.col.census": "Censo",
}
