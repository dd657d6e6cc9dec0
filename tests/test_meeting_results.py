"""A closed meeting of the advisory group feeds the engine: medians replace Minga's estimate only where evaluators
scored, the vote on problems sets the need criterion, the group's AHP weights are the geometric mean."""

import datetime as dt
import math

import pytest

from core.engine.allocation import AllocationRules
from core.engine.criteria import CRITERION_CODES
from core.engine.prioritization import load_inputs, prioritize
from core.record import meeting_results
from core.record.auth import Role, User
from core.record.meeting import cast_ballot, save_meeting, save_pairwise, save_private_score
from core.record.meeting_models import Ballot, Meeting, Pairwise, Participant, PrivateScore
from core.record.store import Store
from tests.conftest import store_accounts

PARISH = "010170"
CHAIR = User(username="tecnica", display_name="Técnica", role=Role.PLANNER)
ANA = User(username="ana-mag", display_name="Ana (MAG)", role=Role.ADVISER)
LUIS = User(username="luis-uni", display_name="Luis (Universidad)", role=Role.ADVISER)
PEOPLE = [Participant(participant_id="ana", name="Ana", username=ANA.username),
          Participant(participant_id="luis", name="Luis", username=LUIS.username),
          Participant(participant_id="rosa", name="Rosa")]  # no device: the chair records for her


@pytest.fixture()
def demo(tmp_path, con):
    return store_accounts(Store(tmp_path / "s.sqlite"), CHAIR, ANA, LUIS)


def _criteria(run, proposal_id):
    rows = run.scoring.criteria.filter(run.scoring.criteria["proposal_id"] == proposal_id).to_dicts()
    return {r["criterion"]: r for r in rows}


def _open(store, meeting_id, subject, items, **changes):
    return save_meeting(store, CHAIR, Meeting(meeting_id=meeting_id, parish_code=PARISH, title=f"Sesión {meeting_id}",
                                              date=dt.date(2026, 11, 27), subject=subject, item_ids=items,
                                              participants=PEOPLE, **changes))


def _close(store, opened):
    save_meeting(store, CHAIR, opened.model_copy(update={"status": "closed"}), expected_version=1)


def test_closed_scores_replace_the_estimate_only_where_evaluators_scored(demo, con):
    rules = AllocationRules(budget_usd=40000)
    before = prioritize(load_inputs(con, PARISH, store=demo), rules, explain=False)
    first, second, third = before.scoring.totals["proposal_id"].to_list()[:3]
    assert _criteria(before, first)["feasibility"]["source_es"].startswith("estimado por Minga: aún no hay")
    opened = _open(demo, "S-SCORES", "proposals", [first, second, third])
    for user, who, values in ((ANA, "ana", (10, 40)), (LUIS, "luis", (30, None)), (CHAIR, "rosa", (20, 70))):
        save_private_score(demo, user, PrivateScore(meeting_id="S-SCORES", participant_id=who, proposal_id=first,
                                                    scores={"feasibility": values[0]}))
        if values[1] is not None:
            save_private_score(demo, user, PrivateScore(meeting_id="S-SCORES", participant_id=who,
                                                        proposal_id=second, scores={"feasibility": values[1]}))
    assert load_inputs(con, PARISH, store=demo).group is None  # an open meeting feeds nothing yet
    _close(demo, opened)

    inputs = load_inputs(con, PARISH, store=demo)
    after = prioritize(inputs, rules, explain=False)
    one, two = _criteria(after, first), _criteria(after, second)
    assert (one["feasibility"]["score"], one["feasibility"]["source_es"]) == (20, "del grupo asesor (3 evaluadores)")
    assert (two["feasibility"]["score"], two["feasibility"]["source_es"]) == (55, "del grupo asesor (2 evaluadores)")
    assert "No lo calificaron: Luis." in two["feasibility"]["explanation_es"]
    assert one["sustainability"]["source_es"] == "estimado por Minga: ningún evaluador del grupo asesor lo calificó"
    untouched = _criteria(after, third)["feasibility"]
    assert untouched["score"] == _criteria(before, third)["feasibility"]["score"]
    assert [m.meeting_id for m in after.meetings] == ["S-SCORES"]
    assert after.meetings[0].recorded_for == ("Rosa",) and "Rosa" in after.meetings[0].name_es
    assert inputs.ballots.ballots == {"ana": {first: 10, second: 40}, "luis": {first: 30},
                                      "rosa": {first: 20, second: 70}}


