"""Screening gates for proposals and offers (one table of cases per gate) and offer matching."""

from __future__ import annotations

import datetime as dt

import pytest

from core.engine.screening import (
    PROPOSAL_GATES,
    ScreeningContext,
    eligible_ids,
    gate_competence,
    gate_complete,
    gate_counterpart,
    gate_non_reimbursable,
    gate_pdot,
    match_offer,
    screen_offer,
    screen_proposal,
)
from core.proposals.competences import GadCompetence
from core.proposals.models import Proposal
from core.proposals.offers import CooperationOffer

COMPETENCES = [
    GadCompetence(competence_code="productive_environment", title_es="Actividades productivas comunitarias",
                  text_es="Incentivar…", legal_basis="COOTAD art. 65 lit. d",
                  themes=["agriculture", "productive_sectors", "environment"], source="COOTAD"),
    GadCompetence(competence_code="citizen_organization", title_es="Organización de la ciudadanía",
                  text_es="Promover…", legal_basis="COOTAD art. 65 lit. f", themes=["gender", "governance"],
                  source="COOTAD"),
]


def offer(**changes) -> CooperationOffer:
    row = {"offer_id": "O-1", "cooperant": "Embajada", "cooperant_kind": "bilateral", "title": "Riego",
           "modality": "bilateral", "cooperation_type": "financial_non_reimbursable", "reimbursable": False,
           "amount_usd": 10000, "themes": ["agriculture"], "support_kinds": ["infrastructure"], "sdg_goals": [6],
           "source": "prueba"}
    row.update(changes)
    return CooperationOffer.model_validate(row)


OFFERS = {
    "O-1": offer(),
    "O-PCT": offer(offer_id="O-PCT", counterpart_required_pct=40),
    "O-USD": offer(offer_id="O-USD", counterpart_required_usd=5000),
    "O-LOAN": offer(offer_id="O-LOAN", cooperation_type="soft_loan", reimbursable=True),
}
CTX = ScreeningContext(competences=COMPETENCES,
                       pdot_objectives={"OE1": ("Económico productivo", "Asociatividad"),
                                        "OE6": ("Asentamientos humanos", "Agua"),
                                        "OE8": ("Político institucional", "Coordinación")},
                       offers=OFFERS, available_usd=20000, counterpart_available_usd=8000,
                       today=dt.date(2027, 3, 15))


def proposal(**changes) -> Proposal:
    row = {
        "proposal_id": "T-01", "association_id": "A1", "parish_code": "010170", "title": "Riego comunitario",
        "cost_usd": 10000, "requested_usd": 10000, "support_kind": "infrastructure", "direct_beneficiaries": 20,
        "problem": "Sin agua", "general_objective": "Regar", "specific_objectives": ["Reservorio"],
        "budget_lines": [{"item": "Obra", "amount_usd": 10000}], "duration_months": 6,
        "project_manager": "Presidente", "competence_code": "productive_environment",
        "pdot_objective_ids": ["OE6"], "themes": ["agriculture"], "sdg_goals": [6],
        "indicators": [{"name": "ha regadas", "baseline": "0", "target": "8", "means_of_verification": "informe"}],
        "status": "submitted",
    }
    row.update(changes)
    return Proposal.model_validate(row)


def cooperated(offer_id: str, requested: float, cooperant: float, associations: float = 0.0) -> dict:
    return {"cooperation_offer_id": offer_id, "requested_usd": requested, "counterpart_cooperant_usd": cooperant,
            "counterpart_associations_usd": associations,
            "budget_lines": [{"item": item, "amount_usd": a, "source": s} for item, a, s in (
                ("Obra", requested, "gad"), ("Equipos", cooperant, "cooperant"),
                ("Mano de obra", associations, "associations")) if a > 0]}


@pytest.mark.parametrize("changes, passed, to_confirm, words", [
    ({}, True, False, "Actividades productivas comunitarias"),
    ({"competence_code": "citizen_organization", "themes": ["gender"], "support_kind": "training"}, True, False,
     "COOTAD art. 65 lit. f"),
    ({"competence_code": "health_services", "themes": ["health"]}, False, False,
     "no está entre las del GAD parroquial (COOTAD art. 65): su tema (salud)"),
    ({"competence_code": None}, False, False, "No indica qué competencia"),
    # A health project labelled as a productive activity: passes, but flagged for the planner to confirm.
    ({"themes": ["health"], "support_kind": "equipment"}, True, True, "su tema (salud) no está entre los de esa"),
    # Seed inputs under the competence of citizen organisation: the kind of support does not fit it.
    ({"competence_code": "citizen_organization", "themes": ["gender"], "support_kind": "inputs"}, True, True,
     "el tipo de apoyo (insumos) no corresponde"),
])
def test_gate_competence(changes, passed, to_confirm, words):
    result = gate_competence(proposal(**changes), CTX)
    assert (result.passed, result.to_confirm) == (passed, to_confirm) and words in result.reason_es, result.reason_es


