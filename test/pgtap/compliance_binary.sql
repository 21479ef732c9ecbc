-- Binary input (compliance_recv) through COPY ... (FORMAT binary), from files
-- written byte by byte by test/reference/compliance_binary.py.  :fixtures is
-- the directory the test runner copied them to, readable by the server.
BEGIN;
SET search_path = medalliance, public;
SELECT plan(21);

CREATE TEMP TABLE received (c compliance);
SELECT lives_ok(format('COPY received FROM %L (FORMAT binary)', :'fixtures' || '/compliance_valid.bin'),
                'a valid binary file loads');
SELECT results_eq($$SELECT c::text FROM received$$,
                  $$VALUES ('{}'), ('{1:(1.5,2,2,1,0),3:(0.5,1,1,0,0)}'), ('{16:(0,0,0,0,7)}'),
                           ('{2:(0.1,0.30000000000000004,3,0,0),6:(1e-300,1e+300,1,0,0)}')$$,
                  'binary input decodes the version, the mask and big-endian float8 and int64');
-- Binary out and in again: COPY TO and back gives the same values.
CREATE TEMP TABLE round_trip AS SELECT c::text AS original, compliance_send(c) AS bytes FROM received;
SELECT is_empty($$SELECT original FROM round_trip r
                  WHERE compliance_send(original::compliance) IS DISTINCT FROM bytes$$,
                'send gives the bytes that were received');

SELECT throws_ok(format('COPY received FROM %L (FORMAT binary)', :'fixtures' || '/' || f || '.bin'),
                 '22P03', NULL, 'refused with 22P03: ' || f)
FROM unnest(ARRAY['compliance_version0', 'compliance_version2', 'compliance_short', 'compliance_long',
                  'compliance_tiny', 'compliance_empty_field', 'compliance_mask_lies',
                  'compliance_met_above', 'compliance_negative_count', 'compliance_nan',
                  'compliance_infinite', 'compliance_negative_weight', 'compliance_score_above',
                  'compliance_no_items']) f;

-- Fuzzing: 400 mutated or random values, one per file.  The manifest says,
-- by rules re-implemented in Python, which are valid and what send returns.
CREATE TEMP TABLE fuzz_manifest (case_no integer, expected text);
SELECT lives_ok(format('COPY fuzz_manifest FROM %L', :'fixtures' || '/compliance_fuzz.tsv'),
                'the fuzz manifest loads');
CREATE FUNCTION pg_temp.fuzz_binary(dir text) RETURNS TABLE (case_no integer, expected text, outcome text)
LANGUAGE plpgsql AS $$
DECLARE m record; sent bytea;
BEGIN
    CREATE TEMP TABLE fuzz_target (c medalliance.compliance);
    FOR m IN SELECT * FROM fuzz_manifest ORDER BY 1 LOOP
        BEGIN
            TRUNCATE fuzz_target;
            EXECUTE format('COPY fuzz_target FROM %L (FORMAT binary)',
                           dir || '/compliance_fuzz_' || lpad(m.case_no::text, 3, '0') || '.bin');
            SELECT medalliance.compliance_send(c) INTO sent FROM fuzz_target;
            case_no := m.case_no; expected := m.expected; outcome := sent::text;
        EXCEPTION WHEN OTHERS THEN
            case_no := m.case_no; expected := m.expected; outcome := 'refused ' || SQLSTATE;
        END;
        RETURN NEXT;
    END LOOP;
END $$;
CREATE TEMP TABLE fuzz_outcomes AS SELECT * FROM pg_temp.fuzz_binary(:'fixtures');
SELECT is_empty($$SELECT case_no, expected, outcome FROM fuzz_outcomes
                  WHERE NOT (expected = 'invalid' AND outcome = 'refused 22P03' OR expected = outcome)$$,
                'every fuzz case is refused with 22P03 exactly when invalid, and valid ones read back exactly');
SELECT cmp_ok((SELECT count(*) FROM fuzz_outcomes WHERE expected <> 'invalid'), '>=', 20::bigint,
              'the fuzz cases include valid values');
SELECT ok(pg_backend_pid() > 0, 'the server survived the fuzzing');

SELECT * FROM finish();
ROLLBACK;
