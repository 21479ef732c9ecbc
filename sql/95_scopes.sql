-- Scopes (数据范围): who sees which units.  A member of medalliance_viewer
-- sees, in every table and view it may read, only the rows of the alliances
-- and regions that medalliance.viewer_scope gives it; readers, analysts and
-- admins see everything.
--
-- How it holds:
--   * Row-level security on every table of the schema that has a unit key
--     (an alliance, institution or region column, or a unit_level/unit_id
--     pair), found in the catalogue by apply_scopes() at the end of this file,
--     which comes after every table and view: a table added by an earlier
--     file is covered without being listed here.  Two policies per table:
--     scope_unscoped, TO medalliance_reader (so also analysts, admins and
--     the refresher), USING (true) — the refreshes, which read the facts as
--     an admin or as medalliance_refresher, get a constant-true qual; and scope_scoped, for SELECT TO medalliance_viewer
--     and medalliance_view_owner, whose qual looks the row's unit up in the
--     units of the current user (scope_units(), one hashed lookup per row).
--   * The views read with their owner's rights — so readers keep reading
--     views without the tables behind them (a security_invoker view is reset
--     to the owner's rights) — and their owner is medalliance_view_owner, a
--     role row-level security applies to.  Its
--     policy decides by CURRENT_USER (the user reading the view, not the
--     owner): a member of medalliance_reader sees every row (one InitPlan per
--     query, then short-circuit), anyone else — a viewer — only its units.
--   * A viewer holds exactly the SELECT grants of medalliance_reader, copied
--     from the catalogue here, and nothing else: no write, no membership in
--     another role.
--
-- Which unit a row belongs to, by the first of these its table has (and, for a
-- nullable key, the row fills):
--   1. alliance_id (or *_alliance_id):           the alliance;
--   2. unit_level and unit_id:                   that unit (institution, alliance,
--                                                county, city, province);
--   3. institution_id (else any *_institution_id): the institution (any of them);
--   4. region_id (else *_region_id, county_id, city_id, province_id): the place.
-- A row that names no unit in any of these columns belongs to nobody and is
-- visible (a target that applies everywhere).
--
-- What a scope covers (scope_units): an alliance scope covers the alliance and
-- every institution that ever was its member; a region scope covers the region,
-- the regions below it, the alliances seated there and the institutions located
-- there (and their alliances' members).  Region-level results (unit_level
-- county, city, province) are shown only for regions inside a region scope:
-- a county or province figure merges units the viewer may not see, so it is
-- hidden, never recomputed from the visible part.  Places (region names,
-- population, regional targets: rule 4) are visible for the regions inside the
-- scope and for every region above a visible unit, so that names, ancestry
-- and regional targets of the visible units resolve.

-- The scope table --------------------------------------------------------------

CREATE TABLE medalliance.viewer_scope (
    scope_id    bigint GENERATED ALWAYS AS IDENTITY
        CONSTRAINT viewer_scope_pkey PRIMARY KEY,
    role_name   name NOT NULL,
    alliance_id integer
        CONSTRAINT viewer_scope_alliance_fkey REFERENCES medalliance.alliance (alliance_id),
    region_id   integer
        CONSTRAINT viewer_scope_region_fkey REFERENCES medalliance.region (region_id),
    CONSTRAINT viewer_scope_one_unit_check CHECK (pg_catalog.num_nonnulls(alliance_id, region_id) = 1),
    CONSTRAINT viewer_scope_key UNIQUE NULLS NOT DISTINCT (role_name, alliance_id, region_id)
);
CREATE INDEX viewer_scope_role_idx ON medalliance.viewer_scope (role_name);
COMMENT ON TABLE medalliance.viewer_scope IS
    '数据范围 viewer scopes: each row gives a role (and the roles that inherit from it) one alliance or one region. A member of medalliance_viewer sees only the units of its scopes; with no scope it sees nothing. Written by admins only.';
COMMENT ON COLUMN medalliance.viewer_scope.scope_id IS '范围编号 scope id.';
COMMENT ON COLUMN medalliance.viewer_scope.role_name IS
    '角色 the role scoped: a login role, or a group role whose members inherit its scopes. It must exist when the row is written.';
COMMENT ON COLUMN medalliance.viewer_scope.alliance_id IS
    '医联体 the alliance the role sees: the alliance and every institution that was ever its member. Exactly one of alliance_id and region_id.';
COMMENT ON COLUMN medalliance.viewer_scope.region_id IS
    '区域 the region the role sees: the region and those below it, the alliances seated and the institutions located there, and region-level results of those regions.';

CREATE FUNCTION medalliance.viewer_scope_check_role() RETURNS trigger
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY INVOKER
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles r WHERE r.rolname = NEW.role_name) THEN
        RAISE EXCEPTION 'role "%" does not exist', NEW.role_name
            USING ERRCODE = 'undefined_object',
                  HINT = 'Scope an existing role (CREATE ROLE ... IN ROLE medalliance_viewer first).';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION medalliance.viewer_scope_check_role() IS
    '范围角色检查 Trigger of viewer_scope: refuses a scope for a role that does not exist (42704), so that a misspelt name does not silently scope nobody.';
