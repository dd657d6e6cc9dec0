"""The next number of a numbered record (an acta «2026-003», an agreement «CONV-2026-002»): one more than the largest
of the stored codes `prefix` + plain ASCII digits. A code of any other shape under the prefix (a row planted in the
store file by hand: «…-copia», «…-００２») numbers nothing, so it neither stops nor skews the sequence."""

from __future__ import annotations

from collections.abc import Iterable


def next_number(record_ids: Iterable[str], prefix: str) -> int:
    numbers = (rest for record_id in record_ids if (rest := record_id.removeprefix(prefix)) != record_id)
    return max((int(n) for n in numbers if n.isascii() and n.isdigit()), default=0) + 1
