-- canton_summary: one row per canton (221), to compare the cantons of a province (filter by province_code):
-- their rural parishes' 2022 census totals and the aid their associations received.
-- Columns: canton_code, canton, province_code, province, rural_parishes, population_2022 (rural parishes),
-- area_km2 (rural parishes), poverty_rate_nbi (0-1, poor over persons counted, rural parishes), associations,
-- aid_records, aid_total_usd, aid_usd_per_inhabitant.
SELECT
    p.canton_code,
    any_value(p.canton) AS canton,
    p.province_code,
    any_value(p.province) AS province,
    count(*) FILTER (WHERE p.kind = 'rural') AS rural_parishes,
    CAST(sum(c.population_2022) FILTER (WHERE p.kind = 'rural') AS BIGINT) AS population_2022,
    sum(c.area_km2) FILTER (WHERE p.kind = 'rural') AS area_km2,
    sum(c.poor_nbi) FILTER (WHERE p.kind = 'rural') / nullif(sum(c.persons_nbi) FILTER (WHERE p.kind = 'rural'), 0)
        AS poverty_rate_nbi,
    CAST(sum(p.associations) AS BIGINT) AS associations,
    CAST(sum(p.aid_records) AS BIGINT) AS aid_records,
    sum(p.aid_total_usd) AS aid_total_usd,
    sum(p.aid_total_usd) / nullif(sum(c.population_2022) FILTER (WHERE p.kind = 'rural'), 0) AS aid_usd_per_inhabitant
FROM parish_comparison AS p
LEFT JOIN raw_census_parish_figures AS c USING (parish_code)
GROUP BY p.canton_code, p.province_code
