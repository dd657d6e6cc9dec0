"""The parish's cooperation as an IATI 2.03 activity file (`iati-activities` root), valid against the official schema.

One `iati-activity` per record, reported by the parish GAD (core.iati.identifiers.Publisher):
- each cooperation offer the parish holds: one its planner recorded or read (`parish_code`), or one it took up (named
  by one of its proposals, or behind the call of one of its applications) (activity status: pipeline while open, closed when executed,
  cancelled when the call closed or it was not executed), with the cooperant as funding organisation (named by the
  identifier the cooperant registry holds, core.cooperation.cooperants, else as identifiers.cooperant_ref), its amount
  as an indicative budget and the parish's share of its cost split as participating organisations;
- each agreement (convenio) of the parish, with its budgets, commitments, expenditures and results
  (core.iati.agreements);
- each project of the parish the board funded (proposal status funded, in execution or closed), with the
  associations as implementing organisations, a cooperant co-financing it as a funding one (named as the activity
  of its offer names it), the GAD's money as a committed budget and a commitment transaction on the decision's
  date, and the proposal's indicators as results.
SDG goals and targets are tags with IATI's SDG vocabularies (2 and 3). Text is Spanish (`xml:lang="es"`), money USD.

Dates: where a record has no planned date, the activity date is the date the parish recorded it (offers) or
the date of the board's decision (projects), and its narrative says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from lxml import etree

from core import fmt
from core.cooperation.agreements import agreements, applications
from core.cooperation.calls import calls
from core.cooperation.cooperants import cooperant_of_offer, cooperants
from core.iati import elements as el
from core.iati import identifiers as ids
from core.iati.agreements import agreement_activity
from core.iati.elements import Reporter
from core.iati.schema import problems
from core.proposals.models import Indicator, Proposal, ProposalStatus
from core.proposals.offers import REIMBURSABLE_TYPES, CooperationOffer
from core.proposals.records import OFFER, PROPOSAL
from core.record import facts, overlay
from core.record.store import Store
from core.texts import label, t

IATI_VERSION = "2.03"
FUNDED_STATUSES = {ProposalStatus.FUNDED: ids.STATUS_PIPELINE, ProposalStatus.IN_EXECUTION: ids.STATUS_IMPLEMENTATION,
                   ProposalStatus.CLOSED: ids.STATUS_CLOSED}
OFFER_STATUSES = {"open": ids.STATUS_PIPELINE, "executed": ids.STATUS_CLOSED, "closed": ids.STATUS_CANCELLED,
                  "not_executed": ids.STATUS_CANCELLED}


@dataclass(frozen=True)
class StoredOffer:
    offer: CooperationOffer
    recorded_on: dt.date
    cooperant_ref: str | None  # the registry's IATI identifier of its cooperant, else the DAC one, else None


# -- offers -------------------------------------------------------------------------------------

def _offer_activity(root: etree._Element, reporter: Reporter, stored: StoredOffer,
                    sdg_names: Mapping[int, str]) -> None:
    offer = stored.offer
    description = offer.conditions or offer.outcome or t("iati.offer.description", cooperant=offer.cooperant)
    activity = el.activity(root, reporter, offer.offer_id, offer.title, description)
    el.org(activity, "participating-org", offer.cooperant, stored.cooperant_ref,
           ids.ORGANISATION_TYPE[offer.cooperant_kind], role=ids.ROLE_FUNDING)
    for share in offer.cost_split:
        if share.role != "cooperant":
            el.org(activity, "participating-org", share.party, None, None, role=ids.ROLE_FUNDING)
    el.org(activity, "participating-org", reporter.name, reporter.org_ref, ids.LOCAL_GOVERNMENT,
           role=ids.ROLE_IMPLEMENTING)
    etree.SubElement(activity, "activity-status", code=OFFER_STATUSES[offer.status])
    start = offer.open_date or offer.deadline
    if start is None:
        start = stored.recorded_on
        el.activity_date(activity, ids.DATE_PLANNED_START, start, t("iati.date.recorded"))
    else:
        el.activity_date(activity, ids.DATE_PLANNED_START, start, t("iati.date.call_open"))
    if offer.deadline and offer.deadline != start:
        el.activity_date(activity, ids.DATE_PLANNED_END, offer.deadline, t("iati.date.call_close"))
    etree.SubElement(activity, "recipient-country", code="EC", percentage="100")
    el.sdg_tags(activity, offer.sdg_goals, [], sdg_names)
    finance = ids.FINANCE_LOAN if offer.cooperation_type in REIMBURSABLE_TYPES else ids.FINANCE_GRANT
    etree.SubElement(activity, "default-finance-type", code=finance)
    if offer.cooperation_type == "technical_assistance":
        etree.SubElement(activity, "default-aid-type", code=ids.AID_TECHNICAL_ASSISTANCE, vocabulary="1")
    if offer.amount_usd:
        el.budget(activity, ids.BUDGET_INDICATIVE, start, el.year_end(start), offer.amount_usd)
    if offer.counterpart_required_pct or offer.counterpart_required_usd:
        conditions = etree.SubElement(activity, "conditions", attached="1")
        required = offer.required_counterpart_usd()
        text = t("iati.offer.counterpart", amount=fmt.amount(required),
                 kind=label("cooperation_type", offer.cooperation_type))
        el.texted(conditions, "condition", text, type="1")


# -- funded projects ----------------------------------------------------------------------------

def _funded_on(proposal: Proposal) -> dt.date | None:
    for change in reversed(proposal.status_history):
        if change.status == ProposalStatus.FUNDED and change.date:
            return change.date
    return None


def _number(text: str) -> float | None:
    """An indicator's value as a person typed it («1.200», «12,5»), or None when it is words (a qualitative one)."""
    try:
        return fmt.read_number(text, decimals=6)
    except fmt.NumberTextError:
        return None


