"""One cell of an imported sheet as a value: text, numbers in either decimal convention, dates, lists, choices.

A cell that cannot be read is returned as written, so the model's own message («debe ser un número (se
recibió …)») names it. `normalise` is how headers, names and choices are compared: no case, accents or units.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from core.fmt import date as fmt_date
from core.fmt import datetime as fmt_datetime
from core.fmt import figure, number_text
from core.lists import not_given, split_items
from core.proposals.import_files import Formula
from core.texts import label, labels, t

TRUE_WORDS = {"si", "s", "true", "verdadero", "1", "x", "yes"}
FALSE_WORDS = {"no", "n", "false", "falso", "0", ""}


def normalise(text: Any) -> str:
    """'Código propuesta (USD)' → 'codigo propuesta': lower case, no accents, no units, single spaces."""
    plain = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii").lower()
    plain = re.sub(r"\((usd|us\$|\$|dolares|en dolares|meses)\)", " ", plain)
    words = [w for w in re.split(r"[^a-z0-9]+", plain) if w and w not in {"usd", "us", "dolares"}]
    return " ".join(words)


def is_blank(value: Any) -> bool:
    """An empty cell: nothing, spaces, or a word that says there is nothing (`core.lists.NOT_GIVEN`)."""
    return value is None or (isinstance(value, str) and (not value.strip() or not_given(value)))


# How Excel's accounting format shows a zero amount («$ -», « - »): in a money cell a dash alone is 0, not «no data».
_ZERO_DASHES = frozenset({"-", "--", "---", "\u2013", "\u2014"})


def zero_dash(value: Any) -> bool:
    """Whether a money cell is a dash alone, with or without «$»/«USD» and spaces: the amount 0."""
    return isinstance(value, str) and number_text(value) in _ZERO_DASHES


def cell_text(value: Any) -> str | None:
    """A cell as plain text, exactly as written (formulas and HTML included), or None when blank; a workbook's
    TRUE/FALSE as the page shows a yes/no («Sí», «No»), never Python's «True»."""
    if isinstance(value, Formula):
        return value.text
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return label("bool", value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    return str(value).strip()


_NUMBER = re.compile(r"^[+-]?(\d+|\d{1,3}([.,]\d{3})+)([.,]\d+)?$")


def decimal_votes(values: Iterable[str]) -> dict[str, int]:
    """How many values can only be read with a comma decimal, and how many only with a dot decimal."""
    votes = {",": 0, ".": 0}
    for raw in values:
        text = number_text(raw)
        if "," in text and "." in text:
            votes["," if text.rfind(",") > text.rfind(".") else "."] += 1
        elif text.count(",") == 1 and not re.search(r",\d{3}$", text):
            votes[","] += 1
        elif text.count(".") == 1 and not re.search(r"\.\d{3}$", text):
            votes["."] += 1
        elif text.count(",") > 1:
            votes["."] += 1  # 1,234,567: comma groups thousands
        elif text.count(".") > 1:
            votes[","] += 1  # 1.234.567: dot groups thousands
    return votes


def settled_mark(values: Iterable[str]) -> str | None:
    """The decimal mark more of `values` can only be read with (`decimal_votes`); None when as many say one as the
    other (nothing settles it)."""
    votes = decimal_votes(values)
    if votes[","] == votes["."]:
        return None
    return "," if votes[","] > votes["."] else "."


def parse_number(value: Any, decimal: str = ",") -> Any:
    """A money or count cell as a float; the cell unchanged when it is not a number (the model then says
    «debe ser un número (se recibió …)»). `decimal` settles the ambiguous '1.234' and '1,234'. A workbook's
    TRUE/FALSE is no number: it comes back as the page shows it («Sí», «No») for the model to refuse, which would
    otherwise read it as 1 or 0."""
    if isinstance(value, bool):
        return label("bool", value)
    if isinstance(value, (int, float)):
        return float(value)
    if is_blank(value):
        return None
    raw = str(value).strip()
    text = number_text(raw)
    if not _NUMBER.match(text):
        return raw
    thousands = "." if decimal == "," else ","
    if "," in text and "." in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal == "," else ","
    elif text.count(decimal) > 1:  # '1.234.567' with a dot decimal file: the dots group thousands
        decimal, thousands = thousands, decimal
    elif text.count(thousands) == 1 and not re.search(rf"\{thousands}\d{{3}}$", text):
        decimal, thousands = thousands, decimal  # '1234,5' in a dot-decimal file is still 1234.5
    return float(text.replace(thousands, "").replace(decimal, "."))


def parse_int(value: Any, decimal: str) -> Any:
    parsed = parse_number(value, decimal)
    if isinstance(parsed, float):
        if parsed.is_integer():
            return int(parsed)
        return cell_text(value) if isinstance(value, str) else figure(parsed)  # a number cell: «3,5», not «3.5»
    return parsed


# The ways a person writes a day, in every file Minga reads (proposals, parish files, survey exports): day first as
# a spreadsheet set to Spanish writes it (with «/», «-» or «.», the year with four figures or two) and the ISO
# aaaa-mm-dd. The message `val.day` names exactly these.
DAY_PATTERNS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y", "%Y-%m-%d")
TIME_PATTERNS = ("", " %H:%M", " %H:%M:%S")
# The years a day Minga keeps may fall in (a survey answered, a project starting): a day that exists outside them is
# a typing slip (year 1, 9999), and refused by the models with `val.day_range`.
FIRST_YEAR, LAST_YEAR = 1900, 2100


EXCEL_EPOCH = dt.datetime(1899, 12, 30)  # day 0 of Excel's (and LibreOffice's) date serials
SERIAL_DAYS = (32874, 73415)  # the serials of 01/01/1990 and 31/12/2100


def serial_problem(value: Any) -> str | None:
    """Why a number cell is refused where a day goes, when it is Excel's serial of a day of the years kept (a date
    cell that lost its format, «General» after pasting): which day it is and how to fix the cell. None otherwise
    (a number is never read as a day by guess)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not (
            SERIAL_DAYS[0] <= value < SERIAL_DAYS[1] + 1):
        return None
    moment = EXCEL_EPOCH + dt.timedelta(minutes=round(float(value) * 24 * 60))
    shown = fmt_date(moment.date()) if moment.time() == dt.time() else fmt_datetime(moment)
    return t("val.day_serial", value=figure(value).replace(".", ""), date=shown)  # as the cell shows it: 46356,4375


def day_range_problem(day: dt.date | None) -> str | None:
    """Why a day that exists is refused: outside `FIRST_YEAR`..`LAST_YEAR` (Spanish), or None."""
    if day is None or FIRST_YEAR <= day.year <= LAST_YEAR:
        return None
    shown = f"{day.day:02d}/{day.month:02d}/{day.year:04d}"  # strftime writes year 1 as «1»
    return t("val.day_range", value=shown, first=FIRST_YEAR, last=LAST_YEAR)


def parse_date(value: Any) -> Any:
    """A date cell as a date: an Excel date, or a text in one of `DAY_PATTERNS` that is a real day; None when
    blank; anything else as written (text), for the caller to refuse with `val.day`."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date) or is_blank(value):
        return value if not is_blank(value) else None
    text = cell_text(value) or ""
    moment = parse_moment(text)
    return moment.date() if isinstance(moment, dt.datetime) and moment.time() == dt.time() else text


def parse_moment(value: Any) -> Any:
    """A date with its time or without it: a `DAY_PATTERNS` day, optionally followed by hh:mm or hh:mm:ss, or an
    ISO 8601 time as KoBoToolbox and ODK Central export it (2026-11-30T10:15:00.000-05:00); anything else as
    given."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    for day in DAY_PATTERNS:
        for time in TIME_PATTERNS:
            try:
                return dt.datetime.strptime(text, day + time)
            except ValueError:
                continue
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}.*", text):
        try:
            return dt.datetime.fromisoformat(text)
        except ValueError:
            return value
    return value


def split_list(value: Any, also_comma: bool) -> list[str]:
    """The items of a list cell (core.lists); with `also_comma` an unquoted item is also split at its commas."""
    return split_items(cell_text(value), also_comma)


def parse_targets(value: Any) -> list[str]:
    out = []
    for part in split_list(value, also_comma=False):
        if re.fullmatch(r"\d{1,2}[.,][0-9a-z]+", part.strip().lower()):
            out.append(part.strip().lower().replace(",", "."))
        else:
            out.extend(p.strip().lower() for p in part.split(",") if p.strip())
    return out


def parse_ints(value: Any) -> list[Any]:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return [int(value)] if float(value).is_integer() else [value]
    out: list[Any] = []
    for part in split_list(value, also_comma=True):
        digits = re.sub(r"(?i)^ods\s*", "", part)
        out.append(int(digits) if digits.isdigit() else part)
    return out


def choice_index(family: str) -> dict[str, str]:
    index = {}
    for code, text in labels(family).items():
        index[normalise(code)] = code
        index[normalise(text)] = code
    if family == "proposal_need":
        for code, text in labels("need").items():
            index.setdefault(normalise(text), code)
    if family == "benefit_scope":
        index.update({"colectivo": "collective", "individual": "individual"})
    if family == "support_kind":
        index.setdefault("equipamiento", "equipment")  # its label before it became the aid's «Equipos»
    if family == "localization":
        index.update({"urbano": "urban"})
    if family == "funding_source":
        index.update({"gad": "gad", "gad parroquial": "gad", "asociacion": "associations", "otro": "other"})
    return index
