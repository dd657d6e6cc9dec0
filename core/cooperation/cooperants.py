"""Cooperants as records of their own: the fields of the thesis's cooperant registration form (seed-002 brief §4.1 g).

A cooperant is stored once (kind `cooperant`, not tied to a parish: the same embassy serves every parish) and
offers and calls refer to it by its `cooperant_id`. An offer is saved only for a stored cooperant, with the
registry's name, kind and country (`registered_offer`); offers stored before the link existed are linked by
core.cooperation.offer_links. Every write checks the role (planners and admins) in core.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from core.data.paths import SOURCES_DIR
from core.lists import split_items
from core.proposals.models import ID_PATTERN, Theme, split_list
from core.proposals.offers import CooperationOffer, CooperationType, Modality
from core.record import overlay
from core.record.auth import Accounts, Action, User
from core.record.store import Change, Store, StoredRecord
from core.texts import t
from core.user_text import Line, Lines, entered

KIND = "cooperant"
DEMO_DIR = SOURCES_DIR / "cooperation"
CooperantKind = Literal["bilateral", "multilateral", "ngo", "decentralized", "private", "national_public"]
# Target population of the registration form (§4.1 g).
TargetPopulation = Literal["institutions", "displaced_refugees", "peasants", "priority_groups", "ethnic_minorities",
                           "women", "social_organizations", "violence_victims", "low_income", "other"]


class Contact(BaseModel):
    """One office of the cooperant: the headquarters abroad or the office in Ecuador."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    office: Literal["abroad", "ecuador"]
    director: Line | None = None
    address: Line | None = None
    city: Line | None = None
    phone: Line | None = None
    email: Line | None = None
    website: Line | None = None


