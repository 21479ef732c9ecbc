-- What a BI tool sees (BI视图): schema medalliance_bi, read as a member of
-- medalliance_reader, which reaches no other schema of the extension.
-- Figures rounded for display, a Chinese label beside every code.
SET search_path = pg_catalog, public;
SET ROLE medalliance_reader;

\echo 'As medalliance_reader: the views of schema medalliance_bi (a BI tool lists these, and opens each):'
SELECT c.relname AS bi_view, left(obj_description(c.oid, 'pg_class'), 40) AS description
FROM pg_class c WHERE c.relnamespace = 'medalliance_bi'::regnamespace ORDER BY 1;

\echo 'medalliance_bi.target_attainment, Hainan 2024 contract-rate target, the first alliances (SYNTHETIC data):'
SELECT unit_name, unit_level_zh, indicator_name_zh, value, value_unit_zh, comparator_zh, target_value,
       status, status_zh, verdict_zh, numerator, denominator
FROM medalliance_bi.target_attainment
WHERE scheme_code = 'hainan_2024_targets' AND indicator_code = 'family_doctor_contract_rate'
  AND unit_level = 'alliance' AND period_start = '2024-01-01'
ORDER BY unit_id LIMIT 5;

\echo 'medalliance_bi.unification_alliance, six unifications, 2024: the weakest dimension in Chinese (SYNTHETIC data):'
SELECT alliance_name, overall_score, grade, weakest_dimension, weakest_dimension_zh, weakest_score
FROM medalliance_bi.unification_alliance
WHERE scheme_code = 'six_unifications' AND grain = 'year' AND period_start = '2024-01-01'
ORDER BY overall_score LIMIT 5;

\echo 'Which schemas this role reaches:'
SELECT has_schema_privilege('medalliance_bi', 'USAGE') AS reaches_medalliance_bi,
       has_schema_privilege('medalliance', 'USAGE') AS reaches_medalliance;
RESET ROLE;
