"""Decisions: numbered, stored once, only by the board; the acta (PDF, Excel) carries what was decided."""

import datetime as dt
import io
import re
import threading

import openpyxl
import pytest
from pypdf import PdfReader

from core import fmt
from core.record import acta, constancia
from core.record.auth import PermissionDenied, Position, Role, User
from core.record.decisions import (
    Attendee,
    Board,
    Decision,
    DecisionDraft,
    FundedLine,
    LeftOutLine,
    board,
    board_roll,
    count_board_votes,
    decisions,
    proposed_presiding,
    record,
    set_board,
    with_presiding,
)
from core.record.store import Store
from tests.conftest import live_count, store_accounts

BOARD = User(username="presidenta", display_name="Rosa Quito", role=Role.BOARD)
PLANNER = User(username="tecnico", display_name="Juan Pérez", role=Role.PLANNER)


def _store(tmp_path) -> Store:
    """A store of the test's own with the board member's and the planner's accounts (rights are read there)."""
    return store_accounts(Store(tmp_path / "s.sqlite"), BOARD, PLANNER)


def _draft(**changes):
    base = dict(
        parish_code="010170", parish_name="El Valle", date=dt.date(2026, 11, 26),
        scenario_name="Estudio El Valle: alcance y factibilidad", budget_usd=40000, reserve_usd=2000,
        method_es="Asignación óptima", solver_status="Optimal",
        weights={"pdot": 0.3, "feasibility": 0.4, "scope": 0.3},
        weights_es={"Alineación PDOT": 0.3, "Factibilidad": 0.4, "Alcance": 0.3},
        rules_es=["Al menos un proyecto por asociación", "Tope de 40 % por asociación"],
        funded=[FundedLine(proposal_id="EV-P02", title="Riego por goteo comunitario",
                           associations_es="Asociación Flor de Mayo", amount_usd=18500, score=81.5),
                FundedLine(proposal_id="EV-P05", title="Centro de acopio y comercialización",
                           associations_es="Unión Campesina; Los Andes", amount_usd=14250.5, score=77.0)],
        left_out=[LeftOutLine(proposal_id="EV-P09", title="Entrega de semillas",
                              reason_es="Presupuesto: le faltan 3,2 puntos para entrar")],
        total_score=158.5, total_cost_usd=32750.5, justification_es="Se prioriza el alcance colectivo.",
        attendees=[
            Attendee(name="Rosa Quito", role_es="Presidenta", vote="for", signs_as="president"),
            Attendee(name="Luis Guamán", role_es="Vocal", vote="for"),
            Attendee(name="Marta Sinchi", role_es="Vocal", vote="against", remark="Falta apoyo a jóvenes"),
            Attendee(name="Pedro Loja", role_es="Vocal", vote="abstain"),
            Attendee(name="Ana Ortiz", role_es="Técnica MAG", votes=False),
            Attendee(name="Carmen Ávila", role_es="Secretaria-tesorera", votes=False, signs_as="secretary"),
        ],
    )
    base.update(changes)
    return DecisionDraft(**base)


@pytest.mark.parametrize(("votes", "expected"), [
    (["for", "for", "against"], (2, 1, 0, True)),
    (["for", "against"], (1, 1, 0, False)),
    (["abstain", "abstain", "for"], (1, 0, 2, True)),
    (["against", "abstain"], (0, 1, 1, False)),
])
def test_the_board_vote_is_a_simple_majority_of_votes_cast(votes, expected):
    attendees = [Attendee(name=f"M{i}", role_es="Vocal", vote=v) for i, v in enumerate(votes)]
    assert count_board_votes(attendees) == expected


def _board(votes, president=None):
    return [Attendee(name=f"M{i}", role_es="Vocal", vote=v, signs_as="president" if i == president else None)
            for i, v in enumerate(votes)]


@pytest.mark.parametrize(("votes", "president", "approved"), [
    (["for", "against"], 0, True),  # a tie: the president voted for
    (["for", "against"], 1, False),  # a tie: the president voted against
    (["for", "against", "abstain"], 2, False),  # a tie: the president abstained, so no majority
    (["for", "for", "against", "against"], None, False),  # a tie without a president present
])
def test_on_a_tie_the_presidents_vote_decides(votes, president, approved):
    assert count_board_votes(_board(votes, president))[3] is approved


