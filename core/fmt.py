"""Numbers, money, percentages, dates and lists as people read them in Ecuador (es-EC, CLDR):
`.` groups thousands, `,` marks decimals, dates are dd/mm/aaaa, lists end in "y". Blank values read
"sin dato" (core.texts, `value.unknown`)."""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from zoneinfo import ZoneInfo

from core.texts import t

UNKNOWN = t("value.unknown")


def _is_blank(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def number(value: float | int | None, decimals: int = 0) -> str:
    """12345.678 → '12.345,68' (decimals=2); None → 'sin dato'."""
    if _is_blank(value):
        return UNKNOWN
    text = f"{float(value):,.{decimals}f}" if decimals else f"{round(float(value)):,d}"
    if text.startswith("-") and not text.strip("-0.,"):  # a tiny negative rounds to zero: «0,00», never «-0,00»
        text = text[1:]
    return text.replace(",", "\u0001").replace(".", ",").replace("\u0001", ".")


def figure(value: float | int) -> str:
    """A number as a cell held it, with its own decimals (up to 9) in es-EC: 1234.25 → '1.234,25', 3.5 → '3,5',
    12.0 → '12'. For quoting back a number a file brought (never `str`, which writes «1234.25»)."""
    decimals = len(f"{float(value):.9f}".rstrip("0").partition(".")[2])
    return number(value, decimals)


def money(value: float | int | None, decimals: int = 2) -> str:
    """USD amounts: 1234.5 → '$ 1.234,50'; negative amounts keep their sign before the symbol. A figure people read
    goes through `amount` (alone), `amounts_named` (a sentence) or `amount_for` (a column) instead."""
    if _is_blank(value):
        return UNKNOWN
    shown = number(abs(value), decimals)
    sign = "-" if value < 0 and shown.strip("0.,") else ""  # a tiny negative shown as zero has no sign
    return f"{sign}$ {shown}"


def amount(value: float | int | None) -> str:
    """A USD amount in whole dollars when it has no cents ('$ 40.000'), else to the cent ('$ 999,99'): rounding a
    cost, a remainder or an aid to the dollar would state a figure the records do not hold."""
    if _is_blank(value):
        return UNKNOWN
    return money(value, 0 if round(value * 100) % 100 == 0 else 2)


def amount_for(values: Iterable[float | int | None]) -> Callable[[float | int | None], str]:
    """The formatter of one table column of USD amounts: every one to the cent when any has cents ('$ 850,00'
    beside '$ 1.234,50', never '$ 850'), else whole dollars ('$ 40.000')."""
    cents = any(not _is_blank(v) and round(v * 100) % 100 != 0 for v in values)
    return lambda value: money(value, 2 if cents else 0)


def amounts(values: Iterable[float | int | None]) -> list[str]:
    """A table column of USD amounts as text, by one rule (`amount_for`)."""
    values = list(values)
    return list(map(amount_for(values), values))


def amounts_named(**values: float | int | None) -> dict[str, str]:
    """The USD amounts one sentence names, as text by one rule (`amount_for`), keyed as the sentence names them:
    `t(key, **amounts_named(cost=13000, left=850.5))` reads «cuesta $ 13.000,00 y quedan $ 850,50», never
    «$ 13.000» beside «$ 850,50»."""
    each = amount_for(values.values())
    return {name: each(value) for name, value in values.items()}


_WRITTEN_AMOUNT = re.compile(r"(-?)\$ (\d{1,3}(?:\.\d{3})*)(?:,(\d{2}))?(?!\d)")
_QUOTED = re.compile(r"«[^»]*»")  # a title or a name as typed: never restated
_SENTENCE_END = re.compile(r"((?<=\.)\s+)")


def amounts_restated(text: str) -> str:
    """A sentence stored with its USD amounts already written (a decision's rule lines and reasons, recorded by an
    earlier version as «$ 40.000,00»), read by today's rule (`amounts_named`), sentence by sentence: whole dollars
    when none of the sentence's amounts has cents, else each to the cent. Only how a figure is written changes,
    never its value (no rounding), and text quoted «…» (a title as typed) stays as it is; the record keeps its
    text."""
    return "".join(map(_restated, _SENTENCE_END.split(text)))


def _written_value(found: re.Match[str]) -> float:
    return (-1 if found[1] else 1) * float(f"{found[2].replace('.', '')}.{found[3] or '00'}")


def _restated(sentence_: str) -> str:
    pieces = re.split(f"({_QUOTED.pattern})", sentence_)  # odd pieces are quotations
    values = [_written_value(m) for piece in pieces[::2] for m in _WRITTEN_AMOUNT.finditer(piece)]
    if not values:
        return sentence_
    each = amount_for(values)
    return "".join(piece if i % 2 else _WRITTEN_AMOUNT.sub(lambda m: each(_written_value(m)), piece)
                   for i, piece in enumerate(pieces))


class NumberTextError(ValueError):
    """Typed text that is not a number Minga can read; its message says why, in Spanish."""


_ES_EC = re.compile(r"([1-9][0-9]{0,2}(?:\.[0-9]{3})+|[0-9]+)(?:,([0-9]+))?")  # 40.000,50 (never 0.125)
_DOT_DECIMAL = re.compile(r"([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.([0-9]+))?")  # 40,000.50 or 12.5, as people type
_AMBIGUOUS = re.compile(r"([0-9]{1,3}),([0-9]{3})")  # 40,000: forty or forty thousand
LARGEST_TYPED = 1e15  # past this a typed figure is a slip of the keyboard, and floats stop counting cents


def number_text(value: str) -> str:
    """Currency marks and spaces removed: '$ 1.234,56' → '1.234,56'."""
    return re.sub(r"(?i)usd|us\$|\$|\s", "", value)


def ambiguous_reading(text: str, decimal: str = ",", decimals: int = 3) -> str | None:
    """Why «40,000» cannot be read (forty, or forty thousand), in Spanish; None for any other text. In a file
    written with a dot decimal (`decimal="."`) the doubt is «40.000», and the way out is written that way too.
    Only readings the field takes are offered: with `decimals` (2 for money, 0 for counts) «12,345» can only be
    twelve thousand; «0,001» is never a thousand-group."""
    raw = number_text(text)
    sign, body = (-1.0, raw[1:]) if raw[:1] == "-" else (1.0, raw.lstrip("+"))
    if decimal == ".":  # there «40,000» is forty thousand: only «40.000» reads two ways
        body = body.replace(".", ",") if "," not in body else ""
    ambiguous = _AMBIGUOUS.fullmatch(body)
    if not ambiguous or ambiguous[1] == "0":
        return None
    if len(ambiguous[2].rstrip("0")) > decimals:  # the decimal reading does not fit the field: one reading left
        large = f"{ambiguous[1]}{'.' if decimal == ',' else ','}{ambiguous[2]}"
        return t("number.thousands_only", text=text.strip()[:30], large=("-" if sign < 0 else "") + large)
    small = float(f"{ambiguous[1]}.{ambiguous[2]}")
    if decimal == ".":
        minus = "-" if sign < 0 else ""
        return t("number.ambiguous", text=text.strip()[:30], small=f"{minus}{small:g}",
                 large=f"{minus}{ambiguous[1]}{ambiguous[2]}")
    return t("number.ambiguous", text=text.strip()[:30], small=number(sign * small, 3).rstrip("0").rstrip(","),
             large=number(sign * small * 1000))


def read_number(text: str, decimals: int = 2) -> float | None:
    """A number typed by a person: es-EC first («40.000,50», «12,5»), then a dot decimal («12.5», «40,000.50»);
    «$», «USD» and spaces are ignored, blank is None. «40,000» is refused as ambiguous (40 or 40.000), and so is
    any number with more than `decimals` decimals. Raises NumberTextError with the reason in Spanish."""
    raw = number_text(text)
    if not raw:
        return None
    sign, body = (-1.0, raw[1:]) if raw[0] == "-" else (1.0, raw.lstrip("+"))
    shown = text.strip()[:30]
    both = ambiguous_reading(text, decimals=decimals)
    if both:
        raise NumberTextError(both)
    match = _ES_EC.fullmatch(body)
    whole_part, decimal_part = (match[1].replace(".", ""), match[2]) if match else (None, None)
    if match is None:
        match = _DOT_DECIMAL.fullmatch(body)
        if match is None:
            raise NumberTextError(t("number.not_a_number", text=shown,
                                    example="40.000" if decimals == 0 else "40.000,50"))
        whole_part, decimal_part = match[1].replace(",", ""), match[2]
    if decimal_part and len(decimal_part.rstrip("0")) > decimals:
        raise NumberTextError(t("number.whole", text=shown) if decimals == 0 else
                              t("number.decimals", text=shown, decimals=decimals))
    value = float(f"{whole_part}.{decimal_part or 0}")
    if value > LARGEST_TYPED:
        raise NumberTextError(t("number.too_large", text=shown, largest=number(LARGEST_TYPED)))
    return sign * value


def percent(share: float | None, decimals: int = 1) -> str:
    """A share in 0–1: 0.634 → '63,4 %'."""
    if _is_blank(share):
        return UNKNOWN
    return f"{number(share * 100, decimals)} %"


def shares(values: Iterable[float], decimals: int = 1) -> list[str]:
    """Each value's share of their sum as a percentage ('33,4 %'), rounded so the shares shown add up to '100,0 %'
    (largest remainder: the units left by rounding down go to the shares that lost most); 'sin dato' each when the
    sum is not positive."""
    values = [max(0.0, float(v)) for v in values]
    total, units = sum(values), 100 * 10 ** decimals
    if total <= 0:
        return [UNKNOWN] * len(values)
    exact = [v / total * units for v in values]
    whole = [math.floor(e) for e in exact]
    by_remainder = sorted(range(len(values)), key=lambda i: (-(exact[i] - whole[i]), i))
    for i in by_remainder[:units - sum(whole)]:
        whole[i] += 1
    return [percent(w / units, decimals) for w in whole]


def date(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return UNKNOWN
    return value.strftime("%d/%m/%Y")


MONTHS = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
          "noviembre", "diciembre")


def month(value: dt.date | None) -> str:
    """A date's month as people name it: 2027-01-15 → 'enero de 2027' (never the ISO '2027-01')."""
    if value is None:
        return UNKNOWN
    return f"{MONTHS[value.month - 1]} de {value.year}"


def datetime(value: dt.datetime | None) -> str:
    if value is None:
        return UNKNOWN
    return value.strftime("%d/%m/%Y %H:%M")


ECUADOR_CONTINENTAL = ZoneInfo("America/Guayaquil")


def local_time(recorded_at: str) -> str:
    """A stored UTC time (ISO 8601) as the parish reads it, Ecuador continental: dd/mm/aaaa hh:mm."""
    return datetime(dt.datetime.fromisoformat(recorded_at).astimezone(ECUADOR_CONTINENTAL))


def person(name: str, username: str) -> str:
    """Who recorded something, for a document: «Rosa Quito (usuario «presidenta»)»; the username alone when the
    record kept no name (recorded before names were kept)."""
    return t("fmt.person", name=name, username=username) if name.strip() else t("fmt.username", username=username)


def slug(name: str) -> str:
    """'Escenario Junta — 2026 (b)' → 'escenario-junta-2026-b': a name as a record id or a file name."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


PARISH_PREFIX = r"^\d{6}-"  # a loaded parish's record ids start with its six-digit DPA code


def local_code(record_id: str) -> str:
    """A loaded parish's record as its own files name it: '010152-P01' → 'P01' (the demo's 'EV-OE1' stays)."""
    return re.sub(PARISH_PREFIX, "", record_id)


def visible(text: str) -> str:
    """`text` to quote in a message, each character that cannot be seen (a right-to-left mark, a zero-width space, a
    control character) named where it is: «EV-P90» refused for an invisible mark after it would read as a valid code."""
    marker = t("fmt.invisible")
    return "".join(marker if unicodedata.category(c) in ("Cf", "Cc") and c not in "\n\t" else c for c in text)


def name_key(name: str) -> str:
    """How two people's names are compared: «  maría   PÉREZ » and «María Pérez» are the same person on a list, and
    so is a name pasted with a mark that cannot be seen (a right-to-left mark; a zero-width space reads as a space)."""
    seen = "".join(" " if c == "\u200b" else "" if unicodedata.category(c) == "Cf" else c
                   for c in unicodedata.normalize("NFC", name))
    return " ".join(seen.casefold().split())


def listing(items: Iterable[str]) -> str:
    """['a', 'b', 'c'] → 'a, b y c' (one item as it is; none → '')."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " y " + items[-1]


def capitalized(text: str) -> str:
    """The first letter upper case, the rest as written: 'remesas / VAB' → 'Remesas / VAB'."""
    return text[:1].upper() + text[1:]


def sentence(text: str) -> str:
    """The text ending in a full stop (unless it already ends a sentence), to join reasons without '.;'."""
    return text if text.endswith((".", "!", "?")) else text + "."


def with_names(text: str, names: Mapping[str, str]) -> str:
    """`text` with every whole code in `names` (e.g. «EV-A05») replaced by its name: people read names."""
    for code, name in names.items():
        text = re.sub(rf"(?<![\w-]){re.escape(code)}(?![\w-])", name, text)
    return text
