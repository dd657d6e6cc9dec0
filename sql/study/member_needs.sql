-- member_needs: one row per (surveyed member, need they named to improve production).
-- Columns: member_id, need (water_systems | training | technical_support | marketing | credit |
-- machinery_equipment | inputs_seeds | infrastructure | organization | other), association_id, is_synthetic.
-- Unordered: a parish's readers (need_mentions) filter through associations, and a sort of every member's
-- needs would run before that filter (5x the CPU of need_mentions at national scale). Readers sort.
SELECT
    n.member_id,
    n.need,
    m.association_id,
    n.is_synthetic
FROM raw_member_needs AS n
LEFT JOIN raw_members AS m USING (member_id)
