"""The candidates of one allocation as arrays, in `proposal_id` order, with the objective each method maximises.

Shape: one entry per proposal (`ids`, `lead`, `members`, `titles`, `cost`, `score`), integer copies for exact
comparisons (`cents`; `s_int` = score in 1/`scale` of a point; `value` = what the objective adds up, in whole
units), the people each proposal reaches (`reach`) and, per association, the proposals it takes part in.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import polars as pl

from core.texts import t

SCORE_SCALE = 100  # scores are compared in hundredths of a point at least (the board's 0–100 scores, vote counts)...
RESOLUTION = 1e4  # ...and to a ten-thousandth of the largest score when scores are small (0–1 scores, shares)...
LARGEST_VALUE = 1e9  # ...while each proposal's value stays below this: sums over thousands of proposals stay exact
# integers for HiGHS (whose cuts rely on whole units) and in int64
MAX_BUDGET_USD = 1e12  # the most a budget or a cost may be: far above any (Ecuador's yearly GDP is about 1.2e11),
# and its cents fit in an int64


@dataclass
class Instance:
    ids: list[str]
    lead: list[str]
    titles: list[str | None]
    cost: np.ndarray  # USD
    score: np.ndarray  # as given, on any scale
    s_int: np.ndarray  # the score in 1/`scale` of a point (int64)
    cents: np.ndarray  # int64
    beneficiaries: np.ndarray | None
    reach: np.ndarray  # people each proposal reaches (int64, at least 1)
    associations: list[str]  # every association, sorted
    # (proposal position, association position), one pair per membership: by proposal, its lead association first,
    # then the others in the order they were listed (int64 arrays)
    memberships: tuple[np.ndarray, np.ndarray]
    share: np.ndarray  # per proposal: 1 / number of its associations
    names: Mapping[str, str] = field(default_factory=dict)  # association_id → name, for sentences
    scope: bool = False  # the objective weighs each score by the people reached
    pos: dict[str, int] = field(default_factory=dict)
    a_pos: dict[str, int] = field(default_factory=dict)
    scale: float = SCORE_SCALE  # s_int = rint(score × scale) (score_scale)
    capacity: np.ndarray | None = None  # members of each association (−1 unknown); None: no count known (`people`)

    @property
    def dedup(self) -> bool:
        """Whether the scope objective counts each association's members once (`people`): it is not additive."""
        return self.scope and self.capacity is not None

    @property
    def value(self) -> np.ndarray:
        """The objective's coefficient of each proposal (int64): its score in hundredths, times the people it
        reaches under the scope objective."""
        return self.s_int * self.reach if self.scope else self.s_int

    @cached_property
    def members(self) -> list[tuple[str, ...]]:
        """Per proposal: its associations' ids, the lead first."""
        return [tuple(self.associations[k] for k in spots) for spots in self.member_pos]

    @cached_property
    def member_pos(self) -> list[list[int]]:
        """Per proposal: the positions (in `associations`) of the associations it belongs to."""
        starts, flat = self.member_csr
        flat_list = flat.tolist()
        return [flat_list[a:b] for a, b in zip(starts[:-1].tolist(), starts[1:].tolist(), strict=True)]

    @cached_property
    def member_idx(self) -> list[list[int]]:
        """Per association: the proposals it takes part in, in code order."""
        proposal, association = self.memberships
        by_association = np.argsort(association, kind="stable")
        bounds = [0, *np.cumsum(np.bincount(association, minlength=len(self.associations))).tolist()]
        ordered = proposal[by_association].tolist()
        return [ordered[a:b] for a, b in zip(bounds[:-1], bounds[1:], strict=True)]

    @cached_property
    def member_csr(self) -> tuple[np.ndarray, np.ndarray]:
        """`member_pos` flat: proposal j's associations are flat[starts[j]:starts[j + 1]] (int64 arrays)."""
        proposal, association = self.memberships
        starts = np.concatenate([[0], np.cumsum(np.bincount(proposal, minlength=len(self.ids)))])
        return starts.astype(np.int64), association

    def held(self, x: np.ndarray) -> np.ndarray:
        """Cents attributed to each association (in `associations` order) by allocation x: each chosen proposal's
        cost in equal parts among its associations."""
        proposal, association = self.memberships
        return np.bincount(association, weights=(self.cents * self.share)[proposal] * x[proposal],
                           minlength=len(self.associations))

    def name(self, association_id: str) -> str:
        return self.names.get(association_id, association_id)

    def set_scores(self, score: np.ndarray) -> None:
        self.score = score
        self.scale = score_scale(score, self.reach if self.scope else None)
        self.s_int = np.rint(score * self.scale).astype(np.int64)


