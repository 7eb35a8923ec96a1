# Sourced by bench/run, bench/propagation.sh, bench/sendfile.sh and bench/wan/run.sh after they set
# ROOT and define die(): builds the shaded bench jar when it is missing or older than a pom or a
# main source (BENCH_NO_BUILD=1 skips that), then sets JAR, JAVA and FLAGS (the JVM flags the
# tests and the dashcast launcher use: Agrona on Java 17, HotSpot compiling saphir's SIMD-512; and the
# Vector API module the gateway's hex decode uses).

JAR="$ROOT/bench/target/benchmarks.jar"

bench_needs_build() {
    [[ -f "$JAR" ]] || return 0
    [[ -n "$(find "$ROOT/pom.xml" "$ROOT/protocol/pom.xml" "$ROOT/engine/pom.xml" "$ROOT/bench/pom.xml" \
        "$ROOT/protocol/src/main" "$ROOT/engine/src/main" "$ROOT/tools/src/main" "$ROOT/bench/src/main" \
        -newer "$JAR" -type f -print -quit 2>/dev/null || true)" ]]
}

if [[ "${BENCH_NO_BUILD:-}" != "1" ]] && bench_needs_build; then
    command -v mvn >/dev/null 2>&1 || die "not built and mvn is not on PATH"
    echo "bench: building (mvn -q -B -DskipTests -pl bench -am package)..." >&2
    (cd "$ROOT" && mvn -q -B -Dstyle.color=never -DskipTests -pl bench -am package) 1>&2 \
        || die "build failed: run 'mvn -B -DskipTests -pl bench -am package' in $ROOT to see why"
    touch "$JAR"
fi
[[ -f "$JAR" ]] || die "$JAR is missing: build with 'mvn -DskipTests -pl bench -am package'"

if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA=java; fi
command -v "$JAVA" >/dev/null 2>&1 || die "java not found: install Java 17+ or set JAVA_HOME"

FLAGS="$(sed -n 's:.*<dashcast.jvm.flags>\(.*\)</dashcast.jvm.flags>.*:\1:p' "$ROOT/pom.xml") $(sed -n 's:.*<dashcast.vector.flags>\(.*\)</dashcast.vector.flags>.*:\1:p' "$ROOT/pom.xml")"
