"""Interaction speed of Priorización and Presupuesto: a weight slider moved to a new ranking and allocation, through
the same core calls the pages make on a rerun (ui/scenario_state.py and pages/priorizacion.py, pages/presupuesto.py).

What one slider move costs, per page (the inputs are already loaded and cached by the page; each run uses other
weights, so nothing is served from a cache):
- Priorización: `prioritize` (screening, scores, exact allocation with every «¿por qué no?» when the parish has up to
  40 proposals, none otherwise), the ranking and contribution tables and the chart spec; at El Valle scale also the
  funding probability under ±20 % weights (200 seeded draws), the rank movement and the one-at-a-time table, which
  the page computes at once up to 60 candidates (above that only on demand, measured apart with fewer draws).
- Presupuesto: the three methods (exact with its explanations, greedy, equal split) and the comparison tables.

Scales: El Valle (its 16 demo proposals, 8 associations, the suggested budget and at least one per association), and
2.000 synthetic proposals over 300 associations, copies of the demo proposals with seeded changes of association,
amounts (× 0,5 to × 2, every budget line alike, so each copy is still a valid proposal) and beneficiaries, a budget of
25 % of what they ask and both equity rules (at least one per association, a cap of three equal shares).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import replace

import numpy as np

from bench import Row
from core.data.db import connect
from core.engine import scenarios
from core.engine.allocation import METHODS, AllocationRules
from core.engine.prioritization import DecisionInputs, load_inputs, prioritize, score, screen
from core.engine.sensitivity import funding_probability, most_influential, one_at_a_time
from core.engine.weights import DEFAULT_PRESET, PRESETS, preset
from core.proposals.models import Proposal
from ui import budget_charts as charts
from ui import budget_tables as views

TITLE = "Velocidad de interacción: mover un peso hasta el nuevo ranking y la asignación"
RUNS = 20
SENSITIVITY_AUTO_LIMIT = 60
DRAWS = 200
MONEY_FACTORS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)  # exact in cents, so every copy still adds up
REACH_FACTORS = (0.5, 1.0, 1.5, 2.0, 3.0)


def slider_moves(runs: int = RUNS) -> list[dict[str, float]]:
    """The study's preset with the «Alcance» slider moved one point at a time (31, 32, … points)."""
    base = dict(PRESETS[DEFAULT_PRESET])
    return [{**base, "scope": base["scope"] + 1 + k} for k in range(runs)]


def scaled(p: Proposal, f: float) -> dict:
    """A proposal's body with every amount (and budget line) times `f`: still a valid proposal."""
    body = p.model_dump(mode="json")
    for key in ("cost_usd", "requested_usd", "counterpart_associations_usd", "counterpart_cooperant_usd",
                "counterpart_other_usd"):
        body[key] = round(body[key] * f, 2)
    body["budget_lines"] = [{**line, "amount_usd": round(line["amount_usd"] * f, 2)} for line in body["budget_lines"]]
    return body


def synthetic_inputs(base: DecisionInputs, n: int, n_associations: int, seed: int) -> DecisionInputs:
    """`n` proposals over `n_associations` synthetic associations, copied from the parish's demo proposals."""
    rng = np.random.default_rng(seed)
    templates = base.proposals
    associations = [f"SY-A{a:04d}" for a in range(n_associations)]
    leads = np.concatenate([np.arange(n_associations), rng.integers(0, n_associations, max(0, n - n_associations))])
    proposals = []
    for k in range(n):
        template = templates[int(rng.integers(len(templates)))]
        body = scaled(template, float(rng.choice(MONEY_FACTORS)))
        lead = associations[int(leads[k])]
        partners = [associations[int(a)] for a in rng.choice(n_associations, len(template.association_ids) - 1,
                                                              replace=False) if associations[int(a)] != lead]
        g = float(rng.choice(REACH_FACTORS))
        direct = max(1, round(template.direct_beneficiaries * g))
        body.update(proposal_id=f"SY-P{k:05d}", association_id=lead, association_ids=[lead, *partners],
                    direct_beneficiaries=direct, indirect_beneficiaries=round(template.indirect_beneficiaries * g),
                    women_beneficiaries=min(direct, round(template.women_beneficiaries * g)),
                    youth_beneficiaries=min(direct, round(template.youth_beneficiaries * g)),
                    is_synthetic=True, source="bench/interaction.py")
        proposals.append(Proposal.model_validate(body))
    return replace(base, proposals=proposals)


