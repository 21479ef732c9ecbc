-- validate_warehouse() finds each seeded inconsistency, and nothing on a clean
-- warehouse; reporting_completeness counts what was delivered while open.
BEGIN;
SET search_path = medalliance, public;
SELECT plan(14);

-- A clean, hand-made warehouse.
INSERT INTO region VALUES (100, NULL, 'Province', 'province', NULL), (110, NULL, 'City', 'city', 100),
                          (111, NULL, 'County A', 'county', 110), (112, NULL, 'County B', 'county', 100);
INSERT INTO population VALUES (111, 2024, 'all', 1000), (111, 2024, 'elderly', 100);
INSERT INTO institution (institution_id, institution_name, institution_level, region_id, parent_institution_id) VALUES
    (1, 'Hospital A', 'county_hospital', 111, NULL), (2, 'Township A', 'township_health_centre', 111, NULL),
    (3, 'Village A', 'village_clinic', 111, 2), (4, 'Hospital B', 'county_hospital', 112, NULL),
    (5, 'Township B', 'township_health_centre', 112, NULL);
INSERT INTO alliance VALUES (10, 'Community A', 'county_medical_community', 111, 1, NULL, '2021-01-01', NULL),
                            (20, 'Community B', 'county_medical_community', 112, 4, NULL, '2021-01-01', NULL);
INSERT INTO membership VALUES (10, 1, 'lead', '2021-01-01', NULL), (10, 2, 'member', '2021-01-01', NULL),
                              (10, 3, 'member', '2021-01-01', NULL), (20, 4, 'lead', '2021-01-01', NULL),
                              (20, 5, 'member', '2021-01-01', NULL);
SELECT count(*) FROM add_month_partitions('medalliance.encounter', '2024-01-01', '2024-02-01');
INSERT INTO encounter (encounter_id, encounter_date, encounter_kind, institution_id, residence_region_id, total_cost)
VALUES (1, '2024-01-10', 'outpatient', 2, 111, 50), (2, '2024-01-11', 'outpatient', 2, 111, 50),
       (3, '2024-01-12', 'inpatient', 5, 112, 900);
INSERT INTO referral (referral_id, referral_date, from_institution_id, to_institution_id) VALUES (1, '2024-01-10', 2, 1);

SELECT is_empty($$SELECT * FROM validate_warehouse()$$, 'nothing is reported on a clean warehouse');

-- Reporting completeness over January 2024 (the only month with data).
SELECT set_eq($$SELECT unit_id, expected, delivered, row_count FROM reporting_completeness
                WHERE feed = 'encounter' AND period_start = '2024-01-01'$$,
              $$VALUES (1, true, false, 0::bigint), (2, true, true, 2), (3, true, false, 0),
                       (4, true, false, 0), (5, true, true, 1)$$,
              'encounter feed in January: expected from all five, delivered by 2 (two rows) and 5 (one)');
SELECT set_eq($$SELECT unit_id, delivered FROM reporting_completeness
                WHERE feed = 'quality_measure' AND expected$$,
              $$VALUES (1, false), (2, false), (4, false), (5, false)$$,
              'quality measures are expected from hospitals and township centres only, and none came');
SELECT is((SELECT count(DISTINCT period_start) FROM reporting_completeness), 1::bigint,
          'the months run from the first to the last month with data');
SELECT is((SELECT direction || '/' || within_alliance FROM referral_detail WHERE referral_id = 1), 'upward/true',
          'a township-to-county-hospital referral in one alliance is upward and within the alliance');

-- Seed one instance of every inconsistency.
INSERT INTO region VALUES (113, NULL, 'Under a county', 'county', 111);
UPDATE population SET residents = 1500 WHERE region_id = 111 AND population_group = 'elderly';
INSERT INTO institution (institution_id, institution_name, institution_level, region_id) VALUES
    (6, 'City Hospital', 'city_hospital', 110), (7, 'Township outside', 'township_health_centre', 112);
INSERT INTO alliance VALUES (30, 'Community at city level', 'county_medical_community', 110, 6, NULL, NULL, NULL),
                            (40, 'Heart alliance', 'specialty_alliance', 100, 1, 'cardiology', NULL, NULL);
INSERT INTO membership VALUES (30, 6, 'lead', '2021-01-01', NULL),
                              (40, 4, 'member', '2022-01-01', NULL),
                              (20, 5, 'lead', '2023-01-01', NULL),
                              (10, 3, 'member', '2022-06-01', NULL),
                              (20, 2, 'member', '2023-01-01', NULL);
