-- The assessment on the synthetic province: the alliance generate_demo_province
-- made strongest ranks in the top three under Miyi's points scheme (积分制)
-- and under TOPSIS, and the ones it made weakest rank near the bottom.
-- "Made strongest" is read from the generator's plan (demo_alliance_profile),
-- not from this extension's output: the number of features on which the plan
-- made the alliance strong — no weak six-unification dimension, the county
-- visit rate target met, the contract targets met, chronic patients managed to
-- standard (0.78), staff in every township, procurement through the unified
-- platform (0.97), high quality, high satisfaction.
BEGIN;
CREATE EXTENSION IF NOT EXISTS medalliance_demo;
SET search_path = medalliance, medalliance_demo, public;
SELECT plan(9);

SELECT lives_ok($$SELECT * FROM generate_demo_province(0.005, 1)$$, 'the synthetic province at scale 0.005');
SELECT lives_ok($$SELECT * FROM refresh('2023-01-01', '2024-12-31', '{indicators}')$$,
                'indicators for 2023 (the baseline) and 2024');
SELECT lives_ok($$SELECT * FROM refresh('2024-01-01', '2024-12-31', '{unification,qc,satisfaction,assessment}',
                                       '{miyi_township_village,miyi_unified_procurement,hainan_alliance_qc,satisfaction_resident,miyi_points_2019}')$$,
                'the layers Miyi''s points scheme reads, then the assessment, for 2024');

CREATE TEMP TABLE planned AS
SELECT p.alliance_id,
       (p.weak_unification_dimension IS NULL)::integer + p.meets_county_visit_target::integer
       + p.meets_contract_targets::integer + (p.standardised_rate >= 0.78)::integer
       + p.staff_covers_every_township::integer + (p.unified_platform_share >= 0.97)::integer
       + (p.quality_level = 'high')::integer + (p.satisfaction_level = 'high')::integer AS strengths
FROM demo_alliance_profile p;
CREATE TEMP TABLE ranked AS
SELECT s.alliance_id, s.rank, s.topsis_rank, s.alliances_ranked, p.strengths
FROM assessment_scorecard s JOIN planned p USING (alliance_id)
WHERE s.scheme_code = 'miyi_points_2019' AND s.year = 2024;

SELECT is((SELECT count(*) FROM ranked), (SELECT count(*) FROM alliance WHERE alliance_kind = 'county_medical_community'),
          'every county medical community is ranked, and nothing else');
SELECT is((SELECT count(*) FROM planned WHERE strengths = (SELECT max(strengths) FROM planned)), 1::bigint,
          'the generator made one alliance strongest');
SELECT cmp_ok((SELECT rank FROM ranked WHERE strengths = (SELECT max(strengths) FROM planned)), '<=', 3,
              'the strongest ranks in the top three by points');
SELECT cmp_ok((SELECT topsis_rank FROM ranked WHERE strengths = (SELECT max(strengths) FROM planned)), '<=', 3,
              'the strongest ranks in the top three by TOPSIS');
-- "Near the bottom": several alliances share the fewest strengths (3 of 8), so they cannot all be last;
-- on average they rank in the bottom half, by points and by TOPSIS.
SELECT cmp_ok((SELECT avg(rank) FROM ranked WHERE strengths = (SELECT min(strengths) FROM planned)),
              '>', (SELECT (max(alliances_ranked) + 1) / 2.0 FROM ranked),
              'the weakest alliances rank in the bottom half by points on average');
SELECT cmp_ok((SELECT avg(topsis_rank) FROM ranked WHERE strengths = (SELECT min(strengths) FROM planned)),
              '>', (SELECT (max(alliances_ranked) + 1) / 2.0 FROM ranked),
              'the weakest alliances rank in the bottom half by TOPSIS on average');
SELECT * FROM finish();
ROLLBACK;
