"""What the Propuestas page needs besides the store: the list as a table, its filters, and a proposal built
from the form's values with its errors in Spanish. No Streamlit here.

- `list_frame(proposals, names)`: one row per proposal, codes and Spanish labels side by side;
- `filter_frame(frame, …)`: status, association, kind of support and a free-text search (accent- and
  case-insensitive, over code, title, associations and summary);
- `from_form(values, base, …)`: the form's values (plain Python) as a validated `Proposal`, carrying over
  what the form does not show from the proposal being edited, and moving the status one lifecycle step
  when asked (`Proposal.with_status`); raises `FormError` with every problem as «Campo: mensaje»;
- `may_edit(user, proposal)`: whether the form is offered (core.proposals.records checks it again when saving).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeVar

import polars as pl
from pydantic import ValidationError

from core.data.validation import spanish_message
from core.fmt import capitalized, local_code
from core.lists import join_list, split_items
from core.proposals.import_cells import normalise, parse_number
from core.proposals.models import ALLOWED_TRANSITIONS, REPRESENTATIVE_STATUSES, Proposal, ProposalStatus
from core.record import facts
from core.record.auth import Action, Role, User, can
from core.texts import STRINGS, label, t
from core.user_text import ENTERED

T = TypeVar("T")

LIST_SCHEMA = {"proposal_id": pl.Utf8, "title": pl.Utf8, "association_id": pl.Utf8, "association": pl.Utf8,
               "associations": pl.Utf8, "association_ids": pl.List(pl.Utf8), "n_associations": pl.Int64, "status": pl.Utf8, "status_label": pl.Utf8,
               "support_kind": pl.Utf8, "support_label": pl.Utf8, "cost_usd": pl.Float64, "requested_usd": pl.Float64,
               "counterpart_associations_usd": pl.Float64, "counterpart_cooperant_usd": pl.Float64,
               "counterpart_other_usd": pl.Float64, "cooperant_name": pl.Utf8, "cooperation_offer_id": pl.Utf8,
               "direct_beneficiaries": pl.Int64, "women_beneficiaries": pl.Int64, "pdot_objective_ids": pl.Utf8,
               "sdg_goals": pl.Utf8, "pnd_objective_ids": pl.Utf8, "summary": pl.Utf8, "is_synthetic": pl.Boolean,
               "version": pl.Int64}
# The list as a download: column → Spanish header (the same words as the import template).
DOWNLOAD_HEADERS = {
    "proposal_id": "imp.col.proposal_id", "title": "imp.col.title", "association_id": "prop.col.association_id",
    "association": "imp.col.association_id", "associations": "imp.col.association_ids",
    "status_label": "imp.col.status", "support_label": "imp.col.support_kind", "cost_usd": "imp.col.cost_usd",
    "requested_usd": "imp.col.requested_usd", "counterpart_associations_usd": "imp.col.counterpart_associations_usd",
    "counterpart_cooperant_usd": "imp.col.counterpart_cooperant_usd",
    "counterpart_other_usd": "imp.col.counterpart_other_usd", "cooperant_name": "imp.col.cooperant_name",
    "cooperation_offer_id": "imp.col.cooperation_offer_id", "direct_beneficiaries": "imp.col.direct_beneficiaries",
    "women_beneficiaries": "imp.col.women_beneficiaries", "pdot_objective_ids": "imp.col.pdot_objective_ids",
    "sdg_goals": "imp.col.sdg_goals", "pnd_objective_ids": "imp.col.pnd_objective_ids",
    "summary": "imp.col.summary", "is_synthetic": "imp.col.is_synthetic",
}
# What a representative may do with their association's proposal: hand it in, or take it back.
REPRESENTATIVE_STEPS = {ProposalStatus.DRAFT: {ProposalStatus.SUBMITTED},
                        ProposalStatus.SUBMITTED: {ProposalStatus.DRAFT}}


def download_headers() -> dict[str, str]:
    return {column: t(key) for column, key in DOWNLOAD_HEADERS.items()}


def list_frame(items: Iterable[tuple[Proposal, int]], names: Mapping[str, str]) -> pl.DataFrame:
    """One row per proposal (with the version it was read at), sorted by code."""
    rows = []
    for p, version in items:
        ids = p.association_ids or [p.association_id]
        rows.append({
            "proposal_id": p.proposal_id, "title": p.title, "association_id": p.association_id,
            "association": names.get(p.association_id, p.association_id),
            "associations": join_list((names.get(a, a) for a in ids), also_comma=True), "association_ids": list(ids),
            "n_associations": len(ids),
            "status": p.status.value, "status_label": label("proposal_status", p.status.value),
            "support_kind": p.support_kind,
            "support_label": label("support_kind", p.support_kind) if p.support_kind else t("prop.missing.label"),
            "cost_usd": p.cost_usd, "requested_usd": p.requested_usd,
            "counterpart_associations_usd": p.counterpart_associations_usd,
            "counterpart_cooperant_usd": p.counterpart_cooperant_usd, "counterpart_other_usd": p.counterpart_other_usd,
            "cooperant_name": p.cooperant_name, "cooperation_offer_id": p.cooperation_offer_id,
            "direct_beneficiaries": p.direct_beneficiaries, "women_beneficiaries": p.women_beneficiaries,
            "pdot_objective_ids": ", ".join(map(local_code, p.pdot_objective_ids)),
            "sdg_goals": ", ".join(map(str, p.sdg_goals)),
            "pnd_objective_ids": ", ".join(p.pnd_objective_ids), "summary": p.summary,
            "is_synthetic": p.is_synthetic, "version": version,
        })
    return pl.DataFrame(rows, schema=LIST_SCHEMA).sort("proposal_id")


def filter_frame(frame: pl.DataFrame, *, statuses: Sequence[str] = (), associations: Sequence[str] = (),
                 kinds: Sequence[str] = (), text: str = "") -> pl.DataFrame:
    """The rows matching every filter given (an empty filter keeps all). A proposal matches an association
    when that association is among its proponents, not only its lead."""
    out = frame
    if statuses:
        out = out.filter(pl.col("status").is_in(list(statuses)))
    if kinds:
        out = out.filter(pl.col("support_kind").is_in(list(kinds)))
    if associations:
        wanted = set(associations)
        keep = [bool(wanted & set(ids)) for ids in out["association_ids"].to_list()]
        out = out.filter(pl.Series(keep, dtype=pl.Boolean)) if out.height else out
    words = normalise(text).split()
    if words:
        haystack = [normalise(" ".join(str(v or "") for v in (r["proposal_id"], r["title"], r["associations"],
                                                                r["association_id"], r["summary"])))
                    for r in out.iter_rows(named=True)]
        keep = [all(w in h for w in words) for h in haystack]
        out = out.filter(pl.Series(keep, dtype=pl.Boolean)) if out.height else out
    return out


class FormError(Exception):
    """The form's values are not a valid proposal; `problems` are «Campo: mensaje» sentences in Spanish."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


