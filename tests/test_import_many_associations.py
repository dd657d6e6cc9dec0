"""A proposals file of many rows in a parish of many associations: each row's association was looked up by building
the parish's index of codes and names again (every name normalised once per row), so 2.000 rows in a parish of 300
associations took 9 s before the preview showed (0,6 s after). The indexes are built once per file: the names
normalised grow with the rows, not with rows × associations. Cumbe, not El Valle."""

from __future__ import annotations

import datetime as dt

from core.proposals import import_values, imports
from core.proposals.import_preview import ImportContext

ASSOCIATIONS = {f"010152-A{i:03d}": f"Asociación de productores número {i}" for i in range(300)}
CTX = ImportContext(parish_code="010152", parish_name="Cumbe", associations=ASSOCIATIONS, today=dt.date(2026, 12, 5))
HEADER = "Código;Asociación;Asociaciones participantes;Título;Costo total (USD);Monto solicitado"
ROWS = 400


def test_the_associations_are_indexed_once_per_file_not_once_per_row(monkeypatch):
    normalised = []
    original = import_values.normalise
    monkeypatch.setattr(import_values, "normalise", lambda text: normalised.append(text) or original(text))
    rows = [f"P{i:04d};Asociación de productores número {i % 300};A{(i + 1) % 300:03d};Riego número {i};1.500;1.500"
            for i in range(ROWS)]
    preview = imports.preview_import("\n".join([HEADER, *rows, ""]).encode("utf-8"), "p.csv", CTX)
    assert preview.problems == [] and {r.action for r in preview.rows} == {"new"}
    assert preview.rows[5].proposal.association_ids == ["010152-A005", "010152-A006"]
    # each association's name once, and a few per row (its association, those taking part); per row and association
    # it was 240.000
    assert len(normalised) <= len(ASSOCIATIONS) + 10 * ROWS, len(normalised)
