"""The DuckDB connection Minga reads through: in memory, views over the built parquet files.

`connect()` registers `raw_<dataset>` for every parquet file in the data folder, then every
view in `sql/` (one view per file, named as the file). Views may read other views; each is created after
the views it reads (`creation_order`).

DuckDB refuses concurrent calls on one connection, so code that runs on several threads
(Streamlit reruns) uses `query()`, which takes a cursor of the shared connection per call.

Each connection keeps the parquet footers it has read (`parquet_metadata_cache`): a read for one parish then
costs the row groups it needs, not the footer of a file with hundreds of row groups. DuckDB checks a kept
footer against the file's modification time, and trusts none read within seconds of a change, so files
rewritten in place (the mirrored parish records) are read afresh.
"""

from __future__ import annotations

import graphlib
import re
import threading
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from core.data import rollups
from core.data.paths import BUILD_STAMP, SQL_DIR, data_dir
from core.parish.mirror import OVERRIDDEN_BY, TOMBSTONE, entered_datasets, entered_root, sync, write_again
from core.parish.mirror import SCHEMAS as ENTERED_SCHEMAS
from core.record.store import Store
from core.texts import t

_VIEW_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


class MissingDataError(RuntimeError):
    """The built data is not there: run `make data` (or `python -m core.data.build`)."""


class DamagedDataError(RuntimeError):
    """A built file cannot be read (cut short, or changed after the build); the message names it in Spanish."""

    @classmethod
    def of(cls, exc: duckdb.Error) -> DamagedDataError | None:
        """The Spanish error for DuckDB's failure to read a built parquet file (named when DuckDB names it); None
        for a failure of another kind (a query's own mistake)."""
        named = _PARQUET_IN_MESSAGE.search(str(exc))
        if named and Path(named.group(1)).is_file():
            return cls(t("data.damaged", file=Path(named.group(1)).name))
        if type(exc) is duckdb.Error and str(exc).startswith(_UNREADABLE_PAGE):
            return cls(t("data.damaged_unnamed"))
        return None


_PARQUET_IN_MESSAGE = re.compile(r"'([^']+\.parquet)'")


def view_files(sql_dir: Path = SQL_DIR) -> dict[str, str]:
    """View name → SQL text (the SELECT), one `sql/**/<name>.sql` file per view."""
    views = {}
    for path in sorted(sql_dir.rglob("*.sql")):
        name = path.stem
        if not _VIEW_NAME.match(name):
            raise ValueError(f"view file name must be snake_case: {path}")
        if name in views:
            raise ValueError(f"two files define the view {name}")
        views[name] = path.read_text(encoding="utf-8")
    return views


def _register_raw(con: duckdb.DuckDBPyConnection, folder: Path, mirrored: dict[str, str]) -> None:
    parquet_files = sorted(folder.glob("*.parquet"))
    if not parquet_files:
        raise MissingDataError(t("data.missing_in", folder=folder))
    for path in parquet_files:
        literal = str(path.resolve()).replace("'", "''")
        try:
            con.execute(f"CREATE OR REPLACE VIEW raw_{path.stem} AS SELECT * FROM read_parquet('{literal}')")
        except duckdb.Error as exc:
            raise DamagedDataError(t("data.damaged", file=path.name)) from exc
    _register_entered(con, {p.stem: str(p.resolve()) for p in parquet_files}, mirrored)


def _register_entered(con: duckdb.DuckDBPyConnection, built: dict[str, str], mirrored: dict[str, str]) -> None:
    """Each dataset with records entered for a parish reads the built rows plus the store's mirror
    (core.parish.mirror, `mirrored`: dataset → glob): the views see entered and built records the same way. A
    mirrored file that cannot be read is written again from the store (the mirror is only a copy of it)."""
    for name, pattern in mirrored.items():
        if name not in built:
            continue
        built_file, entered = (v.replace("'", "''") for v in (built[name], pattern))
        stored = f"read_parquet('{entered}', union_by_name = true)"
        if name in OVERRIDDEN_BY:  # a stored row replaces the built one with its id; a deleted one hides it
            key = OVERRIDDEN_BY[name]
            sql = (f"CREATE OR REPLACE VIEW raw_{name} AS SELECT * FROM read_parquet('{built_file}') "
                   f"WHERE {key} NOT IN (SELECT {key} FROM {stored}) "
                   f"UNION ALL BY NAME SELECT * EXCLUDE ({TOMBSTONE}) FROM {stored} WHERE NOT {TOMBSTONE}")
        else:
            sql = (f"CREATE OR REPLACE VIEW raw_{name} AS SELECT * FROM read_parquet('{built_file}') "
                   f"UNION ALL BY NAME SELECT * FROM {stored}")
        try:
            con.execute(sql)
        except duckdb.Error:  # a mirrored file cut short or changed: the store is the truth, write them again
            write_again(pattern)
            con.execute(sql)


