-- Targets the synthetic province is built to reach or miss (issue 11).
-- Booked referrals: the share of the city
-- and provincial hospitals' outpatient visits that come by booked referral
-- (舟山 2018: 预约转诊占城市公立医院门诊比例达到30%以上) is spread around the 30%
-- target as the generator planned it (demo_institution_profile.
-- booked_referral_share), so that some units meet the target and others do
-- not.  The expected share of every unit is worked out here from the plan and
-- the hospitals' outpatient visits alone — Σ visits·planned share / Σ visits
-- over the unit's hospitals — not from the referrals.
-- Six shared centres per county (琼府办〔2021〕73号): the counties of the
-- alliances planned with all six (demo_alliance_profile.all_six_shared_centres)
-- meet the target, the others do not.
BEGIN;
CREATE EXTENSION IF NOT EXISTS medalliance_demo;
SET search_path = medalliance, medalliance_demo, public;
SELECT plan(10);

SELECT lives_ok($$SELECT * FROM generate_demo_province(0.01, 1)$$, 'the synthetic province at scale 0.01');
SELECT lives_ok($$SELECT refresh_indicators('2024-01-01', '2024-12-31',
                                             '{city_booked_referral_share,shared_centre_kinds_count}')$$,
                'city_booked_referral_share and shared_centre_kinds_count refreshed for 2024');

-- The plan: the four city and provincial hospitals, some above 30%, some below.
SELECT set_eq($$SELECT i.institution_level, p.booked_referral_share >= 0.30 FROM demo_institution_profile p
               JOIN institution i USING (institution_id) WHERE p.booked_referral_share IS NOT NULL$$,
              $$VALUES ('provincial_hospital', true), ('provincial_hospital', true), ('city_hospital', true),
                       ('city_hospital', false)$$,
              'the plan: three of the four city and provincial hospitals above 30%, one below');

-- The hospitals of each unit that city_booked_referral_share judges in 2024.
CREATE TEMP TABLE hospital AS
SELECT i.institution_id, ra.county_id, ra.city_id, ra.province_id, p.booked_referral_share AS planned,
       (SELECT count(*) FROM encounter e WHERE e.institution_id = i.institution_id AND e.encounter_kind = 'outpatient'
          AND e.encounter_date >= '2024-01-01' AND e.encounter_date < '2025-01-01') AS visits
FROM institution i JOIN region_ancestry ra USING (region_id)
JOIN demo_institution_profile p USING (institution_id)
WHERE i.institution_level IN ('provincial_hospital', 'city_hospital');
CREATE TEMP TABLE expected AS
SELECT u.unit_level, u.unit_id, 100 * sum(h.visits * h.planned) / sum(h.visits) AS share
FROM (SELECT 'institution' AS unit_level, institution_id AS unit_id, institution_id FROM hospital
      UNION ALL SELECT 'county', county_id, institution_id FROM hospital
      UNION ALL SELECT 'city', city_id, institution_id FROM hospital WHERE city_id IS NOT NULL
      UNION ALL SELECT 'province', province_id, institution_id FROM hospital
      UNION ALL SELECT DISTINCT 'alliance', m.alliance_id, m.institution_id FROM membership m
                JOIN hospital h USING (institution_id)
                WHERE m.valid_from < '2025-01-01' AND (m.valid_to IS NULL OR m.valid_to > '2024-01-01')) u
JOIN hospital h USING (institution_id)
GROUP BY 1, 2;
CREATE TEMP TABLE judged AS
SELECT t.unit_level, t.unit_id, t.value, t.status, e.share AS expected
FROM target_attainment t JOIN expected e USING (unit_level, unit_id)
WHERE t.scheme_code = 'zhoushan_2018_targets' AND t.indicator_code = 'city_booked_referral_share'
  AND t.grain = 'year' AND t.period_start = '2024-01-01';

SELECT is((SELECT count(*) FROM judged), (SELECT count(*) FROM expected),
          'every unit with a city or provincial hospital is judged against the 30% target');
-- sampling noise: about 0.4 points for a hospital's year at this scale; the
-- booked referrals of the other flows add about 0.3 points
SELECT is_empty($$SELECT * FROM judged WHERE abs(value - expected) > 1.5$$,
                'each unit''s share is within 1.5 points of the planned mix of its hospitals');
SELECT is_empty($$SELECT * FROM judged WHERE abs(expected - 30) >= 1.5
                    AND status IS DISTINCT FROM CASE WHEN expected >= 30 THEN 'met' ELSE 'not_met' END$$,
                'each unit clear of the target by 1.5 points or more shows the planned status');
SELECT set_eq($$SELECT unit_level, status FROM judged WHERE unit_level IN ('institution', 'city', 'alliance') GROUP BY 1, 2$$,
              $$VALUES ('institution', 'met'), ('institution', 'not_met'), ('city', 'met'), ('city', 'not_met'),
                       ('alliance', 'met'), ('alliance', 'not_met')$$,
              'among the hospitals, the cities and the alliances some meet the target and some do not');
SELECT ok((SELECT value BETWEEN 25 AND 40 FROM judged WHERE unit_level = 'province'),
          'the province as a whole lies near the target (25–40%), not near 0.3%');

-- Six shared centres: a county meets the target exactly when one of its
-- alliances was planned with all six.
SELECT set_eq($$SELECT t.unit_id, t.status FROM target_attainment t
               WHERE t.indicator_code = 'shared_centre_kinds_count' AND t.grain = 'year' AND t.period_start = '2024-01-01'$$,
              $$SELECT a.region_id, CASE WHEN bool_or(p.all_six_shared_centres) THEN 'met' ELSE 'not_met' END
                FROM demo_alliance_profile p JOIN alliance a USING (alliance_id) GROUP BY a.region_id$$,
              'six shared centres: the counties of the alliances planned with all six meet the target, the others not');
SELECT ok((SELECT count(DISTINCT a.region_id) FILTER (WHERE p.all_six_shared_centres) BETWEEN 1 AND 17
           FROM demo_alliance_profile p JOIN alliance a USING (alliance_id)),
          '... some counties, not all (the check is not vacuous)');

SELECT * FROM finish();
ROLLBACK;
