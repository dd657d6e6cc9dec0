"""AppTest of Decisión y acta: the board approves a saved scenario by vote; others only read actas."""

import pytest

from core.engine import scenarios
from core.engine.allocation import AllocationRules
from core.proposals import demo_reset, records
from core.record import decisions, overlay
from core.record.auth import Position, Role, User
from core.record.store import Store
from tests.conftest import as_read, open_app_page, store_accounts

PAGE = "pages/decision.py"
BOARD = User(username="presidenta-acta", display_name="Rosa Quito", role=Role.BOARD, position=Position.PRESIDENT)
VOCALS = [User(username="vocal-luis", display_name="Luis Guamán", role=Role.BOARD),
          User(username="vice-eva", display_name="Eva Sarmiento", role=Role.BOARD, position=Position.VICE_PRESIDENT),
          User(username="vocal-pedro", display_name="Pedro Loja", role=Role.BOARD)]
ADMIN = User(username="admin-acta", display_name="Administración", role=Role.ADMIN)
PLANNER = User(username="tecnica-acta", display_name="Técnica", role=Role.PLANNER)


def _scenario(store_path):
    scenario = scenarios.Scenario(name="Escenario de prueba", parish_code="010170",
                                  weights={"pdot": 1, "feasibility": 1, "scope": 1},
                                  rules=AllocationRules(budget_usd=40000))
    scenarios.save_scenario(Store(store_path), PLANNER, scenario)
    return scenario


def test_without_scenarios_the_board_is_told_where_to_prepare_them(own_store):
    app = open_app_page(PAGE, BOARD)
    assert any("No hay escenarios guardados" in i.value for i in app.info)


def test_the_board_records_a_decision_and_gets_its_acta(own_store):
    _scenario(own_store)
    app = open_app_page(PAGE, BOARD)
    # The attendees editor is filled through its session state, as the browser sends its edits: a choice cell holds
    # the value chosen («for», «secretary»), the grid shows its label («A favor», «Secretario/a»). Rosa, the
    # board's president, is proposed as presiding: she signs as president.
    app.session_state["dec-attendees"] = {
        "edited_rows": {0: {"name": "Rosa Quito", "role_es": "Presidenta", "votes": True, "vote": "for"}},
        "added_rows": [{"name": "Luis Guamán", "role_es": "Vocal", "votes": True, "vote": "against",
                        "remark": "Prefiero más riego"},
                       {"name": "Pedro Loja", "role_es": "Vocal", "votes": True, "vote": "abstain"},
                       {"name": "Ana Ortiz", "role_es": "Secretaria", "votes": False, "signs_as": "secretary"}],
        "deleted_rows": [],
    }
    app.text_area(key="dec-justification").set_value("Se prioriza alcance y factibilidad.")
    next(b for b in app.button if b.label == "Registrar decisión").click().run()
    assert not app.exception, [e.value for e in app.exception]
    assert not app.error, [e.value for e in app.error]
    [decision] = decisions.decisions(Store(own_store), "010170")
    # A tie (1 for, 1 against) decided by the president's vote; empty remarks stay empty, never «nan».
    assert (decision.votes_for, decision.votes_against, decision.approved, decision.casting_vote) == (1, 1, True, True)
    assert [(a.name, a.signs_as, a.remark) for a in decision.attendees] == [
        ("Rosa Quito", "president", None), ("Luis Guamán", None, "Prefiero más riego"), ("Pedro Loja", None, None),
        ("Ana Ortiz", "secretary", None)]
    assert decision.justification_es == "Se prioriza alcance y factibilidad."
    assert decision.funded and decision.total_cost_usd <= 40000
    assert {b.label for b in app.get("download_button")} >= {"Descargar acta (PDF)", "Descargar acta (Excel)"}
    # the same scenario, opened again, says it was approved and what it funded: its run now leaves those out
    again = open_app_page(PAGE, BOARD)
    said = " ".join(i.value for i in again.info)
    assert f"Este escenario ya se aprobó en el acta {decision.number_es} (proyectos: {len(decision.funded)}," in said
    # the demo's reset keeps what the acta decided: the scenario still says it was approved
    assert demo_reset.reset_demo(store_accounts(Store(own_store), ADMIN), ADMIN, kinds=(records.PROPOSAL,)).kept
    assert "ya se aprobó" in " ".join(i.value for i in open_app_page(PAGE, BOARD).info)
    # the proposals' rows taken out of the store by hand: back to «Presentada», they compete again
    store = Store(own_store)
    store.apply(overlay.removals(store, (records.PROPOSAL,), "prueba: restablecer"), actor="pruebas")
    again = open_app_page(PAGE, BOARD)
    assert not [i for i in again.info if "ya se aprobó" in i.value]


