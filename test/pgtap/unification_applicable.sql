-- What does not apply is not judged.  An evidence row may mark an item not
-- applicable to a member (not_applicable, evidence_value NULL), and an item
-- may say it does not apply to the lead (applies_to_lead false): either way
-- the item is off that member's checklist — no item result, not counted in
-- coverage — instead of lowering coverage forever.  On the hand-built world
-- (test/fixtures/unification_world.sql), March 2024:
--   g_legal_rep (adm_4, valid 1 month) has, in alliance 1, rows for 1102
--   (1) and 1103 (0) and none for the lead 1101: 1101 is "not assessed".
BEGIN;
SET search_path = medalliance, public;
SELECT plan(7);

\i test/fixtures/unification_world.sql

SELECT lives_ok($$SELECT refresh_unification('2024-03-01', '2024-03-31', '{hand_check}')$$, 'March, as given');
SELECT is((SELECT reason FROM unification_item_result
           WHERE institution_id = 1101 AND item_code = 'g_legal_rep' AND alliance_id = 1 AND period_start = '2024-03-01'),
          'no adm_4 evidence in force (valid 1 months)', 'the lead has no legal-representative evidence: not assessed');
CREATE TEMP TABLE before AS
SELECT institution_id, items_total, items_not_assessed FROM unification_member
WHERE scheme_code = 'hand_check' AND alliance_id = 1 AND grain = 'month' AND period_start = '2024-03-01'
  AND dimension_code = 'governance';

-- The item does not apply to the lead: off its checklist.
UPDATE unification_item SET applies_to_lead = false WHERE scheme_code = 'hand_check' AND item_code = 'g_legal_rep';
SELECT lives_ok($$SELECT refresh_unification('2024-03-01', '2024-03-31', '{hand_check}')$$, 'March, adm_4 not for the lead');
SELECT is_empty($$SELECT * FROM unification_item_result WHERE institution_id = 1101 AND alliance_id = 1
                  AND item_code = 'g_legal_rep'$$, 'the lead has no g_legal_rep result');
-- 1101's governance: g_committee only — one item fewer, and no item without evidence.
SELECT results_eq($$SELECT m.items_total, m.items_not_assessed FROM unification_member m
                    WHERE scheme_code = 'hand_check' AND alliance_id = 1 AND grain = 'month'
                      AND period_start = '2024-03-01' AND dimension_code = 'governance' AND institution_id = 1101$$,
                  $$SELECT items_total - 1, items_not_assessed - 1 FROM before WHERE institution_id = 1101$$,
                  'the lead''s governance checklist lost the item, and with it the item without evidence');

-- Evidence marks the item not applicable to member 1103 in March.
UPDATE unification_evidence SET evidence_value = NULL, not_applicable = true
WHERE alliance_id = 1 AND institution_id = 1103 AND item_code = 'adm_4';
SELECT lives_ok($$SELECT refresh_unification('2024-03-01', '2024-03-31', '{hand_check}')$$, 'March, adm_4 not for 1103');
-- 1103's governance was g_committee 1 (w 1) and g_legal_rep 0 (w 2): 100·1/3; now g_committee alone: 100.
SELECT results_eq($$SELECT m.score, m.items_total FROM unification_member m
                    WHERE scheme_code = 'hand_check' AND alliance_id = 1 AND grain = 'month'
                      AND period_start = '2024-03-01' AND dimension_code = 'governance' AND institution_id = 1103$$,
                  $$SELECT 100::double precision, items_total - 1 FROM before WHERE institution_id = 1103$$,
                  'for 1103 the item is off the checklist: governance is g_committee alone, 100');

SELECT * FROM finish();
ROLLBACK;
