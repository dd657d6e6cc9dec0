"""Where Minga's files live. MINGA_DATA_DIR moves the built data (and the store) elsewhere."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SQL_DIR = ROOT / "sql"
SOURCES_DIR = ROOT / "data" / "sources"
BUILD_STAMP = ".build-stamp"  # written last by every build, in the data folder


def data_dir() -> Path:
    """The folder that holds the built parquet files (default: `data/` in the repo)."""
    return Path(os.environ.get("MINGA_DATA_DIR", ROOT / "data"))
