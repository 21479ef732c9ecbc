-- The assessment layer on a hand-worked scheme: three county medical
-- communities A, B, C (and a specialty alliance D the scheme does not
-- assess), a veto, a capped bonus, a monitor-only measure and a measure that
-- cannot be assessed for one alliance.  The indicator layer's stored states
-- are written by hand (what refresh_indicators would have stored), so that
-- every figure below is worked out from them in the comments.
BEGIN;
SELECT plan(43);
SET search_path = medalliance, public;

-- A minimal warehouse: a province, three counties, four alliances.
INSERT INTO region (region_id, region_code, region_name, region_level, parent_region_id) VALUES
    (1, 'P', 'Province', 'province', NULL), (11, 'CA', 'County A', 'county', 1),
    (12, 'CB', 'County B', 'county', 1), (13, 'CC', 'County C', 'county', 1);
INSERT INTO institution (institution_id, institution_code, institution_name, institution_level, region_id) VALUES
    (101, 'HA', 'A County Hospital', 'county_hospital', 11),
    (102, 'HB', 'B County Hospital', 'county_hospital', 12),
    (103, 'HC', 'C County Hospital', 'county_hospital', 13);
INSERT INTO alliance (alliance_id, alliance_name, alliance_kind, region_id, lead_institution_id, specialty) VALUES
    (1, 'A', 'county_medical_community', 11, 101, NULL),
    (2, 'B', 'county_medical_community', 12, 102, NULL),
    (3, 'C', 'county_medical_community', 13, 103, NULL),
    (4, 'D', 'specialty_alliance', 1, 101, 'cardiology');
-- one fact in December 2024, so that 2024 lies within the data
INSERT INTO capability (institution_id, period_start, has_radiology, has_ecg, has_remote_point, offers_tcm)
VALUES (101, '2024-12-01', true, true, true, true);

-- The indicator layer's stored states (December; the year is that month).
INSERT INTO refresh_log (layer, period_from, period_to, finished_at, rows_written)
VALUES ('indicators', '2023-12-01', '2024-12-01', now(), 0);
INSERT INTO indicator_state (indicator_code, unit_level, unit_id, period_start, state, amount, refresh_id)
SELECT x.code, 'alliance', x.alliance_id, x.month::date, x.state::rate, x.amount,
       (SELECT max(refresh_id) FROM refresh_log)
FROM (VALUES
    -- county visit rate: A 80%, B 95%, none for C; D has one too
    ('county_visit_rate', 1, '2024-12-01', '80/100', NULL::bigint),
    ('county_visit_rate', 2, '2024-12-01', '95/100', NULL),
    ('county_visit_rate', 4, '2024-12-01', '99/100', NULL),
    -- contract rate: A 50%, B 40%, C 60%
    ('family_doctor_contract_rate', 1, '2024-12-01', '50/100', NULL),
    ('family_doctor_contract_rate', 2, '2024-12-01', '40/100', NULL),
    ('family_doctor_contract_rate', 3, '2024-12-01', '60/100', NULL),
    -- secondments (monitor only): A 3, B 2
    ('senior_secondment_count', 1, '2024-12-01', NULL, 3),
    ('senior_secondment_count', 2, '2024-12-01', NULL, 2),
    -- downward referrals: 2023 100 for all; 2024 A 105, B 130, C 90
    ('downward_referral_count', 1, '2023-12-01', NULL, 100),
    ('downward_referral_count', 2, '2023-12-01', NULL, 100),
    ('downward_referral_count', 3, '2023-12-01', NULL, 100),
    ('downward_referral_count', 1, '2024-12-01', NULL, 105),
    ('downward_referral_count', 2, '2024-12-01', NULL, 130),
    ('downward_referral_count', 3, '2024-12-01', NULL, 90),
    -- bonus inputs: remote diagnoses A 150, B 200, C 120; booked referrals A 5%, B 20%, C 30%
    ('remote_diagnosis_count', 1, '2024-12-01', NULL, 150),
    ('remote_diagnosis_count', 2, '2024-12-01', NULL, 200),
    ('remote_diagnosis_count', 3, '2024-12-01', NULL, 120),
    ('booked_referral_share', 1, '2024-12-01', '5/100', NULL),
    ('booked_referral_share', 2, '2024-12-01', '20/100', NULL),
    ('booked_referral_share', 3, '2024-12-01', '30/100', NULL),
    -- veto input: out-of-city referrals A 5%, B 20%, C 0%
    ('out_of_city_referral_rate', 1, '2024-12-01', '5/100', NULL),
    ('out_of_city_referral_rate', 2, '2024-12-01', '20/100', NULL),
    ('out_of_city_referral_rate', 3, '2024-12-01', '0/100', NULL)
) AS x(code, alliance_id, month, state, amount);
-- and their periods, as refresh_indicators stores them: each unit has December only, so its
-- month, quarter and year are that month
INSERT INTO indicator_period (indicator_code, unit_level, unit_id, grain, period_start, state, amount, months, refresh_id)
SELECT s.indicator_code, s.unit_level, s.unit_id, g.grain, date_trunc(g.grain, s.period_start)::date,
       s.state, s.amount, 1, s.refresh_id
