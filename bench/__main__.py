"""Run every benchmark module in this package (or those named on the command line) and print a table.

    python -m bench                # all of them
    python -m bench allocation     # only bench/allocation.py
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import pkgutil
import sys
import time
import traceback
from pathlib import Path

import bench
from bench import Row
from core.fmt import number

RESULTS = Path(__file__).resolve().parents[1] / "bench-results"


def modules() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules(bench.__path__) if not m.name.startswith("_"))


def _row(item) -> Row:
    if isinstance(item, Row):
        return item
    return Row(**{k: v for k, v in dict(item).items() if k in {f.name for f in dataclasses.fields(Row)}})


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    decimals = 3 if unit == "s" and abs(value) < 10 else 2 if abs(value) < 100 else 1
    return f"{number(value, decimals)} {unit}".strip()


def table(title: str, rows: list[Row]) -> str:
    header = ["Medición", "Mediana", "Peor", "Meta", "Cumple", "Nota"]
    body = [[r.name, _fmt(r.median, r.unit), _fmt(r.worst, r.unit), r.target or "",
             {True: "sí", False: "NO", None: ""}[r.ok], r.note] for r in rows]
    widths = [max(len(str(line[k])) for line in [header, *body]) for k in range(len(header))]
    lines = [title, "=" * len(title),
             "  ".join(h.ljust(w) for h, w in zip(header, widths)),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(str(c).ljust(w) for c, w in zip(line, widths)).rstrip() for line in body]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    wanted = argv if argv is not None else sys.argv[1:]
    names = [m for m in modules() if not wanted or m in wanted]
    unknown = sorted(set(wanted) - set(modules()))
    if unknown:
        print(f"Benchmarks desconocidos: {', '.join(unknown)}. Hay: {', '.join(modules())}", file=sys.stderr)
        return 2
    failures = 0
    RESULTS.mkdir(exist_ok=True)
    for name in names:
        start = time.perf_counter()
        try:
            module = importlib.import_module(f"bench.{name}")
            rows = [_row(r) for r in module.run()]
        except Exception:  # one broken benchmark must not hide the others
            failures += 1
            print(f"\n[{name}] falló:\n{traceback.format_exc()}", file=sys.stderr)
            continue
        title = f"{getattr(module, 'TITLE', name)}  ({number(time.perf_counter() - start, 1)} s)"
        print("\n" + table(title, rows), flush=True)
        (RESULTS / f"{name}.json").write_text(
            json.dumps([dataclasses.asdict(r) for r in rows], ensure_ascii=False, indent=2), encoding="utf-8")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
