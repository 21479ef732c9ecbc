-- refresh_status says which layers were never refreshed, and what the last refresh covered.
BEGIN;
SET search_path = medalliance, public;
SELECT plan(5);

SELECT is((SELECT count(*) FROM refresh_status), (SELECT count(*) FROM refresh_layer),
          'one row per layer');
SELECT is((SELECT count(*) FROM refresh_status WHERE NOT refreshed AND hint LIKE 'never refreshed%'),
          (SELECT count(*) FROM refresh_layer), 'before any refresh: every layer says it never was, with a hint');

\i test/fixtures/indicator_world.sql
SELECT lives_ok($$SELECT refresh_indicators('2024-03-01', '2024-03-31')$$, 'refresh the indicators for March 2024');
SELECT results_eq($$SELECT refreshed, last_period_from, last_period_to, refreshes, hint FROM refresh_status
                    WHERE layer = 'indicators'$$,
                  $$VALUES (true, '2024-03-01'::date, '2024-03-01'::date, 1, NULL::text)$$,
                  'the indicator layer shows its refresh of March 2024');
SELECT is((SELECT count(*) FROM refresh_status WHERE NOT refreshed), (SELECT count(*) - 1 FROM refresh_layer),
          'the other layers still say they never were');

SELECT * FROM finish();
ROLLBACK;
