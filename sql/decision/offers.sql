-- offers: one row per cooperation offer or call.
-- Columns: offer_id, cooperant, cooperant_kind, country, title, modality, cooperation_type, call_type,
-- reimbursable, amount_usd (null when the source gives none), amount_is_estimate, in_kind_description,
-- counterpart_required_pct (share of the whole project's cost), counterpart_required_usd (as stated, or
-- derived from the percentage: amount × pct / (100 − pct); 0 when none is required; null when unknown),
-- themes, support_kinds, sdg_goals, eligible_applicants, open_date, deadline, conditions, cost_split (JSON
-- text per party), status, outcome, is_illustrative, source.
SELECT offer_id, cooperant, cooperant_kind, country, title, modality, cooperation_type, call_type,
       reimbursable, amount_usd, amount_is_estimate, in_kind_description, counterpart_required_pct,
       CASE
           WHEN counterpart_required_usd IS NOT NULL THEN counterpart_required_usd
           WHEN counterpart_required_pct IS NULL THEN 0.0
           WHEN amount_usd IS NULL THEN NULL
           ELSE amount_usd * counterpart_required_pct / (100 - counterpart_required_pct)
       END AS counterpart_required_usd,
       themes, support_kinds, sdg_goals, eligible_applicants, open_date, deadline, conditions, cost_split,
       status, outcome, is_illustrative, source
FROM raw_offers
