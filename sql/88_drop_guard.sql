-- The drop guard (删除保护).  The warehouse, its stored results and the
-- configuration a DBA added are tables of the extension, so
-- DROP EXTENSION medalliance — with or without CASCADE — would drop them
-- with their rows.  An event trigger stops that drop (and DROP SCHEMA
-- medalliance) while any of them holds a row that pg_dump would keep as user
-- data, that is a row its pg_extension_config_dump filter selects; the
-- presets come back with the install script and do not count.  An empty
-- warehouse drops and reinstalls freely.  A DBA who means it sets
-- medalliance.allow_drop = on for the session.

-- check_drop(): the decision, called by the event trigger.
CREATE FUNCTION medalliance.check_drop()
RETURNS void
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
DECLARE
    t        record;  -- (tab: the qualified name, condition: the dump filter)
    has_rows boolean;
    holding  text[] := '{}';
BEGIN
    IF pg_catalog.current_setting('medalliance.allow_drop', true) IN ('on', 'true', '1') THEN
        RETURN;
    END IF;
    FOR t IN
        SELECT pg_catalog.format('%I.%I', n.nspname, c.relname) AS tab, cond.condition
        FROM pg_catalog.pg_extension e
        CROSS JOIN LATERAL ROWS FROM (pg_catalog.unnest(e.extconfig), pg_catalog.unnest(e.extcondition)) AS cond (reloid, condition)
        JOIN pg_catalog.pg_class c ON c.oid = cond.reloid
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE e.extname = 'medalliance' AND c.relkind IN ('r', 'p')
        ORDER BY c.relname
    LOOP
        EXECUTE pg_catalog.format('SELECT EXISTS (SELECT FROM %s %s)', t.tab, t.condition) INTO has_rows;
        IF has_rows THEN
            holding := holding || t.tab;
        END IF;
    END LOOP;
    IF pg_catalog.cardinality(holding) > 0 THEN
        RAISE EXCEPTION USING ERRCODE = 'object_not_in_prerequisite_state',
            MESSAGE = pg_catalog.format('dropping medalliance would delete the rows of %s table(s)',
                                        pg_catalog.cardinality(holding)),
            DETAIL = pg_catalog.format('The warehouse, its stored results and the configuration you added are tables of the extension and would be dropped with it: %s.',
                                       pg_catalog.array_to_string(holding, ', ')),
            HINT = 'Back them up first (pg_dump keeps them). To drop them with the extension, SET medalliance.allow_drop = on in this session and drop again.';
    END IF;
END
$$;
COMMENT ON FUNCTION medalliance.check_drop() IS
    '删除检查 Raises 55000 when DROP EXTENSION medalliance (or DROP SCHEMA medalliance) would delete rows that pg_dump keeps as user data — facts, dimensions, stored results, refresh log, configuration added by users — unless medalliance.allow_drop is on; called by the event trigger medalliance_drop_guard.';
REVOKE ALL ON FUNCTION medalliance.check_drop() FROM PUBLIC;

CREATE FUNCTION medalliance.drop_guard()
RETURNS event_trigger
LANGUAGE c
AS 'MODULE_PATHNAME', 'drop_guard';
COMMENT ON FUNCTION medalliance.drop_guard() IS
    '删除保护 Event trigger function: on DROP EXTENSION or DROP SCHEMA naming medalliance, calls medalliance.check_drop() before anything is dropped.';
REVOKE ALL ON FUNCTION medalliance.drop_guard() FROM PUBLIC;

CREATE EVENT TRIGGER medalliance_drop_guard ON ddl_command_start
    WHEN TAG IN ('DROP EXTENSION', 'DROP SCHEMA')
    EXECUTE FUNCTION medalliance.drop_guard();
