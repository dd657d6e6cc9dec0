"""The views' pre-aggregated tables (core.data.rollups) on a small seeded national sample: a parish read through
the rollup gives the same rows, in the same order and with the same types, as the view computed from the
records; a rollup that no longer matches its files or its SQL is not used; parishes with entered records are
computed from them."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb
import polars as pl
import pytest

from core.data import rollups
from core.data.build import build, is_stale
from core.data.db import connect, query, view_files, write_rollups
from core.data.paths import SQL_DIR
from core.parish.mirror import SCHEMAS, entered_root


@pytest.fixture(scope="module")
def sample(national_sample) -> Path:
    return national_sample


@pytest.fixture(scope="module")
def no_entered(tmp_path_factory) -> Path:
    """A store of this module's own, with nothing entered: connect() sees only the built records."""
    store = tmp_path_factory.mktemp("store") / "minga.sqlite"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MINGA_STORE", str(store))
        yield store


@pytest.fixture(scope="module")
def fast(sample, no_entered):
    return connect(sample)


@pytest.fixture(scope="module")
def computed(sample, no_entered):
    return connect(sample, pre_aggregated=False)


def _parishes(sample: Path) -> list[str]:
    codes = pl.read_parquet(sample / "associations.parquet", columns=["parish_code"])["parish_code"]
    return sorted(codes.unique())


def _reads_rollup(con: duckdb.DuckDBPyConnection, view: str) -> bool:
    [(sql,)] = con.execute("SELECT sql FROM duckdb_views() WHERE view_name = ?", [view]).fetchall()
    return f"{rollups.ATTACHED}.{view}" in sql


def _rollup_table(folder: Path, view: str) -> pl.DataFrame:
    """The rows of one rollup table as stored, in stored order."""
    database, _ = rollups.usable(folder, view_files(SQL_DIR))
    with duckdb.connect(str(database), read_only=True) as con:
        return con.sql(f"SELECT * FROM {view}").pl()


@pytest.mark.parametrize("view", rollups.VIEWS)
def test_a_parish_read_from_the_rollup_equals_the_view_computed_from_the_records(sample, fast, computed, view):
    assert _reads_rollup(fast, view) and not _reads_rollup(computed, view)
    ordered = bool(rollups.final_order(SQL_DIR.joinpath(*_view_path(view)).read_text(encoding="utf-8")))
    for parish in _parishes(sample)[:3]:
        got = query(fast, f"SELECT * FROM {view} WHERE parish_code = ?", [parish])
        expected = query(computed, f"SELECT * FROM {view} WHERE parish_code = ?", [parish])
        assert got.height == expected.height > 0, (view, parish)
        assert got.schema == expected.schema, view
        if not ordered:
            got, expected = got.sort(got.columns), expected.sort(expected.columns)
        assert got.equals(expected), (view, parish)
    whole, whole_computed = query(fast, f"SELECT * FROM {view}"), query(computed, f"SELECT * FROM {view}")
    assert whole.sort(whole.columns).equals(whole_computed.sort(whole_computed.columns)), view


def _view_path(view: str) -> tuple[str, ...]:
    [path] = list(SQL_DIR.rglob(f"{view}.sql"))
    return path.relative_to(SQL_DIR).parts


def test_rollups_are_stored_sorted_by_parish_so_a_read_skips_the_other_parishes(sample):
    for view in rollups.VIEWS:
        codes = _rollup_table(sample, view)["parish_code"]
        assert codes.len() > 0 and codes.drop_nulls().is_sorted(), view


def test_rollups_computed_in_batches_of_parishes_equal_one_pass(sample, no_entered, tmp_path, monkeypatch):
    copy = tmp_path / "copy"
    shutil.copytree(sample, copy)
    monkeypatch.setattr(rollups, "BATCH_RECORDS", 1500)
    batches = rollups._batches(connect(copy, pre_aggregated=False))
    assert len(batches) >= 3 and all("parish_code" in where for where in batches)
    write_rollups(copy)
    for view in rollups.VIEWS:
        assert _rollup_table(copy, view).equals(_rollup_table(sample, view)), view
    assert all(_reads_rollup(connect(copy), view) for view in rollups.VIEWS)


