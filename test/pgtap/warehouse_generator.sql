-- The synthetic province: deterministic for a seed, different for another
-- seed, linear in the scale, clean for validate_warehouse(), and shaped as its
-- profile says (checked against the raw rows by plain SQL, within four
-- standard errors of the planned rates).
BEGIN;
CREATE EXTENSION IF NOT EXISTS medalliance_demo;
SET search_path = medalliance, medalliance_demo, public;
SELECT plan(26);

CREATE FUNCTION pg_temp.reset() RETURNS void LANGUAGE plpgsql AS $$
DECLARE part regclass;
BEGIN
    TRUNCATE medalliance.region, medalliance.institution CASCADE;
    FOR part IN SELECT inhrelid::regclass FROM pg_inherits
                WHERE inhparent IN ('medalliance.encounter'::regclass, 'medalliance.survey_response'::regclass) LOOP
        EXECUTE format('DROP TABLE %s', part);
    END LOOP;
END $$;

-- One line per table: its row count and the sum of a hash of every row.
CREATE FUNCTION pg_temp.checksum() RETURNS text LANGUAGE plpgsql AS $$
DECLARE t text; line text; result text := '';
BEGIN
    FOREACH t IN ARRAY ARRAY['region', 'population', 'catchment_population', 'institution', 'alliance', 'membership', 'encounter',
                             'referral', 'deployment', 'contract', 'chronic_care', 'qc_inspection',
                             'quality_measure', 'survey_response', 'unification_evidence', 'procurement',
                             'capability', 'shared_centre_service', 'fund_spending',
                             'demo_alliance_profile', 'demo_institution_profile'] LOOP
        EXECUTE format('SELECT count(*) || '':'' || coalesce(sum(hashtextextended(x::text, 0)::numeric), 0) FROM %I.%I x',
                       CASE WHEN t LIKE 'demo\_%' THEN 'medalliance_demo' ELSE 'medalliance' END, t)
            INTO line;
        result := result || t || '=' || line || E'\n';
    END LOOP;
    RETURN result;
END $$;

CREATE TEMP TABLE counts (scale numeric, table_name text, row_count bigint);

-- Parameters.
SELECT throws_ok($$SELECT * FROM generate_demo_province(0, 1)$$, '22023', 'invalid scale 0', 'scale 0 is refused');
SELECT throws_ok($$SELECT * FROM generate_demo_province(-0.5, 1)$$, '22023', 'invalid scale -0.5', 'a negative scale is refused');
SELECT throws_ok($$SELECT * FROM generate_demo_province('NaN', 1)$$, '22023', 'invalid scale NaN', 'NaN is refused');
SELECT throws_ok($$SELECT * FROM generate_demo_province('Infinity', 1)$$, '22023', 'invalid scale Infinity', 'infinity is refused');
SELECT throws_ok($$SELECT * FROM generate_demo_province(6, 1)$$, '22023', 'invalid scale 6', 'an absurdly large scale is refused');
SELECT throws_ok($$SELECT * FROM generate_demo_province(NULL, 1)$$, '22023', NULL, 'a NULL scale is refused');

-- The foreign keys and indexes of the warehouse as the install script made
-- them: the generator's bulk path drops those of the fact tables it fills
-- and makes them again at its end (demo_defer_checks).
CREATE FUNCTION pg_temp.checks() RETURNS TABLE (tbl text, name text, def text) LANGUAGE sql AS $$
    SELECT conrelid::regclass::text, conname::text, pg_get_constraintdef(oid) FROM pg_constraint
    WHERE connamespace = 'medalliance'::regnamespace AND contype = 'f'
      AND NOT (SELECT relispartition FROM pg_class WHERE oid = conrelid)
    UNION ALL
    SELECT tablename, indexname, indexdef FROM pg_indexes
    WHERE schemaname = 'medalliance' AND tablename NOT LIKE '%\_p______'
$$;
CREATE TEMP TABLE installed_checks AS SELECT * FROM pg_temp.checks();

