package io.dashcast.engine;

/**
 * When a lost peer is tried again: exponential back-off with jitter from {@code reconnectDelay},
 * capped by {@code reconnectMaxDelay} (the seed's {@code reconnect_delay}), and a circuit breaker
 * that opens only after {@code breakerThreshold} failed handshakes in a row.
 * <p>
 * A port that is simply closed (connection refused, connect time-out, unresolved host) never opens
 * the breaker: a restarted node must be retried at the back-off's pace, not after a cool-down. A
 * peer that accepts the connection and then fails its handshake again and again (wrong network,
 * hostile, overloaded) is slowed down by the breaker's cool-down, which for a critical peer is
 * never longer than the back-off cap. Pure and allocation-free: the loop passes the clock in.
 */
final class ReconnectPolicy
{
    private final long initialDelayNs;
    private final long maxDelayNs;
    private final int breakerThreshold;
    private final long breakerCooldownNs;
    private long seed;
    private int consecutiveFailures;
    private int handshakeFailures;
    private boolean circuitOpen;
    private boolean justOpened;

    /**
     * @param initialDelayNs    first back-off.
     * @param maxDelayNs        back-off cap.
     * @param breakerThreshold  failed handshakes in a row that open the breaker.
     * @param breakerCooldownNs how long an open breaker holds the peer off (capped for a critical peer).
     * @param critical          a critical peer is retried at least every {@code maxDelayNs}.
     * @param seed              jitter seed (the peer's index: deterministic under a manual clock).
     */
    ReconnectPolicy(
        final long initialDelayNs,
        final long maxDelayNs,
        final int breakerThreshold,
        final long breakerCooldownNs,
        final boolean critical,
        final long seed)
    {
        this.initialDelayNs = initialDelayNs;
        this.maxDelayNs = maxDelayNs;
        this.breakerThreshold = breakerThreshold;
        this.breakerCooldownNs = critical ? Math.min(breakerCooldownNs, maxDelayNs) : breakerCooldownNs;
        this.seed = seed * 0x9E3779B97F4A7C15L + 1;
    }

    static ReconnectPolicy of(final BroadcasterContext ctx, final PeerEndpoint endpoint, final int index)
    {
        return new ReconnectPolicy(ctx.reconnectDelayNs(), ctx.reconnectMaxDelayNs(), ctx.breakerThreshold(),
            ctx.breakerCooldownNs(), endpoint.priority() == PeerPriority.CRITICAL, index);
    }

    /**
     * Record a failure and return the delay before the next attempt.
     *
     * @param duringHandshake true when the TCP connection was up but the peer never became READY.
     * @return nanoseconds to wait.
     */
    long onFailure(final boolean duringHandshake)
    {
        consecutiveFailures++;
        handshakeFailures = duringHandshake ? handshakeFailures + 1 : handshakeFailures;
        final boolean wasOpen = circuitOpen;
        circuitOpen = handshakeFailures >= breakerThreshold;
        justOpened = circuitOpen && !wasOpen;
        if (circuitOpen)
        {
            return breakerCooldownNs;
        }
        final long base = Math.min(maxDelayNs, initialDelayNs << Math.min(consecutiveFailures - 1, 20));
        return base / 2 + jitter(base / 2 + 1);
    }

    /**
     * The peer completed its handshake: start afresh.
     */
    void onReady()
    {
        consecutiveFailures = 0;
        handshakeFailures = 0;
        circuitOpen = false;
        justOpened = false;
    }

    /**
     * @return true when the last failure opened (or kept open) the breaker.
     */
    boolean circuitOpen()
    {
        return circuitOpen;
    }

    /**
     * @return true exactly when the breaker has just opened (time to look the host up again).
     */
    boolean justOpened()
    {
        return justOpened;
    }

    int consecutiveFailures()
    {
        return consecutiveFailures;
    }

    private long jitter(final long bound)
    {
        // xorshift64*: no shared random state on the loop, repeatable in tests.
        seed ^= seed << 13;
        seed ^= seed >>> 7;
        seed ^= seed << 17;
        return Long.remainderUnsigned(seed, bound);
    }
}
