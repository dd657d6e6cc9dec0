"""Criterion weights: editable, named presets, and pairwise (AHP) elicitation with its consistency.

Weights are a mapping criterion code → non-negative number; only their proportions matter, so
`normalize` scales them to add up to 1. AHP (Saaty): each pair of criteria is compared on the
1–9 scale ("a is 3 times as important as b" → 3, its reverse → 1/3); the weights are the
principal eigenvector of the reciprocal matrix, and the consistency ratio CR = CI / RI, with
CI = (λmax − n) / (n − 1) and RI Saaty's random index for n criteria, says whether the answers
contradict each other (CR ≤ 0,10 is acceptable).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from pydantic import BaseModel, ConfigDict

from core.engine.criteria import BY_CODE, CRITERION_CODES
from core.fmt import number
from core.texts import t

Weights = dict[str, float]

# Saaty's random consistency index by matrix size (n = 1 … 10).
SAATY_RI: dict[int, float] = {1: 0.0, 2: 0.0, 3: 0.58, 4: 0.90, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41, 9: 1.45,
                              10: 1.49}
CR_LIMIT = 0.10

PRESETS: dict[str, Weights] = {
    # The El Valle study: distribute the budget "with emphasis on scope and feasibility".
    t("weights.preset.el_valle"): {
        "scope": 30, "feasibility": 30, "pdot": 10, "need": 10, "sustainability": 5, "counterpart": 5,
        "sdg_pnd": 5, "aid_concentration": 5},
    t("weights.preset.balanced"): {code: 1 for code in CRITERION_CODES},
    # Adapted from the weights the seed-002 brief proposes (§9.4): alignment 30 (PDOT 15, ODS/PND 15),
    # need and impact 20, feasibility 20 (+ the 10 of results quality it cannot measure apart),
    # sustainability 15, counterpart and repeated aid 5 each.
    t("weights.preset.azogues"): {
        "pdot": 15, "sdg_pnd": 15, "need": 10, "scope": 10, "feasibility": 25, "sustainability": 15,
        "counterpart": 5, "aid_concentration": 5},
    t("weights.preset.equity"): {
        "need": 30, "aid_concentration": 25, "scope": 20, "feasibility": 15, "pdot": 10, "sdg_pnd": 0,
        "sustainability": 0, "counterpart": 0},
}
DEFAULT_PRESET = t("weights.preset.el_valle")


def validate(weights: Mapping[str, float], known: Sequence[str] = CRITERION_CODES) -> list[str]:
    """Spanish problems with a set of weights (empty when it can be used)."""
    problems = []
    for code, value in weights.items():
        criterion = BY_CODE[code].label_es if code in BY_CODE else code
        if code not in known:
            problems.append(t("weights.unknown_criterion", code=code))
        elif value is None or not np.isfinite(value):
            problems.append(t("weights.not_a_number", criterion=criterion))
        elif value < 0:
            problems.append(t("weights.negative", criterion=criterion))
    if not problems and sum(weights.values()) <= 0:
        problems.append(t("weights.all_zero"))
    return problems


def normalize(weights: Mapping[str, float], known: Sequence[str] = CRITERION_CODES) -> Weights:
    """The weights scaled to add up to 1, every known criterion present (missing ones weigh 0).

    Raises ValueError with a Spanish message when the weights cannot be used."""
    problems = validate(weights, known)
    if problems:
        raise ValueError("; ".join(problems))
    total = float(sum(weights.values()))
    return {code: float(weights.get(code, 0.0)) / total for code in known}


def preset(name: str) -> Weights:
    """A named preset, normalized; raises KeyError (Spanish) for an unknown name."""
    if name not in PRESETS:
        raise KeyError(t("weights.unknown_preset", name=name, names=", ".join(PRESETS)))
    return normalize(PRESETS[name])


def preset_names() -> list[str]:
    return list(PRESETS)


# -- AHP --------------------------------------------------------------------------------------

class AhpResult(BaseModel):
    """Weights from pairwise comparisons, and how consistent the comparisons were."""

    model_config = ConfigDict(frozen=True)

    criteria: list[str]
    weights: dict[str, float]
    lambda_max: float
    consistency_index: float
    random_index: float
    consistency_ratio: float
    consistent: bool
    message_es: str


def pairwise_matrix(criteria: Sequence[str], judgments: Mapping[tuple[str, str], float]) -> np.ndarray:
    """The reciprocal matrix from judgments {(a, b): how many times a is more important than b}.

    Pairs not given count as equally important (1). Values must be on Saaty's scale, 1/9 to 9."""
    index = {c: k for k, c in enumerate(criteria)}
    n = len(criteria)
    matrix = np.ones((n, n))
    for (a, b), value in judgments.items():
        if a not in index or b not in index:
            raise ValueError(t("weights.ahp.unknown", a=a, b=b))
        if a == b:
            raise ValueError(t("weights.ahp.itself", a=a))
        if not (1 / 9 - 1e-9 <= value <= 9 + 1e-9):
            raise ValueError(t("weights.ahp.scale", a=a, b=b, value=number(value, 2)))
        matrix[index[a], index[b]] = value
        matrix[index[b], index[a]] = 1 / value
    return matrix


def ahp(criteria: Sequence[str], matrix: np.ndarray | Sequence[Sequence[float]]) -> AhpResult:
    """Saaty's eigenvector weights and consistency ratio for a positive reciprocal matrix."""
    a = np.asarray(matrix, dtype=float)
    n = len(criteria)
    if a.shape != (n, n):
        raise ValueError(t("weights.ahp.size", n=n))
    if (a <= 0).any():
        raise ValueError(t("weights.ahp.positive"))
    if not np.allclose(a * a.T, 1.0, atol=1e-6):
        raise ValueError(t("weights.ahp.reciprocal"))
    values, vectors = np.linalg.eig(a)
    k = int(np.argmax(values.real))
    lambda_max = float(values[k].real)
    w = np.abs(vectors[:, k].real)
    w = w / w.sum()
    ci = (lambda_max - n) / (n - 1) if n > 2 else 0.0
    ci = max(0.0, ci)
    ri = SAATY_RI.get(n, 1.49)
    cr = ci / ri if ri > 0 else 0.0
    consistent = cr <= CR_LIMIT
    message = t("weights.ahp.consistent" if consistent else "weights.ahp.inconsistent", cr=number(cr, 3),
                limit=number(CR_LIMIT, 2))
    return AhpResult(criteria=list(criteria), weights={c: float(x) for c, x in zip(criteria, w, strict=True)},
                     lambda_max=lambda_max, consistency_index=ci, random_index=ri, consistency_ratio=cr,
                     consistent=consistent, message_es=message)


def ahp_from_judgments(criteria: Sequence[str], judgments: Mapping[tuple[str, str], float]) -> AhpResult:
    return ahp(criteria, pairwise_matrix(criteria, judgments))


def combine_pairwise(matrices: Sequence[np.ndarray]) -> np.ndarray:
    """Several people's pairwise matrices as one: the element-wise geometric mean (group AHP),
    which keeps the result reciprocal."""
    if not matrices:
        raise ValueError(t("weights.ahp.none"))
    stack = np.stack([np.asarray(m, dtype=float) for m in matrices])
    return np.exp(np.log(stack).mean(axis=0))
