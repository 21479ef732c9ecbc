-- The refresher role (issue 12, point 8): a login role granted only
-- medalliance_refresher runs refresh() on a small synthetic province, and
-- cannot change the warehouse facts, the configuration, the scopes or the
-- refresh log.  Statements run under SET SESSION AUTHORIZATION through
-- pg_temp.try() (test/fixtures/as_role.sql); the assertions follow as the
-- superuser.
BEGIN;
CREATE EXTENSION IF NOT EXISTS medalliance_demo;
SET search_path = medalliance, medalliance_demo, public;
SELECT plan(19);

\i test/fixtures/as_role.sql

-- The role, as 01_roles.sql makes it: a plain group role in medalliance_analyst only.
SELECT ok((SELECT NOT rolcanlogin AND rolpassword IS NULL AND NOT rolsuper AND NOT rolcreatedb AND NOT rolcreaterole
                  AND NOT rolreplication AND NOT rolbypassrls
           FROM pg_authid WHERE rolname = 'medalliance_refresher'),
          'medalliance_refresher exists, cannot log in and has no special attribute');
SELECT set_eq($$SELECT g.rolname::text FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
               WHERE m.member = 'medalliance_refresher'::regrole$$,
              $$VALUES ('medalliance_analyst')$$, 'it is a member of medalliance_analyst, and of no other role');
SELECT ok(NOT pg_has_role('medalliance_refresher', 'medalliance_admin', 'MEMBER'), 'it is not an admin');

-- What it may write, from the catalogue, checked here against the rule the
-- README states: every table with a refresh_id column but refresh_log, the
-- tables with a foreign key to one of them, and the keys unification_item_key and
-- unification_member_key.
CREATE TEMP TABLE ext_table AS
SELECT c.oid::regclass AS tbl,
       EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'refresh_id' AND NOT a.attisdropped)
           AS has_refresh_id
FROM pg_class c WHERE c.relnamespace = 'medalliance'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition;
SELECT is_empty($$
    SELECT tbl FROM ext_table WHERE has_refresh_id AND tbl <> 'medalliance.refresh_log'::regclass
      AND NOT (has_table_privilege('medalliance_refresher', tbl, 'INSERT')
               AND has_table_privilege('medalliance_refresher', tbl, 'UPDATE')
               AND has_table_privilege('medalliance_refresher', tbl, 'DELETE'))
$$, 'it writes every stored-result table (a refresh_id column)');
SELECT is_empty($$
    SELECT t.tbl FROM ext_table t
    WHERE (has_table_privilege('medalliance_refresher', t.tbl, 'INSERT')
           OR has_table_privilege('medalliance_refresher', t.tbl, 'UPDATE')
           OR has_table_privilege('medalliance_refresher', t.tbl, 'DELETE')
           OR has_table_privilege('medalliance_refresher', t.tbl, 'TRUNCATE'))
      AND NOT (t.has_refresh_id AND t.tbl <> 'medalliance.refresh_log'::regclass)
      AND t.tbl NOT IN ('medalliance.unification_item_key'::regclass, 'medalliance.unification_member_key'::regclass)
      AND NOT EXISTS (SELECT FROM pg_constraint k JOIN ext_table r ON r.tbl = k.confrelid::regclass
                      WHERE k.conrelid = t.tbl AND k.contype = 'f' AND r.has_refresh_id
                        AND r.tbl <> 'medalliance.refresh_log'::regclass)
$$, 'and no other table: no warehouse, configuration, scope or log table');
SELECT is_empty($$
    SELECT c.oid::regclass, x.privilege_type FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) x
    WHERE c.relnamespace = 'medalliance'::regnamespace AND x.grantee = 'medalliance_refresher'::regrole AND x.is_grantable
$$, 'it holds no privilege with GRANT OPTION: it can grant nothing');
SELECT ok(has_function_privilege('medalliance_refresher', 'medalliance.refresh(date,date,text[],text[])', 'EXECUTE')
          AND NOT EXISTS (SELECT FROM refresh_layer l JOIN pg_proc p ON p.proname = l.refreshed_by
                          WHERE p.pronamespace = 'medalliance'::regnamespace
                            AND NOT has_function_privilege('medalliance_refresher', p.oid, 'EXECUTE')),
          'it runs refresh() and every layer''s refresh function');

-- A small province, loaded as the superuser.
SELECT lives_ok($$SELECT * FROM generate_demo_province(0.005, 1)$$, 'the synthetic province at scale 0.005');