def test_the_table_proposes_each_members_seat_and_the_president_to_preside(own_store):
    store_accounts(Store(own_store), PLANNER, *VOCALS)
    _scenario(own_store)
    app = open_app_page(PAGE, BOARD)
    table = app.dataframe[-1].value
    assert list(zip(table["name"], table["role_es"], strict=True)) == [
        ("Rosa Quito", "Presidente/a"), ("Eva Sarmiento", "Vicepresidente/a"), ("Luis Guamán", "Vocal"),
        ("Pedro Loja", "Vocal")]
    assert app.selectbox(key="dec-presided").value == "Rosa Quito"


def test_when_the_president_is_absent_a_vocal_presides_and_the_acta_says_so(own_store):
    store_accounts(Store(own_store), PLANNER, *VOCALS)
    _scenario(own_store)
    app = open_app_page(PAGE, BOARD)
    app.session_state["dec-attendees"] = {  # Rosa, the president, did not come: her row is taken out
        "edited_rows": {1: {"vote": "for"}, 2: {"vote": "for"}, 3: {"vote": "against"}},
        "added_rows": [], "deleted_rows": [0]}
    next(b for b in app.button if b.label == "Registrar decisión").click().run()
    assert [as_read(e.value) for e in app.error] == [
        ("«Rosa Quito» no está entre los asistentes: elija quién presidió la sesión entre las personas de la tabla "
         "(si el presidente/a faltó, preside un vocal o el vicepresidente/a).")]
    assert decisions.decisions(Store(own_store), "010170") == []
    app.selectbox(key="dec-presided").set_value("Luis Guamán")
    next(b for b in app.button if b.label == "Registrar decisión").click().run()
    assert not app.error, [e.value for e in app.error]
    [decision] = decisions.decisions(Store(own_store), "010170")
    assert decision.presided_by == "Luis Guamán"
    assert [(a.name, a.role_es, a.signs_as) for a in decision.attendees] == [
        ("Eva Sarmiento", "Vicepresidente/a", None), ("Luis Guamán", "Vocal", "president"),
        ("Pedro Loja", "Vocal", None)]


