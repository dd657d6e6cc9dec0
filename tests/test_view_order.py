"""The order `connect` creates the views in: each after the views it reads, a broken one named by its file."""

import shutil

import pytest

from core.data.db import SQL_DIR, connect, creation_order


@pytest.mark.parametrize(("views", "before"), [
    ({"b": "SELECT * FROM a", "a": "SELECT 1 AS x"}, [("a", "b")]),
    ({"c": "SELECT * FROM b JOIN a USING (x)", "b": "SELECT * FROM a", "a": "SELECT 1 AS x"},
     [("a", "b"), ("b", "c"), ("a", "c")]),
    ({"wide": "SELECT * FROM narrow_2", "narrow": "SELECT 1 AS x", "narrow_2": "SELECT * FROM narrow"},
     [("narrow", "narrow_2"), ("narrow_2", "wide")]),
])
def test_each_view_comes_after_the_views_it_reads(views, before):
    order = creation_order(views)
    assert sorted(order) == sorted(views)
    for first, then in before:
        assert order.index(first) < order.index(then)


@pytest.mark.parametrize("a_sql", [
    "-- reads nothing from b\nSELECT 1 AS x",  # named in a comment
    "SELECT 1 AS b",  # a column with a view's name
    "SELECT 'FROM b' AS label",  # inside quoted text
    "SELECT * FROM read_parquet('b.parquet') JOIN minga_rollups.b USING (x)",  # a table function, another database
])
def test_a_name_that_is_not_a_view_read_is_not_waited_for(a_sql):
    views = {"a": a_sql, "b": "-- grain: one row\nSELECT * FROM a"}  # b reads a: were a to wait for b, a circle
    assert creation_order(views) == ["a", "b"]


def test_upper_case_and_joins_are_read():
    views = {"c": "SELECT * FROM A\nLEFT JOIN b USING (x)", "b": "SELECT 1 AS x", "a": "SELECT 1 AS x"}
    assert creation_order(views)[-1] == "c"


def test_views_that_read_each_other_are_refused_by_name():
    with pytest.raises(RuntimeError, match="circle") as refused:
        creation_order({"a": "SELECT * FROM b", "b": "SELECT * FROM a", "c": "SELECT 1"})
    assert "a" in str(refused.value) and "b" in str(refused.value)


def test_a_broken_view_is_named_by_its_file(built_data_dir, tmp_path):
    sql = tmp_path / "sql"
    shutil.copytree(SQL_DIR, sql)
    (sql / "zz_broken.sql").write_text("SELECT no_such_column FROM parishes\n", encoding="utf-8")
    with pytest.raises(RuntimeError, match=r"^zz_broken\.sql: .*no_such_column"):
        connect(built_data_dir, sql_dir=sql)
