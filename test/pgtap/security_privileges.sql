-- Privileges of the three roles (issue 14): readers see aggregates, not event
-- rows; admins add monthly partitions and refresh, but cannot write the
-- refresh log by hand.  Statements run under SET ROLE / SET SESSION
-- AUTHORIZATION through pg_temp.try() (test/fixtures/as_role.sql); the
-- assertions follow as the superuser.
BEGIN;
SET search_path = medalliance, public;
SELECT plan(18);

\i test/fixtures/indicator_world.sql
\i test/fixtures/as_role.sql

-- Readers: the row-level views belong to analysts.
SET ROLE medalliance_reader;
SELECT pg_temp.try('reader referral_detail', 'SELECT * FROM medalliance.referral_detail');
SELECT pg_temp.try('reader reporting_completeness', 'SELECT * FROM medalliance.reporting_completeness');
SELECT pg_temp.try('reader indicator_value', 'SELECT * FROM medalliance_bi.indicator_value');
SELECT pg_temp.try('reader add_month_partitions', $$SELECT medalliance.add_month_partitions('medalliance.encounter', '2031-01-01', '2031-01-01')$$);
RESET ROLE;
SET ROLE medalliance_analyst;
SELECT pg_temp.try('analyst referral_detail', 'SELECT * FROM medalliance.referral_detail');
SELECT pg_temp.try('analyst reporting_completeness', 'SELECT * FROM medalliance.reporting_completeness');
RESET ROLE;
SELECT is((SELECT sqlstate FROM pg_temp.outcome WHERE label = 'reader referral_detail'), '42501',
          'a reader cannot read referral_detail (one row per referral)');
SELECT is((SELECT sqlstate FROM pg_temp.outcome WHERE label = 'reader reporting_completeness'), '42501',
          'nor reporting_completeness (one row per institution, month and feed)');
SELECT is((SELECT sqlstate FROM pg_temp.outcome WHERE label = 'reader indicator_value'), '00000',
          'a reader still reads the aggregate views (in schema medalliance_bi)');
SELECT is((SELECT sqlstate FROM pg_temp.outcome WHERE label = 'analyst referral_detail'), '00000',
          'an analyst reads referral_detail');
SELECT is((SELECT sqlstate FROM pg_temp.outcome WHERE label = 'analyst reporting_completeness'), '00000',
          'and reporting_completeness');
SELECT ok(NOT has_table_privilege('public', 'medalliance.referral_detail', 'SELECT')
          AND NOT has_table_privilege('public', 'medalliance.reporting_completeness', 'SELECT'),
          'PUBLIC reads neither');

-- Admins add monthly partitions (add_month_partitions is SECURITY DEFINER).
SET ROLE medalliance_admin;
SELECT pg_temp.try('admin add_month_partitions', $$SELECT medalliance.add_month_partitions('medalliance.encounter', '2031-01-01', '2031-02-01')$$);
SELECT pg_temp.try('admin add_month_partitions region', $$SELECT medalliance.add_month_partitions('medalliance.region', '2031-01-01', '2031-02-01')$$);
RESET ROLE;
SELECT is((SELECT sqlstate FROM pg_temp.outcome WHERE label = 'admin add_month_partitions'), '00000',
          'medalliance_admin runs add_month_partitions');
SELECT set_eq($$SELECT c.relname::text, c.relowner = p.relowner FROM pg_class c, pg_class p
                WHERE p.oid = 'medalliance.encounter'::regclass AND c.relname IN ('encounter_p203101', 'encounter_p203102')$$,
              $$VALUES ('encounter_p203101', true), ('encounter_p203102', true)$$,
              'the two partitions exist, owned like their parent');
SELECT is((SELECT sqlstate FROM pg_temp.outcome WHERE label = 'admin add_month_partitions region'), '22023',
          'it makes partitions of the monthly tables only');
SELECT is((SELECT sqlstate FROM pg_temp.outcome WHERE label = 'reader add_month_partitions'), '42501',
          'a reader cannot run it');

-- The refresh log: written by the refresh functions only.
CREATE ROLE medalliance_test_loader NOLOGIN;
GRANT medalliance_admin TO medalliance_test_loader;
SET SESSION AUTHORIZATION medalliance_test_loader;
SELECT pg_temp.try('admin refresh', $$SELECT * FROM medalliance.refresh('2024-03-01', '2024-03-31')$$);
SELECT pg_temp.try('admin insert log', $$INSERT INTO medalliance.refresh_log (layer, period_from, period_to, rows_written)
                                         VALUES ('indicators', '2024-03-01', '2024-03-01', 999)$$);
SELECT pg_temp.try('admin update log', $$UPDATE medalliance.refresh_log SET rows_written = 999$$);
SELECT pg_temp.try('admin delete log', $$DELETE FROM medalliance.refresh_log$$);
SELECT pg_temp.try('admin finish old', $$SELECT medalliance.refresh_finish((SELECT min(refresh_id) FROM medalliance.refresh_log), 999)$$);
SELECT pg_temp.try('admin open as other', format($$SELECT medalliance.refresh_log_open('indicators', '2024-03-01', '2024-03-01', NULL, %L)$$,
                                                (SELECT rolname FROM pg_roles WHERE rolsuper ORDER BY oid LIMIT 1)));
RESET SESSION AUTHORIZATION;
SELECT is((SELECT sqlstate FROM pg_temp.outcome WHERE label = 'admin refresh'), '00000',
          'a member of medalliance_admin refreshes');
SELECT set_eq($$SELECT DISTINCT performed_by::text FROM refresh_log WHERE period_from = '2024-03-01'$$,
              $$VALUES ('medalliance_test_loader')$$, 'its refresh_log rows name it');
SELECT is((SELECT sqlstate FROM pg_temp.outcome WHERE label = 'admin insert log'), '42501',
          'an admin cannot insert into refresh_log');
SELECT is((SELECT sqlstate FROM pg_temp.outcome WHERE label = 'admin update log'), '42501', 'nor update it');
SELECT is((SELECT sqlstate FROM pg_temp.outcome WHERE label = 'admin delete log'), '42501', 'nor delete from it');
SELECT is((SELECT sqlstate FROM pg_temp.outcome WHERE label = 'admin finish old'), '55000',
          'refresh_finish() does not rewrite a row finished already');
SELECT is((SELECT sqlstate FROM pg_temp.outcome WHERE label = 'admin open as other'), '42501',
          'refresh_log_open() does not log a refresh in the name of a role the session is not');
SELECT is_empty($$SELECT * FROM refresh_log WHERE rows_written = 999$$, 'no forged figure reached the log');

SELECT * FROM finish();
ROLLBACK;
