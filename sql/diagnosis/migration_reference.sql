-- migration_reference: one row per reference figure on emigration and remittances for a single area (the
-- country, a province or a canton), each with its source; the survey's own rows stay in `migration`.
-- Columns: level (país | provincia | cantón), dpa_code (blank for the country), area, theme
-- (emigración | remesas), indicator, period, value, unit, source, source_detail.
SELECT
    CASE WHEN dpa_code IS NULL OR dpa_code = '' THEN 'país'
         WHEN length(dpa_code) = 2 THEN 'provincia'
         ELSE 'cantón' END AS level,
    nullif(dpa_code, '') AS dpa_code,
    scope AS area,
    CASE theme WHEN 'migracion' THEN 'emigración' ELSE theme END AS theme,
    indicator,
    -- as people write a period: «primer trimestre de 2016», «enero a septiembre de 2022», «2014 a 2019»
    CASE WHEN regexp_full_match(period, '\d{4}-T[1-4]')
              THEN ['primer', 'segundo', 'tercer', 'cuarto'][CAST(period[7] AS INTEGER)] || ' trimestre de ' || period[1:4]
         WHEN regexp_full_match(period, '\d{4}-S[12]')
              THEN ['primer', 'segundo'][CAST(period[7] AS INTEGER)] || ' semestre de ' || period[1:4]
         WHEN regexp_full_match(period, '\d{4}-\d{2}\.\.\d{2}')
              THEN ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre',
                    'noviembre', 'diciembre'][CAST(period[6:7] AS INTEGER)] || ' a '
                   || ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre',
                       'noviembre', 'diciembre'][CAST(period[10:11] AS INTEGER)] || ' de ' || period[1:4]
         WHEN regexp_full_match(period, '\d{4}-\d{4}') THEN period[1:4] || ' a ' || period[6:9]
         ELSE period END AS period,
    value,
    unit,
    original_source AS source,
    concat_ws(' · ', consulted_source, notes) AS source_detail
FROM raw_reference_indicators_migration
-- one area per row: figures that cover several provinces at once (codes joined by ';') are left out
WHERE dpa_code IS NULL OR dpa_code = '' OR regexp_full_match(dpa_code, '[0-9]{2}|[0-9]{4}')
ORDER BY CASE level WHEN 'país' THEN 1 WHEN 'provincia' THEN 2 ELSE 3 END, dpa_code, theme, indicator, period
