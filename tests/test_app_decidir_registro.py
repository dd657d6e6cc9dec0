"""AppTest of the Propuestas, Ofertas de cooperación and Alineación pages for El Valle: the list, the import
preview with a valid and an invalid file, saving an edit as a planner, the refusals of other roles, a conflict
that keeps the form's values, the offers' checklist and counterpart, the alignment matrix and its editors.

AppTest cannot upload a file, so the import tests put the file where the page reads it when nothing is
uploaded: st.session_state["prop-import-file"] = (file name, bytes) (the page's «Probar con el archivo de
demostración» button does the same); the preview is core.proposals.imports.preview_import, the same function the
upload calls. Every record a test saves in the session's store is taken out afterwards, so other tests keep
seeing the demo.
"""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from core.proposals import records
from core.proposals.lifecycle import ProposalStatus
from core.record import overlay
from core.record.auth import Role, User
from core.record.store import Store
from tests.conftest import as_read, open_app_page, store_accounts, store_funded

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


def test_a_planner_saves_an_edit(store, restore):
    app = open_app_page("pages/propuestas.py", PLANNER)
    app.selectbox(key="prop-form-pick").select("EV-P02").run()
    before = overlay.current(store, "proposal", "EV-P02")
    title = next(x for x in app.text_input if x.label == "Título")
    title.input("Riego por goteo: título corregido por la técnica")
    app.selectbox(key=f"pf-EV-P02-{before.version}-status").select("eligible")
    button(app, "Guardar propuesta").click().run()
    assert not app.exception
    assert any("Propuesta «EV\\-P02» guardada" in s.value for s in app.success)
    after = overlay.current(store, "proposal", "EV-P02")
    assert after.version == before.version + 1
    assert after.body["title"] == "Riego por goteo: título corregido por la técnica"
    assert after.body["status"] == "eligible" and after.body["status_history"][-1]["status"] == "eligible"
    assert after.updated_by == PLANNER.username


def test_a_planner_deletes_a_proposal_entered_by_mistake_but_not_one_the_board_decided(store, restore):
    app = open_app_page("pages/propuestas.py", PLANNER)
    app.selectbox(key="prop-form-pick").select("EV-P02").run()
    assert button(app, "Eliminar propuesta").disabled  # until the tick confirms it
    app.checkbox(key="pf-EV-P02-0-delete-sure").check().run()
    button(app, "Eliminar propuesta").click().run()
    assert not app.exception and not app.error, [e.value for e in app.error]
    assert any("Se eliminó la propuesta «EV\\-P02»" in s.value for s in app.success)
    picker = app.selectbox(key="prop-form-pick")
    assert picker.value == "__new__" and "EV-P02" not in [o.split(" · ")[0] for o in picker.options]
    assert records.proposal(store, "EV-P02") is None
    listed = next(d.value for d in app.dataframe if "Código" in d.value.columns)
    assert "EV-P02" not in listed["Código"].tolist() and "EV-P03" in listed["Código"].tolist()

    store_funded(store, records.proposal(store, "EV-P03").item)  # as an approved acta leaves it
    app = open_app_page("pages/propuestas.py", PLANNER)
    app.selectbox(key="prop-form-pick").select("EV-P03").run()
    assert not any(b.label == "Eliminar propuesta" for b in app.button)


def test_a_representative_is_offered_to_delete_only_their_association_s_drafts(store, restore):
    demo = records.proposal(store, "EV-P05").item  # led by EV-A03, REP's association, handed in
    records.save_proposal(store, PLANNER, demo.model_copy(update={"proposal_id": "EV-P92", "status_history": [],
                                                                  "status": ProposalStatus.DRAFT}))
    app = open_app_page("pages/propuestas.py", REP)
    app.selectbox(key="prop-form-pick").select("EV-P05").run()
    assert not any(b.label == "Eliminar propuesta" for b in app.button)  # handed in: the planner's to delete
    app.selectbox(key="prop-form-pick").select("EV-P92").run()
    app.checkbox(key="pf-EV-P92-1-delete-sure").check().run()
    button(app, "Eliminar propuesta").click().run()
    assert not app.error and records.proposal(store, "EV-P92") is None


def test_the_form_checks_the_national_format_and_saves_its_parts(store, restore):
    app = open_app_page("pages/propuestas.py", PLANNER)
    app.selectbox(key="prop-form-pick").select("EV-P05").run()
    # the demo proposal predates the format's own fields: incomplete, each part named, the thesis cited
    notice = next(i.value for i in app.info if "formato nacional" in i.value)
    for part in ("2. Antecedentes", "4. Justificación", "16. Seguimiento y evaluación", "Anexo 3", "p. 110"):
        assert part in notice
    version = overlay.current(store, "proposal", "EV-P05").version
    assert version == 0, "the demo proposal is read where it is built"
    key = f"pf-EV-P05-{version}"
    app.text_area(key=f"{key}-background").input("Heladas de 2024 en las parcelas altas")
    app.text_area(key=f"{key}-justification").input("Sin invernaderos las socias pierden la cosecha")
    button(app, "Guardar propuesta").click().run()
    assert not app.exception
    stored = store.get("proposal", "EV-P05").body
    assert stored["background"] == "Heladas de 2024 en las parcelas altas"
    assert stored["justification"] == "Sin invernaderos las socias pierden la cosecha"
    app.selectbox(key="prop-form-pick").select("EV-P05").run()
    notice = next(i.value for i in app.info if "formato nacional" in i.value)
    assert "4. Justificación" not in notice and "2. Antecedentes" not in notice and "9. Estrategias" in notice



