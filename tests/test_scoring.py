"""Criteria (one table of cases each), evaluators' aggregation, and the weighted, explained total."""

from __future__ import annotations

import dataclasses

import polars as pl
import pytest

from core.engine.criteria import (
    BY_CODE,
    CRITERIA,
    AidRow,
    CriteriaContext,
    Problem,
    aid_concentration,
    counterpart,
    feasibility_proxy,
    need,
    pdot_alignment,
    scope,
    sdg_pnd_alignment,
    sustainability_proxy,
)
from core.engine.scoring import aggregate_evaluations, candidates, rank, score_proposals
from core.proposals.models import Proposal


def proposal(**changes) -> Proposal:
    row = {
        "proposal_id": "T-01", "association_id": "A1", "parish_code": "010170", "title": "Proyecto de prueba",
        "cost_usd": 10000, "requested_usd": 10000, "support_kind": "training", "direct_beneficiaries": 20,
        "problem": "Un problema", "general_objective": "Un objetivo", "specific_objectives": ["Uno"],
        "duration_months": 6, "project_manager": "Presidenta",
        "indicators": [{"name": "x", "baseline": "0", "target": "1", "means_of_verification": "acta"}],
    }
    row.update(changes)
    if "budget_lines" not in changes:  # one line per source that pays, at least two lines
        paid = [(source, row.get(field, 0) or 0) for source, field in (
            ("gad", "requested_usd"), ("associations", "counterpart_associations_usd"),
            ("cooperant", "counterpart_cooperant_usd"), ("other", "counterpart_other_usd"))]
        lines = [{"item": f"Línea {source}", "amount_usd": amount, "source": source} for source, amount in paid
                 if amount > 0]
        if len(lines) == 1:
            half = lines[0]["amount_usd"] / 2
            lines = [{**lines[0], "amount_usd": half}, {**lines[0], "item": "Otra línea", "amount_usd": half}]
        row["budget_lines"] = lines
    return Proposal.model_validate(row)


CTX = CriteriaContext(
    pdot_objectives={"OE1": "Asociatividad", "OE2": "Comercialización", "OE3": "Agroecología"},
    problems={"P01": Problem("P01", "Poca colaboración", 20, 1), "P02": Problem("P02", "Canales", 10, 2),
              "P03": Problem("P03", "Clientes", 0, 3)},
    need_shares={"water_systems": 0.20, "training": 0.10},
    aid=[AidRow("A1", "training", "MAG", 2015), AidRow("A1", "training", "ONG", 2018),
         AidRow("A1", "inputs", "GAD", 2019), AidRow("A2", "training", "MAG", 2020)],
)


@pytest.mark.parametrize("changes, expected, words", [
    ({}, 0, "ningún objetivo"),
    ({"pdot_objective_ids": ["OE1"]}, 70, "OE1 («Asociatividad»)"),
    ({"pdot_objective_ids": ["OE1", "OE2"]}, 90, "2 objetivos"),
    ({"pdot_objective_ids": ["OE1", "OE2", "OE3"]}, 100, "3 objetivos"),
    ({"pdot_objective_ids": ["OE1", "ZZ9"]}, 70, "No están en el PDOT: ZZ9"),
])
def test_pdot_alignment(changes, expected, words):
    result = pdot_alignment(proposal(**changes), CTX)
    assert result.score == pytest.approx(expected)
    assert words in result.explanation_es


def test_a_loaded_parish_s_pdot_objective_is_named_by_its_own_code():
    loaded = dataclasses.replace(CTX, pdot_objectives={"160155-OE1": "Riego"})
    said = pdot_alignment(proposal(pdot_objective_ids=["160155-OE1", "160155-OE9"]), loaded).explanation_es
    assert "1 objetivo del PDOT: OE1 («Riego»)" in said and "No están en el PDOT: OE9" in said and "160155" not in said


