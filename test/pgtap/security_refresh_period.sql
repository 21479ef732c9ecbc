-- Bounds of a refresh period (issue 14): a period beyond the data, beyond the
-- months a warehouse can hold (1949-01 to 2199-12) or longer than 600 months
-- is refused with 22023 before anything is written; it never reaches the
-- date arithmetic (22008 "date out of range for timestamp" past year 294276).
BEGIN;
SET search_path = medalliance, public;
SELECT plan(14);

\i test/fixtures/indicator_world.sql
-- The world's facts run from 2023-05 to 2024-03 (test/fixtures/indicator_world.sql).
SELECT lives_ok($$SELECT * FROM refresh('2024-03-01', '2024-03-31')$$, 'a month of the data is refreshed');
CREATE TEMP TABLE before AS
SELECT (SELECT count(*) FROM refresh_log) AS log_rows, (SELECT count(*) FROM indicator_state) AS states;

SELECT throws_ok($$SELECT * FROM refresh('2100-01-01', '2100-01-31')$$, '22023',
                 'no facts are loaded for 2100-01 to 2100-01', 'a month after the data ends is refused');
SELECT throws_ok($$SELECT * FROM refresh('1990-01-01', '1990-12-31')$$, '22023',
                 'no facts are loaded for 1990-01 to 1990-12', 'a year before the data starts is refused');
SELECT throws_ok($$SELECT * FROM refresh('0001-01-01', '9999-12-31')$$, '22023',
                 'refresh period from 0001-01-01 to 9999-12-31 lies outside 1949-01 to 2199-12',
                 'year 1 to 9999 is refused');
SELECT throws_ok($$SELECT * FROM refresh('294277-01-01', '294277-01-31')$$, '22023', NULL,
                 'a month past year 294276 is refused with 22023, not 22008');
SELECT throws_ok($$SELECT * FROM refresh('5874897-12-01', '5874897-12-31')$$, '22023', NULL,
                 'so is the last month a date can hold');
SELECT throws_ok($$SELECT * FROM refresh('2024-01-01', '2074-12-31')$$, '22023',
                 'refresh period from 2024-01-01 to 2074-12-31 spans more than 600 months',
                 '612 months are refused');
SELECT lives_ok($$SELECT check_refresh_period('refresh', '2000-01-01', '2049-12-31')$$, '600 months pass the check');
SELECT throws_ok($$SELECT check_refresh_period('refresh', '2000-01-01', '2050-01-01')$$, '22023', NULL, '601 do not');
SELECT throws_ok($$SELECT refresh_indicators('1900-01-01', '2024-03-31')$$, '22023', NULL,
                 'a layer refreshed on its own checks the same bounds');
SELECT throws_ok($$SELECT * FROM refresh('2024-03-01', 'infinity')$$, '22023', NULL, 'an unbounded period is refused');
SELECT throws_ok($$SELECT * FROM refresh(NULL, '2024-03-31')$$, '22004', NULL, 'a missing bound is refused');

SELECT is((SELECT count(*) FROM refresh_log), (SELECT log_rows FROM before), 'no refresh_log row was written');
SELECT is((SELECT count(*) FROM indicator_state), (SELECT states FROM before), 'no state was written or removed');

SELECT * FROM finish();
ROLLBACK;
