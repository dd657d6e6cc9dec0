"""The Diagnóstico pages' queries at El Valle scale (8 associations, 91 members, 56 aid records).

For each page, every view it reads (core.diagnosis.queries.PAGE_QUERIES, the same list the page uses) is run on
its own cursor of one in-memory DuckDB, as a cold cache would: median and worst of 20 warm runs. A second
row per page times the same reads through the pages' cache (ui.data.view, st.cache_data), which is what a
rerun costs: it must not query again.

    python -m bench diagnosis        # with the other benchmarks' table
    python -m bench.diagnosis        # this module alone
"""

from __future__ import annotations

import logging
import time

from bench import Row, timed
from core.data import db
from core.diagnosis.queries import PAGE_QUERIES, parish_keys
from core.texts import t

TITLE = "Diagnóstico: consultas de cada página (El Valle)"
PARISH = "010170"
RUNS = 20
TARGET_S = 0.25  # a page's reads, cache cold: well under a projector's patience
TARGET_CACHED_S = 0.05  # a copy out of st.cache_data (unpickled); no query


def _page_reads(con, page: str, keys: dict[str, str]) -> int:
    rows = 0
    for query in PAGE_QUERIES[page].values():
        name, where, params, order_by = query.bind(keys)
        rows += db.view(con, name, where, list(params), order_by).height
    return rows


def _cached_reads(page: str, keys: dict[str, str]) -> None:
    from ui import data

    for query in PAGE_QUERIES[page].values():
        data.view(*query.bind(keys))


def run() -> list[Row]:
    # Outside `streamlit run` the cache decorators warn that there is no runtime; that is expected here.
    from ui import data  # noqa: F401 - registers Streamlit's loggers, quietened below

    for name in [n for n in logging.root.manager.loggerDict if n.startswith("streamlit")]:
        logging.getLogger(name).setLevel(logging.ERROR)
    start = time.perf_counter()
    con = db.connect()
    connect_s = time.perf_counter() - start
    keys = parish_keys(PARISH)
    rows = [Row("Conexión: vistas sobre los parquet", connect_s, connect_s, "s", note="una vez por proceso", runs=1)]
    cold_medians = []
    for page, queries in PAGE_QUERIES.items():
        median, worst, samples, read = timed(lambda p=page: _page_reads(con, p, keys), repeat=RUNS, warmup=1)
        cold_medians.append(median)
        title = t(f"diag.{page}.title")
        rows.append(Row(f"{title}: {len(queries)} vistas sin caché", median, worst, "s",
                        f"< {TARGET_S} s".replace(".", ","), worst < TARGET_S, f"{read} filas", RUNS, samples))
        median, worst, samples, _ = timed(lambda p=page: _cached_reads(p, keys), repeat=RUNS, warmup=1)
        rows.append(Row(f"{title}: relectura con caché (rerun)", median, worst, "s",
                        f"< {TARGET_CACHED_S} s".replace(".", ","), worst < TARGET_CACHED_S, "st.cache_data, sin consultar", RUNS,
                        samples))
    rows.append(Row("Las cinco páginas, sin caché (suma de medianas)", sum(cold_medians), None, "s", runs=RUNS))
    return rows


if __name__ == "__main__":
    from bench.__main__ import table

    print(table(TITLE, run()))
