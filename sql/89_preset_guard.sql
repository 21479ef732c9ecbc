-- Presets are read-only (预置只读).  A preset row (is_preset) is shipped by
-- the install script and pg_dump leaves it out (every configuration table's
-- dump filter is WHERE NOT is_preset): a restore takes it from the install
-- script again.  An edit made in place would therefore be lost, silently, by
-- a dump and restore — and a row marked is_preset by hand would not be dumped
-- at all.  So one trigger, attached below to every table of the extension
-- that has an is_preset column (found in the catalogue, so that a table added
-- later is covered too), refuses with 55000:
--   * UPDATE or DELETE of a preset row;
--   * INSERT of a row marked is_preset, or an UPDATE that marks one.
-- Users copy a preset scheme (scheme.based_on_scheme) and edit the copy.
-- This file comes after every file that inserts presets.  An upgrade script
-- that changes presets disables the trigger of the table for its statements
-- (ALTER TABLE ... DISABLE TRIGGER z_preset_read_only, then ENABLE).
-- PostgreSQL fires BEFORE triggers in name order: the z makes this one fire
-- after each table's validation trigger (*_check), so a bad value is still
-- reported as such (22023) and a good one then learns the row is a preset.

CREATE FUNCTION medalliance.preset_read_only()
RETURNS trigger
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        IF OLD.is_preset THEN
            RAISE EXCEPTION USING ERRCODE = 'object_not_in_prerequisite_state',
                MESSAGE = pg_catalog.format('cannot %s a preset row of %I.%I', pg_catalog.lower(TG_OP),
                                        TG_TABLE_SCHEMA, TG_TABLE_NAME),
                DETAIL = 'Presets (is_preset) are restored from the install script, not from pg_dump: an edit in place would be lost by a dump and restore.',
                HINT = 'Copy the preset and edit the copy: SELECT * FROM medalliance.copy_scheme(''preset_code'', ''new_code'') copies a scheme with its rows; copy a row without a scheme under a new code, with is_preset = false.';
        END IF;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        IF NEW.is_preset THEN
            RAISE EXCEPTION USING ERRCODE = 'object_not_in_prerequisite_state',
                MESSAGE = pg_catalog.format('cannot mark a row of %I.%I as a preset', TG_TABLE_SCHEMA, TG_TABLE_NAME),
                DETAIL = 'Only the install script writes presets; pg_dump leaves rows with is_preset out, so this row would be lost by a dump and restore.',
                HINT = 'Write it with is_preset = false.';
        END IF;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION medalliance.preset_read_only() IS
    '预置只读 Trigger function on every configuration table with is_preset: refuses (55000) to update or delete a preset row, and to insert or mark a row as a preset; the hint says to copy the scheme.';

DO $attach$
DECLARE
    t regclass;
BEGIN
    FOR t IN
        SELECT c.oid::regclass
        FROM pg_catalog.pg_class c
        JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attname = 'is_preset' AND NOT a.attisdropped
        JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid
                                   AND d.refclassid = 'pg_catalog.pg_extension'::regclass AND d.deptype = 'e'
        JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid AND e.extname = 'medalliance'
        WHERE c.relkind IN ('r', 'p') AND a.atttypid = 'pg_catalog.bool'::regtype
        ORDER BY c.relname
    LOOP
        EXECUTE pg_catalog.format(
            'CREATE TRIGGER z_preset_read_only BEFORE INSERT OR UPDATE OR DELETE ON %s '
            'FOR EACH ROW EXECUTE FUNCTION medalliance.preset_read_only()', t);
    END LOOP;
END
$attach$;

-- copy_scheme(source_scheme, new_scheme, new_title): the copy the guard's
-- hint asks for.  Adds the scheme row (based_on_scheme = the source, not a
-- preset) and copies the source's rows of every configuration table that has
-- both scheme_code and is_preset (found in the catalogue, so tables added
-- later are copied too), parents before children by their foreign keys.
CREATE FUNCTION medalliance.copy_scheme(source_scheme text, new_scheme text, new_title text DEFAULT NULL)
RETURNS TABLE (table_name text, rows_copied bigint)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
DECLARE
    src      medalliance.scheme;
    tabs     regclass[];
    done     regclass[] := '{}';
    t        regclass;
    cols     text;
    vals     text;
    progress boolean;