CREATE TRIGGER viewer_scope_check_role BEFORE INSERT OR UPDATE OF role_name ON medalliance.viewer_scope
    FOR EACH ROW EXECUTE FUNCTION medalliance.viewer_scope_check_role();

SELECT pg_catalog.pg_extension_config_dump('medalliance.viewer_scope', '');
SELECT pg_catalog.pg_extension_config_dump(
    pg_catalog.pg_get_serial_sequence('medalliance.viewer_scope', 'scope_id'), '');

GRANT SELECT ON medalliance.viewer_scope TO medalliance_analyst;
GRANT INSERT, UPDATE, DELETE ON medalliance.viewer_scope TO medalliance_admin;

-- The units of a role -----------------------------------------------------------

-- scope_units(for_role): every unit for_role may see, as (unit_level, unit_id):
-- 'alliance', 'institution', the region levels 'county', 'city', 'province'
-- (regions inside a region scope) and 'place' (regions whose names, population
-- and targets it may read).
--
-- SECURITY DEFINER (like the few helpers the README lists), and why: the
-- policies call it for rows of membership, institution, alliance and region,
-- and it must read those tables unfiltered — read with the caller's rights,
-- each lookup would apply the same policies again and recurse without end;
-- and a viewer must not read viewer_scope itself.  It is safe to run with the
-- owner's rights: it executes no dynamic SQL, calls only pg_catalog and
-- medalliance objects with a pinned search_path, writes nothing, and answers
-- only for a role the session could become (pg_has_role(session_user,
-- for_role, 'MEMBER')), so nobody learns the units of a role they cannot use.
CREATE FUNCTION medalliance.scope_units(for_role name)
RETURNS TABLE (unit_level text, unit_id integer)
LANGUAGE sql STABLE STRICT PARALLEL SAFE SECURITY DEFINER
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
    WITH RECURSIVE scope AS (
        SELECT s.alliance_id, s.region_id
        FROM medalliance.viewer_scope s
        JOIN pg_catalog.pg_roles g ON g.rolname = s.role_name
        WHERE pg_catalog.pg_has_role(session_user, for_role, 'MEMBER')
          AND pg_catalog.pg_has_role(for_role, g.oid, 'USAGE')
    ), inside (region_id) AS (
        SELECT s.region_id FROM scope s WHERE s.region_id IS NOT NULL
        UNION
        SELECT r.region_id FROM medalliance.region r JOIN inside i ON r.parent_region_id = i.region_id
    ), alliances AS (
        SELECT s.alliance_id FROM scope s WHERE s.alliance_id IS NOT NULL
        UNION
        SELECT a.alliance_id FROM medalliance.alliance a JOIN inside i ON i.region_id = a.region_id
    ), institutions AS (
        SELECT m.institution_id FROM medalliance.membership m JOIN alliances a ON a.alliance_id = m.alliance_id
        UNION
        SELECT n.institution_id FROM medalliance.institution n JOIN inside i ON i.region_id = n.region_id
    ), seats AS (
        SELECT i.region_id FROM inside i
        UNION
        SELECT a.region_id FROM medalliance.alliance a JOIN alliances v ON v.alliance_id = a.alliance_id
        UNION
        SELECT n.region_id FROM medalliance.institution n JOIN institutions v ON v.institution_id = n.institution_id
    ), places (region_id) AS (
        SELECT s.region_id FROM seats s
        UNION
        SELECT r.parent_region_id FROM medalliance.region r JOIN places p ON p.region_id = r.region_id
        WHERE r.parent_region_id IS NOT NULL
    )
    SELECT 'alliance'::text, a.alliance_id FROM alliances a
    UNION ALL
    SELECT 'institution', n.institution_id FROM institutions n
    UNION ALL
    SELECT r.region_level, r.region_id FROM medalliance.region r JOIN inside i ON i.region_id = r.region_id
    UNION ALL
    SELECT 'place', p.region_id FROM places p
