"""The public interface (docs/arquitectura.md, «Interfaz pública»): view names, columns, keys, codes, foreign keys."""

import pytest

from core.data.db import query

REQUIRED_COLUMNS = {
    "parishes": ["parish_code", "name", "canton", "province", "population", "population_men", "population_women",
                 "area_ha", "poverty_rate", "lat", "lon", "source"],
    "associations": ["association_id", "parish_code", "name", "members_total", "members_surveyed", "is_synthetic"],
    "members": ["member_id", "association_id", "age", "member_role", "head_of_household", "is_head_of_household",
                "perceived_poverty", "family_abroad", "received_project_aid", "state_aid_last_year", "is_synthetic"],
    "member_needs": ["member_id", "need"],
    "aid": ["aid_id", "association_id", "institution", "year", "kind", "amount_usd"],
    "problems": ["problem_id", "parish_code", "label_es", "votes", "rank"],
    "proposals": ["proposal_id", "association_id", "title", "cost_usd", "status"],
}

KEYS = {
    "parishes": ["parish_code"],
    "associations": ["association_id"],
    "members": ["member_id"],
    "member_needs": ["member_id", "need"],
    "aid": ["aid_id"],
    "problems": ["problem_id"],
    "proposals": ["proposal_id"],
    "offers": ["offer_id"],
    "sdg_goals": ["goal"],
    "sdg_targets": ["target"],
    "pnd_objectives": ["objective_id"],
    "pdot_objectives": ["pdot_objective_id"],
    "parish_shapes": ["parish_code"],
    "parish_overview": ["parish_code"],
}

FOREIGN_KEYS = [
    ("associations", "parish_code", "parishes", "parish_code"),
    ("members", "association_id", "associations", "association_id"),
    ("member_needs", "member_id", "members", "member_id"),
    ("aid", "association_id", "associations", "association_id"),
    ("problems", "parish_code", "parishes", "parish_code"),
    ("proposals", "association_id", "associations", "association_id"),
    ("pdot_objectives", "parish_code", "parishes", "parish_code"),
    ("sdg_targets", "goal", "sdg_goals", "goal"),
    ("parish_shapes", "parish_code", "parishes", "parish_code"),
]


@pytest.mark.parametrize("view_name", sorted(REQUIRED_COLUMNS))
def test_view_has_the_columns_of_the_design(con, view_name):
    columns = query(con, f"SELECT * FROM {view_name} LIMIT 0").columns
    missing = [c for c in REQUIRED_COLUMNS[view_name] if c not in columns]
    assert not missing, f"{view_name} lacks {missing}"


@pytest.mark.parametrize("view_name", sorted(KEYS))
def test_view_keys_are_unique_and_present(con, view_name):
    key = ", ".join(KEYS[view_name])
    total, distinct, blanks = query(
        con,
        f"SELECT count(*), count(DISTINCT ({key})), count(*) FILTER (WHERE {' OR '.join(k + ' IS NULL' for k in KEYS[view_name])}) "
        f"FROM {view_name}",
    ).row(0)
    assert total > 0, f"{view_name} is empty"
    assert distinct == total, f"{view_name}: repeated keys"
    assert blanks == 0, f"{view_name}: blank keys"


@pytest.mark.parametrize(("child", "column", "parent", "parent_column"), FOREIGN_KEYS)
def test_no_orphan_foreign_keys(con, child, column, parent, parent_column):
    orphans = query(
        con,
        f"SELECT DISTINCT c.{column} FROM {child} AS c ANTI JOIN {parent} AS p ON c.{column} = p.{parent_column} "
        f"WHERE c.{column} IS NOT NULL",
    )
    assert orphans.is_empty(), f"{child}.{column} not in {parent}: {orphans.to_series().to_list()[:5]}"


def test_parishes_cover_the_whole_dpa_list(con):
    count, kinds = query(con, "SELECT count(*), count(DISTINCT kind) FROM parishes").row(0)
    assert count == 1047
    assert kinds == 2
    assert query(con, "SELECT count(*) FROM parishes WHERE NOT regexp_full_match(parish_code, '\\d{6}')").item() == 0


