-- DROP EXTENSION cannot silently take the warehouse (issue 14).  The
-- warehouse tables are members of the extension: a drop, CASCADE or not,
-- would drop them with their rows.  The event trigger medalliance_drop_guard
-- refuses DROP EXTENSION medalliance and DROP SCHEMA medalliance while any
-- table holds rows that pg_dump keeps as user data; an empty warehouse drops
-- and reinstalls; SET medalliance.allow_drop = on lets a DBA drop on purpose.
BEGIN;
SET search_path = medalliance, public;
SELECT plan(15);

INSERT INTO region (region_id, region_code, region_name, region_level) VALUES (1, 'P', 'Province', 'province');

SELECT throws_ok($$DROP EXTENSION medalliance$$, '55000', 'dropping medalliance would delete the rows of 1 table(s)',
                 'DROP EXTENSION is refused while the warehouse holds a row');
SELECT throws_ok($$DROP EXTENSION medalliance CASCADE$$, '55000', NULL, 'so is DROP EXTENSION ... CASCADE');
SELECT throws_ok($$DROP SCHEMA medalliance CASCADE$$, '55000', NULL, 'and DROP SCHEMA medalliance CASCADE');
SELECT is((SELECT count(*) FROM region), 1::bigint, 'the row is still there');

-- What the message names: every table with rows a dump would keep.
CREATE TEMP TABLE detail_seen (detail text);
DO $$
BEGIN
    DROP EXTENSION medalliance;
EXCEPTION WHEN object_not_in_prerequisite_state THEN
    DECLARE d text;
    BEGIN
        GET STACKED DIAGNOSTICS d = PG_EXCEPTION_DETAIL;
        INSERT INTO detail_seen VALUES (d);
    END;
END
$$;
SELECT matches((SELECT detail FROM detail_seen), ': medalliance\.region\.$', 'the detail names the table that holds rows');

-- A configuration row a user added counts too; the presets do not.
DELETE FROM region;
INSERT INTO scheme (scheme_code, scheme_kind, title, document_code, based_on_scheme)
VALUES ('my_targets', 'targets', 'our targets', 'project_default', 'hainan_2024_targets');
SELECT throws_ok($$DROP EXTENSION medalliance$$, '55000', 'dropping medalliance would delete the rows of 1 table(s)',
                 'a scheme added by a user also stops the drop');
DELETE FROM scheme WHERE scheme_code = 'my_targets';

-- Other drops are not concerned.
CREATE SCHEMA medalliance_other;
INSERT INTO region (region_id, region_code, region_name, region_level) VALUES (1, 'P', 'Province', 'province');
SELECT lives_ok($$DROP SCHEMA medalliance_other$$, 'dropping another schema is not held up');
CREATE EXTENSION medalliance_demo;
SELECT lives_ok($$DROP EXTENSION medalliance_demo$$, 'nor is dropping the demo extension (its tables are its own)');

-- On purpose: the session setting lets the drop through, rows and all.
SAVEPOINT before_purpose;
SET LOCAL medalliance.allow_drop = on;
SELECT lives_ok($$DROP EXTENSION medalliance$$, 'with medalliance.allow_drop = on the drop goes through');
SELECT is(to_regclass('medalliance.region'), NULL, 'and takes the warehouse with it');
ROLLBACK TO SAVEPOINT before_purpose;

-- An empty warehouse drops and reinstalls.
DELETE FROM region;
SELECT lives_ok($$DROP EXTENSION medalliance$$, 'an empty warehouse lets the extension be dropped');
SELECT ok(NOT EXISTS (SELECT FROM pg_event_trigger WHERE evtname = 'medalliance_drop_guard'),
          'the event trigger went with it');
SELECT ok(to_regnamespace('medalliance') IS NOT NULL
          AND NOT EXISTS (SELECT FROM pg_class WHERE relnamespace = to_regnamespace('medalliance'))
          AND NOT EXISTS (SELECT FROM pg_proc WHERE pronamespace = to_regnamespace('medalliance')),
          'it leaves schema medalliance behind, empty');
SELECT lives_ok($$CREATE EXTENSION medalliance$$, 'and installed again (into that empty schema)');
SELECT is((SELECT count(*) FROM medalliance.scheme WHERE is_preset AND scheme_code = 'six_unifications'), 1::bigint,
          'the presets are back');

SELECT * FROM finish();
ROLLBACK;
