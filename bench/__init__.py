"""Minga's benchmarks: `python -m bench` (or `make bench`) runs every `bench/<module>.py`'s `run()`.

A benchmark module only has to define `run() -> list[Row]` (plain dicts with the same keys work
too) and may set `TITLE`. Timings are reported as median and worst of several runs, never
asserted: tests do not time anything. Results are also written as JSON to `bench-results/`.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Row:
    """One measured quantity: its median and worst over the runs, and the target it is held to."""

    name: str
    median: float | None
    worst: float | None = None
    unit: str = "s"
    target: str | None = None  # human-readable, e.g. "< 1 s"
    ok: bool | None = None  # whether the worst (or the median, say so in `note`) meets the target
    note: str = ""
    runs: int | None = None
    samples: list[float] = field(default_factory=list)


def timed(fn: Callable[[], Any], repeat: int = 5, warmup: int = 1) -> tuple[float, float, list[float], Any]:
    """Run `fn` `warmup` times unmeasured, then `repeat` times; returns median, worst, samples, last result."""
    result = None
    for _ in range(warmup):
        result = fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), max(samples), samples, result
