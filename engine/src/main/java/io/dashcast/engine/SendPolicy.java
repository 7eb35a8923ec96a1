package io.dashcast.engine;

/**
 * Decides, per block and peer, which frame of the slot to send: the full block, the compact block
 * or only the header. Pure and allocation-free: everything it needs is passed in, so it can be
 * tested without sockets.
 * <ol>
 *   <li>Ban safety first: a peer known to lack the parent gets the header only
 *       ({@link SendReason#PARENT_UNKNOWN}).</li>
 *   <li>A compact block only to a peer that announced compact blocks version 1, and only when the
 *       block has a compact frame.</li>
 *   <li>Our own dashd built the template and has every transaction: always compact.</li>
 *   <li>Otherwise compare what compact saves on the uplink, {@code (full - compact) bytes x 8 /
 *       uplinkMbps}, with what it may cost, one getblocktxn round trip (the measured RTT, or
 *       {@link #ASSUMED_RTT_NS} before one is measured). No uplink budget (0): a compact block
 *       wherever the peer is likely to reconstruct it (it asked {@code getblocktxn} for at most half
 *       of the last compact blocks, {@link CompactHistory}), a full block where it is not. A peer
 *       that reconstructs takes the compact block a full block's transfer sooner; one that does not
 *       would pay a round trip.</li>
 * </ol>
 * The loop then writes every compact frame (a few kB) before the full blocks, which go in
 * priority order, so critical full-block peers are not sharing the line with compact ones.
 */
final class SendPolicy
{
    /** Round trip assumed for a peer whose RTT has not been measured yet. */
    static final long ASSUMED_RTT_NS = 50_000_000L;
    /** Ban mode: the peer has the parent (or we pushed it on this connection): push. */
    static final int PUSH = 1;
    /** Ban mode: the peer's tip is not learned yet: push once, blind, and learn from its answer. */
    static final int PUSH_BLIND = 2;
    /** Ban mode: the peer is known to be elsewhere: announce the header only. */
    static final int ANNOUNCE = 3;
    /** Ban mode: too many announcements went unanswered: send nothing. */
    static final int HOLD = 4;
    /** Below Dash Core's MAX_UNCONNECTING_HEADERS (10), whose every multiple costs 20 points. */
    static final int MAX_UNANSWERED_ANNOUNCEMENTS = 8;

    private final int uplinkMbps;
    private final boolean compactBlocks;
    private final boolean pushWhenParentUnknown;

    /**
     * @param uplinkMbps    uplink budget in Mbit/s, 0 for unlimited.
     * @param compactBlocks false to never send compact blocks.
     */
    SendPolicy(final int uplinkMbps, final boolean compactBlocks)
    {
        this(uplinkMbps, compactBlocks, true);
    }

    /**
     * @param uplinkMbps            uplink budget in Mbit/s, 0 for unlimited.
     * @param compactBlocks         false to never send compact blocks.
     * @param pushWhenParentUnknown push blind to a peer whose tip is not learned yet.
     */
    SendPolicy(final int uplinkMbps, final boolean compactBlocks, final boolean pushWhenParentUnknown)
    {
        if (uplinkMbps < 0)
        {
            throw new IllegalArgumentException("uplinkMbps must be >= 0 (0 = unlimited): " + uplinkMbps);
        }
        this.uplinkMbps = uplinkMbps;
        this.compactBlocks = compactBlocks;
        this.pushWhenParentUnknown = pushWhenParentUnknown;
    }

    /**
     * Ban safety (Dash Core: an unconnectable unsolicited block costs 10 points, every tenth
     * unconnecting {@code headers} 20): push when the peer has the parent or we pushed it the parent
     * on this connection (messages are handled in order); push once "blind" to a peer whose tip we
     * have not learned yet (the usual case right after connecting) and learn from its answer;
     * otherwise announce the header (a peer with the parent asks with {@code getdata}), and after a
     * few unanswered announcements hold the block back silently.
     *
     * @return {@link #PUSH}, {@link #PUSH_BLIND}, {@link #ANNOUNCE} or {@link #HOLD}.
     */
    int banMode(final PeerChainState chain, final byte[] prevHash)
    {
        if (chain.contains(prevHash) || chain.pushedContains(prevHash))
        {
            return PUSH;
        }
        if (!chain.tipLearned() && pushWhenParentUnknown && chain.blindPushes() == 0)
        {
            return PUSH_BLIND;
        }
        return chain.unansweredAnnouncements() < MAX_UNANSWERED_ANNOUNCEMENTS ? ANNOUNCE : HOLD;
    }

