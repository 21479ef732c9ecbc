-- The preset targets read as their documents mean them, on a hand-built
-- warehouse where the old reading and the document's reading give different
-- statuses.  Each old reading is rebuilt as a scheme (and, where needed, an
-- indicator) of our own beside the preset, so that both are judged on the same
-- facts; presets are only read.  Every expected value is worked out by hand.
--
-- Province 1 ─┬─ City 10 ── County 101   alliance 1 (county medical community): 1001 lead, 1002, 1003
--             │   └─ 3001 city hospital  alliance 2 (specialty alliance, region city 10): 3001 lead, 1001
--             └─ County 102 (directly under the province): 2001 county hospital, 2002 township centre
BEGIN;
SET search_path = medalliance, public;
SELECT plan(31);

CREATE TABLE public.td_encounter PARTITION OF medalliance.encounter FOR VALUES FROM ('2016-01-01') TO ('2022-01-01');
INSERT INTO region (region_id, region_name, region_level, parent_region_id) VALUES
    (1, 'P', 'province', NULL), (10, 'C', 'city', 1), (101, 'A', 'county', 10), (102, 'B', 'county', 1);
INSERT INTO institution (institution_id, institution_name, institution_level, region_id) VALUES
    (1001, 'A hospital', 'county_hospital', 101), (1002, 'A township', 'township_health_centre', 101),
    (1003, 'A station', 'community_station', 101), (3001, 'City hospital', 'city_hospital', 10),
    (2001, 'B hospital', 'county_hospital', 102), (2002, 'B township', 'township_health_centre', 102);
INSERT INTO alliance (alliance_id, alliance_name, alliance_kind, region_id, lead_institution_id, specialty) VALUES
    (1, 'A community', 'county_medical_community', 101, 1001, NULL),
    (2, 'Cardiology', 'specialty_alliance', 10, 3001, 'cardiology');
INSERT INTO membership (alliance_id, institution_id, member_role, valid_from) VALUES
    (1, 1001, 'lead', '2016-01-01'), (1, 1002, 'member', '2016-01-01'), (1, 1003, 'member', '2016-01-01'),
    (2, 3001, 'lead', '2016-01-01'), (2, 1001, 'member', '2016-01-01');

-- Encounters on 15 June of each year: (year, residence, insured, institution, kind, count).
-- Residents of A live in the catchment of A's township centre 1002 (alliance 1's service area is
-- its county), residents of B in that of 2002 (in no alliance).
INSERT INTO encounter (encounter_id, encounter_date, encounter_kind, institution_id, residence_region_id,
                       insured_region_id, total_cost, catchment_institution_id)
SELECT row_number() OVER (), make_date(y, 6, 15), k, i, r, ins, 10, CASE r WHEN 101 THEN 1002 ELSE 2002 END
FROM (VALUES
    (2016, 101, 101, 1002, 'outpatient', 40), (2016, 101, 101, 1001, 'outpatient', 60),
    (2017, 101, 101, 1002, 'outpatient', 44), (2017, 101, 101, 1001, 'outpatient', 56),
    (2017, 101, 101, 1001, 'inpatient', 30), (2017, 101, 101, 3001, 'outpatient', 20),
    (2018, 101, 101, 1002, 'outpatient', 50), (2018, 101, 101, 1001, 'outpatient', 50),
    (2018, 101, 101, 3001, 'outpatient', 10),
    (2019, 101, 101, 1002, 'outpatient', 20), (2019, 101, 101, 1001, 'outpatient', 80),
    (2019, 101, 101, 3001, 'outpatient', 40),
    (2020, 101, 101, 1002, 'outpatient', 30), (2020, 101, 101, 1001, 'outpatient', 70),
    (2020, 101, 101, 3001, 'outpatient', 100), (2020, 101, 101, 3001, 'emergency', 30),
    (2020, 102, 102, 2002, 'outpatient', 69), (2020, 102, 102, 2001, 'outpatient', 31),
    (2021, 101, 101, 1002, 'outpatient', 27), (2021, 101, 101, 1001, 'outpatient', 63),
    (2021, 102, 101, 1001, 'outpatient', 10),   -- living in B, insured in A
    (2021, 102, 102, 2002, 'outpatient', 67), (2021, 102, 102, 2001, 'outpatient', 33)
) AS v(y, r, ins, i, k, n), generate_series(1, n);

