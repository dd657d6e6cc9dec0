"""A parish's own records, once stored, on the pages that show them: the diagnosis pages, «Datos y fuentes», the
proposals and their template, named by the parish's own codes and sourced to its own survey, never to the El Valle
study (whose notes stay on El Valle's demo only)."""

from __future__ import annotations

import pytest

from core.parish.mirror import AID
from core.record.store import Store
from tests.conftest import HOME, open_app_page, store_accounts
from tests.parish_export import answers
from tests.parish_files import AID as AID_CSV
from tests.parish_files import PARISH
from tests.test_app_preparar import PLANNER, _texts

SURVEYED = answers(20, ["A01", "Unión Campesina"])


ABROAD = sum(row["familia_exterior"] == "yes" for row in SURVEYED)


@pytest.mark.parametrize(("page", "expected"), [
    ("pages/asociaciones.py", "Unión Campesina"),
    ("pages/ayudas.py", "GAD provincial del Azuay"),
    ("pages/migracion.py", f"{ABROAD} de 20"),
    ("pages/problemas.py", "Bajos precios"),
    # its members were surveyed with Minga's form, which does not ask what they expect of their association
    ("pages/problemas.py", "Ningún socio encuestado de estas asociaciones respondió qué espera de su asociación"),
])
def test_diagnosis_pages_show_the_parish_own_records(parish_store, tmp_path, page, expected):
    from core.parish.__main__ import main
    from tests.parish_files import _folder
    from ui import data

    assert main(["load", PARISH, str(_folder(tmp_path, SURVEYED))]) == 0
    data.connection.clear()
    # Asociaciones runs only its open tab: the one comparing the associations names each
    opened = {"asociaciones-tab": "Entre y dentro de las asociaciones"} if page.endswith("asociaciones.py") else {}
    app = open_app_page(page, parish=PARISH, **opened)
    shown = " ".join([_texts(app), *(str(v) for d in app.dataframe for v in d.value.to_numpy().ravel()),
                      *(f"{m.value} {m.delta}" for m in app.metric)])
    assert expected in shown
    assert "No hay asociaciones registradas" not in shown
    assert "Lectura elegida" not in shown and "PDOT ilustrativo de El Valle" not in shown  # El Valle's notes only


def _one_imported_proposal(store: Store, objectives: list, pdot_code: str | None = None) -> None:
    """The parish with association A01 («Flor», 5 members) and `objectives` of its PDOT stored, and one proposal
    (CU-1, aligned with `pdot_code` when given) brought in through the proposals import by the planner."""
    from core.data.db import connect
    from core.data.paths import data_dir
    from core.parish.models import ParishAssociation
    from core.parish.records import ParishBatch, save_as
    from core.proposals import import_preview, imports

    save_as(store, "consola", ParishBatch(PARISH)
            .add("asociaciones", [ParishAssociation(parish_code=PARISH, code="A01", name="Flor", members_total=5)])
            .add("objetivos_pdot", objectives))
    store_accounts(store, PLANNER)
    aligned = (";Objetivos del PDOT", f";{pdot_code}") if pdot_code else ("", "")
    file = (f"Código;Asociación;Título;Costo total;Monto solicitado;Beneficiarios directos{aligned[0]}\n"
            f"CU-1;A01;Riego parcelario;2.000;2.000;20{aligned[1]}\n").encode()
    result = imports.preview_import(file, "propuestas.csv", import_preview.context_for(connect(data_dir()), store, PARISH))
    assert result.ok, [str(p) for p in result.problems]
    imports.save_import(store, PLANNER, result)


def test_a_loaded_parish_s_pdot_objectives_are_named_by_its_own_codes(parish_store):
    """Its files call them «O1», «O2»: the alignment page and the proposals list do too, never «010152-O1»."""
    from core.parish.models import ParishPdotObjective

    objectives = [ParishPdotObjective(parish_code=PARISH, code=code, component="Sociocultural", objective_es=text)
                  for code, text in (("O1", "Mejorar el riego"), ("O2", "Fortalecer la organización"))]
    _one_imported_proposal(Store(parish_store), objectives, pdot_code="O1")

    home = {m.label: m.value for m in open_app_page(HOME, PLANNER, parish=PARISH).metric}
    assert home["Propuestas abiertas"] == "1"  # entered here: the views follow the store
    listed = open_app_page("pages/propuestas.py", PLANNER, parish=PARISH).dataframe[0].value
    assert listed["PDOT"].to_list() == ["O1"]
    app = open_app_page("pages/alineacion.py", PLANNER, parish=PARISH)
    assert app.selectbox(key="alin-pdot-pick").options == ["— Nuevo objetivo —", "O1 · Mejorar el riego",
                                                      "O2 · Fortalecer la organización"]
    assert "O2" in _texts(app) + "\n".join(str(w.value) for w in app.warning)  # the objective no proposal serves
    assert PARISH not in "\n".join(str(w.value) for w in app.warning)


