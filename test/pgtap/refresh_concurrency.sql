-- Refreshes under concurrency, in a scratch database of their own (the
-- sessions must see each other's committed rows, which this test's own
-- transaction cannot give them), driven through dblink:
--   1. a refresh while another session loads encounters stores figures of
--      one snapshot: the three province denominators that count the same
--      encounters agree, although loading went on around the refresh;
--   2. two refreshes that overlap, of the two layers in opposite orders,
--      both finish, one after the other, with what one clean refresh stores:
--      no 23505, no 40P01, and refresh_log rows that do not overlap in time;
--   3. a refresh cancelled midway leaves the stored results and refresh_log
--      as they were;
--   4. through refresh(), every layer: two refreshes of overlapping periods
--      (April–May and May–June) and a third (April–June) cancelled while it
--      waits for them; the stored results equal one clean refresh of April to
--      June, the cancelled one left no refresh_log row, and every stored state
--      names a finished refresh_log row whose layer and months cover it.
BEGIN;
SET search_path = medalliance, public;
SELECT plan(19);

\set scratch medalliance_concurrency
\i test/fixtures/scratch_database.sql
SELECT dblink_connect(c, pg_temp.conninfo('medalliance_concurrency'))
FROM unnest(ARRAY['setup', 'loader', 'r1', 'r2']) c;

-- A county community of three institutions, 3,000 encounters in May 2024,
-- every one by a resident of the county.
SELECT dblink_exec('setup', $w$
    CREATE EXTENSION medalliance;
    INSERT INTO medalliance.region VALUES (1, 'P1', 'Province', 'province', NULL), (11, 'K11', 'County', 'county', 1);
    INSERT INTO medalliance.population VALUES (11, 2024, 'all', 100000);
    INSERT INTO medalliance.institution (institution_id, institution_name, institution_level, region_id)
    VALUES (101, 'County Hospital', 'county_hospital', 11), (102, 'Township Centre', 'township_health_centre', 11),
           (103, 'Village Clinic', 'village_clinic', 11);
    INSERT INTO medalliance.alliance VALUES (1, 'Community', 'county_medical_community', 11, 101, NULL, '2020-01-01', NULL);
    INSERT INTO medalliance.membership VALUES (1, 101, 'lead', '2020-01-01', NULL), (1, 102, 'member', '2020-01-01', NULL),
                                              (1, 103, 'member', '2020-01-01', NULL);
    DO $$ BEGIN PERFORM medalliance.add_month_partitions('medalliance.encounter', '2024-05-01', '2024-05-01'); END $$;
    INSERT INTO medalliance.encounter (encounter_id, encounter_date, encounter_kind, institution_id,
                                       residence_region_id, total_cost)
    SELECT g, '2024-05-10', (ARRAY['outpatient', 'emergency', 'inpatient'])[1 + g % 3], 101 + g % 3, 11, 10
    FROM generate_series(1, 3000) g;
$w$);

-- 1. Loading goes on (50 encounters a transaction, 400 transactions) while May is refreshed.
SELECT dblink_send_query('loader', $l$
    DO $d$ BEGIN
        FOR i IN 1 .. 400 LOOP
            INSERT INTO medalliance.encounter (encounter_id, encounter_date, encounter_kind, institution_id,
                                               residence_region_id, total_cost)
            SELECT 100000 + 50 * i + g, '2024-05-20', (ARRAY['outpatient', 'emergency', 'inpatient'])[1 + g % 3],
                   101 + g % 3, 11, 10
            FROM generate_series(1, 50) g;
            COMMIT;
            PERFORM pg_sleep(0.002);
        END LOOP;
    END $d$
$l$);
SELECT pg_sleep(0.3);
SELECT * FROM dblink('r1', $$SELECT medalliance.refresh_indicators('2024-05-01', '2024-05-31')$$) AS t(refresh_id bigint);
CREATE TEMP TABLE denominators AS
SELECT * FROM dblink('r1', $$
    SELECT i.indicator_code, sum(medalliance.denominator(s.state))::bigint
    FROM medalliance.indicator_state s JOIN medalliance.indicator i USING (indicator_code)
    WHERE s.unit_level = 'province' AND s.period_start = '2024-05-01'
      AND i.indicator_code IN ('primary_visit_share', 'county_visit_rate', 'primary_outpatient_share',
                               'primary_inpatient_share')
    GROUP BY 1$$) AS t(indicator_code text, denominator bigint);
SELECT dblink_get_result('loader') IS NOT NULL;
SELECT is(dblink_error_message('loader'), 'OK', 'the loader ran to its end');
CREATE TEMP TABLE loaded AS
SELECT * FROM dblink('r1', $$SELECT count(*) FROM medalliance.encounter$$) AS t(n bigint);

SELECT is((SELECT count(DISTINCT denominator) FROM denominators
           WHERE indicator_code IN ('primary_visit_share', 'county_visit_rate')), 1::bigint,
          'primary_visit_share and county_visit_rate count the same encounters');