@pytest.mark.parametrize("changes, expected, words", [
    ({}, 0, "No nombra ningún ODS ni objetivo del PND."),
    ({"sdg_goals": [2]}, 40, "Nombra ODS 2 sin meta específica, pero ningún objetivo del PND."),
    ({"sdg_goals": [2], "sdg_targets": ["2.3"]}, 50, "metas 2.3"),
    ({"sdg_goals": [2], "pnd_objective_ids": ["PND_2024_2025-5"]}, 90, "PND vigente (objetivo 5 del PND 2024–2025)"),
    ({"pnd_objective_ids": ["PND_2017_2021-6"]}, 25,
     "No nombra ningún ODS; sí solo objetivos de un PND anterior (objetivo 6 del PND 2017–2021), que cuentan la mitad"),
    ({"sdg_goals": [2], "sdg_targets": ["2.3"], "pnd_objective_ids": ["PND_2024_2025-5"]}, 100, "metas"),
])
def test_sdg_pnd_alignment(changes, expected, words):
    result = sdg_pnd_alignment(proposal(**changes), CTX)
    assert result.score == pytest.approx(expected)
    assert words in result.explanation_es


@pytest.mark.parametrize("changes, reference, expected, words", [
    # 60 × reach share + 25 collective + 15 × women-and-youth share
    ({"direct_beneficiaries": 20}, 40, 30 + 25, "50 % del mayor alcance"),
    ({"direct_beneficiaries": 40, "women_beneficiaries": 20}, 40, 60 + 25 + 7.5, "colectivo"),
    ({"direct_beneficiaries": 10, "benefit_scope": "individual", "women_beneficiaries": 10}, 40, 15 + 15,
     "individual"),
    ({"direct_beneficiaries": 0}, 40, 25, "0 personas"),
])
def test_scope(changes, reference, expected, words):
    ctx = CriteriaContext(max_direct_beneficiaries=reference)
    result = scope(proposal(**changes), ctx)
    assert result.score == pytest.approx(expected)
    assert words in result.explanation_es


@pytest.mark.parametrize("changes, expected, words", [
    # 60 % problems (its most voted over the most voted) + 40 % needs (its most named over the most named)
    ({"problem_ids": ["P01"], "needs": ["water_systems"]}, 100, "1.º de 3"),
    ({"problem_ids": ["P02"], "needs": ["training"]}, 0.6 * 50 + 0.4 * 50, "Canales"),
    ({"problem_ids": ["P03"], "needs": []}, 0, "no nombra ninguna necesidad"),
    ({"problem_ids": [], "needs": ["water_systems"]}, 40, "No atiende ninguno"),
    ({"problem_ids": ["P02", "P01"], "needs": ["training", "water_systems"]}, 100, "20,0 %"),
])
def test_need(changes, expected, words):
    result = need(proposal(**changes), CTX)
    assert result.score == pytest.approx(expected)
    assert words in result.explanation_es


def test_need_without_diagnosis_is_neutral_and_says_so():
    result = need(proposal(problem_ids=["P01"]), CriteriaContext())
    assert result.score == 50 and "Sin datos del diagnóstico" in result.explanation_es


@pytest.mark.parametrize("changes, expected, words", [
    ({}, 0, "El GAD pondría todo el costo"),
    ({"requested_usd": 7500, "counterpart_associations_usd": 2500}, 50, "las asociaciones ($ 2.500)"),
    ({"requested_usd": 5000, "counterpart_cooperant_usd": 5000, "cooperant_name": "FH"}, 100, "FH ($ 5.000)"),
    ({"requested_usd": 2000, "counterpart_other_usd": 8000}, 100, "80 %"),
])
def test_counterpart(changes, expected, words):
    result = counterpart(proposal(**changes), CTX)
    assert result.score == pytest.approx(expected)
    assert words in result.explanation_es


@pytest.mark.parametrize("changes, since, expected, flag, words", [
    ({"support_kind": "training"}, None, 40, True, "2 veces (MAG, 2015 y ONG, 2018)"),
    ({"support_kind": "inputs"}, None, 70, False, "1 vez"),
    ({"support_kind": "equipment"}, None, 100, False, "no registran"),
    ({"support_kind": "training"}, 2016, 70, False, "1 vez"),
    # a joint proposal averages its associations: A1 has 2, A2 has 1 → 1,5 → 100 − 45
    ({"support_kind": "training", "association_ids": ["A1", "A2"]}, None, 55, True, "«A2» ya recibió"),
])
def test_aid_concentration(changes, since, expected, flag, words):
    ctx = CriteriaContext(aid=CTX.aid, aid_since_year=since)
    result = aid_concentration(proposal(**changes), ctx)
    assert result.score == pytest.approx(expected)
    assert result.flag is flag
    assert words in result.explanation_es


