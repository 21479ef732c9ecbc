-- Satisfaction scoring on the hand-built warehouse of
-- test/fixtures/satisfaction_world.sql.  Every expected value is worked out
-- by hand below from the fixture's rows; none is the extension's output
-- pasted back.
--
-- Item scores u = 100·(answer − lowest)/(highest − lowest); respondent score
-- U = Σ w·u / Σ w over the items answered (weights q1 2, q2 1, q3 1).
-- March 2024:
--   2101 R1: q1 5 (100), q2 4 (75), q3 10 (100)     → U = (200 + 75 + 100)/4 = 93.75;  top boxes 3 of 3
--        R2: q1 3 (50), q2 99 n/a, q3 5 (50)        → 2 of 3 − 1 n/a = 2 apply, 2 answered: valid;
--                                                     U = (100 + 50)/3 = 50;            top 0 of 2
--        R3: q1 4 (75), q2 blank, q3 8 (80)         → 2/3 = 0.67 >= 0.6: valid; U = (150 + 80)/3 = 230/3; top 1 of 2
--        R4: q1 1, q2 blank, q3 missing             → 1/3 < 0.6: invalid (counted, not scored)
--   2102 R5: q1 2 (25), q2 2 (25), q3 0 (0)         → U = (50 + 25 + 0)/4 = 18.75;     top 0 of 3
--        R6: q1 99 n/a, q2 5 (100), q3 10 (100), q9 (not in the scheme)
--                                                   → U = (100 + 100)/2 = 100;         top 2 of 2
-- February 2024:
--   2101 R7: 5, 5, 10                               → U = 100
-- 2201 (R8) is in no alliance; the staff answer (R9) belongs to another survey.
BEGIN;
SET search_path = medalliance, public;
SELECT plan(41);

\i test/fixtures/satisfaction_world.sql

CREATE FUNCTION pg_temp.close(a float8, b float8) RETURNS boolean LANGUAGE sql AS $$
    SELECT abs(a - b) <= 1e-9 * greatest(1, abs(a), abs(b))
$$;
-- Hand scores, to compute means and variances with plain SQL.
CREATE TEMP TABLE hand (institution_id int, month date, u float8);
INSERT INTO hand VALUES (2101, '2024-03-01', 93.75), (2101, '2024-03-01', 50), (2101, '2024-03-01', 230.0 / 3),
                        (2101, '2024-02-01', 100), (2102, '2024-03-01', 18.75), (2102, '2024-03-01', 100);
-- t quantiles at 0.975 from their closed forms / tables: df 1 tan(0.475π); df 2 0.95·√(2/0.0975);
-- df 4 2.7764451051977987 (tables); the normal 1.959963984540054.
CREATE TEMP TABLE t975 (df float8, t float8);
INSERT INTO t975 VALUES (1, tan(pi() * 0.475)), (2, 0.95 * sqrt(2 / 0.0975)), (3, 3.1824463052842638),
                        (4, 2.7764451051977987), ('Infinity', 1.959963984540054);

SELECT lives_ok($$SELECT refresh_satisfaction('2024-02-01', '2024-03-31', '{hand_survey}')$$,
                'refresh_satisfaction runs on the hand-built warehouse');

-- Member states, March.
SELECT results_eq($$SELECT institution_id, respondents, valid_respondents, invalid_respondents,
                           numerator(top_box), denominator(top_box)
                    FROM satisfaction_state WHERE scheme_code = 'hand_survey' AND grain = 'month' AND period_start = '2024-03-01'
                    ORDER BY 1$$,
                  $$VALUES (2101, 4::bigint, 3::bigint, 1::bigint, 4::bigint, 7::bigint),
                           (2102, 2::bigint, 2::bigint, 0::bigint, 2::bigint, 5::bigint)$$,
                  'March: 2101 has 4 respondents, 3 valid (R4 invalid), 4 of 7 answers in the top boxes; 2102 2 valid, 2 of 5');
SELECT ok(pg_temp.close(score, (93.75 + 50 + 230.0 / 3) / 3), '2101 March score = (93.75 + 50 + 230/3)/3 = 73.472…')
FROM satisfaction_member WHERE scheme_code = 'hand_survey' AND institution_id = 2101 AND grain = 'month' AND period_start = '2024-03-01';
SELECT ok(pg_temp.close(m.score_ci_lower, h.mean - t.t * sqrt(h.var / 3))
          AND pg_temp.close(m.score_ci_upper, h.mean + t.t * sqrt(h.var / 3)),
          '2101 March interval: mean ± t(0.975, 2)·s/√3, s² = var_samp of the three hand scores')
