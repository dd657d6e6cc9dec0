-- pdot_links: one row per link between something the diagnosis found (a ranked problem, a need the families
-- name, an expectation group of figure 8) and the PDOT objective it bears on, with the reason.
-- Columns: parish_code, subject (problem | need | expectation), subject_code (problem_id, need code or group
-- 1-4), pdot_objective_id, component, objective_es, rationale_es, is_illustrative.
SELECT
    l.parish_code,
    l.subject,
    l.subject_code,
    l.pdot_objective_id,
    o.component,
    o.objective_es,
    l.rationale_es,
    l.is_illustrative OR o.is_illustrative AS is_illustrative
FROM raw_pdot_links AS l
JOIN pdot_objectives AS o USING (pdot_objective_id)
ORDER BY l.parish_code, l.subject, l.subject_code, l.pdot_objective_id