-- Seed 1 at scale 0.005.
INSERT INTO counts SELECT 0.005, * FROM generate_demo_province(0.005, 1);
SELECT set_eq($$SELECT * FROM pg_temp.checks()$$, $$SELECT * FROM installed_checks$$,
              'after generation every foreign key (validated) and index of the warehouse is as installed');
CREATE TEMP TABLE first_run AS SELECT pg_temp.checksum() AS sum;

SELECT throws_ok($$SELECT * FROM generate_demo_province(0.005, 1)$$, '55000', NULL,
                 'a second generation into a filled warehouse is refused');
SELECT set_eq($$SELECT table_name, row_count FROM counts WHERE scale = 0.005$$,
              $$SELECT 'encounter', count(*) FROM encounter UNION ALL SELECT 'referral', count(*) FROM referral
                UNION ALL SELECT 'region', count(*) FROM region UNION ALL SELECT 'institution', count(*) FROM institution
                UNION ALL SELECT 'alliance', count(*) FROM alliance UNION ALL SELECT 'membership', count(*) FROM membership
                UNION ALL SELECT 'population', count(*) FROM population UNION ALL SELECT 'deployment', count(*) FROM deployment
                UNION ALL SELECT 'catchment_population', count(*) FROM catchment_population
                UNION ALL SELECT 'contract', count(*) FROM contract UNION ALL SELECT 'chronic_care', count(*) FROM chronic_care
                UNION ALL SELECT 'qc_inspection', count(*) FROM qc_inspection
                UNION ALL SELECT 'quality_measure', count(*) FROM quality_measure
                UNION ALL SELECT 'survey_response', count(*) FROM survey_response
                UNION ALL SELECT 'unification_evidence', count(*) FROM unification_evidence
                UNION ALL SELECT 'procurement', count(*) FROM procurement UNION ALL SELECT 'capability', count(*) FROM capability
                UNION ALL SELECT 'shared_centre_service', count(*) FROM shared_centre_service
                UNION ALL SELECT 'fund_spending', count(*) FROM fund_spending
                UNION ALL SELECT 'demo_alliance_profile', count(*) FROM demo_alliance_profile
                UNION ALL SELECT 'demo_institution_profile', count(*) FROM demo_institution_profile$$,
              'the summary it returns counts the rows it wrote');
SELECT is_empty($$SELECT * FROM validate_warehouse()$$, 'validate_warehouse() finds nothing on the generated province');
-- Service areas: every person-level fact names a catchment, and the catchments of a county
-- (its township and community centres) hold exactly its residents, group by group.
SELECT ok((SELECT count(*) FROM encounter WHERE catchment_institution_id IS NULL) = 0
          AND (SELECT count(*) FROM contract WHERE catchment_institution_id IS NULL) = 0
          AND (SELECT count(*) FROM chronic_care WHERE catchment_institution_id IS NULL) = 0
          AND NOT EXISTS (
              SELECT FROM population p
              LEFT JOIN (SELECT i.region_id, cp.year, cp.population_group, sum(cp.residents) AS residents
                         FROM catchment_population cp JOIN institution i USING (institution_id)
                         WHERE i.institution_level IN ('township_health_centre', 'community_health_centre')
                         GROUP BY 1, 2, 3) c USING (region_id, year, population_group)
              WHERE c.residents IS DISTINCT FROM p.residents),
          'every encounter, contract and chronic-care row names a catchment; a county''s catchments hold its residents');

-- Structure: 18 county-level units, 22 county medical communities by the 300,000 rule.
SELECT results_eq($$SELECT count(*) FILTER (WHERE region_level = 'county'),
                           count(*) FILTER (WHERE region_name ILIKE '%synthetic%') FROM region$$,
                  $$VALUES (18::bigint, 1::bigint)$$, '18 county-level units; the province is named synthetic');
SELECT is_empty($$SELECT r.region_id FROM region r
                  JOIN alliance a ON a.region_id = r.region_id AND a.alliance_kind = 'county_medical_community'
                  JOIN population p ON p.region_id = r.region_id AND p.year = 2024 AND p.population_group = 'all'
                  GROUP BY r.region_id, p.residents
                  HAVING count(*) NOT BETWEEN 1 AND 2 OR (p.residents < 300000 * 0.005 AND count(*) > 1)$$,
                'one county medical community per county under 300,000 residents (scaled), one or two above');

