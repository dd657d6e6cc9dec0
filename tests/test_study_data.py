"""The El Valle demo records reproduce the study's published figures, read through the SQL views.

The expected numbers are the study's, quoted in tests/elvalle_study.py. Percentages are checked as the
study prints them (one decimal, rounded or truncated; or whole).
"""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from core.data.schemas.study import Association, Member
from tests.elvalle_study import (
    A_LOT_PCT,
    AGES_31_65_PCT,
    AGRICULTURE_AMONG_LOW_PCT,
    AGRICULTURE_PCT,
    ASSOCIATIONS,
    CLUSTERS_PCT,
    EXPENSE_ORDER,
    FAMILY_ABROAD_PCT,
    FIGURE_3_FATHER,
    FIGURE_3_MOTHER,
    FIGURE_4_COLUMN_TOTALS,
    FIGURE_4_PRINTED,
    FIGURE_4_ROW_TOTALS,
    HEADS_AND_MEMBERS,
    HEADS_PCT,
    INCOME_ITEMS_PCT,
    LITTLE_PCT,
    LOW_INCOME_BANDS,
    LOW_INCOME_HIGH_EXPENSE_PCT,
    MAG_REGISTERED,
    MEDIUM_TO_LITTLE_PCT,
    MEMBERS_TOTAL,
    NEEDS_PCT,
    NO_STATE_AID_PCT,
    PARISH,
    POVERTY_PCT,
    PROBLEMS_EN,
    PROJECT_AID_PCT,
    SENPLADES,
    SURVEYED,
    TOTAL_VOTES,
    printed_as,
    rounded,
)


def rows(con, sql: str, params: list | None = None) -> list[tuple]:
    with con.cursor() as cursor:
        return cursor.execute(sql, params or []).fetchall()


def one(con, sql: str, params: list | None = None):
    (value,) = rows(con, sql, params)[0]
    return value


def counts(con, sql: str) -> dict:
    return {key: n for key, n in rows(con, sql)}


def pct(part: int, whole: int) -> float:
    return 100.0 * part / whole


# --- Associations -----------------------------------------------------------------------------
def test_eight_associations_with_122_members_of_whom_91_surveyed(con):
    n, total, surveyed = rows(con, "SELECT count(*), sum(members_total), sum(members_surveyed) "
                                   "FROM associations WHERE parish_code = ?", [PARISH])[0]
    assert (n, total, surveyed) == (ASSOCIATIONS, MEMBERS_TOTAL, SURVEYED)
    assert one(con, "SELECT count(*) FROM members WHERE parish_code = ?", [PARISH]) == SURVEYED
    # The study prints 74.5% (91/122 = 74.59%, truncated).
    assert printed_as(pct(surveyed, total), 74.5)


def test_every_association_has_its_surveyed_members(con):
    mismatched = rows(con, """
        SELECT a.association_id, a.members_surveyed, count(m.member_id)
        FROM associations AS a LEFT JOIN members AS m USING (association_id)
        GROUP BY ALL HAVING count(m.member_id) <> a.members_surveyed OR a.members_surveyed > a.members_total""")
    assert mismatched == []


def test_registration_five_senplades_three_mag(con):
    assert counts(con, "SELECT registered_with, count(*) FROM associations GROUP BY 1") == {
        "senplades": SENPLADES, "mag": MAG_REGISTERED}


# --- Households (Figure 4) --------------------------------------------------------------------
def test_household_cross_table_reproduces_figure_4_margins(con):
    table = {(head, role): n for head, role, n in rows(
        con, "SELECT head_of_household, member_role, count(*) FROM members GROUP BY 1, 2")}
    for head, total in FIGURE_4_ROW_TOTALS.items():
        assert sum(n for (h, _), n in table.items() if h == head) == total, f"row {head}"
    for role, total in FIGURE_4_COLUMN_TOTALS.items():
        assert sum(n for (_, r), n in table.items() if r == role) == total, f"column {role}"
    # The printed cell (father, mother) = 42 contradicts both margins; both margins give 43.
    from_row = FIGURE_4_ROW_TOTALS["father"] - sum(
        n for (h, r), n in FIGURE_4_PRINTED.items() if h == "father" and r != "mother")
    from_column = FIGURE_4_COLUMN_TOTALS["mother"] - sum(
        n for (h, r), n in FIGURE_4_PRINTED.items() if r == "mother" and h != "father")
    assert from_row == from_column == 43
    expected = {**FIGURE_4_PRINTED, ("father", "mother"): from_row}
    assert table == expected


