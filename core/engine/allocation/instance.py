"""The candidates of one allocation as arrays, in `proposal_id` order, with the objective each method maximises.

Shape: one entry per proposal (`ids`, `lead`, `members`, `titles`, `cost`, `score`), integer copies for exact
comparisons (`cents`; `s_int` = score in hundredths of a point; `value` = what the objective adds up, in whole
units), the people each proposal reaches (`reach`) and, per association, the proposals it takes part in.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import polars as pl

from core.texts import t

SCORE_SCALE = 100  # scores are compared in hundredths of a point


@dataclass
class Instance:
    ids: list[str]
    lead: list[str]
    members: list[tuple[str, ...]]
    titles: list[str | None]
    cost: np.ndarray  # USD
    score: np.ndarray  # as given, on any scale
    s_int: np.ndarray  # hundredths of a point (int64)
    cents: np.ndarray  # int64
    beneficiaries: np.ndarray | None
    reach: np.ndarray  # people each proposal reaches (int64, at least 1)
    associations: list[str]  # every association, sorted
    member_idx: list[list[int]]  # per association: proposals it takes part in
    share: np.ndarray  # per proposal: 1 / number of its associations
    names: Mapping[str, str] = field(default_factory=dict)  # association_id → name, for sentences
    scope: bool = False  # the objective weighs each score by the people reached
    pos: dict[str, int] = field(default_factory=dict)
    a_pos: dict[str, int] = field(default_factory=dict)

    @property
    def value(self) -> np.ndarray:
        """The objective's coefficient of each proposal (int64): its score in hundredths, times the people it
        reaches under the scope objective."""
        return self.s_int * self.reach if self.scope else self.s_int

    @cached_property
    def member_pos(self) -> list[list[int]]:
        """Per proposal: the positions (in `associations`) of the associations it belongs to."""
        return [[self.a_pos[a] for a in group] for group in self.members]

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

    @cached_property
    def memberships(self) -> tuple[np.ndarray, np.ndarray]:
        """(proposal position, association position), one pair per membership."""
        pairs = [(i, k) for i, spots in enumerate(self.member_pos) for k in spots]
        return (np.array([i for i, _ in pairs], dtype=np.int64), np.array([k for _, k in pairs], dtype=np.int64))

    def name(self, association_id: str) -> str:
        return self.names.get(association_id, association_id)

    def set_scores(self, score: np.ndarray) -> None:
        self.score = score
        self.s_int = np.rint(score * SCORE_SCALE).astype(np.int64)


def _reach(frame: pl.DataFrame) -> np.ndarray:
    """People reached: the `reach` column when given (prioritization fills it from beneficiaries or members),
    else the direct beneficiaries; never below one, so a proposal without figures still counts its score."""
    for column in ("reach", "direct_beneficiaries"):
        if column in frame.columns:
            return np.maximum(frame[column].fill_null(0).cast(pl.Int64).to_numpy(), 1)
    return np.ones(frame.height, dtype=np.int64)


def _first_repeated(ids: list[str]) -> str | None:
    seen: set[str] = set()
    for value in ids:
        if value in seen:
            return value
        seen.add(value)
    return None


def build_instance(candidates: pl.DataFrame, *, scope: bool = False,
                   names: Mapping[str, str] | None = None) -> Instance:
    """Validate the candidates (Spanish `ValueError` naming the row) and index them."""
    missing = [c for c in ("proposal_id", "association_id", "cost_usd", "score") if c not in candidates.columns]
    if missing:
        raise ValueError(t("alloc.input.missing_columns", columns=", ".join(missing)))
    if candidates["proposal_id"].null_count():
        raise ValueError(t("alloc.input.no_id"))
    frame = candidates.with_columns(pl.col("proposal_id").cast(pl.Utf8).alias("_id")).sort("_id")
    ids = frame["_id"].to_list()
    repeated = _first_repeated(ids)
    if repeated is not None:
        raise ValueError(t("alloc.input.repeated_id", id=repeated))
    if frame["association_id"].null_count():
        raise ValueError(t("alloc.input.no_association"))
    lead = [str(v) for v in frame["association_id"].to_list()]
    cost = frame["cost_usd"].cast(pl.Float64).to_numpy()
    score = frame["score"].cast(pl.Float64).to_numpy()
    bad_cost = ~np.isfinite(cost) | (np.nan_to_num(cost, nan=-1.0) < 0)
    if bad_cost.any():
        raise ValueError(t("alloc.input.bad_cost", id=ids[int(np.flatnonzero(bad_cost)[0])]))
    if not np.isfinite(score).all():
        raise ValueError(t("alloc.input.bad_score", id=ids[int(np.flatnonzero(~np.isfinite(score))[0])]))
    if "association_ids" in frame.columns:
        members = []
        for lead_id, group in zip(lead, frame["association_ids"].to_list(), strict=True):
            others = [str(g) for g in (group or []) if g is not None]
            members.append(tuple(dict.fromkeys([lead_id, *others])))
    else:
        members = [(a,) for a in lead]
    titles = frame["title"].to_list() if "title" in frame.columns else [None] * len(ids)
    beneficiaries = None
    if "direct_beneficiaries" in frame.columns:
        beneficiaries = frame["direct_beneficiaries"].fill_null(0).cast(pl.Int64).to_numpy()
    associations = sorted({a for group in members for a in group})
    a_pos = {a: k for k, a in enumerate(associations)}
    member_idx: list[list[int]] = [[] for _ in associations]
    for i, group in enumerate(members):
        for a in group:
            member_idx[a_pos[a]].append(i)
    return Instance(
        ids=ids, lead=lead, members=members, titles=titles, cost=cost, score=score,
        s_int=np.rint(score * SCORE_SCALE).astype(np.int64), cents=np.rint(cost * 100).astype(np.int64),
        beneficiaries=beneficiaries, reach=_reach(frame), associations=associations, member_idx=member_idx,
        share=np.array([1.0 / len(g) for g in members]), names=dict(names or {}), scope=scope,
        pos={pid: i for i, pid in enumerate(ids)}, a_pos=a_pos)