def test_the_proposals_template_of_a_loaded_parish_names_its_records_by_its_own_codes(parish_store):
    """The template the planner downloads on Propuestas: its «Códigos» sheet and its example row call the parish's
    associations, PDOT objectives and problems «A01», «O1», «P01», as its files and pages do (never «010152-A01»),
    its instructions give no El Valle code as the example, and the example row reads back without a problem."""
    import io

    from openpyxl import load_workbook

    from core.data.db import connect
    from core.data.paths import data_dir
    from core.parish.models import ParishPdotObjective, ParishProblem
    from core.parish.records import ParishBatch, save_as
    from core.proposals import import_preview, imports
    from core.proposals.import_templates import template_xlsx

    store = Store(parish_store)
    objectives = [ParishPdotObjective(parish_code=PARISH, code="O1", component="Económico", objective_es="Riego")]
    _one_imported_proposal(store, objectives)
    save_as(store, "consola", ParishBatch(PARISH).add("problemas", [
        ParishProblem(parish_code=PARISH, code="P01", label_es="Falta de agua", votes=9)]))
    ctx = import_preview.context_for(connect(data_dir()), store, PARISH)
    book = load_workbook(io.BytesIO(template_xlsx(ctx)))
    codes = {(kind, code) for kind, code, _ in book["Códigos"].iter_rows(min_row=2, values_only=True)}
    assert {("Asociaciones", "A01"), ("Objetivos PDOT", "O1"), ("Problemas priorizados", "P01")} <= codes
    assert not [code for _, code in codes if code.startswith(f"{PARISH}-")]
    header, example = book["Propuestas"].iter_rows(max_row=2, values_only=True)
    row = dict(zip(header, example, strict=True))
    assert (row["Asociaciones proponentes"], row["Objetivos PDOT"]) == ("A01", "O1")
    help_text = " ".join(str(c) for r in book["Instrucciones"].iter_rows(values_only=True) for c in r if c)
    assert "EV-A01" not in help_text and "EV-OE" not in help_text
    out = io.BytesIO()
    book.save(out)
    assert imports.preview_import(out.getvalue(), "plantilla.xlsx", ctx).ok


def test_a_loaded_parish_s_earlier_aid_is_told_with_the_association_s_name(parish_store):
    """The aid-concentration sentence of a loaded parish's proposal named the association «010152-A01»."""
    from core.data.db import connect
    from core.data.paths import data_dir
    from core.engine.criteria import aid_concentration
    from core.engine.prioritization import load_inputs
    from core.parish.models import ParishAid
    from core.parish.records import ParishBatch, save_as
    from ui import data

    store = Store(parish_store)
    _one_imported_proposal(store, [])
    save_as(store, "consola", ParishBatch(PARISH).add("ayudas", [
        ParishAid(parish_code=PARISH, code="AY1", association_id=f"{PARISH}-A01", institution="MAG", year=2024,
                  kind="training", amount_usd=500)]))
    data.connection.clear()
    inputs = load_inputs(connect(data_dir()), PARISH, store=store)
    [stored] = inputs.proposals
    said = aid_concentration(stored.model_copy(update={"support_kind": "training"}), inputs.criteria_context).explanation_es
    assert said == "«Flor» ya recibió capacitación 1 vez (MAG, 2024)."


