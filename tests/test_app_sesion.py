"""AppTest of the meeting page: a planner opens a meeting, participants vote, results show; roles hold."""

import datetime as dt

import pytest

from core.proposals import records
from core.record import meeting, meeting_models
from core.record.auth import Role, User
from core.record.store import Store
from tests.conftest import as_read, open_app_page, store_accounts, store_funded, store_problems

# Each test's meetings stay in its own store: a closed meeting's scores would otherwise feed every later
# ranking read from the shared one.
pytestmark = pytest.mark.usefixtures("own_store")

PAGE = "pages/sesion.py"
PLANNER = User(username="tecnica-sesion", display_name="Técnica", role=Role.PLANNER)
# EV-A04 puts forward EV-P07 and EV-P08, in none of these meetings: María judges every proposal listed
REP = User(username="maria-sesion", display_name="María", role=Role.ASSOCIATION, association_id="EV-A04")


def _seed_meeting(meeting_id, accounts=(), **changes):
    """A meeting in the test's store, which keeps the accounts it lists (REP and `accounts`)."""
    store = store_accounts(Store(), PLANNER, REP, *accounts)
    base = dict(meeting_id=meeting_id, parish_code="010170", title=f"Sesión {meeting_id}", date=dt.date(2026, 11, 20),
                subject="problems", item_ids=[f"P{n:02d}" for n in range(1, 12)], votes_per_participant=13,
                participants=[meeting_models.Participant(participant_id="p01", name="María", username=REP.username),
                              meeting_models.Participant(participant_id="p02", name="Técnico MAG")])
    base.update(changes)
    return meeting.save_meeting(store, PLANNER, meeting_models.Meeting(**base))


def test_a_participant_cannot_open_a_meeting():
    app = open_app_page(PAGE, REP)
    assert not [e for e in app.expander if "Abrir una sesión" in e.label]


def test_a_facilitator_enters_a_ballot_and_the_tally_ranks_it():
    _seed_meeting("T-VOTE")
    app = open_app_page(PAGE, PLANNER, **{"ses-selected": "T-VOTE"})
    # The chair is not on the list: the one participant without a device is the only one it records for.
    assert any("Técnico MAG (sin dispositivo" in c.value for c in app.caption)
    # Widgets inside a form are sent with its submit button, as in the browser.
    app.number_input(key="v-T-VOTE-p02-P05").set_value(9)
    app.number_input(key="v-T-VOTE-p02-P02").set_value(4)
    next(b for b in app.button if b.label == "Guardar mi votación").click().run()
    assert any("Votación de Técnico MAG guardada" in s.value for s in app.success)
    stored = {b.participant_id: b.votes for b in meeting.ballots(Store(), "T-VOTE")}
    assert stored == {"p02": {"P05": 9, "P02": 4}}
    # nobody votes after seeing the others' votes: the tally waits for the chair to show it
    assert not [d for d in app.dataframe if "Votos" in d.value.columns]
    assert any("Los votos se mostrarán cuando" in i.value for i in app.info)
    next(b for b in app.button if b.label == "Mostrar resultados agregados").click().run()
    ranking = next(d.value for d in app.dataframe if "Votos" in d.value.columns)
    assert ranking["Tema"].iloc[0].startswith("P05") and ranking["Votos"].iloc[0] == 9
    assert ranking["Tema"].iloc[1].startswith("P02") and ranking["Votos"].iloc[1] == 4


def test_a_meeting_on_problems_in_a_parish_without_a_diagnosis_says_why_it_cannot_open():
    """Cumbe brought no study: its diagnosis has no problems, and the page says so and where they are entered (it
    said «Puntos de la sesión: no puede estar vacío»)."""
    app = open_app_page(PAGE, PLANNER, parish="010152")
    app.radio(key=next(r.key for r in app.radio if r.label == "Qué se prioriza")).set_value("problems")
    next(b for b in app.button if b.label == "Abrir sesión").click().run()
    shown = [e.value.replace("\\", "") for e in app.error]
    assert shown == [("No se abrió la sesión: el diagnóstico de Cumbe (010152) no tiene problemas registrados, y "
                      "una sesión pone en la mesa al menos dos. El equipo técnico de la parroquia los registra, con "
                      "sus votos, en «Preparar la parroquia».")]
    assert meeting.meetings(Store(), "010152") == []


