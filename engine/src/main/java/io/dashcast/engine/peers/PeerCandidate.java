package io.dashcast.engine.peers;

/**
 * One peer we know of and what we measured of it: attempts and handshakes, time connected, round
 * trip and block-ack latency (moving averages), how often it announced a block to us before any
 * other peer did, and penalties. Owned by one thread (the peer manager); the store persists it.
 */
public final class PeerCandidate
{
    /** Weight of the newest sample in the moving averages. */
    static final double EWMA_WEIGHT = 0.3;

    private final String host;
    private final int port;
    private final PeerSource source;
    private final String netGroup;
    private final long firstSeenMs;
    private long lastSeenMs;
    private long lastAttemptMs;
    private long lastSuccessMs;
    private int attempts;
    private int successes;
    private double rttUs = -1;
    private double ackUs = -1;
    private long ackCount;
    private int relayFirsts;
    private int penalties;
    private long downSinceMs = -1;
    private long downWhileWantedMs;
    private long connectedMs;
    private long connectedSinceMs = -1;
    private boolean tried;
    private boolean pinned;
    private boolean masternode;
    private boolean quorumMember;

    /**
     * @param host       address or name.
     * @param port       P2P port.
     * @param source     where we heard of it first.
     * @param nowMs      when.
     */
    public PeerCandidate(final String host, final int port, final PeerSource source, final long nowMs)
    {
        this.host = host;
        this.port = port;
        this.source = source;
        this.netGroup = NetGroup.of(host);
        this.firstSeenMs = nowMs;
        this.lastSeenMs = nowMs;
        this.pinned = source == PeerSource.CONFIG;
    }

    /** @return the store key, {@code host:port}. */
    public String key()
    {
        return key(host, port);
    }

