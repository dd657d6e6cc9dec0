"""AppTest of the Propuestas, Ofertas de cooperación and Alineación pages for El Valle: the proposals' list and
its import preview with a valid and an invalid file, the offers' checklist and counterpart, the alignment matrix
and its editors. The proposal form (edits, deletions, conflicts, representatives' rights) is tested in
test_app_decidir_registro_proposal_form.py, with this module's users, helpers and fixtures.

AppTest cannot upload a file, so the import tests put the file where the page reads it when nothing is
uploaded: st.session_state["prop-import-file"] = (file name, bytes) (the page's «Probar con el archivo de
demostración» button does the same); the preview is core.proposals.imports.preview_import, the same function the
upload calls. Every record a test saves in the session's store is taken out afterwards, so other tests keep
seeing the demo.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from core.proposals import records
from core.record import overlay
from core.record.auth import Role, User
from core.record.store import Store
from tests.conftest import as_read, open_app_page, store_accounts

PLANNER = User(username="tecnica-registro", display_name="Técnica de registro", role=Role.PLANNER)
REP = User(username="maria-registro", display_name="María", role=Role.ASSOCIATION, association_id="EV-A03")
BOARD = User(username="vocal-registro", display_name="Vocal", role=Role.BOARD)

GOOD_CSV = ("Código;Asociación;Título;Costo total (USD);Monto solicitado;Aporte de las asociaciones (USD);"
            "Tipo de apoyo;Objetivos PDOT\n"
            "EV-T01;Asociación Agroecológica Flor del Valle;Huertos con riego;1.500,00;1.200;300;Equipamiento;"
            "EV-OE5\n").encode("cp1252")
BAD_CSV = ("Código;Asociación;Título;Costo total (USD);Monto solicitado;Tipo de apoyo\n"
           "EV-T02;EV-A01;Riego comunitario;-500;0;Equipamiento\n"
           "EV-T03;EV-A99;=HYPERLINK(\"http://x\");mil;0;Equipamiento\n").encode()


@pytest.fixture(scope="module")
def store(built_data_dir):
    return Store()


@pytest.fixture()
def restore(store):
    """Take out of the store every proposal, offer and PDOT objective a test saves, so the demo shows again."""
    kinds = (records.PROPOSAL, records.OFFER, records.PDOT)
    before = {(r.kind, r.record_id, r.version) for k in kinds for r in store.records(k, include_deleted=True)}
    yield
    store.apply(overlay.removals(store, kinds, "prueba: restablecer",
                                 keep=lambda r: (r.kind, r.record_id, r.version) in before), actor="pruebas")


def button(app: AppTest, text: str):
    return next(b for b in app.button if b.label == text)


def text_of(app: AppTest) -> str:
    parts = [e.value for kind in ("markdown", "caption", "info", "warning", "error", "success")
             for e in getattr(app, kind)]
    return "\n".join(str(p) for p in parts)


# -- Propuestas --------------------------------------------------------------------------------------------------

def test_the_list_renders_for_el_valle_read_only_for_the_public(store):
    app = open_app_page("pages/propuestas.py", BOARD)
    assert app.title[0].value == "Propuestas"
    table = next(d.value for d in app.dataframe if "Código" in d.value.columns)
    assert len(table) == len(records.proposals(store, "010170")) == 16
    assert {"Título", "Estado", "Costo total", "Pedido al GAD"} <= set(table.columns)
    assert table["Estado"].iloc[0] == "Presentada" and table["Costo total"].iloc[0].startswith("$ ")
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Propuestas"] == "16"
    assert "Vista de consulta" in text_of(app)
    assert not [b for b in app.button if b.label in ("Guardar propuesta", "Guardar todo")]
    assert "Solo el técnico de planificación" in text_of(app)
    assert {b.label for b in app.get("download_button")} >= {"Descargar CSV", "Descargar Excel",
                                                               "Descargar plantilla de Excel",
                                                               "Descargar propuestas de demostración"}


def test_the_filters_narrow_the_list():
    app = open_app_page("pages/propuestas.py", BOARD)
    app.multiselect(key="prop-f-kind").set_value(["inputs"]).run()
    app.text_input(key="prop-f-text").input("semillas").run()
    table = next(d.value for d in app.dataframe if "Código" in d.value.columns)
    assert table["Código"].tolist() == ["EV-P09"]
    assert {m.label: m.value for m in app.metric}["Propuestas"] == "1"


def test_the_import_preview_of_a_valid_file_and_saving_it(store, restore):
    app = open_app_page("pages/propuestas.py", PLANNER, **{"prop-import-file": ("mis propuestas.csv", GOOD_CSV)})
    metrics = {m.label: m.value for m in app.metric}
    assert (metrics["Filas"], metrics["Nuevas"], metrics["Con errores"]) == ("1", "1", "0")
    assert any("Ningún problema" in s.value for s in app.success)
    rows = next(d.value for d in app.dataframe if "Qué hará" in d.value.columns)
    assert rows["Código"].tolist() == ["EV-T01"] and rows["Qué hará"].tolist() == ["Nueva"]
    save = button(app, "Guardar todo")
    assert not save.disabled
    assert overlay.current(store, "proposal", "EV-T01") is None, "nothing is stored before the person confirms"
    save.click().run()
    assert not app.exception
    assert any("Se guardó 1 propuesta" in s.value for s in app.success)
    saved = overlay.current(store, "proposal", "EV-T01").body
    assert (saved["association_id"], saved["cost_usd"], saved["title"]) == ("EV-A01", 1500.0, "Huertos con riego")


def test_the_import_preview_of_an_invalid_file_lists_every_problem_and_stores_nothing(store, restore):
    store_accounts(store, PLANNER)  # the planner's account is stored before the count: only the import may add
    log = len(store.log())
    app = open_app_page("pages/propuestas.py", PLANNER, **{"prop-import-file": ("malo.csv", BAD_CSV)})
    problems = next(d.value for d in app.dataframe if "Problema" in d.value.columns)
    found = {(int(r["Fila"]), r["Columna"]) for _, r in problems.iterrows()}
    assert {(2, "Costo total (USD)"), (3, "Asociación"), (3, "Costo total (USD)")} <= found
    messages = " ".join(problems["Problema"])
    assert "no puede ser negativo" in messages and "«EV-A99» no existe en la parroquia El Valle" in messages
    assert "debe ser un número (se recibió «mil»)" in messages
    assert any("problemas encontrados" in e.value for e in app.error)
    assert button(app, "Guardar todo").disabled
    assert len(store.log()) == log


def test_only_the_valid_rows_are_saved_when_the_person_ticks_it(store, restore):
    mixed = GOOD_CSV + b"EV-T04;EV-A01;Otra;-1;0;Equipamiento;\n"
    app = open_app_page("pages/propuestas.py", PLANNER, **{"prop-import-file": ("mixto.csv", mixed)})
    assert button(app, "Guardar todo").disabled
    app.checkbox(key="prop-import-only-valid").check().run()
    save = button(app, "Guardar la fila válida")
    assert not save.disabled
    save.click().run()
    assert overlay.current(store, "proposal", "EV-T01") is not None and overlay.current(store, "proposal", "EV-T04") is None


def test_the_uploader_refuses_what_the_import_refuses():
    """The uploader on screen carries Minga's 5 MB limit, the figure its label gives (not the server's)."""
    app = open_app_page("pages/propuestas.py", PLANNER)
    uploader = app.get("file_uploader")[0].proto
    assert uploader.max_upload_size_mb == 5 and "hasta 5 MB" in uploader.label


def test_a_bad_file_is_refused_whole():
    app = open_app_page("pages/propuestas.py", PLANNER,
                    **{"prop-import-file": ("propuestas.csv", b"\x89PNG\r\n\x1a\n\x00\x00binario")})
    assert any("El archivo no se puede importar" in e.value and "datos binarios" in e.value for e in app.error)
    assert not [b for b in app.button if b.label == "Guardar todo"]


def test_the_demo_file_previews_as_already_stored(store):
    app = open_app_page("pages/propuestas.py", PLANNER)
    button(app, "Probar con el archivo de demostración").click().run()
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Filas"] == "16" and metrics["Sin cambios"] == "16"
    assert any("ya están en Minga tal cual" in i.value for i in app.info)


# -- Ofertas de cooperación ----------------------------------------------------------------------------------------

def test_offers_show_the_checklist_and_the_thesis_cases():
    app = open_app_page("pages/ofertas.py", BOARD)
    assert app.title[0].value == "Ofertas de cooperación"
    assert {m.label: m.value for m in app.metric}["Ofertas"] == "9"
    text = text_of(app)
    assert "Caso fallido" in text and "Caso de éxito" in text
    # The thesis cases are history: told in a neutral caption, never in a red error or a green success box.
    assert not [box.value for box in [*app.error, *app.success] if "Caso" in box.value]
    assert any("Caso fallido" in caption.value for caption in app.caption)
    assert "la parroquia **no** puede poner la contraparte de $ 20.000: faltan $ 10.000." in text
    assert "la parroquia **sí** puede poner la contraparte de $ 9.500." in text
    table = next(d.value for d in app.dataframe if "¿Alcanza la reserva?" in d.value.columns)
    japan = table[table["Oferta"] == "Asistencia para sistemas de riego comunitario"].iloc[0]
    assert (japan["¿Alcanza la reserva?"], japan["Elegible"]) == ("No", "No")
    assert "Contraparte disponible" in japan["No cumple"]
    labels = [e.label for e in app.expander]
    assert len(labels) == 9 and any("Embajada del Japón" in x and "No elegible" in x for x in labels)
    assert "Para registrar o editar ofertas ingrese como técnico" in text
    # Each offer's detail is drawn when its expander is opened: Japan's checklist names the gate it fails.
    assert "Propuestas que podría financiar" not in text
    app.session_state["ofe-detail-OF-JAPON-RIEGO-open"] = True
    japan_detail = next(e for e in app.run().expander if "Embajada del Japón" in e.label)
    detail = " ".join(m.value for m in japan_detail.markdown)
    assert ":material/cancel: **Contraparte disponible**" in detail and "Propuestas que podría financiar" in detail


def test_more_counterpart_reserved_and_japan_can_apply():
    app = open_app_page("pages/ofertas.py", BOARD)
    field = next(n for n in app.text_input if n.label == "Contraparte disponible del GAD (USD)")
    field.input("25.000").run()
    assert "la parroquia **sí** puede poner la contraparte de $ 20.000." in text_of(app)


def test_a_reserve_with_cents_names_what_the_offers_ask_by_the_same_rule():
    """«exigen $ 26.250 de contraparte y la reserva es $ 25.000,50»: one amount to the cent, the other not."""
    app = open_app_page("pages/ofertas.py", BOARD)
    field = next(n for n in app.text_input if n.label == "Contraparte disponible del GAD (USD)")
    field.input("25.000,50").run()
    [warning] = [w.value for w in app.warning if "exigen" in w.value]
    assert "exigen $ 26.250,00 de contraparte y la reserva es $ 25.000,50" in warning


def test_a_planner_registers_an_offer(store, restore):
    app = open_app_page("pages/ofertas.py", PLANNER)
    inputs = {x.label: x for x in app.text_input}
    inputs["Código de la oferta"].input("OF-PRUEBA-1")
    inputs["Título de la oferta"].input("Huertos escolares con riego")
    app.multiselect(key="of-__new__-0-themes").set_value(["agriculture"])
    button(app, "Guardar oferta").click().run()
    # no cooperant chosen from the registry: refused in Spanish, nothing stored
    assert any("elija uno del registro de cooperantes" in e.value for e in app.error)
    assert store.get("offer", "OF-PRUEBA-1") is None
    cooperant = app.selectbox(key="of-__new__-0-cooperant")
    assert "Embajada del Japón" in cooperant.options
    cooperant.select("CO-JAPON")
    button(app, "Guardar oferta").click().run()
    assert not app.exception
    assert any("Oferta «OF\\-PRUEBA\\-1» guardada" in s.value for s in app.success)
    saved = overlay.current(store, "offer", "OF-PRUEBA-1").body
    assert saved["cooperant_id"] == "CO-JAPON" and saved["reimbursable"] is False
    # name, kind and country are the registry's
    assert (saved["cooperant"], saved["cooperant_kind"], saved["country"]) == ("Embajada del Japón", "bilateral", "Japón")
    assert "Registrada en Minga por Técnica de registro" in saved["source"]
    assert saved["parish_code"] == "010170", "recorded for the parish being worked on, which publishes it"


def test_an_offer_whose_counterpart_amount_and_percentage_disagree_is_refused(store, restore):
    app = open_app_page("pages/ofertas.py", PLANNER)
    inputs = {x.label: x for x in app.text_input}
    inputs["Código de la oferta"].input("OF-PRUEBA-2")
    inputs["Título de la oferta"].input("Riego parcelario")
    inputs["Monto (USD)"].input("30.000")
    inputs["Contraparte exigida (% del costo total)"].input("40")
    inputs["Contraparte exigida (USD)"].input("12.000")
    app.multiselect(key="of-__new__-0-themes").set_value(["agriculture"])
    app.selectbox(key="of-__new__-0-cooperant").select("CO-JAPON")
    button(app, "Guardar oferta").click().run()
    assert not app.exception
    assert any("La contraparte se indica dos veces y no coincide" in as_read(e.value)
               and "son $ 20.000, no $ 12.000" in as_read(e.value) for e in app.error)
    assert store.get("offer", "OF-PRUEBA-2") is None


def test_an_offer_stored_before_the_counterpart_rule_still_opens_every_page(store, restore):
    """A store of the previous version holds Japan's offer with 40 % and $ 5.000 on $ 30.000 (the amount counted)."""
    body = overlay.current(store, "offer", "OF-JAPON-RIEGO").body | {"counterpart_required_usd": 5000.0}
    store.save("offer", "OF-JAPON-RIEGO", body, actor="versión anterior")
    for page in ("pages/ofertas.py", "pages/priorizacion.py", "pages/propuestas.py"):
        app = open_app_page(page, PLANNER)
        assert not app.exception, (page, [e.value for e in app.exception])


