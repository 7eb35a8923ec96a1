package io.dashcast.engine;

/**
 * Full-block writes waiting for their start time under an uplink budget: a big block goes to one
 * peer after another at this loop's share of the line rate, in priority order, rather than to all
 * at once (the kernel would interleave every stream on the shared uplink and the first critical
 * peer would finish with the last; measured in bench/README-wan.md). A fixed ring; allocation-free.
 */
final class PacedSends
{
    static final int CAPACITY = 1024;
    static final int MIN_FRAME_BYTES = 256 * 1024;
    private static final int MASK = CAPACITY - 1;

    /**
     * Starts a paced write whose time has come.
     */
    interface Starter
    {
        void start(int peerPosition, long sequence);
    }

    private final long uplinkMbps;
    private final int loopCount;
    private final int[] peer = new int[CAPACITY];
    private final long[] sequence = new long[CAPACITY];
    private final long[] atNs = new long[CAPACITY];
    private long head;
    private long tail;

    PacedSends(final int uplinkMbps, final int loopCount)
    {
        this.uplinkMbps = uplinkMbps;
        this.loopCount = loopCount;
    }

    /**
     * @return the time between two peers' starts for a frame of {@code frameBytes}, or 0 for no pacing.
     */
    long spacingNs(final int frameBytes)
    {
        if (uplinkMbps <= 0 || frameBytes < MIN_FRAME_BYTES)
        {
            return 0;
        }
        return (long)frameBytes * 8L * 1_000L * loopCount / uplinkMbps;
    }

    boolean isEmpty()
    {
        return head == tail;
    }

    /**
     * @return false when full: write now instead.
     */
    boolean add(final int peerPosition, final long slotSequence, final long startNs)
    {
        if (tail - head == CAPACITY)
        {
            return false;
        }
        final int i = (int)(tail & MASK);
        peer[i] = peerPosition;
        sequence[i] = slotSequence;
        atNs[i] = startNs;
        tail++;
        return true;
    }

    /**
     * Start the writes whose time has come, in order.
     *
     * @return entries taken.
     */
    int poll(final long nowNs, final Starter starter)
    {
        int work = 0;
        while (head < tail)
        {
            final int i = (int)(head & MASK);
            final long s = sequence[i];
            if (s >= 0 && nowNs - atNs[i] < 0)
            {
                break;
            }
            head++;
            if (s >= 0)
            {
                starter.start(peer[i], s);
                work++;
            }
        }
        return work;
    }

    /**
     * @return lowest slot sequence still waiting, or Long.MAX_VALUE.
     */
    long lowestSequence()
    {
        long lowest = Long.MAX_VALUE;
        for (long s = head; s < tail; s++)
        {
            final long q = sequence[(int)(s & MASK)];
            if (q >= 0)
            {
                lowest = Math.min(lowest, q);
            }
        }
        return lowest;
    }

    /**
     * Drop every write of {@code slotSequence} still waiting (its broadcast timed out).
     */
    void cancel(final long slotSequence)
    {
        for (long s = head; s < tail; s++)
        {
            final int i = (int)(s & MASK);
            if (sequence[i] == slotSequence)
            {
                sequence[i] = -1;
            }
        }
    }
}