def test_no_vote_is_assumed_and_a_vote_in_a_row_without_a_vote_is_refused(own_store):
    _scenario(own_store)
    app = open_app_page(PAGE, BOARD)
    rows = {"edited_rows": {0: {"name": "Rosa Quito", "role_es": "Presidenta", "votes": True}},
            "added_rows": [{"name": "Luis Guamán", "role_es": "Vocal", "votes": True},
                           {"name": "Pedro Loja", "role_es": "Vocal", "votes": True, "vote": "against"}],
            "deleted_rows": []}
    app.session_state["dec-attendees"] = rows
    next(b for b in app.button if b.label == "Registrar decisión").click().run()
    assert any("Falta el voto de Rosa Quito" in as_read(e.value) for e in app.error)  # an empty vote is never «a favor»
    # a vote written in a row that is not marked «Vota» is refused, not dropped
    app.session_state["dec-attendees"] = {**rows, "added_rows": [
        {"name": "Luis Guamán", "role_es": "Vocal", "votes": True, "vote": "for"},
        {"name": "Pedro Loja", "role_es": "Vocal", "votes": False, "vote": "against"}]}
    app.session_state["dec-same-vote"] = "A favor"
    next(b for b in app.button if b.label == "Registrar decisión").click().run()
    assert any("Pedro Loja asiste sin voto: no puede votar" in as_read(e.value) for e in app.error), [e.value for e in app.error]
    assert decisions.decisions(Store(own_store), "010170") == []
    # the vote chosen for every empty one fills only those: Luis's «en contra» stays
    app.session_state["dec-attendees"] = {**rows, "added_rows": [
        {"name": "Luis Guamán", "role_es": "Vocal", "votes": True, "vote": "against"},
        {"name": "Pedro Loja", "role_es": "Vocal", "votes": True}]}
    next(b for b in app.button if b.label == "Registrar decisión").click().run()
    [decision] = decisions.decisions(Store(own_store), "010170")
    assert [(a.name, a.vote) for a in decision.attendees] == [
        ("Rosa Quito", "for"), ("Luis Guamán", "against"), ("Pedro Loja", "for")]


def test_without_quorum_the_decision_is_refused_in_spanish_and_nothing_is_stored(own_store):
    _scenario(own_store)
    app = open_app_page(PAGE, BOARD)
    app.session_state["dec-attendees"] = {
        "edited_rows": {0: {"name": "Rosa Quito", "role_es": "Presidenta", "votes": True, "vote": "for"}},
        "added_rows": [{"name": "Luis Guamán", "role_es": "Vocal", "votes": True, "vote": "for"}],
        "deleted_rows": [],
    }
    next(b for b in app.button if b.label == "Registrar decisión").click().run()
    assert any("No hay quórum: miembros de la junta presentes con voto, 2 de 5; se necesitan 3" in as_read(e.value)
               for e in app.error)
    assert decisions.decisions(Store(own_store), "010170") == []


@pytest.mark.usefixtures("hand_made_drafts")  # a hand-made draft (tests/decision_draft.py)
def test_a_planner_cannot_record_and_an_observer_sees_only_approved_actas(own_store):
    from tests.decision_draft import _draft

    store = store_accounts(Store(own_store), BOARD)
    approved = decisions.record(store, BOARD, _draft())
    rejected = decisions.record(store, BOARD, _draft(attendees=_draft().attendees[1:4]))
    assert approved.approved and not rejected.approved
    planner = open_app_page(PAGE, PLANNER)
    assert any("Solo la junta parroquial" in i.value for i in planner.info)
    assert not [b for b in planner.button if b.label == "Registrar decisión"]
    assert list(planner.dataframe[0].value["N.º"]) == [rejected.number_es, approved.number_es]
    observer = open_app_page(PAGE)
    assert list(observer.dataframe[0].value["N.º"]) == [approved.number_es]


def test_the_board_is_warned_when_a_meeting_closed_after_the_scenario_was_saved(own_store):
    import datetime as dt

    from core.record.meeting import save_meeting, save_private_score
    from core.record.meeting_models import Meeting, Participant, PrivateScore

    adviser = User(username="ana-acta", display_name="Ana", role=Role.ADVISER)
    store = store_accounts(Store(own_store), PLANNER, adviser)

    def scored(meeting_id, date):
        opened = save_meeting(store, PLANNER, Meeting(
            meeting_id=meeting_id, parish_code="010170", title=f"Sesión {meeting_id}", date=date,
            subject="proposals", item_ids=["EV-P01", "EV-P02"],
            participants=[Participant(participant_id="ana", name="Ana", username=adviser.username)]))
        save_private_score(store, adviser, PrivateScore(meeting_id=meeting_id, participant_id="ana",
                                                        proposal_id="EV-P01", scores={"feasibility": 90}))
        save_meeting(store, PLANNER, opened.model_copy(update={"status": "closed"}), expected_version=1)

    scored("S-GUARDADO", dt.date(2026, 11, 20))
    _scenario(own_store)
    app = open_app_page(PAGE, BOARD)
    assert not [w for w in app.warning if "grupo asesor cambió" in w.value]
    scored("S-NUEVA", dt.date(2026, 11, 27))
    app = open_app_page(PAGE, BOARD)
    [warning] = [as_read(w.value) for w in app.warning if "grupo asesor cambió" in w.value]
    assert "desde que se guardó el escenario «Escenario de prueba»" in warning
    assert ("Puntajes de las propuestas: al guardar, sesión del grupo asesor «Sesión S-GUARDADO» del 20/11/2026; "
            "ahora, sesión del grupo asesor «Sesión S-NUEVA» del 27/11/2026.") in warning
    assert any(b.label == "Registrar decisión" for b in app.button)  # said before the board records it


