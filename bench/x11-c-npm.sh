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
exec "$ROOT/bench/x11-c.sh" "$DIR/package/sha3"
