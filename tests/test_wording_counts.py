"""Counts read right for 0, 1 and many: «la junta tiene 1 miembro», never «1 miembros» (core.texts.t_count)."""

import io

import openpyxl
import pytest
from pypdf import PdfReader

from core.record import acta
from core.record.decisions import Attendee, Board, record, set_board
from tests.test_decisions_acta import BOARD, _draft, _store


def _voters(n: int) -> list[Attendee]:
    return [Attendee(name=f"Miembro {i}", role_es="Vocal", vote="for", signs_as="president" if i == 0 else None)
            for i in range(n)]


def _acta_text(decision) -> str:
    pages = PdfReader(io.BytesIO(acta.pdf_bytes(decision))).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


@pytest.mark.parametrize(("members", "quorum_line", "quorum_field"), [
    (1, "Quórum: asiste el único miembro de la junta con voto; el quórum es de 1.", "1 de 1 miembro con voto"),
    (2, "Quórum: asisten 2 de los 2 miembros de la junta con voto; el quórum es de 2.", "2 de 2 miembros con voto"),
    (5, "Quórum: asisten 3 de los 5 miembros de la junta con voto; el quórum es de 3.", "3 de 5 miembros con voto"),
])
def test_the_acta_states_the_quorum_of_a_board_of_any_size(tmp_path, members, quorum_line, quorum_field):
    store = _store(tmp_path)
    set_board(store, BOARD, "010170", Board(members=members))
    decision = record(store, BOARD, _draft(attendees=_voters(min(members, 3))))
    assert quorum_line in _acta_text(decision)
    fields = dict(openpyxl.load_workbook(io.BytesIO(acta.xlsx_bytes(decision)))["Decisión"].iter_rows(
        min_row=2, values_only=True))
    assert fields["Quórum"] == quorum_field


@pytest.mark.parametrize(("members", "present", "refused"), [
    (1, 2, "Hay 2 asistentes con voto y la junta tiene 1 miembro: marque «Vota» solo para el miembro de la junta."),
    (2, 3, ("Hay 3 asistentes con voto y la junta tiene 2 miembros: marque «Vota» solo para los miembros de la "
            "junta.")),
])
def test_more_voters_than_the_board_has_is_refused_in_the_right_number(tmp_path, members, present, refused):
    store = _store(tmp_path)
    set_board(store, BOARD, "010170", Board(members=members))
    with pytest.raises(ValueError) as refusal:
        record(store, BOARD, _draft(attendees=_voters(present)))
    assert str(refusal.value) == refused


@pytest.mark.parametrize(("members", "starts"), [
    (1, "La junta tiene 1 miembro; decide cuando está presente, con más votos a favor que en contra."),
    (2, "La junta tiene 2 miembros; para decidir deben estar presentes al menos 2 con voto."),
    (5, "La junta tiene 5 miembros; para decidir deben estar presentes al menos 3 con voto."),
])
def test_the_board_caption_names_its_size_in_the_right_number(members, starts):
    assert Board(members=members).caption_es.startswith(starts)


def test_a_board_of_no_members_is_refused():
    with pytest.raises(ValueError):
        Board(members=0)
