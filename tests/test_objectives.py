"""The objectives the board chooses: scope (score × people reached) and proportional (the Method of Equal Shares
over the group's ballots), checked against a brute force and a price system written here, independently of
core.engine.allocation; and «¿por qué no?» against re-solving with the proposal forced in."""

from __future__ import annotations

import itertools

import highspy
import numpy as np
import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.engine.allocation import AllocationRules, allocate_detailed
from tests.allocation_oracle import feasible, frame, instances

PROPERTY = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])  # examples: the profile


@st.composite
def with_reach(draw, max_n: int = 9):
    candidates, rules = draw(instances(max_n=max_n))
    reach = draw(st.lists(st.integers(1, 60), min_size=candidates.height, max_size=candidates.height))
    return candidates.with_columns(pl.Series("reach", reach)), rules


@st.composite
def with_ballots(draw, max_n: int = 9):
    candidates, rules = draw(instances(max_n=max_n))
    ids = candidates["proposal_id"].to_list()
    n_voters = draw(st.integers(1, 5))
    ballots = {f"v{k}": {pid: float(draw(st.integers(0, 10))) for pid in
                         draw(st.lists(st.sampled_from(ids), max_size=len(ids), unique=True))}
               for k in range(n_voters)}
    return candidates, rules, ballots


def best_value(rows: list[dict], rules: AllocationRules, value, forced: str | None = None) -> float | None:
    """The largest total of `value(row)` over every allocation that keeps the rules (and holds `forced`)."""
    ids = [r["proposal_id"] for r in rows]
    best = None
    for size in range(len(ids) + 1):
        for combo in itertools.combinations(ids, size):
            chosen = set(combo)
            if forced is not None and forced not in chosen:
                continue
            if not feasible(rows, chosen, rules):
                continue
            total = round(sum(value(r) for r in rows if r["proposal_id"] in chosen), 6)
            best = total if best is None else max(best, total)
    return best


def scope_value(row: dict) -> float:
    return round(row["score"], 2) * row["reach"]


@PROPERTY
@given(with_reach())
def test_the_scope_objective_is_the_largest_score_times_people_within_every_rule(case):
    candidates, rules = case
    rules = rules.model_copy(update={"min_one_per_association": False})
    result = allocate_detailed(candidates, rules, method="scope", explain=False)
    rows = candidates.to_dicts()
    best = best_value(rows, rules, scope_value)
    assert result.feasible is (best is not None)
    if best is None:
        return
    chosen = set(result.funded_ids)
    assert feasible(rows, chosen, rules)
    assert round(sum(scope_value(r) for r in rows if r["proposal_id"] in chosen), 6) == pytest.approx(best)
    assert result.people_reached == sum(r["reach"] for r in rows if r["proposal_id"] in chosen)


@PROPERTY
@given(with_reach(max_n=7))
def test_scope_explanations_agree_with_re_solving_with_the_proposal_forced_in(case):
    candidates, rules = case
    rules = rules.model_copy(update={"min_one_per_association": False})
    result = allocate_detailed(candidates, rules, method="scope")
    if not result.feasible:
        return
    rows = {r["proposal_id"]: r for r in candidates.to_dicts()}
    best = best_value(list(rows.values()), rules, scope_value)
    for outcome in result.proposals:
        if outcome.funded or outcome.score_gap is None:
            continue
        with_it = best_value(list(rows.values()), rules, scope_value, forced=outcome.proposal_id)
        assert with_it is not None
        # the gap in the objective, in points of this proposal's score (its value is score × reach)
        assert outcome.score_gap * rows[outcome.proposal_id]["reach"] == pytest.approx(best - with_it, abs=1e-6)


@PROPERTY
@given(instances(max_n=8))
def test_score_explanations_agree_with_re_solving_with_the_proposal_forced_in(case):
    candidates, rules = case
    rules = rules.model_copy(update={"min_one_per_association": False})
    result = allocate_detailed(candidates, rules)
    if not result.feasible:
        return
    rows = candidates.to_dicts()
    best = best_value(rows, rules, lambda r: round(r["score"], 2))
    for outcome in result.proposals:
        if outcome.funded or outcome.rule in (None, "must_not_fund", "exclusive"):
            continue
        with_it = best_value(rows, rules, lambda r: round(r["score"], 2), forced=outcome.proposal_id)
        if with_it is None:
            assert outcome.score_needed is None
            continue
        assert outcome.score_gap == pytest.approx(best - with_it, abs=1e-6)
        displaced = set(outcome.displaces)
        assert displaced <= set(result.funded_ids)


