"""A cooperant's IATI activity file read into cooperation offers the planner reviews before saving.

Input: the bytes of an `iati-activities` file (IATI 2.03). A file that is not well-formed or breaks the schema is
refused as a whole with a Spanish message naming the line and the element (core.iati.schema). Output: one
`ReadOffer` per activity: a valid `CooperationOffer` pre-filled from what the file says, and notes (Spanish) on
every field the file left open and Minga filled with a stated default, so the planner knows what to check.

What maps to what: the funding organisation (role 1; else the reporting one) is the cooperant, its IATI type the
cooperant's kind, an `XM-DAC-<code>` reference its country; the budgets in USD (else the USD commitments) are the
amount; SDG tags (vocabulary 2) and SDG sectors (vocabulary 7) the goals; finance and aid types the kind of
cooperation; the activity status the offer's status. Amounts in other currencies are not converted. A text holds
what a person may type (core.user_text): a character that cannot be seen is taken out and a note names it, the
field and the activity; a one-line text the file breaks over lines reads as one line.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from lxml import etree
from pydantic import ValidationError

from core.cooperation.cooperants import cooperants
from core.cooperation.offer_links import linked
from core.data import rural
from core.fmt import listing
from core.iati import identifiers as ids
from core.iati.schema import IatiFileError, parse, problems
from core.proposals.entry import spanish_errors
from core.proposals.offers import CooperationOffer
from core.proposals.offers import field_names as offer_fields
from core.proposals.records import OFFER
from core.record import overlay
from core.record.auth import Accounts, Action, User
from core.record.store import Change, Store
from core.texts import t
from core.user_text import ENTERED, hidden

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MODALITY_OF_KIND = {"bilateral": "bilateral", "multilateral": "multilateral", "decentralized": "decentralized",
                    "ngo": "north_south", "private": "north_south", "national_public": "national_public"}
STATUS_OF_ACTIVITY = {"1": "open", "2": "open", "3": "executed", "4": "executed", "5": "not_executed", "6": "closed"}
DEFAULT_KIND = "ngo"
SUPPORTED_VERSION = "2.03"
COUNTRY_OF_DAC_CODE = {code: country for country, code in ids.DAC_DONOR_CODES.items()}
LAYOUT = re.compile(r"\s*[\t\n\r]+\s*")  # a line break or tab the file's layout puts inside a one-line text


@dataclass(frozen=True)
class ReadOffer:
    offer: CooperationOffer
    iati_identifier: str
    notes: list[str] = field(default_factory=list)


def _text(element: etree._Element | None) -> str | None:
    """The Spanish narrative of an element if it has one, else its first non-empty narrative."""
    if element is None:
        return None
    narratives = [n for n in element.findall("narrative") if (n.text or "").strip()]
    spanish = [n for n in narratives if n.get(XML_LANG, "").lower().startswith("es")]
    chosen = (spanish or narratives or [None])[0]
    return chosen.text.strip() if chosen is not None else None


def _without_hidden(text: str, multiline: bool = False) -> tuple[str, str]:
    """`text` as a typed text may hold it (core.user_text), and the codes of what was taken out («U+202E, U+200B»;
    empty when nothing): the characters that cannot be seen (a right-to-left override, a zero-width space, a control
    character), so the text stored, shown and printed is the one the planner reviews. In a one-line text the file's
    line breaks and tabs are a space."""
    if not multiline:
        text = LAYOUT.sub(" ", text)
    found = sorted({char for char in text if hidden(char, multiline)})
    codes = ", ".join(f"U+{ord(char):04X}" for char in found)
    return ("".join(char for char in text if not hidden(char, multiline)).strip(), codes) if found else (text, "")


def _visible(text: str | None, field: str, where: str, notes: list[str], multiline: bool = False) -> str | None:
    """`text` made visible (`_without_hidden`), with a note naming the field, the activity (`where`) and what was taken out."""
    if text is None:
        return None
    text, codes = _without_hidden(text, multiline)
    if codes:
        notes.append(t("iati.read.hidden", field=field, where=where, codes=codes))
    return text


def _cooperant(activity: etree._Element, where: str, notes: list[str]) -> tuple[str, str, str | None]:
    """The cooperant's name, kind and country (None when the file does not say)."""
    funders = activity.findall("participating-org[@role='1']")
    organisation = funders[0] if funders else activity.find("reporting-org")
    if not funders:
        notes.append(t("iati.read.no_funder"))
    ref = (organisation.get("ref") or "").strip()
    name = _visible(_text(organisation) or ref, offer_fields()["cooperant"], where, notes)
    if len(name) < 2:
        name = t("iati.read.unnamed_cooperant")
        notes.append(t("iati.read.no_cooperant_name"))
    kind = ids.KIND_OF_ORGANISATION_TYPE.get(organisation.get("type", ""))
    if kind is None:
        kind = DEFAULT_KIND
        notes.append(t("iati.read.no_kind", code=organisation.get("type") or "—"))
    country = COUNTRY_OF_DAC_CODE.get(ref.removeprefix("XM-DAC-")) if ref.startswith("XM-DAC-") else None
    return name, kind, country


