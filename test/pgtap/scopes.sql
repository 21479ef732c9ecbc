-- Scopes (sql/95_scopes.sql): a viewer scoped to one alliance, or to one
-- region, sees through every table and view only the rows of its units; an
-- analyst and a reader see everything; a viewer without a scope and a role
-- without grants see nothing; a viewer cannot write or widen its scope.
--
-- What a viewer should see is computed here independently, as the owner and
-- with plain SQL: the units of each scope from membership, alliance,
-- institution and region, and for each table or view a filter built from its
-- key columns (README, "Scopes": a row belongs to its alliance, else its
-- unit_level/unit_id, else its institutions, else its places).  The check runs
-- over every table and view of the schema that the viewer may read, found in
-- the catalogue, so a new one is checked without being listed here.
BEGIN;
CREATE EXTENSION IF NOT EXISTS medalliance_demo;
SET search_path = medalliance, medalliance_demo, public;
SELECT plan(44);

CREATE ROLE scope_test_alliance NOLOGIN IN ROLE medalliance_viewer;
CREATE ROLE scope_test_region NOLOGIN IN ROLE medalliance_viewer;
CREATE ROLE scope_test_unscoped NOLOGIN IN ROLE medalliance_viewer;
CREATE ROLE scope_test_analyst NOLOGIN IN ROLE medalliance_analyst;
CREATE ROLE scope_test_nobody NOLOGIN;
-- Readers and viewers reach only schema medalliance_bi (sql/96_bi.sql).  For
-- this test they reach schema medalliance too, so that the scopes are checked
-- on every table and view the BI views are built on as well as on the BI
-- views themselves (test/pgtap/bi_views.sql reads them without it).
GRANT USAGE ON SCHEMA medalliance TO medalliance_reader, medalliance_viewer;

-- The catalogue ------------------------------------------------------------------

SELECT ok((SELECT bool_and(NOT rolcanlogin AND NOT rolsuper AND NOT rolbypassrls) FROM pg_roles
           WHERE rolname IN ('medalliance_viewer', 'medalliance_view_owner')
           HAVING count(*) = 2),
          'the viewer and view-owner roles exist, cannot log in and do not bypass row-level security');
SELECT is_empty($$
    SELECT r FROM unnest(ARRAY['medalliance_reader', 'medalliance_analyst', 'medalliance_admin',
                               'medalliance_view_owner']) r
    WHERE pg_has_role('medalliance_viewer', r, 'MEMBER')
$$, 'a viewer is a member of no other medalliance role');
SELECT is_empty($$
    SELECT m.member::regrole FROM pg_auth_members m WHERE m.roleid = 'medalliance_view_owner'::regrole
$$, 'nobody is a member of the view owner');

-- every view (of schemas medalliance and medalliance_bi) honours the scopes: it reads with the rights of its owner,
-- medalliance_view_owner, which row-level security applies to (not with the
-- reader's own: security_invoker would need readers granted the tables behind
-- it); no view is listed as scope-safe otherwise
SELECT is_empty($$
    SELECT c.oid::regclass, c.relowner::regrole, c.reloptions FROM pg_class c
    WHERE c.relnamespace IN ('medalliance'::regnamespace, 'medalliance_bi'::regnamespace) AND c.relkind IN ('v', 'm')
      AND (c.relowner <> 'medalliance_view_owner'::regrole
           OR coalesce('security_invoker=true' = ANY (c.reloptions), false))
      AND c.relname <> ALL (ARRAY[]::name[])   -- views listed as scope-safe: none
$$, 'every view reads with the rights of medalliance_view_owner');
SELECT is_empty($$
    SELECT c.oid::regclass FROM pg_class c WHERE c.relowner = 'medalliance_view_owner'::regrole
      AND c.relkind NOT IN ('v', 'm')
$$, 'medalliance_view_owner owns nothing but the views');

-- every table with a unit key (by the names of its columns) has row-level
-- security and both policies: constant true for the readers, scoped for the
-- viewer and the view owner
CREATE TEMP VIEW unit_key_table AS
SELECT c.oid::regclass AS tbl, c.relrowsecurity
FROM pg_class c
WHERE c.relnamespace = 'medalliance'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
  AND EXISTS (SELECT FROM pg_attribute a
              WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                AND (a.attname ~ '(^|_)(alliance|institution|region|member|county|city|province)_id$'
                     OR a.attname = 'unit_id'));
