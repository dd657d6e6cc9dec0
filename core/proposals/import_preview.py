"""What an import is checked against (`ImportContext`) and what it would do (`ImportPreview`), row by row.

`context_for` gathers the parish's associations, stored proposals, objectives and catalogues from the views and
the store once, so reading a file (`core.proposals.import_reader`) is a function of the bytes and this context.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

import duckdb
import polars as pl

from core.data.db import query
from core.data.validation import RowProblem
from core.proposals import records
from core.proposals.import_associations import AssociationChoice, Unregistered
from core.proposals.models import Proposal
from core.record import facts, overlay
from core.record.store import Store
from core.texts import t


class Lookup(Protocol):
    """Read-only lookup by code (a dict, or a lookup that asks the store and the built data one code at a time)."""

    def __contains__(self, key: object) -> bool: ...

    def __getitem__(self, key: str) -> str: ...


@dataclass(frozen=True)
class ProposalsElsewhere:
    """Proposal id → parish code of a live proposal of ANOTHER parish, the store's or the demo's, asked one id at
    a time (at national scale the demo alone holds 50,000 proposals)."""

    store: Store
    parish_code: str

    def __getitem__(self, proposal_id: str) -> str:
        found = overlay.current(self.store, records.PROPOSAL, proposal_id)
        if found is None or found.deleted or found.parish_code == self.parish_code:
            raise KeyError(proposal_id)
        return found.parish_code or ""

    def __contains__(self, proposal_id: object) -> bool:
        try:
            self[str(proposal_id)]
        except KeyError:
            return False
        return True

@dataclass(frozen=True)
class ImportContext:
    """What the rows are checked against. A catalogue left as None is not checked."""

    parish_code: str
    parish_name: str
    associations: Mapping[str, str]  # id → name, of this parish
    existing: Mapping[str, records.Versioned] = field(default_factory=dict)  # id → stored proposal (this parish)
    elsewhere: Lookup = field(default_factory=dict)  # id → parish code, proposals of other parishes
    deleted: Mapping[str, int] = field(default_factory=dict)  # id → version of a deleted proposal (code free again)
    pdot_objectives: Mapping[str, str] | None = None  # id → text
    pnd_objectives: Mapping[str, str] | None = None
    sdg_targets: frozenset[str] | None = None
    offers: Mapping[str, str] | None = None  # id → title
    competences: Mapping[str, str] | None = None  # code → title
    problems: Mapping[str, str] | None = None  # id → label
    today: dt.date = field(default_factory=dt.date.today)


def context_for(con: duckdb.DuckDBPyConnection, store: Store, parish_code: str,
                today: dt.date | None = None) -> ImportContext:
    """Everything an import into `parish_code` is checked against: the views and the store."""
    parish = query(con, "SELECT name FROM parishes WHERE parish_code = ?", [parish_code])
    associations = query(con, "SELECT association_id, name FROM associations WHERE parish_code = ? "
                              "ORDER BY association_id", [parish_code])
    existing = {v.item.proposal_id: v for v in records.proposals(store, parish_code)}
    elsewhere = ProposalsElsewhere(store, parish_code)
    deleted = {r.record_id: r.version for r in store.records(records.PROPOSAL, include_deleted=True) if r.deleted}
    pdot = {v.item.pdot_objective_id: v.item.objective_es for v in records.pdot_objectives(store, parish_code)}
    pnd = dict(query(con, "SELECT objective_id, objective_es FROM pnd_objectives ORDER BY plan_id, "
                          "objective_number").iter_rows())
    targets = frozenset(query(con, "SELECT target FROM sdg_targets")["target"].to_list())
    offers = {v.item.offer_id: v.item.title for v in records.offers(store)}
    competences = dict(query(con, "SELECT competence_code, title_es FROM gad_competences "
                                  "ORDER BY competence_code").iter_rows())
    problems = dict(query(con, "SELECT problem_id, label_es FROM problems WHERE parish_code = ? "
                               "ORDER BY problem_id", [parish_code]).iter_rows())
    return ImportContext(parish_code=parish_code, parish_name=parish["name"][0] if parish.height else parish_code,
                         associations=dict(associations.iter_rows()), existing=existing, elsewhere=elsewhere,
                         deleted=deleted,
                         pdot_objectives=pdot, pnd_objectives=pnd, sdg_targets=targets, offers=offers,
                         competences=competences, problems=problems, today=today or facts.today())


Action = Literal["new", "update", "unchanged", "error", "skipped"]  # skipped: its association awaits the planner


@dataclass
class PreviewRow:
    """One proposal row of the file: what it says, the model it makes, and what saving would do with it."""

    line: int
    proposal_id: str | None
    title: str | None
    association_id: str | None
    cost_usd: Any
    proposal: Proposal | None = None
    action: Action = "error"
    expected_version: int = 0
    notes: list[str] = field(default_factory=list)  # what was derived (the amount requested of the GAD)
    warnings: list[str] = field(default_factory=list)  # what will keep it out of the budget until completed


@dataclass
class ImportPreview:
    """What an import would do, row by row, and every problem found. Nothing is stored yet."""

    file: str
    rows: list[PreviewRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    update_existing: bool = False
    sheet_file: str | None = None  # how problems name the proposals sheet («archivo.xlsx › Propuestas»)
    choices: Mapping[str, AssociationChoice] = field(default_factory=dict)  # normalised name → planner's answer
    unregistered: dict[str, Unregistered] = field(default_factory=dict)  # normalised name → offer to create

    @property
    def refused(self) -> bool:
        """The whole file was refused (a problem without a row): nothing can be saved from it."""
        return any(p.row is None for p in self.problems) or not self.rows

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.rows)

    def count(self, action: Action) -> int:
        return sum(1 for r in self.rows if r.action == action)

    def to_save(self) -> list[PreviewRow]:
        return [r for r in self.rows if r.action in ("new", "update")]

    def table(self) -> pl.DataFrame:
        """One row per proposal row of the file, as people read it (Spanish column names are the page's)."""
        by_line: dict[int, list[str]] = {}
        for p in self.problems:
            if p.row is not None and p.file == (self.sheet_file or self.file):
                by_line.setdefault(p.row, []).append(f"{p.column}: {p.message}" if p.column else p.message)
        return pl.DataFrame(
            [{"line": r.line, "proposal_id": r.proposal_id, "title": r.title, "association_id": r.association_id,
              "cost_usd": r.cost_usd if isinstance(r.cost_usd, (int, float)) else None,
              "action": t(f"imp.action.{r.action}"), "problems": " · ".join(by_line.get(r.line, [])),
              "notes": " · ".join(r.notes), "warnings": " · ".join(r.warnings)}
             for r in self.rows],
            schema={"line": pl.Int64, "proposal_id": pl.Utf8, "title": pl.Utf8, "association_id": pl.Utf8,
                    "cost_usd": pl.Float64, "action": pl.Utf8, "problems": pl.Utf8, "notes": pl.Utf8,
                    "warnings": pl.Utf8})

    def problems_table(self) -> pl.DataFrame:
        return pl.DataFrame([{"file": p.file, "row": p.row, "column": p.column, "message": p.message}
                             for p in self.problems],
                            schema={"file": pl.Utf8, "row": pl.Int64, "column": pl.Utf8, "message": pl.Utf8})