UPDATE membership SET valid_to = '2022-01-01' WHERE alliance_id = 10 AND institution_id = 3 AND valid_from = '2021-01-01';
UPDATE institution SET closed_on = '2024-02-01' WHERE institution_id = 5;
INSERT INTO encounter (encounter_id, encounter_date, encounter_kind, institution_id, residence_region_id, total_cost)
VALUES (4, '2024-01-15', 'outpatient', 7, 112, 40), (5, '2024-02-10', 'outpatient', 5, 112, 40),
       (6, '2024-01-16', 'outpatient', 2, 110, 40);
INSERT INTO referral (referral_id, referral_date, from_institution_id, to_institution_id) VALUES (77, '2024-01-10', 2, 2);
INSERT INTO capability VALUES (2, '2024-01-01', true, true, true, true, true, true);
INSERT INTO unification_evidence (evidence_id, alliance_id, institution_id, period_start, item_code, evidence_value)
VALUES (88, 10, 4, '2024-01-01', 'adm_4', 1);

SELECT set_eq($$SELECT check_code, row_key FROM validate_warehouse()$$,
              $$VALUES ('region_parent_level', '113'),
                       ('population_group_exceeds_all', '111/2024/elderly'),
                       ('county_alliance_not_in_county', '30'),
                       ('alliance_lead_not_member', '40'),
                       ('member_without_lead', '40/4/2022-01-01'),
                       ('several_leads', '20/4/2021-01-01'),
                       ('membership_overlap', '20/5/2023-01-01'),
                       ('membership_gap', '10/3/2022-06-01'),
                       ('several_county_alliances', '10/2/2021-01-01'),
                       ('encounter_outside_alliance', '7/2024-01'),
                       ('encounter_while_closed', '5/2024-02'),
                       ('encounter_residence_not_county', '110'),
                       ('referral_to_itself', '77'),
                       ('village_standard_not_village', '2/2024-01-01'),
                       ('evidence_not_member', '88')$$,
              'each seeded inconsistency is found once, and nothing else');
SELECT is((SELECT detail FROM validate_warehouse() WHERE check_code = 'encounter_outside_alliance'),
          '1 encounters at institution 7 in 2024-01 while it belonged to no alliance',
          'the detail names the count, institution and month');
SELECT is((SELECT table_name FROM validate_warehouse() WHERE check_code = 'membership_gap'), 'membership',
          'each finding names its table');
SELECT is((SELECT count(*) FROM validate_warehouse()), 15::bigint, 'fifteen findings, one per check');

-- Completeness after the changes: February now in range; institution 5 closed
-- on 2024-02-01 has no February row; 7 delivered in January only.
SELECT is((SELECT count(*) FROM reporting_completeness WHERE unit_id = 5 AND period_start = '2024-02-01'), 0::bigint,
          'no row for a month in which the institution was closed');
SELECT set_eq($$SELECT period_start, delivered FROM reporting_completeness WHERE unit_id = 7 AND feed = 'encounter'$$,
              $$VALUES ('2024-01-01'::date, true), ('2024-02-01'::date, false)$$,
              'an open institution gets a row for every month in range, delivered or not');

-- Privileges.
SELECT ok(has_table_privilege('medalliance_analyst', 'medalliance.encounter', 'SELECT')
          AND NOT has_table_privilege('medalliance_analyst', 'medalliance.encounter', 'INSERT'),
          'analysts read the warehouse tables and cannot write them');
SELECT ok(has_table_privilege('medalliance_admin', 'medalliance.encounter', 'INSERT')
          AND has_table_privilege('medalliance_admin', 'medalliance.membership', 'TRUNCATE'),
          'admins load the warehouse');
SELECT ok(NOT has_table_privilege('medalliance_reader', 'medalliance.encounter', 'SELECT')
          AND NOT has_table_privilege('medalliance_reader', 'medalliance.reporting_completeness', 'SELECT')
          AND has_table_privilege('medalliance_analyst', 'medalliance.reporting_completeness', 'SELECT')
          AND NOT has_table_privilege('public', 'medalliance.reporting_completeness', 'SELECT'),
          'readers see neither the tables nor the row-level completeness view; analysts do; PUBLIC sees nothing');

SELECT * FROM finish();
ROLLBACK;
