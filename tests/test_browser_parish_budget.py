"""Browser test of the issue's last step for another parish: Cacha (Riobamba, Chimborazo) starts prepared, as
«Preparar la parroquia» or `python -m core.parish load` leaves it (two associations, a 30-member KoBoToolbox
export, aid, problems and PDOT objectives, in a store of its own); a planner sees its 2022 census figures on Inicio,
imports its proposals file on Propuestas, and then Priorización ranks and Presupuesto funds that parish's proposals.

The preparation itself, by the page, is tests/test_browser_preparar.py; here the fixture stores the same files with
the same checks (core.parish's bulk load), so this test starts where that one ends."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from core.parish.__main__ import load
from core.proposals.import_templates import example_proposal, proposals_workbook
from core.proposals.models import BudgetLine, ProposalStatus
from core.record.auth import Accounts, Role, User
from core.record.store import Store
from tests.browser_steps import TEST_PASSWORD, choose_parish, open_page, served_app, sign_in, wait_for_app
from tests.parish_export import answers, export_csv
from tests.parish_files import AID, ASSOCIATIONS, PROBLEMS

pytestmark = pytest.mark.browser

PARISH = "060151"  # Cacha, Riobamba: a rural parish with no demo records, far from El Valle
PDOT = "Código;Componente;Objetivo\nOE1;Económico productivo;Mejorar los ingresos de los productores asociados\n"
# (code, lead association, title, total cost, requested from the GAD)
PROPOSALS = [("P01", "A01", "Riego por goteo para huertos de Cacha", 5_000, 4_000),
             ("P02", "A02", "Galpón comunitario de cuyes", 8_000, 6_400),
             ("P03", "A01", "Centro de acopio de hortalizas", 12_000, 9_600)]


def proposals_file(folder: Path) -> Path:
    """The planner's proposals workbook (the app's own template, filled in): three complete proposals, handed in."""
    base = example_proposal()
    proposals = [base.model_copy(update={
        "proposal_id": code, "association_id": f"{PARISH}-{association}",
        "association_ids": [f"{PARISH}-{association}"], "parish_code": PARISH, "title": title,
        "cost_usd": cost, "requested_usd": requested, "counterpart_associations_usd": cost - requested,
        "budget_lines": [BudgetLine(item="Materiales y equipos", amount_usd=requested, source="gad"),
                         BudgetLine(item="Mano de obra de los socios", amount_usd=cost - requested,
                                    source="associations")],
        "pdot_objective_ids": [f"{PARISH}-OE1"], "source": "Archivo de la técnica de Cacha",
        "status": ProposalStatus.SUBMITTED})  # handed in by their associations: only these compete
        for code, association, title, cost, requested in PROPOSALS]
    names = {f"{PARISH}-A01": "Asociación Flor de Mayo", f"{PARISH}-A02": "Unión Campesina"}
    path = folder / "propuestas-cacha.xlsx"
    path.write_bytes(proposals_workbook(proposals, names))
    return path


@pytest.fixture()
def prepared_parish(tmp_path, app_reads_the_test_build):
    """The app served over a store of its own where Cacha is prepared (nothing else entered) and one planner;
    yields (the app's URL, the proposals file to import)."""
    path = tmp_path / "cacha.sqlite"
    store = Store(path)
    accounts = Accounts(store)
    admin = accounts.create_first_admin("admin", "Administración", TEST_PASSWORD)
    accounts.create(admin, User(username="tecnica", display_name="Técnica de Cacha", role=Role.PLANNER),
                    TEST_PASSWORD)
    folder = tmp_path / "cacha"
    folder.mkdir()
    files = {"asociaciones.csv": ASSOCIATIONS.encode(), "ayudas.csv": AID.encode(),
             "problemas.csv": PROBLEMS.encode(), "objetivos_pdot.csv": PDOT.encode(),
             "encuesta.csv": export_csv(answers(30, ["A01", "Unión Campesina"]), labels=True)}
    for name, content in files.items():
        (folder / name).write_bytes(content)
    assert load(PARISH, folder, store) == 0
    with served_app({**os.environ, "MINGA_STORE": str(path)}) as url:
        yield url, proposals_file(tmp_path)


def test_a_prepared_parish_imports_its_proposals_and_sees_them_ranked_and_funded(page, prepared_parish):
    url, proposals = prepared_parish
    page.goto(url)
    wait_for_app(page)
    choose_parish(page, "Cacha")
    expect(page.get_by_text("Parroquia Cacha")).to_be_visible()
    census = page.get_by_test_id("stMetric").filter(has_text="Población · 2022")
    expect(census).to_contain_text("2.362")  # INEC, CPV 2022
    wait_for_app(page)  # Cacha's run has ended: El Valle's metrics, kept stale while it ran, are gone
    expect(page.get_by_test_id("stMetric").filter(has_text="Asociaciones")).to_contain_text("2")

    sign_in(page, "tecnica")
    open_page(page, "Propuestas")
    page.get_by_role("tab", name="Importar desde Excel o CSV").click()
    wait_for_app(page)
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(proposals))
    wait_for_app(page)
    expect(page.get_by_text(f"Vista previa de «{proposals.name}»")).to_be_visible()
    expect(page.get_by_test_id("stMetric").filter(has_text="Filas")).to_contain_text("3")
    page.get_by_role("button", name="Guardar todo").click()
    wait_for_app(page)
    expect(page.get_by_text("Se guardaron 3 propuestas en un solo paso.")).to_be_visible()

    open_page(page, "Priorización")
    picker = page.locator(".st-key-prio-explain [data-testid=stSelectbox]")  # the explanation's picker
    for code, *_ in PROPOSALS:  # each proposal of the parish has its place, its (short) title and its score
        picker.click()
        page.keyboard.type(code)  # as a person looks one up: the list opens filtered to it
        ranked = re.compile(rf"\d\. {code} · .+ — [\d,]+ puntos")
        expect(page.get_by_role("option").filter(has_text=ranked)).to_be_visible()
        page.keyboard.press("Escape")
    expect(page.get_by_text("EV-P01")).to_have_count(0)  # El Valle's demo is not this parish's ranking

    open_page(page, "Presupuesto")
    # The suggested budget is half of what the eligible proposals ask, $ 10.000: one of the three fits.
    expect(page.get_by_test_id("stMarkdown").filter(has_text="Financiadas: 1").first).to_be_visible()
    funded_line = re.compile(r"P0\d · \$ [\d.,]+ · \w")
    expect(page.get_by_test_id("stMarkdown").filter(has_text=funded_line).first).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
