"""Strings of signing in, first-run setup and roles."""

STRINGS = {
    "auth.signin": "Ingresar",
    "auth.signin_title": "Ingresar a Minga",
    "auth.username": "Usuario",
    "auth.password": "Contraseña",
    "auth.display_name": "Nombre para mostrar",
    "auth.submit": "Ingresar",
    "auth.signout": "Salir",
    "auth.wrong": "Usuario o contraseña incorrectos.",
    "auth.signed_in_as": "**{name}** · {role}",
    "auth.public": "Vista pública: diagnóstico y decisiones aprobadas. Ingrese para trabajar con propuestas.",
    "auth.oidc": "Ingresar con cuenta institucional",
    "auth.oidc_unknown": "La cuenta {email} no está registrada en Minga; pida al administrador que la agregue.",
    "auth.first_run_title": "Primera vez: cree la cuenta de administrador",
    "auth.first_run_help": "Minga no tiene usuarios todavía. Quien lo instala crea la primera cuenta (administrador); "
                           "después, el administrador crea las cuentas de la junta, técnicos y asociaciones.",
    "auth.first_run_submit": "Crear administrador",
    "auth.password_repeat": "Repita la contraseña",
    "auth.password_mismatch": "Las contraseñas no coinciden.",
    "auth.created": "Cuenta creada. Ya está dentro como administrador.",
    "auth.denied": "No puede hacer esto: {reason}",
    "auth.need_signin": "Esta página es para el equipo del GAD y las asociaciones: ingrese con su usuario.",
}

LABELS = {
    "role": {
        "admin": "Administrador",
        "board_member": "Miembro de la junta",
        "planner": "Técnico de planificación",
        "association_rep": "Representante de asociación",
        "observer": "Observador",
    },
}
