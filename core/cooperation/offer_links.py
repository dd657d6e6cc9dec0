"""Linking offers to the cooperant registry when they arrive without a `cooperant_id`: offers stored before the
registry existed (a migration run whenever the app opens a store) and offers read from a cooperant's IATI file.

An offer is linked to the registered cooperant whose name equals the offer's cooperant, compared without regard to
case, accents or spacing; it then carries the registry's name, kind and country. An offer no registered cooperant matches stays as it was, with
`cooperant_unmatched` set, so Ofertas and Cooperantes can say it is not linked; a later run links it once a
matching cooperant is registered. Linking never changes an offer that already has its `cooperant_id`.
"""

from __future__ import annotations

from collections.abc import Sequence

from core.cooperation.cooperants import KIND, Cooperant, cooperants, plain_name, with_cooperant
from core.proposals.offers import CooperationOffer
from core.proposals.records import OFFER
from core.record.store import Change, ConflictError, Store
from core.texts import t

MIGRATION_ACTOR = "migracion"


def match(offer: CooperationOffer, registry: Sequence[Cooperant]) -> Cooperant | None:
    """The registered cooperant an offer without a link names (by name; None when none has it)."""
    wanted = plain_name(offer.cooperant)
    return next((c for c in registry if plain_name(c.name) == wanted), None)


def linked(offer: CooperationOffer, registry: Sequence[Cooperant]) -> CooperationOffer:
    """The offer linked to its registered cooperant, or flagged as unmatched; unchanged when already linked."""
    if offer.cooperant_id:
        return offer
    found = match(offer, registry)
    if found is not None:
        return with_cooperant(offer, found)
    return offer.model_copy(update={"cooperant_unmatched": True})


def link_stored_offers(store: Store) -> int:
    """Link every stored offer without a `cooperant_id` (one logged transaction); the number of offers written.

    Offers already flagged as unmatched are written again only when a registered cooperant now matches them.
    """
    read = store.kinds_as_read([KIND])  # before the registry is read: linked to it as it stands
    registry = cooperants(store)
    changes = []
    for record in store.records(OFFER):
        offer = CooperationOffer.model_validate(record.body)
        if offer.cooperant_id:
            continue
        after = linked(offer, registry)
        if after != offer:
            changes.append(Change(OFFER, offer.offer_id, after.model_dump(mode="json"), expected_version=record.version,
                                  action=t("log.action.link_offer")))
    if not changes:
        return 0
    try:
        store.apply(changes, actor=MIGRATION_ACTOR, kinds_unchanged=read)
    except ConflictError:  # another process linked them, or changed the registry, a moment ago: the next run links
        return 0
    return len(changes)
