"""Strings of the five Diagnóstico pages: Territorio, Asociaciones, Ayudas recibidas, Migración,
Problemas y necesidades (keys `diag.`), and the labels of the codes they add."""

STRINGS = {
    # -- shared by the five pages
    "diag.filter.associations": "Asociaciones",
    "diag.filter.placeholder": "Todas las asociaciones",
    "diag.filter.help": "Deje vacío para ver todas las asociaciones de la parroquia.",
    "diag.filter.showing": "Se muestran {count} de {total}.",
    "diag.filter.showing_one": "Se muestra 1 de {total}.",
    "diag.count.associations": "{n} asociaciones",
    "diag.count.associations_one": "1 asociación",
    "diag.empty.associations": "No hay asociaciones registradas para la parroquia {name}. El equipo técnico de la "
                               "parroquia las registra, con la encuesta a sus socios y las ayudas recibidas, en "
                               "«Preparar la parroquia».",
    "diag.empty.selection": "Las asociaciones elegidas no tienen socios encuestados registrados.",
    "diag.unknown_parish": "La parroquia elegida no está en la lista DPA.",
    "diag.source.survey": "encuesta a los socios de las asociaciones de {name}, registrada en «Preparar la "
                          "parroquia»",
    "diag.source.survey_study": "encuesta a socios de las asociaciones (en El Valle, la del estudio de "
                                "Gómez-Ceballos et al., 2021)",
    "diag.source.focus_group": "voto ponderado del grupo asesor de {name}, registrado en «Preparar la parroquia»",
    "diag.source.focus_group_study": "voto ponderado del grupo asesor (en El Valle, el grupo focal del estudio, "
                                     "con 8 participantes)",
    "diag.source.aid": "registros de ayudas recibidas por las asociaciones",
    "diag.share_of": "{share} ({count} de {base})",
    "diag.of_base": "{count} de {base}",
    "diag.col.association": "Asociación",
    "diag.col.association_id": "Código de asociación",
    "diag.col.members": "Socios",
    "diag.col.share": "Porcentaje",
    "diag.col.answer": "Respuesta",
    "diag.col.question": "Pregunta",
    "diag.col.pdot": "Objetivos del PDOT",
    "diag.pdot.none": "Sin objetivo del PDOT vinculado",
    "diag.pdot.source": "vínculos ilustrativos escritos por Minga",
    "diag.pdot.caption": "Vínculos con el PDOT ilustrativo de El Valle, escritos por Minga; "
                         "deben revisarse con el PDOT real de la parroquia.",

    # -- Territorio
    "diag.territorio.title": "Territorio",
    "diag.territorio.subtitle": "{name} entre las parroquias rurales del cantón {canton}, {province}",
    "diag.territorio.intro": "Población, superficie, densidad y pobreza por necesidades básicas insatisfechas (NBI) "
                             "de la parroquia según el Censo 2022 del INEC, frente a las demás parroquias rurales de "
                             "su cantón. Cada cifra conserva su fuente.",
    "diag.territorio.rank": "Puesto {rank} de {known} parroquias rurales con este dato",
    "diag.territorio.rank_one": "La única parroquia rural del cantón con este dato",
    "diag.territorio.no_rank": "Sin puesto: {reason}",
    "diag.territorio.reason_unknown": "cifra desconocida",
    "diag.territorio.reason_seat": "es la cabecera cantonal",
    "diag.territorio.figures": "Cifras de la parroquia y su fuente",
    "diag.territorio.indicator": "Indicador del mapa y del gráfico",
    "diag.territorio.map_title": "Parroquias rurales del cantón {canton}: {indicator}",
    "diag.territorio.map_caption": "Color: {indicator}, Censo 2022 (gris: sin dato); borde rojo: la parroquia "
                                   "elegida. Límites parroquiales de CONALI 2024, simplificados. El mapa no necesita "
                                   "internet.",
    "diag.territorio.chart_title": "{indicator}: parroquias rurales del cantón {canton}",
    "diag.territorio.chart_caption": "{known} de {total} parroquias rurales del cantón tienen este dato; las demás no "
                                     "aparecen en el gráfico.",
    "diag.territorio.chart_caption_one": "1 de {total} parroquias rurales del cantón tiene este dato; las demás no "
                                         "aparecen en el gráfico.",
    "diag.territorio.none_known": "Ninguna parroquia rural del cantón {canton} tiene «{indicator}» en el censo 2022: "
                                  "no hay con qué compararla.",
    "diag.territorio.table_title": "Comparación con las parroquias rurales del cantón",
    "diag.territorio.context_title": "El cantón {canton} y la provincia de {province}",
    "diag.territorio.context_missing": "No hay cifras de referencia del cantón {canton} ni de la provincia de "
                                       "{province}. Se agregan en data/sources/reference/poblacion_censos_referencia.csv.",
    "diag.territorio.sources_caption": "INEC, Censo de Población y Vivienda 2022 (la fuente de cada cifra, en la "
                                       "tabla)",
    "diag.territorio.figure": "Cifra",
    "diag.territorio.value": "Valor",
    "diag.territorio.source": "Fuente",
    "diag.territorio.rank_col": "Lugar en el cantón",
    "diag.col.parish": "Parroquia",
    "diag.col.name": "Parroquia",
    "diag.col.parish_code": "Código DPA",
    "diag.col.population": "Población",
    "diag.col.population_year": "Año del censo",
    "diag.col.population_source": "Fuente de la población",
    "diag.col.area_km2": "Superficie (km²)",
    "diag.col.area_source": "Fuente de la superficie",
    "diag.col.density_per_km2": "Densidad (hab./km²)",
    "diag.col.density_source": "Fuente de la densidad",
    "diag.col.poverty_rate": "Pobreza (0 a 1)",
    "diag.col.poverty_shown": "Pobreza",
    "diag.col.poverty_source": "Fuente de la pobreza",
    "diag.col.level": "Nivel",
    "diag.col.area": "Ámbito",
    "diag.col.indicator": "Indicador",
    "diag.col.period": "Período",
    "diag.col.value": "Valor",
    "diag.col.value_text": "Valor",
    "diag.col.unit": "Unidad",
    "diag.col.theme": "Tema",
    "diag.col.source": "Fuente",
    "diag.col.source_detail": "Dónde se consultó",
    "diag.col.selected": "Parroquia elegida",

    # -- Asociaciones
    "diag.asociaciones.title": "Asociaciones",
    "diag.asociaciones.intro": "Quiénes son los socios y sus familias, de qué viven, cuánto ganan y gastan, y cómo se "
                               "ven a sí mismos; y cuánto difieren las asociaciones entre sí y por dentro.",
    "diag.asociaciones.metric.associations": "Asociaciones",
    "diag.asociaciones.metric.surveyed": "Socios encuestados",
    "diag.asociaciones.metric.surveyed_delta": "de {total} socios",
    "diag.asociaciones.metric.surveyed_delta_one": "de 1 socio",
    "diag.asociaciones.metric.heads": "Socios que son jefes de hogar",
    "diag.asociaciones.metric.poor": "Se consideran familia pobre",
    "diag.asociaciones.metric.poor_help": "Quienes responden «Pobre». Quienes responden «Muy pobre» se cuentan "
                                          "aparte, como los cuenta el estudio de El Valle.",
    "diag.asociaciones.metric.ages": "Socios de 31 a 65 años",
    "diag.asociaciones.tab.households": "Hogares",
    "diag.asociaciones.tab.work": "Ocupación y educación",
    "diag.asociaciones.tab.ages": "Edades",
    "diag.asociaciones.tab.money": "Ingresos y gastos",
    "diag.asociaciones.tab.poverty": "Pobreza percibida",
    "diag.asociaciones.tab.between": "Entre y dentro de las asociaciones",
    "diag.asociaciones.cross_title": "Quién es jefe de hogar y qué papel tiene el socio en su familia",
    "diag.asociaciones.cross_axes": ("Filas: quién es jefe del hogar; columnas: el papel del socio en la familia. "
                                     "La diagonal son los socios que son jefes de hogar."),
    "diag.asociaciones.cross_reading": ("Lectura elegida: el estudio imprime 42 en la celda (padre, madre), pero sus "
                                        "totales (54 y 74) piden 43; se respetan los totales."),
    "diag.asociaciones.cross_head": "Jefe de hogar",
    "diag.asociaciones.total": "Total",
    "diag.asociaciones.family_size_title": "Tamaño de las familias de los socios",
    "diag.asociaciones.family_size_axis": "Personas en la familia",
    "diag.asociaciones.occupation_title": "Ocupación del padre y de la madre del hogar",
    "diag.asociaciones.education_title": "Educación del padre y de la madre del hogar",
    "diag.asociaciones.education_caption": "El gráfico de educación del estudio no se puede leer: los niveles de "
                                           "educación de estos registros son inventados.",
    "diag.asociaciones.parent": "Quién",
    "diag.asociaciones.parent.father": "Padre",
    "diag.asociaciones.parent.mother": "Madre",
    "diag.asociaciones.ages_title": "Edad de los socios",
    "diag.asociaciones.ages_caption": "Sobre los {base} socios que dieron su edad.",
    "diag.asociaciones.ages_caption_one": "Sobre el único socio que dio su edad.",
    "diag.asociaciones.ages_box_title": "Edades por asociación",
    "diag.asociaciones.age_axis": "Edad (años)",
    "diag.asociaciones.income_title": "Ingreso semanal del hogar",
    "diag.asociaciones.expense_title": "Gasto mensual del hogar",
    "diag.asociaciones.source_title": "Principal fuente de ingreso",
    "diag.asociaciones.item_title": "Principal producto que genera ingreso",
    "diag.asociaciones.main_expense_title": "Principal destino del gasto",
    "diag.asociaciones.low_high": "Ganan hasta USD 84 por semana y gastan más de USD 489 al mes",
    "diag.asociaciones.low_high_caption": "Lectura elegida: el estudio dice «hasta USD 84 al mes»; sus franjas de "
                                          "ingreso son semanales, así que se leen como las dos franjas semanales más "
                                          "bajas, y el gasto como mensual.",
    "diag.asociaciones.poverty_title": "Cómo se considera la familia",
    "diag.asociaciones.poverty_caption": "Sobre {base} respuestas ({missing} sin respuesta).",
    "diag.asociaciones.poverty_caption_one": "Sobre 1 respuesta ({missing} sin respuesta).",
    "diag.asociaciones.poverty_reading": "Lectura elegida: el estudio publica 55,5 %, 40,0 % y 4,4 %, que salen de 90 "
                                         "respuestas (50, 36 y 4), no de 91; 50 de 90 es 55,56 %, que el estudio imprime "
                                         "truncado.",
    "diag.asociaciones.between_measure": "Qué comparar",
    "diag.asociaciones.measure.income_monthly_usd": "Ingreso mensual estimado",
    "diag.asociaciones.measure.expense_monthly_usd": "Gasto mensual estimado",
    "diag.asociaciones.measure.balance_monthly_usd": "Saldo mensual estimado",
    "diag.asociaciones.between_title": "{measure} de cada hogar, por asociación",
    "diag.asociaciones.between_axis": "{measure} (USD al mes)",
    "diag.asociaciones.between_subtitle": "Cada punto es un hogar; caja: la mitad central; raya: la mediana.",
    "diag.asociaciones.between_caption": "Cada punto es un hogar; la caja va del primer al tercer cuartil y la raya es "
                                         "la mediana. La encuesta registra franjas, no montos: cada hogar se estima con "
                                         "el punto medio de su franja (ingreso semanal × 52/12).",
    "diag.asociaciones.between_table": "Resumen por asociación (USD al mes, estimado)",
    "diag.asociaciones.col.head_of_household": "Jefe de hogar",
    "diag.asociaciones.col.member_role": "Papel del socio en la familia",
    "diag.asociaciones.col.answered": "Con ambas franjas",
    "diag.asociaciones.col.income_mean_usd": "Ingreso medio",
    "diag.asociaciones.col.income_median_usd": "Ingreso mediano",
    "diag.asociaciones.col.expense_mean_usd": "Gasto medio",
    "diag.asociaciones.col.expense_median_usd": "Gasto mediano",
    "diag.asociaciones.col.balance_mean_usd": "Saldo medio",
    "diag.asociaciones.col.balance_median_usd": "Saldo mediano",
    "diag.asociaciones.col.balance_min_usd": "Saldo mínimo",
    "diag.asociaciones.col.balance_max_usd": "Saldo máximo",
    "diag.asociaciones.col.low_income_high_expense": "Ingreso bajo y gasto alto",
    "diag.asociaciones.col.low_income_high_expense_share": "Ingreso bajo y gasto alto (proporción)",
    "diag.asociaciones.col.member_id": "Socio",
    "diag.asociaciones.col.weekly_income_band": "Ingreso semanal",
    "diag.asociaciones.col.monthly_expense_band": "Gasto mensual",
    "diag.asociaciones.col.income_monthly_usd": "Ingreso mensual estimado (USD)",
    "diag.asociaciones.col.expense_monthly_usd": "Gasto mensual estimado (USD)",
    "diag.asociaciones.col.balance_monthly_usd": "Saldo mensual estimado (USD)",
    "diag.asociaciones.col.parent": "Quién",
    "diag.asociaciones.col.age": "Edad",
    "diag.asociaciones.age_value": "{age} años",
    "diag.asociaciones.box_summary": "mediana {median}; la mitad de los hogares entre {q1} y {q3}; de {low} a {high} "
                                     "({count} hogares)",
    "diag.asociaciones.box_summary_one": "un solo hogar: {median}",

    # -- Ayudas recibidas
    "diag.ayudas.title": "Ayudas recibidas",
    "diag.ayudas.intro": "Quién dio qué a cada asociación y cuándo, a cuántas familias llegó, cuánto sirvió según ellas, "
                         "y si las ayudas se repiten o se reparten sin coordinación entre instituciones.",
    "diag.ayudas.metric.projects": "Recibieron ayuda en proyectos",
    "diag.ayudas.metric.effectiveness": "La ayuda sirvió medio a poco",
    "diag.ayudas.metric.effectiveness_help": "Entre quienes recibieron alguna ayuda (en proyectos o del Estado el "
                                             "último año) y respondieron.",
    "diag.ayudas.metric.no_state": "Sin ayuda del Estado el último año",
    "diag.ayudas.metric.projects_help": "Familias de socios que recibieron ayuda en forma de proyectos (sobre todo insumos y capacitación).",
    "diag.ayudas.metric.records": "Ayudas registradas",
    "diag.ayudas.metric.records_delta": "{amount} en total",
    "diag.ayudas.timeline_title": "Quién dio qué a quién y cuándo",
    "diag.ayudas.timeline_subtitle": "Color: institución; forma: tipo de ayuda; tamaño: monto. Pase el cursor para ver el detalle.",
    "diag.ayudas.year": "Año",
    "diag.ayudas.institution": "Institución",
    "diag.ayudas.kind": "Tipo de ayuda",
    "diag.ayudas.amount": "Monto",
    "diag.ayudas.effectiveness_title": "¿Cuánto ayudó a mejorar la situación económica?",
    "diag.ayudas.effectiveness_caption": "Sobre {base} familias que recibieron alguna ayuda y respondieron.",
    "diag.ayudas.effectiveness_reading": " Lectura elegida: el 52,8 % y el 2,8 % del estudio salen de 72 personas, no "
                                         "de las 71 que recibieron proyectos.",
    "diag.ayudas.no_aid": "No hay ayudas registradas para las asociaciones elegidas. Regístrelas en «Preparar la "
                          "parroquia» (institución, año, tipo, monto y asociación beneficiaria).",
    "diag.ayudas.atomization_title": "¿Ayuda atomizada y repetida?",
    "diag.ayudas.atomization_intro": "Una combinación asociación × tipo de ayuda está **atomizada** cuando la misma clase "
                                     "de ayuda (por ejemplo, capacitación) le llega de varias instituciones o en años "
                                     "seguidos.",
    "diag.ayudas.atomization_study": "El estudio de El Valle (Gómez-Ceballos et al., 2021) solo pudo describirlo; "
                                     "aquí se ve en los registros.",
    "diag.ayudas.atomized_metric": "Combinaciones atomizadas",
    "diag.ayudas.atomized_delta": "de {total} asociación × tipo de ayuda",
    "diag.ayudas.heatmap_title": "Instituciones distintas que dieron cada tipo de ayuda a cada asociación",
    "diag.ayudas.heatmap_value": "Instituciones",
    "diag.ayudas.atomized_table": "Combinaciones atomizadas y por qué",
    "diag.ayudas.reason.institutions": "{count} instituciones ({names})",
    "diag.ayudas.reason.run": "{run} años seguidos ({first}–{last})",
    "diag.ayudas.reason.same_year": "dos o más instituciones el mismo año",
    "diag.ayudas.reason.none": "una sola institución, sin años seguidos",
    "diag.ayudas.coordination_title": "¿Coordinan las instituciones?",
    "diag.ayudas.coordination_intro": "Dos instituciones **nunca coordinan** cuando atienden a las mismas asociaciones "
                                      "pero nunca a la misma asociación el mismo año. Toda la parroquia, sin filtro de "
                                      "asociación.",
    "diag.ayudas.pairs_title": "Asociación-años en que dos instituciones ayudaron a la vez",
    "diag.ayudas.partner": "Otra institución",
    "diag.ayudas.cofunded": "Asociación-años en común",
    "diag.ayudas.shared": "Asociaciones en común",
    "diag.ayudas.never_title": "Pares que atienden a las mismas asociaciones y nunca coinciden",
    "diag.ayudas.never_none": "Todas las instituciones que comparten asociaciones coinciden al menos una vez.",
    "diag.ayudas.institutions_title": "Instituciones",
    "diag.ayudas.flows_title": "Todas las ayudas, por asociación, institución, tipo y año",
    "diag.ayudas.col.institution": "Institución",
    "diag.ayudas.col.partner": "Otra institución",
    "diag.ayudas.col.institution_type": "Tipo de institución",
    "diag.ayudas.col.kind": "Tipo de ayuda",
    "diag.ayudas.col.year": "Año",
    "diag.ayudas.col.aid_records": "Ayudas",
    "diag.ayudas.col.amount_usd": "Monto (USD)",
    "diag.ayudas.col.descriptions": "Descripción",
    "diag.ayudas.col.institutions": "Instituciones",
    "diag.ayudas.col.institution_list": "Cuáles",
    "diag.ayudas.col.years": "Años con ayuda",
    "diag.ayudas.col.year_list": "Años",
    "diag.ayudas.col.longest_run": "Años seguidos (máximo)",
    "diag.ayudas.col.is_atomized": "Atomizada",
    "diag.ayudas.col.reason": "Por qué",
    "diag.ayudas.col.associations": "Asociaciones atendidas",
    "diag.ayudas.col.kinds": "Tipos de ayuda",
    "diag.ayudas.col.first_year": "Desde",
    "diag.ayudas.col.last_year": "Hasta",
    "diag.ayudas.col.overlapping_institutions": "Instituciones con asociaciones en común",
    "diag.ayudas.col.cofunding_institutions": "Instituciones con las que coincide",
    "diag.ayudas.col.never_coordinates": "Nunca coincide",
    "diag.ayudas.col.shared_associations": "Asociaciones en común",
    "diag.ayudas.col.cofunded_association_years": "Asociación-años en común",
    "diag.ayudas.col.same_kind_association_years": "Mismo tipo, mismo año",

    # -- Migración
    "diag.migracion.title": "Migración",
    "diag.migracion.intro": "Familias de socios con parientes en el exterior, la emigración y las remesas de la "
                            "provincia y el cantón, y lo que significa para quién queda a cargo de la tierra.",
    "diag.migracion.metric.abroad": "Familias de socios con familiares en el exterior",
    "diag.migracion.by_association_title": "Familias con familiares en el exterior, por asociación",
    "diag.migracion.share_axis": "Porcentaje de familias encuestadas",
    "diag.migracion.parish_rule": "Toda la selección: {share}",
    "diag.migracion.reading": "Lectura elegida: el estudio dice «25,3 % de sus miembros residen en el exterior»; se "
                              "lee como familias de socios con alguien en el exterior (23 de 91).",
    "diag.migracion.who_farms_title": "Quién queda a cargo: familias con y sin familiares en el exterior",
    "diag.migracion.who_farms_intro": "Compare los hogares con y sin familiares en el exterior: quién encabeza el "
                                      "hogar, quién trabaja la tierra, qué edad tiene el socio.",
    "diag.migracion.who_farms_study": "El estudio de El Valle (Gómez-Ceballos et al., 2021) ve en la emigración, sobre "
                                      "todo de hombres, una agricultura familiar que se feminiza y envejece.",
    "diag.migracion.who_farms_chart": "Rasgos del hogar, con y sin familiares en el exterior",
    "diag.migracion.group": "Familias",
    "diag.migracion.group.true": "Con familiares en el exterior",
    "diag.migracion.group.false": "Sin familiares en el exterior",
    "diag.migracion.measure": "Rasgo del hogar",
    "diag.migracion.measure.women": "La socia es mujer",
    "diag.migracion.measure.headed_by_mother": "La madre es jefa de hogar",
    "diag.migracion.measure.mother_farms": "La madre trabaja en agricultura",
    "diag.migracion.measure.father_farms": "El padre trabaja en agricultura",
    "diag.migracion.measure.father_not_indicated": "Sin ocupación del padre (a menudo, ausente)",
    "diag.migracion.measure.aged_50_plus": "Socio de 50 años o más",
    "diag.migracion.share_of_group": "Porcentaje de las familias del grupo",
    "diag.migracion.reference_title": "Emigración y remesas: provincia de {province} y cantón {canton}",
    "diag.migracion.reference_missing": "No hay cifras de emigración ni de remesas para la provincia de {province} ni "
                                        "para el cantón {canton} entre las referencias de Minga (vea «Fuentes»). "
                                        "Quien mantiene la instalación puede agregarlas, con su fuente, a las "
                                        "referencias de migración.",
    "diag.migracion.compare_indicator": "Comparar provincias por",
    "diag.migracion.compare_title": "{indicator} ({period}), por provincia",
    "diag.migracion.national": "Ecuador: {value}",
    "diag.migracion.reference_source": "la de cada cifra, en la tabla (Banco Central del Ecuador e INEC, citados por "
                                       "fuentes secundarias; vea data/sources/reference/SOURCES.md)",
    "diag.migracion.local_item": "- **{indicator}** ({area}, {period}): {value} · fuente: {source}",
    "diag.migracion.reference_table": "Cifras de referencia de la provincia, el cantón y el país",
    "diag.migracion.no_survey": "No hay socios encuestados registrados en esta parroquia: las cifras de familias con "
                                "familiares en el exterior aparecerán cuando se importe la encuesta en «Preparar la "
                                "parroquia».",
    "diag.migracion.col.surveyed": "Familias encuestadas",
    "diag.migracion.col.abroad": "Con familiares en el exterior",
    "diag.migracion.col.group": "Familias",
    "diag.migracion.col.measure": "Rasgo del hogar",
    "diag.migracion.col.count": "Familias con el rasgo",
    "diag.migracion.col.base": "Familias del grupo",

    # -- Problemas y necesidades
    "diag.problemas.title": "Problemas y necesidades",
    "diag.problemas.intro": "Los problemas que el grupo asesor priorizó con voto ponderado, las necesidades que nombran "
                            "las familias y lo que esperan de su asociación; cada uno con los objetivos del PDOT a los "
                            "que apunta.",
    "diag.problemas.problems_title": "Problemas priorizados por el grupo asesor",
    "diag.problemas.problems_axis": "Votos",
    "diag.problemas.problems_caption": "Voto ponderado del grupo focal: 8 participantes con 13 votos cada uno. El orden es "
                                       "el del estudio; el número de votos de cada problema no se publicó y es generado.",
    "diag.problemas.no_problems": "El grupo asesor aún no ha priorizado problemas para la parroquia {name}. El equipo "
                                  "técnico de la parroquia los registra, con sus votos, en «Preparar la parroquia».",
    "diag.problemas.top3_text": "**Los tres primeros:** {problems}.",
    "diag.problemas.votes_text": "{votes} votos ({share})",
    "diag.problemas.votes_text_one": "1 voto ({share})",
    "diag.problemas.mentions_delta": "{count} menciones",
    "diag.problemas.mentions_delta_one": "1 mención",
    "diag.problemas.needs_title": "Necesidades para mejorar la producción",
    "diag.problemas.needs_axis": "Porcentaje de las menciones",
    "diag.problemas.needs_caption": "Sobre {base} menciones de los socios encuestados (cada uno nombra de 1 a 3 "
                                    "necesidades).",
    "diag.problemas.needs_chart": "Menciones de cada necesidad",
    "diag.problemas.groups_chart": "Socios en cada grupo de expectativas",
    "diag.problemas.problems_chart": "Votos de cada problema",
    "diag.problemas.objectives_cited": "Objetivos del PDOT citados",
    "diag.problemas.no_needs": "No hay necesidades registradas para las asociaciones elegidas: son la última pregunta "
                               "de la encuesta a los socios («Preparar la parroquia»).",
    "diag.problemas.groups_not_asked": "Ningún socio encuestado de estas asociaciones respondió qué espera de su "
                                       "asociación: es una pregunta de la encuesta del estudio de El Valle que el "
                                       "formulario de Minga no trae.",
    "diag.problemas.groups_title": "Qué esperan las familias de su asociación (grupos de la figura 8)",
    "diag.problemas.groups_title_own": "Qué esperan las familias de su asociación",
    "diag.problemas.groups_axis": "Porcentaje de socios",
    "diag.problemas.groups_caption": "Cuatro grupos de un análisis de conglomerados del estudio; solo se reproducen sus "
                                     "tamaños, no las respuestas a cada pregunta.",
    "diag.problemas.links_title": "Todos los vínculos con el PDOT y su razón",
    "diag.problemas.col.rank": "Puesto",
    "diag.problemas.col.label_es": "Problema",
    "diag.problemas.col.votes": "Votos",
    "diag.problemas.col.session_votes": "Votos en la sesión",
    "diag.problemas.session_note": "El gráfico y la columna «Votos» muestran los votos registrados en «Preparar la "
                                   "parroquia». El grupo asesor volvió a votar estos problemas en la {meeting}, ya "
                                   "cerrada: Priorización ordena las necesidades con los votos de esa sesión "
                                   "(columna «Votos en la sesión»).",
    "diag.problemas.col.vote_share": "Proporción de los votos",
    "diag.problemas.col.need": "Necesidad",
    "diag.problemas.col.mentions": "Menciones",
    "diag.problemas.col.group": "Grupo",
    "diag.problemas.col.expectation_cluster": "Grupo",
    "diag.problemas.col.subject": "Qué",
    "diag.problemas.col.subject_code": "Código",
    "diag.problemas.col.subject_label": "Problema, necesidad o grupo",
    "diag.problemas.col.pdot_objective_id": "Objetivo",
    "diag.problemas.col.component": "Componente",
    "diag.problemas.col.objective_es": "Objetivo del PDOT",
    "diag.problemas.col.rationale_es": "Por qué",
}

LABELS = {
    "age_band": {"upto_30": "Hasta 30 años", "31_65": "31 a 65 años", "over_65": "Más de 65 años",
                 "__none__": "No dio su edad"},
    "expectation_cluster": {
        "1": "1 · Sin problemas; la asociación sirve para vender mejor",
        "2": "2 · Falta de organización, unión y compromiso",
        "3": "3 · Vender mejor, trabajar con socios, apoyo del gobierno",
        "4": "4 · Las asociaciones no tienen problemas",
    },
    "territory_indicator": {
        "population": "Población",
        "area_km2": "Superficie (km²)",
        "density_per_km2": "Densidad (hab./km²)",
        "poverty_rate": "Pobreza por NBI",
    },
    "diagnosis_level": {"país": "País", "provincia": "Provincia", "cantón": "Cantón", "parroquia": "Parroquia",
                        "asociación": "Asociación"},
    "pdot_subject": {"problem": "Problema", "need": "Necesidad", "expectation": "Grupo de expectativas"},
    "yes_no": {"true": "Sí", "false": "No", "True": "Sí", "False": "No", "__none__": "Sin respuesta"},
}
