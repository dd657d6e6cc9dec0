"""From application to signature: the answer is recorded once, only an accepted application of a proposal the
junta approved becomes a numbered agreement signed by the board, and an application to a call keeps to its closing
date, its amount and the counterpart it asks for. What follows the signature (reports, flags, the closing
evaluation and the final report): test_cooperation_reports_and_closing.py, with this module's users, drafts and
store."""

import datetime as dt
import io
import re
import sqlite3

import pytest
from pypdf import PdfReader

from core.cooperation import agreements as agr
from core.cooperation import calls
from core.cooperation.agreement_pdf import pdf_bytes as agreement_pdf
from core.record.auth import PermissionDenied, Role, User
from core.record.store import Store
from tests.conftest import approve_proposal, store_accounts

pytestmark = pytest.mark.usefixtures("today_after_the_demo")  # the cycle runs through 2027 and 2028

PLANNER = User(username="tecnico", display_name="Técnica", role=Role.PLANNER)
BOARD = User(username="presidenta", display_name="Presidenta", role=Role.BOARD)
START, END = dt.date(2027, 1, 1), dt.date(2027, 12, 31)


@pytest.fixture()
def store(tmp_path, con):
    """The demo store with EV-P02 approved by the junta («Financiada»): the proposal the cycle signs for."""
    store = Store(tmp_path / "s.sqlite")
    approve_proposal(store, "EV-P02")
    return store


def _draft(**changes):
    base = dict(application_id="AP-1", signed_on=dt.date(2026, 12, 15), start_date=START, end_date=END,
                cooperant_usd=10_000, gad_usd=7_000, community_usd=2_500,
                obligations=[agr.Obligation(party="cooperant", text="Entregar 20 equipos de riego")],
                indicators=[agr.AnnexIndicator(name="Familias con riego", unit="familias", baseline=0, target=150,
                                               means_of_verification="Actas de entrega")])
    return agr.AgreementDraft(**{**base, **changes})


def _accepted(store):
    agr.submit(store, PLANNER, agr.Application(application_id="AP-1", parish_code="010170", proposal_id="EV-P02",
                                               cooperant_id="CO-ISRAEL-MASHAV", submitted_on=dt.date(2026, 10, 1)))
    return agr.record_answer(store, PLANNER, "AP-1", "accepted", dt.date(2026, 11, 20), "Sin cambios")


def test_the_answer_is_recorded_once_and_only_an_accepted_application_is_signed(store):
    agr.submit(store, PLANNER, agr.Application(application_id="AP-1", parish_code="010170", proposal_id="EV-P02",
                                               cooperant_id="CO-ISRAEL-MASHAV", submitted_on=dt.date(2026, 10, 1)))
    with pytest.raises(ValueError, match="no lo está"):
        agr.sign(store, BOARD, _draft())
    with pytest.raises(ValueError, match="anterior al envío"):
        agr.record_answer(store, PLANNER, "AP-1", "accepted", dt.date(2026, 9, 1))
    agr.record_answer(store, PLANNER, "AP-1", "reformulate", dt.date(2026, 11, 1), "Enfoque de género")
    with pytest.raises(ValueError, match="ya tiene la respuesta"):
        agr.record_answer(store, PLANNER, "AP-1", "accepted", dt.date(2026, 11, 2))
    with pytest.raises(ValueError, match="no lo está"):
        agr.sign(store, BOARD, _draft())


def test_an_accepted_application_becomes_a_numbered_agreement_signed_by_the_board(store):
    _accepted(store)
    with pytest.raises(PermissionDenied):
        agr.sign(store, PLANNER, _draft())
    signed = agr.sign(store, BOARD, _draft())
    assert signed.number_es == "CONV-2026-001" and signed.proposal_id == "EV-P02"
    assert signed.total_usd == 19_500 and signed.by_source()["community"] == 2_500
    with pytest.raises(ValueError, match="ya tiene su convenio"):
        agr.sign(store, BOARD, _draft())
    assert store.log(agr.AGREEMENT)[0].action == "firmar convenio"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(agreement_pdf(
        signed, parish_name="El Valle", cooperant_name="Embajada de Israel", project_title="Riego"))).pages)
    for expected in ("CONVENIO DE COOPERACIÓN CONV-2026-001", "Contraparte del GAD", "$ 7.000",
                     "Familias con riego", "Entregar 20 equipos de riego"):
        assert expected in text
    flat = " ".join(text.split())  # who recorded it, by name, at the parish's time (never the stored UTC text)
    assert re.search(r"Registrado en Minga por Presidenta \(usuario «presidenta»\) el \d\d/\d\d/\d{4} \d\d:\d\d "
                     r"\(hora de Ecuador continental\)", flat), flat[-300:]


