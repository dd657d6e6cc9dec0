"""argparse's own words in Spanish: the standard library writes «usage:», «options» and its errors in English, and
ships no translation. The commands of the README and docs call `spanish_argparse()` before reading their arguments."""

from __future__ import annotations

import argparse

ARGPARSE = {
    "usage: ": "uso: ",
    "positional arguments": "argumentos",
    "options": "opciones",
    "show this help message and exit": "muestra esta ayuda y termina",
    "%(prog)s: error: %(message)s\n": "%(prog)s: error: %(message)s\n",
    "the following arguments are required: %s": "faltan estos argumentos: %s",
    "unrecognized arguments: %s": "argumentos no reconocidos: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "opción no válida: %(value)r (elija entre %(choices)s)",
    "invalid %(type)s value: %(value)r": "valor no válido: %(value)r",
    "argument %(argument_name)s: %(message)s": "argumento %(argument_name)s: %(message)s",
    "expected one argument": "se espera un valor",
    "expected at least one argument": "se espera al menos un valor",
    "expected at most one argument": "se espera como mucho un valor",
    "ambiguous option: %(option)s could match %(matches)s": "opción ambigua: %(option)s puede ser %(matches)s",
    "one of the arguments %s is required": "hace falta uno de estos argumentos: %s",
    "not allowed with argument %s": "no se admite junto con el argumento %s",
}


def _spanish(text: str) -> str:
    return ARGPARSE.get(text, text)


def spanish_argparse() -> None:
    """argparse answers in Spanish from now on in this process (it reads its words through its module's `_`)."""
    argparse._ = _spanish  # type: ignore[attr-defined]
