-- Indicators on the synthetic province (scale 0.01): every indicator's yearly
-- value per alliance equals an independent plain-SQL computation from the facts
-- (test/fixtures/indicator_independent.sql), and the generator's planned
-- heterogeneity shows up in attainment, alliance by alliance.
BEGIN;
CREATE EXTENSION IF NOT EXISTS medalliance_demo;
SET search_path = medalliance, medalliance_demo, public;
SELECT plan(10);

SELECT lives_ok($$SELECT * FROM generate_demo_province(0.01, 1)$$, 'the synthetic province is generated');
SELECT lives_ok($$SELECT refresh_indicators('2023-01-01', '2024-12-31')$$, 'the indicators of 2023–2024 are refreshed');

\i test/fixtures/indicator_independent.sql

SELECT cmp_ok((SELECT count(DISTINCT indicator_code) FROM independent_alliance_year), '>=', 24::bigint,
              'the independent computation covers (nearly) every indicator on generated data');
SELECT set_eq(
    $$SELECT indicator_code, unit_id, extract(year FROM period_start)::int, numerator, denominator
      FROM indicator_value WHERE unit_level = 'alliance' AND grain = 'year'$$,
    $$SELECT indicator_code, alliance_id, year, numerator, denominator FROM independent_alliance_year$$,
    'every indicator per alliance and year equals the independent computation');

-- Each alliance counts the residents of its own service area (its members' catchments):
-- where two alliances share a county, their residence-based figures differ, as the
-- generator planned them to.
CREATE TEMP TABLE shared_county_pair AS
SELECT a1.alliance_id AS first_id, a2.alliance_id AS second_id
FROM alliance a1 JOIN alliance a2 ON a2.region_id = a1.region_id AND a2.alliance_id > a1.alliance_id
WHERE a1.alliance_kind = 'county_medical_community' AND a2.alliance_kind = 'county_medical_community';
SELECT is((SELECT count(*) FROM shared_county_pair), 4::bigint, 'four counties have two county medical communities');
SELECT is_empty($$
    SELECT x.code, p.first_id, p.second_id
    FROM shared_county_pair p
    CROSS JOIN unnest(ARRAY['county_visit_rate', 'family_doctor_contract_rate', 'key_group_contract_rate',
                            'chronic_primary_management_rate']) AS x(code)
    LEFT JOIN indicator_value v1 ON v1.indicator_code = x.code AND v1.unit_level = 'alliance'
         AND v1.unit_id = p.first_id AND v1.grain = 'year' AND v1.period_start = '2024-01-01'
    LEFT JOIN indicator_value v2 ON v2.indicator_code = x.code AND v2.unit_level = 'alliance'
         AND v2.unit_id = p.second_id AND v2.grain = 'year' AND v2.period_start = '2024-01-01'
    WHERE v1.value IS NULL OR v2.value IS NULL OR v1.value = v2.value
       OR (SELECT q1.county_visit_rate = q2.county_visit_rate OR q1.contract_rate_all = q2.contract_rate_all
                  OR q1.contract_rate_key = q2.contract_rate_key OR q1.standardised_rate = q2.standardised_rate
           FROM demo_alliance_profile q1, demo_alliance_profile q2
           WHERE q1.alliance_id = p.first_id AND q2.alliance_id = p.second_id)
$$, 'the two alliances of each shared county have their own planned and computed county visit, contract and management rates');

-- Every county medical community's status matches its plan, for every residence-based
-- indicator with a target and for staff coverage: the Hainan 2024 contract targets (45%,
-- 78%) and staff in every township (100%), and the county visit rate target of 90%
-- (Zhoushan 2018, carried forward).  The planned rates lie 4 to 13 points from the
-- targets; the generator builds 2024's county visit rate 0.5 points above the plan.
CREATE TEMP TABLE planned_status AS
SELECT p.alliance_id, x.scheme_code, x.indicator_code, x.planned
FROM demo_alliance_profile p
CROSS JOIN LATERAL (VALUES
    ('hainan_2024_targets', 'family_doctor_contract_rate', p.meets_contract_targets),
    ('hainan_2024_targets', 'key_group_contract_rate', p.meets_contract_targets),
    ('hainan_2024_targets', 'township_staff_coverage', p.staff_covers_every_township),
    ('zhoushan_2018_targets', 'county_visit_rate', p.meets_county_visit_target)) AS x(scheme_code, indicator_code, planned);
SELECT set_eq(
    $$SELECT t.unit_id, t.scheme_code, t.indicator_code, t.status FROM target_attainment t
      JOIN planned_status ps ON ps.alliance_id = t.unit_id AND ps.scheme_code = t.scheme_code
                            AND ps.indicator_code = t.indicator_code
      WHERE t.unit_level = 'alliance' AND t.period_start = '2024-01-01'$$,
    $$SELECT alliance_id, scheme_code, indicator_code, CASE WHEN planned THEN 'met' ELSE 'not_met' END
      FROM planned_status$$,
    'each alliance meets exactly the contract, staff-coverage and county-visit targets it was planned to meet');
SELECT ok((SELECT count(DISTINCT p.first_id) FROM shared_county_pair p
           JOIN demo_alliance_profile q1 ON q1.alliance_id = p.first_id
           JOIN demo_alliance_profile q2 ON q2.alliance_id = p.second_id
           WHERE q1.meets_county_visit_target <> q2.meets_county_visit_target) = 4
          AND (SELECT count(DISTINCT p.first_id) FROM shared_county_pair p
           JOIN demo_alliance_profile q1 ON q1.alliance_id = p.first_id
           JOIN demo_alliance_profile q2 ON q2.alliance_id = p.second_id
           WHERE q1.meets_contract_targets <> q2.meets_contract_targets) >= 3,
          'the plan sets the two alliances of every shared county on opposite sides of the county visit target, and of most on opposite sides of the contract targets');
SELECT is_empty($$
    SELECT v.unit_id, v.indicator_code FROM indicator_value v JOIN alliance a ON a.alliance_id = v.unit_id
    WHERE v.unit_level = 'alliance' AND a.alliance_kind IN ('specialty_alliance', 'remote_network')
      AND v.indicator_code IN ('county_visit_rate', 'county_visit_rate_insured', 'county_visit_rate_inpatient',
                               'family_doctor_contract_rate', 'key_group_contract_rate',
                               'chronic_primary_management_rate', 'chronic_package_management_rate', 'fund_in_county_rate')
$$, 'specialty alliances and the remote network get no residence-based value (no province figure)');
SELECT ok((SELECT count(*) FROM target_attainment WHERE scheme_code = 'hainan_2024_targets'
             AND period_start = '2024-01-01' AND unit_level = 'alliance' AND status = 'met') > 0
          AND (SELECT count(*) FROM target_attainment WHERE scheme_code = 'hainan_2024_targets'
             AND period_start = '2024-01-01' AND unit_level = 'alliance' AND status = 'not_met') > 0,
          'the Hainan 2024 scheme finds both met and unmet targets among the alliances');

SELECT * FROM finish();
ROLLBACK;
