"""IATI 2.03 export: the demo's export (offers, funded projects, agreements and their reviews) validates against the
official XSD and says what IATI expects of it; a parish publishes only its own activities and those it took up; the
CLI writes the file to stdout and names what it cannot read in Spanish."""

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from core.cooperation import agreements as agr
from core.cooperation import cooperants as coop
from core.cooperation import monitoring
from core.iati import identifiers as ids
from core.iati.context import export_context
from core.iati.export import activities_document, export_bytes
from core.iati.schema import activities_schema, parse, problems
from core.proposals import records
from core.proposals.models import Indicator
from core.proposals.offers import CooperationOffer
from core.record import overlay
from core.record.auth import PermissionDenied, Role, User
from core.record.store import Store
from tests.conftest import approve_proposal, store_accounts

ROOT = Path(__file__).resolve().parents[1]
PLANNER = User(username="tecnico", display_name="Técnica", role=Role.PLANNER)
BOARD = User(username="presidenta", display_name="Presidenta", role=Role.BOARD)
DECIDED = dt.date(2026, 3, 2)


@pytest.fixture()
def store(tmp_path, con):
    return Store(tmp_path / "s.sqlite")


def _activity(document, identifier):
    [found] = [a for a in document.getroot().findall("iati-activity") if a.findtext("iati-identifier") == identifier]
    return found


def test_the_demo_export_validates_against_the_shipped_schema(store, con):
    funded = approve_proposal(store, "EV-P02")
    document = parse(export_bytes(store, "010170", **export_context(con, "010170")))
    assert activities_schema().validate(document), activities_schema().error_log
    root = document.getroot()
    assert root.tag == "iati-activities" and root.get("version") == "2.03"
    identifiers = [a.findtext("iati-identifier") for a in root.findall("iati-activity")]
    offers = con.execute("SELECT count(*) FROM raw_offers").fetchone()[0]
    assert len(identifiers) == offers + 1 and len(set(identifiers)) == len(identifiers)
    assert all(i.startswith("EC-DPA-010170-") for i in identifiers)
    project = _activity(document, "EC-DPA-010170-EV-P02")
    assert project.find("reporting-org").get("type") == "11"  # local government
    assert project.findtext("reporting-org/narrative") == "GAD Parroquial Rural de El Valle"
    assert float(project.findtext("budget/value")) == pytest.approx(funded.requested_usd)
    assert project.find("transaction/transaction-type").get("code") == "2"  # commitment
    assert project.find("transaction/transaction-date").get("iso-date") == DECIDED.isoformat()
    goals = {t.get("code") for t in project.findall("tag[@vocabulary='2']")}
    assert goals == {str(g) for g in funded.sdg_goals}
    assert {t.get("code") for t in project.findall("tag[@vocabulary='3']")} == set(funded.sdg_targets)
    assert len(project.findall("result/indicator")) == len(funded.indicators)


def test_proposals_not_funded_are_not_published(store):
    document = activities_document(store, "010170")
    identifiers = {a.findtext("iati-identifier") for a in document.getroot().findall("iati-activity")}
    assert not any("EV-P" in i for i in identifiers)


@pytest.mark.parametrize("offer_id, status_code, ref", [
    ("OF-JAPON-RIEGO", "1", "XM-DAC-701"),  # open call of a DAC government: pipeline, DAC identifier
    ("OF-ISRAEL-PGA-2019", "4", None),  # executed; Israel is not a DAC member: no invented identifier
])
def test_offers_carry_status_and_the_cooperants_identifier(store, offer_id, status_code, ref):
    document = activities_document(store, "010170")
    activity = _activity(document, f"EC-DPA-010170-{offer_id}")
    assert activity.find("activity-status").get("code") == status_code
    assert activity.find("participating-org[@role='1']").get("ref") == ref


def _identifiers(store, parish):
    return {a.findtext("iati-identifier") for a in activities_document(store, parish).getroot().findall("iati-activity")}


