"""The Intercambio IATI page: the parish's file is offered for download and validates; a planner records the RUC;
a cooperant's file is previewed and saved as offers by a planner only; an invalid file is refused in Spanish."""

import re
from pathlib import Path

from core.proposals import records
from core.proposals.offers import CooperationOffer
from core.record.auth import Role, User
from core.record.store import Store
from tests.conftest import as_read, open_app_page

PAGE = "pages/iati.py"
EXAMPLES = Path(__file__).resolve().parents[1] / "data" / "sources" / "reference" / "iati-2.03" / "ejemplos"
PLANNER = User(username="tecnica-iati", display_name="Técnica", role=Role.PLANNER)
BOARD = User(username="vocal-iati", display_name="Vocal", role=Role.BOARD)


def _upload(app, name):
    app.file_uploader(key="iati-upload").set_value((name, (EXAMPLES / name).read_bytes(), "application/xml")).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def test_the_page_offers_the_parish_file_and_says_the_identifier_is_provisional(own_store):
    app = open_app_page(PAGE, BOARD)
    assert any("EC-DPA-010170" in m.value for m in app.markdown)
    assert any("provisional" in c.value for c in app.caption)
    assert not app.text_input  # the RUC form is for planners


def test_a_planner_records_the_ruc_and_a_wrong_one_is_explained(own_store):
    app = open_app_page(PAGE, PLANNER)
    app.text_input[0].set_value("123")
    next(b for b in app.button if b.label == "Guardar RUC").click().run()
    assert any("no es un RUC" in e.value for e in app.error)
    app.text_input[0].set_value("0160000000001")
    next(b for b in app.button if b.label == "Guardar RUC").click().run()
    assert any("EC-RUC-0160000000001" in s.value for s in app.success)


def test_a_valid_cooperant_file_is_previewed_and_saved_by_a_planner(own_store):
    observer = open_app_page(PAGE, BOARD)  # reading a file costs the server memory: only for who may save it
    assert not observer.get("file_uploader")
    assert any("leer el archivo IATI de un cooperante, ingrese como técnico" in i.value for i in observer.info)
    app = _upload(open_app_page(PAGE, PLANNER), "02-minimal-doc.xml")
    preview = app.dataframe[0].value
    assert preview["Cooperante"].to_list() == ["Organisation name"] and preview["En Minga"].to_list() == ["Nueva"]
    next(b for b in app.button if b.label == "Guardar las ofertas leídas (1)").click().run()
    assert any("Ofertas guardadas: 1." in s.value for s in app.success)
    saved = [CooperationOffer.model_validate(r.body) for r in Store(own_store).records(records.OFFER)
             if r.record_id.startswith("IATI-")]
    assert [o.title for o in saved] == ["Xxxxxxx"]
    # «Organisation name» is no registered cooperant: the offer is kept, flagged as not linked
    assert saved[0].cooperant_id is None and saved[0].cooperant_unmatched
    assert saved[0].parish_code == "010170", "read for the parish being worked on: it publishes it"


def test_an_invalid_file_is_refused_and_nothing_is_saved(own_store):
    app = _upload(open_app_page(PAGE, PLANNER), "invalido-22-missing-title-narrative.xml")
    shown = [re.sub(r"\\(.)", r"\1", e.value) for e in app.error]  # as read: Markdown's escapes set aside
    assert any("no cumple el estándar IATI 2.03" in text and "línea 8" in text for text in shown)
    assert not app.dataframe
    assert not [r for r in Store(own_store).records(records.OFFER) if r.record_id.startswith("IATI-")]


def test_an_offer_stored_before_offers_kept_their_parish_is_named_until_saved_again(own_store):
    store = Store(own_store)
    legacy = records.offers(store)[0].item.model_dump(mode="json") | {"offer_id": "OF-ANTIGUA", "parish_code": None}
    store.save(records.OFFER, "OF-ANTIGUA", legacy, actor="versión anterior")
    app = open_app_page(PAGE, PLANNER)
    assert any("OF-ANTIGUA" in as_read(i.value) and "antes de que Minga guardara la parroquia" in i.value
               for i in app.info)


