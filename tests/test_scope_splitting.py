"""The study's flagship, the Integrated Commercialization Project (one project for the members of five
associations, 77 people), against many cheap items for the same 14 members of one association, under the objective
the product offers for reach («Óptima por alcance»: score × people reached).

Counted per proposal, the same 14 members «reached» 168 people through twelve $ 2.000 kits and beat the flagship.
With the associations' member counts (core.engine.allocation.people) each association's people count once: the
twelve kits reach the same 14 people, and the flagship wins."""

import polars as pl
import pytest

from core.allocation import AllocationRules, allocate, allocate_detailed

JOINT = ["EV-A01", "EV-A02", "EV-A03", "EV-A06", "EV-A07"]
MEMBERS = {"EV-A01": 20, "EV-A02": 15, "EV-A03": 15, "EV-A05": 14, "EV-A06": 14, "EV-A07": 13}  # 77 + 14


def flagship_and_kits() -> pl.DataFrame:
    rows = [("EV-P01", "EV-A01", JOINT, 24_000.0, 80.0, 77)]
    rows += [(f"EV-K{k:02d}", "EV-A05", ["EV-A05"], 2_000.0, 60.0, 14) for k in range(12)]
    return pl.DataFrame({
        "proposal_id": [r[0] for r in rows], "association_id": [r[1] for r in rows],
        "association_ids": [r[2] for r in rows], "cost_usd": [r[3] for r in rows], "score": [r[4] for r in rows],
        "direct_beneficiaries": [r[5] for r in rows]})


def test_the_flagship_is_not_dropped_for_many_kits_for_the_same_people():
    candidates = flagship_and_kits()
    result = allocate_detailed(candidates, AllocationRules(budget_usd=24_000), method="scope", explain=True,
                               association_members=MEMBERS)
    assert result.funded_ids == ["EV-P01"]
    assert result.people_reached == 77
    kit = next(o for o in result.proposals if o.proposal_id == "EV-K00")
    # 14 people at a score above 440 would be worth more than 77 at 80 (6.160): the sentence says so
    assert kit.score_needed == pytest.approx(440.0)
    assert kit.displaces == ["EV-P01"]


@pytest.mark.parametrize(("members", "funded"), [
    (MEMBERS, ["EV-P01"]),
    (None, [f"EV-K{k:02d}" for k in range(12)]),  # no member counts: each proposal's people count, as before
])
def test_the_design_interface_takes_the_member_counts(members, funded):
    candidates = flagship_and_kits()
    out = allocate(candidates, 24_000, method="scope", association_members=members)
    assert out["proposal_id"].to_list() == candidates["proposal_id"].to_list()
    assert out.filter(pl.col("funded"))["proposal_id"].to_list() == funded
