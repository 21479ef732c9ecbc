-- The rate type: text form, accessors, ordering, merging and aggregates.
-- Every value here can be checked by eye; the intervals are checked against
-- statsmodels in test/pgtap/rate_intervals.sql.
SET search_path = medalliance, public;
SET extra_float_digits = 0;

-- Text form: whitespace-tolerant, canonical output.
SELECT '45/100'::rate AS plain, ' 3 / 7 '::rate AS spaced, '+2/+4'::rate AS signed,
       '0/0'::rate AS empty, '9223372036854775807/9223372036854775807'::rate AS largest;

-- Accessors; value is NULL for 0/0.
SELECT numerator('45/100'), denominator('45/100'), value('45/100'), value('1/3'),
       value('0/0') IS NULL AS zero_over_zero_is_null;
SELECT rate(7, 7), rate(0, 5), value(rate(0, 5)), value(rate(5, 5));

-- Binary round trip through send/receive.
SELECT rate_recv_roundtrip
FROM (SELECT medalliance.rate_send('12/34') AS b) s,
     LATERAL (SELECT b = '\x000000000000000c0000000000000022'::bytea AS rate_recv_roundtrip) t;

-- Merge: numerators and denominators add.
SELECT '1/2'::rate + '3/4' AS merged, '0/0'::rate + '5/9' AS with_empty;

-- Ordering: by value, then by denominator; 0/0 first.  1/2 and 2/4 differ.
SELECT r FROM (VALUES ('2/4'::rate), ('1/3'), ('0/0'), ('1/2'), ('0/7'), ('3/3'), ('2/3'), ('0/1'))
    v(r) ORDER BY r;
SELECT '1/2'::rate = '2/4' AS eq, '1/2'::rate < '2/4' AS lt, '1/2'::rate = '1/2' AS same,
       '1/3'::rate < '1/2' AS third_below_half, '0/0'::rate < '0/1' AS empty_first;

-- Hash and sort agree on what is distinct.
SET enable_hashagg = on;
SELECT count(DISTINCT r) FROM (VALUES ('1/2'::rate), ('2/4'), ('1/2'), ('0/0'), ('0/0')) v(r);
SELECT r, count(*) FROM (VALUES ('1/2'::rate), ('2/4'), ('1/2'), ('0/0'), ('0/0')) v(r)
    GROUP BY r ORDER BY r;

-- Aggregates: NULLs are skipped, empty input gives NULL, a group of
-- zero-denominator rows gives 0/0 (rows were seen).
SELECT rate_agg(flag) AS booleans FROM (VALUES (true), (false), (NULL), (true)) v(flag);
SELECT rate_agg(flag) IS NULL AS only_nulls FROM (VALUES (NULL::boolean), (NULL)) v(flag);
SELECT rate_agg(true) IS NULL AS empty FROM generate_series(1, 0);
SELECT rate_agg(n, d) AS pairs FROM (VALUES (1, 2), (NULL, 3), (2, NULL), (2, 5), (0, 0)) v(n, d);
SELECT rate_agg(0, 0) AS zero_rows FROM generate_series(1, 3);
SELECT rate_agg(r) AS rollup FROM (VALUES ('1/2'::rate), (NULL), ('3/4'), ('0/0')) v(r);
SELECT rate_agg(r) IS NULL AS rollup_of_nulls FROM (VALUES (NULL::rate)) v(r);

-- One row.
SELECT rate_agg(x > 0), rate_agg(x, 1), rate_agg(rate(x, 1)) FROM (VALUES (1)) v(x);

-- Grouped, and as a window (running total by month).
SELECT g, rate_agg(x % 2 = 0) FROM generate_series(1, 9) x, LATERAL (SELECT x % 3 AS g) s
    GROUP BY g ORDER BY g;
SELECT m, rate_agg(r) OVER (ORDER BY m) AS running
FROM (VALUES (1, '1/4'::rate), (2, '2/4'), (3, NULL), (4, '4/4')) v(m, r) ORDER BY m;

-- Intervals: 0/0 has none; x = 0 and x = n give the exact 0 and 1 bounds.
SELECT ci_lower('0/0') IS NULL AS no_interval,
       ci_lower('0/20') AS wilson_lower_at_zero, ci_upper('20/20') AS wilson_upper_at_n,
       ci_lower('0/20', 0.95, 'clopper_pearson') AS exact_lower_at_zero,
       ci_upper('20/20', 0.95, 'clopper_pearson') AS exact_upper_at_n;
-- Clopper-Pearson upper bound at x = 0 is 1 - (alpha/2)^(1/n): 1 - 0.025^(1/20).
SELECT abs(ci_upper('0/20', 0.95, 'clopper_pearson') - (1 - 0.025 ^ (1.0 / 20))) < 1e-15
    AS exact_upper_matches_closed_form;
SELECT (rate_diff('60/100', '45/100')).difference_pp AS fifteen_points,
       rate_diff('0/0', '1/2') IS NULL AS diff_of_empty;

-- The rate type stores and indexes.
CREATE TEMP TABLE stored (id int, r rate);
INSERT INTO stored VALUES (1, '3/10'), (2, '1/10'), (3, '5/10'), (4, '0/0');
CREATE INDEX ON stored (r);
CREATE INDEX ON stored USING hash (r);
SET enable_seqscan = off;
SELECT id FROM stored WHERE r = '1/10';
SELECT id FROM stored WHERE r < '3/10' ORDER BY r;
RESET enable_seqscan;

-- Errors (messages; the SQLSTATEs are asserted in test/pgtap/rate_errors.sql).
SELECT '3/2'::rate;
SELECT '5/'::rate;
SELECT '1/2x'::rate;
SELECT '-1/5'::rate;
SELECT rate(-1, 5);
SELECT rate(6, 5);
SELECT ci_lower('1/2', 1.5);
SELECT ci_upper('1/2', 0.95, 'wald');
SELECT '9223372036854775807/9223372036854775807'::rate + '1/1';
