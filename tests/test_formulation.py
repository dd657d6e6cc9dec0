"""The national planning format for projects (the Azogues thesis's Appendix 3 plus three complements): every part
named when missing, in the thesis's order, with the thesis cited; older stored proposals still load."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from core.proposals import formulation
from core.proposals.models import Proposal

BASE = {
    "proposal_id": "T-01", "association_id": "A1", "parish_code": "010170", "title": "Riego comunitario",
    "cost_usd": 10000, "requested_usd": 10000, "support_kind": "infrastructure", "direct_beneficiaries": 20,
    "summary": "Riego para 20 familias", "background": "Sequías desde 2019", "problem": "Sin agua",
    "justification": "Pérdidas de cosecha", "general_objective": "Regar", "specific_objectives": ["Reservorio"],
    "indicators": [{"name": "ha regadas", "baseline": "0", "target": "8", "means_of_verification": "informe"}],
    "pdot_objective_ids": ["OE6"], "execution_strategy": "Mingas comunitarias",
    "components": [{"name": "Obra", "activities": "Zanja; Tubería"}],
    "timetable": [{"activity": "Zanja", "start_month": 1, "end_month": 3}], "duration_months": 6,
    "budget_lines": [{"item": "Obra", "amount_usd": 10000}], "benefits": "Dos cosechas al año",
    "financial_evaluation": "USD 500 por familia", "competence_code": "productive_environment",
    "monitoring_plan": "Informe trimestral del técnico", "environmental_considerations": "Caudal ecológico",
    "gender_considerations": "La mitad de los cupos para mujeres", "sustainability": "Tarifa de la junta de agua",
    "project_manager": "Presidente de la junta de agua",
}

# The thesis's Appendix 3 in its order (written from the seed, not from the code), then the three complements.
THESIS_ORDER = ["1. Introducción", "2. Antecedentes", "3. Situación actual", "4. Justificación", "5. Beneficiarios",
                "6. Objetivos", "7. Metas", "8. Políticas", "9. Estrategias", "10. Componentes", "11. Inversiones",
                "12. Presupuesto", "13. Beneficios", "14. Evaluación económica", "15. Competencia institucional",
                "16. Seguimiento y evaluación", "ambientales y de género", "Sostenibilidad", "Responsables"]


def proposal(**changes) -> Proposal:
    return Proposal.model_validate({**BASE, **changes})


def test_a_complete_proposal_misses_nothing_and_the_parts_follow_the_thesis():
    items = formulation.format_items(proposal())
    assert formulation.missing(proposal()) == []
    assert len(items) == len(THESIS_ORDER)
    for item, expected in zip(items, THESIS_ORDER, strict=True):
        assert expected in item.label_es


@pytest.mark.parametrize("changes, named, needed, cited", [
    ({"summary": None}, "1. Introducción", False, "Anexo 3"),
    ({"background": "  "}, "2. Antecedentes", False, "Anexo 3"),
    ({"problem": None}, "3. Situación actual", True, "Anexo 3"),
    ({"justification": None}, "4. Justificación", False, "Anexo 3"),
    ({"direct_beneficiaries": 0}, "5. Beneficiarios", True, "Anexo 3"),
    ({"specific_objectives": []}, "6. Objetivos", True, "Anexo 3"),
    ({"indicators": []}, "7. Metas", True, "Anexo 3"),
    ({"pdot_objective_ids": []}, "8. Políticas", False, "Anexo 3"),
    ({"execution_strategy": None}, "9. Estrategias", False, "Anexo 3"),
    ({"components": []}, "10. Componentes y actividades", False, "Anexo 3"),
    ({"timetable": [], "duration_months": None}, "11. Inversiones y cronograma", True, "Anexo 3"),
    ({"budget_lines": []}, "12. Presupuesto por fuente", True, "Anexo 3"),
    ({"benefits": None}, "13. Beneficios", False, "Anexo 3"),
    ({"financial_evaluation": None}, "14. Evaluación económica", False, "Anexo 3"),
    ({"competence_code": None}, "15. Competencia institucional", False, "Anexo 3"),
    ({"monitoring_plan": None}, "16. Seguimiento y evaluación", False, "Anexo 3"),
    ({"gender_considerations": None}, "ambientales y de género", False, "enfoque de género"),
    ({"sustainability": None}, "Sostenibilidad", False, "§3.3.3"),
    ({"project_manager": ""}, "Responsables", True, "§3.3.4"),
])
def test_each_missing_part_is_named_with_where_the_thesis_asks_for_it(changes, named, needed, cited):
    absent = formulation.missing(proposal(**changes))
    assert len(absent) == 1
    assert named in absent[0].label_es
    assert absent[0].needed_to_judge is needed
    assert cited in formulation.citations(absent)
    assert "Calle Molina" in formulation.citations(absent) or "tesis de Azogues" in formulation.citations(absent)


def test_the_appendix_is_cited_once_with_its_page_whatever_the_number_of_parts_missing():
    absent = formulation.missing(proposal(summary=None, background=None, benefits=None))
    text = formulation.citations(absent)
    assert text.count("Anexo 3") == 1 and "p. 110" in text and "SENPLADES" in text


def test_a_proposal_stored_before_the_format_loads_and_is_reported_incomplete():
    old = {k: v for k, v in BASE.items() if k not in {
        "background", "justification", "execution_strategy", "components", "timetable", "benefits",
        "financial_evaluation", "monitoring_plan", "environmental_considerations", "gender_considerations"}}
    loaded = Proposal.model_validate(old)
    named = [item.label_es for item in formulation.missing(loaded)]
    assert [n.split(" ")[0] for n in named] == ["2.", "4.", "9.", "10.", "13.", "14.", "16.", "Consideraciones"]
    assert not any(item.needed_to_judge for item in formulation.missing(loaded))


def test_components_and_timetable_arrive_as_json_text_from_parquet():
    loaded = proposal(components='[{"name": "Obra", "activities": ["Zanja"]}]',
                      timetable='[{"activity": "Zanja", "start_month": 2, "end_month": 4}]')
    assert loaded.components[0].activities == ["Zanja"] and loaded.timetable[0].end_month == 4


@pytest.mark.parametrize("timetable, duration, words", [
    ([{"activity": "Zanja", "start_month": 4, "end_month": 2}], 6, "antes de empezar"),
    ([{"activity": "Tubería", "start_month": 1, "end_month": 9}], 6, r"después de la duración del proyecto \(6 meses\)"),
])
def test_a_timetable_that_does_not_fit_is_refused_in_spanish(timetable, duration, words):
    with pytest.raises(ValidationError, match=words):
        proposal(timetable=timetable, duration_months=duration)


OPTIONAL = ["summary", "background", "justification", "execution_strategy", "benefits", "financial_evaluation",
            "monitoring_plan", "environmental_considerations", "gender_considerations", "sustainability"]


@settings(max_examples=60, deadline=None)
@given(st.sets(st.sampled_from(OPTIONAL)))
def test_clearing_optional_texts_never_blocks_judging_and_each_cleared_text_is_missing(cleared):
    p = proposal(**{name: None for name in cleared})
    absent = formulation.missing(p)
    assert not any(item.needed_to_judge for item in absent)
    # the two considerations make one part; every other text is a part of its own
    expected = len(cleared - {"environmental_considerations", "gender_considerations"}) + bool(
        cleared & {"environmental_considerations", "gender_considerations"})
    assert len(absent) == expected
