-- The scoring rules and the deduction aggregate against hand-worked tables.
-- Every expected value is worked out in the comment beside it; none is
-- output of the extension pasted back.
BEGIN;
SET search_path = medalliance, public;
SELECT plan(45);

CREATE FUNCTION pg_temp.near(a double precision, b double precision) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$ SELECT abs(a - b) <= 1e-12 * greatest(1, abs(b)) $$;

-- score_linear(value, floor, target, max_points) ---------------------------
-- Higher is better: floor 60, target 90, 10 points; slope 10/30 per unit.
SELECT is_empty($$
    SELECT * FROM (VALUES
        (50::float8, 0::float8),   -- beyond the floor: 0
        (60, 0),                   -- on the floor: 0
        (75, 5),                   -- (75-60)/30 = 0.5 -> 5
        (84, 8),                   -- (84-60)/30 = 0.8 -> 8
        (90, 10),                  -- on the target: 10
        (95, 10)                   -- beyond the target: 10, never more
    ) t(v, expected)
    WHERE NOT pg_temp.near(score_linear(v, 60, 90, 10), expected)
$$, 'linear, higher is better: below, on the floor, between, on and beyond the target');
-- Lower is better: floor 20, target 5 (e.g. antibiotic prescriptions %), 100 points.
SELECT is_empty($$
    SELECT * FROM (VALUES
        (25::float8, 0::float8),   -- worse than the floor: 0
        (20, 0),                   -- on the floor: 0
        (15, 100.0 / 3),           -- (15-20)/(5-20) = 1/3
        (8, 80),                   -- (8-20)/(5-20) = 0.8
        (5, 100),                  -- on the target
        (0, 100)                   -- beyond the target
    ) t(v, expected)
    WHERE NOT pg_temp.near(score_linear(v, 20, 5, 100), expected)
$$, 'linear, lower is better: direction from the order of floor and target');
SELECT is(score_linear(70, 60, 80), 50::float8, 'linear: max_points defaults to 100 ((70-60)/20 = 0.5)');
SELECT is(score_linear(70, 60, 80, 0), 0::float8, 'linear: max_points 0 gives 0');
-- floor and target 2e308 apart (their difference overflows double): once NaN
SELECT is(score_linear(1e308, -1e308, 1e308, 10), 10::float8, 'linear: on a target 2e308 above the floor, full points');
SELECT is(score_linear(0, -1e308, 1e308, 10), 5::float8, 'linear: halfway between floor -1e308 and target 1e308, half the points');

-- score_threshold(value, threshold, max_points, higher_is_better) ----------
SELECT is_empty($$
    SELECT * FROM (VALUES
        (90::float8, 90::float8, true, 5::float8),   -- on the threshold: met
        (89.9, 90, true, 0),                         -- just below: 0
        (120, 90, true, 5),                          -- beyond
        (10, 10, false, 5),                          -- lower is better, on it: met
        (10.1, 10, false, 0),                        -- just above: 0
        (5, 10, false, 5)                            -- beyond
    ) t(v, thr, higher, expected)
    WHERE score_threshold(v, thr, 5, higher) <> expected
$$, 'threshold in both directions: on, short of and beyond the threshold');

-- score_improvement(value, baseline, target_gain, max_points, relative) ----
SELECT is_empty($$
    SELECT * FROM (VALUES
        (62::float8, 60::float8, 5::float8, false, 4::float8),  -- +2 of +5 points -> 4
        (65, 60, 5, false, 10),          -- the target gain: 10
        (70, 60, 5, false, 10),          -- beyond: 10
        (60, 60, 5, false, 0),           -- no change: 0
        (58, 60, 5, false, 0),           -- worse: 0, never negative
        (8, 10, -4, false, 5),           -- a decrease asked for: -2 of -4 -> 5
        (12, 10, -4, false, 0),          -- the wrong way: 0
        (110, 100, 0.2, true, 5),        -- relative: +10% of +20% -> 5
        (130, 100, 0.2, true, 10),       -- beyond: 10
        (90, 100, -0.2, true, 5)         -- relative decrease: -10% of -20% -> 5
    ) t(v, base, gain, rel, expected)
    WHERE NOT pg_temp.near(score_improvement(v, base, gain, 10, rel), expected)
$$, 'improvement in points and relative, up and down, none, worse and beyond');

