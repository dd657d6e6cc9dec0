-- parish_overview: one row per parish (all 1,047): the parish at a glance for Inicio.
-- Columns: parish_code, name, canton_code, canton, province, population, population_men, population_women, population_year, poverty_rate, area_ha,
-- density_per_km2, associations, members_total, members_surveyed, synthetic_associations,
-- aid_records, aid_total_usd, proposals, open_proposals, source.
-- Counts are 0 (not blank) where nothing is on record; figures stay blank where unknown.
WITH assoc AS NOT MATERIALIZED (
    SELECT parish_code,
           count(*) AS associations,
           sum(members_total) AS members_total,
           sum(members_surveyed) AS members_surveyed,
           count(*) FILTER (WHERE is_synthetic) AS synthetic_associations
    FROM associations
    GROUP BY parish_code
),
aid_by_parish AS NOT MATERIALIZED (
    SELECT parish_code, count(*) AS aid_records, sum(amount_usd) AS aid_total_usd
    FROM aid  -- its parish_code is its association's: a parish's row groups only
    GROUP BY parish_code
),
proposals_by_parish AS NOT MATERIALIZED (
    SELECT a.parish_code,
           count(*) AS proposals,
           count(*) FILTER (WHERE p.status IN ('draft', 'submitted', 'eligible', 'scored')) AS open_proposals
    FROM proposals AS p
    JOIN associations AS a USING (association_id)
    GROUP BY a.parish_code
)
SELECT
    p.parish_code, p.name, p.canton_code, p.canton, p.province, p.population, p.population_men, p.population_women, p.population_year, p.poverty_rate, p.area_ha,
    CASE WHEN p.area_ha > 0 THEN p.population / (p.area_ha / 100) END AS density_per_km2,
    coalesce(assoc.associations, 0) AS associations,
    coalesce(assoc.members_total, 0) AS members_total,
    coalesce(assoc.members_surveyed, 0) AS members_surveyed,
    coalesce(assoc.synthetic_associations, 0) AS synthetic_associations,
    coalesce(aid_by_parish.aid_records, 0) AS aid_records,
    coalesce(aid_by_parish.aid_total_usd, 0) AS aid_total_usd,
    coalesce(proposals_by_parish.proposals, 0) AS proposals,
    coalesce(proposals_by_parish.open_proposals, 0) AS open_proposals,
    p.source
FROM parishes AS p
LEFT JOIN assoc USING (parish_code)
LEFT JOIN aid_by_parish USING (parish_code)
LEFT JOIN proposals_by_parish USING (parish_code)
