/**
 * Real Dash Core in tests: {@link io.dashcast.sim.regtest.RegtestNode} starts a dashd v22.1.1
 * regtest node on 127.0.0.1 with its own ports and datadir and always stops it;
 * {@link io.dashcast.sim.regtest.DashdBinaries} finds the binaries.
 */
package io.dashcast.sim.regtest;