def test_a_parish_publishes_only_its_own_offers_and_those_it_took_up(store):
    other = "190256"
    assert not _identifiers(store, other), "El Valle's offers are not another parish's activities"
    japan = records.offers(store)
    japan = next(v for v in japan if v.item.offer_id == "OF-JAPON-RIEGO")
    assert japan.item.parish_code == "010170"
    store_accounts(store, PLANNER)
    entered = japan.item.model_copy(update={"offer_id": "OF-PUCA-1", "parish_code": other})
    records.save_offer(store, PLANNER, entered)
    demo = records.proposals(store, "010170")[0].item
    taken_up = demo.model_copy(update={"proposal_id": "PU-1", "parish_code": other, "association_id": "190256-A1",
                                       "association_ids": ["190256-A1"], "cooperation_offer_id": "OF-FLOK-SIGCHOS"})
    store.save(records.PROPOSAL, "PU-1", taken_up.model_dump(mode="json"), actor="test", parish_code=other)
    assert _identifiers(store, other) == {f"EC-DPA-{other}-OF-PUCA-1", f"EC-DPA-{other}-OF-FLOK-SIGCHOS"}
    assert "EC-DPA-010170-OF-PUCA-1" not in _identifiers(store, "010170")


def test_a_demo_offer_edited_before_offers_kept_their_parish_is_still_published_by_it(store):
    """A store written by the previous version holds an edited demo offer without `parish_code`."""
    body = overlay.current(store, records.OFFER, "OF-JAPON-RIEGO").body
    old = {k: v for k, v in body.items() if k != "parish_code"} | {"title": "Riego (editada antes)"}
    store.save(records.OFFER, "OF-JAPON-RIEGO", old, actor="test")
    assert "EC-DPA-010170-OF-JAPON-RIEGO" in _identifiers(store, "010170")
    assert not _identifiers(store, "190256")


def test_the_registry_identifier_of_a_cooperant_names_it_in_its_offers(store):
    charity = coop.by_id(coop.cooperants(store))["CO-CHARITY-ANYWHERE"]
    assert _activity(activities_document(store, "010170"), "EC-DPA-010170-OF-CHARITY-ANYWHERE").find(
        "participating-org[@role='1']").get("ref") is None
    coop.save_cooperant(store, PLANNER, charity.model_copy(update={"iati_org_id": "GB-CHC-1234567"}))
    offer = _activity(activities_document(store, "010170"), "EC-DPA-010170-OF-CHARITY-ANYWHERE")
    assert offer.find("participating-org[@role='1']").get("ref") == "GB-CHC-1234567"


def test_a_recorded_ruc_names_the_gad_and_only_planners_record_it(store):
    with pytest.raises(PermissionDenied):
        ids.save_publisher(store, BOARD, "010170", "0160000000001")
    with pytest.raises(ValueError, match="RUC"):
        ids.save_publisher(store, PLANNER, "010170", "12345")
    ids.save_publisher(store, PLANNER, "010170", "0160-000000-001")
    document = activities_document(store, "010170")
    refs = {a.find("reporting-org").get("ref") for a in document.getroot().findall("iati-activity")}
    assert refs == {"EC-RUC-0160000000001"}
    assert not [c for c in document.getroot().iter(etree.Comment)]  # no provisional notice any more


def test_text_indicators_are_qualitative_and_numbers_quantitative(store):
    proposal = approve_proposal(store, "EV-P02").model_copy(update={"indicators": [
        Indicator(name="Familias con riego", baseline="0", target="25", means_of_verification="Actas"),
        Indicator(name="Organización", baseline="débil", target="fortalecida", means_of_verification="Informe")]})
    store.save(records.PROPOSAL, "EV-P02", proposal.model_dump(mode="json"), actor="test", parish_code="010170")
    document = activities_document(store, "010170")
    assert not problems(document)
    indicators = _activity(document, "EC-DPA-010170-EV-P02").findall("result/indicator")
    assert [i.get("measure") for i in indicators] == ["1", "5"]
    assert indicators[0].find("period/target").get("value") == "25"
    assert indicators[1].find("period/target").get("value") is None


