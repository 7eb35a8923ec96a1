package io.dashcast.engine;

/**
 * One address a peer told us of in an {@code addr} or {@code addrv2} message: a candidate peer.
 *
 * @param host        IPv4 or IPv6 literal, a {@code .onion} (Tor v3) or {@code .b32.i2p} name, or a
 *                    CJDNS IPv6 literal.
 * @param port        its P2P port.
 * @param services    the service bits it was announced with.
 * @param timeSeconds when it was last seen, seconds since the epoch, as the sender said.
 * @param network     BIP155 network id (1 IPv4, 2 IPv6, 4 Tor v3, 5 I2P, 6 CJDNS).
 */
public record AnnouncedAddress(String host, int port, long services, long timeSeconds, int network)
{
}
