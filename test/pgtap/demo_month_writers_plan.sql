-- The month writers (src/demo/month_writers.c) on a small hand-made plan, so
-- that the file also runs under valgrind (scripts/valgrind.sh; the synthetic
-- province of demo_month_writers.sql would take hours there): two background
-- workers write two months, and each month must be the rows and the fund
-- spending that demo_write_encounters (itself checked against the
-- generator's SQL in demo_writer.sql) writes from the same plan rows in the
-- session; each month committed by a worker transaction of its own, indexed
-- as the product indexes a month, and no worker left once the months are
-- taken.  The workers see only committed rows, so it runs in a scratch
-- database of its own, through dblink.
BEGIN;
SET search_path = medalliance, public;
SELECT plan(9);

\set scratch medalliance_month_writers_plan
\i test/fixtures/scratch_database.sql
SELECT dblink_connect('w', pg_temp.conninfo('medalliance_month_writers_plan'));
CREATE FUNCTION pg_temp.remote(sql text) RETURNS text LANGUAGE sql AS $$
    SELECT r FROM dblink('w', sql) AS t(r text)
$$;

-- demo_plan's columns, by hand (as demo_writer.sql's plan), for February and
-- March 2024; and what demo_write_encounters writes from them, month by month.
SELECT dblink_exec('w', $w$
    CREATE EXTENSION medalliance;
    CREATE EXTENSION medalliance_demo;
    CREATE TABLE public.w_plan (
        month date, kind text, region_id integer, cvr float8, prim float8,
        tier0 integer[], tier1 integer[], sec integer[], out_prov integer[], out_city integer[],
        person_base bigint, persons bigint, catch_ids integer[], key_base bigint, n bigint
    );
    INSERT INTO public.w_plan
    SELECT m, p.kind, p.region_id, p.cvr, p.prim, p.tier0, p.tier1, p.sec, p.out_prov, p.out_city,
           p.person_base, p.persons, p.catch_ids, p.key_base + k * 10000000, p.n + k * 7
    FROM (VALUES (date '2024-02-01', 0), (date '2024-03-01', 1)) mm (m, k),
         (VALUES ('outpatient', 101, 0.86::float8, 0.55::float8, '{11,12}'::integer[], '{21,22,23}'::integer[],
                  '{31,32,33}'::integer[], '{41,42}'::integer[], '{51}'::integer[], 101000000000, 5000, '{61,62,63}'::integer[],
                  1100000000, 900),
                 ('emergency', 101, 0.865, 0.22, '{11,12}', '{21,22,23}', '{31,32,33}', '{41,42}', '{51}',
                  101000000000, 5000, '{61,62,63}', 1200000000, 300),
                 ('inpatient', 101, 0.80, 0.19, '{11,12}', '{21,22,23}', '{31,32,33}', '{41,42}', '{51}',
                  101000000000, 5000, '{61,62,63}', 1300000000, 400),
                 ('outpatient', 102, 0.91, 0.60, '{}', '{24}', '{34,35,36}', '{}', '{52,53}',
                  102000000000, 2000, '{64}', 2100000000, 500))
             p (kind, region_id, cvr, prim, tier0, tier1, sec, out_prov, out_city, person_base, persons, catch_ids,
                key_base, n);
    CREATE TABLE public.w_reference (LIKE medalliance.encounter);
    CREATE TABLE public.w_reference_fund AS
    SELECT m.month, f.*
    FROM (VALUES (date '2024-02-01'), (date '2024-03-01')) m (month)
    CROSS JOIN LATERAL medalliance_demo.demo_write_encounters(
        'public.w_reference', m.month, 12345, ARRAY(SELECT p FROM public.w_plan p WHERE p.month = m.month)) f;
$w$);

-- The two months, by two writers, in one transaction of the session.
SELECT dblink_exec('w', 'BEGIN');
SELECT is(pg_temp.remote($w$
    SELECT medalliance_demo.demo_start_month_writers('{2024-02-01,2024-03-01}',
                                                     '{encounter_p202402,encounter_p202403}', 12345,
                                                     ARRAY(SELECT p FROM public.w_plan p), 2)::text$w$),
          '2', 'two month writers start');