-- Referrals: downward 1001 → 1002 (10 in 2016, 12 in 2017, 12 in 2018); booked outpatient
-- referrals from 1002 in 2020: 20 to the city hospital, 50 to the county hospital.
INSERT INTO referral (referral_date, from_institution_id, to_institution_id, referral_kind, by_appointment)
SELECT make_date(y, 6, 20), f, t, k, b
FROM (VALUES (2016, 1001, 1002, 'inpatient', false, 10), (2017, 1001, 1002, 'inpatient', false, 12),
             (2018, 1001, 1002, 'inpatient', false, 12),
             (2020, 1002, 3001, 'outpatient', true, 20), (2020, 1002, 1001, 'outpatient', true, 50)
) AS v(y, f, t, k, b, n), generate_series(1, n);

-- December 2021 capabilities: the township centres offer TCM, the community station does not.
INSERT INTO capability (institution_id, period_start, has_radiology, has_ecg, has_remote_point, offers_tcm) VALUES
    (1002, '2021-12-01', true, true, false, true), (1003, '2021-12-01', false, true, false, false),
    (2002, '2021-12-01', true, true, false, true);
-- 2021: a doctor stationed at 1002 from February to October; a circuit-clinic visit to 2002 in December.
INSERT INTO deployment (staff_id, from_institution_id, to_institution_id, started_on, ended_on,
                        deployment_kind, profession, title_level) VALUES
    (1, 1001, 1002, '2021-02-01', '2021-10-31', 'stationed', 'doctor', 'intermediate'),
    (2, 2001, 2002, '2021-12-05', '2021-12-06', 'circuit_clinic', 'doctor', 'junior');
-- March 2021: 1002 orders an imaging read and a sterile-supply service from 1001.
INSERT INTO shared_centre_service (centre_kind, ordering_institution_id, reading_institution_id, ordered_on) VALUES
    ('imaging', 1002, 1001, '2021-03-10'), ('sterile_supply', 1002, 1001, '2021-03-10');

-- The old readings, as schemes and indicators of our own.
INSERT INTO scheme (scheme_code, scheme_kind, title, document_code) VALUES
    ('old_offset', 'targets', 'Miyi read with a baseline one year back', 'project_default'),
    ('old_all_visits', 'targets', 'Nantong +3 pp read on all encounters', 'project_default'),
    ('old_carried', 'targets', 'Nantong 2017 targets carried into later years', 'project_default'),
    ('old_readings', 'targets', 'the other old readings', 'project_default'),
    ('kinds_only', 'targets', 'a target meant for city medical groups', 'project_default');
INSERT INTO indicator (indicator_code, name_zh, name_en, domain, unit, direction, numerator_definition,
                       denominator_definition, unit_levels, formula, parameters, temporal_rollup, has_interval,
                       min_denominator, document_code) VALUES
    ('old_centre_tcm', '旧口径', 'centres with TCM, stations left out', 'capability', 'percent', 'higher_better',
     'n', 'd', '{alliance,county,city,province}', 'capability_share',
     '{"levels": ["township_health_centre", "community_health_centre"], "capability": "offers_tcm"}', 'last', false, 1,
     'project_default'),
    ('old_staff_coverage', '旧口径', 'staff coverage in December, any kind', 'staffing', 'percent', 'higher_better',
     'n', 'd', '{alliance,county,city,province}', 'township_staff_coverage',
     '{"coverage_window": "month", "deployment_kinds": ["stationed", "rotation", "circuit_clinic", "mentoring"]}',
     'last', false, 1, 'project_default'),
    ('old_shared_centre_use', '旧口径', 'shared-centre use in December', 'shared_centres', 'percent', 'higher_better',
     'n', 'd', '{alliance,county,city,province}', 'shared_centre_use',
     '{"levels": ["township_health_centre", "community_health_centre"], "coverage_window": "month"}',
     'last', false, 1, 'project_default');
