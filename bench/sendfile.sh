#!/usr/bin/env bash
# bench/sendfile.sh: sendfile (FileChannel.transferTo) against write for big blocks (io.dashcast.bench.sendfile.SendfileBenchmark).
#
#   bench/sendfile.sh                  1 MiB and 2 MiB to N in {8,20} loopback receivers: about 1 minute
#   bench/sendfile.sh --seconds 10     longer runs
#   bench/sendfile.sh --help           every option
#
# Writes bench/target/sendfile.md as well as printing it. Results: bench/README-sendfile.md.
# Builds the shaded bench jar first when it is missing or older than a source (as bench/run does).
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"

die() { echo "sendfile: $*" >&2; exit 1; }

# shellcheck source=bench/bench-env.sh
source "$ROOT/bench/bench-env.sh"

# shellcheck disable=SC2086
exec "$JAVA" $FLAGS -Xms512m -Xmx512m ${BENCH_JAVA_OPTS:-} -cp "$JAR" io.dashcast.bench.sendfile.SendfileBenchmark \
    --out "$ROOT/bench/target/sendfile.md" "$@"
