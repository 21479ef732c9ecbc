-- unit_person_masks (src/person_masks.c), the aggregate behind
-- count_contracted: distinct persons per unit, set and month, against hand
-- figures and against a plain count(DISTINCT) over the bits unnested.
BEGIN;
SET search_path = medalliance, public;
SELECT plan(18);

-- By hand.  Unit 1: person 10 has two rows — sets {1}, months {0, 1} and sets
-- {1, 2}, months {1, 2} — so set 1 covers months 0–2 and set 2 months 1–2,
-- once each however the rows overlap; person 11 set 2, month 0 (so set 2 has
-- one person in each of months 0, 1 and 2).  Unit 2:
-- person 10 again (another unit: counted there too), set 1, month 62.  A row
-- with a NULL, with no set or with no month counts nowhere.
CREATE TEMP TABLE hand (unit integer, person bigint, sets integer, months bigint);
INSERT INTO hand VALUES
    (1, 10, 1, 3), (1, 10, 3, 6), (1, 11, 2, 1), (2, 10, 1, 4611686018427387904),
    (1, 12, NULL, 1), (1, 13, 0, 7), (1, 14, 1, 0), (NULL, 15, 1, 1);
SELECT results_eq(
    $$SELECT a[i][1] AS unit, a[i][2] AS set_no, a[i][3] AS k, a[i][4] AS persons
      FROM (SELECT unit_person_masks(unit, person, sets, months) AS a FROM hand) x, generate_subscripts(x.a, 1) i
      ORDER BY 1, 2, 3$$,
    $$VALUES (1::bigint, 1::bigint, 0::bigint, 1::bigint), (1, 1, 1, 1), (1, 1, 2, 1),
             (1, 2, 0, 1), (1, 2, 1, 1), (1, 2, 2, 1),
             (2, 1, 62, 1)$$,
    'by hand: a person counts once per unit, set and month; NULL, empty sets and empty months count nowhere');

SELECT is((SELECT unit_person_masks(unit, person, sets, months) FROM hand WHERE false), NULL,
          'no row: NULL');
SELECT is((SELECT unit_person_masks(unit, person, sets, months) FROM hand WHERE sets = 0 OR months = 0), NULL,
          'only rows that count nowhere: NULL');
SELECT is((SELECT cardinality(unit_person_masks(1, 1, 1 << 30, 1)) FROM generate_series(1, 3)), 4,
          'set 31 (bit 30): one row');

-- Against a plain count: 5,000 random rows over 8 units, 512 persons, 5 sets
-- and 24 months, many persons with several overlapping rows (light enough for
-- the valgrind run, scripts/valgrind.sh).
CREATE TEMP TABLE random_rows AS
SELECT (hashint4(i) & 7) AS unit, (hashint4(i + 100000) & 511)::bigint AS person,
       (hashint4(i + 200000) & 31) AS sets, (hashint8(i::bigint) & ((1::bigint << 24) - 1)) AS months
FROM generate_series(1, 5000) i;
SELECT set_eq(
    $$SELECT a[i][1]::integer AS unit, a[i][2]::integer AS set_no, a[i][3]::integer AS k, a[i][4] AS persons
      FROM (SELECT unit_person_masks(unit, person, sets, months) AS a FROM random_rows) x, generate_subscripts(x.a, 1) i$$,
    $$SELECT r.unit, s + 1, k, count(DISTINCT r.person)
      FROM random_rows r, generate_series(0, 4) s, generate_series(0, 23) k
      WHERE r.sets & (1 << s) <> 0 AND r.months & (1::bigint << k) <> 0
      GROUP BY 1, 2, 3$$,
    'random rows: the distinct persons per unit, set and month of a plain count(DISTINCT)');
SELECT set_eq(
    $$SELECT x.unit, a[i][2]::integer AS set_no, a[i][3]::integer AS k, a[i][4] AS persons
      FROM (SELECT unit, unit_person_masks(unit, person, sets, months) AS a FROM random_rows GROUP BY unit) x,
           generate_subscripts(x.a, 1) i$$,
    $$SELECT r.unit, s + 1, k, count(DISTINCT r.person)
      FROM random_rows r, generate_series(0, 4) s, generate_series(0, 23) k
      WHERE r.sets & (1 << s) <> 0 AND r.months & (1::bigint << k) <> 0
      GROUP BY 1, 2, 3$$,
    'the same per group of a GROUP BY');

-- Split over parallel workers (partial states merged by the combine function)
CREATE TABLE public.person_masks_rows AS SELECT * FROM random_rows;
ANALYZE public.person_masks_rows;
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
CREATE FUNCTION pg_temp.plan_text(q text) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE l text; t text := '';
BEGIN
    FOR l IN EXECUTE 'EXPLAIN ' || q LOOP t := t || l || E'\n'; END LOOP;
    RETURN t;
