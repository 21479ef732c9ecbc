#!/usr/bin/env bash
# A developer's quick check: build, install and run only the named pgTAP files
# (and, with MEDALLIANCE_REGRESS=1, pg_regress) in a throwaway cluster.
#   bash scripts/check.sh test/pgtap/qc_hand.sql test/pgtap/refresh.sql
# Reference values (test/generated) are computed only when missing.  Several
# checkouts on one machine share the PostgreSQL install tree, so the build,
# install and run hold /tmp/medalliance-install.lock.  Not a substitute for
# scripts/test.sh, which CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
[ $# -gt 0 ] || { echo "usage: scripts/check.sh test/pgtap/FILE.sql..." >&2; exit 2; }
exec 9>/tmp/medalliance-install.lock
flock 9
ensure_packages
build_and_install
if [ ! -d test/generated ]; then
    mkdir -p test/generated
    for f in test/reference/*.py; do /usr/bin/python3 "$f" test/generated; done
fi
export PG_CONFIG MEDALLIANCE_PGTAP="$*"
with_throwaway_cluster bash -c '
    set -uo pipefail
    if [ "${MEDALLIANCE_REGRESS:-0}" = 1 ]; then
        make -s PG_CONFIG="$PG_CONFIG" installcheck || cat test/regression.diffs
    fi
    fixtures=$(mktemp -d /tmp/medalliance-fixtures.XXXXXX)
    cp test/generated/* "$fixtures"/ 2>/dev/null || true
    chmod 755 "$fixtures"; chmod 644 "$fixtures"/* 2>/dev/null || true
    createdb medalliance_tap
    psql -X -q -d medalliance_tap -v ON_ERROR_STOP=1 \
        -c "CREATE EXTENSION pgtap" -c "CREATE EXTENSION medalliance" >/dev/null
    PGDATABASE=medalliance_tap PGOPTIONS="-c client_min_messages=warning" \
        pg_prove --ext .sql --set fixtures="$fixtures" $MEDALLIANCE_PGTAP
    rc=$?; rm -rf "$fixtures"; exit $rc'
