-- Presets are read-only (issue 14, "edited presets are lost on restore").
-- pg_dump keeps only the rows WHERE NOT is_preset of the configuration
-- tables, so an edit of a preset in place (the Hainan 2024 contract-rate
-- target 45 → 50) would come back as 45 after a restore.  The edit is
-- refused instead (55000, with a hint to copy the scheme), on every table
-- that has an is_preset column; a copied scheme is edited freely.
BEGIN;
SET search_path = medalliance, public;
SELECT plan(21);

-- The trigger is on every table of the extension with an is_preset column,
-- and every such table's dump filter leaves the presets out: the two rules
-- together keep a dump and restore exact.
CREATE TEMP VIEW preset_tables AS
SELECT c.oid::regclass AS tab
FROM pg_class c
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'is_preset' AND NOT a.attisdropped
JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'medalliance'
WHERE c.relkind IN ('r', 'p');
SELECT cmp_ok((SELECT count(*) FROM preset_tables), '>=', 19::bigint, 'the 19 configuration tables with is_preset (or more) are found');
SELECT is_empty($$SELECT tab FROM preset_tables p
                  WHERE NOT EXISTS (SELECT FROM pg_trigger t WHERE t.tgrelid = p.tab AND t.tgname = 'z_preset_read_only'
                                    AND t.tgfoid = 'medalliance.preset_read_only()'::regprocedure AND t.tgenabled = 'O')$$,
                'every table with is_preset has the enabled trigger z_preset_read_only');
SELECT is_empty($$SELECT p.tab, cond.condition FROM preset_tables p
                  LEFT JOIN (SELECT x.reloid, x.condition FROM pg_extension e,
                             ROWS FROM (unnest(e.extconfig), unnest(e.extcondition)) AS x (reloid, condition)
                             WHERE e.extname = 'medalliance') cond ON cond.reloid = p.tab
                  WHERE cond.condition IS DISTINCT FROM 'WHERE NOT is_preset'$$,
                'every table with is_preset is dumped WHERE NOT is_preset');

-- Every preset row of every such table refuses an UPDATE (even one that
-- changes nothing) and a DELETE, with 55000.
CREATE TEMP TABLE refused (tab regclass, op text, sqlstate text);
DO $$
DECLARE
    t regclass;
    op text;
    has_presets boolean;
BEGIN
    FOR t IN SELECT tab FROM preset_tables LOOP
        EXECUTE format('SELECT EXISTS (SELECT FROM %s WHERE is_preset)', t) INTO has_presets;
        CONTINUE WHEN NOT has_presets;
        FOREACH op IN ARRAY ARRAY['UPDATE', 'DELETE'] LOOP
            BEGIN
                IF op = 'UPDATE' THEN
                    EXECUTE format('UPDATE %s SET is_preset = is_preset WHERE is_preset', t);
                ELSE
                    EXECUTE format('DELETE FROM %s WHERE is_preset', t);
                END IF;
                INSERT INTO refused VALUES (t, op, 'none');
            EXCEPTION WHEN OTHERS THEN
                INSERT INTO refused VALUES (t, op, SQLSTATE);
            END;
        END LOOP;
    END LOOP;
END
$$;
SELECT cmp_ok((SELECT count(DISTINCT tab) FROM refused), '>=', 19::bigint, 'each of them holds presets, and each was tried');
SELECT is_empty($$SELECT * FROM refused WHERE sqlstate <> '55000'$$,
                'UPDATE and DELETE of the preset rows of every table are refused with 55000');

-- The Hainan 2024 target of the issue: refused, message and hint, unchanged.
SELECT throws_ok($$UPDATE indicator_target SET target_value = 50
                   WHERE scheme_code = 'hainan_2024_targets' AND indicator_code = 'family_doctor_contract_rate'$$,
                 '55000', 'cannot update a preset row of medalliance.indicator_target',
                 'editing a preset target (45 → 50) is refused');
SELECT is((SELECT target_value FROM indicator_target
           WHERE scheme_code = 'hainan_2024_targets' AND indicator_code = 'family_doctor_contract_rate'),
          45::numeric, 'the preset target is still 45');
CREATE TEMP TABLE hint_seen (hint text);
DO $$
BEGIN
    UPDATE medalliance.indicator_target SET target_value = 50
    WHERE scheme_code = 'hainan_2024_targets' AND indicator_code = 'family_doctor_contract_rate';