CREATE ROLE medalliance_test_refresher LOGIN IN ROLE medalliance_refresher;
SET SESSION AUTHORIZATION medalliance_test_refresher;
SELECT pg_temp.try('refresh', $$SELECT * FROM medalliance.refresh('2024-03-01', '2024-03-31')$$);
RESET SESSION AUTHORIZATION;
-- the rows the superuser sees after the refresh, in a table under row-level security
SELECT count(*) AS all_rows FROM unification_state \gset
SET SESSION AUTHORIZATION medalliance_test_refresher;
SELECT pg_temp.try('see every row', format($f$DO $d$ BEGIN IF (SELECT count(*) FROM medalliance.unification_state) <> %s
                                              THEN RAISE EXCEPTION 'rows hidden'; END IF; END $d$$f$, :all_rows));
SELECT pg_temp.try('insert fact', $$INSERT INTO medalliance.encounter SELECT * FROM medalliance.encounter LIMIT 1$$);
SELECT pg_temp.try('delete fact', $$DELETE FROM medalliance.procurement$$);
SELECT pg_temp.try('truncate fact', $$TRUNCATE medalliance.procurement$$);
SELECT pg_temp.try('update configuration', $$UPDATE medalliance.indicator_target SET document_code = document_code$$);
SELECT pg_temp.try('insert configuration', $$INSERT INTO medalliance.scheme (scheme_code, scheme_kind, title, document_code)
                                              VALUES ('refresher_own', 'targets', 'x', 'project_default')$$);
SELECT pg_temp.try('write scope', $$INSERT INTO medalliance.viewer_scope (role_name, alliance_id)
                                    VALUES ('medalliance_test_refresher', 1)$$);
SELECT pg_temp.try('write log', $$DELETE FROM medalliance.refresh_log$$);
SELECT pg_temp.try('write version', $$INSERT INTO medalliance.assessment_version (scheme_code, version, config)
                                      SELECT scheme_code, version + 100, '{}' FROM medalliance.assessment_setting LIMIT 1$$);
SELECT pg_temp.try('add partitions', $$SELECT medalliance.add_month_partitions('medalliance.encounter', '2031-01-01', '2031-01-01')$$);
RESET SESSION AUTHORIZATION;

SELECT is((SELECT sqlstate || coalesce(' ' || message, '') FROM pg_temp.outcome WHERE label = 'refresh'), '00000',
          'a login role holding only medalliance_refresher runs refresh() on the province');
SELECT set_eq($$SELECT l.layer, l.performed_by::text FROM refresh_log l WHERE l.period_from = '2024-03-01'$$,
              $$SELECT layer, 'medalliance_test_refresher' FROM refresh_layer$$,
              'every layer was refreshed, and the log names the refresher');
SELECT ok((SELECT count(*) FROM indicator_state s JOIN refresh_log l USING (refresh_id)
           WHERE l.performed_by = 'medalliance_test_refresher') > 0
          AND (SELECT count(*) FROM unification_state s JOIN refresh_log l USING (refresh_id)
               WHERE l.performed_by = 'medalliance_test_refresher') > 0,
          'its refresh stored indicator and six-unification states');
SELECT is((SELECT sqlstate FROM pg_temp.outcome WHERE label = 'see every row'), '00000',
          'it sees every row of a table under row-level security');
SELECT cmp_ok(:all_rows::bigint, '>', 0::bigint, '... of which there are some');
SELECT is((SELECT sqlstate FROM pg_temp.outcome WHERE label = 'insert fact'), '42501', 'it cannot insert a fact');
SELECT ok((SELECT bool_and(sqlstate = '42501') FROM pg_temp.outcome WHERE label IN ('delete fact', 'truncate fact')),
          'nor delete or truncate facts');
SELECT is((SELECT sqlstate FROM pg_temp.outcome WHERE label = 'update configuration'), '42501',
          'it cannot update configuration (indicator_target)');
SELECT is((SELECT sqlstate FROM pg_temp.outcome WHERE label = 'insert configuration'), '42501', 'nor add a scheme');
SELECT is((SELECT sqlstate FROM pg_temp.outcome WHERE label = 'write scope'), '42501', 'nor write viewer_scope');
SELECT ok((SELECT bool_and(sqlstate = '42501') FROM pg_temp.outcome WHERE label IN ('write log', 'write version', 'add partitions')),
          'nor the refresh log, a scheme version of its own making, or partitions');

SELECT * FROM finish();
ROLLBACK;