@PROPERTY
@given(with_ballots())
def test_the_proportional_objective_stays_within_the_budget_and_the_rules(case):
    candidates, rules, ballots = case
    result = allocate_detailed(candidates, rules, method="proportional", ballots=ballots)
    if not result.feasible:
        return
    assert feasible(candidates.to_dicts(), set(result.funded_ids), rules)
    assert result.total_cost_usd <= rules.available_usd + 0.005


def priceable(costs: dict[str, float], ballots: dict[str, dict[str, float]], funded: set[str],
              budget: float) -> bool:
    """Is there a price system with equal budgets (budget / voters) in which each funded project is paid in full
    by the voters who gave it a positive score, nobody pays more than their budget, and no unfunded project's
    supporters have more money left than it costs? A linear feasibility problem, solved with HiGHS."""
    voters = [v for v, b in ballots.items() if any(s > 0 for s in b.values())]
    share = budget / len(voters)
    pairs = [(v, c) for v in voters for c in sorted(funded) if ballots[v].get(c, 0) > 0]
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    for _ in pairs:
        h.addVar(0, highspy.kHighsInf)
    col = {p: k for k, p in enumerate(pairs)}
    for c in funded:  # paid in full by its supporters
        idx = [col[(v, c)] for v in voters if (v, c) in col]
        if not idx:
            return False
        h.addRow(costs[c], costs[c], len(idx), np.array(idx, dtype=np.int32), np.ones(len(idx)))
    for v in voters:  # within the voter's budget
        idx = [col[(v, c)] for c in funded if (v, c) in col]
        if idx:
            h.addRow(-highspy.kHighsInf, share, len(idx), np.array(idx, dtype=np.int32), np.ones(len(idx)))
    for c in set(costs) - funded:  # Σ over supporters of (share − paid) < cost
        supporters = [v for v in voters if ballots[v].get(c, 0) > 0]
        if not supporters:
            continue
        idx = [col[(v, d)] for v in supporters for d in funded if (v, d) in col]
        upper = costs[c] - 1e-7 - share * len(supporters)
        if idx:  # Σ paid ≥ share × supporters − cost
            h.addRow(-upper, highspy.kHighsInf, len(idx), np.array(idx, dtype=np.int32), np.ones(len(idx)))
        elif upper < 0:
            return False
    h.run()
    return h.getModelStatus() in (highspy.HighsModelStatus.kOptimal, highspy.HighsModelStatus.kModelEmpty)


@PROPERTY
@given(with_ballots(max_n=10))
def test_what_equal_shares_fund_is_priceable_from_the_supporters_shares(case):
    candidates, rules, ballots = case
    rules = AllocationRules(budget_usd=rules.budget_usd)  # the rules MES itself knows: the budget
    result = allocate_detailed(candidates, rules, method="proportional", ballots=ballots)
    if not result.feasible:
        return
    by_shares = {o.proposal_id for o in result.proposals if o.funded and o.rule != "completion"}
    costs = {r["proposal_id"]: round(r["cost_usd"] * 100) for r in candidates.to_dicts()}
    free = {pid for pid, c in costs.items() if c == 0}  # pabutools funds what costs nothing without payment
    assert priceable({k: v for k, v in costs.items() if k not in free}, ballots, by_shares - free,
                     round(rules.available_usd * 100))


def test_a_joint_project_for_many_members_beats_one_member_kits_under_scope():
    # One project reaching 90 members of five associations against five kits of one member each, same money.
    candidates = frame([("JOINT", "a1", 100, 70), *[(f"KIT{k}", f"a{k}", 20, 80) for k in range(1, 6)]],
                       joint={"JOINT": ["a1", "a2", "a3", "a4", "a5"]})
    candidates = candidates.with_columns(pl.Series("reach", [90, 1, 1, 1, 1, 1]))
    rules = AllocationRules(budget_usd=100)
    assert allocate_detailed(candidates, rules).funded_ids == ["KIT1", "KIT2", "KIT3", "KIT4", "KIT5"]
    scope = allocate_detailed(candidates, rules, method="scope")
    assert scope.funded_ids == ["JOINT"]
    assert scope.people_reached == 90
    assert scope.objective_es.startswith("Maximiza la suma de los puntajes multiplicados por las personas")


