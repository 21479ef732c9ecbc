-- The stored six-unification roll-ups against a plain-SQL computation from the
-- item level (test/fixtures/unification_plain.sql), on the hand-built
-- warehouse of test/fixtures/unification_world.sql; the synthetic province at
-- scale 0.01 gets the same comparison in unification_province.sql.  Also: the
-- roll-ups follow a one-month refresh, and the audit trail is compact.
BEGIN;
SET search_path = medalliance, public;
SELECT plan(23);

\i test/fixtures/unification_world.sql

SELECT lives_ok($$SELECT refresh_unification('2024-01-01', '2024-03-31', '{hand_check}')$$, 'Q1 2024 refreshed');
\set plain_label 'hand world, Q1'
\i test/fixtures/unification_plain.sql

-- A month refreshed alone after new evidence: its quarter and year are merged
-- again (alliance 2's committee, March: from never evidenced to evidenced).
INSERT INTO unification_evidence (alliance_id, institution_id, period_start, item_code, evidence_value)
VALUES (2, NULL, '2024-03-01', 'adm_1', 0);
SELECT lives_ok($$SELECT refresh_unification('2024-03-01', '2024-03-31', '{hand_check}')$$, 'March refreshed alone');
\set plain_label 'hand world, after March alone'
\i test/fixtures/unification_plain.sql
SELECT is((SELECT items_without_evidence FROM unification_alliance WHERE scheme_code = 'hand_check' AND alliance_id = 2
             AND grain = 'month' AND period_start = '2024-03-01'), 's_recruit',
          'alliance 2, March: g_committee is no longer never evidenced (the new alliance row)');

-- unification_member_period has no unique index: its key is unique by
-- construction, after a quarter's refresh and a month's refresh over it.
SELECT is((SELECT count(*) FROM (SELECT member_key, grain, period_start
                                 FROM unification_member_period GROUP BY 1, 2, 3 HAVING count(*) > 1) d),
          0::bigint, 'unification_member_period: one row per alliance, scheme, period, member and dimension');
-- unification_item_year has no primary key either: one row per alliance,
-- scheme, item, year and member by construction, after both refreshes.
SELECT is((SELECT count(*) FROM (SELECT alliance_id, scheme_code, item_key, year, institution_id
                                 FROM unification_item_year GROUP BY 1, 2, 3, 4, 5 HAVING count(*) > 1) d),
          0::bigint, 'unification_item_year: one row per alliance, scheme, item, year and member');
-- and every row names its alliance twice, the same (the key's, and its own for reads by alliance)
SELECT is((SELECT count(*) FROM unification_member_period m
           LEFT JOIN unification_member_key k ON k.member_key = m.member_key
           WHERE k.alliance_id IS DISTINCT FROM m.alliance_id),
          0::bigint, 'unification_member_period: every row''s key exists and has the row''s alliance');

-- The trail's items are in key order (the arrays are aggregated over input
-- sorted by member, month, scheme and key; the comment on item_keys says ascending).
SELECT is((SELECT count(*) FROM unification_item_trail t
           CROSS JOIN LATERAL generate_subscripts(t.item_keys, 1) AS i
           WHERE i > 1 AND t.item_keys[i] <= t.item_keys[i - 1]),
          0::bigint, 'unification_item_trail: each row''s item_keys strictly ascending');

-- The item-year masks (kept beside the trail for the summaries of items not
-- assessed) are the trail's months, after the one-month refresh as before it.
SELECT set_eq(
    $$SELECT alliance_id, scheme_code, item_key, year, institution_id, months_listed, months_missing, months_derived
      FROM unification_item_year$$,
    $$SELECT t.alliance_id, t.scheme_code, u.item_key, date_trunc('year', t.period_start)::date AS year, t.institution_id,
             sum(2 ^ (extract(month FROM t.period_start) - 1))::integer AS listed,
             coalesce(sum(2 ^ (extract(month FROM t.period_start) - 1)) FILTER (WHERE u.score IS NULL), 0)::integer AS missing,
             coalesce(sum(2 ^ (extract(month FROM t.period_start) - 1)) FILTER (WHERE u.source = 'r'), 0)::integer AS derived
      FROM unification_item_trail t
      CROSS JOIN LATERAL unnest(t.item_keys, t.scores, string_to_array(t.sources, NULL)) AS u(item_key, score, source)
      GROUP BY 1, 2, 3, 4, 5$$,
    'unification_item_year holds, per member, item and year, the months of the trail: listed, not assessed, derived');

-- The audit trail answers why a member lost points: 1103 governance, March,
-- 100·(1·1 + 2·0)/3: g_legal_rep lost its whole weight 2, on its own evidence of March.
SELECT results_eq(
    $$SELECT item_code, score_fraction, evidence_source, evidence_period, weight_lost FROM unification_item_result
      WHERE institution_id = 1103 AND period_start = '2024-03-01' AND dimension_code = 'governance' ORDER BY item_code$$,
    $$VALUES ('g_committee', 1::numeric, 'alliance', '2024-01-01'::date, 0::float8),
             ('g_legal_rep', 0::numeric, 'member', '2024-03-01'::date, 2::float8)$$,
    'unification_item_result: the items, their evidence and the weight each lost');
SELECT ok((SELECT 100 * (1 - sum(weight_lost) / sum(item_weight)) FROM unification_item_result
           WHERE institution_id = 1103 AND period_start = '2024-03-01' AND dimension_code = 'governance'
             AND score_fraction IS NOT NULL) - 100.0 / 3 BETWEEN -1e-9 AND 1e-9,
          'the lost weights give the dimension score: 100·(1 − 2/3)');
SELECT ok((SELECT pg_column_size(t.*)::float8 / cardinality(t.item_keys) FROM unification_item_trail t
           WHERE institution_id = 1102 AND period_start = '2024-03-01') < 44.8,
          'the trail stores 1102''s 8 item results of March in under a fifth of the former 224 bytes each');

SELECT * FROM finish();
ROLLBACK;
