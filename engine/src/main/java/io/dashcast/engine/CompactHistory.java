package io.dashcast.engine;

/**
 * One peer's record of the last {@link #WINDOW} compact blocks we sent it: which of them it could not
 * rebuild from its mempool alone (it asked {@code getblocktxn} for transactions, or {@code getdata}
 * for the whole block: either way the compact block cost it a round trip). A request counts against
 * the block it names, by its ring sequence: Dash Core may ask for a block after the next one went
 * out (seen on v22.1.1: a whole-block {@code getdata} from its block download).
 * A peer that asked for most of them is unlikely to reconstruct the next one and gets full blocks,
 * with a compact block every {@link #PROBE_EVERY} blocks to notice when its mempool catches up.
 * Owned by the peer's loop thread.
 */
final class CompactHistory
{
    /** Compact blocks remembered. */
    static final int WINDOW = 8;
    /** A peer on full blocks still gets every this-many-th block compact, to learn again. */
    static final int PROBE_EVERY = 8;
    private static final int MASK = (1 << WINDOW) - 1;

    private int sentBits;
    private int askedBits;
    /** The ring sequence of the compact block at each bit of {@link #sentBits} (index 0: the newest). */
    private final long[] sentSequences = new long[WINDOW];
    private int fullSinceCompact;

    /**
     * @return true unless the peer could not rebuild more than half of the compact blocks
     * remembered (true with none remembered, and on a probe).
     */
    boolean likelyReconstructs()
    {
        return Integer.bitCount(askedBits) * 2 <= Integer.bitCount(sentBits) || fullSinceCompact >= PROBE_EVERY - 1;
    }

    /**
     * Record what the policy chose for the peer.
     *
     * @param reason   the decision.
     * @param sequence the block's ring sequence.
     */
    void onDecided(final SendReason reason, final long sequence)
    {
        if (reason.frameKind() == FrameKind.COMPACT_BLOCK)
        {
            onCompactSent(sequence);
        }
        else if (reason == SendReason.RECONSTRUCTION_UNLIKELY)
        {
            onFullInstead();
        }
    }

    /**
     * A compact block went to the peer (pushed, or asked for after its header).
     *
     * @param sequence the block's ring sequence.
     */
    void onCompactSent(final long sequence)
    {
        sentBits = (sentBits << 1 | 1) & MASK;
        askedBits = (askedBits << 1) & MASK;
        System.arraycopy(sentSequences, 0, sentSequences, 1, WINDOW - 1);
        sentSequences[0] = sequence;
        fullSinceCompact = 0;
    }

    /**
     * A full block went to the peer because it was unlikely to reconstruct a compact one.
     */
    void onFullInstead()
    {
        fullSinceCompact++;
    }

    /**
     * The peer could not rebuild a compact block from its mempool: it asked {@code getblocktxn}
     * for transactions, or {@code getdata} for the whole block (Dash Core does when it cannot start
     * rebuilding, e.g. on a short-id collision).
     *
     * @param sequence the ring sequence of the block it asked about; a block not among the compact
     *                 blocks remembered changes nothing.
     */
    void onNotRebuilt(final long sequence)
    {
        for (int i = 0; i < WINDOW; i++)
        {
            if ((sentBits >>> i & 1) != 0 && sentSequences[i] == sequence)
            {
                askedBits |= 1 << i;
                return;
            }
        }
    }
}