class Cooperant(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    cooperant_id: str = Field(pattern=ID_PATTERN)
    name: Line = Field(min_length=2, max_length=200)
    kind: CooperantKind
    country: Line | None = None
    themes: list[Theme] = Field(default_factory=list)
    modalities: list[Modality] = Field(default_factory=list)
    cooperation_types: list[CooperationType] = Field(default_factory=list)
    non_reimbursable: bool = True
    counterpart_rules: Lines | None = Field(default=None, max_length=2000)
    target_population: list[TargetPopulation] = Field(default_factory=list)
    contacts: list[Contact] = Field(default_factory=list)
    sources: list[Line] = Field(default_factory=list, validate_default=True)  # checked when not given, too
    iati_org_id: str | None = Field(default=None, pattern=r"^[A-Z]{2}-[A-Za-z0-9_.-]+$")
    is_illustrative: bool = True

    @field_validator("themes", "modalities", "cooperation_types", "target_population", mode="before")
    @classmethod
    def _lists(cls, value: Any) -> Any:
        return split_list(value)

    @field_validator("sources", mode="before")
    @classmethod
    def _sources_list(cls, value: Any) -> Any:
        """Sources typed in one field or cell (core.lists): a source often has commas of its own, and one holding
        a «;» is quoted."""
        return split_items(value) if isinstance(value, str) else value

    @field_validator("sources")
    @classmethod
    def _sourced(cls, value: list[str]) -> list[str]:
        """On the field, not the model: a file's problem then names the column «Fuentes»."""
        if not any(s.strip() for s in value):
            raise ValueError(t("coop.err.no_source"))
        return value


def records(store: Store) -> list[StoredRecord]:
    """The live cooperants with their versions: the demo's (version 0) under the store's."""
    return overlay.live(store, KIND)


def cooperants(store: Store) -> list[Cooperant]:
    return [Cooperant.model_validate(r.body) for r in records(store)]


def registered(store: Store, cooperant_id: str) -> Cooperant | None:
    """The live cooperant with this id (the demo's or the store's), None when there is none."""
    record = overlay.current(store, KIND, cooperant_id)
    return Cooperant.model_validate(record.body) if record is not None and not record.deleted else None


def plain_name(name: str) -> str:
    """A cooperant's name compared without regard to case, accents or spacing («EMBAJADA DEL JAPON» is «Embajada
    del Japón»): how offers are linked by name (core.cooperation.offer_links) and how a twin is told apart. The
    accents go (marks of a decomposed letter), and so does punctuation outside ASCII («», —); letters of other
    scripts stay: «日本国際協力機構» and «中国国际发展合作署» are not one cooperant."""
    kept = (c for c in unicodedata.normalize("NFKD", name)
            if not unicodedata.combining(c) and (c.isascii() or c.isalnum()))
    return " ".join("".join(kept).casefold().split())


def twin(cooperant: Cooperant, items: Iterable[Cooperant]) -> Cooperant | None:
    """Another cooperant of `items` (another code) with the same name as `cooperant`, None when there is none."""
    wanted = plain_name(cooperant.name)
    return next((c for c in items if c.cooperant_id != cooperant.cooperant_id and plain_name(c.name) == wanted), None)


def require_no_twin(store: Store, items: Sequence[Cooperant]) -> None:
    """ValueError (Spanish) when a cooperant about to be stored has the name of a registered one under another code
    (one not replaced in the same write), or of another in the same write: the same cooperant typed two ways split
    its offers and calls between two records."""
    saving = {c.cooperant_id for c in items}
    kept = [c for c in cooperants(store) if c.cooperant_id not in saving]
    for index, cooperant in enumerate(items):
        found = twin(cooperant, [*kept, *items[:index]])
        if found is not None:
            raise ValueError(t("coop.err.twin", name=cooperant.name, code=found.cooperant_id, registered=found.name))


def by_id(items: Iterable[Cooperant]) -> dict[str, Cooperant]:
    return {c.cooperant_id: c for c in items}


def cooperant_of_offer(offer: CooperationOffer, registry: Sequence[Cooperant]) -> Cooperant | None:
    """The registry record the offer refers to (None: an offer not linked, or a cooperant no longer stored)."""
    return next((c for c in registry if c.cooperant_id == offer.cooperant_id), None) if offer.cooperant_id else None


def cooperant_name(offer: CooperationOffer, registry: Sequence[Cooperant]) -> str:
    """The cooperant as the registry names it; an offer not linked shows its own name and says it is not linked."""
    registered = cooperant_of_offer(offer, registry)
    return registered.name if registered else t("coop.offer.unlinked", name=offer.cooperant)


def with_cooperant(offer: CooperationOffer, cooperant: Cooperant) -> CooperationOffer:
    """The offer linked to `cooperant`, carrying the registry's name, kind and country."""
    return offer.model_copy(update={"cooperant_id": cooperant.cooperant_id, "cooperant_unmatched": False,
                                    "cooperant": cooperant.name, "cooperant_kind": cooperant.kind,
                                    "country": cooperant.country})


def registered_offer(store: Store, offer: CooperationOffer) -> CooperationOffer:
    """The offer as it is saved: linked to a registered cooperant (ValueError in Spanish when it names none or one
    not registered)."""
    if not offer.cooperant_id:
        raise ValueError(t("coop.err.offer_without_cooperant", offer=offer.offer_id))
    cooperant = registered(store, offer.cooperant_id)
    if cooperant is None:
        raise ValueError(t("coop.err.offer_unknown_cooperant", cooperant=offer.cooperant_id))
    return with_cooperant(offer, cooperant)


def save_cooperant(store: Store, user: User | None, cooperant: Cooperant, expected_version: int | None = None, *,
                   new: bool = False) -> int:
    """Store one cooperant (planners and admins); `new`: entered as a new one, whose code must be free."""
    actor = Accounts(store).require(user, Action.EDIT_OFFER)
    cooperant = entered(cooperant)  # what it may hold (core.user_text): refused before anything is stored
    if new:
        overlay.refuse_taken(store, KIND, cooperant.cooperant_id)
    read = store.kinds_as_read([KIND])  # before the twin check: a cooperant saved meanwhile refuses the write
    require_no_twin(store, [cooperant])
    [saved] = store.apply([Change(KIND, cooperant.cooperant_id, cooperant.model_dump(mode="json"),
                                  expected_version=expected_version, action=t("log.action.save_cooperant"),
                                  base=overlay.base(KIND, cooperant.cooperant_id))], actor=actor.username,
                          kinds_unchanged=read, changed=t("coop.err.registry_changed"))
    return saved.version


def import_cooperants(store: Store, user: User | None, items: Sequence[Cooperant],
                      expected_versions: dict[str, int] | None = None) -> int:
    """Store many cooperants as one transaction (a registry import): all of them, or none."""
    actor = Accounts(store).require(user, Action.EDIT_OFFER)
    expected = expected_versions or {}
    items = [entered(c) for c in items]
    read = store.kinds_as_read([KIND])  # before the twin check: a cooperant saved meanwhile refuses the write
    require_no_twin(store, items)
    store.apply([Change(KIND, c.cooperant_id, c.model_dump(mode="json"), expected_version=expected.get(c.cooperant_id),
                        action=t("log.action.import_cooperant"), base=overlay.base(KIND, c.cooperant_id))
                 for c in items], actor=actor.username, kinds_unchanged=read, changed=t("coop.err.registry_changed"))
    return len(items)


# The demo's cooperants: those of the demo offers plus those the Azogues thesis names in its calendar of calls
# (§3.3.2 h–j), each with its source; read where they are, never copied into the store (core.record.overlay).
BUILT = overlay.BuiltJson(DEMO_DIR / "cooperants.json", "cooperant_id", Cooperant)
