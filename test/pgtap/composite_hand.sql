-- The composite window functions on examples worked out by hand, on an
-- example from the evaluation literature, at the edges, and on bad input.
BEGIN;
SET search_path = medalliance, public;
SELECT plan(46);

CREATE FUNCTION pg_temp.near(a double precision, b double precision, tol double precision DEFAULT 1e-12)
RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT abs(a - b) <= tol $$;

-- Example A: three units, an indicator higher_better (h) and one lower_better (l).
--   u1 (2, 30), u2 (4, 10), u3 (6, 20)
-- Forward: h' = 2, 4, 6; l' = max - l = 0, 20, 10.
-- Entropy: min-max h = 0, .5, 1 and l = 0, 1, .5 — the same distribution, so
--   the weights are 0.5, 0.5; scores 100·(.5·y1 + .5·y2) = 0, 75, 75.
-- TOPSIS, equal weights: z_h = (2, 4, 6)/√56, z_l = (0, 2, 1)/√5, v = z/2.
--   u1: D+ = ½√(16/56 + 4/5), D- = 0                      → C = 0
--   u2: D+ = ½√(4/56),        D- = ½√(4/56 + 4/5)          → C = √(4/56+4/5)/(√(4/56)+√(4/56+4/5)) = 0.777425…
--   u3: D+ = ½√(1/5),         D- = ½√(16/56 + 1/5)         → C = √(16/56+1/5)/(√(1/5)+√(16/56+1/5)) = 0.609126…
-- RSR: ranks h 1, 2, 3; l' 1, 3, 2; WRSR = (½R_h + ½R_l)/3 = 1/3, 5/6, 5/6 (a tie).
--   Groups 1/3 (f 1, cf 1, R̄ 1, p 1/3) and 5/6 (the highest: p = 1 − 1/12);
--   probits 5 + Φ⁻¹(1/3) = 4.569272700704542, 5 + Φ⁻¹(11/12) = 6.382994127100638.
--   Line through the two points: b = (5/6 − 1/3)/(6.382994… − 4.569272…) = 0.275676…,
--   cut 4 → RSR 1/3 + b·(4 − 4.569272…) = 0.176396…, cut 6 → 0.727751…:
--   u1 (1/3) grade 2, u2 and u3 (5/6) grade 3.
CREATE TEMP TABLE a_units (unit int, vals double precision[]);
INSERT INTO a_units VALUES (1, '{2,30}'), (2, '{4,10}'), (3, '{6,20}');
CREATE TEMP TABLE a_out AS
SELECT unit, entropy_weights(vals, '{higher_better,lower_better}') OVER () AS ew,
       entropy_score(vals, '{higher_better,lower_better}') OVER () AS es,
       topsis_closeness(vals, '{higher_better,lower_better}') OVER () AS c,
       rsr(vals, '{higher_better,lower_better}') OVER () AS r,
       rsr_probit(vals, '{higher_better,lower_better}') OVER () AS p,
       rsr_grade(vals, '{higher_better,lower_better}') OVER () AS g
FROM a_units;
SELECT ok((SELECT bool_and(pg_temp.near(ew[1], 0.5) AND pg_temp.near(ew[2], 0.5)) FROM a_out),
          'example A: entropy weights 0.5, 0.5 on every row');
SELECT ok((SELECT array_agg(es ORDER BY unit) FROM a_out) = '{0,75,75}'
          OR (SELECT bool_and(pg_temp.near(es, CASE unit WHEN 1 THEN 0 ELSE 75 END, 1e-9)) FROM a_out),
          'example A: entropy scores 0, 75, 75');
SELECT ok((SELECT pg_temp.near(c, CASE unit WHEN 1 THEN 0
                                  WHEN 2 THEN sqrt(4/56.0 + 0.8) / (sqrt(4/56.0) + sqrt(4/56.0 + 0.8))
                                  ELSE sqrt(16/56.0 + 0.2) / (sqrt(0.2) + sqrt(16/56.0 + 0.2)) END)
           FROM a_out WHERE unit = u) AND true, 'example A: TOPSIS closeness of unit ' || u)
FROM generate_series(1, 3) u;
SELECT ok((SELECT bool_and(pg_temp.near(r, CASE unit WHEN 1 THEN 1/3.0 ELSE 5/6.0 END)) FROM a_out),
          'example A: WRSR 1/3, 5/6, 5/6 (average ranks)');
