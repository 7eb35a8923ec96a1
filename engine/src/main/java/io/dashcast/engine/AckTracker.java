package io.dashcast.engine;

/**
 * The pings sent behind a peer's block-carrying frames, in send order, awaiting their pongs. Dash
 * Core handles one peer's messages strictly in order, so the pong to a block's ping proves the
 * block was processed, and every earlier ping's block with it. An ack is superseded when the peer
 * asked for more of the block before its pong (a {@code getblocktxn} or {@code getdata}): that pong
 * proves only that the ask was sent. A fixed ring of {@value #CAPACITY}; allocation-free.
 */
final class AckTracker
{
    static final int CAPACITY = 256;
    private static final int MASK = CAPACITY - 1;

    /**
     * Told of each block proven processed.
     */
    interface Listener
    {
        /**
         * @param sequence ring sequence of the block.
         * @param nowNs    when the pong arrived.
         */
        void onAck(long sequence, long nowNs);
    }

    private final long[] nonces = new long[CAPACITY];
    private final long[] sequences = new long[CAPACITY];
    private final long[] queuedNs = new long[CAPACITY];
    private final boolean[] superseded = new boolean[CAPACITY];
    private long head;
    private long tail;

    boolean isFull()
    {
        return tail - head >= CAPACITY;
    }

    boolean isEmpty()
    {
        return head == tail;
    }

    /**
     * Expect a pong with {@code nonce} for block {@code sequence}.
     */
    void add(final long nonce, final long sequence, final long nowNs)
    {
        final int i = (int)(tail & MASK);
        nonces[i] = nonce;
        sequences[i] = sequence;
        queuedNs[i] = nowNs;
        superseded[i] = false;
        tail++;
    }

    /**
     * @return true when the oldest ping has waited longer than {@code timeoutNs}.
     */
    boolean isOverdue(final long nowNs, final long timeoutNs)
    {
        return head < tail && nowNs - queuedNs[(int)(head & MASK)] > timeoutNs;
    }

    /**
     * The peer asked for more of block {@code sequence}: the pongs already expected no longer count.
     */
    void supersede(final long sequence)
    {
        for (long s = head; s < tail; s++)
        {
            final int i = (int)(s & MASK);
            if (sequences[i] == sequence)
            {
                superseded[i] = true;
            }
        }
    }

    /**
     * A pong: acknowledge its ping's block and every earlier one not superseded.
     *
     * @return true when the nonce was one of ours.
     */
    boolean onPong(final long nonce, final long nowNs, final Listener listener)
    {
        for (long s = head; s < tail; s++)
        {
            if (nonces[(int)(s & MASK)] == nonce)
            {
                for (long t = head; t <= s; t++)
                {
                    final int k = (int)(t & MASK);
                    head = t + 1;
                    if (!superseded[k])
                    {
                        listener.onAck(sequences[k], nowNs);
                        if (head == 0)
                        {
                            return true; // the listener failed the peer, which cleared this tracker
                        }
                    }
                }
                return true;
            }
        }
        return false;
    }

    /**
     * @return lowest sequence still awaiting a pong, or Long.MAX_VALUE. Entries are in send order,
     * not sequence order ({@code getdata} serves older slots), so all are scanned.
     */
    long lowestSequence()
    {
        long lowest = Long.MAX_VALUE;
        for (long s = head; s < tail; s++)
        {
            lowest = Math.min(lowest, sequences[(int)(s & MASK)]);
        }
        return lowest;
    }

    void clear()
    {
        head = 0;
        tail = 0;
    }
}
