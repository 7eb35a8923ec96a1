package io.dashcast.engine.peers;

/**
 * A peer's reputation, from what we measured and nothing else:
 * <pre>
 *   score = reliability x speed x relay x masternode x 0.5^penalties
 *   reliability = (handshakes + 1) / (attempts + 2) x (0.5 + 0.5 x uptime)
 *   speed       = 1 / (1 + latency / 50 ms)     latency = block-ack average, else round trip, else 200 ms
 *   relay       = 1 + 0.1 x min(first announcements, 5)
 *   masternode  = 1.5 for a ChainLock-quorum member, 1.2 for another masternode, else 1
 * </pre>
 * Ack latency counts most because it is what decides an orphan race: the pong after our block
 * proves the peer has processed it. Scores lie in (0, ~2.3]; higher is better.
 */
public final class PeerScore
{
    /** Latency assumed for a peer never measured (an optimistic-enough prior for exploring). */
    public static final double PRIOR_LATENCY_US = 200_000;
    private static final double LATENCY_SCALE_US = 50_000;

    private PeerScore()
    {
    }

    /**
     * @param c     the candidate.
     * @param nowMs now.
     * @return its score.
     */
    public static double of(final PeerCandidate c, final long nowMs)
    {
        return reliability(c, nowMs) * speed(c) * relay(c) * masternode(c) * Math.pow(0.5, c.penalties());
    }

    /**
     * @param c the candidate.
     * @return the latency the score uses, µs.
     */
    public static double latencyUs(final PeerCandidate c)
    {
        return c.ackUs() >= 0 ? c.ackUs() : (c.rttUs() >= 0 ? c.rttUs() : PRIOR_LATENCY_US);
    }

    /**
     * @param c     the candidate.
     * @param nowMs now.
     * @return one line that says how the score came about.
     */
    public static String explain(final PeerCandidate c, final long nowMs)
    {
        return String.format(java.util.Locale.ROOT,
            "score %.3f = reliability %.2f x speed %.2f (%.1f ms) x relay %.1f x masternode %.1f x penalty %.2f",
            of(c, nowMs), reliability(c, nowMs), speed(c), latencyUs(c) / 1000.0, relay(c), masternode(c),
            Math.pow(0.5, c.penalties()));
    }

    private static double reliability(final PeerCandidate c, final long nowMs)
    {
        return (c.successes() + 1.0) / (c.attempts() + 2.0) * (0.5 + 0.5 * c.uptime(nowMs));
    }

    private static double speed(final PeerCandidate c)
    {
        return 1.0 / (1.0 + latencyUs(c) / LATENCY_SCALE_US);
    }

    private static double relay(final PeerCandidate c)
    {
        return 1.0 + 0.1 * Math.min(c.relayFirsts(), 5);
    }

    private static double masternode(final PeerCandidate c)
    {
        return c.quorumMember() ? 1.5 : (c.masternode() ? 1.2 : 1.0);
    }
}
