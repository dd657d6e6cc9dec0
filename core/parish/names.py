"""Which part of a parish's files a file's name claims: `asociaciones`, `encuesta`, `ayudas`, `problemas` or
`objetivos_pdot`, as people and tools name files.

Accents, case and separators (spaces, dashes, dots) aside, a name that starts with a part's name is that part
(`Encuesta_asociaciones_-_all_versions_-_labels.xlsx` is the survey export, `ayudas 2024.csv` the aid); a name
that does not start with one is the part it holds as a whole word (`datos-problemas.csv`). A name holding two
parts, or none, is not guessed: `claimed` says which parts it names and the caller refuses it.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePath

PART_NAMES = ("asociaciones", "encuesta", "ayudas", "problemas", "objetivos_pdot")


def plain_name(name: str) -> str:
    """A file's stem in lower case, without accents, its separators as one `_`: «Objetivos PDOT (2024)» →
    'objetivos_pdot_2024'."""
    stem = PurePath(name).stem
    bare = "".join(c for c in unicodedata.normalize("NFKD", stem) if not unicodedata.combining(c)).lower()
    return "_".join(w for w in re.split(r"[^a-z0-9ñ]+", bare) if w)


def claimed(name: str) -> tuple[str, ...]:
    """The parts `name` claims: one when it starts with a part's name or holds exactly one as a whole word;
    two or more when it holds several (the caller refuses it); none when it names no part."""
    plain = plain_name(name)
    starting = [part for part in PART_NAMES if plain.startswith(part)]
    if starting:
        return (max(starting, key=len),)
    words = f"_{plain}_"
    return tuple(part for part in PART_NAMES if f"_{part}_" in words)

