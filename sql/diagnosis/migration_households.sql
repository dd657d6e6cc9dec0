-- migration_households: one row per (association, whether the member's family has someone abroad): who is
-- left to farm. Counts, so a page can add up any selection of associations and compare the two groups.
-- Columns: parish_code, association_id, association_name, family_abroad, members, women (members who are
-- women), headed_by_mother (households headed by the mother), mother_farms (mother's occupation is
-- agriculture), father_farms, father_not_indicated (father's occupation not given: often absent),
-- ages_known, aged_50_plus (members 50 or older), is_synthetic.
SELECT
    m.parish_code,
    m.association_id,
    a.name AS association_name,
    m.family_abroad,
    count(*) AS members,
    count(*) FILTER (WHERE m.sex = 'female') AS women,
    count(*) FILTER (WHERE m.head_of_household = 'mother') AS headed_by_mother,
    count(*) FILTER (WHERE m.mother_occupation = 'agriculture') AS mother_farms,
    count(*) FILTER (WHERE m.father_occupation = 'agriculture') AS father_farms,
    count(*) FILTER (WHERE m.father_occupation = 'not_indicated' OR m.father_occupation IS NULL)
        AS father_not_indicated,
    count(m.age) AS ages_known,
    count(*) FILTER (WHERE m.age >= 50) AS aged_50_plus,
    bool_or(m.is_synthetic) AS is_synthetic
FROM members AS m
JOIN associations AS a USING (association_id)
GROUP BY m.parish_code, m.association_id, a.name, m.family_abroad
ORDER BY m.association_id, m.family_abroad
