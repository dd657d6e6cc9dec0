-- pnd_objectives: one row per objective of a national development plan (three plans, 35 rows).
-- Columns: objective_id ('<plan_id>-<n>'), plan_id, plan_name, period, axis_number, axis_es,
-- objective_number, objective_es, source.
SELECT plan_id || '-' || objective_number AS objective_id, plan_id, plan_name, period,
       axis_number, axis_es, objective_number, objective_es, source
FROM raw_pnd_objectives
