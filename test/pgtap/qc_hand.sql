-- QC scoring on a hand-built alliance (test/fixtures/qc_world.sql): three
-- members, inspections with a capped item, a measure below the minimum
-- denominator.  Every expected value is worked out in the comments.
BEGIN;
SET search_path = medalliance, public;
SELECT plan(37);

\i test/fixtures/qc_world.sql

CREATE FUNCTION pg_temp.near(a double precision, b double precision) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$ SELECT abs(a - b) <= 1e-9 $$;

SELECT lives_ok($$SELECT refresh_qc('2024-01-01', '2024-03-31', '{hand_qc}')$$, 'refresh of the first quarter of 2024');

-- Item states, February (the inspections):
--   2101 core_systems: full 20, 2 deducted -> kept 18
--   2101 medical_records: full 20, 8 deducted but the cap is 5 -> kept 15
--   2102 core_systems: a 10-point sheet, 5 deducted -> 5·20/10 = 10 of 20 -> kept 10
--   2102 medical_records: kept 20
SELECT results_eq($$SELECT institution_id, item_code, full_points, points_kept FROM qc_item_state
                    WHERE scheme_code = 'hand_qc' ORDER BY 1, 2$$,
                  $$VALUES (2101, 'core_systems'::text, 20::float8, 18::float8), (2101, 'medical_records', 20, 15),
                           (2102, 'core_systems', 20, 10), (2102, 'medical_records', 20, 20)$$,
                  'item states: rescaled to the scheme''s points, the medical-records deduction capped at 5');

CREATE TEMP TABLE q1 AS SELECT * FROM qc_member WHERE scheme_code = 'hand_qc' AND grain = 'quarter' AND period_start = '2024-01-01';

-- Inspection part, Q1: 2101 100·(18 + 15)/40 = 82.5; 2102 100·(10 + 20)/40 = 75; 2103 none -> NULL, not 0.
SELECT results_eq($$SELECT institution_id, inspection_score, items_inspected, items_total FROM q1 ORDER BY 1$$,
                  $$VALUES (2101, 82.5::float8, 2, 2), (2102, 75::float8, 2, 2), (2103, NULL::float8, 0, 2)$$,
                  'inspection part: 82.5, 75, and not assessed (NULL) without inspections');

-- Measures, Q1, merged counts (never a mean of monthly rates):
--   2101 prescription_qualified 138/150 = 92 % -> (92-80)/20 = 0.6 -> 60
--        antibiotic_prescription 24/150 = 16 % -> (16-30)/(10-30) = 0.7 -> 70
--   2102 prescription_qualified 56/60 = 93.33 % -> 66.67 (each month alone has 20 < 30: not assessed)
--        antibiotic_prescription 6/60 = 10 % -> 100
--   2103 prescription_qualified 10/10: denominator 10 < 30 -> not assessed
--        antibiotic_prescription 12/120 = 10 % -> 100
SELECT ok((SELECT bool_and(CASE (institution_id, measure_code)
                           WHEN (2101, 'prescription_qualified'::text) THEN pg_temp.near(points, 60) AND state::text = '138/150'
                           WHEN (2101, 'antibiotic_prescription'::text) THEN pg_temp.near(points, 70) AND state::text = '24/150'
                           WHEN (2102, 'prescription_qualified'::text) THEN pg_temp.near(points, 200.0 / 3) AND state::text = '56/60'
                           WHEN (2102, 'antibiotic_prescription'::text) THEN pg_temp.near(points, 100) AND state::text = '6/60'
                           WHEN (2103, 'antibiotic_prescription'::text) THEN pg_temp.near(points, 100) AND state::text = '12/120'
                           END) AND count(*) = 5
           FROM qc_member_measure WHERE scheme_code = 'hand_qc' AND grain = 'quarter' AND points IS NOT NULL),
          'measure points from merged counts: 60, 70, 66.67, 100, 100');
SELECT results_eq($$SELECT state::text, points, reason FROM qc_member_measure
                    WHERE scheme_code = 'hand_qc' AND grain = 'quarter' AND institution_id = 2103
                      AND measure_code = 'prescription_qualified'$$,
                  $$VALUES ('10/10'::text, NULL::float8, 'denominator 10 below the minimum 30'::text)$$,
                  'a denominator below the minimum: not assessed, with the reason');
