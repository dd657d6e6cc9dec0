"""Which parishes Minga records data for: the rural ones, each with its junta parroquial (GAD parroquial).

INEC's DPA list (`reference/dpa_ecuador_parroquias.csv`, read by the `parishes` view; kind `rural` or
`cabecera_cantonal`) also holds the urban cantonal seats, codes ending in 50 (010150 Cuenca): 221 in the 2022 census
(`reference/parroquias_dpa_cpv2022.csv`, `cabecera_cantonal_urbana`) and 141350 Sevilla Don Bosco, a canton created
after it. A seat is governed by its canton's municipality, not by a junta parroquial, so nothing is recorded for it:
every write path of a parish's records (core.parish.records, core.proposals.records, core.cooperation,
core.record.decisions and meeting) asks `require_rural` before storing. Viewing a seat's census figures stays allowed.
"""

from __future__ import annotations

import csv
import functools

from core.data.paths import SOURCES_DIR
from core.texts import t

DPA_LIST = SOURCES_DIR / "reference" / "dpa_ecuador_parroquias.csv"
STUDY_FIGURES = SOURCES_DIR / "study_parish_figures.csv"  # a study's display name for its parish
SEAT = "cabecera_cantonal"


class CantonalSeat(ValueError):
    """A record for an urban cantonal seat; the message (Spanish) says what the code is."""


@functools.cache
def cantonal_seats() -> dict[str, str]:
    """Every cantonal seat of the DPA list: code → its name (the canton's)."""
    with DPA_LIST.open(newline="", encoding="utf-8-sig") as handle:
        return {row["codigo_parroquia"]: row["parroquia"] for row in csv.DictReader(handle) if row["tipo"] == SEAT}


@functools.cache
def parish_names() -> dict[str, str]:
    """Every parish of the DPA list, rural or seat: code → its name as the app shows it (a study's display name
    wins for its parish, as in the `parishes` view: «El Valle», not the list's «Valle»)."""
    with DPA_LIST.open(newline="", encoding="utf-8-sig") as handle:
        names = {row["codigo_parroquia"]: row["parroquia"] for row in csv.DictReader(handle)}
    with STUDY_FIGURES.open(newline="", encoding="utf-8-sig") as handle:
        names |= {row["parish_code"]: row["display_name"] for row in csv.DictReader(handle) if row["display_name"]}
    return names


def named(parish_code: str) -> str:
    """The parish as a message names it: «Río Blanco (140164)» (the bare code when the DPA list lacks it)."""
    name = parish_names().get(parish_code)
    return f"{name} ({parish_code})" if name else parish_code


def require_junta(parish_code: str) -> None:
    """ValueError (Spanish) unless the code is a rural parish of the DPA list, the only ones with a junta
    parroquial: a cantonal seat is refused (CantonalSeat) and an unknown code too."""
    require_rural(parish_code)
    if parish_code not in parish_names():
        raise ValueError(t("rural.unknown_parish", code=parish_code))


def is_cantonal_seat(parish_code: str | None) -> bool:
    return parish_code is not None and parish_code in cantonal_seats()


def refusal(parish_code: str | None) -> str | None:
    """Why nothing can be recorded for the code (Spanish), or None for a parish Minga records for."""
    if not is_cantonal_seat(parish_code):
        return None
    return t("rural.seat_refused", code=parish_code, name=cantonal_seats()[parish_code])


def require_rural(parish_code: str | None) -> None:
    """CantonalSeat when the code is an urban cantonal seat."""
    message = refusal(parish_code)
    if message is not None:
        raise CantonalSeat(message)