def test_equal_shares_give_a_minority_its_project_and_name_the_completion():
    # Three of four voters like A and B; one likes only C. Each holds 25 of 100: the minority buys C.
    candidates = frame([("A", "a1", 50, 0), ("B", "a2", 50, 0), ("C", "a3", 25, 0)])
    ballots = {"v1": {"A": 10, "B": 9}, "v2": {"A": 10, "B": 9}, "v3": {"A": 10, "B": 9}, "v4": {"C": 10}}
    result = allocate_detailed(candidates, AllocationRules(budget_usd=100), method="proportional", ballots=ballots)
    assert "C" in result.funded_ids and "A" in result.funded_ids
    assert result.message_es.startswith("Partes iguales") and "4 participantes" in result.message_es
    assert any("regla de completado" in note for note in result.notes_es)


def test_when_equal_shares_leave_most_of_the_budget_unspent_the_dear_majority_project_is_named():
    """Four of five participants back only a flagship of 45.000 out of 50.000; the fifth backs five cheap items.
    Each share is 10.000: the four together hold 40.000 and cannot buy it, so equal shares fund the cheap items
    and leave most of the budget unspent. The board is told why, and which proposal it concerns."""
    cheap = [(f"C{k}", "a2", 1_780.24, 0) for k in range(1, 6)]
    candidates = frame([("F1", "a1", 45_000, 0), *cheap])
    ballots = {**{f"v{k}": {"F1": 10} for k in range(1, 5)}, "v5": {f"C{k}": 2 for k in range(1, 6)}}
    result = allocate_detailed(candidates, AllocationRules(budget_usd=50_000), method="proportional", ballots=ballots)
    assert "F1" not in result.funded_ids and result.unspent_usd > 25_000
    [told] = [note for note in result.notes_es if "F1" in note]
    assert "apoyan 4 de 5 participantes" in told and "$ 45.000,00" in told and "$ 10.000,00" in told
    capped = frame([("F1", "a1", 25_000, 0), *cheap])  # equal shares choose it; the board's cap drops it
    dropped = allocate_detailed(capped, AllocationRules(budget_usd=50_000, max_share_per_association=0.4),
                                method="proportional", ballots=ballots)
    assert "F1" not in dropped.funded_ids and not [note for note in dropped.notes_es if "cabría" in note]
    balanced = {f"v{k}": {f"C{k}": 2} for k in range(1, 6)}  # every share spent on what it backs: nothing to tell
    spent = allocate_detailed(frame(cheap), AllocationRules(budget_usd=9_000), method="proportional", ballots=balanced)
    assert not [note for note in spent.notes_es if "cabría en el presupuesto" in note]


def test_a_tie_under_the_scope_objective_is_said_as_a_tie_in_score_times_people():
    """A (20 points, 3 people) and B (30 points, 2 people): 60 each by score × people, and money for one. A is
    funded by the code order; B's «Empata … con el mismo puntaje total» was false: its score total is 30, not 20."""
    candidates = frame([("A", "a1", 100, 20), ("B", "a2", 100, 30)]).with_columns(pl.Series("reach", [3, 2]))
    result = allocate_detailed(candidates, AllocationRules(budget_usd=150), method="scope")
    [b] = [o for o in result.proposals if o.proposal_id == "B"]
    assert result.funded_ids == ["A"] and b.rule == "tie"
    assert 20 * 3 == 30 * 2 and 20 != 30  # the tie, recomputed: in score × people, not in score
    for said in (b.reason_es, result.tie_break_es):
        assert "mismo total de puntaje por persona alcanzada" in said and "mismo puntaje total" not in said
    optimal = allocate_detailed(candidates, AllocationRules(budget_usd=150))  # the score objective says it as before
    assert "mismo puntaje total" in optimal.tie_break_es


@pytest.mark.parametrize(("method", "covered", "by"), [
    ("optimal", "P1", "Se cubre 1 de 3, la que da el mayor puntaje total."),  # 60 points, the most
    ("scope", "P3", "Se cubre 1 de 3, la que da el mayor total de puntaje por persona alcanzada."),  # 40 × 10 people = 400
])
def test_when_money_covers_few_associations_the_note_says_by_what_they_were_chosen(method, covered, by):
    """Money for one of three: under the scope objective the covered one is chosen by score × people, and the note
    said «la que da el mayor puntaje total» of P3, whose 40 points are the fewest."""
    candidates = frame([("P1", "a1", 1000, 60), ("P2", "a2", 1000, 50), ("P3", "a3", 1000, 40)])
    candidates = candidates.with_columns(pl.Series("reach", [1, 1, 10]))
    result = allocate_detailed(candidates, AllocationRules(budget_usd=1500, min_one_per_association=True),
                               method=method, explain=False)
    assert result.funded_ids == [covered]
    assert [note for note in result.notes_es if note.endswith(by)]


