"""Charts kept between reruns: a builder called again with the same data returns the chart it built before, and
that chart's Vega-Lite spec is turned into a dict once.

Why: pages rerun on every click with the same (cached) frames, and Altair validates and deep-copies the whole
spec at each step of building a chart; that was most of a diagnosis page's script time (Ayudas: 0,15 s of 0,17 s
per rerun). Frames are compared by content (their columns, types and a hash of their rows), never by identity:
st.cache_data hands each run its own copy.
"""

from __future__ import annotations

import functools
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import polars as pl

KEPT = 128  # charts kept per builder (least recently used dropped first)
Builder = TypeVar("Builder", bound=Callable[..., Any])


class _Unkeyable(Exception):
    """An argument whose content cannot be told apart cheaply: that call is built afresh."""


def _content(value: Any) -> Hashable:
    """A hashable stand-in for `value` that equals another's exactly when their contents are equal."""
    if value is None or isinstance(value, str | int | float | bool):
        return (type(value).__name__, value)
    if isinstance(value, pl.DataFrame):
        try:
            rows = value.hash_rows(seed=0).to_numpy().tobytes()
        except pl.exceptions.PolarsError as exc:  # a column type polars cannot hash
            raise _Unkeyable from exc
        return ("frame", tuple(value.columns), tuple(str(d) for d in value.dtypes), value.height,
                hashlib.blake2b(rows, digest_size=16).digest())
    if isinstance(value, list | tuple):
        return (type(value).__name__, tuple(_content(v) for v in value))
    if isinstance(value, dict):
        return ("dict", tuple((_content(k), _content(v)) for k, v in value.items()))
    raise _Unkeyable


_lock = threading.Lock()
_specs: dict[int, tuple[Any, dict | None]] = {}  # id of a kept chart → (the chart, its spec once asked for)


def remembered(builder: Builder) -> Builder:
    """`builder` (frames and plain values in, an Altair chart out) with its last KEPT charts kept by the content of
    their arguments. A caller must not change the chart it gets (Altair's methods return new charts)."""
    kept: OrderedDict[Hashable, Any] = OrderedDict()

    @functools.wraps(builder)
    def build(*args: Any, **kwargs: Any) -> Any:
        try:
            key = _content((args, sorted(kwargs.items())))
        except _Unkeyable:
            return builder(*args, **kwargs)
        with _lock:
            if key in kept:
                kept.move_to_end(key)
                return kept[key]
        chart = builder(*args, **kwargs)
        with _lock:
            kept[key] = chart
            _specs[id(chart)] = (chart, None)
            while len(kept) > KEPT:
                _specs.pop(id(kept.popitem(last=False)[1]), None)
        return chart

    return build  # type: ignore[return-value]


def spec_once(chart: Any, to_spec: Callable[[Any], dict]) -> dict:
    """`to_spec(chart)`, computed once for a chart that a remembered builder keeps; any other chart every time.
    The spec is shared: a caller must not change it (st.vega_lite_chart copies it before its own changes)."""
    with _lock:
        held = _specs.get(id(chart))
    if held is None or held[0] is not chart:
        return to_spec(chart)
    if held[1] is not None:
        return held[1]
    spec = to_spec(chart)
    with _lock:
        if id(chart) in _specs:
            _specs[id(chart)] = (chart, spec)
    return spec
