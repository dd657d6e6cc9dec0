"""Reading one spreadsheet cell of a parish file: text, whole numbers, money, yes/no, a code or its label.

A reader returns the value, or raises `CellError` with a Spanish sentence; the caller places it at a
row and a column. Choices are accepted as Minga's code or its Spanish label, accents and case aside.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from core.fmt import ambiguous_reading, figure, number, number_text
from core.fmt import date as date_text
from core.lists import not_given as _not_given
from core.proposals.alignment import PDOT_COMPONENTS
from core.proposals.import_cells import is_blank, normalise, parse_date, parse_number
from core.proposals.import_cells import zero_dash as _zero_dash
from core.proposals.import_files import Formula
from core.texts import label, t

_YES = {"si", "s", "yes", "true", "verdadero", "1", "x"}
_NO = {"no", "n", "false", "falso", "0"}


class CellError(ValueError):
    """A cell that cannot be read; the message says why, in Spanish."""


def text(value: Any) -> str | None:
    """The cell as text (a formula's own text), None when blank; TRUE/FALSE as the page shows them («Sí», «No»)."""
    if isinstance(value, Formula):
        value = value.cached if value.cached is not None else value.text
    if value is None:
        return None
    if isinstance(value, bool):
        return label("bool", value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    shown = str(value).strip()
    return None if is_blank(shown) else shown  # «n/a», «-», «s/d» say the cell is empty


def not_given(value: Any) -> bool:
    """Whether the cell says it has no value («n/a», «no aplica», «-», «s/d»): every reader here takes it as empty,
    and a required column refuses it with `val.not_given` (core.parish.tables, core.parish.survey)."""
    return _not_given(value)


def zero_dash(value: Any) -> bool:
    """Whether a money cell is Excel's accounting zero («$ -», «-»): `money` reads it as 0."""
    return _zero_dash(value)


def integer(value: Any) -> int | None:
    if isinstance(value, bool):  # a spreadsheet's TRUE is not 1 member
        raise CellError(t("parish.cell.integer", value=label("bool", value)))
    shown = text(value)
    if shown is None:
        return None
    if not isinstance(value, (int, float)) and (doubt := ambiguous_reading(shown, decimals=0)):
        raise CellError(doubt)  # «1,000» socios: one, or a thousand?
    parsed = parse_number(shown.replace(" ", ""), ",") if not isinstance(value, (int, float)) else float(value)
    if not isinstance(parsed, float) or not parsed.is_integer():  # a number cell quoted in es-EC: «3,5», not «3.5»
        raise CellError(t("parish.cell.integer", value=figure(value) if isinstance(value, float) else shown))
    return int(parsed)


def date_in(value: Any) -> dt.date | None:
    """The date a cell holds: an Excel date cell, or a text written as every Minga file takes a day
    (`core.proposals.import_cells.DAY_PATTERNS`: «15/03/2022», «15-03-2022», «15.03.2022», «15/03/22», «2022-03-15»)
    that is a real day; None for anything else."""
    if isinstance(value, Formula):
        value = value.cached
    if not isinstance(value, (str, dt.date)):
        return None
    read = parse_date(value)
    return read if isinstance(read, dt.date) else None


EXCEL_EPOCH = dt.date(1899, 12, 30)  # day 0 of Excel's (and LibreOffice's) date serials
SERIALS = (32874, 73415)  # the serials of 01/01/1990 and 31/12/2100: the days of the years an aid may have


def year(value: Any) -> int | None:
    """A year: a whole number, or the year of a date (a planner who writes «15/03/2022» there means 2022; the
    caller tells which rows were read so). Anything else, an impossible date too, is refused."""
    if (date := date_in(value)) is not None:
        return date.year
    shown = text(value)
    if shown is not None and not isinstance(value, (int, float)) and not re.fullmatch(r"[0-9 .]+", shown):
        raise CellError(t("parish.cell.year", value=shown))
    read = integer(value)
    if read is not None and SERIALS[0] <= read <= SERIALS[1]:  # a date cell that lost its format: «45292»
        day = EXCEL_EPOCH + dt.timedelta(days=read)
        raise CellError(t("parish.cell.year_serial", value=shown, date=date_text(day), year=day.year))
    return read


def money(value: Any, decimal: str = ",") -> float | None:
    if isinstance(value, bool):
        raise CellError(t("parish.cell.number", value=label("bool", value)))
    if isinstance(value, (int, float)):
        return float(value)
    if _zero_dash(value):  # «$ -»: how Excel's accounting format writes 0
        return 0.0
    shown = text(value)
    if shown is None:
        return None
    if doubt := ambiguous_reading(shown, decimal, decimals=2):  # «40,000» (or «40.000» in a dot-decimal file): 40 or 40.000?
        raise CellError(doubt)
    parsed = parse_number(shown, decimal)
    if not isinstance(parsed, float):
        raise CellError(t("parish.cell.number", value=shown))
    return parsed


def as_written(read: float | int, cell: Any, decimal: str = ",") -> str | float | int:
    """A number read from a cell, to quote back in a message: in es-EC with the decimals the person wrote
    («-850,00» stays «-850,00», «-1500» reads «-1.500»); a cell that was a number already is left to the message."""
    written = text(cell) if isinstance(cell, str) else None
    if written is None or isinstance(read, bool):
        return read
    body = number_text(written)
    decimals = len(body.rpartition(decimal)[2]) if decimal in body and (decimal == "," or body.count(".") == 1) else 0
    return number(read, min(decimals, 2))


def yes_no(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    shown = text(value)
    if shown is None:
        return None
    plain = normalise(shown)
    if plain in _YES:
        return True
    if plain in _NO:
        return False
    raise CellError(t("parish.cell.yes_no", value=shown))


def choice_index(options: dict[str, str]) -> dict[str, str]:
    """normalised code or label → code, for a code → label mapping."""
    index: dict[str, str] = {}
    for code, shown in options.items():
        index[normalise(code)] = code
        index[normalise(shown)] = code
    return index


def choice(value: Any, options: dict[str, str]) -> str | None:
    shown = text(value)
    if shown is None:
        return None
    found = choice_index(options).get(normalise(shown))
    if found is None:
        allowed = ", ".join(f"«{label}»" for label in options.values())
        raise CellError(t("parish.cell.choice", value=shown, allowed=allowed))
    return found


def choices(value: Any, options: dict[str, str]) -> tuple[str, ...]:
    """A multiple choice cell: codes separated by spaces (as ODK and KoBoToolbox write them), labels separated by
    spaces (KoBoToolbox's export «with labels»: `Capacitación Asistencia técnica`), by `;` or by `,`. Within a
    piece the longest code or label that fits is taken first, accents and case aside."""
    shown = text(value)
    if shown is None:
        return ()
    index = choice_index(options)
    span = max(len(str(name).split()) for pair in options.items() for name in pair)
    found: list[str] = []
    for piece in re.split(r"[;,]", shown):
        for code in _options_in(piece, index, span, options):
            if code not in found:
                found.append(code)
    return tuple(found)


def _options_in(piece: str, index: dict[str, str], span: int, options: dict[str, str]) -> list[str]:
    """The codes of the options written one after another in `piece`, the longest fitting one first; CellError
    naming the words that are no option."""
    words = [w for w in piece.split() if normalise(w)]
    codes: list[str] = []
    start = 0
    while start < len(words):
        end = next((end for end in range(min(len(words), start + span), start, -1)
                    if normalise(" ".join(words[start:end])) in index), None)
        if end is None:
            stray = start
            while stray < len(words) and not any(normalise(" ".join(words[stray:e])) in index
                                                 for e in range(stray + 1, min(len(words), stray + span) + 1)):
                stray += 1
            allowed = ", ".join(f"«{label}»" for label in options.values())
            raise CellError(t("parish.cell.choice", value=" ".join(words[start:stray]), allowed=allowed))
        codes.append(index[normalise(" ".join(words[start:end]))])
        start = end
    return codes


_UUID = re.compile(r"[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}")


def submission_id(cell: Any) -> str:
    """A submission's id as written, without ODK's «uuid:»; a UUID in lower case, as its letters have no case."""
    uuid = str(cell or "").removeprefix("uuid:")
    return uuid.lower() if _UUID.fullmatch(uuid) else uuid


RUC_DIGITS = 13


def ruc(value: Any) -> str | None:
    """A RUC as written; one Excel took for a number lost its leading zero (provinces 01 to 09: «0190012345001»
    became 190012345001), which is put back: only a number cell, never a text, is read that way."""
    if isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer() \
            and len(str(int(value))) == RUC_DIGITS - 1:
        return f"{int(value):0{RUC_DIGITS}d}"
    shown = text(value)
    if shown is not None and re.fullmatch(r"\d+([.,]\d+)?[eE]\+?\d+", shown):  # «1,79E+12»: its digits are gone
        raise CellError(t("parish.cell.ruc_scientific", value=shown))
    return shown


def pdot_component(value: Any) -> str | None:
    """A PDOT component as the planning guide names it when it is one of the five, whatever its case, accents or
    dashes («biofísico», «Economico-Productivo»): offers are screened against the components by name. Another
    component a PDOT uses stays as written."""
    shown = text(value)
    if shown is None:
        return None
    plain = normalise(shown).removeprefix("componente ")
    return next((name for name in PDOT_COMPONENTS if normalise(name) == plain), shown)
