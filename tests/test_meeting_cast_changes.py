"""An open meeting in which votes were cast cannot take off the table an item that has votes, nor lower the votes each
participant has below what a ballot already spreads: the stored ballots would no longer fit the meeting and its
results (tally, the need criterion fed by a closed vote) could not be counted. The refusal names what and leaves the
stored meeting as it was. Taking off an item nobody voted on, or raising the votes, is still a change like any other."""

import datetime as dt

import pytest

from core.record.auth import Role, User
from core.record.meeting import cast_ballot, load_meeting, save_meeting
from core.record.meeting_models import Ballot, Meeting, Participant
from core.record.meeting_results import problem_votes
from core.record.store import Store
from tests.conftest import store_accounts, store_problems

BANOS = "010151"
CHAIR = User(username="presidente-banos", display_name="Presidente", role=Role.BOARD, parish_code=BANOS)
ADVISER = User(username="asesora-banos", display_name="Asesora", role=Role.ADVISER)


@pytest.fixture()
def voted(tmp_path):
    """A Baños meeting on four problems, 5 votes each: the adviser gave 3 to P01 and 2 to P04; P02 and P03 none."""
    store = store_accounts(Store(tmp_path / "s.sqlite"), CHAIR, ADVISER)
    items = store_problems(store, BANOS, 4)
    meeting = Meeting(meeting_id="BANOS-1", parish_code=BANOS, title="Votación de problemas", date=dt.date(2026, 11, 20),
                      subject="problems", item_ids=items, votes_per_participant=5,
                      participants=[Participant(participant_id="asesora", name="Asesora", username=ADVISER.username),
                                    Participant(participant_id="don-pedro", name="Don Pedro")])
    save_meeting(store, CHAIR, meeting)
    cast_ballot(store, ADVISER, Ballot(meeting_id="BANOS-1", participant_id="asesora", votes={items[0]: 3, items[3]: 2}))
    return store, load_meeting(store, "BANOS-1"), items


@pytest.mark.parametrize(("change", "said"), [
    (lambda items: {"item_ids": items[:3]}, "010151-P04"),  # has 2 votes
    (lambda items: {"votes_per_participant": 4}, "5 votos"),  # a ballot spreads 5
])
def test_a_change_that_the_cast_ballots_would_not_fit_is_refused_and_nothing_changes(voted, change, said):
    store, meeting, items = voted
    with pytest.raises(ValueError, match=said):
        save_meeting(store, CHAIR, meeting.model_copy(update=change(items)), expected_version=1)
    assert load_meeting(store, "BANOS-1") == meeting
    closed = meeting.model_copy(update={"status": "closed"})
    save_meeting(store, CHAIR, closed, expected_version=1)
    assert problem_votes(store, BANOS)[1][items[0]] == (3, 1)


@pytest.mark.parametrize("change", [
    lambda items: {"item_ids": [items[0], items[1], items[3]]},  # P03 had no votes
    lambda items: {"votes_per_participant": 7},
])
def test_a_change_the_cast_ballots_still_fit_is_kept(voted, change):
    store, meeting, items = voted
    saved = save_meeting(store, CHAIR, meeting.model_copy(update=change(items)), expected_version=1)
    closed = save_meeting(store, CHAIR, saved.model_copy(update={"status": "closed"}), expected_version=2)
    assert closed.status == "closed"
    assert problem_votes(store, BANOS)[1][items[3]] == (2, 2)


@pytest.mark.parametrize(("items", "said"), [
    ([], "Puntos de la sesión: no puede estar vacío"),
    (["010151-P01"], "Puntos de la sesión: tiene 1 y hacen falta al menos 2"),  # one problem is not none
])
def test_a_meeting_with_too_few_items_says_how_many_it_needs(items, said):
    from pydantic import ValidationError

    from ui.session import reason
    with pytest.raises(ValidationError) as refused:
        Meeting(meeting_id="BANOS-2", parish_code=BANOS, title="Sesión", date=dt.date(2026, 11, 20),
                subject="problems", item_ids=items, participants=[Participant(participant_id="p01", name="Rosa")])
    assert reason(refused.value) == said


