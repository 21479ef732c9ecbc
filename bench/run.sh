#!/usr/bin/env bash
# Runs one benchmark (bench/NAME.sql) in a throwaway cluster after the usual
# set-up, e.g.:  bash bench/run.sh rate_agg
# Ratios are candidate time / baseline time, medians of interleaved runs.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
name=${1:?usage: bench/run.sh NAME   (runs bench/NAME.sql)}
[ -f "bench/$name.sql" ] || { echo "no bench/$name.sql" >&2; exit 2; }
ensure_packages
build_and_install
export BENCH_SQL="bench/$name.sql"
pg_virtualenv -t -v "$PG_MAJOR" \
    -o "shared_buffers=2GB" -o "work_mem=256MB" -o "max_worker_processes=8" \
    -o "max_parallel_workers=4" -o "jit=off" \
    bash -c 'createdb medalliance_bench &&
             psql -X -q -d medalliance_bench -v ON_ERROR_STOP=1 -c "CREATE EXTENSION medalliance" -c "CREATE EXTENSION medalliance_demo" -f bench/lib.sql &&
             psql -X -q -d medalliance_bench -v ON_ERROR_STOP=1 -P pager=off -f "$BENCH_SQL"'