FROM indicator_state s CROSS JOIN (VALUES ('month'), ('quarter'), ('year')) AS g(grain);

-- The scheme: access 60 points, capacity 40 points, a bonus capped at 5, a veto.
INSERT INTO scheme (scheme_code, scheme_kind, title, document_code)
VALUES ('hand_assessment', 'assessment', 'hand-worked assessment', 'project_default');
INSERT INTO assessment_setting (scheme_code, alliance_kinds, bonus_cap, missing_policy, document_code, source_text)
VALUES ('hand_assessment', '{county_medical_community}', 5, 'rescale', 'project_default', 'hand');
INSERT INTO assessment_grade (scheme_code, grade, grade_no, name_en, min_total, document_code) VALUES
    ('hand_assessment', '优', 1, 'excellent', 80, 'project_default'),
    ('hand_assessment', '良', 2, 'good', 70, 'project_default'),
    ('hand_assessment', '中', 3, 'fair', 60, 'project_default'),
    ('hand_assessment', '差', 4, 'poor', 0, 'project_default');
INSERT INTO assessment_domain (scheme_code, domain_code, domain_no, name_zh, name_en, points, document_code, source_text) VALUES
    ('hand_assessment', 'access', 1, '可及', 'access', 60, 'project_default', 'hand'),
    ('hand_assessment', 'capacity', 2, '能力', 'capacity', 40, 'project_default', 'hand');
INSERT INTO assessment_measure (scheme_code, measure_code, measure_no, domain_code, role, name_zh, name_en, source_kind,
                                source_key, rule, points, floor_value, target_value, target_gain, relative_gain,
                                higher_is_better, veto_effect, document_code, source_text) VALUES
    ('hand_assessment', 'm1', 1, 'access', 'scored', 'm1', 'm1', 'indicators', 'county_visit_rate',
     'linear', 2, 50, 90, NULL, false, true, NULL, 'project_default', 'hand'),
    ('hand_assessment', 'm2', 2, 'access', 'scored', 'm2', 'm2', 'indicators', 'family_doctor_contract_rate',
     'threshold', 1, NULL, 45, NULL, false, true, NULL, 'project_default', 'hand'),
    ('hand_assessment', 'm3', 3, 'access', 'scored', 'm3', 'm3', 'indicators', 'senior_secondment_count',
     'monitor', 0, NULL, NULL, NULL, false, true, NULL, 'project_default', 'hand'),
    ('hand_assessment', 'm4', 4, 'capacity', 'scored', 'm4', 'm4', 'indicators', 'downward_referral_count',
     'improvement', 1, NULL, NULL, 10, true, true, NULL, 'project_default', 'hand'),
    ('hand_assessment', 'm5', 5, NULL, 'bonus', 'm5', 'm5', 'indicators', 'remote_diagnosis_count',
     'threshold', 3, NULL, 100, NULL, false, true, NULL, 'project_default', 'hand'),
    ('hand_assessment', 'm6', 6, NULL, 'bonus', 'm6', 'm6', 'indicators', 'booked_referral_share',
     'linear', 4, 0, 10, NULL, false, true, NULL, 'project_default', 'hand'),
    ('hand_assessment', 'm7', 7, NULL, 'veto', 'm7', 'm7', 'indicators', 'out_of_city_referral_rate',
     'threshold', 0, NULL, 10, NULL, false, false, 'zero_total', 'project_default', 'hand');

