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
