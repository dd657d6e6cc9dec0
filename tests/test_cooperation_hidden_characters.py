"""What people type into the cooperation records holds no character that cannot be seen (core.user_text): a control
character, a right-to-left override or a zero-width space is refused with a Spanish message naming the field and
the place in the text, before anything is stored; accents, «ñ», emoji and the line breaks of a text of several lines
are kept; a record stored before the rule still reads."""

# The tests take the fixture `store` imported below, from the module that defines it.
# ruff: noqa: F811

import datetime as dt

import pytest
from pydantic import BaseModel, ValidationError

from core.cooperation import agreements as agr
from core.cooperation import calls, closing, cooperants, monitoring, reviews
from core.cooperation.registry_import import preview_registry
from core.proposals import records
from core.proposals.offers import CooperationOffer
from core.record import overlay
from core.user_text import ENTERED, Line, Lines
from tests.parish_export import xlsx_bytes
from tests.test_cooperation_cycle import BOARD, END, PLANNER, START, _accepted, _draft, store  # noqa: F401
from tests.test_cooperation_reports_and_closing import _evaluation
from ui.session import reason

pytestmark = pytest.mark.usefixtures("today_after_the_demo")  # the cycle runs through 2027 and 2028


class _Typed(BaseModel):
    line: Line = ""
    lines: Lines = ""


@pytest.mark.parametrize("field, text", [
    ("line", "Asociación de Mujeres Ñuñurco «La Esperanza»"),
    ("line", "Riego 💧 y José\u0301"),  # an emoji, an accent typed as a letter and a combining sign
    ("line", "Familia 👨\u200d👩\u200d👧 🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"),  # joiner, tags
    ("lines", "Primera línea\nSegunda línea\tcon tabulación"),
    ("lines", "Escrito en Windows\r\notra línea"),
])
def test_visible_text_and_the_line_breaks_of_a_long_text_are_kept_as_typed(field, text):
    assert getattr(_Typed.model_validate({field: text}, context={ENTERED: True}), field) == text


@pytest.mark.parametrize("field, text, message", [
    ("line", "Ana\x00", "tiene un carácter que no se ve (U+0000) en la posición 4"),
    ("line", "\x1b[31mRojo", "tiene un carácter que no se ve (U+001B) en la posición 1"),
    ("line", "Ana \u202eztiuQ", "tiene un carácter que no se ve (U+202E) en la posición 5"),
    ("line", "Embajada\u200bdel Japón", "tiene un carácter que no se ve (U+200B) en la posición 9"),
    ("line", "\ufeffGIZ", "tiene un carácter que no se ve (U+FEFF) en la posición 1"),
    ("line", "Cooperante\x85", "tiene un carácter que no se ve (U+0085) en la posición 11"),  # a C1 control
    ("line", "medio\ud800", "tiene un carácter que no se ve (U+D800) en la posición 6"),  # half a character
    ("line", "Dos\nlíneas", "tiene un salto de línea en la posición 4: escríbalo en una sola línea"),
    ("line", "a\tb", "tiene una tabulación en la posición 2: cámbiela por un espacio"),
    ("lines", "Bien\nmal\x07", "tiene un carácter que no se ve (U+0007) en la posición 9"),
    ("lines", "al revés \u202e", "tiene un carácter que no se ve (U+202E) en la posición 10"),
])
def test_a_character_that_cannot_be_seen_is_refused_naming_where_it_is(field, text, message):
    with pytest.raises(ValidationError) as refused:
        _Typed.model_validate({field: text}, context={ENTERED: True})
    [error] = refused.value.errors()
    assert error["loc"] == (field,) and message in str(error["ctx"]["error"])
    assert getattr(_Typed.model_validate({field: text}), field) == text  # stored before the rule: still read


def _offer(store, title):
    stored = CooperationOffer.model_validate(overlay.current(store, records.OFFER, "OF-JAPON-RIEGO").body)
    return records.save_offer(store, PLANNER, stored.model_copy(update={"title": title}))