def score_scale(score: np.ndarray, reach: np.ndarray | None) -> float:
    """How finely scores are compared: in hundredths of a point (exact for whole votes and the board's scores),
    finer for small scores so that a ten-thousandth of the largest still counts (0,9851 against 0,4949 + 0,4949),
    and coarser only for huge ones, so that no proposal's value (times the people it reaches under the scope
    objective) passes LARGEST_VALUE. Values stay as large as the 0–100 scores' were: the exact search and HiGHS
    prove optima as fast."""
    top = float(np.abs(score).max(initial=0.0))
    scale = float(SCORE_SCALE)
    if 0 < top < RESOLUTION / SCORE_SCALE:
        scale = 10.0 ** math.floor(math.log10(RESOLUTION / top))
    largest = top * (float(reach.max(initial=1)) if reach is not None else 1.0)
    if largest * scale > LARGEST_VALUE:
        scale = 10.0 ** math.floor(math.log10(LARGEST_VALUE / largest))
    return scale


def _numbers(frame: pl.DataFrame, column: str, key: str, nulls: bool = True) -> np.ndarray:
    """A column as floats (numbers or text holding numbers); any other value raises the Spanish message `key`
    naming the first proposal where it is (a null only when `nulls` is False)."""
    values = frame[column]
    if not (values.dtype.is_numeric() or values.dtype in (pl.Boolean, pl.Utf8, pl.Null)):
        raise ValueError(t(key, id=frame["_id"][0]))
    read = values.cast(pl.Float64, strict=False)
    bad = read.is_null() & (values.is_not_null() | (not nulls))
    if bad.any():
        raise ValueError(t(key, id=frame["_id"].filter(bad)[0]))
    return read.to_numpy()


def _reach(frame: pl.DataFrame) -> np.ndarray:
    """People reached: the `reach` column when given (prioritization fills it from beneficiaries or members),
    else the direct beneficiaries; never below one, so a proposal without figures still counts its score."""
    for column in ("reach", "direct_beneficiaries"):
        if column in frame.columns:
            return np.maximum(np.nan_to_num(_numbers(frame, column, "alloc.input.bad_people")), 1).astype(np.int64)
    return np.ones(frame.height, dtype=np.int64)


def _memberships(frame: pl.DataFrame) -> pl.DataFrame:
    """One row per (proposal position `row`, association id `association`): the lead first, then the other
    associations listed, each once."""
    lead = frame.select(pl.int_range(pl.len(), dtype=pl.Int64).alias("row"), pl.lit(0).alias("slot"),
                        pl.col("association_id").cast(pl.Utf8).alias("association"))
    if "association_ids" not in frame.columns:
        return lead.drop("slot")
    if not isinstance(frame.schema["association_ids"], pl.List | pl.Null):
        raise ValueError(t("alloc.input.association_ids_not_list"))
    others = (frame.select(pl.int_range(pl.len(), dtype=pl.Int64).alias("row"),
                           pl.col("association_ids").cast(pl.List(pl.Utf8)).alias("association"))
              .explode("association")
              .with_columns(pl.int_range(1, pl.len() + 1).over("row").alias("slot"))
              .drop_nulls("association"))
    pairs = pl.concat([lead, others.select(lead.columns)], how="vertical_relaxed")
    return pairs.sort("row", "slot").unique(["row", "association"], keep="first", maintain_order=True).drop("slot")


