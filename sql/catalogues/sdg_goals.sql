-- sdg_goals: one row per ODS goal (17). Columns: goal, short_name_es, title_es, short_name_en.
SELECT goal, short_name_es, title_es, short_name_en FROM raw_sdg_goals
