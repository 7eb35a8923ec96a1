package io.dashcast.sim;

import io.dashcast.protocol.message.AddrV2Flyweight;

import java.net.InetSocketAddress;

/**
 * An address the simulated node answers {@code getaddr} with (in {@code addrv2} when the peer sent
 * {@code sendaddrv2}, else in {@code addr}, which carries IPv4 and IPv6 only).
 *
 * @param networkId BIP155 network id ({@link AddrV2Flyweight#NET_IPV4} ...).
 * @param address   the raw address bytes for that network (4, 16 or 32).
 * @param port      the P2P port.
 */
public record KnownAddress(int networkId, byte[] address, int port)
{
    /**
     * @param address an IP address and port.
     * @return it as a known address.
     */
    public static KnownAddress of(final InetSocketAddress address)
    {
        final byte[] raw = address.getAddress().getAddress();
        return new KnownAddress(raw.length == 4 ? AddrV2Flyweight.NET_IPV4 : AddrV2Flyweight.NET_IPV6, raw,
            address.getPort());
    }

    /**
     * @param publicKey a Tor v3 onion service's 32-byte key.
     * @param port      its port.
     * @return it as a known address.
     */
    public static KnownAddress torV3(final byte[] publicKey, final int port)
    {
        return new KnownAddress(AddrV2Flyweight.NET_TORV3, publicKey.clone(), port);
    }
}
