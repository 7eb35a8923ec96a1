package io.dashcast.tools.config;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The whole of {@code broadcast_peers.json} (the seed's format), validated and immutable. Read
 * one with {@link BroadcastPeersLoader}; without a file, {@link #localDashdOnly(int)} is what the
 * seed's backward-compatibility section asks for.
 *
 * @param version     format version, "1.0" or another "1.x".
 * @param description free text, may be empty.
 * @param peers       every entry in file order, enabled or not.
 * @param settings    the settings block, defaults filled in.
 */
public record BroadcastPeersConfig(String version, String description, List<PeerEntry> peers, Settings settings)
{
    /** The format version written by dashcast. */
    public static final String CURRENT_VERSION = "1.0";
    /** Where the local dashd listens when there is no peer configuration. */
    public static final String LOCAL_DASHD_HOST = "127.0.0.1";

    /**
     * @param peers copied, so the record is immutable.
     */
    public BroadcastPeersConfig
    {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(settings, "settings");
        peers = List.copyOf(peers);
    }

    /**
     * No peer configuration: broadcast to the local dashd only (seed, "Backward Compatibility",
     * point 3). One critical peer at 127.0.0.1:{@code port}; seed settings except
     * {@code min_peers} = 1, since there is only one peer.
     *
     * @param port the local dashd's P2P port, e.g. {@code Network.MAINNET.defaultPort()} = 9999.
     * @return the configuration.
     */
    public static BroadcastPeersConfig localDashdOnly(final int port)
    {
        final Settings d = Settings.DEFAULTS;
        return new BroadcastPeersConfig(
            CURRENT_VERSION,
            "No peer configuration: local dashd only",
            List.of(new PeerEntry(LOCAL_DASHD_HOST, port, Priority.CRITICAL, "Local dashd", true)),
            new Settings(d.maxPeers(), 1, d.reconnectDelay(), d.broadcastTimeout(), d.healthCheckInterval()));
    }

    /**
     * @return enabled peers in file order.
     */
    public List<PeerEntry> enabledPeers()
    {
        return peers.stream().filter(PeerEntry::enabled).toList();
    }

    /**
     * @return enabled peers, critical first, then high, then normal; file order within a priority.
     */
    public List<PeerEntry> enabledPeersByPriority()
    {
        return peers.stream()
            .filter(PeerEntry::enabled)
            .sorted(Comparator.comparing(PeerEntry::priority))
            .toList();
    }

    /**
     * @return {@code settings().broadcastTimeout()}, the most a peer may hold a block.
     */
    public Duration broadcastTimeout()
    {
        return settings.broadcastTimeout();
    }
}