def test_41_members_head_their_household(con):
    heads, total, diagonal = rows(con, """
        SELECT count(*) FILTER (WHERE is_head_of_household), count(*),
               count(*) FILTER (WHERE member_role = head_of_household AND member_role <> 'not_indicated')
        FROM members""")[0]
    assert heads == HEADS_AND_MEMBERS
    assert rounded(pct(heads, total)) == HEADS_PCT
    assert diagonal == heads


def test_occupations_of_fathers_and_mothers_follow_figure_3(con):
    assert counts(con, "SELECT father_occupation, count(*) FROM members GROUP BY 1") == FIGURE_3_FATHER
    assert counts(con, "SELECT mother_occupation, count(*) FROM members GROUP BY 1") == FIGURE_3_MOTHER


def test_women_head_more_households_than_the_national_23_9_percent(con):
    # Section 6: "women as heads of household, whose rate exceeds the national average of 23.9%".
    share = one(con, "SELECT avg(CASE WHEN head_of_household = 'mother' THEN 1.0 ELSE 0 END) FROM members")
    assert share * 100 > 23.9


# --- Ages, poverty, migration -----------------------------------------------------------------
def test_81_5_percent_of_members_are_31_to_65(con):
    within, with_age = rows(con, "SELECT count(*) FILTER (WHERE age BETWEEN 31 AND 65), count(age) FROM members")[0]
    assert printed_as(pct(within, with_age), AGES_31_65_PCT)


def test_perceived_poverty_shares(con):
    answered = counts(con, "SELECT perceived_poverty, count(*) FROM members "
                           "WHERE perceived_poverty IS NOT NULL GROUP BY 1")
    total = sum(answered.values())
    for code, published in POVERTY_PCT.items():
        assert printed_as(pct(answered[code], total), published), code
    assert answered["poor"] > total / 2  # "more than half of the respondents define themselves as poor"


def test_a_quarter_of_families_have_someone_abroad(con):
    abroad, total = rows(con, "SELECT count(*) FILTER (WHERE family_abroad), count(*) FROM members")[0]
    assert printed_as(pct(abroad, total), FAMILY_ABROAD_PCT)


def test_migration_view_joins_territories_and_associations(con):
    levels = {level for (level,) in rows(con, "SELECT DISTINCT level FROM migration")}
    assert {"provincia", "cantón", "parroquia", "asociación"} <= levels
    assert one(con, "SELECT count(*) FROM migration WHERE source IS NULL OR value IS NULL") == 0
    by_association = one(con, "SELECT sum(value) FROM migration WHERE level = 'asociación' AND unit = 'familias'")
    assert by_association == one(con, "SELECT count(*) FROM members WHERE family_abroad")
    parish_pct = one(con, "SELECT value FROM migration WHERE level = 'parroquia' AND dpa_code = ? "
                          "AND unit LIKE '%\\%%' ESCAPE '\\'", [PARISH])
    assert printed_as(parish_pct, FAMILY_ABROAD_PCT)
    # Reference rows keep their own source and only single province (2) or canton (4) codes.
    assert one(con, "SELECT count(*) FROM migration WHERE level IN ('provincia', 'cantón') "
                    "AND (is_synthetic OR NOT regexp_full_match(dpa_code, '[0-9]{2}|[0-9]{4}'))") == 0
    azuay = one(con, "SELECT value FROM migration WHERE level = 'provincia' AND dpa_code = '01' "
                     "AND indicator = 'emigrantes internacionales reportados por los hogares'")
    assert azuay == 22550


# --- Aid as the members saw it ----------------------------------------------------------------
def test_project_aid_state_aid_and_effectiveness(con):
    project, no_state, total = rows(con, """
        SELECT count(*) FILTER (WHERE received_project_aid), count(*) FILTER (WHERE NOT state_aid_last_year),
               count(*) FROM members""")[0]
    assert rounded(pct(project, total)) == PROJECT_AID_PCT
    assert rounded(pct(no_state, total)) == NO_STATE_AID_PCT
    rated = counts(con, "SELECT aid_effectiveness, count(*) FROM members "
                        "WHERE aid_effectiveness IS NOT NULL GROUP BY 1")
    n = sum(rated.values())
    assert printed_as(pct(rated["little"], n), LITTLE_PCT)
    assert printed_as(pct(rated["a_lot"], n), A_LOT_PCT)
    assert rounded(pct(rated["medium"] + rated["little"], n)) == MEDIUM_TO_LITTLE_PCT
    # Only those who received some help rate it.
    assert one(con, "SELECT count(*) FROM members WHERE aid_effectiveness IS NOT NULL "
                    "AND NOT (received_project_aid OR state_aid_last_year)") == 0


