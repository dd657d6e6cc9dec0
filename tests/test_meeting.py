"""Meeting mode: weighted votes spread N votes each; private scores aggregate by median with their spread; a
meeting's participants are told apart, and what its results count once a proposal names new proponents or the
results were shown. Who takes part and as whom: test_meeting_rights.py, with this module's users and store."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from core.engine.scoring import aggregate_evaluations
from core.record.auth import Role, User
from core.record.meeting import (
    cast_ballot,
    load_meeting,
    pairwise_comparisons,
    private_scores,
    save_meeting,
    save_pairwise,
    save_private_score,
)
from core.record.meeting_models import Ballot, Meeting, Pairwise, Participant, PrivateScore, check_ballot, tally
from core.record.meeting_results import evaluations_frame
from core.record.store import Store
from tests.conftest import store_accounts

PLANNER = User(username="tecnico", display_name="Técnica", role=Role.PLANNER)
REP = User(username="maria", display_name="María", role=Role.ASSOCIATION, association_id="EV-A01")
OTHER_REP = User(username="jose", display_name="José", role=Role.ASSOCIATION, association_id="EV-A02")
BOARD = User(username="presidenta", display_name="Presidenta", role=Role.BOARD)
ADVISER = User(username="universidad", display_name="Universidad de Cuenca", role=Role.ADVISER)
ADVISER_UNLISTED = User(username="cooperativa", display_name="Cooperativa", role=Role.ADVISER)


def _store(tmp_path) -> Store:
    """A store of the test's own with the accounts of the people above (a meeting lists only accounts)."""
    return store_accounts(Store(tmp_path / "s.sqlite"), PLANNER, REP, OTHER_REP, BOARD, ADVISER, ADVISER_UNLISTED)


def _meeting(**changes):
    base = dict(meeting_id="S1", parish_code="010170", title="Priorización de problemas", date=dt.date(2026, 11, 26),
                subject="problems", item_ids=[f"P{n:02d}" for n in range(1, 12)], votes_per_participant=13,
                participants=[Participant(participant_id="maria", name="María", username="maria"),
                              Participant(participant_id="mag", name="Técnico MAG"),
                              Participant(participant_id="jose", name="José", username="jose")])
    base.update(changes)
    return Meeting(**base)


@pytest.mark.parametrize(("votes", "message"), [
    ({"P01": 10, "P02": 4}, "reparte 14 votos y tiene 13: quite 1 para guardar la papeleta"),
    ({"P99": 1}, "temas que no están"),
])
def test_a_ballot_that_breaks_the_rules_is_refused(votes, message):
    with pytest.raises(ValueError, match=message):
        check_ballot(_meeting(), Ballot(meeting_id="S1", participant_id="mag", votes=votes))


def test_negative_votes_are_refused():
    with pytest.raises(ValueError, match="negativos"):
        Ballot(meeting_id="S1", participant_id="mag", votes={"P01": -1})


@pytest.mark.parametrize(("scores", "refused"), [
    ({"feasibility": 101}, "el puntaje de «Factibilidad» debe estar entre 0 y 100"),
    ({"sustainability": -1}, "el puntaje de «Sostenibilidad» debe estar entre 0 y 100"),
    ({"feasibility": float("nan")}, "el puntaje de «Factibilidad» debe estar entre 0 y 100"),
    ({"feasibility": 0, "sustainability": 100}, None),  # both ends of the scale are scores
    ({"feasibility": 7.5}, None),
])
def test_a_score_off_the_scale_is_refused_naming_the_criterion_in_spanish(scores, refused):
    if refused is None:
        assert PrivateScore(meeting_id="S1", participant_id="mag", proposal_id="EV-P01", scores=scores).scores == scores
        return
    with pytest.raises(ValidationError) as raised:
        PrivateScore(meeting_id="S1", participant_id="mag", proposal_id="EV-P01", scores=scores)
    assert refused in raised.value.errors()[0]["msg"]  # what the page shows (ui.session.reason)


def test_tally_ranks_by_votes_and_shares_ranks_on_ties():
    meeting = _meeting(item_ids=["A", "B", "C", "D"], votes_per_participant=5)
    rows = tally(meeting, [Ballot(meeting_id="S1", participant_id="maria", votes={"B": 3, "C": 2}),
                           Ballot(meeting_id="S1", participant_id="mag", votes={"C": 3, "A": 2}),
                           Ballot(meeting_id="S1", participant_id="jose", votes={"B": 2, "A": 3})])
    assert [(r.item_id, r.votes, r.rank, r.voters) for r in rows] == [
        ("A", 5, 1, 2), ("B", 5, 1, 2), ("C", 5, 1, 2), ("D", 0, 4, 0)]
    assert sum(r.share for r in rows) == pytest.approx(1)