END $f$;
SELECT ok(pg_temp.plan_text('SELECT unit_person_masks(unit, person, sets, months) FROM public.person_masks_rows')
          LIKE '%Partial Aggregate%', 'the aggregate can be split over parallel workers');
SELECT is((SELECT unit_person_masks(unit, person, sets, months) FROM public.person_masks_rows),
          (SELECT unit_person_masks(unit, person, sets, months) FROM random_rows),
          'split so, the same counts');
RESET parallel_setup_cost; RESET parallel_tuple_cost; RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

-- Its functions called by hand: inputs are left as they were, states merge by concatenation.
SELECT is(unit_person_masks_finalfn(unit_person_masks_transfn(unit_person_masks_transfn(NULL, 1, 10, 1, 3), 1, 10, 3, 6)),
          (SELECT unit_person_masks(u, p, s, m) FROM (VALUES (1, 10::bigint, 1, 3::bigint), (1, 10, 3, 6)) v(u, p, s, m)),
          'the transition and final functions by hand give the aggregate');
SELECT is(unit_person_masks_finalfn(unit_person_masks_combine(
              (SELECT unit_person_masks_transfn(NULL, 1, 10, 1, 3)),
              (SELECT unit_person_masks_transfn(unit_person_masks_transfn(NULL, 1, 10, 3, 6), 1, 11, 2, 1)))),
          (SELECT unit_person_masks(u, p, s, m) FROM (VALUES (1, 10::bigint, 1, 3::bigint), (1, 10, 3, 6), (1, 11, 2, 1)) v(u, p, s, m)),
          'two states combined give the aggregate over both');
SELECT is((SELECT unit_person_masks_finalfn(st)
           FROM (SELECT unit_person_masks_transfn(NULL, 1, 10, 1, 3) AS st OFFSET 0) x
           WHERE unit_person_masks_transfn(st, 1, 11, 1, 3) IS NOT NULL),
          '{{1,1,0,1},{1,1,1,1}}'::bigint[],
          'a state given to the transition function by hand is not changed (still one person)');

-- Within an aggregate the state is held expanded; a flat state reaches the
-- transition function there only as an aggregate's initial value (an
-- aggregate built by hand on these functions): it is read, and the rows added.
DO $$
BEGIN
    EXECUTE format('CREATE AGGREGATE public.masks_after_person_10(integer, bigint, integer, bigint) (
                        SFUNC = medalliance.unit_person_masks_transfn, STYPE = bytea,
                        FINALFUNC = medalliance.unit_person_masks_finalfn, FINALFUNC_MODIFY = READ_WRITE,
                        INITCOND = %L)',
                   medalliance.unit_person_masks_transfn(NULL, 1, 10, 1, 3)::text);
END
$$;
SELECT is((SELECT public.masks_after_person_10(u, p, s, m) FROM (VALUES (1, 10::bigint, 3, 6::bigint), (1, 11, 2, 1)) v(u, p, s, m)),
          (SELECT unit_person_masks(u, p, s, m) FROM (VALUES (1, 10::bigint, 1, 3::bigint), (1, 10, 3, 6), (1, 11, 2, 1)) v(u, p, s, m)),
          'a flat initial state in an aggregate: its rows and the new ones counted together');

SELECT throws_ok($$SELECT unit_person_masks(1, 1, -1, 1)$$, '22023', NULL, 'a negative set mask is refused');
SELECT throws_ok($$SELECT unit_person_masks(1, 1, 1, -1)$$, '22023', NULL, 'a negative month mask is refused');
SELECT throws_ok($$SELECT unit_person_masks_finalfn('\x00'::bytea)$$, '22023', NULL, 'a bytea too short for a state is refused');
SELECT throws_ok($$SELECT unit_person_masks_finalfn(overlay(unit_person_masks_transfn(NULL, 1, 1, 1, 1) placing '\xffffff7f'::bytea from 1 for 4))$$,
                 '22023', NULL, 'a bytea whose header does not match its size is refused');
SELECT throws_ok($$SELECT unit_person_masks_transfn(substring(unit_person_masks_transfn(NULL, 1, 1, 1, 1) from 1 for 100), 1, 1, 1, 1)$$,
                 '22023', NULL, 'a truncated state is refused by the transition function');
SELECT throws_ok($$SELECT unit_person_masks_combine(unit_person_masks_transfn(NULL, 1, 1, 1, 1), '\x01020304'::bytea)$$,
                 '22023', NULL, 'and by the combine function');

SELECT * FROM finish();
ROLLBACK;