-- The weak six-unification dimension of each alliance has the lowest evidence score
-- (missing evidence counts as 0; items per dimension from indicators.md C).
SELECT is_empty($$
    WITH dims(dim, prefix, items) AS (VALUES ('administration', 'adm', 8), ('personnel', 'hr', 7), ('finance', 'fin', 8),
                                             ('quality', 'qc', 7), ('drugs_devices', 'drug', 7), ('information', 'info', 7)),
    score AS (
        SELECT p.alliance_id, d.dim,
               coalesce((SELECT sum(e.evidence_value) FROM unification_evidence e
                         WHERE e.alliance_id = p.alliance_id AND e.institution_id IS NULL
                           AND split_part(e.item_code, '_', 1) = d.prefix), 0) / (d.items * 8.0) AS s
        FROM demo_alliance_profile p CROSS JOIN dims d)
    SELECT p.alliance_id FROM demo_alliance_profile p
    WHERE p.weak_unification_dimension IS NOT NULL
      AND (SELECT dim FROM score s WHERE s.alliance_id = p.alliance_id ORDER BY s ASC LIMIT 1)
          <> p.weak_unification_dimension$$,
    'every alliance scores lowest in the six-unification dimension its profile makes weak');
SELECT ok((SELECT count(DISTINCT weak_unification_dimension) FROM demo_alliance_profile) = 6
          AND (SELECT count(*) FROM demo_alliance_profile WHERE weak_unification_dimension IS NULL) > 0,
          'each of the six dimensions is weak somewhere, and some alliances are weak in none');

-- County visit rate of every alliance's service area in 2024 (outpatient visits of the
-- residents of its members' catchments): the planned rate, within four standard errors.
SELECT is_empty($$
    SELECT o.alliance_id, obs, planned, n FROM (
        SELECT m.alliance_id, avg((i.region_id = e.residence_region_id)::int) AS obs, count(*) AS n
        FROM encounter e JOIN institution i ON i.institution_id = e.institution_id
        JOIN membership m ON m.institution_id = e.catchment_institution_id
        JOIN alliance a ON a.alliance_id = m.alliance_id AND a.alliance_kind = 'county_medical_community'
        WHERE e.encounter_kind = 'outpatient' AND e.encounter_date >= '2024-01-01'
        GROUP BY 1) o
    RIGHT JOIN (SELECT alliance_id, county_visit_rate + 0.005 AS planned FROM demo_alliance_profile) pl USING (alliance_id)
    WHERE o.n IS NULL OR abs(obs - planned) > 4 * sqrt(planned * (1 - planned) / n)$$,
    'the 2024 county visit rates of every alliance''s service area are the planned ones');
SELECT ok((SELECT count(*) FILTER (WHERE meets_county_visit_target) FROM demo_alliance_profile) BETWEEN 5 AND 20
          AND (SELECT count(*) FILTER (WHERE NOT meets_county_visit_target) FROM demo_alliance_profile) >= 2,
          'some alliances meet the 90% county visit target and some do not');

-- Contract rates of every alliance's service area, 2024: all residents and key groups.
SELECT is_empty($$
    SELECT a.alliance_id FROM alliance a JOIN demo_alliance_profile p USING (alliance_id)
    CROSS JOIN LATERAL (
        SELECT sum(cp.residents) FILTER (WHERE cp.population_group = 'all') AS residents,
               sum(cp.residents) FILTER (WHERE cp.population_group = 'key_any') AS key_residents
        FROM catchment_population cp JOIN membership m ON m.institution_id = cp.institution_id
        WHERE m.alliance_id = a.alliance_id AND cp.year = 2024) pop
    CROSS JOIN LATERAL (SELECT pop.residents AS residents) pa
    CROSS JOIN LATERAL (SELECT pop.key_residents AS residents) pk
    CROSS JOIN LATERAL (SELECT count(*) AS n_all, count(*) FILTER (WHERE c.population_group <> 'general') AS n_key
                        FROM contract c JOIN membership m ON m.institution_id = c.catchment_institution_id
                        WHERE m.alliance_id = a.alliance_id
                          AND c.signed_on >= '2024-01-01' AND c.signed_on < '2025-01-01') c
    WHERE pa.residents IS NULL
       OR (abs(c.n_all::numeric / pa.residents - p.contract_rate_all)
               > 4 * sqrt(p.contract_rate_all * (1 - p.contract_rate_all) / pa.residents)
           OR abs(c.n_key::numeric / pk.residents - p.contract_rate_key)
               > 4 * sqrt(p.contract_rate_key * (1 - p.contract_rate_key) / pk.residents))$$,
    'the contract rates (all, key groups) are the planned ones');
