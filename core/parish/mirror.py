"""Entered records mirrored to parquet, one file per (dataset, parish), for the views.

The store (SQLite) is the truth for what people enter; DuckDB 2.0 here cannot load its sqlite
extension offline, so a parish's records are written again as `<store>-registros/<dataset>/<parish_code>.parquet`
whenever they changed in the store (`sync`, called before the views are read: it compares each parish's
`Store.fingerprints` with those the files were written from, and the files with their stamps and SHA-256 then, kept
in a mark the installation's key seals (core.parish.mirror_mark), so that a file deleted, replaced or edited by hand
is written again before a view reads it, even with the mark rewritten to match). A dataset the parish holds nothing
of has no file; a file no parish could have written (a dot file put in by hand) is deleted.
`core.data.db.connect` reads each dataset as the built demo rows UNION ALL BY NAME these files, so the views read
entered and built records the same way. Columns and types follow the built datasets' models (core.data.frames),
plus a few of their own (an association's RUC and communities, the member who received an aid). A stored record
that its model does not admit (changed by hand, which the log's verification names) is left out rather than stop
every page.

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
from pydantic import BaseModel, ValidationError

from core.data.frames import polars_schema, to_frame
from core.data.schemas.catalogues import PdotObjective
from core.data.schemas.study import (
    AidRecord,
    Association,
    Member,
    MemberNeed,
    RankedProblem,
)
from core.parish import mirror_mark
from core.parish.models import ParishAid, ParishAssociation, ParishProblem, SurveyAnswer
from core.proposals.models import Proposal
from core.record.signing import file_lock
from core.record.store import Store, default_path

ASSOCIATION, ANSWER, AID, PROBLEM = "parish_association", "survey_answer", "parish_aid", "parish_problem"
PDOT, PROPOSAL = "pdot_objective", "proposal"  # the kinds core.proposals.records keeps them under
# each mirrored kind and the model its stored bodies must fit to be copied
MODELS: dict[str, type[BaseModel]] = {ASSOCIATION: ParishAssociation, ANSWER: SurveyAnswer, AID: ParishAid,
                                      PROBLEM: ParishProblem, PDOT: PdotObjective, PROPOSAL: Proposal}
OVERRIDDEN_BY = {"proposals": "proposal_id"}  # dataset → id column whose stored rows replace built ones
TOMBSTONE = "stored_deleted"

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
    """The parish's live records of `kind` that its model admits."""
    return [r.body for r in store.records(kind, parish_code) if _admitted(kind, r.body) is not None]


def _admitted(kind: str, body: dict[str, Any]) -> BaseModel | None:
    """The body as its kind's model; None when the model does not admit it."""
    try:
        return MODELS[kind].model_validate(body)
    except ValidationError:
        return None


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
    shown = {r.record_id: model for r in stored if not r.deleted and (model := _admitted(PROPOSAL, r.body))}
    live = to_frame(list(shown.values()), Proposal)
    hidden = [r.record_id for r in stored if r.record_id not in shown]  # deleted, or not admitted: no demo row
    deleted = pl.DataFrame({"proposal_id": hidden}, schema={"proposal_id": pl.Utf8})
    return pl.concat([live.with_columns(pl.lit(False).alias(TOMBSTONE)),
                      deleted.with_columns(pl.lit(True).alias(TOMBSTONE))], how="diagonal_relaxed"
                     ).select(pl.col(name).cast(dtype) for name, dtype in SCHEMAS["proposals"].items())


def _file_name(parish_code: object) -> bool:
    """Whether `parish_code` can name a file inside a dataset's folder (no folder, no dot file)."""
    return isinstance(parish_code, str) and parish_code == Path(parish_code).name and not parish_code.startswith(".")


