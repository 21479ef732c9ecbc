-- TOPSIS and RSR as window functions against a plain-SQL TOPSIS, in one run:
-- 10,000 units × 20 indicators (ten higher_better, ten lower_better), one
-- partition.  The plain-SQL TOPSIS reads the same values in long form
-- (unit, indicator, value), the shape in which plain SQL does it best.
SET search_path = medalliance, public;
\pset footer off
\echo 'building 10,000 units x 20 indicators ...'
CREATE UNLOGGED TABLE bench_wide AS
SELECT u AS unit,
       array_agg((abs(hashint8(u * 100 + j)) % 100000) / 1000.0::float8 ORDER BY j) AS vals
FROM generate_series(1, 10000) u, generate_series(1, 20) j
GROUP BY u;
CREATE UNLOGGED TABLE bench_long AS
SELECT unit, j AS indicator, vals[j] AS value, j > 10 AS lower_better
FROM bench_wide, generate_series(1, 20) j;
VACUUM ANALYZE bench_wide, bench_long;
SELECT array_agg(CASE WHEN j <= 10 THEN 'higher_better' ELSE 'lower_better' END ORDER BY j) AS kinds
FROM generate_series(1, 20) j \gset

-- The plain-SQL TOPSIS: forward transform (max − x for lower_better), vector
-- normalisation, equal weights 1/20, ideal points, distances, closeness.
CREATE VIEW plain_topsis AS
WITH fwd AS (
    SELECT unit, indicator,
           CASE WHEN lower_better THEN max(value) OVER (PARTITION BY indicator) - value ELSE value END AS x
    FROM bench_long),
norm AS (SELECT indicator, sqrt(sum(x * x)) AS n FROM fwd GROUP BY indicator),
v AS (SELECT unit, f.indicator, CASE WHEN n > 0 THEN (1.0 / 20) * x / n ELSE 0 END AS v
      FROM fwd f JOIN norm USING (indicator)),
ideal AS (SELECT indicator, max(v) AS best, min(v) AS worst FROM v GROUP BY indicator),
d AS (SELECT unit, sqrt(sum((v - best) ^ 2)) AS dplus, sqrt(sum((v - worst) ^ 2)) AS dminus
      FROM v JOIN ideal USING (indicator) GROUP BY unit)
SELECT unit, CASE WHEN dplus + dminus > 0 THEN dminus / (dplus + dminus) ELSE 0.5 END AS closeness FROM d;

-- Same answers first.
SELECT max(abs(w.closeness - p.closeness)) < 1e-12 AS same_answers
FROM (SELECT unit, topsis_closeness(vals, :'kinds') OVER () AS closeness FROM bench_wide) w
JOIN plain_topsis p USING (unit);

SET max_parallel_workers_per_gather = 0;
SELECT * FROM bench_pair('topsis_closeness() OVER () vs plain-SQL TOPSIS — 10,000 units x 20 indicators',
    format('SELECT unit, topsis_closeness(vals, %L) OVER () FROM bench_wide', :'kinds'),
    'SELECT unit, closeness FROM plain_topsis')
UNION ALL
SELECT * FROM bench_pair('rsr() OVER () vs plain-SQL TOPSIS — 10,000 units x 20 indicators',
    format('SELECT unit, rsr(vals, %L) OVER () FROM bench_wide', :'kinds'),
    'SELECT unit, closeness FROM plain_topsis')
UNION ALL
SELECT * FROM bench_pair('rsr_grade() OVER () vs plain-SQL TOPSIS — 10,000 units x 20 indicators',
    format('SELECT unit, rsr_grade(vals, %L) OVER () FROM bench_wide', :'kinds'),
    'SELECT unit, closeness FROM plain_topsis')
UNION ALL
SELECT * FROM bench_pair('entropy_score() OVER () vs plain-SQL TOPSIS — 10,000 units x 20 indicators',
    format('SELECT unit, entropy_score(vals, %L) OVER () FROM bench_wide', :'kinds'),
    'SELECT unit, closeness FROM plain_topsis');
