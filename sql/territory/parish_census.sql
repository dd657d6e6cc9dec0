-- parish_census: one row per parish of the DPA list (1,047): its figures in INEC's 2022 census and, where a study
-- or the reference file publishes them, its earlier census figures beside them, each with its source.
-- Columns: parish_code, name, kind (rural | cabecera_cantonal), canton_code, canton, province_code, province,
-- in_census_2022 (the 2022 census tables have this code; false for parishes created or recoded after it),
-- population_2022, area_km2_2022, density_2022 (inhabitants per km²: INEC's population over its area, unrounded;
-- INEC publishes it rounded to whole numbers, which reads «0» for 14 rural parishes),
-- poverty_rate_nbi_2022 (0-1: poor by unsatisfied basic needs over persons in private dwellings),
-- census_2022_source, nbi_2022_source (blank where the census gives no NBI), earlier_year, earlier_population,
-- earlier_population_men, earlier_population_women, earlier_area_km2, earlier_density (computed),
-- earlier_poverty_rate (0-1), earlier_from_study (the figures are a study's, e.g. El Valle's 2010), earlier_source,
-- has_shape (Minga has the parish's polygon). Blanks mean "not in that census", never zero.
SELECT
    p.parish_code, p.name, p.kind, p.canton_code, p.canton, p.province_code, p.province,
    c.parish_code IS NOT NULL AS in_census_2022,
    c.population_2022,
    c.area_km2 AS area_km2_2022,
    CASE WHEN c.area_km2 > 0 THEN c.population_2022 / c.area_km2 END AS density_2022,
    CASE WHEN c.persons_nbi > 0 THEN c.poor_nbi / c.persons_nbi END AS poverty_rate_nbi_2022,
    CASE WHEN c.parish_code IS NOT NULL
         THEN 'INEC, Censo de Población y Vivienda 2022: población y superficie por parroquia; la densidad '
              || '(población / superficie) la calcula Minga' END
        AS census_2022_source,
    CASE WHEN c.persons_nbi > 0
         THEN 'INEC, Censo de Población y Vivienda 2022: pobreza por necesidades básicas insatisfechas (NBI), '
              || 'tabulado parroquial compilado en Michaeljo112/Estimando-la-pobreza-parroquial' END
        AS nbi_2022_source,
    -- the earlier census: a study's published profile, else the reference file's 2010 figures (never the 2022
    -- census that `parishes` falls back on)
    CASE WHEN s.population IS NOT NULL THEN s.year WHEN r.population_2010 IS NOT NULL THEN 2010 END AS earlier_year,
    coalesce(s.population, r.population_2010) AS earlier_population,
    s.population_men AS earlier_population_men,
    s.population_women AS earlier_population_women,
    coalesce(s.area_ha / 100, r.area_km2) AS earlier_area_km2,
    CASE WHEN coalesce(s.area_ha / 100, r.area_km2) > 0
         THEN coalesce(s.population, r.population_2010) / coalesce(s.area_ha / 100, r.area_km2) END AS earlier_density,
    coalesce(s.poverty_rate, r.poverty_pct / 100) AS earlier_poverty_rate,
    s.parish_code IS NOT NULL AS earlier_from_study,
    CASE WHEN coalesce(s.population, r.population_2010, s.area_ha, r.area_km2, s.poverty_rate, r.poverty_pct)
              IS NOT NULL THEN coalesce(s.source, r.source) END AS earlier_source,
    p.has_shape
FROM parishes AS p
LEFT JOIN raw_census_parish_figures AS c USING (parish_code)
LEFT JOIN raw_study_parish_figures AS s USING (parish_code)
LEFT JOIN raw_reference_parish_figures AS r USING (parish_code)
