package io.dashcast.engine;

import java.nio.ByteBuffer;

/**
 * A peer's ordered list of byte ranges still to write: slices of ring slots (a block, a headers
 * announcement, a compact block, the transactions of a blocktxn) and of the peer's own control buffer (handshake, pongs, pings). Nothing is copied:
 * each entry names a buffer view and a range, and its progress is a position. Pre-allocated and
 * bounded; owned by one broadcast loop thread.
 */
final class OutboundQueue
{
    static final byte CONTROL = 0;
    static final byte BLOCK = 1;
    static final byte HEADERS = 2;
    static final byte CMPCT = 3;
    static final byte BLOCKTXN = 4;

    private final ByteBuffer[] views;
    private final int[] positions;
    private final int[] ends;
    private final long[] sequences;
    private final byte[] kinds;
    private final int mask;
    private long head;
    private long tail;

    OutboundQueue(final int capacityPowerOfTwo)
    {
        views = new ByteBuffer[capacityPowerOfTwo];
        positions = new int[capacityPowerOfTwo];
        ends = new int[capacityPowerOfTwo];
        sequences = new long[capacityPowerOfTwo];
        kinds = new byte[capacityPowerOfTwo];
        mask = capacityPowerOfTwo - 1;
    }

    boolean isEmpty()
    {
        return head == tail;
    }

    boolean isFull()
    {
        return tail - head == views.length;
    }

    int size()
    {
        return (int)(tail - head);
    }

    /**
     * Append a range; a control range that continues the previous control range extends it.
     */
    boolean add(final ByteBuffer view, final int start, final int end, final long sequence, final byte kind)
    {
        if (kind == CONTROL && tail > head)
        {
            final int last = (int)((tail - 1) & mask);
            if (kinds[last] == CONTROL && views[last] == view && ends[last] == start)
            {
                ends[last] = end;
                return true;
            }
        }
        if (isFull())
        {
            return false;
        }
        final int i = (int)(tail & mask);
        views[i] = view;
        positions[i] = start;
        ends[i] = end;
        sequences[i] = sequence;
        kinds[i] = kind;
        tail++;
        return true;
    }

    /**
     * Fill {@code srcs} with views positioned on the first ranges, stopping before a view already
     * used (a view has one position at a time).
     *
     * @return number of views filled.
     */
    int gather(final ByteBuffer[] srcs)
    {
        int n = 0;
        for (long s = head; s < tail && n < srcs.length; s++)
        {
            final int i = (int)(s & mask);
            final ByteBuffer view = views[i];
            for (int k = 0; k < n; k++)
            {
                if (srcs[k] == view)
                {
                    return n;
                }
            }
            view.limit(ends[i]).position(positions[i]);
            srcs[n++] = view;
        }
        return n;
    }

    /**
     * Account for {@code written} bytes from the head.
     *
     * @param written bytes the kernel took.
     * @param listener told about each range completed, in order.
     * @param nowNs time of the write.
     */
    void advance(long written, final CompletionListener listener, final long nowNs)
    {
        while (written > 0 && head < tail)
        {
            final int i = (int)(head & mask);
            final int remaining = ends[i] - positions[i];
            if (written >= remaining)
            {
                written -= remaining;
                positions[i] = ends[i];
                final byte kind = kinds[i];
                final long sequence = sequences[i];
                views[i] = null;
                head++;
                listener.onRangeWritten(kind, sequence, nowNs);
            }
            else
            {
                positions[i] += (int)written;
                written = 0;
            }
        }
    }

    /**
     * @return true when a range for {@code sequence} of {@code kind} is still queued.
     */
    boolean holds(final long sequence, final byte kind)
    {
        for (long s = head; s < tail; s++)
        {
            final int i = (int)(s & mask);
            if (kinds[i] == kind && sequences[i] == sequence)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @return true when a block, compact block or blocktxn range for {@code sequence} is still queued.
     */
    boolean holdsPayload(final long sequence)
    {
        for (long s = head; s < tail; s++)
        {
            final int i = (int)(s & mask);
            final byte kind = kinds[i];
            if (sequences[i] == sequence && kind != CONTROL && kind != HEADERS)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @return true when a range of {@code view} is still queued.
     */
    boolean holdsView(final ByteBuffer view)
    {
        for (long s = head; s < tail; s++)
        {
            if (views[(int)(s & mask)] == view)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @return free entries.
     */
    int remaining()
    {
        return views.length - size();
    }

    /**
     * @return lowest slot sequence still queued, or Long.MAX_VALUE.
     */
    long lowestSequence()
    {
        long lowest = Long.MAX_VALUE;
        for (long s = head; s < tail; s++)
        {
            final int i = (int)(s & mask);
            if (kinds[i] != CONTROL && sequences[i] < lowest)
            {
                lowest = sequences[i];
            }
        }
        return lowest;
    }

    void clear()
    {
        for (long s = head; s < tail; s++)
        {
            views[(int)(s & mask)] = null;
        }
        head = tail;
    }

    /**
     * Told when a queued range has been fully taken by the kernel.
     */
    interface CompletionListener
    {
        void onRangeWritten(byte kind, long sequence, long nowNs);
    }
}
