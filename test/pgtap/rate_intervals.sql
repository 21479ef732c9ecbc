-- The rate intervals against an independent implementation: statsmodels,
-- run at test time by test/reference/proportion_ci.py (scipy's beta quantiles,
-- its own Wilson formula).  Agreement is to 1e-9 relative.  Where the exact
-- bound is 0 (Wilson at x = 0), statsmodels' centre - half-width leaves
-- rounding noise of order 1e-17, so values within 1e-15 of each other agree
-- too; the same absolute floor (1e-12 percentage points) applies to
-- differences of two rates, which may cancel to 0.
BEGIN;
SET search_path = medalliance, public;
SELECT plan(10);

CREATE TEMP TABLE ci_reference (
    x bigint, n bigint, level double precision, method text,
    lower double precision, upper double precision
);
\copy ci_reference FROM 'test/generated/proportion_ci.csv' WITH (FORMAT csv, HEADER true)

CREATE TEMP TABLE newcombe_reference (
    x1 bigint, n1 bigint, x2 bigint, n2 bigint, level double precision,
    difference_pp double precision, lower_pp double precision, upper_pp double precision
);
\copy newcombe_reference FROM 'test/generated/newcombe.csv' WITH (FORMAT csv, HEADER true)

CREATE FUNCTION pg_temp.agrees(ours double precision, theirs double precision,
                               floor_abs double precision DEFAULT 1e-15)
RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT ours = theirs
        OR abs(ours - theirs) <= 1e-9 * greatest(abs(ours), abs(theirs))
        OR abs(ours - theirs) <= floor_abs
$$;

SELECT cmp_ok((SELECT count(DISTINCT (x, n, level)) FROM ci_reference), '>=', 1000::bigint,
              'at least 1,000 random (x, n) pairs');
SELECT ok((SELECT bool_and(e) FROM (VALUES
              (EXISTS (SELECT FROM ci_reference WHERE x = 0)),
              (EXISTS (SELECT FROM ci_reference WHERE x = n AND n > 1)),
              (EXISTS (SELECT FROM ci_reference WHERE n = 1)),
              (EXISTS (SELECT FROM ci_reference WHERE n = 1000000000))) v(e)),
          'the pairs include x = 0, x = n, n = 1 and n = 10^9');

SELECT is_empty($$
    SELECT x, n, level, lower, ci_lower(rate(x, n), level, 'wilson') AS ours_lower,
           upper, ci_upper(rate(x, n), level, 'wilson') AS ours_upper
    FROM ci_reference WHERE method = 'wilson'
      AND NOT (pg_temp.agrees(ci_lower(rate(x, n), level, 'wilson'), lower)
           AND pg_temp.agrees(ci_upper(rate(x, n), level, 'wilson'), upper))
$$, 'Wilson intervals agree with statsmodels proportion_confint(method=wilson)');

SELECT is_empty($$
    SELECT x, n, level, lower, ci_lower(rate(x, n), level, 'clopper_pearson') AS ours_lower,
           upper, ci_upper(rate(x, n), level, 'clopper_pearson') AS ours_upper
    FROM ci_reference WHERE method = 'clopper_pearson'
      AND NOT (pg_temp.agrees(ci_lower(rate(x, n), level, 'clopper_pearson'), lower)
           AND pg_temp.agrees(ci_upper(rate(x, n), level, 'clopper_pearson'), upper))
$$, 'Clopper-Pearson intervals agree with statsmodels proportion_confint(method=beta)');

SELECT is_empty($$
    SELECT x, n, level, lower, ci_lower(rate(x, n), level, 'jeffreys') AS ours_lower,
           upper, ci_upper(rate(x, n), level, 'jeffreys') AS ours_upper
    FROM ci_reference WHERE method = 'jeffreys'
      AND NOT (pg_temp.agrees(ci_lower(rate(x, n), level, 'jeffreys'), lower)
           AND pg_temp.agrees(ci_upper(rate(x, n), level, 'jeffreys'), upper))
$$, 'Jeffreys intervals agree with statsmodels proportion_confint(method=jeffreys)');

SELECT is_empty($$
    SELECT * FROM ci_reference
    WHERE NOT (ci_lower(rate(x, n), level, method) <= x::float8 / n
           AND x::float8 / n <= ci_upper(rate(x, n), level, method))
      AND method <> 'jeffreys'
$$, 'Wilson and Clopper-Pearson intervals contain the point estimate');

SELECT is_empty($$
    SELECT r.*, d.*
    FROM newcombe_reference r, rate_diff(rate(x1, n1), rate(x2, n2), level) d
    WHERE NOT (pg_temp.agrees(d.difference_pp, r.difference_pp, 1e-12)
           AND pg_temp.agrees(d.ci_lower_pp, r.lower_pp, 1e-12)
           AND pg_temp.agrees(d.ci_upper_pp, r.upper_pp, 1e-12))
$$, 'rate_diff agrees with statsmodels confint_proportions_2indep(method=newcomb)');

SELECT cmp_ok((SELECT count(*) FROM newcombe_reference), '>=', 300::bigint,
              'at least 300 pairs of rates for rate_diff');

-- A worked example by hand: 45/100 at 95%, z = 1.959963984540054.
-- Wilson upper = (2*45 + z^2 + z*sqrt(z^2 + 4*45*55/100)) / (2*(100 + z^2))
--             = (90 + 3.841458820694124 + 1.959963984540054*sqrt(3.841458820694124 + 99))
--               / 207.68291764138825 = 0.547553970025...
SELECT ok(abs(ci_upper('45/100') - 0.5475539700255787) < 1e-15,
          'Wilson upper bound of 45/100 at 95% worked by hand');
-- 60/100 - 45/100 = 15 percentage points, exactly.
SELECT is((rate_diff('60/100', '45/100')).difference_pp, 15::float8,
          'rate_diff point difference is exact: 60% - 45% = 15 pp');

SELECT * FROM finish();
ROLLBACK;
