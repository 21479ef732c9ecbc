#!/usr/bin/env bash
# Runs pg_regress and the pgTAP files that exercise the C code against a
# PostgreSQL 15 server started under valgrind, and fails on any memory error
# in any server process (backends and parallel workers are forked, so
# valgrind follows them).  scripts/test.sh runs it beside the suite (with
# MEDALLIANCE_VALGRIND_IN_SUITE=1: built, installed and references computed
# already); on its own:
#   bash scripts/valgrind.sh [test/pgtap/FILE.sql ...]
# By default the C-heavy pgTAP files below run (a few minutes; the
# synthetic-province tests would take hours under valgrind).  The last line is
# "N passed, N failed" (a memory error is one more failure); with
# MEDALLIANCE_VALGRIND_SUMMARY=FILE it is written there too.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
if [ "${MEDALLIANCE_VALGRIND_IN_SUITE:-0}" != 1 ]; then
    REQUIRED_PACKAGES+=(valgrind)
    ensure_packages
    build_and_install
    rm -rf test/generated && mkdir -p test/generated
    for f in test/reference/*.py; do /usr/bin/python3 "$f" test/generated; done
fi

bindir=$("${PG_CONFIG:-/usr/lib/postgresql/$PG_MAJOR/bin/pg_config}" --bindir)
work=$(mktemp -d /tmp/medalliance-valgrind.XXXXXX)
chmod 755 "$work"; cp scripts/valgrind.supp "$work"/; chmod 644 "$work"/valgrind.supp
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "$(id -u)" -eq 0 ]; then chown postgres "$work"; fi
as_postgres "$bindir/initdb" -D "$work/data" -A trust -U postgres >/dev/null
port=$((20000 + RANDOM % 10000))
log "starting postgres under valgrind on port $port"
as_postgres valgrind --quiet --error-exitcode=99 --leak-check=no --track-origins=yes \
    --suppressions="$work/valgrind.supp" --log-file="$work/valgrind.%p.log" \
    "$bindir/postgres" -D "$work/data" -p "$port" -k "$work" -c max_worker_processes=8 \
    > "$work/server.log" 2>&1 &
server_pid=$!
# Whatever happens, never leave the server (or its valgrind) running: stop it
# through its data directory, then kill the postmaster by the pid it wrote
# (valgrind runs in that process) and the wrapper this script started.
stop_server() {
    as_postgres "$bindir/pg_ctl" -D "$work/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
    if [ -f "$work/data/postmaster.pid" ]; then
        kill -KILL "$(head -n 1 "$work/data/postmaster.pid")" 2>/dev/null || true
    fi
    kill "$server_pid" 2>/dev/null || true
}
trap stop_server EXIT
export PGHOST=$work PGPORT=$port PGUSER=postgres
for _ in $(seq 1 120); do "$bindir/pg_isready" -q && break; sleep 1; done
summary=$(mktemp); export MEDALLIANCE_SUMMARY=$summary
if [ $# -gt 0 ]; then MEDALLIANCE_PGTAP="$*"; else
    # the C types' I/O and error paths, the scoring kernels, the composite window functions,
    # the contract-count aggregate, the display rounding and the demo's writers (src/demo)
    MEDALLIANCE_PGTAP="$(echo test/pgtap/rate_errors.sql test/pgtap/rate_binary.sql test/pgtap/compliance_errors.sql \
                              test/pgtap/compliance_binary.sql test/pgtap/compliance_corrupted.sql \
                              test/pgtap/likert_errors.sql test/pgtap/scoring_rules.sql test/pgtap/composite_hand.sql \
                              test/pgtap/person_masks.sql test/pgtap/display_round.sql test/pgtap/demo_writer.sql \
                              test/pgtap/demo_month_writers_plan.sql)"
fi
# one file at a time in one database; pg_regress's results in this run's own
# directory (the suite's run may be writing test/results beside it)
export MEDALLIANCE_PGTAP MEDALLIANCE_OPS_TESTS=0 MEDALLIANCE_PGTAP_JOBS=1 MEDALLIANCE_REGRESS_OUTPUTDIR="$work/regress"
started=$(date +%s)
bash scripts/test-in-cluster.sh || true
as_postgres "$bindir/pg_ctl" -D "$work/data" -m fast -w stop >/dev/null || true
sleep 2
read -r passed _ failed _ < <(head -n 1 "$summary") || { passed=0; failed=1; }
status=$(tail -n 1 "$summary"); status=${status:-1}
processes=$(ls "$work"/valgrind.*.log 2>/dev/null | wc -l)
echo "valgrind: $(head -n 1 "$summary") under valgrind, $processes server processes, $(( $(date +%s) - started )) s"
if grep -lE '^==[0-9]+== [A-Z]' "$work"/valgrind.*.log >/dev/null 2>&1 && \
   grep -hE '(Invalid|uninitialised|Uninitialised|definitely lost|Mismatched|overlap)' "$work"/valgrind.*.log >/dev/null; then
    grep -lE '^==[0-9]+== [A-Z]' "$work"/valgrind.*.log | xargs cat | head -80
    echo "valgrind: memory errors found (logs in $work)"
    failed=$((failed + 1)); status=1
else
    echo "valgrind: no memory error in any of the $processes server processes"
    rm -rf "$work"
fi
echo "$passed passed, $failed failed"
[ -n "${MEDALLIANCE_VALGRIND_SUMMARY:-}" ] && echo "$passed passed, $failed failed" > "$MEDALLIANCE_VALGRIND_SUMMARY"
exit "$status"
