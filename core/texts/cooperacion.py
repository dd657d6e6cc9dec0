"""Strings of the cooperation cycle: cooperants, calls, their pages and the registry import (keys `coop.`)."""

STRINGS = {
    "coop.nav.cooperants": "Cooperantes",
    "coop.nav.calls": "Convocatorias",
    "coop.err.no_source": "Falta la fuente: diga de dónde viene la información del cooperante.",
    "coop.err.call_dates": "La convocatoria cierra ({close}) antes de abrir ({open}).",
    "coop.err.unknown_cooperant": "El cooperante «{cooperant}» no está registrado: regístrelo antes de su "
                                  "convocatoria.",
    "coop.err.call_offer_unknown": ("La oferta «{offer}» que la convocatoria {call} dice tener detrás no existe: "
                                    "elija una oferta registrada del mismo cooperante o deje la oferta vacía."),
    "coop.err.call_offer_other": ("La oferta «{offer}» es de otro cooperante ({other}), no del cooperante "
                                  "«{cooperant}» de la convocatoria {call}: elija una oferta de ese cooperante o "
                                  "deje la oferta vacía."),
    "coop.err.call_cooperant_changed": ("Otra persona cambió o eliminó el cooperante «{cooperant}» mientras se "
                                        "guardaba su convocatoria: no se guardó. Lo que escribió sigue en el formulario: revise "
                                        "el registro de cooperantes y guarde la convocatoria de nuevo si todavía "
                                        "corresponde."),
    # drawn inside «No se guardó: {reason} Sus cambios siguen en el formulario.» (ofe.form.conflict)
    "coop.err.offer_cooperant_changed": ("Otra persona cambió o eliminó el cooperante «{cooperant}» mientras se "
                                         "guardaba su oferta. Revise ese cooperante en Cooperantes y guarde la "
                                         "oferta de nuevo si todavía corresponde: se vinculará al cooperante como "
                                         "esté entonces."),
    "coop.err.registry_changed": ("Otra persona guardó cooperantes mientras se guardaba lo suyo: no se guardó, "
                                  "porque se revisó contra el registro de antes que no hubiera dos cooperantes con "
                                  "el mismo nombre. Lo que escribió sigue en el formulario: revise el registro y guarde de nuevo "
                                  "si todavía corresponde."),
    "coop.err.offer_unknown_cooperant": "El cooperante «{cooperant}» no está registrado: regístrelo en Cooperantes "
                                        "antes de su oferta.",
    "coop.err.offer_without_cooperant": "La oferta «{offer}» no dice su cooperante: elija uno del registro de "
                                        "cooperantes.",
    "coop.err.twin": ("El cooperante «{name}» ya está registrado con el código {code} («{registered}»): use ese "
                      "código, o corrija el nombre si es otro cooperante."),
    "coop.offer.unlinked": "{name} (sin vincular al registro de cooperantes)",
    "coop.col.cooperant_id": "Código",
    "coop.col.name": "Nombre",
    "coop.col.kind": "Tipo de cooperante",
    "coop.col.country": "País",
    "coop.col.themes": "Temas",
    "coop.col.modalities": "Modalidades",
    "coop.col.cooperation_types": "Tipos de cooperación",
    "coop.col.non_reimbursable": "No reembolsable",
    "coop.col.counterpart_rules": "Reglas de contraparte",
    "coop.col.target_population": "Población objetivo",
    "coop.col.director": "Director en Ecuador",
    "coop.col.email": "Correo",
    "coop.col.phone": "Teléfono",
    "coop.col.website": "Página web",
    "coop.col.sources": "Fuentes",
    "coop.col.iati_org_id": "Identificador IATI",
    "coop.col.offers": "Ofertas registradas",
    "coop.col.calls": "Convocatorias",
    "coop.import.action.new": "Nuevo",
    "coop.import.action.update": "Se actualizará",
    "coop.import.action.unchanged": "Sin cambios",
    "coop.import.action.existing": "Ya existe",
    "coop.import.col.line": "Fila",
    "coop.import.col.cooperant_id": "Código",
    "coop.import.col.name": "Nombre",
    "coop.import.col.action": "Qué se hará",
    "coop.import.col.file": "Archivo",
    "coop.import.col.row": "Fila",
    "coop.import.col.column": "Columna",
    "coop.import.col.message": "Problema",
    "coop.import.bool": "«{value}» no es sí ni no.",
    "coop.import.code": "«{value}» no es una opción conocida; las opciones son: {allowed}.",
    "coop.import.empty": "El archivo no tiene filas.",
    "coop.import.default_one": "{file}: la columna «{column}» no tiene valor en la fila {rows}; se guarda «{value}».",
    "coop.import.default": "{file}: la columna «{column}» no tiene valor en las filas {rows}; se guarda «{value}».",
    "coop.import.missing_column": "Falta la columna «{column}».",
    "coop.import.twin_row": ("El cooperante «{name}» ya aparece en la fila {row} con el código {code}: es el mismo "
                             "cooperante escrito de otra forma; deje una sola fila."),
    "coop.import.repeated": "El código {code} aparece en más de una fila.",
    "coop.import.exists": "El cooperante {code} ya está registrado con otros datos; marque «Actualizar los que ya "
                          "existen» para reemplazarlo.",
    "coop.page.title": "Registro de cooperantes",
    "coop.page.intro": "Los cooperantes con los datos de la ficha de registro de la tesis de Azogues: tipo, país, "
                       "temas, modalidades, si su ayuda es no reembolsable, sus reglas de contraparte, la población a "
                       "la que apoyan, sus contactos y de dónde viene la información. Las ofertas y convocatorias se "
                       "refieren a ellos.",
    "coop.page.illustrative": "Los cooperantes de la demostración vienen de la tesis de Azogues y de los pilotos "
                              "FLOK; son ilustrativos salvo donde la fuente dice otra cosa.",
    "coop.page.all": "Todos",
    "coop.page.choose": "Elija una o varias opciones",
    "coop.page.iati_help": "El identificador con que el cooperante publica en IATI (por ejemplo XM-DAC-701 o "
                           "GB-CHC-1234567); Minga lo usa al exportar. Déjelo vacío si no lo conoce.",
    "coop.page.filter_theme": "Filtrar por tema",
    "coop.page.filter_kind": "Filtrar por tipo",
    "coop.page.detail": "Ficha del cooperante",
    "coop.page.unregistered": "Ofertas cuyo cooperante no está en el registro: {offers}",
    "coop.page.form": "Registrar o editar un cooperante",
    "coop.page.new": "Nuevo cooperante",
    "coop.page.save": "Guardar cooperante",
    "coop.page.saved": "Cooperante {name} guardado.",
    "coop.page.changed_meanwhile": ("No se guardó: otra persona cambió a {name} mientras usted lo editaba. El "
                                    "formulario muestra ahora lo guardado; vuelva a hacer sus cambios."),
    "coop.page.sources_help": ("Varias fuentes separadas por «;». Una fuente que lleva «;» va entre comillas dobles "
                               "(ej.: \"Informe 2019; tomo 2\"; sitio web)."),
    "coop.page.import": "Importar el registro desde una hoja de cálculo",
    "coop.page.import_help": "Una fila por cooperante, con las columnas Código, Nombre, Tipo de cooperante y "
                             "Fuentes como mínimo; las listas van en una celda separadas por «;», y un elemento "
                             "que lleva «;» va entre comillas dobles. Si «No reembolsable» queda vacía, se guarda "
                             "«Sí».",
    "coop.page.upload": "Archivo (.xlsx o .csv), hasta {limit} MB",
    "coop.page.update_existing": "Actualizar los que ya existen",
    "coop.page.problems": "Problemas encontrados: corrija el archivo y vuelva a subirlo. No se guardó nada.",
    "coop.page.import_save": "Guardar los cooperantes leídos ({count})",
    "coop.page.imported": "Cooperantes guardados: {count}.",
    "coop.page.need_role": "Para registrar cooperantes, ingrese como técnico de planificación.",
    "coop.page.none": "Ningún cooperante coincide con el filtro.",
    "coop.calls.title": "Calendario de convocatorias",
    "coop.calls.intro": "Las convocatorias de los cooperantes registrados: las que cierran pronto (en menos de "
                        "{days} días), las abiertas, las que abrirán y las cerradas. «Sirve a la parroquia» quiere "
                        "decir que comparte algún tema con las propuestas de la parroquia.",
    "coop.calls.today": "Fecha de consulta",
    "coop.calls.only_fit": "Solo las que sirven a los temas de la parroquia",
    "coop.calls.none": "No hay convocatorias para mostrar.",
    "coop.calls.chart": "Convocatorias por mes de cierre",
    "coop.calls.month": "Mes de cierre",
    "coop.calls.count": "Convocatorias",
    "coop.calls.col.call_id": "Código",
    "coop.calls.col.title": "Convocatoria",
    "coop.calls.col.cooperant": "Cooperante",
    "coop.calls.col.call_type": "Tipo",
    "coop.calls.col.open_date": "Abre",
    "coop.calls.col.close_date": "Cierra",
    "coop.calls.col.state": "Estado",
    "coop.calls.col.days_left": "Días para el cierre",
    "coop.calls.col.fits_parish": "Sirve a la parroquia",
    "coop.calls.col.month": "Mes",
    "coop.calls.form": "Registrar una convocatoria",
    "coop.calls.save": "Guardar convocatoria",
    "coop.calls.saved": "Convocatoria {call_id} guardada.",
    "log.action.save_cooperant": "guardar cooperante",
    "log.action.import_cooperant": "importar cooperante",
    "log.action.save_call": "guardar convocatoria",
}

LABELS = {
    "target_population": {
        "institutions": "Instituciones",
        "displaced_refugees": "Desplazados y refugiados",
        "peasants": "Población campesina",
        "priority_groups": "Grupos de atención prioritaria",
        "ethnic_minorities": "Minorías étnicas",
        "women": "Mujeres",
        "social_organizations": "Organizaciones sociales",
        "violence_victims": "Víctimas de violencia",
        "low_income": "Población de bajos ingresos",
        "other": "Otros",
    },
    "call_state": {
        "closing_soon": "Cierra pronto",
        "open": "Abierta",
        "upcoming": "Por abrir",
        "closed": "Cerrada",
    },
    "contact_office": {
        "abroad": "Sede en el exterior",
        "ecuador": "Oficina en Ecuador",
    },
}
