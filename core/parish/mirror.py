"""Entered records mirrored to parquet, one file per (dataset, parish), for the diagnosis views.

The store (SQLite) is the truth for what people enter; DuckDB 2.0 here cannot load its sqlite
extension offline, so after every save the parish's records are written again as
`<store>-registros/<dataset>/<parish_code>.parquet`. `core.data.db.connect` reads each dataset as the
built demo rows UNION ALL BY NAME these files, so the views read entered and built records the same
way. Columns and types follow the built datasets' models (core.data.frames), plus a few of their own
(an association's RUC and communities, the member who received an aid).
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from typing import Any

import polars as pl

from core.data.frames import polars_schema
from core.data.schemas.catalogues import PdotObjective
from core.data.schemas.study import (
    AidRecord,
    Association,
    Member,
    MemberNeed,
    RankedProblem,
)
from core.record.store import Store, default_path

ASSOCIATION, ANSWER, AID, PROBLEM = "parish_association", "survey_answer", "parish_aid", "parish_problem"
PDOT = "pdot_objective"  # the kind core.proposals.records keeps PDOT objectives under

SCHEMAS: dict[str, dict[str, pl.DataType]] = {
    "associations": {**polars_schema(Association), "ruc": pl.Utf8(), "communities": pl.Utf8(),
                     "local_code": pl.Utf8()},
    "members": {**polars_schema(Member), "submitted_at": pl.Utf8()},
    "member_needs": polars_schema(MemberNeed),
    "aid": {**polars_schema(AidRecord), "member_id": pl.Utf8(), "parish_code": pl.Utf8()},
    "problems": polars_schema(RankedProblem),
    "pdot_objectives": polars_schema(PdotObjective),
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
    problems = [{"problem_id": f"{b['parish_code']}-{b['code']}", "parish_code": b["parish_code"], "rank": rank,
                 "label_es": b["label_es"], "label_en": None, "votes": b.get("votes", 0), "is_synthetic": False}
                for rank, b in enumerate(ordered, start=1)]
    pdot = [b for b in _bodies(store, PDOT, parish_code) if b["pdot_objective_id"].startswith(f"{parish_code}-")]
    rows = {"associations": associations, "members": members, "member_needs": needs, "aid": aid,
            "problems": problems, "pdot_objectives": pdot}
    return {name: pl.DataFrame([{k: r.get(k) for k in SCHEMAS[name]} for r in data], schema=SCHEMAS[name])
                       if data else pl.DataFrame(schema=SCHEMAS[name])
            for name, data in rows.items()}


def write_parish(store: Store, parish_code: str) -> Path:
    """Write the parish's mirrored files again (each atomically: a reader never sees half a file)."""
    root = entered_root(store.path)
    for name, frame in parish_frames(store, parish_code).items():
        folder = root / name
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{parish_code}.parquet"
        staging = folder / f".{parish_code}.parquet.tmp"
        frame.write_parquet(staging)
        os.replace(staging, target)
    return root


def write_all(store: Store) -> None:
    """Write again every parish's mirrored files from `store`: after a restore, the parishes it holds and those
    whose files are left from the store it replaced (their records may be gone)."""
    root = entered_root(store.path)
    parishes = {path.stem for name in SCHEMAS for path in (root / name).glob("*.parquet")}
    parishes |= {r.parish_code for kind in (ASSOCIATION, ANSWER, AID, PROBLEM) for r in store.records(kind)
                 if r.parish_code}
    for parish_code in sorted(parishes):
        write_parish(store, parish_code)


def write_again(pattern: str) -> None:
    """Write again, from the store, every parish's mirrored files in the folder of `pattern` (a dataset's glob, as
    entered_datasets gives it): one of them could not be read."""
    for path in Path(pattern).parent.glob("*.parquet"):
        write_parish(Store(), path.stem)