@pytest.mark.parametrize(("typed", "exported"), [("1.200", "1200"), ("1234567,89", "1234567.89"), ("12,5", "12.5")])
def test_an_indicator_typed_in_es_ec_is_exported_as_its_number(store, typed, exported):
    """«1.200» familias went out as 1.2, and «1234567,89» as 1.23457e+06."""
    proposal = approve_proposal(store, "EV-P02").model_copy(update={"indicators": [
        Indicator(name="Familias con riego", baseline="0", target=typed, means_of_verification="Actas")]})
    store.save(records.PROPOSAL, "EV-P02", proposal.model_dump(mode="json"), actor="test", parish_code="010170")
    indicator = _activity(activities_document(store, "010170"), "EC-DPA-010170-EV-P02").find("result/indicator")
    assert indicator.find("period/target").get("value") == exported


def test_a_control_character_pasted_into_a_title_does_not_stop_the_file(store):
    proposal = approve_proposal(store, "EV-P02").model_copy(update={"title": "Riego\x0bpor goteo"})
    store.save(records.PROPOSAL, "EV-P02", proposal.model_dump(mode="json"), actor="test", parish_code="010170")
    document = activities_document(store, "010170")
    assert not problems(document)
    assert _activity(document, "EC-DPA-010170-EV-P02").findtext("title/narrative") == "Riego por goteo"