@settings(deadline=None)
@given(st.lists(st.lists(st.integers(min_value=0, max_value=9), min_size=11, max_size=11), min_size=1, max_size=8))
def test_the_tally_counts_every_vote_once_and_ranks_never_rise(allocations):
    participants = [Participant(participant_id=f"p{i}", name=f"P{i}") for i in range(len(allocations))]
    meeting = _meeting(participants=participants, votes_per_participant=100)
    items = meeting.item_ids
    cast = [Ballot(meeting_id="S1", participant_id=f"p{i}", votes=dict(zip(items, row, strict=True)))
            for i, row in enumerate(allocations)]
    rows = tally(meeting, cast)
    assert sum(r.votes for r in rows) == sum(map(sum, allocations))
    assert all(a.votes >= b.votes and a.rank <= b.rank for a, b in zip(rows, rows[1:], strict=False))


def test_private_scores_feed_the_scoring_median_and_disagreement():
    scores = [PrivateScore(meeting_id="S1", participant_id=p, proposal_id="EV-P01", scores={"feasibility": s})
              for p, s in (("a", 20), ("b", 80), ("c", 70))]
    frame = evaluations_frame(scores)
    assert frame.columns == ["proposal_id", "evaluator_id", "criterion", "score"]
    [summary] = aggregate_evaluations(frame).to_dicts()
    assert (summary["median"], summary["min"], summary["max"], summary["n_evaluators"]) == (70, 20, 80, 3)
    assert summary["disagreement"] is True
    with pytest.raises(ValueError, match="entre 0 y 100"):
        PrivateScore(meeting_id="S1", participant_id="a", proposal_id="EV-P01", scores={"scope": 101})


def test_one_account_cannot_take_part_twice_in_a_meeting():
    """Two rows with the same account would give one person two ballots and two scores in every median."""
    with pytest.raises(ValueError, match="una misma cuenta de usuario figura en dos participantes"):
        Meeting(meeting_id="M-DOBLE", parish_code="010170", title="Sesión", date=dt.date(2026, 12, 1),
                subject="proposals", item_ids=["EV-P01", "EV-P02"],
                participants=[Participant(participant_id="p01", name="Ana", username="ana-mag"),
                              Participant(participant_id="p02", name="Ana (otra fila)", username="ana-mag")])
    Meeting(meeting_id="M-SIN", parish_code="010170", title="Sesión", date=dt.date(2026, 12, 1),
            subject="proposals", item_ids=["EV-P01", "EV-P02"],  # people without an account may be several
            participants=[Participant(participant_id="p01", name="Rosa"), Participant(participant_id="p02", name="Luis")])


def test_scores_and_comparisons_outside_the_criteria_or_the_scale_are_refused_in_spanish(own_store):
    chair = User(username="chair-criterios", display_name="Chair", role=Role.PLANNER)
    store = store_accounts(Store(own_store), chair)
    save_meeting(store, chair, Meeting(meeting_id="M-CRIT", parish_code="010170", title="Sesión",
                                       date=dt.date(2026, 12, 1), subject="proposals", item_ids=["EV-P01", "EV-P02"],
                                       participants=[Participant(participant_id="p01", name="Rosa")]))
    with pytest.raises(ValueError, match="«cost» no es un criterio de Minga"):
        save_private_score(store, chair, PrivateScore(meeting_id="M-CRIT", participant_id="p01",
                                                      proposal_id="EV-P01", scores={"cost": 50}))
    with pytest.raises(ValueError, match="debe estar entre 1/9 y 9"):
        save_pairwise(store, chair, Pairwise(meeting_id="M-CRIT", participant_id="p01", judgments={"need|pdot": 0}))
    with pytest.raises(ValueError, match="no compara dos criterios distintos"):
        save_pairwise(store, chair, Pairwise(meeting_id="M-CRIT", participant_id="p01", judgments={"need|foo": 3}))
    assert private_scores(store, "M-CRIT") == []
    save_pairwise(store, chair, Pairwise(meeting_id="M-CRIT", participant_id="p01", judgments={"need|pdot": 1 / 9}))


