-- The smaller findings of issue 14: existing roles of the extension's names,
-- the rate input forms, the generator's size check.
BEGIN;
CREATE EXTENSION IF NOT EXISTS medalliance_demo;
SET search_path = medalliance, public;
SELECT plan(17);

-- rate text input: an optional + and spaces around each part are accepted,
-- as bigint input accepts them ('+1'::bigint, ' 1 '::bigint); the value is
-- the same rate.
SELECT is('+1/2'::rate, rate(1, 2), '''+1/2'' is the rate 1/2 (a plus sign, as bigint accepts)');
SELECT is(' 1 / 2 '::rate, rate(1, 2), ''' 1 / 2 '' is the rate 1/2 (spaces around the parts)');
SELECT is('1/+2'::rate::text, '1/2', 'the output is always the canonical form');
SELECT throws_ok($$SELECT '+-1/2'::rate$$, '22P02', NULL, 'a sign followed by another is refused');
SELECT throws_ok($$SELECT '1 1/2'::rate$$, '22P02', NULL, 'spaces inside a number are refused');

-- An indicator an admin defines with formula capability_share but without
-- its capability parameter is refused when written (22023), not when a
-- refresh reaches format('%I', NULL) (22004).
SELECT throws_ok($$INSERT INTO indicator (indicator_code, name_zh, name_en, domain, unit, direction,
                       numerator_definition, denominator_definition, unit_levels, formula, parameters,
                       temporal_rollup, has_interval, document_code)
                   VALUES ('our_clinic_share', '自定义', 'our clinic share', 'capability', 'percent', 'higher_better', 'n', 'd',
                           '{county}', 'capability_share', '{"levels": ["village_clinic"]}', 'last', false,
                           'project_default')$$,
                 '22023', 'indicator "our_clinic_share": formula capability_share needs parameter capability',
                 'a new capability_share indicator without its capability is refused at definition time');
-- coverage() honours the lower bound of its array: subscript 0 is no dimension.
SELECT throws_ok($$SELECT coverage('{1:(1,1,1,1,0)}', '[0:0]={1}')$$, '22023', NULL,
                 'coverage(c, ''[0:0]={1}'') is refused, not read as dimension 1');

-- The generator refuses, before writing anything, a scale whose estimated
-- size passes medalliance_demo.max_size (default 25GB): about 24 GB per unit
-- of scale (README, "A synthetic province").
SELECT throws_ok($$SELECT * FROM medalliance_demo.generate_demo_province(2, 1)$$, '22023',
                 'scale 2 would write about 47 GB, more than medalliance_demo.max_size (25 GB)',
                 'scale 2 (about 47 GB) is refused by default');
SET LOCAL medalliance_demo.max_size = '100MB';
SELECT throws_ok($$SELECT * FROM medalliance_demo.generate_demo_province(0.01, 1)$$, '22023', NULL,
                 'with max_size 100MB, scale 0.01 (about 242 MB) is refused');
SET LOCAL medalliance_demo.max_size = 'lots';
SELECT throws_ok($$SELECT * FROM medalliance_demo.generate_demo_province(0.01, 1)$$, '22023',
                 'invalid medalliance_demo.max_size "lots"', 'an unreadable max_size is refused');
RESET medalliance_demo.max_size;
SELECT is((SELECT count(*) FROM region), 0::bigint, 'nothing was written');

-- Existing roles of the extension's names are adopted only as plain group
-- roles.  The test database's warehouse is empty, so the extension can be
-- dropped and installed again inside this transaction.
DROP EXTENSION medalliance CASCADE;
ALTER ROLE medalliance_reader LOGIN;
SELECT throws_ok($$CREATE EXTENSION medalliance$$, '55000', 'role medalliance_reader exists with LOGIN',
                 'an existing medalliance_reader that can log in is refused');
ALTER ROLE medalliance_reader NOLOGIN PASSWORD 'secret';
SELECT throws_ok($$CREATE EXTENSION medalliance$$, '55000', 'role medalliance_reader exists with a password',
                 'so is one with a password');
ALTER ROLE medalliance_reader PASSWORD NULL;
ALTER ROLE medalliance_admin CREATEROLE BYPASSRLS;
SELECT throws_ok($$CREATE EXTENSION medalliance$$, '55000', 'role medalliance_admin exists with CREATEROLE, BYPASSRLS',
                 'and an admin role with special attributes');
ALTER ROLE medalliance_admin NOCREATEROLE NOBYPASSRLS;
GRANT pg_read_all_data TO medalliance_analyst;
SELECT throws_ok($$CREATE EXTENSION medalliance$$, '55000',
                 'role medalliance_analyst exists with membership in pg_read_all_data',
                 'and an analyst role that is a member of another role');
REVOKE pg_read_all_data FROM medalliance_analyst;
ALTER ROLE medalliance_refresher LOGIN;
SELECT throws_ok($$CREATE EXTENSION medalliance$$, '55000', 'role medalliance_refresher exists with LOGIN',
                 'and a refresher role that can log in');
ALTER ROLE medalliance_refresher NOLOGIN;
SELECT lives_ok($$CREATE EXTENSION medalliance$$, 'plain group roles are adopted');

SELECT * FROM finish();
ROLLBACK;
