package io.dashcast.tools.config;

import java.util.Objects;

/**
 * One peer of {@code broadcast_peers.json}: where it is, how early it gets a block, and whether
 * to use it at all.
 *
 * @param host        host name or IP address, non-empty, not resolved here.
 * @param port        P2P port, 1..65535.
 * @param priority    how early the peer gets a block.
 * @param description free text for people and dashboards, may be empty.
 * @param enabled     false keeps the entry in the file without connecting to it.
 */
public record PeerEntry(String host, int port, Priority priority, String description, boolean enabled)
{
    /**
     * @throws NullPointerException     on a null field.
     * @throws IllegalArgumentException on an empty host or a port outside 1..65535.
     */
    public PeerEntry
    {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(description, "description");
        if (host.isBlank())
        {
            throw new IllegalArgumentException("empty host");
        }
        if (port < 1 || port > 65535)
        {
            throw new IllegalArgumentException("port " + port + " is not 1..65535");
        }
    }

    /**
     * @return {@code host:port}, with brackets around an IPv6 address.
     */
    public String address()
    {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
