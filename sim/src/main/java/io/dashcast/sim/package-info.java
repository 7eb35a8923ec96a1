/**
 * A simulated Dash Core v22.1.1 node for tests, demos and benchmarks: it listens on loopback, sees
 * dashcast as an inbound peer, speaks the real v1 P2P protocol from the node's side (handshake,
 * ping/pong, getheaders, getdata, block announcements, compact blocks received and rebuilt from a
 * mempool the test fills), verifies every block it receives,
 * scores misbehaviour as Dash Core does, records per-connection arrival times, and can be told to
 * misbehave (slow reader, stall, reset mid-block, bad handshakes, delayed pongs).
 * <p>
 * Entry points: {@link io.dashcast.sim.SimulatedDashNode} (with its
 * {@link io.dashcast.sim.SimulatedDashNode.Context}) and
 * {@link io.dashcast.sim.TestBlocks} to build valid regtest blocks.
 */
package io.dashcast.sim;