SELECT ok((SELECT bool_and(meets_contract_targets = (contract_rate_all >= 0.45 AND contract_rate_key >= 0.78))
                  AND count(*) FILTER (WHERE meets_contract_targets) > 0
                  AND count(*) FILTER (WHERE NOT meets_contract_targets) > 0
           FROM demo_alliance_profile),
          'meets_contract_targets matches the planned rates, and both kinds of alliance exist');

-- The reporting gaps built in on purpose.
SELECT results_eq($$SELECT period_start, delivered FROM reporting_completeness
                    WHERE unit_id = 80102 AND feed = 'encounter' AND period_start BETWEEN '2024-02-01' AND '2024-06-01'
                    ORDER BY 1$$,
                  $$VALUES ('2024-02-01'::date, true), ('2024-03-01', false), ('2024-04-01', false),
                           ('2024-05-01', false), ('2024-06-01', true)$$,
                  'township 80102 delivers no encounters from March to May 2024');
SELECT results_eq($$SELECT min(period_start), max(period_start) FROM reporting_completeness WHERE unit_id = 71002$$,
                  $$VALUES ('2023-01-01'::date, '2024-06-01'::date)$$,
                  'the clinic closed on 2024-07-01 has months up to June 2024 only');
SELECT is((SELECT min(encounter_date) >= '2023-04-01' FROM encounter WHERE institution_id = 61001), true,
          'the clinic opened on 2023-04-01 has no encounter before');

-- Same seed, same data; another seed, other data.
SELECT pg_temp.reset();
SELECT count(*) FROM generate_demo_province(0.005, 1);
SELECT is(pg_temp.checksum(), (SELECT sum FROM first_run), 'the same seed gives identical data');
SELECT pg_temp.reset();
SELECT count(*) FROM generate_demo_province(0.005, 2);
SELECT isnt(pg_temp.checksum(), (SELECT sum FROM first_run), 'another seed gives other data');

-- Half the scale, half the rows of every volume feed (within 5%); the structure stays.
SELECT pg_temp.reset();
INSERT INTO counts SELECT 0.0025, * FROM generate_demo_province(0.0025, 1);
SELECT is_empty($$
    SELECT f.table_name, f.row_count, h.row_count FROM counts f JOIN counts h USING (table_name)
    WHERE f.scale = 0.005 AND h.scale = 0.0025
      AND table_name IN ('encounter', 'referral', 'contract', 'chronic_care', 'survey_response', 'procurement',
                         'shared_centre_service')
      AND NOT f.row_count::numeric / h.row_count BETWEEN 1.9 AND 2.1$$,
    'encounters, referrals, contracts, chronic care, surveys, procurement and shared-centre services double with the scale');
SELECT is_empty($$
    SELECT f.table_name FROM counts f JOIN counts h USING (table_name)
    WHERE f.scale = 0.005 AND h.scale = 0.0025
      AND table_name IN ('region', 'institution', 'alliance', 'membership', 'qc_inspection', 'quality_measure',
                         'unification_evidence', 'demo_alliance_profile')
      AND f.row_count <> h.row_count$$,
    'the structure (regions, institutions, alliances, inspections, measures, evidence) is the same at every scale');

SELECT * FROM finish();
ROLLBACK;
