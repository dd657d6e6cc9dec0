"""A new meeting on proposals lists only those still competing for the parish's budget; what it left out is said."""

import datetime as dt
import re

import pytest

from core.proposals import records
from core.proposals.models import Proposal
from core.record import meeting_agenda
from core.record.auth import Role, User
from core.record.meeting import save_meeting
from core.record.meeting_models import Meeting, Participant
from core.record.store import Store
from tests.conftest import store_accounts, store_funded

PLANNER = User(username="tecnico-agenda", display_name="Técnica", role=Role.PLANNER)


def _proposal(pid: str, status: str) -> Proposal:
    return Proposal(proposal_id=pid, association_id="EV-A01", parish_code="010170", title=f"Proyecto {pid}",
                    cost_usd=2000, requested_usd=1000, counterpart_associations_usd=1000, support_kind="training",
                    status=status)


@pytest.mark.parametrize(("statuses", "items", "left_out", "said"), [
    ({"A": "submitted", "B": "eligible", "C": "scored"}, ["A", "B", "C"], {}, None),
    ({"A": "submitted", "B": "funded", "C": "scored", "D": "in_execution", "E": "closed"}, ["A", "C"],
     {"funded": ["B"], "in_execution": ["D"], "closed": ["E"]},
     "quedan fuera 3 propuestas, 3 ya decididas por la junta («Financiada»: 1, «En ejecución»: 1, «Cerrada»: 1)"),
    ({"A": "not_funded", "B": "submitted", "C": "draft", "D": "not_eligible", "E": "eligible"}, ["B", "E"],
     {"draft": ["C"], "not_eligible": ["D"], "not_funded": ["A"]},
     ("quedan fuera 3 propuestas, 1 ya decidida por la junta («No financiada»: 1), 1 no elegible y 1 en "
      "borrador, aún sin presentar")),
])
def test_a_new_meeting_lists_only_the_competing_proposals_and_says_what_it_left_out(statuses, items, left_out, said):
    agenda = meeting_agenda.proposal_agenda([_proposal(pid, s) for pid, s in reversed(statuses.items())])
    assert agenda.items == items
    assert {str(s): ids for s, ids in agenda.left_out.items()} == left_out
    text = meeting_agenda.left_out_es(agenda)
    assert (text is None) if said is None else (said in text and "aún compiten" in text)


def test_fewer_than_two_competing_proposals_is_said_in_spanish():
    agenda = meeting_agenda.proposal_agenda([_proposal("A", "funded"), _proposal("B", "submitted")])
    with pytest.raises(ValueError, match="solo 1 propuesta"):
        meeting_agenda.require_enough(agenda)


def _meeting(items, status="open") -> Meeting:
    return Meeting(meeting_id="AG-1", parish_code="010170", title="Propuestas", date=dt.date(2026, 11, 20),
                   subject="proposals", item_ids=items, status=status,
                   participants=[Participant(participant_id="p01", name="Técnico MAG")])


def test_a_proposal_an_acta_funded_is_refused_in_a_new_meeting_but_an_open_one_keeps_it(tmp_path):
    store = store_accounts(Store(tmp_path / "s.sqlite"), PLANNER)
    # an open meeting listed it before the acta: it keeps its list and still moves on
    opened = save_meeting(store, PLANNER, _meeting(["EV-P01", "EV-P02"]))
    store_funded(store, records.proposal(store, "EV-P01").item)
    save_meeting(store, PLANNER, opened.model_copy(update={"status": "revealed"}), expected_version=1)
    # a new meeting (or one adding it) is refused, naming the proposal and its status
    with pytest.raises(ValueError, match="EV-P01 está «Financiada»"):
        save_meeting(store, PLANNER, _meeting(["EV-P01", "EV-P03"]).model_copy(update={"meeting_id": "AG-2"}))
    assert store.get("meeting", "AG-2") is None
    # a meeting on problems is not judged by the proposals' statuses
    problems = _meeting(["P01", "P02"]).model_copy(update={"meeting_id": "AG-3", "subject": "problems"})
    assert save_meeting(store, PLANNER, problems).item_ids == ["P01", "P02"]


@pytest.mark.parametrize(("problems", "refused"), [
    ([], "el diagnóstico de Cumbe (010152) no tiene problemas registrados, y una sesión pone en la mesa al menos dos"),
    (["CU-P01"], "el diagnóstico de Cumbe (010152) tiene solo 1 problema"),
    (["CU-P01", "CU-P02"], None),
])
def test_a_meeting_on_problems_needs_two_problems_of_the_parish_s_diagnosis(problems, refused):
    if refused is None:
        assert meeting_agenda.require_problems(problems, "010152") == problems
        return
    with pytest.raises(ValueError, match=re.escape(refused)):
        meeting_agenda.require_problems(problems, "010152")