def priorizacion_rerun(inputs: DecisionInputs, rules: AllocationRules, weights: dict[str, float],
                       names: dict[str, str], with_sensitivity: bool) -> None:
    """What pages/priorizacion.py computes when a slider moves."""
    # the allocation without «¿por qué no?»: the page reads only which proposals are funded (Presupuesto explains)
    run = prioritize(inputs, rules, weights=weights, method="optimal", explain=False)
    ranking = views.ranking_frame(run, names)
    contributions = views.contributions_frame(run, ranking)
    charts.contribution_chart(contributions, ranking).to_dict()
    titles = {p.proposal_id: p.title for p in inputs.proposals}
    members = {p.proposal_id: list(p.association_ids) for p in inputs.proposals}
    views.ineligible_frame(run, titles, members, names)
    if with_sensitivity:
        probability = funding_probability(run.scoring.matrix, weights, run.candidates, rules, draws=DRAWS)
        charts.probability_chart(probability, ranking, 0.2).to_dict()
        views.movement_display(run.scoring.matrix, weights, preset("Equilibrado"), "Equilibrado", ranking)
        most_influential(one_at_a_time(run.scoring.matrix, weights, change=0.2))


def presupuesto_rerun(inputs: DecisionInputs, rules: AllocationRules, weights: dict[str, float],
                      names: dict[str, str]) -> None:
    """What pages/presupuesto.py computes when the weights (or a rule) change: the three methods side by side."""
    # as the page (ui.scenario_state): screened once (the page even keeps it across weights) and scored once per
    # weights, both shared by the five methods
    screenings = screen(inputs, rules)
    scoring = score(inputs, screenings, weights=weights)
    # as the page: every «¿por qué no?» at once at a parish's scale (per method), else on demand
    results = {m: prioritize(inputs, rules, weights=weights, method=m, screenings=screenings,
                             explain=views.why_at_once(len(inputs.proposals), m),
                             scoring=scoring).result for m in METHODS}
    metrics = views.metrics_frame(results)
    charts.comparison_chart(metrics).to_dict()
    charts.money_chart(charts.association_money(results, names), results).to_dict()
    for r in results.values():
        views.funded_display(r, names, compact=True)


def _time(step: Callable[[dict[str, float]], None], moves: list[dict[str, float]]) -> list[float]:
    step(preset("Equilibrado"))  # warm-up: imports, HiGHS, Altair; not counted
    samples = []
    for weights in moves:
        start = time.perf_counter()
        step(weights)
        samples.append(time.perf_counter() - start)
    return samples


def _row(name: str, samples: list[float], target: str | None = None, limit: float | None = None,
         note: str = "") -> Row:
    worst = max(samples)
    return Row(name, statistics.median(samples), worst, "s", target, None if limit is None else worst < limit, note,
               len(samples), samples)


def run() -> list[Row]:
    con = connect()
    el_valle = load_inputs(con, "010170")
    names = dict(con.execute("SELECT association_id, name FROM associations").fetchall())
    rules = AllocationRules(budget_usd=scenarios.suggested_budget(el_valle), min_one_per_association=True)
    moves = slider_moves()
    rows = [
        _row("El Valle (16 propuestas): Priorización, ranking + asignación exacta + sensibilidad",
             _time(lambda w: priorizacion_rerun(el_valle, rules, w, names, True), moves), "< 1 s", 1.0,
             f"incluye la probabilidad de financiarse ({DRAWS} sorteos)"),
        _row("El Valle (16 propuestas): Priorización sin la sensibilidad",
             _time(lambda w: priorizacion_rerun(el_valle, rules, w, names, False), moves), "< 0,5 s", 0.5,
             "ranking, aportes por criterio, gráfico, asignación exacta (los «¿por qué no?» están en Presupuesto)"),
        _row("El Valle (16 propuestas): Presupuesto, los tres métodos",
             _time(lambda w: presupuesto_rerun(el_valle, rules, w, names), moves), "< 1 s", 1.0),
    ]
    big = synthetic_inputs(el_valle, 2000, 300, seed=2026)
    asked = sum(p.requested_usd for p in big.proposals)
    big_rules = AllocationRules(budget_usd=round(asked * 0.25), min_one_per_association=True,
                                max_share_per_association=3 / 300)
    big_names = {f"SY-A{a:04d}": f"Asociación sintética {a}" for a in range(300)}
    big_moves = moves[:RUNS]
    rows += [
        _row("2.000 propuestas, 300 asociaciones: Priorización, ranking + asignación exacta",
             _time(lambda w: priorizacion_rerun(big, big_rules, w, big_names, False), big_moves), "< 3 s", 3.0,
             "los «¿por qué no?» en Presupuesto; la sensibilidad, con un botón"),
        _row("2.000 propuestas, 300 asociaciones: Presupuesto, los tres métodos",
             _time(lambda w: presupuesto_rerun(big, big_rules, w, big_names), big_moves), "< 3 s", 3.0),
    ]
    start = time.perf_counter()
    run_big = prioritize(big, big_rules, weights=moves[0], explain=False)
    funding_probability(run_big.scoring.matrix, moves[0], run_big.candidates, big_rules, draws=20)
    once = time.perf_counter() - start
    rows.append(Row("2.000 propuestas: probabilidad de financiarse a pedido (20 sorteos)", once, once, "s",
                    note="una corrida; la página la calcula solo si se pulsa el botón", runs=1, samples=[once]))
    return rows