SELECT dblink_exec('w', $w$
    CREATE TEMP TABLE w_taken AS
    SELECT date '2024-03-01' AS month, f.* FROM medalliance_demo.demo_take_month('2024-03-01') f
    UNION ALL
    SELECT date '2024-02-01', f.* FROM medalliance_demo.demo_take_month('2024-02-01') f
$w$);
SELECT is(pg_temp.remote($w$
    SELECT count(*)::text FROM ((TABLE w_taken EXCEPT ALL TABLE public.w_reference_fund)
                                UNION ALL (TABLE public.w_reference_fund EXCEPT ALL TABLE w_taken)) d$w$),
          '0', 'demo_take_month returns each month''s fund spending as demo_write_encounters adds it up');
SELECT ok(pg_temp.remote('SELECT count(*)::text FROM public.w_reference_fund')::bigint > 20,
          'and there is fund spending to compare (every kind, both regions)');
SELECT is(pg_temp.remote($w$
    SELECT count(*)::text
    FROM ((SELECT * FROM medalliance_demo.encounter_p202402 UNION ALL SELECT * FROM medalliance_demo.encounter_p202403
           EXCEPT ALL TABLE public.w_reference)
          UNION ALL
          (TABLE public.w_reference
           EXCEPT ALL (SELECT * FROM medalliance_demo.encounter_p202402
                       UNION ALL SELECT * FROM medalliance_demo.encounter_p202403))) d$w$),
          '0', 'the writers write every row demo_write_encounters writes from the same plan, and no other');
SELECT is(pg_temp.remote($w$
    SELECT (SELECT count(*) FROM medalliance_demo.encounter_p202402) || '/' ||
           (SELECT count(*) FROM medalliance_demo.encounter_p202403)$w$),
          '2100/2128', 'one row per planned encounter in each month (2100 in February, 28 more in March)');
SELECT is(pg_temp.remote($w$
    SELECT count(*)::text FROM medalliance_demo.encounter_p202402
    WHERE encounter_date NOT BETWEEN date '2024-02-01' AND date '2024-02-29'$w$),
          '0', 'each month''s table holds its own month only');
SELECT is(pg_temp.remote($w$
    SELECT count(DISTINCT x)::text || '/' || bool_or(x = pg_current_xact_id()::xid::text)::text
    FROM (SELECT xmin::text AS x FROM medalliance_demo.encounter_p202402
          UNION ALL SELECT xmin::text FROM medalliance_demo.encounter_p202403) t$w$),
          '2/false', 'each month is committed by a worker transaction of its own, not the session''s');
SELECT is(pg_temp.remote($w$
    SELECT string_agg(DISTINCT keys, ' | ') || ' x' || count(*)
    FROM (SELECT i.indrelid, string_agg(CASE WHEN i.indisprimary THEN 'primary ' ELSE '' END || k.cols, '; ' ORDER BY k.cols) AS keys
          FROM pg_index i
          CROSS JOIN LATERAL (SELECT string_agg(a.attname, ',' ORDER BY o.n) AS cols
                              FROM unnest(i.indkey::int2[]) WITH ORDINALITY o (attnum, n)
                              JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = o.attnum) k
          WHERE i.indrelid IN ('medalliance_demo.encounter_p202402'::regclass, 'medalliance_demo.encounter_p202403'::regclass)
          GROUP BY i.indrelid) t$w$),
          'primary encounter_id,encounter_date; institution_id,encounter_date; residence_region_id,encounter_date x2',
          'each month has the primary key and the two indexes of a month of medalliance.encounter');
SELECT dblink_exec('w', 'COMMIT');
SELECT is((SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'medalliance_demo month writer'), 0::bigint,
          'no month writer is left once the months are taken');

SELECT dblink_disconnect('w');
SELECT dblink_exec('admin', 'DROP DATABASE medalliance_month_writers_plan');
SELECT dblink_disconnect('admin');

SELECT * FROM finish();
ROLLBACK;
