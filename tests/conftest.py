"""Shared fixtures: the demo data built once per test session into a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.build import build
from core.db import connect

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def built_data_dir(tmp_path_factory) -> Path:
    """A fresh build of every dataset from data/sources/ (does not touch the repo's data/)."""
    out = tmp_path_factory.mktemp("data")
    build(out)
    return out


@pytest.fixture(scope="session")
def con(built_data_dir):
    """A DuckDB connection with every view over the session's built data."""
    connection = connect(built_data_dir)
    yield connection
    connection.close()
