-- Every bad input of the compliance type and its functions raises an error
-- with a precise SQLSTATE (never XX000), also when the support functions are
-- called directly; random text never crashes the server.
BEGIN;
SET search_path = medalliance, public;
SELECT plan(60);

-- Aggregate arguments: 22023, naming the value.
SELECT throws_ok($$SELECT compliance_agg(0, 1, 1)$$, '22023', 'compliance dimension 0 is out of range', 'dimension 0');
SELECT throws_ok($$SELECT compliance_agg(17, 1, 1)$$, '22023', 'compliance dimension 17 is out of range', 'dimension 17');
SELECT throws_ok($$SELECT compliance_agg(-1, NULL, 1)$$, '22023', 'compliance dimension -1 is out of range',
                 'dimension -1, even for an item not assessed');
SELECT throws_ok($$SELECT compliance_agg(1, 1.5, 1)$$, '22023', 'compliance score 1.5 is out of range', 'score above 1');
SELECT throws_ok($$SELECT compliance_agg(1, -0.1, 1)$$, '22023', 'compliance score -0.1 is out of range', 'negative score');
SELECT throws_ok($$SELECT compliance_agg(1, 'NaN', 1)$$, '22023', 'compliance score NaN is out of range', 'score NaN');
SELECT throws_ok($$SELECT compliance_agg(1, 'Infinity', 1)$$, '22023', 'compliance score Infinity is out of range', 'score +Infinity');
SELECT throws_ok($$SELECT compliance_agg(1, '-Infinity', 1)$$, '22023', 'compliance score -Infinity is out of range', 'score -Infinity');
SELECT throws_ok($$SELECT compliance_agg(1, 1, -1)$$, '22023', 'compliance weight -1 is invalid', 'negative weight');
SELECT throws_ok($$SELECT compliance_agg(1, 1, 'NaN')$$, '22023', 'compliance weight NaN is invalid', 'weight NaN');
SELECT throws_ok($$SELECT compliance_agg(1, 1, 'Infinity')$$, '22023', 'compliance weight Infinity is invalid', 'weight +Infinity');
SELECT throws_ok($$SELECT compliance_agg(1, 1, '-Infinity')$$, '22023', 'compliance weight -Infinity is invalid', 'weight -Infinity');
SELECT throws_ok($$SELECT compliance_agg(1, NULL, -1)$$, '22023', 'compliance weight -1 is invalid',
                 'the weight of an item not assessed is checked too');
SELECT throws_ok($$SELECT compliance_agg(d, 1, 1) FROM (VALUES (1), (2), (99)) v(d)$$, '22023',
                 'compliance dimension 99 is out of range', 'a bad row after good ones');
-- The same checks when the transition function is called directly.
SELECT throws_ok($$SELECT compliance_accum(NULL, 0, 1, 1)$$, '22023', NULL, 'compliance_accum: dimension 0');
SELECT throws_ok($$SELECT compliance_accum('{1:(1,1,1,1,0)}', 1, 2, 1)$$, '22023', NULL, 'compliance_accum: score 2');
SELECT throws_ok($$SELECT compliance_accum('{1:(1,1,1,1,0)}', 1, 1, 'NaN')$$, '22023', NULL, 'compliance_accum: weight NaN');

-- Sums beyond float8 and counts beyond bigint: 22003.
SELECT throws_ok($$SELECT compliance_agg(1, 1, w) FROM (VALUES (1e308::float8), (1e308)) v(w)$$, '22003', NULL,
                 'a weight sum beyond float8 overflows');
SELECT throws_ok($$SELECT '{1:(1e308,1e308,1,1,0)}'::compliance + '{1:(1e308,1e308,1,1,0)}'$$, '22003', NULL,
                 'a merged weight beyond float8 overflows');
SELECT throws_ok($$SELECT '{1:(0,0,0,0,9223372036854775807)}'::compliance + '{1:(0,0,0,0,1)}'$$, '22003',
                 'compliance item count out of range', 'a merged count beyond bigint overflows');
SELECT throws_ok($$SELECT compliance_agg(c) FROM (VALUES ('{2:(0,0,9223372036854775807,0,0)}'::compliance), ('{2:(0,0,1,0,0)}')) v(c)$$,
                 '22003', 'compliance item count out of range', 'compliance_agg(compliance) overflows a count');
