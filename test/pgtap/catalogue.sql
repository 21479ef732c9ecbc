-- Catalogue hygiene of everything the extension installs: comments, function
-- attributes, aggregate shape, security and privileges.  Each test lists the
-- offending objects, so a failure names what to mend.
BEGIN;
SELECT plan(14);

CREATE TEMP VIEW ext_objects AS
SELECT d.classid, d.objid
FROM pg_depend d
JOIN pg_extension e ON e.oid = d.refobjid AND d.refclassid = 'pg_extension'::regclass
WHERE e.extname = 'medalliance' AND d.deptype = 'e';

CREATE TEMP VIEW ext_functions AS
SELECT p.* FROM pg_proc p JOIN ext_objects o ON o.classid = 'pg_proc'::regclass AND o.objid = p.oid;

SELECT has_extension('medalliance', 'the extension is installed');
SELECT is((SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'medalliance'),
          'medalliance', 'it lives in schema medalliance');
SELECT is((SELECT extrelocatable FROM pg_extension WHERE extname = 'medalliance'),
          false, 'it is not relocatable');

SELECT is_empty($$
    SELECT oid::regprocedure FROM ext_functions WHERE obj_description(oid, 'pg_proc') IS NULL
$$, 'every function and aggregate has a comment');
SELECT is_empty($$
    SELECT t.oid::regtype FROM pg_type t JOIN ext_objects o ON o.classid = 'pg_type'::regclass AND o.objid = t.oid
    WHERE t.typtype <> 'c' AND t.typelem = 0 AND obj_description(t.oid, 'pg_type') IS NULL
$$, 'every type has a comment');
SELECT is_empty($$
    SELECT c.oid::regclass FROM pg_class c JOIN ext_objects o ON o.classid = 'pg_class'::regclass AND o.objid = c.oid
    WHERE c.relkind IN ('r', 'p', 'v', 'm') AND obj_description(c.oid, 'pg_class') IS NULL
$$, 'every table and view has a comment');
SELECT is_empty($$
    SELECT c.oid::regclass, a.attname FROM pg_class c
    JOIN ext_objects o ON o.classid = 'pg_class'::regclass AND o.objid = c.oid
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    WHERE c.relkind IN ('r', 'p', 'v', 'm') AND col_description(c.oid, a.attnum) IS NULL
$$, 'every column of every table and view has a comment');

SELECT is_empty($$
    SELECT oid::regprocedure FROM ext_functions
    WHERE prolang = (SELECT oid FROM pg_language WHERE lanname = 'c')
      AND prorettype <> 'event_trigger'::regtype
      AND (provolatile <> 'i' OR proparallel <> 's')
$$, 'every C function (but the drop guard''s event trigger) is IMMUTABLE and PARALLEL SAFE');
-- SECURITY DEFINER only where the README says why: partitions, the refresh
-- log, the refresh lock and the assessment version a refresh records
-- (README, "Roles and privileges"), and scope_units, which the row-level
-- security policies call and which must read the dimensions unfiltered
-- (README, "Scopes").
SELECT set_eq($$
    SELECT oid::regprocedure::text FROM ext_functions WHERE prosecdef
$$, $$VALUES ('medalliance.add_month_partitions(regclass,date,date)'),
             ('medalliance.refresh_log_open(text,date,date,jsonb,name)'),
             ('medalliance.refresh_finish(bigint,bigint,jsonb)'),
             ('medalliance.refresh_lock()'),
             ('medalliance.assessment_publish_version(text)'),
             ('medalliance.scope_units(name)')$$,
   'SECURITY DEFINER: only the six functions the README names (partitions, the refresh log and lock, assessment versions, scopes)');
SELECT is_empty($$
    SELECT oid::regprocedure FROM ext_functions
    WHERE prolang IN (SELECT oid FROM pg_language WHERE lanname IN ('sql', 'plpgsql'))
      AND prokind <> 'a'
      AND NOT EXISTS (SELECT FROM unnest(proconfig) c WHERE c LIKE 'search_path=%')
$$, 'every SQL and PL/pgSQL function runs with a fixed search_path');

SELECT is_empty($$
    SELECT a.aggfnoid::regprocedure FROM pg_aggregate a JOIN ext_functions p ON p.oid = a.aggfnoid
    WHERE a.aggcombinefn = 0 OR p.proparallel <> 's'
$$, 'every aggregate is PARALLEL SAFE with a combine function');
SELECT is_empty($$
    SELECT a.aggfnoid::regprocedure FROM pg_aggregate a JOIN ext_functions p ON p.oid = a.aggfnoid
    JOIN pg_type t ON t.oid = a.aggtranstype
    WHERE t.typtype = 'p' OR t.typsend = 0 OR t.typreceive = 0
$$, 'every aggregate has a real transition type with text and binary I/O (not internal)');

SELECT ok(NOT has_schema_privilege('public', 'medalliance', 'USAGE'),
          'PUBLIC has no USAGE on schema medalliance');
SELECT ok(has_schema_privilege('medalliance_analyst', 'medalliance', 'USAGE')
          AND has_schema_privilege('medalliance_reader', 'medalliance_bi', 'USAGE')
          AND NOT has_schema_privilege('medalliance_reader', 'medalliance', 'USAGE')
          AND pg_has_role('medalliance_admin', 'medalliance_analyst', 'MEMBER')
          AND pg_has_role('medalliance_analyst', 'medalliance_reader', 'MEMBER'),
          'the medalliance roles reach the schemas: analysts (and admins) medalliance, readers only medalliance_bi');

SELECT * FROM finish();
ROLLBACK;