@pytest.mark.parametrize(("members", "quorum", "present", "refused"), [
    (5, None, 3, None),  # absolute majority of five is three
    (5, None, 2, "presentes con voto, 2 de 5; se necesitan 3"),
    (7, None, 3, "presentes con voto, 3 de 7; se necesitan 4"),
    (7, 5, 4, "presentes con voto, 4 de 7; se necesitan 5"),  # a parish that set a quorum above the majority
    (7, 5, 5, None),
    (5, None, 6, "la junta tiene 5 miembros"),
])
def test_a_decision_needs_the_quorum_and_without_it_nothing_is_stored(tmp_path, members, quorum, present, refused):
    store = _store(tmp_path)
    set_board(store, BOARD, "010170", Board(members=members, quorum=quorum))
    before = live_count(store)
    draft = _draft(attendees=_board(["for"] * present, president=0))
    if refused is None:
        decision = record(store, BOARD, draft)
        assert (decision.quorum, decision.board_members, decision.approved) == (
            quorum or members // 2 + 1, members, True)
    else:
        with pytest.raises(ValueError, match=refused):
            record(store, BOARD, draft)
        assert live_count(store) == before and decisions(store, "010170") == []


def test_only_the_board_sets_its_size_and_the_quorum_fits_it(tmp_path):
    store = _store(tmp_path)
    with pytest.raises(PermissionDenied):
        set_board(store, PLANNER, "010170", Board(members=7))
    with pytest.raises(ValueError, match="no puede ser mayor"):
        Board(members=5, quorum=6)
    # never below the absolute majority (COOTAD art. 320): one member alone could otherwise decide
    with pytest.raises(ValueError, match=r"no puede ser menor que la mayoría absoluta de la junta \(3 de 5"):
        Board(members=5, quorum=1)
    with pytest.raises(ValueError, match="solo una persona firma como presidente"):
        _draft(attendees=_board(["for", "for", "for"], president=0)[:1] + [
            Attendee(name="Otra", role_es="Vocal", vote="for", signs_as="president"),
            Attendee(name="Más", role_es="Vocal", vote="for")])
    assert board(store, "010170") == Board()


@pytest.mark.parametrize(("votes", "president", "approved", "casting"), [
    (["for", "against"], 0, True, True),
    (["for", "against"], 1, False, True),
    (["for", "against", "abstain"], 2, False, False),  # the president abstained: no casting vote to name
    (["for", "for", "against", "against"], None, False, False),  # no president present
])
def test_the_acta_names_a_casting_vote_only_when_the_president_broke_the_tie(tmp_path, votes, president, approved,
                                                                              casting):
    store = _store(tmp_path)
    set_board(store, BOARD, "010170", Board(members=len(votes)))
    decision = record(store, BOARD, _draft(attendees=_board(votes, president)))
    assert (decision.approved, decision.casting_vote) == (approved, casting)


def test_attendees_repeated_with_other_spaces_or_case_are_refused():
    with pytest.raises(ValueError, match="asistentes repetidos"):
        _draft(attendees=[Attendee(name="Rosa  Quito", role_es="Vocal", vote="for"),
                          Attendee(name="rosa quito", role_es="Vocal", vote="for")])


def test_attendees_must_be_consistent():
    with pytest.raises(ValueError, match="falta el voto"):
        Attendee(name="A", role_es="Vocal")
    with pytest.raises(ValueError, match="sin voto"):
        Attendee(name="A", role_es="Técnico", votes=False, vote="for")
    with pytest.raises(ValueError, match="al menos un miembro"):
        _draft(attendees=[Attendee(name="A", role_es="Técnico", votes=False)])


def test_only_the_board_records_a_decision(tmp_path):
    store = _store(tmp_path)
    with pytest.raises(PermissionDenied):
        record(store, PLANNER, _draft())
    with pytest.raises(PermissionDenied):
        record(store, None, _draft())
    with pytest.raises(PermissionDenied):  # a copy that claims the board's role for a planner's account
        record(store, PLANNER.model_copy(update={"role": Role.BOARD}), _draft())
    assert live_count(store, "decision") == 0


@pytest.mark.usefixtures("today_after_the_demo")
def test_numbers_are_consecutive_per_parish_and_year_even_when_saved_at_once(tmp_path):
    store = _store(tmp_path)
    results = []
    threads = [threading.Thread(target=lambda: results.append(record(store, BOARD, _draft()))) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(d.number_es for d in results) == [f"2026-{n:03d}" for n in range(1, 7)]
    next_year = record(store, BOARD, _draft(date=dt.date(2027, 1, 5)))
    assert next_year.number_es == "2027-001"
    assert [d.decision_id for d in decisions(store, "010170")][0] == "010170-2027-001"
    assert store.verify().ok


def test_the_acta_pdf_reads_back_with_the_funded_list_and_the_votes(tmp_path):
    store = _store(tmp_path)
    decision = record(store, BOARD, _draft())
    head = store.head()
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(acta.pdf_bytes(decision, head))).pages)
    flat = " ".join(text.split())
    assert "ACTA DE DECISIÓN PRESUPUESTARIA N.º 2026-001" in flat
    assert "EL VALLE" in flat and "26/11/2026" in flat
    for funded in ("EV-P02", "Riego por goteo comunitario", "$ 18.500,00", "EV-P05", "$ 14.250,50", "$ 32.750,50"):
        assert funded in flat
    assert "APROBADO, con 2 votos a favor, 1 en contra y 1 abstención" in flat
    assert "Quórum: asisten 4 de los 5 miembros de la junta con voto; el quórum es de 3." in flat
    for name, vote in (("Rosa Quito", "A favor"), ("Marta Sinchi", "En contra"), ("Pedro Loja", "Abstención")):
        assert name in flat and vote in flat
    assert "Falta apoyo a jóvenes" in flat
    assert "Asiste sin voto" in flat
    assert "Tope de 40 % por asociación" in flat
    assert "Factibilidad" in flat and "40,0 %" in flat
    assert f"registro N.º {head.seq} {head.hash[:16]}" in flat
    assert constancia.parse(text, "acta.pdf").head == head  # the full signed head, read back from the page
    for word in ("Optimal", "nan", "None", "UTC"):
        assert not re.search(rf"\b{word}\b", flat), word
    assert "cálculo exacto" in flat and "hora de Ecuador continental" in flat
    assert "Presidente/a de la junta parroquial" in flat and "Secretario/a de la junta parroquial" in flat
    assert "Carmen Ávila" in flat.split("7. Firmas")[1]  # the secretary's name on her signature line
    assert "rompe la cadena" in flat and f"huella empieza por {head.hash[:16]}" in flat


