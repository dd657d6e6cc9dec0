"""Minga's benchmarks: `python -m bench` (or `make bench`) runs every `bench/<module>.py`'s `run()`.

A benchmark module only has to define `run() -> list[Row]` (plain dicts with the same keys work
too) and may set `TITLE`. Timings are reported as median and worst of several runs, never
asserted: tests do not time anything. Results are also written as JSON to `bench-results/`, and every
run's table to `bench-results/latest.json` and `bench-results/latest.md`.

Absolute times on a shared two-core machine vary several times from run to run, so a row can name a
reference figure (`reference`, the `key` of a row such as the empty Streamlit page in bench/reference.py or a
bare solve another module reports) and the table adds the ratio of the medians. A module plugs its own
reference in by giving a row a `key`.
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
    cpu: float | None = None  # median CPU seconds of the process (every thread) next to the wall median
    p95: float | None = None
    includes: str = ""  # what the figure counts, e.g. "connection + 7 views, no cache"
    key: str | None = None  # a name other rows can use as their reference
    reference: str | None = None  # the key of the row this one is compared with (ratio of medians)


@dataclass
class Timing:
    """Wall and CPU seconds of each run (CPU: time.process_time, all threads of this process)."""

    wall: list[float]
    cpu: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.wall)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu)

    @property
    def p95(self) -> float:
        ordered = sorted(self.wall)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def timed_runs(calls: list[Callable[[], Any]]) -> Timing:
    """Run each call once, measured (wall and CPU); the caller warms up what it needs to."""
    wall, cpu = [], []
    for call in calls:
        start, start_cpu = time.perf_counter(), time.process_time()
        call()
        cpu.append(time.process_time() - start_cpu)
        wall.append(time.perf_counter() - start)
    return Timing(wall, cpu)


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
