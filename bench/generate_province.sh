#!/usr/bin/env bash
# Benchmark of the synthetic province: builds and installs medalliance, starts a
# throwaway PostgreSQL 15 cluster, runs generate_demo_province(SCALE, 1) and
# prints the generation rate (encounter rows per second) and the table and
# index sizes per million encounters.  Not part of the test suite.
#
#   bash bench/generate_province.sh          # scale 0.1 (about 12 million encounters)
#   bash bench/generate_province.sh 0.01
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

SCALE="${1:-0.1}"
ensure_packages
build_and_install
log "starting a throwaway cluster"
with_throwaway_cluster bash -c '
set -euo pipefail
createdb medalliance_bench
export PGDATABASE=medalliance_bench PGOPTIONS="-c client_min_messages=warning"
psql -X -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION medalliance" -c "CREATE EXTENSION medalliance_demo"
psql -X -q -v ON_ERROR_STOP=1 -P pager=off -v scale="$0" -f bench/generate_province.sql
' "$SCALE"
