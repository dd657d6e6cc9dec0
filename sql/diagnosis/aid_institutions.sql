-- aid_institutions: one row per institution that gave aid in a parish: what, to how many associations, when,
-- and whether it ever coordinates with another institution.
-- Columns: parish_code, institution, institution_type, aid_records, amount_usd, associations, kinds (kinds of
-- aid, codes joined by ', '), first_year, last_year, overlapping_institutions (others that reach some of the
-- same associations), cofunding_institutions (others that fund the same association in the same year),
-- never_coordinates (it shares associations with others but never funds one the same year as another
-- institution), is_synthetic.
WITH given AS NOT MATERIALIZED (
    SELECT
        parish_code,
        institution,
        any_value(institution_type) AS institution_type,
        count(*) AS aid_records,
        sum(amount_usd) AS amount_usd,
        count(DISTINCT association_id) AS associations,
        string_agg(DISTINCT kind, ', ' ORDER BY kind) AS kinds,
        min(year) AS first_year,
        max(year) AS last_year,
        bool_or(is_synthetic) AS is_synthetic
    FROM aid
    GROUP BY parish_code, institution
),
partners AS NOT MATERIALIZED (
    SELECT
        parish_code,
        institution,
        count(*) FILTER (WHERE shared_associations > 0) AS overlapping_institutions,
        count(*) FILTER (WHERE cofunded_association_years > 0) AS cofunding_institutions
    FROM aid_institution_pairs
    GROUP BY parish_code, institution
),
final AS NOT MATERIALIZED (
    SELECT
        g.parish_code, g.institution, g.institution_type, g.aid_records, g.amount_usd, g.associations, g.kinds,
        g.first_year, g.last_year,
        coalesce(p.overlapping_institutions, 0) AS overlapping_institutions,
        coalesce(p.cofunding_institutions, 0) AS cofunding_institutions,
        coalesce(p.overlapping_institutions, 0) > 0 AND coalesce(p.cofunding_institutions, 0) = 0
            AS never_coordinates,
        g.is_synthetic
    FROM given AS g
    LEFT JOIN partners AS p USING (parish_code, institution)
)
SELECT * FROM final
ORDER BY parish_code, aid_records DESC, institution
