"""Strings of the record's integrity: the signed log and its checks, the acta's constancia, backups and restore,
the store under contention."""

STRINGS: dict[str, str] = {
    # -- the store -------------------------------------------------------------------------------------------
    "store.busy": "El almacén está ocupado por otro proceso (esperamos {seconds} segundos). Lo que estaba guardado "
                  "no cambió; intente de nuevo en un momento.",
    "store.refused": "El almacén no aceptó la operación; lo guardado no cambió. Si el almacén se cambió por fuera de "
                     "Minga, el Registro de cambios dice qué se alteró.",
    "store.disk": "El almacén no se pudo escribir: el disco está lleno, es de solo lectura o el archivo está dañado. "
                  "Lo guardado no cambió; avise a quien mantiene Minga.",
    "store.parish_taken": "«{record}» ya es un registro de la parroquia {parish}: no se guarda para otra. Use "
                          "otro código.",
    "store.cannot_open": "No se puede abrir el almacén {path}: revise que la carpeta exista y se pueda escribir.",
    "store.key_unreadable": "No se puede leer la clave de la instalación {path}: restaure su copia o revise "
                            "los permisos. Sin ella no se firma ni se comprueba el registro.",
    "store.code_elsewhere": "El código «{id}» ya lo usa otra parroquia: elija otro (por ejemplo con su propio prefijo).",
    "store.code_taken": "El código «{id}» ya está en uso: elija otro, o edite ese registro.",
    "store.altered.differs": "{kind} «{record}» no coincide con su última versión registrada (entrada {seq}): se "
                             "modificó por fuera de Minga. No se guarda nada sobre ese registro, para no dar por buena "
                             "esa modificación; lo guardado no cambió. El Registro de cambios dice qué se alteró; para "
                             "seguir, restaure en Administración un respaldo anterior a esa modificación.",
    "store.altered.unlogged": "{kind} «{record}» no tiene ninguna entrada en el registro: se agregó por fuera de Minga. "
                              "No se guarda nada sobre ese registro, para no dar por buena esa alteración; lo guardado no "
                              "cambió. El Registro de cambios dice qué se alteró; para seguir, restaure en "
                              "Administración un respaldo anterior a esa alteración.",
    "store.altered.gone": "{kind} «{record}» está en el registro (entrada {seq}) pero se borró del almacén por fuera de "
                          "Minga. No se guarda de nuevo, para no ocultar ese borrado; lo guardado no cambió. Para "
                          "seguir, restaure en Administración un respaldo anterior a ese borrado.",
    "store.already_exists": "Ya existe un registro de este tipo: otra persona se adelantó.",
    "log.action.seal": "sellar registro",
    # -- the checks (core.record.ledger) ---------------------------------------------------------------------
    "ledger.tables_missing": "Al almacén le faltan tablas ({tables}): el registro fue borrado.",
    "ledger.bad_signature": "La entrada {seq} no tiene una firma válida de esta instalación: el registro fue "
                            "reescrito desde esa entrada.",
    "ledger.unsigned": "La entrada {seq} no tiene firma: el registro fue reescrito desde esa entrada.",
    "ledger.log_empty": "El registro está vacío, pero el almacén guarda {count} registros: el registro fue vaciado.",
    "ledger.log_empty_one": "El registro está vacío, pero el almacén guarda 1 registro: el registro fue vaciado.",
    "ledger.record_unlogged": "{kind} «{record}» no tiene ninguna entrada en el registro: se agregó por fuera de "
                              "Minga o se borraron entradas del registro.",
    "ledger.old_format": "El almacén tiene el formato anterior, sin firmas: ábralo una vez con Minga para "
                         "actualizarlo y sellarlo.",
    "ledger.record_differs": "{kind} «{record}» no coincide con su última versión registrada (entrada {seq}): "
                             "se modificó por fuera de Minga o se borraron entradas del final del registro.",
    "ledger.version_back": "{kind} «{record}» se guarda en la entrada {seq} como versión {version}, pero ya iba en la "
                           "versión {last}: se borró por fuera de Minga y se creó de nuevo.",
    "ledger.record_twice": "{kind} «{record}» está dos veces en el almacén (su índice se rehízo por fuera de Minga): "
                           "las páginas muestran y cuentan ese registro dos veces.",
    "ledger.records_unindexed": "La tabla de registros tiene {rows} filas, pero su índice {indexed}: se cambió por "
                                "fuera de Minga (unas páginas ven filas que las listas y esta verificación no ven).",
    "ledger.record_gone": "{kind} «{record}» está en el registro (entrada {seq}) pero ya no está en el almacén: "
                          "se borró por fuera de Minga.",
    "ledger.anchor_lost": "El ancla (junto a la clave de la instalación) falta, no se puede leer o no registra "
                          "ninguna entrada, pero el registro llega a la entrada {head}: fue borrada o reemplazada, y "
                          "el almacén pudo volver a un estado anterior sin que se note. Si guardó una copia de la "
                          "carpeta de claves, póngala de nuevo en su lugar. Si esto es una copia del almacén, "
                          "compruébela en otra carpeta. Solo si está seguro de que el almacén está bien, restaure su "
                          "último respaldo en Administración: eso escribe el ancla de nuevo sobre lo que el almacén "
                          "tenga.",
    "ledger.head_unsigned": "{source} indica la entrada {seq}, pero su firma no es de esta instalación.",
    "ledger.behind": "El almacén termina en la entrada {head}, pero {source} registra la entrada {seq}: se borraron "
                     "entradas del final o se volvió a un estado anterior.",
    "ledger.forked": "La entrada {seq} del almacén no es la que registra {source}: el almacén fue reemplazado o "
                     "reescrito.",
    "ledger.acta_decision": "El acta «{file}» muestra la decisión {decision} con un contenido distinto del "
                            "registrado: se imprimió desde una decisión alterada.",
    "ledger.extra_object": "El almacén tiene un objeto que Minga no crea ({kind} «{name}»): fue cambiado por fuera de "
                           "Minga.",
    "ledger.missing_object": "Al almacén le falta {kind} «{name}»: fue cambiado por fuera de Minga.",
    "ledger.meta_version": "El almacén dice ser de la versión {version}, pero su registro ya está firmado: la versión "
                           "fue cambiada por fuera de Minga, que no lo vuelve a sellar.",
    "ledger.meta_extra": "El almacén tiene datos de control que Minga no escribe ({keys}): fue cambiado por fuera de "
                         "Minga, y un respaldo suyo no se podría restaurar.",
    "ledger.meta_key": "El almacén nombra una clave que no es la de esta instalación ni la de un respaldo adoptado: "
                       "fue cambiado por fuera de Minga.",
    "ledger.acta_text": "El texto del acta «{file}» no es el que Minga imprime para la decisión {decision} tal como "
                        "se registró: el acta fue editada, o su constancia se copió de otra acta.",
    "ledger.acta_added": "El acta «{file}» tiene {added}, que Minga no imprime: se agregaron después y pueden tapar "
                         "lo que dice el acta.",
    "ledger.named_key": "La entrada {seq} no está firmada con la clave que nombra el respaldo.",
    "ledger.not_run.acta_format": "No se comparó el texto del acta «{file}» con lo registrado: se imprimió con "
                                  "otro formato de Minga, o no dice cuál. Se comprobaron su decisión y su constancia, "
                                  "pero no lo que dice: no la dé por buena sin compararla con el acta impresa de "
                                  "nuevo desde Minga.",
    "ledger.not_run.acta_print": "No se comparó el texto del acta «{file}» con lo registrado: Minga no pudo "
                                 "imprimirla de nuevo.",
    "ledger.not_run.acta_font": "No se comparó el texto del acta «{file}» con lo registrado: se imprimió con la "
                                "fuente DejaVu Sans, que no está instalada en este equipo (instale el paquete "
                                "fonts-dejavu-core, o indique su carpeta en MINGA_FONTS).",
    "ledger.source.anchor": "el ancla guardada fuera del almacén",
    "ledger.source.acta": "el acta «{file}»",
    "ledger.not_run.key_declared": ("No se comparó la clave con la de la instalación: las firmas se comprobaron "
                                    "con la clave que declara el propio almacén (huella {fingerprint}). Compare esa "
                                    "huella con la de Administración, o indique la clave con --key ARCHIVO."),
    "ledger.not_run.key": "No se comprobaron las firmas: falta la clave de la instalación (--key ARCHIVO).",
    "ledger.not_run.anchor": "No se comprobó si el almacén volvió a un estado anterior: no se encontró el ancla "
                             "({path}).",
    # -- the acta's constancia (core.record.constancia) ------------------------------------------------------
    "constancia.title": "Constancia del registro",
    "constancia.help": "Con esta constancia se comprueba que el acta corresponde a lo registrado: "
                       "python -m core.audit verify --acta ARCHIVO.pdf",
    "constancia.decision": "Decisión: {decision}",
    "constancia.decision_hash": "Huella de la decisión: {hash}",
    "constancia.entry": "Registro hasta la entrada N.º {seq}",
    "constancia.entry_hash": "Huella de la entrada: {hash}",
    "constancia.signature_1": "Firma (1/2): {part}",
    "constancia.signature_2": "Firma (2/2): {part}",
    "constancia.format": "Formato del acta: {format}",
    "constancia.added.form": "campos de formulario",
    "constancia.added.annotations": "anotaciones o sellos dibujados sobre la página {page} (una firma electrónica "
                                    "visible se admite solo en el espacio en blanco sobre una línea de firma)",
    "constancia.added.objects": "imágenes u objetos insertados en la página {page}",
    "constancia.added.files": "archivos adjuntos o una cartera de documentos (un visor puede abrir otro documento "
                              "en lugar del acta)",
    "constancia.added.actions": "acciones o programas (JavaScript) que el visor ejecuta al abrir el acta",
    "constancia.added.page_actions": "acciones o programas (JavaScript) que el visor ejecuta al abrir la página {page}",
    "constancia.added.drawing": "trazos, rellenos, tipos de letra o márgenes que Minga no imprime en la página {page}",
    # -- backup and restore (core.record.backup) ------------------------------------------------------------
    "backup.extra_object": "El respaldo tiene un objeto que Minga no crea ({kind} «{name}»).",
    "backup.not_minga": "El archivo no es un respaldo de Minga: es una base SQLite vacía o de otro programa. Elija "
                        "el archivo que descargó con «Descargar respaldo».",
    "backup.missing_object": "Al respaldo le falta {kind} «{name}».",
    "backup.meta": "El respaldo es de otra versión del almacén ({version}) o tiene datos de control desconocidos.",
    "backup.unknown_kind": "El respaldo tiene un registro de un tipo desconocido: {kind} «{record}».",
    "backup.invalid_record": "El respaldo tiene un registro no válido: {kind} «{record}».",
    "backup.user_code": "El respaldo tiene una cuenta guardada como «{record}» que dice ser «{username}»: con su "
                        "contraseña se actuaría como «{username}».",
    "backup.password": "La contraseña no coincide con la de un administrador: el respaldo no se restauró.",
    "backup.foreign": "es de otra instalación de Minga (su registro está firmado con otra clave). Para usarlo, "
                      "marque «Adoptar el respaldo de otra instalación».",
    "backup.our_history": "repite el registro de esta instalación firmado con otra clave: no es de otra "
                          "instalación, y no se adopta.",
    "backup.drops": "no tiene, como están ahora, estas decisiones de la junta: {decisions}. Restaurarlo las quitaría "
                    "del almacén; si es lo que quiere, confirme que se pierden.",
    "backup.revives": "devolvería a estas cuentas lo que se les quitó después de hacerlo (volverían a estar activas, a "
                      "ser administradoras, o a trabajar para otra parroquia o para todas): {accounts}. Si es lo que quiere, confírmelo.",
    "admin.restore_revives": "Este respaldo devuelve a estas cuentas lo que se les quitó después de hacerlo (volverían "
                             "a ingresar, a administrar Minga, o a trabajar para otra parroquia o para todas): "
                             "{accounts}. Revíselas en «Usuarios» al terminar.",
    "admin.restore_revive_confirm": "Entiendo que estas cuentas vuelven a estar como en el respaldo",
    "backup.copy_failed": "el archivo no se pudo copiar sobre el almacén; lo actual no cambió.",
    "admin.key_warning": "La clave que firma el registro NO está en el respaldo: está en {path} (huella "
                         "{fingerprint}). Guarde una copia aparte; sin ella no se puede comprobar el registro de un "
                         "respaldo.",
    "admin.views_stale": "El respaldo se restauró, pero las copias de los registros de cada parroquia para el "
                         "diagnóstico no se pudieron escribir (revise el espacio en disco). Se escriben de nuevo con "
                         "el próximo guardado de cada parroquia.",
    "admin.restore_check": "Revisar respaldo",
    "admin.restore_ok": "El respaldo es válido: {entries} entradas en el registro.",
    "admin.restore_ok_one": "El respaldo es válido: 1 entrada en el registro.",
    "admin.restore_foreign": "Este respaldo es de otra instalación de Minga, cuya clave tiene la huella {fingerprint}. "
                             "Adóptelo solo si coincide con la huella que muestra la Administración de esa "
                             "instalación.",
    "admin.restore_drops": "Este respaldo no tiene, como están ahora, estas decisiones de la junta: {decisions}. Se "
                           "registraron o cambiaron después de hacerlo: al restaurarlo se pierden del almacén (el "
                           "registro anota cuáles eran). Descargue antes un respaldo de lo actual y guarde sus actas.",
    "admin.restore_drop_confirm": "Entiendo que estas decisiones se pierden",
    "admin.restore_adopt": "Adoptar el respaldo de otra instalación",
    "admin.restore_users": "Usuarios del respaldo (serán los únicos que puedan ingresar):",
    "admin.restore_password": "Su contraseña de administrador, para confirmar",
    "admin.col.role_es": "Rol",
    "admin.col.active": "Activo",
    "log.broken_unplaced": "Registro alterado. {message}",
    "log.not_run": "Comprobaciones que no se hicieron: {checks}",
    "log.problems": "Problemas encontrados:",
    "cli.audit.key": "clave de la instalación (privada o pública, PEM); por defecto, la que está junto al almacén",
    "cli.audit.acta": "actas en PDF cuya constancia del registro se compara con el almacén",
    "cli.audit.not_run": "{path}: no se comprobó: {check}",
    "cli.audit.finding": "{path}: {message}",
    "cli.audit.acta_unreadable": ("No se comprobó el acta «{file}»: no se encontró o no se pudo leer su constancia "
                                  "del registro."),
    "cli.audit.key_unreadable": ("No se pudo leer la clave {path}: no existe o no es una clave Ed25519 en formato "
                                 "PEM. Sin ella no se verifica nada."),
    # -- the parquet mirror of the entered records (core.parish.mirror_mark) ---------------------------------
    "mirror.edited": ("El archivo «{file}» de la copia de registros que leen las páginas no es el que Minga escribió "
                      "desde el almacén: se cambió o se puso a mano. Las páginas no lo leen: lo escriben de nuevo "
                      "desde el almacén antes de leer."),
    "mirror.missing": ("Falta el archivo «{file}» de la copia de registros que leen las páginas: se borró a mano. Las "
                       "páginas lo escriben de nuevo desde el almacén antes de leer."),
    "mirror.mark_unsealed": ("La marca «{file}» de la copia de registros no lleva el sello de esta instalación (se "
                             "editó a mano, o la escribió una versión anterior de Minga): no se pudo comprobar la "
                             "copia. Las páginas la escriben de nuevo entera desde el almacén antes de leer."),
    "mirror.mark_missing": ("Falta la marca «{file}» de la copia de registros que leen las páginas, que tiene archivos "
                            "({files}): no se puede saber si los escribió Minga (la marca se borró a mano, o Minga no "
                            "terminó de escribirla). Las páginas escriben la copia de nuevo entera desde el almacén "
                            "antes de leer."),
    "mirror.not_checked": ("la copia de registros que leen las páginas (hace falta la clave privada de la "
                           "instalación, {path})"),
}

