-- territory_comparison: one row per parish (all 1,041) with the figures Territorio compares among the
-- rural parishes of a canton, each figure with its own source; blanks mean "not known".
-- Columns: parish_code, name, kind (rural | cabecera_cantonal), canton_code, canton, province_code, province,
-- has_shape, population, population_year, population_source, area_km2, area_source, density_per_km2,
-- density_source, poverty_rate (0-1), poverty_source, canton_rural_parishes (rural parishes in the canton),
-- population_rank, area_rank, density_rank, poverty_rank (1 = highest among the canton's rural parishes
-- with a known value; blank for cantonal seats and for unknown values).
-- A study's published profile wins over the reference file, as in `parishes`.
WITH figures AS (
    SELECT
        p.parish_code, p.name, p.kind, p.canton_code, p.canton, p.province_code, p.province, p.has_shape,
        p.population,
        p.population_year,
        CASE WHEN s.population IS NOT NULL THEN s.source
             WHEN r.population_2010 IS NOT NULL THEN r.source END AS population_source,
        p.area_ha / 100 AS area_km2,
        CASE WHEN s.area_ha IS NOT NULL THEN s.source
             WHEN r.area_km2 IS NOT NULL THEN r.source END AS area_source,
        p.poverty_rate,
        CASE WHEN s.poverty_rate IS NOT NULL THEN s.source
             WHEN r.poverty_pct IS NOT NULL THEN r.source END AS poverty_source
    FROM parishes AS p
    LEFT JOIN raw_study_parish_figures AS s USING (parish_code)
    LEFT JOIN raw_reference_parish_figures AS r USING (parish_code)
),
with_density AS (
    SELECT
        *,
        CASE WHEN area_km2 > 0 THEN population / area_km2 END AS density_per_km2,
        CASE WHEN area_km2 > 0 AND population IS NOT NULL
             THEN 'Calculada por Minga: población / superficie' END AS density_source
    FROM figures
),
final AS (
    SELECT
        parish_code, name, kind, canton_code, canton, province_code, province, has_shape,
        population, population_year, population_source,
        area_km2, area_source,
        density_per_km2, density_source,
        poverty_rate, poverty_source,
        count(*) FILTER (WHERE kind = 'rural') OVER (PARTITION BY canton_code) AS canton_rural_parishes,
        CASE WHEN kind = 'rural' AND population IS NOT NULL THEN rank() OVER (
            PARTITION BY canton_code, kind = 'rural' AND population IS NOT NULL ORDER BY population DESC) END
            AS population_rank,
        CASE WHEN kind = 'rural' AND area_km2 IS NOT NULL THEN rank() OVER (
            PARTITION BY canton_code, kind = 'rural' AND area_km2 IS NOT NULL ORDER BY area_km2 DESC) END
            AS area_rank,
        CASE WHEN kind = 'rural' AND density_per_km2 IS NOT NULL THEN rank() OVER (
            PARTITION BY canton_code, kind = 'rural' AND density_per_km2 IS NOT NULL ORDER BY density_per_km2 DESC) END
            AS density_rank,
        CASE WHEN kind = 'rural' AND poverty_rate IS NOT NULL THEN rank() OVER (
            PARTITION BY canton_code, kind = 'rural' AND poverty_rate IS NOT NULL ORDER BY poverty_rate DESC) END
            AS poverty_rank
    FROM with_density
)
SELECT * FROM final
ORDER BY parish_code
