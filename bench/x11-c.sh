#!/usr/bin/env bash
# bench/x11-c.sh: dashcast's X11 against Dash Core's own C (sphlib, gcc -O2) and the saphir-hash-core
# baseline, in one run. Downloads nothing: Dash Core's sources are not part of dashcast and must be
# on disk already. On a machine with internet:
#
#   git clone --depth 1 -b v22.1.1 https://github.com/dashpay/dash /tmp/dash
#   bench/x11-c.sh /tmp/dash            (or DASH_SRC=/tmp/dash bench/x11-c.sh)
#
# The argument may be a Dash Core checkout or any directory holding the sph files (blake.c bmw.c
# groestl.c skein.c jh.c keccak.c luffa.c cubehash.c shavite.c simd.c echo.c aes_helper.c,
# sph_*.h, sph_types.h); they are found by name under it. Builds bench/x11-c/main.c (dashcast's
# harness) with them into bench/target/x11-c, runs it RUNS times (default 3), runs JMH
# X11Benchmark (headerHeap and saphir, RUNS forks), and prints the medians and the ratios.
#
# Environment: RUNS (3), ITERATIONS (200000 C hashes per run), CC (gcc), CFLAGS (-O2), BENCH_NO_BUILD=1.
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
die() { echo "x11-c: $*" >&2; exit 1; }

SRC="${1:-${DASH_SRC:-}}"
[[ -n "$SRC" && -d "$SRC" ]] || die "give Dash Core's source directory (argument or DASH_SRC); see the header of $0"
RUNS="${RUNS:-3}"
ITERATIONS="${ITERATIONS:-200000}"
CC="${CC:-gcc}"
CFLAGS="${CFLAGS:--O2}"

# shellcheck source=bench/bench-env.sh
source "$ROOT/bench/bench-env.sh"

sources=()
includes=()
for f in blake.c bmw.c groestl.c skein.c jh.c keccak.c luffa.c cubehash.c shavite.c simd.c echo.c; do
    path="$(find "$SRC" -name "$f" -path '*crypto*' -print -quit 2>/dev/null || true)"
    [[ -n "$path" ]] || path="$(find "$SRC" -name "$f" -print -quit)"
    [[ -n "$path" ]] || die "$f not found under $SRC"
    sources+=("$path")
    includes+=("-I$(dirname "$path")")
done
header="$(find "$SRC" -name sph_types.h -print -quit)"
[[ -n "$header" ]] || die "sph_types.h not found under $SRC"
includes+=("-I$(dirname "$header")")
mapfile -t includes < <(printf '%s\n' "${includes[@]}" | sort -u)

mkdir -p "$ROOT/bench/target"
BIN="$ROOT/bench/target/x11-c"
"$CC" $CFLAGS "${includes[@]}" -o "$BIN" "$ROOT/bench/x11-c/main.c" "${sources[@]}" \
    || die "build failed (cc $CFLAGS)"

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "C: $CC $CFLAGS, $RUNS runs of $ITERATIONS hashes"
c_runs=()
for ((i = 0; i < RUNS; i++)); do
    out="$("$BIN" "$ITERATIONS")"
    [[ $i -eq 0 ]] && echo "  $(head -1 <<<"$out")"
    c_runs+=("$(sed -n 's/^ns\/hash \([0-9.]*\).*/\1/p' <<<"$out")")
done
echo "  ns/hash: ${c_runs[*]}"
C_NS="$(printf '%s\n' "${c_runs[@]}" | median)"

echo "Java: JMH X11Benchmark, $RUNS forks"
JSON="$ROOT/bench/target/x11-jmh.json"
"$JAVA" -jar "$JAR" 'X11Benchmark\.(headerHeap|saphir)$' -f "$RUNS" -wi 3 -w 1 -i 5 -r 1 -prof gc \
    -rf json -rff "$JSON" >/dev/null
java_score() {
    python3 - "$JSON" "$1" <<'PY'
import json, sys
for b in json.load(open(sys.argv[1])):
    if b["benchmark"].endswith("." + sys.argv[2]):
        print("%.1f %.3f" % (b["primaryMetric"]["score"], b["secondaryMetrics"]["gc.alloc.rate.norm"]["score"]))
PY
}
read -r NEW_NS NEW_B < <(java_score headerHeap)
read -r SAPHIR_NS SAPHIR_B < <(java_score saphir)

printf '\n%-40s %12s %10s\n' "X11 of an 80-byte header" "ns/hash" "B/op"
printf '%-40s %12.1f %10s\n' "${C_LABEL:-Dash Core sph C} ($CFLAGS)" "$C_NS" "-"
printf '%-40s %12.1f %10s\n' "dashcast X11 (Java)" "$NEW_NS" "$NEW_B"
printf '%-40s %12.1f %10s\n' "saphir-hash-core (Java)" "$SAPHIR_NS" "$SAPHIR_B"
awk -v c="$C_NS" -v n="$NEW_NS" -v s="$SAPHIR_NS" \
    'BEGIN { printf "\ndashcast / C = %.2f, saphir / C = %.2f, saphir / dashcast = %.2f\n", n / c, s / c, s / n }'
