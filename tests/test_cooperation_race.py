"""A cooperation write that checks other records (an agreement's reports and closing evaluations, the registry of
cooperants) is kept only if what its checks read is still as read when the write lock is taken: another request
that commits in between (a second report of the agreement, its closing evaluation, a cooperant of the same name)
refuses it with a Spanish reason, nothing of it is stored or logged, and trying again meets the check it would have
failed. The interleaving: the check runs, then another store on the same file commits, then the write."""

# The tests take the fixture `store` imported below, from the module that defines it.
# ruff: noqa: F811

import datetime as dt
import re

import pytest

from core.cooperation import agreements as agr
from core.cooperation import calls, closing, monitoring, offer_links, reviews
from core.cooperation import cooperants as coop
from core.proposals import records
from core.proposals.offers import CooperationOffer
from core.record import overlay
from core.record.store import ChangedMeanwhileError, Store
from core.texts import t
from tests.test_cooperation_cycle import BOARD, PLANNER, _accepted, _draft, store  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("today_after_the_demo")  # the cycle runs through 2027 and 2028

NUMBER, AGREEMENT_ID = "CONV-2026-001", "010170-CONV-2026-001"
EARLY = "El cooperante retiró los fondos del proyecto"


def _report(report_id, period_end, progress, problems=None):
    return monitoring.Report(report_id=report_id, agreement_id=AGREEMENT_ID,
                             period_end=period_end, physical_progress_pct=progress, problems=problems)


def _closing(evaluated_on, early_reason=None):
    scores = [closing.CriterionScore(criterion=c, score=3, evidence=f"Evidencia de {c}") for c in closing.CRITERIA]
    return closing.ClosingEvaluation(agreement_id=AGREEMENT_ID, evaluator="planner", evaluator_name="Técnica",
                                     evaluated_on=evaluated_on, scores=scores, early_reason=early_reason)


@pytest.fixture()
def signed(store):
    """The cycle's store with EV-P02's agreement signed: all of 2027."""
    _accepted(store)
    assert agr.sign(store, BOARD, _draft()).agreement_id == AGREEMENT_ID
    return store


def _head_after(store, monkeypatch, module, name, action):
    """`module.name` (a check) runs as before, then, the first time, `action(other)` commits from another store on
    the same file, before the caller writes. Returns a list that then holds the log's head as `action` left it."""
    real, after = getattr(module, name), []

    def checked(*args, **kwargs):
        found = real(*args, **kwargs)
        if not after:
            after.append(None)  # `action` may run the same check: it commits in one go
            other = Store(store.path)
            action(other)
            after[0] = other.head()
        return found

    monkeypatch.setattr(module, name, checked)
    return after


_REPORT_CHANGED = (f"^Otra persona guardó un informe o una evaluación de cierre de un convenio mientras se "
                   f"guardaba este informe del convenio {NUMBER}: no se guardó")


@pytest.mark.parametrize(("check", "meanwhile", "ours", "stored", "then"), [
    # a report of an earlier period says 40 %: ours (30 % later, unexplained) would read as a setback
    ("require_progress_explained",
     lambda s: monitoring.save_report(s, PLANNER, _report("R1", dt.date(2027, 3, 31), 40)),
     _report("R2", dt.date(2027, 6, 30), 30), ({"R1"}, set()), "no sigue al del informe R1"),
    # the agreement is closed on 30/06/2027: a report of a period ending after is not taken
    ("require_open",
     lambda s: closing.save_evaluation(s, PLANNER, _closing(dt.date(2027, 6, 30), EARLY)),
     _report("R1", dt.date(2027, 9, 30), 50), (set(), {f"{AGREEMENT_ID}-planner"}),
     "se cerró con su evaluación de cierre del 30/06/2027"),
], ids=["otro-informe", "evaluacion-de-cierre"])
def test_a_report_is_refused_when_the_agreements_reports_or_closing_change_meanwhile(
        signed, monkeypatch, check, meanwhile, ours, stored, then):
    heads = _head_after(signed, monkeypatch, monitoring, check, meanwhile)
    with pytest.raises(ChangedMeanwhileError, match=_REPORT_CHANGED):
        monitoring.save_report(signed, PLANNER, ours)
    assert signed.head() == heads[0]  # nothing of ours written nor logged: only what landed meanwhile
    assert tuple({r.record_id for r in signed.records(kind)} for kind in (monitoring.REPORT, closing.EVALUATION)) \
        == stored
    with pytest.raises(ValueError, match=re.escape(then)):  # tried again: the check it now fails
        monitoring.save_report(signed, PLANNER, ours)


