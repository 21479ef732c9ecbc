-- rate_test: a rate against a fixed target, checked against scipy.stats.binomtest
-- (the exact test) and the score test's formula evaluated with scipy.stats.norm,
-- both run at test time by test/reference/binomial_test.py on 600 seeded
-- (x, n, target) triples and the edges, for the three alternatives.
-- Agreement is to 1e-9 relative (1e-15 absolute for p-values near 0).
BEGIN;
SET search_path = medalliance, public;
SELECT plan(14);

CREATE TEMP TABLE reference (
    x bigint, n bigint, target_percent double precision, alternative text,
    z double precision, score_p_value double precision, exact_p_value double precision
);
\copy reference FROM 'test/generated/binomial_test.csv' WITH (FORMAT csv, HEADER true)

CREATE FUNCTION pg_temp.agrees(ours double precision, theirs double precision) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
    SELECT (ours IS NULL AND theirs IS NULL) OR ours = theirs
        OR abs(ours - theirs) <= 1e-9 * greatest(abs(ours), abs(theirs)) OR abs(ours - theirs) <= 1e-15
$$;

CREATE TEMP TABLE ours AS
SELECT r.*, t.estimate, t.z AS our_z, t.score_p_value AS our_score_p, t.exact_p_value AS our_exact_p
FROM reference r, rate_test(rate(r.x, r.n), r.target_percent, r.alternative) t;

SELECT is((SELECT count(*) FROM ours), 1800::bigint, 'every reference triple was tested (600 × 3 alternatives)');
SELECT is_empty($$SELECT x, n, target_percent, alternative, exact_p_value, our_exact_p FROM ours
                  WHERE NOT pg_temp.agrees(our_exact_p, exact_p_value)$$,
                'the exact p-value agrees with scipy.stats.binomtest');
SELECT is_empty($$SELECT x, n, target_percent, alternative, z, our_z FROM ours WHERE NOT pg_temp.agrees(our_z, z)$$,
                'the score statistic agrees with its formula');
SELECT is_empty($$SELECT x, n, target_percent, alternative, score_p_value, our_score_p FROM ours
                  WHERE NOT pg_temp.agrees(our_score_p, score_p_value)$$,
                'the score test''s p-value agrees with scipy.stats.norm');
SELECT is_empty($$SELECT x, n, estimate FROM ours WHERE NOT pg_temp.agrees(estimate, 100.0 * x / n)$$,
                'the estimate is the rate in percent');

-- By hand: 417 of 1000 against a 45% target.  z = (0.417 − 0.45) / √(0.45 · 0.55 / 1000)
-- = −0.033 / 0.0157321 = −2.09762; two-sided p = 2 Φ(−2.09762) = 0.03594: a clear shortfall at 5%,
-- where rate_diff against '45/100' (a sample of 100) cannot tell.
SELECT is((SELECT round(z::numeric, 5) FROM rate_test('417/1000', 45)), -2.09762, 'by hand: z for 417/1000 against 45%');
SELECT is((SELECT round(score_p_value::numeric, 5) FROM rate_test('417/1000', 45)), 0.03594, 'by hand: its two-sided p-value');
SELECT ok((SELECT exact_p_value < 0.05 FROM rate_test('417/1000', 45, 'less')), 'the exact one-sided test says below, too');

-- Edges and bad input.
SELECT is((SELECT rate_test('0/0', 45) IS NULL), true, '0/0 gives NULL');
SELECT results_eq($$SELECT z, score_p_value, exact_p_value FROM rate_test('0/10', 0)$$,
                  $$VALUES (NULL::double precision, NULL::double precision, 1::double precision)$$,
                  'a target of 0: no score test; 0 of 10 is certain under it');
SELECT throws_ok($$SELECT rate_test('1/2', 100.5)$$, '22023', NULL, 'a target above 100 is refused');
SELECT throws_ok($$SELECT rate_test('1/2', 'NaN')$$, '22023', NULL, 'a NaN target is refused');
SELECT throws_ok($$SELECT rate_test('1/2', 50, 'sideways')$$, '22023', NULL, 'an unknown alternative is refused');
SELECT is((SELECT exact_p_value IS NULL AND z IS NOT NULL FROM rate_test(rate(4503599627370497, 9007199254740993), 50)),
          true, 'beyond 2^53 trials: the score test only');

SELECT * FROM finish();
ROLLBACK;
