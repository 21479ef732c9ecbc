-- Every bad input of the likert type and its functions raises an error with a
-- precise SQLSTATE (never XX000), also when the support functions are called
-- directly; NULLs and empty groups behave like SQL's aggregates; the edges
-- (one answer, zero variance, huge counts) give the values worked out by hand.
-- Binary input is read from files written by test/reference/likert_stats.py.
BEGIN;
SET search_path = medalliance, public;
SELECT plan(83);

-- Answers and scales: 22023, naming the value.
SELECT throws_ok($$SELECT likert_agg(6, 5)$$, '22023', 'answer 6 is outside the likert scale 1..5', 'answer above the scale');
SELECT throws_ok($$SELECT likert_agg(0, 5)$$, '22023', 'answer 0 is outside the likert scale 1..5', 'answer 0 on a 1..5 scale');
SELECT throws_ok($$SELECT likert_agg(-1, 0, 10)$$, '22023', 'answer -1 is outside the likert scale 0..10', 'answer -1 on 0..10');
SELECT throws_ok($$SELECT likert_agg(11, 0, 10)$$, '22023', 'answer 11 is outside the likert scale 0..10', 'answer 11 on 0..10');
SELECT throws_ok($$SELECT likert_agg(1, 1)$$, '22023', 'likert scale 1 is out of range', 'a one-point scale');
SELECT throws_ok($$SELECT likert_agg(1, 12)$$, '22023', 'likert scale 12 is out of range', 'a twelve-point scale');
SELECT throws_ok($$SELECT likert_agg(1, -5)$$, '22023', 'likert scale -5 is out of range', 'a negative scale');
SELECT throws_ok($$SELECT likert_agg(2, 2, 6)$$, '22023', 'likert scale 2..6 is invalid: the lowest answer must be 0 or 1',
                 'lowest answer 2');
SELECT throws_ok($$SELECT likert_agg(0, 0, 11)$$, '22023', 'likert scale 0..11 is invalid: it must have 2 to 11 points',
                 'twelve points from 0');
SELECT throws_ok($$SELECT likert_agg(1, 1, 1)$$, '22023', 'likert scale 1..1 is invalid: it must have 2 to 11 points',
                 'one point from 1');
SELECT throws_ok($$SELECT likert_agg(a, s) FROM (VALUES (3, 5), (2, 7)) v(a, s)$$, '22023',
                 'cannot merge likert scale 1..7 with scale 1..5', 'one group, two scales');
SELECT throws_ok($$SELECT likert_agg(a, 5) FROM (VALUES (1), (5), (9)) v(a)$$, '22023',
                 'answer 9 is outside the likert scale 1..5', 'a bad row after good ones');
SELECT throws_ok($$SELECT likert_agg(l) FROM (VALUES ('1..5:{1,0,0,0,0}'::likert), ('0..4:{1,0,0,0,0}')) v(l)$$,
                 '22023', 'cannot merge likert scale 0..4 with scale 1..5', 'merging two scales of the same length');
SELECT throws_ok($$SELECT '1..5:{1,0,0,0,0}'::likert + '1..4:{1,0,0,0}'$$, '22023',
                 'cannot merge likert scale 1..4 with scale 1..5', 'operator + on different scales');
-- The same checks when the support functions are called directly.
SELECT throws_ok($$SELECT likert_accum(NULL, 7, 5)$$, '22023', NULL, 'likert_accum: answer 7 of 5');
SELECT throws_ok($$SELECT likert_accum('1..5:{0,0,0,0,1}', 3, 7)$$, '22023', NULL, 'likert_accum: state 1..5, scale 7');
SELECT throws_ok($$SELECT likert_accum_range(NULL, 1, 3, 3)$$, '22023', NULL, 'likert_accum_range: scale 3..3');
SELECT throws_ok($$SELECT likert_combine('1..2:{1,1}', '0..1:{1,1}')$$, '22023', NULL, 'likert_combine: two scales');
SELECT is(likert_accum('1..5:{0,0,0,0,1}', 3, 5)::text, '1..5:{0,0,1,0,1}', 'likert_accum called directly adds one answer');
SELECT is((SELECT l::text FROM (SELECT '1..3:{1,1,1}'::likert AS l) x WHERE likert_accum(l, 1, 3) IS NOT NULL),
          '1..3:{1,1,1}', 'and never modifies its argument');
