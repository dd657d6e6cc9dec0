"""ui.chart_memo: a chart builder called again with frames of the same content returns the chart it built, and
that chart's spec is computed once; any change of content, or an argument it cannot compare, builds anew."""

from __future__ import annotations

import polars as pl
import pytest

from ui import chart_memo
from ui.chart_memo import remembered, spec_once


@pytest.fixture()
def counted():
    """A remembered builder that counts its real builds; returns (builder, calls)."""
    calls: list[int] = []

    @remembered
    def build(frame: pl.DataFrame, *, title: str, extra=None) -> dict:
        calls.append(1)
        return {"title": title, "rows": frame.to_dicts(), "extra": extra}

    return build, calls


def frame(values: list[float]) -> pl.DataFrame:
    return pl.DataFrame({"name": [f"n{k}" for k in range(len(values))], "v": values})


@pytest.mark.parametrize(("first", "second", "same"), [
    (frame([1.0, 2.0]), frame([1.0, 2.0]), True),  # another object with the same content
    (frame([1.0, 2.0]), frame([1.0, 2.5]), False),  # one cell changed
    (frame([1.0, 2.0]), frame([2.0, 1.0]), False),  # the same values in another order
    (frame([1.0, 2.0]), frame([1.0, 2.0]).with_columns(pl.col("v").cast(pl.Float32)), False),  # another type
    (frame([1.0, None]), frame([1.0, 0.0]), False),  # a missing value is not a zero
    (frame([1.0, 2.0]), frame([1.0, 2.0]).rename({"v": "w"}), False),  # another column name
])
def test_the_chart_is_kept_for_the_same_content_only(counted, first, second, same):
    build, calls = counted
    a, b = build(first, title="T"), build(second, title="T")
    assert (a is b) == same
    assert len(calls) == (1 if same else 2)


def test_other_plain_arguments_make_another_chart(counted):
    build, calls = counted
    data = frame([1.0])
    assert build(data, title="A") is not build(data, title="B")
    assert build(data, title="A", extra=[("v", "Valor")]) is build(frame([1.0]), title="A", extra=[("v", "Valor")])
    assert len(calls) == 3


def test_an_argument_it_cannot_compare_builds_every_time(counted):
    build, calls = counted
    marker = object()
    assert build(frame([1.0]), title="A", extra=marker) is not build(frame([1.0]), title="A", extra=marker)
    assert len(calls) == 2


def test_only_the_last_charts_are_kept(counted, monkeypatch):
    monkeypatch.setattr(chart_memo, "KEPT", 3)
    build, calls = counted
    first = build(frame([0.0]), title="T")
    for k in range(1, 4):
        build(frame([float(k)]), title="T")
    assert build(frame([0.0]), title="T") is not first  # dropped as the least recently used, built again
    assert len(calls) == 5


def test_the_spec_of_a_kept_chart_is_computed_once(counted):
    build, _ = counted
    specs: list[int] = []

    def to_spec(chart: dict) -> dict:
        specs.append(1)
        return {"spec": chart["title"]}

    kept = build(frame([1.0]), title="T")
    assert spec_once(kept, to_spec) is spec_once(build(frame([1.0]), title="T"), to_spec)
    assert len(specs) == 1
    loose = {"title": "not built by a remembered builder"}
    spec_once(loose, to_spec)
    spec_once(loose, to_spec)
    assert len(specs) == 3  # a chart no builder keeps is turned into a spec each time
