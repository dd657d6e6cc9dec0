"""A proposals file of many rows in a parish of many associations: each row's association was looked up by building
the parish's index of codes and names again (every name normalised once per row), so 2.000 rows in a parish of 300
associations took 9 s before the preview showed (0,6 s now, on the shared test machine). The indexes
are built once per file. Cumbe, not El Valle."""

from __future__ import annotations

import datetime as dt
import time

from core.proposals import imports
from core.proposals.import_preview import ImportContext

ASSOCIATIONS = {f"010152-A{i:03d}": f"Asociación de productores número {i}" for i in range(300)}
CTX = ImportContext(parish_code="010152", parish_name="Cumbe", associations=ASSOCIATIONS, today=dt.date(2026, 12, 5))
HEADER = "Código;Asociación;Asociaciones participantes;Título;Costo total (USD);Monto solicitado"


def test_two_thousand_rows_in_a_parish_of_three_hundred_associations_preview_quickly():
    rows = [f"P{i:04d};Asociación de productores número {i % 300};A{(i + 1) % 300:03d};Riego número {i};1.500;1.500"
            for i in range(2000)]
    data = "\n".join([HEADER, *rows, ""]).encode("utf-8")
    started = time.perf_counter()
    preview = imports.preview_import(data, "p.csv", CTX)
    elapsed = time.perf_counter() - started
    assert preview.problems == [] and {r.action for r in preview.rows} == {"new"}
    assert preview.rows[5].proposal.association_ids == ["010152-A005", "010152-A006"]
    assert elapsed < 2, elapsed
