"""Strings of signing in, first-run setup, roles and what each role may do (core.record.auth, ui.session)."""

STRINGS = {
    "auth.username": "Usuario",
    "auth.password": "Contraseña",
    "auth.display_name": "Nombre para mostrar",
    "auth.submit": "Ingresar",
    "auth.signout": "Salir",
    "auth.wrong": "Usuario o contraseña incorrectos.",
    "auth.altered": "La cuenta «{username}» se cambió por fuera de Minga (no coincide con su última versión "
                    "registrada): no se puede usar para ingresar ni para actuar. Avise a quien mantiene Minga: el "
                    "Registro de cambios dice qué se alteró, y restaurar un respaldo anterior la devuelve.",
    "auth.signed_in_as": "**{name}** · {role}",
    "auth.locked_out": ("Este almacén no tiene cuentas, pero su registro firmado dice que las tuvo: se borró, se "
                        "vació o volvió a una copia anterior. Por seguridad nadie puede ingresar ni crear un "
                        "administrador. Quien mantiene la instalación debe poner de nuevo el almacén (o, para "
                        "empezar de cero a propósito, quitar también su ancla en la carpeta «keys»); "
                        "«python -m core.audit verify» dice qué falta."),
    "auth.public": "Vista pública: diagnóstico y decisiones aprobadas. Ingrese para trabajar con propuestas.",
    "auth.oidc": "Ingresar con cuenta institucional",
    "auth.oidc_unknown": "La cuenta {email} no está registrada en Minga; pida al administrador que la agregue.",
    "auth.first_run_title": "Primera vez: cree la cuenta de administrador",
    "auth.first_run_help": "Minga no tiene usuarios todavía. Quien lo instala crea la primera cuenta (administrador); "
                           "después, el administrador crea las cuentas de la junta, técnicos y asociaciones.",
    "auth.first_run_submit": "Crear administrador",
    "auth.password_repeat": "Repita la contraseña",
    "auth.password_mismatch": "Las contraseñas no coinciden.",
    "auth.denied": "No puede hacer esto: {reason}",
    # -- what core.record.auth refuses ----------------------------------------------------------------------------
    "auth.err.own_association": "Como {role} solo puede {action}: esta es de otra asociación.",
    "auth.err.role": "Su rol ({role}) no permite {action}.",
    "auth.err.username": "el usuario debe tener de 3 a 40 caracteres: letras minúsculas sin tilde ni ñ, números, "
                         "punto, guion o guion bajo, y empieza con letra o número (sin espacios)",
    "auth.err.admin_exists": "Ya existe un administrador; pídale que cree su cuenta.",
    "auth.err.user_exists": "El usuario «{username}» ya existe.",
    "auth.err.password_short": "La contraseña debe tener al menos {minimum} caracteres.",
    "auth.err.no_association": "Un representante de asociación debe tener una asociación asignada.",
    "auth.err.association_missing": "La asociación «{association}» no está registrada en ninguna parroquia: "
                                    "regístrela primero en «Preparar la parroquia» o elija una de la lista.",
    "auth.err.association_not_rep": "Solo una cuenta de representante de asociación tiene asociación; la cuenta "
                                    "«{username}» es de {role}: deje la asociación en blanco.",
    "auth.err.inactive": "La cuenta «{username}» no está activa en Minga (se desactivó o no está registrada): "
                         "ingrese de nuevo o pida a un administrador que la reactive.",
    "auth.err.representative_edit": "Una propuesta entregada, o sus asociaciones proponentes, solo las cambia el "
                                    "técnico de planificación.",
    "auth.err.representative_status": "Un representante de asociación solo guarda propuestas en borrador o "
                                      "presentadas; los demás estados los fija el GAD.",
    "auth.err.actor_changed": "Otro administrador cambió su propia cuenta mientras desactivaba «{username}»: la "
                              "cuenta «{username}» no se desactivó. Recargue la página y vuelva a intentarlo.",
    "auth.err.deactivate_self": "No puede desactivar su propia cuenta; pida a otro administrador que lo haga.",
    "auth.err.position_not_board": "Solo una cuenta de miembro de la junta puede tener el cargo {position}.",
    "auth.err.position_taken": "El cargo {position} ya lo tiene la cuenta activa «{username}» ({name}); cambie "
                               "primero su cargo a Vocal.",
    "auth.err.other_parish": "Su cuenta es de la junta de {own}; no puede {action} de {other}.",
    "auth.err.no_parish": "Una cuenta de miembro de la junta debe tener la parroquia de su junta.",
    "auth.err.other_parish_planner": "Su cuenta de técnico de planificación es del GAD de {own}; no puede "
                                     "{action} de {other}.",
    "auth.err.parish_not_board": "Solo una cuenta de miembro de la junta o de técnico de planificación tiene "
                                 "parroquia; la cuenta «{username}» es de {role}.",
    "auth.err.no_user": "No existe el usuario «{username}».",
    "auth.err.wait": "Demasiados intentos fallidos. Espere {seconds} segundos antes de volver a intentar.",
    "auth.err.wait_one": "Demasiados intentos fallidos. Espere 1 segundo antes de volver a intentar.",
    "auth.public_name": "Público",
    "auth.planner_parish": "Técnico de planificación del GAD de {own}.",
    "auth.planner_other_parish": "Técnico de planificación del GAD de {own}: en {other} solo puede consultar; "
                                 "para trabajar, elija su parroquia en el selector de la barra lateral.",
    "auth.work_only": "Esta página muestra trabajo en preparación (propuestas, ofertas, escenarios, sesiones). "
                      "La vista pública muestra el diagnóstico y las decisiones aprobadas con sus actas; para "
                      "trabajar aquí, ingrese con su usuario en la barra lateral.",
}

