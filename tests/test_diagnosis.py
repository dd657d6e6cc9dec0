"""core.diagnosis: page queries, adding up selected associations, shares and Spanish texts."""

from __future__ import annotations

import polars as pl
import pytest

from core import fmt
from core.data.db import view_files
from core.diagnosis.aid import _longest_run_span, aid_flow_texts, atomization_reason, kinds_labelled, never_coordinating
from core.diagnosis.answers import Share, answer_share, answer_table, combine, select, unanswered
from core.diagnosis.associations import age_points, cross_table, heads_of_household, parents_table
from core.diagnosis.migration import (
    FARM_MEASURES,
    abroad_by_association,
    farm_profile,
    national_value,
    province_comparison,
    province_indicators,
    reference_value_text,
)
from core.diagnosis.problems import groups_table, link_subjects, needs_table, objectives_cited, problem_texts, top_three
from core.diagnosis.queries import PAGE_QUERIES, parish_keys
from core.diagnosis.tables import compact_number, for_display, jitter
from core.diagnosis.territory import indicator_formatter, known_counts, rank_text, territory_ranking


# --- Page queries ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(("code", "keys"), [
    ("010170", {"parish_code": "010170", "canton_code": "0101", "province_code": "01"}),
    ("170150", {"parish_code": "170150", "canton_code": "1701", "province_code": "17"}),
])
def test_parish_keys_come_from_the_dpa_code(code, keys):
    assert parish_keys(code) == keys


def test_every_page_query_names_a_view_and_binds_each_placeholder():
    views = view_files()
    keys = parish_keys("010170")
    for page, queries in PAGE_QUERIES.items():
        for name, q in queries.items():
            assert q.view in views, f"{page}.{name}: no sql/**/{q.view}.sql"
            bound_view, where, params, order_by = q.bind(keys)
            assert where.count("?") == len(params), f"{page}.{name}"
            assert bound_view == q.view and order_by == q.order_by


def test_page_queries_run_against_the_data(con):
    from core.data.db import view

    keys = parish_keys("010170")
    for queries in PAGE_QUERIES.values():
        for q in queries.values():
            name, where, params, order_by = q.bind(keys)
            view(con, name, where, list(params), order_by)


# --- Selections and shares ------------------------------------------------------------------------------
ANSWERS = pl.DataFrame({
    "association_id": ["A", "A", "A", "B", "B", "B", "A", "B"],
    "association_name": ["Uno", "Uno", "Uno", "Dos", "Dos", "Dos", "Uno", "Dos"],
    "question": ["perceived_poverty"] * 6 + ["family_size", "family_size"],
    "answer": ["poor", "middle_class", None, "poor", "very_poor", None, "10", "4"],
    "members": [3, 1, 1, 2, 1, 0, 2, 3],
})


@pytest.mark.parametrize(("chosen", "rows"), [(None, 8), ([], 8), (["A"], 4), (["B"], 4), (["A", "B"], 8),
                                               (["Z"], 0)])
def test_select_keeps_the_chosen_associations(chosen, rows):
    assert select(ANSWERS, chosen).height == rows


def test_select_leaves_frames_without_associations_alone():
    frame = pl.DataFrame({"x": [1, 2]})
    assert select(frame, ["A"]).equals(frame)


@pytest.mark.parametrize(("count", "base", "value", "percent", "text"), [
    (50, 90, 50 / 90, "55,6 %", "55,6 % (50 de 90)"),
    (23, 91, 23 / 91, "25,3 %", "25,3 % (23 de 91)"),
    (0, 0, None, "sin dato", "sin dato (0 de 0)"),
    (1234, 2000, 0.617, "61,7 %", "61,7 % (1.234 de 2.000)"),
])
def test_share_reads_as_people_read_it(count, base, value, percent, text):
    share = Share(count, base)
    assert share.value == (pytest.approx(value) if value is not None else None)
    assert share.percent() == percent
    assert share.text() == text


