#!/usr/bin/env bash
# SQL fuzz harness: run inside a cluster (PGHOST, PGPORT, PGUSER of a
# superuser set), printing TAP.  Loads test/fuzz/sql_fuzz.sql into a scratch
# database with both extensions, then calls random targets in chunks of
# MEDALLIANCE_FUZZ_CHUNK calls until MEDALLIANCE_FUZZ_CALLS calls are made,
# seeded by MEDALLIANCE_FUZZ_SEED (default: a fresh seed, printed).  Fails on
# a SQLSTATE of class XX or 58 (or a PL/pgSQL assertion), a lost connection,
# a restarted server, or a crash in the server log.  To replay a run:
#   MEDALLIANCE_FUZZ_SEED=<seed> bash test/fuzz/sql_fuzz.sh   (inside a cluster)
# A chunk that crashes the server is run once more with every statement
# printed, so the last one printed is the one that crashed it.
set -uo pipefail
cd "$(dirname "$0")/../.."
calls=${MEDALLIANCE_FUZZ_CALLS:-100000}
chunk_size=${MEDALLIANCE_FUZZ_CHUNK:-2000}
seed=${MEDALLIANCE_FUZZ_SEED:-$(( (RANDOM << 15 | RANDOM) % 1000000 ))}
db=medalliance_fuzz
work=$(mktemp -d /tmp/medalliance-fuzz.XXXXXX)
trap 'rm -rf "$work"; dropdb --if-exists "$db" >/dev/null 2>&1' EXIT
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" "$@"; }
n=0
ok() { n=$((n + 1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi; }
echo "1..4"
echo "# seed $seed, $calls calls in chunks of $chunk_size"

# The server's log, to look for crashes: MEDALLIANCE_SERVER_LOG, or that of the
# pg_virtualenv or pg_ctlcluster cluster on PGPORT.
logfile=${MEDALLIANCE_SERVER_LOG:-$(pg_lsclusters -h 2>/dev/null | awk -v p="${PGPORT:-5432}" '$3 == p {print $NF}' | head -n 1)}
log_lines_before=0
[ -n "$logfile" ] && [ -r "$logfile" ] && log_lines_before=$(wc -l < "$logfile")

dropdb --if-exists "$db" >/dev/null 2>&1
createdb "$db"
started=$(q -c 'SELECT pg_postmaster_start_time()')
q -c 'SET client_min_messages = warning' -c 'CREATE EXTENSION medalliance' -c 'CREATE EXTENSION medalliance_demo' \
  -f test/fuzz/sql_fuzz.sql -c 'SELECT fuzz.discover()' >"$work/setup.log" 2>&1
rc=$?
ok $rc "the fuzz driver loads and finds the targets in the catalogue"
[ $rc -eq 0 ] || sed 's/^/# /' "$work/setup.log"
q -c "SELECT format('%s targets: %s', count(*), string_agg(DISTINCT kind || ' ' || (SELECT count(*) FROM fuzz.target x WHERE x.kind = t.kind), ', ')) FROM fuzz.target t" | sed 's/^/# /'
q -c "SELECT format('not called: %s (%s)', label, reason) FROM fuzz.skipped ORDER BY 1" | sed 's/^/# /'

# The watchdog: a call that has run for more than $call_limit seconds is
# cancelled (the driver catches the cancel and goes on with the next call).
call_limit=${MEDALLIANCE_FUZZ_CALL_SECONDS:-3}
(
    while sleep 1; do
        psql -X -q -At -d postgres -c "
            SELECT pg_cancel_backend(pid) FROM pg_stat_activity
            WHERE application_name ~ '^medalliance_fuzz [0-9]+ [0-9.]+\$'
              AND clock_timestamp() - to_timestamp(split_part(application_name, ' ', 3)::float8)
                  > interval '$call_limit seconds'" >/dev/null 2>&1 || true
    done
) &
watchdog=$!
trap 'kill "$watchdog" 2>/dev/null; rm -rf "$work"; dropdb --if-exists "$db" >/dev/null 2>&1' EXIT

start=$(date +%s)
made=0; chunk=0; lost=0; missed=0
while [ "$made" -lt "$calls" ]; do
    chunk=$((chunk + 1))
    out=$(q -c "SET statement_timeout = '300s'" -c "SELECT fuzz.run($seed, $chunk, $chunk_size)" 2>&1); rc=$?
    if [[ "$out" == *"canceling statement due to user request"* ]] && [ "$missed" -lt 3 ]; then
        # the watchdog's cancel came between two calls: this chunk is lost, not failed
        missed=$((missed + 1)); echo "# chunk $chunk lost to a late cancel; going on"; continue
    fi
    if [ $rc -ne 0 ] || ! [[ "$out" =~ ^[0-9]+$ ]]; then
        echo "# chunk $chunk failed: $out" | head -n 5
        lost=1
        # once more, printing each statement, to name the one that failed
        sleep 5
        q -c "SET statement_timeout = '120s'" -c "SELECT fuzz.run($seed, $chunk, $chunk_size, true)" >"$work/replay.log" 2>&1
        tail -n 3 "$work/replay.log" | cut -c1-2000 | sed 's/^/# replay: /'
        break
    fi
    made=$((made + out))
done
elapsed=$(( $(date +%s) - start ))
kill "$watchdog" 2>/dev/null
echo "# $made calls in $chunk chunks, ${elapsed} s"
q -c "SELECT 'cancelled after ${call_limit} s: ' || string_agg(DISTINCT t.label, ', ') FROM fuzz.outcome o JOIN fuzz.target t USING (target_id) WHERE o.sqlstate = '57014' HAVING count(*) > 0" 2>/dev/null | sed 's/^/# /'
q -c "SELECT 'past their time budget (3 s over the run): ' || string_agg(t.label, ', ') FROM fuzz.spent s JOIN fuzz.target t USING (target_id) WHERE s.seconds > 3 HAVING count(*) > 0" 2>/dev/null | sed 's/^/# /'
q -c "SELECT format('%-8s %s', sqlstate, sum(calls)) FROM fuzz.outcome GROUP BY sqlstate ORDER BY sum(calls) DESC" \
    2>/dev/null | sed 's/^/# SQLSTATE /'
q -c "SELECT format('%s: %s calls, %s returned', t.kind, sum(o.calls), sum(o.calls) FILTER (WHERE o.sqlstate = '00000'))
      FROM fuzz.outcome o JOIN fuzz.target t USING (target_id) GROUP BY t.kind ORDER BY 1" 2>/dev/null | sed 's/^/# /'
q -c "SELECT format('slowest: %s, %s s', t.label, round(s.seconds::numeric, 1)) FROM fuzz.spent s
      JOIN fuzz.target t USING (target_id) ORDER BY s.seconds DESC LIMIT 3" 2>/dev/null | sed 's/^/# /'
never=$(q -c "SELECT string_agg(t.label, ', ') FROM fuzz.target t WHERE NOT EXISTS (SELECT FROM fuzz.outcome o WHERE o.target_id = t.target_id)" 2>/dev/null)
[ -n "$never" ] && echo "# never called: $never"
[ "$lost" -eq 0 ] && [ "$made" -ge "$calls" ]; ok $? "$made calls made, the connection never lost"

failures=$(q -c "SELECT count(*) FROM fuzz.failure" 2>/dev/null || echo 1)
q -c "SELECT format('%s %s: %s -- %s', f.sqlstate, t.label, f.message, left(f.statement, 600))
      FROM (SELECT DISTINCT ON (target_id, sqlstate, message) * FROM fuzz.failure) f JOIN fuzz.target t USING (target_id)
      LIMIT 20" 2>/dev/null | sed 's/^/# /'
[ "${failures:-1}" = 0 ]; ok $? "no call raised an internal error (class XX or 58) or an assertion ($failures did)"

now=$(psql -X -At -d postgres -c 'SELECT pg_postmaster_start_time()' 2>/dev/null)
crash=""
if [ -n "$logfile" ] && [ -r "$logfile" ]; then
    crash=$(tail -n +"$((log_lines_before + 1))" "$logfile" | grep -E 'terminated by signal|server process .* (was terminated|exited with exit code)|TRAP:|all server processes terminated' | head -n 5)
else
    echo "# server log not found; checking the start time only"
fi
[ -n "$crash" ] && echo "$crash" | sed 's/^/# log: /'
[ -n "$started" ] && [ "$now" = "$started" ] && [ -z "$crash" ]; ok $? "the server never restarted (started $started, now $now) and logged no crash"
exit 0
