-- The refresher (刷新角色): a role that refreshes without being the admin of
-- everything.  medalliance_refresher (sql/01_roles.sql) is a member of
-- medalliance_analyst, so it reads what an analyst reads — the warehouse, the
-- configuration, the stored results — and, through medalliance_reader, gets
-- the constant-true row-level security policy of every scoped table
-- (sql/95_scopes.sql): a refresh sees and writes every row.  On top of that
-- it may write the stored results and run the refreshes, and nothing else:
-- no write on the warehouse facts or dimensions, the configuration and
-- presets, viewer_scope or refresh_log, no GRANT OPTION, no other role.
--
-- Its grants come from the catalogue, in grant_refresher() below, which this
-- file runs after every table and refresh function exists (all stored layers
-- come before it), so that a new layer is covered without being listed:
--   * stored results: every table of the schema with a refresh_id column
--     (the refresh that wrote the row), but refresh_log itself, which only
--     refresh_log_open() and refresh_finish() write; every table with a
--     foreign key to one of those (the assessment results of a run); and
--     unification_item_key and unification_member_key, the small keys the
--     six-unification trail and member rows use, which a refresh hands out
--     the first time it scores an item or a member's dimension.  SELECT,
--     INSERT, UPDATE, DELETE on each (a refresh deletes and rewrites its
--     months), and USAGE on the sequences they own (identity columns);
--   * EXECUTE on refresh() and on every layer's refresh function named in
--     refresh_layer.refreshed_by (all their signatures), and on the SECURITY
--     DEFINER helpers a refresh calls: refresh_lock() (locking the facts in
--     SHARE mode needs a write privilege on them in PostgreSQL 15),
--     refresh_log_open() and refresh_finish() (the log), and
--     assessment_publish_version() (the snapshot of an assessment scheme's
--     configuration, which a refresh records but may not forge).
-- What the catalogue cannot give: the refreshes build temporary tables, so
-- the refreshing user needs TEMP on the database.  PUBLIC has it by default;
-- a DBA who revoked it grants it back (GRANT TEMP ON DATABASE … TO
-- medalliance_refresher).  ANALYZE of the rewritten tables is left to
-- autovacuum when the refresher does not own them (analyze_stored()).

-- The stored-result tables: what medalliance_refresher may write.
CREATE FUNCTION medalliance.stored_result_tables()
RETURNS SETOF regclass
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
    WITH RECURSIVE stored (tbl) AS (
        SELECT c.oid FROM pg_catalog.pg_class c
        WHERE c.relnamespace = 'medalliance'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
          AND c.oid <> 'medalliance.refresh_log'::regclass
          AND EXISTS (SELECT FROM pg_catalog.pg_attribute a
                      WHERE a.attrelid = c.oid AND a.attname = 'refresh_id' AND NOT a.attisdropped)
        UNION
        SELECT k.conrelid FROM pg_catalog.pg_constraint k JOIN stored s ON k.confrelid = s.tbl
        WHERE k.contype = 'f' AND k.connamespace = 'medalliance'::regnamespace
    )
    SELECT s.tbl::regclass FROM (SELECT tbl FROM stored
                                 UNION
                                 VALUES ('medalliance.unification_item_key'::regclass::oid),
                                        ('medalliance.unification_member_key'::regclass::oid)) s
$$;
COMMENT ON FUNCTION medalliance.stored_result_tables() IS
    '结果表 The tables that hold stored results, which the refreshes rewrite and medalliance_refresher may write: every table of schema medalliance with a refresh_id column but refresh_log, every table with a foreign key to one of them, and the keys unification_item_key and unification_member_key.';

-- grant_refresher(): the grants above, from the catalogue; idempotent: run it
-- again (as the owner of the extension's objects) after adding a layer.
-- Returns one line per grant.
CREATE FUNCTION medalliance.grant_refresher()
RETURNS SETOF text
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY INVOKER
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
DECLARE
    t record;
BEGIN
    FOR t IN SELECT s AS tbl FROM medalliance.stored_result_tables() s ORDER BY s::text LOOP
        EXECUTE pg_catalog.format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO medalliance_refresher', t.tbl);
        RETURN NEXT pg_catalog.format('refresher writes %s', t.tbl);
    END LOOP;
    FOR t IN SELECT q.oid::regclass AS seq FROM pg_catalog.pg_class q
             JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = q.oid
                                        AND d.refclassid = 'pg_catalog.pg_class'::regclass
             WHERE q.relkind = 'S' AND d.deptype IN ('a', 'i')
               AND d.refobjid IN (SELECT s::oid FROM medalliance.stored_result_tables() s)
             ORDER BY 1::text
    LOOP
        EXECUTE pg_catalog.format('GRANT USAGE ON SEQUENCE %s TO medalliance_refresher', t.seq);
        RETURN NEXT pg_catalog.format('refresher uses %s', t.seq);
    END LOOP;
    FOR t IN SELECT p.oid::regprocedure AS fn FROM pg_catalog.pg_proc p
             WHERE p.pronamespace = 'medalliance'::regnamespace
               AND (p.proname IN (SELECT l.refreshed_by FROM medalliance.refresh_layer l)
                    OR p.proname IN ('refresh', 'refresh_lock', 'refresh_log_open', 'refresh_finish',
                                     'assessment_publish_version'))
             ORDER BY 1::text
    LOOP
        EXECUTE pg_catalog.format('GRANT EXECUTE ON FUNCTION %s TO medalliance_refresher', t.fn);
        RETURN NEXT pg_catalog.format('refresher runs %s', t.fn);
    END LOOP;
END
$$;
COMMENT ON FUNCTION medalliance.grant_refresher() IS
    '授权刷新角色 Grants medalliance_refresher what a refresh needs, from the catalogue: SELECT, INSERT, UPDATE, DELETE on the stored-result tables (stored_result_tables()) and USAGE on their sequences, EXECUTE on refresh(), on every layer''s refresh function (refresh_layer.refreshed_by) and on the helpers refresh_lock, refresh_log_open, refresh_finish and assessment_publish_version. Idempotent; run by the install script, and again by whoever adds a layer. Returns what it granted.';

REVOKE ALL ON FUNCTION medalliance.grant_refresher() FROM PUBLIC;

SELECT pg_catalog.count(*) FROM medalliance.grant_refresher();
