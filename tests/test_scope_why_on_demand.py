"""Presupuesto's «¿por qué no?» on demand (ui/scenario_state.explain) under «Óptima por alcance» explains the same
allocation the page shows: the one that counts each association's members once."""

from core.engine.allocation import AllocationRules
from core.engine.weights import preset
from ui import scenario_state

STUDY = preset("Estudio El Valle: alcance y factibilidad")


def test_the_why_on_demand_explains_the_allocation_shown(own_store):
    rules = AllocationRules(budget_usd=60_000)
    shown = scenario_state.run("010170", STUDY, rules, method="scope", explain=True).result
    out = [o for o in shown.proposals if not o.funded and o.rule not in (None, "infeasible")]
    assert out
    for o in out:
        asked = scenario_state.explain("010170", STUDY, rules, o.proposal_id, method="scope")
        assert asked.reason_es.startswith(o.reason_es) and asked.displaces == o.displaces
