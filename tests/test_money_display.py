"""Money reads by one rule on every page: a figure alone in whole dollars unless it has cents («$ 53.800»,
«$ 999,99»); a table column (or a row comparing figures) to the cent when any of its figures has cents, else in whole
dollars, never «$ 850» beside «$ 1.234,50» nor «$ 53.800,00» where every figure is whole."""

from __future__ import annotations

import re

import polars as pl
import pytest

from core.engine.allocation import AllocationResult, ProposalOutcome
from core.record.auth import Role, User
from tests.conftest import open_app_page
from ui import budget_charts, budget_tables

PLANNER = User(username="tecnica-dinero", display_name="Técnica del dinero", role=Role.PLANNER)
MONEY = re.compile(r"-?\$ \d{1,3}(\.\d{3})*(,\d{2})?")


def rule_broken(figures: list[str]) -> str | None:
    """Why a set of money texts shown together breaks the rule; None when it keeps it."""
    shown = [f for f in figures if MONEY.fullmatch(f)]
    with_cents = [f for f in shown if "," in f]
    if with_cents and len(with_cents) < len(shown):
        return f"whole dollars beside cents: {shown[:8]}"
    if with_cents and all(f.endswith(",00") for f in with_cents):
        return f"cents where every figure is whole: {shown[:8]}"
    return None


def broken_columns(frame) -> list[str]:
    frame = frame if isinstance(frame, pl.DataFrame) else pl.from_pandas(frame)
    return [f"{column}: {why}" for column in frame.columns
            if (why := rule_broken([v for v in frame[column].to_list() if isinstance(v, str)]))]


@pytest.mark.parametrize("page", ["comparar", "propuestas", "ayudas", "asociaciones", "priorizacion", "presupuesto",
                                  "ofertas", "seguimiento"])
def test_every_money_column_of_a_page_follows_one_rule(page, own_store):
    app = open_app_page(f"pages/{page}.py", PLANNER, parish="010170")
    assert [why for table in app.dataframe for why in broken_columns(table.value)] == []


def test_comparar_writes_the_aid_of_el_valle_as_inicio_does():
    """Comparar showed «$ 53.800,00» where Inicio showed «$ 53.800» for the same aid received."""
    inicio = open_app_page("pages/inicio.py", parish="010170")
    [aid] = [m.value for m in inicio.metric if m.label == "Ayudas recibidas"]
    comparar = open_app_page("pages/comparar.py", parish="010170")
    parishes = comparar.dataframe[-1].value
    assert parishes.loc[parishes["Parroquia"] == "El Valle", "Ayudas (USD)"].tolist() == [aid] == ["$ 53.800"]


def _outcome(code: str, cost: float, funded: bool, shed: float | None = None) -> ProposalOutcome:
    return ProposalOutcome(proposal_id=code, association_id="A1", association_ids=["A1"], title=code, cost_usd=cost,
                           score=50.0, funded=funded, reason_es="", cost_to_shed_usd=shed)


def _result(method: str, outcomes: list[ProposalOutcome], cost: float, unspent: float) -> AllocationResult:
    return AllocationResult.model_construct(
        method=method, feasible=True, proposals=outcomes, total_cost_usd=cost, unspent_usd=unspent, total_score=50.0,
        funded_ids=[o.proposal_id for o in outcomes if o.funded], associations_covered=["A1"], n_associations=1,
        beneficiaries=10, gini=0.0, max_association_share=1.0, associations=[])


# a whole cost beside one with cents, in each table the budget pages build
MIXED = [_outcome("P1", 850.0, True), _outcome("P2", 1234.5, True), _outcome("P3", 900.0, False, shed=100.0),
         _outcome("P4", 700.0, False, shed=12.5)]
TABLES = {
    "ranking": lambda: budget_tables.ranking_display(pl.DataFrame({
        "rank": [1, 2], "proposal_id": ["P1", "P2"], "title": ["a", "b"], "score": [50.0, 40.0],
        "cost_usd": [850.0, 1234.5], "funded": [True, False], "associations_es": ["", ""], "flags_es": ["", ""]})),
    "funded": lambda: budget_tables.funded_display(_result("optimal", MIXED, 2084.5, 0.0), {}),
    "unfunded": lambda: budget_tables.unfunded_display(_result("optimal", MIXED, 2084.5, 0.0), {}),
    "methods compared": lambda: budget_tables.metrics_display(budget_tables.metrics_frame(
        {"optimal": _result("optimal", MIXED, 2084.5, 15.5), "greedy": _result("greedy", MIXED, 2000.0, 100.0)})),
    "scenarios compared": lambda: budget_tables.comparison_totals_display(pl.DataFrame([
        {"metric": "total_cost_usd", "label_es": "Costo", "a": 2084.5, "b": 2000.0, "delta": -84.5},
        {"metric": "unspent_usd", "label_es": "Sin asignar", "a": 15.5, "b": 100.0, "delta": 84.5}]), ("A", "B")),
}


@pytest.mark.parametrize("table", list(TABLES))
def test_the_budget_tables_write_a_column_of_money_by_one_rule(table):
    shown = TABLES[table]()
    if table in ("methods compared", "scenarios compared"):  # the figures of a row are compared: one rule across it
        shown = shown.transpose(include_header=False)
    assert broken_columns(shown) == []


def test_the_chart_of_money_by_association_labels_its_bars_by_one_rule():
    shares = [{"association_id": a, "amount_usd": v, "share": 0.5, "share_of_budget": 0.5, "n_funded": 1,
               "covered": True} for a, v in (("A1", 850.0), ("A2", 1234.5))]
    result = _result("optimal", MIXED, 2084.5, 0.0).model_copy(update={"associations": [
        budget_tables.AssociationShare.model_construct(**s) for s in shares]})
    frame = budget_charts.association_money({"optimal": result}, {})
    assert rule_broken(frame["amount_text"].to_list()) is None
