"""Reference figures of this run, and every page measured against them (El Valle, Streamlit's AppTest).

Absolute times on a shared two-core machine vary several times between runs; a ratio to Streamlit's own
floor measured in the same run does not. The reference is an empty Streamlit page (one title) rerun under
AppTest; each Minga page is rerun the same way (the public view, El Valle chosen, caches warm after a
first run), so «Razón» reads «this page's script costs N empty pages' scripts». Work pages, which the public view does
not list, are measured signed in by bench/browser.py. AppTest runs the script
without a browser: websocket and drawing are not included, so these ratios are far above issue 14's browser
ratios (target ≤ 1,5 × in a browser, measured by bench/browser.py) and are not held to that target; they show
which page's script weighs.

Other modules plug their references in by giving a row a `key` (bench/__init__.py).
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from streamlit.testing.v1 import AppTest

from bench import Row, timed_runs
from core.data.paths import ROOT

TITLE = "Referencia: página vacía de Streamlit y cada página de Minga (El Valle, AppTest, caché caliente)"
RUNS = 7
PARISH = "010170"
EMPTY_PAGE = 'import streamlit as st\n\nst.title("Minga")\n'


def _quiet() -> None:
    for name in [n for n in logging.root.manager.loggerDict if n.startswith("streamlit")]:
        logging.getLogger(name).setLevel(logging.ERROR)


def empty_page_row() -> Row:
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "vacia.py"
        script.write_text(EMPTY_PAGE, encoding="utf-8")
        app = AppTest.from_file(str(script), default_timeout=60)
        app.run()
        timing = timed_runs([app.run] * RUNS)
    return Row("Página vacía de Streamlit (rerun)", timing.median, max(timing.wall), "s", runs=RUNS,
               samples=timing.wall, cpu=timing.cpu_median, p95=timing.p95, key="empty_page",
               includes="AppTest.run de un script con un título")


def page_row(page: Path) -> Row | None:
    """None for a work page: the public view does not list it (bench/browser.py measures it signed in)."""
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    app.session_state["parish_code"] = PARISH
    app.run()
    relative = str(page.relative_to(ROOT))
    try:
        app.switch_page(relative)
    except ValueError:
        return None
    app.run()
    failed = bool(app.exception)
    timing = timed_runs([app.run] * RUNS)
    return Row(f"Página {page.stem} (rerun)", timing.median, max(timing.wall), "s", None, None,
               "la página lanzó una excepción" if failed else "", RUNS, timing.wall, timing.cpu_median, timing.p95,
               "AppTest.run de la página con El Valle elegido, vista pública", reference="empty_page")


def run() -> list[Row]:
    _quiet()
    rows = (page_row(page) for page in sorted((ROOT / "pages").glob("*.py")))
    return [empty_page_row(), *(row for row in rows if row is not None)]