def test_a_report_is_refused_when_its_agreement_is_deleted_meanwhile(signed, monkeypatch):
    heads = _head_after(signed, monkeypatch, monitoring, "require_open",
                        lambda s: s.delete(agr.AGREEMENT, AGREEMENT_ID, actor="otra"))
    with pytest.raises(ChangedMeanwhileError, match=_REPORT_CHANGED):
        monitoring.save_report(signed, PLANNER, _report("R1", dt.date(2027, 3, 31), 20))
    assert signed.records(monitoring.REPORT) == [] and signed.head() == heads[0]


def test_a_closing_evaluation_is_refused_when_a_report_lands_meanwhile(signed, monkeypatch):
    """Closed early with its reason while no report said 100 %; a report of 31/05/2027 at 100 % lands in between:
    the final report would print a reason for closing early over a work done."""
    heads = _head_after(signed, monkeypatch, closing, "require_closable",
                        lambda s: monitoring.save_report(s, PLANNER, _report("R1", dt.date(2027, 5, 31), 100)))
    with pytest.raises(ChangedMeanwhileError, match=f"^Otra persona guardó un informe, un convenio o una "
                                                    f"evaluación de cierre mientras se guardaba esta evaluación de "
                                                    f"cierre del convenio {NUMBER}"):
        closing.save_evaluation(signed, PLANNER, _closing(dt.date(2027, 6, 30), EARLY))
    assert closing.evaluations(signed, AGREEMENT_ID) == [] and signed.head() == heads[0]
    assert [r.report_id for r in monitoring.reports(signed, AGREEMENT_ID)] == ["R1"]
    with pytest.raises(ValueError, match="este cierre no es anticipado"):
        closing.save_evaluation(signed, PLANNER, _closing(dt.date(2027, 6, 30), EARLY))


def test_a_midterm_evaluation_is_refused_when_the_agreement_is_closed_meanwhile(signed, monkeypatch):
    heads = _head_after(signed, monkeypatch, reviews, "closed_on",
                        lambda s: closing.save_evaluation(s, PLANNER, _closing(dt.date(2027, 6, 30), EARLY)))
    midterm = reviews.MidtermEvaluation(agreement_id=AGREEMENT_ID, evaluated_on=dt.date(2027, 8, 1),
                                        evaluator="Universidad de Cuenca", findings="Obra a la mitad",
                                        recommendation="continue")
    with pytest.raises(ChangedMeanwhileError, match=f"^Otra persona guardó una evaluación de cierre de un convenio "
                                                    f"mientras se guardaba esta evaluación intermedia del convenio "
                                                    f"{NUMBER}"):
        reviews.save_midterm(signed, PLANNER, midterm)
    assert reviews.midterm(signed, AGREEMENT_ID) is None and signed.head() == heads[0]
    with pytest.raises(ValueError, match="se cerró con su evaluación de cierre del 30/06/2027"):
        reviews.save_midterm(signed, PLANNER, midterm)


# -- the registry of cooperants and its calls ----------------------------------------------------------------------

_GIZ = coop.Cooperant(cooperant_id="CO-GIZ", name="GIZ", kind="bilateral", country="Alemania",
                      sources=["Tesis de Azogues §2.4"])
_TWIN = _GIZ.model_copy(update={"cooperant_id": "CO-GIZ-2", "name": "giz"})
_REGISTRY_CHANGED = "^Otra persona guardó cooperantes mientras se guardaba lo suyo: no se guardó"


@pytest.mark.parametrize("write", [
    lambda s: coop.save_cooperant(s, PLANNER, _GIZ, new=True),
    lambda s: coop.import_cooperants(s, PLANNER, [_GIZ]),
], ids=["uno", "importacion"])
def test_two_cooperants_of_one_name_saved_at_once_are_not_both_registered(store, monkeypatch, write):
    heads = _head_after(store, monkeypatch, coop, "require_no_twin",
                        lambda s: coop.save_cooperant(s, PLANNER, _TWIN, new=True))
    with pytest.raises(ChangedMeanwhileError, match=_REGISTRY_CHANGED):
        write(store)
    assert [c.cooperant_id for c in coop.cooperants(store) if coop.plain_name(c.name) == "giz"] == ["CO-GIZ-2"]
    assert store.head() == heads[0]
    with pytest.raises(ValueError, match="ya está registrado con el código CO-GIZ-2"):
        write(store)


