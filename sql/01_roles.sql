-- Roles (角色).  Nothing in the schema is reachable by PUBLIC: USAGE on the
-- schema is granted to these roles only, and a DBA grants the roles to users.
-- Roles are cluster-wide, so they are created only when missing (a second
-- database may install the extension too) and outlive DROP EXTENSION.
-- A role of the same name that already exists is adopted only when it is a
-- plain group role, as this script would create it: no LOGIN, no password,
-- none of SUPERUSER, CREATEDB, CREATEROLE, REPLICATION, BYPASSRLS, and no
-- membership in a role outside these four.  Anything else was made by
-- someone for another purpose, and granting the extension's rights to it
-- (or letting users log in as it) is the DBA's decision, not the script's:
-- the install stops with 55000 and says what to change.
DO $roles$
DECLARE
    role_name text;
    found     text;
BEGIN
    FOREACH role_name IN ARRAY ARRAY['medalliance_reader', 'medalliance_analyst', 'medalliance_admin',
                                     'medalliance_refresher'] LOOP
        IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles r WHERE r.rolname OPERATOR(pg_catalog.=) role_name) THEN
            EXECUTE pg_catalog.format('CREATE ROLE %I NOLOGIN', role_name);
            CONTINUE;
        END IF;
        SELECT pg_catalog.concat_ws(', ',
                   CASE WHEN a.rolcanlogin THEN 'LOGIN' END,
                   CASE WHEN a.rolpassword IS NOT NULL THEN 'a password' END,
                   CASE WHEN a.rolsuper THEN 'SUPERUSER' END,
                   CASE WHEN a.rolcreatedb THEN 'CREATEDB' END,
                   CASE WHEN a.rolcreaterole THEN 'CREATEROLE' END,
                   CASE WHEN a.rolreplication THEN 'REPLICATION' END,
                   CASE WHEN a.rolbypassrls THEN 'BYPASSRLS' END,
                   (SELECT 'membership in ' OPERATOR(pg_catalog.||)
                           pg_catalog.string_agg(pg_catalog.quote_ident(g.rolname), ', ' ORDER BY g.rolname)
                    FROM pg_catalog.pg_auth_members m JOIN pg_catalog.pg_roles g ON g.oid OPERATOR(pg_catalog.=) m.roleid
                    WHERE m.member OPERATOR(pg_catalog.=) a.oid
                      AND g.rolname OPERATOR(pg_catalog.<>) ALL (ARRAY['medalliance_reader', 'medalliance_analyst',
                                                                      'medalliance_admin', 'medalliance_refresher'])))
        INTO found
        FROM pg_catalog.pg_authid a WHERE a.rolname OPERATOR(pg_catalog.=) role_name;
        IF found OPERATOR(pg_catalog.<>) '' THEN
            RAISE EXCEPTION USING ERRCODE = 'object_not_in_prerequisite_state',
                MESSAGE = pg_catalog.format('role %I exists with %s', role_name, found),
                DETAIL = 'The extension adopts an existing role of its names only when it is a plain group role (NOLOGIN, no password, no special attribute, no other membership): its members will read or change the warehouse.',
                HINT = pg_catalog.format('Check who made the role and why; then ALTER ROLE %I NOLOGIN PASSWORD NULL NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS (and revoke the other memberships), or drop it, and install again.', role_name);
        END IF;
    END LOOP;
END
$roles$;

COMMENT ON ROLE medalliance_reader IS
    '只读用户 read-only: BI tools reading the views of medalliance.';
COMMENT ON ROLE medalliance_analyst IS
    '分析人员 analyst: the views, the warehouse tables and every function of medalliance.';
COMMENT ON ROLE medalliance_admin IS
    '管理员 administrator: loads the warehouse, edits configuration, runs refreshes.';
COMMENT ON ROLE medalliance_refresher IS
    '刷新角色 refresher: runs refresh() and each layer''s refresh, which read what an analyst reads and write the stored results; cannot change the warehouse, the configuration, the scopes or any grant (sql/92_refresher.sql).';

GRANT medalliance_reader TO medalliance_analyst;
GRANT medalliance_analyst TO medalliance_admin;
GRANT medalliance_analyst TO medalliance_refresher;
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
