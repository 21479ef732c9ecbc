-- Every bad input of the rate type raises an error with a precise SQLSTATE,
-- and leaves nothing changed.
BEGIN;
SET search_path = medalliance, public;
SELECT plan(27);

-- Malformed text: 22P02.
SELECT throws_ok($$SELECT '5/'::rate$$, '22P02', NULL, 'text "5/" is malformed');
SELECT throws_ok($$SELECT 'a/b'::rate$$, '22P02', NULL, 'text "a/b" is malformed');
SELECT throws_ok($$SELECT '3/2'::rate$$, '22P02', NULL, 'text "3/2": numerator above denominator');
SELECT throws_ok($$SELECT '1/2x'::rate$$, '22P02', NULL, 'text "1/2x": trailing junk');
SELECT throws_ok($$SELECT ''::rate$$, '22P02', NULL, 'empty text');
SELECT throws_ok($$SELECT '   '::rate$$, '22P02', NULL, 'blank text');
SELECT throws_ok($$SELECT '-1/5'::rate$$, '22P02', NULL, 'text with a negative numerator');
SELECT throws_ok($$SELECT '1/-5'::rate$$, '22P02', NULL, 'text with a negative denominator');
SELECT throws_ok($$SELECT '1//2'::rate$$, '22P02', NULL, 'text "1//2"');
SELECT throws_ok($$SELECT '1.5/2'::rate$$, '22P02', NULL, 'text with a decimal numerator');
SELECT throws_ok($$SELECT '1 2/3'::rate$$, '22P02', NULL, 'text "1 2/3"');
-- Out of range in text: 22003.
SELECT throws_ok($$SELECT '1/9223372036854775808'::rate$$, '22003', NULL,
                 'a denominator beyond bigint is out of range');

-- Invalid parameters to functions and aggregates: 22023.
SELECT throws_ok($$SELECT rate(-1, 5)$$, '22023', 'invalid rate -1/5', 'rate() refuses a negative numerator');
SELECT throws_ok($$SELECT rate(1, -5)$$, '22023', 'invalid rate 1/-5', 'rate() refuses a negative denominator');
SELECT throws_ok($$SELECT rate(6, 5)$$, '22023', 'invalid rate 6/5', 'rate() refuses numerator > denominator');
SELECT throws_ok($$SELECT rate_agg(n, d) FROM (VALUES (1, 2), (3, 2)) v(n, d)$$, '22023',
                 'invalid rate 3/2', 'rate_agg(n, d) validates each row');
SELECT throws_ok($$SELECT ci_lower('1/2', 1.0)$$, '22023', NULL, 'level 1 is out of range');
SELECT throws_ok($$SELECT ci_upper('1/2', 0)$$, '22023', NULL, 'level 0 is out of range');
SELECT throws_ok($$SELECT ci_upper('1/2', 'NaN')$$, '22023', NULL, 'level NaN is out of range');
SELECT throws_ok($$SELECT ci_upper('1/2', '-Infinity')$$, '22023', NULL, 'level -Infinity is out of range');
SELECT throws_ok($$SELECT rate_diff('1/2', '1/3', 2)$$, '22023', NULL, 'rate_diff checks its level');
SELECT throws_ok($$SELECT ci_lower('1/2', 0.95, 'wald')$$, '22023',
                 'unknown confidence interval method "wald"', 'an unknown method is refused');

-- Overflow of a merge: 22003, in the operator and in each aggregate.
SELECT throws_ok($$SELECT '9223372036854775807/9223372036854775807'::rate + '0/1'$$, '22003',
                 'rate out of range', 'operator + overflows');
SELECT throws_ok($$SELECT rate_agg(r) FROM (VALUES ('1/9223372036854775807'::rate), ('0/1')) v(r)$$,
                 '22003', 'rate out of range', 'rate_agg(rate) overflows');
SELECT throws_ok($$SELECT rate_agg(n, d) FROM (VALUES (0, 9223372036854775807), (0, 1)) v(n, d)$$,
                 '22003', 'rate out of range', 'rate_agg(n, d) overflows');

-- Bad input changes nothing: a failed INSERT leaves the table as it was.
CREATE TEMP TABLE kept (r rate);
INSERT INTO kept VALUES ('1/2');
SELECT throws_ok($$INSERT INTO kept VALUES ('1/3'), ('4/3')$$, '22P02', NULL,
                 'a multi-row INSERT with one bad rate fails');
SELECT results_eq($$SELECT r::text FROM kept$$, $$VALUES ('1/2')$$, 'and the table is unchanged');

SELECT * FROM finish();
ROLLBACK;