$$;
COMMENT ON FUNCTION medalliance.scope_units(name) IS
    '可见单位 The units a role may see through its viewer_scope rows (and those of the roles it inherits from): (''alliance'', id), (''institution'', id), (''county''/''city''/''province'', region_id) for regions inside a region scope, and (''place'', region_id) for regions whose names, population and targets it may read. Empty for a role the session cannot become. SECURITY DEFINER: the row-level security policies call it and it must read the dimensions unfiltered (README, "Scopes").';

-- The rule of a table -------------------------------------------------------------

-- scope_rule(table): the policy qual that keeps the rows of the units of
-- CURRENT_USER, from the table's unit key columns (rules 1–4 above); NULL for
-- a table without a unit key.
CREATE FUNCTION medalliance.scope_rule(tbl regclass)
RETURNS text
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE SECURITY INVOKER
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
DECLARE
    names    name[];
    not_null name[];
    g        record;
    present  text;
    match    text;
    rule     text := NULL;
    lookup   constant text :=
        '%I IN (SELECT u.unit_id FROM medalliance.scope_units(CURRENT_USER) u WHERE u.unit_level = %L)';
BEGIN
    SELECT pg_catalog.array_agg(a.attname ORDER BY a.attnum),
           pg_catalog.array_agg(a.attname ORDER BY a.attnum) FILTER (WHERE a.attnotnull)
    INTO names, not_null
    FROM pg_catalog.pg_attribute a
    WHERE a.attrelid = tbl AND a.attnum > 0 AND NOT a.attisdropped;
    not_null := coalesce(not_null, '{}');
    -- the groups of key columns, from the last in precedence to the first: a
    -- row that fills no column of a group falls through to the next group,
    -- one that fills no column of any group is visible
    FOR g IN
        WITH k AS (
            SELECT 1 AS n, 'alliance' AS kind, c AS col FROM pg_catalog.unnest(names) c
            WHERE CASE WHEN 'alliance_id' = ANY (names) THEN c = 'alliance_id' ELSE c LIKE '%\_alliance\_id' END
            UNION ALL
            SELECT 2, 'unit', c FROM pg_catalog.unnest(names) c
            WHERE c IN ('unit_level', 'unit_id') AND ARRAY['unit_level', 'unit_id']::name[] <@ names
            UNION ALL
            SELECT 3, 'institution', c FROM pg_catalog.unnest(names) c
            WHERE CASE WHEN 'institution_id' = ANY (names) THEN c = 'institution_id' ELSE c LIKE '%\_institution\_id' END
            UNION ALL
            SELECT 4, 'place', c FROM pg_catalog.unnest(names) c
            WHERE CASE WHEN 'region_id' = ANY (names) THEN c = 'region_id'
                       ELSE c LIKE '%\_region\_id' OR c IN ('county_id', 'city_id', 'province_id') END
        )
        SELECT k.n, k.kind, pg_catalog.array_agg(k.col ORDER BY k.col)::name[] AS cols
        FROM k GROUP BY k.n, k.kind ORDER BY k.n DESC
    LOOP
        IF g.kind = 'unit' THEN
            present := '(unit_level IS NOT NULL AND unit_id IS NOT NULL)';
            match := '((unit_level, unit_id) IN (SELECT u.unit_level, u.unit_id FROM medalliance.scope_units(CURRENT_USER) u))';
        ELSE
            SELECT '(' || pg_catalog.string_agg(pg_catalog.format('%I IS NOT NULL', c), ' OR ') || ')',
                   '(' || pg_catalog.string_agg(pg_catalog.format(lookup, c, g.kind), ' OR ') || ')'
            INTO present, match
            FROM pg_catalog.unnest(g.cols) c;
        END IF;
        IF (g.kind = 'unit' AND g.cols <@ not_null) OR (g.kind <> 'unit' AND g.cols && not_null) THEN
            rule := match;
        ELSE
            rule := pg_catalog.format('(%s AND %s OR NOT %s AND %s)', present, match, present, coalesce(rule, 'true'));
        END IF;
    END LOOP;
    RETURN rule;