def _cooperation_type(activity: etree._Element, notes: list[str]) -> str:
    aid_types = [e.get("code", "") for e in activity.findall("default-aid-type")]
    finance = (activity.find("default-finance-type").get("code", "")
               if activity.find("default-finance-type") is not None else "")
    if any(code.startswith("D") for code in aid_types):
        return "technical_assistance"
    if finance[:1] in {"4", "5"}:
        return "financial_reimbursable"
    if not finance.startswith("1"):
        notes.append(t("iati.read.no_finance_type"))
    return "financial_non_reimbursable"


def _usd(values: list[etree._Element], default_currency: str | None, notes: list[str]) -> float | None:
    total, found, other, undeclared = 0.0, False, set(), False
    for value in values:
        currency = value.get("currency") or default_currency
        try:
            amount = float((value.text or "").strip())
        except ValueError:
            continue
        if currency == "USD":
            total, found = total + amount, True
        elif currency:
            other.add(currency)
        else:
            undeclared = True
    if other:
        notes.append(t("iati.read.other_currency", currencies=", ".join(sorted(other))))
    if undeclared:
        notes.append(t("iati.read.no_currency"))
    return total if found else None


def _amount(activity: etree._Element, notes: list[str]) -> float | None:
    currency = activity.get("default-currency")
    budgets = activity.findall("budget/value")
    if budgets:
        return _usd(budgets, currency, notes)
    commitments = [tr.find("value") for tr in activity.findall("transaction")
                   if tr.find("transaction-type") is not None and tr.find("transaction-type").get("code") == "2"]
    if commitments:
        return _usd([v for v in commitments if v is not None], currency, notes)
    notes.append(t("iati.read.no_amount"))
    return None


def _sdg_goals(activity: etree._Element) -> list[int]:
    codes = [e.get("code", "") for e in activity.findall(f"tag[@vocabulary='{ids.TAG_SDG_GOAL}']")]
    codes += [e.get("code", "") for e in activity.findall(f"sector[@vocabulary='{ids.SECTOR_SDG_GOAL}']")]
    codes += [e.get("code", "").split(".")[0] for e in activity.findall(f"tag[@vocabulary='{ids.TAG_SDG_TARGET}']")]
    return sorted({int(c) for c in codes if c.isdigit() and 1 <= int(c) <= 17})


