package io.dashcast.engine;

import io.dashcast.protocol.Hashes;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The mutable per-slot account of one broadcast: for each peer (by its index in the live peer
 * table: the configured peers first, then those added while running) its outcome, hand-off time
 * and ack time. An index with no {@link #endpoint(int)} held no peer when the block was submitted
 * and is left out of receipts. Each broadcast loop writes only its own
 * peers' entries; the loop that finishes last hands the record to the {@link ReceiptListener}.
 * Valid only during that call: use {@link #toReceipt()} to keep it.
 */
public final class BroadcastRecord
{
    private final AtomicReferenceArray<PeerEndpoint> table;
    private final PeerEndpoint[] endpoints;
    private final PeerOutcome[] outcomes;
    private final FailureReason[] failures;
    private final boolean[] headerOnly;
    private final FrameKind[] frames;
    private final SendReason[] reasons;
    private final long[] handoffNs;
    private final long[] ackNs;
    private final long[] announcedNs;
    final byte[] blockHash = new byte[32];
    long sequence;
    int sizeBytes;
    long submitNs;
    long completeNs;

    BroadcastRecord(final AtomicReferenceArray<PeerEndpoint> table)
    {
        this.table = table;
        final int n = table.length();
        endpoints = new PeerEndpoint[n];
        outcomes = new PeerOutcome[n];
        failures = new FailureReason[n];
        headerOnly = new boolean[n];
        frames = new FrameKind[n];
        reasons = new SendReason[n];
        handoffNs = new long[n];
        ackNs = new long[n];
        announcedNs = new long[n];
    }

    void reset(final long sequence, final int sizeBytes, final long submitNs)
    {
        this.sequence = sequence;
        this.sizeBytes = sizeBytes;
        this.submitNs = submitNs;
        this.completeNs = 0;
        for (int i = 0; i < outcomes.length; i++)
        {
            // Who holds each index as the block is submitted: a reference copy, nothing allocated.
            endpoints[i] = table.get(i);
            outcomes[i] = PeerOutcome.PENDING;
            failures[i] = FailureReason.NONE;
            headerOnly[i] = false;
            frames[i] = null;
            reasons[i] = null;
            handoffNs[i] = 0;
            ackNs[i] = 0;
            announcedNs[i] = 0;
        }
    }

    void onHandoff(final int peer, final long nowNs)
    {
        handoffNs[peer] = nowNs;
    }

    void onAck(final int peer, final long nowNs)
    {
        ackNs[peer] = nowNs;
        outcomes[peer] = PeerOutcome.ACKED;
    }

    /**
     * The peer announced the block to us ({@code headers} or {@code inv}): it has it. The first only.
     *
     * @return true when this was the first announcement.
     */
    boolean onAnnounced(final int peer, final long nowNs)
    {
        if (announcedNs[peer] != 0)
        {
            return false;
        }
        announcedNs[peer] = nowNs;
        return true;
    }

    void onHeaderOnly(final int peer)
    {
        headerOnly[peer] = true;
    }

    void onSend(final int peer, final FrameKind frame, final SendReason reason)
    {
        frames[peer] = frame;
        reasons[peer] = reason;
    }

    void finish(final int peer, final PeerOutcome outcome, final FailureReason reason)
    {
        outcomes[peer] = outcome;
        failures[peer] = reason;
    }

    /**
     * @return ring sequence of this broadcast.
     */
    public long sequence()
    {
        return sequence;
    }

    /**
     * @return block size in bytes (the {@code block} payload).
     */
    public int sizeBytes()
    {
        return sizeBytes;
    }

    /**
     * @return monotonic time the block was submitted.
     */
    public long submitNs()
    {
        return submitNs;
    }

    /**
     * @return monotonic time the receipt completed, 0 while it is pending.
     */
    public long completeNs()
    {
        return completeNs;
    }

    /**
     * Copy the block hash (internal byte order, as X11 produced it) without allocating.
     *
     * @param dst    destination.
     * @param offset first byte written (32 bytes).
     */
    public void copyBlockHash(final byte[] dst, final int offset)
    {
        System.arraycopy(blockHash, 0, dst, offset, 32);
    }

    /**
     * @return number of peer indexes in the record (the peer table's capacity); skip those whose
     * {@link #endpoint(int)} is null.
     */
    public int peerCount()
    {
        return outcomes.length;
    }

    /**
     * @param peer index.
     * @return the peer that held the index when the block was submitted, or null when none did.
     */
    public PeerEndpoint endpoint(final int peer)
    {
        return endpoints[peer];
    }

    public PeerOutcome outcome(final int peer)
    {
        return outcomes[peer];
    }

    public FailureReason failure(final int peer)
    {
        return failures[peer];
    }

    /**
     * @param peer index.
     * @return monotonic time the kernel took the last byte, 0 if never.
     */
    public long handoffNs(final int peer)
    {
        return handoffNs[peer];
    }

    /**
     * @param peer index.
     * @return monotonic time the peer's proof of processing arrived, 0 if never.
     */
    public long ackNs(final int peer)
    {
        return ackNs[peer];
    }

    /**
     * @param peer index.
     * @return monotonic time the peer first announced the block back to us ({@code headers} or
     * {@code inv} of its hash), 0 if it did not while the broadcast was open.
     */
    public long announcedNs(final int peer)
    {
        return announcedNs[peer];
    }

    /**
     * @param peer index.
     * @return monotonic time the peer is known to have the block: its ack or its own announcement,
     * whichever came first; 0 if neither.
     */
    public long haveNs(final int peer)
    {
        final long a = ackNs[peer];
        final long n = announcedNs[peer];
        return a == 0 ? n : n == 0 ? a : Math.min(a, n);
    }

    /**
     * @param peer index.
     * @return true when the peer got a header announcement instead of the block (parent unknown to it).
     */
    public boolean headerOnly(final int peer)
    {
        return headerOnly[peer];
    }

    /**
     * @param peer index.
     * @return the frame the peer was finally sent, null when it was not ready.
     */
    public FrameKind frame(final int peer)
    {
        return frames[peer];
    }

    /**
     * @param peer index.
     * @return why that frame, null when the peer was not ready.
     */
    public SendReason reason(final int peer)
    {
        return reasons[peer];
    }

    /**
     * @return an immutable copy (allocates).
     */
    public BroadcastReceipt toReceipt()
    {
        final List<BroadcastReceipt.PeerResult> results = new ArrayList<>(outcomes.length);
        for (int i = 0; i < outcomes.length; i++)
        {
            final PeerEndpoint p = endpoints[i];
            if (p == null)
            {
                continue;
            }
            results.add(new BroadcastReceipt.PeerResult(
                p.name(), p.priority(), outcomes[i], failures[i], headerOnly[i],
                handoffNs[i] == 0 ? -1 : handoffNs[i] - submitNs,
                ackNs[i] == 0 ? -1 : ackNs[i] - submitNs, frames[i], reasons[i],
                announcedNs[i] == 0 ? -1 : announcedNs[i] - submitNs));
        }
        return new BroadcastReceipt(Hashes.toDisplayHex(blockHash, 0), sizeBytes, sequence, submitNs,
            completeNs - submitNs, List.copyOf(results));
    }
}
