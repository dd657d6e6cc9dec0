-- member_economy: one row per surveyed member with the household's income and expense bands and a monthly
-- estimate of each, to compare associations "between" and "within" (figure 7 of the El Valle study).
-- Columns: parish_code, association_id, association_name, member_id, weekly_income_band, monthly_expense_band,
-- income_monthly_usd, expense_monthly_usd, balance_monthly_usd (income - expense), low_income_high_expense,
-- perceived_poverty, is_synthetic.
-- The survey records bands, not amounts: an estimate is the band's midpoint (open bands: the lower bound
-- plus half the width of the band below), weekly income times 52/12 for a month. Blank when not answered.
WITH midpoints AS (
    SELECT
        m.*,
        CAST(CASE m.weekly_income_band
            WHEN 'upto_48' THEN 24.0 WHEN '49_84' THEN 66.5 WHEN '85_120' THEN 102.5
            WHEN '121_156' THEN 138.5 WHEN 'over_156' THEN 174.5 END AS DOUBLE) AS weekly_income_usd,
        CAST(CASE m.monthly_expense_band
            WHEN 'upto_163' THEN 81.5 WHEN '164_326' THEN 245.0 WHEN '327_489' THEN 408.0
            WHEN 'over_489' THEN 570.5 END AS DOUBLE) AS expense_monthly_usd
    FROM members AS m
),
final AS (
    SELECT
        x.parish_code,
        x.association_id,
        a.name AS association_name,
        x.member_id,
        x.weekly_income_band,
        x.monthly_expense_band,
        round(x.weekly_income_usd * 52 / 12, 2) AS income_monthly_usd,
        x.expense_monthly_usd,
        round(x.weekly_income_usd * 52 / 12 - x.expense_monthly_usd, 2) AS balance_monthly_usd,
        x.low_income_high_expense,
        x.perceived_poverty,
        x.is_synthetic
    FROM midpoints AS x
    JOIN associations AS a USING (association_id)
)
SELECT * FROM final
ORDER BY association_id, member_id