FROM satisfaction_member m,
     (SELECT avg(u) AS mean, var_samp(u) AS var FROM hand WHERE institution_id = 2101 AND month = '2024-03-01') h,
     t975 t
WHERE t.df = 2 AND m.scheme_code = 'hand_survey' AND m.institution_id = 2101 AND m.grain = 'month' AND m.period_start = '2024-03-01';
SELECT ok(pg_temp.close(satisfaction_rate, 400.0 / 7)
          AND pg_temp.close(satisfaction_rate_ci_lower, 100 * ci_lower(rate(4, 7)))
          AND pg_temp.close(satisfaction_rate_ci_upper, 100 * ci_upper(rate(4, 7))),
          '2101 March satisfaction rate 4/7 = 57.14 % with the Wilson interval of 4/7')
FROM satisfaction_member WHERE scheme_code = 'hand_survey' AND institution_id = 2101 AND grain = 'month' AND period_start = '2024-03-01';
SELECT results_eq($$SELECT institution_id, small_sample, rank_in_alliance, rank_in_province
                    FROM satisfaction_member WHERE scheme_code = 'hand_survey' AND grain = 'month' AND period_start = '2024-03-01'
                    ORDER BY 1$$,
                  $$VALUES (2101, false, 1::bigint, 1::bigint), (2102, true, NULL::bigint, NULL::bigint)$$,
                  '2102 (2 valid < min_sample 3) is flagged small_sample, shown but not ranked');
SELECT ok(pg_temp.close(score, 59.375) AND pg_temp.close(satisfaction_rate, 40)
          AND pg_temp.close(score_ci_upper, 59.375 + (SELECT t FROM t975 WHERE df = 1) * 40.625),
          '2102 March: score (18.75 + 100)/2 = 59.375, rate 2/5 = 40 %, interval ± t(0.975, 1)·40.625')
FROM satisfaction_member WHERE scheme_code = 'hand_survey' AND institution_id = 2102 AND grain = 'month' AND period_start = '2024-03-01';
SELECT is((SELECT count(*) FROM satisfaction_member WHERE institution_id = 2201), 0::bigint,
          '2201, in no alliance, is not judged');

