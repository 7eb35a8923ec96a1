/**
 * A seeded, deterministic discrete-event simulation of block propagation through a Dash-like
 * network: thousands of nodes with Dash Core's connection counts, per-link latency, per-node
 * uplink and validation time, BIP152 compact-block relay (or legacy full-block relay). It compares
 * a pool that submits to its one dashd with dashcast pushing the block to k well-connected nodes
 * as well. Run it with {@code bench/propagation.sh}; the model is in {@code bench/README-propagation.md}.
 */
package io.dashcast.bench.propagation;
