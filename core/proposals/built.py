"""The demo's proposals, offers, PDOT objectives and associations where the build wrote them (`<data>/<dataset>.parquet`), as the
bodies the store would keep: read per parish, validated by their models, never copied into the store
(core.record.overlay lays the store's rows over them).

At national scale the proposals file holds 50,000 rows sorted by parish: a parish's rows are read alone (the
row groups of other parishes are skipped) and cached, a few parishes at a time; an id → parish index (one
column) finds any single proposal. A rebuilt file (another size or time) is read again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

import polars as pl
from pydantic import BaseModel

from core.data.paths import data_dir
from core.data.schemas.catalogues import PdotObjective
from core.data.schemas.study import Association
from core.proposals.models import Proposal
from core.proposals.offers import CooperationOffer
from core.record.overlay import BuiltRow, built_at

PARISHES_CACHED = 16


@dataclass(frozen=True)
class _FileState:
    path: str
    size: int
    mtime_ns: int

    @property
    def built_at(self) -> str:
        return built_at(self.mtime_ns)


@dataclass(frozen=True)
class BuiltParquet:
    """One built dataset: its file name, id column and model; `by_parish` when its rows carry a parish code."""

    dataset: str
    id_column: str
    model: type[BaseModel]
    by_parish: bool = True

    def _state(self) -> _FileState | None:
        path = data_dir() / f"{self.dataset}.parquet"
        try:
            status = path.stat()
        except OSError:
            return None  # no built file: no demo records of this kind
        return _FileState(str(path), status.st_size, status.st_mtime_ns)

    def rows(self, parish_code: str | None) -> Mapping[str, BuiltRow]:
        state = self._state()
        return _rows(self, state, parish_code if self.by_parish else None) if state is not None else {}

    def one(self, record_id: str) -> BuiltRow | None:
        state = self._state()
        if state is None:
            return None
        parish = _index(self, state).get(record_id) if self.by_parish else None
        if self.by_parish and parish is None:
            return None
        return _rows(self, state, parish).get(record_id)


@lru_cache(maxsize=8)
def _index(source: BuiltParquet, state: _FileState) -> dict[str, str]:
    """Record id → parish code, of every row of the file (two columns read)."""
    frame = pl.read_parquet(state.path, columns=[source.id_column, "parish_code"])
    return dict(frame.iter_rows())


@lru_cache(maxsize=PARISHES_CACHED)
def _rows(source: BuiltParquet, state: _FileState, parish_code: str | None) -> dict[str, BuiltRow]:
    scan = pl.scan_parquet(state.path)
    if parish_code is not None:
        scan = scan.filter(pl.col("parish_code") == parish_code)
    frame = scan.sort(source.id_column).collect()
    fields = [c for c in source.model.model_fields if c in frame.columns]
    found = {}
    for row in frame.select(fields).to_dicts():
        body = source.model.model_validate(row).model_dump(mode="json")
        found[body[source.id_column]] = BuiltRow(body.get("parish_code"), body, state.built_at)
    return found


PROPOSALS = BuiltParquet("proposals", "proposal_id", Proposal)
OFFERS = BuiltParquet("offers", "offer_id", CooperationOffer, by_parish=False)
PDOT_OBJECTIVES = BuiltParquet("pdot_objectives", "pdot_objective_id", PdotObjective)
ASSOCIATIONS = BuiltParquet("associations", "association_id", Association)  # read only: the store never edits them