SELECT isnt(refresh_assessment(2024, 'hand_assessment'), NULL, 'refresh_assessment(2024, scheme) returns its refresh_id');

-- Weights: m1 has 2 of the 3 access points (40 of 100), m2 1 of 3 (20), m4 all of capacity (40).
-- A: m1 linear (80 − 50)/(90 − 50) = 0.75 → 0.75·40 = 30; m2 50 ≥ 45 → 20; m4 +5% of a +10% target
--    → 0.5·40 = 20; scored 70.  Bonus m5 150 ≥ 100 → 3, m6 5/10·4 = 2: 5, not above the cap.
--    Veto m7 5% ≤ 10% passes.  Total 75 → 良, rank 1.
-- B: vetoed (20% > 10%, zero_total): total 0 → 差, rank 3; its contributions are all 0.
-- C: m1 has no value → not assessable; rescaled, m2 carries all 60 access points: 60 ≥ 45 → 60;
--    m4 −10% → 0; scored 60.  Bonus m5 3 + m6 4 = 7 > cap 5 → scaled by 5/7: 15/7 + 20/7 = 5.
--    Total 65 → 中, rank 2.
SELECT results_eq(
    $$SELECT alliance_id, round(total::numeric, 9), rank, grade, veto FROM assessment_scorecard
      WHERE scheme_code = 'hand_assessment' AND year = 2024 ORDER BY alliance_id$$,
    $$VALUES (1, 75.000000000, 1, '良'::text, false), (2, 0.000000000, 3, '差', true), (3, 65.000000000, 2, '中', false)$$,
    'totals, ranks, grades and the veto are as worked out by hand');
SELECT is((SELECT count(*) FROM assessment_result WHERE alliance_id = 4), 0::bigint,
          'the specialty alliance, outside the scheme''s alliance kinds, gets no row');
SELECT results_eq(
    $$SELECT round(scored_points::numeric, 9), round(bonus_points::numeric, 9), max_total FROM assessment_result
      WHERE scheme_code = 'hand_assessment' ORDER BY alliance_id$$,
    $$VALUES (70.000000000, 5.000000000, 100::double precision), (0, 0, 100), (60.000000000, 5.000000000, 100)$$,
    'scored and bonus points as worked out');
SELECT results_eq(
    $$SELECT alliance_id, domain_code, round(points::numeric, 9), round(full_points::numeric, 9) FROM assessment_domain_score
      WHERE scheme_code = 'hand_assessment' ORDER BY alliance_id, domain_no$$,
    $$VALUES (1, 'access'::text, 50.000000000, 60.000000000), (1, 'capacity', 20.000000000, 40.000000000),
             (2, 'access', 0, 60.000000000), (2, 'capacity', 0, 40.000000000),
             (3, 'access', 60.000000000, 60.000000000), (3, 'capacity', 0, 40.000000000)$$,
    'domain points: A 50 + 20; B vetoed; C 60 + 0 (m1 not assessable, rescaled)');
SELECT is((SELECT round((domain_points->>'access')::numeric, 9) FROM assessment_scorecard
           WHERE scheme_code = 'hand_assessment' AND alliance_id = 1), 50.000000000,
          'the scorecard carries the domain points');

-- The explanation: contributions add up to the total, for every alliance.
SELECT is((SELECT count(*) FROM assessment_scorecard s
           WHERE s.scheme_code = 'hand_assessment'
             AND abs(s.total - (SELECT sum(e.contribution) FROM assessment_explain e
                                WHERE e.scheme_code = s.scheme_code AND e.year = s.year
                                  AND e.alliance_id = s.alliance_id)) < 1e-9), 3::bigint,
          'for every alliance the contributions sum to the total');
