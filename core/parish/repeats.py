"""A submission a survey export brings more than once.

Real exports repeat submissions: a phone with a poor signal sends a form twice, or a planner pastes two exports
together. A row with the id of an earlier row and the same answers is that submission again: it is dropped and a
notice names it, with the row it repeats. The same id with other answers is a conflict no one can settle but the
planner: the row is refused naming both rows and the columns that differ (and so the whole file is; what is stored
stays as it was). Answers are compared as read, so «Sí» and «yes», or the needs in another order, are the same
answer; the time the server received the submission is not compared, since a form sent twice arrives twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from core.fmt import listing
from core.texts import t

MOST_LISTED = 20  # rows a notice names; past them it counts the rest


@dataclass(frozen=True)
class Unread:
    """A cell that could not be read (its problem is told), compared as the file writes it."""

    cell: Any


def comparable(value: Any) -> Any:
    """An answer as it is compared: a multiple choice's options in any order are one answer."""
    return frozenset(value) if isinstance(value, (tuple, list)) else value


@dataclass
class Submissions:
    """The submissions of one export by id, as its rows come: the first row of each id and its answers by column."""

    first: dict[str, tuple[int, dict[int, Any]]] = field(default_factory=dict)
    dropped: list[tuple[int, int]] = field(default_factory=list)  # (row dropped, the row it repeats)

    def place(self, uuid: str, line: int, answers: dict[int, Any]) -> tuple[int | None, list[int]]:
        """`answers`: by column. (None, []) for a new submission; (its first row, []) for a repeat, which is dropped;
        (its first row, the columns that differ) for a conflict."""
        if uuid not in self.first:
            self.first[uuid] = (line, answers)
            return None, []
        first, earlier = self.first[uuid]
        differing = sorted(column for column in {*earlier, *answers} if earlier.get(column) != answers.get(column))
        if not differing:
            self.dropped.append((line, first))
        return first, differing

    def notice(self, filename: str) -> str | None:
        """How many rows were dropped as repeats, and which (each with the row it repeats)."""
        if not self.dropped:
            return None
        if len(self.dropped) == 1:
            [(row, first)] = self.dropped
            return t("parish.note.repeated_one", file=filename, row=row, first=first)
        shown = [t("parish.note.repeated_row", row=row, first=first) for row, first in self.dropped[:MOST_LISTED]]
        rest = len(self.dropped) - MOST_LISTED
        rows = listing([*shown, t("parish.note.repeated_rest", count=rest)] if rest > 0 else shown)
        return t("parish.note.repeated", file=filename, count=len(self.dropped), rows=rows)


def conflict(uuid: str, first: int, columns: list[str]) -> str:
    """The message of a row whose id an earlier row has with other answers in `columns` (as the file heads them)."""
    named = listing(f"«{column}»" for column in columns)
    key = "parish.err.same_id_other_answers_one" if len(columns) == 1 else "parish.err.same_id_other_answers"
    return t(key, code=uuid, first=first, columns=named)
