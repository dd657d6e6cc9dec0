"""What the allocation tests share, written here independently of core.engine.allocation: candidates as a data
frame (`frame`), a brute-force search over every subset that keeps the rules (`feasible`, `key`, `brute_force`) and
Hypothesis's random instances of candidates and rules (`instances`). tests/test_objectives.py and
tests/test_allocation_search.py use them too."""

from __future__ import annotations

import itertools

import polars as pl
from hypothesis import strategies as st

from core.engine.allocation import AllocationRules

EPS = 0.005


def frame(rows: list[tuple], joint: dict[str, list[str]] | None = None) -> pl.DataFrame:
    """rows: (proposal_id, association_id, cost_usd, score)."""
    data = pl.DataFrame(rows, schema=["proposal_id", "association_id", "cost_usd", "score"], orient="row")
    data = data.with_columns(pl.col("cost_usd").cast(pl.Float64), pl.col("score").cast(pl.Float64))
    if joint is not None:
        data = data.with_columns(pl.Series("association_ids", [joint.get(p, [a]) for p, a in
                                                                zip(data["proposal_id"], data["association_id"], strict=True)]))
    return data


# -- Brute force (independent of the code under test) --------------------------------------------

def members_of(row: dict) -> list[str]:
    """The lead, then every other association listed, each once."""
    return list(dict.fromkeys([row["association_id"], *(row.get("association_ids") or [])]))


def feasible(rows: list[dict], chosen: set[str], rules: AllocationRules) -> bool:
    cost = sum(r["cost_usd"] for r in rows if r["proposal_id"] in chosen)
    if cost > rules.budget_usd - rules.reserve_usd + EPS:
        return False
    if any(p not in chosen for p in rules.must_fund) or any(p in chosen for p in rules.must_not_fund):
        return False
    if any(a in chosen and b in chosen for a, b in rules.exclusive_pairs):
        return False
    if rules.max_share_per_association is not None:
        cap = rules.max_share_per_association * rules.budget_usd
        per: dict[str, float] = {}
        for r in rows:
            if r["proposal_id"] in chosen:
                group = members_of(r)
                for a in group:
                    per[a] = per.get(a, 0.0) + r["cost_usd"] / len(group)
        # half a cent over the cap is allowed (a shared cost splits into half cents); 1e-9 absorbs float noise
        if any(v > cap + EPS + 1e-9 for v in per.values()):
            return False
    return True


def coverage(rows: list[dict], chosen: set[str]) -> int:
    return len({a for r in rows if r["proposal_id"] in chosen for a in members_of(r)})


def key(rows: list[dict], chosen: set[str], rules: AllocationRules) -> tuple:
    """What the optimum maximises, lexicographically: coverage (if asked), score, −cost, −positions."""
    order = sorted(r["proposal_id"] for r in rows)
    score = round(sum(round(r["score"], 2) for r in rows if r["proposal_id"] in chosen), 2)
    cost = round(sum(r["cost_usd"] for r in rows if r["proposal_id"] in chosen), 2)
    positions = sum(order.index(p) + 1 for p in chosen)
    cover = coverage(rows, chosen) if rules.min_one_per_association else 0
    return (cover, score, -cost, -positions)


def brute_force(candidates: pl.DataFrame, rules: AllocationRules) -> tuple[tuple, set[str]] | None:
    rows = candidates.to_dicts()
    ids = [r["proposal_id"] for r in rows]
    best = None
    for size in range(len(ids) + 1):
        for combo in itertools.combinations(ids, size):
            chosen = set(combo)
            if feasible(rows, chosen, rules):
                k = key(rows, chosen, rules)
                if best is None or k > best[0]:
                    best = (k, chosen)
    return best


# -- Random cases for the properties ---------------------------------------------------------------

@st.composite
def instances(draw, max_n: int = 12):
    n = draw(st.integers(1, max_n))
    n_assoc = draw(st.integers(1, 4))
    rows = []
    for k in range(n):
        rows.append((f"P{k:02d}", f"a{draw(st.integers(1, n_assoc))}",
                     draw(st.integers(0, 60)) + draw(st.sampled_from([0, 0.5, 0.25])),
                     draw(st.integers(0, 100)) + draw(st.sampled_from([0, 0.5, 0.01]))))
    joint = None
    if draw(st.booleans()):  # joint proposals: other associations listed, repeats and the lead included
        others = st.lists(st.integers(1, n_assoc).map(lambda k: f"a{k}"), max_size=2)
        joint = {r[0]: [r[1], *draw(others)] for r in rows}
    candidates = frame(rows, joint)
    ids = [r[0] for r in rows]
    budget = draw(st.integers(0, 200))
    must = draw(st.lists(st.sampled_from(ids), max_size=1, unique=True)) if draw(st.booleans()) else []
    must_not = [p for p in draw(st.lists(st.sampled_from(ids), max_size=2, unique=True)) if p not in must]
    pairs = []
    if n >= 2 and draw(st.booleans()):
        a, b = draw(st.lists(st.sampled_from(ids), min_size=2, max_size=2, unique=True))
        pairs = [(a, b)]
    rules = AllocationRules(
        budget_usd=budget, reserve_usd=draw(st.sampled_from([0, 0, 10])),
        min_one_per_association=draw(st.booleans()),
        max_share_per_association=draw(st.sampled_from([None, None, 0.3, 0.6])),
        must_fund=must, must_not_fund=must_not, exclusive_pairs=pairs)
    return candidates, rules
