"""The Diagnóstico views (sql/diagnosis/) reproduce the El Valle study's published figures.

The expected numbers are the study's, quoted in tests/elvalle_study.py (with the readings chosen where the
study is inconsistent). Each figure is checked twice: summed in SQL over the view, and through
core.diagnosis, the path the pages take.
"""

from __future__ import annotations

import itertools
import re

import pytest

from core.data.db import query, view
from core.diagnosis.aid import aid_shares, never_coordinating
from core.diagnosis.answers import QUESTION_FAMILY, answer_share, answer_table
from core.diagnosis.associations import cross_table, heads_of_household
from core.diagnosis.migration import farm_profile
from core.diagnosis.problems import groups_table, needs_table
from tests.elvalle_study import (
    A_LOT_PCT,
    AGES_31_65_PCT,
    AREA_HA,
    CLUSTERS_PCT,
    FAMILY_ABROAD_PCT,
    FIGURE_4,
    FIGURE_4_COLUMN_TOTALS,
    FIGURE_4_ROW_TOTALS,
    HEADS_AND_MEMBERS,
    HEADS_PCT,
    LITTLE_PCT,
    LOW_INCOME_HIGH_EXPENSE_PCT,
    MEDIUM_TO_LITTLE_PCT,
    MOST_FREQUENT_AID,
    NEEDS_PCT,
    NO_STATE_AID_PCT,
    PARISH,
    POPULATION,
    POVERTY,
    POVERTY_PCT,
    PROBLEMS_EN,
    PROJECT_AID_PCT,
    SURVEYED,
    printed_as,
    rounded,
)


def rows(con, sql: str, params: list | None = None) -> list[tuple]:
    return query(con, sql, params).rows()


@pytest.fixture(scope="module")
def answers(con):
    return view(con, "member_answers", "parish_code = ?", [PARISH])


# --- Territorio ---------------------------------------------------------------------------------------
def test_el_valle_figures_each_carry_their_source(con):
    """The study's 2010 figures stay beside the 2022 census, each with its own source."""
    census = view(con, "parish_census", "parish_code = ?", [PARISH]).row(0, named=True)
    assert census["earlier_year"] == 2010 and census["earlier_from_study"]
    assert census["earlier_population"] == POPULATION
    assert census["earlier_area_km2"] == pytest.approx(AREA_HA / 100)
    assert census["earlier_density"] == pytest.approx(POPULATION / (AREA_HA / 100))
    assert census["earlier_poverty_rate"] == pytest.approx(POVERTY)
    assert "Gómez-Ceballos" in census["earlier_source"] and "Censo 2010" in census["earlier_source"]
    assert census["population_2022"] != POPULATION
    assert "Censo de Población y Vivienda 2022" in census["census_2022_source"]


def test_the_canton_comparison_ranks_el_valle_on_the_2022_census(con):
    row = view(con, "territory_comparison", "parish_code = ?", [PARISH]).row(0, named=True)
    census = view(con, "parish_census", "parish_code = ?", [PARISH]).row(0, named=True)
    assert (row["population"], row["population_year"]) == (census["population_2022"], 2022)
    for figure in ("population_source", "area_source", "density_source", "poverty_source"):
        assert "2022" in row[figure] and "INEC" in row[figure]
    # El Valle is the most populous of the Cuenca rural parishes in the 2022 census.
    assert row["population_rank"] == 1
    assert row["canton_rural_parishes"] == 21  # Cuenca: 21 rural parishes (reference/SOURCES.md)


def test_every_parish_has_a_comparison_row_and_ranks_only_rural_known_values(con):
    total, ranked_seats, ranked_unknown = rows(con, """
        SELECT count(*),
               count(*) FILTER (WHERE kind <> 'rural' AND population_rank IS NOT NULL),
               count(*) FILTER (WHERE population IS NULL AND population_rank IS NOT NULL)
        FROM territory_comparison""")[0]
    assert (total, ranked_seats, ranked_unknown) == (1047, 0, 0)


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
    table = cross_table(roles)
    totals = dict(zip(table["Jefe de hogar"].to_list(), table["Total"].to_list(), strict=True))
    assert [totals[k] for k in ("Padre", "Madre", "Hijo/a", "No indica", "Total")] == [
        *FIGURE_4_ROW_TOTALS.values(), SURVEYED]
    last = table.row(-1, named=True)
    assert [last[k] for k in ("Padre", "Madre", "Hijo/a", "No indica")] == list(FIGURE_4_COLUMN_TOTALS.values())
    heads = heads_of_household(roles)
    assert (heads.count, heads.base, rounded(100 * heads.value)) == (HEADS_AND_MEMBERS, SURVEYED, HEADS_PCT)


def test_self_perceived_poverty(con, answers):
    for code, published in POVERTY_PCT.items():
        share = answer_share(answers, "perceived_poverty", [code])
        assert share.base == 90  # README, reading 6: one member did not answer
        assert printed_as(100 * share.value, published), code
    table = answer_table(answers, "perceived_poverty")
    assert table["answer"].to_list() == ["very_poor", "poor", "middle_class"]
    assert table["label"].to_list() == ["Muy pobre", "Pobre", "Clase media"]


