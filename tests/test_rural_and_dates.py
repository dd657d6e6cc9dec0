"""Two rules every write path keeps: nothing is recorded for an urban cantonal seat (it has no junta parroquial,
core.data.rural), and a fact (an aid received, an answer, a meeting, a step, an application, an audit…) is never dated
after today (core.record.facts, whose «today» the tests fix). Plans (a project's start, a call's deadline) may be."""

from __future__ import annotations

import csv
import datetime as dt

import pytest

from core.cooperation import agreements as agr
from core.cooperation import stages
from core.data import rural
from core.data.paths import SOURCES_DIR
from core.engine import scenarios
from core.engine.allocation import AllocationRules
from core.iati import identifiers
from core.iati.read import save_read_offers
from core.parish import survey, tables
from core.parish.__main__ import main
from core.parish.models import ParishAid, ParishAssociation, ParishPdotObjective, ParishProblem, SurveyAnswer
from core.parish.records import BatchRefused, ParishBatch, save_as
from core.proposals import records
from core.proposals.models import ALLOWED_TRANSITIONS, ProposalStatus
from core.record import facts, followup, junta, meeting, meeting_models
from core.record.auth import Role, User
from core.record.store import Store
from core.texts import t
from tests.conftest import live_count, store_accounts
from tests.parish_files import AID, ASSOCIATIONS, PARISH

PLANNER = User(username="tecnica-rural", display_name="Técnica", role=Role.PLANNER)
BOARD = User(username="presidenta-rural", display_name="Presidenta", role=Role.BOARD)
TODAY = dt.date(2026, 6, 15)
TOMORROW = TODAY + dt.timedelta(days=1)
SEAT, SEAT_SAYS = "010150", "010150 es la cabecera cantonal urbana de Cuenca; Minga registra datos de parroquias rurales"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(facts, "today", lambda: TODAY)


@pytest.fixture()
def store(tmp_path, con):
    return store_accounts(Store(tmp_path / "s.sqlite"), PLANNER, BOARD)


# -- which parishes are recorded ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("code", "seat_of"), [
    ("010150", "Cuenca"), ("020150", "Guaranda"), ("170150", "Quito"), ("141350", "Sevilla Don Bosco"),
    ("010152", None), ("010170", None), ("170151", None), ("999999", None), (None, None),
])
def test_a_cantonal_seat_is_refused_with_what_it_is(code, seat_of):
    message = rural.refusal(code)
    if seat_of is None:
        assert message is None
        rural.require_rural(code)
    else:
        assert (f"{code} es la cabecera cantonal urbana de {seat_of}; Minga registra datos de parroquias rurales, "
                "que tienen junta parroquial") in message
        with pytest.raises(rural.CantonalSeat, match=seat_of):
            rural.require_rural(code)


def test_the_rule_agrees_with_the_census_list_of_seats_and_rural_parishes():
    with (SOURCES_DIR / "reference" / "parroquias_dpa_cpv2022.csv").open(encoding="utf-8") as handle:
        census = {row["dpa_parroquia"]: row["tipo_parroquia"] for row in csv.DictReader(handle)}
    seats = {code for code, kind in census.items() if kind == "cabecera_cantonal_urbana"}
    assert len(seats) == 221 and all(rural.is_cantonal_seat(code) for code in seats)
    assert not any(rural.is_cantonal_seat(code) for code, kind in census.items() if kind == "rural")


def _demo_proposal(store, **changes):
    return records.proposals(store, "010170")[0].item.model_copy(update=changes)


