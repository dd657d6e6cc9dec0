-- aid_atomization: one row per (association, kind of aid) received: is the same kind of aid given to the
-- same association by several institutions, or in consecutive years (aid "atomized and repetitive", as the
-- El Valle study describes it)?
-- Columns: parish_code, association_id, association_name, kind, aid_records, amount_usd, institutions
-- (how many), institution_list (names joined by ', '), years (distinct years), year_list (joined by ', '),
-- first_year, last_year, longest_run (most consecutive years with this aid), several_institutions,
-- consecutive_years, same_year_overlap (two institutions the same year), is_atomized, is_synthetic.
WITH per_year AS NOT MATERIALIZED (
    SELECT parish_code, association_id, kind, year, count(DISTINCT institution) AS institutions_that_year
    FROM aid
    GROUP BY parish_code, association_id, kind, year
),
islands AS NOT MATERIALIZED (
    SELECT
        *,
        year - row_number() OVER (PARTITION BY parish_code, association_id, kind ORDER BY year) AS island
    FROM per_year
),
runs AS NOT MATERIALIZED (
    SELECT parish_code, association_id, kind, max(run) AS longest_run, max(widest) AS widest_year
    FROM (
        SELECT parish_code, association_id, kind, island, count(*) AS run, max(institutions_that_year) AS widest
        FROM islands
        GROUP BY parish_code, association_id, kind, island
    )
    GROUP BY parish_code, association_id, kind
),
totals AS NOT MATERIALIZED (
    SELECT
        parish_code,
        association_id,
        association_name,
        kind,
        count(*) AS aid_records,
        sum(amount_usd) AS amount_usd,
        count(DISTINCT institution) AS institutions,
        string_agg(DISTINCT institution, ', ' ORDER BY institution) AS institution_list,
        count(DISTINCT year) AS years,
        string_agg(DISTINCT CAST(year AS VARCHAR), ', ' ORDER BY CAST(year AS VARCHAR)) AS year_list,
        min(year) AS first_year,
        max(year) AS last_year,
        bool_or(is_synthetic) AS is_synthetic
    FROM aid
    GROUP BY parish_code, association_id, association_name, kind
),
final AS NOT MATERIALIZED (
    SELECT
        t.parish_code, t.association_id, t.association_name, t.kind, t.aid_records, t.amount_usd,
        t.institutions, t.institution_list, t.years, t.year_list, t.first_year, t.last_year,
        r.longest_run,
        t.institutions >= 2 AS several_institutions,
        r.longest_run >= 2 AS consecutive_years,
        r.widest_year >= 2 AS same_year_overlap,
        t.institutions >= 2 OR r.longest_run >= 2 AS is_atomized,
        t.is_synthetic
    FROM totals AS t
    JOIN runs AS r USING (parish_code, association_id, kind)
)
SELECT * FROM final
ORDER BY association_id, kind
