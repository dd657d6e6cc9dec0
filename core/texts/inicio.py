"""Strings of the Inicio page (the parish at a glance)."""

STRINGS = {
    "inicio.title": "Inicio",
    "inicio.subtitle": "Parroquia {name} · cantón {canton}, {province}",
    "inicio.intro": "Minga reúne en un solo lugar la realidad de la parroquia (asociaciones, ayudas recibidas, "
                    "migración, problemas), la evaluación de propuestas y ofertas de cooperación según su alineación "
                    "con el PDOT, el PND y los ODS, y el reparto del presupuesto con un método exacto, explicado y registrado.",
    "inicio.associations": "Asociaciones",
    "inicio.members": "Socios",
    "inicio.members_delta": "{surveyed} encuestados",
    "inicio.members_delta_one": "1 encuestado",
    "inicio.aid": "Ayudas recibidas",
    "inicio.aid_delta": "{count} registros",
    "inicio.aid_delta_one": "1 registro",
    "inicio.open_proposals": "Propuestas abiertas",
    "inicio.proposals_delta": "{count} en total",
    "inicio.map_title": "Parroquias rurales del cantón {canton}",
    "inicio.map_caption": "Color: población del Censo 2022 (gris: sin dato); borde rojo: la parroquia elegida. "
                          "Límites parroquiales de CONALI 2024, simplificados (ver Datos y fuentes). El mapa no "
                          "necesita internet.",
    "inicio.unknown_parish": "La parroquia elegida no está en la lista DPA.",
    "inicio.next_steps": "Siga el camino: **Diagnóstico** (la parroquia como es) → **Decidir** (propuestas, "
                         "priorización y presupuesto) → **Sesión y acta** (la decisión registrada).",
}
