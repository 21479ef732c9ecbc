-- The extension's schema is its own (issue 14, "privilege escalation through a
-- pre-created schema").  A database owner who is not a superuser creates schema
-- medalliance beforehand and plants medalliance.date_trunc(text, date) — a
-- better match than pg_catalog's date_trunc(text, timestamp) for a date
-- argument, so the extension's code would call it — whose body makes its
-- author a superuser.  A superuser then installs the extension: the install
-- must refuse the schema.  Each way of owning or writing the schema is tried;
-- then a clean install, after which a non-owner cannot create anything in
-- the schema, and every function pins a search_path that starts with
-- pg_catalog.
BEGIN;
SELECT plan(13);

CREATE ROLE medalliance_test_intruder NOLOGIN;
SELECT format('GRANT CREATE ON DATABASE %I TO medalliance_test_intruder', current_database()) \gexec
-- The test database has no warehouse rows, so the drop guard lets it go.
DROP EXTENSION medalliance;
DROP SCHEMA IF EXISTS medalliance;

-- 1. The intruder's schema, with the escalating function in it.
SET ROLE medalliance_test_intruder;
CREATE SCHEMA medalliance;
CREATE FUNCTION medalliance.date_trunc(text, date) RETURNS timestamp
LANGUAGE sql AS $$ ALTER ROLE medalliance_test_intruder SUPERUSER; SELECT pg_catalog.date_trunc($1, $2::timestamp) $$;
RESET ROLE;
SELECT throws_ok($$CREATE EXTENSION medalliance$$, '42501',
                 'schema medalliance is owned by role medalliance_test_intruder, which is not a superuser',
                 'a schema pre-created by a role that is not a superuser is refused');
SELECT ok(NOT (SELECT rolsuper FROM pg_roles WHERE rolname = 'medalliance_test_intruder'),
          'the intruder is still not a superuser');
SELECT ok(NOT EXISTS (SELECT FROM pg_extension WHERE extname = 'medalliance'), 'nothing was installed');

-- 2. A superuser's schema in which the intruder may create objects.
DROP FUNCTION medalliance.date_trunc(text, date);
ALTER SCHEMA medalliance OWNER TO CURRENT_USER;
GRANT CREATE ON SCHEMA medalliance TO medalliance_test_intruder;
SELECT throws_ok($$CREATE EXTENSION medalliance$$, '42501',
                 'schema medalliance grants CREATE to medalliance_test_intruder',
                 'a schema in which another role may create objects is refused');
REVOKE CREATE ON SCHEMA medalliance FROM medalliance_test_intruder;

-- 3. A superuser's schema that already holds a function.
CREATE FUNCTION medalliance.date_trunc(text, date) RETURNS timestamp
LANGUAGE sql AS $$ SELECT pg_catalog.date_trunc($1, $2::timestamp) $$;
SELECT throws_ok($$CREATE EXTENSION medalliance$$, '55000', 'schema medalliance is not empty',
                 'a schema that holds objects is refused');
DROP FUNCTION medalliance.date_trunc(text, date);

-- 4. An empty schema of a superuser (what DROP EXTENSION leaves) is taken.
SELECT lives_ok($$CREATE EXTENSION medalliance$$, 'an empty schema owned by a superuser is installed into');
SELECT is((SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = 'medalliance'), current_user::text,
          'the schema belongs to the installing superuser');

-- After the install a role that is not the owner cannot add anything to the
-- schema: no shadow can be planted there.
\i test/fixtures/as_role.sql
SET ROLE medalliance_test_intruder;
SELECT pg_temp.try('intruder function', $$CREATE FUNCTION medalliance.date_trunc(text, date) RETURNS timestamp
                                          LANGUAGE sql AS 'SELECT NULL::timestamp'$$);
SELECT pg_temp.try('intruder operator', $$CREATE OPERATOR medalliance.= (LEFTARG = date, RIGHTARG = date,
                                                                         FUNCTION = pg_catalog.date_eq)$$);
RESET ROLE;
SET ROLE medalliance_admin;
SELECT pg_temp.try('admin function', $$CREATE FUNCTION medalliance.lower(text) RETURNS text LANGUAGE sql AS 'SELECT $1'$$);
RESET ROLE;
SELECT is((SELECT sqlstate FROM pg_temp.outcome WHERE label = 'intruder function'), '42501',
          'a non-owner cannot create a function in schema medalliance');
SELECT is((SELECT sqlstate FROM pg_temp.outcome WHERE label = 'intruder operator'), '42501', 'nor an operator');
SELECT is((SELECT sqlstate FROM pg_temp.outcome WHERE label = 'admin function'), '42501', 'nor can medalliance_admin');

-- Every SQL and PL/pgSQL function of the extension pins a search_path whose
-- first schema is pg_catalog, so nothing placed in schema medalliance or
-- pg_temp can shadow a built-in of the same signature; and pg_temp, when
-- named, comes last.
CREATE TEMP VIEW ext_functions AS
SELECT p.* FROM pg_proc p
JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'medalliance'
WHERE p.prolang IN (SELECT oid FROM pg_language WHERE lanname IN ('sql', 'plpgsql')) AND p.prokind <> 'a';
SELECT cmp_ok((SELECT count(*) FROM ext_functions), '>', 50::bigint, 'the extension''s SQL functions are found');
SELECT is_empty($$
    SELECT oid::regprocedure, proconfig FROM ext_functions
    WHERE NOT EXISTS (SELECT FROM unnest(proconfig) c
                      WHERE c ~ '^search_path=pg_catalog(, |$)' AND c !~ 'pg_temp, ' AND c !~ '"')
$$, 'every SQL and PL/pgSQL function pins search_path = pg_catalog, ... with pg_temp last');
-- scope_units is the exception: the row-level security policies call it as the
-- reading role, so readers and viewers execute it (never PUBLIC); scopes.sql
-- shows it answers only for roles the session could become.
SELECT is_empty($$
    SELECT p.oid::regprocedure FROM ext_functions p WHERE p.prosecdef
      AND (has_function_privilege('public', p.oid, 'EXECUTE')
           OR (has_function_privilege('medalliance_reader', p.oid, 'EXECUTE')
               AND p.oid <> 'medalliance.scope_units(name)'::regprocedure))
$$, 'the SECURITY DEFINER functions are executable by medalliance_admin and medalliance_refresher only (scope_units by readers), never by PUBLIC');

SELECT * FROM finish();
ROLLBACK;
