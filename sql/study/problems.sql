-- problems: one row per problem the advisory group ranked by weighted vote (rank 1 = most important).
-- Columns: problem_id, parish_code, rank, label_es, label_en, votes, vote_share (0-1 of the votes cast
-- in the parish), is_synthetic (true when the vote counts are generated: the El Valle study gives
-- only the order).
SELECT
    problem_id,
    parish_code,
    rank,
    label_es,
    label_en,
    votes,
    votes / sum(votes) OVER (PARTITION BY parish_code) AS vote_share,
    is_synthetic
FROM raw_problems
ORDER BY parish_code, rank