@pytest.mark.parametrize(("chosen", "codes", "count", "base"), [
    (None, ["poor"], 5, 7),  # unanswered (None) is left out of the base
    (["A"], ["poor"], 3, 4),
    (["B"], ["poor", "very_poor"], 3, 3),
    (["A"], ["very_poor"], 0, 4),
])
def test_answer_share_counts_only_those_who_answered(chosen, codes, count, base):
    share = answer_share(select(ANSWERS, chosen), "perceived_poverty", codes)
    assert (share.count, share.base) == (count, base)


def test_answer_table_follows_the_catalogue_order_and_numbers_in_number_order():
    table = answer_table(ANSWERS, "perceived_poverty")
    assert table["answer"].to_list() == ["very_poor", "poor", "middle_class"]
    assert table["label"].to_list() == ["Muy pobre", "Pobre", "Clase media"]
    assert table["members"].to_list() == [1, 5, 1]
    assert table["share_text"].to_list()[1] == "71,4 % (5 de 7)"
    sizes = answer_table(ANSWERS, "family_size")
    assert sizes["answer"].to_list() == ["4", "10"]
    by_count = answer_table(ANSWERS, "perceived_poverty", by_count=True)
    assert by_count["answer"].to_list()[0] == "poor"
    assert unanswered(ANSWERS, "perceived_poverty") == 1


def test_answer_table_of_nothing_is_an_empty_typed_frame():
    table = answer_table(ANSWERS.head(0), "perceived_poverty")
    assert table.is_empty() and table.schema["share"] == pl.Float64


def test_parents_table_puts_father_and_mother_side_by_side():
    answers = pl.DataFrame({"association_id": ["A"] * 3, "question": ["father_occupation", "mother_occupation",
                                                                      "mother_occupation"],
                            "answer": ["construction", "household_chores", "agriculture"], "members": [2, 3, 1]})
    table = parents_table(answers, "occupation")
    assert table.select("parent_label", "label", "members").rows() == [
        ("Padre", "Construcción", 2), ("Madre", "Quehaceres domésticos", 3), ("Madre", "Agricultura", 1)]


ROLES = pl.DataFrame({
    "association_id": ["A", "A", "B", "B"],
    "head_of_household": ["father", "mother", "father", "child"],
    "member_role": ["mother", "mother", "father", "child"],
    "member_is_head": [False, True, True, True],
    "members": [4, 2, 1, 1],
})


def test_cross_table_has_every_role_and_the_totals():
    table = cross_table(ROLES)
    assert table.columns == ["Jefe de hogar", "Padre", "Madre", "Hijo/a", "No indica", "Total"]
    assert table.rows() == [
        ("Padre", 1, 4, 0, 0, 5),
        ("Madre", 0, 2, 0, 0, 2),
        ("Hijo/a", 0, 0, 1, 0, 1),
        ("No indica", 0, 0, 0, 0, 0),
        ("Total", 1, 6, 1, 0, 8),
    ]


@pytest.mark.parametrize(("chosen", "count", "base"), [(None, 4, 8), (["A"], 2, 6), (["B"], 2, 2)])
def test_heads_of_household_is_the_diagonal(chosen, count, base):
    share = heads_of_household(select(ROLES, chosen))
    assert (share.count, share.base) == (count, base)


def test_combine_sums_counts_in_first_seen_order():
    out = combine(ROLES, ["member_role"], ["members"])
    assert out.rows() == [("mother", 6), ("father", 1), ("child", 1)]
    assert combine(ROLES.head(0), ["member_role"], ["members"]).is_empty()


def test_for_display_labels_formats_and_renames():
    frame = pl.DataFrame({"kind": ["training", None], "amount_usd": [1234.5, None], "flag": [True, False]})
    shown = for_display(frame, {"kind": "Tipo", "amount_usd": "Monto", "flag": "Atomizada"},
                                  code_labels={"kind": "aid_kind"}, formats={"amount_usd": lambda v: f"{v}"})
    assert shown.columns == ["Tipo", "Monto", "Atomizada"]
    assert shown.row(0) == ("Capacitación", "1234.5", "Sí")
    assert shown.row(1)[2] == "No"


def test_jitter_is_stable_and_bounded():
    first = jitter(["EV-M001", "EV-M002", "EV-M003"])
    assert first == jitter(["EV-M001", "EV-M002", "EV-M003"])
    assert all(-0.35 <= v <= 0.35 for v in first) and len(set(first)) == 3


