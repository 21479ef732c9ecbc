#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds, installs, computes the
# reference values with Debian's Python (scipy, statsmodels), then runs every
# pg_regress and pgTAP test, the unit tests, the dump/restore test and the
# fuzz harnesses (SQL and libFuzzer) in a throwaway PostgreSQL 15 cluster,
# and last the C-heavy tests against a server under valgrind
# (scripts/valgrind.sh; MEDALLIANCE_VALGRIND=0 leaves it out).
# Exits non-zero on any failure; the last line is "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

# the fuzz harnesses and the memory check need these too (not the demo)
REQUIRED_PACKAGES+=(clang libclang-rt-14-dev valgrind)
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
read -r passed _ failed _ < <(head -n 1 "$MEDALLIANCE_SUMMARY")
status=$(tail -n 1 "$MEDALLIANCE_SUMMARY")

if [ "${MEDALLIANCE_VALGRIND:-1}" = 1 ]; then
    log "the C-heavy tests against a server under valgrind"
    valgrind_summary=$(mktemp)
    MEDALLIANCE_VALGRIND_IN_SUITE=1 MEDALLIANCE_VALGRIND_SUMMARY="$valgrind_summary" \
        bash scripts/valgrind.sh || status=1
    if read -r vpassed _ vfailed _ < "$valgrind_summary"; then
        passed=$((passed + vpassed)); failed=$((failed + vfailed))
    else
        echo "the valgrind run did not finish"; failed=$((failed + 1)); status=1
    fi
    rm -f "$valgrind_summary"
fi
echo
echo "${passed} passed, ${failed} failed"
exit "$status"
