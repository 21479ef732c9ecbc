-- The monthly fact summaries (sql/36): what they hold, when a refresh
-- rebuilds them, and that the layers of one refresh() share one build.
BEGIN;
SET search_path = medalliance, public;
SELECT plan(18);

CREATE FUNCTION pg_temp.plan_json(q text) RETURNS json LANGUAGE plpgsql AS $$
DECLARE p json;
BEGIN
    EXECUTE 'EXPLAIN (FORMAT JSON) ' || q INTO p;
    RETURN p;
END $$;

\i test/fixtures/indicator_world.sql

SELECT lives_ok($$SELECT refresh_indicators('2023-01-01', '2024-12-31')$$, 'the indicators of 2023–2024 are refreshed');

-- The fixture's encounters, grouped by hand (test/fixtures/indicator_world.sql):
-- everyone is insured where they live; residents of county 101 live in 1002's
-- catchment, those of 102 in 2002's.
SELECT set_eq(
    $$SELECT period_start, institution_id, encounter_kind, residence_region_id, insured_region_id,
             catchment_institution_id, encounters FROM encounter_month$$,
    $$VALUES ('2024-03-01'::date, 1001, 'outpatient', 101, 101, 1002, 4::bigint),
             ('2024-03-01', 1001, 'inpatient', 101, 101, 1002, 2),
             ('2024-03-01', 1002, 'outpatient', 101, 101, 1002, 3),
             ('2024-03-01', 1003, 'outpatient', 101, 101, 1002, 1),
             ('2024-03-01', 3001, 'outpatient', 101, 101, 1002, 1),
             ('2024-03-01', 3001, 'inpatient', 101, 101, 1002, 1),
             ('2024-03-01', 2001, 'outpatient', 102, 102, 2002, 2),
             ('2024-03-01', 2001, 'inpatient', 102, 102, 2002, 1),
             ('2024-03-01', 2002, 'outpatient', 102, 102, 2002, 2),
             ('2024-03-01', 1001, 'outpatient', 102, 102, 2002, 1),
             ('2023-05-01', 1001, 'outpatient', 101, 101, 1002, 6),
             ('2023-05-01', 1002, 'outpatient', 101, 101, 1002, 2)$$,
    'encounter_month holds the fixture''s 18 + 8 encounters by month, institution, kind, residence, insured region and catchment');
-- the fixture's referrals (indicator_world.sql), one per row, none sharing a key
SELECT set_eq(
    $$SELECT period_start, from_institution_id, to_institution_id, referral_kind, by_appointment, referrals
      FROM referral_month$$,
    $$VALUES ('2024-03-01'::date, 1001, 1002, 'inpatient', false, 1::bigint),
             ('2024-03-01', 1001, 1003, 'inpatient', false, 1),
             ('2024-03-01', 1001, 3001, 'outpatient', false, 1),
             ('2024-03-01', 1002, 1001, 'outpatient', true, 1),
             ('2024-03-01', 2001, 3001, 'outpatient', false, 1),
             ('2024-03-01', 2001, 2002, 'inpatient', false, 1),
             ('2023-06-01', 1001, 1002, 'inpatient', false, 1)$$,
    'referral_month holds the fixture''s 7 referrals by month, sender, receiver, kind and booking');
SELECT is((SELECT details ->> 'fact_summary_rows' FROM refresh_log
           WHERE layer = 'indicators' ORDER BY refresh_id DESC LIMIT 1),
          '19', 'the indicator refresh logs the 12 + 7 summary rows it wrote');

-- A change of the facts in the same transaction, then a refresh of March alone:
-- one more visit of a county A resident at A's township centre.
INSERT INTO encounter (encounter_id, encounter_date, encounter_kind, institution_id, residence_region_id,
                       insured_region_id, total_cost, catchment_institution_id)
VALUES (1000, '2024-03-20', 'outpatient', 1002, 101, 101, 10, 1002);
SELECT refresh_indicators('2024-03-01', '2024-03-31') IS NOT NULL;
SELECT is((SELECT encounters FROM encounter_month
           WHERE period_start = '2024-03-01' AND institution_id = 1002 AND encounter_kind = 'outpatient'),
          4::bigint, 'a refresh in the same transaction sees the new visit (3 + 1)');
SELECT is((SELECT state::text FROM indicator_state WHERE indicator_code = 'county_visit_rate'
             AND unit_level = 'county' AND unit_id = 101 AND period_start = '2024-03-01'),
          '11/13', 'and county A''s visit rate counts it (10/12 before, 11/13 now)');
