/**
 * Propagation benchmark on a network of real Dash Core regtest nodes (not in CI): a sparse mesh of
 * nodes behind userspace delaying relays ({@link io.dashcast.bench.realnet.DelayingRelay}), a
 * miner outside it, and Dash Core's own relay against dashcast's push ({@code bench/realnet/run.sh}).
 */
package io.dashcast.bench.realnet;