def test_the_acta_shows_local_time():
    assert fmt.local_time("2026-12-02T03:30:00+00:00") == "01/12/2026 22:30"  # Ecuador continental is UTC−5


def test_the_acta_names_who_recorded_it_by_name_as_they_were_called_then(tmp_path):
    store = _store(tmp_path)
    decision = record(store, BOARD, _draft())
    assert (decision.recorded_by, decision.recorded_by_name) == ("presidenta", "Rosa Quito")
    flat = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(acta.pdf_bytes(decision))).pages)
                    .split())
    assert "Registrada en Minga por Rosa Quito (usuario «presidenta») el " in flat
    fields = dict(openpyxl.load_workbook(io.BytesIO(acta.xlsx_bytes(decision)))["Decisión"].iter_rows(
        min_row=2, values_only=True))
    assert fields["Registrada por"] == "Rosa Quito (usuario «presidenta»)"
    # a decision stored before names were kept still loads, and names the account
    older = decision.model_validate({k: v for k, v in decision.model_dump().items() if k != "recorded_by_name"})
    assert fmt.person(older.recorded_by_name, older.recorded_by) == "el usuario «presidenta»"


def test_the_acta_excel_holds_the_same_and_shows_formula_like_text_as_typed_never_run(tmp_path):
    typed = "=HYPERLINK(\"http://x\")"
    draft = _draft(justification_es=typed)
    decision = record(_store(tmp_path), BOARD, draft)
    book = openpyxl.load_workbook(io.BytesIO(acta.xlsx_bytes(decision)))
    assert book.sheetnames == ["Decisión", "Financiadas", "No financiadas", "Asistentes y votos", "Pesos y reglas"]
    funded = list(book["Financiadas"].iter_rows(values_only=True))
    assert funded[1][:4] == ("EV-P02", "Riego por goteo comunitario", "Asociación Flor de Mayo", 18500)
    fields = dict(book["Decisión"].iter_rows(min_row=2, values_only=True))
    assert fields["Resultado"] == "Aprobado"
    cell = next(row[1] for row in book["Decisión"].iter_rows(min_row=2) if row[0].value == "Justificación")
    assert (cell.value, cell.data_type, cell.quotePrefix) == (typed, "s", True)  # text, never a formula
    votes = {row[0]: row[2] for row in book["Asistentes y votos"].iter_rows(min_row=2, values_only=True)}
    assert votes["Marta Sinchi"] == "En contra"


P, V, M = Position.PRESIDENT, Position.VICE_PRESIDENT, Position.MEMBER


