"""Minga at national scale: the synthetic national dataset (core.synth.national: 821 rural parishes, about
12.000 associations, 150.000 members, 1.000.000 aid records, 50.000 proposals), generated once into a cache
folder and reused while its generator and census file are unchanged.

Figures (issue 14, «Escala nacional, medida»):
- each Diagnóstico page's reads for one parish (core.diagnosis.queries.PAGE_QUERIES, the page's own list), no
  cache, over PARISHES parishes spread across the country: p50 and p95 against 100 ms;
- the national aid aggregation (per parish and institution: records, USD, associations, first and last year,
  over the whole aid file, read included) in DuckDB, pandas and polars: DuckDB at least 5× pandas;
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

from bench import Row, Timing, timed_runs
from core.data import db, stamp
from core.data.paths import ROOT, SOURCES_DIR
from core.diagnosis.queries import PAGE_QUERIES, parish_keys
from core.synth import national
from core.texts import t

TITLE = "Escala nacional: consultas por parroquia, agregación de ayudas, memoria"
PARISHES = 16
MEMORY_PARISHES = 8  # a board visits a few parishes; each visit fills the cache with every page's reads
AGGREGATION_RUNS = 7
PAGE_TARGET_S = 0.1
DUCKDB_OVER_PANDAS = 5.0
MEMORY_TARGET_MIB = 1024


def dataset() -> Path:
    """The national folder for this generator and these build inputs, generated the first time (about 30 s)."""
    digest = hashlib.sha256(Path(national.__file__).read_bytes())
    digest.update(stamp.digest(stamp.entries(stamp.build_inputs(SOURCES_DIR))).encode())
    folder = Path(os.environ.get("MINGA_BENCH_DIR", tempfile.gettempdir())) / f"minga-national-{digest.hexdigest()[:12]}"
    if not (folder / national.MANIFEST).exists():
        print(f"Generando el conjunto nacional en {folder} …", flush=True)
        national.write(folder)
    return folder


def sample_parishes(folder: Path, count: int = PARISHES) -> list[str]:
    """`count` parishes with associations, evenly spread over the code order (every province)."""
    codes = sorted(pl.read_parquet(folder / "associations.parquet", columns=["parish_code"])["parish_code"].unique())
    step = max(1, len(codes) // count)
    return codes[::step][:count]


def _page_reads(con: duckdb.DuckDBPyConnection, page: str, parish: str) -> None:
    keys = parish_keys(parish)
    for query in PAGE_QUERIES[page].values():
        name, where, params, order_by = query.bind(keys)
        db.view(con, name, where, list(params), order_by)


def page_rows(folder: Path, parishes: list[str]) -> list[Row]:
    con = db.connect(folder)
    rows = []
    for page, queries in PAGE_QUERIES.items():
        _page_reads(con, page, parishes[-1])  # warm: parquet metadata, view binding
        timing = timed_runs([partial(_page_reads, con, page, parish) for parish in parishes])
        rows.append(Row(f"{t(f'diag.{page}.title')}: consultas de una parroquia", timing.median, max(timing.wall), "s",
                        "p95 ≤ 0,1 s", timing.p95 <= PAGE_TARGET_S, "p95 es la de la columna Peor", len(parishes),
                        timing.wall, timing.cpu_median, timing.p95,
                        f"{len(queries)} vistas filtradas por parroquia, sin caché; una parroquia distinta por corrida"))
    con.close()
    return rows


AGGREGATION_SQL = """
SELECT parish_code, institution, count(*) AS aid_records, sum(amount_usd) AS amount_usd,
       count(DISTINCT association_id) AS associations, min(year) AS first_year, max(year) AS last_year
