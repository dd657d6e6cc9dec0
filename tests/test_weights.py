"""Weights: presets, normalisation, and AHP weights with Saaty's consistency ratio."""

from __future__ import annotations

import numpy as np
import pytest

from core.engine.criteria import CRITERION_CODES
from core.engine.weights import (
    PRESETS,
    SAATY_RI,
    ahp,
    ahp_from_judgments,
    combine_pairwise,
    normalize,
    pairwise_matrix,
    preset,
    preset_names,
    validate,
)


def test_presets_are_named_in_spanish_cover_every_criterion_and_add_up_to_one():
    assert "Estudio El Valle: alcance y factibilidad" in preset_names()
    assert "Equilibrado" in preset_names()
    for name in PRESETS:
        w = preset(name)
        assert set(w) == set(CRITERION_CODES)
        assert sum(w.values()) == pytest.approx(1)
    study = preset("Estudio El Valle: alcance y factibilidad")
    # the study's emphasis: scope and feasibility weigh most
    assert sorted(study, key=study.get)[-2:] in (["scope", "feasibility"], ["feasibility", "scope"])
    assert len(set(preset("Equilibrado").values())) == 1


@pytest.mark.parametrize("weights, words", [
    ({"scope": -1, "pdot": 2}, "no puede ser negativo"),
    ({"scope": 0, "pdot": 0}, "mayor que cero"),
    ({"colour": 1}, "criterio desconocido «colour»"),
    ({"scope": float("nan")}, "debe ser un número"),
])
def test_unusable_weights_are_refused_in_spanish(weights, words):
    assert any(words in p for p in validate(weights))
    with pytest.raises(ValueError, match=words):
        normalize(weights)


def test_normalize_keeps_proportions_and_fills_missing_criteria_with_zero():
    w = normalize({"scope": 3, "pdot": 1})
    assert w["scope"] == pytest.approx(0.75) and w["pdot"] == pytest.approx(0.25)
    assert w["need"] == 0
    with pytest.raises(KeyError, match="no existe"):
        preset("Inventado")


def test_ahp_recovers_the_weights_of_a_perfectly_consistent_matrix():
    truth = np.array([0.5, 0.3, 0.2])
    matrix = truth[:, None] / truth[None, :]
    result = ahp(["a", "b", "c"], matrix)
    assert [result.weights[k] for k in "abc"] == pytest.approx(list(truth))
    assert result.lambda_max == pytest.approx(3)
    assert result.consistency_ratio == pytest.approx(0, abs=1e-9)
    assert result.consistent and "consistentes" in result.message_es


def test_ahp_flags_contradictory_judgments():
    # a > b (5), b > c (5), but c > a (5): a cycle no weights can honour
    result = ahp_from_judgments(["a", "b", "c"], {("a", "b"): 5, ("b", "c"): 5, ("c", "a"): 5})
    assert result.consistency_ratio > 0.10
    assert not result.consistent and "se contradicen" in result.message_es
    assert result.lambda_max > 3


def test_ahp_consistency_ratio_matches_a_hand_computation():
    # Matrix [[1, 2, 4], [1/2, 1, 3], [1/4, 1/3, 1]]: λmax solves det(A − λI) = 0.
    matrix = np.array([[1, 2, 4], [1 / 2, 1, 3], [1 / 4, 1 / 3, 1]])
    # For a 3×3 reciprocal matrix, det(A − λI) = −λ³ + 3λ² + k − 2 with k = a13/(a12·a23) + a12·a23/a13,
    # so λmax is the largest real root of λ³ − 3λ² − (k − 2).
    k = matrix[0, 2] / (matrix[0, 1] * matrix[1, 2]) + (matrix[0, 1] * matrix[1, 2]) / matrix[0, 2]
    roots = np.roots([1, -3, 0, -(k - 2)])
    lam = max(r.real for r in roots if abs(r.imag) < 1e-9)
    result = ahp(["a", "b", "c"], matrix)
    assert result.lambda_max == pytest.approx(lam, rel=1e-6)
    assert result.consistency_ratio == pytest.approx((lam - 3) / 2 / SAATY_RI[3], rel=1e-6)


@pytest.mark.parametrize("judgments, words", [
    ({("a", "b"): 12}, "entre 1/9 y 9"),
    ({("a", "z"): 2}, "criterio desconocido"),
    ({("a", "a"): 2}, "consigo mismo"),
])
def test_bad_judgments_are_refused(judgments, words):
    with pytest.raises(ValueError, match=words):
        pairwise_matrix(["a", "b"], judgments)


def test_a_matrix_that_is_not_reciprocal_is_refused():
    with pytest.raises(ValueError, match="no es recíproca"):
        ahp(["a", "b"], [[1, 3], [3, 1]])


def test_group_judgments_combine_by_geometric_mean_and_stay_reciprocal():
    one = pairwise_matrix(["a", "b"], {("a", "b"): 9})
    other = pairwise_matrix(["a", "b"], {("a", "b"): 1})
    combined = combine_pairwise([one, other])
    assert combined[0, 1] == pytest.approx(3)
    assert combined[0, 1] * combined[1, 0] == pytest.approx(1)