# --- Income and expenses (Figure 5, text on Figure 7) -----------------------------------------
def test_the_two_lowest_weekly_bands_are_the_largest(con):
    bands = rows(con, "SELECT weekly_income_band, count(*) AS n FROM members GROUP BY 1 ORDER BY n DESC")
    assert {band for band, _ in bands[:2]} == LOW_INCOME_BANDS
    assert bands[1][1] > bands[2][1]


def test_income_sources(con):
    low_agri, low = rows(con, """
        SELECT count(*) FILTER (WHERE income_source = 'agriculture'), count(*) FROM members
        WHERE weekly_income_band IN ('upto_48', '49_84')""")[0]
    assert printed_as(pct(low_agri, low), AGRICULTURE_AMONG_LOW_PCT)
    sources = rows(con, "SELECT income_source, count(*) AS n FROM members GROUP BY 1 ORDER BY n DESC")
    assert sources[0][0] == "agriculture"
    assert rounded(pct(sources[0][1], SURVEYED)) == AGRICULTURE_PCT
    items = counts(con, "SELECT main_income_item, count(*) FROM members GROUP BY 1")
    for item, published in INCOME_ITEMS_PCT.items():
        assert rounded(pct(items[item], SURVEYED)) == published, item
    assert max(items, key=items.get) == "vegetables_tubers"


def test_70_percent_earn_up_to_84_and_spend_over_489(con):
    both = one(con, "SELECT count(*) FROM members WHERE low_income_high_expense")
    check = one(con, "SELECT count(*) FROM members WHERE weekly_income_band IN ('upto_48', '49_84') "
                     "AND monthly_expense_band = 'over_489'")
    assert both == check
    assert rounded(pct(both, SURVEYED)) == LOW_INCOME_HIGH_EXPENSE_PCT


def test_food_then_debts_lead_the_expenses(con):
    ranked = rows(con, "SELECT main_expense, count(*) AS n FROM members GROUP BY 1 ORDER BY n DESC")
    assert [code for code, _ in ranked[:2]] == EXPENSE_ORDER
    assert ranked[0][1] > ranked[1][1] > ranked[2][1]


# --- Needs and expectations -------------------------------------------------------------------
def test_needs_shares_of_mentions(con):
    ranked = rows(con, "SELECT need, count(*) AS n FROM member_needs GROUP BY 1 ORDER BY n DESC")
    mentions = sum(n for _, n in ranked)
    shares = {need: rounded(pct(n, mentions)) for need, n in ranked}
    for need, published in NEEDS_PCT.items():
        assert shares[need] == published, need
    # They are "the main needs": the three most mentioned, strictly ahead of the rest.
    assert [need for need, _ in ranked[:3]] == list(NEEDS_PCT)
    assert ranked[2][1] > ranked[3][1]


def test_four_expectation_clusters(con):
    clusters = counts(con, "SELECT expectation_cluster, count(*) FROM members GROUP BY 1")
    assert {c: rounded(pct(n, SURVEYED)) for c, n in clusters.items()} == CLUSTERS_PCT


# --- Problems ranked by the advisory group ----------------------------------------------------
def test_eleven_problems_in_the_study_order_with_104_votes(con):
    ranked = rows(con, "SELECT problem_id, rank, label_en, label_es, votes, parish_code FROM problems "
                       "WHERE parish_code = ? ORDER BY rank", [PARISH])
    assert [label for _, _, label, _, _, _ in ranked] == PROBLEMS_EN
    assert [r[1] for r in ranked] == list(range(1, 12))
    assert [r[0] for r in ranked] == [f"P{i:02d}" for i in range(1, 12)]
    assert all(r[3] for r in ranked)
    votes = [r[4] for r in ranked]
    assert sum(votes) == TOTAL_VOTES
    assert all(a > b for a, b in zip(votes, votes[1:], strict=False)), votes
    assert one(con, "SELECT sum(vote_share) FROM problems WHERE parish_code = ?", [PARISH]) == pytest.approx(1.0)


