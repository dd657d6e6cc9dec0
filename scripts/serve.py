"""Start Minga's Streamlit server: `python scripts/serve.py [streamlit run options]`.

Streamlit 1.67 decides once per server, when the first session starts, whether the app is a legacy
multipage app, by looking for a `pages/` folder beside the entry script. Minga keeps its pages in
`pages/` but routes them with st.navigation; left alone, the first visitor of a freshly started server
runs in legacy mode and loses their first interaction (a sign-in, the chosen parish). Setting the flag
before the server starts gives every session, the first included, st.navigation's routing.

While the server starts and waits, a thread imports the heavy libraries the first page would otherwise import.
"""

import importlib
import sys
import threading
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

PagesManager.uses_pages_directory = False

# The libraries every page draws with, imported while the server waits for its first visitor instead of during
# that visitor's first page (pandas alone is most of a second of CPU; Streamlit imports it for the first table
# or map). Third-party only: the app's own modules are imported by its script runs.
WARM = ("numpy", "pandas", "pyarrow", "polars", "duckdb", "altair", "pydeck", "pydantic")


def _warm_imports() -> None:
    for name in WARM:
        importlib.import_module(name)


if __name__ == "__main__":
    threading.Thread(target=_warm_imports, name="minga-warm-imports", daemon=True).start()
    app = str(Path(__file__).resolve().parents[1] / "app.py")
    sys.exit(cli.main(["run", app, *sys.argv[1:]], standalone_mode=True))
