#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds, installs, computes the
# reference values with Debian's Python (scipy, statsmodels), then runs every
# pg_regress and pgTAP test in a throwaway PostgreSQL 15 cluster.
# Exits non-zero on any failure; the last line is "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

ensure_packages
build_and_install

log "computing reference values with /usr/bin/python3"
rm -rf test/generated && mkdir -p test/generated
for f in test/reference/*.py; do
    [ -e "$f" ] || continue
    /usr/bin/python3 "$f" test/generated
done

log "starting a throwaway cluster"
export MEDALLIANCE_SUMMARY
MEDALLIANCE_SUMMARY=$(mktemp)
trap 'rm -f "$MEDALLIANCE_SUMMARY"' EXIT
with_throwaway_cluster bash scripts/test-in-cluster.sh || true
if [ ! -s "$MEDALLIANCE_SUMMARY" ]; then
    echo "the test run did not finish"
    echo "0 passed, 1 failed"
    exit 1
fi
echo
head -n 1 "$MEDALLIANCE_SUMMARY"
exit "$(tail -n 1 "$MEDALLIANCE_SUMMARY")"
