"""AppTest of the proposal form on Propuestas for El Valle: a planner saves an edit, deletes a proposal entered by
mistake (not one the board decided), the national format's parts are checked and saved, list items keep their
line breaks and semicolons, errors are told in Spanish and save nothing, a conflict keeps the typed values, and
representatives see, edit and delete only their association's drafts. Every record a test saves in the session's
store is taken out afterwards (the `restore` fixture of test_app_decidir_registro.py)."""

# The tests take the fixtures `store` and `restore` imported below, from the module that defines them.
# ruff: noqa: F811

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

from core.proposals import records
from core.proposals.lifecycle import ProposalStatus
from core.record import overlay
from tests.conftest import as_read, open_app_page, store_funded
from tests.test_app_decidir_registro import BOARD, PLANNER, REP, button, restore, store, text_of  # noqa: F401 (fixtures)


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
