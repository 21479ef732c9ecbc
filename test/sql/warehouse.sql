-- The warehouse: loading a tiny county with COPY as the README shows, a bad
-- row refused with its constraint named, monthly partitions, the direction of
-- referrals, and validate_warehouse() on a seeded inconsistency.
SET search_path = medalliance, public;
SET client_min_messages = warning;

COPY region (region_id, region_code, region_name, region_level, parent_region_id) FROM stdin (FORMAT csv);
800000,,Test Province,province,
800100,,Test City,city,800000
800101,,Test County,county,800100
\.
COPY institution (institution_id, institution_name, institution_level, region_id, parent_institution_id) FROM stdin (FORMAT csv);
1,Test County Hospital,county_hospital,800101,
2,Test Township Centre,township_health_centre,800101,
3,Test Village Clinic,village_clinic,800101,2
4,Test City Hospital,city_hospital,800100,
\.
-- A level outside the list is refused, naming the rule.
COPY institution (institution_id, institution_name, institution_level, region_id) FROM stdin (FORMAT csv);
5,Test Pharmacy,pharmacy,800101
\.
COPY alliance (alliance_id, alliance_name, alliance_kind, region_id, lead_institution_id, formed_on) FROM stdin (FORMAT csv);
10,Test Medical Community,county_medical_community,800101,1,2021-07-01
20,Test Remote Network,remote_network,800000,4,2021-07-01
\.
COPY membership (alliance_id, institution_id, member_role, valid_from) FROM stdin (FORMAT csv);
10,1,lead,2021-07-01
10,2,member,2021-07-01
10,3,member,2021-07-01
20,4,lead,2021-07-01
20,1,member,2021-07-01
\.
SELECT institution_id, institution_level, is_primary, care_tier FROM institution ORDER BY institution_id;

-- Partitions first, then the month's encounters.
SELECT add_month_partitions('medalliance.encounter', '2024-01-01', '2024-02-01');
COPY encounter (encounter_id, encounter_date, encounter_kind, institution_id, residence_region_id,
                insured_region_id, total_cost, fund_payment) FROM stdin (FORMAT csv);
1,2024-01-05,outpatient,3,800101,800101,40.00,22.00
2,2024-01-06,outpatient,2,800101,800101,90.00,45.00
3,2024-02-07,inpatient,4,800101,800101,9800.00,5390.00
\.
-- A month without a partition is refused.
COPY encounter (encounter_id, encounter_date, encounter_kind, institution_id, residence_region_id, total_cost) FROM stdin (FORMAT csv);
4,2024-03-01,outpatient,2,800101,50.00
\.
SELECT tableoid::regclass AS partition, count(*) FROM encounter GROUP BY 1 ORDER BY 1;

-- Referrals: village clinic -> township (upward, within the alliance),
-- county hospital -> township (downward, within), township -> city hospital
-- (upward, no common alliance), and one to itself.
INSERT INTO referral (referral_id, referral_date, from_institution_id, to_institution_id, by_appointment) VALUES
    (1, '2024-01-05', 3, 2, false), (2, '2024-01-09', 1, 2, true), (3, '2024-02-01', 2, 4, true),
    (4, '2024-02-02', 2, 2, false);
SELECT referral_id, direction, within_alliance, from_region_id, to_region_id
FROM referral_detail ORDER BY referral_id;

-- Only the referral to itself is inconsistent.
SELECT * FROM validate_warehouse();
