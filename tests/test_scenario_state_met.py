"""Presupuesto's funding probability and «¿por qué no?» run with the rules the allocation applied: a required
proposal an acta already funded is met, not a rule that cannot hold."""

import dataclasses

import pytest

from core.engine.allocation import AllocationRules
from core.engine.prioritization import load_inputs
from core.engine.weights import preset
from core.proposals.models import ProposalStatus
from ui import scenario_state

STUDY = preset("Estudio El Valle: alcance y factibilidad")


@pytest.fixture()
def funded_p01(own_store, con, monkeypatch):
    """El Valle with EV-P01 funded by an acta, as the page reads it."""
    inputs = load_inputs(con, "010170")
    funded = dataclasses.replace(inputs, proposals=[
        p.model_copy(update={"status": ProposalStatus.FUNDED}) if p.proposal_id == "EV-P01" else p
        for p in inputs.proposals])
    monkeypatch.setattr(scenario_state, "load_inputs", lambda *_, **__: funded)
    _clear()  # keyed by the store's log: another test's store may have reached the same entries
    yield
    _clear()  # nor is this test's EV-P01 funded for the next one


def _clear() -> None:
    for cached in (scenario_state._inputs, scenario_state._screenings, scenario_state._scoring, scenario_state._run,
                   scenario_state._funded_rows, scenario_state._explain):
        cached.clear()


def test_a_required_proposal_already_funded_leaves_the_funding_probability_as_without_it(funded_p01):
    """Every candidate read «0 %» funded: the draws ran the rules with EV-P01 required, not a candidate."""
    required = AllocationRules(budget_usd=30000, must_fund=["EV-P01"])
    run = scenario_state.run("010170", STUDY, required)
    assert run.result.feasible and run.result.funded_ids
    probability = scenario_state.probability("010170", STUDY, required, draws=20)
    base = set(probability.filter(probability["funded_base"])["proposal_id"])
    assert base == set(run.result.funded_ids)
    assert probability["p_funded"].max() > 0


def test_why_not_a_proposal_is_answered_when_a_required_one_is_already_funded(funded_p01):
    required = AllocationRules(budget_usd=30000, must_fund=["EV-P01"])
    run = scenario_state.run("010170", STUDY, required)
    left_out = next(o.proposal_id for o in run.result.proposals if not o.funded)
    outcome = scenario_state.explain("010170", STUDY, required, left_out)
    assert outcome.proposal_id == left_out and not outcome.funded
    assert "EV-P01" not in (outcome.reason_es or "")