SELECT results_eq(
    $$SELECT measure_code, round(contribution::numeric, 9) FROM assessment_explain
      WHERE scheme_code = 'hand_assessment' AND alliance_id = 1 ORDER BY measure_no$$,
    $$VALUES ('m1'::text, 30.000000000), ('m2', 20.000000000), ('m3', 0), ('m4', 20.000000000),
             ('m5', 3.000000000), ('m6', 2.000000000), ('m7', 0)$$,
    'A: each measure''s contribution as worked out');
SELECT results_eq(
    $$SELECT measure_code, round(contribution::numeric, 9) FROM assessment_explain
      WHERE scheme_code = 'hand_assessment' AND alliance_id = 3 ORDER BY measure_no$$,
    $$VALUES ('m1'::text, 0::numeric), ('m2', 60.000000000), ('m3', 0), ('m4', 0),
             ('m5', round(15 / 7.0, 9)), ('m6', round(20 / 7.0, 9)), ('m7', 0)$$,
    'C: m2 carries the access domain; the bonus is scaled to the cap (15/7 + 20/7)');
SELECT results_eq(
    $$SELECT assessable, reason, weight FROM assessment_explain
      WHERE scheme_code = 'hand_assessment' AND alliance_id = 3 AND measure_code = 'm1'$$,
    $$VALUES (false, 'no stored result for the year'::text, 0::double precision)$$,
    'C: m1 is not assessable, with the reason, and weighs nothing');
SELECT results_eq(
    $$SELECT round(raw_value::numeric, 9), round(baseline_value::numeric, 9), round(points::numeric, 9)
      FROM assessment_explain WHERE scheme_code = 'hand_assessment' AND alliance_id = 1 AND measure_code = 'm4'$$,
    $$VALUES (105.000000000, 100.000000000, 0.500000000)$$,
    'A: the improvement reads this year and last year (+5% of +10%: half the points)');
SELECT results_eq(
    $$SELECT status, round(points::numeric, 9), contribution FROM assessment_explain
      WHERE scheme_code = 'hand_assessment' AND alliance_id = 2 AND measure_code IN ('m1', 'm7') ORDER BY measure_no$$,
    $$VALUES (NULL::text, 2.000000000, 0::double precision), ('vetoed', 0, 0)$$,
    'B: m1 would give full points, but the veto zeroes every contribution');
SELECT is((SELECT veto_measures FROM assessment_result WHERE scheme_code = 'hand_assessment' AND alliance_id = 2),
          ARRAY['m7'], 'B names the veto measure');
SELECT results_eq(
    $$SELECT raw_value, points, contribution, assessable FROM assessment_explain
      WHERE scheme_code = 'hand_assessment' AND measure_code = 'm3' ORDER BY alliance_id$$,
    $$VALUES (3::double precision, NULL::double precision, 0::double precision, true),
             (2, NULL, 0, true), (NULL, NULL, 0, false)$$,
    'the monitor-only measure shows its value and adds nothing');

-- The alternative rankings, over the measures every alliance has: m2 (higher better) and
-- m4's gain (higher better), weights 20 and 40.  Worked out (numpy, vector normalisation,
-- weights on the matrix): values A (50, 5), B (40, 30), C (60, −10); closeness A 0.37609891,
-- B 0.91641140, C 0.08358860.  Weighted RSR (ranks 1 = worst, average for ties, weights 1/3, 2/3):
-- A (2, 2) → (1/3)(2/3 + 4/3) = 2/3; B (1, 3) → (1/3)(1/3 + 2) = 7/9; C (3, 1) → (1/3)(1 + 2/3) = 5/9.
SELECT results_eq(
    $$SELECT alliance_id, round(topsis_closeness::numeric, 8), topsis_rank, round(rsr_wrsr::numeric, 9), rsr_rank
      FROM assessment_scorecard WHERE scheme_code = 'hand_assessment' ORDER BY alliance_id$$,
    $$VALUES (1, 0.37609891, 2, round(2 / 3.0, 9), 2), (2, 0.91641140, 1, round(7 / 9.0, 9), 1),
             (3, 0.08358860, 3, round(5 / 9.0, 9), 3)$$,
    'TOPSIS closeness and weighted RSR as worked out');
SELECT is((SELECT composite_measures FROM assessment_result WHERE scheme_code = 'hand_assessment' AND alliance_id = 1),
          ARRAY['m2', 'm4'], 'TOPSIS and RSR use the measures assessable for every alliance');

