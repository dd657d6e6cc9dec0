-- problems: one row per problem the advisory group ranked by weighted vote (rank 1 = most important).
-- Columns: problem_id, parish_code, rank, label_es, label_en, votes, vote_share (0-1 of the votes cast
-- in the parish; blank when none was cast there), is_synthetic (true when the vote counts are generated:
-- the El Valle study gives only the order).
SELECT
    problem_id,
    parish_code,
    rank,
    label_es,
    label_en,
    votes,
    votes / NULLIF(sum(votes) OVER (PARTITION BY parish_code), 0) AS vote_share,  -- blank while nobody voted
    is_synthetic
FROM raw_problems
ORDER BY parish_code, rank
