#!/usr/bin/env bash
# bench/aot-first-block.sh: the first block after start (bench/run --deployment's "first" phase)
# with first-block JVMs on Java 17 and on Java 25 with an AOT cache (JEP 483 classes loaded and
# linked ahead of time, JEP 515 method profiles; one-step -XX:AOTCacheOutput of JEP 514), each
# with and without the engine's own warm-up, in interleaved rounds. The harness JVM itself and the
# receivers stay on Java 17.
#
#   bench/aot-first-block.sh [ROUNDS]        default 3; writes bench/target/aot/<config>-<round>/
#
# Environment: JAVA25 (default /usr/lib/jvm/temurin-25-jdk-amd64/bin/java), SIZES (1KiB,1MiB),
# INGRESS (api), SAMPLES (3 first blocks per size and round).
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
die() { echo "aot: $*" >&2; exit 1; }
# shellcheck source=bench/bench-env.sh
source "$ROOT/bench/bench-env.sh"
JAVA25="${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
[[ -x "$JAVA25" ]] || die "no Java 25 at $JAVA25"
ROUNDS="${1:-3}"
OUT="$ROOT/bench/target/aot"
AOT="$OUT/first-block.aot"
mkdir -p "$OUT"
harness() {
    # shellcheck disable=SC2086
    "$JAVA" $FLAGS -Xms1g -Xmx1g -XX:MaxDirectMemorySize=2g -cp "$JAR" \
        io.dashcast.bench.deployment.DeploymentHarness --runs 1 --peers 8 --spaced-samples 0 --warm-samples 0 --warmup 0 \
        --first-delay-ms 1000 "$@"
}
echo "aot: training run (one first block on Java 25, cache written at its exit) ..." >&2
rm -f "$AOT"
harness --ingress "${INGRESS:-api}" --sizes 1MiB --first-samples 1 --warm-up 3000 --child-java "$JAVA25" \
    --child-opts "-XX:AOTCacheOutput=$AOT" --label train --out "$OUT/train" >/dev/null
[[ -f "$AOT" ]] || die "no AOT cache was written ($AOT)"
common=(--ingress "${INGRESS:-api}" --sizes "${SIZES:-1KiB,1MiB}" --first-samples "${SAMPLES:-3}")
for round in $(seq 1 "$ROUNDS"); do
    harness "${common[@]}" --label java17 --out "$OUT/java17-$round" >/dev/null
    harness "${common[@]}" --warm-up 3000 --label java17-warmup --out "$OUT/java17-warmup-$round" >/dev/null
    harness "${common[@]}" --child-java "$JAVA25" --label java25 --out "$OUT/java25-$round" >/dev/null
    harness "${common[@]}" --child-java "$JAVA25" --child-opts "-XX:AOTCache=$AOT" --label java25-aot \
        --out "$OUT/java25-aot-$round" >/dev/null
    harness "${common[@]}" --child-java "$JAVA25" --child-opts "-XX:AOTCache=$AOT" --warm-up 3000 \
        --label java25-aot-warmup --out "$OUT/java25-aot-warmup-$round" >/dev/null
    echo "aot: round $round done" >&2
done
python3 - "$OUT" "$ROUNDS" <<'PY'
import json, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
configs = ["java17", "java17-warmup", "java25", "java25-aot", "java25-aot-warmup"]
rows = {}
for c in configs:
    for r in range(1, rounds + 1):
        for rec in json.load(open("%s/%s-%d/deployment.json" % (out, c, r))):
            if rec["phase"] != "first":
                continue
            for metric in ("handoff", "delivery", "call"):
                v = rec[metric]["medianP50Us"]
                if v is not None:
                    rows.setdefault((rec["ingress"], rec["blockBytes"], metric), {}).setdefault(c, []).append(v)
print("| ingress | block | metric (first block, us; median of rounds' p50) | " + " | ".join(configs) + " |")
print("|---|---|---|" + "---:|" * len(configs))
for (ingress, size, metric), per in sorted(rows.items()):
    cells = ["%.0f" % statistics.median(per[c]) if c in per else "-" for c in configs]
    print("| %s | %d | %s | %s |" % (ingress, size, metric, " | ".join(cells)))
PY
