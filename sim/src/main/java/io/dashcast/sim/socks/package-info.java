/**
 * A SOCKS5 proxy double ({@link io.dashcast.sim.socks.Socks5Proxy}) that routes names such as
 * {@code .onion} addresses to loopback ports, so proxied (Tor) peer connections can be tested
 * without Tor or any network.
 */
package io.dashcast.sim.socks;