@pytest.mark.parametrize(("changes", "said"), [
    ({"title": "   "}, "Título: no puede estar vacío"),
    ({"title": "Sesión\u202e sorpresa"}, "Título: tiene un carácter que no se ve (U+202E) en la posición 7"),
    ({"title": "Sesión\nde mayo"}, "Título: tiene un salto de línea en la posición 7"),
    ({"participants": [Participant(participant_id="p01", name="Ana\u200b María")]},
     "Participantes — Nombre (línea 1): tiene un carácter que no se ve (U+200B) en la posición 4"),
])
def test_a_meeting_s_title_and_names_are_refused_blank_or_with_what_cannot_be_seen(tmp_path, changes, said):
    """The acta quotes the title and the names: a blank title, or a character the PDF drops, would print another
    text than the one stored. Nothing is stored."""
    from ui.session import reason
    store = store_accounts(Store(tmp_path / "s.sqlite"), CHAIR)
    items = store_problems(store, BANOS, 2)
    base = {"meeting_id": "BANOS-3", "parish_code": BANOS, "title": "Sesión", "date": dt.date(2026, 11, 20),
            "subject": "problems", "item_ids": items, "participants": [Participant(participant_id="p01", name="Rosa")]}
    with pytest.raises(ValueError) as refused:
        save_meeting(store, CHAIR, Meeting(**{**base, **changes}))
    assert reason(refused.value).startswith(said)
    assert load_meeting(store, "BANOS-3") is None
    emoji = save_meeting(store, CHAIR, Meeting(**{**base, "title": "Sesión 🌽 **maíz** <b>"}))
    assert load_meeting(store, "BANOS-3").title == emoji.title == "Sesión 🌽 **maíz** <b>"


@pytest.mark.parametrize("username", [CHAIR.username, None])
def test_the_chair_cannot_take_over_the_ballot_of_someone_who_voted_themself(voted, username):
    """Giving a participant who voted from their own phone the chair's account (or none, so the chair records for
    them) would let the chair overwrite that ballot as if it were theirs: refused, naming the participant."""
    store, meeting, items = voted
    taken = [p.model_copy(update={"username": username}) if p.participant_id == "asesora" else p
             for p in meeting.participants]
    with pytest.raises(ValueError, match="«Asesora» ya votó o puntuó con su usuario «asesora-banos»"):
        save_meeting(store, CHAIR, meeting.model_copy(update={"participants": taken}), expected_version=1)
    assert load_meeting(store, "BANOS-1") == meeting
    # someone the chair recorded for may be given their own account
    cast_ballot(store, CHAIR, Ballot(meeting_id="BANOS-1", participant_id="don-pedro", votes={items[1]: 1}))
    given = [p.model_copy(update={"username": ADVISER.username}) if p.participant_id == "don-pedro" else
             p.model_copy(update={"username": None}) for p in meeting.participants]
    with pytest.raises(ValueError, match="«Asesora» ya votó"):
        save_meeting(store, CHAIR, meeting.model_copy(update={"participants": given}), expected_version=1)


def test_a_participant_put_back_whose_ballot_names_an_item_taken_off_meanwhile_is_refused(voted):
    """Taken off the list, the adviser's ballot no longer counts, so P04 (2 of her votes) may leave the table in the
    same save; putting her back would count a ballot on an item the meeting no longer has, and the closed vote's
    tally (the need criterion of every ranking of the parish) would stop."""
    store, meeting, items = voted
    without = save_meeting(store, CHAIR, meeting.model_copy(update={
        "participants": meeting.participants[1:], "item_ids": items[:3]}), expected_version=1)
    with pytest.raises(ValueError, match="un participante que vuelve a la lista ya votó o puntuó «010151-P04»"):
        save_meeting(store, CHAIR, without.model_copy(update={"participants": meeting.participants}),
                     expected_version=2)
    assert load_meeting(store, "BANOS-1") == without
    save_meeting(store, CHAIR, without.model_copy(update={"status": "closed"}), expected_version=2)
    assert problem_votes(store, BANOS) is None  # nobody listed voted: the study's tally stays
