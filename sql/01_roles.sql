-- Roles (角色).  Nothing in the schema is reachable by PUBLIC: USAGE on the
-- schema is granted to these roles only, and a DBA grants the roles to users.
-- Roles are cluster-wide, so they are created only when missing (a second
-- database may install the extension too) and outlive DROP EXTENSION.
DO $roles$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'medalliance_reader') THEN
        CREATE ROLE medalliance_reader NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'medalliance_analyst') THEN
        CREATE ROLE medalliance_analyst NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'medalliance_admin') THEN
        CREATE ROLE medalliance_admin NOLOGIN;
    END IF;
END
$roles$;

COMMENT ON ROLE medalliance_reader IS
    '只读用户 read-only: BI tools reading the views of medalliance.';
COMMENT ON ROLE medalliance_analyst IS
    '分析人员 analyst: the views, the warehouse tables and every function of medalliance.';
COMMENT ON ROLE medalliance_admin IS
    '管理员 administrator: loads the warehouse, edits configuration, runs refreshes.';

GRANT medalliance_reader TO medalliance_analyst;
GRANT medalliance_analyst TO medalliance_admin;
REVOKE ALL ON SCHEMA medalliance FROM PUBLIC;
GRANT USAGE ON SCHEMA medalliance TO medalliance_reader;

-- The scoped viewer and the owner of the views (sql/95_scopes.sql).  A viewer
-- reads what a reader reads, but only the units it is scoped to; the views
-- run with the rights of medalliance_view_owner, which row-level security
-- applies to.  Both would defeat the scopes if they could log in, bypass
-- row-level security or were superusers: an existing role of either name
-- with such attributes is refused rather than adopted.
DO $scoped_roles$
DECLARE
    r record;
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'medalliance_viewer') THEN
        CREATE ROLE medalliance_viewer NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'medalliance_view_owner') THEN
        CREATE ROLE medalliance_view_owner NOLOGIN;
    END IF;
    FOR r IN SELECT rolname FROM pg_catalog.pg_roles
             WHERE rolname IN ('medalliance_viewer', 'medalliance_view_owner')
               AND (rolsuper OR rolbypassrls OR rolcanlogin OR rolcreaterole)
    LOOP
        RAISE EXCEPTION 'role % exists and can log in, bypass row-level security or create roles', r.rolname
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'ALTER ROLE ' || r.rolname || ' NOLOGIN NOBYPASSRLS NOSUPERUSER NOCREATEROLE, or drop it, then create the extension.';
    END LOOP;
    IF EXISTS (SELECT FROM pg_catalog.pg_auth_members m JOIN pg_catalog.pg_roles g ON g.oid = m.roleid
               WHERE g.rolname = 'medalliance_view_owner') THEN
        RAISE EXCEPTION 'role medalliance_view_owner has members'
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'Nobody may act as the owner of the views: REVOKE medalliance_view_owner FROM its members.';
    END IF;
END
$scoped_roles$;

COMMENT ON ROLE medalliance_viewer IS
    '限定范围用户 scoped viewer: reads what medalliance_reader reads, but only the alliances and regions medalliance.viewer_scope gives its members.';
COMMENT ON ROLE medalliance_view_owner IS
    '视图属主 owner of the views of medalliance: they read the tables with its rights, under row-level security. Nobody is granted this role.';

GRANT USAGE ON SCHEMA medalliance TO medalliance_viewer;
