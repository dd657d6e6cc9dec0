"""A parish's batch whose rows name another parish. The records were stored under the batch's parish with the other
parish's codes and bodies, and the views, which read a row's parish from its body, showed them in that other parish:
a planner tied to Cumbe's GAD added an association, an aid or a problem to El Valle through core's save. Each such
row is refused at its code and nothing is stored."""

from __future__ import annotations

import pytest

from core.parish import records as parish_records
from core.parish.models import ParishAssociation, ParishProblem
from core.parish.records import BatchRefused, ParishBatch
from core.record.auth import Role, User
from core.record.store import Store
from tests.conftest import store_accounts

EL_VALLE, CUMBE = "010170", "010152"
CUMBE_PLANNER = User(username="tecnica-cumbe", display_name="Técnica de Cumbe", role=Role.PLANNER, parish_code=CUMBE)


@pytest.mark.parametrize("part", ["asociaciones", "problemas"])
def test_a_row_of_another_parish_is_refused_and_nothing_is_stored(tmp_path, part):
    store = store_accounts(Store(tmp_path / "s.sqlite"), CUMBE_PLANNER)
    item = (ParishAssociation(parish_code=EL_VALLE, code="A77", name="Asociación puesta desde Cumbe", members_total=3)
            if part == "asociaciones" else ParishProblem(parish_code=EL_VALLE, code="P77", label_es="Agua", votes=2))
    with pytest.raises(BatchRefused, match=f"{EL_VALLE}-.77.*El Valle"):
        parish_records.save_batch(store, CUMBE_PLANNER, ParishBatch(CUMBE).add(part, [item]))
    with pytest.raises(BatchRefused):  # the console's load too: the rows are another parish's
        parish_records.save_as(store, "consola", ParishBatch(CUMBE).add(part, [item]))
    assert [r for kind in parish_records.PART_KINDS.values() for r in store.records(kind)] == []


def test_the_parishs_own_rows_are_stored(tmp_path):
    store = store_accounts(Store(tmp_path / "s.sqlite"), CUMBE_PLANNER)
    own = ParishAssociation(parish_code=CUMBE, code="A01", name="Flor de Mayo", members_total=3)
    parish_records.save_batch(store, CUMBE_PLANNER, ParishBatch(CUMBE).add("asociaciones", [own]))
    assert [r.record_id for r in store.records(parish_records.PART_KINDS["asociaciones"], CUMBE)] == [f"{CUMBE}-A01"]
