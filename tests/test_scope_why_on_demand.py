"""Presupuesto's «¿por qué no?» on demand (ui/scenario_state.explain) under «Óptima por alcance» explains the same
allocation the page shows: the one that counts each association's members once."""

import pytest

from core.engine.allocation import AllocationRules
from core.engine.weights import preset
from ui import budget_tables, scenario_state

STUDY = preset("Estudio El Valle: alcance y factibilidad")


def test_the_why_on_demand_explains_the_allocation_shown(own_store):
    rules = AllocationRules(budget_usd=60_000)
    shown = scenario_state.run("010170", STUDY, rules, method="scope", explain=True).result
    out = [o for o in shown.proposals if not o.funded and o.rule not in (None, "infeasible")]
    assert out
    for o in out:
        asked = scenario_state.explain("010170", STUDY, rules, o.proposal_id, method="scope")
        assert asked.reason_es.startswith(o.reason_es) and asked.displaces == o.displaces


@pytest.mark.parametrize(("proposals", "method", "at_once"), [
    (60, "scope", True), (61, "scope", False),  # each explanation is a solve of its own: ~1,5 s for all at 100
    (61, "optimal", True), (300, "optimal", True), (301, "optimal", False),
    (200, "proportional", True),
])
def test_presupuesto_explains_every_proposal_at_once_only_at_a_size_it_does_quickly(proposals, method, at_once):
    assert budget_tables.why_at_once(proposals, method) is at_once