def test_a_ballot_over_the_limit_is_refused_in_spanish():
    _seed_meeting("T-OVER")
    app = open_app_page(PAGE, PLANNER, **{"ses-selected": "T-OVER"})
    app.number_input(key="v-T-OVER-p02-P01").set_value(13)
    app.number_input(key="v-T-OVER-p02-P03").set_value(2)
    next(b for b in app.button if b.label == "Guardar mi votación").click().run()
    assert any("Reparte 15 votos y tiene 13" in e.value for e in app.error)
    assert meeting.ballots(Store(), "T-OVER") == []


def test_a_participant_votes_only_for_themself():
    _seed_meeting("T-OWN")
    app = open_app_page(PAGE, REP, **{"ses-selected": "T-OWN"})
    assert not [s for s in app.selectbox if s.key == "ses-who-T-OWN"]
    assert any("María" in c.value for c in app.caption)
    app.number_input(key="v-T-OWN-p01-P07").set_value(13)
    next(b for b in app.button if b.label == "Guardar mi votación").click().run()
    assert {b.participant_id for b in meeting.ballots(Store(), "T-OWN")} == {"p01"}


def test_private_scores_stay_hidden_until_revealed():
    _seed_meeting("T-SCORE", subject="proposals", item_ids=["EV-P01", "EV-P02"])
    store = Store()
    for who, by, value in (("p01", REP, 20), ("p02", PLANNER, 90)):
        meeting.save_private_score(store, by, meeting_models.PrivateScore(
            meeting_id="T-SCORE", participant_id=who, proposal_id="EV-P01", scores={"feasibility": value}))
    app = open_app_page(PAGE, PLANNER, **{"ses-selected": "T-SCORE"})
    assert any("se mostrarán cuando" in i.value for i in app.info)
    next(b for b in app.button if b.label == "Mostrar resultados agregados").click().run()
    tables = [d.value for d in app.dataframe]
    scores = next(t for t in tables if "Mediana" in t.columns)
    row = scores[scores["Criterio"] == "Factibilidad"].iloc[0]
    assert (row["Mediana"], row["Mínimo"], row["Máximo"], row["Desacuerdo"]) == ("55,0", "20,0", "90,0", "Sí")


def test_a_listed_board_member_scores_as_themself_and_an_untouched_box_is_no_score():
    board = User(username="vocal-sesion", display_name="Vocal", role=Role.BOARD)
    _seed_meeting("T-SELF", [board], subject="proposals", item_ids=["EV-P01", "EV-P02"], participants=[
        meeting_models.Participant(participant_id="p01", name="María", username=REP.username),
        meeting_models.Participant(participant_id="p02", name="Vocal Pérez", username=board.username),
        meeting_models.Participant(participant_id="p03", name="Rosa")])
    app = open_app_page(PAGE, board, **{"ses-selected": "T-SELF"})
    who = app.selectbox(key="ses-who-T-SELF")
    assert who.value == "p02"  # never María's account, which she uses herself
    assert who.options == ["Vocal Pérez", "Rosa (sin dispositivo: lo registra usted)"]
    boxes = [n for n in app.number_input if (n.key or "").startswith("s-T-SELF-p02-")]
    assert boxes and all(n.value is None for n in boxes)
    app.number_input(key="s-T-SELF-p02-EV-P01-feasibility").set_value(75)
    next(b for b in app.button if b.label == "Guardar mis puntajes").click().run()
    stored = [(s.participant_id, s.proposal_id, s.scores, s.recorded_by) for s in meeting.private_scores(Store(), "T-SELF")]
    assert stored == [("p02", "EV-P01", {"feasibility": 75.0}, None)]
    # emptying every box of a proposal withdraws the score given before: it no longer counts anywhere
    app.number_input(key="s-T-SELF-p02-EV-P01-feasibility").set_value(None)
    next(b for b in app.button if b.label == "Guardar mis puntajes").click().run()
    assert [s.scores for s in meeting.private_scores(Store(), "T-SELF")] == [{}]
    assert not app.warning, [w.value for w in app.warning]