SELECT is((SELECT count(*) FROM encounter_month WHERE period_start = '2023-05-01'),
          2::bigint, 'the months outside the refresh keep their rows');
-- and a second booked referral to the county A hospital: the booked share counts it
INSERT INTO referral (referral_date, from_institution_id, to_institution_id, referral_kind, by_appointment)
VALUES ('2024-03-25', 1003, 1001, 'outpatient', true);
SELECT refresh_indicators('2024-03-01', '2024-03-31') IS NOT NULL;
SELECT is((SELECT referrals FROM referral_month WHERE period_start = '2024-03-01' AND from_institution_id = 1003),
          1::bigint, 'a referral added in the same transaction is in the rebuilt March');

-- refresh(): the first layer that counts encounters builds the months, the
-- later ones reuse them (a rebuild would stamp the rows with its own refresh_id).
CREATE TEMP TABLE ran AS SELECT * FROM refresh('2024-03-01', '2024-03-31');
SELECT is((SELECT array_agg(DISTINCT m.refresh_id) FROM encounter_month m WHERE m.period_start = '2024-03-01'),
          (SELECT array_agg(refresh_id) FROM ran WHERE layer = 'indicators'),
          'in refresh() the summary of March is built once, by the indicator layer, and read by the later layers');
SELECT is((SELECT member_volume FROM qc_member_month
           WHERE institution_id = 1001 AND period_start = '2024-03-01' LIMIT 1),
          7::bigint, 'quality control''s member volume of the county A hospital in March: 4 + 2 + 1 encounters');
SELECT is(current_setting('medalliance.refresh_call', true), '', 'refresh() clears its call token when it ends');

-- a layer refreshed on its own rebuilds its months
SELECT refresh_qc('2024-03-01', '2024-03-31') IS NOT NULL;
SELECT is((SELECT array_agg(DISTINCT m.refresh_id) FROM encounter_month m WHERE m.period_start = '2024-03-01'),
          (SELECT ARRAY[max(refresh_id)] FROM refresh_log WHERE layer = 'qc'),
          'a quality-control refresh on its own rebuilds March');

-- A range the planner expects to hold 10 million encounters or more is
-- counted with JIT (statistics of the fixture's partition made so here, and
-- rolled back): the same summary, and jit is off again afterwards.
CREATE TEMP TABLE summary_before AS SELECT period_start, institution_id, encounter_kind, residence_region_id,
    insured_region_id, catchment_institution_id, encounters FROM encounter_month;
ANALYZE public.world_encounter_2023_2024;
UPDATE pg_class SET reltuples = 1e9, relpages = 1 WHERE oid = 'public.world_encounter_2023_2024'::regclass;
SELECT ok((SELECT (p -> 0 -> 'Plan' ->> 'Plan Rows')::float8 >= 1e7
           FROM (SELECT pg_temp.plan_json('SELECT FROM medalliance.encounter e WHERE e.encounter_date >= ''2024-03-01'' AND e.encounter_date < ''2024-04-01''') p) x),
          'the planner now expects 10 million encounters or more in March 2024');
SET LOCAL jit = on;
SELECT fact_summary_refresh('2024-03-01', '2024-03-01', (SELECT max(refresh_id) FROM refresh_log)) > 0;
SELECT set_eq($$SELECT period_start, institution_id, encounter_kind, residence_region_id, insured_region_id,
                       catchment_institution_id, encounters FROM encounter_month$$,
              $$SELECT * FROM summary_before$$,
              'counted with JIT, the summary is the same');
SELECT is(current_setting('jit'), 'on', 'and jit is the caller''s again (the function runs with jit off but for that statement)');
SET LOCAL jit = off;
SELECT fact_summary_refresh('2024-03-01', '2024-03-01', (SELECT max(refresh_id) FROM refresh_log)) > 0;
SELECT is(current_setting('jit'), 'off', 'whichever the caller''s was');

SELECT throws_ok($$SELECT fact_summary_refresh('2024-03-02', '2024-03-01', 1)$$, '22023', NULL,
                 'a date that is not the first of a month is refused');
SELECT throws_ok($$SELECT fact_summary_refresh('2024-03-01', NULL, 1)$$, '22023', NULL,
                 'a NULL month is refused');

SELECT * FROM finish();
ROLLBACK;
