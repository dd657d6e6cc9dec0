"""Numbers, money, percentages and dates as people read them in Ecuador (es-EC, CLDR):
`.` groups thousands, `,` marks decimals, dates are dd/mm/aaaa. Blank values read "sin dato"."""

from __future__ import annotations

import datetime as dt
import math

UNKNOWN = "sin dato"


def _is_blank(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def number(value: float | int | None, decimals: int = 0) -> str:
    """12345.678 → '12.345,68' (decimals=2); None → 'sin dato'."""
    if _is_blank(value):
        return UNKNOWN
    text = f"{float(value):,.{decimals}f}" if decimals else f"{round(float(value)):,d}"
    return text.replace(",", "\u0001").replace(".", ",").replace("\u0001", ".")


def money(value: float | int | None, decimals: int = 2) -> str:
    """USD amounts: 1234.5 → '$ 1.234,50'; negative amounts keep their sign before the symbol."""
    if _is_blank(value):
        return UNKNOWN
    sign = "-" if value < 0 else ""
    return f"{sign}$ {number(abs(value), decimals)}"


def percent(share: float | None, decimals: int = 1) -> str:
    """A share in 0–1: 0.634 → '63,4 %'."""
    if _is_blank(share):
        return UNKNOWN
    return f"{number(share * 100, decimals)} %"


def date(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return UNKNOWN
    return value.strftime("%d/%m/%Y")


def datetime(value: dt.datetime | None) -> str:
    if value is None:
        return UNKNOWN
    return value.strftime("%d/%m/%Y %H:%M")
