"""Offers that may be one offer entered twice: typed by hand and later read from the cooperant's IATI file (or the
other way round) under another code. Both count, and a counterpart the parish commits to one is counted twice, so
the planner is warned (not refused: two calls of one cooperant may share a title) on the IATI preview and on the
offer's form, naming the stored offer.

Two offers are taken as possibly the same when they are of the same parish, of the same cooperant (the same
registry record, or the same name as core.cooperation.cooperants.plain_name compares names) and have the same
title compared the same way.
"""

from __future__ import annotations

from collections.abc import Iterable

from core.cooperation.cooperants import cooperants, plain_name
from core.cooperation.offer_links import linked
from core.fmt import listing
from core.proposals.offers import CooperationOffer
from core.proposals.records import offers
from core.record.store import Store
from core.texts import t


def _same_cooperant(one: CooperationOffer, other: CooperationOffer) -> bool:
    if one.cooperant_id and other.cooperant_id:
        return one.cooperant_id == other.cooperant_id
    return plain_name(one.cooperant) == plain_name(other.cooperant)


def _same_as(offer: CooperationOffer, stored: Iterable[CooperationOffer]) -> list[CooperationOffer]:
    """The offers of `stored` (the same parish's, under another code) that `offer` may be the same as."""
    title = plain_name(offer.title)
    return [o for o in stored if o.offer_id != offer.offer_id and plain_name(o.title) == title
            and _same_cooperant(offer, o)]


def stored_twins(store: Store, items: Iterable[CooperationOffer], parish_code: str | None) -> dict[str, list[CooperationOffer]]:
    """For each offer of `items` that may be a stored offer of `parish_code` entered again: offer id → those offers.
    An offer read from a file is first linked to the registered cooperant it names, as saving it would link it."""
    registry = cooperants(store)
    stored = [v.item for v in offers(store) if v.item.parish_code == parish_code]
    found = {o.offer_id: _same_as(linked(o, registry), stored) for o in items}
    return {offer_id: twins for offer_id, twins in found.items() if twins}


def named(twins: Iterable[CooperationOffer]) -> str:
    """The offers as a warning names them: «OF-1» (Riego para Cumbe) y …"""
    return listing([t("ofe.twin", id=o.offer_id, title=o.title) for o in twins])
