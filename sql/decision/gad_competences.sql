-- gad_competences: one row per competence of the parish GAD (COOTAD art. 65), editable by the planner.
-- Columns: competence_code, letter (literal of art. 65), title_es, text_es, legal_basis, is_exclusive,
-- themes (thematic areas of offers and proposals the competence covers), source.
SELECT competence_code, letter, title_es, text_es, legal_basis, is_exclusive, themes, source
FROM raw_gad_competences
