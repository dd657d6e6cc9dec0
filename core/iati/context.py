"""The names an IATI file carries besides the records: the parish's, its associations' and the SDG goals'.

Read from the built views (core.data.db); without built data the export still works with codes for names.
"""

from __future__ import annotations

from typing import Any

import duckdb

from core.data.db import query


def export_context(con: duckdb.DuckDBPyConnection | None, parish_code: str) -> dict[str, Any]:
    """Keyword arguments for core.iati.export: parish_name, association_names, sdg_names."""
    if con is None:
        return {}
    parish = query(con, "SELECT name FROM parishes WHERE parish_code = ?", [parish_code])
    associations = query(con, "SELECT association_id, name FROM associations WHERE parish_code = ?", [parish_code])
    goals = query(con, "SELECT goal, short_name_es FROM sdg_goals")
    return {"parish_name": parish.item(0, 0) if parish.height else None,
            "association_names": dict(associations.iter_rows()),
            "sdg_names": {int(goal): name for goal, name in goals.iter_rows()}}