-- score_band(value, low, high, falloff, max_points) -------------------------
-- Band [90, 110], falling to 0 at 20 outside, 10 points.
SELECT is_empty($$
    SELECT * FROM (VALUES
        (100::float8, 10::float8),  -- inside
        (90, 10), (110, 10),        -- on the edges
        (80, 5), (120, 5),          -- half way down: 1 - 10/20
        (85, 7.5),                  -- 1 - 5/20
        (70, 0), (130, 0),          -- at the falloff distance: 0
        (0, 0), (500, 0)            -- far beyond: 0
    ) t(v, expected)
    WHERE NOT pg_temp.near(score_band(v, 90, 110, 20, 10), expected)
$$, 'band: inside, on the edges, falling off on both sides, beyond');
SELECT is(score_band(6, 5, 5, 2, 10), 5::float8, 'band of one point [5, 5]: 6 is half way down (1 - 1/2)');

-- Errors --------------------------------------------------------------------
SELECT throws_ok($$SELECT score_linear(70, 80, 80)$$, '22023',
                 'floor and target of score_linear are both 80', 'linear: floor equal to target rejected');
SELECT throws_ok($$SELECT score_linear('NaN', 60, 80)$$, '22023', 'value of score_linear is NaN', 'linear: NaN value');
SELECT throws_ok($$SELECT score_linear(70, '-Infinity', 80)$$, '22023', 'floor of score_linear is infinite',
                 'linear: infinite floor');
SELECT throws_ok($$SELECT score_linear(70, 60, 'Infinity')$$, '22023', 'target of score_linear is infinite',
                 'linear: infinite target');
SELECT throws_ok($$SELECT score_linear(70, 60, 80, -1)$$, '22023', 'max_points -1 of score_linear is negative',
                 'linear: negative maximum');
SELECT throws_ok($$SELECT score_threshold(70, 'NaN')$$, '22023', 'threshold of score_threshold is NaN',
                 'threshold: NaN threshold');
SELECT throws_ok($$SELECT score_threshold(70, 60, 'NaN')$$, '22023', 'max_points NaN of score_threshold is NaN',
                 'threshold: NaN maximum');
SELECT throws_ok($$SELECT score_improvement(70, 60, 0)$$, '22023', 'target_gain of score_improvement is 0',
                 'improvement: zero target gain');
SELECT throws_ok($$SELECT score_improvement(70, 0, 0.1, 10, true)$$, '22023',
                 'baseline 0 of a relative improvement is not positive', 'improvement: relative over a zero baseline');
SELECT throws_ok($$SELECT score_band(70, 80, 60, 10)$$, '22023', 'band low 80 is above high 60', 'band: low above high');
SELECT throws_ok($$SELECT score_band(70, 60, 80, 0)$$, '22023', 'falloff 0 of score_band is not positive',
                 'band: zero falloff');
SELECT is(score_linear(NULL, 60, 80), NULL, 'STRICT: a NULL value scores NULL (not assessed), not 0');

-- deduction_score(full_points, deducted, cap) -------------------------------
-- items: (20, 5, cap 3) -> 3 counted; (15, 0, 15) -> 0; (15, 15, cap 10) -> 10;
-- (10, NULL, 5) skipped.  Σ full = 50, Σ counted = 13: 50 - 13 = 37.
SELECT is((SELECT deduction_score(f, d, c) FROM (VALUES (20::float8, 5::float8, 3::float8), (15, 0, 15),
                                                       (15, 15, 10), (10, NULL, 5)) v(f, d, c)),
          37::float8, 'deduction: caps per item, NULL rows skipped (50 - (3 + 0 + 10) = 37)');
-- deductions beyond the full points: (10, 8, 8) and (0, 7, 10): 10 - 15 < 0 -> 0
SELECT is((SELECT deduction_score(f, d, c) FROM (VALUES (10::float8, 8::float8, 8::float8), (0, 7, 10)) v(f, d, c)),
          0::float8, 'deduction: never below 0 (10 - 15 -> 0)');
-- a sheet of 100 points given once, then deductions: 100 - (4 + min(30, 20)) = 76
SELECT is((SELECT deduction_score(f, d, c) FROM (VALUES (100::float8, 0::float8, 0::float8), (0, 4, 20), (0, 30, 20)) v(f, d, c)),
          76::float8, 'deduction: one total, then capped deductions (100 - 4 - 20 = 76)');
SELECT is((SELECT deduction_score(f, d, c) FROM (VALUES (10::float8, 10::float8, 10::float8)) v(f, d, c)),
          0::float8, 'deduction: one item, everything deducted -> 0');
