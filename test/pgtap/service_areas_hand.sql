-- Residence-based indicators per alliance from service areas (服务范围), on a
-- hand-built warehouse where two county medical communities share one county.
-- Every expected figure is worked out by hand in the comments; none is the
-- extension's output pasted back.
--
-- Province 1 ─┬─ County 101: alliance 1 "North" (1001 county hospital lead, 1101 township
--             │              centre, 1102 village clinic of 1101) and alliance 2 "South"
--             │              (1002 county TCM hospital lead, 1201 township centre)
--             └─ County 102: 3001 provincial hospital, lead of specialty alliance 3, whose
--                            other member is township centre 1101
-- Catchments: 1101 serves the north of county 101 (60 residents, 20 of a key group), 1201
-- the south (40, 10).  The county has 100 residents, 30 of a key group.
BEGIN;
SET search_path = medalliance, public;
SELECT plan(15);

CREATE TABLE public.areas_encounter_2024 PARTITION OF medalliance.encounter
    FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');

INSERT INTO region (region_id, region_code, region_name, region_level, parent_region_id) VALUES
    (1, 'P', 'Test Province', 'province', NULL),
    (101, 'K1', 'Two-Alliance County', 'county', 1),
    (102, 'K2', 'Other County', 'county', 1);
INSERT INTO population (region_id, year, population_group, residents) VALUES
    (101, 2024, 'all', 100), (101, 2024, 'key_any', 30);
INSERT INTO institution (institution_id, institution_name, institution_level, region_id, parent_institution_id) VALUES
    (1001, 'County Hospital', 'county_hospital', 101, NULL),
    (1002, 'County TCM Hospital', 'county_tcm_hospital', 101, NULL),
    (1101, 'North Township Centre', 'township_health_centre', 101, NULL),
    (1102, 'North Village Clinic', 'village_clinic', 101, 1101),
    (1201, 'South Township Centre', 'township_health_centre', 101, NULL),
    (3001, 'Provincial Hospital', 'provincial_hospital', 102, NULL);
INSERT INTO catchment_population (institution_id, year, population_group, residents) VALUES
    (1101, 2024, 'all', 60), (1101, 2024, 'key_any', 20),
    (1201, 2024, 'all', 40), (1201, 2024, 'key_any', 10);
INSERT INTO alliance (alliance_id, alliance_name, alliance_kind, region_id, lead_institution_id, specialty) VALUES
    (1, 'North Medical Community', 'county_medical_community', 101, 1001, NULL),
    (2, 'South Medical Community', 'county_medical_community', 101, 1002, NULL),
    (3, 'Cardiology Alliance', 'specialty_alliance', 1, 3001, 'cardiology');
INSERT INTO membership (alliance_id, institution_id, member_role, valid_from) VALUES
    (1, 1001, 'lead', '2023-01-01'), (1, 1101, 'member', '2023-01-01'), (1, 1102, 'member', '2023-01-01'),
    (2, 1002, 'lead', '2023-01-01'), (2, 1201, 'member', '2023-01-01'),
    (3, 3001, 'lead', '2023-01-01'), (3, 1101, 'member', '2023-01-01');

-- Encounters in March 2024 of residents of county 101 (all insured there):
-- (catchment, institution, count).  3001 sits in county 102: out of county.
INSERT INTO encounter (encounter_id, encounter_date, encounter_kind, institution_id, residence_region_id,
                       insured_region_id, total_cost, catchment_institution_id)
SELECT row_number() OVER (), date '2024-03-10', 'outpatient', i, 101, 101, 10, c
FROM (VALUES (1101, 1001, 5), (1101, 1101, 3), (1101, 3001, 2),      -- north: 8 in, 2 out
             (1201, 1002, 2), (1201, 1201, 2), (1201, 3001, 4),      -- south: 4 in, 4 out
             (NULL, 1001, 2)) AS v(c, i, n),                         -- catchment unknown: 2 in
     generate_series(1, n);

-- Contracts signed 2024-01-15 for a year: in force on 31 December 2024.
INSERT INTO contract (person_id, residence_region_id, institution_id, population_group, signed_on, valid_to,
                      catchment_institution_id)