def _offer(activity: etree._Element, index: int, file_name: str, file_digest: str) -> ReadOffer:
    notes: list[str] = []
    identifier = (activity.findtext("iati-identifier") or "").strip()
    where = t("iati.read.activity", index=index)
    identifier = _visible(identifier, t("iati.read.identifier"), where, notes)
    if identifier:
        where = t("iati.read.activity_named", index=index, identifier=identifier)
    offer_id = ids.record_id_from(identifier)
    if not offer_id:
        offer_id = f"IATI-{file_digest}-{index}"
        notes.append(t("iati.read.no_identifier", offer_id=offer_id))
    fields = offer_fields()
    title = _visible(_text(activity.find("title")), fields["title"], where, notes) or ""
    if len(title) < 3:
        title = t("iati.read.untitled", index=index)
        notes.append(t("iati.read.short_title"))
    name, kind, country = _cooperant(activity, where, notes)
    cooperation_type = _cooperation_type(activity, notes)
    status_code = activity.find("activity-status").get("code", "")
    status = STATUS_OF_ACTIVITY.get(status_code)
    if status is None:
        status = "open"
        notes.append(t("iati.read.no_status", code=status_code or "—"))
    conditions = _visible(_text(activity.find("description")), t("ofe.form.conditions"), where, notes, multiline=True)
    offer = CooperationOffer.model_validate(dict(
        offer_id=offer_id, cooperant=name, cooperant_kind=kind, country=country, title=title,
        modality=MODALITY_OF_KIND[kind], cooperation_type=cooperation_type,
        reimbursable=cooperation_type == "financial_reimbursable", amount_usd=_amount(activity, notes),
        sdg_goals=_sdg_goals(activity), conditions=conditions, status=status,
        is_illustrative=False, source=t("iati.read.source", file=file_name, identifier=identifier or "—")),
        context={ENTERED: True})  # checked as a record entered: what a file carries, as what people type
    notes.append(t("iati.read.check_themes"))
    return ReadOffer(offer, identifier, notes)


@dataclass(frozen=True)
class ReadFile:
    """What a file read gives: its activities as offers to review, and notices on the whole file (Spanish)."""

    offers: list[ReadOffer]
    notices: list[str]


def version_notice(document: etree._ElementTree, file_name: str) -> str | None:
    """A notice when the file declares another IATI version than 2.03 (Minga reads it with the 2.03 rules)."""
    declared = (document.getroot().get("version") or "").strip()
    if declared == SUPPORTED_VERSION:
        return None
    if not declared:
        return t("iati.read.no_version", file=file_name)
    return t("iati.read.version", file=file_name, version=declared)


def read_file(content: bytes, file_name: str = "actividades.xml") -> ReadFile:
    """Every activity of an IATI 2.03 file as an offer to review, with notices on the whole file (a version other
    than 2.03); IatiFileError (Spanish) for a file that fails. A 1.x file that breaks the 2.03 schema is refused
    naming its version, so the planner asks the cooperant for a 2.03 file."""
    document = parse(content)
    file_name, codes = _without_hidden(file_name)  # as the planner's computer named it: it goes into each offer's source
    named = [t("iati.read.hidden_file_name", file=file_name, codes=codes)] if codes else []
    notice = version_notice(document, file_name)
    found = problems(document)
    if found:
        declared = (document.getroot().get("version") or "").strip()
        message = t("iati.err.invalid_file", problems="; ".join(found))
        if declared.startswith("1."):
            message = t("iati.err.old_version", file=file_name, version=declared) + " " + message
        raise IatiFileError(message)
    digest = hashlib.sha256(content).hexdigest()[:8]
    read, refused = [], []
    for index, activity in enumerate(document.getroot().findall("iati-activity"), start=1):
        try:
            read.append((index, _offer(activity, index, file_name, digest)))
        except ValidationError as exc:  # a value the schema allows and an offer does not (a negative budget)
            refused.append(t("iati.err.activity", index=index,
                             problems="; ".join(spanish_errors(exc, offer_fields()))))
    refused += _repeated(read)
    if refused:
        raise IatiFileError(t("iati.err.invalid_file", problems="; ".join(refused)))
    return ReadFile([item for _, item in read], named + ([notice] if notice else []))


