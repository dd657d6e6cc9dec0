-- alignment_axes: one row per ODS goal and PND objective, the columns of the alignment matrix (the PDOT
-- objectives, its rows, are kept in the store because the planner edits them).
-- Columns: framework ('ods' or 'pnd'), code (ODS goal number as text, or the PND objective id as proposals
-- store it, e.g. 'PND_2024_2025-5'), label_es (short label for an axis), title_es (full text for a tooltip),
-- group_es (the PND plan and period; 'Objetivos de Desarrollo Sostenible' for ODS), plan_id (null for ODS),
-- sort_key (order within the framework).
SELECT 'ods' AS framework,
       CAST(goal AS VARCHAR) AS code,
       'ODS ' || goal || ' · ' || short_name_es AS label_es,
       title_es,
       'Objetivos de Desarrollo Sostenible' AS group_es,
       CAST(NULL AS VARCHAR) AS plan_id,
       goal AS sort_key
FROM sdg_goals
UNION ALL
SELECT 'pnd',
       objective_id,
       'PND ' || period || ' · ' || objective_number,
       objective_es,
       plan_name || ' (' || period || ')',
       plan_id,
       CAST(left(period, 4) AS INTEGER) * 100 + objective_number
FROM pnd_objectives
