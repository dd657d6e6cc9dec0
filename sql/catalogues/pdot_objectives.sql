-- pdot_objectives: one row per objective of a parish development plan (PDOT).
-- Columns: pdot_objective_id, parish_code, component, objective_es, is_illustrative, source.
SELECT pdot_objective_id, parish_code, component, objective_es, is_illustrative, source
FROM raw_pdot_objectives
