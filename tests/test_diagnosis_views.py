"""The Diagnóstico views (sql/diagnosis/) reproduce the El Valle study's published figures.

Every expected number is quoted from the study text (Gómez-Ceballos et al., 2021, Sustainability 13,
13469, sections 4 and 5), not taken from the generator or from a run; the readings chosen where the
study is inconsistent are those of data/sources/elvalle/README.md. Each figure is checked twice: summed
in SQL over the view, and through core.diagnosis, the path the pages take.
"""

from __future__ import annotations

import itertools
import math

import pytest

from core import diagnosis
from core.db import query, view

PARISH = "010170"

# Section 4: "with an area of 4305.01 hectares and a population of 24,314 inhabitants ... with a poverty
# level of 63.4% (INEC, 2010)".
AREA_HA, POPULATION, POVERTY = 4305.01, 24314, 0.634
# Figure 4, rows = head of household, columns = the member's role; (father, mother) printed 42, read 43
# because the printed totals 54 (row) and 74 (column) require it (README, reading 1).
FIGURE_4 = {
    ("father", "father"): 10, ("father", "mother"): 43, ("father", "child"): 1,
    ("mother", "father"): 1, ("mother", "mother"): 29, ("mother", "child"): 2, ("mother", "not_indicated"): 1,
    ("child", "child"): 2,
    ("not_indicated", "mother"): 2,
}
ROW_TOTALS = {"father": 54, "mother": 33, "child": 2, "not_indicated": 2}
COLUMN_TOTALS = {"father": 11, "mother": 74, "child": 5, "not_indicated": 1}
HEADS, HEADS_PCT, SURVEYED = 41, 45, 91  # "Head of household and member of the association 41 45%"
# "55.5% consider themselves a poor family, 40.0% middle class, and 4.4% consider themselves very poor".
POVERTY_PCT = {"poor": 55.5, "middle_class": 40.0, "very_poor": 4.4}
FAMILY_ABROAD_PCT = 25.3  # "25.3% of its members reside abroad" (README, reading 7: families)
AGES_31_65_PCT = 81.5  # "The ages of the associates (81.5%) range between 31 and 65 years"
PROJECT_AID_PCT = 78  # "78% of the families indicated having received help in the form of projects"
MEDIUM_TO_LITTLE_PCT = 86  # "86% stated that the effectiveness of these 'aids' ... was 'Medium' to 'Little'"
LITTLE_PCT, A_LOT_PCT = 52.8, 2.8  # "52.8% ... little help", "only 2.8% indicated ... a lot of help"
NO_STATE_AID_PCT = 65  # "65% of the families indicated that they had not received help from any state institution"
LOW_INCOME_HIGH_EXPENSE_PCT = 70  # "70% ... income of up to USD 84 ... and an expense of more than USD 489"
# "the main needs to improve production are water systems (16%), training (14%) and technical support (13%)"
NEEDS_PCT = {"water_systems": 16, "training": 14, "technical_support": 13}
CLUSTERS_PCT = {1: 19, 2: 25, 3: 34, 4: 22}  # Figure 8
# Section 5, the eleven problems "in descending order of importance".
PROBLEMS_EN = [
    "Low levels of collaboration and teamwork",
    "Insufficient marketing channels",
    "Failure to take advantage of the differentiating factor of organic agriculture in product design",
    "Lack of accounting records",
    "Low production levels",
    "Social conflicts",
    "No production planning",
    "Lack of motivation on the part of the members of the associations",
    "Insufficient awareness of consumers from the perspective of responsible consumption",
    "Insufficient alliance between the associations to collaborate in productive and management activities",
    "Low number of clients",
]
# Section 6: "Most of these aids take the form of training".
MOST_FREQUENT_AID = "training"


def printed_as(share: float, published: float) -> bool:
    """A share printed with one decimal, rounded or (as the study sometimes does) truncated."""
    value = share * 100
    return published in (math.floor(value * 10 + 1e-9) / 10, math.floor(value * 10 + 0.5) / 10)


def whole(share: float) -> int:
    return math.floor(share * 100 + 0.5)


def rows(con, sql: str, params: list | None = None) -> list[tuple]:
    return query(con, sql, params).rows()


@pytest.fixture(scope="module")
def answers(con):
    return view(con, "member_answers", "parish_code = ?", [PARISH])