def test_the_cli_writes_a_valid_file_to_stdout(tmp_path, con, built_data_dir):
    path = tmp_path / "cli.sqlite"
    store = Store(path)
    approve_proposal(store, "EV-P05")
    env = {"MINGA_DATA_DIR": str(built_data_dir), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-m", "core.iati", "export", "--parish", "010170", str(path)],
                          check=False, cwd=ROOT, capture_output=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    document = parse(done.stdout)
    assert not problems(document)
    assert any(a.findtext("iati-identifier") == "EC-DPA-010170-EV-P05" for a in document.getroot())
    assert "provisional" in done.stderr.decode()
    unknown = subprocess.run([sys.executable, "-m", "core.iati", "export", "--parish", "999999", str(path)],
                             check=False, cwd=ROOT, capture_output=True, env=env, timeout=120)
    assert unknown.returncode == 1 and "999999" in unknown.stderr.decode() and not unknown.stdout
    typo = subprocess.run([sys.executable, "-m", "core.iati", "export", str(tmp_path / "cli.sqlit")],
                          check=False, cwd=ROOT, capture_output=True, env=env, timeout=120)
    assert typo.returncode == 2 and "No existe el almacén" in typo.stderr.decode() and not typo.stdout
    assert not (tmp_path / "cli.sqlit").exists()


def _japan_agreement(store: Store, end_date: dt.date, gad_usd: float = 12_000,
                     community_usd: float = 0) -> agr.Agreement:
    """EV-P02 sent to the Japanese embassy (a demo cooperant, read where built), accepted and signed: USD 30.000
    from Japan and 12.000 from the GAD. The junta approved EV-P02 first: an agreement is signed only then."""
    approve_proposal(store, "EV-P02")
    agr.submit(store, PLANNER, agr.Application(application_id="AP-1", parish_code="010170", proposal_id="EV-P02",
                                               cooperant_id="CO-JAPON", submitted_on=dt.date(2026, 10, 1)))
    agr.record_answer(store, PLANNER, "AP-1", "accepted", dt.date(2026, 11, 1))
    return agr.sign(store, BOARD, agr.AgreementDraft(
        application_id="AP-1", signed_on=dt.date(2026, 12, 1), start_date=dt.date(2027, 1, 1), end_date=end_date,
        cooperant_usd=30_000, gad_usd=gad_usd, community_usd=community_usd,
        indicators=[agr.AnnexIndicator(name="Hectáreas regadas", unit="ha", baseline=0, target=40,
                                       means_of_verification="Informe técnico")]))


@pytest.mark.usefixtures("today_after_the_demo")  # the agreement reports through 2027
def test_an_agreement_exports_with_commitments_expenditures_and_results(store):
    agreement = _japan_agreement(store, dt.date(2028, 6, 30))
    for report_id, end, spent in (("R1", dt.date(2027, 3, 31), 5_000), ("R2", dt.date(2027, 6, 30), 12_000)):
        monitoring.save_report(store, PLANNER, monitoring.Report(
            report_id=report_id, agreement_id=agreement.agreement_id, period_end=end, physical_progress_pct=30,
            spent_cooperant_usd=spent, values=[monitoring.IndicatorValue(name="Hectáreas regadas", value=12)]))
    document = activities_document(store, "010170", generated=dt.datetime(2027, 7, 1, tzinfo=dt.UTC))
    assert not problems(document)
    activity = _activity(document, f"EC-DPA-010170-{agreement.agreement_id}")
    assert activity.find("activity-status").get("code") == "2"
    assert activity.find("participating-org[@role='1']").get("ref") == "XM-DAC-701"
    budgets = activity.findall("budget")
    assert len(budgets) == 2 and sum(float(b.findtext("value")) for b in budgets) == pytest.approx(42_000)
    kinds = [(t.find("transaction-type").get("code"), float(t.findtext("value")))
             for t in activity.findall("transaction")]
    assert kinds == [("11", 30_000), ("2", 12_000), ("4", 5_000), ("4", 7_000)]
    indicator = activity.find("result/indicator")
    assert indicator.find("baseline").get("value") == "0" and indicator.find("period/target").get("value") == "40"
    assert indicator.find("period/actual").get("value") == "12"


@pytest.mark.parametrize(("cooperant", "gad"), [(1000.01, 0.0), (50_000.05, 0.0), (30_000.0, 12_000.01)])
def test_the_years_of_an_agreement_add_up_to_its_total_to_the_cent(store, cooperant, gad):
    """Each year's share was rounded alone: 1.000,01 came out as 1.000,00 in all."""
    approve_proposal(store, "EV-P02")  # approved by the junta: an agreement is signed only then
    agr.submit(store, PLANNER, agr.Application(application_id="AP-1", parish_code="010170", proposal_id="EV-P02",
                                               cooperant_id="CO-JAPON", submitted_on=dt.date(2026, 10, 1)))
    agr.record_answer(store, PLANNER, "AP-1", "accepted", dt.date(2026, 11, 1))
    agreement = agr.sign(store, BOARD, agr.AgreementDraft(
        application_id="AP-1", signed_on=dt.date(2026, 12, 1), start_date=dt.date(2027, 1, 1),
        end_date=dt.date(2029, 6, 30), cooperant_usd=cooperant, gad_usd=gad, community_usd=0,
        indicators=[agr.AnnexIndicator(name="Hectáreas regadas", unit="ha", baseline=0, target=40,
                                       means_of_verification="Informe técnico")]))
    document = activities_document(store, "010170", generated=dt.datetime(2027, 7, 1, tzinfo=dt.UTC))
    cents = [round(float(b.findtext("value")) * 100)
             for b in _activity(document, f"EC-DPA-010170-{agreement.agreement_id}").findall("budget")]
    assert len(cents) == 3 and sum(cents) == round((cooperant + gad) * 100)


@pytest.mark.usefixtures("today_after_the_demo")  # the agreement reports through 2027
def test_reviews_with_a_public_report_are_linked_as_documents_and_the_file_still_validates(store):
    from core.cooperation import reviews

    agreement = _japan_agreement(store, dt.date(2027, 12, 31))
    reviews.save_midterm(store, PLANNER, reviews.MidtermEvaluation(
        agreement_id=agreement.agreement_id, evaluated_on=dt.date(2027, 6, 30), evaluator="Universidad",
        findings="Avance a tiempo", recommendation="continue", report_url="https://elvalle.gob.ec/intermedia.pdf"))
    for audit_id, url in (("AUD-1", "https://elvalle.gob.ec/auditoria"), ("AUD-2", None)):
        reviews.save_audit(store, PLANNER, reviews.Audit(
            audit_id=audit_id, agreement_id=agreement.agreement_id, audited_on=dt.date(2027, 7, 15),
            auditor="Contraloría", kind="financial", findings="Sin hallazgos graves", report_url=url))
    document = activities_document(store, "010170", generated=dt.datetime(2027, 7, 20, tzinfo=dt.UTC))
    assert not problems(document)
    links = _activity(document, f"EC-DPA-010170-{agreement.agreement_id}").findall("document-link")
    # the audit without a public address has no place in IATI
    assert [(d.get("url"), d.get("format"), d.find("category").get("code"), d.find("document-date").get("iso-date"))
            for d in links] == [("https://elvalle.gob.ec/intermedia.pdf", "application/pdf", "A07", "2027-06-30"),
                                ("https://elvalle.gob.ec/auditoria", "text/html", "A07", "2027-07-15")]
    assert links[0].findtext("title/narrative") == "Evaluación intermedia del convenio CONV-2026-001"


def test_the_cli_names_a_stored_record_that_no_longer_reads_in_spanish(tmp_path, built_data_dir):
    path = tmp_path / "roto.sqlite"
    store = Store(path)
    body = dict(overlay.current(store, records.PROPOSAL, "EV-P05").body)
    del body["title"]  # written by hand: a proposal without its title
    store.save(records.PROPOSAL, "EV-P05", body, actor="test", parish_code="010170")
    env = {"MINGA_DATA_DIR": str(built_data_dir), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-m", "core.iati", "export", str(path)], check=False, cwd=ROOT,
                          capture_output=True, env=env, timeout=120)
    assert done.returncode == 2 and not done.stdout
    err = done.stderr.decode()
    assert "un registro guardado ya no se puede leer" in err and "pydantic" not in err and "Field required" not in err


@pytest.mark.usefixtures("today_after_the_demo")  # the agreement reports through 2027
def test_each_indicator_publishes_its_newest_reported_value_with_the_report_it_comes_from(store):
    """A newer report saved without an indicator left it without an actual value, though an earlier report gave
    one."""
    agreement = _japan_agreement(store, dt.date(2028, 6, 30))
    monitoring.save_report(store, PLANNER, monitoring.Report(
        report_id="R1", agreement_id=agreement.agreement_id, period_end=dt.date(2027, 3, 31),
        physical_progress_pct=30, values=[monitoring.IndicatorValue(name="Hectáreas regadas", value=12)]))
    monitoring.save_report(store, PLANNER, monitoring.Report(
        report_id="R2", agreement_id=agreement.agreement_id, period_end=dt.date(2027, 6, 30),
        physical_progress_pct=45))
    document = activities_document(store, "010170", generated=dt.datetime(2027, 7, 1, tzinfo=dt.UTC))
    assert not problems(document)
    actual = _activity(document, f"EC-DPA-010170-{agreement.agreement_id}").find("result/indicator/period/actual")
    assert actual is not None and actual.get("value") == "12"
    assert actual.findtext("comment/narrative") == "Valor del informe R1 (período hasta el 31/03/2027)."


@pytest.mark.usefixtures("today_after_the_demo")  # the agreement reports through 2027
def test_each_expenditure_names_as_provider_the_party_whose_money_was_spent(store):
    """Every expenditure of an agreement went out with the GAD as provider (and as receiver), the cooperant's money
    spent included."""
    agreement = _japan_agreement(store, dt.date(2028, 6, 30))
    for report_id, end, cooperant, gad in (("R1", dt.date(2027, 3, 31), 5_000, 2_000),
                                           ("R2", dt.date(2027, 6, 30), 12_000, 2_000),
                                           ("R3", dt.date(2027, 9, 30), 12_000, 4_500)):
        monitoring.save_report(store, PLANNER, monitoring.Report(
            report_id=report_id, agreement_id=agreement.agreement_id, period_end=end, physical_progress_pct=40,
            spent_cooperant_usd=cooperant, spent_gad_usd=gad))
    document = activities_document(store, "010170", parish_name="El Valle",
                                   generated=dt.datetime(2027, 10, 1, tzinfo=dt.UTC))
    assert not problems(document)
    activity = _activity(document, f"EC-DPA-010170-{agreement.agreement_id}")
    japan, gad = ("Embajada del Japón", "XM-DAC-701"), ("GAD Parroquial Rural de El Valle", "EC-DPA-010170")
    spent = [(t.find("transaction-date").get("iso-date"), float(t.findtext("value")),
              (t.findtext("provider-org/narrative"), t.find("provider-org").get("ref")), t.find("receiver-org"))
             for t in activity.findall("transaction") if t.find("transaction-type").get("code") == "4"]
    assert spent == [("2027-03-31", 5_000, japan, None), ("2027-03-31", 2_000, gad, None),
                     ("2027-06-30", 7_000, japan, None), ("2027-09-30", 2_500, gad, None)]


@pytest.mark.parametrize(("party", "provider", "narrative"), [
    ("cooperant", "Embajada del Japón",
     "Gasto del período con fondos del cooperante Embajada del Japón, según el informe de avance R1."),
    ("gad", "GAD Parroquial Rural de El Valle",
     "Gasto del período con fondos propios del GAD Parroquial Rural de El Valle, según el informe de avance R1."),
    ("community", "Comunidad", "Gasto del período con el aporte de la comunidad, según el informe de avance R1."),
])
@pytest.mark.usefixtures("today_after_the_demo")  # the agreement reports through 2027
def test_an_expenditure_says_in_plain_spanish_whose_money_was_spent(store, party, provider, narrative):
    """«con fondos de Comunidad», «con fondos de GAD Parroquial…» read wrong: each party is named as Spanish says it."""
    agreement = _japan_agreement(store, dt.date(2028, 6, 30), gad_usd=8_000, community_usd=4_000)
    monitoring.save_report(store, PLANNER, monitoring.Report(
        report_id="R1", agreement_id=agreement.agreement_id, period_end=dt.date(2027, 3, 31), physical_progress_pct=20,
        **{f"spent_{party}_usd": 1_000}))
    document = activities_document(store, "010170", parish_name="El Valle",
                                   generated=dt.datetime(2027, 4, 1, tzinfo=dt.UTC))
    activity = _activity(document, f"EC-DPA-010170-{agreement.agreement_id}")
    [spent] = [t for t in activity.findall("transaction") if t.find("transaction-type").get("code") == "4"]
    assert (spent.findtext("provider-org/narrative"), spent.findtext("description/narrative")) == (provider, narrative)


def test_a_project_a_cooperant_co_finances_names_the_cooperant_of_its_offer(store):
    """EV-P13 takes USD 6.000 from the Freedom House offer: its funder went out as «OF-FREEDOM-HOUSE», a code."""
    proposal = approve_proposal(store, "EV-P13")
    assert proposal.counterpart_cooperant_usd > 0 and proposal.cooperation_offer_id == "OF-FREEDOM-HOUSE"
    offer = CooperationOffer.model_validate(overlay.current(store, records.OFFER, "OF-FREEDOM-HOUSE").body)
    activity = _activity(activities_document(store, "010170"), "EC-DPA-010170-EV-P13")
    funders = [(o.findtext("narrative"), o.get("type")) for o in activity.findall("participating-org[@role='1']")]
    assert funders[1:] == [(offer.cooperant, ids.ORGANISATION_TYPE[offer.cooperant_kind])]
    assert offer.cooperant != offer.offer_id
