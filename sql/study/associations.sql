-- associations: one row per productive association (El Valle demo: 8, synthetic records).
-- Columns: association_id, parish_code, parish_name, name, registered_with (senplades | mag),
-- members_total, members_surveyed, surveyed_share (0-1), main_products_es, has_ruc,
-- keeps_accounting_records, has_production_plan, is_synthetic.
SELECT
    a.association_id,
    a.parish_code,
    p.name AS parish_name,
    a.name,
    a.registered_with,
    a.members_total,
    a.members_surveyed,
    a.members_surveyed / a.members_total AS surveyed_share,
    a.main_products_es,
    a.has_ruc,
    a.keeps_accounting_records,
    a.has_production_plan,
    a.is_synthetic
FROM raw_associations AS a
LEFT JOIN parishes AS p USING (parish_code)
ORDER BY association_id