@pytest.mark.parametrize("status, refused", [
    ("submitted", ("La propuesta «EV-P03» está «Presentada»: solo se firma el convenio de una propuesta que la "
                   "junta parroquial aprobó")),
    ("scored", "La propuesta «EV-P03» está «Calificada»"),
    ("funded", None),
    ("in_execution", None),
    ("closed", "La propuesta «EV-P03» está «Cerrada»"),
])
def test_an_agreement_is_signed_only_for_a_proposal_the_junta_approved(store, status, refused):
    """COPFP Art. 69 and the thesis's ordinance Art. 13 (brief R11): the GAD's highest authority approves a
    cooperation project; a proposal only presented had an agreement signed, and Seguimiento then showed nothing."""
    if status != "submitted":
        approve_proposal(store, "EV-P03", status=status)
    agr.submit(store, PLANNER, agr.Application(application_id="AP-3", parish_code="010170", proposal_id="EV-P03",
                                               cooperant_id="CO-ISRAEL-MASHAV", submitted_on=dt.date(2026, 10, 1)))
    agr.record_answer(store, PLANNER, "AP-3", "accepted", dt.date(2026, 11, 20))
    if refused is None:
        assert agr.sign(store, BOARD, _draft(application_id="AP-3")).proposal_id == "EV-P03"
    else:
        with pytest.raises(ValueError, match=re.escape(refused)):
            agr.sign(store, BOARD, _draft(application_id="AP-3"))
        assert agr.agreements(store, "010170") == []


def test_agreement_dates_and_amounts_are_checked_in_spanish():
    with pytest.raises(ValueError, match="antes de empezar"):
        _draft(end_date=START)
    with pytest.raises(ValueError, match="no tiene montos"):
        _draft(cooperant_usd=0, gad_usd=0, community_usd=0)


@pytest.mark.parametrize(("changes", "message"), [
    ({"proposal_id": "EV-P99"}, "La propuesta EV-P99 no existe en la parroquia"),
    ({"parish_code": "010152"}, "La propuesta EV-P02 no existe en la parroquia"),
    ({"call_id": "CONV-NO-EXISTE"}, "La convocatoria CONV-NO-EXISTE no existe o es de otro cooperante"),
])
def test_an_application_names_a_proposal_of_its_parish_and_a_call_of_its_cooperant(store, changes, message):
    base = dict(application_id="AP-9", parish_code="010170", proposal_id="EV-P02", cooperant_id="CO-ISRAEL-MASHAV",
                submitted_on=dt.date(2026, 10, 1))
    with pytest.raises(ValueError, match=message):
        agr.submit(store, PLANNER, agr.Application(**{**base, **changes}))
    assert store.get(agr.APPLICATION, "AP-9") is None


def test_an_application_code_in_use_is_said_to_be_in_use(store):
    _accepted(store)
    with pytest.raises(ValueError, match="El código «AP-1» ya está en uso"):
        agr.submit(store, PLANNER, agr.Application(application_id="AP-1", parish_code="010170", proposal_id="EV-P03",
                                                   cooperant_id="CO-ISRAEL-MASHAV", submitted_on=dt.date(2026, 10, 2)))
    assert store.get(agr.APPLICATION, "AP-1").body["proposal_id"] == "EV-P02"