-- Provenance and versions.
SELECT results_eq(
    $$SELECT r.scheme_version, run.year::integer, run.alliances, run.source_refreshes ? 'indicators',
             l.layer, l.rows_written > 0
      FROM assessment_result r JOIN assessment_run run USING (run_id) JOIN refresh_log l USING (refresh_id)
      WHERE r.scheme_code = 'hand_assessment' AND r.alliance_id = 1$$,
    $$VALUES (1, 2024, 3, true, 'assessment'::text, true)$$,
    'the run names the version, the year, the alliances and the layer refreshes it read');
SELECT is((SELECT config->'setting'->>'bonus_cap' FROM assessment_version WHERE scheme_code = 'hand_assessment' AND version = 1),
          '5', 'the published version keeps its configuration');
UPDATE assessment_measure SET target_value = 55 WHERE scheme_code = 'hand_assessment' AND measure_code = 'm2';
SELECT is((SELECT version FROM assessment_setting WHERE scheme_code = 'hand_assessment'), 2,
          'editing a published scheme makes a new version');
UPDATE assessment_measure SET target_value = 50 WHERE scheme_code = 'hand_assessment' AND measure_code = 'm2';
SELECT is((SELECT version FROM assessment_setting WHERE scheme_code = 'hand_assessment'), 2,
          'a second edit before publishing stays in the new version');
SELECT is((SELECT DISTINCT scheme_version FROM assessment_result WHERE scheme_code = 'hand_assessment'), 1,
          'stored results still name the version they were scored with');
SELECT isnt(refresh_assessment(2024, 'hand_assessment'), NULL, 'refresh again under version 2');
-- m2 now needs 50: A (50) still meets, B (40) not, C (60) meets — unchanged totals.
SELECT results_eq(
    $$SELECT DISTINCT scheme_version FROM assessment_result WHERE scheme_code = 'hand_assessment'$$,
    $$VALUES (2)$$, 'results name the new version');
SELECT is((SELECT count(*) FROM assessment_run WHERE scheme_code = 'hand_assessment'), 2::bigint,
          'both runs are kept');
SELECT is((SELECT (config->'measures'->1->>'target_value') FROM assessment_version
           WHERE scheme_code = 'hand_assessment' AND version = 2), '50',
          'version 2 holds the edited target');
SELECT is((SELECT (config->'measures'->1->>'target_value') FROM assessment_version
           WHERE scheme_code = 'hand_assessment' AND version = 1), '45',
          'version 1 is unchanged');

-- The missing-value policy "zero": C's m1 counts 0 of its 40 points: C = 20 + 0 + bonus 5 = 25.
UPDATE assessment_setting SET missing_policy = 'zero' WHERE scheme_code = 'hand_assessment';
SELECT isnt(refresh_assessment(2024, 'hand_assessment'), NULL, 'refresh with missing_policy zero');
SELECT is((SELECT round(total::numeric, 9) FROM assessment_result WHERE scheme_code = 'hand_assessment' AND alliance_id = 3),
          25.000000000, 'zero policy: C scores 20 (m2) + 0 (m1 missing, m4) + 5 bonus');
SELECT is((SELECT version FROM assessment_setting WHERE scheme_code = 'hand_assessment'), 3,
          'the policy change made version 3');

-- A veto that caps the grade instead: A is capped at 中 although 75 is 良.
UPDATE assessment_measure SET veto_effect = 'cap_grade', veto_grade = '中', target_value = 4
WHERE scheme_code = 'hand_assessment' AND measure_code = 'm7';
SELECT isnt(refresh_assessment(2024, 'hand_assessment'), NULL, 'refresh with a grade-capping veto');
SELECT results_eq(
    $$SELECT alliance_id, round(total::numeric, 9), grade, veto FROM assessment_result
      WHERE scheme_code = 'hand_assessment' ORDER BY alliance_id$$,
    $$VALUES (1, 75.000000000, '中'::text, true), (2, 85.000000000, '中', true), (3, 25.000000000, '差', false)$$,
    'cap_grade: totals stand (B 40 + 40 + capped bonus 5 = 85) and A and B are graded at most 中');

