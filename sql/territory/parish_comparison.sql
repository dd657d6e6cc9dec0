-- parish_comparison: one row per parish of the DPA list (1,047), to compare the parishes of a canton or a
-- province (filter by canton_code or province_code) on the 2022 census and on the aid their associations received.
-- Columns: parish_code, name, kind (rural | cabecera_cantonal), canton_code, canton, province_code, province,
-- has_shape, population_2022, area_km2, density_per_km2, poverty_rate_nbi (0-1, poor by unsatisfied basic
-- needs over persons in private dwellings), associations, has_synthetic_records (some association is generated),
-- aid_records, aid_total_usd, aid_usd_per_inhabitant,
-- census_source. Census figures are blank where the census has no row; counts are 0 where nothing is on record.
WITH aid_by_parish AS NOT MATERIALIZED (
    SELECT parish_code, count(*) AS aid_records, sum(amount_usd) AS aid_total_usd
    FROM aid
    GROUP BY parish_code
),
associations_by_parish AS NOT MATERIALIZED (
    SELECT parish_code, count(*) AS associations, bool_or(is_synthetic) AS has_synthetic_records
    FROM associations
    GROUP BY parish_code
)
SELECT
    p.parish_code, p.name, p.kind, p.canton_code, p.canton, p.province_code, p.province, p.has_shape,
    c.population_2022,
    c.area_km2,
    CASE WHEN c.area_km2 > 0 THEN c.population_2022 / c.area_km2 END AS density_per_km2,
    CASE WHEN c.persons_nbi > 0 THEN c.poor_nbi / c.persons_nbi END AS poverty_rate_nbi,
    coalesce(s.associations, 0) AS associations,
    coalesce(s.has_synthetic_records, false) AS has_synthetic_records,
    coalesce(x.aid_records, 0) AS aid_records,
    coalesce(x.aid_total_usd, 0) AS aid_total_usd,
    CASE WHEN c.population_2022 > 0 THEN coalesce(x.aid_total_usd, 0) / c.population_2022 END
        AS aid_usd_per_inhabitant,
    CASE WHEN c.parish_code IS NOT NULL THEN 'INEC, Censo de Población y Vivienda 2022' END AS census_source
FROM parishes AS p
LEFT JOIN raw_census_parish_figures AS c USING (parish_code)
LEFT JOIN associations_by_parish AS s USING (parish_code)
LEFT JOIN aid_by_parish AS x USING (parish_code)