def field_label(name: str) -> str:
    """The Spanish name of a proposal field (the same as the import template's column)."""
    for key in (f"prop.field.{name}", f"imp.col.{name}"):
        if key in STRINGS:
            return t(key)
    return name


def spanish_errors(exc: ValidationError, names: Mapping[str, str] | None = None) -> list[str]:
    """Every pydantic error as «Campo: mensaje» (a rule of the whole record: just the message). Fields are
    named by `names` (field → label) when given, else as the proposal form and import template name them."""
    out = []
    for error in exc.errors():
        loc = [str(part) for part in error["loc"]]
        message = spanish_message(error)
        if loc:
            where = (names or {}).get(loc[0]) or field_label(loc[0])
            if len(loc) > 1 and loc[0] in ("budget_lines", "indicators", "components", "timetable") and loc[1].isdigit():
                where += t("val.where.line", line=int(loc[1]) + 1)
            out.append(f"{where}: {message}")
        else:
            out.append(capitalized(message))
    return out


def next_statuses(current: ProposalStatus | str, user: User | None) -> list[ProposalStatus]:
    """The lifecycle steps this person may take from `current` (planners: every allowed step; a
    representative: hand in or take back a draft)."""
    current = ProposalStatus(current)
    allowed = ALLOWED_TRANSITIONS[current]
    if user is not None and user.role == Role.ASSOCIATION:
        allowed = allowed & REPRESENTATIVE_STEPS.get(current, set())
    elif not can(user, Action.EDIT_PROPOSAL):
        return []
    return sorted(allowed, key=list(ProposalStatus).index)


