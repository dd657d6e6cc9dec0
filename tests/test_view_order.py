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


def test_a_view_named_only_in_a_comment_is_not_waited_for():
    views = {"a": "-- reads nothing like b\nSELECT 1 AS x", "b": "-- grain: one row\nSELECT * FROM a"}
    assert creation_order(views) == ["a", "b"]


def test_views_that_read_each_other_are_refused_by_name():
    with pytest.raises(RuntimeError, match="circle") as refused:
        creation_order({"a": "SELECT * FROM b", "b": "SELECT * FROM a", "c": "SELECT 1"})
    assert "a" in str(refused.value) and "b" in str(refused.value)


def test_a_broken_view_is_named_by_its_file(built_data_dir, tmp_path):
    sql = tmp_path / "sql"
    shutil.copytree(SQL_DIR, sql)
    (sql / "zz_broken.sql").write_text("SELECT no_such_column FROM parishes\n", encoding="utf-8")
    with pytest.raises(RuntimeError, match=r"sql/zz_broken\.sql"):
        connect(built_data_dir, sql_dir=sql)