def test_a_closed_meeting_shows_who_did_not_score_who_was_recorded_for_and_the_group_weights():
    adviser = User(username="mag-sesion", display_name="MAG", role=Role.ADVISER)
    opened = _seed_meeting("T-CLOSED", [adviser], subject="proposals", item_ids=["EV-P01", "EV-P02"], participants=[
        meeting_models.Participant(participant_id="p01", name="María", username=REP.username),
        meeting_models.Participant(participant_id="p02", name="Técnico MAG", username=adviser.username),
        meeting_models.Participant(participant_id="p03", name="Rosa")])
    store = Store()
    for who, by, value in (("p01", REP, 40), ("p03", PLANNER, 60)):
        meeting.save_private_score(store, by, meeting_models.PrivateScore(
            meeting_id="T-CLOSED", participant_id=who, proposal_id="EV-P01", scores={"feasibility": value}))
    for who, by, judgment in (("p01", REP, 3.0), ("p02", adviser, 1 / 3)):
        meeting.save_pairwise(store, by, meeting_models.Pairwise(meeting_id="T-CLOSED", participant_id=who,
                                                          judgments={"pdot|feasibility": judgment}))
    meeting.save_meeting(store, PLANNER, opened.model_copy(update={"status": "closed"}), expected_version=1)
    app = open_app_page(PAGE, PLANNER, **{"ses-selected": "T-CLOSED"})
    assert any("Sesión cerrada" in i.value for i in app.info)
    scores = next(d.value for d in app.dataframe if "Mediana" in d.value.columns)
    row = scores[scores["Criterio"] == "Factibilidad"].iloc[0]
    assert (row["Mediana"], row["Evaluadores"], row["No calificaron"]) == ("50,0", 2, "Técnico MAG")
    assert any("no tenían dispositivo propio: Rosa." in c.value for c in app.caption)
    consistency = next(d.value for d in app.dataframe if "Razón de consistencia" in d.value.columns)
    assert list(consistency["Evaluador"]) == ["María", "Técnico MAG"]
    weights = next(d.value for d in app.dataframe if "Peso del grupo" in d.value.columns)
    # María: PDOT 3 times feasibility; the MAG: the reverse. Their geometric mean: equally important.
    by_criterion = dict(zip(weights["Criterio"], weights["Peso del grupo"], strict=True))
    assert by_criterion["Alineación con el PDOT"] == by_criterion["Factibilidad"] == by_criterion["Alcance"]
    next(b for b in app.button if b.label == "Usar los pesos del grupo en Priorización").click().run()
    points = app.session_state["decidir.points"]
    assert max(points.values()) - min(points.values()) <= 1  # every criterion weighs the same (to rounding)


def test_a_closed_vote_of_abstentions_alone_ranks_nothing_and_feeds_nothing():
    """María saved her ballot without a vote and the chair closed: the page showed every problem «Puesto 1» with 0
    votes and said Priorización now used the vote to measure need (which then fell for every proposal)."""
    opened = _seed_meeting("T-ABSTAIN")
    store = Store()
    meeting.cast_ballot(store, REP, meeting_models.Ballot(meeting_id="T-ABSTAIN", participant_id="p01", votes={"P01": 0}))
    meeting.save_meeting(store, PLANNER, opened.model_copy(update={"status": "closed"}), expected_version=1)
    app = open_app_page(PAGE, PLANNER, **{"ses-selected": "T-ABSTAIN"})
    assert not app.exception
    infos = [as_read(i.value) for i in app.info]
    assert any("Nadie repartió votos en esta sesión (1 votación guardada sin ningún voto)" in i for i in infos)
    assert any("no toman nada de ella" in i for i in infos), infos
    assert not [d for d in app.dataframe if "Votos" in d.value.columns]
    # the scoring tab of a meeting on problems says why there is nothing to score, not that the parish has no items
    assert any("Esta sesión prioriza problemas: no se puntúan propuestas" in i for i in infos)
    assert not any("No hay temas para priorizar" in i for i in infos)


