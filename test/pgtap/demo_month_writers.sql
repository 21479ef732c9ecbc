-- The generator's month writers (src/demo/month_writers.c): background
-- workers that write the months' encounters while the generator writes the
-- other facts.  They see only committed rows, so the generator runs in a
-- scratch database of its own, driven through dblink, each generation in a
-- transaction of its own (as the demo and the benchmark run it):
--   1. with two writers, every month is written by a transaction of its own
--      (24 distinct xmin), attached under its partition's name with its three
--      indexes, nothing is left in medalliance_demo, no writer outlives the
--      generation — and the province is the one the generator writes without
--      writers (every table's checksum equal, 0 writers: one transaction);
--   2. where the transaction wrote before the generator, it writes the months
--      itself (a worker would wait on its locks);
--   3. a generation rolled back after its writers committed leaves their
--      tables in medalliance_demo, and the next generation drops them;
--   4. a writer's error reaches the generator with its SQLSTATE, and the end
--      of the transaction stops the writers;
--   5. refusals: a bad medalliance_demo.month_writers, a bad call of the
--      functions themselves.
BEGIN;
SET search_path = medalliance, public;
SELECT plan(23);

\set scratch medalliance_month_writers
\i test/fixtures/scratch_database.sql
SELECT dblink_connect('w', pg_temp.conninfo('medalliance_month_writers'));
SELECT dblink_exec('w', $w$
    CREATE EXTENSION medalliance;
    CREATE EXTENSION medalliance_demo;
    -- one line per table: its row count and the sum of a hash of every row
    CREATE FUNCTION public.province_checksum() RETURNS text LANGUAGE plpgsql AS $f$
    DECLARE t text; line text; result text := '';
    BEGIN
        FOREACH t IN ARRAY ARRAY['region', 'population', 'catchment_population', 'institution', 'alliance',
                                 'membership', 'encounter', 'referral', 'deployment', 'contract', 'chronic_care',
                                 'qc_inspection', 'quality_measure', 'survey_response', 'unification_evidence',
                                 'procurement', 'capability', 'shared_centre_service', 'fund_spending',
                                 'demo_alliance_profile', 'demo_institution_profile'] LOOP
            EXECUTE format('SELECT count(*) || '':'' || coalesce(sum(hashtextextended(x::text, 0)::numeric), 0) FROM %I.%I x',
                           CASE WHEN t LIKE 'demo\_%' THEN 'medalliance_demo' ELSE 'medalliance' END, t)
                INTO line;
            result := result || t || '=' || line || E'\n';
        END LOOP;
        RETURN result;
    END $f$;
    CREATE FUNCTION public.province_reset() RETURNS void LANGUAGE plpgsql AS $f$
    DECLARE part regclass;
    BEGIN
        TRUNCATE medalliance.region, medalliance.institution CASCADE;
        FOR part IN SELECT inhrelid::regclass FROM pg_inherits
                    WHERE inhparent IN ('medalliance.encounter'::regclass, 'medalliance.survey_response'::regclass) LOOP
            EXECUTE format('DROP TABLE %s', part);
        END LOOP;
    END $f$;
    -- how many transactions wrote the encounters
    CREATE FUNCTION public.encounter_writers() RETURNS bigint LANGUAGE sql AS $f$
        SELECT count(DISTINCT xmin::text) FROM medalliance.encounter
    $f$;
    CREATE FUNCTION public.tables_left() RETURNS bigint LANGUAGE sql AS $f$
        SELECT count(*) FROM pg_class WHERE relnamespace = 'medalliance_demo'::regnamespace AND relkind = 'r'
                                        AND relname LIKE 'encounter\_p%'
    $f$;
$w$);
CREATE FUNCTION pg_temp.remote(sql text) RETURNS text LANGUAGE sql AS $$
    SELECT r FROM dblink('w', sql) AS t(r text)
$$;
CREATE FUNCTION pg_temp.writers_running() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE n bigint;
BEGIN
    -- a stopped writer leaves pg_stat_activity within moments; wait up to 10 s
    FOR i IN 1 .. 100 LOOP
        SELECT count(*) INTO n FROM pg_stat_activity WHERE backend_type = 'medalliance_demo month writer';
        EXIT WHEN n = 0;
        PERFORM pg_sleep(0.1);
        PERFORM pg_stat_clear_snapshot();
    END LOOP;
    RETURN n;
END $$;

-- 1. Two writers, then none: the same province.
SELECT dblink_exec('w', 'SET medalliance_demo.month_writers = 2');
SELECT pg_temp.remote('SELECT count(*)::text FROM medalliance_demo.generate_demo_province(0.005, 1)');
SELECT is(pg_temp.remote('SELECT public.encounter_writers()::text'), '24',
          'with two month writers, each month''s encounters are written by a transaction of its own');
SELECT is(pg_temp.remote($$SELECT count(*)::text FROM pg_inherits WHERE inhparent = 'medalliance.encounter'::regclass$$), '24',
          'the 24 months are attached as partitions of medalliance.encounter');
SELECT is(pg_temp.remote($$
    SELECT string_agg(DISTINCT replace(i.relname, c.relname, '<month>'), ', ' ORDER BY replace(i.relname, c.relname, '<month>'))
           || ' / ' || count(*) || ' / ' || count(*) FILTER (WHERE i.relnamespace = 'medalliance'::regnamespace)
    FROM pg_inherits h JOIN pg_class c ON c.oid = h.inhrelid
    JOIN pg_index x ON x.indrelid = c.oid JOIN pg_class i ON i.oid = x.indexrelid
    WHERE h.inhparent = 'medalliance.encounter'::regclass$$),
    '<month>_institution_id_encounter_date_idx, <month>_pkey, <month>_residence_region_id_encounter_date_idx / 72 / 72',
    'each month has the key and the two indexes index_month_partition names, in medalliance');
SELECT is(pg_temp.remote($$
    SELECT count(*)::text FROM pg_inherits h JOIN pg_class c ON c.oid = h.inhrelid
    LEFT JOIN pg_class t ON t.oid = c.reltoastrelid
    WHERE h.inhparent = 'medalliance.encounter'::regclass
      AND (c.reloptions IS NOT NULL OR t.reloptions IS NOT NULL)$$), '0',
    'no month keeps the writers'' autovacuum_enabled = false');
SELECT is(pg_temp.remote($$
    SELECT count(*)::text FROM pg_constraint WHERE conname LIKE 'encounter\_p%\_month\_check'$$), '0',
    'no month keeps its bounds check once attached');
SELECT is(pg_temp.remote('SELECT public.tables_left()::text'), '0', 'no table is left in medalliance_demo');
SELECT is(pg_temp.writers_running(), 0::bigint, 'no month writer outlives the generation');
CREATE TEMP TABLE sums AS SELECT 'writers' AS run, pg_temp.remote('SELECT public.province_checksum()') AS sum;

SELECT pg_temp.remote('SELECT public.province_reset()::text');
SELECT dblink_exec('w', 'SET medalliance_demo.month_writers = 0');
SELECT pg_temp.remote('SELECT count(*)::text FROM medalliance_demo.generate_demo_province(0.005, 1)');
SELECT is(pg_temp.remote('SELECT public.encounter_writers()::text'), '1',
          'with medalliance_demo.month_writers = 0, the generator writes every month in its own transaction');
INSERT INTO sums SELECT 'none', pg_temp.remote('SELECT public.province_checksum()');
SELECT is((SELECT sum FROM sums WHERE run = 'writers'), (SELECT sum FROM sums WHERE run = 'none'),
          'the month writers write the province the generator writes alone: every table''s rows and checksum');
SELECT ok((SELECT sum FROM sums WHERE run = 'none') ~ 'encounter=[1-9][0-9]{5}:',
          'the checksums compared cover the encounters (hundreds of thousands of rows)');

-- 2. A transaction that wrote before the generator: no writers.
SELECT pg_temp.remote('SELECT public.province_reset()::text');
SELECT dblink_exec('w', 'RESET medalliance_demo.month_writers');
SELECT dblink_exec('w', 'BEGIN');
SELECT dblink_exec('w', 'CREATE TEMP TABLE written_before (x integer)');
SELECT pg_temp.remote('SELECT count(*)::text FROM medalliance_demo.generate_demo_province(0.005, 1)');
SELECT is(pg_temp.remote('SELECT public.encounter_writers()::text'), '1',
          'a transaction that wrote before the generator gets no month writers: one transaction wrote every month');
SELECT dblink_exec('w', 'ROLLBACK');

-- 3. Rolled back after the writers committed; the next generation drops what they left.
SELECT dblink_exec('w', 'BEGIN');
SELECT pg_temp.remote('SELECT count(*)::text FROM medalliance_demo.generate_demo_province(0.005, 1)');
SELECT is(pg_temp.remote('SELECT public.encounter_writers()::text'), '24',
          'a generation that is the first thing its transaction writes gets the month writers (by default)');
SELECT dblink_exec('w', 'ROLLBACK');
SELECT is(pg_temp.remote('SELECT public.tables_left()::text'), '24',
          'rolled back, the generation leaves the 24 tables its writers committed in medalliance_demo');
SELECT is(pg_temp.remote($$SELECT count(*)::text FROM medalliance.encounter$$), '0',
          'and no encounter in the warehouse');
SELECT pg_temp.remote('SELECT count(*)::text FROM medalliance_demo.generate_demo_province(0.005, 1)');
SELECT is(pg_temp.remote('SELECT public.tables_left()::text'), '0',
          'the next generation drops the tables left in medalliance_demo');
SELECT is(pg_temp.remote('SELECT public.province_checksum()'), (SELECT sum FROM sums WHERE run = 'none'),
          'and writes the same province');

-- 4. A writer's error, and the end of the transaction.
SELECT dblink_exec('w', 'BEGIN');
SELECT pg_temp.remote($w$
    SELECT medalliance_demo.demo_start_month_writers('{2024-02-01}', '{w_encounter_p202402}', 12345, ARRAY(
        SELECT p FROM (SELECT date '2024-02-01' AS month, 'outpatient'::text AS kind, 101 AS region_id,
                              1.0::float8 AS cvr, 1.0::float8 AS prim, NULL::integer[] AS tier0, NULL::integer[] AS tier1,
                              '{31}'::integer[] AS sec, '{}'::integer[] AS out_prov, '{}'::integer[] AS out_city,
                              101000000000::bigint AS person_base, 5000::bigint AS persons, NULL::integer[] AS catch_ids,
                              1100000000::bigint AS key_base, 100::bigint AS n) p), 1)::text$w$);
SELECT throws_ok($$SELECT pg_temp.remote('SELECT count(*)::text FROM medalliance_demo.demo_take_month(''2024-02-01'')')$$,
                 '23502', NULL,
                 'a writer''s error (an insured encounter without an institution) reaches the generator with its SQLSTATE');
SELECT dblink_exec('w', 'ROLLBACK');
SELECT is(pg_temp.writers_running(), 0::bigint, 'the end of the transaction leaves no month writer running');
SELECT is(pg_temp.remote($$SELECT count(*)::text FROM pg_class WHERE relname = 'w_encounter_p202402'$$), '0',
          'the failed month''s table is gone with its writer''s transaction');

-- 5. Refusals.
SELECT dblink_exec('w', $w$SET medalliance_demo.month_writers = 'many'$w$);
SELECT throws_ok($$SELECT pg_temp.remote('SELECT count(*)::text FROM medalliance_demo.generate_demo_province(0.005, 1)')$$,
                 '22023', NULL, 'a medalliance_demo.month_writers that is not a number from 0 to 8 is refused');
SELECT dblink_exec('w', 'RESET medalliance_demo.month_writers');
SELECT throws_ok($$SELECT pg_temp.remote('SELECT count(*)::text FROM medalliance_demo.demo_take_month(''2024-02-01'')')$$,
                 '55000', NULL, 'demo_take_month without month writers is refused');
SELECT throws_ok($$SELECT pg_temp.remote($w$SELECT medalliance_demo.demo_start_month_writers('{2024-02-01}', '{a}', 1,
                                               ARRAY(SELECT 1), 9)::text$w$)$$,
                 '22023', NULL, 'more than 8 month writers are refused');
SELECT throws_ok($$SELECT pg_temp.remote($w$SELECT medalliance_demo.demo_start_month_writers('{2024-02-01,2024-03-01}', '{a}', 1,
                                               ARRAY(SELECT 1), 1)::text$w$)$$,
                 '2202E', NULL, 'months and tables of different lengths are refused');

SELECT dblink_disconnect('w');
SELECT dblink_exec('admin', 'DROP DATABASE medalliance_month_writers');
SELECT dblink_disconnect('admin');

SELECT * FROM finish();
ROLLBACK;