@pytest.mark.parametrize("applicants, passed, words", [
    ([], True, "No postula a una oferta que limite"),
    (["cso", "municipal_gad"], False, "admite solo a: Organización de la sociedad civil y GAD municipal"),
    (["association"], True, "admite a: Asociación"),
    (["parish_gad", "cso"], True, "GAD parroquial"),
])
def test_an_offers_eligible_applicants_are_checked_against_the_applicant(applicants, passed, words):
    context = ScreeningContext(competences=COMPETENCES, offers={"O-A": offer(offer_id="O-A",
                                                                               eligible_applicants=applicants)})
    result = screen_proposal(proposal(**cooperated("O-A", 6000, 4000)), context)
    gate = next(g for g in result.gates if g.gate == "applicant")
    assert gate.passed is passed and words in gate.reason_es, gate.reason_es
    assert result.eligible is passed


@pytest.mark.parametrize("changes, passed, words", [
    ({}, True, "No usa fondos de cooperación"),
    (cooperated("O-1", 6000, 4000), True, "no reembolsable"),
    (cooperated("O-LOAN", 6000, 4000), False, "Resolución 009-CNC-2011"),
    (cooperated("O-NADA", 6000, 4000), False, "No se encuentra la oferta"),
])
def test_gate_non_reimbursable(changes, passed, words):
    result = gate_non_reimbursable(proposal(**changes), CTX)
    assert result.passed is passed and words in result.reason_es


@pytest.mark.parametrize("changes, passed, words", [
    ({}, True, "dentro de lo disponible"),
    ({"cost_usd": 25000, "requested_usd": 25000, "budget_lines": [{"item": "Obra", "amount_usd": 25000}]}, False,
     "Pide $ 25.000 al GAD y solo hay $ 20.000 disponibles."),
    # 40 % of 10.000 = 4.000 must be local: 6.000 from the GAD is enough; 3.000 is not
    (cooperated("O-PCT", 6000, 4000), True, "exige una contraparte del 40 %"),
    (cooperated("O-PCT", 3000, 7000), False, "pone $ 3.000 entre"),
    (cooperated("O-USD", 4000, 5000, 1000), True, "exige una contraparte de $ 5.000 y la propuesta pone $ 5.000."),
    (cooperated("O-USD", 3000, 6000, 1000), False, "exige una contraparte de $ 5.000 y la propuesta pone $ 4.000 entre"),
])
def test_gate_counterpart(changes, passed, words):
    result = gate_counterpart(proposal(**changes), CTX)
    assert result.passed is passed and words in result.reason_es


@pytest.mark.parametrize("changes, ctx_pdot, passed, words", [
    ({}, True, True, "1 objetivo del PDOT: OE6"),
    ({"pdot_objective_ids": []}, True, False, "COPFP art. 68"),
    ({"pdot_objective_ids": ["XX1"]}, True, False, "está en el PDOT de la parroquia"),
    ({"pdot_objective_ids": ["XX1"]}, False, True, "XX1"),
])
def test_gate_pdot(changes, ctx_pdot, passed, words):
    ctx = CTX if ctx_pdot else ScreeningContext(competences=COMPETENCES)
    result = gate_pdot(proposal(**changes), ctx)
    assert result.passed is passed and words in result.reason_es


FULL_FORMAT = {"summary": "Riego para 20 familias", "background": "Sequías desde 2019", "justification": "Pérdidas",
               "execution_strategy": "Mingas", "components": [{"name": "Obra", "activities": "Zanja; Tubería"}],
               "timetable": [{"activity": "Zanja", "start_month": 1, "end_month": 3}], "benefits": "Dos cosechas",
               "financial_evaluation": "USD 500 por familia", "monitoring_plan": "Informe trimestral del técnico",
               "environmental_considerations": "Caudal ecológico", "gender_considerations": "Mitad de mujeres",
               "sustainability": "Tarifa de la junta de agua"}


@pytest.mark.parametrize("changes, passed, words", [
    ({}, True, ["incompleta", "1. Introducción", "2. Antecedentes", "4. Justificación", "16. Seguimiento",
                "Anexo 3", "p. 110"]),
    (FULL_FORMAT, True, ["Tiene todas las partes", "Anexo 3"]),
    ({"problem": None, "indicators": []}, False, ["Falta 3. Situación actual", "7. Metas", "Anexo 3"]),
    ({"direct_beneficiaries": 0, "duration_months": None}, False, ["5. Beneficiarios", "11. Inversiones y cronograma"]),
    ({**FULL_FORMAT, "project_manager": None}, False, ["Falta Responsables", "§3.3.4"]),
])
def test_gate_complete(changes, passed, words):
    result = gate_complete(proposal(**changes), CTX)
    assert result.passed is passed
    assert all(w in result.reason_es for w in words), result.reason_es


