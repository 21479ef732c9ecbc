#!/usr/bin/env bash
# Province-scale benchmark (issue 11): in one run at a given scale, the
# generation time, the full-year and one-month refresh time per layer and in
# total, the warm time of a whole-view SELECT * and of a one-alliance query on
# every view, and the bytes per stored row of every stored table — each beside
# its target.  Not part of CI.
#
#   bash bench/scale.sh            # scale 0.1
#   bash bench/scale.sh 1          # the province (about 60 million encounters a year)
#   bash bench/scale.sh 0.04 unification,indicators   # refresh only these layers
#
# The build and install hold /tmp/medalliance-install.lock (the install tree
# is shared by several checkouts); the lock is released once the extension is
# created in the throwaway cluster, unless MEDALLIANCE_BENCH_HOLD_LOCK=1.
# View times are server-side execution times (EXPLAIN ANALYZE, second run),
# without sending the rows to the client.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

SCALE="${1:-0.1}"
LAYERS="${2:-}"
exec 9>/tmp/medalliance-install.lock
flock 9
ensure_packages
build_and_install
log "starting a throwaway cluster (scale $SCALE)"
export SCALE LAYERS
pg_virtualenv -t -v "$PG_MAJOR" \
    -o "shared_buffers=2GB" -o "work_mem=256MB" -o "maintenance_work_mem=1GB" \
    -o "max_worker_processes=8" -o "max_parallel_workers=4" -o "max_wal_size=8GB" \
    bash -c '
set -euo pipefail
createdb medalliance_bench
export PGDATABASE=medalliance_bench PGOPTIONS="-c client_min_messages=warning"
psql -X -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION medalliance" -c "CREATE EXTENSION medalliance_demo"
[ "${MEDALLIANCE_BENCH_HOLD_LOCK:-0}" = 1 ] || flock -u 9
psql -X -q -v ON_ERROR_STOP=1 -P pager=off -v scale="$SCALE" -v layers="$LAYERS" -f bench/scale.sql'
