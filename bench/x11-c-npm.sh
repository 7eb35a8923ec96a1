#!/usr/bin/env bash
# bench/x11-c-npm.sh: dashcast's X11 against sphlib's C (gcc -O2) in one run, with the C sources
# taken from the npm registry: the x11-hash package (node-x11-hash 0.0.2) ships sphlib's eleven
# functions (blake.c ... echo.c, aes_helper.c, sph_*.h), the same sphlib family Dash Core's
# src/crypto/x11 holds. Nothing is committed: the package is unpacked under bench/target/x11-c-npm
# and bench/x11-c.sh builds dashcast's harness (bench/x11-c/main.c) against it, runs it and JMH
# X11Benchmark side by side and prints the ratios.
#
#   bench/x11-c-npm.sh            (RUNS, ITERATIONS, CC, CFLAGS as bench/x11-c.sh)
#
# Then each function alone and the whole chain, C and Java interleaved (FUNCTION_ROUNDS, default 3;
# X11_FUNCTIONS_ONLY=1 runs only this part, with the C binary of an earlier run).
#
# Needs npm (the registry), gcc and the bench jar (built when missing).
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
die() { echo "x11-c-npm: $*" >&2; exit 1; }

PACKAGE="x11-hash@0.0.2"
# npm's integrity of x11-hash-0.0.2.tgz (npm view x11-hash@0.0.2 dist.integrity): checked, so a
# changed package cannot slip in.
INTEGRITY="sha512-GEmQowB8uPNrwn3ghqyMhYclH8v2LlIZRyJyJeFSGhd76zqym2Lw7qMm5R4Pm7z/O73ABwr3cGG8iY5SQpZSCA=="
DIR="$ROOT/bench/target/x11-c-npm"

command -v npm >/dev/null 2>&1 || die "npm not found"
command -v "${CC:-gcc}" >/dev/null 2>&1 || die "${CC:-gcc} not found"

if [[ ! -f "$DIR/package/sha3/sph_types.h" ]]; then
    rm -rf "$DIR"
    mkdir -p "$DIR"
    (cd "$DIR" && npm pack --silent "$PACKAGE" >/dev/null) || die "npm pack $PACKAGE failed"
    tgz="$(ls "$DIR"/x11-hash-*.tgz)"
    actual="sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)"
    [[ "$actual" == "$INTEGRITY" ]] || { rm -rf "$DIR"; die "integrity mismatch: $actual"; }
    tar xzf "$tgz" -C "$DIR"
fi
echo "sph C sources: $PACKAGE ($(ls "$DIR"/package/sha3/*.c | wc -l) files in $DIR/package/sha3)"
if [[ "${X11_FUNCTIONS_ONLY:-}" != "1" ]]; then
    C_LABEL="sphlib C (npm x11-hash)" "$ROOT/bench/x11-c.sh" "$DIR/package/sha3"
fi
[[ -x "$ROOT/bench/target/x11-c" ]] || die "bench/target/x11-c missing: run once without X11_FUNCTIONS_ONLY"

# Which function costs what: each of the eleven alone and the whole chain, C and Java in turn
# (FUNCTION_ROUNDS times each, so machine noise falls on both), the fastest figure of each side.
source "$ROOT/bench/bench-env.sh"
ROUNDS="${FUNCTION_ROUNDS:-3}"
OUT="$ROOT/bench/target/x11-functions"
rm -rf "$OUT"; mkdir -p "$OUT"
for ((i = 0; i < ROUNDS; i++)); do
    "$ROOT/bench/target/x11-c" functions 50000 | grep -v sink >> "$OUT/c.txt"
    "$JAVA" $FLAGS -cp "$JAR" io.dashcast.protocol.x11.X11FunctionTimes 50000 3 | grep -v sink >> "$OUT/java.txt"
done
python3 - "$OUT/c.txt" "$OUT/java.txt" <<'PY'
import sys
def best(path):
    b = {}
    order = []
    for line in open(path):
        name, ns = line.split()
        if name not in b:
            order.append(name)
        b[name] = min(b.get(name, float("inf")), float(ns))
    return order, b
order, c = best(sys.argv[1])
_, j = best(sys.argv[2])
print("\n| function | sphlib C ns | dashcast Java ns | Java / C | share of Java's chain |")
print("|---|---:|---:|---:|---:|")
total = sum(v for k, v in j.items() if k != "x11")
for n in order:
    if n != "x11":
        print("| %s | %.0f | %.0f | %.2f | %.0f %% |" % (n, c[n], j[n], j[n] / c[n], 100 * j[n] / total))
print("| sum of the eleven | %.0f | %.0f | %.2f | |" % (sum(v for k, v in c.items() if k != "x11"), total,
    total / sum(v for k, v in c.items() if k != "x11")))
print("| **X11 chain** (interleaved with C) | %.0f | %.0f | **%.2f** | |" % (c["x11"], j["x11"], j["x11"] / c["x11"]))
PY