def test_a_score_or_vote_stops_counting_once_the_proposal_names_the_voters_association(tmp_path):
    """Given on another association's proposal, then the proposal adds the voter's association as a proponent:
    from then on the meeting's results leave that score and those votes out."""
    from core.record import overlay
    from core.record.meeting import counted_ballots, counted_scores, load_meeting

    store = _store(tmp_path)
    save_meeting(store, PLANNER, _meeting(subject="proposals", item_ids=["EV-P02", "EV-P05"]))
    save_private_score(store, REP, PrivateScore(meeting_id="S1", participant_id="maria", proposal_id="EV-P05",
                                                scores={"feasibility": 95}))
    cast_ballot(store, REP, Ballot(meeting_id="S1", participant_id="maria", votes={"EV-P05": 10}))
    held = load_meeting(store, "S1")
    assert [s.proposal_id for s in counted_scores(store, held)] == ["EV-P05"]
    joint = {**overlay.current(store, "proposal", "EV-P05").body, "association_ids": ["EV-A03", "EV-A01"]}
    store.save("proposal", "EV-P05", joint, actor=PLANNER.username, parish_code="010170", expected_version=0)
    assert counted_scores(store, held) == []
    assert [b.votes for b in counted_ballots(store, held)] == [{}]
    assert [s.proposal_id for s in private_scores(store, "S1")] == ["EV-P05"]  # kept on record, not counted


def test_a_closed_meeting_keeps_the_proponents_it_closed_with(tmp_path):
    """A proposal that names another proponent after the meeting closed does not change which scores count;
    saved again, it keeps them. A caller cannot hand in proponents of its own."""
    from core.record import overlay
    from core.record.meeting import counted_scores, load_meeting

    store = _store(tmp_path)
    opened = save_meeting(store, PLANNER, _meeting(subject="proposals", item_ids=["EV-P02", "EV-P05"]))
    save_private_score(store, REP, PrivateScore(meeting_id="S1", participant_id="maria", proposal_id="EV-P05",
                                                scores={"feasibility": 20}))
    forged = opened.model_copy(update={"status": "closed", "proponents": {"EV-P05": ["EV-A01"]}})
    save_meeting(store, PLANNER, forged, expected_version=1)
    closed = load_meeting(store, "S1")
    assert closed.proponents == {"EV-P02": ["EV-A01"], "EV-P05": ["EV-A03"]}  # taken from the proposals, not the copy
    joint = {**overlay.current(store, "proposal", "EV-P05").body, "association_ids": ["EV-A03", "EV-A01"]}
    store.save("proposal", "EV-P05", joint, actor=PLANNER.username, parish_code="010170", expected_version=0)
    assert [s.proposal_id for s in counted_scores(store, load_meeting(store, "S1"))] == ["EV-P05"]
    save_meeting(store, PLANNER, closed, expected_version=2)  # saved again as it is: still what it closed with
    assert load_meeting(store, "S1").proponents == {"EV-P02": ["EV-A01"], "EV-P05": ["EV-A03"]}


@pytest.mark.parametrize("shown", ["revealed", "closed"])
@pytest.mark.parametrize("change", [
    {"status": "open"},
    {"votes_per_participant": 20},
    {"item_ids": ["EV-P02", "EV-P03", "EV-P05"]},
    {"title": "Otra sesión"},
])
def test_once_its_results_were_shown_a_meeting_only_moves_on_to_closed_unchanged(tmp_path, shown, change):
    """Reopened after the tally was shown, a participant could move their votes after seeing the others'; a
    closed meeting with other participants or votes would make its results say something else."""
    store = _store(tmp_path)
    opened = save_meeting(store, PLANNER, _meeting(subject="proposals", item_ids=["EV-P02", "EV-P05"]))
    shown_meeting = save_meeting(store, PLANNER, opened.model_copy(update={"status": shown}), expected_version=1)
    with pytest.raises(ValueError, match="ya se mostraron"):
        save_meeting(store, PLANNER, shown_meeting.model_copy(update=change), expected_version=2)
    assert load_meeting(store, "S1").status == shown
    closed = save_meeting(store, PLANNER, shown_meeting.model_copy(update={"status": "closed"}), expected_version=2)
    assert load_meeting(store, "S1").status == closed.status == "closed"


