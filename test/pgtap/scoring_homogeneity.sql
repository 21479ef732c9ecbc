-- Homogeneity: dispersion() and gini() against numpy, run at test time by
-- test/reference/qc_dispersion.py (numpy.mean, numpy.std(ddof=1), and the
-- Gini from the full matrix of pairwise differences), to 1e-12 relative;
-- then the edges worked by hand, merging, parallel plans and bad input.
BEGIN;
SET search_path = medalliance, public;
SELECT plan(32);

CREATE TEMP TABLE dv (set_id integer, value double precision);
\copy dv FROM 'test/generated/qc_dispersion_values.csv' WITH (FORMAT csv, HEADER true)
CREATE TEMP TABLE dref (set_id integer, n bigint, mean double precision, sd double precision,
                        cv double precision, min double precision, max double precision,
                        gini double precision);
\copy dref FROM 'test/generated/qc_dispersion.csv' WITH (FORMAT csv, HEADER true)

-- Relative agreement to 1e-12; values within 1e-12 of 0 of each other agree
-- too (a zero spread: numpy's two-pass sd of 0.1 repeated is ~1e-17).
CREATE FUNCTION pg_temp.agrees(ours double precision, theirs double precision) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
    SELECT (ours IS NULL AND theirs IS NULL)
        OR ours = theirs
        OR abs(ours - theirs) <= 1e-12 * greatest(abs(ours), abs(theirs))
        OR abs(ours - theirs) <= 1e-12
$$;

CREATE TEMP TABLE ours AS
SELECT set_id, (dispersion(value)).*, gini(value) AS gini, gini(array_agg(value)) AS gini_array
FROM dv GROUP BY set_id;

SELECT cmp_ok((SELECT count(*) FROM dref), '>=', 40::bigint, 'at least 40 random data sets from numpy');
SELECT is((SELECT count(*) FROM ours o JOIN dref r USING (set_id) WHERE o.n = r.n), (SELECT count(*) FROM dref),
          'n agrees for every set');
SELECT is_empty($$SELECT set_id, o.mean, r.mean FROM ours o JOIN dref r USING (set_id) WHERE NOT pg_temp.agrees(o.mean, r.mean)$$,
                'mean agrees with numpy.mean to 1e-12');
SELECT is_empty($$SELECT set_id, o.sd, r.sd FROM ours o JOIN dref r USING (set_id) WHERE NOT pg_temp.agrees(o.sd, r.sd)$$,
                'sd agrees with numpy.std(ddof=1) to 1e-12 (NULL for one value)');
SELECT is_empty($$SELECT set_id, o.cv, r.cv FROM ours o JOIN dref r USING (set_id) WHERE NOT pg_temp.agrees(o.cv, r.cv)$$,
                'CV agrees with numpy to 1e-12');
SELECT is_empty($$SELECT set_id, o.min, r.min, o.max, r.max FROM ours o JOIN dref r USING (set_id)
                  WHERE o.min <> r.min OR o.max <> r.max$$, 'min and max agree exactly');
SELECT is_empty($$SELECT set_id, o.gini, r.gini FROM ours o JOIN dref r USING (set_id) WHERE NOT pg_temp.agrees(o.gini, r.gini)$$,
                'Gini (aggregate) agrees with the pairwise numpy definition to 1e-12');
SELECT is_empty($$SELECT set_id FROM ours WHERE gini IS DISTINCT FROM gini_array$$,
                'gini(double precision[]) equals the gini aggregate');
SELECT ok((SELECT bool_and(e) FROM (VALUES
              (EXISTS (SELECT FROM dref WHERE n = 1)),
              (EXISTS (SELECT FROM dref WHERE n >= 2000)),
              (EXISTS (SELECT FROM dref WHERE sd = 0 OR sd < 1e-12)),
              (EXISTS (SELECT FROM dv WHERE value = 0))) v(e)),
          'the sets include one value, 2000 values, zero spread and zeros');

-- Edges, by hand -----------------------------------------------------------
-- {1, 2, 3, 4}: mean 2.5, Σ(x - 2.5)² = 5, sd = sqrt(5/3), cv = sd/2.5,
-- max/min 4; Σ|xi - xj| over ordered pairs = 2·(1+2+3+1+2+1) = 20,
-- Gini = 20 / (2·16·2.5) = 0.25.
SELECT results_eq($$SELECT (d).n, (d).mean, (d).min, (d).max, (d).max_min_ratio
                    FROM (SELECT dispersion(x) AS d FROM (VALUES (1::float8), (2), (3), (4)) v(x)) s$$,
                  $$VALUES (4::bigint, 2.5::float8, 1::float8, 4::float8, 4::float8)$$, 'hand: {1,2,3,4} n, mean, min, max, max/min');
SELECT ok((SELECT abs((d).sd - sqrt(5.0 / 3)) < 1e-15 AND abs((d).cv - sqrt(5.0 / 3) / 2.5) < 1e-15
           FROM (SELECT dispersion(x) AS d FROM (VALUES (1::float8), (2), (3), (4)) v(x)) s),
          'hand: {1,2,3,4} sd = sqrt(5/3), cv = sd / 2.5');
SELECT is((SELECT gini(x) FROM (VALUES (1::float8), (2), (3), (4)) v(x)), 0.25::float8, 'hand: Gini {1,2,3,4} = 0.25');
-- {0, 0, 0, 5}: pairs differing by 5: 3·2 ordered = 6, Σ = 30; 30 / (2·16·1.25) = 0.75
SELECT is((SELECT gini(x) FROM (VALUES (0::float8), (0), (0), (5)) v(x)), 0.75::float8, 'hand: Gini {0,0,0,5} = 0.75 ((n-1)/n)');
SELECT is((SELECT gini(x) FROM (VALUES (7::float8), (7), (7)) v(x)), 0::float8, 'hand: Gini of equal values (ties) = 0');
SELECT is((SELECT gini(x) FROM (VALUES (0::float8), (0)) v(x)), NULL, 'Gini of all zeros is undefined: NULL');
SELECT results_eq($$SELECT (d).n, (d).mean, (d).sd, (d).cv, (d).max_min_ratio
                    FROM (SELECT dispersion(x) AS d FROM (VALUES (42::float8)) v(x)) s$$,
                  $$VALUES (1::bigint, 42::float8, NULL::float8, NULL::float8, 1::float8)$$,
                  'one value: sd and cv NULL (as stddev()), max/min 1');
SELECT results_eq($$SELECT (d).sd, (d).cv FROM (SELECT dispersion(x) AS d FROM (VALUES (3::float8), (3), (3)) v(x)) s$$,
                  $$VALUES (0::float8, 0::float8)$$, 'zero variance: sd 0, cv 0');
SELECT results_eq($$SELECT (d).cv, (d).max_min_ratio FROM (SELECT dispersion(x) AS d FROM (VALUES (0::float8), (2)) v(x)) s$$,
                  $$VALUES (1.4142135623730951::float8 / 1, NULL::float8)$$,
                  '{0, 2}: cv = sqrt(2)/1; max/min NULL when min is 0');
SELECT is((SELECT dispersion(x) FROM (VALUES (1::float8)) v(x) WHERE false), NULL, 'no rows: NULL');
SELECT is((SELECT (dispersion(x)).n FROM (VALUES (NULL::float8), (5)) v(x)), 1::bigint, 'NULLs are skipped');
-- huge magnitudes: {1e300, 1e300}: mean 1e300, sd 0, no overflow
SELECT results_eq($$SELECT (d).mean, (d).sd FROM (SELECT dispersion(x) AS d FROM (VALUES (1e300::float8), (1e300)) v(x)) s$$,
                  $$VALUES (1e300::float8, 0::float8)$$, 'huge equal values: mean 1e300, sd 0');

-- Merging and parallel ------------------------------------------------------
-- any split merges to the whole: {1,2} + {3,4} = {1,2,3,4}
SELECT ok((SELECT abs((dispersion_final(dispersion_combine(
                          dispersion_accum(dispersion_accum('{0,0,0,0,0,0}', 1), 2),
                          dispersion_accum(dispersion_accum('{0,0,0,0,0,0}', 3), 4)))).sd - sqrt(5.0 / 3)) < 1e-15),
          'two states merge to the sd of the union (Chan)');
SELECT is(gini_final(gini_combine(gini_accum(gini_accum('{0}', 1), 2), gini_accum(gini_accum('{0}', 3), 4))),
          0.25::float8, 'two Gini states merge to the Gini of the union');
\i test/fixtures/run_parallel.sql
CREATE TABLE dispersion_rows AS SELECT (g % 1000) AS grp, ((g::bigint * 7919) % 10007)::float8 / 7 AS x
FROM generate_series(1, 300000) g;
ANALYZE dispersion_rows;
CREATE TEMP TABLE serial_d AS SELECT grp, (dispersion(x)).*, gini(x) AS gini FROM dispersion_rows GROUP BY grp;
SET LOCAL max_parallel_workers_per_gather = 2;
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL parallel_leader_participation = off;
SELECT ok(pg_temp.run_parallel('CREATE TEMP TABLE parallel_d AS SELECT grp, (dispersion(x)).*, gini(x) AS gini
                                FROM dispersion_rows GROUP BY grp'),
          'dispersion and gini run as partial aggregates in parallel workers');
SELECT is_empty($$SELECT grp FROM serial_d s JOIN parallel_d p USING (grp)
                  WHERE s.n <> p.n OR NOT pg_temp.agrees(s.sd, p.sd) OR NOT pg_temp.agrees(s.mean, p.mean)
                     OR s.gini <> p.gini$$, 'parallel equals serial (sd to 1e-12, Gini exactly)');
SELECT is_empty($$SELECT grp FROM serial_d s
                  JOIN (SELECT grp, stddev_samp(x) AS sd, avg(x) AS mean FROM dispersion_rows GROUP BY grp) c USING (grp)
                  WHERE NOT pg_temp.agrees(s.sd, c.sd) OR NOT pg_temp.agrees(s.mean, c.mean)$$,
                'sd and mean agree with stddev_samp() and avg() per group');

-- Bad input -----------------------------------------------------------------
SELECT throws_ok($$SELECT dispersion(x) FROM (VALUES (1::float8), ('NaN')) v(x)$$, '22023',
                 'dispersion: value NaN is not finite', 'dispersion: NaN');
SELECT throws_ok($$SELECT dispersion(x) FROM (VALUES ('Infinity'::float8)) v(x)$$, '22023',
                 'dispersion: value Infinity is not finite', 'dispersion: infinity');
SELECT throws_ok($$SELECT gini(x) FROM (VALUES (1::float8), (-2)) v(x)$$, '22023', 'gini: value -2 is negative', 'gini: negative value');
SELECT throws_ok($$SELECT gini(ARRAY[1, '-Infinity']::float8[])$$, '22023', 'gini: value -Infinity is not finite',
                 'gini(array): infinity');
SELECT throws_ok($$SELECT dispersion_final('{2,1,0,-1,0,3}')$$, '22023', NULL, 'dispersion: a state with negative m2, from SQL');
SELECT throws_ok($$SELECT gini_final('{5,1,2}')$$, '22023', NULL, 'gini: a state claiming more values than it holds, from SQL');

SELECT * FROM finish();
ROLLBACK;