def test_a_rollup_older_than_its_files_is_not_read(sample, fast, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(sample, copy)
    parish = _parishes(sample)[0]
    aid = pl.read_parquet(copy / "aid.parquet")
    dropped = aid.filter(pl.col("parish_code") == parish)["aid_id"][0]
    aid.filter(pl.col("aid_id") != dropped).write_parquet(copy / "aid.parquet")
    stale = connect(copy)
    assert not _reads_rollup(stale, "aid_flows")
    before = query(fast, "SELECT sum(aid_records) AS n FROM aid_flows WHERE parish_code = ?", [parish])
    after = query(stale, "SELECT sum(aid_records) AS n FROM aid_flows WHERE parish_code = ?", [parish])
    assert after["n"][0] == before["n"][0] - 1


def test_a_damaged_rollup_database_is_not_read_and_the_views_still_answer(sample, fast, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(sample, copy)
    database, _ = rollups.usable(copy, view_files(SQL_DIR))
    written = database.stat()
    with database.open("r+b") as damaged_file:  # a broken header, with the size and mtime the manifest names
        damaged_file.write(b"not a database")
    os.utime(database, ns=(written.st_atime_ns, written.st_mtime_ns))
    damaged = connect(copy)
    assert not any(_reads_rollup(damaged, view) for view in rollups.VIEWS)
    parish = _parishes(sample)[0]
    got = query(damaged, "SELECT * FROM aid_flows WHERE parish_code = ?", [parish])
    assert got.equals(query(fast, "SELECT * FROM aid_flows WHERE parish_code = ?", [parish]))


DUCKDB_HEADERS, BLOCK_CHECKSUM = 3 * 4096, 8  # a DuckDB file's headers; each block starts with its checksum


def test_a_rollup_database_damaged_inside_a_table_is_set_aside_when_read(sample, fast, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(sample, copy)
    database, _ = rollups.usable(copy, view_files(SQL_DIR))
    with duckdb.connect(str(database), read_only=True) as intact:  # where aid_flows keeps its first column
        block_size = intact.execute("SELECT block_size FROM pragma_database_size()").fetchone()[0]
        block, offset = intact.execute("SELECT block_id, block_offset FROM pragma_storage_info('aid_flows') "
                                       "WHERE persistent AND block_id >= 0 ORDER BY block_id LIMIT 1").fetchone()
    written = database.stat()
    with database.open("r+b") as damaged_file:  # the headers intact: the database still attaches
        damaged_file.seek(DUCKDB_HEADERS + block * block_size + BLOCK_CHECKSUM + offset)
        damaged_file.write(b"\xff" * 32)
    os.utime(database, ns=(written.st_atime_ns, written.st_mtime_ns))
    damaged = connect(copy)
    assert _reads_rollup(damaged, "aid_flows")
    parish = _parishes(sample)[0]
    got = query(damaged, "SELECT * FROM aid_flows WHERE parish_code = ?", [parish])
    assert got.equals(query(fast, "SELECT * FROM aid_flows WHERE parish_code = ?", [parish]))
    assert not any(_reads_rollup(damaged, view) for view in rollups.VIEWS)  # computed from the records from now on


def test_a_rollup_computed_with_other_sql_is_not_read(sample, fast, tmp_path):
    sql = tmp_path / "sql"
    shutil.copytree(SQL_DIR, sql)
    [household_roles] = list(sql.rglob("household_roles.sql"))
    household_roles.write_text(household_roles.read_text(encoding="utf-8") + "\n-- edited\n", encoding="utf-8")
    edited = connect(sample, sql_dir=sql)
    assert not any(_reads_rollup(edited, view) for view in rollups.VIEWS)
    assert all(_reads_rollup(fast, view) for view in rollups.VIEWS)


def test_a_parish_with_entered_records_is_computed_from_them(sample, fast, tmp_path, monkeypatch):
    store = tmp_path / "minga.sqlite"
    monkeypatch.setenv("MINGA_STORE", str(store))
    parish, other = _parishes(sample)[:2]
    association = query(fast, "SELECT association_id FROM associations WHERE parish_code = ? "
                                         "ORDER BY association_id LIMIT 1", [parish])["association_id"][0]
    entered = pl.DataFrame([{"aid_id": f"{parish}-AY9", "association_id": association, "institution": "MAG",
                             "institution_type": "mag", "year": 2024, "kind": "training", "amount_usd": 125.0,
                             "non_reimbursable": True, "description_es": "Capacitación registrada",
                             "is_synthetic": False, "member_id": None, "parish_code": parish}],
                           schema=SCHEMAS["aid"])
    folder = entered_root(store) / "aid"
    folder.mkdir(parents=True)
    entered.write_parquet(folder / f"{parish}.parquet")
    reading, computing = connect(sample), connect(sample, pre_aggregated=False)
    [(sql,)] = reading.execute("SELECT sql FROM duckdb_views() WHERE view_name = 'aid_flows'").fetchall()
    assert _reads_rollup(reading, "aid_flows") and f"IN ('{parish}')" in sql
    for view in ("aid_flows", "aid_atomization", "aid_institutions", "aid_institution_pairs", "parish_overview"):
        for code in (parish, other):
            got = query(reading, f"SELECT * FROM {view} WHERE parish_code = ?", [code])
            expected = query(computing, f"SELECT * FROM {view} WHERE parish_code = ?", [code])
            assert got.sort(got.columns).equals(expected.sort(expected.columns)), (view, code)
    flows = query(reading, "SELECT descriptions FROM aid_flows WHERE parish_code = ? AND year = 2024 "
                        "AND association_id = ? AND institution = 'MAG' AND kind = 'training'", [parish, association])
    assert "Capacitación registrada" in flows["descriptions"][0]


def test_the_build_writes_rollups_and_is_stale_without_them(tmp_path):
    out = tmp_path / "out"
    build(out)
    manifest = out / rollups.FOLDER / rollups.MANIFEST
    assert manifest.exists() and not is_stale(out)
    database, _ = rollups.usable(out, view_files(SQL_DIR))
    with duckdb.connect(str(database), read_only=True) as con:
        tables = {name for (name,) in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert tables == set(rollups.VIEWS)
    assert sorted(p.name for p in (out / rollups.FOLDER).iterdir()) == sorted([database.name, rollups.MANIFEST])
    build(out)  # a second build writes a new database and removes the first
    again, _ = rollups.usable(out, view_files(SQL_DIR))
    assert again != database and not database.exists() and again.exists()
    again.unlink()
    assert is_stale(out)
    build(out)
    manifest.unlink()
    assert is_stale(out)


@pytest.mark.parametrize(
    ("sql", "order"),
    [
        ("SELECT a FROM t ORDER BY a", "a"),
        ("SELECT m.a FROM t AS m\nORDER BY m.a, m.b DESC;\n", "a, b DESC"),
        ("WITH x AS (SELECT a FROM t ORDER BY a) SELECT * FROM x", ""),
        ("SELECT string_agg(a, ',' ORDER BY a) FROM t", ""),
        ("SELECT a FROM t -- ORDER BY a", ""),
        ("SELECT a, row_number() OVER (ORDER BY b) FROM t ORDER BY CASE a WHEN 1 THEN 2 END, b",
         "CASE a WHEN 1 THEN 2 END, b"),
    ],
)
def test_final_order_is_the_closing_order_by_of_the_view(sql, order):
    assert rollups.final_order(sql) == order