SEAT_WRITES = {
    "asociaciones": lambda s: save_as(s, "consola", ParishBatch(SEAT).add("asociaciones", [ParishAssociation(
        parish_code=SEAT, code="A01", name="Asociación urbana", members_total=10)])),
    "ayudas": lambda s: save_as(s, "consola", ParishBatch(SEAT).add("ayudas", [ParishAid(
        parish_code=SEAT, code="AY1", association_id=f"{SEAT}-A01", institution="MAG", year=2024, kind="inputs",
        amount_usd=100)])),
    "problemas": lambda s: save_as(s, "consola", ParishBatch(SEAT).add("problemas", [ParishProblem(
        parish_code=SEAT, code="P01", label_es="Tráfico")])),
    "objetivos_pdot": lambda s: save_as(s, "consola", ParishBatch(SEAT).add("objetivos_pdot", [ParishPdotObjective(
        parish_code=SEAT, code="OP1", component="Movilidad", objective_es="Ordenar el tránsito")])),
    "propuesta": lambda s: records.save_proposal(s, PLANNER, _demo_proposal(
        s, proposal_id="URB-P01", parish_code=SEAT), expected_version=0),
    "importación": lambda s: records.import_proposals(s, PLANNER, [_demo_proposal(
        s, proposal_id="URB-P01", parish_code=SEAT)]),
    "objetivo PDOT": lambda s: records.save_pdot_objective(s, PLANNER, records.pdot_objectives(s, "010170")[0].item
                                                            .model_copy(update={"pdot_objective_id": "URB-OP1",
                                                                                "parish_code": SEAT})),
    "regla de etapas": lambda s: stages.save_rule(s, BOARD, stages.StageRule(parish_code=SEAT)),
    "etapa": lambda s: stages.record_stage(s, PLANNER, SEAT, stages.StageEvidence(
        proposal_id="URB-P01", stage="comunidad", reached_on=TODAY, evidence="Acta")),
    "junta": lambda s: junta.set_board(s, BOARD, SEAT, junta.Board()),
    "postulación": lambda s: agr.submit(s, PLANNER, agr.Application(
        application_id="AP-URB", parish_code=SEAT, proposal_id="URB-P01", cooperant_id="CO-ISRAEL-MASHAV",
        submitted_on=TODAY)),
    "sesión": lambda s: meeting.save_meeting(s, PLANNER, meeting_models.Meeting(
        meeting_id="URB-1", parish_code=SEAT, title="Sesión", date=TODAY, subject="problems",
        item_ids=["X1", "X2"], participants=[meeting_models.Participant(participant_id="p01", name="Rosa")])),
    "presupuesto": lambda s: scenarios.set_board_budget(s, BOARD, SEAT, AllocationRules(budget_usd=50000)),
    "escenario": lambda s: scenarios.save_scenario(s, PLANNER, scenarios.Scenario(
        name="Escenario urbano", parish_code=SEAT, weights={"scope": 1}, rules=AllocationRules(budget_usd=1000))),
    "emisor IATI": lambda s: identifiers.save_publisher(s, PLANNER, SEAT, "0190000000001"),
    "ofertas IATI": lambda s: save_read_offers(s, PLANNER, [records.offers(s)[0].item.model_copy(
        update={"offer_id": "OF-IATI-URB"})], SEAT),
}


@pytest.mark.parametrize("path", list(SEAT_WRITES))
def test_every_write_path_refuses_a_cantonal_seat_and_stores_nothing(store, path):
    before = live_count(store)
    with pytest.raises((BatchRefused, ValueError)) as refused:
        SEAT_WRITES[path](store)
    assert SEAT_SAYS in str(refused.value)
    assert live_count(store) == before


# -- facts are not dated after today -----------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "refused"), [
    (TODAY, False), (TODAY - dt.timedelta(days=400), False), (TOMORROW, True), (dt.date(2027, 3, 1), True),
    (dt.datetime(2026, 6, 15, 23, 59), False), (dt.datetime(2026, 6, 16, 0, 1), True), ("2026-06-16T08:00:00", True),
    (None, False),
    # a moment with its zone (ODK Central's SubmissionDate, in UTC) is read on Ecuador's calendar: 02:00 UTC on the
    # 16th is still the 15th at 21:00 in the parish, 06:00 UTC is already the 16th there
    (dt.datetime(2026, 6, 16, 2, 0, tzinfo=dt.UTC), False), ("2026-06-16T02:00:00.000Z", False),
    (dt.datetime(2026, 6, 16, 6, 0, tzinfo=dt.UTC), True), ("2026-06-16T06:00:00+00:00", True),
])
def test_a_fact_dated_after_today_is_refused_naming_the_field(value, refused):
    problem = facts.date_problem(value, "Fecha de firma")
    assert (problem is not None) == refused
    if refused:
        assert problem.startswith("La fecha ") and "de «Fecha de firma» es posterior a hoy (15/06/2026)" in problem


@pytest.mark.parametrize(("year", "refused"), [(2025, False), (2026, False), (2027, True), (None, False)])
def test_a_year_after_the_current_one_is_refused(year, refused):
    problem = facts.year_problem(year)
    assert (problem is not None) == refused
    if refused:
        assert problem == f"el año {year} es posterior al año en curso (2026): solo se registra lo que ya ocurrió"


def _index():
    return tables.AssociationIndex([ParishAssociation(parish_code=PARISH, code="A01", name="Flor de Mayo",
                                                      members_total=40)])


