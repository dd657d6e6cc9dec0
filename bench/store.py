"""The store of what people enter, opened by the app for the first time (issue 11, «abrir una parroquia nunca copia
la demostración al almacén»; issue 14, memory at national scale).

Each figure runs in a fresh process (so it includes opening the store and every first read), under AppTest, signed in
as a planner, with a new empty store:
- the first page (Inicio, then Propuestas; median of three processes) with El Valle's data, and with the national
  dataset (bench/national.py);
- a walk of every page at national scale: the process's peak memory (ru_maxrss), and how many records the store
  holds afterwards (the demo is read where it is built, so only the walk's own account should be there).

    python -m bench store
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import polars as pl

from bench import Row
from core.data.paths import ROOT, data_dir

TITLE = "Almacén nuevo: primera página y recorrido de todas las páginas"
MEMORY_TARGET_MIB = 1024
EL_VALLE = "010170"

WALK_SCRIPT = """
import json, logging, resource, sys, time
from pathlib import Path
from streamlit.testing.v1 import AppTest
from core.record.auth import Role, User
from core.record.store import Store
for name in [n for n in logging.root.manager.loggerDict if n.startswith("streamlit")]:
    logging.getLogger(name).setLevel(logging.ERROR)
parish, walk = sys.argv[1], sys.argv[2] == "walk"
planner = User(username="tecnica", display_name="Técnica", role=Role.PLANNER)
store = Store()
store.save("user", planner.username, {"password_hash": "", **planner.model_dump(mode="json")}, actor="banco")
app = AppTest.from_file("app.py", default_timeout=600)
app.session_state["user"] = planner
app.session_state["parish_code"] = parish
start, start_cpu = time.perf_counter(), time.process_time()
app.run()
app.switch_page("pages/propuestas.py").run()
first = [time.perf_counter() - start, time.process_time() - start_cpu]
failed = [e.value for e in app.exception]
if walk:
    for page in sorted(Path("pages").glob("*.py")):
        app.switch_page(str(page)).run()
        failed += [f"{page.stem}: {e.value}" for e in app.exception]
kinds = {kind: len(store.records(kind))
         for kind in ("proposal", "offer", "pdot_objective", "cooperant", "call", "system")}
print(json.dumps({"first": first, "peak_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "stored": kinds, "failed": failed[:3]}))
"""


def _run(folder: Path, parish: str, walk: bool) -> dict:
    with tempfile.TemporaryDirectory() as scratch:
        env = {**os.environ, "MINGA_DATA_DIR": str(folder), "MINGA_STORE": str(Path(scratch) / "nuevo.sqlite"),
               "PYTHONPATH": str(ROOT)}
        done = subprocess.run([sys.executable, "-c", WALK_SCRIPT, parish, "walk" if walk else "first"], env=env,
                              cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _stored(result: dict) -> str:
    held = ", ".join(f"{kind} {count}" for kind, count in result["stored"].items() if count)
    failed = f"; ERROR: {'; '.join(map(str, result['failed']))}" if result["failed"] else ""
    return f"registros de demostración en el almacén después: {held or 'ninguno'}{failed}"


FIRST_PAGE_RUNS = 3  # one fresh process is one sample: a busy moment of the machine moved a single one by a third


def first_page_row(label: str, folder: Path, parish: str) -> Row:
    results = [_run(folder, parish, walk=False) for _ in range(FIRST_PAGE_RUNS)]
    walls = [result["first"][0] for result in results]
    return Row(f"Primera página con un almacén nuevo ({label})", statistics.median(walls), max(walls), "s",
               runs=FIRST_PAGE_RUNS, samples=walls, cpu=statistics.median(result["first"][1] for result in results),
               note=_stored(results[-1]), includes="proceso nuevo en cada corrida: AppTest de Inicio y luego "
                                                   "Propuestas, técnica ingresada, almacén vacío")


def walk_row(folder: Path, parish: str) -> Row:
    result = _run(folder, parish, walk=True)
    peak = result["peak_kib"] / 1024
    return Row("Memoria máxima: recorrido de todas las páginas (nacional)", peak, None, "MiB",
               f"< {MEMORY_TARGET_MIB} MiB", peak < MEMORY_TARGET_MIB and not result["failed"], _stored(result), 1,
               includes="proceso nuevo: AppTest de cada página como técnica, almacén vacío, conjunto nacional")


def run() -> list[Row]:
    from bench.national import dataset

    rows = [first_page_row("El Valle", data_dir(), EL_VALLE)]
    folder = dataset()
    busiest = (pl.read_parquet(folder / "proposals.parquet", columns=["parish_code"])["parish_code"]
               .value_counts(sort=True)["parish_code"][0])
    rows.append(first_page_row("nacional", folder, busiest))
    rows.append(walk_row(folder, busiest))
    return rows


if __name__ == "__main__":
    from bench.__main__ import table

    print(table(TITLE, run()))