SELECT is(likert_combine(NULL, NULL)::text, NULL, 'likert_combine(NULL, NULL) is NULL');
SELECT is(likert_combine(NULL, '1..2:{0,3}')::text, '1..2:{0,3}', 'likert_combine(NULL, x) is x');

-- Counts beyond bigint: 22003.
SELECT throws_ok($$SELECT '1..2:{9223372036854775807,0}'::likert + '1..2:{0,1}'$$, '22003',
                 'likert answer count out of range', 'a merged total beyond bigint');
SELECT throws_ok($$SELECT likert_agg(l) FROM (VALUES ('1..2:{9223372036854775807,0}'::likert), ('1..2:{1,0}')) v(l)$$,
                 '22003', 'likert answer count out of range', 'likert_agg(likert) beyond bigint');
SELECT throws_ok($$SELECT likert_accum('1..2:{9223372036854775807,0}', 1, 2)$$, '22003', NULL,
                 'one more answer beyond bigint');
SELECT throws_ok($$SELECT '1..2:{9223372036854775807,1}'::likert$$, '22003', NULL, 'text whose counts add up beyond bigint');

-- Readers: 22023 for bad arguments.
SELECT throws_ok($$SELECT top_box('1..5:{1,1,1,1,1}', 0)$$, '22023', 'top_box boxes 0 is out of range for the scale 1..5',
                 'top_box with 0 boxes');
SELECT throws_ok($$SELECT top_box('1..5:{1,1,1,1,1}', 6)$$, '22023', NULL, 'top_box with more boxes than points');
SELECT throws_ok($$SELECT nps('1..5:{1,1,1,1,1}')$$, '22023', 'nps needs the 0..10 scale, not 1..5', 'nps of a 5-point item');
SELECT throws_ok($$SELECT nps('1..11:{1,1,1,1,1,1,1,1,1,1,1}')$$, '22023', NULL, 'nps of 1..11');
SELECT throws_ok($$SELECT mean_ci_lower('1..5:{1,1,1,1,1}', 1)$$, '22023', 'confidence level 1 is out of range', 'level 1');
SELECT throws_ok($$SELECT mean_ci_upper('1..5:{1,1,1,1,1}', 'NaN')$$, '22023', 'confidence level NaN is out of range', 'level NaN');
SELECT throws_ok($$SELECT score_100_ci_lower('1..5:{1,1,1,1,1}', 'Infinity')$$, '22023', NULL, 'level +Infinity');
SELECT throws_ok($$SELECT score_100_ci_upper('1..5:{1,1,1,1,1}', '-Infinity')$$, '22023', NULL, 'level -Infinity');
SELECT throws_ok($$SELECT mean_ci_lower('1..5:{1,0,0,0,0}', 0)$$, '22023', NULL, 'the level is checked even below 2 answers');
SELECT throws_ok($$SELECT student_t_quantile(1, 5)$$, '22023', 'probability 1 is out of range', 't quantile at p = 1');
SELECT throws_ok($$SELECT student_t_quantile(0.5, 0)$$, '22023', 'degrees of freedom 0 are out of range', 't with 0 df');
SELECT throws_ok($$SELECT student_t_quantile(0.5, 'NaN')$$, '22023', NULL, 't with NaN df');

-- Malformed text: 22P02.
SELECT throws_ok(format('SELECT %L::medalliance.likert', t), '22P02', NULL, 'malformed: ' || t)
FROM unnest(ARRAY['', '1..5', '1..5:{1,2,3,4}', '1..5:{1,2,3,4,5,6}', '2..6:{1,1,1,1,1}', '1..1:{1}',
                  '0..11:{1,1,1,1,1,1,1,1,1,1,1,1}', '1..5:{1,2,3,4,-5}', '1..5:{1,2,3,4,5} x', '1-5:{1,2,3,4,5}',
                  '1..5:{1,2,3,4,5.0}', '1..5:{1,2,3,4,99999999999999999999}', '1..5:(1,2,3,4,5)']) t;

-- NULLs and empty groups, as SQL's aggregates.
SELECT is((SELECT likert_agg(a, 5)::text FROM (VALUES (NULL::int)) v(a)), NULL, 'only NULL answers: NULL');
SELECT is((SELECT likert_agg(a, 5)::text FROM generate_series(1, 0) a), NULL, 'no rows: NULL');
SELECT is((SELECT likert_agg(a, s)::text FROM (VALUES (3, 5), (NULL, 5), (4, NULL), (2, 5)) v(a, s)),
          '1..5:{0,1,1,0,0}', 'rows with a NULL answer or scale are skipped');