# --- Territorio ---------------------------------------------------------------------------------------
def test_el_valle_figures_each_carry_their_source(con):
    row = view(con, "territory_comparison", "parish_code = ?", [PARISH]).row(0, named=True)
    assert row["population"] == POPULATION
    assert row["area_km2"] == pytest.approx(AREA_HA / 100)
    assert row["density_per_km2"] == pytest.approx(POPULATION / (AREA_HA / 100))
    assert row["poverty_rate"] == pytest.approx(POVERTY)
    for figure in ("population_source", "area_source", "poverty_source"):
        assert "Gómez-Ceballos" in row[figure] and "INEC" in row[figure]
    assert "Minga" in row["density_source"]
    # El Valle is the most populous of the Cuenca rural parishes whose population is known.
    assert row["population_rank"] == 1
    assert row["canton_rural_parishes"] == 21  # Cuenca: 21 rural parishes (reference/SOURCES.md)


def test_every_parish_has_a_comparison_row_and_ranks_only_rural_known_values(con):
    total, ranked_seats, ranked_unknown = rows(con, """
        SELECT count(*),
               count(*) FILTER (WHERE kind <> 'rural' AND population_rank IS NOT NULL),
               count(*) FILTER (WHERE population IS NULL AND population_rank IS NOT NULL)
        FROM territory_comparison""")[0]
    assert (total, ranked_seats, ranked_unknown) == (1041, 0, 0)


def test_canton_context_keeps_the_source_of_each_figure(con):
    context = view(con, "territory_context", "dpa_code IN (?, ?)", ["01", "0101"])
    assert context.filter(context["source"].is_null()).is_empty()
    census = {(r["indicator"], r["period"]): r["value"] for r in context.iter_rows(named=True)
              if r["dpa_code"] == "0101"}
    assert census[("población censada", "2010")] == 505585  # reference/SOURCES.md, Cuenca canton


# --- Asociaciones -------------------------------------------------------------------------------------
def test_household_cross_table_is_figure_4_with_the_corrected_cell(con):
    cells = {(h, r): int(n) for h, r, n in rows(con, """
        SELECT head_of_household, member_role, sum(members) FROM household_roles
        WHERE parish_code = ? GROUP BY ALL""", [PARISH])}
    assert cells == FIGURE_4
    roles = view(con, "household_roles", "parish_code = ?", [PARISH])
    table = diagnosis.cross_table(roles)
    totals = dict(zip(table["Jefe de hogar"].to_list(), table["Total"].to_list(), strict=True))
    assert [totals[k] for k in ("Padre", "Madre", "Hijo/a", "No indica", "Total")] == [
        *ROW_TOTALS.values(), SURVEYED]
    last = table.row(-1, named=True)
    assert [last[k] for k in ("Padre", "Madre", "Hijo/a", "No indica")] == list(COLUMN_TOTALS.values())
    heads = diagnosis.heads_of_household(roles)
    assert (heads.count, heads.base, whole(heads.value)) == (HEADS, SURVEYED, HEADS_PCT)


def test_self_perceived_poverty(con, answers):
    for code, published in POVERTY_PCT.items():
        share = diagnosis.answer_share(answers, "perceived_poverty", [code])
        assert share.base == 90  # README, reading 6: one member did not answer
        assert printed_as(share.value, published), code
    table = diagnosis.answer_table(answers, "perceived_poverty")
    assert table["answer"].to_list() == ["very_poor", "poor", "middle_class"]
    assert table["label"].to_list() == ["Muy pobre", "Pobre", "Clase media"]


def test_ages_and_low_income_with_high_expense(con, answers):
    ages = diagnosis.answer_share(answers, "age_band", ["31_65"])
    assert ages.base == 81 and printed_as(ages.value, AGES_31_65_PCT)  # README, reading 5
    squeezed = diagnosis.answer_share(answers, "low_income_high_expense", ["true"])
    assert whole(squeezed.value) == LOW_INCOME_HIGH_EXPENSE_PCT


def test_member_answers_cover_every_member_for_every_question(con):
    per_question = rows(con, """
        SELECT question, sum(members) FROM member_answers WHERE parish_code = ? GROUP BY ALL""", [PARISH])
    assert len(per_question) == len(diagnosis.QUESTION_FAMILY)
    assert {int(n) for _, n in per_question} == {SURVEYED}


