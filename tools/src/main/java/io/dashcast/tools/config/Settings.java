package io.dashcast.tools.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@code settings} block of {@code broadcast_peers.json}. Durations are given in the file in
 * seconds (fractions allowed), as in the seed.
 *
 * @param maxPeers            most peers to broadcast to ({@code max_peers}).
 * @param minPeers            fewest ready peers for the broadcaster to count as healthy
 *                            ({@code min_peers}).
 * @param reconnectDelay      wait before reconnecting a lost peer ({@code reconnect_delay}).
 * @param broadcastTimeout    longest a peer may take to accept a block before it is cut
 *                            ({@code broadcast_timeout}).
 * @param healthCheckInterval time between health checks ({@code health_check_interval}).
 */
public record Settings(
    int maxPeers, int minPeers, Duration reconnectDelay, Duration broadcastTimeout, Duration healthCheckInterval)
{
    /** The seed's values, used for keys a file leaves out: 20, 5, 30 s, 5 s, 60 s. */
    public static final Settings DEFAULTS =
        new Settings(20, 5, Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(60));

    /**
     * @throws IllegalArgumentException unless maxPeers >= minPeers >= 0 and every duration > 0.
     */
    public Settings
    {
        Objects.requireNonNull(reconnectDelay, "reconnectDelay");
        Objects.requireNonNull(broadcastTimeout, "broadcastTimeout");
        Objects.requireNonNull(healthCheckInterval, "healthCheckInterval");
        if (minPeers < 0 || maxPeers < minPeers || maxPeers < 1)
        {
            throw new IllegalArgumentException("need max_peers >= min_peers >= 0, got " + maxPeers + ", " + minPeers);
        }
        if (reconnectDelay.isNegative() || reconnectDelay.isZero() || broadcastTimeout.isNegative() ||
            broadcastTimeout.isZero() || healthCheckInterval.isNegative() || healthCheckInterval.isZero())
        {
            throw new IllegalArgumentException("durations must be > 0");
        }
    }
}
