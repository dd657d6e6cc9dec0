"""The parish's cooperation agreements (core.cooperation) as IATI activities.

An agreement is an activity the GAD implements with money from the cooperant, from itself and from the community:
- status: pipeline before its start date, implementation until its end date, finalisation afterwards, closed once
  a closing evaluation is recorded;
- participating organisations: every party that puts money in (funding) and the GAD (implementing); the cooperant's
  identifier is the one the registry holds, else `XM-DAC-<code>` for a DAC government, else none;
- budget: the total, committed, over the agreement's period; when that is longer than a year (IATI's limit for a
  budget period), one indicative budget per twelve months, split in proportion to the days of each;
- transactions: the cooperant's and the community's incoming commitments (type 11) and the GAD's commitment (2) on the
  signing date; per monitoring report, one expenditure (4) per party whose money was spent since the report before,
  with that party as the provider: the cooperant's money spent is not written as the GAD's;
- document links: the mid-term evaluation and each audit whose report has a public address (core.cooperation.reviews),
  category A07 «Review of project performance and evaluation», dated; without an address IATI has no place for them;
- results: the annex's indicators with their baseline, target and each one's newest reported value (a report that
  leaves an indicator out keeps the earlier figure), with the report it comes from.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from lxml import etree

from core import fmt
from core.cooperation import agreements, closing, monitoring, reviews
from core.cooperation.cooperants import registered
from core.iati import elements as el
from core.iati import identifiers as ids
from core.iati.elements import Reporter
from core.proposals import records
from core.proposals.models import CENT
from core.record.store import Store
from core.texts import label, t

INCOMING_COMMITMENT = "11"
_SPENT = {"gad": "iati.agreement.expenditure_gad", "cooperant": "iati.agreement.expenditure_cooperant",
          "community": "iati.agreement.expenditure_community"}  # an expenditure's narrative by whose money it was
REVIEW_DOCUMENT = "A07"  # IATI DocumentCategory: review of project performance and evaluation
_FORMATS = {".pdf": "application/pdf", ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def _status(agreement: agreements.Agreement, evaluated: bool, today: dt.date) -> str:
    if evaluated:
        return ids.STATUS_CLOSED
    if today < agreement.start_date:
        return ids.STATUS_PIPELINE
    return ids.STATUS_IMPLEMENTATION if today <= agreement.end_date else ids.STATUS_FINALISATION


def _budgets(activity: etree._Element, agreement: agreements.Agreement) -> None:
    start, end, total = agreement.start_date, agreement.end_date, agreement.total_usd
    if el.year_end(start) >= end:
        el.budget(activity, ids.BUDGET_COMMITTED, start, end, total)
        return
    days, cents, given = (end - start).days + 1, round(total * 100), 0
    while start <= end:
        stop = min(el.year_end(start), end)
        # in whole cents, the last year taking what is left: the years add up to the total exactly
        share = cents - given if stop == end else round(cents * ((stop - start).days + 1) / days)
        el.budget(activity, ids.BUDGET_INDICATIVE, start, stop, share / 100)
        given += share
        start = stop + dt.timedelta(days=1)


def _transaction(activity: etree._Element, kind: str, day: dt.date, amount: float, description: str,
                 provider: tuple[str, str | None], receiver: tuple[str, str | None] | None) -> None:
    transaction = etree.SubElement(activity, "transaction")
    etree.SubElement(transaction, "transaction-type", code=kind)
    etree.SubElement(transaction, "transaction-date", **{"iso-date": day.isoformat()})
    el.value(transaction, amount, day)
    el.texted(transaction, "description", description)
    el.org(transaction, "provider-org", provider[0], provider[1], None)
    if receiver is not None:
        el.org(transaction, "receiver-org", receiver[0], receiver[1], None)


def _results(activity: etree._Element, agreement: agreements.Agreement,
             history: Sequence[monitoring.Report]) -> None:
    reached = monitoring.newest_values(history)  # each indicator's newest value, from the report that gave it
    for indicator in agreement.indicators:
        result = etree.SubElement(activity, "result", type=ids.RESULT_OUTPUT, **{"aggregation-status": "0"})
        el.texted(result, "title", indicator.name)
        element = etree.SubElement(result, "indicator", measure=ids.MEASURE_UNIT,
                                   ascending="1" if indicator.target >= indicator.baseline else "0")
        el.texted(element, "title", t("iati.agreement.indicator", name=indicator.name, unit=indicator.unit))
        el.texted(element, "description", t("iati.result.verification", means=indicator.means_of_verification))
        etree.SubElement(element, "baseline", year=str(agreement.start_date.year), value=el.decimal(indicator.baseline))
        period = etree.SubElement(element, "period")
        etree.SubElement(period, "period-start", **{"iso-date": agreement.start_date.isoformat()})
        etree.SubElement(period, "period-end", **{"iso-date": agreement.end_date.isoformat()})
        etree.SubElement(period, "target", value=el.decimal(indicator.target))
        if indicator.name in reached:
            value, report = reached[indicator.name]
            actual = etree.SubElement(period, "actual", value=el.decimal(value))
            el.narrative(etree.SubElement(actual, "comment"),
                         t("iati.agreement.actual", report=report.report_id, date=fmt.date(report.period_end)))


def _document_links(activity: etree._Element, agreement: agreements.Agreement, store: Store) -> None:
    evaluation = reviews.midterm(store, agreement.agreement_id)
    published = [(evaluation.report_url, t("iati.review.midterm", number=agreement.number_es),
                  evaluation.evaluated_on)] if evaluation and evaluation.report_url else []
    published += [(a.report_url, t("iati.review.audit", kind=t(f"rev.kind.{a.kind}"), number=agreement.number_es),
                   a.audited_on) for a in reviews.audits(store, agreement.agreement_id) if a.report_url]
    for url, title, day in published:
        address = str(url)
        suffix = address.lower().rsplit("?", 1)[0][-5:]
        kind = next((mime for end, mime in _FORMATS.items() if suffix.endswith(end)), "text/html")
        link = etree.SubElement(activity, "document-link", url=address, format=kind)
        el.texted(link, "title", title)
        etree.SubElement(link, "category", code=REVIEW_DOCUMENT)
        etree.SubElement(link, "language", code="es")
        etree.SubElement(link, "document-date", **{"iso-date": day.isoformat()})


def agreement_activity(root: etree._Element, reporter: Reporter, store: Store, agreement: agreements.Agreement,
                       sdg_names: Mapping[int, str], today: dt.date) -> None:
    cooperant = registered(store, agreement.cooperant_id)
    name = cooperant.name if cooperant else agreement.cooperant_id
    ref = (cooperant.iati_org_id or ids.cooperant_ref(cooperant.kind, cooperant.country)) if cooperant else None
    found = records.proposal(store, agreement.proposal_id)
    proposal = found.item if found else None
    title = proposal.title if proposal else agreement.number_es
    activity = el.activity(root, reporter, agreement.agreement_id, title,
                           t("iati.agreement.description", number=agreement.number_es, cooperant=name))
    el.org(activity, "participating-org", name, ref, ids.ORGANISATION_TYPE[cooperant.kind] if cooperant else None,
           role=ids.ROLE_FUNDING)
    community = label("agreement_party", "community")
    if agreement.gad_usd > 0:
        el.org(activity, "participating-org", reporter.name, reporter.org_ref, ids.LOCAL_GOVERNMENT,
               role=ids.ROLE_FUNDING)
    if agreement.community_usd > 0:
        el.org(activity, "participating-org", community, None, ids.RECIPIENT_COUNTRY_NGO, role=ids.ROLE_FUNDING)
    el.org(activity, "participating-org", reporter.name, reporter.org_ref, ids.LOCAL_GOVERNMENT,
           role=ids.ROLE_IMPLEMENTING)
    evaluated = bool(closing.evaluations(store, agreement.agreement_id))
    etree.SubElement(activity, "activity-status", code=_status(agreement, evaluated, today))
    el.activity_date(activity, ids.DATE_PLANNED_START, agreement.start_date)
    el.activity_date(activity, ids.DATE_PLANNED_END, agreement.end_date)
    etree.SubElement(activity, "recipient-country", code="EC", percentage="100")
    if proposal:
        el.sdg_tags(activity, proposal.sdg_goals, proposal.sdg_targets, sdg_names)
    etree.SubElement(activity, "default-finance-type", code=ids.FINANCE_GRANT)
    _budgets(activity, agreement)
    gad = (reporter.name, reporter.org_ref)
    payers = {"cooperant": (name, ref), "gad": gad, "community": (community, None)}
    committed = agreement.by_source()
    signed = t("iati.agreement.signed", number=agreement.number_es)
    for source, kind in (("cooperant", INCOMING_COMMITMENT), ("gad", ids.TRANSACTION_COMMITMENT),
                         ("community", INCOMING_COMMITMENT)):
        if committed[source] > 0:
            _transaction(activity, kind, agreement.signed_on, committed[source], signed, payers[source],
                         gad)
    history = monitoring.reports(store, agreement.agreement_id)
    spent_before = dict.fromkeys(payers, 0.0)
    for report in history:  # spending to date by source; a setback a report explains publishes no negative one
        for source, spent in report.spent_by_source().items():
            if spent - spent_before[source] > CENT:  # paid with that party's money; the supplier paid is not recorded
                _transaction(activity, ids.TRANSACTION_EXPENDITURE, report.period_end, spent - spent_before[source],
                             t(_SPENT[source], report=report.report_id, party=payers[source][0]),
                             payers[source], None)
            spent_before[source] = max(spent_before[source], spent)
    _document_links(activity, agreement, store)
    _results(activity, agreement, history)