END
$$;
COMMENT ON FUNCTION medalliance.scope_rule(regclass) IS
    '范围规则 The row-level security qual of a table for a scoped viewer, built from its unit key columns (README, "Scopes"): its alliance, else its unit_level/unit_id, else its institutions, else its places must be among the units of CURRENT_USER (scope_units); NULL for a table without a unit key.';

-- Applying the scopes ------------------------------------------------------------

-- apply_scopes(): everything this file promises, from the catalogue, and
-- idempotent: run it again (as the owner of the extension's objects) after
-- adding a table or view to the schema.  Returns one line per object handled.
CREATE FUNCTION medalliance.apply_scopes()
RETURNS SETOF text
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY INVOKER
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
DECLARE
    t    record;
    rule text;
BEGIN
    IF pg_catalog.pg_has_role('medalliance_viewer', 'medalliance_reader', 'MEMBER')
       OR pg_catalog.pg_has_role('medalliance_viewer', 'medalliance_view_owner', 'MEMBER') THEN
        RAISE EXCEPTION 'medalliance_viewer is a member of medalliance_reader or medalliance_view_owner'
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'A viewer would see every unit: REVOKE medalliance_reader FROM medalliance_viewer.';
    END IF;

    -- 1. row-level security on every table with a unit key
    FOR t IN SELECT c.oid::regclass AS tbl FROM pg_catalog.pg_class c
             WHERE c.relnamespace = 'medalliance'::regnamespace AND c.relkind IN ('r', 'p')
               AND NOT c.relispartition ORDER BY c.relname
    LOOP
        rule := medalliance.scope_rule(t.tbl);
        CONTINUE WHEN rule IS NULL;
        EXECUTE pg_catalog.format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', t.tbl);
        EXECUTE pg_catalog.format('DROP POLICY IF EXISTS scope_unscoped ON %s', t.tbl);
        EXECUTE pg_catalog.format('DROP POLICY IF EXISTS scope_scoped ON %s', t.tbl);
        EXECUTE pg_catalog.format('CREATE POLICY scope_unscoped ON %s AS PERMISSIVE FOR ALL TO medalliance_reader '
                                  'USING (true) WITH CHECK (true)', t.tbl);
        EXECUTE pg_catalog.format('CREATE POLICY scope_scoped ON %s AS PERMISSIVE FOR SELECT '
                                  'TO medalliance_viewer, medalliance_view_owner '
                                  'USING ((SELECT pg_catalog.pg_has_role(CURRENT_USER, ''medalliance_reader'', ''USAGE'')) OR %s)',
                                  t.tbl, rule);
        EXECUTE pg_catalog.format('COMMENT ON POLICY scope_unscoped ON %s IS %L', t.tbl,
            '全部可见 readers, analysts and admins see and write (as their grants allow) every row.');
        EXECUTE pg_catalog.format('COMMENT ON POLICY scope_scoped ON %s IS %L', t.tbl,
            '范围可见 a viewer, and a view read by anyone but a reader, sees only the rows of the units of CURRENT_USER (viewer_scope).');
        RETURN NEXT pg_catalog.format('row-level security on %s', t.tbl);
    END LOOP;

    -- 2. every view owned by medalliance_view_owner, which reads what the view reads
    -- (the views of schema medalliance, and those of medalliance_bi once
    -- sql/96_bi.sql has made them: it runs this function again)
    FOR t IN SELECT c.oid::regclass AS v, c.relkind FROM pg_catalog.pg_class c
             WHERE c.relnamespace IN ('medalliance'::regnamespace, pg_catalog.to_regnamespace('medalliance_bi'))
               AND c.relkind IN ('v', 'm')
             ORDER BY c.relname
    LOOP
        EXECUTE pg_catalog.format('ALTER TABLE %s OWNER TO medalliance_view_owner', t.v);
        IF t.relkind = 'v' THEN
            -- with the owner's rights: a security_invoker view would need its
            -- readers to be granted the tables behind it
            EXECUTE pg_catalog.format('ALTER VIEW %s RESET (security_invoker)', t.v);
        END IF;
        RETURN NEXT pg_catalog.format('view %s owned by medalliance_view_owner', t.v);
    END LOOP;
    FOR t IN SELECT DISTINCT d.refobjid::regclass AS base
             FROM pg_catalog.pg_class v
             JOIN pg_catalog.pg_rewrite w ON w.ev_class = v.oid
             JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_rewrite'::regclass AND d.objid = w.oid
                                        AND d.refclassid = 'pg_catalog.pg_class'::regclass AND d.refobjid <> v.oid
             JOIN pg_catalog.pg_class b ON b.oid = d.refobjid AND b.relkind IN ('r', 'p', 'v', 'm', 'f')
             WHERE v.relnamespace IN ('medalliance'::regnamespace, pg_catalog.to_regnamespace('medalliance_bi'))
               AND v.relkind IN ('v', 'm')
    LOOP
        EXECUTE pg_catalog.format('GRANT SELECT ON %s TO medalliance_view_owner', t.base);
    END LOOP;

    -- 3. a viewer may read what a reader may read, and no more
    FOR t IN SELECT c.oid::regclass AS rel FROM pg_catalog.pg_class c
             WHERE c.relnamespace IN ('medalliance'::regnamespace, pg_catalog.to_regnamespace('medalliance_bi'))
               AND c.relkind IN ('r', 'p', 'v', 'm')
               AND EXISTS (SELECT FROM pg_catalog.aclexplode(c.relacl) x
                           WHERE x.grantee = 'medalliance_reader'::regrole AND x.privilege_type = 'SELECT')
             ORDER BY c.relname
    LOOP
        EXECUTE pg_catalog.format('GRANT SELECT ON %s TO medalliance_viewer', t.rel);
        RETURN NEXT pg_catalog.format('viewer reads %s', t.rel);
    END LOOP;
END
$$;
COMMENT ON FUNCTION medalliance.apply_scopes() IS
    '应用数据范围 Enables row-level security with the two scope policies on every table of schema medalliance that has a unit key, makes medalliance_view_owner the owner of every view of schemas medalliance and medalliance_bi (and lets it read what they read), and grants medalliance_viewer SELECT on what medalliance_reader may read there. Idempotent; run by the install script, and again by whoever adds a table or view. Returns what it did.';

REVOKE ALL ON FUNCTION medalliance.scope_units(name) FROM PUBLIC;
REVOKE ALL ON FUNCTION medalliance.apply_scopes() FROM PUBLIC;
REVOKE ALL ON FUNCTION medalliance.scope_rule(regclass) FROM PUBLIC;
REVOKE ALL ON FUNCTION medalliance.viewer_scope_check_role() FROM PUBLIC;
-- the policies call scope_units as whoever reads: every role that may read a scoped table or view
GRANT EXECUTE ON FUNCTION medalliance.scope_units(name) TO medalliance_reader, medalliance_viewer;
GRANT EXECUTE ON FUNCTION medalliance.scope_rule(regclass) TO medalliance_analyst;
GRANT USAGE ON SCHEMA medalliance TO medalliance_view_owner;

SELECT pg_catalog.count(*) FROM medalliance.apply_scopes();