def test_ages_and_low_income_with_high_expense(con, answers):
    ages = answer_share(answers, "age_band", ["31_65"])
    assert ages.base == 81 and printed_as(100 * ages.value, AGES_31_65_PCT)  # README, reading 5
    squeezed = answer_share(answers, "low_income_high_expense", ["true"])
    assert rounded(100 * squeezed.value) == LOW_INCOME_HIGH_EXPENSE_PCT


def test_member_answers_cover_every_member_for_every_question(con):
    per_question = rows(con, """
        SELECT question, sum(members) FROM member_answers WHERE parish_code = ? GROUP BY ALL""", [PARISH])
    assert len(per_question) == len(QUESTION_FAMILY)
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
    assert rounded(100 * summary["low_income_high_expense"].sum() / SURVEYED) == LOW_INCOME_HIGH_EXPENSE_PCT
    spread = view(con, "economy_distribution", "parish_code = ?", [PARISH])
    assert spread.height == 8 * 3
    for r in spread.iter_rows(named=True):
        assert r["min_usd"] <= r["q1_usd"] <= r["median_usd"] <= r["q3_usd"] <= r["max_usd"]


# --- Ayudas recibidas ---------------------------------------------------------------------------------
def test_aid_reach_effectiveness_and_state_aid(con, answers):
    shares = aid_shares(answers)
    assert rounded(100 * shares["projects"].value) == PROJECT_AID_PCT
    assert shares["effectiveness"].base == 72  # README, reading 4
    assert rounded(100 * shares["effectiveness"].value) == MEDIUM_TO_LITTLE_PCT
    assert printed_as(100 * answer_share(answers, "aid_effectiveness", ["little"]).value, LITTLE_PCT)
    assert printed_as(100 * answer_share(answers, "aid_effectiveness", ["a_lot"]).value, A_LOT_PCT)
    assert rounded(100 * shares["no_state"].value) == NO_STATE_AID_PCT


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
    never = never_coordinating(pairs)
    assert not never.is_empty()
    assert (never["shared_associations"] > 0).all() and (never["cofunded_association_years"] == 0).all()
    institutions = view(con, "aid_institutions", "parish_code = ?", [PARISH])
    flagged = set(institutions.filter(institutions["never_coordinates"])["institution"].to_list())
    for name in flagged:
        mine = pairs.filter(pairs["institution"] == name)
        assert (mine["cofunded_association_years"] == 0).all() and (mine["shared_associations"] > 0).any()


# --- Migración ----------------------------------------------------------------------------------------
def test_members_with_family_abroad(con, answers):
    share = answer_share(answers, "family_abroad", ["true"])
    assert (share.count, share.base) == (23, SURVEYED)  # README, reading 7
    assert printed_as(100 * share.value, FAMILY_ABROAD_PCT)
    households = view(con, "migration_households", "parish_code = ?", [PARISH])
    profile = farm_profile(households)
    abroad = {r["measure"]: r for r in profile.iter_rows(named=True) if r["group"] == "true"}
    assert abroad["women"]["base"] == 23


def test_migration_reference_has_the_country_province_and_canton_with_sources(con):
    reference = view(con, "migration_reference")
    assert set(reference["level"].unique().to_list()) == {"país", "provincia", "cantón"}
    assert reference.filter(reference["source"].is_null()).is_empty()
    rate = reference.filter((reference["level"] == "país") & (reference["indicator"] == "tasa de emigrantes reportados"))
    assert rate["value"][0] == pytest.approx(5.72)  # reference/remesas_migracion.csv, INEC Censo 2022
    # periods and notes as people read them: «2016-T1» and «Q1 2016; city-level figure» were shown as stored
    periods = set(reference["period"].drop_nulls())
    assert {"primer trimestre de 2016", "enero a septiembre de 2022", "primer semestre de 2022"} <= periods
    assert not [p for p in periods if re.search(r"-T\d|-S\d|\.\.", p)]
    detail = " ".join(reference["source_detail"].drop_nulls())
    assert "del total" in detail and not re.search(r"\bof (total|national)\b|city-level|\bQ[1-4]\b", detail)


# --- Problemas y necesidades --------------------------------------------------------------------------
def test_problems_in_the_study_order_each_with_a_pdot_objective(con):
    ranked = rows(con, """
        SELECT r.rank, p.label_en, r.pdot_codes FROM problems_ranked AS r JOIN problems AS p USING (problem_id)
        WHERE r.parish_code = ? ORDER BY r.rank""", [PARISH])
    assert [label for _, label, _ in ranked] == PROBLEMS_EN
    assert [rank for rank, _, _ in ranked] == list(range(1, 12))
    assert all(codes for _, _, codes in ranked)


def test_needs_shares_of_mentions(con):
    table = needs_table(view(con, "need_mentions", "parish_code = ?", [PARISH]))
    assert table["need"].to_list()[:3] == list(NEEDS_PCT)
    for r in table.head(3).iter_rows(named=True):
        assert rounded(100 * r["share"]) == NEEDS_PCT[r["need"]]
        assert r["pdot_codes"] != "—"


def test_expectation_groups(con):
    table = groups_table(view(con, "expectation_groups", "parish_code = ?", [PARISH]))
    shares = {int(r["expectation_cluster"]): rounded(100 * r["share"]) for r in table.iter_rows(named=True)}
    assert shares == CLUSTERS_PCT


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
