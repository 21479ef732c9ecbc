#!/usr/bin/env bash
# Benchmark of compliance_agg against the plain SQL it replaces, in one run.
#
# Builds and installs the extension, starts a throwaway PostgreSQL 15 cluster,
# loads 10 million evidence rows in 1,000 groups (group, dimension 1-6,
# score, weight; 5% of scores NULL = not assessed), then times per group:
#   ext  compliance_agg(dimension, score, weight), read with dimension_scores,
#        items_assessed and items_met;
#   sql  the same numbers in plain SQL: per dimension 100*SUM(score*weight)/
#        SUM(weight), count(score) and count(*) FILTER (WHERE score = 1), each
#        FILTERed on the dimension (6 x 4 aggregates);
#   long plain SQL grouped by (group, dimension), no FILTER: another way to
#        write it, shown for reference.
# Each query runs REPS times (interleaved), serially and with 2 parallel
# workers; the median "Execution Time" of EXPLAIN (ANALYZE, TIMING OFF) is
# reported with the ratio ext/sql (target <= 1.0).
#
# Usage: flock /tmp/medalliance-install.lock bash bench/compliance_agg.sh
#        ROWS=1000000 REPS=3 bash bench/compliance_agg.sh      (smaller run)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

ROWS=${ROWS:-10000000}
NGROUPS=${NGROUPS:-1000}
REPS=${REPS:-5}
export ROWS NGROUPS REPS

if [ "${1:-}" != "--in-cluster" ]; then
    build_and_install
    log "starting a throwaway cluster"
    exec pg_virtualenv -t -v "$PG_MAJOR" -o shared_buffers=2GB -o work_mem=64MB \
        -o max_worker_processes=8 -o max_parallel_workers=4 -o jit=off \
        bash "$0" --in-cluster
fi

psql_q() { psql -X -q -At -v ON_ERROR_STOP=1 "$@"; }

log "loading $ROWS rows in $NGROUPS groups"
psql_q <<SQL
CREATE EXTENSION medalliance;
CREATE TABLE evidence AS
SELECT i % $NGROUPS AS grp,
       1 + (hashint4(i) & 2147483647) % 6 AS dimension,
       CASE WHEN (hashint4(i * 7) & 2147483647) % 20 = 0 THEN NULL
            ELSE ((hashint4(i * 11) & 2147483647) % 3) / 2.0 END::float8 AS score,
       (1 + (hashint4(i * 13) & 2147483647) % 4)::float8 AS weight
FROM generate_series(1, $ROWS) i;
VACUUM ANALYZE evidence;
SQL
psql_q -c "SELECT pg_size_pretty(pg_total_relation_size('evidence'))" | sed 's/^/table size: /'

EXT="SELECT grp, medalliance.dimension_scores(c), medalliance.items_assessed(c), medalliance.items_met(c)
FROM (SELECT grp, medalliance.compliance_agg(dimension, score, weight) AS c FROM evidence GROUP BY grp) s"

SQL_FILTER="SELECT grp"
for d in 1 2 3 4 5 6; do
    SQL_FILTER+=",
  100 * sum(score * weight) FILTER (WHERE dimension = $d AND score IS NOT NULL)
      / nullif(sum(weight) FILTER (WHERE dimension = $d AND score IS NOT NULL), 0) AS s$d,
  count(score) FILTER (WHERE dimension = $d) AS a$d,
  count(*) FILTER (WHERE dimension = $d AND score = 1) AS m$d"
done
SQL_FILTER+="
FROM evidence GROUP BY grp"

SQL_LONG="SELECT grp, dimension,
  100 * sum(score * weight) FILTER (WHERE score IS NOT NULL)
      / nullif(sum(weight) FILTER (WHERE score IS NOT NULL), 0) AS s,
  count(score) AS a, count(*) FILTER (WHERE score = 1) AS m
FROM evidence GROUP BY grp, dimension"

# The answers must agree before timings mean anything: counts exactly,
# scores to 1e-12 relative.
log "checking that the queries agree"
psql_q <<SQL
DO \$\$
DECLARE bad bigint;
BEGIN
    SELECT count(*) INTO bad
    FROM (SELECT grp, d, medalliance.dimension_score(c, d) AS s, medalliance.items_assessed(c, d) AS a,
                 medalliance.items_met(c, d) AS m
          FROM (SELECT grp, medalliance.compliance_agg(dimension, score, weight) AS c
                FROM evidence GROUP BY grp) e, generate_series(1, 6) d) e
    FULL JOIN ($SQL_LONG) l ON l.grp = e.grp AND l.dimension = e.d
    WHERE (e.a, e.m) IS DISTINCT FROM (l.a, l.m) OR NOT abs(e.s - l.s) <= 1e-12 * l.s;
    IF bad > 0 THEN RAISE EXCEPTION 'compliance_agg and plain SQL disagree on % rows', bad; END IF;
END \$\$;
SQL

time_query() {  # $1 = workers, $2 = query; prints milliseconds
    psql_q -c "SET max_parallel_workers_per_gather = $1" \
           -c "EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF) $2" |
        sed -n 's/^Execution Time: \([0-9.]*\) ms$/\1/p'
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

printf '\n%-8s %-6s %12s %12s %12s %10s %10s\n' workers reps "ext ms" "sql ms" "long ms" "ext/sql" "ext/long"
for workers in 0 2; do
    : >/tmp/bench_ext.$$; : >/tmp/bench_sql.$$; : >/tmp/bench_long.$$
    time_query "$workers" "$EXT" >/dev/null          # warm-up
    for _ in $(seq "$REPS"); do
        time_query "$workers" "$EXT" >>/tmp/bench_ext.$$
        time_query "$workers" "$SQL_FILTER" >>/tmp/bench_sql.$$
        time_query "$workers" "$SQL_LONG" >>/tmp/bench_long.$$
    done
    ext=$(median </tmp/bench_ext.$$); sql=$(median </tmp/bench_sql.$$); long=$(median </tmp/bench_long.$$)
    printf '%-8s %-6s %12.1f %12.1f %12.1f %10.3f %10.3f\n' "$workers" "$REPS" "$ext" "$sql" "$long" \
        "$(echo "$ext / $sql" | bc -l)" "$(echo "$ext / $long" | bc -l)"
    rm -f /tmp/bench_ext.$$ /tmp/bench_sql.$$ /tmp/bench_long.$$
done
psql_q -c "SET max_parallel_workers_per_gather = 2" -c "EXPLAIN (COSTS OFF) $EXT" | grep -E 'Partial|Workers' | sed 's/^/plan with 2 workers: /'