LABELS: dict[str, dict[str, str]] = {
    "record_kind": {
        "proposal": "La propuesta", "offer": "La oferta", "pdot_objective": "El objetivo PDOT",
        "scenario": "El escenario", "budget": "El presupuesto", "meeting": "La sesión", "ballot": "El voto",
        "private_score": "La puntuación", "decision": "La decisión", "user": "El usuario",
        "system": "El registro de sistema", "cooperant": "El cooperante", "call": "La convocatoria",
        "application": "La postulación", "agreement": "El convenio", "agreement_report": "El informe de avance",
        "closing_evaluation": "La evaluación de cierre", "proposal_stage": "La etapa de la propuesta",
        "stage_rule": "La regla de etapas", "iati_publisher": "El identificador IATI del GAD",
        "pairwise": "La comparación por pares", "board": "La junta y su quórum",
        "web_session": "La sesión en el navegador", "parish_association": "La asociación",
        "survey_answer": "La respuesta de la encuesta", "parish_aid": "La ayuda recibida",
        "parish_problem": "El problema",
        # log entries with no record behind them (Store.append_event): a sign-in attempt, a restore
        "signin": "El ingreso de la cuenta", "store": "El almacén",
    },
    "schema_object": {"table": "la tabla", "trigger": "el disparador", "index": "el índice", "view": "la vista"},
}
