/**
 * A stand-in for dashd's JSON-RPC ({@link io.dashcast.sim.dashd.FakeDashd}) for tests and the demo:
 * answers as the recorded Dash Core v22.1.1 does, records every submitted block, and can be told
 * to refuse, to delay or to be down.
 */
package io.dashcast.sim.dashd;
