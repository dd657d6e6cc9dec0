"""The alignment matrix and the PDOT objectives no proposal serves, over the El Valle demo records."""

from __future__ import annotations

import altair as alt
import pytest

from core.data.db import query
from core.engine import scenarios
from core.engine.allocation import AllocationRules
from core.engine.prioritization import load_inputs
from core.engine.weights import preset
from core.proposals import alignment
from core.proposals.import_templates import demo_proposals
from core.proposals.models import ProposalStatus
from core.record.auth import Role, User
from core.record.store import Store
from ui import alignment_chart

PARISH = "010170"


@pytest.fixture(scope="module")
def proposals():
    return demo_proposals(PARISH)


@pytest.fixture(scope="module")
def pdot(con):
    frame = query(con, "SELECT pdot_objective_id, component, objective_es FROM pdot_objectives WHERE parish_code = ?",
                  [PARISH])
    return {r["pdot_objective_id"]: (r["component"], r["objective_es"]) for r in frame.iter_rows(named=True)}


@pytest.fixture(scope="module")
def axes(con):
    return query(con, "SELECT * FROM alignment_axes")


def test_the_axes_view_has_every_ods_goal_and_pnd_objective(axes, con):
    assert axes.filter(axes["framework"] == "ods").height == 17
    assert axes.filter(axes["framework"] == "pnd").height == query(con, "SELECT count(*) n FROM pnd_objectives")["n"][0]
    assert set(axes.columns) >= {"framework", "code", "label_es", "title_es", "group_es", "plan_id", "sort_key"}
    assert axes.filter((axes["framework"] == "ods") & (axes["code"] == "2"))["label_es"][0] == "ODS 2 · Hambre Cero"


def test_links_are_one_row_per_proposal_framework_and_code(proposals):
    frame = alignment.links(proposals)
    p01 = frame.filter(frame["proposal_id"] == "EV-P01")
    assert sorted(p01.filter(p01["framework"] == "pdot")["code"].to_list()) == ["EV-OE1", "EV-OE2"]
    assert sorted(p01.filter(p01["framework"] == "ods")["code"].to_list()) == ["12", "2", "8"]
    p14 = frame.filter(frame["proposal_id"] == "EV-P14")
    assert p14.filter(p14["framework"] == "pdot").is_empty() and not p14.is_empty()


def brute_count(proposals, objective, goal):
    return sum(1 for p in proposals if objective in p.pdot_objective_ids and goal in p.sdg_goals)


def test_each_cell_counts_the_proposals_that_serve_both(proposals, pdot, axes):
    ods = alignment.matrix(proposals, pdot, axes, "ods")
    for row in ods.filter(ods["pdot_objective_id"] != alignment.NO_PDOT).iter_rows(named=True):
        assert row["proposals"] == brute_count(proposals, row["pdot_objective_id"], int(row["code"]))
        assert row["proposals"] == len([i for i in row["proposal_ids"].split(", ") if i])
    # every PDOT objective is a row, also those no proposal serves; EV-P14 names none
    assert set(ods["pdot_objective_id"]) == set(pdot) | {alignment.NO_PDOT}
    none = ods.filter((ods["pdot_objective_id"] == alignment.NO_PDOT) & (ods["proposals"] > 0))
    assert set(none["proposal_ids"]) == {"EV-P14"}
    assert set(none["pdot_code"]) == {"Sin objetivo del PDOT"}  # what a download names that row by
    # only the goals some proposal names are columns (unless asked for all 17)
    named = {str(g) for p in proposals for g in p.sdg_goals}
    assert set(ods["code"]) == named
    assert alignment.matrix(proposals, pdot, axes, "ods", only_used=False)["code"].n_unique() == 17


def test_pnd_columns_keep_the_plans_proposals_use(proposals, pdot, axes):
    pnd = alignment.matrix(proposals, pdot, axes, "pnd")
    assert {c.split("-")[0] for c in pnd["code"]} == {"PND_2024_2025"}
    assert pnd["code"].n_unique() == 10  # the whole plan, so the objectives no proposal serves show too
    cell = pnd.filter((pnd["pdot_objective_id"] == "EV-OE6") & (pnd["code"] == "PND_2024_2025-5"))
    expected = sum(1 for p in proposals if "EV-OE6" in p.pdot_objective_ids
                   and "PND_2024_2025-5" in p.pnd_objective_ids)
    assert cell["proposals"][0] == expected > 0


def test_unserved_pdot_objectives_are_found_and_marked(proposals, pdot, axes):
    gaps = alignment.unserved(proposals, pdot)
    assert gaps == sorted(o for o in pdot if not any(o in p.pdot_objective_ids for p in proposals))
    assert gaps, "the demo leaves at least one PDOT objective without a proposal"
    cover = alignment.coverage(proposals, pdot)
    assert cover.filter(~cover["served"])["pdot_objective_id"].to_list() == gaps
    ods = alignment.matrix(proposals, pdot, axes, "ods")
    assert set(ods.filter(~ods["served"])["pdot_objective_id"]) == set(gaps)
    # with fewer proposals, more gaps
    assert set(alignment.unserved(proposals[:2], pdot)) > set(gaps)


def test_codes_missing_from_the_catalogue_are_kept(proposals, pdot, axes):
    odd = proposals[0].model_copy(update={"pnd_objective_ids": ["PND_2030_2034-1"]})
    pnd = alignment.matrix([odd], pdot, axes, "pnd")
    assert "PND_2030_2034-1" in set(pnd["code"]) and "PND_2030_2034-1" in set(pnd["code_label"])


def test_funded_by_status_and_the_heatmap(proposals, pdot, axes):
    funded = proposals[0].model_copy(update={"status": ProposalStatus.FUNDED, "status_history": []})
    assert alignment.funded_by_status([funded, *proposals[1:]]) == {funded.proposal_id}
    chart = alignment_chart.heatmap(alignment.matrix(proposals, pdot, axes, "ods"),
                              alignment.matrix(proposals, pdot, axes, "pnd"), title="Alineación")
    assert isinstance(chart, alt.HConcatChart)
    spec = chart.to_dict()
    titles = [layer["encoding"]["x"]["title"] for panel in spec["hconcat"] for layer in panel["layer"]]
    assert "Objetivo de Desarrollo Sostenible (ODS)" in titles
    assert "Objetivo del Plan Nacional de Desarrollo (PND)" in titles
    assert spec["config"]["locale"]["number"]["decimal"] == ","
    empty = alignment.matrix([], {}, axes, "ods")
    assert empty.is_empty()
    alignment_chart.heatmap(empty, empty, title="Vacío").to_dict()


def test_funded_in_scenario_reruns_the_saved_scenario(tmp_path, con):
    store = Store(tmp_path / "s.sqlite")
    assert alignment.funded_in_scenario(con, store, PARISH, "no-existe") is None
    planner = User(username="tecnica", display_name="Técnica", role=Role.PLANNER)
    scenario = scenarios.Scenario(name="Prueba de alineación", parish_code=PARISH,
                                  weights=preset("Estudio El Valle: alcance y factibilidad"),
                                  rules=AllocationRules(budget_usd=40000, min_one_per_association=True))
    saved = scenarios.save_scenario(store, planner, scenario)
    funded = alignment.funded_in_scenario(con, store, PARISH, saved.scenario_id)
    expected = scenarios.run_scenario(load_inputs(con, PARISH, store=store), scenario, explain=False).result
    assert funded == set(expected.funded_ids) and funded
    assert alignment.funded_in_scenario(con, store, "010151", saved.scenario_id) is None
