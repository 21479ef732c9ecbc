-- Funnel limits against scipy, run at test time by test/reference/qc_funnel.py:
-- the exact binomial limits of Spiegelhalter 2005 (appendix A.1.1: r_p from
-- scipy.stats.binom.ppf, alpha = (cdf(r_p) - p) / pmf(r_p), limit (r_p - alpha)/n,
-- a lower limit below 0 set to 0) and the normal approximation
-- p0 ± z·sqrt(p0(1 - p0)/n), for n from 1 to 10^6; then the window function
-- (pooled rate, z-scores, winsorised over-dispersion factor, zones) on random
-- partitions, and the edges by hand.  Agreement: 1e-9 relative, or 1e-12 absolute.
BEGIN;
SET search_path = medalliance, public;
SELECT plan(26);

CREATE TEMP TABLE lim (n bigint, target double precision, level double precision,
                       lower_exact double precision, upper_exact double precision,
                       lower_normal double precision, upper_normal double precision);
\copy lim FROM 'test/generated/qc_funnel_limits.csv' WITH (FORMAT csv, HEADER true)
CREATE TEMP TABLE units (partition integer, unit integer, numerator bigint, denominator bigint);
\copy units FROM 'test/generated/qc_funnel_units.csv' WITH (FORMAT csv, HEADER true)
CREATE TEMP TABLE points (partition integer, unit integer, pooled double precision, phi double precision,
                          z double precision, inner_lower double precision, inner_upper double precision,
                          outer_lower double precision, outer_upper double precision, zone text,
                          od_inner_lower double precision, od_inner_upper double precision,
                          od_outer_lower double precision, od_outer_upper double precision, od_zone text);
\copy points FROM 'test/generated/qc_funnel_points.csv' WITH (FORMAT csv, HEADER true)

CREATE FUNCTION pg_temp.agrees(ours double precision, theirs double precision) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
    SELECT ours = theirs OR abs(ours - theirs) <= 1e-9 * greatest(abs(ours), abs(theirs))
        OR abs(ours - theirs) <= 1e-12
$$;

SELECT ok((SELECT min(n) = 1 AND max(n) = 1000000 AND count(DISTINCT n) > 300 FROM lim),
          'the limits cover n from 1 to 10^6 (over 300 distinct n)');
SELECT is_empty($$SELECT l.*, f.* FROM lim l, funnel_limits(l.n, l.target, l.level) f
                  WHERE NOT (pg_temp.agrees(f.lower_exact, l.lower_exact) AND pg_temp.agrees(f.upper_exact, l.upper_exact))$$,
                'exact binomial limits agree with scipy.stats.binom');
SELECT is_empty($$SELECT l.*, f.* FROM lim l, funnel_limits(l.n, l.target, l.level) f
                  WHERE NOT (pg_temp.agrees(f.lower_normal, l.lower_normal) AND pg_temp.agrees(f.upper_normal, l.upper_normal))$$,
                'normal-approximation limits agree with p0 ± norm.ppf·sqrt(p0(1-p0)/n)');
-- (The target need not lie between the interpolated limits at tiny n: n = 1,
-- target 0.999, level 0.8 gives an upper limit of 1 - 0.1/0.999.)
SELECT ok((SELECT bool_and(0 <= f.lower_exact AND f.lower_exact <= f.upper_exact AND f.upper_exact <= 1)
           FROM lim l, funnel_limits(l.n, l.target, l.level) f), 'exact limits are ordered and within [0, 1]');

-- By hand: n = 1, target 0.5, level 0.95.  P(R <= 0) = 0.5 >= 0.025: r = 0,
-- alpha = (0.5 - 0.025)/0.5 = 0.95, (0 - 0.95)/1 < 0 -> 0.  Upper: p = 0.975,
-- r = 1 (P(R <= 0) = 0.5 < 0.975), alpha = (1 - 0.975)/0.5 = 0.05, limit 0.95.
SELECT results_eq($$SELECT lower_exact, round(upper_exact::numeric, 12) FROM funnel_limits(1, 0.5, 0.95)$$,
                  $$VALUES (0::float8, 0.95::numeric)$$, 'hand: n = 1, target 0.5: exact limits 0 and 0.95');