SELECT p, 101, i, g, date '2024-01-15', date '2025-01-15', c
FROM (VALUES (1, 25, 1101, 'general', 1101),      -- north: 25 general residents signed at 1101
             (101, 116, 1101, 'elderly', 1101),   -- north: 16 elderly at 1101
             (117, 117, 1001, 'elderly', 1101),   -- north: one elderly resident signed at the county hospital
             (201, 210, 1201, 'general', 1201),   -- south: 10 general
             (301, 305, 1201, 'poor', 1201),      -- south: 5 poor
             (401, 401, 1201, 'general', NULL))   -- catchment unknown: counted for the county only
     AS v(p0, p1, i, g, c),
     generate_series(p0, p1) p;

-- Chronic care assessed for 2024.
INSERT INTO chronic_care (person_id, condition, assessed_year, residence_region_id, managed_at_institution_id,
                          is_standardised, catchment_institution_id) VALUES
    (501, 'hypertension', 2024, 101, 1101, true, 1101),    -- north, counts
    (502, 'diabetes', 2024, 101, 1102, true, 1101),        -- north, counts (village clinic is primary)
    (503, 'hypertension', 2024, 101, 1001, true, 1101),    -- north, standardised at a hospital: not counted
    (504, 'hypertension', 2024, 101, 1101, false, 1101),   -- north, not standardised
    (601, 'hypertension', 2024, 101, 1201, true, 1201),    -- south, counts
    (602, 'hypertension', 2024, 101, 1201, true, 1201),    -- south, counts
    (603, 'diabetes', 2024, 101, 1201, true, 1201);        -- south, counts

SELECT is_empty($$SELECT * FROM validate_warehouse() WHERE check_code LIKE 'catchment%'$$,
                'the hand-built catchments are consistent');
SELECT lives_ok($$SELECT refresh_indicators('2024-01-01', '2024-12-31')$$, 'the indicators of 2024 are refreshed');

CREATE TEMP TABLE expected (indicator_code text, unit_level text, unit_id int, numerator bigint, denominator bigint);
INSERT INTO expected VALUES
-- county visit rate: north 5 + 3 in of 10 = 8/10 (80%); south 2 + 2 in of 8 = 4/8 (50%);
-- the county adds the 2 encounters of unknown catchment: 14/20 (70%); the province likewise.
('county_visit_rate', 'alliance', 1, 8, 10), ('county_visit_rate', 'alliance', 2, 4, 8),
('county_visit_rate', 'county', 101, 14, 20), ('county_visit_rate', 'province', 1, 14, 20),
-- insured where they live: the same by insured region
('county_visit_rate_insured', 'alliance', 1, 8, 10), ('county_visit_rate_insured', 'alliance', 2, 4, 8),
('county_visit_rate_insured', 'county', 101, 14, 20), ('county_visit_rate_insured', 'province', 1, 14, 20),
-- contracts of all residents: north 25 + 16 + 1 (whoever signed) = 42 of 60 (70%); south 10 + 5 = 15
-- of 40 (37.5%); county 42 + 15 + 1 (person 401) = 58 of 100.
('family_doctor_contract_rate', 'alliance', 1, 42, 60), ('family_doctor_contract_rate', 'alliance', 2, 15, 40),
('family_doctor_contract_rate', 'county', 101, 58, 100), ('family_doctor_contract_rate', 'province', 1, 58, 100),
-- key groups: north 16 + 1 = 17 of 20 (85%); south 5 of 10 (50%); county 22 of 30 (73.3%).
('key_group_contract_rate', 'alliance', 1, 17, 20), ('key_group_contract_rate', 'alliance', 2, 5, 10),
('key_group_contract_rate', 'county', 101, 22, 30), ('key_group_contract_rate', 'province', 1, 22, 30),
-- chronic patients managed to standard at a primary institution: north 501, 502 of 4 (50%);
-- south 3 of 3 (100%); county 5 of 7.  No other condition: the 2+3 rate is the same.
('chronic_primary_management_rate', 'alliance', 1, 2, 4), ('chronic_primary_management_rate', 'alliance', 2, 3, 3),
('chronic_primary_management_rate', 'county', 101, 5, 7), ('chronic_primary_management_rate', 'province', 1, 5, 7),
('chronic_package_management_rate', 'alliance', 1, 2, 4), ('chronic_package_management_rate', 'alliance', 2, 3, 3),
('chronic_package_management_rate', 'county', 101, 5, 7), ('chronic_package_management_rate', 'province', 1, 5, 7);

