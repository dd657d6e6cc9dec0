"""The El Valle study's published figures, quoted once for the tests that check the demo reproduces them.

Every number is taken from the study text (Gómez-Ceballos et al., 2021, Sustainability 13, 13469), not from
the generator or from a run; each constant cites its figure or paragraph. Where the study is inconsistent,
the reading chosen is the one data/sources/elvalle/README.md gives.
"""

from __future__ import annotations

import math

PARISH = "010170"

# Section 4: "with an area of 4305.01 hectares and a population of 24,314 inhabitants ... with a poverty
# level of 63.4% (INEC, 2010)".
AREA_HA, POPULATION, POVERTY = 4305.01, 24314, 0.634
# Section 4: "Survey of 91 members of the 8 associations (74.5%) out of a total of 122".
ASSOCIATIONS, MEMBERS_TOTAL, SURVEYED = 8, 122, 91
# Section 4: "5 are subscribed to the requirements of SENPLADES and the rest ... to the MAG".
SENPLADES, MAG_REGISTERED = 5, 3

# Figure 4, as printed: rows = who heads the household, columns = the member's role in the family.
FIGURE_4_PRINTED = {
    ("father", "father"): 10, ("father", "mother"): 42, ("father", "child"): 1,
    ("mother", "father"): 1, ("mother", "mother"): 29, ("mother", "child"): 2, ("mother", "not_indicated"): 1,
    ("child", "child"): 2,
    ("not_indicated", "mother"): 2,
}
FIGURE_4_ROW_TOTALS = {"father": 54, "mother": 33, "child": 2, "not_indicated": 2}
FIGURE_4_COLUMN_TOTALS = {"father": 11, "mother": 74, "child": 5, "not_indicated": 1}
# Figure 4 as read: the cell (father, mother) printed 42 is 43, because the printed totals 54 (row) and
# 74 (column) require it (README, reading 1).
FIGURE_4 = {**FIGURE_4_PRINTED, ("father", "mother"): 43}
# Figure 4, lower table: "Head of household and member of the association 41 (45%)".
HEADS_AND_MEMBERS, HEADS_PCT = 41, 45

# Figure 3, occupation of the household's father and mother (91 each).
FIGURE_3_FATHER = {"household_chores": 1, "agriculture": 16, "construction": 25, "trades": 8, "employee": 4,
                   "driver": 5, "retired": 4, "professional": 2, "mechanic": 3, "other": 2, "not_indicated": 21}
FIGURE_3_MOTHER = {"household_chores": 58, "agriculture": 21, "trades": 2, "employee": 3, "professional": 2,
                   "other": 1, "not_indicated": 4}

AGES_31_65_PCT = 81.5  # section 5: "The ages of the associates (81.5%) range between 31 and 65 years"
FAMILY_ABROAD_PCT = 25.3  # section 5: "25.3% of its members reside abroad" (README, reading 7: families)
# Section 5 (Figure 6): "55.5% consider themselves a poor family, 40.0% middle class, and 4.4% ... very poor".
POVERTY_PCT = {"poor": 55.5, "middle_class": 40.0, "very_poor": 4.4}
PROJECT_AID_PCT = 78  # "78% of the families indicated having received help in the form of projects"
MEDIUM_TO_LITTLE_PCT = 86  # "86% stated that the effectiveness of these 'aids' ... was 'Medium' to 'Little'"
LITTLE_PCT, A_LOT_PCT = 52.8, 2.8  # "52.8% of those that had received help ... little", "only 2.8% ... a lot"
NO_STATE_AID_PCT = 65  # "65% ... had not received help from any state institution in the last year"
# Figure 5 caption: the largest shares earn "less than USD 48 and between USD 49 and USD 84 per week",
# "more than half of them state (57.4) that their sources of income come from agriculture",
# "the most frequently indicated source of income is agricultural products (53%)",
# items: "vegetables and tubers (51%), poultry and guinea pigs (15%) and milk and cheese (8%)".
LOW_INCOME_BANDS = {"upto_48", "49_84"}
AGRICULTURE_AMONG_LOW_PCT = 57.4
AGRICULTURE_PCT = 53
INCOME_ITEMS_PCT = {"vegetables_tubers": 51, "poultry_guinea_pigs": 15, "milk_cheese": 8}
# Text on Figure 7: "70% ... have an income of up to USD 84 ... and an expense of more than USD 489".
LOW_INCOME_HIGH_EXPENSE_PCT = 70
# Figure 5 caption and section 6: food is the largest expense, "Payment of Debts" the second.
EXPENSE_ORDER = ["food", "debt_payment"]
# Section 5: "the main needs ... are water systems (16%), training (14%) and technical support (13%)".
NEEDS_PCT = {"water_systems": 16, "training": 14, "technical_support": 13}
# Figure 8: four clusters of 19%, 25%, 34% and 22%.
CLUSTERS_PCT = {1: 19, 2: 25, 3: 34, 4: 22}
# Section 5: eleven problems "in descending order of importance", weighted vote, each participant 13 votes;
# the focus group integrated government, productive activity, the financial cooperative and the
# researchers: 8 participants.
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
TOTAL_VOTES = 8 * 13
# Section 6: "Most of these aids take the form of training".
MOST_FREQUENT_AID = "training"


def rounded(percent: float) -> int:
    """Round half up, as a published whole percentage is rounded."""
    return math.floor(percent + 0.5)


def printed_as(percent: float, published: float) -> bool:
    """A percentage printed with one decimal: the study rounds (25.27 → 25.3) but sometimes truncates
    (91/122 = 74.59 → "74.5"; 50/90 = 55.56 → "55.5"), so either reading of `percent` must give `published`."""
    return published in (math.floor(percent * 10 + 1e-9) / 10, math.floor(percent * 10 + 0.5) / 10)
