"""Proposal, cooperation offer and competence models: their own rules, in Spanish, and the lifecycle."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from core.data.paths import SOURCES_DIR
from core.data.validation import validate_rows
from core.proposals.competences import GadCompetence
from core.proposals.models import ALLOWED_TRANSITIONS, Proposal, ProposalStatus, transition_error
from core.proposals.offers import CooperationOffer


def base(**changes) -> dict:
    row = {
        "proposal_id": "T-01", "association_id": "A1", "parish_code": "010170", "title": "Riego comunitario",
        "cost_usd": 10000, "requested_usd": 7000, "counterpart_associations_usd": 1000,
        "counterpart_cooperant_usd": 2000, "cooperant_name": "Embajada", "support_kind": "infrastructure",
        "direct_beneficiaries": 20, "women_beneficiaries": 12, "youth_beneficiaries": 3,
        "budget_lines": [{"item": "Obra", "amount_usd": 7000, "source": "gad"},
                         {"item": "Equipos", "amount_usd": 2000, "source": "cooperant"},
                         {"item": "Mano de obra", "amount_usd": 1000, "source": "associations"}],
    }
    row.update(changes)
    return row


def messages(row: dict) -> list[str]:
    """The Spanish messages a planner would read for this row, through core.data.validation."""
    _, problems = validate_rows([(2, row)], Proposal, "propuestas.xlsx")
    return [p.message for p in problems]


def test_a_complete_proposal_validates_and_the_lead_is_a_proponent():
    p = Proposal.model_validate(base())
    assert p.association_ids == ["A1"]
    assert p.funding_total() == pytest.approx(p.cost_usd)
    joint = Proposal.model_validate(base(association_ids=["A2", "A1"]))
    assert set(joint.association_ids) == {"A1", "A2"}


@pytest.mark.parametrize("changes, words", [
    ({"cost_usd": -5}, "el costo total no puede ser negativo"),
    ({"cost_usd": 0, "requested_usd": 0, "counterpart_associations_usd": 0, "counterpart_cooperant_usd": 0,
      "budget_lines": []}, "mayor que cero"),
    ({"requested_usd": 12000, "counterpart_associations_usd": 0, "counterpart_cooperant_usd": 0,
      "budget_lines": []}, "no puede superar el costo total"),
    ({"counterpart_associations_usd": 500}, "los aportes no suman el costo total"),
    ({"budget_lines": [{"item": "Obra", "amount_usd": 9000, "source": "gad"}]}, "las líneas del presupuesto suman"),
    ({"budget_lines": [{"item": "Obra", "amount_usd": 8000, "source": "gad"},
                       {"item": "Equipos", "amount_usd": 2000, "source": "cooperant"}]}, "a cargo de"),
    ({"women_beneficiaries": 30}, "mujeres (30) no pueden ser más"),
    ({"association_ids": ["A2", "A3"]}, "la asociación líder «A1»"),
    ({"association_ids": ["A1", "A2", "A2"]}, "repetida"),
    ({"sdg_goals": [18]}, "del 1 al 17"),
    ({"sdg_goals": [6], "sdg_targets": ["2.3"]}, "pertenece al ODS 2"),
    ({"pnd_objective_ids": ["PND-5"]}, "formato no válido «PND-5»"),
    ({"cooperant_name": None}, "no se indica cuál"),
    ({"counterpart_other_usd": -1, "counterpart_associations_usd": 1001}, "la contraparte no puede ser negativo"),
    ({"status": "funded", "status_history": [{"status": "draft"}, {"status": "funded"}]},
     "no se puede pasar de «Borrador» a «Financiada»"),
    ({"status": "submitted", "status_history": [{"status": "draft"}]}, "no coincide con el estado actual"),
])
def test_each_rule_of_a_proposal_has_a_spanish_message(changes, words):
    found = messages(base(**changes))
    assert any(words in m for m in found), found


def test_lists_may_come_as_text_in_one_cell_and_nested_items_as_json_text():
    p = Proposal.model_validate(base(needs="water_systems; training", pdot_objective_ids="EV-OE6,EV-OE9",
                                     budget_lines=json.dumps(base()["budget_lines"])))
    assert p.needs == ["water_systems", "training"]
    assert p.pdot_objective_ids == ["EV-OE6", "EV-OE9"]
    assert len(p.budget_lines) == 3


def test_the_lifecycle_allows_only_its_steps():
    p = Proposal.model_validate(base())
    assert p.status == ProposalStatus.DRAFT
    p = p.with_status("submitted").with_status("eligible").with_status("scored").with_status("funded")
    p = p.with_status("in_execution").with_status("closed")
    assert [s.status for s in p.status_history] == list(
        map(ProposalStatus, ["draft", "submitted", "eligible", "scored", "funded", "in_execution", "closed"]))
    with pytest.raises(ValueError, match="ya no puede cambiar de estado"):
        p.with_status("draft")
    with pytest.raises(ValueError, match="solo se puede pasar a «Presentada»"):
        Proposal.model_validate(base()).with_status("funded")
    assert transition_error("not_eligible", "draft") is None and transition_error("not_eligible", "scored")
    # every status is reachable from a draft
    reached, frontier = {ProposalStatus.DRAFT}, [ProposalStatus.DRAFT]
    while frontier:
        for nxt in ALLOWED_TRANSITIONS[frontier.pop()]:
            if nxt not in reached:
                reached.add(nxt)
                frontier.append(nxt)
    assert reached == set(ProposalStatus)


def offer(**changes) -> dict:
    row = {"offer_id": "O-1", "cooperant": "Embajada", "cooperant_kind": "bilateral", "title": "Riego",
           "modality": "bilateral", "cooperation_type": "financial_non_reimbursable", "reimbursable": False,
           "amount_usd": 10000, "source": "prueba"}
    row.update(changes)
    return row


@pytest.mark.parametrize("changes, words", [
    ({"cooperation_type": "soft_loan"}, "«Crédito blando» es reembolsable: márquela como reembolsable"),
    ({"reimbursable": True}, "no puede estar marcada como reembolsable"),
    ({"counterpart_required_pct": 120}, "va de 0 a menos de 100"),
    ({"amount_usd": -3}, "no puede ser negativo"),
    ({"open_date": "2027-04-10", "deadline": "2027-04-01"}, "anterior a la fecha de apertura"),
])
def test_offer_rules_have_spanish_messages(changes, words):
    _, problems = validate_rows([(2, offer(**changes))], CooperationOffer, "ofertas.json")
    assert any(words in p.message for p in problems), problems


@pytest.mark.parametrize("changes, required", [
    ({}, 0.0),
    ({"counterpart_required_usd": 9500}, 9500.0),
    ({"counterpart_required_pct": 20}, 2500.0),  # 20 % of a 12.500 project whose other 80 % is 10.000
    ({"counterpart_required_pct": 20, "amount_usd": None}, None),
])
def test_required_counterpart(changes, required):
    assert CooperationOffer.model_validate(offer(**changes)).required_counterpart_usd() == required


def test_the_demo_sources_validate():
    proposals = json.loads((SOURCES_DIR / "decision" / "proposals.json").read_text(encoding="utf-8"))
    models = [Proposal.model_validate(r) for r in proposals]
    assert {p.association_id for p in models} >= {f"EV-A0{k}" for k in range(1, 9)}
    assert any(len(p.association_ids) >= 3 and "Comercialización Integrada" in p.title for p in models)
    assert all(p.is_synthetic for p in models)
    offers = [CooperationOffer.model_validate(r)
              for r in json.loads((SOURCES_DIR / "decision" / "offers.json").read_text(encoding="utf-8"))]
    israel = next(o for o in offers if o.offer_id == "OF-ISRAEL-PGA-2019")
    assert [s.amount_usd for s in israel.cost_split] == [10000, 7000, 2500]  # the thesis' split


def test_competence_themes_come_from_one_spreadsheet_cell():
    c = GadCompetence.model_validate({"competence_code": "productive_environment", "title_es": "Producción",
                                      "text_es": "Incentivar…", "legal_basis": "COOTAD art. 65 lit. d",
                                      "themes": "agriculture;environment", "source": "COOTAD"})
    assert c.themes == ["agriculture", "environment"]
    with pytest.raises(ValidationError):
        GadCompetence.model_validate({"competence_code": "X Y", "title_es": "abc", "text_es": "abc",
                                      "legal_basis": "abc", "source": "abc"})