SELECT is((SELECT sum(denominator) FROM denominators WHERE indicator_code IN ('primary_outpatient_share', 'primary_inpatient_share')),
          (SELECT denominator FROM denominators WHERE indicator_code = 'primary_visit_share')::numeric,
          'the outpatient and inpatient shares together count them too');
SELECT ok((SELECT denominator FROM denominators WHERE indicator_code = 'primary_visit_share') > 3000
          AND (SELECT denominator FROM denominators WHERE indicator_code = 'primary_visit_share') < (SELECT n FROM loaded),
          'the refresh ran while loading went on: it saw some loads and not others');

-- 2. A clean refresh first, as the reference.
CREATE FUNCTION pg_temp.stored(conn text) RETURNS text LANGUAGE sql AS $$
    SELECT digest FROM dblink(conn, $q$
        SELECT md5(coalesce(string_agg(r, E'\n' ORDER BY r), '')) FROM (
            SELECT format('%s|%s|%s|%s|%s|%s', indicator_code, unit_level, unit_id, period_start, state, amount) AS r
            FROM medalliance.indicator_state
            UNION ALL
            SELECT format('%s|%s|%s|%s|%s|%s', scheme_code, alliance_id, institution_id, period_start, state, member_volume)
            FROM medalliance.unification_state) x$q$) AS t(digest text)
$$;
SELECT * FROM dblink('setup', $$SELECT count(*) FROM medalliance.refresh('2024-05-01', '2024-05-31')$$) AS t(n bigint);
CREATE TEMP TABLE clean AS SELECT pg_temp.stored('setup') AS digest;
CREATE TEMP TABLE log_before AS
SELECT * FROM dblink('setup', $$SELECT max(refresh_id) FROM medalliance.refresh_log$$) AS t(last_id bigint);

SELECT dblink_send_query('r1', $q$DO $d$ BEGIN
    PERFORM medalliance.refresh_indicators('2024-05-01', '2024-05-31');
    PERFORM pg_sleep(0.5);
    PERFORM medalliance.refresh_unification('2024-05-01', '2024-05-31');
END $d$$q$);
SELECT pg_sleep(0.1);
SELECT dblink_send_query('r2', $q$DO $d$ BEGIN
    PERFORM medalliance.refresh_unification('2024-05-01', '2024-05-31');
    PERFORM medalliance.refresh_indicators('2024-05-01', '2024-05-31');
END $d$$q$);
SELECT dblink_get_result('r1') IS NOT NULL;
SELECT dblink_get_result('r2') IS NOT NULL;
SELECT is(dblink_error_message('r1'), 'OK', 'the first refresh (indicators, then six unifications) finished');
SELECT is(dblink_error_message('r2'), 'OK', 'the second refresh (six unifications, then indicators) finished');
SELECT is(pg_temp.stored('setup'), (SELECT digest FROM clean), 'the stored results equal one clean refresh');
CREATE TEMP TABLE log_rows AS
SELECT * FROM dblink('setup', format($$SELECT refresh_id, layer, started_at, finished_at FROM medalliance.refresh_log
                                        WHERE refresh_id > %s$$, (SELECT last_id FROM log_before)))
    AS t(refresh_id bigint, layer text, started_at timestamptz, finished_at timestamptz);
SELECT is((SELECT count(*) FROM log_rows WHERE finished_at IS NOT NULL), 4::bigint,
          'four finished refresh_log rows, one per layer and transaction');
SELECT is_empty($$SELECT a.refresh_id, b.refresh_id FROM log_rows a JOIN log_rows b ON a.refresh_id < b.refresh_id
                  WHERE b.started_at < a.finished_at$$,
                'the two transactions ran one after the other: no refresh started before an earlier one finished');

-- 3. A refresh cancelled midway leaves everything as it was.
SELECT dblink_send_query('r1', $q$DO $d$ BEGIN
    PERFORM medalliance.refresh_indicators('2024-05-01', '2024-05-31');
    PERFORM pg_sleep(30);
END $d$$q$);
SELECT pg_sleep(1);
SELECT is(dblink_cancel_query('r1'), 'OK', 'the refresh is cancelled');
SELECT dblink_get_result('r1', false) IS NOT NULL;
SELECT is(pg_temp.stored('setup'), (SELECT digest FROM clean), 'the stored results are those before it');
SELECT is((SELECT n FROM dblink('setup', format($$SELECT count(*) FROM medalliance.refresh_log WHERE refresh_id > %s$$,
                                                (SELECT last_id FROM log_before))) AS t(n bigint)),
          4::bigint, 'refresh_log has no row for the cancelled refresh');