def test_an_answer_from_the_future_or_a_signature_before_the_answer_is_refused(store, today_after_the_demo):
    agr.submit(store, PLANNER, agr.Application(application_id="AP-1", parish_code="010170", proposal_id="EV-P02",
                                               cooperant_id="CO-ISRAEL-MASHAV", submitted_on=dt.date(2026, 10, 1)))
    with pytest.raises(ValueError, match="posterior a hoy"):
        agr.record_answer(store, PLANNER, "AP-1", "accepted", today_after_the_demo + dt.timedelta(days=1))
    agr.record_answer(store, PLANNER, "AP-1", "accepted", dt.date(2026, 11, 20))
    with pytest.raises(ValueError, match="antes de la respuesta del cooperante"):
        agr.sign(store, BOARD, _draft().model_copy(update={"signed_on": dt.date(2026, 11, 1)}))


@pytest.mark.parametrize(("start", "refused"), [
    (dt.date(2026, 12, 14), True),  # a day before the signature: its first report could predate it
    (dt.date(2026, 12, 15), False),  # the day it is signed
    (dt.date(2026, 12, 16), False),
])
def test_an_agreement_does_not_start_before_it_is_signed(store, start, refused):
    _accepted(store)
    draft = _draft(start_date=start)  # signed on 15/12/2026
    if refused:
        with pytest.raises(ValueError, match=r"^Inicio: el convenio empieza el 14/12/2026, antes de su firma "
                                             r"\(15/12/2026\)"):
            agr.sign(store, BOARD, draft)
        assert agr.agreements(store, "010170") == []
    else:
        assert agr.sign(store, BOARD, draft).start_date == start


def test_an_agreement_under_a_call_puts_in_the_counterpart_the_call_asks_for(store):
    """Japan's 2027 call (open in April 2027) asks the parish for 40 %: an agreement with everything from the
    cooperant was signed."""
    agr.submit(store, PLANNER, agr.Application(application_id="AP-J", parish_code="010170", proposal_id="EV-P02",
                                               cooperant_id="CO-JAPON", call_id="CV-JAPON-2027",
                                               submitted_on=dt.date(2027, 4, 10)))
    agr.record_answer(store, PLANNER, "AP-J", "accepted", dt.date(2027, 4, 20))
    draft = _draft().model_copy(update={"application_id": "AP-J", "cooperant_usd": 24_000.0, "gad_usd": 0.0,
                                        "community_usd": 0.0, "signed_on": dt.date(2027, 4, 25),
                                        "start_date": dt.date(2027, 5, 1), "end_date": dt.date(2028, 4, 30)})
    with pytest.raises(ValueError, match="exige una contraparte local del 40 %"):
        agr.sign(store, BOARD, draft)
    signed = agr.sign(store, BOARD, draft.model_copy(update={"cooperant_usd": 14_400.0, "gad_usd": 9_600.0}))
    assert signed.total_usd == 24_000


@pytest.mark.parametrize("planted", ["010170-CONV-2026-copia", "010170-CONV-2026-", "010170-CONV-2026-００２"])
def test_an_agreement_row_planted_with_a_number_of_another_shape_does_not_stop_the_numbering(store, planted):
    """A row copied into the store file by hand under a code whose number is not digits: the next agreement is
    numbered after the true ones (it was refused with «invalid literal for int()», in English)."""
    _accepted(store)
    con = sqlite3.connect(store.path)
    con.execute("INSERT INTO records (kind, record_id, parish_code, body, version, deleted, updated_at, updated_by) "
                "VALUES (?, ?, '010170', '{}', 1, 0, '2026-12-01T00:00:00', 'alguien')", (agr.AGREEMENT, planted))
    con.commit()
    con.close()
    assert agr.sign(store, BOARD, _draft()).number_es == "CONV-2026-001"


def _call(store, **changes):
    """A call of the Japanese embassy, open in the second half of 2026, up to USD 15.000 and 20 % counterpart."""
    call = calls.Call(**{"call_id": "CV-PRUEBA", "cooperant_id": "CO-JAPON", "title": "Convocatoria de prueba",
                         "call_type": "open_call", "open_date": dt.date(2026, 6, 1), "close_date": dt.date(2026, 8, 31),
                         "counterpart_required_pct": 20, "max_amount_usd": 15_000, "source": "Sitio del cooperante",
                         **changes})
    calls.save_call(store, PLANNER, call, new=True)
    return call