def test_the_closed_vote_on_problems_sets_the_need_criterion(demo, con):
    problems = load_inputs(con, PARISH, store=demo).criteria_context.problems
    last = max(problems.values(), key=lambda p: p.rank).problem_id
    opened = _open(demo, "S-PROBLEMS", "problems", sorted(problems))
    cast_ballot(demo, ANA, Ballot(meeting_id="S-PROBLEMS", participant_id="ana", votes={last: 13}))
    cast_ballot(demo, LUIS, Ballot(meeting_id="S-PROBLEMS", participant_id="luis", votes={last: 5}))
    _close(demo, opened)
    inputs = load_inputs(con, PARISH, store=demo)
    updated = inputs.criteria_context.problems
    assert (updated[last].votes, updated[last].rank) == (18, 1)
    assert all(p.votes == 0 for pid, p in updated.items() if pid != last)
    assert inputs.problems_meeting.meeting_id == "S-PROBLEMS"


def test_group_weights_are_the_geometric_mean_with_each_evaluators_consistency(demo):
    opened = _open(demo, "S-AHP", "proposals", ["EV-P01", "EV-P02"])
    codes = CRITERION_CODES
    # Two consistent evaluators with weights ∝ k and ∝ 9 − k: the geometric mean is consistent with ∝ √(k(9 − k)).
    for user, who, weight in ((ANA, "ana", lambda k: k + 1), (LUIS, "luis", lambda k: 8 - k)):
        judgments = {f"{a}|{b}": weight(i) / weight(j) for i, a in enumerate(codes) for j, b in enumerate(codes)
                     if i < j}
        save_pairwise(demo, user, Pairwise(meeting_id="S-AHP", participant_id=who, judgments=judgments))
    group = meeting_results.group_weights(demo, opened)
    expected = [math.sqrt((k + 1) * (8 - k)) for k in range(len(codes))]
    assert [group.result.weights[c] for c in codes] == pytest.approx([e / sum(expected) for e in expected], rel=1e-6)
    assert [(e.name, e.consistent) for e in group.evaluators] == [("Ana", True), ("Luis", True)]
    assert all(e.consistency_ratio == pytest.approx(0, abs=1e-6) for e in group.evaluators)
    _close(demo, opened)
    from core.engine.ballots import closed_meeting_use_es

    said = closed_meeting_use_es(demo, opened)  # nothing scored or voted: only the weights, when someone takes them
    assert "los pesos de sus comparaciones de criterios" in said and "no toman nada" not in said


