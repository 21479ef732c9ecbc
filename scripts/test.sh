#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds, installs, computes the
# reference values with Debian's Python (scipy, statsmodels), then runs every
# pg_regress and pgTAP test, the unit tests, the dump/restore test and the
# fuzz harnesses (SQL and libFuzzer) in a throwaway PostgreSQL 15 cluster,
# and beside them the C-heavy tests against a server under valgrind
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

# The valgrind run (a server of its own, one core) goes on beside the suite.
valgrind_log=$(mktemp); valgrind_summary=$(mktemp); valgrind_pid=
if [ "${MEDALLIANCE_VALGRIND:-1}" = 1 ]; then
    log "the C-heavy tests against a server under valgrind, beside the suite"
    MEDALLIANCE_VALGRIND_IN_SUITE=1 MEDALLIANCE_VALGRIND_SUMMARY="$valgrind_summary" \
        bash scripts/valgrind.sh >"$valgrind_log" 2>&1 &
    valgrind_pid=$!
fi

log "starting a throwaway cluster"
export MEDALLIANCE_SUMMARY
MEDALLIANCE_SUMMARY=$(mktemp)
trap 'rm -f "$MEDALLIANCE_SUMMARY" "$valgrind_log" "$valgrind_summary"' EXIT
with_throwaway_cluster bash scripts/test-in-cluster.sh || true
status=1; passed=0; failed=1
if [ -s "$MEDALLIANCE_SUMMARY" ]; then
    read -r passed _ failed _ < <(head -n 1 "$MEDALLIANCE_SUMMARY")
    status=$(tail -n 1 "$MEDALLIANCE_SUMMARY")
else
    echo "the test run did not finish"
fi

if [ -n "$valgrind_pid" ]; then
    wait "$valgrind_pid" || status=1
    echo
    log "the valgrind run"
    cat "$valgrind_log"
    if read -r vpassed _ vfailed _ < "$valgrind_summary"; then
        passed=$((passed + vpassed)); failed=$((failed + vfailed))
    else
        echo "the valgrind run did not finish"; failed=$((failed + 1)); status=1
    fi
fi
echo
echo "${passed} passed, ${failed} failed"
exit "$status"
