-- The warehouse contract: tables, comments, keys of every fact, partitions,
-- indexes for the joins the scores make, and registration for pg_dump.
BEGIN;
SET search_path = medalliance, public;
SELECT plan(67);

-- (Later layers add their own tables to the schema; this lists the warehouse's.)
SELECT is_empty($$
    SELECT t FROM unnest(ARRAY[
    'source_document', 'scheme', 'region', 'population', 'institution', 'alliance', 'membership',
    'encounter', 'referral', 'deployment', 'contract', 'chronic_care', 'qc_inspection', 'quality_measure',
    'survey_response', 'unification_evidence', 'procurement', 'capability', 'shared_centre_service',
    'fund_spending', 'reporting_feed']) AS t
    EXCEPT
    SELECT relname::text FROM pg_class
    WHERE relnamespace = 'medalliance'::regnamespace AND relkind IN ('r', 'p') AND NOT relispartition$$,
    'the warehouse and catalogue tables exist after CREATE EXTENSION');

-- Comments with a Chinese term on every table, view and column of the schema.
SELECT is_empty($$
    SELECT c.relname FROM pg_class c
    WHERE c.relnamespace = 'medalliance'::regnamespace AND c.relkind IN ('r', 'p', 'v')
      AND coalesce(obj_description(c.oid, 'pg_class'), '') !~ '[一-龥]'$$,
    'every table and view has a comment with its Chinese term');
SELECT is_empty($$
    SELECT c.relname, a.attname FROM pg_class c
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    WHERE c.relnamespace = 'medalliance'::regnamespace AND c.relkind IN ('r', 'p', 'v')
      AND coalesce(col_description(c.oid, a.attnum), '') !~ '[一-龥]'$$,
    'every column has a comment with its Chinese term');

-- Primary keys of the dimensions and facts.
SELECT col_is_pk('region', 'region_id', 'region: region_id');
SELECT col_is_pk('institution', 'institution_id', 'institution: institution_id');
SELECT col_is_pk('alliance', 'alliance_id', 'alliance: alliance_id');
SELECT col_is_pk('membership', ARRAY['alliance_id', 'institution_id', 'valid_from'], 'membership: alliance, institution, valid_from');
SELECT col_is_pk('population', ARRAY['region_id', 'year', 'population_group'], 'population: region, year, group');
SELECT hasnt_pk('encounter', 'encounter: the key is on each monthly partition (below), not on the partitioned table');
SELECT col_is_pk('referral', 'referral_id', 'referral: referral_id');
SELECT col_is_pk('deployment', 'deployment_id', 'deployment: deployment_id');
SELECT col_is_pk('contract', 'contract_id', 'contract: contract_id');
SELECT col_is_pk('chronic_care', ARRAY['person_id', 'condition', 'assessed_year'], 'chronic_care: person, condition, year');
SELECT col_is_pk('qc_inspection', 'qc_inspection_id', 'qc_inspection: qc_inspection_id');
SELECT col_is_pk('quality_measure', ARRAY['institution_id', 'period_start', 'measure_code'], 'quality_measure: institution, month, measure');
SELECT hasnt_pk('survey_response', 'survey_response: the key is on each monthly partition, not on the partitioned table');
SELECT col_is_pk('unification_evidence', 'evidence_id', 'unification_evidence: evidence_id');
SELECT col_is_pk('procurement', 'procurement_id', 'procurement: procurement_id');
SELECT col_is_pk('capability', ARRAY['institution_id', 'period_start'], 'capability: institution, month');
SELECT col_is_pk('shared_centre_service', 'service_id', 'shared_centre_service: service_id');
SELECT col_is_pk('fund_spending', ARRAY['institution_id', 'period_start', 'insured_region_id', 'fund_kind', 'encounter_kind'],
                 'fund_spending: institution, month, insured region, fund, kind');

-- Foreign keys of the facts.
SELECT fk_ok('encounter', 'institution_id', 'institution', 'institution_id');
SELECT fk_ok('encounter', 'residence_region_id', 'region', 'region_id');
SELECT fk_ok('encounter', 'insured_region_id', 'region', 'region_id');
SELECT fk_ok('referral', 'from_institution_id', 'institution', 'institution_id');
SELECT fk_ok('referral', 'to_institution_id', 'institution', 'institution_id');
SELECT fk_ok('deployment', 'from_institution_id', 'institution', 'institution_id');
SELECT fk_ok('deployment', 'to_institution_id', 'institution', 'institution_id');
SELECT fk_ok('contract', 'residence_region_id', 'region', 'region_id');
SELECT fk_ok('contract', 'institution_id', 'institution', 'institution_id');
SELECT fk_ok('chronic_care', 'managed_at_institution_id', 'institution', 'institution_id');
SELECT fk_ok('qc_inspection', 'institution_id', 'institution', 'institution_id');
SELECT fk_ok('quality_measure', 'institution_id', 'institution', 'institution_id');
SELECT fk_ok('survey_response', 'institution_id', 'institution', 'institution_id');
SELECT fk_ok('unification_evidence', 'alliance_id', 'alliance', 'alliance_id');
SELECT fk_ok('unification_evidence', 'institution_id', 'institution', 'institution_id');
SELECT fk_ok('procurement', 'institution_id', 'institution', 'institution_id');
SELECT fk_ok('capability', 'institution_id', 'institution', 'institution_id');
SELECT fk_ok('shared_centre_service', 'ordering_institution_id', 'institution', 'institution_id');
SELECT fk_ok('shared_centre_service', 'reading_institution_id', 'institution', 'institution_id');
SELECT fk_ok('fund_spending', 'institution_id', 'institution', 'institution_id');
SELECT fk_ok('fund_spending', 'insured_region_id', 'region', 'region_id');
SELECT fk_ok('membership', 'alliance_id', 'alliance', 'alliance_id');
SELECT fk_ok('membership', 'institution_id', 'institution', 'institution_id');
SELECT fk_ok('alliance', 'lead_institution_id', 'institution', 'institution_id');
SELECT fk_ok('institution', 'region_id', 'region', 'region_id');
SELECT fk_ok('population', 'region_id', 'region', 'region_id');

-- The two largest facts are partitioned by month; nothing else is.
SELECT is((SELECT array_agg(c.relname::text ORDER BY c.relname) FROM pg_class c
           WHERE c.relnamespace = 'medalliance'::regnamespace AND c.relkind = 'p'),
          ARRAY['encounter', 'survey_response'], 'encounter and survey_response are the partitioned tables');
SELECT is((SELECT pg_get_partkeydef('medalliance.encounter'::regclass)), 'RANGE (encounter_date)',
          'encounter is range-partitioned on encounter_date');
CREATE FUNCTION pg_temp.qualified(regclass) RETURNS text LANGUAGE sql AS
    $$SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = $1$$;
SELECT is(ARRAY(SELECT pg_temp.qualified(p) FROM add_month_partitions('medalliance.encounter', '2023-11-15', '2024-01-20') p),
          ARRAY['medalliance.encounter_p202311', 'medalliance.encounter_p202312', 'medalliance.encounter_p202401'],
          'add_month_partitions creates one partition per month, named by the month');
SELECT is(ARRAY(SELECT pg_temp.qualified(p) FROM add_month_partitions('medalliance.encounter', '2024-01-01', '2024-02-01') p),
          ARRAY['medalliance.encounter_p202402'], 'and only the missing ones');
SELECT is((SELECT pg_get_expr(relpartbound, oid) FROM pg_class WHERE oid = 'medalliance.encounter_p202402'::regclass),
          'FOR VALUES FROM (''2024-02-01'') TO (''2024-03-01'')', 'a partition holds exactly its month');
SELECT col_is_pk('encounter_p202402', ARRAY['encounter_id', 'encounter_date'],
                 'a monthly partition has its key: id and date (the partition key)');
SELECT is(ARRAY(SELECT pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = 'medalliance.encounter_p202402'::regclass
                ORDER BY 1),
          ARRAY['CREATE INDEX encounter_p202402_institution_id_encounter_date_idx ON medalliance.encounter_p202402 USING btree (institution_id, encounter_date)',
                'CREATE INDEX encounter_p202402_residence_region_id_encounter_date_idx ON medalliance.encounter_p202402 USING btree (residence_region_id, encounter_date)',
                'CREATE UNIQUE INDEX encounter_p202402_pkey ON medalliance.encounter_p202402 USING btree (encounter_id, encounter_date)'],
          'and its indexes by institution and by residence');
SELECT throws_ok($$SELECT add_month_partitions('medalliance.referral', '2024-01-01', '2024-02-01')$$, '22023', NULL,
                 'only the partitioned facts take partitions');
SELECT throws_ok($$SELECT add_month_partitions('medalliance.encounter', '2024-02-01', '2024-01-01')$$, '22023', NULL,
                 'months in the wrong order are refused');
SELECT throws_ok($$SELECT add_month_partitions('medalliance.encounter', '1900-01-01', '2024-01-01')$$, '22023', NULL,
                 'a century of partitions is refused');

-- Indexes for the joins the scores make.
-- (encounter's are on each monthly partition: see above)
SELECT has_index('encounter_p202311', 'encounter_p202311_institution_id_encounter_date_idx', ARRAY['institution_id', 'encounter_date']);
SELECT has_index('encounter_p202311', 'encounter_p202311_residence_region_id_encounter_date_idx', ARRAY['residence_region_id', 'encounter_date']);
SELECT has_index('referral', 'referral_from_idx', ARRAY['from_institution_id', 'referral_date']);
SELECT has_index('referral', 'referral_to_idx', ARRAY['to_institution_id', 'referral_date']);
SELECT has_index('membership', 'membership_institution_idx', ARRAY['institution_id', 'valid_from']);
SELECT has_index('contract', 'contract_residence_idx', ARRAY['residence_region_id', 'signed_on']);

-- is_primary and care_tier follow from the level.
INSERT INTO region VALUES (1, NULL, 'P', 'province', NULL);
INSERT INTO institution (institution_id, institution_name, institution_level, region_id)
VALUES (1, 'a', 'village_clinic', 1), (2, 'b', 'township_health_centre', 1), (3, 'c', 'county_tcm_hospital', 1),
       (4, 'd', 'provincial_hospital', 1), (5, 'e', 'private', 1);
SELECT is((SELECT string_agg(institution_level || ':' || is_primary || ':' || coalesce(care_tier::text, '-'), ' '
                             ORDER BY institution_id) FROM institution),
          'village_clinic:true:0 township_health_centre:true:1 county_tcm_hospital:false:2 provincial_hospital:false:4 private:false:-',
          'is_primary and care_tier are derived from the level');

-- pg_dump keeps what a DBA loads: every table is registered, presets filtered out.
SELECT is_empty($$
    SELECT c.relname FROM pg_class c
    WHERE c.relnamespace = 'medalliance'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      AND NOT EXISTS (SELECT FROM pg_extension e WHERE e.extname = 'medalliance' AND c.oid = ANY (e.extconfig))$$,
    'every table is registered with pg_extension_config_dump');
SELECT is((SELECT extcondition[array_position(extconfig, 'medalliance.scheme'::regclass)]
           FROM pg_extension WHERE extname = 'medalliance'),
          'WHERE NOT is_preset', 'preset schemes are left to the extension script');
SELECT set_eq($$SELECT document_code FROM source_document WHERE is_preset$$,
              $$VALUES ('hainan_2021_73'), ('hainan_2024_1'), ('miyi_2019_draft'), ('nantong_2017_118'),
                       ('zhoushan_2018_21'), ('project_default')$$,
              'the five seed documents and project_default are preset');

SELECT * FROM finish();
ROLLBACK;
