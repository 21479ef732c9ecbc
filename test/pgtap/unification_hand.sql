-- Six-unifications scoring on the hand-built warehouse of
-- test/fixtures/unification_world.sql.  Every expected value is worked out by
-- hand below from the fixture's rows; none is the extension's output pasted back.
BEGIN;
SET search_path = medalliance, public;
SELECT plan(27);

\i test/fixtures/unification_world.sql

SELECT lives_ok($$SELECT refresh_unification('2024-01-01', '2024-03-31', '{hand_check}')$$,
                'refresh_unification runs on the hand-built warehouse');

-- Item results, March 2024.  (member, item) → score; NULL = not assessed.
-- 1101 lead: committee 1 (alliance row of Jan, in force Jan–Mar); legal rep: no row → NULL;
--   recruit 0.5 (alliance row); platform 20/25 = 0.8 → ≥ 0.5 partial → 0.5; price: X at 2.00 and
--   Y at 5.00 are the alliance's lowest → 1.  No s_sent_down / f_qc (not a township centre),
--   no f_centres (the lead).
-- 1102: committee 1, legal 1 (own), sent down 1 (stationed 15 Feb–10 Mar), recruit 0.5,
--   platform 10/10 = 1, price 1, centres 1 (lab read by the lead), qc 1 (inspected 20 Jan, window Jan–Mar).
-- 1103: committee 1, legal 0 (own), sent down 0 (a circuit clinic does not count), recruit 1 (own
--   row of Feb overrides the alliance's), platform 10/12.5 = 0.8 → 0.5, price: X at 2.50 > 2.00,
--   Y at 5.00 → 1/2 < 1 → 0, centres 0, qc 0 (last inspection 15 Dec, outside the window).
-- 1201 lead: committee NULL (Dec row expired), legal 1 (alliance row), recruit NULL, platform 1, price 1.
-- 1202: committee NULL, legal 1, sent down 0 (deployment ended 29 Feb), recruit NULL,
--   platform NULL and price NULL (ordered nothing), centres 1 (imaging, alliance 2's centre),
--   qc 0 (inspected by the commission, not the lead).
-- 1203 village clinic: committee NULL, legal 0.5 (own overrides), recruit NULL, platform 0,
--   price 1 (Z at 3.00 = lowest), centres 0 (read by 1101, not in alliance 2).
CREATE TEMP TABLE expected_item (institution_id int, item_code text, score numeric);
INSERT INTO expected_item VALUES
    (1101, 'g_committee', 1), (1101, 'g_legal_rep', NULL), (1101, 's_recruit', 0.5),
    (1101, 'p_platform', 0.5), (1101, 'p_price', 1),
    (1102, 'g_committee', 1), (1102, 'g_legal_rep', 1), (1102, 's_sent_down', 1), (1102, 's_recruit', 0.5),
    (1102, 'p_platform', 1), (1102, 'p_price', 1), (1102, 'f_centres', 1), (1102, 'f_qc', 1),
    (1103, 'g_committee', 1), (1103, 'g_legal_rep', 0), (1103, 's_sent_down', 0), (1103, 's_recruit', 1),
    (1103, 'p_platform', 0.5), (1103, 'p_price', 0), (1103, 'f_centres', 0), (1103, 'f_qc', 0),
    (1201, 'g_committee', NULL), (1201, 'g_legal_rep', 1), (1201, 's_recruit', NULL),
    (1201, 'p_platform', 1), (1201, 'p_price', 1),
    (1202, 'g_committee', NULL), (1202, 'g_legal_rep', 1), (1202, 's_sent_down', 0), (1202, 's_recruit', NULL),
    (1202, 'p_platform', NULL), (1202, 'p_price', NULL), (1202, 'f_centres', 1), (1202, 'f_qc', 0),
    (1203, 'g_committee', NULL), (1203, 'g_legal_rep', 0.5), (1203, 's_recruit', NULL),
    (1203, 'p_platform', 0), (1203, 'p_price', 1), (1203, 'f_centres', 0);

SELECT set_eq(
    $$SELECT institution_id, item_code, score_fraction FROM unification_item_result
      WHERE scheme_code = 'hand_check' AND period_start = '2024-03-01'$$,
    $$SELECT institution_id, item_code, score FROM expected_item$$,
    'every item result of March: which items are on each checklist, the evidence used, the thresholds');

SELECT is((SELECT array_agg(DISTINCT evidence_source ORDER BY evidence_source) FROM unification_item_result
           WHERE scheme_code = 'hand_check' AND period_start = '2024-03-01' AND institution_id = 1103
             AND item_code IN ('g_committee', 's_recruit', 'g_legal_rep')),
          '{alliance,member}'::text[], '1103: committee from the alliance''s row, recruitment and legal rep from its own');
SELECT is((SELECT measure FROM unification_item_result WHERE scheme_code = 'hand_check'
             AND period_start = '2024-03-01' AND institution_id = 1103 AND item_code = 'p_platform'),
          0.8, '1103 platform share measure: 10 / 12.5');
SELECT is((SELECT count(*) FROM unification_state WHERE scheme_code = 'hand_check' AND alliance_id = 3),
          0::bigint, 'the specialty alliance is not of a kind the scheme assesses');

-- Member dimension scores, March.  S_d = 100·Σ w·c / Σ w over assessed items.
-- 1101: governance 100·1/1 = 100 (legal rep not assessed); staffing 50; supply 100·(0.5+1)/2 = 75.
-- 1102: governance 100·(1+2)/3 = 100; staffing 100·(1+0.5)/2 = 75; supply 100; platform 100.
-- 1103: governance 100·(1·1 + 2·0)/3 = 33.333…; staffing 100·(0+1)/2 = 50; supply 100·(0.5+0)/2 = 25; platform 0.
-- 1201: governance 100 (committee not assessed); staffing: none assessed → NULL; supply 100.
-- 1202: governance 100; staffing 100·0/1 = 0; supply NULL (2 not assessed); platform 100·(1+0)/2 = 50.
-- 1203: governance 100·(2·0.5)/2 = 50; staffing NULL; supply 100·(0+1)/2 = 50; platform 0.
CREATE TEMP TABLE expected_member (institution_id int, dimension_code text, score float8,
                                   assessed bigint, met bigint, not_assessed bigint, status text);
INSERT INTO expected_member VALUES
    (1101, 'governance', 100, 1, 1, 1, 'not_assessable'), (1101, 'staffing', 50, 1, 0, 0, 'not_met'),
    (1101, 'supply', 75, 2, 1, 0, 'not_met'),
    (1102, 'governance', 100, 2, 2, 0, 'met'), (1102, 'staffing', 75, 2, 1, 0, 'not_met'),
    (1102, 'supply', 100, 2, 2, 0, 'met'), (1102, 'platform', 100, 2, 2, 0, 'met'),
    (1103, 'governance', 100.0 / 3, 2, 1, 0, 'not_met'), (1103, 'staffing', 50, 2, 1, 0, 'not_met'),
    (1103, 'supply', 25, 2, 0, 0, 'not_met'), (1103, 'platform', 0, 2, 0, 0, 'not_met'),
    (1201, 'governance', 100, 1, 1, 1, 'not_assessable'), (1201, 'staffing', NULL, 0, 0, 1, 'not_assessable'),
    (1201, 'supply', 100, 2, 2, 0, 'met'),
    (1202, 'governance', 100, 1, 1, 1, 'not_assessable'), (1202, 'staffing', 0, 1, 0, 1, 'not_met'),
    (1202, 'supply', NULL, 0, 0, 2, 'not_assessable'), (1202, 'platform', 50, 2, 1, 0, 'not_met'),
    (1203, 'governance', 50, 1, 0, 1, 'not_met'), (1203, 'staffing', NULL, 0, 0, 1, 'not_assessable'),
    (1203, 'supply', 50, 2, 1, 0, 'not_met'), (1203, 'platform', 0, 1, 0, 0, 'not_met');

SELECT set_eq(
    $$SELECT institution_id, dimension_code, items_assessed, items_met, items_not_assessed, status
      FROM unification_member WHERE scheme_code = 'hand_check' AND grain = 'month' AND period_start = '2024-03-01'$$,
    $$SELECT institution_id, dimension_code, assessed, met, not_assessed, status FROM expected_member$$,
    'member × dimension rows of March: item counts and status');
SELECT is_empty(
    $$SELECT e.institution_id, e.dimension_code, e.score, m.score
      FROM expected_member e JOIN unification_member m USING (institution_id, dimension_code)
      WHERE m.scheme_code = 'hand_check' AND m.grain = 'month' AND m.period_start = '2024-03-01'
        AND NOT (e.score IS NULL AND m.score IS NULL)
        AND (e.score IS NULL OR m.score IS NULL OR abs(e.score - m.score) > 1e-9)$$,
    'member dimension scores of March as worked out by hand');
SELECT is((SELECT coverage FROM unification_member WHERE scheme_code = 'hand_check' AND grain = 'month'
             AND period_start = '2024-03-01' AND institution_id = 1202 AND dimension_code = 'staffing'),
          50::float8, '1202 staffing coverage: 1 of 2 items assessed, in percent');
SELECT is((SELECT reason FROM unification_member WHERE scheme_code = 'hand_check' AND grain = 'month'
             AND period_start = '2024-03-01' AND institution_id = 1101 AND dimension_code = 'governance'),
          '1 of 2 item-months without evidence', 'a not_assessable dimension says why');

-- Alliance dimension scores, March, equal member weights: the mean of the members' scores.
-- Alliance 1: governance (100 + 100 + 100/3)/3 = 700/9 = 77.78; staffing (50 + 75 + 50)/3 = 58.33;
--   supply (75 + 100 + 25)/3 = 66.67; platform (100 + 0)/2 = 50 (the lead has no platform item).
-- Alliance 2: governance (100 + 100 + 50)/3 = 83.33; staffing: only 1202 has a score → 0;
--   supply (100 + 50)/2 = 75 (1202 has none); platform (50 + 0)/2 = 25.
CREATE TEMP TABLE expected_alliance (alliance_id int, dimension_code text, score float8, members int,
                                     members_scored int, fully int);
INSERT INTO expected_alliance VALUES
    (1, 'governance', 700.0 / 9, 3, 3, 1), (1, 'staffing', 175.0 / 3, 3, 3, 0),
    (1, 'supply', 200.0 / 3, 3, 3, 1), (1, 'platform', 50, 2, 2, 1),
    (2, 'governance', 250.0 / 3, 3, 3, 0), (2, 'staffing', 0, 3, 1, 0),
    (2, 'supply', 75, 3, 2, 1), (2, 'platform', 25, 2, 2, 0);
SELECT set_eq(
    $$SELECT alliance_id, dimension_code, members, members_scored, members_fully_compliant
      FROM unification_alliance_dimension WHERE scheme_code = 'hand_check' AND grain = 'month' AND period_start = '2024-03-01'$$,
    $$SELECT alliance_id, dimension_code, members, members_scored, fully FROM expected_alliance$$,
    'alliance × dimension rows of March: members, members scored, members fully compliant');
SELECT is_empty(
    $$SELECT e.*, a.score FROM expected_alliance e JOIN unification_alliance_dimension a USING (alliance_id, dimension_code)
      WHERE a.scheme_code = 'hand_check' AND a.grain = 'month' AND a.period_start = '2024-03-01'
        AND abs(e.score - a.score) > 1e-9$$,
    'alliance dimension scores of March (equal weights) as worked out by hand');

-- Overall: Σ W_d·S_d / Σ W_d with W = (1, 1, 2, 1).
-- Alliance 1: (700/9 + 175/3 + 2·200/3 + 50)/5 = (700 + 525 + 1200 + 450)/45 = 2875/45 = 63.89 → C.
-- Alliance 2: (250/3 + 0 + 2·75 + 25)/5 = (250 + 525)/15 = 775/15 = 51.67 → D.
-- Coverage: alliance 1: 1101 4 of 5, 1102 8 of 8, 1103 8 of 8 → 20/21;
--           alliance 2: 1201 3 of 5, 1202 4 of 8, 1203 4 of 6 → 11/19.
-- Weakest: alliance 1 platform (50), alliance 2 staffing (0).  Fully compliant in every
-- dimension: none (1102 is not_met in staffing).  Never assessed in alliance 2: g_committee, s_recruit.
SELECT ok((SELECT abs(overall_score - 2875.0 / 45) < 1e-9 AND grade = 'C' AND abs(coverage - 2000.0 / 21) < 1e-10
                  AND weakest_dimension = 'platform' AND weakest_score = 50 AND members = 3
                  AND members_fully_compliant = 0 AND items_without_evidence IS NULL
           FROM unification_alliance WHERE scheme_code = 'hand_check' AND alliance_id = 1
             AND grain = 'month' AND period_start = '2024-03-01'),
          'alliance 1, March: overall 2875/45, grade C, coverage 20/21, weakest platform');
SELECT ok((SELECT abs(overall_score - 775.0 / 15) < 1e-9 AND grade = 'D' AND abs(coverage - 1100.0 / 19) < 1e-10
                  AND weakest_dimension = 'staffing' AND weakest_score = 0
                  AND items_without_evidence = 'g_committee, s_recruit'
           FROM unification_alliance WHERE scheme_code = 'hand_check' AND alliance_id = 2
             AND grain = 'month' AND period_start = '2024-03-01'),
          'alliance 2, March: overall 775/15, grade D, coverage 11/19, weakest staffing, two items never evidenced');
SELECT is((SELECT administration_score FROM unification_alliance WHERE scheme_code = 'hand_check' AND alliance_id = 1
             AND grain = 'month' AND period_start = '2024-03-01'), NULL::float8,
          'the six-unification columns are NULL for a scheme without those dimensions');

-- Grade thresholds are configuration: with B at 60 alliance 1 (63.89) is B.
UPDATE unification_grade SET min_score = 50 WHERE scheme_code = 'hand_check' AND grade = 'C';
UPDATE unification_grade SET min_score = 60 WHERE scheme_code = 'hand_check' AND grade = 'B';
SELECT is((SELECT grade FROM unification_alliance WHERE scheme_code = 'hand_check' AND alliance_id = 1
             AND grain = 'month' AND period_start = '2024-03-01'), 'B', 'grades follow unification_grade');

-- Volume weighting: March encounters 1101 6, 1102 3, 1103 1.
-- governance (6·100 + 3·100 + 1·100/3)/10 = 93.33; staffing (6·50 + 3·75 + 1·50)/10 = 57.5;
-- platform (3·100 + 1·0)/4 = 75.
UPDATE unification_setting SET member_weighting = 'volume' WHERE scheme_code = 'hand_check';
SELECT is_empty(
    $$SELECT * FROM (VALUES ('governance', 280.0 / 3), ('staffing', 57.5), ('platform', 75.0)) e(dimension_code, score)
      JOIN unification_alliance_dimension a USING (dimension_code)
      WHERE a.scheme_code = 'hand_check' AND a.alliance_id = 1 AND a.grain = 'month' AND a.period_start = '2024-03-01'
        AND abs(e.score - a.score) > 1e-9$$,
    'volume weighting: members weigh by their encounters');
UPDATE unification_setting SET member_weighting = 'equal' WHERE scheme_code = 'hand_check';

-- Quarter = merge of the months, not a mean of monthly scores.  1103 governance, Q1:
-- committee 1 in Jan, Feb, Mar (w 1 each); legal rep only in March (valid 1 month): 0, w 2;
-- Jan and Feb legal rep not assessed.  100·(3·1 + 2·0)/(3 + 2) = 60, assessed 4, not assessed 2
-- (the mean of the monthly scores would be (100 + 100 + 33.3)/3 = 77.8).
SELECT ok((SELECT abs(score - 60) < 1e-9 AND items_assessed = 4 AND items_not_assessed = 2 AND months_with_data = 3
           FROM unification_member WHERE scheme_code = 'hand_check' AND grain = 'quarter' AND period_start = '2024-01-01'
             AND institution_id = 1103 AND dimension_code = 'governance'),
          '1103 governance over Q1: 60 from the item-months, 4 assessed, 2 not');

-- Every quarterly member score equals the one-pass plain-SQL score over the quarter's item results.
SELECT is_empty(
    $$WITH one_pass AS (
          SELECT r.institution_id, it.dimension_code,
                 100 * sum(it.weight * r.score_fraction::float8) FILTER (WHERE r.score_fraction IS NOT NULL)
                     / nullif(sum(it.weight) FILTER (WHERE r.score_fraction IS NOT NULL), 0) AS score,
                 count(r.score_fraction) AS assessed, count(*) - count(r.score_fraction) AS not_assessed
          FROM unification_item_result r JOIN unification_item it USING (scheme_code, item_code)
          WHERE r.scheme_code = 'hand_check' AND r.period_start BETWEEN '2024-01-01' AND '2024-03-01'
          GROUP BY 1, 2)
      SELECT * FROM one_pass o FULL JOIN (
          SELECT institution_id, dimension_code, score, items_assessed, items_not_assessed FROM unification_member
          WHERE scheme_code = 'hand_check' AND grain = 'quarter' AND period_start = '2024-01-01') m
        USING (institution_id, dimension_code)
      WHERE o.assessed IS DISTINCT FROM m.items_assessed OR o.not_assessed IS DISTINCT FROM m.items_not_assessed
         OR (o.score IS NULL) <> (m.score IS NULL) OR abs(o.score - m.score) > 1e-9 * greatest(1, abs(o.score))$$,
    'quarterly member scores = one pass over the quarter''s item results (merge is exact)');

-- Quarter of the alliance view equals the alliance-level computation from the quarterly member rows
-- worked in plain SQL, and the serial plan agrees with a forced parallel one.
CREATE TEMP TABLE serial_q AS SELECT * FROM unification_alliance WHERE scheme_code = 'hand_check';
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL force_parallel_mode = on;
SELECT is_empty(
    $$(SELECT alliance_id, period_start, grain, overall_score, grade, coverage, weakest_dimension FROM serial_q
       EXCEPT SELECT alliance_id, period_start, grain, overall_score, grade, coverage, weakest_dimension
       FROM unification_alliance WHERE scheme_code = 'hand_check')
      UNION ALL
      (SELECT alliance_id, period_start, grain, overall_score, grade, coverage, weakest_dimension
       FROM unification_alliance WHERE scheme_code = 'hand_check'
       EXCEPT SELECT alliance_id, period_start, grain, overall_score, grade, coverage, weakest_dimension FROM serial_q)$$,
    'the alliance view under a forced parallel plan equals the serial one');
RESET force_parallel_mode;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;

-- Refresh touches only the months asked for, and logs.
SELECT lives_ok($$SELECT refresh_unification('2024-03-10', '2024-03-20', '{hand_check}')$$, 'refresh of March alone');
SELECT is((SELECT count(DISTINCT refresh_id) FROM unification_state WHERE scheme_code = 'hand_check'
             AND period_start < '2024-03-01'), 1::bigint, 'January and February keep the first refresh''s rows');
SELECT is((SELECT refresh_id FROM unification_state WHERE scheme_code = 'hand_check' AND period_start = '2024-03-01' LIMIT 1),
          (SELECT max(refresh_id) FROM refresh_log), 'March was rewritten by the second refresh');
SELECT ok((SELECT layer = 'unification' AND period_from = '2024-03-01' AND period_to = '2024-03-01'
                  AND rows_written = 6 AND finished_at IS NOT NULL
                  AND details -> 'evidence_rows_not_read' = '{"info_9": 1}'
           FROM refresh_log ORDER BY refresh_id DESC LIMIT 1),
          'refresh_log: layer unification, the month, 6 member states, and the evidence no item read');

-- Alliance-level evidence changes every member without its own row: alliance 2's committee in March.
INSERT INTO unification_evidence (alliance_id, institution_id, period_start, item_code, evidence_value)
VALUES (2, NULL, '2024-03-01', 'adm_1', 0);
SELECT refresh_unification('2024-03-01', '2024-03-01', '{hand_check}') IS NOT NULL AS refreshed \gset
-- 1201 governance: (1·0 + 2·1)/3 = 66.67; 1202 the same; 1203: (0 + 2·0.5)/3 = 33.33.
SELECT is_empty(
    $$SELECT * FROM (VALUES (1201, 200.0 / 3), (1202, 200.0 / 3), (1203, 100.0 / 3)) e(institution_id, score)
      JOIN unification_member m USING (institution_id)
      WHERE m.scheme_code = 'hand_check' AND m.grain = 'month' AND m.period_start = '2024-03-01'
        AND m.dimension_code = 'governance' AND abs(e.score - m.score) > 1e-9$$,
    'an alliance-level row counts for every member without its own');

-- Bad calls.
SELECT throws_ok($$SELECT refresh_unification('2024-01-01', '2024-03-01', '{no_such_scheme}')$$,
                 '22023', 'unknown checklist scheme(s): no_such_scheme', 'unknown scheme: 22023 naming it');
SELECT throws_ok($$SELECT refresh_unification('2024-01-01', '2024-03-01', '{hainan_2024_targets}')$$,
                 '22023', 'unknown checklist scheme(s): hainan_2024_targets', 'a targets scheme is not a checklist');
SELECT throws_ok($$SELECT refresh_unification('2024-03-01', '2024-01-01')$$,
                 '22023', NULL, 'an empty period: 22023');

SELECT * FROM finish();
ROLLBACK;