SELECT is((SELECT likert_agg(l)::text FROM (VALUES (NULL::likert), ('1..2:{1,2}'), (NULL)) v(l)), '1..2:{1,2}',
          'likert_agg(likert) skips NULL states');
SELECT is((SELECT count(*) FROM (SELECT g, likert_agg(a, 5) FROM (VALUES (1, 2), (2, NULL)) v(g, a) GROUP BY g) x), 2::bigint,
          'a group of NULL answers still has its row');
SELECT is(ARRAY[mean('1..5:{0,0,0,0,0}'), score_100('1..5:{0,0,0,0,0}'), mean_ci_lower('1..5:{0,0,0,0,0}'),
                nps('0..10:{0,0,0,0,0,0,0,0,0,0,0}')], ARRAY[NULL, NULL, NULL, NULL]::float8[],
          'the empty distribution (text input) has no mean, score, interval or NPS');
SELECT is(n('1..5:{0,0,0,0,0}'), 0::bigint, 'and n = 0');
SELECT is(top_box('1..5:{0,0,0,0,0}')::text, '0/0', 'and its top box is the rate 0/0');

-- Edges worked by hand.
-- One answer 4 on 1..5: mean 4, score 100·3/4 = 75, no variance, no interval.
SELECT is(ARRAY[mean(l), score_100(l)], ARRAY[4, 75]::float8[], 'one answer 4 of 5: mean 4, score 75')
FROM (SELECT likert_agg(4, 5) AS l) x;
SELECT is(mean_ci_upper(likert_agg(4, 5)), NULL, 'one answer: no interval');
-- Ties and zero variance: 1,000,000 answers 5 → score 100, interval [5, 5].
SELECT is(ARRAY[score_100(l), mean_ci_lower(l), mean_ci_upper(l), score_100_ci_lower(l)], ARRAY[100, 5, 5, 100]::float8[],
          'zero variance: score 100 and the interval collapses to the mean')
FROM (SELECT '1..5:{0,0,0,0,1000000}'::likert AS l) x;
-- Answers 1 and 2, one each: mean 1.5, s² = 0.5, se = 0.5, t(0.975, 1) = 12.7062047361747 →
-- 1.5 ± 6.35310236808735.
SELECT ok(abs(mean_ci_upper('1..2:{1,1}') - (1.5 + 0.5 * tan(pi() * 0.475))) < 1e-12,
          'two answers 1 and 2: 1.5 + t(0.975, 1)·0.5, where t(p, 1) = tan(π(p − 1/2))');
-- Closed forms of Student's t quantile: df 1, tan(π(p − 1/2)); df 2, (2p − 1)·√(2/(4p(1 − p))).
SELECT ok(bool_and(abs(student_t_quantile(p, 1) - tan(pi() * (p - 0.5))) <= 1e-12 * abs(tan(pi() * (p - 0.5)))
               AND abs(student_t_quantile(p, 2) - (2 * p - 1) * sqrt(2 / (4 * p * (1 - p))))
                   <= 1e-12 * abs((2 * p - 1) * sqrt(2 / (4 * p * (1 - p))))),
          'student_t_quantile matches the closed forms for 1 and 2 degrees of freedom to 1e-12')
FROM unnest(ARRAY[0.6, 0.8, 0.9, 0.95, 0.975, 0.995, 0.9995, 0.3, 0.025]::float8[]) p;
-- NPS: 0..10, answers 10, 9, 8, 6 → (2 − 1)/4 = 25 points.
SELECT is(nps(likert_agg(a, 0, 10)), 25::float8, 'NPS of 10, 9, 8, 6 is 25')
FROM (VALUES (10), (9), (8), (6)) v(a);
-- Huge counts: 4·10^18 answers 1 and 4·10^18 answers 2 on 1..2: mean 1.5, score 50,
-- variance n/(4(n−1)) ≈ 0.25, exact integer sums.
SELECT is(ARRAY[mean(l), score_100(l)], ARRAY[1.5, 50]::float8[], 'huge counts: mean 1.5 and score 50 exactly')
FROM (SELECT '1..2:{4000000000000000000,4000000000000000000}'::likert AS l) x;
SELECT ok(abs(answer_variance('1..2:{4000000000000000000,4000000000000000000}') - 0.25) < 1e-15,
          'huge counts: variance 0.25');
SELECT is(top_box('1..7:{1,2,3,4,5,6,7}', 3)::text, '18/28', 'top three boxes of 1..7: 5 + 6 + 7 = 18 of 28');

