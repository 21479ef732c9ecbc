-- Out of city, for a county directly under the province (省直管县): such a
-- county is a city-level unit of its own.  Worked by hand:
--   Province 1 ─┬─ County 11 (under the province): hospital 111, township centre 112
--               ├─ County 12 (under the province): hospital 121
--               └─ City 20 ─┬─ District 21: hospital 211
--                           └─ District 22: hospital 221
--   Referrals in May 2024: 111→112 (same county), 111→121 (another province-
--   administered county: out of city), 111→211 (a city district: out of city),
--   211→221 (two districts of one city: not out of city).
--   Out-of-city rate of 111: 2/3; of 211: 0/1.  Out-of-county rate of 111: 2/3; of 211: 1/1.
BEGIN;
SET search_path = medalliance, public;
SELECT plan(5);

INSERT INTO region VALUES (1, 'P', 'Province', 'province', NULL), (11, 'K11', 'County 11', 'county', 1),
    (12, 'K12', 'County 12', 'county', 1), (20, 'C20', 'City 20', 'city', 1),
    (21, 'D21', 'District 21', 'county', 20), (22, 'D22', 'District 22', 'county', 20);
INSERT INTO institution (institution_id, institution_name, institution_level, region_id) VALUES
    (111, 'H11', 'county_hospital', 11), (112, 'T11', 'township_health_centre', 11),
    (121, 'H12', 'county_hospital', 12), (211, 'H21', 'county_hospital', 21), (221, 'H22', 'county_hospital', 22);
INSERT INTO referral (referral_date, from_institution_id, to_institution_id) VALUES
    ('2024-05-10', 111, 112), ('2024-05-11', 111, 121), ('2024-05-12', 111, 211), ('2024-05-13', 211, 221);

SELECT lives_ok($$SELECT refresh_indicators('2024-05-01', '2024-05-31', '{out_of_city_referral_rate,out_of_county_referral_rate}')$$,
                'May 2024 is refreshed');
SELECT results_eq($$SELECT numerator, denominator FROM indicator_value WHERE indicator_code = 'out_of_city_referral_rate'
                    AND unit_level = 'institution' AND unit_id = 111 AND grain = 'month'$$,
                  $$VALUES (2::bigint, 3::bigint)$$,
                  'from a province-administered county, another such county and a city district are out of city: 2/3');
SELECT results_eq($$SELECT numerator, denominator FROM indicator_value WHERE indicator_code = 'out_of_city_referral_rate'
                    AND unit_level = 'institution' AND unit_id = 211 AND grain = 'month'$$,
                  $$VALUES (0::bigint, 1::bigint)$$, 'two districts of one city are one city: 0/1');
SELECT results_eq($$SELECT numerator, denominator FROM indicator_value WHERE indicator_code = 'out_of_county_referral_rate'
                    AND unit_level = 'institution' AND unit_id = 111 AND grain = 'month'$$,
                  $$VALUES (2::bigint, 3::bigint)$$, 'out of county from county 11: 2/3');
SELECT results_eq($$SELECT numerator, denominator FROM indicator_value WHERE indicator_code = 'out_of_county_referral_rate'
                    AND unit_level = 'institution' AND unit_id = 211 AND grain = 'month'$$,
                  $$VALUES (1::bigint, 1::bigint)$$, 'out of county between districts: 1/1');

SELECT * FROM finish();
ROLLBACK;
