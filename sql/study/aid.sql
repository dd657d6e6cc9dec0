-- aid: one row per aid an institution gave an association (a delivery, a course, a small work).
-- Columns: aid_id, association_id, association_name, parish_code, institution, institution_type
-- (mag | gad_parroquial | gad_provincial | gad_municipal | ngo | international_cooperation | other), year,
-- kind (inputs | training | infrastructure | technical_assistance | equipment | marketing), amount_usd,
-- non_reimbursable, description_es, is_synthetic.
-- parish_code is the aid file's own (the build writes the association's parish into it, sorted), so a
-- parish filter skips the other parishes' row groups.
SELECT
    x.aid_id,
    x.association_id,
    a.name AS association_name,
    x.parish_code,
    x.institution,
    x.institution_type,
    x.year,
    x.kind,
    x.amount_usd,
    x.non_reimbursable,
    x.description_es,
    x.is_synthetic
FROM raw_aid AS x
LEFT JOIN raw_associations AS a USING (association_id)
ORDER BY aid_id
