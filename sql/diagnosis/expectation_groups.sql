-- expectation_groups: one row per (association, expectation group of figure 8 of the El Valle study) with
-- its members and the PDOT objectives the group's expectations bear on.
-- Columns: parish_code, association_id, association_name, expectation_cluster (1-4), members,
-- pdot_codes (ids joined by ', '), pdot_objectives (text; both blank when none is linked), is_synthetic.
SELECT
    m.parish_code,
    m.association_id,
    a.name AS association_name,
    m.expectation_cluster,
    count(*) AS members,
    any_value(l.pdot_codes) AS pdot_codes,
    any_value(l.pdot_objectives) AS pdot_objectives,
    bool_or(m.is_synthetic) AS is_synthetic
FROM members AS m
JOIN associations AS a USING (association_id)
LEFT JOIN pdot_links_by_subject AS l
  ON l.parish_code = m.parish_code AND l.subject = 'expectation'
 AND l.subject_code = CAST(m.expectation_cluster AS VARCHAR)
WHERE m.expectation_cluster IS NOT NULL
GROUP BY m.parish_code, m.association_id, a.name, m.expectation_cluster
ORDER BY m.association_id, m.expectation_cluster
