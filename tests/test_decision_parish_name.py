"""The acta names the parish its decision is of, as the parish list names it: a draft that brings another name (a
stale page, a caller's own) does not put «El Valle» on a Baños acta."""

import pytest

from core.record.auth import Role, User
from core.record.decisions import record
from tests.conftest import store_accounts
from tests.decision_draft import BOARD, _draft, _store

BANOS_BOARD = User(username="presidente-banos", display_name="Luis Guamán", role=Role.BOARD, parish_code="010151")


@pytest.mark.parametrize(("parish_code", "brought", "named"), [
    ("010151", "El Valle", "Baños"),  # another parish's name
    ("010151", "", "Baños"),
    ("010170", "Valle", "El Valle"),  # the study's display name, not the list's
])
def test_a_decision_names_its_parish_as_the_list_does(tmp_path, parish_code, brought, named):
    store = store_accounts(_store(tmp_path), BANOS_BOARD)
    user = BANOS_BOARD if parish_code == "010151" else BOARD
    decision = record(store, user, _draft(parish_code=parish_code, parish_name=brought))
    assert decision.parish_name == named


def _line(proposal_id: str, amount: float):
    from core.record.decisions import FundedLine
    return FundedLine(proposal_id=proposal_id, title="Proyecto", associations_es="Asociación", amount_usd=amount,
                      score=50)


@pytest.mark.parametrize(("funded", "refused"), [
    ([_line("EV-P02", 18500), _line("EV-P05", 19500.01)], "más que lo disponible"),  # budget 40.000 − reserve 2.000
    ([_line("EV-P02", 18500), _line("EV-P02", 18500)], "«EV-P02» figura dos veces"),
    ([_line("EV-P02", 18500), _line("EV-P09", 100)], "«EV-P09» figura a la vez"),  # also left out in the draft
    ([_line("EV-P02", 18500), _line("EV-P05", 19500)], None),  # exactly what is available
])
def test_an_acta_s_funded_lines_add_up_within_what_is_available_once_each(tmp_path, funded, refused):
    from core.record.decisions import decisions
    store = _store(tmp_path)
    draft = _draft().model_copy(update={"funded": funded})
    if refused is None:
        assert record(store, BOARD, draft).funded == funded
        return
    with pytest.raises(ValueError, match=refused):
        record(store, BOARD, draft)
    assert decisions(store, "010170") == []
