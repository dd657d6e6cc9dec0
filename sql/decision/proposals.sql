-- proposals: one row per proposal an association (or several, jointly) asks the parish to fund.
-- Columns: proposal_id, association_id (lead), association_ids (every proponent, lead first),
-- n_associations, is_joint, parish_code, title, summary, status, cost_usd (total), requested_usd (asked
-- of the parish GAD), counterpart_associations_usd, counterpart_cooperant_usd, counterpart_other_usd,
-- gad_share (requested / total, 0-1), cooperant_name, cooperation_offer_id, direct_beneficiaries,
-- indirect_beneficiaries, women_beneficiaries, youth_beneficiaries, families, localization, location,
-- duration_months, start_date, support_kind, competence_code, benefit_scope, pdot_objective_ids, sdg_goals,
-- sdg_targets, pnd_objective_ids, problem_ids, needs, themes, n_budget_lines, n_indicators,
-- has_sustainability, n_risks, project_manager, problem, general_objective, specific_objectives,
-- budget_lines (JSON text per line), indicators (JSON text per indicator), sustainability, risks,
-- status_history (JSON text per step), is_synthetic, source.
SELECT proposal_id, association_id, association_ids, len(association_ids) AS n_associations,
       len(association_ids) > 1 AS is_joint, parish_code, title, summary, status,
       cost_usd, requested_usd, counterpart_associations_usd, counterpart_cooperant_usd, counterpart_other_usd,
       requested_usd / cost_usd AS gad_share, cooperant_name, cooperation_offer_id,
       direct_beneficiaries, indirect_beneficiaries, women_beneficiaries, youth_beneficiaries, families,
       localization, location, duration_months, start_date, support_kind, competence_code, benefit_scope,
       pdot_objective_ids, sdg_goals, sdg_targets, pnd_objective_ids, problem_ids, needs, themes,
       len(budget_lines) AS n_budget_lines, len(indicators) AS n_indicators,
       coalesce(length(trim(sustainability)) > 0, false) AS has_sustainability, len(risks) AS n_risks,
       project_manager, problem, general_objective, specific_objectives, budget_lines, indicators,
       sustainability, risks, status_history, is_synthetic, source
FROM raw_proposals