    /**
     * As the full form for a peer likely to reconstruct (no {@code getblocktxn} history).
     *
     * @param parentKnownOk       false when the peer is known to lack the block's parent (or its tip is
     *                            unknown and pushing blind is off).
     * @param peerCompactVersion  compact block version the peer announced with {@code sendcmpct}, 0 for none.
     * @param ownNode             the peer is our own dashd.
     * @param rttNs               last measured round trip, 0 when not measured yet.
     * @param fullFrameBytes      bytes of the full block frame.
     * @param compactFrameBytes   bytes of the compact block frame, or &lt;= 0 when there is none.
     * @return the decision; its {@link SendReason#frameKind()} is the frame to send.
     */
    SendReason decide(
        final boolean parentKnownOk,
        final long peerCompactVersion,
        final boolean ownNode,
        final long rttNs,
        final int fullFrameBytes,
        final int compactFrameBytes)
    {
        return decide(parentKnownOk, peerCompactVersion, ownNode, true, rttNs, fullFrameBytes, compactFrameBytes);
    }

    /**
     * @param parentKnownOk       false when the peer is known to lack the block's parent (or its tip is
     *                            unknown and pushing blind is off).
     * @param peerCompactVersion  compact block version the peer announced with {@code sendcmpct}, 0 for none.
     * @param ownNode             the peer is our own dashd.
     * @param likelyReconstructs  the peer rarely needed {@code getblocktxn} lately ({@link CompactHistory}).
     * @param rttNs               last measured round trip, 0 when not measured yet.
     * @param fullFrameBytes      bytes of the full block frame.
     * @param compactFrameBytes   bytes of the compact block frame, or &lt;= 0 when there is none.
     * @return the decision; its {@link SendReason#frameKind()} is the frame to send.
     */
    SendReason decide(
        final boolean parentKnownOk,
        final long peerCompactVersion,
        final boolean ownNode,
        final boolean likelyReconstructs,
        final long rttNs,
        final int fullFrameBytes,
        final int compactFrameBytes)
    {
        if (!parentKnownOk)
        {
            return SendReason.PARENT_UNKNOWN;
        }
        if (!compactBlocks || peerCompactVersion != 1)
        {
            return SendReason.NO_COMPACT_SUPPORT;
        }
        if (compactFrameBytes <= 0)
        {
            return SendReason.COMPACT_UNAVAILABLE;
        }
        if ((long)compactFrameBytes * 10 >= (long)fullFrameBytes * 9)
        {
            // Nothing to save, and a compact block may cost the peer a round trip.
            return SendReason.COMPACT_NOT_SMALLER;
        }
        if (ownNode)
        {
            return SendReason.OWN_NODE;
        }
        if (uplinkMbps == 0)
        {
            return likelyReconstructs ? SendReason.LIKELY_RECONSTRUCTS : SendReason.RECONSTRUCTION_UNLIKELY;
        }
        return savedNs(fullFrameBytes, compactFrameBytes) > (rttNs > 0 ? rttNs : ASSUMED_RTT_NS) ?
            SendReason.UPLINK_SAVING : SendReason.ROUND_TRIP_COSTLIER;
    }

    /**
     * @return uplink time a compact frame saves over the full one: bits / (Mbit/s) = microseconds.
     */
    long savedNs(final int fullFrameBytes, final int compactFrameBytes)
    {
        final long savedBytes = Math.max(0, fullFrameBytes - compactFrameBytes);
        return uplinkMbps == 0 ? 0 : savedBytes * 8L * 1_000L / uplinkMbps;
    }
}
