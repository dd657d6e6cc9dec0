"""What the texts typed into a decision must respect before its acta is recorded (core.record.decisions.record): an
acta is never edited, so each attendee's name and role are written (not blank) on one line, and no name, role, remark
or justification holds a character that cannot be seen (core.user_text: a right-to-left override shows «Luis
\\u202eztiuQ» as «Luis Quitza», a control character the PDF drops). Checked only when recording: decisions stored
before the rule still load and print as they did. Raises ValueError with the reason in Spanish, naming the row and
the column of the attendees' table, or the field."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.texts import t
from core.user_text import problem

if TYPE_CHECKING:
    from core.record.decision_models import DecisionDraft


def _problem(text: str, *, multiline: bool, required: bool) -> str | None:
    """What is wrong with `text` in Spanish (blank where a value is required, or core.user_text's problem)."""
    return t("val.empty") if required and not text.strip() else problem(text, multiline)


def check_entered(draft: DecisionDraft) -> None:
    """Refuse (Spanish) an attendee's blank name or role, or a text of the draft that people type holding what it
    may not (see the module)."""
    for row, attendee in enumerate(draft.attendees, start=1):
        for column, text, multiline, required in (("name", attendee.name, False, True),
                                                  ("role_es", attendee.role_es, False, True),
                                                  ("remark", attendee.remark or "", True, False)):
            if (problem := _problem(text, multiline=multiline, required=required)) is not None:
                raise ValueError(t("dec.err.attendee_text", row=row, column=t(f"dec.col.{column}"), message=problem))
    if (problem := _problem(draft.justification_es, multiline=True, required=False)) is not None:
        raise ValueError(t("field.where", field=t("dec.justification"), message=problem))