def creation_order(views: dict[str, str]) -> list[str]:
    """The view names, each after the views its SQL reads (a name after FROM or JOIN, comments and quoted text
    left out): creating them in this order never fails for want of a view, and each CREATE VIEW binds once."""
    graph = {name: _read_views(body) & views.keys() - {name} for name, body in views.items()}
    try:
        return list(graphlib.TopologicalSorter(graph).static_order())
    except graphlib.CycleError as cycle:
        raise RuntimeError(f"the views read each other in a circle: {' → '.join(cycle.args[1])}") from cycle


_COMMENT_OR_TEXT = re.compile(r"--[^\n]*|'(?:[^']|'')*'")
_READ_NAME = re.compile(r"\b(?:from|join)\s+([a-z_][a-z0-9_]*)\b(?!\s*[.(])")


def _read_views(sql: str) -> set[str]:
    """The unqualified names a SELECT reads from (a table function's or another database's are not views)."""
    return set(_READ_NAME.findall(_COMMENT_OR_TEXT.sub(" ", sql).lower()))


def _register_views(con: duckdb.DuckDBPyConnection, views: dict[str, str]) -> None:
    for name in creation_order(views):
        try:
            con.execute(f"CREATE OR REPLACE VIEW {name} AS\n{views[name].strip().rstrip(';')}")
        except duckdb.Error as exc:  # named by its file (a `live_` view is its view's own SQL)
            raise RuntimeError(f"{name.removeprefix('live_')}.sql: {exc}") from exc


def _entered_parishes(entered: dict[str, str]) -> dict[str, set[str]]:
    """Dataset → the parishes with a mirrored file of it (each file is named by its parish code)."""
    return {name: {path.stem for path in Path(pattern).parent.glob("*.parquet")} for name, pattern in entered.items()}


def _datasets_read(views: dict[str, str]) -> dict[str, set[str]]:
    """View → the datasets (`raw_<dataset>`) it reads, itself or through the views it reads."""
    reads: dict[str, set[str]] = {}
    for name in creation_order(views):  # each after the views it reads
        names = _read_views(views[name])
        reads[name] = {n.removeprefix("raw_") for n in names if n.startswith("raw_")}.union(
            *(reads[n] for n in names if n in reads))
    return reads


def _with_rollups(con: duckdb.DuckDBPyConnection, folder: Path, views: dict[str, str],
                  entered: dict[str, str]) -> dict[str, str]:
    """The views, each one with a usable rollup (core.data.rollups, attached to `con`) reading it; its SQL
    stays as `live_<name>`."""
    database, usable = rollups.usable(folder, views)
    if database is not None:
        try:
            rollups.attach(con, database)
        except duckdb.Error:  # a damaged or unreadable rollup database: every view computes from the records
            usable = []
    parishes, reads = _entered_parishes(entered), _datasets_read(views)
    combined = dict(views)
    for name in usable:  # a parish is read live only in the views its mirrored records feed
        live = sorted(set().union(*(parishes.get(dataset, set()) for dataset in reads[name])))
        combined[f"live_{name}"] = views[name]
        combined[name] = rollups.view_sql(name, rollups.final_order(views[name]), f"live_{name}", live)
    return combined


def _open(folder: Path, sql_dir: Path, *, use_rollups: bool, with_entered: bool) -> duckdb.DuckDBPyConnection:
    if with_entered:
        sync()  # what was saved since the mirror was last written reaches the views
    entered = entered_datasets(entered_root()) if with_entered else {}
    views = view_files(sql_dir)
    con = duckdb.connect(":memory:")
    con.execute("SET parquet_metadata_cache = true")
    _register_raw(con, folder, entered)
    read = {name for sql in views.values() for name in _read_views(sql) if name.startswith("raw_")}
    missing = sorted(read - {row[0] for row in con.execute("SELECT view_name FROM duckdb_views()").fetchall()})
    if missing:  # a build cut short, or a file taken away: say which, in Spanish, before any view fails
        raise MissingDataError(t("data.missing_files", folder=folder,
                                 files=", ".join(f"{name.removeprefix('raw_')}.parquet" for name in missing)))
    _register_views(con, _with_rollups(con, folder, views, entered) if use_rollups else views)
    return con


