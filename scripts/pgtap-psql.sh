#!/usr/bin/env bash
# The psql that pg_prove runs for each test file when files run side by side
# (scripts/test-in-cluster.sh, MEDALLIANCE_PGTAP_JOBS > 1): the file gets a
# database of its own, a copy of $MEDALLIANCE_TAP_TEMPLATE (pgTAP and the
# extension created, nothing else), dropped when the file ends.  Two files
# then never see each other's rows, refreshes or locks; the roles a file
# creates are the cluster's, and every file names its own.
set -uo pipefail
db="${MEDALLIANCE_TAP_TEMPLATE:?}_$$"
if ! createdb -T "$MEDALLIANCE_TAP_TEMPLATE" "$db"; then
    echo "1..1"; echo "not ok 1 - createdb $db from $MEDALLIANCE_TAP_TEMPLATE"; exit 1
fi
psql -d "$db" "$@"
rc=$?
dropdb "$db" >/dev/null 2>&1 || true
exit $rc
