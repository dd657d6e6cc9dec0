"""Start Minga's Streamlit server: `python scripts/serve.py [streamlit run options]`.

Streamlit 1.67 decides once per server, when the first session starts, whether the app is a legacy
multipage app, by looking for a `pages/` folder beside the entry script. Minga keeps its pages in
`pages/` but routes them with st.navigation; left alone, the first visitor of a freshly started server
runs in legacy mode and loses their first interaction (a sign-in, the chosen parish). Setting the flag
before the server starts gives every session, the first included, st.navigation's routing.
"""

import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

PagesManager.uses_pages_directory = False

if __name__ == "__main__":
    app = str(Path(__file__).resolve().parents[1] / "app.py")
    sys.exit(cli.main(["run", app, *sys.argv[1:]], standalone_mode=True))