def test_economy_views_agree_with_each_other(con):
    economy = view(con, "member_economy", "parish_code = ?", [PARISH])
    assert economy.height == SURVEYED
    # Band midpoints: USD 49-84 a week is 66.5 a week, 288.17 a month; over USD 489 a month is 570.5.
    one = economy.filter((economy["weekly_income_band"] == "49_84") & (economy["monthly_expense_band"] == "over_489"))
    assert one["income_monthly_usd"][0] == pytest.approx(66.5 * 52 / 12, abs=0.01)
    assert one["balance_monthly_usd"][0] == pytest.approx(66.5 * 52 / 12 - 570.5, abs=0.01)
    summary = view(con, "economy_by_association", "parish_code = ?", [PARISH])
    assert summary.height == 8 and summary["members"].sum() == SURVEYED
    assert whole(summary["low_income_high_expense"].sum() / SURVEYED) == LOW_INCOME_HIGH_EXPENSE_PCT
    spread = view(con, "economy_distribution", "parish_code = ?", [PARISH])
    assert spread.height == 8 * 3
    for r in spread.iter_rows(named=True):
        assert r["min_usd"] <= r["q1_usd"] <= r["median_usd"] <= r["q3_usd"] <= r["max_usd"]


# --- Ayudas recibidas ---------------------------------------------------------------------------------
def test_aid_reach_effectiveness_and_state_aid(con, answers):
    shares = diagnosis.aid_shares(answers)
    assert whole(shares["projects"].value) == PROJECT_AID_PCT
    assert shares["effectiveness"].base == 72  # README, reading 4
    assert whole(shares["effectiveness"].value) == MEDIUM_TO_LITTLE_PCT
    assert printed_as(diagnosis.answer_share(answers, "aid_effectiveness", ["little"]).value, LITTLE_PCT)
    assert printed_as(diagnosis.answer_share(answers, "aid_effectiveness", ["a_lot"]).value, A_LOT_PCT)
    assert whole(shares["no_state"].value) == NO_STATE_AID_PCT


def test_aid_flows_add_up_to_the_aid_records_and_training_comes_first(con):
    flows = view(con, "aid_flows", "parish_code = ?", [PARISH])
    records, amount = rows(con, "SELECT count(*), sum(amount_usd) FROM aid WHERE parish_code = ?", [PARISH])[0]
    assert flows["aid_records"].sum() == records and flows["amount_usd"].sum() == pytest.approx(amount)
    by_kind = rows(con, "SELECT kind, sum(aid_records) FROM aid_flows GROUP BY kind ORDER BY 2 DESC")
    assert by_kind[0][0] == MOST_FREQUENT_AID


def test_atomization_flags_follow_their_definition(con):
    atomization = view(con, "aid_atomization", "parish_code = ?", [PARISH])
    for r in atomization.iter_rows(named=True):
        institutions = rows(con, "SELECT count(DISTINCT institution), list(DISTINCT year ORDER BY year) FROM aid "
                                 "WHERE association_id = ? AND kind = ?", [r["association_id"], r["kind"]])[0]
        assert r["institutions"] == institutions[0]
        years = institutions[1]
        longest, run = 1, 1
        for previous, year in itertools.pairwise(years):
            run = run + 1 if year == previous + 1 else 1
            longest = max(longest, run)
        assert r["longest_run"] == longest
        assert r["is_atomized"] == (r["institutions"] >= 2 or longest >= 2)
    # The study: aid is "atomized and repetitive", mostly training: training is atomized in every association.
    training = atomization.filter(atomization["kind"] == "training")
    assert training.height == 8 and training["is_atomized"].all()


def test_institution_pairs_are_symmetric_and_never_coordinating_pairs_share_associations(con):
    pairs = view(con, "aid_institution_pairs", "parish_code = ?", [PARISH])
    forward = {(r["institution"], r["partner"]): (r["shared_associations"], r["cofunded_association_years"])
               for r in pairs.iter_rows(named=True)}
    assert all(forward[(b, a)] == value for (a, b), value in forward.items())
    never = diagnosis.never_coordinating(pairs)
    assert not never.is_empty()
    assert (never["shared_associations"] > 0).all() and (never["cofunded_association_years"] == 0).all()
    institutions = view(con, "aid_institutions", "parish_code = ?", [PARISH])
    flagged = set(institutions.filter(institutions["never_coordinates"])["institution"].to_list())
    for name in flagged:
        mine = pairs.filter(pairs["institution"] == name)
        assert (mine["cofunded_association_years"] == 0).all() and (mine["shared_associations"] > 0).any()


