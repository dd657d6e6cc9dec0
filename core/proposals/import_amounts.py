"""The money of one imported row: «Monto solicitado al GAD» derived from the total cost and the counterparts
when the file does not give it, and a contradiction between the amounts it does give named at its column.

A planner's own file often has the total cost and the community's contribution but not what is asked of the
GAD; that follows: requested = cost − (associations + cooperant + others). When the file gives all of them
and they do not add up, the row is wrong and the problem names «Monto solicitado al GAD» (the amount that
the others contradict), with the sum written out so the person can see which one to fix.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from core.fmt import amounts_named
from core.proposals.import_columns import COUNTERPARTS
from core.proposals.models import CENT
from core.texts import t


@dataclass(frozen=True)
class Amounts:
    """What the row's amounts settle: the requested amount derived (None: not derived) and, when they
    contradict each other, the field to name and the Spanish message."""

    derived: float | None = None
    note: str | None = None
    problem_field: str | None = None
    problem: str | None = None


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def settle(values: Mapping[str, Any], *, requested_given: bool, counterparts_in_file: bool) -> Amounts:
    """The row's requested amount against its cost and counterparts (`values`: model values, merged).

    `requested_given`: the file has a value in the requested column; `counterparts_in_file`: it has a
    counterpart column. Cells that are not numbers, and negative amounts, are left to the model's own message.
    """
    cost = _number(values.get("cost_usd"))
    parts = {name: _number(values.get(name)) or 0.0 for name in COUNTERPARTS}
    if cost is None or any(values.get(n) is not None and _number(values.get(n)) is None for n in COUNTERPARTS):
        return Amounts()
    if cost < 0 or any(part < 0 for part in parts.values()):  # the model names the negative amount at its column
        return Amounts()
    others = sum(parts.values())
    if not requested_given:
        if not counterparts_in_file:
            return Amounts()
        derived = round(cost - others, 2)
        if derived < -CENT:
            first = next(n for n in COUNTERPARTS if parts[n] > 0)
            return Amounts(problem_field=first, problem=t("imp.amount.over_cost",
                                                          **amounts_named(others=others, cost=cost)))
        derived = max(derived, 0.0)
        return Amounts(derived=derived, note=t("imp.amount.derived", **amounts_named(
        cost=cost, others=others, requested=derived)))
    requested = _number(values.get("requested_usd"))
    if requested is None or abs(requested + others - cost) <= CENT:
        return Amounts()
    return Amounts(problem_field="requested_usd", problem=t(
        "imp.amount.contradiction", **amounts_named(requested=requested, others=others, total=requested + others,
                                                     cost=cost)))
