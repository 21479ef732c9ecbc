-- Indicators on the synthetic province (scale 0.01): every indicator's yearly
-- value per alliance equals an independent plain-SQL computation from the facts
-- (test/fixtures/indicator_independent.sql), and the generator's planned
-- heterogeneity shows up in attainment.
BEGIN;
CREATE EXTENSION IF NOT EXISTS medalliance_demo;
SET search_path = medalliance, medalliance_demo, public;
SELECT plan(6);

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

-- The generator plans which county alliances meet the contract targets of Hainan 2024.
-- Contracts are counted by county of residence, so an alliance that shares its county
-- with another takes the county's rate, not its own plan: only sole alliances are checked.
SELECT is_empty($$
    SELECT p.alliance_id, p.meets_contract_targets, t.indicator_code, t.status
    FROM demo_alliance_profile p
    JOIN alliance a ON a.alliance_id = p.alliance_id
    JOIN target_attainment t ON t.unit_level = 'alliance' AND t.unit_id = p.alliance_id
    WHERE t.scheme_code = 'hainan_2024_targets' AND t.period_start = '2024-01-01'
      AND t.indicator_code IN ('family_doctor_contract_rate', 'key_group_contract_rate')
      AND t.status <> 'not_assessable'
      AND (t.status = 'met') <> p.meets_contract_targets
      AND NOT EXISTS (SELECT FROM alliance o WHERE o.region_id = a.region_id AND o.alliance_id <> a.alliance_id)
$$, 'alliances alone in their county that were planned to meet the contract targets meet them, the others do not');
SELECT ok((SELECT count(*) FROM target_attainment WHERE scheme_code = 'hainan_2024_targets'
             AND period_start = '2024-01-01' AND unit_level = 'alliance' AND status = 'met') > 0
          AND (SELECT count(*) FROM target_attainment WHERE scheme_code = 'hainan_2024_targets'
             AND period_start = '2024-01-01' AND unit_level = 'alliance' AND status = 'not_met') > 0,
          'the Hainan 2024 scheme finds both met and unmet targets among the alliances');

SELECT * FROM finish();
ROLLBACK;