SELECT ok((SELECT bool_and(pg_temp.near(p, CASE unit WHEN 1 THEN 4.569272700704542 ELSE 6.382994127100638 END, 1e-9))
           FROM a_out), 'example A: probits 5 + Φ⁻¹(1/3) and 5 + Φ⁻¹(11/12) for the tied top group');
SELECT is((SELECT array_agg(g ORDER BY unit) FROM a_out), '{2,3,3}', 'example A: grades 2, 3, 3');
SELECT is((SELECT array_agg(g ORDER BY unit) FROM (
              SELECT unit, rsr_grade(vals, '{higher_better,lower_better}', NULL, 5) OVER () AS g FROM a_units) s),
          -- 5 grades: cuts 3.52, 4.48, 5.52, 6.48 → RSR 1/3 + b·(cut − 4.569…) = .044, .309, .596, .859:
          -- 1/3 passes two (grade 3), 5/6 passes three (grade 4)
          '{3,4,4}', 'example A: five grades 3, 4, 4');

-- Weights: h counts three times l.  TOPSIS with w = (.75, .25):
--   u1: D+ = √((.75·4/√56)² + (.25·2/√5)²), D- = 0 → C = 0
--   u2: D+ = .75·2/√56, D- = √((.75·2/√56)² + (.25·2/√5)²)
-- WRSR = (.75 R_h + .25 R_l)/3 = 1/3, (1.5 + .75)/3 = .75, (2.25 + .5)/3 = 11/12.
SELECT ok((SELECT pg_temp.near(topsis_closeness(vals, '{higher_better,lower_better}', '{3,1}') OVER (),
                               sqrt(power(.75*2/sqrt(56), 2) + power(.25*2/sqrt(5), 2))
                               / (.75*2/sqrt(56) + sqrt(power(.75*2/sqrt(56), 2) + power(.25*2/sqrt(5), 2))))
           FROM a_units ORDER BY unit OFFSET 1 LIMIT 1), 'weights {3,1}: TOPSIS closeness of unit 2 by hand');
SELECT ok((SELECT bool_and(pg_temp.near(r, CASE unit WHEN 1 THEN 1/3.0 WHEN 2 THEN .75 ELSE 11/12.0 END))
           FROM (SELECT unit, rsr(vals, '{higher_better,lower_better}', '{3,1}') OVER () AS r FROM a_units) s),
          'weights {3,1} (scaled to .75, .25): WRSR 1/3, 3/4, 11/12');

