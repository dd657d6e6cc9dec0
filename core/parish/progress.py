"""The path of a parish as a checklist: what it has recorded so far and what is still missing.

The study's method runs diagnosis → projects → budget; Inicio and «Preparar la parroquia» show
these steps for a parish, each with how many records it has.
"""

from __future__ import annotations

from pydantic import BaseModel

from core.parish.records import counts
from core.proposals import records as proposal_records
from core.record.store import Store

STEPS = ("asociaciones", "encuesta", "ayudas", "problemas", "objetivos_pdot", "propuestas")


class Step(BaseModel):
    key: str  # one of STEPS; its Spanish name is parish.step.<key>
    count: int

    @property
    def done(self) -> bool:
        return self.count > 0


def checklist(store: Store, parish_code: str) -> list[Step]:
    """Each step of the path with the parish's number of records (0: still missing)."""
    found = counts(store, parish_code)
    found["propuestas"] = len(proposal_records.proposals(store, parish_code))
    return [Step(key=key, count=found[key]) for key in STEPS]
