"""The XML pieces every IATI activity Minga writes is made of: narratives, organisations, dates, values, budgets,
SDG tags, and the head of an activity (identifier, reporting organisation, title, description) as the schema orders
them. Text is Spanish (`xml:lang="es"` on the activity), money USD."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from lxml import etree

from core.iati import identifiers as ids
from core.texts import t

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class Reporter:
    """Who reports: the parish GAD's identifier and name."""

    org_ref: str
    name: str

    def activity_id(self, record_id: str) -> str:
        return f"{self.org_ref}-{record_id}"


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")  # and half characters (surrogates)


def narrative(parent: etree._Element, text: str) -> None:
    """A narrative holding `text`; a control character XML cannot hold (pasted from another program) becomes a
    space, so one title cannot stop a whole parish's file."""
    etree.SubElement(parent, "narrative").text = _NOT_XML.sub(" ", text)


def decimal(number: float) -> str:
    """A figure as IATI reads it: «1200», «1234567.89», never «1.2e+06»."""
    return f"{number:.6f}".rstrip("0").rstrip(".") or "0"


def texted(parent: etree._Element, tag: str, text: str, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, tag, **attributes)
    narrative(element, text)
    return element


def org(parent: etree._Element, tag: str, name: str, ref: str | None, type_code: str | None,
        **attributes: str) -> etree._Element:
    attrs = dict(attributes)
    if ref:
        attrs["ref"] = ref
    if type_code:
        attrs["type"] = type_code
    return texted(parent, tag, name, **attrs)


def date(value: dt.date) -> str:
    return value.isoformat()


def activity_date(parent: etree._Element, kind: str, day: dt.date, note: str | None = None) -> None:
    element = etree.SubElement(parent, "activity-date", type=kind, **{"iso-date": date(day)})
    if note:
        narrative(element, note)


def value(parent: etree._Element, amount: float, day: dt.date) -> None:
    etree.SubElement(parent, "value", **{"currency": "USD", "value-date": date(day)}).text = f"{amount:.2f}"


def budget(parent: etree._Element, status: str, start: dt.date, end: dt.date, amount: float) -> None:
    budget = etree.SubElement(parent, "budget", type=ids.BUDGET_ORIGINAL, status=status)
    etree.SubElement(budget, "period-start", **{"iso-date": date(start)})
    etree.SubElement(budget, "period-end", **{"iso-date": date(end)})
    value(budget, amount, start)


def sdg_tags(parent: etree._Element, goals: Sequence[int], targets: Sequence[str],
             sdg_names: Mapping[int, str]) -> None:
    for goal in sorted(set(goals)):
        tag = etree.SubElement(parent, "tag", vocabulary=ids.TAG_SDG_GOAL, code=str(goal))
        narrative(tag, sdg_names.get(goal, t("iati.sdg_goal", goal=goal)))
    for target in sorted(set(targets)):
        etree.SubElement(parent, "tag", vocabulary=ids.TAG_SDG_TARGET, code=target)


def activity(root: etree._Element, reporter: Reporter, record_id: str, title: str, description: str) -> etree._Element:
    activity = etree.SubElement(root, "iati-activity", **{"default-currency": "USD", XML_LANG: "es"})
    etree.SubElement(activity, "iati-identifier").text = reporter.activity_id(record_id)
    org(activity, "reporting-org", reporter.name, reporter.org_ref, ids.LOCAL_GOVERNMENT)
    texted(activity, "title", title)
    texted(activity, "description", description, type="1")
    return activity


def year_end(start: dt.date) -> dt.date:
    """The last day of the twelve months from `start` (IATI budget periods are at most a year)."""
    try:
        return start.replace(year=start.year + 1) - dt.timedelta(days=1)
    except ValueError:  # 29 February
        return start.replace(year=start.year + 1, day=28) - dt.timedelta(days=1)