def test_aid_concentration_names_each_association_by_its_name():
    """The sentence on the Priorización page names who received the aid as people know them, not by a code."""
    ctx = CriteriaContext(aid=CTX.aid, association_names={"A1": "Flor de Mayo", "A2": "Unión Campesina"})
    result = aid_concentration(proposal(support_kind="training", association_ids=["A1", "A2"]), ctx)
    assert result.explanation_es.startswith("«Flor de Mayo» ya recibió capacitación 2 veces (MAG, 2015 y ONG, 2018)")
    assert "«Unión Campesina» ya recibió capacitación 1 vez (MAG, 2020)" in result.explanation_es


@pytest.mark.parametrize("changes, expected, words", [
    ({}, 50 + 25 + 25, "100 % completa"),
    ({"duration_months": 18}, 50 + 17.5 + 25, "18 meses"),
    ({"budget_lines": [{"item": "A", "amount_usd": 10000}]}, 50 + 25 + 12.5, "presupuesto en 1 línea."),
    ({"duration_months": 1}, 50 + 25 + 25, "duración 1 mes;"),  # one is «1 mes», «1 línea», never «1 meses»
    # seven parts of the national format are needed to judge: diagnosis, beneficiaries, objectives, goals,
    # schedule, budget and who is responsible
    ({"project_manager": None, "indicators": []}, 50 * 5 / 7 + 25 + 25, "falta 7. Metas"),
])
def test_feasibility_proxy(changes, expected, words):
    result = feasibility_proxy(proposal(**changes), CTX)
    assert result.score == pytest.approx(expected)
    assert words in result.explanation_es and "Aproximación" in result.explanation_es


@pytest.mark.parametrize("changes, expected, words", [
    ({}, 0, "no dice cómo seguirá"),
    ({"sustainability": "Breve"}, 25, "muy breve"),
    ({"sustainability": "La junta de usuarios cobra una tarifa anual para el mantenimiento", "risks": ["sequía"],
      "requested_usd": 9000, "counterpart_associations_usd": 1000}, 100, "identifica riesgos"),
    ({"requested_usd": 9500, "counterpart_associations_usd": 500}, 12.5, "5 % del costo"),
])
def test_sustainability_proxy(changes, expected, words):
    result = sustainability_proxy(proposal(**changes), CTX)
    assert result.score == pytest.approx(expected)
    assert words in result.explanation_es


def test_every_criterion_says_whether_data_or_people_decide_it():
    kinds = {c.code: c.kind for c in CRITERIA}
    assert kinds["feasibility"] == kinds["sustainability"] == "juicio"
    assert all(kinds[c] == "datos" for c in ("pdot", "scope", "sdg_pnd", "need", "counterpart", "aid_concentration"))


# -- Evaluators ---------------------------------------------------------------------------------

def test_evaluators_are_aggregated_by_median_with_their_disagreement():
    evaluations = pl.DataFrame({
        "proposal_id": ["T-01"] * 3 + ["T-02"] * 4,
        "evaluator_id": ["e1", "e2", "e3", "e1", "e2", "e3", "e4"],
        "criterion": ["feasibility"] * 7,
        "score": [2, 3, 5, 4, 4, 4, 5],  # on 0–5
    })
    agg = {r["proposal_id"]: r for r in aggregate_evaluations(evaluations, scale_max=5).iter_rows(named=True)}
    assert agg["T-01"]["median"] == pytest.approx(60)
    assert agg["T-01"]["range"] == pytest.approx(60) and agg["T-01"]["disagreement"]
    assert agg["T-01"]["iqr"] == pytest.approx(60)  # hinges 40 and 100
    assert agg["T-02"]["median"] == pytest.approx(80)
    assert agg["T-02"]["iqr"] == pytest.approx(10) and not agg["T-02"]["disagreement"]
    with pytest.raises(ValueError, match="fuera de la escala"):
        aggregate_evaluations(evaluations.with_columns(pl.lit(7).alias("score")), scale_max=5)



@pytest.mark.parametrize(("score", "scale_max", "words"), [
    ("alto", 100.0, "no son números .propuesta «T-01»"),  # a word typed where a number goes
    (50.0, float("nan"), "número positivo"),
    (50.0, float("inf"), "número positivo"),
])
def test_scores_or_scales_that_are_no_numbers_are_refused_in_spanish(score, scale_max, words):
    evaluations = pl.DataFrame({"proposal_id": ["T-01"], "evaluator_id": ["e1"], "criterion": ["feasibility"],
                                "score": [score]})
    with pytest.raises(ValueError, match=words):
        aggregate_evaluations(evaluations, scale_max=scale_max)