INSERT INTO indicator_target (scheme_code, indicator_code, target_year, comparator, target_kind, target_value,
                              baseline_offset_years, carries_forward, alliance_kinds, document_code) VALUES
    ('old_offset', 'primary_outpatient_share', 2020, '>=', 'change_pp', 5, 1, true, NULL, 'project_default'),
    ('old_all_visits', 'primary_visit_share', 2017, '>=', 'change_pp', 3, 1, true, NULL, 'project_default'),
    ('old_carried', 'primary_outpatient_share', 2017, '>=', 'change_pp', 3, 1, true, NULL, 'project_default'),
    ('old_carried', 'downward_referral_count', 2017, '>=', 'relative_growth', 10, 1, true, NULL, 'project_default'),
    ('old_readings', 'old_centre_tcm', 2024, '>=', 'absolute', 100, NULL, true, NULL, 'project_default'),
    ('old_readings', 'old_staff_coverage', 2024, '>=', 'absolute', 100, NULL, true, NULL, 'project_default'),
    ('old_readings', 'old_shared_centre_use', 2020, '>=', 'absolute', 100, NULL, true, NULL, 'project_default'),
    ('old_readings', 'booked_referral_share', 2020, '>=', 'absolute', 30, NULL, true, NULL, 'project_default'),
    ('kinds_only', 'downward_referral_count', 2017, '>=', 'absolute', 1, NULL, true, '{city_medical_group}',
     'project_default');

SELECT lives_ok($$SELECT refresh_indicators('2016-01-01', '2021-12-31')$$, 'the indicators of 2016–2021 are refreshed');

CREATE TEMP VIEW ta AS
SELECT scheme_code, indicator_code, unit_level, unit_id, extract(year FROM period_start)::int AS year,
       target_year, target_kind, status, reason, numerator, denominator, baseline_year, change_pp::numeric(8, 4) AS change_pp,
       tolerance, within_tolerance
FROM target_attainment;

-- 1. A fixed baseline year (米易 较试点前: 2019).  Alliance 1's share of outpatient visits at
-- primary institutions: 2019 20/100, 2020 30/100, 2021 27/100.
SELECT results_eq(
    $$SELECT year, baseline_year, status, reason, change_pp FROM ta
      WHERE scheme_code = 'miyi_2019_targets' AND indicator_code = 'primary_outpatient_share'
        AND unit_level = 'alliance' AND unit_id = 1 AND year >= 2018 ORDER BY year$$,
    $$VALUES (2018, 2019::smallint, 'not_assessable', 'baseline 2019 is not before the assessed year', 30.0000::numeric),
             (2019, 2019::smallint, 'not_assessable', 'baseline 2019 is not before the assessed year', 0.0000),
             (2020, 2019::smallint, 'met', NULL, 10.0000),
             (2021, 2019::smallint, 'met', NULL, 7.0000)$$,
    'Miyi: every year is judged against 2019, before the pilot: 2021 is 27% − 20% = +7 pp, met');
SELECT results_eq(
    $$SELECT baseline_year, status, change_pp FROM ta WHERE scheme_code = 'old_offset'
      AND unit_level = 'alliance' AND unit_id = 1 AND year = 2021$$,
    $$VALUES (2020::smallint, 'not_met', -3.0000::numeric)$$,
    'the old reading (the year before) would call 2021 not met: 27% − 30% = −3 pp');

-- 2. 诊疗量 without discharges (南通 +3 pp in 2017).  Alliance 1, outpatient visits: 2016 40/100,
-- 2017 44/100 (+4 pp); with 2017's 30 discharges at the hospital, all encounters: 40/100 then
-- 44/130 = 33.85% (−6.15 pp).
SELECT results_eq(
    $$SELECT target_year, target_kind, status, change_pp FROM ta WHERE scheme_code = 'nantong_2017_targets'
      AND indicator_code = 'primary_outpatient_share' AND unit_level = 'alliance' AND unit_id = 1 AND year = 2017$$,
    $$VALUES (2017::smallint, 'change_pp', 'met', 4.0000::numeric)$$,
    'Nantong 2017: outpatient-type visits rose 4 pp: met');
SELECT results_eq(
    $$SELECT status, change_pp FROM ta WHERE scheme_code = 'old_all_visits'
      AND unit_level = 'alliance' AND unit_id = 1 AND year = 2017$$,
    $$VALUES ('not_met', -6.1538::numeric)$$,
    'counting discharges too (the old reading) it would fall 6.15 pp: not met');

-- 3. A target for its year only.  In 2018 the +3 pp of 2017 no longer applies; the 2020 target
-- (70%) does: 50/100 is not met.  Carried forward (the old reading), 50% − 44% = +6 pp would be met.
SELECT results_eq(
    $$SELECT target_year, target_kind, status FROM ta WHERE scheme_code = 'nantong_2017_targets'
      AND indicator_code = 'primary_outpatient_share' AND unit_level = 'alliance' AND unit_id = 1 AND year = 2018$$,
    $$VALUES (2020::smallint, 'absolute', 'not_met')$$,
    'Nantong 2018: the 2017-only +3 pp is not judged; the 2020 target of 70% is');
