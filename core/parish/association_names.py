"""Which registered association a name typed by hand nearly is, for «¿quiso decir…?».

Enumerators often leave out the generic words a registered name starts with («sumak tarpuy» for «Asociación
Sumak Tarpuy», «mujeres concheras» for «Asociación de Mujeres Concheras»), or make a typo. Names are compared
lower case, without accents and without those leading words (which, shared by most names, made «Asociación Sumak
Wasi» look like «Asociación Sumak Kawsay»); a name is offered only when it is close enough and no other registered
association has the same bare name («Asociación Unión» and «Unión»: the offer would be a guess).
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping

from core.proposals.import_cells import normalise

CLOSE_NAME = 0.85  # difflib ratio of two names (lower case, no accents) from which one is suggested for the other
GENERIC = "asociacion"  # the leading word of a registered name that people leave out (or misspell: «asosiacion»)
SHORT_GENERIC = ("asoc", "asocn")
LINKS = ("de", "del", "la", "las", "los", "el")  # «Asociación de los …»: left out with it


def bare(name: str) -> str:
    """A normalised name without its leading «Asociación (de …)»: «asociacion de mujeres x» → 'mujeres x'."""
    words = normalise(name).split()
    generic = bool(words) and (words[0] in SHORT_GENERIC
                               or difflib.SequenceMatcher(None, words[0], GENERIC).ratio() >= CLOSE_NAME)
    if not generic:
        return " ".join(words)
    rest = words[1:]
    while rest[:1] and rest[0] in LINKS:
        rest = rest[1:]
    return " ".join(rest) if rest else " ".join(words)


def closest(written: str, names: Mapping[str, str]) -> str | None:
    """The id (a key of `names`, id → registered name) of the association whose name `written` nearly is, if
    just one is close enough; None otherwise."""
    by_name: dict[str, set[str]] = {}
    for association_id, name in names.items():
        by_name.setdefault(bare(name), set()).add(association_id)
    unique = {key: ids.pop() for key, ids in by_name.items() if len(ids) == 1}
    match = difflib.get_close_matches(bare(written), list(unique), n=1, cutoff=CLOSE_NAME)
    return unique[match[0]] if match else None
