-- sdg_targets: one row per ODS target (169). Columns: goal, target (e.g. '2.3'), title_es.
SELECT goal, target, title_es FROM raw_sdg_targets
