-- migration_reference: one row per reference figure on emigration and remittances for a single area (the
-- country, a province or a canton), each with its source; the survey's own rows stay in `migration`.
-- Columns: level (país | provincia | cantón), dpa_code (blank for the country), area, theme
-- (emigración | remesas), indicator, period, value, unit, source, source_detail.
WITH national AS (
    SELECT
        'país' AS level,
        CAST(NULL AS VARCHAR) AS dpa_code,
        scope AS area,
        CASE theme WHEN 'migracion' THEN 'emigración' ELSE theme END AS theme,
        indicator,
        period,
        value,
        unit,
        original_source AS source,
        concat_ws(' · ', consulted_source, notes) AS source_detail
    FROM raw_reference_indicators_migration
    WHERE dpa_code IS NULL OR dpa_code = ''
),
regional AS (
    SELECT level, dpa_code, area, theme, indicator, period, value, unit, source, source_detail
    FROM migration
    WHERE level IN ('provincia', 'cantón')
),
final AS (
    SELECT * FROM national
    UNION ALL
    SELECT * FROM regional
)
SELECT * FROM final
ORDER BY CASE level WHEN 'país' THEN 1 WHEN 'provincia' THEN 2 ELSE 3 END, dpa_code, theme, indicator, period
