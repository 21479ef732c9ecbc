-- Demo: the synthetic province.  generate_demo_province(0.01, 1) fills the
-- warehouse with a Hainan-like province at 1% of its size; everything below
-- is computed from those rows.  ALL OF IT IS SYNTHETIC: invented names,
-- invented figures — it ranks nothing real.
SET search_path = medalliance, medalliance_demo, public;
\echo
\echo '== The warehouse and a synthetic province (SYNTHETIC DATA, invented names) =='
\echo 'generate_demo_province(scale => 0.01, seed => 1): rows written per table'
SELECT * FROM generate_demo_province(0.01, 1);

\echo 'County-level units, residents (2024, at scale 0.01) and county medical communities — SYNTHETIC:'
SELECT r.region_name AS county, p.residents, count(a.alliance_id) AS county_medical_communities,
       string_agg(a.alliance_name, '; ' ORDER BY a.alliance_id) AS alliances
FROM region r
JOIN population p ON p.region_id = r.region_id AND p.year = 2024 AND p.population_group = 'all'
LEFT JOIN alliance a ON a.region_id = r.region_id AND a.alliance_kind = 'county_medical_community'
WHERE r.region_level = 'county'
GROUP BY r.region_id, r.region_name, p.residents ORDER BY p.residents DESC;

\echo 'Institutions by level — SYNTHETIC:'
SELECT institution_level, is_primary, count(*) AS institutions FROM institution GROUP BY 1, 2 ORDER BY 3 DESC;

\echo 'Encounters per year by kind — SYNTHETIC:'
SELECT extract(year FROM encounter_date)::int AS year, encounter_kind, count(*) AS encounters,
       round(sum(total_cost) / count(*), 2) AS mean_cost_yuan
FROM encounter GROUP BY 1, 2 ORDER BY 1, 2;

\echo 'The heterogeneity built in on purpose (demo_alliance_profile) — SYNTHETIC:'
SELECT p.profile_no AS k, a.alliance_name, p.weak_unification_dimension AS weak_dimension,
       p.meets_county_visit_target AS cvr_target, p.meets_contract_targets AS contract_targets,
       p.primary_share_2023 AS primary_2023, p.primary_share_2024 AS primary_2024,
       p.quality_level AS quality, p.quality_even AS even, p.satisfaction_level AS satisfaction
FROM demo_alliance_profile p JOIN alliance a USING (alliance_id) ORDER BY p.profile_no;

\echo 'County visit rate 2024 (outpatient and emergency visits of residents made in their county), plain SQL — SYNTHETIC:'
SELECT r.region_name AS county,
       rate_agg(i.region_id = e.residence_region_id) AS in_county_visits,
       round(100 * value(rate_agg(i.region_id = e.residence_region_id))::numeric, 1) AS percent,
       value(rate_agg(i.region_id = e.residence_region_id)) >= 0.90 AS meets_90_percent
FROM encounter e
JOIN institution i ON i.institution_id = e.institution_id
JOIN region r ON r.region_id = e.residence_region_id
WHERE e.encounter_kind <> 'inpatient' AND e.encounter_date >= '2024-01-01'
GROUP BY r.region_name ORDER BY percent DESC;

\echo 'validate_warehouse(): findings on the generated province (none expected):'
SELECT count(*) AS findings FROM validate_warehouse();

\echo 'Reporting completeness, 2024, expected feeds (the reporting gaps are deliberate and small samples at scale 0.01 leave some village months empty) — SYNTHETIC:'
SELECT feed, rate_agg(delivered) AS delivered_of_expected,
       round(100 * value(rate_agg(delivered))::numeric, 1) AS percent
FROM reporting_completeness
WHERE expected AND period_start >= '2024-01-01'
GROUP BY feed ORDER BY feed;