-- 4. Overlapping periods through refresh(), and a cancel while waiting.  April and June get encounters too.
SELECT dblink_exec('setup', $w$
    DO $$ BEGIN
        PERFORM medalliance.add_month_partitions('medalliance.encounter', '2024-04-01', '2024-06-01');
    END $$;
    INSERT INTO medalliance.encounter (encounter_id, encounter_date, encounter_kind, institution_id,
                                       residence_region_id, total_cost)
    SELECT 500000 + g, CASE WHEN g % 2 = 0 THEN date '2024-04-15' ELSE date '2024-06-15' END,
           (ARRAY['outpatient', 'emergency', 'inpatient'])[1 + g % 3], 101 + g % 3, 11, 10
    FROM generate_series(1, 2000) g;
$w$);
SELECT * FROM dblink('setup', $$SELECT count(*) FROM medalliance.refresh('2024-04-01', '2024-06-30')$$) AS t(n bigint);
CREATE TEMP TABLE clean4 AS SELECT pg_temp.stored('setup') AS digest;
CREATE TEMP TABLE mark4 AS
SELECT * FROM dblink('setup', $$SELECT max(refresh_id) FROM medalliance.refresh_log$$) AS t(last_id bigint);

SELECT dblink_connect(c, pg_temp.conninfo('medalliance_concurrency')) FROM unnest(ARRAY['a4', 'b4', 'c4']) c;
SELECT dblink_send_query('a4', $q$DO $d$ BEGIN
    PERFORM medalliance.refresh('2024-04-01', '2024-05-31');
    PERFORM pg_sleep(1.5);
END $d$$q$);
SELECT pg_sleep(0.3);
SELECT dblink_send_query('c4', $q$DO $d$ BEGIN PERFORM medalliance.refresh('2024-04-01', '2024-06-30'); END $d$$q$);
SELECT pg_sleep(0.2);
SELECT dblink_send_query('b4', $q$DO $d$ BEGIN PERFORM medalliance.refresh('2024-05-01', '2024-06-30'); END $d$$q$);
SELECT pg_sleep(0.3);
SELECT is(dblink_cancel_query('c4'), 'OK', 'the third refresh (April to June) is cancelled while it waits');
SELECT dblink_get_result('c4', false) IS NOT NULL;
SELECT dblink_get_result('a4') IS NOT NULL;
SELECT dblink_get_result('b4') IS NOT NULL;
SELECT is(dblink_error_message('a4'), 'OK', 'the refresh of April and May finished');
SELECT is(dblink_error_message('b4'), 'OK', 'the refresh of May and June, waiting for it, finished after it');
SELECT is(pg_temp.stored('setup'), (SELECT digest FROM clean4),
          'the stored results equal one clean refresh of April to June');
CREATE TEMP TABLE log4 AS
SELECT * FROM dblink('setup', format($$SELECT refresh_id, layer, period_from, period_to, started_at, finished_at
                                       FROM medalliance.refresh_log WHERE refresh_id > %s$$,
                                     (SELECT last_id FROM mark4)))
    AS t(refresh_id bigint, layer text, period_from date, period_to date, started_at timestamptz, finished_at timestamptz);
SELECT is((SELECT array_agg(DISTINCT period_from || '..' || period_to ORDER BY period_from || '..' || period_to) FROM log4),
          ARRAY['2024-04-01..2024-05-01', '2024-05-01..2024-06-01'],   -- months: first day of the first and the last
          'refresh_log has the two refreshes that committed, and none for the cancelled one');
SELECT ok((SELECT bool_and(finished_at IS NOT NULL) FROM log4)
          AND NOT EXISTS (SELECT FROM log4 a JOIN log4 b ON a.refresh_id < b.refresh_id
                          WHERE (a.period_from = '2024-04-01') <> (b.period_from = '2024-04-01')
                            AND b.started_at < a.finished_at),
          'each of its rows is finished, and the second refresh started after the first had finished');
SELECT is_empty(format($$
    SELECT * FROM dblink('setup', $q$
        SELECT s.indicator_code, s.period_start FROM medalliance.indicator_state s
        LEFT JOIN medalliance.refresh_log l ON l.refresh_id = s.refresh_id
        WHERE s.period_start BETWEEN '2024-04-01' AND '2024-06-01'
          AND (l.finished_at IS NULL OR l.layer <> 'indicators'
               OR s.period_start NOT BETWEEN l.period_from AND l.period_to
               OR l.refresh_id <= %s
               OR (s.period_start = '2024-04-01' AND l.period_from <> '2024-04-01')
               OR (s.period_start >= '2024-05-01' AND l.period_from <> '2024-05-01'))$q$)
        AS t(indicator_code text, period_start date)$$, (SELECT last_id FROM mark4)),
    'every stored indicator state of April to June names the finished refresh that last wrote its month');

SELECT dblink_disconnect(c) FROM unnest(ARRAY['setup', 'loader', 'r1', 'r2', 'a4', 'b4', 'c4']) c;
SELECT dblink_exec('admin', 'DROP DATABASE medalliance_concurrency');
SELECT dblink_disconnect('admin');

SELECT * FROM finish();
ROLLBACK;