FROM read_parquet(?) GROUP BY parish_code, institution
"""
COLUMNS = ["parish_code", "institution", "association_id", "year", "amount_usd"]


def _duckdb(path: Path) -> int:
    with duckdb.connect(":memory:") as con:
        return len(con.execute(AGGREGATION_SQL, [str(path)]).fetchall())


def _pandas(path: Path) -> int:
    frame = pd.read_parquet(path, columns=COLUMNS)
    grouped = frame.groupby(["parish_code", "institution"], sort=False).agg(
        aid_records=("amount_usd", "size"), amount_usd=("amount_usd", "sum"),
        associations=("association_id", "nunique"), first_year=("year", "min"), last_year=("year", "max"))
    return len(grouped)


def _polars(path: Path) -> int:
    return pl.scan_parquet(path).group_by("parish_code", "institution").agg(
        pl.len().alias("aid_records"), pl.col("amount_usd").sum(), pl.col("association_id").n_unique().alias("associations"),
        pl.col("year").min().alias("first_year"), pl.col("year").max().alias("last_year")).collect().height


def aggregation_rows(folder: Path) -> list[Row]:
    path = folder / "aid.parquet"
    engines = {"DuckDB": _duckdb, "pandas": _pandas, "polars": _polars}
    groups = {name: engine(path) for name, engine in engines.items()}  # warm-up, and the same answer from each
    if len(set(groups.values())) != 1:
        raise RuntimeError(f"the engines disagree on the number of groups: {groups}")
    timings: dict[str, Timing] = {name: timed_runs([lambda e=engine: e(path)] * AGGREGATION_RUNS)
                                  for name, engine in engines.items()}
    includes = f"lectura del parquet (5 columnas, 1.000.000 filas) y agrupación en {groups['DuckDB']} grupos"
    rows = [Row(f"Agregación nacional de ayudas: {name}", timing.median, max(timing.wall), "s", runs=AGGREGATION_RUNS,
                samples=timing.wall, cpu=timing.cpu_median, p95=timing.p95, includes=includes,
                key=f"aggregation_{name.lower()}", reference=None if name == "pandas" else "aggregation_pandas")
            for name, timing in timings.items()]
    speedup = timings["pandas"].median / timings["DuckDB"].median
    rows.append(Row("DuckDB frente a pandas (veces más rápido)", speedup, None, "×", f"≥ {DUCKDB_OVER_PANDAS:g} ×",
                    speedup >= DUCKDB_OVER_PANDAS, "mediana de pandas / mediana de DuckDB", AGGREGATION_RUNS,
                    includes="las dos filas de arriba"))
    return rows


MEMORY_SCRIPT = """
import json, logging, resource, sys
from ui import data
for name in [n for n in logging.root.manager.loggerDict if n.startswith("streamlit")]:
    logging.getLogger(name).setLevel(logging.ERROR)
from core.diagnosis.queries import PAGE_QUERIES, parish_keys
for parish in json.loads(sys.argv[1]):
    for queries in PAGE_QUERIES.values():
        for query in queries.values():
            data.view(*query.bind(parish_keys(parish)))
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def memory_row(folder: Path, parishes: list[str]) -> Row:
    env = {**os.environ, "MINGA_DATA_DIR": str(folder), "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", MEMORY_SCRIPT, json.dumps(parishes)], env=env, cwd=ROOT,
                          capture_output=True, text=True, check=True)
    peak_mib = int(done.stdout.strip().splitlines()[-1]) / 1024
    return Row("Memoria máxima: todas las páginas de diagnóstico", peak_mib, None, "MiB", "< 1.024 MiB",
               peak_mib < MEMORY_TARGET_MIB, f"{time.perf_counter() - start:.0f} s en total", 1,
               includes=f"un proceso nuevo: conexión y {len(parishes)} parroquias × todas las vistas de cada página "
                        "a través de la caché de las páginas (ui.data.view, max_entries)")


def run() -> list[Row]:
    started = time.perf_counter()
    folder = dataset()
    manifest = json.loads((folder / national.MANIFEST).read_text(encoding="utf-8"))
    rows = [Row("Generación del conjunto nacional", manifest["seconds"], None, "s", runs=1,
                note="guardado en caché; " + ", ".join(f"{k} {v}" for k, v in manifest["rows"].items()),
                includes="core.synth.national.write, una vez por versión del generador")]
    parishes = sample_parishes(folder)
    start = time.perf_counter()
    con = db.connect(folder)
    rows.append(Row("Conexión: vistas sobre los parquet nacionales", time.perf_counter() - start, None, "s", runs=1,
                    includes="duckdb.connect y registro de todas las vistas"))
    con.close()
    rows += page_rows(folder, parishes)
    rows += aggregation_rows(folder)
    rows.append(memory_row(folder, parishes[:MEMORY_PARISHES]))
    rows[0].note += f"; este módulo tardó {time.perf_counter() - started:.0f} s"
    return rows


if __name__ == "__main__":
    from bench.__main__ import table

    print(table(TITLE, run()))
