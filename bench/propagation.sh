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

die() { echo "propagation: $*" >&2; exit 1; }

# shellcheck source=bench/bench-env.sh
source "$ROOT/bench/bench-env.sh"

exec "$JAVA" -Xmx2g -cp "$JAR" io.dashcast.bench.propagation.PropagationMain "$@"
