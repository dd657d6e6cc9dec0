"""Pre-aggregated per-parish tables ("rollups") of the views that aggregate many records, written by the build.

A diagnosis page reads a view for one parish. At national scale (1.000.000 aid records, 150.000 members) a view
such as `aid_institution_pairs` or `member_answers` would join and group a parish's records on every read;
the rollup computes it once, when the data is built, with the view's own SQL (the only definition of it).

Layout of `<data>/rollups/`:
- `rollups-<build>.duckdb`: a DuckDB database with one table per view, every row of the view over the built files,
  sorted by parish_code (then the view's own order). DuckDB keeps the min and max of each column per block, so
  a read for one parish touches that parish's blocks only; and unlike a parquet file, whose footer (hundreds of
  row groups at national scale) is parsed again by every query, the attached database's catalogue is read once
  per connection. A read for one parish costs about 3 ms instead of 15–20 ms;
- `manifest.json`: what the rollups were computed from (size and mtime of each built parquet file, a hash
  of the SQL of every view), the database's name, size and mtime, and the views it holds.

Each build writes a database of a new name and then removes the older ones it can: a running app keeps its
older database open (on Windows an open file can be neither replaced nor removed) until its connection is
renewed, and the manifest names the one to read.

`core.data.db.connect` reads a rollup in place of its view only while the manifest matches the folder and
the SQL (`usable`); otherwise the view computes as written. Parishes with records entered in the store
(core.parish.mirror) are always computed from the records (`view_sql`): the build never saw them.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import time
from pathlib import Path

import duckdb

FOLDER = "rollups"
MANIFEST = "manifest.json"
DATABASE = "rollups-{build}.duckdb"  # one name per build (time in ns), recorded in the manifest
ATTACHED = "minga_rollups"  # the name a connection attaches DATABASE under (read only)
FORMAT = 3  # bump when the layout changes: older manifests are then not used
BATCH_RECORDS = 100_000  # aid and member records per range of parishes computed at once: memory stays bounded
# Views read per parish whose work grows with the parish's records; each has a parish_code column.
# Listed before the views that read them (members, member_economy, aid_institution_pairs).
VIEWS = ("members", "member_answers", "household_roles", "member_economy", "economy_distribution",
         "economy_by_association", "migration_households", "need_mentions", "expectation_groups", "aid_flows",
         "aid_atomization", "aid_institution_pairs", "aid_institutions", "parish_overview", "parish_comparison")
_PARISH_CODE = re.compile(r"^[0-9A-Za-z_-]+$")
_QUALIFIER = re.compile(r"\b[a-z_][a-z0-9_]*\.(?=[a-z_])")


def sql_digest(views: dict[str, str]) -> str:
    """One hash of every view's SQL: a rollup computed with other SQL is not used."""
    combined = hashlib.sha256()
    for name in sorted(views):
        combined.update(f"{name}\0{views[name]}\0".encode())
    return combined.hexdigest()


def _inputs(folder: Path) -> dict[str, list[int]]:
    """Each built parquet file of `folder`: [size, mtime_ns] (a stat each, nothing read)."""
    return {p.name: [p.stat().st_size, p.stat().st_mtime_ns] for p in sorted(folder.glob("*.parquet"))}


def final_order(sql: str) -> str:
    """The view's closing ORDER BY (at the outermost level), with table qualifiers dropped; '' when none.

    `ORDER BY m.association_id, m.family_abroad` → `association_id, family_abroad`: the rollup view sorts
    its own columns the way the view does.
    """
    text = re.sub(r"--[^\n]*", "", sql).strip().rstrip(";")
    depth, position = 0, None
    for index, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0 and text.startswith("ORDER BY", index):
            position = index
    if position is None or depth != 0:
        return ""
    tail = text[position + len("ORDER BY"):]
    if any(word in tail.upper().split() for word in ("SELECT", "FROM", "UNION", "LIMIT")):
        return ""
    return " ".join(_QUALIFIER.sub("", tail).split())