def test_a_proposal_is_eligible_only_when_every_gate_passes():
    good = screen_proposal(proposal(), CTX)
    bad = screen_proposal(proposal(proposal_id="T-02", competence_code=None, pdot_objective_ids=[]), CTX)
    assert good.eligible and not bad.eligible
    assert [g.gate for g in bad.failures] == ["competence", "pdot"]
    assert "No elegible" in bad.summary_es() and "Competencia del GAD parroquial" in bad.summary_es()
    assert eligible_ids([good, bad]) == ["T-01"]
    assert [len(s.gates) for s in (good, bad)] == [len(PROPOSAL_GATES)] * 2


@pytest.mark.parametrize("status, competes, words", [
    ("submitted", True, "Presentada"),
    ("eligible", True, "Elegible"),
    ("scored", True, "Calificada"),
    ("draft", False, "borrador"),             # never handed in: an acta must not fund it
    ("not_eligible", False, "no elegible"),
    ("funded", False, "Ya fue financiada"),   # settled by an earlier decision: it does not compete again
    ("not_funded", False, "no la financió"),
    ("in_execution", False, "en ejecución"),
    ("closed", False, "cerrado"),
])
def test_only_a_handed_in_undecided_proposal_competes(status, competes, words):
    screening = screen_proposal(proposal(status=status), CTX)
    [gate] = [g for g in screening.gates if g.gate == "status"]
    assert (gate.passed, screening.eligible) == (competes, competes)
    assert words in gate.reason_es


def test_a_decided_project_is_kept_out_for_that_alone_and_a_draft_for_everything_to_complete():
    """A funded project also failing the PDOT gate was listed with both reasons; a draft keeps every reason, which
    is what its association completes before handing it in."""
    funded = screen_proposal(proposal(status="funded", pdot_objective_ids=[]), CTX)
    draft = screen_proposal(proposal(status="draft", pdot_objective_ids=[]), CTX)
    assert [g.gate for g in funded.failures] == ["status"]
    assert [g.gate for g in draft.failures] == ["status", "pdot"]


# -- Offers ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("changes, gate, passed, words", [
    ({}, "open", True, "abierta"),
    ({"status": "executed"}, "open", False, "ya ejecutada"),
    ({"deadline": "2027-03-01"}, "open", False, "Venció el 01/03/2027"),
    ({"cooperation_type": "soft_loan", "reimbursable": True}, "non_reimbursable", False, "reembolsable"),
    ({"themes": ["health"]}, "competence", False, "(salud) no son competencia"),
    ({"themes": ["health", "gender"]}, "competence", True, "género"),
    ({"counterpart_required_usd": 9000}, "counterpart", False, "Exige una contraparte de $ 9.000 y el GAD tiene reservados $ 8.000:"),
    ({"counterpart_required_usd": 8000}, "counterpart", True, "dentro de lo reservado"),
    ({"counterpart_required_pct": 30, "amount_usd": None}, "counterpart", False, "no dice cuánto"),
    ({}, "pdot", True, "OE1"),
    ({"themes": ["culture"]}, "pdot", False, "ningún objetivo del PDOT"),
])
def test_offer_gates(changes, gate, passed, words):
    screening = screen_offer(offer(**changes), CTX, [proposal()])
    result = next(g for g in screening.gates if g.gate == gate)
    assert result.passed is passed and words in result.reason_es, result.reason_es


def test_an_offer_is_matched_to_proposals_by_theme_best_fit_first():
    ps = [proposal(),  # agriculture + infrastructure + ODS 6 + needs 0 from a cooperant
          proposal(proposal_id="T-02", themes=["agriculture"], support_kind="training", sdg_goals=[2]),
          proposal(proposal_id="T-03", themes=["health"], support_kind="infrastructure")]
    match = match_offer(offer(), ps, CTX)
    assert [m.proposal_id for m in match.proposals] == ["T-01", "T-02"]  # T-03 shares no theme
    assert match.proposals[0].fit > match.proposals[1].fit
    assert any("ODS 6" in r for r in match.proposals[0].reasons_es)
    # OE6 from the matched proposal, OE1 because agriculture bears on the economic component
    assert set(match.pdot_objective_ids) == {"OE1", "OE6"}