def build_instance(candidates: pl.DataFrame, *, scope: bool = False, names: Mapping[str, str] | None = None,
                   members: Mapping[str, int] | None = None) -> Instance:
    """Validate the candidates (Spanish `ValueError` naming the row) and index them; `members`: association_id →
    its members, where known (people are then counted once)."""
    if not isinstance(candidates, pl.DataFrame):  # a pandas frame, a list of dicts…
        raise ValueError(t("alloc.input.not_a_frame", kind=type(candidates).__name__))
    missing = [c for c in ("proposal_id", "association_id", "cost_usd", "score") if c not in candidates.columns]
    if missing:
        raise ValueError(t("alloc.input.missing_columns", columns=", ".join(missing)))
    if candidates["proposal_id"].null_count():
        raise ValueError(t("alloc.input.no_id"))
    frame = candidates.with_columns(pl.col("proposal_id").cast(pl.Utf8).alias("_id")).sort("_id")
    repeated = frame["_id"].filter(frame["_id"].is_duplicated())
    if len(repeated):
        raise ValueError(t("alloc.input.repeated_id", id=repeated[0]))
    if frame["association_id"].null_count():
        raise ValueError(t("alloc.input.no_association"))
    if isinstance(frame.schema["association_id"], pl.List | pl.Struct | pl.Array):
        raise ValueError(t("alloc.input.association_not_code"))
    ids = frame["_id"].to_list()
    cost = _numbers(frame, "cost_usd", "alloc.input.bad_cost", nulls=False)
    score = _numbers(frame, "score", "alloc.input.bad_score", nulls=False)
    bad_cost = ~np.isfinite(cost) | (np.nan_to_num(cost, nan=-1.0) < 0) | (np.nan_to_num(cost) > MAX_BUDGET_USD)
    if bad_cost.any():
        raise ValueError(t("alloc.input.bad_cost", id=ids[int(np.flatnonzero(bad_cost)[0])]))
    if not np.isfinite(score).all():
        raise ValueError(t("alloc.input.bad_score", id=ids[int(np.flatnonzero(~np.isfinite(score))[0])]))
    pairs = _memberships(frame)
    associations = pairs["association"].unique().sort().to_list()
    proposal = pairs["row"].to_numpy().astype(np.int64)
    association = pairs["association"].cast(pl.Enum(associations)).to_physical().to_numpy().astype(np.int64)
    titles = frame["title"].to_list() if "title" in frame.columns else [None] * len(ids)
    beneficiaries = None
    if "direct_beneficiaries" in frame.columns:
        beneficiaries = np.nan_to_num(_numbers(frame, "direct_beneficiaries", "alloc.input.bad_people")).astype(np.int64)
    reach = _reach(frame)
    scale = score_scale(score, reach if scope else None)
    return Instance(
        ids=ids, lead=frame["association_id"].cast(pl.Utf8).to_list(), titles=titles, cost=cost, score=score,
        s_int=np.rint(score * scale).astype(np.int64), scale=scale,
        # a cost is counted to the next cent: fractions of a cent never let the funded total pass the budget
        cents=np.ceil(cost * 100 - 1e-6).astype(np.int64),
        beneficiaries=beneficiaries, reach=reach, associations=associations,
        memberships=(proposal, association), share=1.0 / np.bincount(proposal, minlength=len(ids)),
        names=dict(names or {}), scope=scope, pos={pid: i for i, pid in enumerate(ids)},
        a_pos={a: k for k, a in enumerate(associations)}, capacity=_capacities(associations, members))


def _capacities(associations: list[str], members: Mapping[str, int] | None) -> np.ndarray | None:
    """Members of each association (in `associations` order), −1 where unknown; None when none is known."""
    if not members:
        return None
    counts = np.array([_count(members.get(a)) for a in associations], dtype=np.int64)
    counts[counts <= 0] = -1
    return counts if (counts >= 0).any() else None


def _count(value: object) -> int:
    """A member count as a whole number; 0 (unknown) when missing or not a finite number (NaN from a pandas column)."""
    try:
        read = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0
    return int(read) if math.isfinite(read) else 0