@pytest.mark.parametrize(("year", "problem"), [
    ("2026", None), ("2027", "ayudas.csv, fila 3, columna «Año»: el año 2027 es posterior al año en curso (2026)"),
])
def test_an_aid_file_says_the_row_and_column_of_a_future_year(year, problem):
    data = ("Código;Asociación;Institución;Año;Tipo de ayuda;Monto (USD)\n"
            f"AY1;A01;MAG;2024;Insumos;100\nAY2;A01;MAG;{year};Insumos;100\n").encode()
    preview = tables.read_part(data, "ayudas.csv", tables.PARTS["ayudas"], tables.Context(PARISH, _index()))
    found = [str(p) for p in preview.problems]
    assert (found == []) if problem is None else (len(found) == 1 and found[0].startswith(problem))
    assert len(preview.items) == (2 if problem is None else 1)


@pytest.mark.parametrize(("year", "refused"), [(2026, False), (2027, True)])
def test_the_survey_form_refuses_an_aid_year_after_this_one(year, refused):
    values = {"asociacion": f"{PARISH}-A01", "rol": "father", "jefe_hogar": "father", "ayuda_proyecto": "no",
              "ayuda_estado": "yes", "familia_exterior": "no", "anio_ayuda": year}
    item, problems = survey.answer_from_form(values, PARISH, _index(), "u-1")
    said = (f"Encuesta, columna «{t('form.q.anio_ayuda')}»: el año 2027 es posterior al año en curso (2026): solo "
            "se registra lo que ya ocurrió")
    assert [str(p) for p in problems] == ([said] if refused else [])
    assert (item is None) == refused


FUTURE_FACTS = {
    "ayuda": lambda s: save_as(s, "consola", ParishBatch(PARISH).add("asociaciones", [ParishAssociation(
        parish_code=PARISH, code="A01", name="Flor", members_total=5)]).add("ayudas", [ParishAid(
            parish_code=PARISH, code="AY1", association_id=f"{PARISH}-A01", institution="MAG", year=2027,
            kind="inputs", amount_usd=100)])),
    "respuesta de encuesta": lambda s: save_as(s, "consola", ParishBatch(PARISH).add("asociaciones", [
        ParishAssociation(parish_code=PARISH, code="A01", name="Flor", members_total=5)]).add("encuesta", [
            SurveyAnswer.model_validate({**_member(), "submitted_at": dt.datetime(2026, 6, 16, 9)})])),
    "paso de un proyecto": lambda s: records.save_proposal(s, PLANNER, _next_step(s)),
    "seguimiento": lambda s: followup.next_step(_demo_proposal(s, status_history=[]), "in_execution", TOMORROW),
    "postulación": lambda s: agr.submit(s, PLANNER, agr.Application(
        application_id="AP-F", parish_code="010170", proposal_id="EV-P02", cooperant_id="CO-ISRAEL-MASHAV",
        submitted_on=TOMORROW)),
    "etapa": lambda s: stages.record_stage(s, PLANNER, "010170", stages.StageEvidence(
        proposal_id="EV-P02", stage="comunidad", reached_on=TOMORROW, evidence="Acta")),
    "sesión": lambda s: meeting.save_meeting(s, PLANNER, meeting_models.Meeting(
        meeting_id="F-1", parish_code="010170", title="Sesión", date=TOMORROW, subject="problems",
        item_ids=["P01", "P02"], participants=[meeting_models.Participant(participant_id="p01", name="Rosa")])),
}


def _member() -> dict:
    return {"member_id": f"{PARISH}-u-1", "parish_code": PARISH, "association_id": f"{PARISH}-A01",
            "member_role": "father", "head_of_household": "father", "is_head_of_household": True,
            "family_abroad": False, "received_project_aid": False, "state_aid_last_year": False}


def _next_step(store):
    current = records.proposals(store, "010170")[0].item
    step = sorted(ALLOWED_TRANSITIONS[ProposalStatus(current.status)], key=list(ProposalStatus).index)[0]
    return current.with_status(step, date=TOMORROW)


@pytest.mark.parametrize("path", list(FUTURE_FACTS))
def test_every_fact_dated_after_today_is_refused_and_nothing_is_stored(store, path):
    before = live_count(store)
    with pytest.raises((BatchRefused, ValueError)) as refused:
        FUTURE_FACTS[path](store)
    assert "posterior a" in str(refused.value), str(refused.value)
    assert live_count(store) == before