SELECT throws_ok($$SELECT items_assessed('{1:(0,0,9223372036854775807,0,0),2:(0,0,1,0,0)}')$$, '22003', NULL,
                 'items_assessed over dimensions overflows');

-- Reader arguments: 22023.
SELECT throws_ok($$SELECT dimension_score('{1:(1,1,1,1,0)}', 0)$$, '22023', NULL, 'dimension_score: dimension 0');
SELECT throws_ok($$SELECT items_met('{1:(1,1,1,1,0)}', 17)$$, '22023', NULL, 'items_met: dimension 17');
SELECT throws_ok($$SELECT overall_score('{1:(1,1,1,1,0)}', '{-1}')$$, '22023', NULL, 'a negative dimension weight');
SELECT throws_ok($$SELECT overall_score('{1:(1,1,1,1,0)}', '{NaN}')$$, '22023', NULL, 'a NaN dimension weight');
SELECT throws_ok($$SELECT overall_score('{1:(1,1,1,1,0)}', '{Infinity}')$$, '22023', NULL, 'an infinite dimension weight');
SELECT throws_ok($$SELECT overall_score('{1:(1,1,1,1,0)}', '{1,NULL}')$$, '22023', NULL, 'a NULL dimension weight');
SELECT throws_ok($$SELECT overall_score('{1:(1,1,1,1,0)}', '{}')$$, '22023', NULL, 'an empty weight array');
SELECT throws_ok($$SELECT overall_score('{1:(1,1,1,1,0)}', '{{1},{1}}')$$, '22023', NULL, 'a two-dimensional weight array');
SELECT throws_ok($$SELECT overall_score('{1:(1,1,1,1,0)}', array_fill(1.0::float8, ARRAY[17]))$$, '22023', NULL,
                 'seventeen dimension weights');
SELECT throws_ok($$SELECT overall_score('{3:(1,1,1,1,0)}', '{1,1}')$$, '22023', 'dimension 3 has a score but no weight',
                 'a scored dimension without a weight');
SELECT throws_ok($$SELECT coverage('{1:(1,1,1,1,0)}', '{-1}')$$, '22023', NULL, 'a negative items_total');
SELECT throws_ok($$SELECT coverage('{1:(1,1,3,1,0)}', '{2}')$$, '22023', NULL, 'more items assessed than expected');
SELECT throws_ok($$SELECT coverage('{2:(1,1,1,1,0)}', '{5}')$$, '22023', NULL, 'assessed items in a dimension with no total');

-- Malformed text: 22P02.
SELECT throws_ok($$SELECT ''::compliance$$, '22P02', NULL, 'empty text');
SELECT throws_ok($$SELECT '{'::compliance$$, '22P02', NULL, 'text "{"');
SELECT throws_ok($$SELECT '1:(1,1,1,1,0)'::compliance$$, '22P02', NULL, 'no braces');
SELECT throws_ok($$SELECT '{1:(1,1,1,1)}'::compliance$$, '22P02', NULL, 'four values instead of five');
SELECT throws_ok($$SELECT '{1:(1,1,1,1,0,0)}'::compliance$$, '22P02', NULL, 'six values');
SELECT throws_ok($$SELECT '{1:(1,1,1,1,0)}x'::compliance$$, '22P02', NULL, 'trailing junk');
SELECT throws_ok($$SELECT '{1:(1,1,1,1,0),}'::compliance$$, '22P02', NULL, 'trailing comma');
SELECT throws_ok($$SELECT '{0:(0,0,0,0,1)}'::compliance$$, '22P02', NULL, 'dimension 0');
SELECT throws_ok($$SELECT '{17:(0,0,0,0,1)}'::compliance$$, '22P02', NULL, 'dimension 17');
SELECT throws_ok($$SELECT '{1:(0,0,0,0,1),1:(0,0,0,0,1)}'::compliance$$, '22P02', NULL, 'a dimension twice');
SELECT throws_ok($$SELECT '{1:(0.5,1,1,2,0)}'::compliance$$, '22P02', NULL, 'met above assessed');
SELECT throws_ok($$SELECT '{1:(0.5,1,-1,0,0)}'::compliance$$, '22P02', NULL, 'a negative count');
SELECT throws_ok($$SELECT '{1:(-0.5,1,1,0,0)}'::compliance$$, '22P02', NULL, 'a negative weighted score');
SELECT throws_ok($$SELECT '{1:(2,1,2,0,0)}'::compliance$$, '22P02', NULL, 'weighted score above the weight');
SELECT throws_ok($$SELECT '{1:(NaN,1,1,0,0)}'::compliance$$, '22P02', NULL, 'a NaN weighted score');
SELECT throws_ok($$SELECT '{1:(0,Infinity,1,0,0)}'::compliance$$, '22P02', NULL, 'an infinite weight');
SELECT throws_ok($$SELECT '{1:(0,1e400,1,0,0)}'::compliance$$, '22P02', NULL, 'a weight beyond float8');
SELECT throws_ok($$SELECT '{1:(0,0,0,0,0)}'::compliance$$, '22P02', NULL, 'a dimension that counts no item');
SELECT throws_ok($$SELECT '{1:(1,1,0,0,1)}'::compliance$$, '22P02', NULL, 'a weight with no item assessed');
SELECT throws_ok($$SELECT '{1:(0,0,99999999999999999999,0,0)}'::compliance$$, '22P02', NULL, 'a count beyond bigint');
SELECT throws_ok($$SELECT '{1:(0.5,1,1.5,0,0)}'::compliance$$, '22P02', NULL, 'a decimal count');