def test_judged_criteria_use_the_evaluators_median_and_data_criteria_ignore_them():
    p = proposal(pdot_objective_ids=["OE1"])
    evaluations = pl.DataFrame({"proposal_id": ["T-01"] * 4, "evaluator_id": ["a", "b", "a", "b"],
                                "criterion": ["feasibility", "feasibility", "pdot", "pdot"],
                                "score": [30.0, 50.0, 0.0, 0.0]})
    scoring = score_proposals([p], CTX, {"feasibility": 1, "pdot": 1}, evaluations)
    rows = {r["criterion"]: r for r in scoring.criteria.iter_rows(named=True)}
    assert rows["feasibility"]["score"] == pytest.approx(40)
    assert rows["feasibility"]["source_es"] == "del grupo asesor (2 evaluadores)"
    assert rows["pdot"]["score"] == pytest.approx(70)  # computed from data, not judged
    assert rows["sustainability"]["source_es"].startswith("estimado por Minga")
    assert scoring.totals["score"][0] == pytest.approx((40 + 70) / 2)


# -- The weighted total -------------------------------------------------------------------------

def test_the_total_is_the_weighted_mean_and_contributions_add_up():
    ps = [proposal(proposal_id="T-01", pdot_objective_ids=["OE1"]),
          proposal(proposal_id="T-02", pdot_objective_ids=["OE1", "OE2", "OE3"], requested_usd=5000,
                   counterpart_associations_usd=5000)]
    scoring = score_proposals(ps, CTX, {"pdot": 3, "counterpart": 1})
    totals = dict(zip(scoring.totals["proposal_id"], scoring.totals["score"], strict=True))
    assert totals["T-01"] == pytest.approx((3 * 70 + 1 * 0) / 4)
    assert totals["T-02"] == pytest.approx((3 * 100 + 1 * 100) / 4)
    sums = scoring.criteria.group_by("proposal_id").agg(pl.col("contribution").sum())
    assert dict(zip(sums["proposal_id"], sums["contribution"], strict=True)) == pytest.approx(totals)
    assert scoring.totals.filter(pl.col("proposal_id") == "T-02")["rank"][0] == 1
    assert all(scoring.criteria["explanation_es"].str.len_chars() > 10)


def test_ranks_break_ties_by_code_whatever_the_input_order():
    totals = pl.DataFrame({"proposal_id": ["B", "A", "C"], "score": [50.001, 50.0, 70.0]})
    ranked = rank(totals)
    assert ranked["proposal_id"].to_list() == ["C", "A", "B"]
    assert ranked["rank"].to_list() == [1, 2, 3]


def test_candidates_charge_the_budget_what_is_asked_of_the_gad():
    ps = [proposal(requested_usd=6000, counterpart_associations_usd=4000)]
    scoring = score_proposals(ps, CTX, {"pdot": 1})
    frame = candidates(ps, scoring)
    assert frame["cost_usd"].to_list() == [6000] and frame["total_cost_usd"].to_list() == [10000]
    assert set(frame.columns) >= {"proposal_id", "association_id", "cost_usd", "score"}
    assert BY_CODE["scope"].label_es == "Alcance"


@pytest.mark.parametrize(("scores", "said"), [
    ([72.5, 72.5, 72.5], "Mediana de 3 evaluadores: 72,5 (de 72,5 a 72,5;"),  # all equal, half points
    ([60.0, 72.5, 85.0], "Mediana de 3 evaluadores: 72,5 (de 60 a 85;"),
    ([40.0, 90.0], "Mediana de 2 evaluadores: 65,0 (de 40 a 90;"),
])
def test_the_explanation_s_lowest_and_highest_frame_the_median_as_scored(scores, said):
    """The lowest and highest scores are said as given (a half point kept): «72,5 (de 73 a 73)» would put the
    median outside the scores it is the median of."""
    evaluations = pl.DataFrame({"proposal_id": ["T-01"] * len(scores), "evaluator_id": list("abc")[:len(scores)],
                                "criterion": ["feasibility"] * len(scores), "score": scores})
    rows = {r["criterion"]: r for r in score_proposals([proposal()], CTX, {"feasibility": 1},
                                                       evaluations).criteria.iter_rows(named=True)}
    assert rows["feasibility"]["explanation_es"].startswith(said)
