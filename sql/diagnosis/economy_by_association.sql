-- economy_by_association: one row per association: how its members' households differ in income, expense and
-- monthly balance (estimates from the bands, see member_economy), as centre and spread, not only means.
-- Columns: parish_code, association_id, association_name, members, answered (both bands given),
-- income_mean_usd, income_median_usd, expense_mean_usd, expense_median_usd, balance_mean_usd,
-- balance_median_usd, balance_min_usd, balance_max_usd, low_income_high_expense (members), 
-- low_income_high_expense_share (0-1 of answered), is_synthetic.
SELECT
    parish_code,
    association_id,
    association_name,
    count(*) AS members,
    count(balance_monthly_usd) AS answered,
    round(avg(income_monthly_usd), 2) AS income_mean_usd,
    round(median(income_monthly_usd), 2) AS income_median_usd,
    round(avg(expense_monthly_usd), 2) AS expense_mean_usd,
    round(median(expense_monthly_usd), 2) AS expense_median_usd,
    round(avg(balance_monthly_usd), 2) AS balance_mean_usd,
    round(median(balance_monthly_usd), 2) AS balance_median_usd,
    min(balance_monthly_usd) AS balance_min_usd,
    max(balance_monthly_usd) AS balance_max_usd,
    count(*) FILTER (WHERE low_income_high_expense) AS low_income_high_expense,
    count(*) FILTER (WHERE low_income_high_expense) / nullif(count(balance_monthly_usd), 0)
        AS low_income_high_expense_share,
    bool_or(is_synthetic) AS is_synthetic
FROM member_economy
GROUP BY parish_code, association_id, association_name
ORDER BY association_id