def may_edit(user: User | None, proposal: Proposal | None = None) -> bool:
    """Whether to offer the form: planners (any proposal), representatives (a new one, or one their association
    leads or joins while it is a draft, or handed in and not yet screened: they may take it back to a draft; past
    that it is the planners' to change, as core.proposals.records checks)."""
    if can(user, Action.EDIT_PROPOSAL):
        return True
    if proposal is None:
        return can(user, Action.SUBMIT_PROPOSAL)
    if proposal.status not in REPRESENTATIVE_STATUSES:
        return False
    ids = proposal.association_ids or [proposal.association_id]
    return any(can(user, Action.SUBMIT_PROPOSAL, a) for a in ids)


def seen_by(user: User | None, items: Iterable[T]) -> list[T]:
    """What `user` sees of a parish's proposals (`Proposal`s, or `Versioned` with one in `.item`): a representative
    sees another association's proposal only once it is handed in; a draft is its association's own work. Every
    other role sees them all."""
    def proposal_of(item: Any) -> Proposal:
        return getattr(item, "item", item)

    if user is None or user.role != Role.ASSOCIATION:
        return list(items)
    return [i for i in items if proposal_of(i).status != ProposalStatus.DRAFT
            or user.association_id in (proposal_of(i).association_ids or [proposal_of(i).association_id])]


def bulk_candidates(frame: pl.DataFrame, user: User | None) -> pl.DataFrame:
    """The listed proposals (`list_frame` rows) `user` may move in bulk: every one for a planner; for a
    representative, those their association leads or joins (the others' would only be refused)."""
    if user is not None and user.role == Role.ASSOCIATION:
        return frame.filter(pl.col("association_ids").list.contains(user.association_id or ""))
    return frame


def _lines(rows: Iterable[Mapping[str, Any]], fields: Sequence[str]) -> list[dict[str, Any]]:
    """Rows of an editable table with something written in them (blank rows are dropped)."""
    out = []
    for row in rows:
        values = {f: row.get(f) for f in fields}
        if any(v not in (None, "") and not (isinstance(v, float) and math.isnan(v)) for v in values.values()):
            out.append({k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()})
    return out


def from_form(values: Mapping[str, Any], base: Proposal | None, *, parish_code: str,
              new_status: ProposalStatus | str | None = None, note: str | None = None,
              today: dt.date | None = None, source: str | None = None) -> Proposal:
    """The proposal the form describes.

    `values` holds the fields the form shows (lists already as lists, budget lines and indicators as rows
    of dicts); what it does not show is carried over from `base` (the proposal being edited). A new
    proposal starts as a draft. `new_status` moves it one lifecycle step (refused in Spanish when the
    lifecycle does not allow it). Raises FormError with every problem found.
    """
    data: dict[str, Any] = base.model_dump() if base is not None else {
        "status": ProposalStatus.DRAFT, "status_history": [], "is_synthetic": False, "source": source}
    for name, value in values.items():
        if isinstance(value, str):
            value = value.strip() or None
        data[name] = value
    if "budget_lines" in values:
        # The form writes amounts es-EC («1.500,00»); a text that is no number reaches the model as typed.
        data["budget_lines"] = [{**line, "amount_usd": parse_number(line["amount_usd"])}
                                for line in _lines(values["budget_lines"], ("item", "amount_usd", "source"))]
    if "indicators" in values:
        data["indicators"] = _lines(values["indicators"], ("name", "baseline", "target", "means_of_verification"))
    if "components" in values:
        data["components"] = _lines(values["components"], ("name", "activities"))
    if "timetable" in values:
        data["timetable"] = _lines(values["timetable"], ("activity", "start_month", "end_month"))
    data["parish_code"] = parish_code
    lead = data.get("association_id")
    others = [a for a in (values.get("association_ids") or data.get("association_ids") or []) if a != lead]
    data["association_ids"] = [lead, *others] if lead else others
    for name in ("specific_objectives", "risks"):
        if isinstance(data.get(name), str):
            data[name] = split_items(data[name])  # one per line or «;» between them, as a list cell (core.lists)
        elif data.get(name) is None:
            data[name] = []
    try:
        proposal = Proposal.model_validate(data, context={ENTERED: True})  # no hidden characters: core.user_text
    except ValidationError as exc:
        raise FormError(spanish_errors(exc)) from None
    if new_status is not None and ProposalStatus(new_status) != proposal.status:
        try:
            proposal = proposal.with_status(new_status, date=today or facts.today(), note=note or None)
        except ValueError as exc:
            raise FormError([f"{field_label('status')}: {exc}"]) from None
    return proposal
