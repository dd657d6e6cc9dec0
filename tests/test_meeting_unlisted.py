"""Someone taken off a meeting's list after voting or scoring (listed by mistake, or who left) no longer counts:
their stored ballot, scores and comparisons are not a vote «from a person not in the meeting». Before, the tally
of such a meeting raised «no participa en esta sesión» (the Sesión results, and Priorización's need criterion
from a closed vote on problems, broke), and the engine counted the ballot of someone no longer listed."""

import datetime as dt

import pytest

from core.engine.ballots import group_ballots
from core.record import meeting_results
from core.record.meeting import (
    cast_ballot,
    counted_ballots,
    counted_scores,
    load_meeting,
    save_meeting,
    save_pairwise,
    save_private_score,
)
from core.record.meeting_models import Ballot, Meeting, Pairwise, PrivateScore, tally
from core.record.store import Store
from tests.conftest import store_accounts
from tests.test_meeting_results import ANA, CHAIR, LUIS, PARISH, PEOPLE


@pytest.fixture()
def store(tmp_path):
    return store_accounts(Store(tmp_path / "s.sqlite"), CHAIR, ANA, LUIS)


def _meeting(store, subject, items):
    return save_meeting(store, CHAIR, Meeting(meeting_id="S1", parish_code=PARISH, title="Sesión S1",
                                              date=dt.date(2026, 11, 27), subject=subject, item_ids=items,
                                              participants=PEOPLE))


def _drop_rosa_and_close(store):
    """The chair takes Rosa (who voted or scored, recorded by the chair) off the list, then closes the meeting."""
    stored = load_meeting(store, "S1")
    kept = [p for p in stored.participants if p.participant_id != "rosa"]
    save_meeting(store, CHAIR, stored.model_copy(update={"participants": kept}), expected_version=1)
    save_meeting(store, CHAIR, load_meeting(store, "S1").model_copy(update={"status": "closed"}), expected_version=2)
    return load_meeting(store, "S1")


def test_a_vote_from_someone_taken_off_the_list_is_not_counted(store):
    _meeting(store, "problems", ["P01", "P02", "P03"])
    cast_ballot(store, ANA, Ballot(meeting_id="S1", participant_id="ana", votes={"P01": 2}))
    cast_ballot(store, CHAIR, Ballot(meeting_id="S1", participant_id="rosa", votes={"P02": 5}))
    closed = _drop_rosa_and_close(store)
    counted = counted_ballots(store, closed)
    assert [b.participant_id for b in counted] == ["ana"]
    rows = {row.item_id: row.votes for row in tally(closed, counted)}
    assert rows == {"P01": 2, "P02": 0, "P03": 0}
    ref, need = meeting_results.problem_votes(store, PARISH)
    assert need["P01"] == (2, 1) and need["P02"][0] == 0
    assert "Rosa" not in ref.recorded_for


def test_scores_ballots_and_comparisons_from_someone_taken_off_the_list_are_not_counted(store, con):
    items = ["EV-P01", "EV-P02"]
    _meeting(store, "proposals", items)
    save_private_score(store, ANA, PrivateScore(meeting_id="S1", participant_id="ana", proposal_id="EV-P01",
                                                scores={"feasibility": 80}))
    save_private_score(store, CHAIR, PrivateScore(meeting_id="S1", participant_id="rosa", proposal_id="EV-P02",
                                                  scores={"feasibility": 10}))
    cast_ballot(store, CHAIR, Ballot(meeting_id="S1", participant_id="rosa", votes={"EV-P02": 3}))
    save_pairwise(store, LUIS, Pairwise(meeting_id="S1", participant_id="luis", judgments={"pdot|feasibility": 3}))
    save_pairwise(store, CHAIR, Pairwise(meeting_id="S1", participant_id="rosa",
                                         judgments={"pdot|feasibility": 1 / 5}))
    closed = _drop_rosa_and_close(store)
    assert [s.participant_id for s in counted_scores(store, closed)] == ["ana"]
    feed = meeting_results.scores_feed(store, PARISH)
    assert set(feed.evaluations["proposal_id"].to_list()) == {"EV-P01"} and "Rosa" not in feed.meeting.recorded_for
    ballots = group_ballots(store, PARISH)  # Rosa's votes were the only ones: the private scores are used
    assert ballots.kind == "scores" and set(ballots.ballots) == {"ana"}
    weights = meeting_results.group_weights(store, closed)
    assert [e.participant_id for e in weights.evaluators] == ["luis"]
