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
    monkeypatch.setattr(scenarios, "asked_of_gad", lambda _: asked)  # the budget the note names
    monkeypatch.setattr(scenario_state, "gad_request", lambda _: gad_request.GadRequest(asked, eligible_only=True))
    monkeypatch.setattr(scenarios, "SUGGESTED_LEAST_USD", least)
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