def test_aid_from_international_cooperation_is_stored_shown_and_counted(parish_store, tmp_path):
    from core.parish.__main__ import main
    from tests.parish_files import _folder
    from ui import data

    aid = AID_CSV + ("AY3;A01;FAO;Cooperación internacional;2024;Insumos;12.500;No\n"
                     "AY4;A02;GIZ;cooperacion internacional;2025;Capacitación;3.000;Sí\n")
    assert main(["load", PARISH, str(_folder(tmp_path, SURVEYED, **{"ayudas.csv": aid}))]) == 0
    stored = {r.body["institution"]: r.body["institution_type"] for r in Store(parish_store).records(AID, PARISH)}
    assert stored["FAO"] == stored["GIZ"] == "international_cooperation"
    data.connection.clear()
    app = open_app_page("pages/ayudas.py", parish=PARISH)
    assert not app.exception, [e.value for e in app.exception]
    institutions = next(d.value for d in app.dataframe if "Tipo de institución" in d.value.columns
                        and "FAO" in d.value.to_numpy().ravel())
    types = dict(zip(institutions.iloc[:, 0], institutions["Tipo de institución"], strict=True))
    assert types["FAO"] == types["GIZ"] == "Cooperación internacional"
    assert next(m.value for m in app.metric if m.label == "Ayudas registradas") == "4"


def test_the_aid_tables_write_every_amount_of_a_column_alike(parish_store, tmp_path):
    from core.parish.__main__ import main
    from tests.parish_files import _folder
    from ui import data

    assert main(["load", PARISH, str(_folder(tmp_path, SURVEYED))]) == 0  # aid of $ 1.500 and $ 820,50
    data.connection.clear()
    app = open_app_page("pages/ayudas.py", parish=PARISH)
    assert not app.exception, [e.value for e in app.exception]
    columns = [list(d.value["Monto (USD)"]) for d in app.dataframe if "Monto (USD)" in d.value.columns
               and len(d.value)]
    assert len(columns) >= 2  # the institutions and the detail of each aid
    for column in columns:
        assert sorted(column) == ["$ 1.500,00", "$ 820,50"], columns


def test_proposals_entered_before_the_pdot_are_not_called_missing_on_the_alignment_page(parish_store):
    """A parish that loaded its proposals before its PDOT: the page says the PDOT is missing, not the proposals."""
    _one_imported_proposal(Store(parish_store), [])

    infos = [i.value for i in open_app_page("pages/alineacion.py", PLANNER, parish=PARISH).info]
    assert not [i for i in infos if "ni propuestas" in i]
    assert ("La parroquia no tiene objetivos del PDOT registrados: sus propuestas no pueden alinearse con él "
            "todavía. Regístrelos en «Preparar la parroquia».") in infos


@pytest.mark.parametrize("page", ["asociaciones", "ayudas", "migracion", "problemas"])
def test_the_source_lines_of_another_parish_name_its_own_records_not_the_el_valle_study(parish_store, tmp_path, page):
    """A source line under a chart says where its figures come from: for a parish's own records, its survey and
    its advisory group's vote, never the El Valle study (whose records only El Valle's demo shows)."""
    from core.parish.__main__ import main
    from tests.parish_files import _folder
    from ui import data

    assert main(["load", PARISH, str(_folder(tmp_path, SURVEYED))]) == 0
    data.connection.clear()
    app = open_app_page(f"pages/{page}.py", parish=PARISH)
    sources = [c.value for c in app.caption if c.value.startswith("Fuente:")]
    assert sources, "every chart says its source"
    assert [s for s in sources if "El Valle" in s or "Gómez-Ceballos" in s or "grupo focal" in s] == []
    assert any("encuesta a los socios de las asociaciones de Cumbe" in s for s in sources)


@pytest.mark.parametrize(("page", "expected"), [
    ("asociaciones", "la del estudio de Gómez-Ceballos et al., 2021"),
    ("problemas", "el grupo focal del estudio, con 8 participantes"),
])
def test_el_valle_demo_keeps_the_study_as_its_source(page, expected):
    app = open_app_page(f"pages/{page}.py", parish="010170")
    assert any(expected in c.value for c in app.caption if c.value.startswith("Fuente:"))


def test_datos_y_fuentes_says_where_a_loaded_parish_s_own_figures_come_from(parish_store, tmp_path):
    """«Datos y fuentes» listed only the demo's files (data/sources/elvalle/aid.csv for «Ayudas recibidas»…): for
    another parish it now also lists its own records, as many as the diagnosis pages count, and who last changed
    them; El Valle's page is as before."""
    from core.parish.__main__ import main
    from tests.parish_files import _folder
    from ui import data

    assert main(["load", PARISH, str(_folder(tmp_path, SURVEYED))]) == 0
    data.connection.clear()
    app = open_app_page("pages/fuentes.py", parish=PARISH)
    assert "Registros propios de Cumbe" in [s.value for s in app.subheader]
    own = next(d.value for d in app.dataframe if "Registros" in d.value.columns).set_index("Datos")
    assert own["Registros"].to_dict() == {"Asociaciones": "2", "Encuesta a los socios": "20",
                                          "Ayudas recibidas": "2", "Problemas priorizados": "2"}
    assert set(own["Registrados por"]) == {"consola"}
    assert all("«Preparar la parroquia»" in p for p in own["Procedencia"])
    demo = open_app_page("pages/fuentes.py", parish="010170")
    assert not [s for s in demo.subheader if "Registros propios" in s.value]


