#!/usr/bin/env bash
# bench/realnet/run.sh: propagation on real Dash Core v22.1.1 regtest nodes (io.dashcast.bench.realnet.RealnetMain).
#
#   bench/realnet/run.sh                                   8 nodes, 5 rounds, tiny blocks
#   bench/realnet/run.sh --kinds tiny,seen,unseen          also ~1 MB of transactions every mempool has / none has
#   bench/realnet/run.sh --cap-mbps 100                    every link and the pool's shared uplink at 100 Mbit/s
#   bench/realnet/run.sh --out docs/realnet-2026-12-06.md  where the table goes (default bench/target/realnet.md)
#
# Needs dashd (DASHD_DIR, PATH, or ../shared/dashd/install.sh). Starts N+1 nodes on loopback (own ports and
# datadirs, all stopped at the end) and a delaying TCP relay per link in the JVM. Not part of CI.
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"

die() { echo "realnet: $*" >&2; exit 1; }

# shellcheck source=bench/bench-env.sh
source "$ROOT/bench/bench-env.sh"

if [[ -z "${DASHD_DIR:-}" && -x "$ROOT/../shared/dashd/install.sh" ]]; then
    DASHD_DIR="$("$ROOT/../shared/dashd/install.sh")"
    export DASHD_DIR
fi

cd "$ROOT"
# shellcheck disable=SC2086
exec "$JAVA" $FLAGS -Xms512m -Xmx1g ${BENCH_JAVA_OPTS:-} -cp "$JAR" io.dashcast.bench.realnet.RealnetMain "$@"