@pytest.mark.parametrize("accounts, expected", [
    ([("ana", "Ana Mora", Role.BOARD, True, M), ("luis", "Luis Paz", Role.BOARD, True, M)],
     [("Ana Mora", M), ("Luis Paz", M)]),
    # two accounts with one display name: each is named with its user name, so the roll is not refused
    ([("vocal-a", "Vocal", Role.BOARD, True, M), ("vocal-b", " vocal ", Role.BOARD, True, M)],
     [("Vocal (vocal-a)", M), ("vocal (vocal-b)", M)]),
    # planners, advisers and deactivated board accounts are not on the roll
    ([("ana", "Ana Mora", Role.BOARD, True, M), ("pla", "Pedro", Role.PLANNER, True, M),
      ("old", "Rosa", Role.BOARD, False, P)], [("Ana Mora", M)]),
    # each member with the seat the administrator set: the president first, then the vice-president, the vocales
    ([("luis", "Luis Paz", Role.BOARD, True, M), ("eva", "Eva Sarmiento", Role.BOARD, True, V),
      ("rosa", "Rosa Quito", Role.BOARD, True, P), ("ana", "Ana Mora", Role.BOARD, True, M)],
     [("Rosa Quito", P), ("Eva Sarmiento", V), ("Luis Paz", M), ("Ana Mora", M)]),
    ([], []),
])
def test_the_board_roll_lists_each_active_member_once_with_their_seat(accounts, expected):
    users = [User(username=u, display_name=d, role=r, active=a, position=p) for u, d, r, a, p in accounts]
    roll = board_roll(users)
    assert [(e.name, e.position) for e in roll] == expected
    assert len({e.name.strip().lower() for e in roll}) == len(roll)


@pytest.mark.parametrize("seats, proposed", [
    ([P, V, M], "A0"),  # the president, when the board has one
    ([M, V, M], "A1"),  # else the vice-president
    ([M, M], None),  # else nobody: the person recording chooses
    ([], None),
])
def test_the_form_proposes_the_president_to_preside(seats, proposed):
    users = [User(username=f"acc{i}", display_name=f"A{i}", role=Role.BOARD, position=seat)
             for i, seat in enumerate(seats)]
    assert proposed_presiding(board_roll(users)) == proposed


def _by_vocal(**changes):
    """The El Valle draft with the president absent: a vocal presides and signs (nobody else signs as president)."""
    attendees = [a.model_copy(update={"signs_as": None}) if a.signs_as == "president" else a
                 for a in _draft().attendees[1:]]
    return _draft(**{"attendees": attendees, **changes})


@pytest.mark.parametrize("presided_by, refused", [
    ("Luis Guamán", None),  # a vocal present presides
    ("  luis GUAMÁN ", None),  # the same person, written with other spaces or case
    ("Rosa Quito", "«Rosa Quito» no está entre los asistentes"),  # the president, absent
    ("Nadie Más", "«Nadie Más» no está entre los asistentes"),
    ("Ana Ortiz", "quien preside la junta es miembro con voto"),  # attends without a vote
    ("Carmen Ávila", "Carmen Ávila presidió la sesión: no firma también como secretario/a"),
    ("", "Elija quién presidió la sesión."),
])
def test_who_presided_is_one_of_the_attendees(presided_by, refused):
    if refused:
        with pytest.raises(ValueError, match=re.escape(refused)):
            with_presiding(_by_vocal(), presided_by)
        return
    draft = with_presiding(_by_vocal(), presided_by)
    assert draft.presided_by == "Luis Guamán"
    assert [a.name for a in draft.attendees if a.signs_as == "president"] == ["Luis Guamán"]


def test_another_row_signing_as_president_is_refused_when_someone_else_presided():
    with pytest.raises(ValueError, match="quite «Presidente/a» de la fila de Rosa Quito"):
        with_presiding(_draft(), "Luis Guamán")


def test_the_acta_says_who_presided_and_their_vote_breaks_a_tie(tmp_path):
    """The president is absent: Luis, a vocal, presides; on a tie his vote decides and he signs as who presided."""
    attendees = [a.model_copy(update={"vote": "for"}) if a.name == "Luis Guamán"
                 else a.model_copy(update={"vote": "against"}) if a.name == "Marta Sinchi" else a
                 for a in _by_vocal().attendees]  # Pedro abstains: 1 for, 1 against
    decision = record(_store(tmp_path), BOARD, with_presiding(_by_vocal(attendees=attendees), "Luis Guamán"))
    assert (decision.votes_for, decision.votes_against, decision.approved, decision.casting_vote) == (1, 1, True, True)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(acta.pdf_bytes(decision))).pages)
    flat = re.sub(r"\s+", " ", text)
    assert "Presidió la sesión Luis Guamán (Vocal)." in flat
    assert "Presidió la sesión (Vocal)" in flat and "Presidente/a de la junta parroquial" not in flat
    fields = dict(openpyxl.load_workbook(io.BytesIO(acta.xlsx_bytes(decision)))["Decisión"]
                  .iter_rows(min_row=2, values_only=True))
    assert fields["Presidió la sesión"] == "Luis Guamán (Vocal)"
    assert decisions(_store(tmp_path), "010170")[0].presided_by == "Luis Guamán"


