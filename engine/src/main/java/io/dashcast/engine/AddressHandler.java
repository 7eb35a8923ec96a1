package io.dashcast.engine;

/**
 * Told of each address a peer relayed ({@code addr}, {@code addrv2}), on the thread that polls
 * {@link Broadcaster#pollAddresses}.
 */
@FunctionalInterface
public interface AddressHandler
{
    /**
     * @param host        an IPv4 or IPv6 literal, or a {@code .onion} / {@code .b32.i2p} name.
     * @param port        TCP port.
     * @param services    service bits the address was announced with.
     * @param timeSeconds last-seen time the peer gave, seconds since the epoch.
     */
    void onAddress(String host, int port, long services, long timeSeconds);
}
