#!/usr/bin/env bash
# libFuzzer harnesses (clang -fsanitize=fuzzer,address,undefined), printing TAP:
#   test/fuzz/types_fuzz.c    the types' text and binary input (rate, compliance,
#                             likert), built from src/ with stand-ins for the server
#   test/fuzz/kernels_fuzz.c  the computation kernels (intervals, scoring,
#                             homogeneity, funnel, Likert, compliance, composite)
# Each runs MEDALLIANCE_LIBFUZZER_SECONDS (default 20) seconds from a small
# seed corpus, seeded by MEDALLIANCE_LIBFUZZER_SEED (default: libFuzzer's own,
# printed).  A crash, a sanitizer report or a broken guarantee fails; the
# input that did it is printed in base64 and kept in $MEDALLIANCE_LIBFUZZER_KEEP
# (default /tmp).  Needs no server.  Replay an input:
#   clang ... -o types && ./types crash-FILE
set -uo pipefail
cd "$(dirname "$0")/../.."
seconds=${MEDALLIANCE_LIBFUZZER_SECONDS:-20}
keep=${MEDALLIANCE_LIBFUZZER_KEEP:-/tmp}
work=$(mktemp -d /tmp/medalliance-libfuzzer.XXXXXX)
trap 'rm -rf "$work"' EXIT
n=0
ok() { n=$((n + 1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi; }
echo "1..4"
seed_opt=()
[ -n "${MEDALLIANCE_LIBFUZZER_SEED:-}" ] && seed_opt=(-seed="$MEDALLIANCE_LIBFUZZER_SEED")

CLANG=$(command -v clang || command -v clang-14 || true)
flags=(-g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -Wno-ignored-attributes -Isrc)
inc=$(/usr/lib/postgresql/15/bin/pg_config --includedir-server)

build() {   # name, sources...
    local name=$1; shift
    [ -n "$CLANG" ] && "$CLANG" "${flags[@]}" -I"$inc" "$@" -lRmath -lm -o "$work/$name" >"$work/$name.build" 2>&1
}
build types test/fuzz/types_fuzz.c src/rate.c src/compliance.c src/likert.c src/parse.c src/aggstate.c \
    src/compliance_kernel.c src/likert_kernel.c src/proportion.c
ok $? "the type input harness builds with clang -fsanitize=fuzzer,address,undefined"
grep -E 'error' "$work/types.build" | head -n 5 | sed 's/^/# /'
build kernels test/fuzz/kernels_fuzz.c src/proportion.c src/scoring.c src/dispersion.c src/funnel.c \
    src/likert_kernel.c src/compliance_kernel.c src/composite.c
ok $? "the kernel harness builds"
grep -E 'error' "$work/kernels.build" | head -n 5 | sed 's/^/# /'

# Seed corpora: a few valid values of each type (text: first byte 0 rate, 1
# compliance, 2 likert; 0x80 | type for binary), and a few bytes per kernel.
mkdir -p "$work/types.corpus" "$work/kernels.corpus"
i=0
for v in '\0001/2' '\00045 / 100' '\0000/0' '\0009223372036854775807/9223372036854775807' \
         '\001{1:(0.5,1,1,0,0)}' '\001{2:(1.5,2,2,1,3),16:(0,1,1,0,0)}' \
         '\0021..5:{1,2,3,4,5}' '\0020..10:{0,0,0,0,0,0,0,0,0,5,5}' \
         '\200\0\0\0\0\0\0\0\1\0\0\0\0\0\0\0\2' '\202\1\0\5\0\0\0\0\0\0\0\1\0\0\0\0\0\0\0\2\0\0\0\0\0\0\0\3\0\0\0\0\0\0\0\4\0\0\0\0\0\0\0\5'; do
    printf "$v" > "$work/types.corpus/seed$i"; i=$((i + 1))
done
for k in 0 1 2 3 4 5 6; do head -c 64 /dev/zero | tr '\0' "\\$(printf '%03o' $((k + 48)))" > "$work/kernels.corpus/seed$k"; done

run() {   # name
    local name=$1
    [ -x "$work/$name" ] || return 1
    (cd "$work" && ./"$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        "${seed_opt[@]}" "$name.corpus" >"$name.log" 2>&1)
    local rc=$?
    grep -E '^INFO: Seed:' "$work/$name.log" | sed 's/^/# /'
    grep -E 'stat::number_of_executed_units|DONE' "$work/$name.log" | tail -n 2 | sed "s/^/# $name: /"
    if [ $rc -ne 0 ]; then
        grep -E 'guarantee broken|runtime error|ERROR: AddressSanitizer|SUMMARY|^(rate|compliance|likert):|called' \
            "$work/$name.log" | head -n 10 | sed "s/^/# $name: /"
        for c in "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-*; do
            [ -e "$c" ] || continue
            cp "$c" "$keep/" && echo "# input kept as $keep/$(basename "$c"): $(base64 -w0 < "$c")"
        done
    fi
    return $rc
}
run types
ok $? "types: ${seconds} s of text and binary input, no crash, no sanitizer report, no XX000, every value round-trips"
run kernels
ok $? "kernels: ${seconds} s, no crash, no sanitizer report, every documented guarantee holds"
exit 0
