"""A decision's typed texts: an acta is never edited, so an attendee's blank name or role, or a name, role, remark or
justification holding a character that cannot be seen (a right-to-left override, a control character), is refused in
Spanish naming the row and column, and nothing is stored."""

import pytest

from core.record.decision_models import Attendee
from core.record.decisions import record
from tests.conftest import live_count
from tests.decision_draft import BOARD, _draft, _store

pytestmark = pytest.mark.usefixtures("hand_made_drafts")  # hand-made drafts (tests/decision_draft.py)


def _second(**attendee):
    """The El Valle draft with its second attendee (a vocal who votes for) replaced."""
    attendees = _draft().attendees
    return _draft(attendees=[attendees[0], Attendee(**{"role_es": "Vocal", "vote": "for", **attendee}),
                             *attendees[2:]])


@pytest.mark.parametrize(("draft", "refused"), [
    (lambda: _second(name="Luis \u202eztiuQ"),
     "Asistentes, fila 2, columna «Nombre»: tiene un carácter que no se ve (U+202E) en la posición 6"),
    (lambda: _second(name="   "), "Asistentes, fila 2, columna «Nombre»: no puede estar vacío"),
    (lambda: _second(name="Luis", role_es=" "), "Asistentes, fila 2, columna «Función»: no puede estar vacío"),
    (lambda: _second(name="Luis\nGuamán"),
     "Asistentes, fila 2, columna «Nombre»: tiene un salto de línea en la posición 5"),
    (lambda: _second(name="Luis", vote="against", remark="No\x00 estoy de acuerdo"),
     "Asistentes, fila 2, columna «Observación»: tiene un carácter que no se ve (U+0000) en la posición 3"),
    (lambda: _draft(justification_es="Se prioriza\u200b el alcance"),
     "Por qué (se copia al acta): tiene un carácter que no se ve (U+200B) en la posición 12"),
])
def test_a_decision_text_that_cannot_be_seen_or_is_blank_is_refused_and_nothing_is_stored(tmp_path, draft, refused):
    store = _store(tmp_path)
    with pytest.raises(ValueError) as raised:
        record(store, BOARD, draft())
    assert str(raised.value).startswith(refused)
    assert live_count(store, "decision") == 0
    assert store.verify().ok


@pytest.mark.parametrize("draft", [
    lambda: _second(name="Luis Guamán", vote="against", remark="Falta apoyo a jóvenes.\nY a las mujeres."),
    lambda: _draft(justification_es="Se prioriza el alcance colectivo.\n\tVer anexo 1 🌱."),
])
def test_line_breaks_in_a_remark_or_the_justification_and_emoji_are_kept(tmp_path, draft):
    store = _store(tmp_path)
    stored = record(store, BOARD, draft())
    assert (stored.attendees[1].remark, stored.justification_es) == (draft().attendees[1].remark,
                                                                     draft().justification_es)
