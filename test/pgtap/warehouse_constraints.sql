-- Every named constraint of the warehouse refuses a violating row with the
-- right SQLSTATE and names itself; the last test checks that no named
-- constraint of the extension's tables is left without a case here.
BEGIN;
CREATE EXTENSION IF NOT EXISTS medalliance_demo;
SET search_path = medalliance, medalliance_demo, public;
SELECT plan(148);

-- The SQLSTATE and constraint name of the error a statement raises, or 'no error'.
CREATE FUNCTION pg_temp.violation(statement text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE state text; name text;
BEGIN
    EXECUTE statement;
    RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, name = CONSTRAINT_NAME;
    RETURN state || ' ' || coalesce(nullif(name, ''), '-');
END $$;

-- A small valid warehouse: every case below breaks exactly one rule of it.
INSERT INTO region VALUES (100, 'P100', 'Test Province', 'province', NULL),
                          (110, 'C110', 'Test City', 'city', 100),
                          (111, 'K111', 'Test County', 'county', 110);
INSERT INTO population VALUES (111, 2024, 'all', 1000);
INSERT INTO institution (institution_id, institution_code, institution_name, institution_level, region_id,
                         parent_institution_id) VALUES
    (1, 'I1', 'County Hospital', 'county_hospital', 111, NULL),
    (2, 'I2', 'Township Centre', 'township_health_centre', 111, NULL),
    (3, 'I3', 'Village Clinic', 'village_clinic', 111, 2);
INSERT INTO alliance VALUES (10, 'Test Community', 'county_medical_community', 111, 1, NULL, '2021-01-01', NULL);
INSERT INTO membership VALUES (10, 1, 'lead', '2021-01-01', NULL), (10, 2, 'member', '2021-01-01', NULL);
SELECT count(*) FROM add_month_partitions('medalliance.encounter', '2024-01-01', '2024-01-01');
SELECT count(*) FROM add_month_partitions('medalliance.survey_response', '2024-01-01', '2024-01-01');
INSERT INTO encounter (encounter_id, encounter_date, encounter_kind, institution_id, residence_region_id, total_cost)
    VALUES (1, '2024-01-10', 'outpatient', 2, 111, 50);
INSERT INTO referral (referral_id, referral_date, from_institution_id, to_institution_id) VALUES (1, '2024-01-10', 2, 1);
INSERT INTO deployment (deployment_id, staff_id, from_institution_id, to_institution_id, started_on, deployment_kind,
                        profession, title_level) VALUES (1, 7, 1, 2, '2024-01-01', 'stationed', 'doctor', 'intermediate');
INSERT INTO contract (contract_id, person_id, residence_region_id, institution_id, population_group, signed_on, valid_to)
    VALUES (1, 5, 111, 2, 'elderly', '2024-01-01', '2025-01-01');
INSERT INTO chronic_care VALUES (5, 'hypertension', 2024, 111, 2, NULL, true, true);
INSERT INTO catchment_population VALUES (2, 2024, 'all', 800);
INSERT INTO qc_inspection (qc_inspection_id, institution_id, inspected_on, item_code, max_points, deducted_points)
    VALUES (1, 2, '2024-01-15', 'records', 10, 2);
INSERT INTO quality_measure VALUES (2, '2024-01-01', 'records_complete', 9, 10, true);
INSERT INTO survey_response VALUES (1, '2024-01-05', 'outpatient', 2, 9, 'overall', 4, 5);
INSERT INTO unification_evidence (evidence_id, alliance_id, institution_id, period_start, item_code, evidence_value)
    VALUES (1, 10, NULL, '2024-01-01', 'adm_1', 1);
INSERT INTO procurement (procurement_id, institution_id, ordered_on, item_kind, item_code, quantity, unit_price,
                         via_unified_platform) VALUES (1, 2, '2024-01-03', 'drug', 'X1', 10, 1.5, true);
INSERT INTO capability VALUES (2, '2024-01-01', true, true, true, true, true, NULL);
INSERT INTO shared_centre_service (service_id, centre_kind, ordering_institution_id, reading_institution_id, ordered_on)
    VALUES (1, 'imaging', 2, 1, '2024-01-04');
INSERT INTO fund_spending VALUES (2, '2024-01-01', 111, 'resident', 'outpatient', 3, 150, 60);
INSERT INTO demo_alliance_profile VALUES (10, 1, NULL, 0.9, true, 0.5, 0.55, 0.47, 0.82, true, 0.78, 0.15, 0.35,
                                          true, true, 0.97, 'high', true, 'high', 0.35, false);
INSERT INTO demo_institution_profile VALUES (2, 0.1, 4.0, NULL);
INSERT INTO source_document (document_code, title, issuer) VALUES ('local_doc', 'A local rule', 'Test Commission');
INSERT INTO scheme (scheme_code, scheme_kind, title, document_code) VALUES ('local', 'targets', 'Local', 'local_doc');

-- Identity columns continue beyond the fixture's explicit ids.
SELECT setval(pg_get_serial_sequence('medalliance.' || t, c), 1000)
FROM (VALUES ('referral', 'referral_id'), ('deployment', 'deployment_id'), ('contract', 'contract_id'),
             ('qc_inspection', 'qc_inspection_id'), ('unification_evidence', 'evidence_id'),
             ('procurement', 'procurement_id'), ('shared_centre_service', 'service_id')) v(t, c);

CREATE TEMP TABLE cases (covers text, expected text, statement text);
INSERT INTO cases VALUES
-- catalogue
('source_document_pkey', '23505 source_document_pkey', $$INSERT INTO source_document (document_code, title, issuer) VALUES ('local_doc', 't', 'i')$$),
('source_document_code_check', '23514 source_document_code_check', $$INSERT INTO source_document (document_code, title, issuer) VALUES ('Bad Code', 't', 'i')$$),
('scheme_pkey', '23505 scheme_pkey', $$INSERT INTO scheme (scheme_code, scheme_kind, title, document_code) VALUES ('local', 'targets', 't', 'local_doc')$$),
('scheme_code_check', '23514 scheme_code_check', $$INSERT INTO scheme (scheme_code, scheme_kind, title, document_code) VALUES ('9x', 'targets', 't', 'local_doc')$$),
('scheme_kind_check', '23514 scheme_kind_check', $$INSERT INTO scheme (scheme_code, scheme_kind, title, document_code) VALUES ('x2', 'wishes', 't', 'local_doc')$$),
('scheme_document_fkey', '23503 scheme_document_fkey', $$INSERT INTO scheme (scheme_code, scheme_kind, title, document_code) VALUES ('x3', 'targets', 't', 'nowhere')$$),
('scheme_based_on_fkey', '23503 scheme_based_on_fkey', $$INSERT INTO scheme (scheme_code, scheme_kind, title, document_code, based_on_scheme) VALUES ('x4', 'targets', 't', 'local_doc', 'nowhere')$$),
('scheme_not_based_on_itself_check', '23514 scheme_not_based_on_itself_check', $$INSERT INTO scheme (scheme_code, scheme_kind, title, document_code, based_on_scheme) VALUES ('x5', 'targets', 't', 'local_doc', 'x5')$$),
-- region and population
('region_pkey', '23505 region_pkey', $$INSERT INTO region VALUES (111, NULL, 'x', 'county', 110)$$),
('region_code_key', '23505 region_code_key', $$INSERT INTO region VALUES (112, 'K111', 'x', 'county', 110)$$),
('region_level_check', '23514 region_level_check', $$INSERT INTO region VALUES (112, NULL, 'x', 'township', 110)$$),
('region_parent_fkey', '23503 region_parent_fkey', $$INSERT INTO region VALUES (112, NULL, 'x', 'county', 999)$$),
('region_parent_check', '23514 region_parent_check', $$INSERT INTO region VALUES (112, NULL, 'x', 'county', NULL)$$),
('region_not_own_parent_check', '23514 region_not_own_parent_check', $$INSERT INTO region VALUES (112, NULL, 'x', 'county', 112)$$),
('population_region_fkey', '23503 population_region_fkey', $$INSERT INTO population VALUES (999, 2024, 'all', 1)$$),
('population_year_check', '23514 population_year_check', $$INSERT INTO population VALUES (111, 1900, 'all', 1)$$),
('population_group_check', '23514 population_group_check', $$INSERT INTO population VALUES (111, 2024, 'everyone', 1)$$),
('population_residents_check', '23514 population_residents_check', $$INSERT INTO population VALUES (111, 2024, 'elderly', -1)$$),
('population_pkey', '23505 population_pkey', $$INSERT INTO population VALUES (111, 2024, 'all', 5)$$),
-- catchment population (the valid warehouse holds one row: institution 2, 2024, all)
('catchment_population_institution_fkey', '23503 catchment_population_institution_fkey', $$INSERT INTO catchment_population VALUES (999, 2024, 'all', 1)$$),
('catchment_population_year_check', '23514 catchment_population_year_check', $$INSERT INTO catchment_population VALUES (2, 1900, 'all', 1)$$),
('catchment_population_group_check', '23514 catchment_population_group_check', $$INSERT INTO catchment_population VALUES (2, 2024, 'everyone', 1)$$),
('catchment_population_residents_check', '23514 catchment_population_residents_check', $$INSERT INTO catchment_population VALUES (2, 2024, 'elderly', -1)$$),
('catchment_population_pkey', '23505 catchment_population_pkey', $$INSERT INTO catchment_population VALUES (2, 2024, 'all', 5)$$),
-- institution, alliance, membership
('institution_pkey', '23505 institution_pkey', $$INSERT INTO institution (institution_id, institution_name, institution_level, region_id) VALUES (1, 'x', 'county_hospital', 111)$$),
('institution_code_key', '23505 institution_code_key', $$INSERT INTO institution (institution_id, institution_code, institution_name, institution_level, region_id) VALUES (9, 'I1', 'x', 'county_hospital', 111)$$),
('institution_level_check', '23514 institution_level_check', $$INSERT INTO institution (institution_id, institution_name, institution_level, region_id) VALUES (9, 'x', 'pharmacy', 111)$$),
('institution_region_fkey', '23503 institution_region_fkey', $$INSERT INTO institution (institution_id, institution_name, institution_level, region_id) VALUES (9, 'x', 'county_hospital', 999)$$),
('institution_parent_fkey', '23503 institution_parent_fkey', $$INSERT INTO institution (institution_id, institution_name, institution_level, region_id, parent_institution_id) VALUES (9, 'x', 'village_clinic', 111, 999)$$),
('institution_not_own_parent_check', '23514 institution_not_own_parent_check', $$UPDATE institution SET parent_institution_id = 3 WHERE institution_id = 3$$),
('institution_open_dates_check', '23514 institution_open_dates_check', $$INSERT INTO institution (institution_id, institution_name, institution_level, region_id, opened_on, closed_on) VALUES (9, 'x', 'village_clinic', 111, '2024-01-01', '2024-01-01')$$),
('alliance_pkey', '23505 alliance_pkey', $$INSERT INTO alliance VALUES (10, 'x', 'county_medical_community', 111, 1, NULL, NULL, NULL)$$),
('alliance_kind_check', '23514 alliance_kind_check', $$INSERT INTO alliance VALUES (11, 'x', 'club', 111, 1, NULL, NULL, NULL)$$),
('alliance_region_fkey', '23503 alliance_region_fkey', $$INSERT INTO alliance VALUES (11, 'x', 'county_medical_community', 999, 1, NULL, NULL, NULL)$$),
('alliance_lead_fkey', '23503 alliance_lead_fkey', $$INSERT INTO alliance VALUES (11, 'x', 'county_medical_community', 111, 999, NULL, NULL, NULL)$$),
('alliance_dates_check', '23514 alliance_dates_check', $$INSERT INTO alliance VALUES (11, 'x', 'county_medical_community', 111, 1, NULL, '2022-01-01', '2021-01-01')$$),
('alliance_specialty_check', '23514 alliance_specialty_check', $$INSERT INTO alliance VALUES (11, 'x', 'specialty_alliance', 100, 1, NULL, NULL, NULL)$$),
('membership_alliance_fkey', '23503 membership_alliance_fkey', $$INSERT INTO membership VALUES (99, 1, 'member', '2021-01-01', NULL)$$),
('membership_institution_fkey', '23503 membership_institution_fkey', $$INSERT INTO membership VALUES (10, 99, 'member', '2021-01-01', NULL)$$),
('membership_role_check', '23514 membership_role_check', $$INSERT INTO membership VALUES (10, 3, 'guest', '2021-01-01', NULL)$$),
('membership_pkey', '23505 membership_pkey', $$INSERT INTO membership VALUES (10, 2, 'member', '2021-01-01', NULL)$$),
('membership_dates_check', '23514 membership_dates_check', $$INSERT INTO membership VALUES (10, 3, 'member', '2021-01-01', '2020-01-01')$$),
-- encounter (partitioned: a duplicate names the partition's own index)
('encounter_kind_check', '23514 encounter_kind_check', $$INSERT INTO encounter (encounter_id, encounter_date, encounter_kind, institution_id, residence_region_id, total_cost) VALUES (2, '2024-01-10', 'telephone', 2, 111, 5)$$),
('encounter_institution_fkey', '23503 encounter_institution_fkey', $$INSERT INTO encounter (encounter_id, encounter_date, encounter_kind, institution_id, residence_region_id, total_cost) VALUES (2, '2024-01-10', 'outpatient', 999, 111, 5)$$),
('encounter_residence_fkey', '23503 encounter_residence_fkey', $$INSERT INTO encounter (encounter_id, encounter_date, encounter_kind, institution_id, residence_region_id, total_cost) VALUES (2, '2024-01-10', 'outpatient', 2, 999, 5)$$),
('encounter_insured_fkey', '23503 encounter_insured_fkey', $$INSERT INTO encounter (encounter_id, encounter_date, encounter_kind, institution_id, residence_region_id, insured_region_id, total_cost) VALUES (2, '2024-01-10', 'outpatient', 2, 111, 999, 5)$$),
('encounter_surgery_level_check', '23514 encounter_surgery_level_check', $$INSERT INTO encounter (encounter_id, encounter_date, encounter_kind, institution_id, residence_region_id, surgery_level, total_cost) VALUES (2, '2024-01-10', 'inpatient', 1, 111, 5, 5)$$),
('encounter_fund_payment_check', '23514 encounter_fund_payment_check', $$INSERT INTO encounter (encounter_id, encounter_date, encounter_kind, institution_id, residence_region_id, total_cost) VALUES (2, '2024-01-10', 'outpatient', 2, 111, -1)$$),
('encounter_p202401_pkey', '23505 encounter_p202401_pkey', $$INSERT INTO encounter (encounter_id, encounter_date, encounter_kind, institution_id, residence_region_id, total_cost) VALUES (1, '2024-01-10', 'outpatient', 2, 111, 5)$$),
('encounter_fund_payment_check', '23514 encounter_fund_payment_check', $$INSERT INTO encounter (encounter_id, encounter_date, encounter_kind, institution_id, residence_region_id, insured_region_id, total_cost, fund_payment) VALUES (2, '2024-01-10', 'outpatient', 2, 111, 111, 5, 6)$$),
('encounter_fund_payment_check', '23514 encounter_fund_payment_check', $$INSERT INTO encounter (encounter_id, encounter_date, encounter_kind, institution_id, residence_region_id, insured_region_id, total_cost, fund_payment) VALUES (2, '2024-01-10', 'outpatient', 2, 111, 111, 5, -1)$$),
('encounter_fund_insured_check', '23514 encounter_fund_insured_check', $$INSERT INTO encounter (encounter_id, encounter_date, encounter_kind, institution_id, residence_region_id, total_cost, fund_payment) VALUES (2, '2024-01-10', 'outpatient', 2, 111, 5, 1)$$),
('encounter_admission_check', '23514 encounter_admission_check', $$INSERT INTO encounter (encounter_id, encounter_date, encounter_kind, institution_id, residence_region_id, admitted_on, total_cost) VALUES (2, '2024-01-10', 'outpatient', 2, 111, '2024-01-09', 5)$$),
-- referral, deployment
('referral_pkey', '23505 referral_pkey', $$INSERT INTO referral (referral_id, referral_date, from_institution_id, to_institution_id) VALUES (1, '2024-01-11', 2, 1)$$),
('referral_from_fkey', '23503 referral_from_fkey', $$INSERT INTO referral (referral_date, from_institution_id, to_institution_id) VALUES ('2024-01-11', 999, 1)$$),
('referral_to_fkey', '23503 referral_to_fkey', $$INSERT INTO referral (referral_date, from_institution_id, to_institution_id) VALUES ('2024-01-11', 2, 999)$$),
('referral_residence_fkey', '23503 referral_residence_fkey', $$INSERT INTO referral (referral_date, from_institution_id, to_institution_id, residence_region_id) VALUES ('2024-01-11', 2, 1, 999)$$),
('referral_kind_check', '23514 referral_kind_check', $$INSERT INTO referral (referral_date, from_institution_id, to_institution_id, referral_kind) VALUES ('2024-01-11', 2, 1, 'home')$$),
('referral_reserved_slot_check', '23514 referral_reserved_slot_check', $$INSERT INTO referral (referral_date, from_institution_id, to_institution_id, by_appointment, reserved_slot) VALUES ('2024-01-11', 2, 1, false, true)$$),
('deployment_pkey', '23505 deployment_pkey', $$INSERT INTO deployment (deployment_id, staff_id, from_institution_id, to_institution_id, started_on, deployment_kind, profession, title_level) VALUES (1, 7, 1, 2, '2024-02-01', 'stationed', 'doctor', 'senior')$$),
('deployment_from_fkey', '23503 deployment_from_fkey', $$INSERT INTO deployment (staff_id, from_institution_id, to_institution_id, started_on, deployment_kind, profession, title_level) VALUES (7, 999, 2, '2024-02-01', 'stationed', 'doctor', 'senior')$$),
('deployment_to_fkey', '23503 deployment_to_fkey', $$INSERT INTO deployment (staff_id, from_institution_id, to_institution_id, started_on, deployment_kind, profession, title_level) VALUES (7, 1, 999, '2024-02-01', 'stationed', 'doctor', 'senior')$$),
('deployment_kind_check', '23514 deployment_kind_check', $$INSERT INTO deployment (staff_id, from_institution_id, to_institution_id, started_on, deployment_kind, profession, title_level) VALUES (7, 1, 2, '2024-02-01', 'holiday', 'doctor', 'senior')$$),
('deployment_profession_check', '23514 deployment_profession_check', $$INSERT INTO deployment (staff_id, from_institution_id, to_institution_id, started_on, deployment_kind, profession, title_level) VALUES (7, 1, 2, '2024-02-01', 'stationed', 'driver', 'senior')$$),
('deployment_title_level_check', '23514 deployment_title_level_check', $$INSERT INTO deployment (staff_id, from_institution_id, to_institution_id, started_on, deployment_kind, profession, title_level) VALUES (7, 1, 2, '2024-02-01', 'stationed', 'doctor', 'chief')$$),
('deployment_dates_check', '23514 deployment_dates_check', $$INSERT INTO deployment (staff_id, from_institution_id, to_institution_id, started_on, ended_on, deployment_kind, profession, title_level) VALUES (7, 1, 2, '2024-02-01', '2024-01-31', 'stationed', 'doctor', 'senior')$$),
('deployment_not_to_itself_check', '23514 deployment_not_to_itself_check', $$INSERT INTO deployment (staff_id, from_institution_id, to_institution_id, started_on, deployment_kind, profession, title_level) VALUES (7, 1, 1, '2024-02-01', 'stationed', 'doctor', 'senior')$$),
-- contract, chronic care
('contract_pkey', '23505 contract_pkey', $$INSERT INTO contract (contract_id, person_id, residence_region_id, institution_id, population_group, signed_on, valid_to) VALUES (1, 6, 111, 2, 'general', '2024-01-01', '2025-01-01')$$),
('contract_residence_fkey', '23503 contract_residence_fkey', $$INSERT INTO contract (person_id, residence_region_id, institution_id, population_group, signed_on, valid_to) VALUES (6, 999, 2, 'general', '2024-01-01', '2025-01-01')$$),
('contract_institution_fkey', '23503 contract_institution_fkey', $$INSERT INTO contract (person_id, residence_region_id, institution_id, population_group, signed_on, valid_to) VALUES (6, 111, 999, 'general', '2024-01-01', '2025-01-01')$$),
('contract_group_check', '23514 contract_group_check', $$INSERT INTO contract (person_id, residence_region_id, institution_id, population_group, signed_on, valid_to) VALUES (6, 111, 2, 'students', '2024-01-01', '2025-01-01')$$),
('contract_dates_check', '23514 contract_dates_check', $$INSERT INTO contract (person_id, residence_region_id, institution_id, population_group, signed_on, valid_to) VALUES (6, 111, 2, 'general', '2024-01-01', '2024-01-01')$$),
('contract_person_signed_key', '23505 contract_person_signed_key', $$INSERT INTO contract (person_id, residence_region_id, institution_id, population_group, signed_on, valid_to) VALUES (5, 111, 2, 'general', '2024-01-01', '2025-06-01')$$),
('chronic_care_condition_check', '23514 chronic_care_condition_check', $$INSERT INTO chronic_care VALUES (6, 'asthma', 2024, 111, 2, NULL, true, NULL)$$),
('chronic_care_year_check', '23514 chronic_care_year_check', $$INSERT INTO chronic_care VALUES (6, 'diabetes', 2500, 111, 2, NULL, true, NULL)$$),
('chronic_care_residence_fkey', '23503 chronic_care_residence_fkey', $$INSERT INTO chronic_care VALUES (6, 'diabetes', 2024, 999, 2, NULL, true, NULL)$$),
('chronic_care_institution_fkey', '23503 chronic_care_institution_fkey', $$INSERT INTO chronic_care VALUES (6, 'diabetes', 2024, 111, 999, NULL, true, NULL)$$),
('chronic_care_catchment_fkey', '23503 chronic_care_catchment_fkey', $$INSERT INTO chronic_care VALUES (6, 'diabetes', 2024, 111, 2, NULL, true, NULL, 999)$$),
('contract_catchment_fkey', '23503 contract_catchment_fkey', $$INSERT INTO contract (person_id, residence_region_id, institution_id, population_group, signed_on, valid_to, catchment_institution_id) VALUES (6, 111, 2, 'general', '2024-01-01', '2025-01-01', 999)$$),
('encounter_catchment_fkey', '23503 encounter_catchment_fkey', $$INSERT INTO encounter (encounter_id, encounter_date, encounter_kind, institution_id, residence_region_id, total_cost, catchment_institution_id) VALUES (2, '2024-01-10', 'outpatient', 2, 111, 5, 999)$$),
('chronic_care_pkey', '23505 chronic_care_pkey', $$INSERT INTO chronic_care VALUES (5, 'hypertension', 2024, 111, 1, NULL, false, NULL)$$),
-- QC inspection, quality measure
('qc_inspection_pkey', '23505 qc_inspection_pkey', $$INSERT INTO qc_inspection (qc_inspection_id, institution_id, inspected_on, item_code, max_points, deducted_points) VALUES (1, 2, '2024-02-15', 'records', 10, 2)$$),
('qc_inspection_institution_fkey', '23503 qc_inspection_institution_fkey', $$INSERT INTO qc_inspection (institution_id, inspected_on, item_code, max_points, deducted_points) VALUES (999, '2024-02-15', 'records', 10, 2)$$),
('qc_inspection_max_points_check', '23514 qc_inspection_max_points_check', $$INSERT INTO qc_inspection (institution_id, inspected_on, item_code, max_points, deducted_points) VALUES (2, '2024-02-15', 'records', 0, 0)$$),
('qc_inspection_inspector_fkey', '23503 qc_inspection_inspector_fkey', $$INSERT INTO qc_inspection (institution_id, inspected_on, item_code, max_points, deducted_points, inspected_by_institution_id) VALUES (2, '2024-02-15', 'records', 10, 2, 999)$$),
('qc_inspection_deducted_check', '23514 qc_inspection_deducted_check', $$INSERT INTO qc_inspection (institution_id, inspected_on, item_code, max_points, deducted_points) VALUES (2, '2024-02-15', 'records', 10, 11)$$),
('qc_inspection_item_key', '23505 qc_inspection_item_key', $$INSERT INTO qc_inspection (institution_id, inspected_on, item_code, max_points, deducted_points) VALUES (2, '2024-01-15', 'records', 10, 3)$$),
('quality_measure_institution_fkey', '23503 quality_measure_institution_fkey', $$INSERT INTO quality_measure VALUES (999, '2024-01-01', 'm', 1, 2, true)$$),
('quality_measure_period_check', '23514 quality_measure_period_check', $$INSERT INTO quality_measure VALUES (2, '2024-01-02', 'm', 1, 2, true)$$),
('quality_measure_numerator_check', '23514 quality_measure_numerator_check', $$INSERT INTO quality_measure VALUES (2, '2024-01-01', 'm', -1, 2, false)$$),
('quality_measure_denominator_check', '23514 quality_measure_denominator_check', $$INSERT INTO quality_measure VALUES (2, '2024-01-01', 'm', 1, -2, false)$$),
('quality_measure_pkey', '23505 quality_measure_pkey', $$INSERT INTO quality_measure VALUES (2, '2024-01-01', 'records_complete', 1, 2, true)$$),
('quality_measure_proportion_check', '23514 quality_measure_proportion_check', $$INSERT INTO quality_measure VALUES (2, '2024-01-01', 'm', 3, 2, true)$$),
-- survey response (partitioned)
('survey_response_kind_check', '23514 survey_response_kind_check', $$INSERT INTO survey_response VALUES (2, '2024-01-05', 'visitor', 2, 9, 'overall', 4, 5)$$),
('survey_response_institution_fkey', '23503 survey_response_institution_fkey', $$INSERT INTO survey_response VALUES (2, '2024-01-05', 'outpatient', 999, 9, 'overall', 4, 5)$$),
('survey_response_scale_check', '23514 survey_response_scale_check', $$INSERT INTO survey_response VALUES (2, '2024-01-05', 'outpatient', 2, 9, 'overall', 1, 1)$$),
('survey_response_p202401_pkey', '23505 survey_response_p202401_pkey', $$INSERT INTO survey_response VALUES (1, '2024-01-05', 'outpatient', 2, 9, 'waiting', 4, 5)$$),
('survey_response_answer_check', '23514 survey_response_answer_check', $$INSERT INTO survey_response VALUES (2, '2024-01-05', 'outpatient', 2, 9, 'overall', 6, 5)$$),
-- six-unification evidence
('unification_evidence_pkey', '23505 unification_evidence_pkey', $$INSERT INTO unification_evidence (evidence_id, alliance_id, period_start, item_code, evidence_value) VALUES (1, 10, '2024-02-01', 'adm_1', 1)$$),
('unification_evidence_alliance_fkey', '23503 unification_evidence_alliance_fkey', $$INSERT INTO unification_evidence (alliance_id, period_start, item_code, evidence_value) VALUES (99, '2024-02-01', 'adm_1', 1)$$),
('unification_evidence_institution_fkey', '23503 unification_evidence_institution_fkey', $$INSERT INTO unification_evidence (alliance_id, institution_id, period_start, item_code, evidence_value) VALUES (10, 999, '2024-02-01', 'adm_4', 1)$$),
('unification_evidence_period_check', '23514 unification_evidence_period_check', $$INSERT INTO unification_evidence (alliance_id, period_start, item_code, evidence_value) VALUES (10, '2024-02-15', 'adm_1', 1)$$),
('unification_evidence_item_check', '23514 unification_evidence_item_check', $$INSERT INTO unification_evidence (alliance_id, period_start, item_code, evidence_value) VALUES (10, '2024-02-01', 'admin_1', 1)$$),
('unification_evidence_value_check', '23514 unification_evidence_value_check', $$INSERT INTO unification_evidence (alliance_id, period_start, item_code, evidence_value) VALUES (10, '2024-02-01', 'adm_1', 1.5)$$),
('unification_evidence_applicable_check', '23514 unification_evidence_applicable_check', $$INSERT INTO unification_evidence (alliance_id, period_start, item_code, evidence_value, not_applicable) VALUES (10, '2024-02-01', 'adm_2', 1, true)$$),
('unification_evidence_item_key', '23505 unification_evidence_item_key', $$INSERT INTO unification_evidence (alliance_id, institution_id, period_start, item_code, evidence_value) VALUES (10, NULL, '2024-01-01', 'adm_1', 0)$$),
-- procurement, capability
('procurement_pkey', '23505 procurement_pkey', $$INSERT INTO procurement (procurement_id, institution_id, ordered_on, item_kind, item_code, quantity, unit_price, via_unified_platform) VALUES (1, 2, '2024-01-03', 'drug', 'X1', 1, 1, true)$$),
('procurement_institution_fkey', '23503 procurement_institution_fkey', $$INSERT INTO procurement (institution_id, ordered_on, item_kind, item_code, quantity, unit_price, via_unified_platform) VALUES (999, '2024-01-03', 'drug', 'X1', 1, 1, true)$$),
('procurement_item_kind_check', '23514 procurement_item_kind_check', $$INSERT INTO procurement (institution_id, ordered_on, item_kind, item_code, quantity, unit_price, via_unified_platform) VALUES (2, '2024-01-03', 'food', 'X1', 1, 1, true)$$),
('procurement_quantity_check', '23514 procurement_quantity_check', $$INSERT INTO procurement (institution_id, ordered_on, item_kind, item_code, quantity, unit_price, via_unified_platform) VALUES (2, '2024-01-03', 'drug', 'X1', 0, 1, true)$$),
('procurement_unit_price_check', '23514 procurement_unit_price_check', $$INSERT INTO procurement (institution_id, ordered_on, item_kind, item_code, quantity, unit_price, via_unified_platform) VALUES (2, '2024-01-03', 'drug', 'X1', 1, -1, true)$$),
('capability_institution_fkey', '23503 capability_institution_fkey', $$INSERT INTO capability VALUES (999, '2024-01-01', true, true, true, true, NULL, NULL)$$),
('capability_period_check', '23514 capability_period_check', $$INSERT INTO capability VALUES (2, '2024-01-31', true, true, true, true, NULL, NULL)$$),
('capability_pkey', '23505 capability_pkey', $$INSERT INTO capability VALUES (2, '2024-01-01', false, true, true, true, NULL, NULL)$$),
-- shared centres, fund spending
('shared_centre_service_pkey', '23505 shared_centre_service_pkey', $$INSERT INTO shared_centre_service (service_id, centre_kind, ordering_institution_id, reading_institution_id, ordered_on) VALUES (1, 'lab', 2, 1, '2024-01-04')$$),
('shared_centre_service_kind_check', '23514 shared_centre_service_kind_check', $$INSERT INTO shared_centre_service (centre_kind, ordering_institution_id, reading_institution_id, ordered_on) VALUES ('dental', 2, 1, '2024-01-04')$$),
('shared_centre_service_ordering_fkey', '23503 shared_centre_service_ordering_fkey', $$INSERT INTO shared_centre_service (centre_kind, ordering_institution_id, reading_institution_id, ordered_on) VALUES ('lab', 999, 1, '2024-01-04')$$),
('shared_centre_service_reading_fkey', '23503 shared_centre_service_reading_fkey', $$INSERT INTO shared_centre_service (centre_kind, ordering_institution_id, reading_institution_id, ordered_on) VALUES ('lab', 2, 999, '2024-01-04')$$),
('shared_centre_service_alliance_fkey', '23503 shared_centre_service_alliance_fkey', $$INSERT INTO shared_centre_service (centre_kind, ordering_institution_id, reading_institution_id, alliance_id, ordered_on) VALUES ('lab', 2, 1, 99, '2024-01-04')$$),
('shared_centre_service_dates_check', '23514 shared_centre_service_dates_check', $$INSERT INTO shared_centre_service (centre_kind, ordering_institution_id, reading_institution_id, ordered_on, reported_on) VALUES ('lab', 2, 1, '2024-01-04', '2024-01-03')$$),
('shared_centre_service_remote_check', '23514 shared_centre_service_remote_check', $$INSERT INTO shared_centre_service (centre_kind, ordering_institution_id, reading_institution_id, ordered_on) VALUES ('lab', 2, 2, '2024-01-04')$$),
('fund_spending_institution_fkey', '23503 fund_spending_institution_fkey', $$INSERT INTO fund_spending VALUES (999, '2024-01-01', 111, 'resident', 'outpatient', 1, 10, 5)$$),
('fund_spending_period_check', '23514 fund_spending_period_check', $$INSERT INTO fund_spending VALUES (2, '2024-01-05', 111, 'resident', 'outpatient', 1, 10, 5)$$),
('fund_spending_insured_fkey', '23503 fund_spending_insured_fkey', $$INSERT INTO fund_spending VALUES (2, '2024-01-01', 999, 'resident', 'outpatient', 1, 10, 5)$$),
('fund_spending_fund_kind_check', '23514 fund_spending_fund_kind_check', $$INSERT INTO fund_spending VALUES (2, '2024-01-01', 111, 'commercial', 'outpatient', 1, 10, 5)$$),
('fund_spending_encounter_kind_check', '23514 fund_spending_encounter_kind_check', $$INSERT INTO fund_spending VALUES (2, '2024-01-01', 111, 'resident', 'dental', 1, 10, 5)$$),
('fund_spending_settlements_check', '23514 fund_spending_settlements_check', $$INSERT INTO fund_spending VALUES (2, '2024-01-01', 111, 'resident', 'inpatient', -1, 10, 5)$$),
('fund_spending_pkey', '23505 fund_spending_pkey', $$INSERT INTO fund_spending VALUES (2, '2024-01-01', 111, 'resident', 'outpatient', 1, 10, 5)$$),
('fund_spending_amounts_check', '23514 fund_spending_amounts_check', $$INSERT INTO fund_spending VALUES (2, '2024-01-01', 111, 'employee', 'outpatient', 1, 10, 11)$$),
-- reporting feeds, demo profiles
('reporting_feed_pkey', '23505 reporting_feed_pkey', $$INSERT INTO reporting_feed (feed_code, expected_levels) VALUES ('encounter', '{}')$$),
('reporting_feed_code_check', '23514 reporting_feed_code_check', $$INSERT INTO reporting_feed (feed_code, expected_levels) VALUES ('gossip', '{}')$$),
('reporting_feed_levels_check', '23514 reporting_feed_levels_check', $$INSERT INTO reporting_feed (feed_code, expected_levels) VALUES ('referral', '{hospital}')$$),
('reporting_feed_document_fkey', '23503 reporting_feed_document_fkey', $$INSERT INTO reporting_feed (feed_code, expected_levels, document_code) VALUES ('referral', '{}', 'nowhere')$$),
('demo_alliance_profile_pkey', '23505 demo_alliance_profile_pkey', $$INSERT INTO demo_alliance_profile SELECT * FROM demo_alliance_profile$$),
('demo_alliance_profile_alliance_fkey', '23503 demo_alliance_profile_alliance_fkey', $$INSERT INTO demo_alliance_profile SELECT 99, profile_no, weak_unification_dimension, county_visit_rate, meets_county_visit_target, primary_share_2023, primary_share_2024, contract_rate_all, contract_rate_key, meets_contract_targets, standardised_rate, downward_referral_growth, booked_referral_share, staff_covers_every_township, shared_centre_full_coverage, unified_platform_share, quality_level, quality_even, satisfaction_level, hospital_booked_referral_share, all_six_shared_centres FROM demo_alliance_profile$$),
('demo_alliance_profile_hospital_booked_check', '23514 demo_alliance_profile_hospital_booked_check', $$UPDATE demo_alliance_profile SET hospital_booked_referral_share = 1.5$$),
('demo_alliance_profile_dimension_check', '23514 demo_alliance_profile_dimension_check', $$UPDATE demo_alliance_profile SET weak_unification_dimension = 'morale'$$),
('demo_alliance_profile_quality_check', '23514 demo_alliance_profile_quality_check', $$UPDATE demo_alliance_profile SET quality_level = 'superb'$$),
('demo_alliance_profile_satisfaction_check', '23514 demo_alliance_profile_satisfaction_check', $$UPDATE demo_alliance_profile SET satisfaction_level = 'ecstatic'$$),
('demo_institution_profile_booked_check', '23514 demo_institution_profile_booked_check', $$UPDATE demo_institution_profile SET booked_referral_share = -0.1$$),
('demo_institution_profile_pkey', '23505 demo_institution_profile_pkey', $$INSERT INTO demo_institution_profile VALUES (2, 0, 3, NULL)$$),
('demo_institution_profile_institution_fkey', '23503 demo_institution_profile_institution_fkey', $$INSERT INTO demo_institution_profile VALUES (999, 0, 3, NULL)$$);

SELECT is(pg_temp.violation(statement), expected, 'refused by ' || covers) FROM cases ORDER BY covers, statement;

-- A few NOT NULL columns (23502 names no constraint), and a month without a partition.
SELECT is(pg_temp.violation($$INSERT INTO encounter (encounter_id, encounter_date, institution_id, residence_region_id, total_cost) VALUES (3, '2024-01-10', 2, 111, 5)$$),
          '23502 -', 'an encounter without a kind is refused (23502)');
SELECT is(pg_temp.violation($$INSERT INTO institution (institution_id, institution_name, institution_level) VALUES (9, 'x', 'village_clinic')$$),
          '23502 -', 'an institution without a region is refused (23502)');
SELECT is(pg_temp.violation($$INSERT INTO membership (alliance_id, institution_id, member_role) VALUES (10, 3, 'member')$$),
          '23502 -', 'a membership without valid_from is refused (23502)');
SELECT is(pg_temp.violation($$INSERT INTO encounter (encounter_id, encounter_date, encounter_kind, institution_id, residence_region_id, total_cost) VALUES (3, '2024-02-10', 'outpatient', 2, 111, 5)$$),
          '23514 -', 'an encounter in a month without a partition is refused (23514)');
SELECT throws_ok($$INSERT INTO encounter (encounter_id, encounter_date, encounter_kind, institution_id, residence_region_id, total_cost) VALUES (2, '2024-01-10', 'outpatient', 2, 111, -1)$$,
                 '23514', NULL, 'throws_ok agrees: a negative cost is a check violation');

-- The cases cover every named constraint of the warehouse and catalogue tables and of
-- this test's monthly partitions (whose keys are their own; the indicator and compliance
-- layers test their own); a self-reference is a constraint trigger ('t').
SELECT set_eq(
    $$SELECT covers FROM cases$$,
    $$SELECT con.conname::text FROM pg_constraint con
      JOIN pg_class c ON c.oid = con.conrelid
      LEFT JOIN pg_inherits i ON i.inhrelid = c.oid AND c.relname IN ('encounter_p202401', 'survey_response_p202401')
      JOIN pg_class t ON t.oid = coalesce(i.inhparent, c.oid)
      JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = t.oid AND d.deptype = 'e'
      JOIN pg_extension e ON e.oid = d.refobjid AND e.extname IN ('medalliance', 'medalliance_demo')
      WHERE con.contype IN ('c', 'f', 'p', 'u', 'x', 't')
        AND t.relname = ANY (ARRAY[
    'source_document', 'scheme', 'region', 'population', 'catchment_population', 'institution', 'alliance',
    'membership', 'encounter', 'referral', 'deployment', 'contract', 'chronic_care', 'qc_inspection', 'quality_measure',
    'survey_response', 'unification_evidence', 'procurement', 'capability', 'shared_centre_service',
    'fund_spending', 'reporting_feed', 'demo_alliance_profile', 'demo_institution_profile'])$$,
    'every named constraint of the warehouse and catalogue tables has a case');

SELECT * FROM finish();
ROLLBACK;
