"""Entered records mirrored to parquet, one file per (dataset, parish), for the views.

The store (SQLite) is the truth for what people enter; DuckDB 2.0 here cannot load its sqlite
extension offline, so the parish's records are written again as `<store>-registros/<dataset>/<parish_code>.parquet`
whenever the store's log has moved on (`sync`, called before the views are read). `core.data.db.connect` reads
each dataset as the built demo rows UNION ALL BY NAME these files, so the views read entered and built records the
same way. Columns and types follow the built datasets' models (core.data.frames), plus a few of their own
(an association's RUC and communities, the member who received an aid).

Proposals are the one dataset whose stored rows replace built ones: the store keeps a demo proposal once it is
edited (core.record.overlay), so its file holds every stored proposal of the parish, a deleted one as a row marked
`stored_deleted` (OVERRIDDEN_BY: the built row with the same id is left out).
"""

from __future__ import annotations

import os
import threading
from collections import Counter
from pathlib import Path
from typing import Any

import polars as pl
from pydantic import ValidationError

from core.data.frames import polars_schema, to_frame
from core.data.schemas.catalogues import PdotObjective
from core.data.schemas.study import (
    AidRecord,
    Association,
    Member,
    MemberNeed,
    RankedProblem,
)
from core.proposals.models import Proposal
from core.record.store import Store, default_path

ASSOCIATION, ANSWER, AID, PROBLEM = "parish_association", "survey_answer", "parish_aid", "parish_problem"
PDOT, PROPOSAL = "pdot_objective", "proposal"  # the kinds core.proposals.records keeps them under
MIRRORED_KINDS = (ASSOCIATION, ANSWER, AID, PROBLEM, PDOT, PROPOSAL)
# A restore logs an entry of this kind: the store's records may all have changed.
_STORE_EVENTS = "store"
OVERRIDDEN_BY = {"proposals": "proposal_id"}  # dataset → id column whose stored rows replace built ones
TOMBSTONE = "stored_deleted"
_SYNC_MARK = ".registro-leido"  # the log position the files were last written at
_SYNCING = threading.Lock()

SCHEMAS: dict[str, dict[str, pl.DataType]] = {
    "associations": {**polars_schema(Association), "ruc": pl.Utf8(), "communities": pl.Utf8(),
                     "local_code": pl.Utf8()},
    "members": {**polars_schema(Member), "submitted_at": pl.Utf8()},
    "member_needs": polars_schema(MemberNeed),
    "aid": {**polars_schema(AidRecord), "member_id": pl.Utf8(), "parish_code": pl.Utf8()},
    "problems": polars_schema(RankedProblem),
    "pdot_objectives": polars_schema(PdotObjective),
    "proposals": {**polars_schema(Proposal), TOMBSTONE: pl.Boolean()},
}


def entered_root(store_path: Path | None = None) -> Path:
    """The folder of the mirrored files, next to the store: `minga.sqlite` → `minga-registros/`."""
    path = Path(store_path) if store_path is not None else default_path()
    return path.parent / f"{path.stem}-registros"


def entered_datasets(root: Path) -> dict[str, str]:
    """Dataset → glob of its mirrored files, for the datasets that have at least one file."""
    found = {}
    for name in SCHEMAS:
        folder = root / name
        if folder.is_dir() and any(folder.glob("*.parquet")):
            found[name] = str((folder / "*.parquet").resolve())
    return found


def _bodies(store: Store, kind: str, parish_code: str) -> list[dict[str, Any]]:
    return [r.body for r in store.records(kind, parish_code)]


