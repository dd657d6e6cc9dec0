"""«Quitar registros» keeps a PDOT objective or a problem that a stored proposal still names: removing it would take
the funded projects out of the PDOT progress report and change their scores without a word."""

import pytest

from core.parish.models import ParishAssociation, ParishPdotObjective, ParishProblem
from core.parish.records import BatchRefused, ParishBatch, remove, save_as
from core.proposals import records
from core.proposals.models import Proposal
from core.record.auth import Role, User
from core.record.store import Store
from tests.conftest import live_count, store_accounts

PARISH = "140164"  # Río Blanco, Morona: a rural parish without demo records
PLANNER = User(username="tecnica-quitar", display_name="Técnica", role=Role.PLANNER)


@pytest.fixture()
def store(own_store):
    store = store_accounts(Store(), PLANNER)
    save_as(store, "consola", ParishBatch(PARISH)
            .add("asociaciones", [ParishAssociation(parish_code=PARISH, code="A01", name="Naranjilleros",
                                                    members_total=30)])
            .add("objetivos_pdot", [ParishPdotObjective(parish_code=PARISH, code=code, component="Económico",
                                                        objective_es=f"Objetivo {code}") for code in ("OE1", "OE2")])
            .add("problemas", [ParishProblem(parish_code=PARISH, code=code, label_es=f"Problema {code}", votes=3)
                               for code in ("P01", "P02")]))
    demo = records.proposals(store, "010170")[0].item
    records.save_proposal(store, PLANNER, Proposal.model_validate({**demo.model_dump(),
        "proposal_id": "RB-P01", "parish_code": PARISH, "association_id": f"{PARISH}-A01",
        "association_ids": [f"{PARISH}-A01"], "pdot_objective_ids": [f"{PARISH}-OE1"],
        "problem_ids": [f"{PARISH}-P01"], "status": "draft", "status_history": []}), expected_version=0)
    return store


@pytest.mark.parametrize(("part", "code"), [("objetivos_pdot", "OE1"), ("problemas", "P01")])
def test_a_record_a_proposal_names_stays_and_the_refusal_says_which(store, part, code):
    before = live_count(store)
    with pytest.raises(BatchRefused) as refused:
        remove(store, PLANNER, PARISH, part, [code])
    assert code in str(refused.value) and "RB-P01" in str(refused.value), str(refused.value)
    assert live_count(store) == before


@pytest.mark.parametrize(("part", "code"), [("objetivos_pdot", "OE2"), ("problemas", "P02")])
def test_a_record_nobody_names_is_removed(store, part, code):
    assert remove(store, PLANNER, PARISH, part, [code]) == 1