def test_a_file_another_parish_read_is_shown_as_theirs_and_not_taken_over(own_store):
    app = _upload(open_app_page(PAGE, PLANNER, parish="010170"), "02-minimal-doc.xml")
    next(b for b in app.button if b.label == "Guardar las ofertas leídas (1)").click().run()
    [before] = [r for r in Store(own_store).records(records.OFFER) if r.record_id.startswith("IATI-")]
    app = _upload(open_app_page(PAGE, PLANNER, parish="080265"), "02-minimal-doc.xml")
    assert app.dataframe[0].value["En Minga"].to_list() == [
        "Es una oferta de El Valle (010170): no se guarda desde esta parroquia"]
    next(b for b in app.button if b.label == "Guardar las ofertas leídas (1)").click().run()
    assert not app.exception and not app.success
    assert any("No se guardó ninguna oferta" in as_read(e.value) and "es de El Valle (010170)" in as_read(e.value)
               for e in app.error)
    after = Store(own_store).get(records.OFFER, before.record_id)
    assert (after.version, after.body["parish_code"]) == (before.version, "010170")


def _many_activities(count: int, version: str = "2.03") -> bytes:
    """A cooperant's file of `count` activities, each with its own identifier and a budget in USD."""
    activity = ('<iati-activity><iati-identifier>XM-DAC-41114-{n}</iati-identifier>'
                '<reporting-org type="40" ref="XM-DAC-41114"><narrative>PNUD</narrative></reporting-org>'
                '<title><narrative>Actividad {n}</narrative></title><description><narrative>Riego</narrative></description>'
                '<participating-org role="1" type="40" ref="XM-DAC-41114"><narrative>PNUD</narrative>'
                '</participating-org><activity-status code="2"/>'
                '<activity-date type="1" iso-date="2027-01-01"/>'
                '<budget><period-start iso-date="2027-01-01"/><period-end iso-date="2027-12-31"/>'
                '<value currency="USD" value-date="2027-01-01">{n}000</value></budget></iati-activity>')
    body = "".join(activity.format(n=n) for n in range(1, count + 1))
    return f'<iati-activities version="{version}">{body}</iati-activities>'.encode()


def test_a_large_file_is_read_once_and_previewed_a_page_at_a_time(own_store, monkeypatch):
    import core.iati.read as iati_read

    calls = []
    real = iati_read.read_file
    monkeypatch.setattr(iati_read, "read_file", lambda content, name: calls.append(name) or real(content, name))
    app = open_app_page(PAGE, PLANNER)
    app.file_uploader(key="iati-upload").set_value(("grande.xml", _many_activities(120), "application/xml")).run()
    assert not app.exception, [e.value for e in app.exception]
    assert len(app.dataframe[0].value) == 50 and len(app.expander) == 50
    assert any("Se muestran las actividades 1 a 50 de 120" in c.value for c in app.caption)
    app.number_input(key=next(n.key for n in app.number_input if n.key.startswith("iati-page-"))).set_value(3).run()
    assert len(app.dataframe[0].value) == 20
    assert any("Se muestran las actividades 101 a 120 de 120" in c.value for c in app.caption)
    assert calls == ["grande.xml"], "a rerun reads the file again"
    assert any(b.label == "Guardar las ofertas leídas (120)" for b in app.button)


def test_a_file_of_another_iati_version_is_previewed_with_a_warning_naming_it(own_store):
    app = open_app_page(PAGE, PLANNER)
    app.file_uploader(key="iati-upload").set_value(("v201.xml", _many_activities(2, "2.01"), "application/xml")).run()
    assert any("El archivo «v201.xml» declara la versión IATI «2.01» y Minga lee la versión 2.03" in as_read(w.value)
               for w in app.warning)
    assert len(app.dataframe[0].value) == 2
