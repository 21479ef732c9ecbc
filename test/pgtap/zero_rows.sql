-- A true zero is stored, not left out.  Worked by hand: county hospital 111
-- (the lead of alliance 1) sends no referral in 2023 and two in 2024, one of
-- them down to its township centre 112.  Its downward-referral count is 0 in
-- every month of 2023 with data (not missing), the share 0/0 (no value, "no
-- denominator"); in 2024 the count is 1 and the share 1/2.  Against a growth
-- target the 2024 count reads "baseline 2023 is zero: growth undefined".
BEGIN;
SET search_path = medalliance, public;
SELECT plan(6);

INSERT INTO region VALUES (1, 'P', 'Province', 'province', NULL), (11, 'K11', 'County 11', 'county', 1);
INSERT INTO institution (institution_id, institution_name, institution_level, region_id) VALUES
    (111, 'H11', 'county_hospital', 11), (112, 'T11', 'township_health_centre', 11), (113, 'H13', 'county_tcm_hospital', 11);
INSERT INTO alliance VALUES (1, 'Community', 'county_medical_community', 11, 111, NULL, '2020-01-01', NULL);
INSERT INTO membership VALUES (1, 111, 'lead', '2020-01-01', NULL), (1, 112, 'member', '2020-01-01', NULL);
-- facts from March 2023 to June 2024 (a referral of 113 marks the first month)
INSERT INTO referral (referral_date, from_institution_id, to_institution_id) VALUES
    ('2023-03-10', 113, 111), ('2024-06-10', 111, 112), ('2024-06-11', 111, 113);
INSERT INTO scheme (scheme_code, scheme_kind, title, document_code) VALUES ('zero_targets', 'targets', 'zeros', 'project_default');
INSERT INTO indicator_target (scheme_code, indicator_code, target_year, comparator, target_kind, target_value,
                              baseline_offset_years, document_code)
VALUES ('zero_targets', 'downward_referral_count', 2024, '>=', 'relative_growth', 10, 1, 'project_default');

SELECT lives_ok($$SELECT refresh_indicators('2023-01-01', '2024-12-31', '{downward_referral_count,downward_referral_share}')$$,
                '2023-2024 are refreshed');
SELECT results_eq($$SELECT numerator, denominator FROM indicator_value WHERE indicator_code = 'downward_referral_count'
                    AND unit_level = 'alliance' AND unit_id = 1 AND grain = 'year' ORDER BY period_start$$,
                  $$VALUES (0::bigint, NULL::bigint), (1, NULL)$$, 'the count is 0 in 2023 and 1 in 2024');
SELECT results_eq($$SELECT numerator, denominator, value FROM indicator_value WHERE indicator_code = 'downward_referral_share'
                    AND unit_level = 'alliance' AND unit_id = 1 AND grain = 'year' ORDER BY period_start$$,
                  $$VALUES (0::bigint, 0::bigint, NULL::double precision), (1, 2, 50)$$,
                  'the share is 0/0 (no value) in 2023 and 1/2 in 2024');
SELECT is((SELECT count(*) FROM indicator_state WHERE indicator_code = 'downward_referral_count'
           AND unit_level = 'institution' AND unit_id = 111 AND period_start < '2024-01-01'), 10::bigint,
          'a zero row for each month of 2023 with data (March to December)');
SELECT is((SELECT reason FROM target_attainment WHERE scheme_code = 'zero_targets' AND unit_level = 'alliance'
           AND unit_id = 1 AND period_start = '2024-01-01'),
          'baseline 2023 is zero: growth undefined', 'the growth target says why it cannot be judged');
SELECT is_empty($$SELECT * FROM indicator_state WHERE indicator_code = 'downward_referral_count'
                  AND unit_level = 'institution' AND unit_id = 112$$, 'a township centre is not a referring hospital');

SELECT * FROM finish();
ROLLBACK;