SELECT cmp_ok((SELECT count(*) FROM unit_key_table), '>=', 30::bigint,
              'the facts, dimensions, states and results with a unit key are found (30 or more)');
SELECT is_empty($$
    SELECT k.tbl FROM unit_key_table k
    WHERE NOT k.relrowsecurity
       OR NOT EXISTS (SELECT FROM pg_policy p WHERE p.polrelid = k.tbl AND p.polpermissive
                        AND p.polroles = ARRAY['medalliance_reader'::regrole::oid]
                        AND pg_get_expr(p.polqual, p.polrelid) = 'true')
       OR NOT EXISTS (SELECT FROM pg_policy p WHERE p.polrelid = k.tbl AND p.polcmd = 'r'
                        AND 'medalliance_viewer'::regrole::oid = ANY (p.polroles)
                        AND 'medalliance_view_owner'::regrole::oid = ANY (p.polroles)
                        AND pg_get_expr(p.polqual, p.polrelid) LIKE '%scope_units(CURRENT_USER)%')
$$, 'every table with a unit key has row-level security, a constant-true policy for readers and a scoped one');
SELECT is_empty($$
    SELECT c.oid::regclass, c.relacl FROM pg_class c
    WHERE c.relnamespace = 'medalliance'::regnamespace AND c.relispartition
      AND EXISTS (SELECT FROM aclexplode(c.relacl) x WHERE x.grantee <> c.relowner)
$$, 'no partition is granted to anyone (row-level security holds on the partitioned tables)');

SELECT set_eq($$
    SELECT c.oid::regclass FROM pg_class c WHERE c.relnamespace IN ('medalliance'::regnamespace, 'medalliance_bi'::regnamespace)
      AND c.relkind IN ('r', 'p', 'v', 'm') AND has_table_privilege('medalliance_viewer', c.oid, 'SELECT')
$$, $$
    SELECT c.oid::regclass FROM pg_class c WHERE c.relnamespace IN ('medalliance'::regnamespace, 'medalliance_bi'::regnamespace)
      AND c.relkind IN ('r', 'p', 'v', 'm') AND has_table_privilege('medalliance_reader', c.oid, 'SELECT')
$$, 'a viewer may read exactly what a reader may read');
SELECT is_empty($$
    SELECT c.oid::regclass, p FROM pg_class c,
           unnest(ARRAY['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER']) p
    WHERE c.relnamespace IN ('medalliance'::regnamespace, 'medalliance_bi'::regnamespace) AND c.relkind IN ('r', 'p', 'v', 'm')
      AND has_table_privilege('medalliance_viewer', c.oid, p)
$$, 'a viewer may write nothing');
SELECT is_empty($$
    SELECT c.oid::regclass::text FROM pg_class c WHERE c.relnamespace IN ('medalliance'::regnamespace, 'medalliance_bi'::regnamespace)
      AND has_table_privilege('public', c.oid, 'SELECT')
    UNION ALL
    SELECT p.oid::regprocedure::text FROM pg_proc p
    WHERE p.oid IN ('medalliance.scope_units(name)'::regprocedure, 'medalliance.apply_scopes()'::regprocedure)
      AND has_function_privilege('public', p.oid, 'EXECUTE')
$$, 'PUBLIC reads no table or view and runs no scope function');
SELECT ok(has_table_privilege('medalliance_admin', 'medalliance.viewer_scope', 'INSERT')
          AND has_table_privilege('medalliance_admin', 'medalliance.viewer_scope', 'UPDATE')
          AND NOT has_table_privilege('medalliance_analyst', 'medalliance.viewer_scope', 'INSERT')
          AND NOT has_table_privilege('medalliance_viewer', 'medalliance.viewer_scope', 'SELECT'),
          'only admins write the scopes; a viewer cannot even read them');

-- The province ---------------------------------------------------------------------

SELECT lives_ok($$SELECT * FROM generate_demo_province(0.005, 1)$$, 'the synthetic province at scale 0.005');
SELECT lives_ok($$SELECT * FROM refresh('2024-01-01', '2024-03-31')$$, 'a refresh of the first quarter of 2024');