SELECT set_eq(
    $$SELECT indicator_code, unit_level, unit_id, numerator, denominator FROM indicator_value
      WHERE grain = 'year' AND period_start = '2024-01-01'
        AND indicator_code IN (SELECT indicator_code FROM expected)$$,
    $$SELECT * FROM expected$$,
    'every residence-based figure of 2024 per alliance, county and province, as worked out by hand (and no other unit)');
SELECT is((SELECT value FROM indicator_value WHERE grain = 'year' AND period_start = '2024-01-01'
             AND indicator_code = 'family_doctor_contract_rate' AND unit_level = 'alliance' AND unit_id = 2),
          37.5::float8, 'the south''s contract rate is 15/40 = 37.5%');
SELECT is_empty(
    $$SELECT * FROM indicator_value WHERE unit_level = 'alliance' AND unit_id = 3
        AND indicator_code IN ('county_visit_rate', 'county_visit_rate_insured', 'county_visit_rate_inpatient',
                               'family_doctor_contract_rate', 'key_group_contract_rate',
                               'chronic_primary_management_rate', 'chronic_package_management_rate',
                               'fund_in_county_rate')$$,
    'the specialty alliance (whose member 1101 has a catchment) gets no residence-based row');
SELECT is_empty(
    $$SELECT * FROM indicator_state WHERE unit_level = 'alliance' AND indicator_code = 'fund_in_county_rate'$$,
    'no alliance has a fund in-county rate: fund spending carries no catchment, and nothing is copied');

-- Targets of our own (minimum sample 1), at the Hainan and Zhoushan levels.
INSERT INTO scheme (scheme_code, scheme_kind, title, document_code)
VALUES ('areas_targets', 'targets', 'targets for the service-area test', 'project_default');
INSERT INTO indicator_target (scheme_code, indicator_code, region_id, target_year, comparator, target_kind,
                              target_value, baseline_offset_years, min_denominator, document_code) VALUES
    ('areas_targets', 'county_visit_rate', NULL, 2024, '>=', 'absolute', 75, NULL, 1, 'project_default'),
    ('areas_targets', 'family_doctor_contract_rate', NULL, 2024, '>=', 'absolute', 45, NULL, 1, 'project_default'),
    ('areas_targets', 'key_group_contract_rate', NULL, 2024, '>=', 'absolute', 78, NULL, 1, 'project_default'),
    ('areas_targets', 'chronic_primary_management_rate', NULL, 2024, '>=', 'absolute', 60, NULL, 1, 'project_default');

SELECT results_eq(
    $$SELECT indicator_code, unit_level, unit_id, status FROM target_attainment
      WHERE scheme_code = 'areas_targets' AND period_start = '2024-01-01'
      ORDER BY indicator_code, unit_level, unit_id$$,
    $$VALUES
      -- 5/7 = 71.4% >= 60 for the county and province; north 50% < 60; south 100%
      ('chronic_primary_management_rate', 'alliance', 1, 'not_met'), ('chronic_primary_management_rate', 'alliance', 2, 'met'),
      ('chronic_primary_management_rate', 'county', 101, 'met'), ('chronic_primary_management_rate', 'province', 1, 'met'),
      -- 80% >= 75; 50% < 75; county and province 70% < 75
      ('county_visit_rate', 'alliance', 1, 'met'), ('county_visit_rate', 'alliance', 2, 'not_met'),
      ('county_visit_rate', 'county', 101, 'not_met'), ('county_visit_rate', 'province', 1, 'not_met'),
      -- 70% >= 45; 37.5% < 45; 58% >= 45
      ('family_doctor_contract_rate', 'alliance', 1, 'met'), ('family_doctor_contract_rate', 'alliance', 2, 'not_met'),
      ('family_doctor_contract_rate', 'county', 101, 'met'), ('family_doctor_contract_rate', 'province', 1, 'met'),
      -- 85% >= 78; 50% < 78; 73.3% < 78
      ('key_group_contract_rate', 'alliance', 1, 'met'), ('key_group_contract_rate', 'alliance', 2, 'not_met'),
      ('key_group_contract_rate', 'county', 101, 'not_met'), ('key_group_contract_rate', 'province', 1, 'not_met')$$,
    'each alliance of the shared county is judged on its own service area; the county keeps its own judgement');