def test_a_closed_meeting_changes_the_funded_set_and_the_acta_names_it(demo, con):
    import re
    from io import BytesIO

    from pypdf import PdfReader

    from core.engine import scenarios
    from core.record import acta, decisions
    from core.record.decision_models import Attendee

    board = User(username="presidenta", display_name="Rosa Quito", role=Role.BOARD)
    store_accounts(demo, board)
    scenario = scenarios.Scenario(name="Con el grupo asesor", parish_code=PARISH,
                                  weights={"feasibility": 50, "scope": 50}, rules=AllocationRules(budget_usd=30000))
    before = scenarios.run_scenario(load_inputs(con, PARISH, store=demo), scenario, explain=False)
    funded = set(before.result.funded_ids)
    cost = dict(before.candidates.select("proposal_id", "cost_usd").iter_rows())
    low = max(sorted(funded), key=cost.get)  # the dearest funded proposal
    room = cost[low] + before.result.unspent_usd
    high = next(pid for pid in before.scoring.totals["proposal_id"]  # the best left out that fits in low's place
                if pid not in funded and pid in cost and cost[pid] <= room)
    opened = _open(demo, "S-GRUPO", "proposals", sorted([low, high]))
    for user, who in ((ANA, "ana"), (LUIS, "luis"), (CHAIR, "rosa")):
        for pid, value in ((low, 0), (high, 100)):
            save_private_score(demo, user, PrivateScore(meeting_id="S-GRUPO", participant_id=who, proposal_id=pid,
                                                        scores={"feasibility": value}))
    _close(demo, opened)

    saved = scenarios.save_scenario(demo, board, scenario)
    assert saved.scenario.meetings_es and "Sesión S-GRUPO" in saved.scenario.meetings_es[0]
    inputs = load_inputs(con, PARISH, store=demo)
    after = scenarios.run_scenario(inputs, saved.scenario)
    assert high in after.result.funded_ids and low not in after.result.funded_ids
    names = dict(con.execute("SELECT association_id, name FROM associations").fetchall())
    attendees = [Attendee(name="Rosa Quito", role_es="Presidenta", vote="for", signs_as="president"),
                 Attendee(name="Luis Guamán", role_es="Vocal", vote="for"),
                 Attendee(name="Marta Sinchi", role_es="Vocal", vote="abstain"),
                 Attendee(name="Carmen Ávila", role_es="Secretaria", votes=False, signs_as="secretary")]
    draft = scenarios.decision_draft(saved.scenario, after, names, "El Valle", attendees, dt.date(2026, 12, 1),
                                     proposal_titles={p.proposal_id: p.title for p in inputs.proposals})
    decision = decisions.record(demo, board, draft, con=con)
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(BytesIO(acta.pdf_bytes(decision))).pages)
                    .split())
    text = re.sub(r"Minga - acta [\d-]+ - El Valle Página \d+/\d+ ", "", text)  # page footers
    assert "sesión del grupo asesor «Sesión S-GRUPO» del 27/11/2026" in text
    assert "Rosa, sin dispositivo propio" in text  # the chair recorded her scores
    others = [pid for pid in after.result.funded_ids if pid != high]  # funded, and never scored by the meeting
    assert others and decision.unscored_es == [p.title for pid in others for p in inputs.proposals
                                               if p.proposal_id == pid]
    assert "Sus evaluadores no calificaron estas propuestas financiadas, que llevan la estimación de Minga" in text
    assert f"Objetivo de la asignación: {after.result.method_es}" in text
    for word in ("nan", "None", "Optimal"):
        assert not re.search(rf"\b{word}\b", text), word
    assert not re.search(r"\bEV-A\d\d\b", text)  # associations by name, not by code
    import openpyxl

    book = openpyxl.load_workbook(BytesIO(acta.xlsx_bytes(decision)))
    cells = " ".join(str(v) for ws in book for row in ws.iter_rows(values_only=True) for v in row if v is not None)
    assert "Sesión S-GRUPO" in cells
    for word in ("nan", "None", "Optimal"):
        assert not re.search(rf"\b{word}\b", cells), word
    assert not re.search(r"\bEV-A\d\d\b", cells)


def test_the_acta_names_each_meeting_for_what_it_gave(demo, con):
    """Only a vote on problems was closed, nobody scored: the acta said the judged criteria came from that
    meeting. Each meeting is named once, for what it gave: the need (problems), the scores, the ballots."""
    from core.engine import scenarios
    from core.record import acta, decisions
    from core.record.decision_models import Attendee

    board = User(username="presidenta", display_name="Rosa Quito", role=Role.BOARD)
    store_accounts(demo, board)
    problems = load_inputs(con, PARISH, store=demo).criteria_context.problems
    voted = _open(demo, "S-PROBLEMAS", "problems", sorted(problems))
    cast_ballot(demo, ANA, Ballot(meeting_id="S-PROBLEMAS", participant_id="ana", votes={sorted(problems)[0]: 13}))
    _close(demo, voted)
    scenario = scenarios.Scenario(name="Necesidad", parish_code=PARISH, weights={"need": 50, "feasibility": 50},
                                  rules=AllocationRules(budget_usd=30000))
    scenario = scenarios.save_scenario(demo, board, scenario).scenario  # the board decides on a saved one
    run = scenarios.run_scenario(load_inputs(con, PARISH, store=demo), scenario, explain=False)
    attendees = [Attendee(name="Rosa Quito", role_es="Presidenta", vote="for", signs_as="president"),
                 Attendee(name="Luis Guamán", role_es="Vocal", vote="for"),
                 Attendee(name="Marta Sinchi", role_es="Vocal", vote="for")]
    decision = decisions.record(demo, board, scenarios.decision_draft(scenario, run, {}, "El Valle", attendees,
                                                                      dt.date(2026, 12, 1)), con=con)
    named = "sesión del grupo asesor «Sesión S-PROBLEMAS» del 27/11/2026"
    assert (decision.meetings_es, decision.need_meetings_es, decision.unscored_es) == ([], [named], [])
    text = acta.meetings_es(decision)
    assert text.startswith("No hubo una sesión cerrada del grupo asesor con puntajes")
    assert "votación de problemas de la sesión del grupo asesor «Sesión S-PROBLEMAS»" in text
    assert text.count("S-PROBLEMAS") == 1


