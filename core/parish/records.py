"""Storing a parish's records: everything a load or a page brings, in one transaction, or nothing.

A `ParishBatch` holds what files or forms bring (associations, survey answers, aid, problems, PDOT
objectives). `save_batch` checks the person's role and, against the STORED records plus the batch,
that every aid and answer names a registered association and no association has more surveyed
members than members; unchanged records are not written again (a re-import changes nothing).
After the save the mirror the views read catches up (core.parish.mirror).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from core.data import rural
from core.data.validation import RowProblem, spanish_message
from core.fmt import local_code
from core.parish.mirror import AID, ANSWER, ASSOCIATION, PDOT, PROBLEM, sync
from core.parish.models import (
    ParishAid,
    ParishAssociation,
    ParishPdotObjective,
    ParishProblem,
    SurveyAnswer,
)
from core.parish.tables import AssociationIndex
from core.proposals.import_cells import normalise
from core.record import facts
from core.record.auth import Accounts, Action, User
from core.record.store import Change, Store, StoredRecord
from core.texts import label, t

PDOT_SOURCE_KEY = "parish.pdot.source"
# A part of a parish's records (a file name, a tab of «Preparar»): its kind in the store, its field in a
# batch, and the prefix of the local codes the page proposes.
PART_KINDS = {"asociaciones": ASSOCIATION, "encuesta": ANSWER, "ayudas": AID, "problemas": PROBLEM,
              "objetivos_pdot": PDOT}
_BATCH_FIELDS = {"asociaciones": "associations", "encuesta": "answers", "ayudas": "aid", "problemas": "problems",
                 "objetivos_pdot": "pdot"}
CODE_PREFIX = {"asociaciones": "A", "ayudas": "AY", "problemas": "P", "objetivos_pdot": "OP"}


@dataclass
class ParishBatch:
    parish_code: str
    associations: list[ParishAssociation] = field(default_factory=list)
    answers: list[SurveyAnswer] = field(default_factory=list)
    aid: list[ParishAid] = field(default_factory=list)
    problems: list[ParishProblem] = field(default_factory=list)
    pdot: list[ParishPdotObjective] = field(default_factory=list)
    kept: dict[str, frozenset[str]] = field(default_factory=dict)  # kind → fields a file left out: stored kept
    # associations whose rows the same load refused (a load with a problem stores nothing): `consistency` does not
    # judge them by what the store holds of them, since their file says otherwise
    refused_associations: frozenset[str] = frozenset()

    def add(self, part: str, items: list[Any], left_out: frozenset[str] = frozenset()) -> ParishBatch:
        """Add a part's items; `left_out`: fields whose column the file does not have, which a stored record
        keeps (a file with fewer columns never blanks what an earlier one recorded)."""
        getattr(self, _BATCH_FIELDS[part]).extend(items)
        if left_out:
            self.kept[PART_KINDS[part]] = left_out
        return self


@dataclass(frozen=True)
class SaveSummary:
    """How many records of each kind were new, changed or already stored as they are."""

    new: Counter
    changed: Counter
    unchanged: Counter

    @property
    def written(self) -> int:
        return sum(self.new.values()) + sum(self.changed.values())


class BatchRefused(Exception):
    """The batch breaks a rule against the stored records; nothing was stored."""

    def __init__(self, problems: list[RowProblem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def stored_associations(store: Store, parish_code: str) -> list[ParishAssociation]:
    return [ParishAssociation.model_validate(r.body) for r in store.records(ASSOCIATION, parish_code)]


def association_index(store: Store, parish_code: str, extra: list[ParishAssociation] = ()) -> AssociationIndex:
    """The stored associations of the parish plus those about to be stored (they win on a code)."""
    by_id = {a.association_id: a for a in stored_associations(store, parish_code)}
    by_id.update({a.association_id: a for a in extra})
    return AssociationIndex(list(by_id.values()))


def part_records(store: Store, parish_code: str, part: str) -> list[StoredRecord]:
    """The parish's entered records of a part (the PDOT kind also holds the demo's objectives: entered ids
    start with the parish code)."""
    return [r for r in store.records(PART_KINDS[part], parish_code) if r.record_id.startswith(f"{parish_code}-")]


def counts(store: Store, parish_code: str) -> dict[str, int]:
    """How many records the parish has of each part (keys of PART_KINDS)."""
    return {part: len(part_records(store, parish_code, part)) for part in PART_KINDS}


def code_taken(code: str, existing: Iterable[str]) -> bool:
    """Whether the parish already uses `code`, in any case: «a01» and «A01» name one record."""
    return code.casefold() in {used.casefold() for used in existing}


def next_code(existing: list[str], prefix: str) -> str:
    """The next free local code: A01, A02, … after the codes the parish already uses (in any case)."""
    number = 1
    while code_taken(f"{prefix}{number:02d}", existing):
        number += 1
    return f"{prefix}{number:02d}"


def _pdot_body(item: ParishPdotObjective) -> dict[str, Any]:
    return {"pdot_objective_id": item.pdot_objective_id, "parish_code": item.parish_code,
            "component": item.component, "objective_es": item.objective_es, "is_illustrative": False,
            "source": t(PDOT_SOURCE_KEY)}


_ID_FIELD = {ASSOCIATION: "association_id", ANSWER: "member_id", AID: "aid_id", PROBLEM: "problem_id",
             PDOT: "pdot_objective_id"}


def _record_id(kind: str, item: BaseModel) -> str:
    return getattr(item, _ID_FIELD[kind])


def _records(batch: ParishBatch) -> list[tuple[str, str, dict[str, Any]]]:
    """(kind, record id, body) of every record of the batch, in the order of the parts."""
    found = []
    for part, attribute in _BATCH_FIELDS.items():
        kind = PART_KINDS[part]
        found += [(kind, _record_id(kind, item), _pdot_body(item) if kind == PDOT else item.model_dump(mode="json"))
                  for item in getattr(batch, attribute)]
    return found


def _held(store: Store, batch: ParishBatch) -> dict[tuple[str, str], StoredRecord]:
    """Every stored record (of any parish, deleted ones too) of the kinds the batch writes, by (kind, id): one
    read per kind, not one per record (a survey brings thousands)."""
    return {(kind, r.record_id): r for kind in {k for k, _, _ in _records(batch)}
            for r in store.records(kind, include_deleted=True)}


def check(store: Store, batch: ParishBatch,
          held: dict[tuple[str, str], StoredRecord] | None = None) -> list[RowProblem]:
    """The rules that need the stored records: known associations, surveyed within members (`held`: the stored
    records of the batch's kinds, when the caller has read them already). A cantonal seat is refused before
    anything else (core.data.rural); a fact dated after today too, whatever read the batch (core.record.facts)."""
    seat = rural.refusal(batch.parish_code)
    if seat is not None:
        return [RowProblem(t("parish.where.records"), None, None, seat)]
    problems = _future_facts(batch)
    index = association_index(store, batch.parish_code, batch.associations)
    known = set(index.names)
    for item in [*batch.aid, *batch.answers]:
        if item.association_id not in known:
            problems.append(RowProblem(t("parish.where.records"), None, None,
                                       t("parish.cell.association", value=item.association_id)))
    answers = surveyed(store, batch.parish_code, batch.answers)
    for aid in batch.aid:
        if aid.member_id is not None and aid.member_id not in answers:
            problems.append(RowProblem(t("parish.where.records"), None, None, t(
                "parish.err.unknown_member", member=aid.member_id.removeprefix(f"{batch.parish_code}-"),
                code=aid.code)))
        elif aid.member_id is not None and answers[aid.member_id] != aid.association_id:
            problems.append(RowProblem(t("parish.where.records"), None, None, t(
                "parish.err.member_elsewhere", member=aid.member_id.removeprefix(f"{batch.parish_code}-"),
                code=aid.code)))
    return problems + _consistency(store, batch, _held(store, batch) if held is None else held)


def surveyed(store: Store, parish_code: str, answers: Iterable[SurveyAnswer] = ()) -> dict[str, str]:
    """member id → association id of every survey answer of the parish, stored or in `answers`."""
    found = {r.record_id: r.body["association_id"] for r in store.records(ANSWER, parish_code)}
    found.update({a.member_id: a.association_id for a in answers})
    return found


def consistency(store: Store, batch: ParishBatch) -> list[RowProblem]:
    """The rules the rows that were read break together with the stored records, whatever other rows of the same
    load were refused (a refused row only takes records out): `python -m core.parish load` tells them with the rows'
    own problems, so that a folder is put right in one pass. The values a file left out come from the stored
    records, as on saving."""
    held = _held(store, batch)
    return _consistency(store, _with_kept(batch, held)[0], held)


def _consistency(store: Store, batch: ParishBatch, held: dict[tuple[str, str], StoredRecord]) -> list[RowProblem]:
    """A code another parish holds, two associations with one name, more members surveyed than an association has."""
    problems = []
    for kind, record_id, body in _records(batch):  # a code another parish uses is never taken over (Alineación
        stored = held.get((kind, record_id))  # takes any PDOT objective code)
        if stored is not None and stored.parish_code not in (None, batch.parish_code):
            problems.append(RowProblem(t("parish.where.records"), None, None, t(
                "store.parish_taken", record=record_id, parish=stored.parish_code)))
        elif body.get("parish_code") not in (None, batch.parish_code):  # the views would show it in that parish
            problems.append(RowProblem(t("parish.where.records"), None, None, t("parish.err.other_parish", record=(
                record_id), other=rural.named(body["parish_code"]), parish=rural.named(batch.parish_code))))
    totals = {a.association_id: a for a in stored_associations(store, batch.parish_code)}
    totals.update({a.association_id: a for a in batch.associations})
    problems += _names_that_point_two_ways(totals.values(), {a.association_id for a in batch.associations})
    per_association = Counter(surveyed(store, batch.parish_code, batch.answers).values())
    for association_id, count in sorted(per_association.items()):
        association = None if association_id in batch.refused_associations else totals.get(association_id)
        if association is not None and count > association.members_total:
            key = "parish.err.surveyed_over_total" + ("_one" if association.members_total == 1 else "")
            problems.append(RowProblem(t("parish.where.records"), None, None, t(
                key, name=association.name, surveyed=count, total=association.members_total)))
    return problems


def _future_facts(batch: ParishBatch) -> list[RowProblem]:
    """An aid's year, an answer's submission or aid year after today, each at its record's code."""
    found = [(aid.code, facts.year_problem(aid.year)) for aid in batch.aid]
    found += [(local_code(a.member_id), facts.date_problem(a.submitted_at) or facts.year_problem(a.aid_year))
              for a in batch.answers]
    return [RowProblem(t("parish.where.records"), None, code, problem) for code, problem in found if problem]


def save_batch(store: Store, user: User | None, batch: ParishBatch) -> SaveSummary:
    """Store the batch for a signed-in planner (the role is checked here, in core)."""
    actor = Accounts(store).require(user, Action.EDIT_ALIGNMENT, parish_code=batch.parish_code)  # ids: «code-…»
    return save_as(store, actor.username, batch)


def save_as(store: Store, actor: str, batch: ParishBatch) -> SaveSummary:
    """Store the batch as `actor` (the console or a checked user): all of it, or nothing."""
    changes, summary = batch_changes(store, batch)
    if changes:
        store.apply(changes, actor=actor)
        sync(store)
    return summary


def remove(store: Store, user: User | None, parish_code: str, part: str, codes: list[str]) -> int:
    """Remove the parish's records of `part` named by their local codes (the survey's: the answer's _uuid), all of
    them or none: a load only adds and replaces, so this is how a record dropped from the files leaves. A record
    another one still names stays (`_still_named`; BatchRefused naming them). Returns how many left."""
    actor = Accounts(store).require(user, Action.EDIT_ALIGNMENT, parish_code=parish_code)
    stored = {r.record_id: r for r in part_records(store, parish_code, part)}
    ids = [f"{parish_code}-{code}" for code in dict.fromkeys(codes)]
    problems = [RowProblem(t("parish.where.records"), None, None, t("parish.err.not_stored", code=code))
                for code, record_id in zip(dict.fromkeys(codes), ids, strict=True) if record_id not in stored]
    problems += [RowProblem(t("parish.where.records"), None, None, t(
        "parish.err.still_named", record=local_code(named), by=label("record_kind", kind).lower(),
        by_id=local_code(by))) for named, kind, by in _still_named(store, parish_code, part, ids)]
    if problems:
        raise BatchRefused(problems)
    store.apply([Change(PART_KINDS[part], record_id, None, parish_code, stored[record_id].version,
                        t("parish.log.remove")) for record_id in ids], actor=actor.username)
    sync(store)
    return len(ids)


def _still_named(store: Store, parish_code: str, part: str, ids: list[str]) -> list[tuple[str, str, str]]:
    """(record to remove, kind, id) of each stored record that names one of `ids`: an association named by aid,
    answers, proposals, accounts or meeting lists; a surveyed member by aid; a problem by a meeting or a proposal; a PDOT
    objective by a proposal."""
    wanted, kind_removed = set(ids), PART_KINDS[part]
    readers: dict[str, Any] = {}
    if kind_removed == ASSOCIATION:
        readers = {AID: lambda b: [b.get("association_id")], ANSWER: lambda b: [b.get("association_id")],
                   "proposal": lambda b: b.get("association_ids") or [b.get("association_id")],
                   "user": lambda b: [b.get("association_id")],
                   "meeting": lambda b: [p.get("association_id") for p in b.get("participants", [])]}
    elif kind_removed == ANSWER:
        readers = {AID: lambda b: [b.get("member_id")]}
    elif kind_removed == PROBLEM:
        readers = {"meeting": lambda b: b.get("item_ids", []), "proposal": lambda b: b.get("problem_ids") or []}
    elif kind_removed == PDOT:  # a proposal's alignment: its score and the PDOT progress report read it
        readers = {"proposal": lambda b: b.get("pdot_objective_ids") or []}
    found = []
    for kind, names in readers.items():
        for r in store.records(kind, None if kind == "user" else parish_code):
            found += [(named, kind, r.record_id) for named in names(r.body) if named in wanted]
    return found


def checked_changes(store: Store, user: User | None, batch: ParishBatch) -> list[Change]:
    """The store changes of a batch for a signed-in planner (the same role as `save_batch`), to be applied in
    the same transaction as other records (associations a proposals import creates); the caller applies
    them (the views' mirror catches up with `core.parish.mirror.sync`)."""
    Accounts(store).require(user, Action.EDIT_ALIGNMENT, parish_code=batch.parish_code)
    return batch_changes(store, batch)[0]


def _names_that_point_two_ways(associations: Iterable[ParishAssociation], saved: set[str]) -> list[RowProblem]:
    """Aid and answers name an association by code or by name: two associations with one name, or a name that is
    another's code, would send a record to the wrong one without a word. Only pairs the batch's associations
    (`saved`) take part in: a pair stored before does not block every later load."""
    associations = list(associations)
    claimed: dict[str, ParishAssociation] = {normalise(a.code): a for a in associations}
    problems = []
    for association in associations:
        key = normalise(association.name)
        other = claimed.setdefault(key, association)
        if other.association_id != association.association_id and saved & {other.association_id,
                                                                             association.association_id}:
            problems.append(RowProblem(t("parish.where.records"), None, None, t(
                "parish.err.name_twice", name=association.name, code=association.code, other=other.code)))
    return problems


def _with_kept(batch: ParishBatch, held: dict[tuple[str, str], StoredRecord]) -> tuple[ParishBatch, list[RowProblem]]:
    """The batch with each stored record's values for the fields its file left out (ParishBatch.kept), checked
    again as models: an aid moved to another association keeping the member of the first is refused."""
    merged = ParishBatch(batch.parish_code, refused_associations=batch.refused_associations)
    problems: list[RowProblem] = []
    for part, attribute in _BATCH_FIELDS.items():
        kind, kept, items = PART_KINDS[part], batch.kept.get(PART_KINDS[part], frozenset()), []
        spelled = _stored_spelling(batch.parish_code, kind, held)
        given = [_as_stored(kind, item, spelled, held) for item in getattr(batch, attribute)]
        # the spelling of aid the file leaves as it is: a file that writes AY1 again may correct AY1's own
        institutions = _institutions(batch.parish_code, held, {(AID, _record_id(AID, i)) for i in given}) \
            if kind == AID else {}
        for item in given:
            if kind == AID:  # «fundación  esquel» is the «Fundación Esquel» of the other aid: one institution
                named = institutions.setdefault(normalise(item.institution), " ".join(item.institution.split()))
                item = item if named == item.institution else item.model_copy(update={"institution": named})
            current = held.get((kind, _record_id(kind, item)))
            if kept and current is not None and not current.deleted:
                values = {f: current.body[f] for f in kept if f in current.body}
                try:
                    item = type(item).model_validate({**item.model_dump(), **values})
                except ValidationError as exc:
                    local = _record_id(kind, item).removeprefix(f"{batch.parish_code}-")
                    problems += [RowProblem(t("parish.where.records"), None, local, spanish_message(e))
                                 for e in exc.errors()]
                    continue
            items.append(item)
        merged.add(part, items)
    return merged, problems


def _as_stored(kind: str, item: Any, spelled: dict[str, str], held: dict[tuple[str, str], StoredRecord]) -> Any:
    """The item under its stored code when the file writes that code in another case («ay1» is the stored «AY1»,
    not a second one)."""
    if kind != ANSWER and (kind, _record_id(kind, item)) not in held \
            and (stored_code := spelled.get(item.code.casefold())) is not None:
        return item.model_copy(update={"code": stored_code})
    return item


def _stored_spelling(parish_code: str, kind: str, held: dict[tuple[str, str], StoredRecord]) -> dict[str, str]:
    """The parish's stored local codes of `kind` by their lower case: a file that writes a code in another case
    («ay1», «A02» for «a02») names the stored record, as aid and answers name an association in any case."""
    prefix = f"{parish_code}-"
    return {r.record_id.removeprefix(prefix).casefold(): r.record_id.removeprefix(prefix)
            for (k, record_id), r in held.items()
            if k == kind and not r.deleted and r.parish_code == parish_code and record_id.startswith(prefix)}


def _institutions(parish_code: str, held: dict[tuple[str, str], StoredRecord],
                  replaced: set[tuple[str, str]]) -> dict[str, str]:
    """The institutions of the parish's stored aid, but the `replaced` ones, by their name without case, accents or
    extra spaces: the diagnosis counts institutions by name (how many give one kind of aid to an association), so
    a name typed another way must not count as another institution."""
    names: dict[str, str] = {}
    for key, r in sorted(held.items()):  # the first aid in code order names it
        if key[0] == AID and key not in replaced and not r.deleted and r.parish_code == parish_code and r.body.get("institution"):
            names.setdefault(normalise(r.body["institution"]), r.body["institution"])
    return names


def batch_changes(store: Store, batch: ParishBatch) -> tuple[list[Change], SaveSummary]:
    """What storing the batch would write (BatchRefused when it breaks a rule), and the counts. The values a file
    left out are taken from the stored records first, so every rule sees the records as they will be stored."""
    held = _held(store, batch)
    batch, problems = _with_kept(batch, held)
    problems += check(store, batch, held)
    if problems:
        raise BatchRefused(problems)
    new, changed, unchanged = Counter(), Counter(), Counter()
    changes = []
    for kind, record_id, body in _records(batch):
        current = held.get((kind, record_id))
        if current is not None and not current.deleted and current.body == body:
            unchanged[kind] += 1
            continue
        (changed if current is not None and not current.deleted else new)[kind] += 1
        changes.append(Change(kind, record_id, body, batch.parish_code,
                              expected_version=current.version if current else 0,
                              action=t("parish.log.save")))
    return changes, SaveSummary(new, changed, unchanged)