-- The literature: the five coal mines of the medical-statistics textbook
-- example of TOPSIS (dust concentration mg/m³, free SiO2 %, prevalence of
-- coal-workers' pneumoconiosis %, all lower-is-better), as reproduced in
-- 安全评价方法TOPSIS简介与计算 (https://renrendoc.com/paper/227214624.html):
-- the example makes the indicators higher-better by reciprocals (倒数法),
-- normalises by vectors and publishes the normalised matrix (表10)
--   白沙湘永 .1937 .3281 .0342 | 沈阳田师傅 .0492 .2879 .0413 | 抚顺龙凤 .1378 .5643 .0594
--   大同同家山 .0999 .3813 .1101 | 扎诺尔南山 .9649 .5879 .9907
-- Closeness worked out from that published matrix (equal weights):
--   D+ = 1.2558, 1.3527, 1.2458, 1.2515, 0; D- = .1500, .0071, .2913, .1306, 1.3577
--   C  = .1067, .0052, .1895, .0945, 1 — 扎诺尔南山 best, then 抚顺龙凤, 白沙湘永,
--   大同同家山, 沈阳田师傅.  Ours takes 1/x as higher_better (the same transform).
CREATE TEMP TABLE mines (mine text, dust double precision, sio2 double precision, prevalence double precision,
                         published_c double precision);
INSERT INTO mines VALUES ('白沙湘永', 50.8, 4.3, 8.7, .1067), ('沈阳田师傅', 200.0, 4.9, 7.2, .0052),
    ('抚顺龙凤', 71.4, 2.5, 5.0, .1895), ('大同同家山', 98.5, 3.7, 2.7, .0945), ('扎诺尔南山', 10.2, 2.4, 0.3, 1);
CREATE TEMP TABLE mines_out AS
SELECT mine, published_c,
       topsis_closeness(ARRAY[1/dust, 1/sio2, 1/prevalence], '{higher_better,higher_better,higher_better}') OVER () AS c
FROM mines;
SELECT is_empty($$SELECT * FROM mines_out WHERE NOT pg_temp.near(c, published_c, 0.0005)$$,
                'coal mines: closeness agrees with the published normalised matrix to its 4 decimals');
SELECT is((SELECT array_agg(mine ORDER BY c DESC) FROM mines_out),
          '{扎诺尔南山,抚顺龙凤,白沙湘永,大同同家山,沈阳田师傅}', 'coal mines: the published order');

-- Target kinds: x = 70, 85, 95, 100 against the band 80..90: distances 10, 0, 5, 10,
-- x' = 1 − d/10 = 0, 1, .5, 0; one indicator, so C = (x' − min)/(max − min).
SELECT is((SELECT array_agg(c ORDER BY x) FROM (
              SELECT x, topsis_closeness(ARRAY[x], '{target_band=80..90}') OVER () AS c FROM unnest('{70,85,95,100}'::float8[]) x) s), '{0,1,0.5,0}', 'target_band=80..90: closeness 0, 1, .5, 0');
-- target_value=85 is the band 85..85: d = 15, 0, 10, 15, x' = 0, 1, 1/3, 0.
SELECT ok((SELECT bool_and(pg_temp.near(c, e)) FROM (
              SELECT topsis_closeness(ARRAY[x], '{target_value=85}') OVER () AS c,
                     CASE x WHEN 85 THEN 1 WHEN 95 THEN 1/3.0 ELSE 0 END AS e
              FROM unnest('{70,85,95,100}'::float8[]) x) s), 'target_value=85: closeness 0, 1, 1/3, 0');
SELECT is((SELECT array_agg(r ORDER BY x) FROM (
              SELECT x, rsr(ARRAY[x], '{target_band=80..90}') OVER () AS r FROM unnest('{70,85,95,100}'::float8[]) x) s), '{0.375,1,0.75,0.375}',
          'target_band: RSR ranks x'' 0, 1, .5, 0 as 1.5, 4, 3, 1.5 (ties averaged), /4');
-- Everyone inside the band: x' = 1 for all, so nothing discriminates.
SELECT is((SELECT array_agg(c) FROM (
              SELECT topsis_closeness(ARRAY[x], '{target_band=80..90}') OVER () AS c FROM unnest('{81,85,89}'::float8[]) x) s),
          '{0.5,0.5,0.5}', 'every unit inside the band: closeness 0.5');

-- Zero variance: a constant column has entropy weight 0 and changes no closeness.
SELECT is((SELECT entropy_weights(vals || 7.0::float8, '{higher_better,lower_better,higher_better}') OVER () FROM a_units LIMIT 1),
          '{0.5,0.5,0}', 'a constant indicator gets entropy weight 0');
SELECT is_empty($$SELECT * FROM (SELECT unit, topsis_closeness(vals || 7.0::float8, '{higher_better,lower_better,higher_better}') OVER () AS c
                                 FROM a_units) s JOIN a_out USING (unit) WHERE NOT pg_temp.near(s.c, a_out.c)$$,
                'a constant indicator leaves TOPSIS closeness unchanged');
SELECT ok((SELECT bool_and(pg_temp.near(r, CASE unit WHEN 1 THEN (1 + 1 + 2) / 9.0 ELSE (2.5 + 2.5 + 2) / 9.0 END))
           FROM (SELECT unit, rsr(vals || 7.0::float8, '{higher_better,lower_better,higher_better}') OVER () AS r FROM a_units) s),
          'a constant indicator ranks every unit (n+1)/2 = 2: WRSR = (R_h + R_l + 2)/9');

-- A single unit.
SELECT results_eq($$SELECT entropy_weights('{5,6,7}'::float8[], '{higher_better,lower_better,target_value=1}') OVER (),
                           entropy_score('{5,6,7}'::float8[], '{higher_better,lower_better,target_value=1}') OVER (),
                           topsis_closeness('{5,6,7}'::float8[], '{higher_better,lower_better,target_value=1}') OVER (),
                           rsr('{5,6,7}'::float8[], '{higher_better,lower_better,target_value=1}') OVER (),
                           rsr_grade('{5,6,7}'::float8[], '{higher_better,lower_better,target_value=1}') OVER ()$$,
                  $$VALUES ('{0.3333333333333333,0.3333333333333333,0.3333333333333333}'::float8[], 0::float8, 0.5::float8,
                            1::float8, NULL::integer)$$,
                  'one unit: equal entropy weights, score 0, closeness 0.5, RSR 1, no grade');
SELECT ok(pg_temp.near((SELECT rsr_probit('{5}'::float8[], '{higher_better}') OVER ()), 5.674489750196082, 1e-9),
          'one unit: probit 5 + Φ⁻¹(1 − 1/4) = 5.674489750196082');
-- All units identical.
SELECT results_eq($$SELECT topsis_closeness('{3,4}'::float8[], '{higher_better,lower_better}') OVER (),
                           rsr('{3,4}'::float8[], '{higher_better,lower_better}') OVER (),
                           rsr_grade('{3,4}'::float8[], '{higher_better,lower_better}') OVER (),
                           entropy_weights('{3,4}'::float8[], '{higher_better,lower_better}') OVER ()
                    FROM generate_series(1, 4)$$,
                  $$SELECT 0.5::float8, 0.625::float8, NULL::integer, '{0.5,0.5}'::float8[] FROM generate_series(1, 4)$$,
                  'four identical units: closeness 0.5, RSR (n+1)/2n = 0.625, no grade, equal weights');
-- Two units: the regression needs three.
SELECT is((SELECT array_agg(g) FROM (SELECT rsr_grade(ARRAY[x], '{higher_better}') OVER () AS g FROM unnest('{1,2}'::float8[]) x) s),
          '{NULL,NULL}'::int[], 'two units: no grade');

-- NULLs: a NULL array or a NULL element leaves the unit out; the others are as without it.
SELECT is_empty($$SELECT * FROM (
                    SELECT unit, topsis_closeness(vals, '{higher_better,lower_better}') OVER () AS c,
                           rsr(vals, '{higher_better,lower_better}') OVER () AS r
                    FROM (SELECT * FROM a_units UNION ALL VALUES (4, NULL::float8[]), (5, '{1,NULL}')) u) s
                  LEFT JOIN a_out USING (unit)
                  WHERE (unit <= 3 AND NOT (pg_temp.near(s.c, a_out.c) AND pg_temp.near(s.r, a_out.r)))
                     OR (unit > 3 AND (s.c IS NOT NULL OR s.r IS NOT NULL))$$,
                'NULL units get NULL and do not change the others');
SELECT is((SELECT array_agg(c) FROM (SELECT topsis_closeness(v, '{higher_better}') OVER () AS c FROM (VALUES (NULL::float8[]), (NULL)) t(v)) s),
          '{NULL,NULL}'::float8[], 'a partition of NULL units only: all NULL');
-- Partitions are independent; the window's ORDER BY and frame do not matter.
SELECT is_empty($$SELECT * FROM (SELECT unit, topsis_closeness(vals, '{higher_better,lower_better}')
                                   OVER (PARTITION BY g ORDER BY unit ROWS BETWEEN CURRENT ROW AND CURRENT ROW) AS c
                                 FROM (SELECT 1 AS g, * FROM a_units UNION ALL SELECT 2, 10 + unit, '{9,9}'::float8[] FROM a_units) u) s
                  LEFT JOIN a_out USING (unit)
                  WHERE (unit <= 3 AND NOT pg_temp.near(s.c, a_out.c)) OR (unit > 10 AND s.c <> 0.5)$$,
                'each partition is computed on its own, whatever the order and frame');

-- Huge values do not overflow: the differences are taken on halves, the norms scaled.
-- x = ∓1e308 on a higher_better and a lower_better indicator: z_h = ∓1/√2, x'_l = (1e308 − x)/2
-- = 1e308, 0 so z_l = 1, 0; v = z/2.  Unit −1e308: D+ = ½·√2, D- = ½ → C = 1/(1 + √2);
-- unit 1e308: D+ = ½, D- = ½·√2 → C = √2/(1 + √2).
SELECT ok((SELECT bool_and(pg_temp.near(c, CASE WHEN x < 0 THEN 1 / (1 + sqrt(2)) ELSE sqrt(2) / (1 + sqrt(2)) END))
           FROM (SELECT x, topsis_closeness(ARRAY[x, x], '{higher_better,lower_better}') OVER () AS c
                 FROM unnest('{-1e308,1e308}'::float8[]) x) s),
          '±1e308: finite closeness 1/(1+√2) and √2/(1+√2)');
SELECT is((SELECT array_agg(e ORDER BY x) FROM (
              SELECT x, entropy_score(ARRAY[x], '{lower_better}') OVER () AS e FROM unnest('{-1.7e308,0,1.7e308}'::float8[]) x) s), '{100,50,0}', '±1.7e308: min-max without overflow');

-- Bad input: precise SQLSTATEs.
SELECT throws_ok($$SELECT topsis_closeness(ARRAY[x, 'NaN'], '{higher_better,lower_better}') OVER () FROM unnest('{1,2}'::float8[]) x$$,
                 '22023', 'indicator value NaN is not a finite number', 'NaN is refused');
SELECT throws_ok($$SELECT rsr(ARRAY[x, '-Infinity'], '{higher_better,lower_better}') OVER () FROM unnest('{1,2}'::float8[]) x$$,
                 '22023', 'indicator value -Infinity is not a finite number', '-Infinity is refused');
SELECT throws_ok($$SELECT topsis_closeness(v, '{higher_better,lower_better}') OVER () FROM (VALUES ('{1,2}'::float8[]), ('{1,2,3}')) t(v)$$,
                 '22023', 'row 2 of the partition has 3 indicator values for 2 indicator kinds', 'a row of the wrong length');
SELECT throws_ok($$SELECT topsis_closeness('{1}'::float8[], NULL) OVER ()$$, '22004', 'indicator kinds must not be NULL', 'NULL kinds');
SELECT throws_ok($$SELECT topsis_closeness('{1,2}'::float8[], '{higher_better,NULL}') OVER ()$$, '22004',
                 'indicator kind 2 is NULL', 'a NULL kind');
SELECT throws_ok($$SELECT topsis_closeness('{1}'::float8[], '{best}') OVER ()$$, '22023', 'invalid indicator kind "best"', 'an unknown kind');
SELECT throws_ok($$SELECT topsis_closeness('{1}'::float8[], '{target_value=abc}') OVER ()$$, '22023',
                 'invalid indicator kind "target_value=abc"', 'a target that is not a number');
SELECT throws_ok($$SELECT topsis_closeness('{1}'::float8[], '{target_band=90..80}') OVER ()$$, '22023',
                 'indicator kind "target_band=90..80" has its bounds reversed', 'a reversed band');
SELECT throws_ok($$SELECT topsis_closeness('{}'::float8[], '{}') OVER ()$$, '22023',
                 'indicator kinds must name at least one indicator', 'no indicators');
SELECT throws_ok($$SELECT topsis_closeness('{{1,2}}'::float8[], '{higher_better,higher_better}') OVER ()$$, '22023',
                 'indicator values must be a one-dimensional array', 'a two-dimensional array');
SELECT throws_ok($$SELECT rsr('{1,2}'::float8[], '{higher_better,higher_better}', '{1,-1}') OVER ()$$, '22023',
                 'indicator weight -1 is invalid', 'a negative weight');
SELECT throws_ok($$SELECT rsr('{1,2}'::float8[], '{higher_better,higher_better}', '{0,0}') OVER ()$$, '22023',
                 'indicator weights sum to 0', 'weights summing to 0');
SELECT throws_ok($$SELECT rsr('{1,2}'::float8[], '{higher_better,higher_better}', '{1}') OVER ()$$, '22023',
                 '1 indicator weights given for 2 indicators', 'too few weights');
SELECT throws_ok($$SELECT rsr('{1,2}'::float8[], '{higher_better,higher_better}', '{1,NULL}') OVER ()$$, '22004',
                 'an indicator weight is NULL', 'a NULL weight');
SELECT throws_ok($$SELECT rsr(ARRAY[x], CASE WHEN x = 1 THEN '{higher_better}' ELSE '{lower_better}' END::text[]) OVER ()
                   FROM unnest('{1,2}'::float8[]) x$$, '22023',
                 'indicator kinds, weights and grades must be the same on every row of a partition', 'kinds that differ by row');
SELECT throws_ok($$SELECT rsr_grade('{1}'::float8[], '{higher_better}', NULL, 6) OVER ()$$, '22023',
                 'RSR grading into 6 grades is not supported', '6 grades');
SELECT throws_ok($$SELECT rsr_grade('{1}'::float8[], '{higher_better}', NULL, NULL) OVER ()$$, '22004',
                 'RSR grading into NULL grades is not supported', 'NULL grades');

SELECT * FROM finish();
ROLLBACK;