-- The scopes: the first county medical community, and the first city that has counties.
SELECT min(alliance_id) AS scope_alliance FROM alliance WHERE alliance_kind = 'county_medical_community' \gset
SELECT min(r.region_id) AS scope_region FROM region r
WHERE r.region_level = 'city' AND EXISTS (SELECT FROM region c WHERE c.parent_region_id = r.region_id) \gset

\i test/fixtures/as_role.sql

SET LOCAL SESSION AUTHORIZATION medalliance_admin;
INSERT INTO viewer_scope (role_name, alliance_id) VALUES ('scope_test_alliance', :scope_alliance);
INSERT INTO viewer_scope (role_name, region_id) VALUES ('scope_test_region', :scope_region);
RESET SESSION AUTHORIZATION;
SELECT is((SELECT count(*) FROM viewer_scope WHERE role_name LIKE 'scope\_test\_%'), 2::bigint,
          'an admin writes the scopes');
SELECT throws_ok($$INSERT INTO viewer_scope (role_name, alliance_id) VALUES ('scope_test_no_such_role', 1)$$,
                 '42704', NULL, 'a scope for a role that does not exist is refused');
SELECT throws_ok(format('INSERT INTO viewer_scope (role_name, alliance_id, region_id) VALUES (%L, %s, %s)',
                        'scope_test_unscoped', :scope_alliance, :scope_region),
                 '23514', NULL, 'a scope names one alliance or one region, not both');

-- What each scope covers, computed here: (scope, kind, level, id).
CREATE TEMP TABLE expect (scope text, kind text, level text, id integer);
-- the alliance scope: the alliance, every institution that was ever its
-- member, and the regions where they sit with all regions above them
INSERT INTO expect SELECT 'alliance', 'alliance', 'alliance', :scope_alliance;
INSERT INTO expect SELECT DISTINCT 'alliance', 'institution', 'institution', m.institution_id
FROM membership m WHERE m.alliance_id = :scope_alliance;
-- the region scope: the city and its counties; the alliances seated there;
-- their members and the institutions located there
INSERT INTO expect SELECT 'region', 'region', r.region_level, r.region_id FROM region r
WHERE r.region_id = :scope_region OR r.parent_region_id = :scope_region;
INSERT INTO expect SELECT 'region', 'alliance', 'alliance', a.alliance_id FROM alliance a
WHERE a.region_id IN (SELECT id FROM expect WHERE scope = 'region' AND kind = 'region');
INSERT INTO expect
SELECT 'region', 'institution', 'institution', m.institution_id FROM membership m
WHERE m.alliance_id IN (SELECT id FROM expect WHERE scope = 'region' AND kind = 'alliance')
UNION
SELECT 'region', 'institution', 'institution', i.institution_id FROM institution i
WHERE i.region_id IN (SELECT id FROM expect WHERE scope = 'region' AND kind = 'region');
-- places: where the scope's regions, alliances and institutions sit, and above
INSERT INTO expect
WITH RECURSIVE seat AS (
    SELECT e.scope, e.id AS region_id FROM expect e WHERE e.kind = 'region'
    UNION SELECT e.scope, a.region_id FROM expect e JOIN alliance a ON a.alliance_id = e.id WHERE e.kind = 'alliance'
    UNION SELECT e.scope, i.region_id FROM expect e JOIN institution i ON i.institution_id = e.id WHERE e.kind = 'institution'
), up AS (
    SELECT scope, region_id FROM seat
    UNION SELECT up.scope, r.parent_region_id FROM up JOIN region r ON r.region_id = up.region_id
    WHERE r.parent_region_id IS NOT NULL
)
SELECT DISTINCT up.scope, 'place', r.region_level, r.region_id FROM up JOIN region r USING (region_id);

SELECT ok((SELECT count(*) FROM expect WHERE scope = 'alliance' AND kind = 'institution') >= 10
          AND (SELECT count(*) FROM expect WHERE scope = 'region' AND kind = 'alliance') >= 2
          AND (SELECT count(*) FROM expect WHERE scope = 'region' AND kind = 'region' AND level = 'county') >= 2,
          'the alliance scope has 10 or more institutions; the region scope several counties and alliances');

