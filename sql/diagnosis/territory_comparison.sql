-- territory_comparison: one row per parish (all 1,047) with the 2022 census figures (INEC, CPV 2022) Territorio
-- compares among the rural parishes of a canton, each figure with its own source; blanks mean "not in the census".
-- Columns: parish_code, name, kind (rural | cabecera_cantonal), canton_code, canton, province_code, province,
-- has_shape, population, population_year (2022 where the census has the parish), population_source, area_km2,
-- area_source, density_per_km2 (population over area, unrounded), density_source, poverty_rate (0-1, NBI),
-- poverty_source, canton_rural_parishes (rural parishes in the canton), population_rank, area_rank, density_rank,
-- poverty_rank
-- (1 = highest among the canton's rural parishes with a known value; blank for cantonal seats and unknown values).
-- One census for every parish, so the ranks compare like with like; earlier figures are in `parish_census`.
WITH with_density AS (
    SELECT
        parish_code, name, kind, canton_code, canton, province_code, province, has_shape,
        population_2022 AS population,
        CASE WHEN in_census_2022 THEN 2022 END AS population_year,
        census_2022_source AS population_source,
        area_km2_2022 AS area_km2,
        census_2022_source AS area_source,
        density_2022 AS density_per_km2,
        census_2022_source AS density_source,
        poverty_rate_nbi_2022 AS poverty_rate,
        nbi_2022_source AS poverty_source
    FROM parish_census
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
