"""What one header of a survey export holds: a question, one option of a multiple choice, the submission's
identity, or the export's own bookkeeping.

KoBoToolbox heads the columns with the form's names (`socio/rol`, `necesidades/necesidades/training`) or, in an
export «with labels», with the labels (`Edad (años cumplidos)`, `¿Qué necesita la asociación …?/Capacitación`),
the group's name or label before them or not; ODK Central writes `socio-rol`, `meta-instanceID`, `KEY` and
`SubmissionDate`. Names and labels are compared as `normalise` leaves them: no case, accents or punctuation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from core.parish import cells
from core.parish.form import BY_NAME, QUESTIONS, Question, choice_labels
from core.proposals.import_cells import normalise
from core.texts import t

UUID = "_uuid"
# The id a submission keeps when it is edited on the server, where the export has it: KoBoToolbox's `meta/rootUuid`,
# ODK Central's `KEY`. `_uuid` and `meta-instanceID` change with each edit (OpenRosa gives every version its own).
ROOT = "root_uuid"
SUBMITTED = "submitted_at"
_IDENTITY = {"_uuid": UUID, "instanceid": UUID, "meta instanceid": UUID, "uuid": UUID, "key": ROOT,
             "_submission_time": SUBMITTED, "submissiondate": SUBMITTED}
_SPLIT = re.compile(r"[/\-:]")
# The columns an export adds about the submission itself, which carry no answer: KoBoToolbox's begin with «_»
# (`_id`, `_index`, `_status`, `__version__`) or sit in `formhub`/`meta`; the form's metadata questions; ODK
# Central's own.
_BOOKKEEPING = frozenset({
    "start", "end", "today", "deviceid", "subscriberid", "simserial", "phonenumber", "username", "email", "audit",
    "submitterid", "submittername", "attachmentspresent", "attachmentsexpected", "status", "reviewstate",
    "edits", "formversion", "instancename", "deprecatedid",
})
_BOOKKEEPING_GROUPS = ("formhub", "meta")


@dataclass(frozen=True)
class HeaderCell:
    """What one header of an export holds: a question, one option of a multiple choice, identity, or bookkeeping
    (a column of the export about the submission, read by no one)."""

    question: Question | None = None
    option: str | None = None
    identity: str | None = None
    bookkeeping: bool = False


def _keys(*names: str) -> set[str]:
    return {key for name in names if (key := normalise(name))}


def _ends_with(plain: str, key: str) -> bool:
    """Whether the normalised header is `key`, or ends with it after a group's name or label."""
    return plain == key or plain.endswith(" " + key)


# question label → question, longest first: a label that ends another header's label never takes it
_BY_LABEL = sorted(((normalise(t(f"form.q.{q.name}")), q) for q in QUESTIONS), key=lambda pair: -len(pair[0]))
# (question, option code, the ways a 0/1 column of the option may end: question name or label, then option code
# or label)
_OPTIONS = [(q, code, {f"{question} {option}" for question in _keys(q.name, t(f"form.q.{q.name}"))
                       for option in _keys(code, shown)})
            for q in QUESTIONS if q.kind == "select_multiple"
            for code, shown in choice_labels(q.choices or "").items()]


def read_header(header: Any) -> HeaderCell | None:
    """`socio/rol` or `Edad (años cumplidos)` → a question; `necesidades/necesidades/training` or
    `¿Qué necesita …?/Capacitación` → an option; `_uuid` → identity; `_id` → bookkeeping; None: not the form's."""
    shown = cells.text(header)
    if shown is None:
        return None
    lowered = shown.strip().lower()
    if lowered in _IDENTITY:
        return HeaderCell(identity=_IDENTITY[lowered])
    parts = [p for p in _SPLIT.split(lowered) if p]
    if parts[-1:] == ["instanceid"]:
        return HeaderCell(identity=UUID)
    if parts and parts[-1].lstrip("_") == "rootuuid":
        return HeaderCell(identity=ROOT)
    if parts and parts[-1] in BY_NAME:
        return HeaderCell(question=BY_NAME[parts[-1]])
    plain = normalise(shown)
    for question, code, endings in _OPTIONS:
        if any(_ends_with(plain, ending) for ending in endings):
            return HeaderCell(question=question, option=code)
    for label, question in _BY_LABEL:
        if _ends_with(plain, label):
            return HeaderCell(question=question)
    group = parts[0] if len(parts) > 1 else ""
    if lowered.startswith("_") or group in _BOOKKEEPING_GROUPS or plain.replace(" ", "") in _BOOKKEEPING:
        return HeaderCell(bookkeeping=True)
    return None