def _blank_parish_records(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether a built file has records without a parish code. Members and needs reach their parish through
    their association, which the build requires to exist, so only files with a parish_code column can."""
    tables = [name for (name,) in con.execute(
        "SELECT DISTINCT table_name FROM information_schema.columns "
        "WHERE table_name LIKE 'raw\\_%' ESCAPE '\\' AND column_name = 'parish_code'").fetchall()]
    return any(con.execute(f"SELECT count(*) FROM {name} WHERE parish_code IS NULL").fetchone()[0]
               for name in tables)


def _batches(con: duckdb.DuckDBPyConnection) -> list[str]:
    """WHERE clauses that split the parishes into code ranges of about BATCH_RECORDS aid and member records each,
    in order (then blank codes, only when some record has none: that filter does not reach the files, it
    computes the whole country). Data as small as El Valle's is one batch, with no filter."""
    records = sum(con.execute(f"SELECT count(*) FROM raw_{name}").fetchone()[0] for name in ("aid", "members"))
    if records <= BATCH_RECORDS:
        return ["true"]
    codes = [code for (code,) in con.execute("SELECT DISTINCT parish_code FROM raw_associations ORDER BY 1").fetchall()
             if code and _PARISH_CODE.match(code)]  # the parishes with records: ranges of about equal work
    step = max(1, -(-len(codes) * BATCH_RECORDS // records))
    bounds = [f"'{code}'" for code in codes[step::step]]
    lows, highs = [None, *bounds], [*bounds, None]
    ranges = [" AND ".join(part for part in (low and f"parish_code >= {low}", high and f"parish_code < {high}")
                           if part) or "parish_code IS NOT NULL" for low, high in zip(lows, highs, strict=True)]
    return [*ranges, "parish_code IS NULL"] if _blank_parish_records(con) else ranges


def _write_one(con: duckdb.DuckDBPyConnection, name: str, order: str, batches: list[str]) -> None:
    """One rollup table: each batch of parishes computed and sorted on its own (memory bounded by a batch),
    appended in order."""
    sort = f"parish_code{', ' + order if order else ''}"
    for index, where in enumerate(batches):
        rows = f"SELECT * FROM {name} WHERE {where} ORDER BY {sort}"
        con.execute(f"CREATE TABLE {ATTACHED}.{name} AS {rows}" if index == 0
                    else f"INSERT INTO {ATTACHED}.{name} {rows}")


def write(con: duckdb.DuckDBPyConnection, folder: Path, views: dict[str, str]) -> Path:
    """Compute every rollup over `con` (views computed from the records, nothing entered) into a new database in
    `folder`, and return its path.

    Once a rollup is written, `con` reads it in place of its view, so a later rollup that reads it (as
    aid_institutions reads aid_institution_pairs) does not compute it again. The database is written under a
    temporary name and moved into place whole, and the manifest is written last: a reader sees either no usable
    rollups or all of them. `con` is closed by the caller (its views then read a detached database).
    """
    target_dir = folder / FOLDER
    target_dir.mkdir(parents=True, exist_ok=True)
    (target_dir / MANIFEST).unlink(missing_ok=True)  # until every table below is in place, none is used
    target = target_dir / DATABASE.format(build=time.time_ns())
    temporary = target.with_name(f".{target.name}.tmp")
    batches = _batches(con)
    con.execute(f"ATTACH '{_literal(temporary)}' AS {ATTACHED}")
    try:
        for name in VIEWS:
            _write_one(con, name, final_order(views[name]), batches)
            con.execute(f"CREATE OR REPLACE VIEW {name} AS {view_sql(name, final_order(views[name]), name, [])}")
        con.execute(f"DETACH {ATTACHED}")
        os.replace(temporary, target)
    finally:
        con.execute(f"DETACH DATABASE IF EXISTS {ATTACHED}")
        for leftover in (temporary, temporary.with_name(f"{temporary.name}.wal")):
            with contextlib.suppress(OSError):
                leftover.unlink(missing_ok=True)
    manifest = {"format": FORMAT, "sql": sql_digest(views), "inputs": _inputs(folder), "views": list(VIEWS),
                "database": [target.name, *_size_and_time(target)]}
    written = target_dir / f".{MANIFEST}.tmp"
    written.write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(written, target_dir / MANIFEST)
    for older in [*target_dir.glob("*.parquet"), *target_dir.glob("*.duckdb")]:
        if older != target:  # earlier builds' (and FORMAT 1's parquet files); one still open stays till next time
            with contextlib.suppress(OSError):
                older.unlink()
    return target


def _size_and_time(path: Path) -> list[int]:
    status = path.stat()
    return [status.st_size, status.st_mtime_ns]


def usable(folder: Path, views: dict[str, str]) -> tuple[Path | None, list[str]]:
    """The rollup database of `folder` and the views it holds, when they match its built files, this SQL and the
    database the manifest names (same size and mtime); (None, []) when stale."""
    try:
        manifest = json.loads((folder / FOLDER / MANIFEST).read_text(encoding="utf-8"))
        name, size, mtime = manifest["database"]
        database = folder / FOLDER / Path(str(name)).name
        if (manifest.get("format") != FORMAT or manifest.get("sql") != sql_digest(views)
                or manifest.get("inputs") != _inputs(folder) or _size_and_time(database) != [size, mtime]):
            return None, []
        return database, [view for view in manifest["views"] if view in views]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None, []


def attach(con: duckdb.DuckDBPyConnection, database: Path) -> None:
    """Attach a rollup database to `con`, read only, as ATTACHED (the name view_sql reads)."""
    con.execute(f"ATTACH '{_literal(database)}' AS {ATTACHED} (READ_ONLY)")


def _literal(path: Path) -> str:
    return str(path.resolve()).replace("'", "''")


def view_sql(name: str, order: str, live_view: str, entered: list[str]) -> str:
    """The SELECT of a rollup-backed view: the rollup's rows, in the view's order (`final_order` of its SQL).

    Parishes in `entered` (records entered in the store) take their rows from `live_view` instead.
    """
    body = f"SELECT * FROM {ATTACHED}.{name}"
    codes = [code for code in entered if _PARISH_CODE.match(code)]
    if codes:
        listed = ", ".join(f"'{code}'" for code in codes)
        body = (f"SELECT * FROM ({body}) WHERE parish_code NOT IN ({listed}) "
                f"UNION ALL BY NAME SELECT * FROM {live_view} WHERE parish_code IN ({listed})")
    return f"SELECT * FROM ({body}){' ORDER BY ' + order if order else ''}"
