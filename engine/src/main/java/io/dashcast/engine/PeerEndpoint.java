package io.dashcast.engine;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One configured peer: where to dial and how urgently it gets blocks.
 *
 * @param name     label for logs and stats (defaults to host:port).
 * @param host     host name or address.
 * @param port     TCP port.
 * @param priority write order.
 * @param ownNode  the peer is our own dashd, which built the block template and so holds every
 *                 transaction: the send policy always gives it a compact block when it speaks them.
 * @param proxy    the SOCKS5 proxy (e.g. Tor's) to reach this peer through, or null for the
 *                 context's {@link BroadcasterContext#socksProxy()} (itself null: connect directly).
 */
public record PeerEndpoint(String name, String host, int port, PeerPriority priority, boolean ownNode,
    InetSocketAddress proxy)
{
    /**
     * A peer reached directly, or through the context's proxy.
     *
     * @param name     label (defaults to host:port).
     * @param host     host.
     * @param port     port.
     * @param priority priority.
     * @param ownNode  our own dashd.
     */
    public PeerEndpoint(final String name, final String host, final int port, final PeerPriority priority,
        final boolean ownNode)
    {
        this(name, host, port, priority, ownNode, null);
    }

    /**
     * A peer that is not our own dashd.
     *
     * @param name     label (defaults to host:port).
     * @param host     host.
     * @param port     port.
     * @param priority priority.
     */
    public PeerEndpoint(final String name, final String host, final int port, final PeerPriority priority)
    {
        this(name, host, port, priority, false);
    }

    /**
     * Validate fields.
     */
    public PeerEndpoint
    {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(priority, "priority");
        if (host.isBlank())
        {
            throw new IllegalArgumentException("peer host is empty");
        }
        if (port < 1 || port > 65535)
        {
            throw new IllegalArgumentException("peer port " + port + " is outside 1..65535");
        }
        if (name == null || name.isBlank())
        {
            name = host + ":" + port;
        }
    }

    /**
     * @param host     host.
     * @param port     port.
     * @param priority priority.
     * @return endpoint named host:port.
     */
    public static PeerEndpoint of(final String host, final int port, final PeerPriority priority)
    {
        return new PeerEndpoint(null, host, port, priority);
    }

    /**
     * @return this endpoint marked as our own dashd.
     */
    public PeerEndpoint asOwnNode()
    {
        return new PeerEndpoint(name, host, port, priority, true, proxy);
    }

    /**
     * @param socksProxy the SOCKS5 proxy to reach this peer through (the proxy resolves the host).
     * @return this endpoint, reached through {@code socksProxy}.
     */
    public PeerEndpoint viaProxy(final InetSocketAddress socksProxy)
    {
        return new PeerEndpoint(name, host, port, priority, ownNode, Objects.requireNonNull(socksProxy, "socksProxy"));
    }
}
