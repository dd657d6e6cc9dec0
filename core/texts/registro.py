"""Strings of the change log and administration pages."""

STRINGS = {
    "log.title": "Registro de cambios",
    "log.intro": "Cada cambio y cada decisión queda en un registro que solo crece. Cada entrada lleva la huella "
                 "(hash) de la anterior y la firma de esta instalación, cuya clave no está en el almacén: si "
                 "alguien altera, borra o reescribe entradas o registros, o vuelve a un estado anterior, aquí se ve.",
    "log.ok": "Registro íntegro. Entradas verificadas: {count}.",
    "log.broken": "Registro alterado: la entrada {seq} no coincide. {message}",
    "log.need_role": "El registro completo lo ven la junta, los técnicos y el administrador; el representante de "
                     "una asociación ve el de la parroquia de su asociación.",
    "log.err.association_unknown": "No se encontró la parroquia de la asociación «{association}» de su cuenta: no se "
                                   "puede mostrar su registro. Pida al administrador que revise la cuenta.",
    "log.err.every_parish": "Solo el administrador ve a la vez el registro de todas las parroquias.",
    "log.err.other_parish": "Su cuenta ve solo el registro de la parroquia de su asociación, {own}, no el de "
                            "{parish}. Elija su parroquia en el selector de la barra lateral.",
    "log.err.other_junta": "Su cuenta de la junta parroquial ve solo el registro de su parroquia, {own}, no el de "
                           "{parish}. Elija su parroquia en el selector de la barra lateral.",
    "log.err.other_gad": "Su cuenta de técnico de planificación ve solo el registro de la parroquia de su GAD, {own}, "
                         "no el de {parish}. Elija su parroquia en el selector de la barra lateral.",
    "log.scope": "Parroquias que se muestran",
    "log.scope.chosen": "Solo {name}",
    "log.scope.every": "Todas las parroquias",
    "log.parish_group": "Cambios de la parroquia {name}",
    "log.every_parish_group": "Cambios de todas las parroquias",
    "log.parish_group_help": "Las entradas sobre registros de la parroquia: propuestas, ofertas, objetivos del PDOT, "
                             "escenarios, presupuesto, sesiones y votos, decisiones, convenios y los datos de la "
                             "parroquia. La columna «Parroquia» dice de cuál es cada una.",
    "log.installation_group": "Cambios de toda la instalación (sin parroquia)",
    "log.installation_help": "Cuentas de usuario, ingresos, sesiones en el navegador, respaldos y restauraciones, "
                             "cooperantes, convocatorias y ofertas de toda la instalación: no pertenecen a ninguna "
                             "parroquia y se muestran aparte, con cualquier parroquia elegida.",
    "log.none_parish": "No hay entradas de esta parroquia con los filtros elegidos.",
    "log.none_installation": "No hay entradas sin parroquia con los filtros elegidos.",
    "log.col.parish": "Parroquia",
    "log.parish_cell": "{name} ({code})",
    "log.installation_cell": "Toda la instalación",
    "log.file.parish": "minga-registro-parroquia-{code}",
    "log.file.every_parish": "minga-registro-todas-las-parroquias",
    "log.file.installation": "minga-registro-instalacion",
    "log.filter_kind": "Tipo de registro",
    "log.filter_all": "Todos",
    "log.limit": "Entradas a mostrar",
    "log.col.seq": "N.º",
    "log.col.at": "Fecha y hora (Ecuador)",
    "log.col.actor": "Usuario",
    "log.col.action": "Acción",
    "log.col.kind": "Tipo",
    "log.col.record_id": "Registro",
    "log.col.record_id.help": ("El código con que la parroquia conoce el registro. El identificador completo, con el "
                               "código de la parroquia, está en las descargas CSV y Excel."),
    "log.col.record_key": "Identificador completo",
    "log.col.hash": "Huella",
    "log.cli": "También se puede verificar fuera de la aplicación: python -m core.audit verify",
    "admin.title": "Administración",
    "admin.need_role": "Solo el administrador administra usuarios, respaldos y la demostración.",
    "admin.users": "Usuarios",
    "admin.new_user": "Crear usuario",
    "admin.role": "Rol",
    "admin.association": "Asociación (solo representantes)",
    "admin.association_option": "{name} ({parish})",
    "admin.association_option_code": "{option} · {code}",
    "admin.email": "Correo (para ingresar con cuenta institucional)",
    "admin.create": "Crear usuario",
    "admin.created": "Usuario «{username}» creado.",
    "admin.col.username": "Usuario",
    "admin.col.display_name": "Nombre",
    "admin.col.role": "Rol",
    "admin.col.association_id": "Asociación",
    "admin.col.email": "Correo",
    "admin.manage_user": "Desactivar, reactivar, cambiar la contraseña, el cargo o la parroquia de una cuenta",
    "admin.position": "Cargo en la junta (solo miembros de la junta)",
    "admin.position_help": "Presidente/a, vicepresidente/a o vocal de la junta parroquial: se propone como su "
                           "función en la lista de asistentes del acta.",
    "admin.col.position": "Cargo en la junta",
    "admin.set_position": "Guardar el cargo",
    "admin.position_set": "El cargo de «{username}» en la junta es ahora {position}.",
    "admin.pick_user": "Cuenta",
    "admin.parish": "Parroquia (solo miembros de la junta y técnicos de planificación)",
    "admin.parish_help": "Un miembro de la junta: la parroquia rural cuya junta integra; solo para ella registra "
                         "decisiones, fija el presupuesto y la junta, y conduce sesiones; el acta propone solo a los "
                         "miembros de su junta. Un técnico de planificación: la parroquia de su GAD; solo en ella "
                         "edita propuestas, ofertas, el PDOT, los datos de la parroquia, la cooperación y las "
                         "sesiones, y ve solo su registro de cambios. Un técnico sin parroquia trabaja para todas.",
    "admin.every_parish": "Todas las parroquias de la instalación (solo técnicos de planificación)",
    "admin.col.parish_code": "Parroquia (junta o GAD)",
    "admin.no_parish": "Sin parroquia asignada",
    "admin.assign_parish": "Cuentas de la junta sin parroquia asignada: {users}. Fueron creadas antes de que Minga "
                           "guardara la parroquia y actúan para todas las parroquias de la instalación; el "
                           "administrador debe asignarles la parroquia de su junta (abajo, en «Desactivar, "
                           "reactivar, cambiar la contraseña, el cargo o la parroquia de una cuenta»).",
    "admin.set_parish": "Guardar la parroquia",
    "admin.parish_set": "La parroquia de la junta de «{username}» es ahora {parish}.",
    "admin.planner_parish_set": "El técnico de planificación «{username}» trabaja ahora para {parish}.",
    "admin.deactivate": "Desactivar la cuenta",
    "admin.activate": "Reactivar la cuenta",
    "admin.deactivated": "La cuenta «{username}» quedó desactivada: ya no puede ingresar y su sesión se cierra.",
    "admin.activated": "La cuenta «{username}» puede volver a ingresar.",
    "admin.new_password": "Nueva contraseña",
    "admin.reset_password": "Cambiar la contraseña",
    "admin.password_reset": "La contraseña de «{username}» fue cambiada; la anterior ya no sirve.",
    "admin.backup": "Respaldo",
    "admin.backup_help": "Todo lo que se ingresó en Minga (propuestas, escenarios, sesiones, decisiones, usuarios y "
                         "el registro) en un solo archivo.",
    "admin.backup_download": "Descargar respaldo",
    "admin.restore": "Restaurar un respaldo",
    "admin.restore_confirm": "Entiendo que lo actual se reemplaza por el respaldo",
    "admin.restore_submit": "Restaurar",
    "admin.restored": "Respaldo restaurado: {message}",
    "admin.restore_too_big": "El archivo pesa {size} MB; el máximo es {limit} MB.",
    "admin.reset": "Restablecer la demostración",
    "admin.reset_help": "Devuelve propuestas, ofertas, PDOT, pesos, escenarios, cooperantes y convocatorias al estado inicial de la demostración. "
                        "Las decisiones, sesiones, usuarios y el registro se conservan, como lo que ingresaron las parroquias "
                        "que trajeron sus propios datos; las propuestas que decidió un acta mantienen su estado y su "
                        "seguimiento.",
    "admin.reset_kept": "Se mantuvieron {count} propuestas que decidió un acta: {items}. Su estado y su seguimiento "
                        "quedan como los dejó el acta.",
    "admin.reset_kept_one": "Se mantuvo 1 propuesta que decidió un acta: {items}. Su estado y su seguimiento quedan "
                            "como los dejó el acta.",
    "admin.reset_kept_item": "{id} («{status}», acta {number})",
    "admin.reset_confirm": "Sí, restablecer los datos de demostración",
    "admin.reset_submit": "Restablecer",
    "admin.reset_done": "Demostración restablecida; cambios deshechos: {count}. Se ven de nuevo los datos de "
                         "demostración.",
    # -- the action each log entry records (stored with the entry, shown in the log) ------------------------
    "log.action.reset_demo": "restablecer demo",
    "log.action.reset_demo_kept": "restablecer demo: se mantiene lo que decidió el acta {number}",
    "log.action.link_offer": "vincular oferta a su cooperante",
    "log.action.midterm": "registrar evaluación intermedia",
    "log.action.audit": "registrar auditoría",
    "log.action.save_proposal": "guardar propuesta",
    "log.action.delete_proposal": "eliminar propuesta",
    "log.action.import_proposal": "importar propuesta",
    "log.action.save_offer": "guardar oferta",
    "log.action.save_pdot": "guardar objetivo PDOT",
    "log.action.save_scenario": "guardar escenario",
    "log.action.replace_scenario": "reemplazar escenario",
    "log.action.set_budget": "fijar presupuesto",
    "log.action.create_user": "crear usuario",
    "log.action.deactivate_user": "desactivar usuario",
    "log.action.activate_user": "reactivar usuario",
    "log.action.reset_password": "restablecer contraseña",
    "log.action.set_position": "cambiar cargo en la junta a {position}",
    "log.action.set_parish": "cambiar la parroquia de la junta a {parish}",
    "log.action.set_planner_parish": "cambiar la parroquia del técnico de planificación a {parish}",
    "log.action.clear_parish": "dejar al técnico de planificación sin parroquia (todas las parroquias)",
    "log.action.signin_ok": "inicio de sesión",
    "log.action.signin_failed": "inicio de sesión fallido",
    "log.action.session_start": "abrir sesión en un navegador",
    "log.action.open_meeting": "abrir sesión",
    "log.action.update_meeting": "actualizar sesión",
    "log.action.vote": "votar",
    "log.action.score": "puntuar",
    "log.action.pairwise": "comparar criterios por pares",
    "log.action.set_board": "fijar el número de miembros y el quórum de la junta",
    "log.action.approve_decision": "aprobar decisión",
    "log.action.record_decision": "registrar decisión",
    "log.action.decision_status": "estado por decisión",
    "log.action.restore": "restaurar respaldo",
    # -- what the store says (core.record.store) ------------------------------------------------------------------
    "store.conflict": "Otra persona guardó cambios en «{record}» mientras usted lo editaba (versión {version}, usted "
                      "partió de la {expected}). Recargue y vuelva a intentarlo.",
    "store.missing_record": "No existe «{record}».",
    "store.changed_meanwhile_kinds": "Otra persona cambió registros de los que dependía lo que usted guardaba, "
                                     "mientras se guardaba: no se guardó nada. Vuelva a abrir la página, revise lo "
                                     "que cambió y guarde de nuevo si todavía corresponde.",
    "store.changed_meanwhile": "Otra persona cambió «{record}» mientras se guardaba lo suyo, y lo que usted guardaba "
                               "dependía de ese registro: no se guardó nada. Vuelva a abrir la página, revise lo "
                               "que cambió y guarde de nuevo si todavía corresponde.",
    "store.other_parish": "El código «{record}» ya lo usa una propuesta de otra parroquia ({parish}); use otro código.",
    "store.restore_refused": "El respaldo no se restauró: {reason}",
    "store.missing_file": "No existe el archivo {path}.",
    "store.not_minga": "El archivo no es un almacén de Minga.",
    "store.not_sqlite": "El archivo no es un almacén de Minga (no es una base SQLite válida).",
    "store.entry_missing": "Falta la entrada {expected} del registro (se encontró la {found}).",
    "store.entry_unlinked": "La entrada {seq} no enlaza con la anterior: el registro fue alterado.",
    "store.entry_modified": "La entrada {seq} («{action}», {kind} «{record}») fue modificada después de escrita.",
}