def test_age_points_keep_members_with_an_age_and_name_their_association():
    members = pl.DataFrame({"member_id": ["M1", "M2", "M3"], "association_id": ["A1", "A2", "A1"],
                            "age": [34, None, 61]})
    associations = pl.DataFrame({"association_id": ["A1", "A2"], "name": ["Flor del Valle", "Sumak Tarpuy"]})
    points = age_points(members, associations)
    assert points["member_id"].to_list() == ["M1", "M3"]
    assert points["association_name"].to_list() == ["Flor del Valle", "Flor del Valle"]
    assert points["jitter"].to_list() == jitter(["M1", "M3"])


# --- Territorio ----------------------------------------------------------------------------------------
COMPARISON = pl.DataFrame({
    "parish_code": ["010150", "010151", "010153", "010170"],
    "name": ["Cuenca", "Baños", "Chaucha", "El Valle"],
    "kind": ["cabecera_cantonal", "rural", "rural", "rural"],
    "population": [None, None, 1297, 24314],
    "population_year": [None, None, 2010, 2010],
    "population_source": [None, None, "wiki", "estudio"],
    "area_km2": [None, None, 340.8, 43.0501],
    "area_source": [None, None, "wiki", "estudio"],
    "density_per_km2": [None, None, 3.8, 564.78],
    "density_source": [None, None, "Minga", "Minga"],
    "poverty_rate": [None, None, None, 0.634],
    "poverty_source": [None, None, None, "estudio"],
    "population_rank": [None, None, 2, 1],
    "area_rank": [None, None, 1, 2],
    "density_rank": [None, None, 2, 1],
    "poverty_rank": [None, None, None, 1],
}, strict=False)


@pytest.mark.parametrize(("indicator", "value", "text"), [
    ("population", 24314, "24.314"), ("area_km2", 43.0501, "43,05"), ("density_per_km2", 564.78, "564,8"),
    ("density_per_km2", 76 / 446.99, "0,2"),
    ("poverty_rate", 0.634, "63,4 %"), ("population", None, "sin dato"),
])
def test_indicator_formatter(indicator, value, text):
    assert indicator_formatter(indicator)(value) == text


def test_territory_ranking_keeps_known_values_highest_first():
    ranking = territory_ranking(COMPARISON, "population", "010170")
    assert ranking.select("name", "value_text", "selected").rows() == [
        ("El Valle", "24.314", True), ("Chaucha", "1.297", False)]
    assert territory_ranking(COMPARISON, "poverty_rate", "010151")["name"].to_list() == ["El Valle"]


def test_known_counts_and_rank_texts():
    known = known_counts(COMPARISON)
    assert known == {"population": 2, "area_km2": 2, "density_per_km2": 2, "poverty_rate": 1}
    rows = {r["parish_code"]: r for r in COMPARISON.iter_rows(named=True)}
    assert rank_text(rows["010170"], "population", 2) == "Puesto 1 de 2 parroquias rurales con este dato"
    assert rank_text(rows["010151"], "population", 2) == "Sin puesto: cifra desconocida"
    assert rank_text(rows["010150"], "population", 2) == "Sin puesto: es la cabecera cantonal"


# --- Ayudas recibidas ---------------------------------------------------------------------------------
@pytest.mark.parametrize(("row", "reason"), [
    ({"institutions": 3, "institution_list": "MAG, ONG, Prefectura", "longest_run": 1, "year_list": "2012, 2014",
      "same_year_overlap": False}, "3 instituciones (MAG, ONG, Prefectura)"),
    ({"institutions": 1, "institution_list": "MAG", "longest_run": 3, "year_list": "2012, 2013, 2014, 2016",
      "same_year_overlap": False}, "3 años seguidos (2012–2014)"),
    ({"institutions": 2, "institution_list": "GAD, MAG", "longest_run": 2, "year_list": "2012, 2015, 2016",
      "same_year_overlap": True},
     "2 instituciones (GAD, MAG); 2 años seguidos (2015–2016); dos o más instituciones el mismo año"),
    ({"institutions": 1, "institution_list": "MAG", "longest_run": 1, "year_list": "2013",
      "same_year_overlap": False}, "una sola institución, sin años seguidos"),
])
def test_atomization_reason(row, reason):
    assert atomization_reason(row) == reason


