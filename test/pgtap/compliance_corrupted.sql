-- A stored compliance value that this extension did not write — a wrong
-- version byte, a dimension count that disagrees with the mask, a wrong size
-- — is refused on every read with SQLSTATE XX001 (data_corrupted): never a
-- crash, never XX000, never a read past its end.  The damaged values are
-- made by reinterpreting bytes as the type (casts, in this transaction only,
-- through a function that copies bytes), as a damaged table page or a
-- hand-written value would.
BEGIN;
SET search_path = medalliance, public;
SELECT plan(20);

-- Reinterpret a varlena's bytes as the other type: byteasend returns a copy
-- of its argument's bytes, whatever the declared types say.
CREATE FUNCTION pg_temp.as_compliance(bytea) RETURNS medalliance.compliance
    LANGUAGE internal IMMUTABLE STRICT AS 'byteasend';
CREATE FUNCTION pg_temp.as_bytes(medalliance.compliance) RETURNS bytea
    LANGUAGE internal IMMUTABLE STRICT AS 'byteasend';
CREATE CAST (bytea AS medalliance.compliance) WITH FUNCTION pg_temp.as_compliance(bytea);
CREATE CAST (medalliance.compliance AS bytea) WITH FUNCTION pg_temp.as_bytes(medalliance.compliance);

-- The stored layout: version (1 byte), ndims (1), mask (uint16, this
-- machine's byte order), then 56 bytes per dimension.
CREATE TEMP TABLE good AS SELECT '{1:(1.5,2,2,1,0),3:(0,0,0,0,4)}'::compliance::bytea AS b;
SELECT is((SELECT length(b) FROM good), 4 + 2 * 56, 'a stored value of two dimensions has 116 bytes');
SELECT is((SELECT overall_score(b::compliance) FROM good), 75::float8, 'the bytes read back as the value they were');

CREATE TEMP TABLE damaged (what text, c compliance);
INSERT INTO damaged
SELECT 'version 2', set_byte(b, 0, 2)::compliance FROM good UNION ALL
SELECT 'ndims 3 under a mask of two', set_byte(b, 1, 3)::compliance FROM good UNION ALL
SELECT 'one byte short', substring(b FROM 1 FOR length(b) - 1)::compliance FROM good UNION ALL
SELECT 'a header only', substring(b FROM 1 FOR 2)::compliance FROM good;

SELECT throws_ok(format('SELECT %s(c) FROM damaged WHERE what = %L', f, w), 'XX001', NULL,
                 format('%s refuses a value with %s', f, w))
FROM unnest(ARRAY['overall_score', 'dimension_scores', 'coverage', 'items_assessed']) f
CROSS JOIN unnest(ARRAY['version 2', 'ndims 3 under a mask of two', 'one byte short', 'a header only']) w
WHERE (f, w) IN (('overall_score', 'version 2'), ('dimension_scores', 'ndims 3 under a mask of two'),
                 ('coverage', 'one byte short'), ('items_assessed', 'a header only'),
                 ('overall_score', 'a header only'), ('coverage', 'version 2'));
SELECT throws_ok($$SELECT c::text FROM damaged WHERE what = 'version 2'$$, 'XX001', NULL,
                 'text output refuses it');
SELECT throws_ok($$SELECT compliance_send(c) FROM damaged WHERE what = 'one byte short'$$, 'XX001', NULL,
                 'binary output refuses it');
SELECT throws_ok($$SELECT compliance_agg(c) FROM damaged WHERE what = 'ndims 3 under a mask of two'$$,
                 'XX001', NULL, 'the merge aggregate refuses it');
SELECT throws_ok($$SELECT c + '{1:(1,1,1,1,0)}' FROM damaged WHERE what = 'version 2'$$, 'XX001', NULL,
                 'the merge operator refuses it on the left');
SELECT throws_ok($$SELECT '{1:(1,1,1,1,0)}' + c FROM damaged WHERE what = 'version 2'$$, 'XX001', NULL,
                 'the merge operator refuses it on the right');
SELECT throws_ok($$SELECT dimension_score(c, 1) FROM damaged WHERE what = 'one byte short'$$, 'XX001', NULL,
                 'dimension_score refuses it');
SELECT throws_ok($$SELECT overall_score(c, '{1,1,1}') FROM damaged WHERE what = 'version 2'$$, 'XX001', NULL,
                 'the weighted overall score refuses it');
SELECT throws_ok($$SELECT items_met(c, 1) FROM damaged WHERE what = 'ndims 3 under a mask of two'$$, 'XX001', NULL,
                 'items_met refuses it');
SELECT throws_ok($$SELECT coverage(c, '{5,5,5}') FROM damaged WHERE what = 'one byte short'$$, 'XX001', NULL,
                 'coverage with totals refuses it');
-- The message says what is wrong with the value.
SELECT throws_ok($$SELECT overall_score(c) FROM damaged WHERE what = 'ndims 3 under a mask of two'$$, 'XX001',
                 'stored compliance value is corrupted', 'the message names the problem');
SELECT is(overall_score('{1:(1,1,1,1,0)}'), 100::float8, 'after the refusals a sound value reads as before');
SELECT is((SELECT count(*) FROM damaged), 4::bigint, 'the damaged values were stored without being read');

SELECT * FROM finish();
ROLLBACK;
