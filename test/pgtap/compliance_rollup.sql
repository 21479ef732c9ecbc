-- Roll-up of compliance states is exact for the counts and agrees to 1e-12
-- relative for the scores; both agree with plain SQL written independently
-- of the extension; parallel plans agree with serial ones.
--
-- What "equal" means: item counts are integers and must be identical.  The
-- weighted sums are float8 totals kept with Neumaier compensation, so a
-- different merge order (months, parallel workers) may change a score in its
-- last bits only; scores are compared to 1e-12 relative.  Plain SQL's
-- sum(float8) is uncompensated, which is within the same tolerance here.
BEGIN;
SET search_path = medalliance, public;
SELECT plan(16);

-- 300,000 evidence rows over 40 groups (members), 24 months and 6 dimensions.
-- Scores: 0, 0.5, 1 and arbitrary fractions, 5% NULL (not assessed); weights
-- 0 to 5 with fractions, some exactly 0; a few rows with a NULL dimension or
-- weight, which the aggregate skips.
CREATE TEMP TABLE evidence AS
SELECT (i % 40) AS grp,
       date '2024-01-01' + ((i / 40) % 24) * interval '1 month' AS month,
       CASE WHEN hashint4(i * 3) % 997 = 0 THEN NULL ELSE 1 + abs(hashint4(i)) % 6 END AS dimension,
       CASE abs(hashint4(i * 7)) % 20
           WHEN 0 THEN NULL
           WHEN 1 THEN 0.0 WHEN 2 THEN 0.0 WHEN 3 THEN 0.5 WHEN 4 THEN 0.5
           WHEN 5 THEN 1.0 WHEN 6 THEN 1.0 WHEN 7 THEN 1.0 WHEN 8 THEN 1.0
           ELSE (abs(hashint4(i * 11)) % 1000003) / 1000003.0
       END::float8 AS score,
       CASE WHEN hashint4(i * 5) % 1009 = 0 THEN NULL
            WHEN hashint4(i * 13) % 50 = 0 THEN 0.0
            ELSE (abs(hashint4(i * 17)) % 5000) / 1000.0 END::float8 AS weight
FROM generate_series(1, 300000) i;

-- A state in long form: one row per dimension 1-6.
CREATE FUNCTION pg_temp.long_form(c compliance, OUT d integer, OUT score float8, OUT assessed bigint,
                                  OUT met bigint, OUT not_assessed bigint)
RETURNS SETOF record LANGUAGE sql AS $$
    SELECT d, medalliance.dimension_score(c, d), medalliance.items_assessed(c, d),
           medalliance.items_met(c, d), medalliance.items_not_assessed(c, d)
    FROM generate_series(1, 6) d
$$;
CREATE FUNCTION pg_temp.close(a float8, b float8) RETURNS boolean LANGUAGE sql AS $$
    SELECT (a IS NULL AND b IS NULL) OR abs(a - b) <= 1e-12 * greatest(abs(a), abs(b))
$$;

-- Stored per (group, month), as a warehouse keeps them.
CREATE TEMP TABLE monthly AS
SELECT grp, month, compliance_agg(dimension, score, weight) AS c FROM evidence GROUP BY grp, month;
CREATE TEMP TABLE quarter_merged AS
SELECT grp, date_trunc('quarter', month) AS quarter, compliance_agg(c) AS c FROM monthly GROUP BY 1, 2;
CREATE TEMP TABLE quarter_bulk AS
SELECT grp, date_trunc('quarter', month) AS quarter, compliance_agg(dimension, score, weight) AS c
FROM evidence GROUP BY 1, 2;
-- The same with plain SQL: per (group, quarter, dimension).
CREATE TEMP TABLE quarter_sql AS
SELECT grp, date_trunc('quarter', month) AS quarter, dimension AS d,
       100 * sum(score * weight) FILTER (WHERE score IS NOT NULL)
           / nullif(sum(weight) FILTER (WHERE score IS NOT NULL), 0) AS score,
       count(score) AS assessed,
       count(*) FILTER (WHERE score = 1) AS met,
       count(*) FILTER (WHERE score IS NULL) AS not_assessed
FROM evidence WHERE dimension IS NOT NULL AND weight IS NOT NULL
GROUP BY 1, 2, 3;

SELECT is((SELECT count(*) FROM quarter_bulk), 320::bigint, '40 groups x 8 quarters');
SELECT ok((SELECT count(*) FROM evidence WHERE score IS NOT NULL AND weight = 0 AND dimension IS NOT NULL) > 0
          AND (SELECT count(*) FROM evidence WHERE dimension IS NULL) > 0
          AND (SELECT count(*) FROM evidence WHERE weight IS NULL) > 0,
          'the data have zero weights, NULL dimensions and NULL weights');

SELECT set_eq($$SELECT q.grp, q.quarter, l.d, l.assessed, l.met, l.not_assessed
                FROM quarter_merged q, pg_temp.long_form(q.c) l$$,
              $$SELECT q.grp, q.quarter, l.d, l.assessed, l.met, l.not_assessed
                FROM quarter_bulk q, pg_temp.long_form(q.c) l$$,
              'months merged with compliance_agg(compliance): the counts equal the bulk aggregate exactly');
SELECT is_empty($$SELECT m.grp, m.quarter, lm.d, lm.score, lb.score
                  FROM quarter_merged m JOIN quarter_bulk b USING (grp, quarter),
                       pg_temp.long_form(m.c) lm, pg_temp.long_form(b.c) lb
                  WHERE lm.d = lb.d AND NOT pg_temp.close(lm.score, lb.score)$$,
                'months merged: every dimension score equals the bulk aggregate to 1e-12');
