"""Follow-up: funded projects are followed; totals per state in lifecycle order, zeros included;
the page lets a planner move a project along and refuses others."""

import datetime as dt

import pytest

from core.proposals import records
from core.proposals.models import Indicator, Proposal, StatusChange
from core.record import facts, followup
from core.record.auth import Role, User
from core.record.store import Store
from tests.conftest import open_app_page, store_funded

PLANNER = User(username="tecnica-seg", display_name="Técnica", role=Role.PLANNER)
BOARD = User(username="vocal-seg", display_name="Vocal", role=Role.BOARD)


def _proposal(pid, status, requested, history=()):
    return Proposal(proposal_id=pid, association_id="EV-A01", parish_code="010170", title=f"Proyecto {pid}",
                    cost_usd=requested * 2, requested_usd=requested, counterpart_associations_usd=requested,
                    support_kind="training", status=status, status_history=list(history))


def test_only_funded_executing_and_closed_projects_are_followed():
    frame = followup.followed([_proposal("P1", "funded", 1000), _proposal("P2", "scored", 500),
                               _proposal("P3", "closed", 300), _proposal("P4", "not_funded", 200)])
    assert frame["proposal_id"].to_list() == ["P1", "P3"]
    totals = followup.totals_by_status(frame)
    assert totals.rows() == [("funded", 1, 1000.0), ("in_execution", 0, 0.0), ("closed", 1, 300.0)]


PAGE = "pages/seguimiento.py"


def test_without_funded_projects_the_page_says_how_they_arrive(own_store):
    app = open_app_page(PAGE, BOARD)
    assert any("aprueba una decisión" in i.value for i in app.info)


def test_a_planner_starts_the_execution_of_a_funded_project(own_store):
    open_app_page(PAGE, BOARD)  # opening the app seeds the demo into this store
    store = Store(own_store)
    first = records.proposals(store, "010170")[0]
    funded = store_funded(store, first.item)
    observer = open_app_page(PAGE, BOARD)
    assert any("El técnico de planificación" in i.value for i in observer.info)
    app = open_app_page(PAGE, PLANNER)
    assert [m.label for m in app.metric] == ["Financiada", "En ejecución", "Cerrada"]
    followed = next(d.value for d in app.dataframe if "Monto del GAD" in d.value.columns)
    assert followed["Asociación"].to_list() == ["Asociación Agroecológica Flor del Valle"]  # its name, not its code
    app.text_input[0].set_value("Arranca con la compra de mangueras")
    next(b for b in app.button if b.label == "Guardar estado").click().run()
    stored = Proposal.model_validate(store.get("proposal", funded.proposal_id).body)
    assert stored.status == "in_execution"
    assert stored.status_history[-1].note == "Arranca con la compra de mangueras"
    # dated today, or on the project's last dated step when that is later (the demo's own dates are in 2027)
    last = max(c.date for c in funded.status_history if c.date)
    assert stored.status_history[-1].date == max(facts.today(), last)


def test_a_second_person_saving_a_stale_step_saves_nothing_and_is_told(own_store):
    """Two people open the same funded project; the first starts its execution. The second's form, which also
    offered «En ejecución», must not move it one step further (to «Cerrada», where nothing leads out)."""
    open_app_page(PAGE, BOARD)
    store = Store(own_store)
    funded = store_funded(store, records.proposals(store, "010170")[0].item)
    first, second = open_app_page(PAGE, PLANNER), open_app_page(PAGE, PLANNER)
    next(b for b in first.button if b.label == "Guardar estado").click().run()
    next(b for b in second.button if b.label == "Guardar estado").click().run()
    stored = Proposal.model_validate(store.get("proposal", funded.proposal_id).body)
    assert stored.status == "in_execution"
    assert any("otra persona cambió" in w.value for w in second.warning)


def test_a_step_is_never_dated_before_the_one_the_project_is_at():
    funded = _proposal("P1", "funded", 1000, [StatusChange(status=s) for s in ("submitted", "eligible", "scored")]
                       + [StatusChange(status="funded", date=dt.date(2026, 3, 2))])
    with pytest.raises(ValueError, match="la fecha 01/01/2017 es anterior a la del estado actual \\(02/03/2026\\)"):
        followup.next_step(funded, "in_execution", dt.date(2017, 1, 1))
    moved = followup.next_step(funded, "in_execution", dt.date(2026, 3, 2))
    assert moved.status == "in_execution" and moved.status_history[-1].date == dt.date(2026, 3, 2)


LICTO = "060156"  # Licto, Riobamba: a parish loaded through Preparar, not the demo


def _licto_funded(store: Store) -> Proposal:
    """Licto with its association A01 and PDOT objective O1 loaded, and a proposal aligned to O1 with two
    indicators, funded by the board and without an agreement."""
    from core.parish.models import ParishAssociation, ParishPdotObjective
    from core.parish.records import ParishBatch, save_as

    save_as(store, "consola", ParishBatch(LICTO)
            .add("asociaciones", [ParishAssociation(parish_code=LICTO, code="A01", name="Flor", members_total=5)])
            .add("objetivos_pdot", [ParishPdotObjective(parish_code=LICTO, code="O1", component="Económico",
                                                        objective_es="Riego")]))
    proposal = Proposal(proposal_id=f"{LICTO}-CU-1", association_id=f"{LICTO}-A01", parish_code=LICTO,
                        title="Riego parcelario", cost_usd=2000, requested_usd=1000,
                        counterpart_associations_usd=1000, support_kind="training", status="submitted",
                        pdot_objective_ids=[f"{LICTO}-O1"],
                        indicators=[Indicator(name="Familias con riego", baseline="0", target="20",
                                              means_of_verification="Actas"),
                                    Indicator(name="Organización", baseline="débil", target="fortalecida",
                                              means_of_verification="Informe")])
    return store_funded(store, proposal)


PLANNED = "Familias con riego: de 0 a 20; Organización: de débil a fortalecida"


def test_a_funded_project_without_agreement_reports_its_own_indicators(parish_store):
    """The PDOT report's «Indicadores» of a project the board funded read the proposal's indicators (no agreement,
    no annex, nothing reached yet): they were blank."""
    from core.cooperation import pdot_progress

    store = Store(parish_store)
    _licto_funded(store)
    frame = pdot_progress.progress([v.item for v in records.pdot_objectives(store, LICTO)],
                                   records.proposal_models(store, LICTO), [], {})
    assert frame.select("pdot_objective_id", "proposal_id", "indicators").rows() == [
        (f"{LICTO}-O1", f"{LICTO}-CU-1", PLANNED)]


def test_seguimiento_of_a_loaded_parish_shows_the_funded_project_s_indicators(parish_store):
    _licto_funded(Store(parish_store))
    app = open_app_page(PAGE, PLANNER, parish=LICTO)
    report = next(d.value for d in app.dataframe if "Indicadores" in d.value.columns)
    assert report[["Objetivo PDOT", "Indicadores"]].values.tolist() == [["O1", PLANNED]]