-- Bad input changes nothing: a failed INSERT leaves the table as it was.
CREATE TEMP TABLE kept (c compliance);
INSERT INTO kept VALUES ('{1:(1,1,1,1,0)}');
SELECT throws_ok($$INSERT INTO kept VALUES ('{2:(1,1,1,1,0)}'), ('{2:(2,1,1,1,0)}')$$, '22P02', NULL,
                 'a multi-row INSERT with one bad value fails');
SELECT results_eq($$SELECT c::text FROM kept$$, $$VALUES ('{1:(1,1,1,1,0)}')$$, 'and the table is unchanged');

-- Fuzzing the text input: 20,000 mutations of valid values (random bytes
-- replaced, inserted or deleted, and random printable strings).  Every input
-- is either accepted and round-trips, or refused with 22P02 or 22003.
CREATE FUNCTION pg_temp.fuzz_text(n integer) RETURNS TABLE (outcome text, cases bigint)
LANGUAGE plpgsql AS $$
DECLARE
    seeds text[] := ARRAY['{1:(1.5,2,2,1,0),3:(0,0,0,0,4)}', '{16:(0.25,4,1,0,0)}', '{}',
                          '{2:(0.1,0.30000000000000004,3,0,0),6:(1e-300,1e+300,1,0,0)}'];
    alphabet text := '{}():,0123456789.eE+-NaInfy x';
    s text; v compliance; i integer; k integer; pos integer;
    results text[] := '{}';
BEGIN
    PERFORM setseed(0.4242);
    FOR i IN 1 .. n LOOP
        IF i % 10 = 0 THEN
            s := '';
            FOR k IN 1 .. 1 + (random() * 40)::int LOOP
                s := s || substr(alphabet, 1 + (random() * (length(alphabet) - 1))::int, 1);
            END LOOP;
        ELSE
            s := seeds[1 + (random() * 3)::int];
            FOR k IN 1 .. 1 + (random() * 3)::int LOOP
                pos := 1 + (random() * length(s))::int;
                CASE (random() * 2)::int
                    WHEN 0 THEN s := overlay(s placing substr(alphabet, 1 + (random() * (length(alphabet) - 1))::int, 1) from pos for 1);
                    WHEN 1 THEN s := overlay(s placing substr(alphabet, 1 + (random() * (length(alphabet) - 1))::int, 1) from pos for 0);
                    ELSE s := overlay(s placing '' from pos for 1);
                END CASE;
            END LOOP;
        END IF;
        BEGIN
            v := s::compliance;
            IF v::text::compliance::text = v::text THEN
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
CREATE TEMP TABLE fuzz_outcomes AS SELECT * FROM pg_temp.fuzz_text(20000);
SELECT is_empty($$SELECT outcome FROM fuzz_outcomes
                  WHERE outcome NOT IN ('accepted, round trip', 'refused 22P02', 'refused 22003')$$,
                'text fuzzing: every input is accepted and round-trips, or refused with 22P02/22003');
SELECT cmp_ok((SELECT cases FROM fuzz_outcomes WHERE outcome = 'accepted, round trip'), '>', 100::bigint,
              'text fuzzing: some mutants are valid values (the fuzzer is not only producing junk)');

SELECT * FROM finish();
ROLLBACK;
