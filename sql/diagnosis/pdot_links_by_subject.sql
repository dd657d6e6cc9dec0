-- pdot_links_by_subject: one row per (parish, subject, subject_code) that has PDOT links: the objectives it
-- bears on, as ids and as one readable text.
-- Columns: parish_code, subject (problem | need | expectation), subject_code, pdot_objective_ids (list),
-- pdot_codes (the ids joined by ', '), pdot_objectives (text: "EV-OE1 · objective; EV-OE2 · objective"),
-- is_illustrative.
SELECT
    parish_code,
    subject,
    subject_code,
    list(pdot_objective_id ORDER BY pdot_objective_id) AS pdot_objective_ids,
    string_agg(pdot_objective_id, ', ' ORDER BY pdot_objective_id) AS pdot_codes,
    string_agg(pdot_objective_id || ' · ' || objective_es, '; ' ORDER BY pdot_objective_id) AS pdot_objectives,
    bool_or(is_illustrative) AS is_illustrative
FROM pdot_links
GROUP BY parish_code, subject, subject_code
ORDER BY parish_code, subject, subject_code
