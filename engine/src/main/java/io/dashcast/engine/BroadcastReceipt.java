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
     * @param reason     why the send policy chose it ({@link SendReason#REQUESTED} when the peer asked
     *                   with getdata after a header); null when it was not ready.
     */
    public record PeerResult(
        String name, PeerPriority priority, PeerOutcome outcome, FailureReason failure, boolean headerOnly,
        long handoffNs, long ackNs, FrameKind frame, SendReason reason)
    {
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