def test_an_edit_keeps_list_items_holding_line_breaks_semicolons_or_quotes(store, restore):
    """The form showed objectives and risks one per line and a component's activities joined by «; », and split
    what it showed again on saving: an imported objective with a line break became two, an activity with a «;» two."""
    lists = {"specific_objectives": ["Primera línea\nsegunda línea", "Sembrar; y cosechar"],
             "risks": ['Plagas "nuevas"', "  Sequía  "],
             "components": [{"name": "Obra", "activities": ["Comprar; instalar la bomba", "Capacitar"]}]}
    demo = records.proposal(store, "EV-P02").item
    store.save(records.PROPOSAL, "EV-P02", {**demo.model_dump(mode="json"), **lists}, actor="prueba",
               parish_code=demo.parish_code)
    app = open_app_page("pages/propuestas.py", PLANNER)
    app.selectbox(key="prop-form-pick").select("EV-P02").run()
    next(x for x in app.text_input if x.label == "Título").input("Riego por goteo con sus listas")
    button(app, "Guardar propuesta").click().run()
    assert not app.exception
    stored = overlay.current(store, "proposal", "EV-P02").body
    assert stored["title"] == "Riego por goteo con sus listas"
    assert {name: stored[name] for name in lists} == lists


def test_the_parts_needed_to_judge_are_named_with_their_source_in_parentheses():
    """The form's warning ran the sentence into its citation: «…no se puede evaluartesis de Azogues (…)»."""
    app = open_app_page("pages/propuestas.py", PLANNER)
    app.selectbox(key="prop-form-pick").select("EV-P14").run()
    warning = next(w.value for w in app.warning if "sin lo cual" in w.value)
    assert "sin lo cual no se puede evaluar (tesis de Azogues (Calle Molina y Castro Carrión, 2020), Anexo 3" in warning
    assert warning.endswith(").")

def test_form_errors_are_shown_in_spanish_and_nothing_is_saved(store, restore):
    app = open_app_page("pages/propuestas.py", PLANNER)
    app.selectbox(key="prop-form-pick").select("EV-P03").run()
    version = overlay.current(store, "proposal", "EV-P03").version
    app.text_input(key=f"pf-EV-P03-{version}-requested_usd").input("999.999")
    button(app, "Guardar propuesta").click().run()
    error = next(e.value for e in app.error if "No se guardó" in e.value)
    assert "no puede superar el costo total" in error
    assert overlay.current(store, "proposal", "EV-P03").version == version


def test_amounts_and_counts_are_typed_es_ec_and_one_that_cannot_be_read_saves_nothing(store, restore):
    app = open_app_page("pages/propuestas.py", PLANNER)
    app.selectbox(key="prop-form-pick").select("EV-P03").run()
    version = overlay.current(store, "proposal", "EV-P03").version
    cost = app.text_input(key=f"pf-EV-P03-{version}-cost_usd").value
    assert re.fullmatch(r"\d{1,3}(\.\d{3})+", cost), cost  # thousands grouped with a dot, as in Ecuador
    app.text_input(key=f"pf-EV-P03-{version}-women_beneficiaries").input("doce")
    button(app, "Guardar propuesta").click().run()
    assert any("Mujeres: «doce» no es un número" in as_read(e.value) for e in app.error)
    assert any("Corrija los números señalados; no se guardó nada." in as_read(e.value) for e in app.error)
    assert overlay.current(store, "proposal", "EV-P03").version == version


def test_a_conflict_keeps_the_typed_values(store, restore):
    app = open_app_page("pages/propuestas.py", PLANNER)
    app.selectbox(key="prop-form-pick").select("EV-P04").run()
    loaded = overlay.current(store, "proposal", "EV-P04")
    # someone else saves the same proposal meanwhile
    other = records.proposals(store, "010170")
    item = next(v for v in other if v.item.proposal_id == "EV-P04")
    records.save_proposal(store, PLANNER, item.item.model_copy(update={"summary": "Cambio de otra persona"}),
                          expected_version=item.version)
    title = next(x for x in app.text_input if x.label == "Título")
    title.input("Mi título escrito durante el cambio ajeno")
    button(app, "Guardar propuesta").click().run()
    assert any("Otra persona guardó cambios" in e.value for e in app.error)
    assert next(x for x in app.text_input if x.label == "Título").value == "Mi título escrito durante el cambio ajeno"
    stored = overlay.current(store, "proposal", "EV-P04")
    assert stored.version == loaded.version + 1 and stored.body["summary"] == "Cambio de otra persona"
    assert stored.body["title"] != "Mi título escrito durante el cambio ajeno"