def test_the_completion_never_buys_what_no_participant_backs():
    """Two of three back the flagship (16.000), one backs a workshop (8.000); nobody scored the other two. Shares of
    6.666,92 buy neither on its own, so the completion spends the money: the workshop, then it funded the two that
    nobody scored, «por puntos del grupo por dólar» at zero points."""
    candidates = frame([("P01", "a1", 16_000, 0), ("P02", "a2", 8_000, 0), ("P03", "a3", 2_800, 0),
                        ("P05", "a4", 8_000, 0)])
    ballots = {"e1": {"P01": 90}, "e2": {"P01": 80}, "e3": {"P05": 100}}
    result = allocate_detailed(candidates, AllocationRules(budget_usd=20_000.75), method="proportional",
                               ballots=ballots)
    assert result.funded_ids == ["P05"] and result.unspent_usd == pytest.approx(12_000.75)
    assert any("Financiados por partes iguales: 0; con el dinero que sobró, 1 más" in note for note in result.notes_es)


def test_of_free_proposals_that_exclude_each_other_equal_shares_fund_the_first_in_code_order():
    """pabutools takes the supported proposals that cost nothing in the order of a set, which changes from one
    process to the next; the allocation must not. Among 30 such proposals, all mutually exclusive, a set's order
    puts the first code first only by chance (about 1 in 30)."""
    ids = [f"Z{k:02d}" for k in range(30)]
    candidates = frame([(pid, f"a{k}", 0, 0) for k, pid in enumerate(ids)])
    rules = AllocationRules(budget_usd=100, exclusive_pairs=list(itertools.combinations(ids, 2)))
    result = allocate_detailed(candidates, rules, method="proportional", ballots={"v1": dict.fromkeys(ids, 5)})
    assert result.funded_ids == ["Z00"]


def test_without_ballots_the_proportional_objective_says_what_it_needs():
    candidates = frame([("A", "a1", 50, 60)])
    result = allocate_detailed(candidates, AllocationRules(budget_usd=100), method="proportional", ballots={})
    assert not result.feasible and result.funded_ids == []
    assert "necesita las calificaciones o los votos del grupo asesor" in result.message_es


def test_explanations_work_on_any_score_scale():
    # Votes in the thousands: the score needed is stated, never «imposible en la escala de 0 a 100».
    candidates = frame([("A", "a1", 60, 7166), ("B", "a2", 50, 5000), ("C", "a3", 50, 4000)])
    result = allocate_detailed(candidates, AllocationRules(budget_usd=100))
    out = {o.proposal_id: o for o in result.proposals}
    assert result.funded_ids == ["B", "C"]
    assert out["A"].score_needed == pytest.approx(9000)
    assert "escala" not in out["A"].reason_es
    bounded = allocate_detailed(frame([("A", "a1", 60, 90), ("B", "a2", 50, 80), ("C", "a3", 50, 70)]),
                                AllocationRules(budget_usd=100), score_max=100)
    assert "no es posible en la escala de 0 a 100" in {o.proposal_id: o for o in bounded.proposals}["A"].reason_es


def test_why_not_names_associations_and_holds_under_the_cap():
    # x holds 7.000 of a 12.000 cap; X3 (8.400) does not fit beside it: the sentence says so with names.
    candidates = frame([("X1", "x", 4000, 60), ("X2", "x", 3000, 50), ("X3", "x", 8400, 40), ("Y1", "y", 9000, 10)])
    rules = AllocationRules(budget_usd=40000, max_share_per_association=0.3)
    result = allocate_detailed(candidates, rules, association_names={"x": "Asociación Xima", "y": "Yunguilla"})
    x3 = {o.proposal_id: o for o in result.proposals}["X3"]
    assert not x3.funded and x3.rule == "association_cap"
    assert "«Asociación Xima» ya recibe $ 7.000 de un tope de $ 12.000: le quedan $ 5.000 " in x3.reason_es
    # X1 + X3 = 12.400 is over the cap, X2 + X3 = 11.400 is not: taking X3 in pushes X1 out, and it says so
    assert set(x3.displaces) == {"X1"} and "tendría que dejar fuera «X1»" in x3.reason_es
