/**
 * The WAN run: dashcast and two baselines push one big block to N peers behind one shaped uplink
 * (network namespaces, a veth pair, tc htb on the sender's side), and each peer's read-complete
 * time is reported back, giving the time until the first, the 5th and the last peer has the whole
 * block. Run it with {@code bench/wan/run.sh} (root); results in {@code bench/README-wan.md}.
 */
package io.dashcast.bench.wan;