SELECT is_empty($$SELECT * FROM target_attainment WHERE unit_level = 'alliance' AND unit_id = 3
                    AND indicator_code IN ('county_visit_rate', 'family_doctor_contract_rate', 'key_group_contract_rate',
                                           'chronic_primary_management_rate', 'county_visit_rate_insured',
                                           'chronic_package_management_rate', 'fund_in_county_rate')$$,
                'the specialty alliance gets no judgement on a residence-based target, in any scheme');

-- The preset Hainan 2024 scheme (minimum sample 30): north 42/60 = 70% >= 45 met, south 15/40 =
-- 37.5% not met; the key groups (20 and 10 residents) are below the minimum: not assessable.
SELECT results_eq(
    $$SELECT indicator_code, unit_id, status FROM target_attainment
      WHERE scheme_code = 'hainan_2024_targets' AND period_start = '2024-01-01' AND unit_level = 'alliance'
        AND indicator_code IN ('family_doctor_contract_rate', 'key_group_contract_rate')
      ORDER BY indicator_code, unit_id$$,
    $$VALUES ('family_doctor_contract_rate', 1, 'met'), ('family_doctor_contract_rate', 2, 'not_met'),
             ('key_group_contract_rate', 1, 'not_assessable'), ('key_group_contract_rate', 2, 'not_assessable')$$,
    'against Hainan 2024 the two alliances of one county get different statuses');

-- Membership decides which catchments an alliance serves in a month: 1201 moves from South
-- to North on 1 December 2024.  December's contract stock (the year's value) then counts
-- the south's catchment in the north: 42 + 15 = 57 of 100; South has no catchment left.
UPDATE membership SET valid_to = '2024-12-01' WHERE alliance_id = 2 AND institution_id = 1201;
INSERT INTO membership (alliance_id, institution_id, member_role, valid_from) VALUES (1, 1201, 'member', '2024-12-01');
SELECT lives_ok($$SELECT refresh_indicators('2024-01-01', '2024-12-31')$$, 'refreshed after the move');
SELECT results_eq(
    $$SELECT unit_id, numerator, denominator FROM indicator_value
      WHERE grain = 'year' AND period_start = '2024-01-01' AND indicator_code = 'family_doctor_contract_rate'
        AND unit_level = 'alliance' ORDER BY unit_id$$,
    $$VALUES (1, 57::bigint, 100::bigint), (2, 15, 40)$$,
    'the year shows its last month with data: North serves both catchments in December; South''s last is November');
-- (South's stock has no December row; its last month with data, November, shows 15/40.)
SELECT is_empty(
    $$SELECT * FROM indicator_state WHERE unit_level = 'alliance' AND unit_id = 2 AND period_start = '2024-12-01'
        AND indicator_code IN ('family_doctor_contract_rate', 'key_group_contract_rate')$$,
    'in December South serves no catchment: no contract rate of its own, and none copied from the county');

-- Validation: a catchment outside the resident's county, and catchments holding more than the county.
INSERT INTO contract (person_id, residence_region_id, institution_id, population_group, signed_on, valid_to,
                      catchment_institution_id)
VALUES (901, 102, 1101, 'general', '2024-01-15', '2025-01-15', 1101);
UPDATE catchment_population SET residents = 41 WHERE institution_id = 1201 AND population_group = 'all';
SELECT set_eq(
    $$SELECT check_code, table_name, row_key FROM validate_warehouse() WHERE check_code LIKE 'catchment%'$$,
    $$VALUES ('catchment_outside_residence', 'contract', '1101/102'),
             ('catchments_exceed_county', 'catchment_population', '101/2024/all')$$,
    'validate_warehouse reports a catchment outside the county of residence and catchments larger than their county');
SELECT throws_ok($$INSERT INTO catchment_population VALUES (1101, 2024, 'everyone', 1)$$, '23514', NULL,
                 'an unknown population group is refused');
SELECT throws_ok($$INSERT INTO catchment_population VALUES (1101, 2024, 'all', 1)$$, '23505', NULL,
                 'one figure per catchment, year and group');

SELECT * FROM finish();
ROLLBACK;