# -- Alineación -------------------------------------------------------------------------------------------------

def test_the_alignment_matrix_and_the_unserved_pdot():
    app = open_app_page("pages/alineacion.py", BOARD)
    assert app.title[0].value == "Alineación"
    assert app.get("vega_lite_chart"), "the heatmap is drawn (its data is tested in test_alignment.py)"
    assert any("EV\\-OE8" in w.value for w in app.warning)
    assert "Para editar el PDOT y la alineación ingrese como técnico" in text_of(app)
    assert not app.dataframe, "the PDOT coverage is drawn when its expander is opened"
    app.session_state["alin-coverage-open"] = True
    app.run()
    cover = next(d.value for d in app.dataframe if "Componente" in d.value.columns)
    assert "EV-OE8" in set(cover.iloc[:, 0]) and (cover.iloc[:, 3] >= 0).all()
    app.radio(key="alin-scope").set_value("scenario").run()
    assert not app.exception


def test_a_planner_adds_a_pdot_objective_and_aligns_a_proposal(store, restore):
    app = open_app_page("pages/alineacion.py", PLANNER)
    app.text_input(key="ap-__new__-0-id").input("EV-OE10")
    app.text_area(key="ap-__new__-0-text").input("Recuperar las semillas nativas de la parroquia")
    button(app, "Guardar objetivo").click().run()
    assert not app.exception
    assert overlay.current(store, "pdot_objective", "EV-OE10").body["objective_es"] == "Recuperar las semillas nativas de la parroquia"
    assert any("EV\\-OE10" in w.value for w in app.warning), "a new objective no proposal serves yet"
    app.selectbox(key="alin-proposal-pick").select("EV-P14").run()
    version = overlay.current(store, "proposal", "EV-P14").version
    app.multiselect(key=f"aa-EV-P14-{version}-pdot").set_value(["EV-OE10"])
    button(app, "Guardar alineación").click().run()
    assert not app.exception
    assert overlay.current(store, "proposal", "EV-P14").body["pdot_objective_ids"] == ["EV-OE10"]
    assert not any("EV\\-OE10" in w.value for w in app.warning)


