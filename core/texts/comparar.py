"""Strings of Comparar (a canton's parishes, a province's cantons)."""

STRINGS = {
    "comparar.title": "Comparar cantón y provincia",
    "comparar.intro": "Para las mancomunidades y asociaciones de GAD parroquiales: las parroquias de un cantón, o los "
                      "cantones de una provincia, lado a lado en el Censo 2022 y en las ayudas que recibieron sus "
                      "asociaciones registradas en Minga.",
    "comparar.level": "Comparar",
    "comparar.level.canton": "Las parroquias del cantón {canton}",
    "comparar.level.province": "Los cantones y las parroquias de la provincia {province}",
    "comparar.indicator": "Cifra para ordenar y colorear",
    "comparar.map_title": "{indicator}: parroquias de {area}",
    "comparar.map_missing": "No hay polígonos de las parroquias de {area}: no se dibuja el mapa. La tabla compara "
                            "todas sus parroquias.",
    "comparar.parishes_title": "Parroquias de {area}",
    "comparar.cantons_title": "Cantones de {province} (totales de sus parroquias rurales)",
    "comparar.source": "Censo de Población y Vivienda 2022 (INEC): población, superficie y pobreza por NBI. Ayudas: "
                       "registros de Minga de las asociaciones de cada parroquia.",
    "comparar.unknown_parish": "La parroquia elegida no está en la lista DPA de Minga.",
    "comparar.col.name": "Parroquia",
    "comparar.col.kind": "Tipo",
    "comparar.col.canton": "Cantón",
    "comparar.col.rural_parishes": "Parroquias rurales",
    "comparar.col.population_2022": "Población 2022",
    "comparar.col.area_km2": "Superficie (km²)",
    "comparar.col.density_per_km2": "Densidad (hab./km²)",
    "comparar.col.poverty_rate_nbi": "Pobreza por NBI",
    "comparar.col.associations": "Asociaciones",
    "comparar.col.aid_records": "Ayudas registradas",
    "comparar.col.aid_total_usd": "Ayudas (USD)",
    "comparar.col.aid_usd_per_inhabitant": "Ayudas por habitante (USD)",
}

LABELS = {
    "parish_kind": {"rural": "Rural", "cabecera_cantonal": "Cabecera cantonal"},
}