@pytest.mark.parametrize(("years", "span"), [
    ("2012", (2012, 2012)), ("2012, 2013", (2012, 2013)), ("2012, 2014, 2015, 2016, 2018", (2014, 2016)),
    ("2012, 2013, 2015, 2016", (2012, 2013)),
])
def test_longest_run_span(years, span):
    assert _longest_run_span(years) == span


def test_never_coordinating_keeps_one_row_per_pair_that_shares_but_never_coincides():
    pairs = pl.DataFrame({
        "institution": ["A", "B", "A", "C", "B", "C"],
        "partner": ["B", "A", "C", "A", "C", "B"],
        "shared_associations": [3, 3, 2, 2, 0, 0],
        "cofunded_association_years": [0, 0, 1, 1, 0, 0],
    })
    assert never_coordinating(pairs).select("institution", "partner").rows() == [("A", "B")]


def test_kinds_and_flow_texts_are_spanish():
    institutions = pl.DataFrame({"kinds": ["inputs, training", None]})
    assert kinds_labelled(institutions)["kinds"].to_list() == ["Insumos, Capacitación", ""]
    flows = aid_flow_texts(pl.DataFrame({"kind": ["equipment"], "amount_usd": [2400.0]}))
    assert flows.row(0, named=True)["kind_label"] == "Equipos"
    assert flows.row(0, named=True)["amount_text"] == "$ 2.400"


# --- Migración -----------------------------------------------------------------------------------------
def test_farm_profile_compares_both_groups_with_the_right_bases():
    households = pl.DataFrame({
        "association_id": ["A", "A", "B"], "family_abroad": [True, False, True],
        "members": [4, 6, 2], "ages_known": [3, 6, 2], "women": [4, 3, 2], "headed_by_mother": [4, 1, 1],
        "mother_farms": [1, 2, 0], "father_farms": [0, 3, 0], "father_not_indicated": [3, 0, 2],
        "aged_50_plus": [2, 1, 1],
    })
    profile = {(r["group"], r["measure"]): (r["count"], r["base"]) for r in
               farm_profile(households).iter_rows(named=True)}
    assert profile[("true", "women")] == (6, 6)
    assert profile[("true", "aged_50_plus")] == (3, 5)
    assert profile[("false", "father_farms")] == (3, 6)
    assert len(profile) == 2 * len(FARM_MEASURES)


def test_abroad_by_association():
    answers = pl.DataFrame({"association_id": ["A", "A", "B"], "association_name": ["Uno", "Uno", "Dos"],
                            "question": ["family_abroad"] * 3, "answer": ["true", "false", "false"],
                            "members": [4, 10, 5]})
    out = abroad_by_association(answers)
    assert out.select("association_id", "surveyed", "abroad", "share_text").rows() == [
        ("A", 14, 4, "28,6 % (4 de 14)"), ("B", 5, 0, "0,0 % (0 de 5)")]


@pytest.mark.parametrize(("value", "text"), [(94.7, "94,7"), (246867, "246.867"), (28.13, "28,13"),
                                             (108.134, "108,134"), (None, "sin dato"), (5447.5, "5.447,5")])
def test_compact_number(value, text):
    assert compact_number(value) == text


def test_reference_value_text_and_sentence():
    assert reference_value_text(1179, "millones USD") == "1.179 millones USD"
    assert fmt.capitalized("remesas / VAB provincial") == "Remesas / VAB provincial"


REFERENCE = pl.DataFrame({
    "level": ["país", "provincia", "provincia", "provincia", "provincia", "provincia", "cantón"],
    "dpa_code": [None, "01", "03", "01", "03", "01", "0101"],
    "area": ["Ecuador", "Azuay", "Cañar", "Azuay", "Cañar", "Azuay", "Cuenca"],
    "theme": ["emigración", "emigración", "emigración", "remesas", "remesas", "remesas", "remesas"],
    "indicator": ["tasa", "tasa", "tasa", "remesas / VAB", "remesas / VAB", "solo Azuay", "remesas Cuenca"],
    "period": ["2022", "2022", "2022", "2020", "2020", "2023", "2018-T1"],
    "value": [5.72, 28.13, 38.76, 14.0, 28.0, 1179.0, 108.1],
    "unit": ["por 1000 hab."] * 3 + ["% del VAB"] * 2 + ["millones USD", "millones USD"],
    "source": ["INEC"] * 3 + ["BCE"] * 4,
})


