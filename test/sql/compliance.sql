-- The compliance type (六统一): text form, aggregation, merging and readers.
-- Every number is worked out by hand in the comments; the boolean columns
-- compare the extension's answer with those hand-worked fractions.
SET search_path = medalliance, public;
SET extra_float_digits = 0;

-- Text form: spaces allowed, dimensions written in ascending order, sums with
-- the shortest digits that read back exactly (whatever extra_float_digits says).
SELECT '{}'::compliance AS empty,
       ' { 3 : ( 0.5 , 1 , 1 , 0 , 0 ) , 1:(1.5,2,2,1,0) } '::compliance AS reordered,
       '{16:(0,0,0,0,7)}'::compliance AS sixteen_not_assessed,
       '{2:(0.1,0.30000000000000004,3,0,0)}'::compliance AS exact_digits;
-- Round trip: text out, text in, text out gives the same text.
SELECT c::text::compliance::text = c::text AS text_round_trip
FROM (VALUES ('{1:(0.30000000000000004,0.7,2,0,1),6:(1e-300,1e+300,1,0,0)}'::compliance)) v(c);
-- Binary form: version 1, mask 0x0005 (dimensions 1 and 3), then per dimension
-- float8 1.5 = 3ff8000000000000, float8 2 = 4000000000000000, int64 2, 1, 0;
-- float8 0.5 = 3fe0000000000000, float8 1 = 3ff0000000000000, int64 1, 0, 0.
SELECT compliance_send('{1:(1.5,2,2,1,0),3:(0.5,1,1,0,0)}') =
       ('\x01' || '0005'
        || '3ff8000000000000' || '4000000000000000'
        || '0000000000000002' || '0000000000000001' || '0000000000000000'
        || '3fe0000000000000' || '3ff0000000000000'
        || '0000000000000001' || '0000000000000000' || '0000000000000000')::bytea
       AS binary_layout;

-- A hand-worked example: three members of one alliance.  (member, dimension,
-- item, score, weight); score 1 met, 0.5 partial, 0 absent, NULL not assessed.
CREATE TEMP TABLE evidence (member text, dimension int, item text, score float8, weight float8);
INSERT INTO evidence VALUES
    ('A', 1, 'adm_1', 1,    2), ('A', 1, 'adm_2', 0.5, 1), ('A', 1, 'adm_3', 0,    1),
    ('A', 2, 'hr_1',  1,    1), ('A', 2, 'hr_2',  NULL, 1), ('A', 6, 'info_1', 1,  3),
    ('B', 1, 'adm_1', 1,    2), ('B', 1, 'adm_2', 1,   1), ('B', 1, 'adm_3', NULL, 1),
    ('B', 2, 'hr_1',  0.5,  1), ('B', 2, 'hr_2',  0,   1), ('B', 6, 'info_1', 0.5, 3),
    ('C', 1, 'adm_1', 0,    2), ('C', 4, 'qc_1',  1,   0), ('C', 4, 'qc_2',  0.5,  0);

-- Per member, by hand:
-- A  d1: Σwc = 2·1 + 1·0.5 + 1·0 = 2.5, Σw = 4 → 62.5; 3 assessed, 1 met
--    d2: Σwc = 1, Σw = 1 (hr_2 not assessed) → 100; 1 assessed, 1 met, 1 not assessed
--    d6: Σwc = 3·1 = 3, Σw = 3 → 100; 1 assessed, 1 met
--    overall (equal) = (62.5 + 100 + 100) / 3 = 87.5; coverage 5/6
--    overall with weights {2,1,1,1,1,1} = (2·62.5 + 100 + 100) / (2+1+1) = 81.25
-- B  d1: Σwc = 2·1 + 1·1 = 3, Σw = 3 (adm_3 not assessed) → 100; 2 assessed, 2 met
--    d2: Σwc = 0.5 + 0 = 0.5, Σw = 2 → 25; 2 assessed, 0 met
--    d6: Σwc = 3·0.5 = 1.5, Σw = 3 → 50; 1 assessed, 0 met
--    overall = (100 + 25 + 50) / 3 = 58.333…; weighted = (200 + 25 + 50) / 4 = 68.75
-- C  d1: Σwc = 0, Σw = 2 → 0; d4: both items weigh 0 → no score, 2 assessed, 1 met
--    overall = 0 (d1 only); weighted = 0
CREATE TEMP TABLE member_state AS
SELECT member, compliance_agg(dimension, score, weight) AS c FROM evidence GROUP BY member;
SELECT member, c FROM member_state ORDER BY member;
SELECT member, dimension_scores(c), overall_score(c), overall_score(c, '{2,1,1,1,1,1}'),
       items_assessed(c), items_met(c), items_not_assessed(c), coverage(c)
