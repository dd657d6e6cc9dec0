-- need_mentions: one row per (association, need named to improve production): how many times it was named
-- and by how many members, with the PDOT objectives the need bears on.
-- Columns: parish_code, association_id, association_name, need, mentions, members, pdot_codes (ids joined by
-- ', '), pdot_objectives (text; both blank when none is linked), is_synthetic.
-- Shares are of mentions (each member names 1 to 3 needs), as the study reports them.
SELECT
    a.parish_code,
    n.association_id,
    a.name AS association_name,
    n.need,
    count(*) AS mentions,
    count(DISTINCT n.member_id) AS members,
    any_value(l.pdot_codes) AS pdot_codes,
    any_value(l.pdot_objectives) AS pdot_objectives,
    bool_or(n.is_synthetic) AS is_synthetic
FROM member_needs AS n
JOIN associations AS a USING (association_id)
LEFT JOIN pdot_links_by_subject AS l
  ON l.parish_code = a.parish_code AND l.subject = 'need' AND l.subject_code = n.need
GROUP BY a.parish_code, n.association_id, a.name, n.need
ORDER BY n.association_id, n.need