def test_a_decision_recorded_before_presiding_was_asked_reads_and_prints_as_then(tmp_path):
    """A stored decision without `presided_by` dumps as stored (the acta's hash stays) and prints no new line."""
    decision = record(_store(tmp_path), BOARD, _draft())
    body = decision.model_dump(mode="json")
    assert "presided_by" not in body
    again = Decision(**body)
    assert again.model_dump(mode="json") == body
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(acta.pdf_bytes(again))).pages))
    assert "Presidió la sesión" not in text and "Presidente/a de la junta parroquial" in text


def test_a_quorum_stored_below_the_majority_gives_way_to_the_majority(tmp_path):
    store = _store(tmp_path)
    store.save("board", "010170", {"members": 7, "quorum": 3}, actor="antes")  # stored by an earlier version
    assert (board(store, "010170").members, board(store, "010170").required) == (7, 4)


@pytest.mark.parametrize(("solver_status", "says"), [
    ("Optimal", "(cálculo exacto: ninguna otra asignación dentro de las reglas logra un puntaje mayor)"),
    ("NoCandidates", "(ninguna propuesta llegó a la asignación: no había nada que elegir)"),
    ("no aplica", "(cálculo sin confirmar que sea el mejor posible)"),  # as recorded before: printed as then
    ("no aplica (sin solver)", "(cálculo sin confirmar que sea el mejor posible)"),
    ("ByRule", ("(cálculo por la regla del método, que se sigue paso a paso y no busca el mayor puntaje total "
                "posible)")),
])
def test_the_acta_says_how_the_allocation_was_computed(tmp_path, solver_status, says):
    decision = record(_store(tmp_path), BOARD, _draft(solver_status=solver_status, funded=[], total_cost_usd=0,
                                                      total_score=0))
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(acta.pdf_bytes(decision))).pages))
    assert says in text


def test_the_acta_names_each_association_left_without_a_project_and_why(tmp_path):
    store = _store(tmp_path)
    line = "Asociación Los Andes: ninguna de sus propuestas fue elegida"
    decision = record(store, BOARD, _draft(uncovered_es=[line]))
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(acta.pdf_bytes(decision))).pages))
    assert f"Asociaciones sin ningún proyecto financiado, y por qué: {line}." in text
    fields = {row[0].value: row[1].value for row in openpyxl.load_workbook(io.BytesIO(acta.xlsx_bytes(decision)))
              ["Decisión"].iter_rows(min_row=2)}
    assert fields["Asociaciones sin proyecto"] == line
    # a decision that leaves none out stores and prints nothing of it: those recorded before keep their hash
    plain = record(store, BOARD, _draft())
    assert "uncovered_es" not in plain.model_dump()
    assert "sin ningún proyecto" not in " ".join(p.extract_text() for p in
                                                 PdfReader(io.BytesIO(acta.pdf_bytes(plain))).pages)


def _whole(draft):
    """`draft` with every amount in whole dollars (its second project costs $ 14.250 instead of $ 14.250,50)."""
    return draft.model_copy(update={"funded": [draft.funded[0], draft.funded[1].model_copy(
        update={"amount_usd": 14250.0})], "total_cost_usd": 32750.0})


@pytest.mark.parametrize(("whole", "sentence", "column"), [
    # the resolution compares budget, reserve and cost: cents on all three only because the cost has cents
    (False, ("Presupuesto: $ 40.000,00; reserva: $ 2.000,00;", "Se asignan $ 32.750,50 a 2 proyectos"),
     ["$ 18.500,00", "$ 14.250,50", "$ 32.750,50"]),
    (True, ("Presupuesto: $ 40.000; reserva: $ 2.000;", "Se asignan $ 32.750 a 2 proyectos"),
     ["$ 18.500", "$ 14.250", "$ 32.750"]),
])
def test_the_acta_prints_its_amounts_by_one_rule_per_sentence_and_column(tmp_path, whole, sentence, column):
    draft = _whole(_draft()) if whole else _draft()
    decision = record(_store(tmp_path), BOARD, draft)
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(acta.pdf_bytes(decision))).pages))
    assert all(part in text for part in sentence), text[:1200]
    funded = text[text.index("Proyectos financiados"):text.index("Total") + 20]
    assert re.findall(r"\$ [\d.]+(?:,\d\d)?", funded) == column
