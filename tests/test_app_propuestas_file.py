"""AppTest of Propuestas with the planner's own file as it comes (issue 11, item 5): code, association, title, total
cost, community contribution, beneficiaries, duration, PDOT objective and SDGs, without «Monto solicitado» or
«Tipo de apoyo». The preview derives what is asked of the GAD (and says so per row), warns about what keeps each
row out of the budget, offers the associations the parish has not registered for creation (or the suggested
close name), and the rows stored incomplete are listed «Por completar». Then the bulk status change: every
filtered draft handed in at once, all or nothing, and nobody without the right sees it.

AppTest cannot upload, so the file goes where the page reads it (st.session_state["prop-import-file"]), as in
tests/test_app_decidir_registro.py. Every record a test creates in the session's store is deleted afterwards.
"""

from __future__ import annotations

import io

import pytest

from core.parish.mirror import ASSOCIATION, write_parish
from core.proposals import records
from core.proposals.models import Proposal
from core.record import facts
from core.record.auth import Role, User
from core.record.store import Change, Store
from tests.conftest import open_app_page
from ui.parish import refresh_views
from ui.proposal_import import _widget

PARISH = "010170"
PLANNER = User(username="tecnica-archivo", display_name="Técnica del archivo", role=Role.PLANNER)
BOARD = User(username="vocal-archivo", display_name="Vocal", role=Role.BOARD)
ADVISER = User(username="asesor-archivo", display_name="Asesor", role=Role.ADVISER)

# The planner's file as the issue describes it: no «Monto solicitado al GAD», no «Tipo de apoyo»; dot thousands
# and comma decimals in a `;` file; two associations the parish has not registered (one close to «Sumak Tarpuy»).
PLANNER_FILE = (
    "Código;Asociación;Título;Costo total;Aporte comunitario;Beneficiarios;Duración (meses);Objetivo PDOT;ODS\n"
    "EV-T11;Asociación Agroecológica Flor del Valle;Huertos con riego por goteo;1.500;300;25;6;EV-OE5;2\n"
    "EV-T12;Asociación Agroecológica Mujeres Sembradoras;Secadora solar de granos;2.400,50;400,50;40;12;EV-OE1;2, 5\n"
    "EV-T13;Asociacion Sumak Tarpui;Vivero de frutales andinos;3.000;1.000;18;10;EV-OE5;15\n"
    "EV-T14;Cooperativa Lácteos del Cajas;Tanque de enfriamiento de leche;5.000;1.500;30;8;EV-OE1;8\n"
).encode("cp1252")
CODES = ("EV-T11", "EV-T12", "EV-T13", "EV-T14")


@pytest.fixture(scope="module")
def store(built_data_dir):
    return Store()


@pytest.fixture()
def clean(store):
    """Delete the proposals and parish associations a test creates, and rewrite the parish's mirror."""
    before = {(k, r.record_id) for k in (records.PROPOSAL, ASSOCIATION) for r in store.records(k)}
    yield
    created = [Change(k, r.record_id, None, action="prueba: borrar") for k in (records.PROPOSAL, ASSOCIATION)
               for r in store.records(k) if (k, r.record_id) not in before]
    if created:
        store.apply(created, actor="pruebas")
        write_parish(store, PARISH)
    refresh_views()  # the pages' cached queries in this process saw the created records


def rows_table(app):
    return next(d.value for d in app.dataframe if "Qué hará" in d.value.columns)


def metrics(app) -> dict[str, str]:
    return {m.label: m.value for m in app.metric}


