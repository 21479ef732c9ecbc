-- The composite window functions against an independent implementation
-- (numpy and scipy, test/reference/composite_methods.py, run at test time)
-- on 300 seeded random matrices: ties, columns without variance, all units
-- identical, single units, NULL rows, every kind and weighting.
BEGIN;
SET search_path = medalliance, public;
SELECT plan(12);

CREATE TEMP TABLE units (case_no integer, unit integer, vals double precision[], kinds text[],
                         weights double precision[]);
CREATE TEMP TABLE expected (case_no integer, unit integer, entropy_weights double precision[],
                            entropy_score double precision, closeness double precision,
                            rsr double precision, probit double precision,
                            grade3 integer, grade4 integer, grade5 integer);
SELECT lives_ok(format('COPY units FROM %L (FORMAT csv)', :'fixtures' || '/composite_units.csv'),
                'the random matrices load');
SELECT lives_ok(format('COPY expected FROM %L (FORMAT csv)', :'fixtures' || '/composite_expected.csv'),
                'the reference results load');
SELECT cmp_ok((SELECT count(DISTINCT case_no) FROM units), '=', 300::bigint, 'there are 300 matrices');

CREATE TEMP TABLE ours AS
SELECT case_no, unit,
       entropy_weights(vals, kinds) OVER w AS entropy_weights,
       entropy_score(vals, kinds) OVER w AS entropy_score,
       topsis_closeness(vals, kinds, weights) OVER w AS closeness,
       rsr(vals, kinds, weights) OVER w AS rsr,
       rsr_probit(vals, kinds, weights) OVER w AS probit,
       rsr_grade(vals, kinds, weights, 3) OVER w AS grade3,
       rsr_grade(vals, kinds, weights, 4) OVER w AS grade4,
       rsr_grade(vals, kinds, weights, 5) OVER w AS grade5
FROM units
WINDOW w AS (PARTITION BY case_no ORDER BY unit);

-- Units left out (a NULL array or a NULL element) get NULL from every function.
SELECT is_empty($$SELECT o.case_no, o.unit FROM ours o LEFT JOIN expected e USING (case_no, unit)
                  WHERE e.unit IS NULL AND num_nonnulls(o.entropy_weights, o.entropy_score, o.closeness,
                                                        o.rsr, o.probit, o.grade3) > 0$$,
                'units with a NULL array or a NULL value get NULL');
SELECT is_empty($$SELECT e.case_no, e.unit FROM expected e LEFT JOIN ours o USING (case_no, unit)
                  WHERE o.closeness IS NULL OR o.rsr IS NULL OR o.probit IS NULL OR o.entropy_score IS NULL$$,
                'every complete unit gets a closeness, an RSR, a probit and an entropy score');

-- Tolerance: 1e-9 relative to the magnitude (entropy scores are 0-100, probits about 5).
CREATE FUNCTION pg_temp.near(a double precision, b double precision) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$ SELECT abs(a - b) <= 1e-9 * greatest(1.0, abs(b)) $$;
SELECT is_empty($$SELECT case_no, unit, o.entropy_weights, e.entropy_weights FROM ours o JOIN expected e USING (case_no, unit)
                  WHERE cardinality(o.entropy_weights) <> cardinality(e.entropy_weights)
                     OR EXISTS (SELECT FROM unnest(o.entropy_weights, e.entropy_weights) AS t(a, b) WHERE NOT pg_temp.near(a, b))$$,
                'entropy weights agree with numpy');
SELECT is_empty($$SELECT case_no, unit, o.entropy_score, e.entropy_score FROM ours o JOIN expected e USING (case_no, unit)
                  WHERE NOT pg_temp.near(o.entropy_score, e.entropy_score)$$,
                'entropy scores agree with numpy');
SELECT is_empty($$SELECT case_no, unit, o.closeness, e.closeness FROM ours o JOIN expected e USING (case_no, unit)
                  WHERE NOT pg_temp.near(o.closeness, e.closeness)$$,
                'TOPSIS closeness agrees with numpy');
SELECT is_empty($$SELECT case_no, unit, o.rsr, e.rsr FROM ours o JOIN expected e USING (case_no, unit)
                  WHERE NOT pg_temp.near(o.rsr, e.rsr)$$,
                'weighted RSR agrees with scipy rankdata');
SELECT is_empty($$SELECT case_no, unit, o.probit, e.probit FROM ours o JOIN expected e USING (case_no, unit)
                  WHERE NOT pg_temp.near(o.probit, e.probit)$$,
                'probits agree with scipy norm.ppf');
SELECT is_empty($$SELECT case_no, unit, o.grade3, e.grade3, o.grade4, e.grade4, o.grade5, e.grade5
                  FROM ours o JOIN expected e USING (case_no, unit)
                  WHERE o.grade3 IS DISTINCT FROM e.grade3 OR o.grade4 IS DISTINCT FROM e.grade4
                     OR o.grade5 IS DISTINCT FROM e.grade5$$,
                'RSR grades (3, 4 and 5 grades) agree with the numpy regression, NULL where it is not defined');
-- The comparison covered what it should.
SELECT ok((SELECT count(*) FILTER (WHERE grade3 IS NULL) > 0 AND count(*) FILTER (WHERE grade5 = 5) > 0
                  AND count(*) FILTER (WHERE grade5 = 1) > 0 AND count(*) FILTER (WHERE closeness = 0.5) > 0
           FROM expected),
          'the reference covers undefined grades, both extreme grades and closeness 0.5');

SELECT * FROM finish();
ROLLBACK;
