#!/usr/bin/env bash
# Runs inside the throwaway cluster: one database, the extension, then each
# demo/NN_*.sql file in name order.
set -euo pipefail
cd "$(dirname "$0")/.."
createdb medalliance_demo
export PGDATABASE=medalliance_demo PGOPTIONS='-c client_min_messages=warning'
psql -X -q -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION medalliance' -c 'CREATE EXTENSION medalliance_demo'
for f in demo/[0-9][0-9]_*.sql; do
    psql -X -q -v ON_ERROR_STOP=1 -P pager=off -f "$f"
done