def test_a_representative_neither_scores_nor_votes_for_their_own_associations_proposals():
    flor = User(username="flor-sesion", display_name="Flor", role=Role.ASSOCIATION, association_id="EV-A02")
    _seed_meeting("T-OWN-ITEMS", [flor], subject="proposals", item_ids=["EV-P01", "EV-P03", "EV-P05"], participants=[
        meeting_models.Participant(participant_id="p01", name="Flor", username=flor.username),
        meeting_models.Participant(participant_id="p02", name="Rosa")])
    app = open_app_page(PAGE, flor, **{"ses-selected": "T-OWN-ITEMS"})
    # EV-P01 (joint, EV-A02 among its proponents) and EV-P03 (EV-A02's own) are not hers to judge
    [own] = [as_read(c.value) for c in app.caption if "No vota ni puntúa las propuestas de su asociación" in c.value]
    assert "EV-P01 · " in own and "EV-P03 · " in own and "EV-P05" not in own
    scored = {n.key.split("-p01-")[1].rsplit("-", 1)[0] for n in app.number_input if (n.key or "").startswith("s-")}
    voted = {n.key.split("-p01-")[1] for n in app.number_input if (n.key or "").startswith("v-")}
    assert scored == voted == {"EV-P05"}



def test_a_meeting_opened_without_participants_names_the_field():
    app = open_app_page(PAGE, PLANNER)
    next(b for b in app.button if b.label == "Abrir sesión").click().run()
    assert not app.exception
    assert any(as_read(e.value) == "Participantes: no puede estar vacío" for e in app.error), [e.value for e in app.error]


def test_a_new_meeting_on_proposals_leaves_out_what_an_acta_decided_and_says_so(own_store):
    open_app_page(PAGE, PLANNER)
    store = Store(own_store)
    for versioned in records.proposals(store, "010170")[1:]:  # every proposal but the first, funded
        store_funded(store, versioned.item)
    app = open_app_page(PAGE, PLANNER)
    left_out = [as_read(c.value) for c in app.caption if "quedan fuera" in c.value]
    assert left_out and "quedan fuera 15 propuestas, 15 ya decididas por la junta («Financiada»: 15)" in left_out[0]
    app.radio[0].set_value("proposals")
    next(b for b in app.button if b.label == "Abrir sesión").click().run()
    assert any("solo 1 propuesta compite aún" in as_read(e.value) for e in app.error), [e.value for e in app.error]
    assert meeting.meetings(store, "010170") == []


def test_an_adviser_invited_to_another_parishs_meeting_is_told_where_it_is_and_taken_there():
    """An adviser signs in on the study's parish; the meeting that lists them is Angochagua's (Ibarra)."""
    adviser = User(username="asesor-angochagua", display_name="Luis Farinango", role=Role.ADVISER)
    _seed_meeting("T-ELSEWHERE", accounts=(adviser,), parish_code="100152", title="Propuestas de Angochagua",
                  item_ids=store_problems(Store(), "100152"), participants=[meeting_models.Participant(participant_id="p01", name="Luis Farinango",
                                                    username=adviser.username)])
    _seed_meeting("T-CLOSED-ELSEWHERE", accounts=(adviser,), parish_code="060151", status="closed",
                  item_ids=store_problems(Store(), "060151"), participants=[meeting_models.Participant(participant_id="p01", name="Luis", username=adviser.username)])
    app = open_app_page(PAGE, adviser, parish="010170")
    said = [as_read(i.value) for i in app.info]
    assert "Usted participa en la sesión «Propuestas de Angochagua» del 20/11/2026, de la parroquia Angochagua." \
        in said
    assert not [s for s in said if "060151" in s or "Cacha" in s]  # a closed meeting awaits nobody
    [go] = [b for b in app.button if b.key == "ses-go-T-ELSEWHERE"]
    go.click().run()
    assert app.session_state["parish_code"] == "100152"
    assert [s for s in app.selectbox if s.label == "Sesión"][0].value == "T-ELSEWHERE"
    assert "Participante: Luis Farinango" in [as_read(c.value) for c in app.caption]


