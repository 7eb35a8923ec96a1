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
JAR="$ROOT/bench/target/benchmarks.jar"

die() { echo "sendfile: $*" >&2; exit 1; }

needs_build() {
    [[ -f "$JAR" ]] || return 0
    local newer
    newer="$(find "$ROOT/pom.xml" "$ROOT/protocol/pom.xml" "$ROOT/engine/pom.xml" "$ROOT/bench/pom.xml" \
        "$ROOT/protocol/src/main" "$ROOT/engine/src/main" "$ROOT/bench/src/main" \
        -newer "$JAR" -type f -print -quit 2>/dev/null || true)"
    [[ -n "$newer" ]]
}

if [[ "${BENCH_NO_BUILD:-}" != "1" ]] && needs_build; then
    command -v mvn >/dev/null 2>&1 || die "not built and mvn is not on PATH"
    echo "sendfile: building (mvn -q -B -DskipTests -pl bench -am package)..." >&2
    (cd "$ROOT" && mvn -q -B -Dstyle.color=never -DskipTests -pl bench -am package) 1>&2 \
        || die "build failed: run 'mvn -B -DskipTests -pl bench -am package' in $ROOT to see why"
    touch "$JAR"
fi
[[ -f "$JAR" ]] || die "$JAR is missing: build with 'mvn -DskipTests -pl bench -am package'"

if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA=java; fi
command -v "$JAVA" >/dev/null 2>&1 || die "java not found: install Java 17+ or set JAVA_HOME"

# The same module flags the tests and the dashcast launcher use (Agrona on Java 17).
FLAGS="$(sed -n 's:.*<dashcast.jvm.flags>\(.*\)</dashcast.jvm.flags>.*:\1:p' "$ROOT/pom.xml")"

# shellcheck disable=SC2086
exec "$JAVA" $FLAGS -Xms512m -Xmx512m ${BENCH_JAVA_OPTS:-} -cp "$JAR" io.dashcast.bench.sendfile.SendfileBenchmark \
    --out "$ROOT/bench/target/sendfile.md" "$@"
