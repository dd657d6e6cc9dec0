"""Start Minga's Streamlit server: `python scripts/serve.py [streamlit run options]`.

Streamlit 1.67 decides once per server, when the first session starts, whether the app is a legacy
multipage app, by looking for a `pages/` folder beside the entry script. Minga keeps its pages in
`pages/` but routes them with st.navigation; left alone, the first visitor of a freshly started server
runs in legacy mode and loses their first interaction (a sign-in, the chosen parish). Setting the flag
before the server starts gives every session, the first included, st.navigation's routing.

Before the server listens, it imports the libraries and Minga's modules that the first page uses (the router's and
Inicio's). A visitor who opens the address the server prints then does not wait for them. When they were imported
in a thread while the server already listened, they competed for the CPU with that visitor's first page: 1,91 ×
the empty app's first page against 1,62 × (median of four fresh starts each, before the step below existed).
It then loads the allocation's compiled search (`core.engine.allocation.warm_up`: about a second from numba's
cache, or a compile of several seconds on a new checkout), so the first allocation does not wait for it either.
It also opens the process's DuckDB connection and reads the first page's views for the default parish.

Every address (`/ayudas`, a bookmark or a reload) gets Streamlit's index.html with the server's address set in
`window.__streamlit.BACKEND_BASE_URL`, the frontend's setting for where its server is. Without it, the
frontend cannot tell a page's path from a base path: it first asks `/ayudas/_stcore/health`, gets a 404 and
waits 100 ms before asking `/_stcore/health`. That wait was about a fifth of an empty page's whole load.
"""

import importlib
import sys
from pathlib import Path

from starlette.responses import FileResponse, HTMLResponse, Response
from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli
from streamlit.web.server.starlette import starlette_static_routes

FRONTEND_MODULE = '<script type="module"'  # the first script of Streamlit's index.html: the setting goes before it

PagesManager.uses_pages_directory = False

# The libraries every page draws with (pandas alone is most of a second of CPU; Streamlit imports it for the first
# table or map), then the modules of the router and of Inicio, the first page.
WARM = ("numpy", "pandas", "pyarrow", "polars", "duckdb", "altair", "pydeck", "pydantic",
        "ui.data", "ui.session", "ui.state", "ui.parish", "ui.census", "ui.maps", "ui.widgets", "ui.diagnosis")


def _warm_up() -> None:
    for name in WARM:
        importlib.import_module(name)
    _warm_first_reads()
    # the allocation's compiled search, loaded from numba's cache (or compiled, on a new checkout)
    importlib.import_module("core.engine.allocation").warm_up()


def _warm_first_reads() -> None:
    """The process's DuckDB connection (ui.data keeps one) and the first page's reads at the default parish: the
    files' footers and the rollups' catalogue are read before the first visitor asks. Without built data (or
    with a view that fails) nothing is warmed: the app then says in Spanish what is missing."""
    from core.diagnosis.queries import CANTON_MAP_QUERIES
    from ui import data, state
    from ui.diagnosis import frames_of

    try:  # what pages/inicio.py reads
        data.parish(state.DEFAULT_PARISH)
        frames_of(CANTON_MAP_QUERIES, state.DEFAULT_PARISH)
    except Exception:  # noqa: BLE001 — a warm-up never stops the server; the pages report what is wrong
        data.connection.clear()


def page_index(index_html: str) -> str:
    """Streamlit's index.html with BACKEND_BASE_URL set to the folder of the address it was opened at: `/` for
    `/ayudas`, `/minga/` for `/minga/ayudas` (a base URL path, or a proxy's prefix). Pages are one segment deep."""
    setting = ('<script>window.__streamlit = {BACKEND_BASE_URL: new URL("./", window.location.href).href}</script>'
               "\n    ")
    if FRONTEND_MODULE not in index_html:
        raise ValueError("Streamlit's index.html has no module script to put the server's address before")
    return index_html.replace(FRONTEND_MODULE, setting + FRONTEND_MODULE, 1)


def _serve_page_index() -> None:
    """Have the static files answer with `page_index` (kept in memory) wherever they would send Streamlit's own
    index.html: at the root and at a page's address."""
    create = starlette_static_routes.create_streamlit_static_handler

    def create_with_page_index(directory: str, base_url: str | None):
        handler = create(directory=directory, base_url=base_url)
        page_html = page_index(Path(handler._index_path).read_text(encoding="utf-8"))
        static_response = handler.get_response

        async def get_response(path: str, scope) -> Response:
            response = await static_response(path, scope)
            if isinstance(response, FileResponse) and Path(response.path).name == "index.html":
                return HTMLResponse(page_html, status_code=response.status_code,
                                    headers={"Cache-Control": response.headers.get("Cache-Control", "no-cache")})
            return response

        handler.get_response = get_response
        return handler

    starlette_static_routes.create_streamlit_static_handler = create_with_page_index


if __name__ == "__main__":
    root = Path(__file__).resolve().parents[1]
    sys.path.insert(0, str(root))  # Minga's own modules, warmed before Streamlit adds the app's folder itself
    _warm_up()
    _serve_page_index()
    sys.exit(cli.main(["run", str(root / "app.py"), *sys.argv[1:]], standalone_mode=True))
