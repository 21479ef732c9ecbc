-- Satisfaction configuration: the presets, their citations, pg_dump
-- registration and privileges.
BEGIN;
SET search_path = medalliance, public;
SELECT plan(12);

SELECT results_eq($$SELECT scheme_code, survey_kind FROM satisfaction_scheme WHERE is_preset ORDER BY 1$$,
                  $$VALUES ('satisfaction_inpatient', 'inpatient'), ('satisfaction_outpatient', 'outpatient'),
                           ('satisfaction_resident', 'resident'), ('satisfaction_staff', 'staff')$$,
                  'one preset survey scheme per survey kind');
SELECT is_empty($$SELECT s.scheme_code FROM satisfaction_scheme s JOIN scheme c USING (scheme_code)
                  WHERE c.scheme_kind <> 'survey' OR c.document_code <> s.document_code$$,
                'every survey scheme is a scheme of kind survey citing the same document');
SELECT is_empty($$SELECT scheme_code FROM satisfaction_scheme
                  WHERE is_preset AND ((document_code = 'project_default') <> (source_text IS NULL))$$,
                'a preset cites the words of its document, or is project_default without words');
SELECT is_empty($$SELECT scheme_code, item_code FROM satisfaction_item
                  WHERE is_preset AND (document_code <> 'project_default' OR weight_document_code <> 'project_default'
                                       OR weight <> 1 OR (scale_lowest, scale_highest) <> (1, 5))$$,
                'preset items, weights and scales are project_default: equal weights on 1..5 (no document fixes them)');
-- The item codes the synthetic province writes (sql/25_demo_province.sql) are the preset items.
SELECT set_eq($$SELECT survey_kind || ':' || item_code FROM satisfaction_item JOIN satisfaction_scheme USING (scheme_code)
                WHERE satisfaction_item.is_preset AND survey_kind <> 'resident'$$,
              $$VALUES ('outpatient:waiting_time'), ('outpatient:doctor_communication'), ('outpatient:explanation'),
                       ('outpatient:privacy'), ('outpatient:environment'), ('outpatient:cost'), ('outpatient:convenience'),
                       ('outpatient:overall'), ('inpatient:admission'), ('inpatient:doctor_communication'),
                       ('inpatient:nursing'), ('inpatient:explanation'), ('inpatient:privacy'), ('inpatient:environment'),
                       ('inpatient:meals'), ('inpatient:cost'), ('inpatient:discharge_guidance'), ('inpatient:overall'),
                       ('staff:workload'), ('staff:pay'), ('staff:training'), ('staff:management'),
                       ('staff:development'), ('staff:overall')$$,
              'the preset items are the items the surveys of the synthetic province ask');
-- source_text is a verbatim substring of the seed file (read when the seeds are at hand).
CREATE FUNCTION pg_temp.seed_text(seed text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    IF (pg_stat_file('/work/shared/seeds/' || seed, true)) IS NULL THEN RETURN NULL; END IF;
    RETURN pg_read_file('/work/shared/seeds/' || seed);
END $$;
SELECT CASE WHEN pg_temp.seed_text('000_fbf5996a44a47a66.txt') IS NULL
            THEN skip('the seed files are not at /work/shared/seeds')
            ELSE is_empty($$SELECT s.scheme_code FROM satisfaction_scheme s JOIN source_document d USING (document_code)
                            WHERE s.source_text IS NOT NULL
                              AND strpos(pg_temp.seed_text(d.seed_file), s.source_text) = 0$$,
                          'every source_text is a verbatim substring of its seed file') END;
SELECT ok((SELECT bool_and(extcondition[array_position(extconfig, c::regclass::oid)] = 'WHERE NOT is_preset')
           FROM pg_extension, unnest(ARRAY['medalliance.satisfaction_scheme', 'medalliance.satisfaction_item']) c
           WHERE extname = 'medalliance'),
          'the configuration tables are dumped without their presets');
SELECT ok((SELECT bool_and(c::regclass::oid = ANY (extconfig))
           FROM pg_extension, unnest(ARRAY['medalliance.satisfaction_state', 'medalliance.satisfaction_item_state']) c
           WHERE extname = 'medalliance'),
          'the stored states are dumped');

-- Privileges: views for readers, states for analysts, writes for admins; nothing for PUBLIC.
SELECT ok(bool_and(has_table_privilege('medalliance_reader', v, 'SELECT')), 'readers read the views')
FROM unnest(ARRAY['medalliance.satisfaction_member', 'medalliance.satisfaction_alliance',
                  'medalliance.satisfaction_item_result']) v;
SELECT ok(NOT has_table_privilege('medalliance_reader', 'medalliance.satisfaction_state', 'SELECT')
          AND has_table_privilege('medalliance_analyst', 'medalliance.satisfaction_state', 'SELECT'),
          'the stored states are for analysts, not readers');
SELECT ok(has_table_privilege('medalliance_admin', 'medalliance.satisfaction_item', 'INSERT')
          AND NOT has_table_privilege('medalliance_analyst', 'medalliance.satisfaction_item', 'INSERT'),
          'only admins edit the survey schemes');
SELECT ok(NOT bool_or(has_table_privilege('public', t, 'SELECT')), 'PUBLIC reads nothing of the layer')
FROM unnest(ARRAY['medalliance.satisfaction_member', 'medalliance.satisfaction_state', 'medalliance.satisfaction_item']) t;

SELECT * FROM finish();
ROLLBACK;
