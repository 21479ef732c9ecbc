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