SELECT set_eq($$SELECT q.grp, q.quarter, l.d, l.assessed, l.met, l.not_assessed
                FROM quarter_bulk q, pg_temp.long_form(q.c) l WHERE l.assessed + l.not_assessed > 0$$,
              $$SELECT grp, quarter, d, assessed, met, not_assessed FROM quarter_sql$$,
              'counts equal count(score), count(*) FILTER (WHERE score = 1) and FILTER (WHERE score IS NULL)');
SELECT is_empty($$SELECT s.grp, s.quarter, s.d, s.score, l.score
                  FROM quarter_sql s JOIN quarter_merged m USING (grp, quarter), pg_temp.long_form(m.c) l
                  WHERE l.d = s.d AND NOT pg_temp.close(l.score, s.score)$$,
                'dimension scores equal 100*SUM(score*weight)/SUM(weight) with FILTER, to 1e-12');
SELECT is_empty($$SELECT m.grp, m.quarter
                  FROM quarter_merged m
                  JOIN (SELECT grp, quarter, avg(score) AS overall FROM quarter_sql GROUP BY 1, 2) s USING (grp, quarter)
                  WHERE NOT pg_temp.close(overall_score(m.c), s.overall)$$,
                'overall_score equals the plain mean of the per-dimension SQL scores');
-- Three levels: months -> quarters -> the whole period, against the bulk.
SELECT is_empty($$SELECT b.grp, l2.d FROM
                    (SELECT grp, compliance_agg(c) AS c FROM quarter_merged GROUP BY grp) q
                    JOIN (SELECT grp, compliance_agg(dimension, score, weight) AS c FROM evidence GROUP BY grp) b USING (grp),
                    pg_temp.long_form(q.c) l1, pg_temp.long_form(b.c) l2
                  WHERE l1.d = l2.d AND (l1.assessed, l1.met, l1.not_assessed) IS DISTINCT FROM (l2.assessed, l2.met, l2.not_assessed)
                        OR l1.d = l2.d AND NOT pg_temp.close(l1.score, l2.score)$$,
                'quarters merged into two years equal the bulk aggregate over the raw rows');

-- Parallel plans.  A query that calls a parallel-unsafe function anywhere
-- (such as the pg_temp functions here) is never planned in parallel, and
-- pgTAP's results_eq reads through a cursor, which is never parallel either;
-- so each parallel result is first stored by CREATE TABLE AS, whose plan
-- and launched workers EXPLAIN ANALYZE shows, and compared afterwards.
\i test/fixtures/run_parallel.sql
CREATE FUNCTION pg_temp.same_state(a compliance, b compliance) RETURNS boolean LANGUAGE sql AS $$
    SELECT bool_and((la.assessed, la.met, la.not_assessed) = (lb.assessed, lb.met, lb.not_assessed)
                    AND pg_temp.close(la.score, lb.score))
    FROM pg_temp.long_form(a) la JOIN pg_temp.long_form(b) lb USING (d)
$$;

SET LOCAL max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial_total AS SELECT compliance_agg(dimension, score, weight) AS c FROM evidence;
CREATE TEMP TABLE serial_grouped AS
SELECT grp, compliance_agg(dimension, score, weight) AS c FROM evidence GROUP BY grp;
CREATE TEMP TABLE serial_rollup AS SELECT compliance_agg(c) AS c FROM monthly;

-- Temporary tables are never scanned in parallel: copy to real tables.
CREATE TABLE parallel_evidence AS SELECT * FROM evidence;
CREATE TABLE parallel_monthly AS SELECT * FROM monthly;
ANALYZE parallel_evidence, parallel_monthly;
SET LOCAL max_parallel_workers_per_gather = 2;
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL parallel_leader_participation = off;

SELECT ok(pg_temp.run_parallel('CREATE TEMP TABLE parallel_total AS
                                SELECT compliance_agg(dimension, score, weight) AS c FROM parallel_evidence'),
          'the whole-table aggregate runs as Partial Aggregate in launched workers');
SELECT ok((SELECT pg_temp.same_state(p.c, s.c) FROM parallel_total p, serial_total s),
          'the parallel plan gives the serial answer (counts exact, scores to 1e-12)');
SELECT ok(pg_temp.run_parallel('CREATE TEMP TABLE parallel_grouped AS
                                SELECT grp, compliance_agg(dimension, score, weight) AS c
                                FROM parallel_evidence GROUP BY grp'),
          'the grouped aggregate runs as a partial aggregate in launched workers');
SELECT is((SELECT count(*) FROM parallel_grouped p JOIN serial_grouped s USING (grp)
           WHERE pg_temp.same_state(p.c, s.c)),
          40::bigint, 'the grouped parallel plan gives the serial answer for all 40 groups');
SELECT ok(pg_temp.run_parallel('CREATE TEMP TABLE parallel_rollup AS
                                SELECT compliance_agg(c) AS c FROM parallel_monthly'),
          'the roll-up of stored states runs in parallel workers too');
SELECT ok((SELECT pg_temp.same_state(p.c, s.c) FROM parallel_rollup p, serial_rollup s),
          'the parallel roll-up gives the serial answer');
SELECT ok((SELECT pg_temp.same_state(p.c, s.c) FROM parallel_rollup p, serial_total s),
          'the parallel roll-up of months equals the serial bulk aggregate over the raw rows');
-- Reading and writing the states in parallel workers keeps them intact.
SELECT is((SELECT count(*) FROM parallel_monthly WHERE c::text::compliance::text <> c::text), 0::bigint,
          'every stored state round-trips through text');

SELECT * FROM finish();
ROLLBACK;