def _cooperant(store, name):
    return cooperants.save_cooperant(store, PLANNER, cooperants.Cooperant(
        cooperant_id="CO-NUEVO", name=name, kind="ngo", sources=["Tesis §2.4"]), new=True)


def _call(store, title):
    return calls.save_call(store, PLANNER, calls.Call(
        call_id="CV-NUEVA", cooperant_id="CO-JAPON", title=title, call_type="open_call", open_date=START,
        close_date=END, source="Tesis"), new=True)


def _obligation(store, text):
    _accepted(store)
    return agr.sign(store, BOARD, _draft(obligations=[agr.Obligation(party="gad", text=text)]))


def _indicator(store, name):
    _accepted(store)
    return agr.sign(store, BOARD, _draft(indicators=[agr.AnnexIndicator(
        name=name, unit="familias", baseline=0, target=150, means_of_verification="Actas")]))


def _signed(store):
    _accepted(store)
    return agr.sign(store, BOARD, _draft())


def _problems(store, text):
    agreement = _signed(store)
    return monitoring.save_report(store, PLANNER, monitoring.Report(
        report_id="R1", agreement_id=agreement.agreement_id, period_end=dt.date(2027, 3, 31),
        physical_progress_pct=20, problems=text))


def _evaluator(store, name):
    _signed(store)
    return closing.save_evaluation(store, PLANNER, _evaluation(evaluator_name=name))


def _findings(store, text):
    agreement = _signed(store)
    return reviews.save_midterm(store, PLANNER, reviews.MidtermEvaluation(
        agreement_id=agreement.agreement_id, evaluated_on=dt.date(2027, 6, 30), evaluator="Consultora",
        findings=text, recommendation="continue"))


KINDS = {_offer: records.OFFER, _cooperant: cooperants.KIND, _call: calls.KIND, _obligation: agr.AGREEMENT,
         _indicator: agr.AGREEMENT, _problems: monitoring.REPORT, _evaluator: closing.EVALUATION,
         _findings: reviews.MIDTERM}


@pytest.mark.parametrize("write, field", [
    (_offer, "Título"), (_cooperant, "Nombre"), (_call, "Título"), (_obligation, "Obligaciones — Texto (línea 1)"),
    (_indicator, "Indicadores — Nombre (línea 1)"), (_problems, "Problemas"), (_evaluator, "Evaluador"),
    (_findings, "Hallazgos"),
], ids=lambda v: getattr(v, "__name__", v))
@pytest.mark.parametrize("hidden, code", [("\x00", "U+0000"), ("\x1b", "U+001B"), ("\u202e", "U+202E")])
def test_core_refuses_hidden_characters_in_every_cooperation_text_and_stores_nothing(store, write, field,
                                                                                     hidden, code):
    with pytest.raises(ValueError) as refused:
        write(store, f"Texto{hidden} visible")
    assert reason(refused.value) == (f"{field}: tiene un carácter que no se ve ({code}) en la posición 6: bórrelo "
                                     "(suele llegar al copiar y pegar de otro programa) y escriba el texto otra vez")
    assert [r for r in store.records(KINDS[write], include_deleted=True) if hidden in str(r.body)] == []


def test_a_long_text_keeps_its_line_breaks_accents_and_emoji(store):
    text = "Lluvias en la cabecera: el reservorio se llenó 💧\nSe retomó la obra con la señora Ñaupari"
    _problems(store, text)
    [report] = monitoring.reports(store, "010170-CONV-2026-001")
    assert report.problems == text


def test_a_registry_file_with_a_hidden_character_names_its_row_and_column(store):
    data = xlsx_bytes([["Código", "Nombre", "Tipo", "Fuentes"],
                       ["CO-A", "Fundación\u202e Uno", "ONG", "Tesis"], ["CO-B", "Dos", "ONG", "Tesis"]])
    preview = preview_registry(data, "registro.xlsx", {})
    assert [(p.row, p.column, p.message) for p in preview.problems] == [
        (2, "Nombre", ("tiene un carácter que no se ve (U+202E) en la posición 10: bórrelo (suele llegar al "
                       "copiar y pegar de otro programa) y escriba el texto otra vez"))]