def test_a_new_objective_whose_code_differs_only_in_case_is_refused(store, restore):
    app = open_app_page("pages/alineacion.py", PLANNER)
    app.text_input(key="ap-__new__-0-id").input("ev-oe1")
    app.text_area(key="ap-__new__-0-text").input("Un objetivo que pisaría a EV-OE1")
    button(app, "Guardar objetivo").click().run()
    assert any("Ya existe el objetivo «EV-OE1»" in as_read(e.value) for e in app.error), [e.value for e in app.error]
    assert overlay.current(store, "pdot_objective", "ev-oe1") is None
    elsewhere = open_app_page("pages/alineacion.py", PLANNER, parish="010152")  # EV-OE1 is El Valle's
    elsewhere.text_input(key="ap-__new__-0-id").input("EV-OE1")
    elsewhere.text_area(key="ap-__new__-0-text").input("Un objetivo de Cumbe")
    button(elsewhere, "Guardar objetivo").click().run()
    assert any("ya lo usa otra parroquia" in as_read(e.value) for e in elsewhere.error), [e.value for e in elsewhere.error]


def test_alignment_errors_are_spanish(store, restore):
    app = open_app_page("pages/alineacion.py", PLANNER)
    app.selectbox(key="alin-proposal-pick").select("EV-P03").run()
    version = overlay.current(store, "proposal", "EV-P03").version
    app.multiselect(key=f"aa-EV-P03-{version}-targets").set_value(["16.7"])
    button(app, "Guardar alineación").click().run()
    assert any("pertenece al ODS 16, que no está en la lista de ODS" in e.value for e in app.error)
    assert overlay.current(store, "proposal", "EV-P03").version == version


def test_the_counterpart_typed_is_shown_with_es_ec_thousands():
    """Typed «25000», the field shows «25.000», as people write it in Ecuador."""
    app = open_app_page("pages/ofertas.py", BOARD)
    field = next(n for n in app.text_input if n.label == "Contraparte disponible del GAD (USD)")
    assert field.value == "10.000"
    field.input("25000").run()
    assert next(n for n in app.text_input if n.label == "Contraparte disponible del GAD (USD)").value == "25.000"