-- The filter of a table or view for a scope, from its columns: its alliance,
-- else its unit_level/unit_id (institution, alliance, or a region inside a
-- region scope), else any of its institutions, else any of its places; a row
-- that fills none of them names no unit and is visible.  Two views join both
-- ends of what they show, and need both visible: referral_detail (both
-- institutions) and unit_directory (whose regions are places).
CREATE FUNCTION pg_temp.ids(scope text, kind text, level text DEFAULT NULL) RETURNS text LANGUAGE sql AS $$
    SELECT quote_literal(ARRAY(SELECT e.id FROM pg_temp.expect e
                               WHERE e.scope = $1 AND e.kind = $2 AND ($3 IS NULL OR e.level = $3) ORDER BY e.id)::text)
           || '::integer[]'
$$;
CREATE FUNCTION pg_temp.expected_filter(rel regclass, scope text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    cols   text[] := ARRAY(SELECT attname::text FROM pg_attribute WHERE attrelid = rel AND attnum > 0 AND NOT attisdropped);
    f      text := 'true';
    grp    text[];
    k      text;
    set_of text;
BEGIN
    IF rel = 'medalliance.referral_detail'::regclass THEN
        RETURN format('from_institution_id = ANY (%1$s) AND to_institution_id = ANY (%1$s)',
                      pg_temp.ids(scope, 'institution'));
    ELSIF rel = 'medalliance.unit_directory'::regclass THEN
        RETURN format('unit_level = ''alliance'' AND unit_id = ANY (%s) OR unit_level = ''institution'' AND unit_id = ANY (%s)
                       OR unit_level IN (''county'', ''city'', ''province'') AND unit_id = ANY (%s)',
                      pg_temp.ids(scope, 'alliance'), pg_temp.ids(scope, 'institution'), pg_temp.ids(scope, 'place'));
    END IF;
    -- from the last rule to the first
    FOREACH k IN ARRAY ARRAY['place', 'institution', 'unit', 'alliance'] LOOP
        grp := CASE k
            WHEN 'place' THEN CASE WHEN 'region_id' = ANY (cols) THEN ARRAY['region_id']
                                   ELSE ARRAY(SELECT c FROM unnest(cols) c WHERE c ~ '_region_id$' OR c IN ('county_id', 'city_id', 'province_id')) END
            WHEN 'institution' THEN CASE WHEN 'institution_id' = ANY (cols) THEN ARRAY['institution_id']
                                         ELSE ARRAY(SELECT c FROM unnest(cols) c WHERE c ~ '_institution_id$') END
            WHEN 'alliance' THEN CASE WHEN 'alliance_id' = ANY (cols) THEN ARRAY['alliance_id']
                                      ELSE ARRAY(SELECT c FROM unnest(cols) c WHERE c ~ '_alliance_id$') END
            WHEN 'unit' THEN CASE WHEN ARRAY['unit_level', 'unit_id'] <@ cols THEN ARRAY['unit_id'] ELSE '{}' END
        END;
        CONTINUE WHEN cardinality(grp) = 0;
        IF k = 'unit' THEN
            -- an institution or alliance of the scope, or a region inside a region scope
            set_of := format('(unit_level = ''alliance'' AND unit_id = ANY (%s) OR unit_level = ''institution'' AND unit_id = ANY (%s)
                               OR unit_level = ''county'' AND unit_id = ANY (%s) OR unit_level = ''city'' AND unit_id = ANY (%s)
                               OR unit_level = ''province'' AND unit_id = ANY (%s))',
                             pg_temp.ids(scope, 'alliance'), pg_temp.ids(scope, 'institution'),
                             pg_temp.ids(scope, 'region', 'county'), pg_temp.ids(scope, 'region', 'city'),
                             pg_temp.ids(scope, 'region', 'province'));
        ELSE
            SELECT '(' || string_agg(format('%I = ANY (%s)', c, pg_temp.ids(scope, k)), ' OR ') || ')'
            INTO set_of FROM unnest(grp) c;
        END IF;
        f := format('CASE WHEN %s THEN %s ELSE %s END',
                    (SELECT string_agg(format('%I IS NOT NULL', c), ' OR ') FROM unnest(grp) c), set_of, f);
    END LOOP;
    RETURN f;
