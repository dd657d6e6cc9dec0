"""Importing a survey export from KoBoToolbox or ODK Central (xlsx or csv) made with the shipped XLSForm.

Headers are the form's names or labels, with their group or without (`core.parish.survey_header`); a
select_multiple comes as one column of codes or labels, or as one 0/1 column per option. A submission
is identified by the id it keeps when edited on the server, where the export has it (KoBo's `meta/rootUuid`, ODK
Central's `KEY`), else by `_uuid` (KoBo) or `meta-instanceID` (ODK Central), which are the same until an edit; the
member's id is the parish code plus that uuid, so importing the same export again, or a newer one after an edit,
finds the same records: unchanged ones are not written, edited ones are replaced. A submission the
export brings twice counts once, or is refused when its answers differ (core.parish.repeats).
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from typing import Any

from pydantic import ValidationError

from core import fmt
from core.data.schemas.study import CODE
from core.data.validation import RowProblem, spanish_message
from core.fmt import listing
from core.parish import cells, repeats
from core.parish.form import QUESTIONS, Question, choice_labels
from core.parish.models import SurveyAnswer
from core.parish.sheet import header_only, read_rows, unused_columns
from core.parish.survey_header import ROOT, SUBMITTED, UUID, HeaderCell, read_header
from core.parish.tables import PARTS, AssociationIndex, PartPreview
from core.proposals.import_cells import day_range_problem
from core.record import facts
from core.texts import t
from core.user_text import ENTERED

MAX_UUID = 64
SURVEY = PARTS["encuesta"]


def _answer(question: Question, value: Any, associations: AssociationIndex) -> Any:
    if question.field == "association":
        return associations.find(value)
    if question.kind == "integer":
        return cells.integer(value)
    if question.kind == "select_one":
        code = cells.choice(value, choice_labels(question.choices or ""))
        return None if code is None else (code == "yes" if question.choices == "yes_no" else code)
    if question.kind == "select_multiple":
        if isinstance(value, (list, tuple)):
            return tuple(cells.choice(v, choice_labels(question.choices or "")) for v in value)
        return cells.choices(value, choice_labels(question.choices or ""))
    return cells.text(value)


def read_survey(data: bytes, filename: str, parish_code: str, associations: AssociationIndex) -> PartPreview:
    """Read an export into survey answers of the parish; every problem of every row at its row and column, each
    column named as the file heads it."""
    preview = PartPreview(SURVEY, filename)
    rows = read_rows(data, filename, preview.problems)
    if rows is None:
        return preview
    header_line, header, body = rows.header_line, rows.header, rows.body
    known = {i: cell for i, h in enumerate(header) if (cell := read_header(h)) is not None}
    if rows.repeat_sheets:
        key = "parish.note.repeat_sheet" if len(rows.repeat_sheets) == 1 else "parish.note.repeat_sheets"
        preview.notices.append(t(key, file=filename, sheet=rows.sheet,
                                 sheets=listing(f"«{name}»" for name in rows.repeat_sheets)))
    preview.notices.extend([*rows.notices, *header_only(rows, filename), *unused_columns(rows, filename, known)])
    columns = {i: cell for i, cell in known.items() if not cell.bookkeeping}
    found = {c.identity or c.question.name for c in columns.values() if c.option is None}
    answered = found | {c.question.name for c in columns.values() if c.option is not None}
    preview.left_out = frozenset(q.field for q in QUESTIONS if q.name not in answered and q.field != "association")
    missing = [RowProblem(filename, header_line, UUID, t("val.missing_column"))] if not {UUID, ROOT} & found else []
    missing += [RowProblem(filename, header_line, None, t(  # named as either export heads it: by name or by label
        "parish.err.missing_question", name=f"{q.group}/{q.name}", label=t(f"form.q.{q.name}")))
        for q in QUESTIONS if q.required and q.name not in found]
    if missing:  # without them every row would repeat the same problem
        preview.problems.extend(missing)
        return preview
    shown = _shown(header, columns)
    submissions = repeats.Submissions()
    for line, values in body:
        told = len(preview.problems)
        answer, unread = _row(filename, line, header, values, columns, associations, preview)
        own, root = answer.pop(UUID, None), answer.pop(ROOT, None)  # the id an edit keeps, where the export has it
        uuid = cells.submission_id(root or own)
        id_column = shown[ROOT] if root or "member_id" not in shown else shown["member_id"]
        problem = None
        if not uuid:
            problem = t("parish.err.no_uuid")
        elif len(uuid) > MAX_UUID:  # KoBoToolbox and ODK write 36 characters (41 with «uuid:»)
            problem = t("val.too_long", max=MAX_UUID)
        elif not re.fullmatch(CODE, uuid):  # quoted as written, not as the member id it would make
            problem = id_problem(uuid)
        else:
            first, differing = submissions.place(uuid, line, _compared(answer, unread, values, columns))
            if first is not None and not differing:  # the same submission again: any problem is told at its first row
                del preview.problems[told:]
                continue
            if differing:
                problem = repeats.conflict(uuid, first, [str(header[i]).strip() for i in differing])
        if problem is not None:
            preview.problems.append(RowProblem(filename, line, id_column, problem))
            unread.add("member_id")
        item = _finish(answer, uuid, parish_code, filename, line, preview.problems, shown, unread)
        if item is not None and not unread:
            preview.items.append(item)
    preview.notices.extend(n for n in [submissions.notice(filename)] if n)
    return preview


def id_problem(uuid: str) -> str:
    """Why an id cannot name a submission: quoted as the file writes it, an invisible character named where it is."""
    return t("parish.err.uuid_format", value=fmt.visible(uuid))


def _compared(answer: dict[str, Any], unread: AbstractSet[str], values: list[Any],
              columns: dict[int, HeaderCell]) -> dict[int, Any]:
    """Each column a row answers in → its answer, to compare with another row of the same submission: as read (an
    option's 0/1 column: whether the option was chosen), or the cell as written when it could not be read. Not the
    submission time (a form sent twice arrives twice), nor the 0/1 columns of a question that has its own column."""
    compared: dict[int, Any] = {}
    whole = {cell.question.field for cell in columns.values() if cell.question and cell.option is None}
    done: set[str] = set()
    for index, cell in columns.items():
        name = cell.question.field if cell.question else cell.identity
        if name in (UUID, ROOT, SUBMITTED) or (cell.option is None and name in done) or (
                cell.option is not None and name in whole):
            continue
        done.add(name)
        if name in unread:
            compared[index] = repeats.Unread(values[index] if index < len(values) else None)
        elif cell.option is not None:
            compared[index] = cell.option in (answer.get(name) or ())
        else:
            compared[index] = repeats.comparable(answer.get(name))
    return compared


def _shown(header: list[Any], columns: dict[int, HeaderCell]) -> dict[str, str]:
    """Each answer field → its column as the file heads it (a multiple choice's first 0/1 column when it has no
    column of its own)."""
    shown: dict[str, str] = {}
    for index, cell in sorted(columns.items(), key=lambda item: item[1].option is not None):
        field = {UUID: "member_id"}.get(cell.identity, cell.identity) if cell.identity else cell.question.field
        shown.setdefault("association_id" if field == "association" else field, str(header[index]).strip())
    return shown


# The member's rules that join two answers (core.data.schemas.study.Member): the column each is told at
_RULE_FIELDS = {"val.member.father_female": "sex", "val.member.mother_male": "sex",
                "val.member.effectiveness": "aid_effectiveness"}


def _rule_field(err: Any) -> str | None:
    """The field whose column a rule across answers is told at (the one that contradicts the others)."""
    return next((field for key, field in _RULE_FIELDS.items() if t(key) in str(err.get("msg", ""))), None)


def _finish(answer: dict[str, Any], uuid: str, parish_code: str, file: str, line: int | None,
            problems: list[RowProblem], shown: dict[str, str], unread: AbstractSet[str] = frozenset()
            ) -> SurveyAnswer | None:
    """The read answers of one submission as a validated SurveyAnswer (None, and problems, if not valid).
    `shown`: each field's column as the person sees it; `unread`: fields whose problem is told already."""
    role, head = answer.get("member_role"), answer.get("head_of_household")
    answer.update(member_id=f"{parish_code}-{uuid}", parish_code=parish_code,
                  association_id=answer.pop("association", None),
                  is_head_of_household=role is not None and role == head and role != "not_indicated")
    try:
        item = SurveyAnswer.model_validate({k: v for k, v in answer.items() if v is not None}, context={ENTERED: True})
    except ValidationError as exc:
        for err in exc.errors():
            field = str(err["loc"][0]) if err["loc"] else _rule_field(err)
            if field in unread or (field == "association_id" and "association" in unread):
                continue
            problems.append(RowProblem(file, line, shown.get(field or ""), spanish_message(err)))
        return None
    # year 1 or 9999 is a slip, not a day a survey was answered (year 1 in UTC has no day in Ecuador to compare)
    when = day_range_problem(item.submitted_at) or facts.date_problem(item.submitted_at)
    future = [(field, problem) for field, problem in (("submitted_at", when),
                                                      ("aid_year", facts.year_problem(item.aid_year))) if problem]
    problems += [RowProblem(file, line, shown.get(field, field), problem) for field, problem in future]
    return None if future else item


def answer_from_form(values: dict[str, Any], parish_code: str, associations: AssociationIndex,
                     uuid: str) -> tuple[SurveyAnswer | None, list[RowProblem]]:
    """One survey answer typed into the page's form (question name → code, label or number)."""
    where = t("prep.tab.encuesta")
    problems: list[RowProblem] = []
    answer: dict[str, Any] = {}
    for question in QUESTIONS:
        try:
            answer[question.field] = _answer(question, values.get(question.name), associations)
        except cells.CellError as exc:
            problems.append(RowProblem(where, None, t(f"form.q.{question.name}"), str(exc)))
    if problems:
        return None, problems
    shown = {q.field: t(f"form.q.{q.name}") for q in QUESTIONS} | {"association_id": t("form.q.asociacion")}
    return _finish(answer, uuid, parish_code, where, None, problems, shown), problems


def _row(filename: str, line: int, header: list[Any], values: list[Any], columns: dict[int, HeaderCell],
         associations: AssociationIndex, preview: PartPreview) -> tuple[dict[str, Any], set[str]]:
    """One row's answers by field, and the fields whose cell could not be read (their problem is told)."""
    answer: dict[str, Any] = {}
    options: dict[str, list[str]] = {}
    unread: set[str] = set()
    for index, cell in columns.items():
        value = values[index] if index < len(values) else None
        try:
            if cell.identity == SUBMITTED and isinstance(value, int | float) and not isinstance(value, bool):
                answer[SUBMITTED] = value  # a date cell that lost its format: the model says which day it is
            elif cell.identity:
                answer[cell.identity] = cells.text(value)
            elif cell.question.required and cells.not_given(value):  # «n/a» where an answer is required
                raise cells.CellError(t("val.not_given", value=value.strip()))
            elif cell.option:
                if cells.yes_no(value):
                    options.setdefault(cell.question.field, []).append(cell.option)
            else:
                answer[cell.question.field] = _answer(cell.question, value, associations)
        except cells.CellError as exc:
            preview.problems.append(RowProblem(filename, line, str(header[index]), str(exc)))
            unread.add(cell.question.field if cell.question else cell.identity)
    for name, chosen in options.items():
        if not answer.get(name):
            answer[name] = tuple(chosen)
    return answer, unread
