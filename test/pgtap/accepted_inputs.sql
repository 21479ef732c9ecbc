-- Inputs that used to be accepted silently are now refused with 22023 or
-- honoured (worked out in the comments).
BEGIN;
CREATE EXTENSION IF NOT EXISTS medalliance_demo;
SET search_path = medalliance, public;
SELECT plan(14);

-- Array arguments indexed by dimension honour their subscripts: the element
-- with subscript d is dimension d's.  Dimension 2 scores 0, dimension 3
-- scores 100; weights [2:3]={0,1} give 100, [2:3]={1,0} give 0.
SELECT is(overall_score('{2:(0,1,1,0,0),3:(1,1,1,1,0)}', '[2:3]={0,1}'), 100::float8,
          'weights [2:3]={0,1} weigh dimensions 2 and 3');
SELECT is(overall_score('{2:(0,1,1,0,0),3:(1,1,1,1,0)}', '[2:3]={1,0}'), 0::float8,
          'weights [2:3]={1,0} weigh dimensions 2 and 3');
-- Dimension 5: 2 items assessed of 4 expected.
SELECT is(coverage('{5:(2,2,2,2,0)}', '[5:5]={4}'), 0.5::float8, 'items_total [5:5]={4} is dimension 5''s');
SELECT is(coverage('{5:(2,2,2,2,0)}', '{0,0,0,0,4}'), 0.5::float8, 'the same written from dimension 1');
SELECT throws_ok($$SELECT coverage('{1:(1,1,1,1,0)}', '[0:0]={1}')$$, '22023', NULL,
                 'subscript 0 is not a dimension');
SELECT throws_ok($$SELECT overall_score('{1:(1,1,1,1,0)}', '[16:17]={1,1}')$$, '22023', NULL,
                 'subscript 17 is not a dimension');
SELECT throws_ok($$SELECT overall_score('{1:(1,1,1,1,0)}', '[2:2]={1}')$$, '22023',
                 'dimension 1 has a score but no weight', 'a scored dimension left out by the subscripts is refused');

-- Indicator parameters are checked against the formula when written.
SELECT throws_ok($$INSERT INTO indicator (indicator_code, name_zh, name_en, domain, unit, direction,
                       numerator_definition, denominator_definition, unit_levels, formula, parameters,
                       temporal_rollup, has_interval, document_code)
                   VALUES ('typo_rate', '拼写', 'typo', 'access', 'percent', 'higher_better', 'n', 'd',
                           '{county}', 'residence_in_county', '{"encounter_kind": ["inpatient"]}', 'sum', true,
                           'project_default')$$,
                 '22023', 'indicator "typo_rate": formula residence_in_county reads no parameter encounter_kind',
                 'a misspelled parameter is refused');
SELECT throws_ok($$UPDATE indicator SET parameters = '{"levels": ["village_clinic"]}'
                   WHERE indicator_code = 'village_clinic_standard_rate'$$,
                 '22023', 'indicator "village_clinic_standard_rate": formula capability_share needs parameter capability',
                 'a capability share without its capability is refused (not 22004 from format)');
SELECT throws_ok($$UPDATE indicator SET parameters = parameters || '{"capability": "has_helipad"}'
                   WHERE indicator_code = 'village_clinic_standard_rate'$$,
                 '22023', NULL, 'an unknown capability is refused');

-- The generator refuses a scale that would build an empty province.
SELECT throws_ok($$SELECT * FROM medalliance_demo.generate_demo_province(1e-9, 1)$$, '22023',
                 'invalid scale 1e-09', 'scale 1e-9 is refused');

-- add_month_partitions with a NULL argument creates nothing and says so.
SELECT throws_ok($$SELECT add_month_partitions(NULL, '2024-01-01', '2024-01-01')$$, '22023', NULL,
                 'a NULL table is refused');
SELECT throws_ok($$SELECT add_month_partitions('medalliance.encounter', NULL, '2024-01-01')$$, '22023', NULL,
                 'a NULL month is refused');

-- A weighted score above the weight by less than the tolerance (1e-9
-- relative) is read as the weight: the score is 100, never 100.0000001.
SELECT is(dimension_score('{1:(1.000000001,1,1,1,0)}', 1), 100::float8,
          'a weighted score a hair above its weight reads as the weight');

SELECT * FROM finish();
ROLLBACK;