SELECT results_eq(
    $$SELECT target_year, status FROM ta WHERE scheme_code = 'old_carried'
      AND indicator_code = 'primary_outpatient_share' AND unit_level = 'alliance' AND unit_id = 1 AND year = 2018$$,
    $$VALUES (2017::smallint, 'met')$$,
    'carried into 2018 (the old reading) the 2017 target would be met');
-- Downward referrals 10 → 12 (+20%) in 2017: met; 12 → 12 in 2018 is judged by no preset.
SELECT results_eq(
    $$SELECT year, status FROM ta WHERE scheme_code = 'nantong_2017_targets'
      AND indicator_code = 'downward_referral_count' AND unit_level = 'alliance' AND unit_id = 1 AND year >= 2017
      ORDER BY year$$,
    $$VALUES (2017, 'met')$$,
    'Nantong downward referrals: judged in 2017 only (+20%), never in a later year');
SELECT results_eq(
    $$SELECT status FROM ta WHERE scheme_code = 'old_carried' AND indicator_code = 'downward_referral_count'
      AND unit_level = 'alliance' AND unit_id = 1 AND year = 2018$$,
    $$VALUES ('not_met')$$,
    'carried into 2018 (the old reading) 12 → 12 would be not met');

-- 4. Community stations in the TCM denominator (海南 2024 社区卫生服务机构).  December 2021:
-- 1002 offers TCM, station 1003 does not → 1/2; without stations 1/1.
SELECT results_eq(
    $$SELECT numerator, denominator, status FROM ta WHERE scheme_code = 'hainan_2024_targets'
      AND indicator_code = 'centre_tcm_coverage' AND unit_level = 'alliance' AND unit_id = 1 AND year = 2021$$,
    $$VALUES (1::bigint, 2::bigint, 'not_met')$$,
    'Hainan 2024 TCM: the station counts in the denominator: 1/2, not met');
SELECT results_eq(
    $$SELECT numerator, denominator, status FROM ta WHERE scheme_code = 'old_readings'
      AND indicator_code = 'old_centre_tcm' AND unit_level = 'alliance' AND unit_id = 1 AND year = 2021$$,
    $$VALUES (1::bigint, 1::bigint, 'met')$$,
    'leaving stations out (the old reading) it would be 1/1, met');

-- 5. City hospitals only, outpatient visits only (舟山 城市公立医院门诊).  2020, province: booked to
-- the city hospital 20 of its 100 outpatient visits = 20%.  The old reading adds the county
-- hospitals and emergency visits: (20 + 50) / (100 + 30 + 70 + 31) = 70/231 = 30.3%.
SELECT results_eq(
    $$SELECT numerator, denominator, status FROM ta WHERE scheme_code = 'zhoushan_2018_targets'
      AND indicator_code = 'city_booked_referral_share' AND unit_level = 'province' AND year = 2020$$,
    $$VALUES (20::bigint, 100::bigint, 'not_met')$$,
    'Zhoushan booked referrals: city hospitals, outpatient visits: 20%, not met');
SELECT results_eq(
    $$SELECT numerator, denominator, status FROM ta WHERE scheme_code = 'old_readings'
      AND indicator_code = 'booked_referral_share' AND unit_level = 'province' AND year = 2020$$,
    $$VALUES (70::bigint, 231::bigint, 'met')$$,
    'with county hospitals and emergency visits (the old reading) 30.3%, met');

-- 6. A direction against a fixed year (舟山 与2017年相比明显提高).  County A's residents:
-- 2017 130 of 150 encounters in the county (86.67%), 2018 100/110 (90.91%), 2019 100/140 (71.43%).
SELECT results_eq(
    $$SELECT year, target_kind, baseline_year, status FROM ta WHERE scheme_code = 'zhoushan_2018_targets'
      AND indicator_code = 'county_visit_rate' AND unit_level = 'county' AND unit_id = 101
      AND year IN (2018, 2019) ORDER BY year$$,
    $$VALUES (2018, 'direction', 2017::smallint, 'met'), (2019, 'direction', 2017::smallint, 'not_met')$$,
    'Zhoushan: the county visit rate above 2017''s is met in 2018, below it in 2019 not');

