-- Six unifications on the synthetic province: the alliances that
-- generate_demo_province made weak in a dimension (demo_alliance_profile)
-- come out lowest in that dimension.  The profile is the generator's plan,
-- not this extension's output.  Then every figure of the views against a
-- plain-SQL computation from the item level (test/fixtures/unification_plain.sql).
BEGIN;
CREATE EXTENSION IF NOT EXISTS medalliance_demo;
SET search_path = medalliance, medalliance_demo, public;
SELECT plan(18);

SELECT lives_ok($$SELECT * FROM generate_demo_province(0.01, 1)$$, 'the synthetic province at scale 0.01');
SELECT lives_ok($$SELECT refresh_unification('2024-01-01', '2024-12-31', '{six_unifications}')$$,
                'refresh of 2024, six unifications');

CREATE TEMP TABLE year_2024 AS
SELECT d.alliance_id, d.dimension_code, d.score, p.weak_unification_dimension AS weak
FROM unification_alliance_dimension d
JOIN demo_alliance_profile p USING (alliance_id)
WHERE d.scheme_code = 'six_unifications' AND d.grain = 'year' AND d.period_start = '2024-01-01';

-- For each dimension: every alliance made weak in it scores below every other alliance.
SELECT is_empty(
    format($$SELECT w.alliance_id, w.score, o.alliance_id, o.score
             FROM year_2024 w JOIN year_2024 o USING (dimension_code)
             WHERE w.dimension_code = %L AND w.weak = %L AND o.weak IS DISTINCT FROM %L
               AND NOT (w.score < o.score)$$, dim, dim, dim),
    format('the alliances weak in %s score lowest in %s', dim, dim))
FROM unnest(ARRAY['administration', 'personnel', 'finance', 'quality', 'drugs_devices', 'information']) dim;

-- Evidence to collect versus items with nothing to judge.  drug_2 (one unit
-- price, derived from procurement, on every member's checklist) has nothing
-- to judge exactly in the member-months with no order line: counted here from
-- the procurement facts and the stored member-months, not from the trail.
SELECT is_empty(
    $$SELECT m.alliance_id, m.item_code FROM unification_missing_evidence m
      JOIN unification_item it USING (scheme_code, item_code)
      WHERE m.scheme_code = 'six_unifications' AND it.evidence_kind = 'derived'$$,
    'province: no derived item is on the to-collect list');
SELECT is((SELECT sum(member_months_not_assessable) FROM unification_not_assessable
           WHERE scheme_code = 'six_unifications' AND item_code = 'drug_2' AND grain = 'year'
             AND period_start = '2024-01-01' AND reason = 'no procurement in the month'),
          (SELECT count(*) FROM unification_state s
           WHERE s.scheme_code = 'six_unifications' AND s.period_start >= '2024-01-01' AND s.period_start < '2025-01-01'
             AND NOT EXISTS (SELECT FROM procurement p WHERE p.institution_id = s.institution_id
                               AND p.ordered_on >= s.period_start
                               AND p.ordered_on < s.period_start + interval '1 month')),
          'province: drug_2 is not assessable, for want of an order, in exactly the member-months without one');
SELECT cmp_ok((SELECT count(*) FROM unification_state s
               WHERE s.scheme_code = 'six_unifications' AND s.period_start >= '2024-01-01'
                 AND s.period_start < '2025-01-01'
                 AND NOT EXISTS (SELECT FROM procurement p WHERE p.institution_id = s.institution_id
                                   AND p.ordered_on >= '2024-01-01' AND p.ordered_on < '2025-01-01')), '>', 0::bigint,
              '... which include members that order nothing all year, such as public-health bodies (not vacuous)');

-- Every stored roll-up of the year against the plain-SQL computation from the item level.
\set plain_label 'province 0.01, 2024'
\i test/fixtures/unification_plain.sql

-- The audit trail is compact: the former one row per member-item-month took
-- 224 bytes (517 MB for the 2.4 million item results of 2024, all schemes, at
-- this scale); five times less is under 44.8 bytes, indexes included.  The
-- rows are measured in a fresh copy with the same indexes: the table itself
-- also holds the dead rows of earlier tests in this database, rolled back.
CREATE TEMP TABLE trail_copy AS SELECT * FROM unification_item_trail;
CREATE UNIQUE INDEX ON trail_copy (institution_id, alliance_id, scheme_code, period_start);
CREATE INDEX ON trail_copy (period_start);
SELECT cmp_ok((SELECT pg_total_relation_size('trail_copy')::numeric / sum(cardinality(item_keys))
               FROM trail_copy), '<', 44.8,
              'the audit trail takes under a fifth of the former bytes per member-item-month');

SELECT * FROM finish();
ROLLBACK;