-- Binary input through COPY (FORMAT binary).
CREATE TEMP TABLE received (l likert);
SELECT lives_ok(format('COPY received FROM %L (FORMAT binary)', :'fixtures' || '/likert_valid.bin'),
                'a valid binary file loads');
SELECT results_eq($$SELECT l::text FROM received$$,
                  $$VALUES ('1..5:{0,1,3,10,6}'), ('0..10:{0,1,2,3,4,5,6,7,8,9,10}'),
                           ('1..2:{4611686018427387904,4611686018427387903}'), ('1..11:{0,0,0,0,0,0,0,0,0,0,0}')$$,
                  'binary input decodes the version, the scale and big-endian int64 counts');
SELECT is_empty($$SELECT l FROM received WHERE likert_send(l::text::likert) IS DISTINCT FROM likert_send(l)$$,
                'send gives the same bytes after a text round trip');
SELECT throws_ok(format('COPY received FROM %L (FORMAT binary)', :'fixtures' || '/' || f || '.bin'),
                 '22P03', NULL, 'refused with 22P03: ' || f)
FROM unnest(ARRAY['likert_version0', 'likert_version2', 'likert_lowest2', 'likert_points1', 'likert_points12',
                  'likert_short', 'likert_long', 'likert_tiny', 'likert_negative', 'likert_overflow']) f;

-- Fuzzing the text input: 10,000 mutations of valid values (characters
-- replaced, inserted or deleted) and random strings.  Every input is either
-- accepted and round-trips, or refused with 22P02 or 22003.
CREATE FUNCTION pg_temp.fuzz_text(n integer) RETURNS TABLE (outcome text, cases bigint)
LANGUAGE plpgsql AS $$
DECLARE
    seeds text[] := ARRAY['1..5:{0,1,3,10,6}', '0..10:{0,1,2,3,4,5,6,7,8,9,10}', '1..2:{9223372036854775806,1}',
                          '1..11:{0,0,0,0,0,0,0,0,0,0,0}', '0..1:{3,4}'];
    alphabet text := '{}.:,0123456789-+ x';
    s text; v medalliance.likert; i integer; k integer; pos integer;
    results text[] := '{}';
BEGIN
    PERFORM setseed(0.2611);
    FOR i IN 1 .. n LOOP
        IF i % 10 = 0 THEN
            s := '';
            FOR k IN 1 .. 1 + (random() * 30)::int LOOP
                s := s || substr(alphabet, 1 + (random() * (length(alphabet) - 1))::int, 1);
            END LOOP;
        ELSE
            s := seeds[1 + (random() * 4)::int];
            FOR k IN 1 .. 1 + (random() * 2)::int LOOP
                pos := 1 + (random() * length(s))::int;
                CASE (random() * 2)::int
                    WHEN 0 THEN s := overlay(s placing substr(alphabet, 1 + (random() * (length(alphabet) - 1))::int, 1) from pos for 1);
                    WHEN 1 THEN s := overlay(s placing substr(alphabet, 1 + (random() * (length(alphabet) - 1))::int, 1) from pos for 0);
                    ELSE s := overlay(s placing '' from pos for 1);
                END CASE;
            END LOOP;
        END IF;
        BEGIN
            v := s::medalliance.likert;
            IF v::text::medalliance.likert::text = v::text THEN
                results := results || 'accepted, round trip'::text;
            ELSE
                results := results || ('accepted, round trip broken: ' || s);
            END IF;
        EXCEPTION WHEN OTHERS THEN
            results := results || ('refused ' || SQLSTATE);
        END;
    END LOOP;
    RETURN QUERY SELECT r, count(*) FROM unnest(results) r GROUP BY r;
END $$;
CREATE TEMP TABLE fuzz_outcomes AS SELECT * FROM pg_temp.fuzz_text(10000);
SELECT is_empty($$SELECT outcome FROM fuzz_outcomes
                  WHERE outcome NOT IN ('accepted, round trip', 'refused 22P02', 'refused 22003')$$,
                'text fuzzing: every input is accepted and round-trips, or refused with 22P02/22003');
SELECT cmp_ok((SELECT cases FROM fuzz_outcomes WHERE outcome = 'accepted, round trip'), '>', 100::bigint,
              'text fuzzing: some mutants are valid values (the fuzzer is not only producing junk)');

SELECT * FROM finish();
ROLLBACK;
