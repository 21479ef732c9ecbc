#!/usr/bin/env bash
# Runs inside the throwaway cluster: pg_regress (make installcheck), then pgTAP
# (pg_prove over test/pgtap), then one summary line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export PG_CONFIG="/usr/lib/postgresql/15/bin/pg_config"
out=$(mktemp -d)

# pg_regress writes its results under REGRESS_OUTPUTDIR (test/ unless a
# concurrent run, scripts/valgrind.sh, names another directory).
regress_dir=${MEDALLIANCE_REGRESS_OUTPUTDIR:-test}
make -s PG_CONFIG="$PG_CONFIG" REGRESS_OUTPUTDIR="$regress_dir" installcheck >"$out/regress.log" 2>&1
regress_rc=$?
cat "$out/regress.log"
if [ $regress_rc -ne 0 ] && [ -f "$regress_dir/regression.diffs" ]; then
    echo "---- $regress_dir/regression.diffs ----"
    cat "$regress_dir/regression.diffs"
fi
regress_ok=$(grep -cE '^(ok|test|    |\s)*.* \.\.\. ok' "$out/regress.log" || true)
regress_failed=$(grep -cE '\.\.\. FAILED' "$out/regress.log" || true)
if [ $regress_rc -ne 0 ] && [ "$regress_failed" -eq 0 ]; then regress_failed=1; fi

# Files that server-side COPY reads: a copy the server's user can read.
fixtures=$(mktemp -d /tmp/medalliance-fixtures.XXXXXX)
cp test/generated/* "$fixtures"/ 2>/dev/null || true
chmod 755 "$fixtures"; chmod 644 "$fixtures"/* 2>/dev/null || true

createdb medalliance_tap
psql -X -q -d medalliance_tap -v ON_ERROR_STOP=1 \
    -c 'CREATE EXTENSION pgtap' -c 'CREATE EXTENSION medalliance' >/dev/null
# The files that generate a synthetic province take most of the time: they
# start first, so that files running side by side end close together.
mapfile -t tap_files < <(find ${MEDALLIANCE_PGTAP:-test/pgtap} -name '*.sql' | sort)
mapfile -t tap_files < <(grep -l generate_demo_province "${tap_files[@]}"; grep -L generate_demo_province "${tap_files[@]}")
# MEDALLIANCE_PGTAP_JOBS files at a time (default 2, one per core here), each
# in a copy of medalliance_tap (scripts/pgtap-psql.sh); one at a time they
# share medalliance_tap itself.
tap_jobs=${MEDALLIANCE_PGTAP_JOBS:-2}
tap_psql=()
if [ "$tap_jobs" -gt 1 ]; then
    export MEDALLIANCE_TAP_TEMPLATE=medalliance_tap
    tap_psql=(--psql-bin "$PWD/scripts/pgtap-psql.sh")
fi
PGDATABASE=medalliance_tap PGOPTIONS='-c client_min_messages=warning' \
    pg_prove --ext .sql --set fixtures="$fixtures" --jobs "$tap_jobs" "${tap_psql[@]}" "${tap_files[@]}" 2>&1 \
    | tee "$out/prove.log"
prove_rc=${PIPESTATUS[0]}
tap_total=$(sed -n 's/.*Tests=\([0-9]*\).*/\1/p' "$out/prove.log" | tail -1)
tap_failed=$(grep -oE 'Failed [0-9]+/[0-9]+ subtests' "$out/prove.log" | awk '{split($2,a,"/"); s+=a[1]} END {print s+0}')
tap_total=${tap_total:-0}
if [ $prove_rc -ne 0 ] && [ "$tap_failed" -eq 0 ]; then tap_failed=1; fi

# Unit tests without a server, each printing TAP: test/unit/NAME_test.c is
# the kernel src/NAME.c in plain C; test/unit/NAME_test.py checks the sources.
unit_ok=0; unit_failed=0
mkdir -p "$out/unit"
count_tap() {   # test file, its TAP output
    local t=$1 tap=$2 ok bad planned
    ok=$(grep -c '^ok ' "$tap" || true)
    bad=$(grep -c '^not ok ' "$tap" || true)
    planned=$(sed -n 's/^1\.\.\([0-9]*\)$/\1/p' "$tap" | tail -1)
    # a plan that was not printed, or not kept, is one more failure
    if [ -z "$planned" ] || [ $((ok + bad)) -ne "$planned" ]; then bad=$((bad + 1)); fi
    grep '^not ok' "$tap" || true
    echo "$t: ${ok} passed, ${bad} failed"
    unit_ok=$((unit_ok + ok)); unit_failed=$((unit_failed + bad))
}
for t in test/unit/*_test.c test/unit/*_test.py; do
    [ -e "$t" ] || continue
    name=$(basename "$t"); name=${name%_test.*}
    : > "$out/unit/$name.tap"
    case "$t" in
        *.c) cc -std=gnu99 -Wall -Wextra -Werror -Isrc -o "$out/unit/$name" "$t" "src/$name.c" -lRmath -lm \
                 && "$out/unit/$name" > "$out/unit/$name.tap" ;;
        *.py) /usr/bin/python3 "$t" > "$out/unit/$name.tap" ;;
    esac
    count_tap "$t" "$out/unit/$name.tap"
done

# Operations and fuzzing, each a script printing TAP with its figures as
# comments: test/ops/*.sh (dump/restore, DROP and CREATE EXTENSION),
# test/fuzz/*.sh (the SQL fuzz harness, the libFuzzer harnesses).
# MEDALLIANCE_OPS_TESTS=0 leaves them out (scripts/valgrind.sh does).
# They run two at a time (each in databases of its own), and are reported
# in name order once all have ended.
if [ "${MEDALLIANCE_OPS_TESTS:-1}" = 1 ]; then
    ops=()
    for t in test/ops/*.sh test/fuzz/*.sh; do
        [ -e "$t" ] || continue
        ops+=("$t")
        name=$(basename "$t" .sh)
        while [ "$(jobs -rp | wc -l)" -ge "${MEDALLIANCE_OPS_JOBS:-2}" ]; do wait -n || true; done
        ( started=$(date +%s)
          bash "$t" > "$out/unit/$name.tap" 2>&1
          echo $(( $(date +%s) - started )) > "$out/unit/$name.seconds" ) &
    done
    wait
    for t in "${ops[@]}"; do
        name=$(basename "$t" .sh)
        grep '^#' "$out/unit/$name.tap" | head -n 60
        count_tap "$t" "$out/unit/$name.tap"
        echo "$t: $(cat "$out/unit/$name.seconds" 2>/dev/null || echo '?') s"
    done
fi

passed=$(( regress_ok + tap_total - tap_failed + unit_ok ))
[ "$passed" -ge 0 ] || passed=0   # a file that dies counts its planned tests as failed
failed=$(( regress_failed + tap_failed + unit_failed ))
rm -rf "$out" "$fixtures"
# The caller prints the summary after the cluster is gone (pg_virtualenv
# prints the server log when a command fails, which would bury it).
status=0
[ $regress_rc -eq 0 ] && [ $prove_rc -eq 0 ] && [ $unit_failed -eq 0 ] || status=1
echo "${passed} passed, ${failed} failed" > "${MEDALLIANCE_SUMMARY:?}"
echo "$status" >> "$MEDALLIANCE_SUMMARY"