-- normal, n = 100, target 0.1: 0.1 ± 1.959963984540054·0.03
SELECT ok((SELECT abs(upper_normal - (0.1 + 1.959963984540054 * 0.03)) < 1e-15
              AND abs(lower_normal - (0.1 - 1.959963984540054 * 0.03)) < 1e-15
           FROM funnel_limits(100, 0.1, 0.95)), 'hand: normal limits at n = 100, p0 = 0.1');
SELECT results_eq($$SELECT lower_exact, upper_exact FROM funnel_limits(50, 0, 0.95)$$, $$VALUES (0::float8, 0::float8)$$,
                  'target 0: both exact limits 0');
SELECT results_eq($$SELECT lower_exact, upper_exact FROM funnel_limits(50, 1, 0.95)$$, $$VALUES (1::float8, 1::float8)$$,
                  'target 1: both exact limits 1');

-- The window function ---------------------------------------------------------
CREATE TEMP TABLE ours AS
SELECT u.partition, u.unit, (funnel(u.numerator, u.denominator) OVER w).*
FROM units u WINDOW w AS (PARTITION BY u.partition);
CREATE TEMP TABLE ours_od AS
SELECT u.partition, u.unit, (funnel(u.numerator, u.denominator, 0.95, 0.998, true) OVER w).*
FROM units u WINDOW w AS (PARTITION BY u.partition);

SELECT is_empty($$SELECT * FROM ours o JOIN points p USING (partition, unit)
                  WHERE NOT (pg_temp.agrees(o.pooled_rate, p.pooled) AND pg_temp.agrees(o.overdispersion, p.phi)
                             AND pg_temp.agrees(o.z_score, p.z))$$,
                'pooled rate, z-scores and the winsorised over-dispersion factor agree with numpy');
SELECT is_empty($$SELECT * FROM ours o JOIN points p USING (partition, unit)
                  WHERE NOT (pg_temp.agrees(o.inner_lower, p.inner_lower) AND pg_temp.agrees(o.inner_upper, p.inner_upper)
                             AND pg_temp.agrees(o.outer_lower, p.outer_lower) AND pg_temp.agrees(o.outer_upper, p.outer_upper))$$,
                'exact 95% and 99.8% limits at each unit''s denominator agree with scipy');
SELECT is_empty($$SELECT * FROM ours o JOIN points p USING (partition, unit) WHERE o.zone <> p.zone$$,
                'zones agree (exact limits)');
SELECT is_empty($$SELECT * FROM ours_od o JOIN points p USING (partition, unit)
                  WHERE NOT (pg_temp.agrees(o.inner_lower, p.od_inner_lower) AND pg_temp.agrees(o.outer_upper, p.od_outer_upper))
                     OR o.zone <> p.od_zone$$,
                'over-dispersed limits (normal × sqrt(max(phi, 1))) and zones agree');
SELECT ok((SELECT count(DISTINCT zone) >= 4 FROM ours), 'the random partitions reach at least four zones');
SELECT is((SELECT o.zone FROM ours o JOIN units u USING (partition, unit) WHERE u.partition = 1 AND u.unit = 1),
          (SELECT p.zone FROM points p WHERE p.partition = 1 AND p.unit = 1), 'a zero numerator is placed like any other rate');

