-- household_roles: one row per (association, who heads the household, the member's role in the family)
-- with the number of surveyed members: figure 4 of the El Valle study, kept per association so a page
-- can add up any selection of associations.
-- Columns: parish_code, association_id, association_name, head_of_household, member_role
-- (father | mother | child | not_indicated), member_is_head (the member is the head of the household),
-- members, is_synthetic.
SELECT
    m.parish_code,
    m.association_id,
    a.name AS association_name,
    m.head_of_household,
    m.member_role,
    bool_and(m.is_head_of_household) AS member_is_head,
    count(*) AS members,
    bool_or(m.is_synthetic) AS is_synthetic
FROM members AS m
JOIN associations AS a USING (association_id)
GROUP BY m.parish_code, m.association_id, a.name, m.head_of_household, m.member_role
ORDER BY m.association_id, m.head_of_household, m.member_role