def test_province_comparison_and_national_reference():
    assert province_indicators(REFERENCE) == {"tasa": "2022", "remesas / VAB": "2020"}
    provinces = province_comparison(REFERENCE, "tasa", "01")
    assert provinces.select("area", "value_text", "selected").rows() == [("Cañar", "38,76", False),
                                                                         ("Azuay", "28,13", True)]
    assert national_value(REFERENCE, "tasa", "2022") == {"value": 5.72, "value_text": "5,72 por 1000 hab."}
    assert national_value(REFERENCE, "remesas / VAB", "2020") is None


# --- Problemas y necesidades --------------------------------------------------------------------------
def test_needs_table_shares_of_mentions_over_the_selection():
    needs = pl.DataFrame({
        "association_id": ["A", "A", "B", "B"], "need": ["water_systems", "training", "water_systems", "other"],
        "mentions": [3, 2, 1, 2], "members": [3, 2, 1, 2],
        "pdot_codes": ["EV-OE6", "EV-OE7", "EV-OE6", None],
        "pdot_objectives": ["agua", "capacitación", "agua", None],
    })
    table = needs_table(needs)
    assert table.select("need", "label", "mentions", "share_text", "pdot_codes").rows() == [
        ("water_systems", "Sistemas de agua y riego", 4, "50,0 % (4 de 8)", "EV-OE6"),
        ("training", "Capacitación", 2, "25,0 % (2 de 8)", "EV-OE7"),
        ("other", "Otra", 2, "25,0 % (2 de 8)", "—"),
    ]
    assert table.row(2, named=True)["pdot_objectives"] == "Sin objetivo del PDOT vinculado"


def test_groups_table_labels_and_shares():
    groups = pl.DataFrame({"association_id": ["A", "B", "B"], "expectation_cluster": [3, 3, 1],
                           "members": [2, 1, 1], "pdot_codes": ["EV-OE1", "EV-OE1", None],
                           "pdot_objectives": ["x", "x", None]})
    table = groups_table(groups)
    assert table.select("expectation_cluster", "members", "share_text").rows() == [
        ("1", 1, "25,0 % (1 de 4)"), ("3", 3, "75,0 % (3 de 4)")]
    assert table["label"][0].startswith("1 · ")


def test_problem_texts_top_three_and_link_subjects():
    problems = pl.DataFrame({"problem_id": ["P2", "P1", "P3", "P4"], "rank": [2, 1, 3, 4],
                             "label_es": ["Canales", "Colaboración", "Orgánico", "Contabilidad"],
                             "votes": [16, 17, 14, 13], "vote_share": [0.25, 0.27, 0.25, 0.23],
                             "pdot_codes": ["EV-OE2", "EV-OE1", None, "EV-OE4"],
                             "pdot_objectives": ["b", "a", None, "d"]})
    ranked = problem_texts(problems)
    assert ranked.row(1, named=True)["rank_label"] == "1. Colaboración"
    assert ranked.row(1, named=True)["votes_text"] == "17 votos (27,0 %)"
    assert ranked.row(2, named=True)["pdot_codes"] == "—"
    assert top_three(ranked) == "1. Colaboración; 2. Canales; 3. Orgánico"
    links = pl.DataFrame({"subject": ["problem", "need", "expectation"], "subject_code": ["P1", "training", "2"],
                          "pdot_objective_id": ["EV-OE1", "EV-OE7", "EV-OE1"], "objective_es": ["a", "g", "a"]})
    assert link_subjects(links, problems)["subject_label"].to_list() == [
        "Colaboración", "Capacitación", "2 · Falta de organización, unión y compromiso"]
    assert objectives_cited(links) == "- **EV-OE1**: a\n- **EV-OE7**: g"