def test_the_planners_file_is_accepted_with_derived_amounts_and_incomplete_rows_listed(store, clean):
    app = open_app_page("pages/propuestas.py", PLANNER, parish=PARISH,
                        **{"prop-import-file": ("propuestas del técnico.csv", PLANNER_FILE)})
    shown = metrics(app)
    assert (shown["Filas"], shown["Nuevas"], shown["Con errores"], shown["Quedan fuera"]) == ("4", "2", "0", "2")
    rows = rows_table(app).set_index("Código")
    assert rows.loc["EV-T11", "Calculado"] == ("«Monto solicitado al GAD» calculado: costo total $ 1.500 − "
                                               "aportes $ 300 = $ 1.200")
    assert "= $ 2.000,00" in rows.loc["EV-T12", "Calculado"]  # its cost has cents: every figure to the cent
    for code in CODES:  # no «Tipo de apoyo» and no competence: each row is warned before saving
        warned = rows.loc[code, "Fuera del presupuesto hasta completar"]
        assert "el tipo de apoyo" in warned and "Competencia del GAD parroquial" in warned
    assert "«Asociacion Sumak Tarpui» no está registrada" in rows.loc["EV-T13", "Fuera del presupuesto hasta completar"]
    assert rows.loc["EV-T13", "Qué hará"] == "Queda fuera por ahora"

    # The close name is suggested; the other one has no suggestion, only «crear» or «dejar fuera».
    sumak = app.radio(key=_widget("asociacion sumak tarpui", "choice"))
    cajas = app.radio(key=_widget("cooperativa lacteos del cajas", "choice"))
    assert sumak.options == ["Usar la sugerida: Asociación de Pequeños Productores Sumak Tarpuy",
                             "Crear la asociación «Asociacion Sumak Tarpui»", "Dejar fuera esas filas"]
    assert sumak.value == "leave_out" and len(cajas.options) == 2, "nothing is used or created unless chosen"
    sumak.set_value("suggested")
    cajas.set_value("create").run()
    app.number_input(key=_widget("cooperativa lacteos del cajas", "members")).set_value(14).run()
    shown = metrics(app)
    assert (shown["Nuevas"], shown["Con errores"]) == ("4", "0") and "Quedan fuera" not in shown
    lead = rows_table(app).set_index("Código").loc["EV-T14", "Asociación líder"]
    assert lead == "Cooperativa Lácteos del Cajas (nueva)"
    assert store.get(records.PROPOSAL, "EV-T11") is None, "nothing is stored before the person confirms"

    next(b for b in app.button if b.label == "Guardar todo").click().run()
    assert not app.exception
    assert any("Se guardaron 4 propuestas" in s.value for s in app.success)
    saved = {code: Proposal.model_validate(store.get(records.PROPOSAL, code).body) for code in CODES}
    assert (saved["EV-T11"].requested_usd, saved["EV-T11"].counterpart_associations_usd) == (1200.0, 300.0)
    assert saved["EV-T12"].requested_usd == 2000.0 and saved["EV-T12"].sdg_goals == [2, 5]
    assert all(p.support_kind is None for p in saved.values())
    assert saved["EV-T13"].association_id == "EV-A04"
    created = store.get(ASSOCIATION, saved["EV-T14"].association_id)
    assert created.body["name"] == "Cooperativa Lácteos del Cajas" and created.body["members_total"] == 14

    listed = next(d.value for d in app.dataframe if "Pedido al GAD" in d.value.columns).set_index("Código")
    assert listed.loc["EV-T14", "Asociación líder"] == "Cooperativa Lácteos del Cajas", "the views see it"
    assert listed.loc["EV-T11", "Tipo de apoyo"] == "Por completar"
    todo = next(d.value for d in app.dataframe if "Qué falta" in d.value.columns)
    listed = todo.set_index("Código")
    assert set(CODES) <= set(listed.index)
    assert "el tipo de apoyo" in listed.loc["EV-T11", "Qué falta"]
    assert any(s.value.startswith("Por completar") for s in app.subheader)


def test_a_contradiction_in_the_amounts_names_the_row_and_column(store, clean):
    contradicting = ("Código;Asociación;Título;Costo total;Monto solicitado;Aporte comunitario\n"
                     "EV-T15;EV-A01;Riego por aspersión;1.500;1.000;300\n").encode()
    app = open_app_page("pages/propuestas.py", PLANNER, parish=PARISH,
                        **{"prop-import-file": ("contradice.csv", contradicting)})
    problems = next(d.value for d in app.dataframe if "Problema" in d.value.columns)
    assert [(int(r["Fila"]), r["Columna"]) for _, r in problems.iterrows()] == [(2, "Monto solicitado")]
    assert "solicitado $ 1.000 + aportes $ 300 = $ 1.300, pero el costo total es $ 1.500" in \
        problems["Problema"].iloc[0]
    assert next(b for b in app.button if b.label == "Guardar todo").disabled


