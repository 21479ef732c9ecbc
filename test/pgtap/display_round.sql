-- display_round (src/display.c), the rounding of the BI views: against
-- round(numeric) away from ties, at five scales, both signs, past 2^53 once
-- scaled, and its range of decimals.  The BI views' own rounding (ties, NaN,
-- infinities) is checked in bi_views.sql.
BEGIN;
SET search_path = medalliance, public;
SELECT plan(5);

SELECT is_empty($$
    SELECT x, d FROM generate_series(-3000, 3000) i
    CROSS JOIN LATERAL (VALUES ((i::bigint * 7919 % 100003) / 997.0 * sign(i))) v(x)
    CROSS JOIN (VALUES (0), (1), (2), (3), (6)) s(d)
    WHERE display_round(x, d) IS DISTINCT FROM round(x::numeric, d) OR scale(display_round(x, d)) <> d
$$, 'display_round equals round(numeric) away from ties, with the scale asked for');
SELECT is_empty($$
    SELECT x, d FROM (VALUES (123456789012.3456::float8, 6), (-9.87654321e13, 4), (4.2e20, 2), (-0.0, 2)) v(x, d)
    WHERE display_round(x, d) IS DISTINCT FROM round(x::numeric, d) OR scale(display_round(x, d)) <> d
$$, 'and past 2^53 once scaled, and for -0');
SELECT results_eq($$SELECT display_round(x, 2)::text FROM unnest('{2.675,-0.125,NaN,Infinity,-Infinity,0.005}'::float8[]) x$$,
                  $$VALUES ('2.68'), ('-0.13'), ('NaN'), ('Infinity'), ('-Infinity'), ('0.01')$$,
                  'ties half away from zero after scaling; NaN and the infinities as they are');
SELECT throws_ok($$SELECT display_round(1, 16)$$, '22023', NULL, 'display_round refuses more than 15 decimals');
SELECT throws_ok($$SELECT display_round(1, -1)$$, '22023', NULL, 'display_round refuses negative decimals');

SELECT * FROM finish();
ROLLBACK;