    /**
     * @param host address or name.
     * @param port port.
     * @return the store key of that peer.
     */
    public static String key(final String host, final int port)
    {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]:" + port : host + ":" + port;
    }

    /** @param nowMs when a connection attempt starts. */
    public void onAttempt(final long nowMs)
    {
        attempts++;
        lastAttemptMs = nowMs;
    }

    /**
     * The handshake completed.
     *
     * @param nowMs  when.
     * @param rttUs  the round trip measured (version to verack, or the first ping), or negative.
     */
    public void onReady(final long nowMs, final double rttUs)
    {
        successes++;
        lastSuccessMs = nowMs;
        if (downSinceMs >= 0)
        {
            downWhileWantedMs += Math.max(0, nowMs - downSinceMs);
            downSinceMs = -1;
        }
        lastSeenMs = nowMs;
        tried = true;
        connectedSinceMs = nowMs;
        onRtt(rttUs);
    }

    /** @param nowMs when the connection ended (the peer's doing, or the network's: it counts as down). */
    public void onDisconnect(final long nowMs)
    {
        if (connectedSinceMs >= 0)
        {
            connectedMs += Math.max(0, nowMs - connectedSinceMs);
            connectedSinceMs = -1;
            downSinceMs = nowMs;
        }
    }

    /**
     * We closed the connection on purpose (rotation, the operator): the time until we want the peer
     * again is not held against it.
     *
     * @param nowMs when.
     */
    public void onRemoved(final long nowMs)
    {
        if (connectedSinceMs >= 0)
        {
            connectedMs += Math.max(0, nowMs - connectedSinceMs);
            connectedSinceMs = -1;
        }
        downSinceMs = -1;
    }

    /** @param rttUs a ping round trip in microseconds. */
    public void onRtt(final double rttUs)
    {
        if (rttUs >= 0)
        {
            this.rttUs = this.rttUs < 0 ? rttUs : this.rttUs + EWMA_WEIGHT * (rttUs - this.rttUs);
        }
    }

    /** @param ackUs the time from our block's hand-off to the pong that proves it was processed. */
    public void onAck(final double ackUs)
    {
        if (ackUs >= 0)
        {
            this.ackUs = this.ackUs < 0 ? ackUs : this.ackUs + EWMA_WEIGHT * (ackUs - this.ackUs);
            ackCount++;
        }
    }

    /** The peer announced a block to us before any other peer did: it relays, and fast. */
    public void onRelayFirst()
    {
        relayFirsts++;
    }

    /** The peer misbehaved (garbage, bad handshake, stalls): score halves per penalty. */
    public void onPenalty()
    {
        penalties++;
    }

    /** @param nowMs when we heard of it again. */
    public void onSeen(final long nowMs)
    {
        lastSeenMs = Math.max(lastSeenMs, nowMs);
    }

    /**
     * Of the time we wanted the peer after a first connection, the share it was connected: a peer
     * that drops us is down until it is back, a peer we closed ourselves ({@link #onRemoved}) or
     * never chose is not held to account. 1 before any connection. The down time is not kept in the
     * store file: after a restart it counts again from the next drop.
     *
     * @param nowMs now.
     * @return 0..1.
     */
    public double uptime(final long nowMs)
    {
        final long up = connectedMs + (connectedSinceMs >= 0 ? Math.max(0, nowMs - connectedSinceMs) : 0);
        final long down = downWhileWantedMs + (downSinceMs >= 0 ? Math.max(0, nowMs - downSinceMs) : 0);
        return up + down == 0 ? 1.0 : (double)up / (up + down);
    }

    /** @return whether a connection is open now. */
    public boolean connected()
    {
        return connectedSinceMs >= 0;
    }

    /**
     * Dash Core's "terrible" address: tried three times without one handshake, or not heard of for
     * 30 days. The first to go when the store is full.
     *
     * @param nowMs now.
     * @return true when terrible.
     */
    public boolean terrible(final long nowMs)
    {
        return !pinned && ((attempts >= 3 && successes == 0) || nowMs - lastSeenMs > 30L * 24 * 3600 * 1000);
    }

    /** @param pinned whether the operator pinned it (never rotated out, never evicted). */
    public void pinned(final boolean pinned)
    {
        this.pinned = pinned;
    }

    /**
     * @param masternode   on the masternode list.
     * @param quorumMember a member of the current ChainLock quorum.
     */
    public void masternode(final boolean masternode, final boolean quorumMember)
    {
        this.masternode = masternode;
        this.quorumMember = quorumMember;
    }

    /**
     * Restore what a store file held (no measurement is lost across a restart).
     *
     * @param lastSeenMs    last seen.
     * @param lastAttemptMs last attempt.
     * @param lastSuccessMs last handshake.
     * @param attempts      attempts.
     * @param successes     handshakes.
     * @param rttUs         round trip average or -1.
     * @param ackUs         ack latency average or -1.
     * @param ackCount      acks measured.
     * @param relayFirsts   first announcements.
     * @param penalties     penalties.
     * @param connectedMs   time connected.
     * @param tried         in the tried table.
     */
    public void restore(
        final long lastSeenMs, final long lastAttemptMs, final long lastSuccessMs, final int attempts,
        final int successes, final double rttUs, final double ackUs, final long ackCount, final int relayFirsts,
        final int penalties, final long connectedMs, final boolean tried)
    {
        this.lastSeenMs = lastSeenMs;
        this.lastAttemptMs = lastAttemptMs;
        this.lastSuccessMs = lastSuccessMs;
        this.attempts = attempts;
        this.successes = successes;
        this.rttUs = rttUs;
        this.ackUs = ackUs;
        this.ackCount = ackCount;
        this.relayFirsts = relayFirsts;
        this.penalties = penalties;
        this.connectedMs = connectedMs;
        this.tried = tried;
    }

    /** @return address or name. */
    public String host()
    {
        return host;
    }

    /** @return P2P port. */
    public int port()
    {
        return port;
    }

    /** @return where we heard of it first. */
    public PeerSource source()
    {
        return source;
    }

    /** @return its {@link NetGroup}. */
    public String netGroup()
    {
        return netGroup;
    }

    /** @return its {@link RttCluster}. */
    public RttCluster rttCluster()
    {
        return RttCluster.of(rttUs);
    }

    /** @return first seen, epoch ms. */
    public long firstSeenMs()
    {
        return firstSeenMs;
    }

    /** @return last seen, epoch ms. */
    public long lastSeenMs()
    {
        return lastSeenMs;
    }

    /** @return last attempt, epoch ms. */
    public long lastAttemptMs()
    {
        return lastAttemptMs;
    }

    /** @return last handshake, epoch ms. */
    public long lastSuccessMs()
    {
        return lastSuccessMs;
    }

    /** @return connection attempts. */
    public int attempts()
    {
        return attempts;
    }

    /** @return completed handshakes. */
    public int successes()
    {
        return successes;
    }

    /** @return round trip moving average in µs, or -1. */
    public double rttUs()
    {
        return rttUs;
    }

    /** @return block-ack latency moving average in µs, or -1. */
    public double ackUs()
    {
        return ackUs;
    }

    /** @return acks measured. */
    public long ackCount()
    {
        return ackCount;
    }

    /** @return times it announced a block to us first. */
    public int relayFirsts()
    {
        return relayFirsts;
    }

    /** @return penalties. */
    public int penalties()
    {
        return penalties;
    }

    /** @return time connected before the current connection, ms. */
    public long connectedMs()
    {
        return connectedMs;
    }

    /** @return in the tried table (a handshake has completed once). */
    public boolean tried()
    {
        return tried;
    }

    /** @return pinned by the operator. */
    public boolean pinned()
    {
        return pinned;
    }

    /** @return on the masternode list. */
    public boolean masternode()
    {
        return masternode;
    }

    /** @return a member of the current ChainLock quorum. */
    public boolean quorumMember()
    {
        return quorumMember;
    }

    @Override
    public String toString()
    {
        return key() + " " + source + " " + netGroup + " attempts=" + attempts + " ok=" + successes +
            " rttUs=" + Math.round(rttUs) + " ackUs=" + Math.round(ackUs);
    }
}