def _every_text(app) -> str:
    """What a diagnosis page says in text: its captions and markdown, and its charts' titles and subtitles."""
    import json

    charts = [json.dumps(json.loads(c.proto.spec).get("title"), ensure_ascii=False) for c in app.get("vega_lite_chart")]
    return "\n".join([_texts(app), *charts])


STUDY_NOTES = ("Lectura elegida", "grupo focal", "8 participantes", "figura 8", "son inventados")


DIAGNOSIS_VIEWS = [("pages/asociaciones.py", {"asociaciones-tab": tab}) for tab in (
    "Hogares", "Ocupación y educación", "Edades", "Ingresos y gastos", "Pobreza percibida",
    "Entre y dentro de las asociaciones")] + [(f"pages/{p}.py", {}) for p in ("ayudas", "migracion", "problemas")]


@pytest.mark.parametrize(("page", "state"), DIAGNOSIS_VIEWS)
def test_no_note_on_how_the_el_valle_study_was_read_shows_under_another_parish_s_records(parish_store, tmp_path,
                                                                                         page, state):
    """«Lectura elegida: el estudio publica 55,5 %…», «Voto ponderado del grupo focal: 8 participantes…», «los
    niveles de educación de estos registros son inventados»: notes on the El Valle demo's records, shown in
    captions and chart subtitles under a loaded parish's own (real) survey and votes."""
    from core.parish.__main__ import main
    from tests.parish_files import _folder
    from ui import data

    assert main(["load", PARISH, str(_folder(tmp_path, SURVEYED))]) == 0
    data.connection.clear()
    said = _every_text(open_app_page(page, parish=PARISH, **state))
    assert [note for note in STUDY_NOTES if note in said] == []


@pytest.mark.parametrize(("page", "state", "note"), [
    ("pages/asociaciones.py", {"asociaciones-tab": "Pobreza percibida"}, "Lectura elegida: el estudio publica 55,5 %"),
    ("pages/asociaciones.py", {"asociaciones-tab": "Ocupación y educación"}, "son inventados"),
    ("pages/asociaciones.py", {"asociaciones-tab": "Ingresos y gastos"}, "Lectura elegida: el estudio dice"),
    ("pages/ayudas.py", {}, "Lectura elegida: el 52,8 %"),
    ("pages/problemas.py", {}, "Voto ponderado del grupo focal: 8 participantes"),
])
def test_el_valle_demo_keeps_its_notes_on_how_the_study_was_read(page, state, note):
    assert note in _every_text(open_app_page(page, parish="010170", **state))


def test_an_unknown_pdot_objective_is_answered_with_the_parish_s_own_codes(parish_store):
    """«objetivo PDOT que no existe en Minga: O9; se admite: 010152-O1, 010152-O2»: the codes offered were ids the
    planner never wrote; its own file calls them «O1», «O2»."""
    from core.data.db import connect
    from core.data.paths import data_dir
    from core.parish.models import ParishPdotObjective
    from core.proposals import import_preview, imports

    store = Store(parish_store)
    _one_imported_proposal(store, [ParishPdotObjective(parish_code=PARISH, code=code, component="Económico",
                                                       objective_es=text)
                                   for code, text in (("O1", "Riego"), ("O2", "Organización"))])
    file = "Código;Asociación;Título;Costo total;Monto solicitado;Objetivos PDOT\nCU-2;A01;Vivero;1.000;1.000;O9\n".encode()
    result = imports.preview_import(file, "propuestas.csv", import_preview.context_for(connect(data_dir()), store,
                                                                                         PARISH))
    assert [str(p) for p in result.problems] == [
        "propuestas.csv, fila 2, columna «Objetivos PDOT»: objetivo PDOT que no existe en Minga: O9; se admite: O1, O2"]