def test_a_negative_cost_in_an_excel_file_is_named_not_a_traceback(store, clean):
    """A planner's .xlsx with «-12.000» as the total cost, no requested amount and an empty contribution: the page
    once stopped with a traceback (StopIteration); now the preview names the cell and saves nothing."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Código", "Asociación", "Título", "Costo total (USD)", "Monto solicitado al GAD (USD)",
                        "Aporte de las asociaciones (USD)"])
    book.active.append(["EV-T16", "EV-A01", "Motores fuera de borda", "-12.000", None, None])
    buffer = io.BytesIO()
    book.save(buffer)
    app = open_app_page("pages/propuestas.py", PLANNER, parish=PARISH,
                        **{"prop-import-file": ("propuestas.xlsx", buffer.getvalue())})
    problems = next(d.value for d in app.dataframe if "Problema" in d.value.columns)
    assert [(int(r["Fila"]), r["Columna"]) for _, r in problems.iterrows()] == [(2, "Costo total (USD)")]
    assert "el costo total no puede ser negativo" in problems["Problema"].iloc[0]
    assert next(b for b in app.button if b.label == "Guardar todo").disabled


def drafts(store: Store, count: int) -> list[str]:
    """`count` draft proposals of El Valle stored as an import would, for the bulk change."""
    codes = [f"EV-T2{i}" for i in range(count)]
    items = [Proposal(proposal_id=c, association_id="EV-A01", parish_code=PARISH, title=f"Borrador {c}",
                      cost_usd=1000, requested_usd=1000) for c in codes]
    records.import_proposals(store, PLANNER, items)
    return codes


def test_all_filtered_drafts_are_handed_in_at_once(store, clean):
    codes = drafts(store, 3)
    app = open_app_page("pages/propuestas.py", PLANNER, parish=PARISH)
    app.multiselect(key="prop-f-status").set_value(["draft"]).run()
    app.checkbox(key="prop-bulk-all").check().run()
    assert app.checkbox(key="prop-bulk-all").label == "Todas las filtradas (3)"
    assert app.selectbox(key="prop-bulk-target").options == ["Presentada"]
    app.selectbox(key="prop-bulk-target").set_value("submitted").run()
    next(b for b in app.button if b.label == "Cambiar el estado de 3 propuestas").click().run()
    assert not app.exception
    assert any("Propuestas que pasaron a «Presentada»: 3" in s.value for s in app.success)
    for code in codes:
        moved = Proposal.model_validate(store.get(records.PROPOSAL, code).body)
        assert moved.status == "submitted" and moved.status_history[-1].date == facts.today()


def test_a_bulk_change_moves_nothing_when_one_cannot_move(store, clean):
    codes = drafts(store, 1)
    log = len(store.log())
    app = open_app_page("pages/propuestas.py", PLANNER, parish=PARISH)
    app.multiselect(key="prop-bulk-pick").set_value([codes[0], "EV-P01"]).run()
    app.selectbox(key="prop-bulk-target").set_value("submitted").run()
    next(b for b in app.button if b.label == "Cambiar el estado de 2 propuestas").click().run()
    error = next(e.value for e in app.error if "No se cambió ninguna" in e.value).replace("\\", "")  # escaped text
    assert "de las propuestas elegidas (2), no pueden pasar a ese estado 1" in error and "EV-P01" in error
    assert "ya está en «Presentada»" in error
    assert store.get(records.PROPOSAL, codes[0]).body["status"] == "draft"
    assert len(store.log()) == log


@pytest.mark.parametrize("user", [BOARD, ADVISER], ids=["board", "adviser"])
def test_who_may_not_edit_proposals_gets_no_bulk_change(user):
    app = open_app_page("pages/propuestas.py", user, parish=PARISH)
    assert not [b for b in app.button if b.label.startswith("Cambiar el estado")]
    assert not [c for c in app.checkbox if c.key == "prop-bulk-all"]


def test_a_row_without_a_title_shows_an_empty_cell_in_the_preview_not_none(store, clean):
    """A cell left empty in the file is shown empty: a table writes a missing value as «None» otherwise."""
    data = ("Código;Asociación;Título;Costo total (USD);Monto solicitado al GAD (USD)\n"
            "EV-T17;EV-A01;;1.500;1.500\nEV-T18;EV-A01;Bodega;2.000;2.000\n").encode()
    app = open_app_page("pages/propuestas.py", PLANNER, parish=PARISH, **{"prop-import-file": ("propuestas.csv", data)})
    rows = next(d.value for d in app.dataframe if "Qué hará" in d.value.columns)
    assert rows["Título"].to_list() == ["", "Bodega"]
    assert not rows.isna().any().any(), rows.to_dict("records")