SELECT results_eq($$SELECT count(*) FILTER (WHERE points IS NULL), count(*) FROM qc_member_measure
                    WHERE scheme_code = 'hand_qc' AND grain = 'month' AND institution_id = 2102
                      AND measure_code = 'prescription_qualified'$$,
                  $$VALUES (3::bigint, 3::bigint)$$, '2102''s months alone (20 < 30) are not assessed; the quarter is');

-- Measure part: 2101 (2·60 + 70)/3 = 190/3; 2102 (2·200/3 + 100)/3 = 700/9; 2103 only the antibiotic measure -> 100.
SELECT ok((SELECT bool_and(CASE institution_id WHEN 2101 THEN pg_temp.near(measure_score, 190.0 / 3)
                                               WHEN 2102 THEN pg_temp.near(measure_score, 700.0 / 9)
                                               WHEN 2103 THEN pg_temp.near(measure_score, 100) END) FROM q1),
          'measure part: 190/3, 700/9, and 100 renormalised over the one measure assessed');
SELECT results_eq($$SELECT institution_id, measures_assessed, measures_total FROM q1 ORDER BY 1$$,
                  $$VALUES (2101, 2, 2), (2102, 2, 2), (2103, 1, 2)$$, 'measures assessed of the scheme''s two');

-- Totals: 2101 0.6·82.5 + 0.4·190/3 = 449/6 = 74.83 (丙); 2102 0.6·75 + 0.4·700/9 = 685/9 = 76.11 (乙);
-- 2103 only the measure part: weights renormalised to 0 and 1 -> 100 (甲).
SELECT ok((SELECT bool_and(CASE institution_id WHEN 2101 THEN pg_temp.near(total_score, 449.0 / 6)
                                               WHEN 2102 THEN pg_temp.near(total_score, 685.0 / 9)
                                               WHEN 2103 THEN pg_temp.near(total_score, 100) END) FROM q1),
          'totals 449/6, 685/9 and 100');
SELECT results_eq($$SELECT institution_id, grade, inspection_weight_used, measure_weight_used FROM q1 ORDER BY 1$$,
                  $$VALUES (2101, '丙'::text, 0.6::float8, 0.4::float8), (2102, '乙', 0.6, 0.4), (2103, '甲', NULL, 1)$$,
                  'grades, and the renormalised weights shown (2103: no inspection part, measure part 1)');
-- Coverage: 2101, 2102 everything; 2103 0.6·0 + 0.4·(1 of weight 3 assessed) = 0.4/3 -> 13.33 %.
SELECT ok((SELECT bool_and(CASE institution_id WHEN 2103 THEN pg_temp.near(coverage_pct, 40.0 / 3)
                                               ELSE pg_temp.near(coverage_pct, 100) END) FROM q1),
          'coverage: 100, 100 and 13.33 %');
SELECT results_eq($$SELECT institution_id, is_lead, months, member_volume FROM q1 ORDER BY 1$$,
                  $$VALUES (2101, true, 3, 2::bigint), (2102, false, 3, 1::bigint), (2103, false, 3, 1::bigint)$$,
                  'the lead, three months each, volumes from the encounters');

-- Months: February 2101: inspection 82.5; 46/50 = 92 % -> 60; 7/50 = 14 % -> (14-30)/(-20) = 0.8 -> 80;
-- measure part (120 + 80)/3 = 200/3; total 0.6·82.5 + 0.4·200/3 = 49.5 + 80/3 = 76.17.
SELECT ok((SELECT pg_temp.near(total_score, 49.5 + 80.0 / 3) FROM qc_member
           WHERE scheme_code = 'hand_qc' AND grain = 'month' AND period_start = '2024-02-01' AND institution_id = 2101),
          'February, 2101: 49.5 + 80/3');
-- January 2102: no inspection, and both measures have a denominator of 20 < 30: not assessable, never 0.
SELECT results_eq($$SELECT inspection_score, measure_score, total_score, status, coverage_pct FROM qc_member
                    WHERE scheme_code = 'hand_qc' AND grain = 'month' AND period_start = '2024-01-01' AND institution_id = 2102$$,
                  $$VALUES (NULL::float8, NULL::float8, NULL::float8, 'not_assessable'::text, 0::float8)$$,
                  'January, 2102: nothing assessable (no inspection, denominators 20 < 30): NULL, not 0');