END
$$;

-- The relations compared: what the viewer may read, and (for row-level
-- security on the facts and states themselves, which a viewer is not
-- granted) every table with a unit key, granted for this test only.
CREATE TEMP TABLE viewer_readable AS
SELECT c.oid::regclass AS rel, c.relkind FROM pg_class c
WHERE c.relnamespace IN ('medalliance'::regnamespace, 'medalliance_bi'::regnamespace) AND c.relkind IN ('r', 'p', 'v', 'm')
  AND has_table_privilege('medalliance_viewer', c.oid, 'SELECT');
SELECT cmp_ok((SELECT count(*) FROM viewer_readable WHERE relkind = 'v'), '>=', 32::bigint,
              'a viewer reads the views (32 or more: those of medalliance and their BI views)');
SELECT is(pg_temp.as_role('scope_test_alliance', 'SELECT count(*) FROM medalliance.encounter'),
          'error 42501', 'a viewer is not granted the facts');
CREATE TEMP TABLE compared AS
SELECT rel, relkind FROM viewer_readable
UNION SELECT tbl, 'r' FROM unit_key_table;
SELECT format('GRANT SELECT ON %s TO medalliance_viewer', k.tbl) FROM unit_key_table k \gexec

-- One read of each table or view as the owner gives its total and, for each
-- scope, the rows the filter keeps; one read as each viewer gives what it
-- sees.  Views are compared row by row (a digest of the sorted rows, with
-- floating-point columns to 8 decimals: a sum over the same rows in another
-- order may differ in its last bits), tables by count.  One column is left
-- out: referral_detail.within_alliance says whether both ends were members of
-- one alliance, and for a viewer only the alliances it sees count (README,
-- "Scopes").
CREATE FUNCTION pg_temp.row_text(rel regclass) RETURNS text LANGUAGE sql AS $$
    SELECT 'ROW(' || string_agg(CASE WHEN a.atttypid IN ('float4'::regtype, 'float8'::regtype)
                                     THEN format('round(x.%I::numeric, 8)', a.attname)
                                     ELSE format('x.%I', a.attname) END, ', ' ORDER BY a.attnum) || ')::text'
    FROM pg_attribute a WHERE a.attrelid = rel AND a.attnum > 0 AND NOT a.attisdropped
      AND NOT (rel = 'medalliance.referral_detail'::regclass AND a.attname = 'within_alliance')
$$;
CREATE FUNCTION pg_temp.seen_sql(rel regclass, relkind "char") RETURNS text LANGUAGE sql AS $$
    SELECT CASE WHEN relkind = 'v'
                THEN format('SELECT count(*) || ''|'' || coalesce(md5(string_agg(r, E''\n'' ORDER BY r)), '''') FROM (SELECT %s AS r FROM %s x) d',
                            pg_temp.row_text(rel), rel)
                ELSE format('SELECT count(*) FROM %s', rel) END
$$;
CREATE FUNCTION pg_temp.owner_read(rel regclass, relkind "char") RETURNS text[] LANGUAGE plpgsql AS $$
DECLARE
    parts text[] := '{}';
    scope text;
    r     text[];
BEGIN
    FOREACH scope IN ARRAY ARRAY['alliance', 'region', 'none'] LOOP
        parts := parts || CASE WHEN relkind = 'v'
            THEN format('count(*) FILTER (WHERE %1$s) || ''|'' || coalesce(md5(string_agg(r, E''\n'' ORDER BY r) FILTER (WHERE %1$s)), '''')',
                        pg_temp.expected_filter(rel, scope))
            ELSE format('(count(*) FILTER (WHERE %s))::text', pg_temp.expected_filter(rel, scope)) END;
    END LOOP;
    EXECUTE format('SELECT ARRAY[count(*)::text, %s] FROM (SELECT x.*, %s AS r FROM %s x) x',
                   array_to_string(parts, ', '), CASE WHEN relkind = 'v' THEN pg_temp.row_text(rel) ELSE 'NULL::text' END, rel)
    INTO r;
    RETURN r;