LABELS = {
    # What each role may not do is said with these (core.record.auth.require): «Su rol (…) no permite …».
    "action": {
        "view_public": "ver el diagnóstico y las decisiones aprobadas",
        "view_work": "ver propuestas y escenarios en preparación",
        "submit_proposal": "presentar propuestas de su asociación",
        "edit_proposal": "editar o importar propuestas",
        "edit_offer": "registrar ofertas de cooperación",
        "edit_alignment": "editar el PDOT y la alineación",
        "save_scenario": "guardar pesos y escenarios",
        "set_budget": "fijar el presupuesto y las reglas",
        "approve_decision": "aprobar una decisión",
        "run_meeting": "abrir y conducir una sesión",
        "take_part": "votar y puntuar en una sesión",
        "view_log": "ver el registro de cambios",
        "manage_users": "administrar usuarios",
        "manage_store": "respaldar, restaurar o restablecer los datos",
    },
    # What a board member (or a planner) may do only for their own parish: «Su cuenta es de la junta de …; no puede …
    # de …».
    "parish_action": {
        "save_scenario": "guardar escenarios",
        "set_budget": "fijar el presupuesto, las reglas ni la junta",
        "approve_decision": "registrar decisiones",
        "run_meeting": "abrir ni conducir sesiones",
        "take_part": "votar ni puntuar en sesiones",
        "submit_proposal": "presentar propuestas",
        "edit_proposal": "editar, importar ni registrar propuestas o etapas",
        "edit_offer": "registrar ofertas, convenios ni informes de cooperación",
        "edit_alignment": "editar el PDOT, la alineación ni los datos de la parroquia",
    },
    # A board member's seat (core.record.auth.Position), proposed as their function in the acta's attendees.
    "position": {
        "president": "Presidente/a",
        "vice_president": "Vicepresidente/a",
        "member": "Vocal",
    },
    "role": {
        "admin": "Administrador",
        "board_member": "Miembro de la junta",
        "planner": "Técnico de planificación",
        "association_rep": "Representante de asociación",
        "adviser": "Asesor (grupo asesor)",
        "observer": "Observador",
    },
}
