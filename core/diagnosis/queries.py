"""What each diagnosis page reads: `PAGE_QUERIES`, the views per page bound to a parish by `ViewQuery.bind`,
so the pages and the speed bench (`bench/diagnosis.py`) run the very same queries."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class ViewQuery:
    """One read of a view: WHERE with `?` placeholders filled from the parish's keys, in order."""

    view: str
    where: str = ""
    keys: tuple[str, ...] = ()
    order_by: str = ""

    def bind(self, parish: Mapping[str, str]) -> tuple[str, str, tuple[str, ...], str]:
        """(view, where, params, order_by), the arguments of ui.data.view / core.data.db.view."""
        return (self.view, self.where, tuple(parish[k] for k in self.keys), self.order_by)


def parish_keys(parish_code: str) -> dict[str, str]:
    """The DPA codes a page filters by: the parish, its canton (4 digits) and its province (2 digits)."""
    return {"parish_code": parish_code, "canton_code": parish_code[:4], "province_code": parish_code[:2]}


_PARISH = "parish_code = ?"
_ASSOCIATIONS = ViewQuery("associations", _PARISH, ("parish_code",), "association_id")
_ANSWERS = ViewQuery("member_answers", _PARISH, ("parish_code",))

_CANTON_RURAL = "canton_code = ? AND (kind = 'rural' OR parish_code = ?)"  # the canton's rural parishes + this one
_COMPARISON = ViewQuery("territory_comparison", _CANTON_RURAL, ("canton_code", "parish_code"), "name")
_SHAPES = ViewQuery("parish_shapes", _CANTON_RURAL, ("canton_code", "parish_code"))
_CENSUS = ViewQuery("parish_census", _PARISH, ("parish_code",))

# The parish's census figures and the canton's map: Territorio draws the map by any indicator, Inicio by population.
CANTON_MAP_QUERIES: dict[str, ViewQuery] = {"census": _CENSUS, "comparison": _COMPARISON, "shapes": _SHAPES}

PAGE_QUERIES: dict[str, dict[str, ViewQuery]] = {
    "territorio": {
        **CANTON_MAP_QUERIES,
        "context": ViewQuery("territory_context", "dpa_code IN (?, ?)", ("province_code", "canton_code")),
    },
    "asociaciones": {
        "parish": ViewQuery("parishes", _PARISH, ("parish_code",)),
        "associations": _ASSOCIATIONS,
        "roles": ViewQuery("household_roles", _PARISH, ("parish_code",)),
        "answers": _ANSWERS,
        "economy": ViewQuery("member_economy", _PARISH, ("parish_code",)),
        "distribution": ViewQuery("economy_distribution", _PARISH, ("parish_code",)),
        "summary": ViewQuery("economy_by_association", _PARISH, ("parish_code",)),
        "ages": ViewQuery("members", _PARISH, ("parish_code",), "member_id"),
    },
    "ayudas": {
        "parish": ViewQuery("parishes", _PARISH, ("parish_code",)),
        "associations": _ASSOCIATIONS,
        "answers": _ANSWERS,
        "flows": ViewQuery("aid_flows", _PARISH, ("parish_code",)),
        "atomization": ViewQuery("aid_atomization", _PARISH, ("parish_code",)),
        "institutions": ViewQuery("aid_institutions", _PARISH, ("parish_code",)),
        "pairs": ViewQuery("aid_institution_pairs", _PARISH, ("parish_code",)),
    },
    "migracion": {
        "parish": ViewQuery("parishes", _PARISH, ("parish_code",)),
        "associations": _ASSOCIATIONS,
        "answers": _ANSWERS,
        "households": ViewQuery("migration_households", _PARISH, ("parish_code",)),
        "reference": ViewQuery("migration_reference"),
    },
    "problemas": {
        "parish": ViewQuery("parishes", _PARISH, ("parish_code",)),
        "associations": _ASSOCIATIONS,
        "problems": ViewQuery("problems_ranked", _PARISH, ("parish_code",), "rank"),
        "needs": ViewQuery("need_mentions", _PARISH, ("parish_code",)),
        "groups": ViewQuery("expectation_groups", _PARISH, ("parish_code",)),
        "links": ViewQuery("pdot_links", _PARISH, ("parish_code",)),
    },
}
