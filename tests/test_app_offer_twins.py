"""An offer typed by hand and the same offer read later from the cooperant's IATI file (same cooperant, same title
but for case, accents and spacing, same parish) were stored as two offers without a word, and the counterpart the
parish committed to counted twice. It is not refused (two calls of one cooperant may share a title): the IATI
preview and the offer's form warn, in Spanish, naming the other offer."""

from __future__ import annotations

from core.proposals import records
from core.record.auth import Role, User
from core.record.store import Store
from tests.conftest import as_read, open_app_page

PARISH = "010152"  # Cumbe: no demo offers
PLANNER = User(username="tecnica-gemelas", display_name="Técnica", role=Role.PLANNER)
ACTIVITY = ('<iati-activity><iati-identifier>XM-DAC-701-{n}</iati-identifier>'
            '<reporting-org type="10" ref="XM-DAC-701"><narrative>{org}</narrative></reporting-org>'
            '<title><narrative>{title}</narrative></title><description><narrative>Riego</narrative></description>'
            '<participating-org role="1" type="10" ref="XM-DAC-701"><narrative>{org}</narrative>'
            '</participating-org><activity-status code="2"/><activity-date type="1" iso-date="2027-01-01"/>'
            '<budget><period-start iso-date="2027-01-01"/><period-end iso-date="2027-12-31"/>'
            '<value currency="USD" value-date="2027-01-01">20000</value></budget></iati-activity>')


def _typed_offer(store: Store, offer_id: str, title: str, parish: str = PARISH) -> None:
    """An offer of the Embassy of Japan as the planner typed it on Ofertas (linked to the registry)."""
    body = records.offers(store)[0].item.model_dump(mode="json") | {
        "offer_id": offer_id, "title": title, "cooperant_id": "CO-JAPON", "cooperant": "Embajada del Japón",
        "cooperant_unmatched": False, "parish_code": parish}
    store.save(records.OFFER, offer_id, body, actor="tecnica-gemelas")


def _iati_file(*activities: tuple[str, str, str]) -> bytes:
    body = "".join(ACTIVITY.format(n=n, org=org, title=title) for n, org, title in activities)
    return f'<iati-activities version="2.03">{body}</iati-activities>'.encode()


def _warnings(app) -> list[str]:
    return [as_read(w.value) for w in app.warning]


def test_the_iati_preview_warns_of_an_offer_already_typed_and_names_it(own_store):
    store = Store(own_store)
    _typed_offer(store, "OF-JAPON-RIEGO", "Riego tecnificado en Cumbe")
    _typed_offer(store, "OF-JAPON-VIAL", "Mejoramiento vial", parish="010170")  # another parish's: not the same
    content = _iati_file(("RIEGO", "EMBAJADA DEL JAPON", "Riego  tecnificado en CUMBE"),  # the same, written so
                         ("PUENTE", "EMBAJADA DEL JAPON", "Riego tecnificado en Tarqui"),  # another title
                         ("OTRA", "Fundación Otra", "Riego tecnificado en Cumbe"),  # another cooperant
                         ("VIAL", "Embajada del Japón", "Mejoramiento vial"))
    app = open_app_page("pages/iati.py", PLANNER, parish=PARISH)
    app.file_uploader(key="iati-upload").set_value(("japon.xml", content, "application/xml")).run()
    assert not app.exception, [e.value for e in app.exception]
    twins = [w for w in _warnings(app) if "puede ser la misma oferta" in w]
    assert twins == [(
        "XM-DAC-701-RIEGO puede ser la misma oferta que «OF-JAPON-RIEGO» (Riego tecnificado en Cumbe), ya registrada "
        "en la parroquia con otro código (mismo cooperante y mismo título). Si lo es, no la guarde otra vez: las dos "
        "contarían por separado y la contraparte comprometida se contaría dos veces.")]


def test_the_form_of_either_offer_warns_that_the_other_may_be_the_same(own_store):
    store = Store(own_store)
    _typed_offer(store, "OF-JAPON-RIEGO", "Riego tecnificado en Cumbe")
    content = _iati_file(("RIEGO", "EMBAJADA DEL JAPON", "Riego tecnificado en cumbe"))
    app = open_app_page("pages/iati.py", PLANNER, parish=PARISH)
    app.file_uploader(key="iati-upload").set_value(("japon.xml", content, "application/xml")).run()
    next(b for b in app.button if b.label == "Guardar las ofertas leídas (1)").click().run()
    assert any("Ofertas guardadas: 1." in s.value for s in app.success)  # warned, not refused
    for picked, other in (("OF-JAPON-RIEGO", "«XM-DAC-701-RIEGO» (Riego tecnificado en cumbe)"),
                          ("XM-DAC-701-RIEGO", "«OF-JAPON-RIEGO» (Riego tecnificado en Cumbe)")):
        form = open_app_page("pages/ofertas.py", PLANNER, parish=PARISH)
        form.selectbox(key="ofe-form-pick").set_value(picked).run()
        assert not form.exception, [e.value for e in form.exception]
        assert f"Esta oferta puede ser la misma que {other}, registrada en la parroquia con otro código" in \
            " ".join(_warnings(form))
