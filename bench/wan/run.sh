#!/usr/bin/env bash
# bench/wan/run.sh: dashcast and two baselines push one block to N peers behind one shaped uplink.
#
#   sudo bench/wan/run.sh                       20 peers, 2 MiB, 100 Mbit/s, 5 rounds per system: ~2-3 min
#   sudo bench/wan/run.sh --rate-mbit 1000 --rounds 3 --systems dashcast,all-at-once
#
# Needs root, iproute2 (ip, tc) and the sch_htb qdisc. Makes two network namespaces of its own,
# dcw-tx (the sender, 10.77.0.1) and dcw-rx (the N receivers, 10.77.0.2), joined by one veth pair
# whose sender side is shaped with tc htb to --rate-mbit; only those two private addresses, inside
# those namespaces, are ever used. No added latency (netem is not available here). The namespaces
# and the receiver are removed on any exit. Not part of `mvn verify`.
#
# Options (the rest go to WanSenderMain): --rate-mbit M (default 100), --peers N (default 20),
# --block-bytes B (default 2097152), --rounds R (default 5), --warmup W, --gap-ms MS,
# --systems dashcast,dashcast-sndbuf,all-at-once,sequential.
# Writes bench/target/wan/results.md (the table) and prints it.
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
OUT="$ROOT/bench/target/wan"
NS_TX=dcw-tx
NS_RX=dcw-rx
ADDR_TX=10.77.0.1
ADDR_RX=10.77.0.2
BASE_PORT=19000
CONTROL_PORT=18999

die() { echo "wan: $*" >&2; exit 1; }

RATE=100
PEERS=20
PASS=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --rate-mbit) RATE="${2:?--rate-mbit needs a value}"; shift 2 ;;
        --peers) PEERS="${2:?--peers needs a value}"; shift 2 ;;
        -h|--help) sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) PASS+=("$1"); shift ;;
    esac
done
[[ "$RATE" =~ ^[0-9]+$ && "$RATE" -gt 0 ]] || die "--rate-mbit must be a whole number of Mbit/s"
[[ "$PEERS" =~ ^[0-9]+$ && "$PEERS" -gt 0 && "$PEERS" -le 500 ]] || die "--peers must be 1..500"

[[ "$(id -u)" == 0 ]] || die "needs root (network namespaces and tc)"
command -v ip >/dev/null 2>&1 && command -v tc >/dev/null 2>&1 \
    || die "ip and tc are missing: apt-get install -y iproute2"

# shellcheck source=bench/bench-env.sh
source "$ROOT/bench/bench-env.sh"

RX_PID=""
cleanup() {
    if [[ -n "$RX_PID" ]] && kill -0 "$RX_PID" 2>/dev/null; then
        kill "$RX_PID" 2>/dev/null || true
        wait "$RX_PID" 2>/dev/null || true
    fi
    ip netns del "$NS_TX" 2>/dev/null || true
    ip netns del "$NS_RX" 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# a previous run killed hard may have left them
cleanup
mkdir -p "$OUT"

ip netns add "$NS_TX"
ip netns add "$NS_RX"
ip link add dcw-tx0 netns "$NS_TX" type veth peer name dcw-rx0 netns "$NS_RX" \
    || die "cannot create a veth pair (is the veth module available?)"
ip -n "$NS_TX" addr add "$ADDR_TX/24" dev dcw-tx0
ip -n "$NS_RX" addr add "$ADDR_RX/24" dev dcw-rx0
for ns in "$NS_TX" "$NS_RX"; do ip -n "$ns" link set lo up; done
ip -n "$NS_TX" link set dcw-tx0 up
ip -n "$NS_RX" link set dcw-rx0 up

# The sender's uplink: one htb class at RATE for everything leaving the sender (block data and
# the engine's small messages alike); its leaf is the default pfifo. The return path is unshaped.
tc -n "$NS_TX" qdisc add dev dcw-tx0 root handle 1: htb default 10 \
    || die "tc htb is not available (sch_htb module)"
tc -n "$NS_TX" class add dev dcw-tx0 parent 1: classid 1:10 htb rate "${RATE}mbit" ceil "${RATE}mbit" 2>/dev/null
echo "wan: $NS_TX ($ADDR_TX) -> $NS_RX ($ADDR_RX), uplink ${RATE} Mbit/s: $(tc -n "$NS_TX" class show dev dcw-tx0)" >&2

ip netns exec "$NS_RX" "$JAVA" $FLAGS -Xmx512m -cp "$JAR" io.dashcast.bench.wan.WanReceiverMain \
    --bind "$ADDR_RX" --peers "$PEERS" --base-port "$BASE_PORT" --control-port "$CONTROL_PORT" --max-seconds 1200 \
    > "$OUT/receiver.out" 2> "$OUT/receiver.err" &
RX_PID=$!
for _ in $(seq 150); do
    grep -q '^ready' "$OUT/receiver.out" 2>/dev/null && break
    kill -0 "$RX_PID" 2>/dev/null || die "the receiver did not start: $(cat "$OUT/receiver.err")"
    sleep 0.1
done
grep -q '^ready' "$OUT/receiver.out" || die "the receiver was not ready after 15 s"

# shellcheck disable=SC2086
ip netns exec "$NS_TX" "$JAVA" $FLAGS -Xmx1g -XX:MaxDirectMemorySize=1g -cp "$JAR" io.dashcast.bench.wan.WanSenderMain \
    --target "$ADDR_RX" --peers "$PEERS" --base-port "$BASE_PORT" --control-port "$CONTROL_PORT" \
    --rate-mbit "$RATE" --out "$OUT/results.md" "${PASS[@]}"
