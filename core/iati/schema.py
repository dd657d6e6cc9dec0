"""The official IATI 2.03 activity schema, offline, and the safe parser every IATI file goes through.

`problems(document)` lists what breaks the schema as Spanish sentences that name the line and the element,
so a planner who uploads a cooperant's file knows what is wrong and where. The parser resolves no entities,
loads no DTD and never goes to the network: an uploaded file cannot make Minga read other files.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree

from core.data.paths import SOURCES_DIR
from core.fmt import number
from core.texts import t

SCHEMA_DIR = SOURCES_DIR / "reference" / "iati-2.03"
ACTIVITIES_XSD = SCHEMA_DIR / "iati-activities-schema.xsd"
MAX_PROBLEMS = 5
# The largest IATI file read. lxml holds about 17 bytes for each byte of XML (a 36 MB file took 632 MB), and a
# cooperant's activities for one country run from kilobytes to a few megabytes: 25 MB keeps one reading under
# half a gigabyte.
MAX_BYTES = 25 * 1024 * 1024

_MISSING = re.compile(r"Missing child element\(s\)\. Expected is (?:one of )?\( (?P<expected>[^)]+) \)")
_UNEXPECTED = re.compile(r"This element is not expected")
_ATTRIBUTE_REQUIRED = re.compile(r"The attribute '(?P<attribute>[^']+)' is required")
_ATTRIBUTE_VALUE = re.compile(r"attribute '(?P<attribute>[^']+)': '(?P<value>[^']*)' is not a valid value")
_ELEMENT = re.compile(r"Element '(?P<element>[^']+)'")
_ATOMIC = re.compile(r"'(?P<value>[^']*)' is not a valid value of the atomic type 'xs:(?P<type>decimal|date|dateTime)'")
_ATOMIC_KEY = {"decimal": "iati.err.not_decimal", "date": "iati.err.not_date", "dateTime": "iati.err.not_date"}


class IatiFileError(ValueError):
    """A file that is not an IATI 2.03 activity file; the message is for the person (Spanish)."""


@lru_cache(maxsize=1)
def activities_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(ACTIVITIES_XSD), _parser()))


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                           remove_blank_text=False)


def parse(content: bytes) -> etree._ElementTree:
    """The XML tree of `content`; IatiFileError (Spanish, with the line) when it is not well-formed XML or
    declares a DTD or is larger than MAX_BYTES."""
    if len(content) > MAX_BYTES:
        raise IatiFileError(t("iati.err.too_large", size=number(len(content) / 2**20, 1),
                              limit=number(MAX_BYTES / 2**20)))
    try:
        document = etree.ElementTree(etree.fromstring(content, _parser()))
    except etree.XMLSyntaxError as exc:
        line = exc.position[0] if exc.position else "?"
        raise IatiFileError(t("iati.err.not_xml", line=line)) from exc
    if document.docinfo.doctype:  # IATI files have no DTD; one here could only smuggle in entities
        raise IatiFileError(t("iati.err.doctype"))
    return document


def _spanish(error: etree._LogEntry) -> str:
    """One schema error as a Spanish sentence: the line, the element and what is wrong with it."""
    message = error.message
    named = _ELEMENT.search(message)
    element = named.group("element") if named else error.path
    if found := _MISSING.search(message):
        expected = ", ".join(f"«{name.strip()}»" for name in found.group("expected").split(","))
        what = t("iati.err.missing_child", expected=expected)
    elif found := _ATOMIC.search(message):  # a value written as people write it, not as IATI does
        what = t(_ATOMIC_KEY[found.group("type")], value=found.group("value"))
    elif _UNEXPECTED.search(message):
        what = t("iati.err.unexpected")
    elif found := _ATTRIBUTE_REQUIRED.search(message):
        what = t("iati.err.attribute_required", attribute=found.group("attribute"))
    elif found := _ATTRIBUTE_VALUE.search(message):
        what = t("iati.err.attribute_value", attribute=found.group("attribute"), value=found.group("value"))
    else:
        what = t("iati.err.other")
    return t("iati.err.where", line=error.line, element=element, what=what)


def problems(document: etree._ElementTree) -> list[str]:
    """What makes `document` fail the IATI 2.03 activity schema (empty when it validates), at most MAX_PROBLEMS."""
    root = document.getroot()
    if root.tag != "iati-activities":
        return [t("iati.err.root", found=root.tag)]
    schema = activities_schema()
    try:
        if schema.validate(document):
            return []
    except etree.XMLSchemaValidateError:
        return [t("iati.err.unreadable")]
    return [_spanish(error) for error in list(schema.error_log)[:MAX_PROBLEMS]]