LABELS = {
    # What each entry of the log is about (the store's record kinds), as a table column says it.
    "log_kind": {
        "proposal": "Propuesta", "offer": "Oferta de cooperación", "pdot_objective": "Objetivo del PDOT",
        "system": "Sistema", "scenario": "Escenario", "weights": "Pesos", "budget": "Presupuesto",
        "user": "Cuenta de usuario", "decision": "Decisión de la junta", "meeting": "Sesión",
        "ballot": "Voto", "private_score": "Calificación privada", "pairwise": "Comparación por pares",
        "board": "Junta parroquial y quórum", "web_session": "Sesión en el navegador", "signin": "Ingreso",
        "store": "Almacén", "cooperant": "Cooperante", "call": "Convocatoria", "application": "Postulación",
        "agreement": "Convenio", "agreement_report": "Informe de avance", "closing_evaluation": "Evaluación de cierre",
        "midterm_evaluation": "Evaluación intermedia", "agreement_audit": "Auditoría",
        "proposal_stage": "Etapa de la propuesta", "stage_rule": "Regla de etapas",
        "iati_publisher": "Identificador IATI del GAD", "parish_association": "Asociación de la parroquia",
        "survey_answer": "Respuesta de la encuesta", "parish_aid": "Ayuda recibida", "parish_problem": "Problema",
    },
    # Records Minga itself writes, by name.
    "system_record": {"demo_seeded": "Datos de demostración cargados",
                      "cooperation_demo_seeded": "Cooperantes y convocatorias de demostración cargados"},
}