END
$$;
CREATE TEMP TABLE owner_read AS SELECT c.rel, c.relkind, pg_temp.owner_read(c.rel, c.relkind) AS r FROM compared c;
CREATE TEMP TABLE counted AS
SELECT o.rel, o.relkind, s.scope, o.r[1]::bigint AS total,
       split_part(o.r[s.i + 1], '|', 1)::bigint AS expected, o.r[s.i + 1] AS expected_rows,
       pg_temp.as_role(s.who, pg_temp.seen_sql(o.rel, o.relkind)) AS seen, s.who,
       pg_temp.expected_filter(o.rel, s.scope) <> 'true' AS keyed
FROM owner_read o
CROSS JOIN (VALUES (1, 'alliance', 'scope_test_alliance'), (2, 'region', 'scope_test_region'),
                   (3, 'none', 'scope_test_unscoped')) AS s(i, scope, who);

SELECT is_empty($$
    SELECT rel, total, expected_rows, seen FROM counted WHERE scope = 'alliance' AND seen IS DISTINCT FROM expected_rows
$$, 'the viewer scoped to one alliance sees in every table and view exactly the rows of its alliance (views row by row)');
SELECT is_empty($$
    SELECT rel, total, expected_rows, seen FROM counted WHERE scope = 'region' AND seen IS DISTINCT FROM expected_rows
$$, 'the viewer scoped to one city sees in every table and view exactly the rows of its units (views row by row)');
SELECT is_empty($$
    SELECT rel, total, expected_rows, seen FROM counted WHERE scope = 'none' AND seen IS DISTINCT FROM expected_rows
$$, 'a viewer without a scope sees only rows that name no unit (targets that apply everywhere)');
SELECT is_empty($$
    SELECT rel, expected FROM counted WHERE scope = 'none' AND keyed AND expected > 0
      AND rel <> 'medalliance.indicator_target'::regclass
$$, 'the only such rows are the general targets of indicator_target');
-- the checks are not vacuous: the scopes keep some rows and drop others
SELECT is_empty($$
    SELECT rel, scope, total, expected FROM counted
    WHERE scope IN ('alliance', 'region')
      AND rel IN ('medalliance.indicator_value'::regclass, 'medalliance.target_attainment'::regclass,
                  'medalliance.unification_member'::regclass, 'medalliance.unification_alliance'::regclass,
                  'medalliance.qc_member'::regclass, 'medalliance.qc_funnel'::regclass,
                  'medalliance.satisfaction_member'::regclass, 'medalliance.satisfaction_alliance'::regclass,
                  'medalliance.encounter'::regclass, 'medalliance.indicator_state'::regclass,
                  'medalliance_bi.indicator_value'::regclass, 'medalliance_bi.unification_alliance'::regclass)
      AND NOT (expected > 0 AND expected < total)
$$, 'in the main views and tables each scope keeps some rows and drops others');
SELECT cmp_ok((SELECT count(*) FROM counted WHERE scope = 'alliance'), '>=', 62::bigint,
              'the comparison covers 62 or more tables and views (the BI views among them)');

-- Region-level figures: hidden from an alliance scope; inside a region scope,
-- shown for its regions and not for the province (which merges more).
SELECT is(pg_temp.as_role('scope_test_alliance',
             $$SELECT count(*) FROM medalliance.indicator_value WHERE unit_level IN ('county', 'city', 'province')$$),
          '0', 'an alliance viewer sees no county, city or province figure');
SELECT cmp_ok((SELECT count(*) FROM indicator_value WHERE unit_level IN ('county', 'city', 'province')), '>', 0::bigint,
              '... which exist');
SELECT is(pg_temp.as_role('scope_test_region',
             $$SELECT count(*) FROM medalliance.indicator_value WHERE unit_level IN ('county', 'city')$$),
          (SELECT count(*) FROM indicator_value v
           WHERE (v.unit_level, v.unit_id) IN (SELECT level, id FROM expect WHERE scope = 'region' AND kind = 'region'))::text,
          'a city viewer sees the figures of its city and its counties');
SELECT is(pg_temp.as_role('scope_test_region',
             $$SELECT count(*) FROM medalliance.indicator_value WHERE unit_level = 'province'$$),
          '0', 'and not the province''s');
