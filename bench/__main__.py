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


HEADER = ["Medición", "Mediana", "CPU", "Peor", "Meta", "Cumple", "Razón", "Incluye / nota"]


def _cells(row: Row, ratios: dict[str, float]) -> list[str]:
    ratio = ratios.get(row.reference or "")
    detail = "; ".join(part for part in (row.includes, row.note) if part)
    return [row.name, _fmt(row.median, row.unit), _fmt(row.cpu, "s") if row.cpu is not None else "",
            _fmt(row.worst, row.unit), row.target or "", {True: "sí", False: "NO", None: ""}[row.ok],
            f"{number(ratio, 2)} × {row.reference}" if ratio is not None else "", detail]


def table(title: str, rows: list[Row], references: dict[str, float] | None = None) -> str:
    """A plain-text table: median and CPU next to the worst run, the target and the ratio to a reference."""
    body = [_cells(r, _row_ratios(r, references or {})) for r in rows]
    widths = [max(len(str(line[k])) for line in [HEADER, *body]) for k in range(len(HEADER))]
    lines = [title, "=" * len(title),
             "  ".join(h.ljust(w) for h, w in zip(HEADER, widths, strict=True)),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(str(c).ljust(w) for c, w in zip(line, widths, strict=False)).rstrip() for line in body]
    return "\n".join(lines)


def _row_ratios(row: Row, references: dict[str, float]) -> dict[str, float]:
    if row.reference in references and row.median is not None and references[row.reference]:
        return {row.reference: row.median / references[row.reference]}
    return {}


def markdown(sections: list[tuple[str, list[Row]]], references: dict[str, float]) -> str:
    """The same tables in Markdown, one per module, for bench-results/latest.md."""
    out = [f"# make bench, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}", ""]
    for title, rows in sections:
        out += [f"## {title}", "", "| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
        out += ["| " + " | ".join(c.replace("|", "/") for c in _cells(r, _row_ratios(r, references))) + " |"
                for r in rows]
        out.append("")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    wanted = argv if argv is not None else sys.argv[1:]
    names = [m for m in modules() if not wanted or m in wanted]
    unknown = sorted(set(wanted) - set(modules()))
    if unknown:
        print(f"Benchmarks desconocidos: {', '.join(unknown)}. Hay: {', '.join(modules())}", file=sys.stderr)
        return 2
    failures = 0
    RESULTS.mkdir(exist_ok=True)
    sections: list[tuple[str, list[Row]]] = []
    late: list[Row] = []  # rows whose reference another module reports later in the run
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
        sections.append((title, rows))
        known = {r.key: r.median for _, seen in sections for r in seen if r.key and r.median}
        print("\n" + table(title, rows, known), flush=True)
        late += [r for r in rows if r.reference and r.reference not in known]
        (RESULTS / f"{name}.json").write_text(
            json.dumps([dataclasses.asdict(r) for r in rows], ensure_ascii=False, indent=2), encoding="utf-8")
    references = {r.key: r.median for _, rows in sections for r in rows if r.key and r.median}
    if [r for r in late if r.reference in references]:
        print("\n" + table("Razones frente a referencias medidas después en esta corrida",
                            [r for r in late if r.reference in references], references))
    (RESULTS / "latest.json").write_text(json.dumps(
        {"modules": {title: [dataclasses.asdict(r) for r in rows] for title, rows in sections},
         "references": references}, ensure_ascii=False, indent=2), encoding="utf-8")
    (RESULTS / "latest.md").write_text(markdown(sections, references), encoding="utf-8")
    print(f"\nCifras escritas en {RESULTS / 'latest.json'} y {RESULTS / 'latest.md'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
