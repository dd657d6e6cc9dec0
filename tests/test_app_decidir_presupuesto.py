"""AppTest of Presupuesto over the El Valle demo: the objectives and comparators side by side, the budget field
typed es-EC, infeasible rules and a reserve past the budget explained, every «¿por qué no?», the budget the board
fixes (and a planner cannot), and saving, comparing and loading scenarios. Priorización, and the advisory group's
scores in the proportional objective: test_app_decidir_priorizacion.py, with this module's users and helpers."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from core.engine import scenarios
from core.record.auth import Role, User
from core.record.store import Store
from tests.conftest import as_read, open_app_page, store_accounts

PLANNER = User(username="tecnica-apptest", display_name="Técnica", role=Role.PLANNER)
BOARD = User(username="presidenta-apptest", display_name="Presidenta", role=Role.BOARD)
REP = User(username="socia-apptest", display_name="Socia", role=Role.ASSOCIATION, association_id="EV-A01")


def frame(app: AppTest, *columns: str, exact: bool = False):
    """The first table on the page with these columns (AppTest does not expose a dataframe's key)."""
    for table in app.dataframe:
        names = list(table.value.columns)
        if (names == list(columns)) if exact else set(columns) <= set(names):
            return table.value
    raise AssertionError(f"no table with columns {columns}: {[list(d.value.columns) for d in app.dataframe]}")


def button(app: AppTest, label: str):
    return next(b for b in app.button if b.label == label)


def texts(app: AppTest) -> str:
    return "\n".join([m.value for m in app.markdown] + [c.value for c in app.caption])


OBJECTIVE_HEADINGS = ["#### Óptima por puntaje", "#### Óptima por alcance", "#### Proporcional (partes iguales)"]
COMPARATOR_HEADINGS = ["#### Voraz (CONSUL)", "#### Reparto igual"]


def test_el_valle_budget_shows_the_objectives_side_by_side_then_the_comparators(own_store):
    app = open_app_page("pages/presupuesto.py", PLANNER)
    headings = [m.value for m in app.markdown if m.value.startswith("#### ")]
    assert headings == OBJECTIVE_HEADINGS + COMPARATOR_HEADINGS
    captions = [c.value for c in app.caption]
    # each objective says in one sentence what it maximises
    assert any(c.startswith("Maximiza la suma de los puntajes de los proyectos") for c in captions)
    assert any("multiplicados por las personas que alcanza" in c for c in captions)
    # without the group's ballots the proportional objective says what it needs instead of inventing them
    assert any("necesita las calificaciones o los votos del grupo asesor" in i.value for i in app.info)
    scores = [m.value for m in app.metric if m.label == "Puntaje total"]
    assert len(scores) == 4  # score, scope, greedy, equal split
    numbers = [float(v.replace(".", "").replace(",", ".")) for v in scores]
    assert numbers[0] == max(numbers)  # the total-score optimum has the largest total score
    app.session_state["budget-metrics-open"] = True  # the table is drawn when its expander is opened
    app.run()
    metrics = frame(app, "Cifra", "Óptima por puntaje")
    assert list(metrics.columns) == ["Cifra", "Óptima por puntaje", "Óptima por alcance",
                                     "Proporcional (partes iguales)", "Voraz (CONSUL)", "Reparto igual"]
    assert app.text_input(key="budget-amount").value == "48.000"
    assert app.checkbox(key="budget-min-one").value is False  # the board ticks it; it is not on by default
    assert any("sin reglas de equidad" in c.value for c in app.caption)  # and the page says so
    # … and from what: half of the $ 96.200 the eligible proposals ask (tests/test_scenarios.py), to the thousand
    assert any("la mitad de los $ 96.200 que piden al GAD las propuestas elegibles, redondeada al millar"
               in as_read(c.value) for c in app.caption)
    # the study's first step is a check before the budget
    assert "Antes del presupuesto: cada asociación formula al menos un proyecto" in [h.value for h in app.subheader]
    why = [e.label for e in app.expander if e.label.startswith("¿Por qué no? · ")]
    assert why, "every unfunded proposal of the optimum gets its «¿por qué no?»"
    assert all(" · sin calcular" not in label for label in why)


def test_changing_the_budget_recomputes_the_allocation():
    app = open_app_page("pages/presupuesto.py", PLANNER)
    before = [m.value for m in app.metric if m.label == "Puntaje total"]
    app.text_input(key="budget-amount").input("30.000").run()
    assert not app.exception
    after = [m.value for m in app.metric if m.label == "Puntaje total"]
    assert after != before
    assert app.text_input(key="budget-amount").value == "30.000"


def test_a_budget_nothing_fits_says_there_is_nothing_to_share_not_that_all_is_funded():
    """With $ 0 every proposal asks the GAD for more than there is: the page said «Este método financia todas las
    propuestas elegibles» (a green success) over «Financiadas: 0»."""
    app = open_app_page("pages/presupuesto.py", PLANNER)
    app.text_input(key="budget-amount").input("0").run()
    assert not app.exception
    warned = " ".join(w.value for w in app.warning)
    assert "No hay nada que repartir: ninguna de las 16 propuestas" in warned and "disponible de $ 0." in warned
    assert "financia todas las propuestas elegibles" not in texts(app)
    assert not [m for m in app.metric if m.label == "Puntaje total"]


def test_a_budget_typed_es_ec_is_read_and_one_that_cannot_be_read_keeps_the_last_one():
    app = open_app_page("pages/presupuesto.py", PLANNER)
    app.text_input(key="budget-amount").input("30000").run()
    assert app.text_input(key="budget-amount").value == "30.000"  # written back as people read it
    before = [m.value for m in app.metric if m.label == "Puntaje total"]
    app.text_input(key="budget-amount").input("treinta mil").run()
    assert not app.exception
    assert any("Presupuesto (USD): «treinta mil» no es un número" in as_read(e.value) for e in app.error)
    assert [m.value for m in app.metric if m.label == "Puntaje total"] == before  # the last good budget stays
    app.text_input(key="budget-amount").input("30,000").run()
    assert any("puede leerse como 30 o como 30.000" in as_read(e.value) for e in app.error)
    app.text_input(key="budget-amount").input("**mil** [aquí](http://x.example)").run()
    typed = next(e.value for e in app.error if "Presupuesto (USD)" in as_read(e.value))
    assert "\\*\\*mil\\*\\*" in typed and "\\[aquí\\]" in typed  # shown as typed, not as Markdown


@pytest.mark.parametrize(("typed", "written"), [("15000,5", "15.000,50"), ("15.000,50", "15.000,50"),
                                                ("15000,00", "15.000"), ("15000.5", "15.000,50")])
def test_the_budget_field_writes_cents_as_the_tables_write_amounts(typed, written):
    """The budget is money: «$ 15.000,50» in every table, so «15.000,50» in its field, never «15.000,5»."""
    app = open_app_page("pages/presupuesto.py", PLANNER)
    app.text_input(key="budget-amount").input(typed).run()
    assert not app.exception
    assert app.text_input(key="budget-amount").value == written


def test_infeasible_rules_show_the_spanish_explanation_not_an_exception():
    app = open_app_page("pages/presupuesto.py", PLANNER)
    app.text_input(key="budget-amount").input("20.000").run()
    app.multiselect(key="budget-must").set_value(["EV-P01", "EV-P10"]).run()
    assert not app.exception
    messages = [e.value for e in app.error]
    assert any("no hay ninguna asignación posible" in m and "Las propuestas obligatorias cuestan $ 25.000 y solo "
               "hay $ 20.000 disponibles" in m for m in messages), messages
    assert not [m for m in app.markdown if m.value.startswith("#### ")]



def test_excluding_a_proposal_the_screening_left_out_changes_nothing():
    """EV-P04 does not pass the eligibility filter, yet «No financiar» offers it: choosing it stopped every method
    («no hay ninguna asignación posible … no está entre las candidatas»)."""
    app = open_app_page("pages/presupuesto.py", PLANNER)
    before = [m.value for m in app.metric if m.label == "Puntaje total"]
    app.multiselect(key="budget-must-not").set_value(["EV-P04"]).run()
    assert not app.exception and not app.error, [e.value for e in app.error]
    assert [m.value for m in app.metric if m.label == "Puntaje total"] == before

def test_reserve_larger_than_the_budget_is_explained():
    app = open_app_page("pages/presupuesto.py", PLANNER)
    app.text_input(key="budget-reserve").input("60.000").run()
    assert not app.exception
    assert any("La reserva ($ 60.000) es mayor que el presupuesto" in e.value for e in app.error)


def test_saving_and_comparing_scenarios_on_the_budget_page():
    app = open_app_page("pages/presupuesto.py", BOARD)
    app.text_input(key="budget-save-name").input("Apptest junta 48 mil")
    button(app, "Guardar escenario").click().run()
    assert any("Escenario «Apptest junta 48 mil» guardado" in s.value for s in app.success)
    app.text_input(key="budget-amount").input("30.000").run()
    app.radio(key="budget-method").set_value("greedy").run()
    app.text_input(key="budget-save-name").input("Apptest junta 30 mil voraz")
    button(app, "Guardar escenario").click().run()
    assert not app.exception
    saved = frame(app, "Escenario", "Reglas de la junta")
    assert {"Apptest junta 48 mil", "Apptest junta 30 mil voraz"} <= set(saved["Escenario"])
    assert app.selectbox(key="budget-saved-pick").value == "010170-apptest-junta-30-mil-voraz"  # the one just saved
    stored = scenarios.load_scenario(Store(), "010170-apptest-junta-30-mil-voraz").scenario
    assert stored.method == "greedy" and stored.rules.budget_usd == 30000
    app.selectbox(key="budget-compare-a").set_value("010170-apptest-junta-48-mil").run()
    app.selectbox(key="budget-compare-b").set_value("010170-apptest-junta-30-mil-voraz").run()
    assert not app.exception
    totals = frame(app, "Cifra", "Diferencia")
    assert list(totals.columns) == ["Cifra", "Apptest junta 48 mil", "Apptest junta 30 mil voraz", "Diferencia"]
    budget_row = dict(zip(totals["Cifra"], totals["Diferencia"], strict=True))
    assert budget_row["Costo financiado"].startswith("-$ ")
    assert any("«Apptest junta 30 mil voraz» frente a «Apptest junta 48 mil»" in m.value for m in app.markdown)

    app.selectbox(key="budget-saved-pick").set_value("010170-apptest-junta-48-mil").run()
    button(app, "Cargar").click().run()
    assert not app.exception
    assert app.text_input(key="budget-amount").value == "48.000"
    assert app.radio(key="budget-method").value == "optimal"


def test_the_board_fixes_the_budget_and_a_planner_cannot():
    app = open_app_page("pages/presupuesto.py", PLANNER)
    assert not [b for b in app.button if b.label == "Fijar como presupuesto de la junta"]
    app = open_app_page("pages/presupuesto.py", BOARD)
    app.text_input(key="budget-amount").input("45.000").run()
    try:
        button(app, "Fijar como presupuesto de la junta").click().run()
        assert any("Presupuesto y reglas fijados" in s.value for s in app.success)
        assert scenarios.board_budget(Store(), "010170").budget_usd == 45000
        fresh = open_app_page("pages/presupuesto.py", PLANNER)
        assert fresh.text_input(key="budget-amount").value == "45.000"
        assert "Son el presupuesto y las reglas que fijó la junta." in texts(fresh)
    finally:  # the other tests start from the suggested budget
        if scenarios.board_budget(Store(), "010170") is not None:
            Store().delete(scenarios.BUDGET_KIND, "010170", actor="pruebas")


def test_every_why_not_is_shown_at_once_and_the_cost_to_shed_on_demand():
    app = open_app_page("pages/presupuesto.py", PLANNER)
    why = [e.label for e in app.expander if e.label.startswith("¿Por qué no? · ")]
    caption = next(c.value for c in app.caption if "elegibles quedan fuera" in c.value)
    assert len(why) == int(caption.split(" ")[0])  # one per unfunded proposal, however many
    assert why and not any(label.endswith(" · sin calcular") for label in why)
    shown = texts(app)
    assert "Entraría con un puntaje mayor que" in shown
    assert "Con muchas propuestas" not in shown
    code = why[0].split(" · ")[1].split(" — ")[0]
    button_ = next(b for b in app.button if b.key == f"budget-why-optimal-{code}")
    button_.click().run()
    assert not app.exception
    app.text_input(key="budget-reserve").input("100").run()  # another rerun keeps the answer asked for
    assert not any(b.key == f"budget-why-optimal-{code}" for b in app.button)


@pytest.mark.parametrize("page", ["pages/priorizacion.py", "pages/presupuesto.py"])
def test_a_parish_without_proposals_says_so(page):
    app = open_app_page(page, PLANNER, parish="010151")
    assert any("no tiene propuestas registradas" in i.value for i in app.info)


def test_past_a_parish_scale_each_why_not_is_computed_when_picked(own_store):
    """With more proposals than a parish has (seeded copies of El Valle's, in this test's own store), the page
    lists the unfunded proposals to pick from and computes the «¿por qué no?» of the one picked."""
    from bench.interaction import MONEY_FACTORS, scaled
    from core.proposals import records
    from core.proposals.models import Proposal

    store = Store(own_store)
    demo = records.proposal_models(store, "010170")
    records.import_proposals(store, PLANNER, [Proposal.model_validate({
        **scaled(demo[k % len(demo)], MONEY_FACTORS[k % len(MONEY_FACTORS)]), "proposal_id": f"SY-P{k:05d}",
        "is_synthetic": True, "source": "tests"}) for k in range(320)])
    app = open_app_page("pages/presupuesto.py", PLANNER)
    assert not [e for e in app.expander if e.label.startswith("¿Por qué no? · ")]
    caption = next(c.value for c in app.caption if "elegibles quedan fuera" in c.value)
    unfunded = int(caption.split(" ")[0].replace(".", ""))
    assert "Con más de 300 propuestas, cada «¿por qué no?» se calcula al pedirlo" in caption
    pick = app.selectbox(key="budget-why-pick-optimal")
    assert len(pick.options) == unfunded > 0 and pick.value is None
    code = pick.options[-1].split(" · ")[0]  # the lowest-scored one
    pick.set_value(code).run()
    assert not app.exception
    assert "Entraría con un puntaje mayor que" in texts(app).split(code)[-1]  # its explanation, computed on demand


def test_nothing_is_saved_while_the_budget_cannot_be_read(own_store):
    app = open_app_page("pages/presupuesto.py", BOARD)
    for typed in ("50.000,555", ""):
        app.text_input(key="budget-amount").input(typed).run()
        button(app, "Fijar como presupuesto de la junta").click().run()
        assert any("Corrija los números señalados" in as_read(e.value) for e in app.error), typed
        assert scenarios.board_budget(Store(own_store), "010170") is None
    assert any("Presupuesto (USD): escriba un número." in as_read(e.value) for e in app.error)
    app.text_input(key="budget-save-name").input("Con el presupuesto en blanco")
    button(app, "Guardar escenario").click().run()
    assert not app.exception
    assert scenarios.load_scenario(Store(own_store), "010170-con-el-presupuesto-en-blanco") is None



@pytest.mark.parametrize("field", ["budget-amount", "budget-reserve"])
def test_an_amount_past_the_largest_budget_is_refused_at_its_field_and_nothing_is_fixed_or_saved(own_store, field):
    """«2.000.000.000.000» read as a number but broke the rules (at most 1.000.000.000.000): the page said «Estas
    reglas no se pueden usar» without naming the field, and «Fijar» and «Guardar escenario» then stored the last
    good rules ($ 48.000) as if they were the ones typed."""
    app = open_app_page("pages/presupuesto.py", BOARD)
    app.text_input(key=field).input("2.000.000.000.000").run()
    assert not app.exception
    name = {"budget-amount": "Presupuesto (USD)", "budget-reserve": "Reserva (USD)"}[field]
    assert any(as_read(e.value) == f"{name}: debe ser 1.000.000.000.000 o menos." for e in app.error), \
        [e.value for e in app.error]
    button(app, "Fijar como presupuesto de la junta").click().run()
    assert any("no se guardó nada" in as_read(e.value) for e in app.error)
    assert scenarios.board_budget(Store(own_store), "010170") is None
    app.text_input(key="budget-save-name").input("Con un monto imposible")
    button(app, "Guardar escenario").click().run()
    assert scenarios.load_scenario(Store(own_store), "010170-con-un-monto-imposible") is None

def test_proposals_asking_more_than_any_budget_still_open_both_pages(own_store):
    """A typo of trillions in one proposal made the suggested budget (half of what is asked) pass the largest budget
    the engine takes, and Priorización and Presupuesto stopped for everyone."""
    from core.proposals import records

    store = store_accounts(Store(own_store), PLANNER)
    stored = next(v for v in records.proposals(store, "010170") if v.item.proposal_id == "EV-P06")
    typo = stored.item
    lines = [line.model_dump() | {"amount_usd": line.amount_usd / typo.cost_usd * 4e12} for line in typo.budget_lines]
    typo = type(typo).model_validate(typo.model_dump() | {"cost_usd": 4e12, "requested_usd": 4e12,
                                                          "budget_lines": lines})
    records.save_proposal(store, PLANNER, typo, expected_version=stored.version)
    for page in ("pages/priorizacion.py", "pages/presupuesto.py"):
        assert not open_app_page(page, PLANNER).exception, page
    assert open_app_page("pages/presupuesto.py", PLANNER).text_input(key="budget-amount").value == \
        "1.000.000.000.000"


def test_the_saved_scenarios_name_their_author_and_write_every_budget_to_the_cent(own_store):
    from core.engine.allocation import AllocationRules
    from core.engine.weights import preset

    president = User(username="presidente-apptest", display_name="Segundo Cortez Añapa", role=Role.BOARD)
    store = store_accounts(Store(own_store), president)
    study = "Estudio El Valle: alcance y factibilidad"
    for name, budget in (("Apptest con centavos", 1234.5), ("Apptest redondo", 850.0)):
        scenarios.save_scenario(store, president, scenarios.Scenario(
            name=name, parish_code="010170", weights=preset(study), preset=study,
            rules=AllocationRules(budget_usd=budget)))
    app = open_app_page("pages/presupuesto.py", president)
    assert not app.exception, [e.value for e in app.exception]
    saved = frame(app, "Escenario", "Creado por")
    rows = {row["Escenario"]: row for row in saved.to_dict("records")}
    assert rows["Apptest redondo"]["Creado por"] == "Segundo Cortez Añapa"
    assert rows["Apptest redondo"]["Presupuesto"] == "$ 850,00"
    assert rows["Apptest con centavos"]["Presupuesto"] == "$ 1.234,50"


def test_a_suggested_budget_from_proposals_none_eligible_does_not_call_them_eligible(parish_store):
    """Another parish whose only proposal is still a draft: the starting budget halves what all its proposals ask,
    and the note beside it says so; it once said «las propuestas elegibles» above a warning that none is."""
    from core.record.store import Store
    from tests.test_app_preparar import PARISH, PLANNER
    from tests.test_app_preparar_own_records import _one_imported_proposal

    _one_imported_proposal(Store(parish_store), [])
    app = open_app_page("pages/presupuesto.py", PLANNER, parish=PARISH)
    [note] = [as_read(c.value) for c in app.caption if c.value.startswith("La junta aún no fijó el presupuesto")]
    assert "elegibles" not in note
    # not half of its $ 2.000: that would add «solo hay $ 1.000 disponibles» to the reasons it is out
    assert ("se parte de $ 2.000 (lo que pide al GAD la propuesta más grande de la parroquia, ninguna elegible "
            "todavía, redondeado al millar: la mitad de los $ 2.000 que piden todas no alcanzaría para ella)") in note
    # and the warning below it counts one proposal as one, not «ninguna de las 1 propuestas»
    assert [w.value for w in app.warning if "nada que repartir" in w.value] == [
        ("No hay nada que repartir: la única propuesta de la parroquia no pasa el filtro de elegibilidad con un "
        "presupuesto disponible de $ 2.000. Priorización muestra por qué queda fuera («Propuestas que no pasan el "
        "filtro de elegibilidad»).")]


def test_a_budget_with_cents_names_the_cost_and_the_unspent_money_by_one_rule(own_store):
    """«Costo: $ 48.200 ($ 1.800,50 sin asignar)» put a whole-dollar amount beside one to the cent in a sentence."""
    app = open_app_page("pages/presupuesto.py", PLANNER)
    app.text_input(key="budget-amount").input("50.000,50").run()
    lines = [line for m in app.markdown for line in m.value.splitlines() if line.startswith("- **Costo:**")]
    assert lines and all(re.fullmatch(r"- \*\*Costo:\*\* \$ [\d.]+,\d\d \(\$ [\d.]+,\d\d sin asignar\)", line)
                         for line in lines), lines
    assert "- **Costo:** $ 48.200,00 ($ 1.800,50 sin asignar)" in lines
