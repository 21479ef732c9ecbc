-- The beta-quantile intervals (Clopper-Pearson, Jeffreys: Newton steps on
-- pbeta) against the closed-form Wilson interval, in one run: what the exact
-- methods cost per stored rate, for everyday denominators and for ones near
-- the top of bigint.  200,000 stored rates each.
SET search_path = medalliance, public;
\pset footer off
\echo 'building 200,000 everyday rates (n up to 10^6) and 200,000 huge ones (n up to 2^63 - 1) ...'
CREATE UNLOGGED TABLE bench_everyday AS
SELECT rate(x, n) AS r
FROM (SELECT n, (abs(hashint8(-i)) % (n + 1))::bigint AS x
      FROM (SELECT i, 1 + (abs(hashint8(i)) % 1000000)::bigint AS n
            FROM generate_series(1, 200000) i) s) t;
CREATE UNLOGGED TABLE bench_huge AS
SELECT rate(x, n) AS r
FROM (SELECT n, (n::numeric * ((abs(hashint8(-i)) % 1000001) / 1000000.0))::bigint AS x
      FROM (SELECT i, greatest(1, (2::numeric ^ (63 * (abs(hashint8(i)) % 1000000) / 1000000.0))::numeric
                                  - 1)::bigint AS n
            FROM generate_series(1, 200000) i) s) t;
VACUUM ANALYZE bench_everyday, bench_huge;
SET max_parallel_workers_per_gather = 0;

-- Every bound finite and in [0, 1] first.
SELECT bool_and(l >= 0 AND u <= 1 AND l <= u) AS all_bounds_in_range
FROM (SELECT ci_lower(r, 0.95, m) AS l, ci_upper(r, 0.95, m) AS u
      FROM (SELECT r FROM bench_everyday UNION ALL SELECT r FROM bench_huge) s,
           unnest(ARRAY['wilson', 'clopper_pearson', 'jeffreys']) m) b;

SELECT * FROM bench_pair('clopper_pearson vs wilson — 200k everyday rates',
    $$SELECT ci_lower(r, 0.95, 'clopper_pearson'), ci_upper(r, 0.95, 'clopper_pearson') FROM bench_everyday$$,
    $$SELECT ci_lower(r, 0.95, 'wilson'), ci_upper(r, 0.95, 'wilson') FROM bench_everyday$$, 5)
UNION ALL
SELECT * FROM bench_pair('jeffreys vs wilson — 200k everyday rates',
    $$SELECT ci_lower(r, 0.95, 'jeffreys'), ci_upper(r, 0.95, 'jeffreys') FROM bench_everyday$$,
    $$SELECT ci_lower(r, 0.95, 'wilson'), ci_upper(r, 0.95, 'wilson') FROM bench_everyday$$, 5)
UNION ALL
SELECT * FROM bench_pair('clopper_pearson vs wilson — 200k rates up to 2^63 - 1',
    $$SELECT ci_lower(r, 0.95, 'clopper_pearson'), ci_upper(r, 0.95, 'clopper_pearson') FROM bench_huge$$,
    $$SELECT ci_lower(r, 0.95, 'wilson'), ci_upper(r, 0.95, 'wilson') FROM bench_huge$$, 5)
UNION ALL
SELECT * FROM bench_pair('jeffreys vs wilson — 200k rates up to 2^63 - 1',
    $$SELECT ci_lower(r, 0.95, 'jeffreys'), ci_upper(r, 0.95, 'jeffreys') FROM bench_huge$$,
    $$SELECT ci_lower(r, 0.95, 'wilson'), ci_upper(r, 0.95, 'wilson') FROM bench_huge$$, 5);
