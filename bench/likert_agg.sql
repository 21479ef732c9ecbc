-- likert_agg against the built-in SQL it replaces, in one run (bench/run.sh likert_agg).
-- 10 million answers (1..5, 3% NULL) in 400 groups; 1 million stored states.
-- Target: likert_agg(answer, 5) / (avg(answer), count(*) FILTER (WHERE answer >= 4)) <= 1.10.
SET search_path = medalliance, public;
\pset footer off
\echo 'building 10,000,000 answers in 400 groups and 1,000,000 stored likert states ...'
CREATE UNLOGGED TABLE bench_answers AS
SELECT (i % 400)::int AS grp,
       CASE WHEN abs(hashint8(i)) % 100 < 3 THEN NULL ELSE 1 + (abs(hashint8(-i)) % 5)::int END AS answer
FROM generate_series(1, 10000000) i;
CREATE UNLOGGED TABLE bench_states AS
SELECT format('1..5:{%s,%s,%s,%s,%s}', c1, c2, c3, c4, c5)::likert AS l, c1, c2, c3, c4, c5
FROM (SELECT abs(hashint8(i)) % 100 AS c1, abs(hashint8(-i)) % 100 AS c2, abs(hashint8(i + 7)) % 100 AS c3,
             abs(hashint8(i + 11)) % 100 AS c4, abs(hashint8(i + 13)) % 100 AS c5
      FROM generate_series(1, 1000000) i) s;
VACUUM ANALYZE bench_answers, bench_states;

-- Same answers first (avg(integer) is numeric: the means agree to 1e-12).
SELECT bool_and(n(l) = c AND abs(mean(l) - m) < 1e-12 AND numerator(top_box(l)) = t) AS same_answers
FROM (SELECT grp, likert_agg(answer, 5) AS l FROM bench_answers GROUP BY grp) a
JOIN (SELECT grp, count(answer) AS c, avg(answer)::float8 AS m, count(*) FILTER (WHERE answer >= 4) AS t
      FROM bench_answers GROUP BY grp) b USING (grp);

\echo 'serial (max_parallel_workers_per_gather = 0):'
SET max_parallel_workers_per_gather = 0;
SELECT * FROM bench_pair('likert_agg(answer, 5) vs avg(answer), count(*) FILTER (WHERE answer >= 4) — 10M answers, 400 groups',
    'SELECT grp, likert_agg(answer, 5) FROM bench_answers GROUP BY grp',
    'SELECT grp, avg(answer), count(*) FILTER (WHERE answer >= 4) FROM bench_answers GROUP BY grp')
UNION ALL
SELECT * FROM bench_pair('… read as mean(), n(), top_box() vs the same plain SQL',
    'SELECT grp, mean(l), n(l), top_box(l) FROM (SELECT grp, likert_agg(answer, 5) AS l FROM bench_answers GROUP BY grp) x',
    'SELECT grp, avg(answer), count(answer), count(*) FILTER (WHERE answer >= 4) FROM bench_answers GROUP BY grp')
UNION ALL
SELECT * FROM bench_pair('likert_agg(likert) vs sum() of the five counts — 1M stored states',
    'SELECT likert_agg(l) FROM bench_states',
    'SELECT sum(c1), sum(c2), sum(c3), sum(c4), sum(c5) FROM bench_states');

\echo 'parallel (2 workers):'
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SELECT bench_plan('SELECT grp, likert_agg(answer, 5) FROM bench_answers GROUP BY grp') AS candidate_plan;
SELECT bench_plan('SELECT grp, avg(answer), count(*) FILTER (WHERE answer >= 4) FROM bench_answers GROUP BY grp') AS baseline_plan;
SELECT * FROM bench_pair('likert_agg(answer, 5) vs avg(answer), count(*) FILTER (WHERE answer >= 4) — 2 workers',
    'SELECT grp, likert_agg(answer, 5) FROM bench_answers GROUP BY grp',
    'SELECT grp, avg(answer), count(*) FILTER (WHERE answer >= 4) FROM bench_answers GROUP BY grp')
UNION ALL
SELECT * FROM bench_pair('likert_agg(likert) vs sum() of the five counts — 2 workers',
    'SELECT likert_agg(l) FROM bench_states',
    'SELECT sum(c1), sum(c2), sum(c3), sum(c4), sum(c5) FROM bench_states');
