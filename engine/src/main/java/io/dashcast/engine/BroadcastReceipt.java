package io.dashcast.engine;

import java.util.List;

/**
 * Immutable outcome of one broadcast: the block, and per peer whether and when it was handed to
 * the kernel and acknowledged. Times are nanoseconds since submission (-1 when it never happened).
 *
 * @param blockHash  block hash in display order.
 * @param sizeBytes  block size.
 * @param sequence   ring sequence.
 * @param submitNs   monotonic submit time.
 * @param durationNs submission to the last peer's final outcome.
 * @param peers      one result per configured peer, in configuration order.
 */
public record BroadcastReceipt(
    String blockHash, int sizeBytes, long sequence, long submitNs, long durationNs, List<PeerResult> peers)
{
    /**
     * One peer's part of a broadcast.
     *
     * @param name       peer name.
     * @param priority   peer priority.
     * @param outcome    what became of the block there.
     * @param failure    why it failed, or NONE.
     * @param headerOnly true when only the header was announced (parent unknown to the peer).
     * @param handoffNs  submit to last byte taken by the kernel, or -1.
     * @param ackNs      submit to proof of processing, or -1.
     * @param frame      what the peer was finally sent: the full block, the compact block (completed by
     *                   blocktxn if it asked), or only the header; null when it was not ready.
     * @param reason      why the send policy chose it ({@link SendReason#REQUESTED} when the peer asked
     *                    with getdata after a header); null when it was not ready.
     * @param announcedNs submit to the peer's own announcement of the block to us ({@code headers} or
     *                    {@code inv} of its hash, as a peer does once it has a block), or -1.
     */
    public record PeerResult(
        String name, PeerPriority priority, PeerOutcome outcome, FailureReason failure, boolean headerOnly,
        long handoffNs, long ackNs, FrameKind frame, SendReason reason, long announcedNs)
    {
        /**
         * A result without an announcement.
         */
        public PeerResult(
            final String name, final PeerPriority priority, final PeerOutcome outcome, final FailureReason failure,
            final boolean headerOnly, final long handoffNs, final long ackNs, final FrameKind frame,
            final SendReason reason)
        {
            this(name, priority, outcome, failure, headerOnly, handoffNs, ackNs, frame, reason, -1);
        }

        /**
         * @return submit until the peer is known to have the block (its ack or its own announcement,
         * whichever came first), or -1.
         */
        public long haveNs()
        {
            return ackNs < 0 ? announcedNs : announcedNs < 0 ? ackNs : Math.min(ackNs, announcedNs);
        }
    }

    /**
     * @param connected peers connected at submit.
     * @param percent   share of them, in percent.
     * @return how many peers that share is (rounded up).
     */
    public static int peersNeeded(final int connected, final int percent)
    {
        return (connected * percent + 99) / 100;
    }

    /**
     * @return peers that were connected (READY) when the block went out.
     */
    public int connectedCount()
    {
        return (int)peers.stream().filter(p -> p.outcome() != PeerOutcome.NOT_READY).count();
    }

    /**
     * Network propagation of this block: submit until {@code percent} % of the peers connected at
     * submit had it (each peer's {@link PeerResult#haveNs()}).
     *
     * @param percent 1..100.
     * @return nanoseconds, or -1 when that share was not reached.
     */
    public long propagationNs(final int percent)
    {
        final int needed = peersNeeded(connectedCount(), percent);
        final long[] have = peers.stream().mapToLong(PeerResult::haveNs).filter(t -> t >= 0).sorted().toArray();
        return needed >= 1 && needed <= have.length ? have[needed - 1] : -1;
    }

    /**
     * @return peers whose kernel took the whole block.
     */
    public long handoffCount()
    {
        return peers.stream().filter(p -> p.handoffNs() >= 0).count();
    }

    /**
     * @return peers that proved they processed the block.
     */
    public long ackCount()
    {
        return peers.stream().filter(p -> p.outcome() == PeerOutcome.ACKED).count();
    }

    /**
     * @return true when at least one peer took the block.
     */
    public boolean reachedAnyPeer()
    {
        return handoffCount() > 0;
    }
}