-- Quarter 1 of 2101: February and March merged (Chan's formula for M2).
SELECT results_eq($$SELECT respondents, valid_respondents, invalid_respondents, months
                    FROM satisfaction_state WHERE scheme_code = 'hand_survey' AND institution_id = 2101
                      AND grain = 'quarter' AND period_start = '2024-01-01'$$,
                  $$VALUES (5::bigint, 4::bigint, 1::bigint, 2)$$,
                  'Q1 2101: 5 respondents, 4 valid, over 2 months');
SELECT ok(pg_temp.close(s.score_sum / s.valid_respondents, h.mean) AND pg_temp.close(s.score_m2, h.m2),
          'Q1 2101: mean and M2 of the merged months equal avg and 3·var_samp of the four hand scores')
FROM satisfaction_state s,
     (SELECT avg(u) AS mean, var_samp(u) * 3 AS m2 FROM hand WHERE institution_id = 2101) h
WHERE s.scheme_code = 'hand_survey' AND s.institution_id = 2101 AND s.grain = 'quarter' AND s.period_start = '2024-01-01';
SELECT ok(pg_temp.close(score_ci_upper, h.mean + t.t * sqrt(h.var / 4)), 'Q1 2101: t interval with 3 degrees of freedom')
FROM satisfaction_member m, (SELECT avg(u) AS mean, var_samp(u) AS var FROM hand WHERE institution_id = 2101) h, t975 t
WHERE t.df = 3 AND m.scheme_code = 'hand_survey' AND m.institution_id = 2101 AND m.grain = 'quarter';
SELECT is((SELECT count(*) FROM satisfaction_state WHERE scheme_code = 'hand_survey' AND grain = 'year'), 2::bigint,
          'year rows for both members');

-- Alliance, pooled: the five valid March respondents.
SELECT results_eq($$SELECT members, members_scored, members_small_sample, respondents, valid_respondents,
                           invalid_respondents, answers, small_sample, rank
                    FROM satisfaction_alliance WHERE scheme_code = 'hand_survey' AND grain = 'month' AND period_start = '2024-03-01'$$,
                  $$VALUES (2, 1, 1, 6::bigint, 5::bigint, 1::bigint, 12::bigint, false, 1::bigint)$$,
                  'alliance, March: 2 members (1 with enough respondents), 6 respondents, 5 valid, 12 answers');
SELECT ok(pg_temp.close(score, (93.75 + 50 + 230.0 / 3 + 18.75 + 100) / 5) AND pg_temp.close(satisfaction_rate, 50),
          'pooled score = mean of the 5 valid respondents = 67.83; pooled rate = 6/12 = 50 %')
FROM satisfaction_alliance WHERE scheme_code = 'hand_survey' AND grain = 'month' AND period_start = '2024-03-01';
SELECT ok(pg_temp.close(a.score_ci_lower, h.mean - t.t * sqrt(h.var / 5))
          AND pg_temp.close(a.satisfaction_rate_ci_upper, 100 * ci_upper(rate(6, 12))),
          'pooled interval: ± t(0.975, 4)·s/√5 over the five scores; rate: Wilson of 6/12')
FROM satisfaction_alliance a,
     (SELECT avg(u) AS mean, var_samp(u) AS var FROM hand WHERE month = '2024-03-01') h, t975 t
WHERE t.df = 4 AND a.scheme_code = 'hand_survey' AND a.grain = 'month' AND a.period_start = '2024-03-01';
SELECT is(alliance_weighting, 'pooled', 'the weighting is reported')
FROM satisfaction_alliance WHERE scheme_code = 'hand_survey' AND grain = 'month' AND period_start = '2024-03-01';

-- Alliance, equal-weighted: only 2101 has >= 3 valid respondents, so the
-- alliance score is 2101's, and with one member the Welch–Satterthwaite
-- degrees of freedom are 2101's n − 1 = 2: the same interval.
-- (The settings apply at the refresh: the views read what it stored.)
UPDATE satisfaction_scheme SET alliance_weighting = 'equal' WHERE scheme_code = 'hand_survey';
SELECT refresh_satisfaction('2024-03-01', '2024-03-31', '{hand_survey}') IS NOT NULL AS refreshed \gset
SELECT ok(pg_temp.close(a.score, m.score) AND pg_temp.close(a.score_ci_lower, m.score_ci_lower)
          AND pg_temp.close(a.score_ci_upper, m.score_ci_upper),
          'equal weighting: the mean of the eligible members (2101 only), with its interval')
FROM satisfaction_alliance a JOIN satisfaction_member m USING (scheme_code, alliance_id, grain, period_start)
WHERE a.scheme_code = 'hand_survey' AND a.grain = 'month' AND a.period_start = '2024-03-01' AND m.institution_id = 2101;
SELECT ok(pg_temp.close(satisfaction_rate, 400.0 / 7)
          AND pg_temp.close(satisfaction_rate_ci_lower,
                            100 * (4.0 / 7 - 1.959963984540054 * sqrt((4.0 / 7) * (3.0 / 7) / 7))),
          'equal weighting: rate 4/7 with the normal interval ± 1.96·√(p(1 − p)/7)')
FROM satisfaction_alliance WHERE scheme_code = 'hand_survey' AND grain = 'month' AND period_start = '2024-03-01';
-- Raise min_sample above every member: no score, a reason, no rank, still shown.
UPDATE satisfaction_scheme SET min_sample = 10 WHERE scheme_code = 'hand_survey';
SELECT refresh_satisfaction('2024-03-01', '2024-03-31', '{hand_survey}') IS NOT NULL AS refreshed \gset
SELECT results_eq($$SELECT score IS NULL, reason, rank, small_sample FROM satisfaction_alliance
                    WHERE scheme_code = 'hand_survey' AND grain = 'month' AND period_start = '2024-03-01'$$,
                  $$VALUES (true, 'no member with 10 or more valid respondents', NULL::bigint, true)$$,
                  'equal weighting with no eligible member: NULL score with the reason, flagged, not ranked');
UPDATE satisfaction_scheme SET min_sample = 3, alliance_weighting = 'pooled' WHERE scheme_code = 'hand_survey';
SELECT refresh_satisfaction('2024-03-01', '2024-03-31', '{hand_survey}') IS NOT NULL AS refreshed \gset

-- Items, alliance pooled, March (valid respondents only; R4's answers left out).
-- q1: 5, 3, 4, 2 (R6 n/a)          → 1..5:{0,1,1,1,1}, mean 3.5, score 62.5
-- q2: 4, 2, 5 (R2 n/a, R3 blank)   → 1..5:{0,1,0,1,1}, mean 11/3, score 200/3
-- q3: 10, 5, 8, 0, 10              → 0..10 counts {1,0,0,0,0,1,0,0,1,0,2}, mean 6.6, score 66
SELECT results_eq($$SELECT item_code, distribution::text, answers, not_applicable, unanswered, rank_from_lowest
                    FROM satisfaction_item_result
                    WHERE scheme_code = 'hand_survey' AND unit_level = 'alliance' AND grain = 'month' AND period_start = '2024-03-01'
                    ORDER BY item_no$$,
                  $$VALUES ('q1', '1..5:{0,1,1,1,1}', 4::bigint, 1::bigint, 0::bigint, 1),
                           ('q2', '1..5:{0,1,0,1,1}', 3::bigint, 1::bigint, 1::bigint, 3),
                           ('q3', '0..10:{1,0,0,0,0,1,0,0,1,0,2}', 5::bigint, 0::bigint, 0::bigint, 2)$$,
                  'alliance items, March: distributions, not applicable, blanks; q1 drags the score down most');
SELECT ok(pg_temp.close(item_score, 62.5) AND pg_temp.close(gap_to_unit_mean, 62.5 - (62.5 + 200.0 / 3 + 66) / 3)
          AND pg_temp.close(satisfaction_rate, 50),
          'q1: score 62.5, 2.56 points below the mean item score, 2 of 4 answers in the top boxes')
FROM satisfaction_item_result
WHERE scheme_code = 'hand_survey' AND unit_level = 'alliance' AND grain = 'month' AND period_start = '2024-03-01' AND item_code = 'q1';
SELECT ok(pg_temp.close(item_score, 66) AND pg_temp.close(mean_answer, 6.6), 'q3 (0..10): mean 6.6, score 66')
FROM satisfaction_item_result
WHERE scheme_code = 'hand_survey' AND unit_level = 'alliance' AND grain = 'month' AND period_start = '2024-03-01' AND item_code = 'q3';
SELECT results_eq($$SELECT distribution::text, not_applicable, unanswered FROM satisfaction_item_result
                    WHERE scheme_code = 'hand_survey' AND unit_level = 'institution' AND unit_id = 2101
                      AND grain = 'month' AND period_start = '2024-03-01' AND item_code = 'q2'$$,
                  $$VALUES ('1..5:{0,0,0,1,0}', 1::bigint, 1::bigint)$$,
                  '2101 q2, March: one answer (R1: 4), one n/a (R2), one blank (R3); the invalid R4 left out');
SELECT is((SELECT distribution::text FROM satisfaction_item_result
           WHERE scheme_code = 'hand_survey' AND unit_level = 'institution' AND unit_id = 2101
             AND grain = 'quarter' AND item_code = 'q1'), '1..5:{0,0,1,1,2}',
          'Q1 item states merge the months: 2101 q1 answers 5, 3, 4 (March) and 5 (February)');
SELECT is((SELECT nps(distribution) FROM satisfaction_item_result
           WHERE scheme_code = 'hand_survey' AND unit_level = 'alliance' AND grain = 'month'
             AND period_start = '2024-03-01' AND item_code = 'q3'), 0::float8,
          'NPS of q3: promoters 10, 10 minus detractors 5, 0 = 0 points');

-- The refresh log says what was not scored.
SELECT results_eq($$SELECT layer, rows_written, details -> 'respondents_outside_alliances', details -> 'answers_to_unknown_items'
                    FROM refresh_log WHERE layer = 'satisfaction' AND period_from = '2024-02-01' ORDER BY refresh_id DESC LIMIT 1$$,
                  $$VALUES ('satisfaction', 7::bigint, '{"hand_survey": 1}'::jsonb, '{"outpatient:q9": 1}'::jsonb)$$,
                  'refresh_log: 7 states (3 member-months, 2 quarters, 2 years), R8 outside the alliances, one answer to an unknown item');

-- Refreshing March again leaves February alone and rebuilds the same quarter.
CREATE TEMP TABLE before AS SELECT institution_id, grain, period_start, respondents, score_sum, score_m2, top_box::text AS top
FROM satisfaction_state WHERE scheme_code = 'hand_survey';
SELECT lives_ok($$SELECT refresh_satisfaction('2024-03-15', '2024-03-15', '{hand_survey}')$$, 'refresh of March alone');
SELECT set_eq($$SELECT institution_id, grain, period_start, respondents, score_sum, score_m2, top_box::text FROM satisfaction_state
                WHERE scheme_code = 'hand_survey'$$,
              $$SELECT * FROM before$$, 'the same states after refreshing one month: February kept, Q1 and 2024 rebuilt');

-- refresh() runs the satisfaction layer too.
SELECT ok((SELECT count(*) FROM refresh('2024-03-01', '2024-03-31') WHERE layer = 'satisfaction') = 1,
          'refresh() runs the satisfaction layer');

-- Bad configuration and data: 22023 naming the value.
SELECT throws_ok($$INSERT INTO satisfaction_item (scheme_code, item_code, item_no, text_zh, text_en, weight)
                   VALUES ('hand_survey', 'q4', 4, '四', 'four', -1)$$, '22023',
                 'invalid weight -1 of survey item "q4" in scheme "hand_survey"', 'a negative item weight');
SELECT throws_ok($$INSERT INTO satisfaction_item (scheme_code, item_code, item_no, text_zh, text_en, weight)
                   VALUES ('hand_survey', 'q4', 4, '四', 'four', 'NaN')$$, '22023',
                 'invalid weight NaN of survey item "q4" in scheme "hand_survey"', 'a NaN item weight');
SELECT throws_ok($$INSERT INTO satisfaction_item (scheme_code, item_code, item_no, text_zh, text_en, scale_lowest, scale_highest)
                   VALUES ('hand_survey', 'q4', 4, '四', 'four', 0, 11)$$, '22023',
                 'invalid scale 0..11 of survey item "q4"', 'a twelve-point scale');
SELECT throws_ok($$INSERT INTO satisfaction_item (scheme_code, item_code, item_no, text_zh, text_en, na_answer)
                   VALUES ('hand_survey', 'q4', 4, '四', 'four', 3)$$, '22023',
                 'not-applicable code 3 of survey item "q4" lies on its scale 1..5', '"not applicable" coded on the scale');
SELECT throws_ok($$INSERT INTO satisfaction_item (scheme_code, item_code, item_no, text_zh, text_en, scale_highest)
                   VALUES ('hand_survey', 'q4', 4, '四', 'four', 2)$$, '22023', NULL,
                 'a 2-point item cannot have 2 top boxes');
SELECT throws_ok($$UPDATE satisfaction_scheme SET min_answered_share = 0 WHERE scheme_code = 'hand_survey'$$, '22023',
                 'invalid min_answered_share 0 of survey scheme "hand_survey"', 'a minimum share of 0');
SELECT throws_ok($$UPDATE satisfaction_scheme SET top_boxes = 5 WHERE scheme_code = 'hand_survey'$$, '22023', NULL,
                 'top boxes as many as the points of an item');
SELECT throws_ok($$INSERT INTO satisfaction_scheme (scheme_code, survey_kind, alliance_kinds, document_code)
                   VALUES ('six_unifications', 'staff', '{county_medical_community}', 'project_default')$$, '22023',
                 'unknown survey scheme "six_unifications"', 'a checklist scheme is not a survey scheme');
SELECT throws_ok($$SELECT refresh_satisfaction('2024-03-01', '2024-03-31', '{nope}')$$, '22023',
                 'unknown survey scheme(s): nope', 'refresh of an unknown scheme');
SELECT throws_ok($$SELECT refresh_satisfaction('2024-03-31', '2024-03-01')$$, '22023', NULL, 'an empty period');
SELECT throws_ok($$SELECT refresh_satisfaction(NULL, '2024-03-01')$$, '22004', NULL, 'a missing bound');
INSERT INTO survey_response VALUES (99, '2024-03-20', 'outpatient', 2101, 99, 'q1', 7, 7);
SELECT throws_ok($$SELECT refresh_satisfaction('2024-03-01', '2024-03-31', '{hand_survey}')$$, '22023',
                 'answer 7 to item "q1" (survey_response_id 99) is outside its scale 1..5 in survey scheme "hand_survey"',
                 'an answer off its item''s scale stops the refresh, naming it');

SELECT * FROM finish();
ROLLBACK;