SELECT is((SELECT deduction_score(f, d, c) FROM (VALUES (10::float8, 0::float8, 10::float8)) v(f, d, c)),
          10::float8, 'deduction: one item, nothing deducted -> 10');
SELECT is((SELECT deduction_score(f, d, c) FROM (VALUES (10::float8, 5::float8, 5::float8)) v(f, d, c) WHERE false),
          NULL, 'deduction: no rows -> NULL');
SELECT is((SELECT deduction_score(f, d, c) FROM (VALUES (10::float8, NULL::float8, 5::float8)) v(f, d, c)),
          NULL, 'deduction: only NULL rows -> NULL');
-- merge: (20, 5, 3) in one state, (15, 15, 10) in another: 35 - 13 = 22
SELECT is(deduction_final(deduction_combine(deduction_accum('{0,0,0,0,0}', 20, 5, 3),
                                            deduction_accum('{0,0,0,0,0}', 15, 15, 10))),
          22::float8, 'deduction: two states merge to the sum (35 - 13 = 22)');
SELECT is(deduction_final(deduction_combine('{0,0,0,0,0}', '{0,0,0,0,0}')), NULL, 'deduction: merging empty states -> NULL');
-- huge totals: 10^15 full points in 1000 items of 10^12, each with 0.5 deducted: exact to the half point
SELECT is((SELECT deduction_score(1e12, 0.5, 1) FROM generate_series(1, 1000)),
          1e15::float8 - 500, 'deduction: huge totals keep the half points (1e15 - 500)');
SELECT throws_ok($$SELECT deduction_score(10, 1, -1)$$, '22023', 'deduction_score: cap -1 is negative', 'deduction: negative cap');
SELECT throws_ok($$SELECT deduction_score(-10, 1, 1)$$, '22023', 'deduction_score: full_points -10 is negative',
                 'deduction: negative maximum');
SELECT throws_ok($$SELECT deduction_score(10, -1, 1)$$, '22023', 'deduction_score: deducted -1 is negative',
                 'deduction: negative deduction');
SELECT throws_ok($$SELECT deduction_score(10, 'NaN', 1)$$, '22023', 'deducted of deduction_score is NaN', 'deduction: NaN');
SELECT throws_ok($$SELECT deduction_score('Infinity', 1, 1)$$, '22023', 'full_points of deduction_score is infinite',
                 'deduction: infinite maximum');
SELECT throws_ok($$SELECT deduction_final('{1,2}')$$, '22023', NULL, 'deduction: a state of the wrong shape, called from SQL');
SELECT throws_ok($$SELECT deduction_final('{1.5,10,0,2,0}')$$, '22023', NULL, 'deduction: a fractional item count');
SELECT throws_ok($$SELECT deduction_combine('{1,10,0,2,0}', '{1,NaN,0,2,0}')$$, '22023', NULL, 'deduction: a NaN in a state');
SELECT throws_ok($$SELECT deduction_accum(NULL, 1, 1, 1)$$, '22004', NULL, 'deduction: a NULL state called from SQL');
SELECT throws_ok($$SELECT deduction_final('{1,-10,0,2,0}')$$, '22023', NULL, 'deduction: negative total in a state');

-- Parallel: the same total in parallel workers as serially.
\i test/fixtures/run_parallel.sql
CREATE TABLE deduction_rows AS
SELECT (g % 7 + 5)::float8 AS f, ((g * 7919) % 13)::float8 / 2 AS d, (g % 5 + 1)::float8 AS c
FROM generate_series(1, 200000) g;
ANALYZE deduction_rows;
CREATE TEMP TABLE serial_total AS SELECT deduction_score(f, d, c) AS s FROM deduction_rows;
SET LOCAL max_parallel_workers_per_gather = 2;
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL parallel_leader_participation = off;
SELECT ok(pg_temp.run_parallel('CREATE TEMP TABLE parallel_total AS SELECT deduction_score(f, d, c) AS s FROM deduction_rows'),
          'deduction_score runs as a partial aggregate in parallel workers');
-- independent: the same sum in numeric, exactly
SELECT is((SELECT s FROM parallel_total),
          (SELECT greatest(0, sum(f::numeric) - sum(least(d, c)::numeric))::float8 FROM deduction_rows),
          'parallel deduction_score equals the exact numeric sum');
SELECT is((SELECT s FROM parallel_total), (SELECT s FROM serial_total), 'parallel equals serial');

SELECT * FROM finish();
ROLLBACK;