-- By hand: three units 1/100, 10/100, 30/100 and one without cases.
-- pooled = 41/300; the unit 30/100 is far above: z = (0.3 - 41/300)/sqrt(41/300·259/300/100).
SELECT results_eq($$SELECT round((f).pooled_rate::numeric, 15), (f).units, (f).zone
                    FROM (SELECT x, funnel(x, n) OVER () AS f FROM (VALUES (1::bigint, 100::bigint), (10, 100), (30, 100), (0, 0)) v(x, n)) s
                    ORDER BY x, (f).zone NULLS FIRST$$,
                  $$VALUES (0.136666666666667, 3::bigint, NULL::text), (0.136666666666667, 3, 'below_outer'),
                           (0.136666666666667, 3, 'within'), (0.136666666666667, 3, 'above_outer')$$,
                  'hand: pooled 41/300; 1/100 below, 10/100 within, 30/100 above; a unit without cases has no zone');
SELECT ok((SELECT abs((f).z_score - (0.3 - 41.0 / 300) / sqrt(41.0 / 300 * 259.0 / 300 / 100)) < 1e-12
           FROM (SELECT x, funnel(x, n) OVER () AS f FROM (VALUES (1::bigint, 100::bigint), (10, 100), (30, 100)) v(x, n)) s
           WHERE x = 30), 'hand: z-score of 30/100');
SELECT results_eq($$SELECT (f).pooled_rate, (f).zone FROM (SELECT funnel(x, n) OVER () AS f FROM (VALUES (0::bigint, 10::bigint), (0, 20)) v(x, n)) s$$,
                  $$VALUES (0::float8, 'within'), (0::float8, 'within')$$, 'every numerator zero: pooled 0, all within');
SELECT is((SELECT (funnel(x, n) OVER ()).overdispersion FROM (VALUES (3::bigint, 10::bigint)) v(x, n)), NULL,
          'one unit: no over-dispersion factor');

-- Bad input -----------------------------------------------------------------
SELECT throws_ok($$SELECT funnel_limits(100, 0.1, 1)$$, '22023', 'level 1 is outside (0, 1)', 'level 1');
SELECT throws_ok($$SELECT funnel_limits(100, 0.1, 0)$$, '22023', 'level 0 is outside (0, 1)', 'level 0');
SELECT throws_ok($$SELECT funnel_limits(100, 0.1, 'NaN')$$, '22023', 'level NaN is outside (0, 1)', 'level NaN');
SELECT throws_ok($$SELECT funnel_limits(0, 0.1)$$, '22023', 'funnel_limits: denominator 0 is not positive', 'denominator 0');
SELECT throws_ok($$SELECT funnel_limits(10, 1.2)$$, '22023', 'funnel_limits: target_rate 1.2 is outside [0, 1]', 'target 1.2');
SELECT throws_ok($$SELECT funnel(x, n) OVER () FROM (VALUES (5::bigint, 4::bigint)) v(x, n)$$, '22023',
                 'funnel: numerator 5 and denominator 4 are not a proportion', 'numerator above denominator');
SELECT throws_ok($$SELECT funnel(x, n, 0.998, 0.95) OVER () FROM (VALUES (1::bigint, 4::bigint)) v(x, n)$$, '22023',
                 'funnel: inner_level 0.998 is not below outer_level 0.95', 'inner level above outer');

-- Denominators beyond 2^53, where r - 1 == r in double: the quantile search once
-- stepped by one there and never ended (found by test/fuzz/kernels_fuzz.c).  At
-- target 0.5 the binomial is symmetric, so the exact limits are the normal ones
-- but for the continuity of a lattice of step 1/n = 2e-19: agreement to 1e-12
-- (the limits themselves lie 7.2e-10 from 0.5: 3.09 * 0.5 / 2^31).
SELECT ok((SELECT abs(lower_exact - lower_normal) < 1e-12 AND abs(upper_exact - upper_normal) < 1e-12
                  AND upper_exact - lower_exact BETWEEN 1.4e-9 AND 1.5e-9
           FROM funnel_limits(4611686018427387904, 0.5, 0.998)),
          'funnel_limits at a denominator of 2^62 returns, and agrees with the normal limits');

SELECT * FROM finish();
ROLLBACK;