def test_a_call_is_refused_when_its_cooperant_is_deleted_meanwhile(store, monkeypatch):
    real, heads = overlay.current, []

    def current(read_store, kind, record_id, *args, **kwargs):
        found = real(read_store, kind, record_id, *args, **kwargs)
        if (kind, record_id) == (coop.KIND, "CO-JAPON") and not heads:
            heads.append(None)
            other = Store(store.path)
            other.apply([overlay.delete(kind, real(other, kind, record_id), "eliminar")], actor="otra")
            heads[0] = other.head()
        return found

    monkeypatch.setattr(overlay, "current", current)
    call = calls.Call(call_id="CV-NUEVA", cooperant_id="CO-JAPON", title="Convocatoria de prueba",
                      call_type="open_call", open_date=dt.date(2027, 6, 1), close_date=dt.date(2027, 8, 31),
                      source="Sitio del cooperante")
    with pytest.raises(ChangedMeanwhileError, match="^Otra persona cambió o eliminó el cooperante «CO-JAPON» "
                                                    "mientras se guardaba su convocatoria: no se guardó"):
        calls.save_call(store, PLANNER, call, new=True)
    monkeypatch.undo()
    assert "CV-NUEVA" not in {c.call_id for c in calls.calls(store)} and store.head() == heads[0]


def test_offers_are_not_linked_to_a_cooperant_deleted_while_the_registry_was_read(store, monkeypatch):
    """An offer stored before the registry names «Embajada del Japón»; the cooperant is deleted as the migration
    links it: it is linked to no cooperant, and the next run flags it as not linked."""
    store.save(records.OFFER, "OF-VIEJA", {"offer_id": "OF-VIEJA", "cooperant": "Embajada del Japón",
                                           "cooperant_kind": "bilateral", "title": "Oferta antigua",
                                           "modality": "decentralized", "cooperation_type": "technical_assistance",
                                           "reimbursable": False, "source": "prueba"}, actor="antes")
    heads = _head_after(store, monkeypatch, offer_links, "cooperants", lambda s: s.apply(
        [overlay.delete(coop.KIND, overlay.current(s, coop.KIND, "CO-JAPON"), "eliminar")], actor="otra"))
    assert offer_links.link_stored_offers(store) == 0 and store.head() == heads[0]
    assert "cooperant_id" not in store.get(records.OFFER, "OF-VIEJA").body
    monkeypatch.undo()
    assert offer_links.link_stored_offers(store) == 1
    assert store.get(records.OFFER, "OF-VIEJA").body["cooperant_unmatched"] is True


def test_an_offer_is_refused_when_its_cooperant_is_renamed_meanwhile(store, monkeypatch):
    """The offer would carry the name the registry had when it was read."""
    offer = CooperationOffer.model_validate(overlay.current(store, records.OFFER, "OF-JAPON-RIEGO").body)
    japan = coop.registered(store, "CO-JAPON")
    heads = _head_after(store, monkeypatch, records, "registered_offer", lambda s: coop.save_cooperant(
        s, PLANNER, japan.model_copy(update={"name": "Embajada del Japón en el Ecuador"})))
    with pytest.raises(ChangedMeanwhileError) as refused:
        records.save_offer(store, PLANNER, offer.model_copy(update={"title": "Riego (revisada)"}))
    assert store.get(records.OFFER, "OF-JAPON-RIEGO") is None and store.head() == heads[0]
    # as the offer's form shows it (pages/ofertas.py), its typed values kept: said once, and no advice to reopen
    # the page, which would lose them
    shown = t("ofe.form.conflict", reason=str(refused.value))
    assert shown.startswith("No se guardó: Otra persona cambió o eliminó el cooperante «CO-JAPON» mientras se "
                            "guardaba su oferta.") and shown.lower().count("no se guardó") == 1
    assert "abrir la página" not in shown and shown.endswith("Sus cambios siguen en el formulario.")
    # saved again as the message says, it carries the cooperant as it is now
    records.save_offer(store, PLANNER, offer.model_copy(update={"title": "Riego (revisada)"}))
    assert store.get(records.OFFER, "OF-JAPON-RIEGO").body["cooperant"] == "Embajada del Japón en el Ecuador"
