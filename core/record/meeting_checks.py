"""What a save of an advisory-group meeting must respect, against the meeting as STORED (core.record.meeting):
its stage only moves forward once results were shown, nobody is listed twice, every account it names can take
part, and every item it adds is one of the parish's proposals or problems (as its subject says), a proposal still
competing (core.record.meeting_agenda). Raises ValueError with the reason in Spanish."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core import fmt
from core.data import rural
from core.record import meeting_agenda
from core.record.auth import Accounts, Action, Role, can
from core.record.store import Store
from core.texts import label, t
from core.user_text import entered

if TYPE_CHECKING:
    from core.record.meeting_models import Meeting, Participant


def check_save(store: Store, meeting: Meeting, stored: Meeting | None) -> None:
    """Every rule below, in order."""
    _check_stage(meeting, stored)
    _check_namesakes(meeting, stored)  # first: a name pasted with a hidden mark is often someone listed twice
    _check_entered(meeting, stored)
    _check_accounts(store, meeting, stored)
    _check_cast(store, meeting, stored)
    meeting_agenda.check_parish_items(store, meeting, stored)
    meeting_agenda.check_new_items(store, meeting, stored)


def _check_entered(meeting: Meeting, stored: Meeting | None) -> None:
    """A new or changed title or list, as entered (core.user_text): the acta quotes them, so the title is not blank
    and no text holds a character the PDF would drop. A meeting stored before the rule still moves on unchanged."""
    if stored is not None and (stored.title, stored.participants) == (meeting.title, meeting.participants):
        return
    if not meeting.title.strip():
        raise ValueError(t("field.where", field=label("field", "title"), message=t("val.empty")))
    entered(meeting)


_STAGES = ("open", "revealed", "closed")


def _check_stage(meeting: Meeting, stored: Meeting | None) -> None:
    """Once its results were shown (revealed or closed), a meeting only moves on to closed, as it was: reopened
    or changed, someone could vote or score again after seeing how the others did. A new meeting is a new round."""
    if stored is None or stored.status == "open":
        return
    kept = {"status", "proponents"}
    if meeting.model_dump(exclude=kept) != stored.model_dump(exclude=kept) or \
            _STAGES.index(meeting.status) < _STAGES.index(stored.status):
        raise ValueError(t("ses.err.results_shown"))


def _check_cast(store: Store, meeting: Meeting, stored: Meeting | None) -> None:
    """Refuse (Spanish, naming what) a change of an open meeting that the ballots and scores already stored would not
    fit: an item taken off the table that has votes or scores, a participant put back on the list whose ballot or
    scores name an item taken off while they were not, or fewer votes each than a ballot already spreads.
    Counted, such a ballot would stop the tally (and the need criterion a closed vote feeds)."""
    if stored is None or stored.status != "open":
        return
    if (meeting.item_ids, meeting.participants, meeting.votes_per_participant) == (
            stored.item_ids, stored.participants, stored.votes_per_participant):
        return  # nothing these checks look at changed (revealing or closing changes only the status)
    from core.record.meeting import ballots as all_ballots  # meeting imports this module
    from core.record.meeting import listed_ballots, listed_scores, pairwise_comparisons, private_scores

    took_part = {r.participant_id for r in (*all_ballots(store, stored.meeting_id),
                                            *private_scores(store, stored.meeting_id),
                                            *pairwise_comparisons(store, stored.meeting_id))}
    now = {p.participant_id: p.username for p in meeting.participants}
    for person in stored.participants:  # their own part, not the chair's nor another account's to overwrite
        if person.username and person.participant_id in took_part and \
                now.get(person.participant_id, person.username) != person.username:
            raise ValueError(t("ses.err.account_took_part", name=person.name, username=person.username))
    ballots = listed_ballots(store, meeting)
    removed = set(stored.item_ids) - set(meeting.item_ids)
    judged = {item for ballot in ballots for item in ballot.votes} | {
        score.proposal_id for score in listed_scores(store, meeting)}
    if removed & judged:
        raise ValueError(t("ses.err.judged_removed", items=fmt.listing(f"«{item}»" for item in sorted(removed & judged))))
    if off := judged - set(meeting.item_ids):  # a participant put back on the list, judging what left it meanwhile
        raise ValueError(t("ses.err.judged_off_list", items=fmt.listing(f"«{item}»" for item in sorted(off))))
    used = max((sum(ballot.votes.values()) for ballot in ballots), default=0)
    if used > meeting.votes_per_participant:
        raise ValueError(t("ses.err.fewer_votes_than_cast", used=used, allowed=meeting.votes_per_participant))


def _check_namesakes(meeting: Meeting, stored: Meeting | None) -> None:
    """One person listed twice under two spellings («María Pérez», «  maría PÉREZ ») would vote twice: a name may
    repeat only between participants told apart by their accounts. Checked when the list is new or changes (a
    meeting stored before keeps loading)."""
    if stored is not None and stored.participants == meeting.participants:
        return
    seen: dict[str, Participant] = {}
    for person in meeting.participants:
        other = seen.setdefault(fmt.name_key(person.name), person)
        if other is not person and (other.username is None or person.username is None):
            raise ValueError(t("ses.err.repeated_name", name=other.name.strip()))


def _check_accounts(store: Store, meeting: Meeting, stored: Meeting | None) -> None:
    """Refuse (Spanish, naming the participant) a username that is not an active account allowed to take part: a
    mistyped or retired name would otherwise wait on the list for whoever is later given it. Only the names the
    save adds to the `stored` meeting are checked: one whose participant retired since can still be closed."""
    accounts = Accounts(store)
    listed_before = {p.username for p in stored.participants} if stored else set()
    for person in meeting.participants:
        if person.username is None or person.username in listed_before:
            continue
        account = accounts.get(person.username)
        if account is None or not can(account, Action.TAKE_PART):  # can() is False for an inactive account
            raise ValueError(t("ses.err.unknown_account", name=person.name, username=person.username))
        if not can(account, Action.TAKE_PART, parish_code=meeting.parish_code):  # of another junta, or GAD
            raise ValueError(t("ses.err.other_board" if account.role == Role.BOARD else "ses.err.other_gad",
                               name=person.name, username=person.username,
                               own=rural.named(account.parish_code), other=rural.named(meeting.parish_code)))