# --- Aid records: the study's account (sections 5 and 6) --------------------------------------
def test_aid_is_mostly_training_and_inputs(con):
    kinds = rows(con, "SELECT kind, count(*) AS n FROM aid GROUP BY 1 ORDER BY n DESC")
    total = sum(n for _, n in kinds)
    assert kinds[0][0] == "training"  # "Most of these aids take the form of training"
    assert {k for k, _ in kinds[:2]} == {"training", "inputs"}  # "mainly inputs and training"
    assert sum(n for k, n in kinds if k in ("training", "inputs")) > total / 2


def test_aid_is_atomized_repeated_and_uncoordinated(con):
    # Every association received aid, before the study (published 2021), never as a loan.
    assert one(con, "SELECT count(DISTINCT association_id) FROM aid") == ASSOCIATIONS
    assert rows(con, "SELECT min(year) >= 2010, max(year) <= 2020, bool_and(non_reimbursable) FROM aid")[0] == (
        True, True, True)
    # Atomized: small one-off amounts (a typical aid well under USD 1,000).
    assert one(con, "SELECT median(amount_usd) FROM aid") < 1000
    # Repeated: in every association some kind of aid came from two or more institutions.
    repeated = one(con, """
        SELECT count(DISTINCT association_id) FROM (
            SELECT association_id, kind FROM aid GROUP BY 1, 2 HAVING count(DISTINCT institution) >= 2)""")
    assert repeated == ASSOCIATIONS
    # The actors the study names: MAG, the parish GAD and NGOs.
    types = {t for (t,) in rows(con, "SELECT DISTINCT institution_type FROM aid")}
    assert {"mag", "gad_parroquial", "ngo"} <= types
    # The GAD approves "infrastructure improvements and productive inputs".
    gad_kinds = {k for (k,) in rows(con, "SELECT DISTINCT kind FROM aid WHERE institution_type = 'gad_parroquial'")}
    assert gad_kinds <= {"infrastructure", "inputs", "equipment"}


# --- Integrity and honesty --------------------------------------------------------------------
# Keys and foreign keys of these views are checked with the public interface (test_views_contract.py).
GENERATED = ("aid", "associations", "member_needs", "members", "problems")


@pytest.mark.parametrize("view_name", GENERATED)
def test_every_generated_row_is_flagged_synthetic(con, view_name):
    assert rows(con, f"SELECT bool_and(is_synthetic), count(*) FILTER (WHERE is_synthetic IS NULL) "
                     f"FROM {view_name}")[0] == (True, 0)


def test_provenance_says_synthetic_and_names_the_readings(con):
    sources = {name: (text, synthetic) for name, text, synthetic in rows(
        con, "SELECT dataset, provenance, is_synthetic FROM data_sources")}
    for name in GENERATED:
        text, synthetic = sources[name]
        assert synthetic is True
        assert "sintético" in text and "core/synth/elvalle.py" in text and "semilla" in text
    assert "43" in sources["members"][0] and "USD 84" in sources["members"][0]
    assert "votos no se publican" in sources["problems"][0]


# --- The row models refuse what does not add up -----------------------------------------------
MEMBER = {"member_id": "M1", "association_id": "A1", "member_role": "mother", "head_of_household": "mother",
          "is_head_of_household": "true", "family_abroad": "false", "received_project_aid": "true",
          "state_aid_last_year": "false", "is_synthetic": "false"}


def test_member_model_accepts_a_consistent_row():
    assert Member.model_validate(MEMBER).is_head_of_household is True


@pytest.mark.parametrize(("change", "words"), [
    ({"is_head_of_household": "false"}, "jefe de hogar"),
    ({"member_role": "father", "head_of_household": "father", "sex": "female"}, "padre"),
    ({"received_project_aid": "false", "aid_effectiveness": "little"}, "recibió ayuda"),
    ({"perceived_poverty": "rich"}, "rich"),
])
def test_member_model_refuses_inconsistent_rows(change, words):
    with pytest.raises(ValidationError) as info:
        Member.model_validate({**MEMBER, **change})
    assert words in str(info.value)


def test_association_cannot_survey_more_members_than_it_has():
    with pytest.raises(ValidationError, match="no puede ser mayor"):
        Association.model_validate({"association_id": "A1", "parish_code": PARISH, "name": "X",
                                    "members_total": 5, "members_surveyed": 6, "is_synthetic": "false"})
