-- target_attainment's interval and verdict: the target lies outside the 95%
-- Wilson interval exactly when the score test rejects it at 5% (the Wilson
-- interval is the inversion of the score test), a relation between two
-- different computations; and the p-value is rate_test's exact one.
BEGIN;
SET search_path = medalliance, public;
SELECT plan(5);
\i test/fixtures/indicator_world.sql
SELECT lives_ok($$SELECT refresh_indicators('2023-01-01', '2024-12-31')$$, 'refresh the hand-built world');
CREATE TEMP TABLE judged AS
SELECT t.*, (rate_test(rate(t.numerator, t.denominator), t.target_value)).score_p_value AS score_p
FROM target_attainment t WHERE t.verdict IS NOT NULL;
SELECT cmp_ok((SELECT count(*) FROM judged), '>', 0::bigint, 'some absolute rate targets are judged');
SELECT is_empty($$SELECT * FROM judged
                  WHERE (verdict <> 'within_noise') <> (score_p < 0.05)
                    AND abs(score_p - 0.05) > 1e-9$$,
                'outside the interval exactly when the score test rejects the target at 5%');
SELECT is_empty($$SELECT * FROM judged
                  WHERE (verdict = 'clearly_below' AND value >= target_value)
                     OR (verdict = 'clearly_above' AND value <= target_value)$$,
                'the verdict points the way the value lies');
SELECT is_empty($$SELECT * FROM target_attainment
                  WHERE verdict IS NOT NULL AND (target_kind <> 'absolute' OR value_unit <> 'percent')$$,
                'change, direction and count targets get no verdict');
SELECT * FROM finish();
ROLLBACK;