# --- Migración ----------------------------------------------------------------------------------------
def test_members_with_family_abroad(con, answers):
    share = diagnosis.answer_share(answers, "family_abroad", ["true"])
    assert (share.count, share.base) == (23, SURVEYED)  # README, reading 7
    assert printed_as(share.value, FAMILY_ABROAD_PCT)
    households = view(con, "migration_households", "parish_code = ?", [PARISH])
    profile = diagnosis.farm_profile(households)
    abroad = {r["measure"]: r for r in profile.iter_rows(named=True) if r["group"] == "true"}
    assert abroad["women"]["base"] == 23


def test_migration_reference_has_the_country_province_and_canton_with_sources(con):
    reference = view(con, "migration_reference")
    assert set(reference["level"].unique().to_list()) == {"país", "provincia", "cantón"}
    assert reference.filter(reference["source"].is_null()).is_empty()
    rate = reference.filter((reference["level"] == "país") & (reference["indicator"] == "tasa de emigrantes reportados"))
    assert rate["value"][0] == pytest.approx(5.72)  # reference/remesas_migracion.csv, INEC Censo 2022


# --- Problemas y necesidades --------------------------------------------------------------------------
def test_problems_in_the_study_order_each_with_a_pdot_objective(con):
    ranked = rows(con, """
        SELECT r.rank, p.label_en, r.pdot_codes FROM problems_ranked AS r JOIN problems AS p USING (problem_id)
        WHERE r.parish_code = ? ORDER BY r.rank""", [PARISH])
    assert [label for _, label, _ in ranked] == PROBLEMS_EN
    assert [rank for rank, _, _ in ranked] == list(range(1, 12))
    assert all(codes for _, _, codes in ranked)


def test_needs_shares_of_mentions(con):
    table = diagnosis.needs_table(view(con, "need_mentions", "parish_code = ?", [PARISH]))
    assert table["need"].to_list()[:3] == list(NEEDS_PCT)
    for r in table.head(3).iter_rows(named=True):
        assert whole(r["share"]) == NEEDS_PCT[r["need"]]
        assert r["pdot_codes"] != "—"


def test_expectation_groups(con):
    table = diagnosis.groups_table(view(con, "expectation_groups", "parish_code = ?", [PARISH]))
    assert {int(r["expectation_cluster"]): whole(r["share"]) for r in table.iter_rows(named=True)} == CLUSTERS_PCT


def test_pdot_links_point_at_objectives_of_the_same_parish(con):
    orphans = rows(con, """
        SELECT l.subject_code FROM pdot_links AS l
        LEFT JOIN pdot_objectives AS o ON o.pdot_objective_id = l.pdot_objective_id AND o.parish_code = l.parish_code
        WHERE o.pdot_objective_id IS NULL""")
    assert orphans == []
    problems = {code for (code,) in rows(con, "SELECT problem_id FROM problems")}
    linked = {code for (code,) in rows(con, "SELECT subject_code FROM pdot_links WHERE subject = 'problem'")}
    assert linked == problems


# --- Grain ----------------------------------------------------------------------------------------------
GRAIN = {
    "territory_comparison": ["parish_code"],
    "household_roles": ["association_id", "head_of_household", "member_role"],
    "member_answers": ["association_id", "question", "answer"],
    "member_economy": ["member_id"],
    "economy_by_association": ["association_id"],
    "economy_distribution": ["association_id", "measure"],
    "aid_flows": ["association_id", "institution", "kind", "year"],
    "aid_atomization": ["association_id", "kind"],
    "aid_institution_pairs": ["parish_code", "institution", "partner"],
    "aid_institutions": ["parish_code", "institution"],
    "need_mentions": ["association_id", "need"],
    "expectation_groups": ["association_id", "expectation_cluster"],
    "problems_ranked": ["problem_id"],
    "pdot_links": ["parish_code", "subject", "subject_code", "pdot_objective_id"],
    "pdot_links_by_subject": ["parish_code", "subject", "subject_code"],
    "migration_households": ["association_id", "family_abroad"],
}


@pytest.mark.parametrize("name", sorted(GRAIN))
def test_each_view_has_the_grain_its_header_names(con, name):
    key = ", ".join(GRAIN[name])
    total, distinct = rows(con, f"SELECT count(*), count(DISTINCT ({key})) FROM {name}")[0]
    assert total > 0 and distinct == total


def test_a_parish_without_records_gets_empty_views_not_errors(con):
    for name in ("household_roles", "member_answers", "aid_flows", "aid_atomization", "need_mentions",
                 "expectation_groups", "problems_ranked", "migration_households"):
        assert view(con, name, "parish_code = ?", ["010151"]).is_empty(), name
