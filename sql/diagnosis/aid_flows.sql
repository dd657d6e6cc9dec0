-- aid_flows: one row per (association, institution, kind of aid, year): who gave what to whom and when.
-- Columns: parish_code, association_id, association_name, institution, institution_type, kind, year,
-- aid_records, amount_usd, descriptions (the records' descriptions joined by ' · '; one left empty adds no
-- separator, and a group without any reads ''), is_synthetic.
SELECT
    parish_code,
    association_id,
    association_name,
    institution,
    institution_type,
    kind,
    year,
    count(*) AS aid_records,
    sum(amount_usd) AS amount_usd,
    coalesce(string_agg(NULLIF(trim(description_es), ''), ' · ' ORDER BY aid_id), '') AS descriptions,
    bool_or(is_synthetic) AS is_synthetic
FROM aid
GROUP BY parish_code, association_id, association_name, institution, institution_type, kind, year
ORDER BY association_id, year, institution, kind