# pasted from a chat or a document: a right-to-left mark at the end, a zero-width space between the names, an accent
# typed as a letter and a combining sign (each read the same on screen, and voted twice)
@pytest.mark.parametrize("second", ["  maría   PÉREZ ", "María Pérez", "MARÍA PÉREZ", "María Pérez\u200f",
                                    "María\u200bPérez", "\u200eMari\u0301a Pérez"])
def test_one_person_listed_twice_under_another_spelling_is_refused(tmp_path, second):
    store = _store(tmp_path)
    with pytest.raises(ValueError, match="«María Pérez» figura dos veces"):
        save_meeting(store, PLANNER, _meeting(participants=[Participant(participant_id="p01", name="María Pérez"),
                                                            Participant(participant_id="p02", name=second)]))
    assert load_meeting(store, "S1") is None


def test_namesakes_told_apart_by_their_accounts_and_a_meeting_stored_before_still_load(tmp_path):
    store = _store(tmp_path)
    namesakes = [Participant(participant_id="p01", name="José Guamán", username="maria"),
                 Participant(participant_id="p02", name="José Guamán", username="jose")]
    save_meeting(store, PLANNER, _meeting(participants=namesakes))
    older = _meeting(meeting_id="S0", participants=[Participant(participant_id="p01", name="Rosa"),
                                                    Participant(participant_id="p02", name="rosa")])
    store.save("meeting", "S0", older.model_dump(mode="json"), actor="tecnico", parish_code="010170")
    assert load_meeting(store, "S0").participants == older.participants  # stored by an earlier version


@pytest.mark.parametrize("code", ["p01\n", "P01", "p 01", "-p01", ""])
def test_a_participant_code_is_refused_unless_it_is_only_lowercase_digits_and_hyphens(code):
    """`match` with `$` let a final line break through: «p01\n» showed as a second «p01» on the list and in the log."""
    with pytest.raises(ValidationError, match="minúsculas, números y guiones"):
        Participant(participant_id=code, name="Rosa")


@pytest.mark.parametrize(("scores", "refused"), [
    ({"need": 90}, ("«Necesidad que atiende» no lo puntúa el grupo: Minga lo calcula con los datos de cada "
                    "propuesta. El grupo puntúa «Factibilidad» y «Sostenibilidad»")),
    ({"feasibility": 70, "pdot": 100}, "«Alineación con el PDOT» no lo puntúa el grupo"),
    ({"feasibility": 70, "sustainability": 40}, None),
])
def test_the_group_scores_only_the_criteria_it_judges(tmp_path, scores, refused):
    """A criterion Minga computes from the data (need, PDOT…) is not the group's: the ranking never reads its score,
    and the results table would show the group scoring it."""
    store = _store(tmp_path)
    save_meeting(store, PLANNER, _meeting(subject="proposals", item_ids=["EV-P01", "EV-P02"]))
    score = PrivateScore(meeting_id="S1", participant_id="mag", proposal_id="EV-P01", scores=scores)
    if refused is None:
        save_private_score(store, PLANNER, score)
        assert [s.scores for s in private_scores(store, "S1")] == [scores]
        return
    with pytest.raises(ValueError, match=refused):
        save_private_score(store, PLANNER, score)
    assert private_scores(store, "S1") == []


@pytest.mark.parametrize(("judgments", "refused"), [
    ({"need|pdot": 9, "pdot|need": 9}, "«Necesidad que atiende» y «Alineación con el PDOT» se comparan dos veces"),
    ({"need|pdot": 3, "pdot|need": 1 / 3}, "se comparan dos veces"),  # even when the two agree: one answer a pair
    ({"need|pdot": 3, "feasibility|need": 1 / 3}, None),
])
def test_a_pair_of_criteria_is_compared_once(tmp_path, judgments, refused):
    """Both ways, the matrix would keep whichever came last: the group's weights would hang on the order of a dict."""
    store = _store(tmp_path)
    save_meeting(store, PLANNER, _meeting(subject="proposals", item_ids=["EV-P01", "EV-P02"]))
    comparison = Pairwise(meeting_id="S1", participant_id="mag", judgments=judgments)
    if refused is None:
        assert save_pairwise(store, PLANNER, comparison).judgments == judgments
        return
    with pytest.raises(ValueError, match=refused):
        save_pairwise(store, PLANNER, comparison)
    assert pairwise_comparisons(store, "S1") == []
