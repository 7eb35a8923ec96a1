package io.dashcast.engine;

import java.net.InetSocketAddress;

/**
 * Turns a configured peer's host and port into an address. Called at launch and again, on the
 * broadcaster's resolver thread (never on a broadcast loop), when a host did not resolve or its
 * peer's breaker opened, so a changed or late DNS record is picked up.
 */
@FunctionalInterface
public interface HostResolver
{
    /** The JDK's resolver: an unresolved address when the look-up fails. */
    HostResolver SYSTEM = InetSocketAddress::new;

    /**
     * @param host host name or literal address.
     * @param port TCP port.
     * @return the address, {@link InetSocketAddress#isUnresolved() unresolved} when the look-up failed.
     */
    InetSocketAddress resolve(String host, int port);
}
