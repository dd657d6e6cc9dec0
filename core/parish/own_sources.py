"""Where a parish's own diagnosis figures come from, for «Datos y fuentes»: each part its technical team recorded
in «Preparar la parroquia» (or loaded with `python -m core.parish load`), how many records it holds, and when and by
whom it last changed. The demo's datasets are listed from the build (the `data_sources` view); these are not.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.parish.records import part_records
from core.record.store import Store

PARTS = ("asociaciones", "encuesta", "ayudas", "problemas", "objetivos_pdot")  # the diagnosis parts, in path order


@dataclass(frozen=True)
class OwnSource:
    part: str  # one of PARTS; its Spanish name is fuentes.own.part.<part>
    count: int
    updated_at: str  # the latest change of any of its records (store time)
    updated_by: str


def own_sources(store: Store, parish_code: str) -> list[OwnSource]:
    """The parish's recorded parts, each with its count and latest change; none for a parish without records."""
    found = []
    for part in PARTS:
        stored = part_records(store, parish_code, part)
        if stored:
            latest = max(stored, key=lambda r: (r.updated_at, r.record_id))
            found.append(OwnSource(part, len(stored), latest.updated_at, latest.updated_by))
    return found