@pytest.mark.usefixtures("hand_made_drafts")  # a hand-made draft (tests/decision_draft.py)
def test_a_decision_edited_in_the_store_file_is_not_shown_and_the_page_says_which(own_store):
    """The public page listed a decision whose funded amount was raised by hand and offered its acta."""
    import json
    import sqlite3

    from tests.decision_draft import BOARD as RECORDER
    from tests.decision_draft import _draft

    store = store_accounts(Store(own_store), RECORDER)
    kept = decisions.record(store, RECORDER, _draft()).decision_id
    edited = decisions.record(store, RECORDER, _draft()).decision_id
    body = store.get("decision", edited).body
    body["funded"][0]["amount_usd"] = 99999
    con = sqlite3.connect(own_store)
    con.execute("UPDATE records SET body = ? WHERE record_id = ?", (json.dumps(body), edited))
    con.commit()
    con.close()
    app = open_app_page(PAGE)
    [warning] = [w.value for w in app.warning if "se cambiaron por fuera de Minga" in w.value]
    number = {d: d.split("-", 1)[1] for d in (kept, edited)}  # «010170-2026-002» reads «2026-002 de El Valle»
    assert f"{number[edited]} de El Valle (010170)" in warning and number[kept] not in warning
    assert kept.rsplit("-", 2)[1] + "-" + kept.rsplit("-", 1)[1] in app.selectbox(key="dec-chosen").options
    assert len(app.selectbox(key="dec-chosen").options) == 1


def test_an_approved_scenario_that_required_a_proposal_opens_again_as_approved(own_store):
    """Its rules require EV-P01, which the acta funded: opened again, the scenario stopped with a red «EV-P01 …
    no está entre las candidatas» instead of saying it was approved."""
    scenarios.save_scenario(Store(own_store), PLANNER, scenarios.Scenario(
        name="Con una obligatoria", parish_code="010170", weights={"pdot": 1, "feasibility": 1, "scope": 1},
        rules=AllocationRules(budget_usd=40000, must_fund=["EV-P01"])))
    app = open_app_page(PAGE, BOARD)
    app.session_state["dec-attendees"] = {
        "edited_rows": {0: {"name": "Rosa Quito", "role_es": "Presidenta", "votes": True, "vote": "for"}},
        "added_rows": [{"name": "Luis Guamán", "role_es": "Vocal", "votes": True, "vote": "for"},
                       {"name": "Pedro Loja", "role_es": "Vocal", "votes": True, "vote": "for"}],
        "deleted_rows": []}
    next(b for b in app.button if b.label == "Registrar decisión").click().run()
    [decision] = decisions.decisions(Store(own_store), "010170")
    assert "EV-P01" in {line.proposal_id for line in decision.funded}
    again = open_app_page(PAGE, BOARD)
    assert not again.error, [e.value for e in again.error]
    assert any(f"Este escenario ya se aprobó en el acta {decision.number_es}" in i.value for i in again.info)