-- 7. A tolerance beside the status (南通 力争达70%左右, 2 pp): county B 69/100 in 2020, 67/100 in 2021.
SELECT results_eq(
    $$SELECT year, status, tolerance, within_tolerance FROM ta WHERE scheme_code = 'nantong_2017_targets'
      AND indicator_code = 'primary_outpatient_share' AND unit_level = 'county' AND unit_id = 102
      AND year IN (2020, 2021) ORDER BY year$$,
    $$VALUES (2020, 'not_met', 2::float8, true), (2021, 'not_met', 2::float8, false)$$,
    'Nantong 70% 左右: 69% is not met but within the tolerance; 67% is not');
SELECT is_empty($$SELECT FROM ta WHERE scheme_code = 'hainan_2024_targets' AND indicator_code = 'centre_tcm_coverage'
                  AND (tolerance IS NOT NULL OR within_tolerance IS NOT NULL)$$,
                'a target without 左右 or 力争 has no tolerance');

-- 8. Residence and insured region (参保地).  County B 2021: its residents 67 + 33 in the county and
-- 10 at A's hospital → 100/110; the people insured in B: 100/100 (the 10 are insured in A).
SELECT results_eq(
    $$SELECT indicator_code, numerator, denominator FROM indicator_value
      WHERE indicator_code IN ('county_visit_rate', 'county_visit_rate_insured') AND unit_level = 'county'
        AND unit_id = 102 AND grain = 'year' AND period_start = '2021-01-01' ORDER BY 1$$,
    $$VALUES ('county_visit_rate', 100::bigint, 110::bigint), ('county_visit_rate_insured', 100, 100)$$,
    'county visit rate by residence 100/110, by insured region 100/100');

-- 9. Coverage during the year.  1002 hosted a stationed doctor February–October 2021: covered
-- in the year (December alone would say no).  2002 saw only a circuit clinic: not covered
-- (the old reading counted it).
SELECT results_eq(
    $$SELECT unit_level, unit_id, numerator, denominator, status FROM ta WHERE scheme_code = 'hainan_2024_targets'
      AND indicator_code = 'township_staff_coverage' AND year = 2021 AND unit_level IN ('alliance', 'county')
      ORDER BY 1, 2$$,
    $$VALUES ('alliance', 1, 1::bigint, 1::bigint, 'met'), ('county', 101, 1, 1, 'met'), ('county', 102, 0, 1, 'not_met')$$,
    'Hainan 2024 人员下沉乡镇全覆盖: covered during the year; circuit clinics do not count');
SELECT results_eq(
    $$SELECT unit_level, unit_id, status FROM ta WHERE scheme_code = 'old_readings'
      AND indicator_code = 'old_staff_coverage' AND year = 2021 AND unit_level IN ('alliance', 'county') ORDER BY 1, 2$$,
    $$VALUES ('alliance', 1, 'not_met'), ('county', 101, 'not_met'), ('county', 102, 'met')$$,
    'judged on December with circuit clinics (the old reading) the statuses would be reversed');
SELECT results_eq(
    $$SELECT scheme_code, status FROM ta WHERE indicator_code IN ('shared_centre_use_share', 'old_shared_centre_use')
      AND unit_level = 'alliance' AND unit_id = 1 AND year = 2021 ORDER BY 1$$,
    $$VALUES ('old_readings', 'not_met'), ('zhoushan_2018_targets', 'met')$$,
    'Zhoushan 区域共享中心覆盖率: 1002 used a centre in March: covered in the year (not in December)');
SELECT results_eq(
    $$SELECT numerator FROM indicator_value WHERE indicator_code = 'remote_diagnosis_count'
      AND unit_level = 'institution' AND unit_id = 1002 AND grain = 'year' AND period_start = '2021-01-01'$$,
    $$VALUES (1::bigint)$$,
    'remote diagnoses: the imaging read counts, sterile supply does not');

-- 10. Region-level targets are judged for regions only.  Alliances per county (舟山, by 2018):
-- A has alliance 1, B none.  Specialty alliances per city (南通 5): city C has 1.
SELECT results_eq(
    $$SELECT unit_level, unit_id, numerator, status FROM ta WHERE scheme_code = 'zhoushan_2018_targets'
      AND indicator_code = 'alliance_count' AND year = 2021 ORDER BY 1, 2$$,
    $$VALUES ('county', 101, 1::bigint, 'met'), ('county', 102, 0, 'not_met')$$,
    'at least one alliance per county: judged for each county, for nothing else');
