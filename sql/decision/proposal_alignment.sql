-- proposal_alignment: one row per (proposal, framework, code) the proposal says it serves.
-- framework ∈ 'pdot' (PDOT objective id), 'ods' (ODS goal number as text), 'ods_target' (e.g. '2.3'),
-- 'pnd' (objective id such as 'PND_2024_2025-5'), 'problem' (ranked problem id), 'need' (need code),
-- 'theme' (thematic area). Columns: proposal_id, association_id, framework, code.
SELECT proposal_id, association_id, 'pdot' AS framework, unnest(pdot_objective_ids) AS code FROM raw_proposals
UNION ALL
SELECT proposal_id, association_id, 'ods', CAST(unnest(sdg_goals) AS VARCHAR) FROM raw_proposals
UNION ALL
SELECT proposal_id, association_id, 'ods_target', unnest(sdg_targets) FROM raw_proposals
UNION ALL
SELECT proposal_id, association_id, 'pnd', unnest(pnd_objective_ids) FROM raw_proposals
UNION ALL
SELECT proposal_id, association_id, 'problem', unnest(problem_ids) FROM raw_proposals
UNION ALL
SELECT proposal_id, association_id, 'need', unnest(needs) FROM raw_proposals
UNION ALL
SELECT proposal_id, association_id, 'theme', unnest(themes) FROM raw_proposals