-- January 2103: antibiotic 3/40 = 7.5 % is beyond the 10 % target -> 100; prescriptions 10/10 too few.
SELECT results_eq($$SELECT inspection_score, measure_score, total_score, measure_weight_used FROM qc_member
                    WHERE scheme_code = 'hand_qc' AND grain = 'month' AND period_start = '2024-01-01' AND institution_id = 2103$$,
                  $$VALUES (NULL::float8, 100::float8, 100::float8, 1::float8)$$,
                  'January, 2103: only the antibiotic measure assessed, beyond its target');
SELECT is((SELECT count(*) FROM qc_member WHERE scheme_code = 'hand_qc' AND grain = 'year'), 3::bigint,
          'the year 2024 has a row per member (merged from the three months refreshed)');
SELECT ok((SELECT pg_temp.near(y.total_score, q.total_score) FROM qc_member y JOIN q1 q USING (institution_id)
           WHERE y.scheme_code = 'hand_qc' AND y.grain = 'year' AND institution_id = 2101),
          'with only Q1 stored, the year equals the quarter');

-- The alliance, Q1, members 449/6, 685/9, 100:
--   equal weights: (449/6 + 685/9 + 100)/3 = (1347 + 1370 + 1800)/54 = 4517/54 = 83.648
--   by volume (2, 1, 1): (2·449/6 + 685/9 + 100)/4 = (2694 + 1370 + 1800)/72 = 5864/72 = 81.444
--   lead 449/6; median of the other members (685/9 + 100)/2 = 1585/18; gap (1347 - 1585)/18 = -238/18
--   Gini: Σ|xi - xj| over ordered pairs = 2·((685/9 - 449/6) + (100 - 449/6) + (100 - 685/9))
--         = 2·(2·100 - 2·449/6) = 4·(600 - 449)/6 = 604/6; / (2·9·4517/54) = 604/6 / (4517/3) = 302/4517
CREATE TEMP TABLE qa AS SELECT * FROM qc_alliance WHERE scheme_code = 'hand_qc' AND grain = 'quarter' AND period_start = '2024-01-01';
SELECT ok((SELECT pg_temp.near(equal_weighted_score, 4517.0 / 54) AND pg_temp.near(score, 4517.0 / 54) FROM qa),
          'alliance, equal weights (the scheme''s choice): 4517/54');
SELECT ok((SELECT pg_temp.near(volume_weighted_score, 5864.0 / 72) FROM qa), 'alliance, by volume: 5864/72');
SELECT ok((SELECT pg_temp.near(lead_score, 449.0 / 6) AND pg_temp.near(median_member_score, 1585.0 / 18)
                  AND pg_temp.near(lead_member_gap, -238.0 / 18) FROM qa),
          'lead 449/6, median member 1585/18, gap -238/18');
SELECT ok((SELECT pg_temp.near(gini, 302.0 / 4517) FROM qa), 'Gini of the members'' totals: 302/4517');
SELECT ok((SELECT pg_temp.near(sd_member_score, (SELECT stddev_samp(x) FROM (VALUES (449.0 / 6), (685.0 / 9), (100.0)) v(x)))
              AND pg_temp.near(cv, sd_member_score / (4517.0 / 54))
              AND pg_temp.near(homogeneity_index, 100 * (1 - cv))
              AND pg_temp.near(min_member_score, 449.0 / 6) AND pg_temp.near(max_member_score, 100) AND members = 3 FROM qa),
          'sd (= stddev_samp of the three hand totals), CV, 100·(1 - CV), min, max, members');
SELECT is((SELECT grade FROM qa), '乙', 'alliance grade: 83.6 -> 乙');
SELECT ok((SELECT pg_temp.near(coverage_pct, (100 + 100 + 40.0 / 3) / 3) FROM qa), 'alliance coverage: mean of the members''');

-- Where points were lost, Q1: 2101 medical_records 5 of 20 (25 %), core_systems 2 of 20; 2102 core 10 of 20.
SELECT results_eq($$SELECT institution_id, item_code, inspections, full_points, points_lost, points_lost_pct FROM qc_item_loss
                    WHERE scheme_code = 'hand_qc' AND grain = 'quarter' ORDER BY 1, 2$$,
                  $$VALUES (2101, 'core_systems'::text, 1, 20::float8, 2::float8, 10::float8),
                           (2101, 'medical_records', 1, 20, 5, 25), (2102, 'core_systems', 1, 20, 10, 50),
                           (2102, 'medical_records', 1, 20, 0, 0)$$, 'item-level view: where points were lost');