def test_a_parish_without_a_study_carries_its_2022_census_figures(con):
    """Baños (Cuenca) in INEC's 2022 tables: 21.797 people on 251,44 km²; 6.192 of the 21.783 people in private
    dwellings poor by unsatisfied basic needs."""
    row = query(con, "SELECT * FROM parishes WHERE parish_code = '010151'").to_dicts()[0]
    assert (row["population"], row["population_year"]) == (21797, 2022)
    assert row["area_ha"] == pytest.approx(25144)
    assert row["poverty_rate"] == pytest.approx(6192 / 21783)
    assert "Censo de Población y Vivienda 2022" in row["source"]
    known = query(con, "SELECT count(population), count(poverty_rate) FROM parishes").row(0)
    assert known[0] > 1000 and known[1] > 1000
    # the census panel's earlier census stays the study's or the reference file's, never the 2022 one again
    earlier = dict(query(con, "SELECT parish_code, earlier_year FROM parish_census "
                              "WHERE parish_code IN ('010151', '010170')").iter_rows())
    assert earlier == {"010151": None, "010170": 2010}


def test_el_valle_carries_the_study_figures(con):
    row = query(con, "SELECT * FROM parishes WHERE parish_code = '010170'").to_dicts()[0]
    assert row["name"] == "El Valle"
    assert row["canton"] == "Cuenca"
    assert row["population"] == 24314
    assert (row["population_men"], row["population_women"]) == (11489, 12825)
    assert row["population_men"] + row["population_women"] == row["population"]
    assert row["area_ha"] == pytest.approx(4305.01)
    assert row["poverty_rate"] == pytest.approx(0.634)
    # 2°56′16″ S 78°58′00″ O
    assert row["lat"] == pytest.approx(-(2 + 56 / 60 + 16 / 3600), abs=1e-4)
    assert row["lon"] == pytest.approx(-(78 + 58 / 60), abs=1e-4)
    assert "INEC" in row["source"]


def test_codes_stay_as_the_design_names_them(con):
    roles = set(query(con, "SELECT DISTINCT member_role FROM members UNION SELECT DISTINCT head_of_household FROM members")
                .to_series().to_list())
    assert roles <= {"father", "mother", "child", "not_indicated"}
    poverty = set(query(con, "SELECT DISTINCT perceived_poverty FROM members").to_series().to_list())
    assert poverty <= {"very_poor", "poor", "middle_class", None}
    needs = set(query(con, "SELECT DISTINCT need FROM member_needs").to_series().to_list())
    assert {"water_systems", "training", "technical_support"} <= needs


def test_every_generated_row_is_flagged(con):
    for view_name in ("associations", "members"):
        assert query(con, f"SELECT bool_and(is_synthetic) FROM {view_name}").item() is True


def test_catalogues_are_complete(con):
    assert query(con, "SELECT count(*) FROM sdg_goals").item() == 17
    assert query(con, "SELECT count(*) FROM sdg_targets").item() == 169
    plans = query(con, "SELECT plan_id, count(*) AS n FROM pnd_objectives GROUP BY plan_id ORDER BY plan_id").rows()
    assert plans == [("PND_2017_2021", 9), ("PND_2021_2025", 16), ("PND_2024_2025", 10)]
    illustrative = query(con, "SELECT bool_and(is_illustrative), count(*) FROM pdot_objectives WHERE parish_code = '010170'").row(0)
    assert illustrative[0] is True and illustrative[1] >= 5


def _view_files():
    from core.data.db import view_files

    return sorted(view_files().items())


@pytest.mark.parametrize(("view_name", "sql"), _view_files(), ids=[name for name, _ in _view_files()])
def test_every_view_answers_and_names_its_grain(con, view_name, sql):
    first = sql.lstrip().splitlines()[0]
    assert first.startswith(f"-- {view_name}:"), f"sql/**/{view_name}.sql must open with '-- {view_name}: <grain>'"
    columns = query(con, f"SELECT * FROM {view_name} LIMIT 1").columns
    assert columns, f"{view_name} has no columns"


def test_a_built_file_taken_away_is_named_in_spanish(built_data_dir, tmp_path):
    import shutil

    from core.data.db import MissingDataError, connect

    for path in built_data_dir.iterdir():
        if path.is_file() and path.name != "aid.parquet":
            shutil.copy(path, tmp_path / path.name)
    with pytest.raises(MissingDataError, match=r"Faltan datos construidos en .*: aid\.parquet\. Ejecute: make data"):
        connect(tmp_path)
