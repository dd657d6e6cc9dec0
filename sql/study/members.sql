-- members: one row per surveyed member of an association (a respondent) and the household they speak for.
-- Columns: member_id, association_id, parish_code, age, sex (female | male),
-- member_role and head_of_household (father | mother | child | not_indicated: the member's role in
-- the family, and who heads it), is_head_of_household (the member is the head),
-- family_size, father_occupation, mother_occupation, father_education, mother_education,
-- perceived_poverty (very_poor | poor | middle_class | null = not answered), family_abroad,
-- received_project_aid, state_aid_last_year, aid_effectiveness (a_lot | medium | little | none | null),
-- weekly_income_band, monthly_expense_band, low_income_high_expense (income up to USD 84 a week and
-- expense over USD 489 a month), income_source, main_income_item, main_expense,
-- expectation_cluster (1-4), is_synthetic.
SELECT
    m.member_id,
    m.association_id,
    a.parish_code,
    m.age,
    m.sex,
    m.member_role,
    m.head_of_household,
    m.is_head_of_household,
    m.family_size,
    m.father_occupation,
    m.mother_occupation,
    m.father_education,
    m.mother_education,
    m.perceived_poverty,
    m.family_abroad,
    m.received_project_aid,
    m.state_aid_last_year,
    m.aid_effectiveness,
    m.weekly_income_band,
    m.monthly_expense_band,
    m.weekly_income_band IN ('upto_48', '49_84') AND m.monthly_expense_band = 'over_489' AS low_income_high_expense,
    m.income_source,
    m.main_income_item,
    m.main_expense,
    m.expectation_cluster,
    m.is_synthetic
FROM raw_members AS m
LEFT JOIN raw_associations AS a USING (association_id)
ORDER BY member_id