def write_parish(store: Store, parish_code: str, digests: dict[str, str] | None = None) -> Path:
    """Write the parish's mirrored files again, each atomically (a reader never sees half a file); a dataset it
    holds nothing of loses its file, so the views read that dataset's rollup for the parish. Raises ValueError for
    a code that is no file name: nothing is written or deleted outside the mirror folder. `digests` gets each
    written file's SHA-256, of the bytes written (`dataset/parish.parquet` → hex)."""
    if not _file_name(parish_code):
        raise ValueError(f"parish code {parish_code!r} cannot name a mirrored file")
    root = entered_root(store.path)
    for name, frame in parish_frames(store, parish_code).items():
        folder = root / name
        target = folder / f"{parish_code}.parquet"
        if frame.is_empty():
            target.unlink(missing_ok=True)
            continue
        folder.mkdir(parents=True, exist_ok=True)
        staging = folder / f".{parish_code}.{os.getpid()}.{threading.get_ident()}.tmp"  # one per writer
        try:
            frame.write_parquet(staging)
            if digests is not None:
                digests[f"{name}/{target.name}"] = mirror_mark.digest(staging)
            os.replace(staging, target)
        finally:
            staging.unlink(missing_ok=True)
    return root


def sync(store: Store | None = None) -> bool:
    """Write again the files of each parish whose records changed in the store since they were written (saved,
    deleted, removed, or a whole store restored or put in its place), whoever changed them: a page, a command,
    another process. Without `store`, the default store, and nothing when it does not exist yet. False when the
    files could not be written (a full or read-only disk, a record that cannot be copied): the views then show
    what the files held, and the next call tries again."""
    if store is None:
        if not default_path().exists():
            return True
        store = Store()
    root = entered_root(store.path)
    try:
        key, context = mirror_mark.secret(store.key_path), store.path.name
        written = _written_from(root, key, context)
        if written is not None and written == {"records": _fingerprints(store),
                                               "files": mirror_mark.stamps(root, SCHEMAS)}:
            return True
        root.mkdir(parents=True, exist_ok=True)
        with file_lock(root / ".escritura.lock"):  # one writer at a time, in every thread and process
            # read before the records they stand for
            current, written = _fingerprints(store), _written_from(root, key, context)
            files = mirror_mark.stamps(root, SCHEMAS)
            if written is None:  # never written, unreadable, or not sealed by this installation: every parish
                written = {"records": {}, "files": {}}
                stale = {Path(name).stem for name in files} | set(current)
            else:  # records changed in the store, or files changed by hand (deleted, replaced, edited, added)
                stale = {p for p in current.keys() | written["records"].keys()
                         if current.get(p) != written["records"].get(p)}
                stale |= {Path(name).stem for name in files.keys() | written["files"].keys()
                          if files.get(name) != written["files"].get(name)}
            for name in files:  # a dot file put in by hand is no parish's, but the views' glob reads it
                if not _file_name(Path(name).stem):
                    (root / name).unlink(missing_ok=True)
            # the digest of each file as Minga wrote it: kept (its parish is not stale) or written now
            known = {name: stamp[-1] for name, stamp in files.items() if Path(name).stem not in stale}
            for parish_code in sorted(filter(_file_name, stale)):
                write_parish(store, parish_code, known)
            # a file changed meanwhile is left out of the mark, so the next call writes it again
            sealed = {name: stamp for name, stamp in mirror_mark.stamps(root, SCHEMAS).items()
                      if known.get(name) == stamp[-1]}
            mirror_mark.write(root, key, context, current, sealed)
    except Exception:  # noqa: BLE001 - a copy that cannot be written must not stop the pages that read the files
        return False
    return True


def _fingerprints(store: Store) -> dict[str, list]:
    """Each parish's fingerprint of its records of the mirrored kinds, as the mark file keeps it (lists)."""
    return {parish: list(mark) for parish, mark in store.fingerprints(tuple(MODELS)).items()}


def _written_from(root: Path, key: bytes, context: str) -> dict[str, dict] | None:
    """The mark (mirror_mark.read): {"records": each parish's fingerprints, "files": the files' stamps} when they
    were last written; None when missing, unreadable, of an older shape, not sealed by this installation, or naming
    a parish that is no file name («../x» would write or delete outside the mirror folder)."""
    found = mirror_mark.read(root, key, context)
    return found if found is not None and all(map(_file_name, found["records"])) else None


def write_again(pattern: str) -> None:
    """Write again, from the store, every parish's mirrored files in the folder of `pattern` (a dataset's glob, as
    entered_datasets gives it): one of them could not be read."""
    for path in Path(pattern).parent.glob("*.parquet"):
        write_parish(Store(), path.stem)
