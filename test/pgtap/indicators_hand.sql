-- Indicators and attainment on the hand-built warehouse of
-- test/fixtures/indicator_world.sql.  Every expected value is worked out by
-- hand below from the fixture's rows; none is the extension's output pasted back.
BEGIN;
SET search_path = medalliance, public;
SELECT plan(55);

\i test/fixtures/indicator_world.sql

SELECT lives_ok($$SELECT refresh_indicators('2023-01-01', '2024-12-31')$$,
                'refresh_indicators over 2023–2024 runs on the hand-built warehouse');

-- Year 2024, alliance 1 (A), alliance 2 (B), province 1.
CREATE TEMP TABLE expected_2024 (indicator_code text, unit_level text, unit_id int, numerator bigint, denominator bigint);
INSERT INTO expected_2024 VALUES
-- county visit rate, all encounters of residents.  A: in county 1001 4+2, 1002 3, 1003 1 = 10;
-- out of county 3001 1+1 = 2 → 10/12.  B: 2001 2+1, 2002 2 = 5; at 1001 (in A) 1 → 5/6.
-- Province: 15/18.  An alliance counts the residents of its members' catchments: every
-- resident of A lives in 1002's catchment (alliance 1), every resident of B in 2002's
-- (alliance 2), so here the alliances' figures equal their counties'.
('county_visit_rate', 'alliance', 1, 10, 12), ('county_visit_rate', 'alliance', 2, 5, 6),
('county_visit_rate', 'province', 1, 15, 18),
-- inpatient only.  A: 1001 2 in, 3001 1 out → 2/3.  B: 2001 1 → 1/1.  Province 3/4.
('county_visit_rate_inpatient', 'alliance', 1, 2, 3), ('county_visit_rate_inpatient', 'alliance', 2, 1, 1),
('county_visit_rate_inpatient', 'province', 1, 3, 4),
-- by insured region: everyone in the fixture is insured where they live, so the same as by residence
('county_visit_rate_insured', 'alliance', 1, 10, 12), ('county_visit_rate_insured', 'alliance', 2, 5, 6),
('county_visit_rate_insured', 'province', 1, 15, 18),
-- primary share of all encounters at the unit's institutions.  Alliance 1: 1001 has 4+2+1 = 7,
-- 1002 3, 1003 1 (primary: 4) → 4/11.  Alliance 2: 2001 3, 2002 2 → 2/5.
-- Province adds 3001's 2: primary 6 of 18.
('primary_visit_share', 'alliance', 1, 4, 11), ('primary_visit_share', 'alliance', 2, 2, 5),
('primary_visit_share', 'province', 1, 6, 18),
-- outpatient only: 1001 5, 1002 3, 1003 1 → 4/9; 2001 2, 2002 2 → 2/4; province + 3001 1 → 6/14.
('primary_outpatient_share', 'alliance', 1, 4, 9), ('primary_outpatient_share', 'alliance', 2, 2, 4),
('primary_outpatient_share', 'province', 1, 6, 14),
-- inpatient only: no primary inpatients: 0/2 (1001), 0/1 (2001), 0/4 (+ 3001).
('primary_inpatient_share', 'alliance', 1, 0, 2), ('primary_inpatient_share', 'alliance', 2, 0, 1),
('primary_inpatient_share', 'province', 1, 0, 4),
-- referrals sent.  Alliance 1: 1001→1002, 1001→1003, 1001→3001 (same city C, other county),
-- 1002→1001.  Alliance 2: 2001→3001 (B lies in no city: out of city and county), 2001→2002.
('out_of_city_referral_rate', 'alliance', 1, 0, 4), ('out_of_city_referral_rate', 'alliance', 2, 1, 2),
('out_of_city_referral_rate', 'province', 1, 1, 6),
('out_of_county_referral_rate', 'alliance', 1, 1, 4), ('out_of_county_referral_rate', 'alliance', 2, 1, 2),
('out_of_county_referral_rate', 'province', 1, 2, 6),
-- from county-level hospitals: 1001 sent 3, 2 down; 2001 sent 2, 1 down.
('downward_referral_share', 'alliance', 1, 2, 3), ('downward_referral_share', 'alliance', 2, 1, 2),
('downward_referral_share', 'province', 1, 3, 5),
('downward_referral_count', 'alliance', 1, 2, NULL), ('downward_referral_count', 'alliance', 2, 1, NULL),
('downward_referral_count', 'province', 1, 3, NULL),
-- booked outpatient referrals received / outpatient visits at public hospitals:
-- 1001 1/5, 2001 0/2, 3001 0/1 → province 1/8.
('booked_referral_share', 'alliance', 1, 1, 5), ('booked_referral_share', 'alliance', 2, 0, 2),
('booked_referral_share', 'province', 1, 1, 8),
-- city and provincial hospitals, outpatient visits only: 3001 has 1 outpatient visit, no booked
-- referral; neither alliance has a city hospital, so only the province has a value: 0/1.
('city_booked_referral_share', 'province', 1, 0, 1),
-- contracts in force at the end of December (a stock: the year shows its last month).
-- A: persons 1–12 (13 expired in June) of 20; B: 21–23 of 10; D: 0 of 0.  Province 15/30.
('family_doctor_contract_rate', 'alliance', 1, 12, 20), ('family_doctor_contract_rate', 'alliance', 2, 3, 10),
('family_doctor_contract_rate', 'province', 1, 15, 30),
-- key groups: A elderly 9–12 = 4 of 5; B poor 23 = 1 of 4; D 0 of 0 → province 5/9.
('key_group_contract_rate', 'alliance', 1, 4, 5), ('key_group_contract_rate', 'alliance', 2, 1, 4),
('key_group_contract_rate', 'province', 1, 5, 9),
-- hypertension and diabetes registered in A: 31, 32, 33, 34; standardised at a primary
-- institution: 31 and 34 → 2/4 (32 is managed by the county hospital, 35 has tuberculosis).
('chronic_primary_management_rate', 'alliance', 1, 2, 4), ('chronic_primary_management_rate', 'province', 1, 2, 4),
-- the 2+3 package adds 35 (tuberculosis, standardised at 1002): 3/5.
('chronic_package_management_rate', 'alliance', 1, 3, 5), ('chronic_package_management_rate', 'province', 1, 3, 5),
-- fund payments in fen.  Insured in A: 1001 100.00 + 1002 50.00 in county, 3001 150.00 out → 15000/30000.
-- Insured in B: 2001 80.00 → 8000/8000.  Province 23000/38000.  No alliance rows: fund spending is
-- settled per insured county, with no catchment, so an alliance has no figure of its own (and
-- never its county's).
('fund_in_county_rate', 'province', 1, 23000, 38000),
-- at primary institutions: alliance 1: 1002 5000 of 1001 10000 + 5000; alliance 2: 0 of 8000;
-- province: 5000 of 38000 (3001's 15000 included).
('fund_primary_share', 'alliance', 1, 5000, 15000), ('fund_primary_share', 'alliance', 2, 0, 8000),
('fund_primary_share', 'province', 1, 5000, 38000),
-- capabilities reported for December: 1002 radiology, TCM, standard met; 1003 no TCM, village
-- standard met; 1004 ECG, no remote point; 2002 TCM only, standard not met.  The denominators
-- are every institution of the levels open in December (达标率), all of which reported here.
-- TCM counts community stations too (社区卫生服务机构): A 1002 yes, 1004 no → 1/2; B 1/1; 2/3.
('township_radiology_coverage', 'alliance', 1, 1, 1), ('township_radiology_coverage', 'alliance', 2, 0, 1),
('township_radiology_coverage', 'province', 1, 1, 2),
('station_ecg_coverage', 'alliance', 1, 1, 1), ('station_ecg_coverage', 'province', 1, 1, 1),
('station_remote_point_coverage', 'alliance', 1, 0, 1), ('station_remote_point_coverage', 'province', 1, 0, 1),
('centre_tcm_coverage', 'alliance', 1, 1, 2), ('centre_tcm_coverage', 'alliance', 2, 1, 1),
('centre_tcm_coverage', 'province', 1, 2, 3),
('village_clinic_tcm_coverage', 'alliance', 1, 0, 1), ('village_clinic_tcm_coverage', 'province', 1, 0, 1),
('township_capability_standard_rate', 'alliance', 1, 1, 1), ('township_capability_standard_rate', 'alliance', 2, 0, 1),
('township_capability_standard_rate', 'province', 1, 1, 2),
('village_clinic_standard_rate', 'alliance', 1, 1, 1), ('village_clinic_standard_rate', 'province', 1, 1, 1),
-- staff sent down during the year: doctor 501 stationed from 1001 at 1002 since 2024-01-01;
-- 2002 hosts nobody.
('township_staff_coverage', 'alliance', 1, 1, 1), ('township_staff_coverage', 'alliance', 2, 0, 1),
('township_staff_coverage', 'province', 1, 1, 2),
-- that doctor (intermediate title, stationed since January) has served 6 months by December.
('senior_secondment_count', 'alliance', 1, 1, NULL), ('senior_secondment_count', 'province', 1, 1, NULL),
-- shared centres during the year: 1002 ordered in March and December, 2002 never → 1/1, 0/1, 1/2.
('shared_centre_use_share', 'alliance', 1, 1, 1), ('shared_centre_use_share', 'alliance', 2, 0, 1),
('shared_centre_use_share', 'province', 1, 1, 2),
-- remote reads ordered by 1002: March and December → 2 in the year.
('remote_diagnosis_count', 'alliance', 1, 2, NULL), ('remote_diagnosis_count', 'province', 1, 2, NULL),
-- regions: alliances 1 (county A) and 2 (county B) are county medical communities: 2 in the
-- province, none a specialty alliance.  City hospital 3001 is in no alliance: 0/1; the six
-- county-level and primary institutions are all members: 6/6.
('alliance_count', 'province', 1, 2, NULL), ('county_medical_community_count', 'province', 1, 2, NULL),
('specialty_alliance_count', 'province', 1, 0, NULL),
('tertiary_hospital_participation', 'province', 1, 0, 1), ('public_institution_participation', 'province', 1, 6, 6);

SELECT set_eq(
    $$SELECT indicator_code, unit_level, unit_id, numerator, denominator FROM indicator_value
      WHERE grain = 'year' AND period_start = '2024-01-01'
        AND (unit_level, unit_id) IN (('alliance', 1), ('alliance', 2), ('province', 1))$$,
    $$SELECT * FROM expected_2024$$,
    'every indicator of 2024 for both alliances and the province, as worked out by hand');

SELECT is((SELECT count(DISTINCT indicator_code) FROM expected_2024),
          (SELECT count(*) FROM indicator WHERE is_preset AND unit_levels && '{alliance,province}'),
          'the hand-worked table covers every preset indicator reported for alliances or provinces');
-- Kinds of shared centre read in county A in 2024: 1001 read imaging and ECG → 2; B and D none.
SELECT results_eq(
    $$SELECT unit_id, numerator FROM indicator_value WHERE indicator_code = 'shared_centre_kinds_count'
      AND grain = 'year' AND period_start = '2024-01-01' ORDER BY unit_id$$,
    $$VALUES (101, 2::bigint), (102, 0), (103, 0)$$,
    'kinds of shared centre at work, by county (the only level it is reported at)');

-- Values and intervals: 10/12 is 83.33…%; Wilson 95% interval by hand is
-- (55.1949…%, 95.3049…%) — checked against value(rate) here, independently in rate_intervals.
SELECT ok(abs(value - 1000.0 / 12) < 1e-12 AND ci_lower < value AND value < ci_upper,
          'county visit rate of alliance 1 is 83.33% with an interval around it')
FROM indicator_value WHERE grain = 'year' AND period_start = '2024-01-01'
  AND unit_level = 'alliance' AND unit_id = 1 AND indicator_code = 'county_visit_rate';
SELECT ok(ci_lower IS NULL AND ci_upper IS NULL AND value = 50,
          'money-weighted shares carry no binomial interval: fund in-county rate of county A is 50%')
FROM indicator_value WHERE grain = 'year' AND period_start = '2024-01-01'
  AND unit_level = 'county' AND unit_id = 101 AND indicator_code = 'fund_in_county_rate';

-- Grains.  A stock shows the last month of the period: in March person 13's contract was
-- still in force (13/20), in the year only December counts (12/20).
SELECT results_eq(
    $$SELECT grain, period_start, numerator, denominator, months_with_data FROM indicator_value
      WHERE indicator_code = 'family_doctor_contract_rate' AND unit_level = 'county' AND unit_id = 101
        AND grain IN ('quarter', 'year') AND period_start >= '2024-01-01' ORDER BY grain, period_start$$,
    $$VALUES ('quarter', '2024-01-01'::date, 13::bigint, 20::bigint, 3),
             ('quarter', '2024-04-01', 12, 20, 3), ('quarter', '2024-07-01', 12, 20, 3),
             ('quarter', '2024-10-01', 12, 20, 3), ('year', '2024-01-01', 12, 20, 12)$$,
    'stocks roll up over time as their last month: Q1 13/20, then 12/20');
-- A flow sums its months: remote reads in March (1) and December (1).
SELECT results_eq(
    $$SELECT grain, period_start, numerator FROM indicator_value
      WHERE indicator_code = 'remote_diagnosis_count' AND unit_level = 'institution' AND unit_id = 1002
      ORDER BY grain, period_start$$,
    $$VALUES ('month', '2024-03-01'::date, 1::bigint), ('month', '2024-12-01', 1),
             ('quarter', '2024-01-01', 1), ('quarter', '2024-10-01', 1), ('year', '2024-01-01', 2)$$,
    'flows roll up over time as sums');
SELECT is_empty($$SELECT FROM indicator_value WHERE indicator_code = 'county_visit_rate' AND unit_level = 'institution'$$,
                'no institution rows for an indicator reported from the county up');
SELECT results_eq(
    $$SELECT unit_level, unit_id, numerator, denominator FROM indicator_value
      WHERE indicator_code = 'primary_outpatient_share' AND grain = 'year' AND period_start = '2024-01-01'
        AND unit_level IN ('county', 'city') ORDER BY 1, 2$$,
    $$VALUES ('city', 10, 4::bigint, 10::bigint), ('county', 101, 4, 9), ('county', 102, 2, 4)$$,
    'city 10 holds county A and its own city hospital (3001: 1 outpatient visit) → 4/10');

-- Attainment against a scheme of our own, minimum sample 1 -------------------
INSERT INTO scheme (scheme_code, scheme_kind, title, document_code)
VALUES ('hand_targets', 'targets', 'targets for the hand-built test', 'project_default');
INSERT INTO indicator_target (scheme_code, indicator_code, region_id, target_year, comparator, target_kind,
                              target_value, baseline_offset_years, min_denominator, document_code) VALUES
    ('hand_targets', 'county_visit_rate', NULL, 2024, '>=', 'absolute', 80, NULL, 1, 'project_default'),
    ('hand_targets', 'county_visit_rate', 102, 2024, '>=', 'absolute', 90, NULL, 1, 'project_default'),
    ('hand_targets', 'out_of_city_referral_rate', NULL, 2024, '<=', 'absolute', 10, NULL, 1, 'project_default'),
    ('hand_targets', 'primary_outpatient_share', NULL, 2024, '>=', 'change_pp', 5, 1, 1, 'project_default'),
    ('hand_targets', 'primary_inpatient_share', NULL, 2024, '>=', 'change_pp', 5, 1, 1, 'project_default'),
    ('hand_targets', 'downward_referral_count', NULL, 2024, '>=', 'relative_growth', 10, 1, 1, 'project_default'),
    ('hand_targets', 'family_doctor_contract_rate', NULL, 2024, '>=', 'absolute', 60, NULL, 1, 'project_default'),
    ('hand_targets', 'key_group_contract_rate', NULL, 2024, '>=', 'absolute', 80, NULL, 1, 'project_default'),
    ('hand_targets', 'fund_in_county_rate', NULL, 2024, '<=', 'absolute', 50, NULL, 1, 'project_default');

SELECT results_eq(
    $$SELECT indicator_code, unit_id, status, reason FROM target_attainment
      WHERE scheme_code = 'hand_targets' AND period_start = '2024-01-01' AND unit_level = 'alliance'
      ORDER BY indicator_code, unit_id$$,
    $$VALUES
      -- 10/12 = 83.3% >= 80; alliance 2 serves county B, whose own target is 90: 5/6 = 83.3% < 90
      ('county_visit_rate', 1, 'met', NULL::text), ('county_visit_rate', 2, 'not_met', NULL),
      -- 2 of 2 down vs 1 the year before: +100% >= 10%; alliance 2's hospital 2001 sent nothing in
      -- 2023: a stored zero (issue: zeros are stored, not left out), so growth is undefined
      ('downward_referral_count', 1, 'met', NULL),
      ('downward_referral_count', 2, 'not_assessable', 'baseline 2023 is zero: growth undefined'),
      -- 12/20 = 60% exactly: met (exact comparison); 3/10 = 30%
      ('family_doctor_contract_rate', 1, 'met', NULL), ('family_doctor_contract_rate', 2, 'not_met', NULL),
      -- (fund_in_county_rate: no alliance row, hence no judgement; its counties are judged below)
      -- 4/5 = 80% exactly: met; 1/4 = 25%
      ('key_group_contract_rate', 1, 'met', NULL), ('key_group_contract_rate', 2, 'not_met', NULL),
      -- 0/4 = 0% <= 10; 1/2 = 50%
      ('out_of_city_referral_rate', 1, 'met', NULL), ('out_of_city_referral_rate', 2, 'not_met', NULL),
      -- no inpatients at all in 2023, so no baseline
      ('primary_inpatient_share', 1, 'not_assessable', 'baseline 2023 missing'),
      ('primary_inpatient_share', 2, 'not_assessable', 'baseline 2023 missing'),
      -- 4/9 = 44.44% against 2/8 = 25% in 2023: +19.44 pp >= 5; alliance 2 had nothing in 2023
      ('primary_outpatient_share', 1, 'met', NULL), ('primary_outpatient_share', 2, 'not_assessable', 'baseline 2023 missing')$$,
    'attainment of every hand target by both alliances, worked out by hand');
SELECT results_eq(
    $$SELECT unit_id, status FROM target_attainment
      WHERE scheme_code = 'hand_targets' AND period_start = '2024-01-01' AND indicator_code = 'fund_in_county_rate'
        AND unit_level = 'county' ORDER BY unit_id$$,
    -- 15000/30000 = 50% <= 50 exactly: met; 8000/8000 = 100%: not met
    $$VALUES (101, 'met'), (102, 'not_met')$$,
    'the fund in-county rate is judged for counties, where it is counted');

SELECT results_eq(
    $$SELECT round(value::numeric, 6), round(baseline_value::numeric, 6), round(change_pp::numeric, 6),
             round(gap::numeric, 6) FROM target_attainment
      WHERE scheme_code = 'hand_targets' AND indicator_code = 'primary_outpatient_share'
        AND unit_level = 'alliance' AND unit_id = 1 AND period_start = '2024-01-01'$$,
    -- 100·4/9 = 44.444444; 100·2/8 = 25; change 19.444444; gap 19.444444 − 5 = 14.444444
    $$VALUES (44.444444, 25.000000, 19.444444, 14.444444)$$,
    'change over the baseline and the gap, in percentage points');
SELECT results_eq(
    $$SELECT round(growth_percent::numeric, 6), round(gap::numeric, 6) FROM target_attainment
      WHERE scheme_code = 'hand_targets' AND indicator_code = 'downward_referral_count'
        AND unit_level = 'province' AND unit_id = 1 AND period_start = '2024-01-01'$$,
    -- 3 against 1: growth 200%, gap 200 − 10 = 190
    $$VALUES (200.000000, 190.000000)$$,
    'relative growth of a count over its baseline');
SELECT results_eq(
    $$SELECT status, reason FROM target_attainment
      WHERE scheme_code = 'hand_targets' AND indicator_code = 'family_doctor_contract_rate'
        AND unit_level = 'county' AND unit_id = 103$$,
    $$VALUES ('not_assessable', 'no denominator')$$,
    'county D has no residents: a zero denominator is not assessable, never 0%');

-- The preset Hainan 2024 scheme: 20 residents is below the default minimum of 30.
SELECT results_eq(
    $$SELECT status, reason, small_sample, value, gap FROM target_attainment
      WHERE scheme_code = 'hainan_2024_targets' AND indicator_code = 'family_doctor_contract_rate'
        AND unit_level = 'alliance' AND unit_id = 1$$,
    $$VALUES ('not_assessable', 'sample below minimum (20 < 30)', true, 60::float8, 15::float8)$$,
    'a small sample is flagged and shown with its gap, not judged');

-- Refreshing one month touches that month only ----------------------------------
CREATE TEMP TABLE before_refresh AS
SELECT indicator_code, unit_level, unit_id, period_start, state::text AS state, amount, refresh_id
FROM indicator_state;
-- one more outpatient visit of an A resident at the city hospital, in March 2024
INSERT INTO encounter (encounter_id, encounter_date, encounter_kind, institution_id, residence_region_id, total_cost,
                       catchment_institution_id)
VALUES (9999, '2024-03-20', 'outpatient', 3001, 101, 10, 1002);
SELECT refresh_indicators('2024-03-05', '2024-03-05') AS march_refresh \gset

SELECT set_eq(
    $$SELECT indicator_code, unit_level, unit_id, period_start, state::text, amount, refresh_id
      FROM indicator_state WHERE period_start <> '2024-03-01'$$,
    $$SELECT * FROM before_refresh WHERE period_start <> '2024-03-01'$$,
    'every stored state of every other month is untouched (same values, same refresh)');
SELECT is((SELECT count(*) FROM indicator_state WHERE period_start = '2024-03-01' AND refresh_id <> :march_refresh),
          0::bigint, 'every March state was rewritten by the March refresh');
SELECT results_eq(
    $$SELECT unit_level, unit_id, state::text FROM indicator_state
      WHERE indicator_code = 'county_visit_rate' AND period_start = '2024-03-01' ORDER BY 1, 2$$,
    -- A: 10 in county of 13 (one more out, a resident of 1002's catchment: alliance 1); B unchanged 5/6; D none; city 10 = A; province 15/19
    $$VALUES ('alliance', 1, '10/13'), ('alliance', 2, '5/6'), ('city', 10, '10/13'),
             ('county', 101, '10/13'), ('county', 102, '5/6'), ('province', 1, '15/19')$$,
    'March and every roll-up containing it carry the new visit');
SELECT results_eq(
    $$SELECT numerator, denominator FROM indicator_value WHERE indicator_code = 'county_visit_rate'
      AND unit_level = 'province' AND grain = 'year' AND period_start = '2024-01-01'$$,
    $$VALUES (15::bigint, 19::bigint)$$,
    'the year merges the refreshed March');
-- Every stored period, after a refresh of two years and one of March alone, is the merge of its
-- stored months, computed here in plain SQL: flows add numerators and denominators (or counts) of
-- every month, stocks show the period's last month; and no stored period lacks its months.
SELECT set_eq(
    $$SELECT indicator_code, unit_level, unit_id, grain, period_start,
             numerator(state), denominator(state), amount, months::bigint FROM indicator_period$$,
    $$SELECT s.indicator_code, s.unit_level, s.unit_id, g.grain, date_trunc(g.grain, s.period_start)::date,
             CASE WHEN i.temporal_rollup = 'sum' THEN sum(numerator(s.state))::bigint
                  ELSE (array_agg(numerator(s.state) ORDER BY s.period_start DESC))[1] END AS n,
             CASE WHEN i.temporal_rollup = 'sum' THEN sum(denominator(s.state))::bigint
                  ELSE (array_agg(denominator(s.state) ORDER BY s.period_start DESC))[1] END AS d,
             CASE WHEN i.temporal_rollup = 'sum' THEN sum(s.amount)::bigint
                  ELSE (array_agg(s.amount ORDER BY s.period_start DESC))[1] END AS amount,
             count(*) AS months
      FROM indicator_state s JOIN indicator i USING (indicator_code)
      CROSS JOIN (VALUES ('month'), ('quarter'), ('year')) AS g(grain)
      GROUP BY 1, 2, 3, 4, 5, i.temporal_rollup$$,
    'each stored period is the merge of its stored months (flows summed, stocks their last month)');
-- indicator_period has no unique index: its key is unique by construction, after the two years'
-- refresh and March's over them.
SELECT is((SELECT count(*) FROM (SELECT indicator_code, unit_level, unit_id, grain, period_start
                                 FROM indicator_period GROUP BY 1, 2, 3, 4, 5 HAVING count(*) > 1) d),
          0::bigint, 'indicator_period: one row per indicator, unit and period');
SELECT is((SELECT count(*) FROM refresh_log WHERE layer = 'indicators' AND finished_at IS NOT NULL
             AND rows_written > 0), 2::bigint, 'both refreshes are logged with what they wrote');

SELECT throws_ok($$SELECT refresh_indicators('2024-05-01', '2024-04-01')$$, '22023', NULL,
                 'an empty refresh period is refused');
SELECT throws_ok($$SELECT refresh_indicators('2024-01-01', '2024-01-31', ARRAY['county_visit_rate', 'no_such_thing'])$$,
                 '22023', 'unknown indicator code(s): no_such_thing', 'an unknown indicator code is refused');
SELECT throws_ok($$SELECT refresh_indicators(NULL, '2024-01-31')$$, '22004', NULL, 'a NULL bound is refused');

-- One person, several contracts: counted once at each month's end (count_contract_rate merges a
-- person's contracts into spells).  County B (102, catchment 2002, 10 residents) already has
-- persons 21, 22, 23 from 1 February.  Added:
--   41: 10 Jan–10 May, renewed 1 Apr–1 Jul (overlap), 1 Jul–15 Aug (starts the day the last ends),
--       20 Oct–5 Nov (after a gap): in force at the end of Jan–Jul and Oct, not Aug, Sep, Nov, Dec;
--   42: 1 Nov 2023 – 29 Feb 2024: in force at the end of January only (29 Feb is not before 29 Feb).
-- Month ends Jan..Dec: 0+1+1, then 3 + (41) + 0: 2, 4, 4, 4, 4, 4, 4, 3, 3, 4, 3, 3.
INSERT INTO contract (person_id, residence_region_id, institution_id, population_group, signed_on, valid_to,
                      catchment_institution_id) VALUES
    (41, 102, 2002, 'general', '2024-01-10', '2024-05-10', 2002),
    (41, 102, 2002, 'general', '2024-04-01', '2024-07-01', 2002),
    (41, 102, 2002, 'general', '2024-07-01', '2024-08-15', 2002),
    (41, 102, 2002, 'general', '2024-10-20', '2024-11-05', 2002),
    (42, 102, 2002, 'general', '2023-11-01', '2024-02-29', 2002);
SELECT results_eq(
    $$SELECT extract(month FROM c.period_start)::int, c.numerator, c.denominator
      FROM indicator i, count_contract_rate(i.parameters, '2024-01-01', '2024-12-01') c
      WHERE i.indicator_code = 'family_doctor_contract_rate' AND c.unit_level = 'county' AND c.unit_id = 102
      ORDER BY 1$$,
    $$VALUES (1, 2::bigint, 10::bigint), (2, 4::bigint, 10::bigint), (3, 4::bigint, 10::bigint), (4, 4::bigint, 10::bigint),
             (5, 4::bigint, 10::bigint), (6, 4::bigint, 10::bigint), (7, 4::bigint, 10::bigint), (8, 3::bigint, 10::bigint),
             (9, 3::bigint, 10::bigint), (10, 4::bigint, 10::bigint), (11, 3::bigint, 10::bigint), (12, 3::bigint, 10::bigint)$$,
    'overlapping, adjacent and separate contracts of one person count once at each month''s end');
SELECT results_eq(
    $$SELECT c.period_start, c.numerator FROM indicator i, count_contract_rate(i.parameters, '2024-01-01', '2024-12-01') c
      WHERE i.indicator_code = 'family_doctor_contract_rate' AND c.unit_level = 'catchment' AND c.unit_id = 2002
      ORDER BY 1$$,
    $$SELECT c.period_start, c.numerator FROM indicator i, count_contract_rate(i.parameters, '2024-01-01', '2024-12-01') c
      WHERE i.indicator_code = 'family_doctor_contract_rate' AND c.unit_level = 'county' AND c.unit_id = 102
      ORDER BY 1$$,
    'the catchment that holds all of county B''s contracts counts the same persons');
-- A year is counted by spans, up to four months month by month: the two agree
-- for every unit and month, person 41's contracts included.
SELECT set_eq(
    $$SELECT i.indicator_code, c.* FROM indicator i, count_contract_rate(i.parameters, '2024-01-01', '2024-12-01') c
      WHERE i.formula = 'contract_rate'$$,
    $$SELECT i.indicator_code, c.* FROM indicator i
      CROSS JOIN generate_series('2019-01-01'::date, '2024-12-01', interval '1 month') m
      CROSS JOIN LATERAL count_contract_rate(i.parameters, m::date, m::date) c
      WHERE i.formula = 'contract_rate'$$,
    'count_contract_rate: the year by spans equals its twelve months counted one by one');
SELECT results_eq(
    $$SELECT extract(month FROM c.period_start)::int, c.numerator
      FROM indicator i, count_contract_rate(i.parameters, '2024-05-01', '2024-06-01') c
      WHERE i.indicator_code = 'family_doctor_contract_rate' AND c.unit_level = 'county' AND c.unit_id = 102
      ORDER BY 1$$,
    $$VALUES (5, 4::bigint), (6, 4::bigint)$$,
    'a range that starts inside a spell counts it from its first month');

-- Several sets of population groups counted in one pass (count_contracted,
-- as refresh_indicators does for its contract-rate indicators) against a plain
-- count of the distinct persons in force at each month's end.  Person 41 gets a
-- key-group contract over its general ones (15 Mar – 30 Sep), person 43
-- two overlapping key-group contracts in another catchment of the county, and
-- person 44 a contract that ends within the month it was signed in (in force
-- at no month's end); person 45's contracts run from 2019 across 2024, the
-- later one over the earlier.
INSERT INTO contract (person_id, residence_region_id, institution_id, population_group, signed_on, valid_to,
                      catchment_institution_id) VALUES
    (41, 102, 2002, 'elderly', '2024-03-15', '2024-09-30', 2002),
    (43, 102, 2002, 'chronic', '2024-02-01', '2024-06-30', NULL),
    (43, 102, 2002, 'elderly', '2024-05-01', '2024-12-31', NULL),
    (44, 102, 2002, 'elderly', '2024-07-03', '2024-07-20', 2002),
    (45, 102, 2002, 'general', '2019-06-10', '2024-03-31', 2002),
    (45, 102, 2002, 'poor', '2023-11-01', '2024-06-30', 2002);
CREATE TEMP TABLE contract_sets AS
SELECT * FROM (VALUES (1, '{general,elderly,children,pregnant,chronic,disabled,poor}'::text[]),
                      (2, '{elderly,children,pregnant,chronic,disabled,poor}'::text[])) s(group_set, groups);
CREATE TEMP TABLE plain_contracted AS
SELECT s.group_set, u.unit_level, u.unit_id, m::date AS month, count(DISTINCT c.person_id) AS persons
FROM contract_sets s
CROSS JOIN generate_series('2019-01-01'::date, '2024-12-01', interval '1 month') m
JOIN contract c ON c.population_group = ANY (s.groups)
               AND c.signed_on < m + interval '1 month' AND c.valid_to >= m + interval '1 month'
CROSS JOIN LATERAL (VALUES ('county', c.residence_region_id), ('catchment', c.catchment_institution_id)) u(unit_level, unit_id)
WHERE u.unit_id IS NOT NULL
GROUP BY 1, 2, 3, 4;
SELECT set_eq(
    $$SELECT * FROM count_contracted('[["general", "elderly", "children", "pregnant", "chronic", "disabled", "poor"],
                                      ["elderly", "children", "pregnant", "chronic", "disabled", "poor"]]',
                                     '2024-01-01', '2024-12-01') WHERE persons > 0$$,
    $$SELECT * FROM plain_contracted WHERE month >= '2024-01-01'$$,
    'count_contracted, two sets over a year: the distinct persons in force at each month''s end');
SELECT set_eq(
    $$SELECT * FROM count_contracted('[["general", "elderly", "children", "pregnant", "chronic", "disabled", "poor"],
                                      ["elderly", "children", "pregnant", "chronic", "disabled", "poor"]]',
                                     '2024-05-01', '2024-06-01') WHERE persons > 0$$,
    $$SELECT * FROM plain_contracted WHERE month IN ('2024-05-01', '2024-06-01')$$,
    'count_contracted, two sets over two months: the same');
SELECT set_eq(
    $$SELECT * FROM count_contracted('[["general", "elderly", "children", "pregnant", "chronic", "disabled", "poor"],
                                      ["elderly", "children", "pregnant", "chronic", "disabled", "poor"]]',
                                     '2019-01-01', '2024-12-01') WHERE persons > 0$$,
    $$SELECT * FROM plain_contracted$$,
    'count_contracted, two sets over six years (two passes of up to 60 months): the same');
SELECT ok(EXISTS (SELECT FROM plain_contracted WHERE month < '2024-01-01')
          AND EXISTS (SELECT FROM plain_contracted WHERE month >= '2024-01-01'),
          'and contracts are in force in both passes');
SELECT is_empty($$SELECT * FROM count_contracted('[["elderly"]]', '2024-12-01', '2024-01-01')$$,
                'count_contracted over no month (to before from) counts nothing');
SELECT ok(EXISTS (SELECT FROM plain_contracted p1 JOIN plain_contracted p2 USING (unit_level, unit_id, month)
                  WHERE p1.group_set = 1 AND p2.group_set = 2 AND p1.persons <> p2.persons),
          'and the two sets differ in some unit and month');
-- refresh_indicators counts both contract-rate indicators in that one pass
-- (here May and June): the same states as each indicator refreshed alone
-- (counted by itself).
SELECT lives_ok($$SELECT refresh_indicators('2024-05-01', '2024-06-30', '{family_doctor_contract_rate,key_group_contract_rate}')$$,
                'both contract rates refreshed together');
SELECT ok((SELECT (details ->> 'contract_count_ms') IS NOT NULL FROM refresh_log ORDER BY refresh_id DESC LIMIT 1),
          'and counted in one pass (its time is logged)');
CREATE TEMP TABLE together AS
SELECT indicator_code, unit_level, unit_id, period_start, state::text FROM indicator_state
WHERE indicator_code IN ('family_doctor_contract_rate', 'key_group_contract_rate');
SELECT ok(to_regclass('pg_temp.contract_rate_counted') IS NULL AND to_regclass('pg_temp.contract_rate_counted_for') IS NULL,
          'the shared counts do not outlive the refresh');
SELECT lives_ok($$SELECT refresh_indicators('2024-05-01', '2024-06-30', '{family_doctor_contract_rate}')$$,
                'the contract rate of all residents refreshed alone');
SELECT lives_ok($$SELECT refresh_indicators('2024-05-01', '2024-06-30', '{key_group_contract_rate}')$$,
                'the contract rate of the key groups refreshed alone');
SELECT set_eq(
    $$SELECT indicator_code, unit_level, unit_id, period_start, state::text FROM indicator_state
      WHERE indicator_code IN ('family_doctor_contract_rate', 'key_group_contract_rate')$$,
    $$SELECT * FROM together$$,
    'the contract rates refreshed together equal each refreshed alone');
SELECT lives_ok($$SELECT refresh_indicators('2024-01-01', '2024-12-31', '{family_doctor_contract_rate,key_group_contract_rate}')$$,
                'a year of both rates refreshed');
SELECT ok((SELECT (details ->> 'contract_count_ms') IS NOT NULL FROM refresh_log ORDER BY refresh_id DESC LIMIT 1),
          'a year too is counted in one pass');
SELECT throws_ok($$SELECT * FROM count_contracted('[]', '2024-01-01', '2024-12-01')$$, '22023', NULL,
                 'count_contracted: no set is refused');
SELECT throws_ok($$SELECT * FROM count_contracted('[["elderly", 1]]', '2024-01-01', '2024-12-01')$$, '22023', NULL,
                 'count_contracted: a group that is not a string is refused');
SELECT throws_ok($$SELECT * FROM count_contracted('[["elderly"]]', '-infinity', '2024-12-01')$$, '22023', NULL,
                 'count_contracted: a month at infinity is refused (its months would never end)');

-- refresh_indicators counts the assessments of both chronic-care indicators
-- in one pass (per condition, each indicator adding up its own): the same
-- states as each indicator refreshed alone (counted by itself).
SELECT lives_ok($$SELECT refresh_indicators('2024-12-01', '2024-12-31', '{chronic_primary_management_rate,chronic_package_management_rate}')$$,
                'both chronic-care rates refreshed together');
CREATE TEMP TABLE chronic_together AS
SELECT indicator_code, unit_level, unit_id, period_start, state::text FROM indicator_state
WHERE indicator_code IN ('chronic_primary_management_rate', 'chronic_package_management_rate');
SELECT ok(to_regclass('pg_temp.chronic_care_counted') IS NULL AND to_regclass('pg_temp.chronic_care_counted_for') IS NULL,
          'the shared chronic-care counts do not outlive the refresh');
SELECT lives_ok($$SELECT refresh_indicators('2024-12-01', '2024-12-31', '{chronic_primary_management_rate}')$$,
                'the chronic-care rate of hypertension and diabetes refreshed alone');
SELECT lives_ok($$SELECT refresh_indicators('2024-12-01', '2024-12-31', '{chronic_package_management_rate}')$$,
                'the chronic-care rate of the package refreshed alone');
SELECT set_eq(
    $$SELECT indicator_code, unit_level, unit_id, period_start, state::text FROM indicator_state
      WHERE indicator_code IN ('chronic_primary_management_rate', 'chronic_package_management_rate')$$,
    $$SELECT * FROM chronic_together$$,
    'the chronic-care rates refreshed together equal each refreshed alone');

-- Inconsistent facts: county B's population cut to 2, below the 3 or more persons under contract
-- there at the end of December.  The refresh names the indicator, the unit and the month, and
-- leaves the stored states as they were.
CREATE TEMP TABLE state_before AS
SELECT indicator_code, unit_level, unit_id, period_start, state::text AS state FROM indicator_state;
UPDATE population SET residents = 2 WHERE region_id = 102 AND year = 2024 AND population_group = 'all';
SELECT throws_like($$SELECT refresh_indicators('2024-12-01', '2024-12-31', ARRAY['family_doctor_contract_rate'])$$,
    'indicator "family_doctor_contract_rate": numerator % exceeds denominator 2 for county 102 in 2024-12',
    'a share above 100% is refused, naming the indicator, the unit and the month');
SELECT throws_ok($$SELECT refresh_indicators('2024-12-01', '2024-12-31', ARRAY['family_doctor_contract_rate'])$$,
                 '22023', NULL, 'with SQLSTATE 22023');
SELECT set_eq($$SELECT indicator_code, unit_level, unit_id, period_start, state::text FROM indicator_state$$,
              $$SELECT * FROM state_before$$,
              'the refused refresh changed no stored state');
UPDATE population SET residents = 10 WHERE region_id = 102 AND year = 2024 AND population_group = 'all';

SELECT * FROM finish();
ROLLBACK;