SELECT results_eq(
    $$SELECT unit_level, unit_id, numerator, status FROM ta WHERE scheme_code = 'nantong_2017_targets'
      AND indicator_code IN ('specialty_alliance_count', 'county_medical_community_count') AND year = 2021
      ORDER BY indicator_code$$,
    $$VALUES ('city', 10, 1::bigint, 'not_met'), ('city', 10, 1::bigint, 'not_met')$$,
    '14 county alliances and 5 specialty alliances per city: judged for the city');

-- 11. Applicability by alliance kind.  The specialty alliance has no county visit rate or
-- primary-care share, and so no judgement on them; the county medical community has both.
SELECT is_empty($$SELECT FROM indicator_value WHERE unit_level = 'alliance' AND unit_id = 2
                  AND indicator_code IN ('county_visit_rate', 'primary_visit_share', 'primary_outpatient_share',
                                         'primary_inpatient_share')$$,
                'a specialty alliance gets no county visit rate or primary-care share');
SELECT is_empty($$SELECT FROM ta WHERE unit_level = 'alliance' AND unit_id = 2
                  AND indicator_code IN ('county_visit_rate', 'primary_outpatient_share', 'primary_inpatient_share')$$,
                'nor any judgement on them');
SELECT results_eq(
    $$SELECT scheme_code, indicator_code, status FROM ta WHERE unit_level = 'alliance' AND unit_id = 1 AND year = 2020
        AND indicator_code IN ('county_visit_rate', 'primary_outpatient_share') AND scheme_code NOT LIKE 'old%'
      ORDER BY 1, 2$$,
    $$VALUES ('miyi_2019_targets', 'county_visit_rate', 'not_met'), ('miyi_2019_targets', 'primary_outpatient_share', 'met'),
             ('nantong_2017_targets', 'county_visit_rate', 'not_met'), ('nantong_2017_targets', 'primary_outpatient_share', 'not_met'),
             ('zhoushan_2018_targets', 'county_visit_rate', 'not_met'), ('zhoushan_2018_targets', 'primary_outpatient_share', 'not_met')$$,
    'the county medical community is judged on both (2020: 100/230 in the county; 30% of visits)');
SELECT ok(EXISTS (SELECT FROM indicator_value WHERE unit_level = 'alliance' AND unit_id = 2
                    AND indicator_code = 'downward_referral_count'),
          'indicators meant for every kind (downward referrals) still reach the specialty alliance');
SELECT results_eq(
    $$SELECT unit_id, status, reason FROM ta WHERE scheme_code = 'kinds_only' AND unit_level = 'alliance'
        AND year = 2017 ORDER BY 1$$,
    $$VALUES (1, 'not_assessable', 'target not meant for county_medical_community (only city_medical_group)'),
             (2, 'not_assessable', 'target not meant for specialty_alliance (only city_medical_group)')$$,
    'a target restricted to other kinds is not assessable, with the reason');

-- 12. What a target may say.
SELECT throws_ok($$INSERT INTO indicator_target (scheme_code, indicator_code, target_year, comparator, target_kind,
                       target_value, baseline_offset_years, document_code)
                   VALUES ('kinds_only', 'county_visit_rate', 2020, '>', 'direction', 5, 1, 'project_default')$$,
                 '23514', NULL, 'a direction target compares the change with 0, nothing else');
SELECT throws_ok($$INSERT INTO indicator_target (scheme_code, indicator_code, target_year, comparator, target_kind,
                       target_value, baseline_offset_years, baseline_year, document_code)
                   VALUES ('kinds_only', 'county_visit_rate', 2020, '>=', 'change_pp', 5, 1, 2019, 'project_default')$$,
                 '23514', NULL, 'a baseline is a year or an offset, not both');
SELECT throws_ok($$INSERT INTO indicator_target (scheme_code, indicator_code, target_year, comparator, target_kind,
                       target_value, baseline_year, document_code)
                   VALUES ('kinds_only', 'county_visit_rate', 2020, '>=', 'change_pp', 5, 2020, 'project_default')$$,
                 '23514', NULL, 'a fixed baseline lies before the target year');

SELECT * FROM finish();
ROLLBACK;
