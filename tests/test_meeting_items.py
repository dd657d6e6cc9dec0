"""A meeting lists only its parish's own proposals or problems, as its subject says and as stored: an outside caller
cannot put on the table an id the parish does not have (another parish's, the other subject's, or none)."""

import datetime as dt

import pytest

from core.record.auth import Role, User
from core.record.meeting import save_meeting
from core.record.meeting_models import Meeting, Participant
from core.record.store import Store
from tests.conftest import store_accounts, store_problems

PLANNER = User(username="tecnico-temas", display_name="Técnica", role=Role.PLANNER)
EL_VALLE, CUMBE = "010170", "010152"  # the study's parish (its proposals and problems) and one with loaded problems


def _meeting(parish_code: str, subject: str, items: list[str], meeting_id: str = "TEMAS-1") -> Meeting:
    return Meeting(meeting_id=meeting_id, parish_code=parish_code, title="Sesión", date=dt.date(2026, 11, 20),
                   subject=subject, item_ids=items, participants=[Participant(participant_id="p01", name="Rosa")])


@pytest.fixture()
def store(tmp_path):
    store = store_accounts(Store(tmp_path / "s.sqlite"), PLANNER)
    assert store_problems(store, CUMBE) == [f"{CUMBE}-P01", f"{CUMBE}-P02"]
    return store


@pytest.mark.parametrize(("parish_code", "subject", "items", "refused", "said"), [
    (EL_VALLE, "proposals", ["EV-P01", "EV-P02"], [], None),
    (EL_VALLE, "proposals", ["EV-P01", "EV-P99"], ["EV-P99"], "no son propuestas registradas de El Valle (010170)"),
    (EL_VALLE, "proposals", ["EV-P01", "P01"], ["P01"], "no son propuestas registradas"),  # a problem
    (CUMBE, "proposals", ["EV-P01", "EV-P02"], ["EV-P01", "EV-P02"], "no son propuestas registradas de Cumbe"),
    (EL_VALLE, "problems", ["P01", "P02"], [], None),
    (EL_VALLE, "problems", ["P01", "EV-P01"], ["EV-P01"], "no son problemas del diagnóstico de El Valle"),
    (CUMBE, "problems", [f"{CUMBE}-P01", f"{CUMBE}-P02"], [], None),
    (CUMBE, "problems", ["P01", f"{CUMBE}-P02", f"{CUMBE}-P03"], ["P01", f"{CUMBE}-P03"],
     "no son problemas del diagnóstico de Cumbe"),
])
def test_a_meeting_lists_only_the_parishs_own_items(store, parish_code, subject, items, refused, said):
    if not refused:
        assert save_meeting(store, PLANNER, _meeting(parish_code, subject, items)).item_ids == items
        return
    with pytest.raises(ValueError) as caught:
        save_meeting(store, PLANNER, _meeting(parish_code, subject, items))
    message = str(caught.value)
    assert message.startswith("No se guardó la sesión") and said in message
    assert [item for item in items if f"«{item}»" in message] == refused
    assert store.get("meeting", "TEMAS-1") is None


def test_an_open_meeting_cannot_take_another_subject_keeping_its_items(store):
    opened = save_meeting(store, PLANNER, _meeting(EL_VALLE, "problems", ["P01", "P02"]))
    with pytest.raises(ValueError, match="«P01» y «P02» no son propuestas registradas"):
        save_meeting(store, PLANNER, opened.model_copy(update={"subject": "proposals"}), expected_version=1)
    with pytest.raises(ValueError, match="no son problemas del diagnóstico de Cumbe"):  # nor another parish
        save_meeting(store, PLANNER, opened.model_copy(update={"parish_code": CUMBE}), expected_version=1)
    assert store.get("meeting", "TEMAS-1").body["subject"] == "problems"
    assert save_meeting(store, PLANNER, opened.model_copy(update={"status": "revealed"}),
                        expected_version=1).status == "revealed"
