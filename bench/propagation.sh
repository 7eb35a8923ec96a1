#!/usr/bin/env bash
# bench/propagation.sh: the block propagation simulation (io.dashcast.bench.propagation.PropagationMain).
#
#   bench/propagation.sh                 5,000 nodes, compact relay, k in {1..64}, 9 seeds: ~5-10 s
#   bench/propagation.sh --relay full    legacy inv/getdata/block relay
#   bench/propagation.sh --help          every model parameter
#
# Deterministic: the same options give the same table. Model and results: bench/README-propagation.md.
# Builds the shaded bench jar first when it is missing or older than a source (as bench/run does).
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
JAR="$ROOT/bench/target/benchmarks.jar"

die() { echo "propagation: $*" >&2; exit 1; }

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
    echo "propagation: building (mvn -q -B -DskipTests -pl bench -am package)..." >&2
    (cd "$ROOT" && mvn -q -B -Dstyle.color=never -DskipTests -pl bench -am package) 1>&2 \
        || die "build failed: run 'mvn -B -DskipTests -pl bench -am package' in $ROOT to see why"
    touch "$JAR"
fi
[[ -f "$JAR" ]] || die "$JAR is missing: build with 'mvn -DskipTests -pl bench -am package'"

if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA=java; fi
command -v "$JAVA" >/dev/null 2>&1 || die "java not found: install Java 17+ or set JAVA_HOME"

exec "$JAVA" -Xmx2g -cp "$JAR" io.dashcast.bench.propagation.PropagationMain "$@"