@pytest.mark.parametrize("submitted_on, refused", [
    (dt.date(2026, 5, 31), ("La convocatoria CV-PRUEBA abre el 01/06/2026 y la postulación tiene fecha de envío "
                            "31/05/2026")),  # the day before it opens
    (dt.date(2026, 6, 1), None),  # the opening day itself
    (dt.date(2026, 8, 31), None),  # the closing day itself
    (dt.date(2026, 9, 1), ("La convocatoria CV-PRUEBA cerró el 31/08/2026 y la postulación tiene fecha de envío "
                           "01/09/2026")),
])
def test_an_application_to_a_call_is_sent_between_its_opening_and_closing_dates(store, submitted_on, refused):
    store_accounts(store, PLANNER)
    _call(store)
    application = agr.Application(application_id="AP-C", parish_code="010170", proposal_id="EV-P02",
                                  cooperant_id="CO-JAPON", call_id="CV-PRUEBA", submitted_on=submitted_on)
    if refused is None:
        assert agr.submit(store, PLANNER, application).call_id == "CV-PRUEBA"
    else:
        with pytest.raises(ValueError, match=re.escape(refused)):
            agr.submit(store, PLANNER, application)
        assert agr.applications(store, "010170") == []


@pytest.mark.parametrize("cooperant_usd, refused", [
    (15_000.0, None),
    (150_000.0, "La convocatoria CV-PRUEBA financia hasta $ 15.000 y el convenio pone $ 150.000 del cooperante"),
])
def test_an_agreement_under_a_call_stays_within_the_amount_the_call_funds(store, cooperant_usd, refused):
    store_accounts(store, PLANNER, BOARD)
    _call(store)
    agr.submit(store, PLANNER, agr.Application(application_id="AP-C", parish_code="010170", proposal_id="EV-P02",
                                               cooperant_id="CO-JAPON", call_id="CV-PRUEBA",
                                               submitted_on=dt.date(2026, 8, 1)))
    agr.record_answer(store, PLANNER, "AP-C", "accepted", dt.date(2026, 9, 15))
    draft = _draft(application_id="AP-C", cooperant_usd=cooperant_usd, gad_usd=cooperant_usd / 3, community_usd=0)
    if refused is None:
        assert agr.sign(store, BOARD, draft).cooperant_usd == cooperant_usd
    else:
        with pytest.raises(ValueError, match=re.escape(refused)):
            agr.sign(store, BOARD, draft)
        assert agr.agreements(store, "010170") == []


def test_the_agreements_shares_by_source_add_up_to_its_total(store):
    """Three equal parts read 33,3 % each above «Total 100,0 %»: a figure that did not add up in a signed document."""
    _accepted(store)
    signed = agr.sign(store, BOARD, _draft(cooperant_usd=10_000, gad_usd=10_000, community_usd=10_000))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(agreement_pdf(
        signed, parish_name="Chinca", cooperant_name="Fundación Ñandú", project_title="Agua segura"))).pages)
    shares = re.findall(r"\$ 10\.000 (\d+,\d) %", text)
    assert len(shares) == 3 and sum(float(s.replace(",", ".")) for s in shares) == pytest.approx(100)
    assert "$ 30.000 100,0 %" in text


@pytest.mark.parametrize("second", ["Familias con riego", "FAMILIAS  con riego"])
def test_an_annex_naming_an_indicator_twice_is_refused(store, second):
    """An annex with «Familias con riego» twice was signed: a report gives one value per indicator name, so the
    second target was never reported on, and the report form showed one box for both."""
    _accepted(store)
    first = agr.AnnexIndicator(name="Familias con riego", unit="familias", baseline=0, target=150,
                               means_of_verification="Actas de entrega")
    with pytest.raises(ValueError, match=re.escape(
            f"El anexo de indicadores nombra dos veces el mismo indicador: «Familias con riego» y «{second}»")):
        agr.sign(store, BOARD, _draft(indicators=[first, first.model_copy(update={"name": second, "target": 40})]))
    assert agr.agreements(store, "010170") == []