EXCEPTION WHEN object_not_in_prerequisite_state THEN
    DECLARE h text;
    BEGIN
        GET STACKED DIAGNOSTICS h = PG_EXCEPTION_HINT;
        INSERT INTO hint_seen VALUES (h);
    END;
END
$$;
SELECT matches((SELECT hint FROM hint_seen), '^Copy the preset and edit the copy: SELECT \* FROM medalliance\.copy_scheme\(',
               'the hint says to copy the scheme');
SELECT throws_ok($$DELETE FROM scheme WHERE scheme_code = 'six_unifications'$$, '55000',
                 'cannot delete a preset row of medalliance.scheme', 'a preset scheme cannot be deleted');
SELECT throws_ok($$INSERT INTO source_document (document_code, document_number, title, issuer, is_preset)
                   VALUES ('fake_preset', 'x', 'x', 'x', true)$$, '55000',
                 'cannot mark a row of medalliance.source_document as a preset',
                 'a row inserted by hand cannot be marked is_preset (pg_dump would leave it out)');
-- A validation error still comes first for a bad value (the triggers *_check fire before z_…).
SELECT throws_ok($$UPDATE unification_grade SET min_score = 120 WHERE scheme_code = 'six_unifications' AND grade = 'A'$$,
                 '22023', 'invalid threshold 120 of grade "A" in scheme "six_unifications"',
                 'a bad value in a preset is still reported as a bad value');

-- The copy: copy_scheme() makes a scheme based on the preset, with its
-- targets, which can be edited.  The targets of hainan_2024_targets are
-- counted first (sql/42_indicator_targets.sql ships them); six_unifications
-- has 6 dimensions, 44 items, 4 grades and 1 setting (unification_config.sql).
SELECT count(*) AS hainan_targets FROM indicator_target WHERE scheme_code = 'hainan_2024_targets' \gset
SELECT set_eq($$SELECT * FROM copy_scheme('hainan_2024_targets', 'my_hainan_targets', 'our targets')$$,
              format($$VALUES ('medalliance.scheme', 1::bigint), ('medalliance.indicator_target', %s)$$, :hainan_targets),
              'copy_scheme copies the scheme row and every one of its targets');
SELECT results_eq($$SELECT based_on_scheme, is_preset, title FROM scheme WHERE scheme_code = 'my_hainan_targets'$$,
                  $$VALUES ('hainan_2024_targets', false, 'our targets')$$, 'the copy is based on the preset and is not one');
SELECT lives_ok($$UPDATE indicator_target SET target_value = 50
                  WHERE scheme_code = 'my_hainan_targets' AND indicator_code = 'family_doctor_contract_rate'$$,
                'the copied target can be edited');
SELECT is((SELECT target_value FROM indicator_target
           WHERE scheme_code = 'my_hainan_targets' AND indicator_code = 'family_doctor_contract_rate'),
          50::numeric, 'the copy holds 50, the preset still 45');
SELECT set_eq($$SELECT * FROM copy_scheme('six_unifications', 'my_six')$$,
              $$VALUES ('medalliance.scheme', 1::bigint), ('medalliance.unification_dimension', 6), ('medalliance.unification_item', 44),
                       ('medalliance.unification_grade', 4), ('medalliance.unification_setting', 1)$$,
              'a checklist is copied parents first: dimensions, items, grades, setting');
SELECT lives_ok($$UPDATE unification_grade SET min_score = 95 WHERE scheme_code = 'my_six' AND grade = 'A'$$,
                'the copied grade can be edited');
SELECT throws_ok($$SELECT * FROM copy_scheme('my_six', 'my_six')$$, '22023', 'scheme "my_six" exists already',
                 'a copy onto an existing code is refused');
SELECT throws_ok($$SELECT * FROM copy_scheme('no_such', 'x')$$, '22023', 'unknown scheme "no_such"',
                 'an unknown scheme is refused');
SELECT lives_ok($$DELETE FROM indicator_target WHERE scheme_code = 'my_hainan_targets';
                  DELETE FROM scheme WHERE scheme_code = 'my_hainan_targets'$$,
                'the copy can be deleted');
SELECT is((SELECT count(*) FROM indicator_target WHERE scheme_code = 'hainan_2024_targets' AND is_preset),
          :hainan_targets::bigint, 'the preset scheme''s targets are all still there');

SELECT * FROM finish();
ROLLBACK;
