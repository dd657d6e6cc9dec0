-- aid_institution_pairs: one row per ordered pair of different institutions that gave aid in the same parish:
-- do they reach the same associations, and do they ever fund the same association in the same year?
-- Columns: parish_code, institution, partner, shared_associations (associations both gave aid to),
-- cofunded_association_years (association-years both gave aid in), same_kind_association_years
-- (association-years both gave the same kind of aid: duplicated effort).
-- Both orders of a pair are present, so a page can draw a symmetric matrix.
WITH given AS NOT MATERIALIZED (
    SELECT DISTINCT parish_code, institution, association_id, year, kind
    FROM aid
),
institutions AS NOT MATERIALIZED (
    SELECT DISTINCT parish_code, institution FROM given
),
pairs AS NOT MATERIALIZED (
    SELECT a.parish_code, a.institution, b.institution AS partner
    FROM institutions AS a
    JOIN institutions AS b ON a.parish_code = b.parish_code AND a.institution <> b.institution
),
shared AS NOT MATERIALIZED (
    SELECT x.parish_code, x.institution, y.institution AS partner,
           count(DISTINCT x.association_id) AS shared_associations
    FROM (SELECT DISTINCT parish_code, institution, association_id FROM given) AS x
    JOIN (SELECT DISTINCT parish_code, institution, association_id FROM given) AS y
      ON x.parish_code = y.parish_code AND x.association_id = y.association_id AND x.institution <> y.institution
    GROUP BY x.parish_code, x.institution, y.institution
),
cofunded AS NOT MATERIALIZED (
    SELECT x.parish_code, x.institution, y.institution AS partner,
           count(DISTINCT (x.association_id, x.year)) AS cofunded_association_years,
           count(DISTINCT (x.association_id, x.year)) FILTER (WHERE x.kind = y.kind) AS same_kind_association_years
    FROM given AS x
    JOIN given AS y
      ON x.parish_code = y.parish_code AND x.association_id = y.association_id AND x.year = y.year
     AND x.institution <> y.institution
    GROUP BY x.parish_code, x.institution, y.institution
),
final AS NOT MATERIALIZED (
    SELECT
        p.parish_code,
        p.institution,
        p.partner,
        coalesce(s.shared_associations, 0) AS shared_associations,
        coalesce(c.cofunded_association_years, 0) AS cofunded_association_years,
        coalesce(c.same_kind_association_years, 0) AS same_kind_association_years
    FROM pairs AS p
    LEFT JOIN shared AS s USING (parish_code, institution, partner)
    LEFT JOIN cofunded AS c USING (parish_code, institution, partner)
)
SELECT * FROM final
ORDER BY parish_code, institution, partner
