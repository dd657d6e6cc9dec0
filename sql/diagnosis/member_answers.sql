-- member_answers: one row per (association, survey question, answer) with the number of surveyed members
-- who gave that answer; answer is blank for members who did not answer (so shares can leave them out).
-- Columns: parish_code, association_id, association_name, question, answer (the code as text; booleans
-- 'true' | 'false'), members, is_synthetic.
-- Questions: member_role, head_of_household, sex, age_band (upto_30 | 31_65 | over_65), family_size,
-- father_occupation, mother_occupation, father_education, mother_education, perceived_poverty,
-- family_abroad, received_project_aid, state_aid_last_year, aid_effectiveness, weekly_income_band,
-- monthly_expense_band, low_income_high_expense, income_source, main_income_item, main_expense,
-- expectation_cluster.
WITH answers AS (
    SELECT
        member_id,
        parish_code,
        association_id,
        is_synthetic,
        member_role,
        head_of_household,
        sex,
        CASE WHEN age IS NULL THEN NULL
             WHEN age <= 30 THEN 'upto_30'
             WHEN age <= 65 THEN '31_65'
             ELSE 'over_65' END AS age_band,
        CAST(family_size AS VARCHAR) AS family_size,
        father_occupation,
        mother_occupation,
        father_education,
        mother_education,
        perceived_poverty,
        CAST(family_abroad AS VARCHAR) AS family_abroad,
        CAST(received_project_aid AS VARCHAR) AS received_project_aid,
        CAST(state_aid_last_year AS VARCHAR) AS state_aid_last_year,
        aid_effectiveness,
        weekly_income_band,
        monthly_expense_band,
        CAST(low_income_high_expense AS VARCHAR) AS low_income_high_expense,
        income_source,
        main_income_item,
        main_expense,
        CAST(expectation_cluster AS VARCHAR) AS expectation_cluster
    FROM members
),
long AS (
    SELECT * FROM answers
    UNPIVOT INCLUDE NULLS (answer FOR question IN (
        member_role, head_of_household, sex, age_band, family_size, father_occupation, mother_occupation,
        father_education, mother_education, perceived_poverty, family_abroad, received_project_aid,
        state_aid_last_year, aid_effectiveness, weekly_income_band, monthly_expense_band,
        low_income_high_expense, income_source, main_income_item, main_expense, expectation_cluster))
),
final AS (
    SELECT
        l.parish_code,
        l.association_id,
        a.name AS association_name,
        l.question,
        l.answer,
        count(*) AS members,
        bool_or(l.is_synthetic) AS is_synthetic
    FROM long AS l
    JOIN associations AS a USING (association_id)
    GROUP BY l.parish_code, l.association_id, a.name, l.question, l.answer
)
SELECT * FROM final
ORDER BY association_id, question, answer
