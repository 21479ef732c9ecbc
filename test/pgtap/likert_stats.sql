-- The likert readers against an independent computation: numpy and scipy,
-- run at test time by test/reference/likert_stats.py on random surveys of ten
-- scales (2 to 11 points, 1..K and 0..K) and sizes 1 to 6,000, 3% of the
-- answers NULL.  Agreement is to 1e-12 relative (1e-12 absolute near 0, where
-- numpy's mean − half-width cancels); counts are exact.  Monthly states
-- merged equal the bulk aggregate exactly (same text), and forced parallel
-- plans, shown to have launched workers, give the serial answers.
BEGIN;
SET search_path = medalliance, public;
SELECT plan(22);

CREATE TEMP TABLE answers (grp integer, lowest integer, highest integer, month integer, answer integer);
\copy answers FROM 'test/generated/likert_answers.csv' WITH (FORMAT csv, HEADER true)
CREATE TEMP TABLE reference (
    grp integer, lowest integer, highest integer, n bigint, mean float8, score_100 float8, variance float8,
    top1 bigint, top2 bigint, top3 bigint, nps float8, level float8,
    mean_lower float8, mean_upper float8, score_lower float8, score_upper float8);
\copy reference FROM 'test/generated/likert_stats.csv' WITH (FORMAT csv, HEADER true)

CREATE FUNCTION pg_temp.agrees(ours float8, theirs float8) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT (ours IS NULL AND theirs IS NULL)
        OR ours = theirs
        OR abs(ours - theirs) <= 1e-12 * greatest(abs(ours), abs(theirs))
        OR abs(ours - theirs) <= 1e-12
$$;

CREATE TEMP TABLE bulk AS
SELECT grp, min(lowest) AS lowest, max(highest) AS highest, likert_agg(answer, lowest, highest) AS l
FROM answers GROUP BY grp;
CREATE TEMP TABLE ours AS
SELECT r.grp, r.level, coalesce(n(b.l), 0) AS n, mean(b.l) AS mean, score_100(b.l) AS score_100,
       answer_variance(b.l) AS variance,
       numerator(top_box(b.l, 1)) AS top1, numerator(top_box(b.l)) AS top2,
       CASE WHEN r.highest - r.lowest >= 2 THEN numerator(top_box(b.l, 3)) END AS top3,
       denominator(top_box(b.l)) AS top_denominator,
       CASE WHEN r.lowest = 0 AND r.highest = 10 THEN nps(b.l) END AS nps,
       mean_ci_lower(b.l, r.level) AS mean_lower, mean_ci_upper(b.l, r.level) AS mean_upper,
       score_100_ci_lower(b.l, r.level) AS score_lower, score_100_ci_upper(b.l, r.level) AS score_upper
FROM reference r JOIN bulk b USING (grp);

SELECT is((SELECT count(DISTINCT grp) FROM reference), 100::bigint, '100 random surveys: 10 scales x 10 sizes');
SELECT ok((SELECT bool_and(e) FROM (VALUES
              (EXISTS (SELECT FROM reference WHERE n = 1)),
              (EXISTS (SELECT FROM reference WHERE variance = 0 AND n > 2)),
              (EXISTS (SELECT FROM reference WHERE lowest = 0 AND highest = 10 AND n > 100)),
              (EXISTS (SELECT FROM reference WHERE highest - lowest = 10 AND lowest = 1)),
              (EXISTS (SELECT FROM answers WHERE answer IS NULL))) v(e)),
          'the surveys include one answer, zero variance, 0..10 and 1..11 scales, and NULL answers');
SELECT is_empty($$SELECT o.grp, o.n, r.n FROM ours o JOIN reference r USING (grp, level) WHERE o.n <> r.n$$,
                'n equals numpy''s count of non-NULL answers');
SELECT is_empty($$SELECT o.grp, o.mean, r.mean FROM ours o JOIN reference r USING (grp, level)
                  WHERE NOT pg_temp.agrees(o.mean, r.mean)$$, 'mean agrees with numpy.mean');
SELECT is_empty($$SELECT o.grp, o.score_100, r.score_100 FROM ours o JOIN reference r USING (grp, level)
                  WHERE NOT pg_temp.agrees(o.score_100, r.score_100)$$,
                'score_100 agrees with 100·(numpy.mean − lowest)/(highest − lowest)');
SELECT is_empty($$SELECT o.grp, o.variance, r.variance FROM ours o JOIN reference r USING (grp, level)
                  WHERE NOT pg_temp.agrees(o.variance, r.variance)$$,
                'answer_variance agrees with numpy.var(ddof=1); NULL below 2 answers');
SELECT is_empty($$SELECT o.grp FROM ours o JOIN reference r USING (grp, level)
                  WHERE o.n > 0 AND ((o.top1, o.top2, o.top_denominator) IS DISTINCT FROM (r.top1, r.top2, r.n)
                                     OR o.top3 IS DISTINCT FROM CASE WHEN r.highest - r.lowest >= 2 THEN r.top3 END)$$,
                'top_box(l, 1), top_box(l) and top_box(l, 3) count exactly the answers in the top boxes, of n');
SELECT is_empty($$SELECT o.grp, o.nps, r.nps FROM ours o JOIN reference r USING (grp, level)
                  WHERE NOT pg_temp.agrees(o.nps, r.nps)$$,
                'nps of the 0..10 surveys agrees with 100·(#9–10 − #0–6)/n');
SELECT is_empty($$SELECT o.grp, o.level, o.mean_lower, r.mean_lower, o.mean_upper, r.mean_upper
                  FROM ours o JOIN reference r USING (grp, level)
                  WHERE NOT (pg_temp.agrees(o.mean_lower, r.mean_lower) AND pg_temp.agrees(o.mean_upper, r.mean_upper))$$,
                't interval of the mean agrees with scipy.stats.t.ppf at levels 0.95 and 0.8');
SELECT is_empty($$SELECT o.grp, o.level, o.score_lower, r.score_lower
                  FROM ours o JOIN reference r USING (grp, level)
                  WHERE NOT (pg_temp.agrees(o.score_lower, r.score_lower) AND pg_temp.agrees(o.score_upper, r.score_upper))$$,
                't interval of score_100 agrees');
SELECT is((SELECT count(*) FROM ours WHERE n = 2 AND mean_lower IS NOT NULL) > 0
          AND (SELECT bool_and(mean_lower IS NULL AND score_upper IS NULL) FROM ours WHERE n < 2),
          true, 'intervals from 2 answers on; NULL below');
SELECT is_empty($$SELECT o.grp FROM ours o JOIN reference r USING (grp, level)
                  WHERE r.variance = 0 AND NOT (o.mean_lower = o.mean AND o.mean_upper = o.mean)$$,
                'zero variance: the interval is the mean itself');

-- likert_agg(answer, K) is likert_agg(answer, 1, K).
SELECT is_empty($$SELECT grp FROM answers WHERE lowest = 1 GROUP BY grp
                  HAVING likert_agg(answer, highest)::text IS DISTINCT FROM likert_agg(answer, 1, highest)::text$$,
                'likert_agg(answer, K) counts the same as likert_agg(answer, 1, K)');

-- Stored per month, merged, against the bulk aggregate: the same value.
CREATE TEMP TABLE monthly AS
SELECT grp, month, likert_agg(answer, lowest, highest) AS l FROM answers GROUP BY grp, month;
SELECT is_empty($$SELECT b.grp FROM bulk b
                  JOIN (SELECT grp, likert_agg(l) AS l FROM monthly GROUP BY grp) m USING (grp)
                  WHERE m.l::text IS DISTINCT FROM b.l::text$$,
                'months merged with likert_agg(likert) equal the bulk aggregate exactly');
SELECT is_empty($$SELECT b.grp FROM bulk b
                  JOIN (SELECT grp, likert_agg(l ORDER BY month DESC) AS l FROM monthly GROUP BY grp) m USING (grp)
                  WHERE (mean(m.l), mean_ci_lower(m.l), score_100(m.l)) IS DISTINCT FROM (mean(b.l), mean_ci_lower(b.l), score_100(b.l))$$,
                'merged in another order, every statistic is bit for bit the bulk one');
SELECT is((SELECT count(*) FROM monthly WHERE l::text::likert::text <> l::text), 0::bigint,
          'every monthly state round-trips through text');

-- Parallel plans (see compliance_rollup.sql for why results are stored first).
\i test/fixtures/run_parallel.sql
SET LOCAL max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial_grouped AS
SELECT grp, likert_agg(answer, lowest, highest) AS l FROM answers GROUP BY grp;
CREATE TABLE parallel_answers AS SELECT * FROM answers;
CREATE TABLE parallel_monthly AS SELECT * FROM monthly;
ANALYZE parallel_answers, parallel_monthly;
SET LOCAL max_parallel_workers_per_gather = 2;
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL parallel_leader_participation = off;
SELECT ok(pg_temp.run_parallel('CREATE TEMP TABLE parallel_grouped AS
                                SELECT grp, likert_agg(answer, lowest, highest) AS l FROM parallel_answers GROUP BY grp'),
          'the grouped aggregate runs as a partial aggregate in launched workers');
SELECT is((SELECT count(*) FROM parallel_grouped p JOIN serial_grouped s USING (grp) WHERE p.l::text = s.l::text),
          100::bigint, 'the parallel plan gives the serial answer for all 100 surveys');
SELECT ok(pg_temp.run_parallel('CREATE TEMP TABLE parallel_rollup AS
                                SELECT grp, likert_agg(l) AS l FROM parallel_monthly GROUP BY grp'),
          'the roll-up of stored states runs in parallel workers too');
SELECT is((SELECT count(*) FROM parallel_rollup p JOIN bulk b USING (grp) WHERE p.l::text = b.l::text),
          100::bigint, 'the parallel roll-up of months equals the serial bulk aggregate');
SELECT ok(pg_temp.run_parallel('CREATE TEMP TABLE parallel_one AS
                                SELECT likert_agg(answer, 1, 5) AS l FROM parallel_answers WHERE lowest = 1 AND highest = 5'),
          'a whole-table aggregate runs in parallel workers');
SELECT is((SELECT l::text FROM parallel_one),
          (SELECT likert_agg(answer, 1, 5)::text FROM answers WHERE lowest = 1 AND highest = 5),
          'and gives the serial answer');

SELECT * FROM finish();
ROLLBACK;