def connect(data_dir_path: Path | str | None = None, *, sql_dir: Path = SQL_DIR,
            pre_aggregated: bool = True) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with every view of `sql/` over the parquet files of `data_dir_path`.

    The heavy per-parish views read the build's pre-aggregated tables when they match the files
    (`pre_aggregated=False` computes every view from the records, as the tests compare).
    """
    folder = Path(data_dir_path) if data_dir_path is not None else data_dir()
    return _open(folder, sql_dir, use_rollups=pre_aggregated, with_entered=True)


def files_stamp(data_dir_path: Path | str | None = None, store: Store | None = None) -> tuple[int, ...]:
    """When the files `connect` reads last changed: the build's stamp (written last by every build) and each folder
    of mirrored parish records (writing a parish's records again replaces a file there), once the mirror has caught
    up with `store` (the default store when None: one query of the store, and the files of the parishes whose
    records changed). A new stamp means a connection and the results read through it are out of date."""
    sync(store)
    folder = Path(data_dir_path) if data_dir_path is not None else data_dir()
    root = entered_root(store.path if store is not None else None)
    paths = [folder / BUILD_STAMP, *(root / name for name in ENTERED_SCHEMAS)]
    return tuple(path.stat().st_mtime_ns if path.exists() else 0 for path in paths)


def write_rollups(folder: Path, sql_dir: Path = SQL_DIR) -> Path:
    """Compute the pre-aggregated tables of `folder` from its built files alone (nothing entered)."""
    con = _open(folder, sql_dir, use_rollups=False, with_entered=False)
    try:
        return rollups.write(con, folder, view_files(sql_dir))
    finally:
        con.close()


# DuckDB's own words, at the start of its plain error: a parquet page it cannot decode (no file named), and a
# block of a database file that does not match its checksum (the rollup database is the only one read)
_UNREADABLE_PAGE = "TProtocolException"
DAMAGED_DATABASE = "Corrupt database file"
_SETTING_ASIDE = threading.Lock()


def query(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | dict[str, Any] | None = None) -> pl.DataFrame:
    """Run one query on its own cursor (safe from any thread) and return a polars frame.

    A rollup database found damaged while reading (it attached, but a block of it fails its checksum) is set aside:
    the views it served compute from the records from then on, and the query runs again, once. A built parquet
    file that fails to read raises DamagedDataError, which names it in Spanish."""
    try:
        return _run(con, sql, params)
    except duckdb.Error as exc:
        _raise_if_damaged_file(exc)
        if type(exc) is not duckdb.Error or not str(exc).startswith(DAMAGED_DATABASE):
            raise
        _set_rollups_aside(con)
    try:
        return _run(con, sql, params)
    except duckdb.Error as exc:
        _raise_if_damaged_file(exc)
        raise


def _raise_if_damaged_file(exc: duckdb.Error) -> None:
    damaged = DamagedDataError.of(exc)
    if damaged is not None:
        raise damaged from exc


def _run(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | dict[str, Any] | None) -> pl.DataFrame:
    with con.cursor() as cursor:
        relation = cursor.sql(sql, params=params or None)
        return relation.pl() if relation is not None else pl.DataFrame()


def _set_rollups_aside(con: duckdb.DuckDBPyConnection) -> None:
    """Point every rollup-backed view at its `live_<name>` view (the view's own SQL, order included); one thread
    at a time (another may have done it already: then nothing is left to do)."""
    with _SETTING_ASIDE, con.cursor() as cursor:
        served = [name for (name,) in cursor.execute(
            "SELECT view_name FROM duckdb_views() WHERE NOT internal AND sql LIKE ?",
            [f"%{rollups.ATTACHED}.%"]).fetchall()]
        for name in served:
            cursor.execute(f"CREATE OR REPLACE VIEW {name} AS SELECT * FROM live_{name}")


def view(con: duckdb.DuckDBPyConnection, name: str, where: str = "", params: list[Any] | None = None,
         order_by: str = "") -> pl.DataFrame:
    """All rows of a view, optionally filtered with a parameterised WHERE clause."""
    if not _VIEW_NAME.match(name):
        raise ValueError(f"not a view name: {name}")
    sql = f"SELECT * FROM {name}"
    if where:
        sql += f" WHERE {where}"
    if order_by:
        sql += f" ORDER BY {order_by}"
    return query(con, sql, params)