def _result(activity: etree._Element, indicator: Indicator, start: dt.date, end: dt.date) -> None:
    baseline, target = _number(indicator.baseline), _number(indicator.target)
    quantitative = baseline is not None and target is not None
    result = etree.SubElement(activity, "result", type=ids.RESULT_OUTPUT, **{"aggregation-status": "0"})
    el.texted(result, "title", indicator.name)
    measure = ids.MEASURE_UNIT if quantitative else ids.MEASURE_QUALITATIVE
    element = etree.SubElement(result, "indicator", measure=measure, ascending="1")
    el.texted(element, "title", indicator.name)
    el.texted(element, "description", t("iati.result.verification", means=indicator.means_of_verification))
    base = etree.SubElement(element, "baseline", year=str(start.year),
                            **({"value": el.decimal(baseline)} if quantitative else {}))
    el.narrative(etree.SubElement(base, "comment"), indicator.baseline)
    period = etree.SubElement(element, "period")
    etree.SubElement(period, "period-start", **{"iso-date": el.date(start)})
    etree.SubElement(period, "period-end", **{"iso-date": el.date(end)})
    goal = etree.SubElement(period, "target", **({"value": el.decimal(target)} if quantitative else {}))
    el.narrative(etree.SubElement(goal, "comment"), indicator.target)


