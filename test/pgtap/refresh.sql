-- The one refresh entry point runs every layer over the months asked for.
BEGIN;
SET search_path = medalliance, public;
SELECT plan(14);

\i test/fixtures/indicator_world.sql

CREATE TEMP TABLE ran AS SELECT * FROM refresh('2024-03-01', '2024-03-31');
SELECT results_eq($$SELECT layer FROM ran ORDER BY refresh_id$$,
                  $$VALUES ('indicators'), ('unification'), ('qc'), ('satisfaction'), ('assessment')$$,
                  'refresh runs the indicator layer, the six-unification layer, quality control, satisfaction, then the assessment');
SELECT is((SELECT count(*) FROM refresh_log l JOIN ran r USING (refresh_id)
           WHERE l.period_from = '2024-03-01' AND l.period_to = '2024-03-01' AND l.finished_at IS NOT NULL),
          5::bigint, 'each layer has its own finished log row for March 2024');
-- the hand-built world has 10 A residents' visits in county of 12 in March (indicators_hand.sql)
SELECT is((SELECT state::text FROM indicator_state WHERE indicator_code = 'county_visit_rate'
             AND unit_level = 'county' AND unit_id = 101 AND period_start = '2024-03-01'),
          '10/12', 'the indicator layer wrote March');
SELECT throws_ok($$SELECT * FROM refresh('2024-05-01', '2024-04-01')$$, '22023', NULL,
                 'an empty period is refused before anything is written');

-- every layer's refresh function (all its overloads) compiles nothing with JIT (sql/35: why)
SELECT is_empty($$SELECT p.oid::regprocedure::text FROM refresh_layer l
                  JOIN pg_proc p ON p.proname = l.refreshed_by AND p.pronamespace = 'medalliance'::regnamespace
                  WHERE NOT coalesce('jit=off' = ANY (p.proconfig), false)
                  UNION ALL
                  SELECT l.refreshed_by FROM refresh_layer l
                  WHERE NOT EXISTS (SELECT FROM pg_proc p WHERE p.proname = l.refreshed_by)$$,
                'every layer''s refresh function exists and runs with jit = off');
-- ... and starts parallel workers only where they save more than a higher
-- setup cost (README "Few parallel workers")
SELECT is_empty($$SELECT p.oid::regprocedure::text FROM refresh_layer l
                  JOIN pg_proc p ON p.proname = l.refreshed_by AND p.pronamespace = 'medalliance'::regnamespace
                  WHERE NOT coalesce('parallel_setup_cost=10000' = ANY (p.proconfig), false)$$,
                'every layer''s refresh function runs with parallel_setup_cost = 10000');

-- drop_work_tables: the refreshes' work tables of an earlier call go, the
-- names not there are passed over (without a notice), other schemas untouched.
CREATE TEMP TABLE work_a (x int);
CREATE TABLE public.work_a (x int);
SELECT lives_ok($$SELECT medalliance.drop_work_tables('{work_a,no_such_work_table}')$$,
                'drop_work_tables drops what exists and passes over the rest');
SELECT ok(to_regclass('pg_temp.work_a') IS NULL AND to_regclass('public.work_a') IS NOT NULL,
          'only the temporary table of that name is gone');

-- analyze_work_table: a temporary table gets statistics (its row count, its
-- columns' spread); a stored table or NULL is refused and left as it was.
CREATE TEMP TABLE work_b AS SELECT g AS x FROM generate_series(1, 5000) g;
SELECT medalliance.analyze_work_table('pg_temp.work_b');
SELECT ok((SELECT c.reltuples = 5000 FROM pg_class c WHERE c.oid = 'pg_temp.work_b'::regclass)
          AND EXISTS (SELECT FROM pg_stats s WHERE s.tablename = 'work_b' AND s.attname = 'x'),
          'analyze_work_table: a temporary table''s row count and column statistics');
SELECT throws_ok($$SELECT medalliance.analyze_work_table('public.work_a')$$, '22023',
                 'analyze_work_table takes a temporary table, not public.work_a',
                 'analyze_work_table refuses a table that is not temporary');
SELECT throws_ok($$SELECT medalliance.analyze_work_table(NULL)$$, '22023', NULL,
                 'analyze_work_table refuses NULL');

-- refresh_lock sets a short deadlock_timeout for the rest of the refresh's
-- transaction (an autovacuum in the way is cancelled after it, not after the
-- caller's 1 s or more); the caller's comes back when the transaction ends.
SET LOCAL deadlock_timeout = '3s';
SAVEPOINT before_lock;
SELECT lives_ok($$SELECT medalliance.refresh_lock()$$, 'refresh_lock takes the refresh locks');
SELECT is(current_setting('deadlock_timeout'), '10ms', 'and waits for locks 10 ms before a deadlock check');
ROLLBACK TO SAVEPOINT before_lock;
SELECT is(current_setting('deadlock_timeout'), '3s', 'the caller''s deadlock_timeout comes back when the (sub)transaction ends');

SELECT * FROM finish();
ROLLBACK;
