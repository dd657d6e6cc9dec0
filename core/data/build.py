"""Build `data/*.parquet` from `data/sources/`, validating every row.

    python -m core.data.build              # always rebuild
    python -m core.data.build --if-stale   # rebuild only when a source or schema changed

A bad row stops the build with a Spanish message naming file, row and column; nothing in
`data/` is touched then. Every file is first written beside its target and renamed into place
only after all datasets validated, so a reader never sees half a file.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import polars as pl

from core.data import rollups, stamp
from core.data.datasets import DATASETS, Dataset
from core.data.db import view_files, write_rollups
from core.data.frames import to_frame
from core.data.paths import BUILD_STAMP, SOURCES_DIR, data_dir
from core.data.sources import READERS
from core.data.validation import RowProblem, SourceError, check_columns, validate_rows
from core.texts import t
from core.texts.argumentos import spanish_argparse

STAMP = BUILD_STAMP


def load_dataset(dataset: Dataset, sources_dir: Path = SOURCES_DIR) -> tuple[pl.DataFrame, list[RowProblem]]:
    """Read and validate one source; returns the frame of valid rows and every problem."""
    path = sources_dir / dataset.source
    label = f"data/sources/{dataset.source}"
    if not path.exists():
        return to_frame([], dataset.model), [RowProblem(label, None, None, t("val.file.missing"))]
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        return to_frame([], dataset.model), [RowProblem(label, None, None, t("val.file.kind"))]
    try:
        header, rows = reader(path, label)
    except SourceError as exc:
        return to_frame([], dataset.model), exc.problems
    problems = check_columns(header, dataset.model, label) if path.suffix.lower() == ".csv" else []
    if problems:
        return to_frame([], dataset.model), problems
    valid, problems = validate_rows(rows, dataset.model, label, dataset.key)
    frame = to_frame(valid, dataset.model)
    # Keep the source line of each row so a later check (foreign keys) can point at it.
    lines = [line for line, _ in rows]
    if not problems:
        frame = frame.with_columns(pl.Series("_line", lines, dtype=pl.Int64))
    return frame, problems


def _foreign_key_problems(frames: dict[str, pl.DataFrame]) -> list[RowProblem]:
    problems = []
    for dataset in DATASETS:
        frame = frames.get(dataset.name)
        if frame is None or "_line" not in frame.columns:
            continue
        for column, (target, target_column) in dataset.references.items():
            known = set(frames[target][target_column].to_list()) if target in frames else set()
            values = frame.select(column, "_line")
            for value, line in values.iter_rows():
                items = value if isinstance(value, list) else [value]
                for item in items:
                    if item is not None and item not in known:
                        problems.append(RowProblem(
                            f"data/sources/{dataset.source}", line, column,
                            t("val.file.foreign_key", value=item, dataset=target, column=target_column)))
    return problems


def validate_all(sources_dir: Path = SOURCES_DIR) -> dict[str, pl.DataFrame]:
    """Every dataset as a validated frame; raises SourceError listing all problems."""
    frames: dict[str, pl.DataFrame] = {}
    problems: list[RowProblem] = []
    for dataset in DATASETS:
        frame, found = load_dataset(dataset, sources_dir)
        frames[dataset.name] = frame
        problems.extend(found)
    problems.extend(_foreign_key_problems(frames))
    if problems:
        raise SourceError(problems)
    return {name: frame.drop("_line") for name, frame in frames.items()}


def provenance_frame() -> pl.DataFrame:
    """One row per dataset: where its figures come from and whether its rows are generated."""
    return pl.DataFrame(
        {
            "dataset": [d.name for d in DATASETS],
            "source_file": [f"data/sources/{d.source}" for d in DATASETS],
            "provenance": [d.provenance for d in DATASETS],
            "is_synthetic": [d.synthetic for d in DATASETS],
        }
    )


def fingerprint(sources_dir: Path = SOURCES_DIR) -> str:
    """A hash of every source file and of the code that shapes the parquet files (all read)."""
    return stamp.digest(stamp.entries(stamp.build_inputs(sources_dir)))


def is_stale(out_dir: Path, sources_dir: Path = SOURCES_DIR) -> bool:
    """Whether `out_dir` lacks a dataset or was built from other inputs; reads only files that moved."""
    if any(not (out_dir / f"{d.name}.parquet").exists() for d in DATASETS):
        return True
    if rollups.usable(out_dir, view_files())[0] is None:  # none written, or not those of these files
        return True
    return stamp.changed(out_dir / STAMP, sources_dir)


def with_parish_code(aid: pl.DataFrame, associations: pl.DataFrame) -> pl.DataFrame:
    """Aid records with their association's parish_code, sorted by it: the `aid` view filters a parish on the
    file's own column, so DuckDB skips other parishes' row groups instead of joining the whole country first."""
    parishes = associations.select("association_id", "parish_code")
    return aid.join(parishes, on="association_id", how="left").sort("parish_code", "aid_id", nulls_last=True)


def build(out_dir: Path | None = None, sources_dir: Path = SOURCES_DIR, *, pre_aggregate: bool = True) -> list[Path]:
    """Validate all sources, write every parquet file atomically, then the views' pre-aggregated tables
    (core.data.rollups; `pre_aggregate=False` when a caller replaces files first). Returns the files written."""
    out_dir = out_dir or data_dir()
    frames = validate_all(sources_dir)
    frames["aid"] = with_parish_code(frames["aid"], frames["associations"])
    frames["data_sources"] = provenance_frame()
    out_dir.mkdir(parents=True, exist_ok=True)
    pending: list[tuple[Path, Path]] = []
    try:
        for name, frame in frames.items():
            target = out_dir / f"{name}.parquet"
            temporary = out_dir / f".{name}.parquet.tmp"
            frame.write_parquet(temporary)
            pending.append((temporary, target))
    except Exception:
        for temporary, _ in pending:
            temporary.unlink(missing_ok=True)
        raise
    for temporary, target in pending:
        os.replace(temporary, target)
    if pre_aggregate:
        write_rollups(out_dir)
    stamp.write(out_dir / STAMP, stamp.entries(stamp.build_inputs(sources_dir)))
    return [target for _, target in pending]


def main(argv: list[str] | None = None) -> int:
    spanish_argparse()
    parser = argparse.ArgumentParser(description=t("cli.build.description"))
    parser.add_argument("--if-stale", action="store_true", help=t("cli.build.if_stale"))
    args = parser.parse_args(argv)
    out_dir = data_dir()
    if args.if_stale and not is_stale(out_dir, SOURCES_DIR):
        print(t("cli.build.up_to_date"))
        return 0
    try:
        written = build(out_dir, SOURCES_DIR)
    except SourceError as exc:
        print(t("cli.build.failed"), file=sys.stderr)
        print(str(exc), file=sys.stderr)
        return 1
    print(t("cli.build.done", count=len(written), folder=out_dir))
    return 0


if __name__ == "__main__":
    sys.exit(main())
