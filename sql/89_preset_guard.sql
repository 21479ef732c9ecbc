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
                HINT = 'Copy the preset and edit the copy: a new scheme (based_on_scheme = the preset) with its rows copied under the new scheme_code, or the row under a new code, with is_preset = false.';
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