BEGIN
    IF source_scheme IS NULL OR new_scheme IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = 'copy_scheme needs the scheme to copy and the code of the copy';
    END IF;
    SELECT * INTO src FROM medalliance.scheme s WHERE s.scheme_code = source_scheme;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = pg_catalog.format('unknown scheme "%s"', source_scheme),
            HINT = 'The schemes are listed in medalliance.scheme.';
    END IF;
    IF EXISTS (SELECT FROM medalliance.scheme s WHERE s.scheme_code = new_scheme) THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = pg_catalog.format('scheme "%s" exists already', new_scheme),
            HINT = 'Choose a new scheme code.';
    END IF;
    INSERT INTO medalliance.scheme (scheme_code, scheme_kind, title, document_code, based_on_scheme, is_preset)
    VALUES (new_scheme, src.scheme_kind, coalesce(new_title, src.title || ' (copy)'), src.document_code,
            source_scheme, false);
    table_name := 'medalliance.scheme';
    rows_copied := 1;
    RETURN NEXT;

    tabs := ARRAY(
        SELECT c.oid::regclass
        FROM pg_catalog.pg_class c
        JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid
                                   AND d.refclassid = 'pg_catalog.pg_extension'::regclass AND d.deptype = 'e'
        JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid AND e.extname = 'medalliance'
        WHERE c.relkind IN ('r', 'p') AND c.oid <> 'medalliance.scheme'::regclass
          AND EXISTS (SELECT FROM pg_catalog.pg_attribute a
                      WHERE a.attrelid = c.oid AND a.attname = 'scheme_code' AND NOT a.attisdropped)
          AND EXISTS (SELECT FROM pg_catalog.pg_attribute a
                      WHERE a.attrelid = c.oid AND a.attname = 'is_preset' AND NOT a.attisdropped)
        ORDER BY c.relname);
    LOOP
        progress := false;
        FOREACH t IN ARRAY tabs LOOP
            CONTINUE WHEN t = ANY (done);
            -- wait until every configuration table it references is copied
            CONTINUE WHEN EXISTS (SELECT FROM pg_catalog.pg_constraint k
                                  WHERE k.conrelid = t AND k.contype = 'f' AND k.confrelid <> t
                                    AND k.confrelid = ANY (tabs) AND NOT k.confrelid = ANY (done));
            SELECT pg_catalog.string_agg(pg_catalog.quote_ident(a.attname), ', ' ORDER BY a.attnum),
                   pg_catalog.string_agg(CASE a.attname WHEN 'scheme_code' THEN '$1' WHEN 'is_preset' THEN 'false'
                                                        ELSE pg_catalog.quote_ident(a.attname) END, ', ' ORDER BY a.attnum)
            INTO cols, vals
            FROM pg_catalog.pg_attribute a
            WHERE a.attrelid = t AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '' AND a.attidentity = '';
            EXECUTE pg_catalog.format('INSERT INTO %s (%s) SELECT %s FROM %s WHERE scheme_code = $2', t, cols, vals, t)
                USING new_scheme, source_scheme;
            GET DIAGNOSTICS rows_copied = ROW_COUNT;
            SELECT pg_catalog.format('%I.%I', n.nspname, c.relname) INTO table_name
            FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = t;
            done := done || t;
            progress := true;
            IF rows_copied > 0 THEN
                RETURN NEXT;
            END IF;
        END LOOP;
        EXIT WHEN pg_catalog.cardinality(done) = pg_catalog.cardinality(tabs);
        IF NOT progress THEN
            RAISE EXCEPTION USING ERRCODE = 'object_not_in_prerequisite_state',
                MESSAGE = 'the configuration tables reference each other in a cycle; copy the scheme by hand';
        END IF;
    END LOOP;
END
$$;
COMMENT ON FUNCTION medalliance.copy_scheme(text, text, text) IS
    '复制方案 copy_scheme(source_scheme, new_scheme, new_title): copies a scheme — preset or not — under a new code (based_on_scheme = the source, is_preset = false) with its rows of every configuration table keyed by scheme_code, so the copy can be edited (presets cannot) and pg_dump keeps it; returns the rows copied per table; 22023 for an unknown source or an existing code.';
REVOKE ALL ON FUNCTION medalliance.copy_scheme(text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION medalliance.copy_scheme(text, text, text) TO medalliance_admin;
