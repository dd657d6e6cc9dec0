"""Associations a proposals file names but the parish has not registered: offered for creation, never created
silently.

Each name (compared without case or accents) becomes one `Unregistered` in the preview, with the rows that use
it and, when a registered name is close (its words, allowing a typo, by difflib), a suggestion. The planner answers
per name (`AssociationChoice`): use the suggested association, create a new one (with its number of members,
which the parish's association records require), or leave those rows out. Until answered the rows are left
out. A created association is a `core.parish.models.ParishAssociation`, stored by `core.parish.records` with
that module's rights in the same transaction as the proposals (`core.proposals.imports.save_import`).
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from core.parish.models import ParishAssociation, global_id
from core.parish.records import CODE_PREFIX, next_code
from core.proposals.import_cells import normalise

ChoiceAction = Literal["suggested", "create", "leave_out"]
SIMILAR = 0.75  # share of words (and difflib ratio of a word) from which a registered name is suggested
MAX_MEMBERS = 100_000  # ParishAssociation.members_total's bound
MAX_NAME = 200  # ParishAssociation.name's bound: a longer text is not offered as a name (the row is wrong)
LEFT_OUT = "_sin_registrar"  # the association id a row left out validates with; such a row is never stored
_GENERIC = {"asociacion", "de", "del", "la", "las", "los", "el", "y"}


@dataclass(frozen=True)
class AssociationChoice:
    """The planner's answer for one unregistered name; `members_total` is needed to create it."""

    action: ChoiceAction
    members_total: int | None = None


@dataclass
class Unregistered:
    """A name the file uses that the parish has not registered, the rows using it and what to do with it."""

    name: str  # as first written
    key: str  # normalised, the key of the planner's choice
    suggestion: str | None = None  # id of a registered association with a close name
    lines: list[int] = field(default_factory=list)
    choice: AssociationChoice | None = None
    new_id: str | None = None  # the id it gets when created

    @property
    def creatable(self) -> bool:
        """Chosen for creation with a number of members the parish's records accept."""
        members = self.choice.members_total if self.choice is not None else None
        return self.choice is not None and self.choice.action == "create" and members is not None and \
            1 <= members <= MAX_MEMBERS

    @property
    def resolved_id(self) -> str | None:
        """The association id the rows take: the suggested one, the new one, or None (rows left out)."""
        if self.choice is None:
            return None
        if self.choice.action == "suggested":
            return self.suggestion
        if self.choice.action == "create" and self.creatable:
            return self.new_id
        return None


def _words(name: str) -> list[str]:
    return [w for w in normalise(name).split() if w not in _GENERIC]


def closeness(written: str, registered: str) -> float:
    """0–1: the share of the written name's words (without «asociación», «de», …) found, allowing a typo, in
    the registered name. «Asociacion Flor de Vale» is 1 against «Asociación Agroecológica Flor del Valle»."""
    words, other = _words(written), _words(registered)
    if not words or not other:
        return 0.0
    found = sum(1 for w in words if difflib.get_close_matches(w, other, n=1, cutoff=SIMILAR))
    return found / len(words)


def suggest(name: str, associations: Mapping[str, str]) -> str | None:
    """The id of the registered association whose name is closest to `name`, if close enough (ties: the
    first by id)."""
    best, score = None, SIMILAR
    for code, registered in sorted(associations.items()):
        value = closeness(name, registered)
        if value > score or (value == score and best is None):
            best, score = code, value
    return best


def new_ids(parish_code: str, associations: Mapping[str, str], count: int) -> list[str]:
    """The next free association ids of the parish (`010152-A03`, …), after the ones registered."""
    prefix = f"{parish_code}-"
    used = [code.removeprefix(prefix) for code in associations if code.startswith(prefix)]
    out = []
    for _ in range(count):
        code = next_code(used, CODE_PREFIX["asociaciones"])
        used.append(code)
        out.append(global_id(parish_code, code))
    return out


def to_create(parish_code: str, unregistered: Mapping[str, Unregistered]) -> list[ParishAssociation]:
    """The associations the planner chose to create, as the parish's association records."""
    prefix = f"{parish_code}-"
    return [ParishAssociation(parish_code=parish_code, code=u.new_id.removeprefix(prefix), name=u.name,
                              members_total=u.choice.members_total)
            for u in unregistered.values() if u.creatable and u.new_id]
