package io.dashcast.engine;

/**
 * The two pings of a peer that carry no block: the keep-alive ping (its pong measures the round
 * trip; none within {@code pingTimeout} cuts the peer) and the confirmation ping behind a
 * {@code getheaders} that asks whether the peer has a block (its pong, arriving after any
 * {@code headers} reply since messages are handled in order, says no if the header did not come).
 * Also draws every ping nonce of the connection. Allocation-free.
 */
final class PeerPings
{
    /** Keep-alive pings after READY spaced {@link #EARLY_SPACING_NS} instead of the interval. */
    static final int EARLY_PINGS = 3;
    /** Spacing of the early pings: a first round trip taken while the process was busy starting
     * (its launch warm-up, a cold JIT) is replaced by a quiet one within seconds, not one interval later. */
    static final long EARLY_SPACING_NS = 1_000_000_000L;

    private final long intervalNs;
    private final long timeoutNs;
    private final byte[] confirmHash = new byte[32];
    private long nonceSequence;
    private long keepaliveNonce;
    private long keepaliveSentNs;
    private long nextPingNs;
    private long confirmNonce;
    private int earlyPingsLeft;

    PeerPings(final long intervalNs, final long timeoutNs, final long seed)
    {
        this.intervalNs = intervalNs;
        this.timeoutNs = timeoutNs;
        this.nonceSequence = seed;
    }

    /**
     * A new connection: nothing outstanding.
     */
    void reset()
    {
        keepaliveNonce = 0;
        confirmNonce = 0;
    }

    /**
     * READY: the first keep-alive ping is due at once (as Dash Core's first ping), so the round trip
     * is known from the start rather than one {@code pingInterval} later; the next few follow a
     * second apart, then one per {@code pingInterval}.
     */
    void onReady(final long nowNs)
    {
        nextPingNs = nowNs;
        earlyPingsLeft = EARLY_PINGS;
    }

    boolean isKeepaliveOverdue(final long nowNs)
    {
        return keepaliveNonce != 0 && nowNs - keepaliveSentNs > timeoutNs;
    }

    /**
     * @return the nonce of a keep-alive ping to send now, or 0 when none is due.
     */
    long keepaliveDue(final long nowNs)
    {
        if (keepaliveNonce != 0 || nowNs - nextPingNs < 0)
        {
            return 0;
        }
        keepaliveNonce = nextNonce();
        keepaliveSentNs = nowNs;
        if (earlyPingsLeft > 0)
        {
            earlyPingsLeft--;
            nextPingNs = nowNs + Math.min(intervalNs, EARLY_SPACING_NS);
        }
        else
        {
            nextPingNs = nowNs + intervalNs;
        }
        return keepaliveNonce;
    }

    /**
     * @return the nonce of the ping to send behind a {@code getheaders} for {@code blockHash}, or 0
     * while an earlier question is still open.
     */
    long startConfirm(final byte[] blockHash)
    {
        if (confirmNonce != 0)
        {
            return 0;
        }
        System.arraycopy(blockHash, 0, confirmHash, 0, 32);
        confirmNonce = nextNonce();
        return confirmNonce;
    }

    /**
     * @return true when the pong answered one of these pings (else it may be a block's ack).
     */
    boolean onPong(final long nonce, final long nowNs, final PeerChainState chain, final PeerMetrics metrics)
    {
        if (keepaliveNonce != 0 && nonce == keepaliveNonce)
        {
            metrics.onRtt(nowNs - keepaliveSentNs);
            keepaliveNonce = 0;
            return true;
        }
        if (confirmNonce != 0 && nonce == confirmNonce)
        {
            confirmNonce = 0;
            if (!chain.contains(confirmHash))
            {
                chain.onConfirmFailed();
            }
            return true;
        }
        return false;
    }

    long nextNonce()
    {
        long n;
        do
        {
            n = ++nonceSequence * 0x9E3779B97F4A7C15L;
        }
        while (n == 0);
        return n;
    }
}
