#!/usr/bin/env bash
# Runs the whole test suite (pg_regress and pgTAP) against a PostgreSQL 15
# server started under valgrind, and fails on any memory error in any server
# process (backends and parallel workers are forked, so valgrind follows them).
# Slow: a developer's check, not part of scripts/test.sh.  By default the
# pgTAP files that exercise the C code run (the synthetic-province tests would
# take hours under valgrind); name others to run them instead:
#   bash scripts/valgrind.sh [test/pgtap/FILE.sql ...]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
REQUIRED_PACKAGES+=(valgrind)
ensure_packages
build_and_install

rm -rf test/generated && mkdir -p test/generated
for f in test/reference/*.py; do /usr/bin/python3 "$f" test/generated; done

bindir=/usr/lib/postgresql/$PG_MAJOR/bin
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
    MEDALLIANCE_PGTAP="$(echo test/pgtap/catalogue.sql test/pgtap/rate_*.sql test/pgtap/compliance_*.sql test/pgtap/indicators_hand.sql)"
fi
export MEDALLIANCE_PGTAP
bash scripts/test-in-cluster.sh || true
as_postgres "$bindir/pg_ctl" -D "$work/data" -m fast -w stop >/dev/null || true
sleep 2
head -n 1 "$summary"
if grep -lE '^==[0-9]+== [A-Z]' "$work"/valgrind.*.log >/dev/null 2>&1 && \
   grep -hE '(Invalid|uninitialised|Uninitialised|definitely lost|Mismatched|overlap)' "$work"/valgrind.*.log >/dev/null; then
    grep -lE '^==[0-9]+== [A-Z]' "$work"/valgrind.*.log | xargs cat | head -80
    echo "valgrind found memory errors (logs in $work)"
    exit 1
fi
rm -rf "$work"
echo "valgrind: no memory errors in any server process"
exit "$(tail -n 1 "$summary")"
