"""Minga at national scale: the synthetic national dataset (core.synth.national: 813 rural parishes of the DPA list, about
12.000 associations, 150.000 members, 1.000.000 aid records, 50.000 proposals), generated once into a cache
folder and reused while its generator and build inputs are unchanged.

Figures (issue 14, «Escala nacional, medida»), each with CPU next to wall time:
- the national build (generator, build and pre-aggregated tables) in a process of its own: time and peak memory,
  measured when the cache folder is generated; El Valle's build and an unchanged `--if-stale`, every run;
- each Diagnóstico page's reads for one parish (core.diagnosis.queries.PAGE_QUERIES, the page's own list), no
  cache, over PARISHES parishes spread across the country: p50 and p95 against 100 ms, through the build's
  pre-aggregated tables, next to the same reads with every view computed from the records;
- the aid aggregation of issue 14 (per parish and institution: records, USD, distinct associations, first and
  last year; parquet read included) in DuckDB, pandas and polars over the same file with the same filter, for
  the whole country and for one parish: DuckDB against the target of 5× pandas;
- the peak memory of a fresh process that reads every page for MEMORY_PARISHES parishes through the pages'
  bounded cache (ui.data.view): under 1 GiB.

    python -m bench national
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

import duckdb
import pandas as pd
import polars as pl

from bench import Row, timed_runs
from core.data import db, rollups, stamp
from core.data.build import is_stale
from core.data.paths import ROOT, SOURCES_DIR
from core.diagnosis.queries import PAGE_QUERIES, ViewQuery, parish_keys
from core.fmt import number
from core.synth import national
from core.texts import t

TITLE = "Escala nacional: consultas por parroquia, agregación de ayudas, memoria"
PARISHES = 16
MEMORY_PARISHES = 8  # a board visits a few parishes; each visit fills the cache with every page's reads
AGGREGATION_RUNS = 7
PAGE_TARGET_S = 0.1
DUCKDB_OVER_PANDAS = 5.0
MEMORY_TARGET_MIB = 1024


MEASURE_SCRIPT = """
import json, resource, sys, time
from pathlib import Path
start, cpu = time.perf_counter(), time.process_time()
exec(sys.argv[1], {"folder": Path(sys.argv[2])})
print(json.dumps({"wall": time.perf_counter() - start, "cpu": time.process_time() - cpu,
                  "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "measured": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}))
"""
GENERATE = "from core.synth import national; national.write(folder)"
ELVALLE_BUILD = "from core.data.build import build; build(folder)"
BUILD_MEASURE = "bench-build.json"


def dataset() -> Path:
    """The national folder for this generator and these build inputs, generated the first time (about a minute)
    in a process of its own, whose time and peak memory are kept beside it (BUILD_MEASURE)."""
    digest = hashlib.sha256(Path(national.__file__).read_bytes())
    digest.update(stamp.digest(stamp.entries(stamp.build_inputs(SOURCES_DIR))).encode())
    folder = Path(os.environ.get("MINGA_BENCH_DIR", tempfile.gettempdir())) / f"minga-national-{digest.hexdigest()[:12]}"
    if not (folder / national.MANIFEST).exists() or not (folder / BUILD_MEASURE).exists():
        print(f"Generando el conjunto nacional en {folder} …", flush=True)
        (folder / BUILD_MEASURE).write_text(json.dumps(measured(GENERATE, folder)), encoding="utf-8")
    return folder


def measured(statement: str, folder: Path) -> dict:
    """Run `statement` (with `folder` defined) in a fresh process: its wall and CPU seconds and peak memory."""
    done = subprocess.run([sys.executable, "-c", MEASURE_SCRIPT, statement, str(folder)], env=_env(folder), cwd=ROOT,
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _env(folder: Path) -> dict[str, str]:
    """A child process over `folder`, with a store of its own (nothing entered)."""
    return {**os.environ, "MINGA_DATA_DIR": str(folder), "MINGA_STORE": str(folder / "store" / "minga.sqlite"),
            "PYTHONPATH": str(ROOT)}


def sample_parishes(folder: Path, count: int = PARISHES) -> list[str]:
    """`count` parishes with associations, evenly spread over the code order (every province)."""
    codes = sorted(pl.read_parquet(folder / "associations.parquet", columns=["parish_code"])["parish_code"].unique())
    step = max(1, len(codes) // count)
    return codes[::step][:count]


# The reads of the two other pages that aggregate records, as pages/inicio.py (through ui.data.parish) and
# pages/comparar.py (province level, the larger one) make them; their maps are Territorio's.
OTHER_PAGES: dict[str, dict[str, ViewQuery]] = {
    "inicio": {"overview": ViewQuery("parish_overview", "parish_code = ?", ("parish_code",))},
    "comparar": {
        "mine": ViewQuery("parish_comparison", "parish_code = ?", ("parish_code",)),
        "parishes": ViewQuery("parish_comparison", "province_code = ?", ("province_code",), "parish_code"),
        "cantons": ViewQuery("canton_summary", "province_code = ?", ("province_code",), "canton_code"),
    },
}
PAGES = {**PAGE_QUERIES, **OTHER_PAGES}
PAGE_TITLES = {"inicio": "inicio.title", "comparar": "comparar.title"}


def _page_reads(con: duckdb.DuckDBPyConnection, page: str, parish: str) -> None:
    keys = parish_keys(parish)
    for query in PAGES[page].values():
        name, where, params, order_by = query.bind(keys)
        db.view(con, name, where, list(params), order_by)


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def page_rows(folder: Path, parishes: list[str]) -> list[Row]:
    """Each page's reads for one parish: through the build's pre-aggregated tables (what the pages do) and, as
    the reference of the same run, with every view computed from the records."""
    rows = []
    fast, computed = db.connect(folder), db.connect(folder, pre_aggregated=False)
    for page, queries in PAGES.items():
        timings = {}
        for con in (computed, fast):
            _page_reads(con, page, parishes[-1])  # warm: parquet metadata, view binding
            timings[con] = timed_runs([partial(_page_reads, con, page, parish) for parish in parishes])
        title, key = t(PAGE_TITLES.get(page, f"diag.{page}.title")), f"page_{page}_computed"
        timing, before = timings[fast], timings[computed]
        rows.append(Row(f"{title}: consultas de una parroquia", timing.median, timing.p95, "s", "p95 ≤ 0,1 s",
                        timing.p95 <= PAGE_TARGET_S,
                        f"Peor = p95 de reloj; p95 de CPU {number(_p95(timing.cpu), 3)} s", len(parishes),
                        timing.wall, timing.cpu_median, timing.p95,
                        f"{len(queries)} vistas filtradas por parroquia, tablas pre-agregadas del build, sin caché; "
                        "una parroquia distinta por corrida", reference=key))
        rows.append(Row(f"{title}: las mismas vistas calculadas desde los registros", before.median, before.p95, "s",
                        note=f"Peor = p95 de reloj; p95 de CPU {number(_p95(before.cpu), 3)} s", runs=len(parishes),
                        samples=before.wall, cpu=before.cpu_median, p95=before.p95, key=key,
                        includes="connect(pre_aggregated=False): referencia, lo que costaba cada página antes"))
    fast.close()
    computed.close()
    return rows


AGGREGATION_SQL = """
SELECT parish_code, institution, count(*) AS aid_records, sum(amount_usd) AS amount_usd,
       count(DISTINCT association_id) AS associations, min(year) AS first_year, max(year) AS last_year
FROM read_parquet($path) WHERE parish_code LIKE $parish GROUP BY parish_code, institution
"""
ROLLUP_SQL = f"""
SELECT parish_code, institution, aid_records, amount_usd, associations, first_year, last_year
FROM {rollups.ATTACHED}.aid_institutions WHERE parish_code LIKE $parish
"""
COLUMNS = ["parish_code", "institution", "association_id", "year", "amount_usd"]


def _duckdb(con: duckdb.DuckDBPyConnection, sql: str, path: Path | None, parish: str | None) -> int:
    """Groups of `sql` for `parish` (every parish when None), over the parquet at `path` when it reads one."""
    params = {"parish": parish or "%"} | ({"path": str(path)} if path else {})
    return len(con.execute(sql, params).fetchall())


def _pandas(path: Path, parish: str | None) -> int:
    frame = pd.read_parquet(path, columns=COLUMNS, filters=[("parish_code", "==", parish)] if parish else None)
    grouped = frame.groupby(["parish_code", "institution"], sort=False).agg(
        aid_records=("amount_usd", "size"), amount_usd=("amount_usd", "sum"),
        associations=("association_id", "nunique"), first_year=("year", "min"), last_year=("year", "max"))
    return len(grouped)


def _polars(path: Path, parish: str | None) -> int:
    frame = pl.scan_parquet(path)
    frame = frame.filter(pl.col("parish_code") == parish) if parish else frame
    return frame.group_by("parish_code", "institution").agg(
        pl.len().alias("aid_records"), pl.col("amount_usd").sum(), pl.col("association_id").n_unique().alias("associations"),
        pl.col("year").min().alias("first_year"), pl.col("year").max().alias("last_year")).collect().height


def _engine_rows(folder: Path, parish: str | None, scope: str, label: str) -> list[Row]:
    """The same aggregation in the three engines over the same file and filter, and Minga's answer: the build's
    pre-aggregated aid_institutions (the same figures per parish and institution) read with DuckDB. DuckDB's
    connection is opened before the timing, as pandas and polars are imported before it."""
    path = folder / "aid.parquet"
    with duckdb.connect(":memory:") as con:
        rollups.attach(con, rollups.usable(folder, db.view_files())[0])
        engines = {"DuckDB": partial(_duckdb, con, AGGREGATION_SQL, path, parish),
                   "pandas": partial(_pandas, path, parish), "polars": partial(_polars, path, parish),
                   "Minga (pre-agregada)": partial(_duckdb, con, ROLLUP_SQL, None, parish)}
        groups = {name: engine() for name, engine in engines.items()}  # warm-up, and the same answer from each
        if len(set(groups.values())) != 1:
            raise RuntimeError(f"the engines disagree on the number of groups: {groups}")
        timings = {name: timed_runs([engine] * AGGREGATION_RUNS) for name, engine in engines.items()}
    includes = (f"{label}: registros, USD, asociaciones distintas y años de ayuda por parroquia e institución "
                f"({groups['DuckDB']} grupos); lectura del parquet incluida, el mismo filtro en cada motor")
    rows = [Row(f"Agregación de ayudas, {label}: {name}", timing.median, max(timing.wall), "s", runs=AGGREGATION_RUNS,
                samples=timing.wall, cpu=timing.cpu_median, p95=timing.p95,
                includes=includes if name != "Minga (pre-agregada)" else
                f"{label}: las mismas cifras leídas de la tabla aid_institutions de la base pre-agregada del build",
                key=f"aggregation_{scope}_{name.split()[0].lower()}",
                reference=None if name == "pandas" else f"aggregation_{scope}_pandas")
            for name, timing in timings.items()]
    for name in ("DuckDB", "polars", "Minga (pre-agregada)"):
        wall = timings["pandas"].median / timings[name].median
        cpu = timings["pandas"].cpu_median / timings[name].cpu_median
        held = name != "polars"
        rows.append(Row(f"{label}: {name} frente a pandas (veces más rápido)", min(wall, cpu), None, "×",
                        f"≥ {DUCKDB_OVER_PANDAS:g} ×" if held else None,
                        min(wall, cpu) >= DUCKDB_OVER_PANDAS if held else None,
                        f"la menor de dos razones: medianas de reloj {number(wall, 1)} ×, de CPU {number(cpu, 1)} × "
                        "(el reloj de una máquina cargada favorece al motor que espera menos)", AGGREGATION_RUNS,
                        includes="las filas de arriba"))
    return rows


def aggregation_rows(folder: Path, parish: str) -> list[Row]:
    """The national aggregation of issue 14 (every parish), and the same for one parish (what a page asks).
    Why Minga reads it pre-aggregated rather than from the records: docs/arquitectura.md, «Escala nacional»."""
    country = _engine_rows(folder, None, "country", "todo el país")
    return country + _engine_rows(folder, parish, "parish", "una parroquia")


MEMORY_SCRIPT = """
import json, logging, resource, sys
from ui import data
for name in [n for n in logging.root.manager.loggerDict if n.startswith("streamlit")]:
    logging.getLogger(name).setLevel(logging.ERROR)
from core.diagnosis.queries import PAGE_QUERIES, ViewQuery, parish_keys
for parish in json.loads(sys.argv[1]):
    for queries in PAGE_QUERIES.values():
        for query in queries.values():
            data.view(*query.bind(parish_keys(parish)))
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def memory_row(folder: Path, parishes: list[str]) -> Row:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", MEMORY_SCRIPT, json.dumps(parishes)], env=_env(folder), cwd=ROOT,
                          capture_output=True, text=True, check=True)
    peak_mib = int(done.stdout.strip().splitlines()[-1]) / 1024
    return Row("Memoria máxima: todas las páginas de diagnóstico", peak_mib, None, "MiB", "< 1.024 MiB",
               peak_mib < MEMORY_TARGET_MIB, f"{time.perf_counter() - start:.0f} s en total", 1,
               includes=f"un proceso nuevo: conexión y {len(parishes)} parroquias × todas las vistas de cada página "
                        "a través de la caché de las páginas (ui.data.view, max_entries)")


def build_rows(folder: Path) -> list[Row]:
    """The national build (kept from when the dataset was generated), El Valle's build and its `--if-stale`."""
    whole = json.loads((folder / BUILD_MEASURE).read_text(encoding="utf-8"))
    manifest = json.loads((folder / national.MANIFEST).read_text(encoding="utf-8"))
    rows = [Row("Construcción nacional: tiempo", whole["wall"], None, "s", runs=1, cpu=whole["cpu"],
                note=f"medida al generar la carpeta en caché ({whole['measured']}); "
                     + ", ".join(f"{k} {number(v, 0)}" for k, v in manifest["rows"].items()),
                includes="un proceso nuevo: core.synth.national.write = build de data/sources/, registros "
                         "nacionales y tablas pre-agregadas (core.data.rollups, por tramos de unas 100.000 ayudas "
                         "y socios)"),
            Row("Construcción nacional: memoria máxima", whole["peak_mib"], None, "MiB", "< 1.024 MiB",
                whole["peak_mib"] < MEMORY_TARGET_MIB, runs=1, includes="RSS máximo del mismo proceso")]
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch)
        elvalle = measured(ELVALLE_BUILD, out)
        rows.append(Row("Construcción de El Valle: tiempo", elvalle["wall"], None, "s", runs=1, cpu=elvalle["cpu"],
                        note=f"memoria máxima {number(elvalle['peak_mib'], 0)} MiB",
                        includes="un proceso nuevo: core.data.build.build, validación de cada fila, parquet y "
                                 "tablas pre-agregadas"))
        inputs = stamp.build_inputs(SOURCES_DIR)
        timing = timed_runs([partial(is_stale, out)] * AGGREGATION_RUNS)
        rows.append(Row("--if-stale sin cambios", timing.median, max(timing.wall), "s", runs=AGGREGATION_RUNS,
                        cpu=timing.cpu_median, samples=timing.wall,
                        includes=f"is_stale: un stat de cada uno de los {len(inputs)} archivos de entrada "
                                 f"({number(sum(p.stat().st_size for p in inputs) / 2**20, 1)} MiB), sin leerlos"))
    return rows


def run() -> list[Row]:
    started = time.perf_counter()
    folder = dataset()
    rows = build_rows(folder)
    parishes = sample_parishes(folder)
    start = time.perf_counter()
    con = db.connect(folder)
    rows.append(Row("Conexión: vistas sobre los parquet nacionales", time.perf_counter() - start, None, "s", runs=1,
                    includes="duckdb.connect y registro de todas las vistas"))
    con.close()
    rows += page_rows(folder, parishes)
    rows += aggregation_rows(folder, parishes[len(parishes) // 2])
    rows.append(memory_row(folder, parishes[:MEMORY_PARISHES]))
    rows[0].note += f"; este módulo tardó {time.perf_counter() - started:.0f} s"
    return rows


if __name__ == "__main__":
    from bench.__main__ import table

    print(table(TITLE, run()))