def test_a_loaded_parishs_problems_are_named_by_its_own_codes_in_a_meeting(tmp_path):
    """Angochagua's planner loaded «P01»…: the meeting lists «P01 · …», never the stored «100152-P01»."""
    from core.parish.__main__ import load
    from ui import data

    folder = tmp_path / "angochagua"
    folder.mkdir()
    (folder / "asociaciones.csv").write_text("Código;Nombre;Número de socios\nA01;Productores de Zuleta;32\n",
                                             encoding="utf-8")
    (folder / "problemas.csv").write_text("Código;Problema;Votos\nP01;Falta de agua de riego;28\n"
                                          "P02;Precio bajo de la leche;35\n", encoding="utf-8")
    adviser = User(username="asesor-problemas", display_name="Luis", role=Role.ADVISER)
    assert load("100152", folder, store_accounts(Store(), adviser)) == 0
    data.view.clear()  # the problems view reads the store's records afresh
    try:
        _seed_meeting("T-LOCAL-CODES", accounts=(adviser,), parish_code="100152",
                      item_ids=["100152-P01", "100152-P02"],
                      participants=[meeting_models.Participant(participant_id="p01", name="Luis", username=adviser.username)])
        app = open_app_page(PAGE, adviser, parish="100152")
        assert sorted(n.label for n in app.number_input) == ["P01 · Falta de agua de riego",
                                                             "P02 · Precio bajo de la leche"]
    finally:
        data.view.clear()


def test_a_closed_meeting_with_someone_taken_off_the_list_after_voting_shows_only_the_listed():
    """Técnico MAG voted (the chair recorded it) and was then taken off the list: the closed meeting's page shows
    the tally and who was recorded for without them, instead of a traceback (their name is no longer listed)."""
    opened = _seed_meeting("T-GONE")
    store = Store()
    meeting.cast_ballot(store, PLANNER, meeting_models.Ballot(meeting_id="T-GONE", participant_id="p02", votes={"P03": 9}))
    meeting.cast_ballot(store, REP, meeting_models.Ballot(meeting_id="T-GONE", participant_id="p01", votes={"P05": 2}))
    kept = opened.model_copy(update={"participants": opened.participants[:1]})
    meeting.save_meeting(store, PLANNER, kept, expected_version=1)
    meeting.save_meeting(store, PLANNER, kept.model_copy(update={"status": "closed"}), expected_version=2)
    app = open_app_page(PAGE, PLANNER, **{"ses-selected": "T-GONE"})
    assert not app.exception
    assert any("1 de 1" in c.value for c in app.caption)
    ranking = next(d.value for d in app.dataframe if "Votos" in d.value.columns)
    assert ranking["Tema"].iloc[0].startswith("P05") and ranking["Votos"].sum() == 2
    assert not any("Técnico MAG" in c.value for c in app.caption)


def test_a_ballot_the_chair_closes_the_voting_under_is_refused_in_place(monkeypatch):
    """The chair closes the voting between the checks of a ballot and its save: the ballot is refused with the
    Spanish reason where it was entered, and the rest of the page is still drawn (not cut short by the refusal)."""
    opened = _seed_meeting("T-RACE")
    app = open_app_page(PAGE, PLANNER, **{"ses-selected": "T-RACE"})
    real, done = Store.get, []

    def get(self, kind, record_id, *, as_logged=False):
        found = real(self, kind, record_id, as_logged=as_logged)
        if (kind, record_id, as_logged) == ("meeting", "T-RACE", True) and not done:  # the ballot's check
            done.append(True)
            meeting.save_meeting(Store(), PLANNER, opened.model_copy(update={"status": "closed"}), expected_version=1)
        return found

    monkeypatch.setattr(Store, "get", get)
    app.number_input(key="v-T-RACE-p02-P01").set_value(3)
    next(b for b in app.button if b.label == "Guardar mi votación").click().run()
    assert done and not app.exception and meeting.ballots(Store(), "T-RACE") == []
    assert any(as_read(e.value).startswith("La sesión «Sesión T-RACE» cambió mientras se guardaba su voto") for e in app.error)
    assert any("Le quedan 10 de 13 votos" in c.value for c in app.caption), [c.value for c in app.caption]