def _project_activity(root: etree._Element, reporter: Reporter, proposal: Proposal,
                      association_names: Mapping[str, str], sdg_names: Mapping[int, str],
                      offers: Mapping[str, StoredOffer]) -> None:
    description = proposal.summary or proposal.problem or proposal.general_objective or proposal.title
    activity = el.activity(root, reporter, proposal.proposal_id, proposal.title, description)
    el.org(activity, "participating-org", reporter.name, reporter.org_ref, ids.LOCAL_GOVERNMENT, role=ids.ROLE_FUNDING)
    if proposal.counterpart_cooperant_usd > 0:  # the cooperant of its offer, as the offer's activity names it
        offer = offers.get(proposal.cooperation_offer_id or "")
        if offer is not None:
            el.org(activity, "participating-org", offer.offer.cooperant, offer.cooperant_ref,
                   ids.ORGANISATION_TYPE[offer.offer.cooperant_kind], role=ids.ROLE_FUNDING)
        else:
            cooperant = proposal.cooperant_name or t("iati.project.offer_cooperant", offer=proposal.cooperation_offer_id)
            el.org(activity, "participating-org", cooperant, None, None, role=ids.ROLE_FUNDING)
    for association in proposal.association_ids:
        el.org(activity, "participating-org", association_names.get(association, association), None,
               ids.RECIPIENT_COUNTRY_NGO, role=ids.ROLE_IMPLEMENTING)
    etree.SubElement(activity, "activity-status", code=FUNDED_STATUSES[ProposalStatus(proposal.status)])
    decided = _funded_on(proposal) or proposal.start_date or facts.today()
    start = proposal.start_date or decided
    el.activity_date(activity, ids.DATE_PLANNED_START, start,
                   None if proposal.start_date else t("iati.date.decision"))
    months = proposal.duration_months or 12
    end = (dt.date(start.year + (start.month - 1 + months) // 12, (start.month - 1 + months) % 12 + 1, 1)
           - dt.timedelta(days=1))
    el.activity_date(activity, ids.DATE_PLANNED_END, end)
    etree.SubElement(activity, "recipient-country", code="EC", percentage="100")
    el.sdg_tags(activity, proposal.sdg_goals, proposal.sdg_targets, sdg_names)
    etree.SubElement(activity, "default-finance-type", code=ids.FINANCE_GRANT)
    el.budget(activity, ids.BUDGET_COMMITTED, dt.date(decided.year, 1, 1), dt.date(decided.year, 12, 31),
            proposal.requested_usd)
    transaction = etree.SubElement(activity, "transaction")
    etree.SubElement(transaction, "transaction-type", code=ids.TRANSACTION_COMMITMENT)
    etree.SubElement(transaction, "transaction-date", **{"iso-date": el.date(decided)})
    el.value(transaction, proposal.requested_usd, decided)
    el.texted(transaction, "description", t("iati.transaction.commitment"))
    el.org(transaction, "provider-org", reporter.name, reporter.org_ref, None)
    lead = proposal.association_id
    el.org(transaction, "receiver-org", association_names.get(lead, lead), None, None)
    for indicator in proposal.indicators:
        _result(activity, indicator, start, end)


# -- the document -------------------------------------------------------------------------------

def _owner(offer: CooperationOffer) -> str | None:
    """The parish an offer is recorded for; a demo offer edited before offers kept their parish is the demo's."""
    return offer.parish_code or (overlay.base(OFFER, offer.offer_id) or {}).get("parish_code")


def unplaced_offers(store: Store) -> list[str]:
    """Offers recorded before Minga kept each offer's parish: no parish publishes them until one saves them again."""
    offers = (CooperationOffer.model_validate(r.body) for r in overlay.live(store, OFFER))
    return [o.offer_id for o in offers if _owner(o) is None]


def _offers_taken_up(store: Store, parish_code: str) -> set[str]:
    """The offers the parish took up: named by one of its proposals, or behind the call of one of its applications."""
    named = {Proposal.model_validate(r.body).cooperation_offer_id for r in overlay.live(store, PROPOSAL, parish_code)}
    called = {a.call_id for a in applications(store, parish_code)}
    behind_calls = {c.offer_id for c in calls(store) if c.call_id in called}
    return (named | behind_calls) - {None}


def activities_document(store: Store, parish_code: str, *, parish_name: str | None = None,
                        association_names: Mapping[str, str] | None = None,
                        sdg_names: Mapping[int, str] | None = None,
                        generated: dt.datetime | None = None) -> etree._ElementTree:
    """The IATI activity file of one parish: its offers, funded projects and agreements (no activity if none)."""
    publisher = ids.publisher(store, parish_code)
    reporter = Reporter(publisher.org_ref, t("iati.gad_name", parish=parish_name or parish_code))
    generated = generated or dt.datetime.now(dt.UTC)
    root = etree.Element("iati-activities", version=IATI_VERSION,
                         **{"generated-datetime": generated.replace(microsecond=0).isoformat()})
    if publisher.is_provisional:
        root.append(etree.Comment(t("iati.provisional_comment", ref=publisher.org_ref)))
    names, sdgs = association_names or {}, sdg_names or {}
    registry = cooperants(store)
    taken_up = _offers_taken_up(store, parish_code)
    offers = {}
    for record in overlay.live(store, OFFER):
        offer = CooperationOffer.model_validate(record.body)
        if _owner(offer) != parish_code and offer.offer_id not in taken_up:
            continue  # another parish's offer, or one of the installation this parish never took up
        registered = cooperant_of_offer(offer, registry)
        ref = (registered.iati_org_id if registered else None) or ids.cooperant_ref(offer.cooperant_kind, offer.country)
        offers[offer.offer_id] = StoredOffer(offer, dt.date.fromisoformat(record.updated_at[:10]), ref)
        _offer_activity(root, reporter, offers[offer.offer_id], sdgs)
    for record in overlay.live(store, PROPOSAL, parish_code):
        proposal = Proposal.model_validate(record.body)
        if ProposalStatus(proposal.status) in FUNDED_STATUSES:
            _project_activity(root, reporter, proposal, names, sdgs, offers)
    for agreement in agreements(store, parish_code):
        agreement_activity(root, reporter, store, agreement, sdgs, generated.date())
    return etree.ElementTree(root)


def to_bytes(document: etree._ElementTree) -> bytes:
    return etree.tostring(document, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def export_bytes(store: Store, parish_code: str, **context) -> bytes:
    """The file as UTF-8 bytes; ValueError (Spanish) if it would not validate (a bug, never silently published)."""
    document = activities_document(store, parish_code, **context)
    if not len(document.getroot().findall("iati-activity")):
        raise ValueError(t("iati.err.nothing"))
    found = problems(document)
    if found:
        raise ValueError(t("iati.err.export_invalid", problems="; ".join(found)))
    return to_bytes(document)