SELECT is(pg_temp.as_role('scope_test_alliance',
             $$SELECT count(*) FROM medalliance.target_attainment t
               JOIN medalliance.indicator_value v USING (unit_level, unit_id, period_start, grain, indicator_code)
               WHERE t.value IS DISTINCT FROM v.value$$),
          '0', 'the attainment a viewer sees is computed from the same values it sees');

-- Analysts and readers see everything.
SELECT is_empty($$
    SELECT * FROM (
        SELECT c.rel, c.total, pg_temp.as_role('scope_test_analyst', format('SELECT count(*) FROM %s', c.rel)) AS seen
        FROM counted c WHERE c.scope = 'alliance' AND has_table_privilege('medalliance_analyst', c.rel, 'SELECT')
    ) a WHERE seen IS DISTINCT FROM total::text
$$, 'an analyst sees every row of every table and view');
CREATE FUNCTION pg_temp.reader_count(rel regclass) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE n bigint;
BEGIN
    SET LOCAL ROLE medalliance_reader;
    EXECUTE format('SELECT count(*) FROM %s', rel) INTO n;
    RESET ROLE;
    RETURN n;
END
$$;
SELECT is_empty($$
    SELECT c.rel, c.total FROM counted c
    WHERE c.scope = 'alliance' AND c.relkind = 'v' AND has_table_privilege('medalliance_reader', c.rel, 'SELECT')
      AND c.total < 100000 AND pg_temp.reader_count(c.rel) <> c.total
$$, 'a reader sees every row of every view (those under 100,000 rows: the analyst''s pass read them all)');

-- A role without grants (PUBLIC) sees nothing.
SELECT is(pg_temp.as_role('scope_test_nobody', 'SELECT count(*) FROM medalliance.indicator_value'),
          'error 42501', 'a role without grants cannot read a view');
SELECT is(pg_temp.as_role('scope_test_nobody', 'SELECT count(*) FROM medalliance.scope_units(current_user)'),
          'error 42501', 'nor call the scope lookup');

-- A viewer cannot write, nor widen its scope.
SELECT is(pg_temp.as_role('scope_test_alliance',
             format($$WITH w AS (INSERT INTO medalliance.viewer_scope (role_name, region_id)
                                 VALUES ('scope_test_alliance', %s) RETURNING 1) SELECT count(*) FROM w$$, :scope_region)),
          'error 42501', 'a viewer cannot add a scope');
SELECT is(pg_temp.as_role('scope_test_alliance',
             $$WITH w AS (UPDATE medalliance.viewer_scope SET alliance_id = NULL, region_id = NULL RETURNING 1)
               SELECT count(*) FROM w$$),
          'error 42501', 'nor change one');
SELECT is(pg_temp.as_role('scope_test_alliance',
             $$WITH w AS (DELETE FROM medalliance.indicator_state RETURNING 1) SELECT count(*) FROM w$$),
          'error 42501', 'nor write a stored result');
SELECT is(pg_temp.as_role('scope_test_alliance', 'SELECT count(*) FROM medalliance.apply_scopes()'),
          'error 42501', 'nor re-apply the scopes');
SELECT is(pg_temp.as_role('scope_test_alliance', 'SELECT 1', 'SET LOCAL ROLE medalliance_analyst'),
          'error 42501', 'nor become an analyst (SET ROLE)');
SELECT is(pg_temp.as_role('scope_test_alliance', 'SELECT 1', 'SET LOCAL ROLE medalliance_view_owner'),
          'error 42501', 'nor the owner of the views');
SELECT is(pg_temp.as_role('scope_test_alliance', 'SELECT count(*) FROM medalliance.indicator_value',
                          'SET LOCAL row_security = off'),
          'error 42501', 'nor read with row-level security off');
SELECT is(pg_temp.as_role('scope_test_alliance', 'SELECT count(*) FROM medalliance.scope_units(''scope_test_region'')'),
          '0', 'nor learn the units of another viewer');
SELECT is(pg_temp.as_role('scope_test_alliance',
             $$SELECT count(*) FROM medalliance.scope_units(current_user) WHERE unit_level = 'alliance'$$),
          '1', 'its own lookup gives its one alliance');

SELECT * FROM finish();
ROLLBACK;
