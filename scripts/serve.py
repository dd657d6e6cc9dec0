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
"""

import importlib
import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

PagesManager.uses_pages_directory = False

# The libraries every page draws with (pandas alone is most of a second of CPU; Streamlit imports it for the first
# table or map), then the modules of the router and of Inicio, the first page.
WARM = ("numpy", "pandas", "pyarrow", "polars", "duckdb", "altair", "pydeck", "pydantic",
        "ui.data", "ui.session", "ui.state", "ui.parish", "ui.census", "ui.maps", "ui.widgets", "ui.diagnosis")


def _warm_imports() -> None:
    for name in WARM:
        importlib.import_module(name)
    # the allocation's compiled search, loaded from numba's cache (or compiled, on a new checkout)
    importlib.import_module("core.engine.allocation").warm_up()


if __name__ == "__main__":
    root = Path(__file__).resolve().parents[1]
    sys.path.insert(0, str(root))  # Minga's own modules, warmed before Streamlit adds the app's folder itself
    _warm_imports()
    sys.exit(cli.main(["run", str(root / "app.py"), *sys.argv[1:]], standalone_mode=True))
