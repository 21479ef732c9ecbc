-- Items not assessed, told apart: an attested item without an evidence row in
-- force is evidence to collect (unification_missing_evidence); a derived item
-- whose facts give its rule nothing to judge (no order placed that month) is
-- not assessable, with the rule's reason, and is not on the to-collect list
-- (unification_not_assessable).  On the hand-built warehouse of
-- test/fixtures/unification_world.sql; every count below is worked out by hand
-- from that file.
BEGIN;
SET search_path = medalliance, public;
SELECT plan(9);

\i test/fixtures/unification_world.sql

SELECT lives_ok($$SELECT refresh_unification('2024-01-01', '2024-03-31', '{hand_check}')$$, 'Q1 2024 refreshed');

-- Alliance 2, March.  Members 1201 (lead, county hospital), 1202 (township
-- centre), 1203 (village clinic); every one has g_committee, g_legal_rep,
-- s_recruit, p_platform and p_price on its checklist.
--   g_committee (attested adm_1): the alliance's row of 2023-12 is valid 3
--     months, Dec–Feb, so none in force in March: 3 of 3 members, 3 of 3
--     member-months to collect, never evidenced.
--   s_recruit (attested hr_1): alliance 2 has no hr_1 row: 3 of 3, never.
--   g_legal_rep: the alliance's adm_4 row of March covers every member: absent.
--   p_platform, p_price (derived from procurement): 1202 ordered nothing in
--     March (1201 and 1203 ordered Z): 1 of 3 members, 1 of 3 member-months
--     with nothing to judge; not to collect.
SELECT set_eq(
    $$SELECT item_code, evidence_kind, members_without_evidence, members, member_months_without_evidence,
             member_months, never_assessed
      FROM unification_missing_evidence
      WHERE scheme_code = 'hand_check' AND alliance_id = 2 AND grain = 'month' AND period_start = '2024-03-01'$$,
    $$VALUES ('g_committee', 'attested', 3, 3, 3, 3, true), ('s_recruit', 'attested', 3, 3, 3, 3, true)$$,
    'alliance 2, March: to collect are the two attested items without a row in force, and nothing derived');
SELECT set_eq(
    $$SELECT item_code, rule_code, reason, members_not_assessable, members, member_months_not_assessable,
             member_months, never_assessable
      FROM unification_not_assessable
      WHERE scheme_code = 'hand_check' AND alliance_id = 2 AND grain = 'month' AND period_start = '2024-03-01'$$,
    $$VALUES ('p_platform', 'procurement_platform_share', 'no procurement in the month', 1, 3, 1, 3, false),
             ('p_price', 'uniform_unit_price', 'no procurement in the month', 1, 3, 1, 3, false)$$,
    'alliance 2, March: the derived procurement items of the member that ordered nothing are not assessable, with the reason');
SELECT is_empty(
    $$SELECT item_code FROM unification_missing_evidence m
      JOIN unification_item it USING (scheme_code, item_code)
      WHERE m.scheme_code = 'hand_check' AND it.evidence_kind = 'derived'$$,
    'no derived item is ever on the to-collect list, any alliance or period');
SELECT is((SELECT items_without_evidence FROM unification_alliance WHERE scheme_code = 'hand_check' AND alliance_id = 2
             AND grain = 'month' AND period_start = '2024-03-01'), 'g_committee, s_recruit',
          'alliance 2, March: the items never evidenced are the attested ones to collect');

-- Alliance 1, March: 1101 (the lead) has no adm_4 row of its own and the
-- alliance none (1102 and 1103 have theirs): g_legal_rep, 1 of 3 members and
-- member-months, to collect.  Every member ordered something: nothing derived
-- is unassessable.
SELECT set_eq(
    $$SELECT item_code, members_without_evidence, members, member_months_without_evidence, member_months, never_assessed
      FROM unification_missing_evidence
      WHERE scheme_code = 'hand_check' AND alliance_id = 1 AND grain = 'month' AND period_start = '2024-03-01'$$,
    $$VALUES ('g_legal_rep', 1, 3, 1, 3, false)$$,
    'alliance 1, March: only the lead''s legal-representative attestation is to collect');
SELECT is_empty(
    $$SELECT * FROM unification_not_assessable
      WHERE scheme_code = 'hand_check' AND alliance_id = 1 AND grain = 'month' AND period_start = '2024-03-01'$$,
    'alliance 1, March: every member ordered, nothing is unassessable');

-- The quarter: no procurement at all in January and February.  p_platform,
-- alliance 2: 1201 and 1203 lack facts in 2 months each, 1202 in 3: all 3
-- members, 7 of 9 member-months; alliance 1: 1101, 1102, 1103 2 months each:
-- 3 members, 6 of 9.  Not never: every member ordered in March except 1202.
SELECT set_eq(
    $$SELECT alliance_id, members_not_assessable, members, member_months_not_assessable, member_months, never_assessable
      FROM unification_not_assessable
      WHERE scheme_code = 'hand_check' AND item_code = 'p_platform' AND grain = 'quarter' AND period_start = '2024-01-01'$$,
    $$VALUES (1, 3, 3, 6, 9, false), (2, 3, 3, 7, 9, false)$$,
    'Q1: p_platform has nothing to judge in 6 of 9 and 7 of 9 member-months');
-- January alone: nothing ordered by anyone, so the procurement items are
-- never assessable that month, and still nothing derived is to collect.
SELECT set_eq(
    $$SELECT alliance_id, item_code, never_assessable FROM unification_not_assessable
      WHERE scheme_code = 'hand_check' AND grain = 'month' AND period_start = '2024-01-01'$$,
    $$VALUES (1, 'p_platform', true), (1, 'p_price', true), (2, 'p_platform', true), (2, 'p_price', true)$$,
    'January: the procurement items of both alliances are never assessable');

SELECT * FROM finish();
ROLLBACK;