-- Bad configuration and calls: precise SQLSTATEs, nothing changed.
SELECT throws_ok(
    $$INSERT INTO assessment_measure (scheme_code, measure_code, measure_no, domain_code, name_zh, name_en, source_kind,
                                      source_key, rule, points, floor_value, target_value, document_code, source_text)
      VALUES ('hand_assessment', 'bad', 9, 'access', 'x', 'x', 'indicators', 'county_visit_rate', 'linear', 1, 90, 90,
              'project_default', 'x')$$,
    '22023', NULL, 'a linear rule with floor = target is refused');
SELECT throws_ok(
    $$INSERT INTO assessment_measure (scheme_code, measure_code, measure_no, domain_code, name_zh, name_en, source_kind,
                                      source_key, rule, points, target_value, document_code, source_text)
      VALUES ('hand_assessment', 'bad', 9, 'access', 'x', 'x', 'indicators', 'no_such_indicator', 'threshold', 1, 1,
              'project_default', 'x')$$,
    '22023', NULL, 'an unknown indicator is refused');
SELECT throws_ok(
    $$INSERT INTO assessment_measure (scheme_code, measure_code, measure_no, domain_code, name_zh, name_en, source_kind,
                                      source_scheme, source_key, rule, points, document_code, source_text)
      VALUES ('hand_assessment', 'bad', 9, 'access', 'x', 'x', 'qc', 'six_unifications', NULL, 'monitor', 0,
              'project_default', 'x')$$,
    '22023', NULL, 'a source scheme of the wrong kind is refused');
SELECT throws_ok(
    $$INSERT INTO assessment_measure (scheme_code, measure_code, measure_no, domain_code, name_zh, name_en, source_kind,
                                      source_key, rule, points, document_code, source_text)
      VALUES ('hand_assessment', 'bad', 9, 'access', 'x', 'x', 'indicators', 'county_visit_rate', 'attainment', 1,
              'project_default', 'x')$$,
    '22023', NULL, 'attainment without a targets scheme is refused');
SELECT throws_ok(
    $$INSERT INTO assessment_measure (scheme_code, measure_code, measure_no, domain_code, role, name_zh, name_en,
                                      source_kind, source_key, rule, points, target_value, document_code, source_text)
      VALUES ('hand_assessment', 'bad', 9, NULL, 'scored', 'x', 'x', 'indicators', 'county_visit_rate', 'threshold', 1, 1,
              'project_default', 'x')$$,
    '23514', NULL, 'a scored measure without a domain is refused');
SELECT throws_ok(
    $$INSERT INTO assessment_setting (scheme_code, alliance_kinds, document_code, source_text)
      VALUES ('six_unifications', '{county_medical_community}', 'project_default', 'x')$$,
    '22023', NULL, 'a setting for a scheme that is not an assessment scheme is refused');
SELECT throws_ok(
    $$INSERT INTO assessment_setting (scheme_code, alliance_kinds, document_code, source_text)
      VALUES ('hand_assessment', '{no_such_kind}', 'project_default', 'x')$$,
    '23514', NULL, 'an unknown alliance kind is refused');
SELECT throws_ok($$SELECT refresh_assessment(2024, 'no_such_scheme')$$, '22023', NULL,
                 'refresh_assessment of an unknown scheme: 22023');
SELECT throws_ok($$SELECT refresh_assessment(NULL::integer)$$, '22023', NULL,
                 'refresh_assessment of a NULL year: 22023');
SELECT throws_ok($$SELECT refresh_assessment(2019, 'hand_assessment')$$, '22023', NULL,
                 'a year without data is refused (22023)');
SELECT is((SELECT count(*) FROM assessment_run WHERE scheme_code = 'hand_assessment'), 4::bigint,
          'the refused calls wrote no run');

-- The dispatcher runs the layer: refresh() of one layer and scheme.
SELECT results_eq(
    $$SELECT layer FROM refresh('2024-01-01', '2024-12-31', ARRAY['assessment'], ARRAY['hand_assessment'])$$,
    $$VALUES ('assessment'::text)$$, 'refresh() dispatches the assessment layer');

SELECT * FROM finish();
ROLLBACK;
