-- Homogeneity and funnel plots against the built-in SQL they replace, in one run.
--   dispersion(x) vs stddev_samp(x), avg(x), min(x), max(x): 10 million rows in 400 groups
--   (target ratio <= 1.5); gini(x) is timed on member-sized groups (it keeps the values).
--   funnel() over 100,000 units in 100 partitions vs the normal-approximation limits
--   written in plain SQL with window sums.
SET search_path = medalliance, public;
\pset footer off
\echo 'building 10,000,000 values in 400 groups and 100,000 funnel units ...'
CREATE UNLOGGED TABLE bench_values AS
SELECT (i % 400)::int AS grp, (abs(hashint8(i)) % 100000)::float8 / 1000 AS x
FROM generate_series(1, 10000000) i;
CREATE UNLOGGED TABLE bench_units AS
SELECT (i % 100)::int AS part, n, (abs(hashint8(-i)) % (n + 1)) / 3 AS x
FROM (SELECT i, 1 + abs(hashint8(i)) % 5000 AS n FROM generate_series(1, 100000) i) s;
VACUUM ANALYZE bench_values, bench_units;

-- Same answers first.
SELECT bool_and(abs((d).sd - s) <= 1e-9 * s AND abs((d).mean - m) <= 1e-9 * m) AS same_answers
FROM (SELECT grp, dispersion(x) AS d FROM bench_values GROUP BY grp) a
JOIN (SELECT grp, stddev_samp(x) AS s, avg(x) AS m FROM bench_values GROUP BY grp) b USING (grp);

\echo 'serial (max_parallel_workers_per_gather = 0):'
SET max_parallel_workers_per_gather = 0;
SELECT * FROM bench_pair('dispersion(x) vs stddev_samp, avg, min, max — 10M rows, 400 groups',
    'SELECT grp, dispersion(x) FROM bench_values GROUP BY grp',
    'SELECT grp, stddev_samp(x), avg(x), min(x), max(x) FROM bench_values GROUP BY grp')
UNION ALL
SELECT * FROM bench_pair('dispersion(x) vs stddev_samp(x), avg(x) — 10M rows, 400 groups',
    'SELECT grp, dispersion(x) FROM bench_values GROUP BY grp',
    'SELECT grp, stddev_samp(x), avg(x) FROM bench_values GROUP BY grp')
UNION ALL
SELECT * FROM bench_pair('gini(x) vs percentile_cont(0.5) (both keep the values) — 100k units, 100 groups',
    'SELECT part, gini(x::float8) FROM bench_units GROUP BY part',
    'SELECT part, percentile_cont(0.5) WITHIN GROUP (ORDER BY x::float8) FROM bench_units GROUP BY part')
UNION ALL
SELECT * FROM bench_pair('funnel() exact limits vs plain-SQL normal limits — 100k units, 100 partitions',
    'SELECT (funnel(x, n) OVER w).zone FROM bench_units WINDOW w AS (PARTITION BY part)',
    $$SELECT CASE WHEN x::float8 / n > p + 3.09 * sqrt(p * (1 - p) / n) THEN 'above' ELSE 'within' END
      FROM (SELECT x, n, sum(x) OVER w / sum(n) OVER w AS p FROM bench_units WINDOW w AS (PARTITION BY part)) s$$)
UNION ALL
SELECT * FROM bench_pair('funnel() with over-dispersion vs plain-SQL normal limits — 100k units',
    'SELECT (funnel(x, n, 0.95, 0.998, true) OVER w).zone FROM bench_units WINDOW w AS (PARTITION BY part)',
    $$SELECT CASE WHEN x::float8 / n > p + 3.09 * sqrt(p * (1 - p) / n) THEN 'above' ELSE 'within' END
      FROM (SELECT x, n, sum(x) OVER w / sum(n) OVER w AS p FROM bench_units WINDOW w AS (PARTITION BY part)) s$$);

\echo 'parallel (2 workers):'
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SELECT bench_plan('SELECT grp, dispersion(x) FROM bench_values GROUP BY grp') AS candidate_plan;
SELECT * FROM bench_pair('dispersion(x) vs stddev_samp(x), avg(x) — 2 workers',
    'SELECT grp, dispersion(x) FROM bench_values GROUP BY grp',
    'SELECT grp, stddev_samp(x), avg(x) FROM bench_values GROUP BY grp');
