-- problems_ranked: one row per problem the advisory group ranked by weighted vote, with the PDOT objectives
-- it bears on (blank when none is linked yet).
-- Columns: parish_code, rank, problem_id, label_es, votes, vote_share (0-1), pdot_objective_ids (list),
-- pdot_codes (ids joined by ', '), pdot_objectives (text), is_synthetic (the vote counts are generated; the order is the study's).
SELECT
    p.parish_code,
    p.rank,
    p.problem_id,
    p.label_es,
    p.votes,
    p.vote_share,
    l.pdot_objective_ids,
    l.pdot_codes,
    l.pdot_objectives,
    p.is_synthetic
FROM problems AS p
LEFT JOIN pdot_links_by_subject AS l
  ON l.parish_code = p.parish_code AND l.subject = 'problem' AND l.subject_code = p.problem_id
ORDER BY p.parish_code, p.rank