FROM member_state ORDER BY member;
SELECT overall_score(c) = 87.5 AS a_overall, overall_score(c, '{2,1,1,1,1,1}') = 81.25 AS a_weighted,
       abs(coverage(c) - 5.0 / 6) < 1e-15 AS a_coverage
FROM member_state WHERE member = 'A';
SELECT abs(overall_score(c) - 175.0 / 3) < 1e-12 AS b_overall,
       overall_score(c, '{2,1,1,1,1,1}') = 68.75 AS b_weighted
FROM member_state WHERE member = 'B';
SELECT dimension_score(c, 4) IS NULL AS c_zero_weights_no_score, items_assessed(c, 4) AS c_d4_assessed,
       items_met(c, 4) AS c_d4_met, overall_score(c) = 0 AS c_overall
FROM member_state WHERE member = 'C';

-- The alliance, by hand (all three members):
--   d1: Σwc = 2.5 + 3 + 0 = 5.5, Σw = 4 + 3 + 2 = 9 → 550/9 = 61.111…; 6 assessed, 3 met, 1 not assessed
--   d2: Σwc = 1 + 0.5 = 1.5, Σw = 1 + 2 = 3 → 50; 3 assessed, 1 met, 1 not assessed
--   d4: no score; 2 assessed, 1 met
--   d6: Σwc = 3 + 1.5 = 4.5, Σw = 6 → 75; 2 assessed, 1 met
--   overall (equal, over d1 d2 d6) = (550/9 + 50 + 75) / 3 = 1675/27 = 62.037…
--   overall with {2,1,1,1,1,1} = (1100/9 + 50 + 75) / 4 = 2225/36 = 61.805…
--   items: 13 assessed, 6 met, 2 not assessed → coverage 13/15
--   against a checklist of 3, 2, 0, 2, 0, 1 items per dimension for 3 members,
--   items_total = {9,6,0,6,0,3} = 24 → coverage 13/24
CREATE TEMP TABLE alliance_state AS SELECT compliance_agg(dimension, score, weight) AS c FROM evidence;
SELECT c, dimension_scores(c), items_assessed(c), items_met(c), items_not_assessed(c) FROM alliance_state;
SELECT abs(dimension_score(c, 1) - 550.0 / 9) < 1e-12 AS d1, dimension_score(c, 2) = 50 AS d2,
       dimension_score(c, 3) IS NULL AS d3_absent, dimension_score(c, 4) IS NULL AS d4_unweighted,
       dimension_score(c, 6) = 75 AS d6,
       abs(overall_score(c) - 1675.0 / 27) < 1e-12 AS overall,
       abs(overall_score(c, '{2,1,1,1,1,1}') - 2225.0 / 36) < 1e-12 AS weighted,
       abs(coverage(c) - 13.0 / 15) < 1e-15 AS coverage_seen,
       abs(coverage(c, '{9,6,0,6,0,3}') - 13.0 / 24) < 1e-15 AS coverage_checklist
FROM alliance_state;
SELECT items_assessed(c, 1), items_met(c, 1), items_not_assessed(c, 1),
       items_assessed(c, 2), items_met(c, 2), items_not_assessed(c, 2),
       items_assessed(c, 5) AS d5_absent
FROM alliance_state;
-- Members merged = the alliance aggregated in bulk, with the operator and the aggregate.
SELECT (SELECT compliance_agg(c) FROM member_state)::text = c::text AS merged_equals_bulk,
       ((SELECT c FROM member_state WHERE member = 'A') + (SELECT c FROM member_state WHERE member = 'B')
        + (SELECT c FROM member_state WHERE member = 'C'))::text = c::text AS operator_equals_bulk
FROM alliance_state;
-- Weights renormalise over the dimensions with a score: a weight on d4, which
-- has none, changes nothing; a zero weight leaves a dimension out.
SELECT overall_score(c, '{1,1,1,5,1,1}') = overall_score(c) AS unscored_weight_ignored,
       overall_score(c, '{0,1,0,0,0,1}') = 62.5 AS only_d2_and_d6,  -- (50 + 75) / 2
       overall_score(c, '{0,0,0,1,0,0}') IS NULL AS no_weight_on_a_score
FROM alliance_state;

-- NULLs: a row with a NULL dimension or weight is skipped; a NULL score is an
-- item not assessed.  No input, or only skipped rows, gives NULL.
SELECT compliance_agg(d, s, w) FROM (VALUES (1, 1.0, 1.0), (NULL, 1.0, 1.0), (1, 0.0, NULL), (1, NULL, 1.0)) v(d, s, w);
SELECT compliance_agg(1, 1, 1) IS NULL AS empty FROM generate_series(1, 0);
SELECT compliance_agg(d, 1, 1) IS NULL AS only_skipped FROM (VALUES (NULL::int), (NULL)) v(d);
SELECT c, dimension_score(c, 5) IS NULL AS no_score, coverage(c) AS nothing_covered
FROM (SELECT compliance_agg(5, NULL, 1) AS c FROM generate_series(1, 3)) s;
SELECT compliance_agg(c) IS NULL AS rollup_of_nulls FROM (VALUES (NULL::compliance)) v(c);

