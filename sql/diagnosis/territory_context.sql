-- territory_context: one row per reference figure about a canton or a province (census population,
-- households, area, number of rural parishes), each with its source, plus the canton's area computed
-- from the DPA geometry. Territorio shows the rows of the selected parish's canton and province.
-- Columns: level (provincia | cantón), dpa_code (2-digit province or 4-digit canton), area, indicator,
-- period (blank when the source gives none), value, unit, source.
WITH census AS (
    SELECT
        CASE WHEN length(dpa_code) = 2 THEN 'provincia' ELSE 'cantón' END AS level,
        dpa_code,
        scope AS area,
        indicator,
        period,
        value,
        CASE unit WHEN 'km2' THEN 'km²' ELSE unit END AS unit,  -- as people write it
        concat_ws(' · ', original_source, consulted_source) AS source
    FROM raw_reference_indicators_population
    WHERE regexp_full_match(dpa_code, '[0-9]{2}|[0-9]{4}')
),
canton_area AS (
    SELECT
        'cantón' AS level,
        canton_code AS dpa_code,
        canton AS area,
        'superficie calculada de la geometría' AS indicator,
        CAST(NULL AS VARCHAR) AS period,
        area_km2_geom AS value,
        'km²' AS unit,
        'INEC, División Político-Administrativa; área calculada de la geometría del cantón' AS source
    FROM raw_dpa_cantons
    WHERE area_km2_geom IS NOT NULL
),
final AS (
    SELECT * FROM census
    UNION ALL
    SELECT * FROM canton_area
)
SELECT * FROM final
ORDER BY CASE level WHEN 'provincia' THEN 1 ELSE 2 END, dpa_code, indicator, period