-- Funnel: alone in its peer group, the hospital is at the pooled rate (within).
SELECT results_eq($$SELECT peer_group, numerator, denominator, zone, units FROM qc_funnel
                    WHERE measure_code = 'prescription_qualified' AND grain = 'quarter' AND institution_id = 2101$$,
                  $$VALUES ('hospital'::text, 138::bigint, 150::bigint, 'within'::text, 1::bigint)$$,
                  'funnel: the hospital alone in its peer group');
-- Primary care, Q1 prescription_qualified: 2102 56/60, 2103 10/10; pooled 66/70.
SELECT ok((SELECT bool_and(pg_temp.near(pooled_rate_pct, 100 * 66.0 / 70)) AND count(*) = 2 FROM qc_funnel
           WHERE measure_code = 'prescription_qualified' AND grain = 'quarter' AND peer_group = 'primary_care'),
          'funnel: primary-care pooled rate 66/70');

-- Refreshing again replaces, never adds.
SELECT lives_ok($$SELECT refresh_qc('2024-02-01', '2024-02-29', '{hand_qc}')$$, 'refresh of February only');
SELECT ok((SELECT pg_temp.near(total_score, 449.0 / 6) FROM qc_member
           WHERE scheme_code = 'hand_qc' AND grain = 'quarter' AND period_start = '2024-01-01' AND institution_id = 2101),
          'after refreshing February only, Q1 is merged again from the three stored months');
SELECT is((SELECT count(*) FROM qc_item_state WHERE scheme_code = 'hand_qc'), 4::bigint, 'no duplicated states');

-- Bad configuration and bad calls -------------------------------------------------------
SELECT throws_ok($$INSERT INTO qc_scheme_measure (scheme_code, measure_code, rule_code, floor_pct, target_pct, weight)
                   VALUES ('hand_qc', 'record_complete', 'linear', 90, 90, 1)$$, '22023',
                 'floor_pct and target_pct of measure record_complete in scheme hand_qc are both 90', 'floor equal to target');
SELECT throws_ok($$INSERT INTO qc_scheme_measure (scheme_code, measure_code, rule_code, floor_pct, target_pct, weight)
                   VALUES ('hand_qc', 'readmission', 'linear', 20, 10, 1)$$, '22023',
                 'unknown quality measure "readmission" in scheme hand_qc', 'unknown measure code');
SELECT throws_ok($$INSERT INTO qc_scheme_item (scheme_code, item_code, full_points, cap_points)
                   VALUES ('hand_qc', 'fire_drill', 10, 10)$$, '22023',
                 'unknown QC inspection item "fire_drill" in scheme hand_qc', 'unknown item code');
SELECT throws_ok($$INSERT INTO qc_scheme_item (scheme_code, item_code, full_points, cap_points)
                   VALUES ('hand_qc', 'nursing', 10, -1)$$, '22023',
                 'cap_points -1 of item nursing in scheme hand_qc is negative or not finite', 'negative cap');
SELECT throws_ok($$INSERT INTO qc_scheme_item (scheme_code, item_code, full_points, cap_points)
                   VALUES ('hand_qc', 'nursing', -10, 1)$$, '22023',
                 'full_points -10 of item nursing in scheme hand_qc is not a positive finite number', 'negative maximum');
SELECT throws_ok($$INSERT INTO qc_scheme_measure (scheme_code, measure_code, rule_code, floor_pct, target_pct, weight)
                   VALUES ('hand_qc', 'record_complete', 'linear', 80, 100, 'NaN')$$, '22023',
                 'weight NaN of measure record_complete in scheme hand_qc is negative or not finite', 'NaN weight');
SELECT throws_ok($$SELECT refresh_qc('2024-01-01', '2024-01-31', '{no_such_scheme}')$$, '22023',
                 'unknown QC scheme(s) or scheme(s) without settings: no_such_scheme', 'unknown scheme');

SELECT * FROM finish();
ROLLBACK;