def test_a_closed_meeting_says_what_the_runs_take_from_it(demo, con):
    """Votes on proposals feed only the proportional objective: the page said they reached the ranking."""
    from core.engine.ballots import closed_meeting_use_es

    proposals = sorted(p.proposal_id for p in load_inputs(con, PARISH, store=demo).proposals)[:3]
    voting = _open(demo, "S-VOTOS", "proposals", proposals, votes_per_participant=10)
    cast_ballot(demo, ANA, Ballot(meeting_id="S-VOTOS", participant_id="ana", votes={proposals[0]: 10}))
    _close(demo, voting)
    said = closed_meeting_use_es(demo, voting)
    assert "sus votos sobre propuestas, solo en el objetivo proporcional" in said and "puntajes" not in said
    problems = sorted(load_inputs(con, PARISH, store=demo).criteria_context.problems)
    first = _open(demo, "S-PROB-1", "problems", problems)
    cast_ballot(demo, ANA, Ballot(meeting_id="S-PROB-1", participant_id="ana", votes={problems[0]: 13}))
    _close(demo, first)
    assert "su votación de problemas" in closed_meeting_use_es(demo, first)
    later = _open(demo, "S-PROB-2", "problems", problems)
    cast_ballot(demo, LUIS, Ballot(meeting_id="S-PROB-2", participant_id="luis", votes={problems[1]: 13}))
    _close(demo, later)
    assert closed_meeting_use_es(demo, first).startswith("Sesión cerrada. Priorización y Presupuesto no toman nada")
    assert "su votación de problemas" in closed_meeting_use_es(demo, later)


def test_a_representative_is_not_named_among_who_did_not_score_their_own_proposal(demo):
    from core.record.meeting_results import score_summary

    people = [Participant(participant_id="ana", name="Ana", username=ANA.username),
              Participant(participant_id="rosa", name="Rosa", association_id="EV-A01")]  # EV-P02 is EV-A01's
    opened = save_meeting(demo, CHAIR, Meeting(meeting_id="M-OWN", parish_code=PARISH, title="Sesión M-OWN",
                                               date=dt.date(2026, 11, 27), subject="proposals",
                                               item_ids=["EV-P02", "EV-P05"], participants=people))
    for who, by, pid in (("ana", ANA, "EV-P02"), ("ana", ANA, "EV-P05"), ("rosa", CHAIR, "EV-P05")):
        save_private_score(demo, by, PrivateScore(meeting_id="M-OWN", participant_id=who, proposal_id=pid,
                                                  scores={"feasibility": 70}))
    summary = {r["proposal_id"]: r for r in score_summary(demo, opened).to_dicts()}
    assert summary["EV-P02"]["not_scored_es"] == "" and summary["EV-P02"]["n_evaluators"] == 1
    assert summary["EV-P05"]["n_evaluators"] == 2


@pytest.mark.parametrize("abstentions", [["ana"], ["ana", "luis"]])
def test_a_vote_on_problems_of_abstentions_alone_leaves_the_need_criterion_as_it_was(demo, con, abstentions):
    """A participant who saves their ballot without giving a vote abstains: a closed meeting where nobody gave a
    vote ranked every problem first with 0 votes, and the need criterion of every proposal fell (El Valle's
    EV-P13 from 95 to 35), moving the funded set."""
    rules = AllocationRules(budget_usd=48000)
    before = prioritize(load_inputs(con, PARISH, store=demo), rules, explain=False)
    items = sorted(load_inputs(con, PARISH, store=demo).criteria_context.problems)
    opened = _open(demo, "S-ABSTAIN", "problems", items)
    users = {"ana": ANA, "luis": LUIS}
    for who in abstentions:
        cast_ballot(demo, users[who], Ballot(meeting_id="S-ABSTAIN", participant_id=who, votes={p: 0 for p in items}))
    _close(demo, opened)
    assert meeting_results.problem_votes(demo, PARISH) is None
    after = prioritize(load_inputs(con, PARISH, store=demo), rules, explain=False)
    assert "need" not in after.fed_by
    assert after.result.funded_ids == before.result.funded_ids
    assert _criteria(after, "EV-P13")["need"]["score"] == _criteria(before, "EV-P13")["need"]["score"]
