"""The build stamp: what the parquet files in a data folder were built from.

The stamp (`<data>/.build-stamp`, JSON) keeps one entry per input file (every file under data/sources/, the
code that shapes the parquet files and the SQL of the views the build pre-aggregates): `[size, mtime_ns,
sha256]`. `make run` asks `--if-stale` every time; a file whose size and modification time match its entry is
trusted without reading it, so an unchanged source tree costs one `stat` per file. Only files that moved are
hashed, and a file touched but unchanged (same hash) does not make the build stale.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from core.data.paths import ROOT, SQL_DIR

Entries = dict[str, list]  # relative path → [size, mtime_ns, sha256]


def build_inputs(sources_dir: Path) -> list[Path]:
    """Every source file and the modules whose code decides what the parquet files hold."""
    here = Path(__file__).parent
    models = ROOT / "core" / "proposals"
    code = [here / "build.py", here / "datasets.py", here / "frames.py", here / "sources.py", here / "rollups.py",
            here / "points.py", ROOT / "core" / "texts" / "fuentes.py",  # parish points and what they are
            models / "models.py", models / "offers.py", models / "competences.py", ROOT / "core" / "lists.py",
            *sorted((here / "schemas").glob("*.py")),
            *sorted(SQL_DIR.rglob("*.sql"))]  # the views the build pre-aggregates (core.data.rollups)
    return sorted(p for p in sources_dir.rglob("*") if p.is_file()) + code


def _name(path: Path) -> str:
    return str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def entries(paths: list[Path], previous: Entries | None = None) -> Entries:
    """Size, mtime and hash of each file; the hash is taken from `previous` when size and mtime match it."""
    previous = previous or {}
    current: Entries = {}
    for path in paths:
        name, status = _name(path), path.stat()
        known = previous.get(name)
        if known and known[0] == status.st_size and known[1] == status.st_mtime_ns:
            current[name] = known
        else:
            current[name] = [status.st_size, status.st_mtime_ns, _sha256(path)]
    return current


def digest(current: Entries) -> str:
    """One hash of every file's name and content hash (what changes when any input byte changes)."""
    combined = hashlib.sha256()
    for name in sorted(current):
        combined.update(f"{name}\0{current[name][2]}\n".encode())
    return combined.hexdigest()


def read(stamp: Path) -> Entries | None:
    """The entries of a stamp, or None when it is missing or not one this module wrote."""
    try:
        stored = json.loads(stamp.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return stored if isinstance(stored, dict) else None


def write(stamp: Path, current: Entries) -> None:
    temporary = stamp.with_name(f".{stamp.name}.tmp")
    temporary.write_text(json.dumps(current, indent=0, sort_keys=True), encoding="utf-8")
    os.replace(temporary, stamp)


def changed(stamp: Path, sources_dir: Path) -> bool:
    """Whether any input differs from the stamp (by content); refreshes the stamp's times when none does."""
    stored = read(stamp)
    if stored is None:
        return True
    current = entries(build_inputs(sources_dir), stored)
    if digest(current) != digest(stored):
        return True
    if current != stored:
        write(stamp, current)  # touched, not changed: remember the new times so the next check only stats
    return False