def test_who_may_not_edit_proposals_sees_no_form(store):
    app = open_app_page("pages/propuestas.py", BOARD)
    assert not [b for b in app.button if b.label in ("Guardar propuesta", "Guardar todo")]
    assert not [s for s in app.selectbox if s.label == "Propuesta"]
    assert "Vista de consulta" in text_of(app)


def test_a_representative_edits_only_their_association_s_drafts(store, restore):
    """A representative is offered their association's proposals not yet screened (drafts, also one it joins, and
    those handed in, to take back), and saves them with their proponents unchanged; a screened one is the
    planner's to change."""
    demo = records.proposals(store, "010170")[0].item
    joint = demo.model_copy(update={
        "proposal_id": "EV-P90", "association_id": "EV-A01", "association_ids": ["EV-A01", "EV-A03"],
        "status": ProposalStatus.DRAFT, "status_history": [], "title": "Centro de acopio compartido"})
    screened = demo.model_copy(update={"proposal_id": "EV-P91", "association_id": "EV-A03",
                                       "association_ids": ["EV-A03"], "status": ProposalStatus.ELIGIBLE,
                                       "status_history": []})
    for proposal in (joint, screened):
        records.save_proposal(store, PLANNER, proposal)
    app = open_app_page("pages/propuestas.py", REP)
    picks = app.selectbox(key="prop-form-pick").options
    assert [p.split(" · ")[0] for p in picks] == ["— Nueva propuesta —", "EV-P01", "EV-P05", "EV-P06", "EV-P90"]
    lead = next(s for s in app.selectbox if s.label == "Asociación")
    assert lead.options == ["Asociación Agroecológica Mujeres Sembradoras"]  # a new one is led by their own
    assert "Solo el técnico de planificación" in text_of(app)  # representatives do not import
    # the bulk change offers only their association's proposals (another's would only be refused)
    assert [o.split(" · ")[0] for o in app.multiselect(key="prop-bulk-pick").options] == [
        "EV-P01", "EV-P05", "EV-P06", "EV-P90", "EV-P91"]

    app.selectbox(key="prop-form-pick").select("EV-P90").run()
    key = f"pf-EV-P90-{store.get('proposal', 'EV-P90').version}"
    lead = app.selectbox(key=f"{key}-lead")
    assert lead.disabled and lead.value == "EV-A01"
    assert app.multiselect(key=f"{key}-partners").disabled
    app.text_input(key=f"{key}-title").input("Centro de acopio de las dos asociaciones")
    button(app, "Guardar propuesta").click().run()
    assert not app.error, [e.value for e in app.error]
    saved = store.get("proposal", "EV-P90")
    assert (saved.body["title"], saved.body["association_ids"]) == ("Centro de acopio de las dos asociaciones",
                                                                    ["EV-A01", "EV-A03"])
    assert saved.updated_by == REP.username



def test_a_representative_does_not_see_another_association_s_draft(store, restore):
    """A draft is its association's own work: another association's representative saw it in the list (title,
    cost) and in the CSV and Excel downloads, and in the Etapas list; once handed in everyone who works sees it."""
    demo = records.proposals(store, "010170")[0].item
    theirs = demo.model_copy(update={"proposal_id": "EV-P93", "association_id": "EV-A01", "association_ids": ["EV-A01"],
                                     "status": ProposalStatus.DRAFT, "status_history": [],
                                     "title": "Borrador de Flor del Valle"})
    mine = theirs.model_copy(update={"proposal_id": "EV-P94", "association_id": "EV-A03", "association_ids": ["EV-A03"],
                                     "title": "Borrador de Mujeres Sembradoras"})
    for proposal in (theirs, mine):
        records.save_proposal(store, PLANNER, proposal)

    def listed(app: AppTest) -> list[str]:
        return next(d.value for d in app.dataframe if "Código" in d.value.columns)["Código"].to_list()

    rep = open_app_page("pages/propuestas.py", REP)
    assert "EV-P94" in listed(rep) and "EV-P93" not in listed(rep)
    assert {m.label: m.value for m in rep.metric}["Propuestas"] == "17"
    etapas = open_app_page("pages/etapas.py", REP)
    assert "EV-P93" not in etapas.dataframe[0].value["Propuesta"].to_list()
    assert {"EV-P93", "EV-P94"} <= set(listed(open_app_page("pages/propuestas.py", PLANNER)))
    records.save_proposal(store, PLANNER, theirs.with_status("submitted"), expected_version=1)
    assert "EV-P93" in listed(open_app_page("pages/propuestas.py", REP))

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