def _repeated(read: list[tuple[int, ReadOffer]]) -> list[str]:
    """The activities that would be one offer: an identifier the file repeats, or two that differ only in signs a
    Minga code does not hold («XM-1 A», «XM-1/A»). Saved together, the later replaced the earlier without a word."""
    by_offer: dict[str, list[str]] = {}
    for index, item in read:
        by_offer.setdefault(item.offer.offer_id, []).append(
            t("iati.read.activity_named", index=index, identifier=item.iati_identifier))
    return [t("iati.err.same_offer", offer=offer_id, activities=listing(activities))
            for offer_id, activities in by_offer.items() if len(activities) > 1]


# What the planner writes on an offer and an IATI file does not carry (iati.read.check_themes asks for them): a file
# read again keeps them, so a counterpart the planner entered is never lost (a lost one reads «no exige contraparte»).
KEPT_ON_REREAD = ("themes", "support_kinds", "eligible_applicants", "counterpart_required_pct",
                  "counterpart_required_usd", "in_kind_description", "open_date", "deadline", "call_type", "outcome")
LINK_FIELDS = ("cooperant_id", "cooperant_unmatched", "cooperant", "cooperant_kind", "country", "modality")


def stored_parishes(store: Store, offers: list[CooperationOffer]) -> dict[str, str | None]:
    """The offers of `offers` already live in Minga: offer id → the parish that holds it (None: the installation's)."""
    found = {}
    for offer in offers:
        record = overlay.current(store, OFFER, offer.offer_id)
        if record is not None and not record.deleted:
            found[offer.offer_id] = record.body.get("parish_code")
    return found


def _refreshed(read: CooperationOffer, stored: dict) -> CooperationOffer:
    """The offer read again from a file, with what the planner wrote on the stored one kept (KEPT_ON_REREAD), and
    the stored cooperant when the planner linked it to the registry."""
    kept = {name: stored[name] for name in KEPT_ON_REREAD if stored.get(name) not in (None, [])}
    if stored.get("cooperant_id") and not stored.get("cooperant_unmatched"):
        kept |= {name: stored[name] for name in LINK_FIELDS if name in stored}
    return CooperationOffer.model_validate({**read.model_dump(), **kept})


def save_read_offers(store: Store, user: User | None, offers: list[CooperationOffer], parish_code: str) -> int:
    """Store the offers a planner reviewed, as the offers of their parish, in one transaction (all or none); an
    offer with the same id is updated from the file, keeping what the planner wrote that the file does not carry
    (KEPT_ON_REREAD), and the log says it came from an IATI file. An offer another parish holds is never taken
    over: IatiFileError (Spanish) names it and nothing is stored. Each is linked to the registered cooperant of its
    name, or flagged as not linked (core.cooperation.offer_links)."""
    actor = Accounts(store).require(user, Action.EDIT_OFFER, parish_code=parish_code)  # held ones: checked below
    rural.require_rural(parish_code)  # never the offers of an urban cantonal seat
    held = stored_parishes(store, offers)
    elsewhere = {oid: code for oid, code in held.items() if code is not None and code != parish_code}
    if elsewhere:
        raise IatiFileError(t("iati.err.other_parish", parish=rural.named(parish_code), offers="; ".join(
            t("iati.err.other_parish_offer", offer=oid, parish=rural.named(code)) for oid, code in elsewhere.items())))
    registry = cooperants(store)
    changes = []
    for offer in offers:
        record = overlay.current(store, OFFER, offer.offer_id) if offer.offer_id in held else None
        offer = linked(_refreshed(offer, record.body) if record is not None else offer, registry)
        changes.append(Change(OFFER, offer.offer_id, offer.model_copy(update={"parish_code": parish_code})
                              .model_dump(mode="json"), action=t("log.action.iati_offer"),
                              base=overlay.base(OFFER, offer.offer_id)))
    store.apply(changes, actor=actor.username)
    return len(offers)
