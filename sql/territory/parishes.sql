-- parishes: one row per parish of Ecuador's DPA list (1,047), with the detail known for it.
-- Columns: parish_code (6-digit DPA), name, kind (rural | cabecera_cantonal), canton_code, canton,
-- province_code, province, population, population_men, population_women, population_year,
-- area_ha, poverty_rate (0-1), lat, lon, has_shape, source (where the figures and the point come from).
-- A study's published profile wins; then INEC's 2022 census (population, area, poverty by unsatisfied basic needs);
-- then the reference file's earlier figures. population_year says which census a population is from; blanks mean
-- "not known". Names (parish, canton, province) are the DPA list's, with INEC's accents and case (one per code); a
-- study's display name wins for its parish.
SELECT
    d.parish_code,
    coalesce(s.display_name, d.name) AS name,
    d.kind,
    d.canton_code,
    d.canton,
    d.province_code,
    d.province,
    coalesce(s.population, c.population_2022, r.population_2010) AS population,
    s.population_men,
    s.population_women,
    CASE WHEN s.population IS NOT NULL THEN s.year
         WHEN c.population_2022 IS NOT NULL THEN 2022
         WHEN r.population_2010 IS NOT NULL THEN 2010 END AS population_year,
    coalesce(s.area_ha, c.area_km2 * 100, r.area_km2 * 100) AS area_ha,
    coalesce(s.poverty_rate, CASE WHEN c.persons_nbi > 0 THEN c.poor_nbi / c.persons_nbi END,
             r.poverty_pct / 100) AS poverty_rate,
    -- the study's point, then the reference file's coordinates from a source, then a point of the CONALI polygon
    -- computed at build (core.data.points), then the reference file's approximate centroid of a generalized polygon
    coalesce(s.lat, r.lat_source, sh.lat, r.lat_centroid) AS lat,
    coalesce(s.lon, r.lon_source, sh.lon, r.lon_centroid) AS lon,
    sh.parish_code IS NOT NULL AS has_shape,
    concat_ws('; ',
        coalesce(s.source,
                 CASE WHEN c.parish_code IS NOT NULL
                      THEN 'INEC, Censo de Población y Vivienda 2022 (población, superficie y pobreza por NBI)' END,
                 CASE WHEN r.source IS NULL THEN 'INEC, División Político-Administrativa' END),
        CASE WHEN s.parish_code IS NULL THEN r.source END,
        -- where lat/lon come from, unless the study's or the reference file's source already names its coordinates
        CASE WHEN s.lat IS NOT NULL OR r.lat_source IS NOT NULL THEN NULL
             WHEN sh.lat IS NOT NULL THEN sh.point_source
             WHEN r.lat_centroid IS NOT NULL
             THEN 'ubicación: INEC DPA, centroide aproximado del polígono generalizado' END) AS source
FROM raw_dpa_parishes AS d
LEFT JOIN raw_census_parish_figures AS c USING (parish_code)
LEFT JOIN raw_reference_parish_figures AS r USING (parish_code)
LEFT JOIN raw_study_parish_figures AS s USING (parish_code)
LEFT JOIN raw_parish_shapes AS sh USING (parish_code)
