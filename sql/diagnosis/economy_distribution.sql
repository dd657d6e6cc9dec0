-- economy_distribution: one row per (association, measure): the spread of the members' households' monthly
-- income, expense or balance (estimates from the bands, see member_economy), for a box drawn per association.
-- Columns: parish_code, association_id, association_name, measure (income_monthly_usd | expense_monthly_usd |
-- balance_monthly_usd), households (with a value), min_usd, q1_usd, median_usd, q3_usd, max_usd, mean_usd,
-- is_synthetic.
WITH long AS (
    SELECT parish_code, association_id, association_name, is_synthetic, measure, value
    FROM member_economy
    UNPIVOT (value FOR measure IN (income_monthly_usd, expense_monthly_usd, balance_monthly_usd))
)
SELECT
    parish_code,
    association_id,
    association_name,
    measure,
    count(value) AS households,
    min(value) AS min_usd,
    round(quantile_cont(value, 0.25), 2) AS q1_usd,
    round(quantile_cont(value, 0.5), 2) AS median_usd,
    round(quantile_cont(value, 0.75), 2) AS q3_usd,
    max(value) AS max_usd,
    round(avg(value), 2) AS mean_usd,
    bool_or(is_synthetic) AS is_synthetic
FROM long
GROUP BY parish_code, association_id, association_name, measure
ORDER BY association_id, measure