def test_a_plan_may_be_dated_after_today(store):
    """A project's start is a plan: saving a proposal that starts next year is allowed."""
    planned = _demo_proposal(store, start_date=dt.date(2027, 3, 1))
    assert records.save_proposal(store, PLANNER, planned) == 1


# -- the command-line loader -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("code", "aid_year", "exit_code", "said"), [
    (SEAT, "2024", 2, SEAT_SAYS),
    ("020150", "2024", 2, "020150 es la cabecera cantonal urbana de Guaranda"),
    (PARISH, "2027", 1, "ayudas.csv, fila 3, columna «Año»: el año 2027 es posterior al año en curso (2026)"),
    (PARISH, "2026", 0, None),
])
def test_the_loader_refuses_a_seat_and_a_future_year(tmp_path, own_store, capsys, code, aid_year, exit_code, said):
    folder = tmp_path / "carga"
    folder.mkdir()
    (folder / "asociaciones.csv").write_text(ASSOCIATIONS, encoding="utf-8")
    (folder / "ayudas.csv").write_text(AID.replace(";2025;", f";{aid_year};"), encoding="utf-8")
    assert main(["load", code, str(folder)]) == exit_code
    err = capsys.readouterr().err
    if said is None:
        assert err == ""
        assert live_count(Store(own_store)) == 4
    else:
        assert said in err
        assert live_count(Store(own_store)) == 0


@pytest.mark.parametrize(("utc", "in_ecuador"), [
    (dt.datetime(2026, 12, 5, 2, 30, tzinfo=dt.UTC), dt.date(2026, 12, 4)),   # 21:30 of the 4th in Ecuador
    (dt.datetime(2026, 12, 5, 4, 59, tzinfo=dt.UTC), dt.date(2026, 12, 4)),   # 23:59
    (dt.datetime(2026, 12, 5, 5, 0, tzinfo=dt.UTC), dt.date(2026, 12, 5)),    # midnight
    (dt.datetime(2027, 1, 1, 3, 0, tzinfo=dt.UTC), dt.date(2026, 12, 31)),    # a year's last evening
])
def test_today_is_the_date_in_continental_ecuador_whatever_the_server_s_zone(utc, in_ecuador):
    assert facts.date_in_ecuador(utc) == in_ecuador


def test_a_stored_meeting_moves_on_without_its_date_judged_again_unless_it_changes(store, monkeypatch):
    """A meeting held today on one server is closed on another whose «today» is a day behind (or after the clock
    was set back): its date, stored once, is not refused then; moving it to a later day is."""
    held = meeting_models.Meeting(meeting_id="F-2", parish_code="010170", title="Sesión", date=TOMORROW, subject="problems",
                           item_ids=["P01", "P02"],  # two of the study's problems
                           participants=[meeting_models.Participant(participant_id="p01", name="Rosa")])
    monkeypatch.setattr(facts, "today", lambda: TOMORROW)
    meeting.save_meeting(store, PLANNER, held)
    monkeypatch.setattr(facts, "today", lambda: TODAY)
    meeting.save_meeting(store, PLANNER, held.model_copy(update={"status": "revealed"}), expected_version=1)
    assert meeting.load_meeting(store, "F-2").status == "revealed"
    later = held.model_copy(update={"status": "revealed", "date": TOMORROW + dt.timedelta(days=1)})
    with pytest.raises(facts.FutureFact, match="posterior a hoy"):
        meeting.save_meeting(store, PLANNER, later, expected_version=2)


def test_an_aid_row_with_another_problem_also_names_its_future_year():
    """A load names every problem of every row at once (README): the year is not left for a second try."""
    data = ("Código;Asociación;Institución;Año;Tipo de ayuda;Monto (USD)\n"
            "AY1;A01;MAG;2027;Insumos;1,500\nAY2;A01;MAG;2027;Regalo;100\n").encode()
    preview = tables.read_part(data, "ayudas.csv", tables.PARTS["ayudas"], tables.Context(PARISH, _index()))
    found = [str(p) for p in preview.problems]
    for row in (2, 3):
        assert any(p.startswith(f"ayudas.csv, fila {row}, columna «Año»: el año 2027 es posterior") for p in found), found
    assert any(p.startswith("ayudas.csv, fila 2, columna «Monto (USD)»") for p in found), found
    assert any(p.startswith("ayudas.csv, fila 3, columna «Tipo de ayuda»") for p in found), found
    assert preview.items == []