-- One row; dimension 16; all weights zero (assessed, no score); weight 0 with score 1 is met.
SELECT compliance_agg(16, 0.25, 4) AS one_row, dimension_scores(compliance_agg(16, 0.25, 4)) AS sixteen;
SELECT c, dimension_score(c, 2) IS NULL AS zero_weight_no_score, overall_score(c) IS NULL AS no_overall,
       items_assessed(c), items_met(c)
FROM (SELECT compliance_agg(2, s, 0) AS c FROM (VALUES (1.0), (0.5), (1.0)) v(s)) x;
-- The empty value '{}' has no scores and no items.
SELECT dimension_scores('{}'), overall_score('{}') IS NULL AS no_overall, items_assessed('{}'),
       coverage('{}') IS NULL AS no_coverage, coverage('{}', '{0}') IS NULL AS no_checklist,
       '{}'::compliance + '{2:(1,1,1,1,0)}' AS plus_empty;

-- Grouped by month, rolled up by quarter, and as a running window.
CREATE TEMP TABLE monthly_evidence (month int, dimension int, score float8, weight float8);
INSERT INTO monthly_evidence VALUES (1, 1, 1, 1), (1, 2, 0, 1), (2, 1, 0.5, 1), (3, 2, 1, 3), (3, 3, NULL, 1);
-- Running, by hand: month 1 d1 1/1, d2 0/1; month 2 d1 1.5/2; month 3 d2 3/4, d3 one not assessed.
SELECT month, compliance_agg(c) OVER (ORDER BY month) AS running
FROM (SELECT month, compliance_agg(dimension, score, weight) AS c FROM monthly_evidence GROUP BY month) m
ORDER BY month;

-- A sliding frame (this month and the one before) restarts the aggregate;
-- by hand: month 1 = d1 1/1, d2 0/1; month 2 = d1 1.5/2 (2 assessed, 1 met),
-- d2 0/1; month 3 = d1 0.5/1, d2 3/3 (met), d3 one item not assessed.
SELECT month, compliance_agg(dimension, score, weight) OVER (ORDER BY month RANGE 1 PRECEDING) AS sliding
FROM monthly_evidence ORDER BY month, dimension;

-- Direct calls of the support functions, with NULLs and hand-made states.
SELECT compliance_accum(NULL, 3, 0.5, 2) AS from_null,
       compliance_accum('{3:(1,2,2,0,0)}', 3, 1, 2) AS added,
       compliance_accum('{3:(1,2,2,0,0)}', 1, NULL, 2) AS not_assessed_new_dimension,
       compliance_accum('{3:(1,2,2,0,0)}', NULL, 1, 2) AS skipped_dimension,
       compliance_accum('{3:(1,2,2,0,0)}', 3, 1, NULL) AS skipped_weight,
       compliance_accum(NULL, NULL, 1, 1) IS NULL AS null_stays_null;
SELECT compliance_combine(NULL, NULL) IS NULL AS both_null,
       compliance_combine('{1:(1,1,1,1,0)}', NULL) AS right_null,
       compliance_combine(NULL, '{1:(1,1,1,1,0)}') AS left_null,
       compliance_combine('{1:(1,1,1,1,0)}', '{2:(0,1,1,0,0),16:(0,0,0,0,1)}') AS widened;
-- A plain call never changes its argument.
WITH s AS (SELECT '{1:(1,1,1,1,0)}'::compliance AS c)
SELECT compliance_accum(c, 1, 0, 1) AS result, c AS argument_unchanged FROM s;

-- Errors (messages; every SQLSTATE is asserted in test/pgtap/compliance_errors.sql).
SELECT compliance_agg(d, 0.5, 1) FROM (VALUES (0)) v(d);
SELECT compliance_agg(1, s, 1) FROM (VALUES (1.5::float8)) v(s);
SELECT compliance_agg(1, s, 1) FROM (VALUES ('NaN'::float8)) v(s);
SELECT compliance_agg(1, 1, w) FROM (VALUES (-2::float8)) v(w);
SELECT compliance_agg(1, 1, w) FROM (VALUES ('Infinity'::float8)) v(w);
SELECT overall_score('{1:(1,1,1,1,0),2:(1,1,1,1,0)}', '{1}');
SELECT coverage('{1:(1,1,3,1,0)}', '{2}');
SELECT '{1:(0.5,1,1,2,0)}'::compliance;
SELECT '{1:(0.5,1,1,0,0)'::compliance;
SELECT '{17:(0,0,0,0,1)}'::compliance;
SELECT '{1:(NaN,1,1,0,0)}'::compliance;
