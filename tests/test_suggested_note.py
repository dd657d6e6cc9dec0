"""Presupuesto's note on the suggested budget names every figure from the rule that computes it, by one money rule."""

import pytest

from core.engine import gad_request, scenarios
from ui import scenario_state


@pytest.mark.parametrize(("asked", "least", "says"), [
    # the least budget comes from the rule, and reads by the same rule as the figures beside it
    (96_200, 1000.0, ("se parte de $ 48.000 (la mitad de los $ 96.200 que piden al GAD las propuestas elegibles, "
                     "redondeada al millar, y al menos $ 1.000)")),
    (96_200.5, 1000.0, ("se parte de $ 48.000,00 (la mitad de los $ 96.200,50 que piden al GAD las propuestas "
                       "elegibles, redondeada al millar, y al menos $ 1.000,00)")),
    (600, 2500.0, ("se parte de $ 2.500 (la mitad de los $ 600 que piden al GAD las propuestas elegibles, "
                  "redondeada al millar, y al menos $ 2.500)")),
])
def test_the_suggested_budget_note_names_the_least_budget_the_rule_uses(own_store, monkeypatch, asked, least, says):
    # no single request past half of them all
    monkeypatch.setattr(gad_request, "gad_request", lambda _: gad_request.GadRequest(asked, eligible_only=True))
    monkeypatch.setattr(gad_request, "SUGGESTED_LEAST_USD", least)
    assert says in scenario_state.suggested_note("010170")


@pytest.mark.parametrize(("passing", "says"), [
    (True, "que piden al GAD las propuestas elegibles, redondeada al millar"),
    (False, "que piden al GAD todas las propuestas de la parroquia, ninguna elegible todavía, redondeada al millar"),
])
def test_the_note_says_whose_requests_it_halves(own_store, monkeypatch, passing, says):
    """With no proposal passing the filter the rule halves what all ask; the note said «las propuestas elegibles»."""
    if not passing:
        monkeypatch.setattr(gad_request, "screen_proposals", lambda proposals, ctx: [])
    assert says in scenario_state.suggested_note("010170")



@pytest.mark.parametrize(("kept", "budget", "says"), [
    # El Valle's largest request ($ 16.000) is far below half of all ($ 48.000): unchanged
    (None, 48_000, "la mitad de los $ 96.200 que piden al GAD las propuestas elegibles, redondeada al millar"),
    # one proposal: half of its $ 16.000 screened it out («Pide $ 16.000 al GAD y solo hay $ 8.000 disponibles»)
    (["EV-P01"], 16_000, ("se parte de $ 16.000 (lo que pide al GAD la propuesta elegible más grande, redondeado al "
                          "millar: la mitad de los $ 16.000 que piden las propuestas elegibles no alcanzaría para "
                          "ella)")),
    (["EV-P01", "EV-P13"], 16_000, "la mitad de los $ 17.500 que piden las propuestas elegibles no alcanzaría"),
])
def test_the_suggested_budget_never_screens_out_a_proposal_it_is_computed_from(own_store, monkeypatch, con, kept,
                                                                              budget, says):
    """A parish whose only proposal asked $ 16.000 started from $ 8.000, half of it: «la mitad de los $ 16.000 que piden
    al GAD las propuestas elegibles» above «No hay nada que repartir: la única propuesta … no pasa el filtro»."""
    import dataclasses

    from core.engine.prioritization import load_inputs, screening_context
    from core.engine.screening import screen_proposals

    inputs = load_inputs(con, "010170")
    if kept:
        inputs = dataclasses.replace(inputs, proposals=[p for p in inputs.proposals if p.proposal_id in kept])
    assert scenarios.suggested_budget(inputs) == budget
    passing = [s.item_id for s in screen_proposals(inputs.proposals, screening_context(inputs)) if s.eligible]
    at_budget = screen_proposals(inputs.proposals, screening_context(inputs, available_usd=budget))
    assert [s.item_id for s in at_budget if s.eligible] == passing
    monkeypatch.setattr(scenario_state, "inputs", lambda _: inputs)
    assert says in scenario_state.suggested_note("010170")


def test_the_suggested_budget_and_its_note_screen_the_proposals_once_each(own_store, monkeypatch):
    """Presupuesto's rerun, for a parish whose board fixed no budget, screened every proposal seven times to start
    the rules and write the note (a second and more with 1.600 proposals): once for each is what they need."""
    screened = []
    real = gad_request.screen_proposals
    monkeypatch.setattr(gad_request, "screen_proposals", lambda *a, **k: screened.append(1) or real(*a, **k))
    assert scenario_state.default_rules("010170").budget_usd == 48_000
    assert "se parte de $ 48.000" in scenario_state.suggested_note("010170")
    assert len(screened) == 2
