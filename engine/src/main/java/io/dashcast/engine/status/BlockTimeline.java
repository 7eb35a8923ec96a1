package io.dashcast.engine.status;

import io.dashcast.engine.BroadcastRecord;
import io.dashcast.engine.FailureReason;
import io.dashcast.engine.FrameKind;
import io.dashcast.engine.PeerOutcome;
import io.dashcast.engine.SendReason;

import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The last blocks' per-peer timelines (hand-off, ack and own announcement of every peer, the send
 * policy's frame and reason), for the dashboard's waterfall: a ring of pre-allocated entries written by whichever loop
 * completes a block (claim by counter, no allocation), read by any thread with a per-entry version
 * check (a seqlock: odd while being written), so a reader never sees a torn entry.
 */
public final class BlockTimeline
{
    /** Blocks kept. */
    public static final int DEFAULT_CAPACITY = 64;

    private final Entry[] entries;
    private final int mask;
    private final AtomicLong claimed = new AtomicLong();

    /**
     * @param capacity  blocks kept, a power of two.
     * @param peerCount peers per block.
     */
    public BlockTimeline(final int capacity, final int peerCount)
    {
        if (Integer.bitCount(capacity) != 1)
        {
            throw new IllegalArgumentException("capacity must be a power of two");
        }
        entries = new Entry[capacity];
        for (int i = 0; i < capacity; i++)
        {
            entries[i] = new Entry(peerCount);
        }
        mask = capacity - 1;
    }

    /**
     * @return blocks written so far; the newest has index {@code count() - 1}.
     */
    public long count()
    {
        return claimed.get();
    }

    /**
     * @return blocks kept.
     */
    public int capacity()
    {
        return entries.length;
    }

    /**
     * Copy a completed broadcast in; allocation-free, any thread.
     *
     * @param record  the completed record.
     * @param epochMs wall time of completion.
     */
    public void write(final BroadcastRecord record, final long epochMs)
    {
        final long index = claimed.getAndIncrement();
        final Entry e = entries[(int)(index & mask)];
        e.version = 2 * index + 1;
        VarHandle.storeStoreFence();
        e.sequence = record.sequence();
        record.copyBlockHash(e.hash, 0);
        e.sizeBytes = record.sizeBytes();
        e.completeEpochMs = epochMs;
        e.durationNs = record.completeNs() - record.submitNs();
        final int n = Math.min(record.peerCount(), e.handoffNs.length);
        for (int i = 0; i < n; i++)
        {
            final long h = record.handoffNs(i);
            final long a = record.ackNs(i);
            e.handoffNs[i] = h == 0 ? -1 : h - record.submitNs();
            e.ackNs[i] = a == 0 ? -1 : a - record.submitNs();
            final long said = record.announcedNs(i);
            e.announcedNs[i] = said == 0 ? -1 : said - record.submitNs();
            e.outcome[i] = (byte)record.outcome(i).ordinal();
            e.failure[i] = (byte)record.failure(i).ordinal();
            e.frame[i] = record.frame(i) == null ? -1 : (byte)record.frame(i).ordinal();
            e.reason[i] = record.reason(i) == null ? -1 : (byte)record.reason(i).ordinal();
        }
        e.version = 2 * index + 2;
    }

    /**
     * Copy one block out (allocates; reader side).
     *
     * @param index a block index, {@code count() - capacity() <= index < count()}.
     * @return the block, or null when it was overwritten or is being written.
     */
    public Block read(final long index)
    {
        if (index < 0)
        {
            return null;
        }
        final Entry e = entries[(int)(index & mask)];
        final long before = e.version;
        if (before != 2 * index + 2)
        {
            return null;
        }
        final int n = e.handoffNs.length;
        final Peer[] peers = new Peer[n];
        for (int i = 0; i < n; i++)
        {
            peers[i] = new Peer(e.handoffNs[i], e.ackNs[i], PeerOutcome.values()[e.outcome[i]],
                FailureReason.values()[e.failure[i]], e.frame[i] < 0 ? null : FrameKind.values()[e.frame[i]],
                e.reason[i] < 0 ? null : SendReason.values()[e.reason[i]], e.announcedNs[i]);
        }
        final Block block = new Block(index, e.sequence, e.hash.clone(), e.sizeBytes, e.completeEpochMs,
            e.durationNs, peers);
        VarHandle.loadLoadFence();
        return e.version == before ? block : null;
    }

    /**
     * One peer in a block's timeline.
     *
     * @param handoffNs submit to hand-off, -1 never.
     * @param ackNs     submit to ack, -1 never.
     * @param outcome   final outcome.
     * @param failure   failure reason.
     * @param frame     frame sent, null when not ready.
     * @param reason      the send policy's reason, null when not ready.
     * @param announcedNs submit to the peer's own announcement of the block to us, -1 never.
     */
    public record Peer(long handoffNs, long ackNs, PeerOutcome outcome, FailureReason failure, FrameKind frame,
        SendReason reason, long announcedNs)
    {
    }

    /**
     * One block's timeline.
     *
     * @param index           timeline index.
     * @param sequence        ring sequence.
     * @param hash            block hash, internal byte order.
     * @param sizeBytes       block size.
     * @param completeEpochMs wall time of completion.
     * @param durationNs      submit to complete receipt.
     * @param peers           per peer, configuration order.
     */
    public record Block(long index, long sequence, byte[] hash, int sizeBytes, long completeEpochMs, long durationNs,
        Peer[] peers)
    {
    }

    private static final class Entry
    {
        volatile long version;
        long sequence;
        final byte[] hash = new byte[32];
        int sizeBytes;
        long completeEpochMs;
        long durationNs;
        final long[] handoffNs;
        final long[] ackNs;
        final long[] announcedNs;
        final byte[] outcome;
        final byte[] failure;
        final byte[] frame;
        final byte[] reason;

        Entry(final int peers)
        {
            handoffNs = new long[peers];
            ackNs = new long[peers];
            announcedNs = new long[peers];
            outcome = new byte[peers];
            failure = new byte[peers];
            frame = new byte[peers];
            reason = new byte[peers];
        }
    }
}
