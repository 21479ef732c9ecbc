-- rate_agg against the built-in SQL it replaces, in one run.
-- 10 million rows in 400 groups; 1 million stored rates.
SET search_path = medalliance, public;
\pset footer off
\echo 'building 10,000,000 rows in 400 groups and 1,000,000 stored rates ...'
CREATE UNLOGGED TABLE bench_rows AS
SELECT (i % 400)::int AS grp, (hashint8(i) % 100) < 37 AS flag
FROM generate_series(1, 10000000) i;
CREATE UNLOGGED TABLE bench_rates AS
SELECT rate(n, n + d) AS r, n, n + d AS d
FROM (SELECT (abs(hashint8(i)) % 1000)::bigint AS n, (abs(hashint8(-i)) % 1000)::bigint AS d
      FROM generate_series(1, 1000000) i) s;
VACUUM ANALYZE bench_rows, bench_rates;

-- Same answers first.
SELECT bool_and(numerator(r) = t AND denominator(r) = c) AS same_answers
FROM (SELECT grp, rate_agg(flag) AS r FROM bench_rows GROUP BY grp) a
JOIN (SELECT grp, count(*) FILTER (WHERE flag) AS t, count(*) AS c FROM bench_rows GROUP BY grp) b USING (grp);

\echo 'serial (max_parallel_workers_per_gather = 0):'
SET max_parallel_workers_per_gather = 0;
SELECT * FROM bench_pair('rate_agg(flag) vs count(*) FILTER (WHERE flag), count(*) — 10M rows, 400 groups',
    'SELECT grp, rate_agg(flag) FROM bench_rows GROUP BY grp',
    'SELECT grp, count(*) FILTER (WHERE flag), count(*) FROM bench_rows GROUP BY grp')
UNION ALL
SELECT * FROM bench_pair('rate_agg(rate) vs sum(n), sum(d) — 1M stored rates',
    'SELECT rate_agg(r) FROM bench_rates',
    'SELECT sum(n), sum(d) FROM bench_rates');

\echo 'parallel (2 workers):'
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SELECT bench_plan('SELECT grp, rate_agg(flag) FROM bench_rows GROUP BY grp') AS candidate_plan;
SELECT bench_plan('SELECT grp, count(*) FILTER (WHERE flag), count(*) FROM bench_rows GROUP BY grp') AS baseline_plan;
SELECT * FROM bench_pair('rate_agg(flag) vs count(*) FILTER (WHERE flag), count(*) — 2 workers',
    'SELECT grp, rate_agg(flag) FROM bench_rows GROUP BY grp',
    'SELECT grp, count(*) FILTER (WHERE flag), count(*) FROM bench_rows GROUP BY grp')
UNION ALL
SELECT * FROM bench_pair('rate_agg(rate) vs sum(n), sum(d) — 2 workers',
    'SELECT rate_agg(r) FROM bench_rates',
    'SELECT sum(n), sum(d) FROM bench_rates');
