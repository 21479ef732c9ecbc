-- Roll-up is exact, and parallel plans agree with serial ones.
BEGIN;
SET search_path = medalliance, public;
SELECT plan(12);

-- 300,000 raw rows over 40 groups and 24 months, about 5% NULL flags.
CREATE TEMP TABLE raw_rows AS
SELECT (i % 40) AS grp,
       date '2024-01-01' + ((i / 40) % 24) * interval '1 month' AS month,
       CASE WHEN hashint4(i) % 20 = 0 THEN NULL ELSE hashint4(i * 7) % 100 < 37 + i % 40 END AS flag,
       (abs(hashint4(i)) % 50)::bigint AS num,
       (abs(hashint4(i)) % 50 + abs(hashint4(i + 1)) % 30)::bigint AS den
FROM generate_series(1, 300000) i;

-- Stored per (group, month): the states a warehouse keeps.
CREATE TEMP TABLE monthly AS
SELECT grp, month, rate_agg(flag) AS flags, rate_agg(num, den) AS pairs
FROM raw_rows GROUP BY grp, month;

SELECT is_empty($$
    SELECT grp FROM raw_rows GROUP BY grp
    EXCEPT
    SELECT grp FROM monthly GROUP BY grp
$$, 'every group has stored months');

-- Merged monthly states = bulk aggregate over the raw rows (exact equality).
SELECT set_eq($$SELECT grp, rate_agg(flags)::text FROM monthly GROUP BY grp$$,
              $$SELECT grp, rate_agg(flag)::text FROM raw_rows GROUP BY grp$$,
              'rate_agg(rate) over months = rate_agg(boolean) over raw rows');
SELECT set_eq($$SELECT grp, rate_agg(pairs)::text FROM monthly GROUP BY grp$$,
              $$SELECT grp, rate_agg(num, den)::text FROM raw_rows GROUP BY grp$$,
              'rate_agg(rate) over months = rate_agg(bigint, bigint) over raw rows');
-- ... and both equal plain counting, written independently of the extension.
SELECT set_eq($$SELECT grp, numerator(rate_agg(flags)) AS n, denominator(rate_agg(flags)) AS d FROM monthly GROUP BY grp$$,
              $$SELECT grp, count(*) FILTER (WHERE flag) AS n, count(flag) AS d FROM raw_rows GROUP BY grp$$,
              'rolled-up rates equal count(*) FILTER (WHERE flag) and count(flag)');
SELECT set_eq($$SELECT grp, numerator(rate_agg(pairs)) AS n, denominator(rate_agg(pairs)) AS d FROM monthly GROUP BY grp$$,
              $$SELECT grp, sum(num)::bigint AS n, sum(den)::bigint AS d FROM raw_rows GROUP BY grp$$,
              'rolled-up pairs equal sum(num) and sum(den)');
-- Quarter roll-up of the months = the bulk aggregate per quarter.
SELECT set_eq($$SELECT grp, date_trunc('quarter', month), rate_agg(flags)::text FROM monthly GROUP BY 1, 2$$,
              $$SELECT grp, date_trunc('quarter', month), rate_agg(flag)::text FROM raw_rows GROUP BY 1, 2$$,
              'quarterly roll-up of stored months = bulk aggregate per quarter');

-- Parallel plans.  pgTAP's results_eq reads through a cursor, and a cursor
-- never runs in parallel; so each parallel result is stored by CREATE TABLE AS,
-- run under EXPLAIN ANALYZE to show its plan and the workers it launched, and
-- compared with the serial result afterwards.
\i test/fixtures/run_parallel.sql

CREATE TEMP TABLE serial_total AS SELECT rate_agg(flag) AS flags, rate_agg(num, den) AS pairs FROM raw_rows;
CREATE TEMP TABLE serial_grouped AS SELECT grp, rate_agg(flag) AS flags FROM raw_rows GROUP BY grp;
CREATE TEMP TABLE serial_rollup AS SELECT rate_agg(flags) AS flags FROM monthly;

-- Temporary tables are never scanned in parallel: copy to real tables.
CREATE TABLE parallel_rows AS SELECT * FROM raw_rows;
CREATE TABLE parallel_monthly AS SELECT * FROM monthly;
ANALYZE parallel_rows, parallel_monthly;
SET LOCAL max_parallel_workers_per_gather = 2;
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL parallel_leader_participation = off;

SELECT ok(pg_temp.run_parallel(
              'CREATE TABLE parallel_total AS SELECT rate_agg(flag) AS flags, rate_agg(num, den) AS pairs FROM parallel_rows'),
          'the whole-table aggregates run as a Partial Aggregate in parallel workers');
SELECT results_eq($$SELECT flags::text, pairs::text FROM parallel_total$$,
                  $$SELECT flags::text, pairs::text FROM serial_total$$,
                  'the parallel plan gives the serial answer');
SELECT ok(pg_temp.run_parallel(
              'CREATE TABLE parallel_grouped AS SELECT grp, rate_agg(flag) AS flags FROM parallel_rows GROUP BY grp'),
          'the grouped aggregate runs as a partial aggregate in parallel workers');
SELECT set_eq($$SELECT grp, flags::text FROM parallel_grouped$$,
              $$SELECT grp, flags::text FROM serial_grouped$$,
              'the grouped parallel plan gives the serial answer');
SELECT ok(pg_temp.run_parallel(
              'CREATE TABLE parallel_rollup AS SELECT rate_agg(flags) AS flags FROM parallel_monthly'),
          'the roll-up of stored rates runs in parallel workers too');
SELECT results_eq($$SELECT flags::text FROM parallel_rollup$$,
                  $$SELECT flags::text FROM serial_rollup$$,
                  'the parallel roll-up gives the serial answer');

SELECT * FROM finish();
ROLLBACK;
