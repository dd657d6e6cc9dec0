"""The demo reset keeps what a parish that brought its own data entered, and only that.

- A demo record stays the demo's: one association stored for El Valle (a proposals import that created it, a try of
  «Preparar la parroquia») made the reset keep every edit and deletion of El Valle's demo proposals and offers, for
  good, while it said it had restored the demo.
- An offer is the parish's whose body names it (offers are stored without the record's parish): the reset took a
  prepared parish's own offers out, though the reset keeps «sus propuestas, ofertas, pesos y escenarios»."""

from __future__ import annotations

import pytest

from core.parish import records as parish_records
from core.parish.models import ParishAssociation
from core.parish.records import ParishBatch
from core.proposals import demo_reset, records, removal
from core.record.auth import Role, User
from core.record.store import Store

EL_VALLE, CUMBE = "010170", "010152"
ADMIN = User(username="admin", display_name="Admin", role=Role.ADMIN)
PLANNER = User(username="tecnica-demo", display_name="Técnica", role=Role.PLANNER)


def _prepared(store: Store, parish_code: str) -> Store:
    """`store` holding one association of `parish_code` (what «Preparar la parroquia» or an import stores)."""
    association = ParishAssociation(parish_code=parish_code, code="A90", name="Asociación guardada de prueba",
                                    members_total=9)
    parish_records.save_as(store, "pruebas", ParishBatch(parish_code, associations=[association]))
    return store


@pytest.fixture()
def store(tmp_path) -> Store:
    return Store(tmp_path / "s.sqlite")


def test_a_stored_el_valle_association_does_not_keep_its_demo_edits(store):
    _prepared(store, EL_VALLE)
    edited, deleted = (v.item for v in records.proposals(store, EL_VALLE)[:2])
    records.save_proposal(store, PLANNER, edited.model_copy(update={"title": "Editada en la demostración"}))
    removal.delete_proposal(store, PLANNER, deleted.proposal_id, 0)
    offer = next(v.item for v in records.offers(store) if v.item.parish_code == EL_VALLE)
    records.save_offer(store, PLANNER, offer.model_copy(update={"title": "Oferta editada"}), 0)
    assert demo_reset.reset_demo(store, ADMIN).removed == 3
    shown = {v.item.proposal_id: v.item.title for v in records.proposals(store, EL_VALLE)}
    assert shown[edited.proposal_id] == edited.title and deleted.proposal_id in shown
    assert {v.item.offer_id: v.item.title for v in records.offers(store)}[offer.offer_id] == offer.title
    assert store.verify().ok


def test_an_offer_a_prepared_parish_entered_stays(store):
    _prepared(store, CUMBE)
    demo = records.offers(store)[0].item
    own = demo.model_copy(update={"offer_id": "OF-CUMBE-01", "parish_code": CUMBE, "title": "Oferta de Cumbe"})
    records.save_offer(store, PLANNER, own, 0, parish_code=CUMBE)
    elsewhere = demo.model_copy(update={"offer_id": "OF-OTRA-01", "parish_code": "010153", "title": "Otra"})
    records.save_offer(store, PLANNER, elsewhere, 0, parish_code="010153")
    assert demo_reset.reset_demo(store, ADMIN).removed == 1  # the offer of a parish that brought nothing
    assert {v.item.offer_id for v in records.offers(store)} & {own.offer_id, elsewhere.offer_id} == {own.offer_id}
    assert store.verify().ok