def parish_frames(store: Store, parish_code: str) -> dict[str, pl.DataFrame]:
    """The parish's entered records as the rows each dataset holds."""
    answers = _bodies(store, ANSWER, parish_code)
    surveyed = Counter(a["association_id"] for a in answers)
    associations = [{
        "association_id": f"{b['parish_code']}-{b['code']}", "parish_code": b["parish_code"], "name": b["name"],
        "registered_with": b.get("registered_with"), "members_total": b["members_total"],
        "members_surveyed": surveyed.get(f"{b['parish_code']}-{b['code']}", 0),
        "main_products_es": b.get("main_products_es"), "has_ruc": b.get("ruc") is not None,
        "is_synthetic": False, "ruc": b.get("ruc"), "communities": b.get("communities"), "local_code": b["code"],
    } for b in _bodies(store, ASSOCIATION, parish_code)]
    members = [{**{k: a.get(k) for k in SCHEMAS["members"]}, "is_synthetic": False} for a in answers]
    needs = [{"member_id": a["member_id"], "need": need, "is_synthetic": False}
             for a in answers for need in a.get("needs", [])]
    aid = [{**{k: b.get(k) for k in SCHEMAS["aid"]}, "aid_id": f"{b['parish_code']}-{b['code']}",
            "parish_code": b["parish_code"],  # the `aid` view filters a parish on it, as on the built rows
            "description_es": b.get("description_es") or "", "is_synthetic": False}
           for b in _bodies(store, AID, parish_code)]
    ordered = sorted(_bodies(store, PROBLEM, parish_code), key=lambda b: (-b.get("votes", 0), b["code"]))
    votes = [b.get("votes", 0) for b in ordered]
    problems = [{"problem_id": f"{b['parish_code']}-{b['code']}", "parish_code": b["parish_code"],
                 "rank": votes.index(b.get("votes", 0)) + 1,  # tied votes share a rank: 1, 2, 2, 4
                 "label_es": b["label_es"], "label_en": None, "votes": b.get("votes", 0), "is_synthetic": False}
                for b in ordered]
    pdot = [b for b in _bodies(store, PDOT, parish_code) if b["pdot_objective_id"].startswith(f"{parish_code}-")]
    rows = {"associations": associations, "members": members, "member_needs": needs, "aid": aid,
            "problems": problems, "pdot_objectives": pdot}
    frames = {name: pl.DataFrame([{k: r.get(k) for k in SCHEMAS[name]} for r in data], schema=SCHEMAS[name])
              if data else pl.DataFrame(schema=SCHEMAS[name])
              for name, data in rows.items()}
    return {**frames, "proposals": _proposals_frame(store, parish_code)}


def _proposals_frame(store: Store, parish_code: str) -> pl.DataFrame:
    """Every proposal the store holds for the parish, as the built file's rows; a deleted one keeps only its id and
    is marked, so the view also leaves out the built proposal it deleted."""
    stored = store.records(PROPOSAL, parish_code, include_deleted=True)
    live = to_frame([p for r in stored if not r.deleted and (p := _valid_proposal(r.body))], Proposal)
    deleted = pl.DataFrame({"proposal_id": [r.record_id for r in stored if r.deleted]}, schema={"proposal_id": pl.Utf8})
    return pl.concat([live.with_columns(pl.lit(False).alias(TOMBSTONE)),
                      deleted.with_columns(pl.lit(True).alias(TOMBSTONE))], how="diagonal_relaxed"
                     ).select(pl.col(name).cast(dtype) for name, dtype in SCHEMAS["proposals"].items())


def _valid_proposal(body: dict[str, Any]) -> Proposal | None:
    """The stored body as a proposal; None for one no save could have written (changed by hand, which the log's
    verification names): it stays out of the view rather than stop every page that reads it."""
    try:
        return Proposal.model_validate(body)
    except ValidationError:
        return None


def write_parish(store: Store, parish_code: str) -> Path:
    """Write the parish's mirrored files again (each atomically: a reader never sees half a file)."""
    root = entered_root(store.path)
    for name, frame in parish_frames(store, parish_code).items():
        folder = root / name
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{parish_code}.parquet"
        staging = folder / f".{parish_code}.{os.getpid()}.{threading.get_ident()}.tmp"  # one per writer
        frame.write_parquet(staging)
        os.replace(staging, target)
    return root


def write_all(store: Store) -> None:
    """Write again every parish's mirrored files from `store`: after a restore, the parishes it holds and those
    whose files are left from the store it replaced (their records may be gone)."""
    root = entered_root(store.path)
    parishes = {path.stem for name in SCHEMAS for path in (root / name).glob("*.parquet")}
    parishes |= {r.parish_code for kind in MIRRORED_KINDS for r in store.records(kind, include_deleted=True)
                 if r.parish_code}
    for parish_code in sorted(parishes):
        write_parish(store, parish_code)


def sync(store: Store | None = None) -> bool:
    """Write the mirrored files again when the store's log moved on since they were written (a record of a mirrored
    kind saved, deleted or removed, or a backup restored), whoever wrote it: a page, a command, another process.
    Without `store`, the default store, and nothing when it does not exist yet. False when the files could not be
    written (a full or read-only disk): the views then show what the files held."""
    if store is None:
        if not default_path().exists():
            return True
        store = Store()
    mark = entered_root(store.path) / _SYNC_MARK
    position = ",".join(map(str, store.last_seq((*MIRRORED_KINDS, _STORE_EVENTS))))
    try:
        if mark.read_text(encoding="utf-8") == position:
            return True
    except OSError:
        pass  # never written: write them
    try:
        with _SYNCING:
            write_all(store)
            mark.parent.mkdir(parents=True, exist_ok=True)
            mark.write_text(position, encoding="utf-8")
    except OSError:
        return False
    return True


def write_again(pattern: str) -> None:
    """Write again, from the store, every parish's mirrored files in the folder of `pattern` (a dataset's glob, as
    entered_datasets gives it): one of them could not be read."""
    for path in Path(pattern).parent.glob("*.parquet"):
        write_parish(Store(), path.stem)
