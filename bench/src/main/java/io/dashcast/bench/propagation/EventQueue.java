package io.dashcast.bench.propagation;

import java.util.Arrays;

/**
 * A binary min-heap of simulation events on parallel primitive arrays: ordered by time, then by
 * insertion order, so equal times pop in the order they were scheduled and a run is deterministic.
 * An event is a kind and one int argument (a node or a directed link).
 */
final class EventQueue
{
    private long[] timeNs = new long[1024];
    private long[] order = new long[1024];
    private int[] kind = new int[1024];
    private int[] arg = new int[1024];
    private int size;
    private long scheduled;
    private long poppedTimeNs;
    private int poppedKind;
    private int poppedArg;

    /**
     * @param atNs  when the event happens.
     * @param what  its kind.
     * @param which its argument.
     */
    void schedule(final long atNs, final int what, final int which)
    {
        if (size == timeNs.length)
        {
            grow();
        }
        int i = size++;
        final long seq = scheduled++;
        while (i > 0)
        {
            final int parent = (i - 1) >>> 1;
            if (!before(atNs, seq, parent))
            {
                break;
            }
            move(parent, i);
            i = parent;
        }
        put(i, atNs, seq, what, which);
    }

    /**
     * Removes the earliest event; read it with {@link #timeNs()}, {@link #kind()}, {@link #arg()}.
     *
     * @return false when the queue is empty.
     */
    boolean pop()
    {
        if (size == 0)
        {
            return false;
        }
        poppedTimeNs = timeNs[0];
        poppedKind = kind[0];
        poppedArg = arg[0];
        final int last = --size;
        if (last > 0)
        {
            siftDown(timeNs[last], order[last], kind[last], arg[last]);
        }
        return true;
    }

    long timeNs()
    {
        return poppedTimeNs;
    }

    int kind()
    {
        return poppedKind;
    }

    int arg()
    {
        return poppedArg;
    }

    /** Empties the queue for the next run (keeps the arrays). */
    void clear()
    {
        size = 0;
        scheduled = 0;
    }

    private void siftDown(final long t, final long seq, final int k, final int a)
    {
        int i = 0;
        final int half = size >>> 1;
        while (i < half)
        {
            int child = 2 * i + 1;
            final int right = child + 1;
            if (right < size && before(timeNs[right], order[right], child))
            {
                child = right;
            }
            if (!beforeValue(timeNs[child], order[child], t, seq))
            {
                break;
            }
            move(child, i);
            i = child;
        }
        put(i, t, seq, k, a);
    }

    private boolean before(final long t, final long seq, final int slot)
    {
        return beforeValue(t, seq, timeNs[slot], order[slot]);
    }

    private static boolean beforeValue(final long t, final long seq, final long otherT, final long otherSeq)
    {
        return t < otherT || (t == otherT && seq < otherSeq);
    }

    private void move(final int from, final int to)
    {
        put(to, timeNs[from], order[from], kind[from], arg[from]);
    }

    private void put(final int slot, final long t, final long seq, final int k, final int a)
    {
        timeNs[slot] = t;
        order[slot] = seq;
        kind[slot] = k;
        arg[slot] = a;
    }

    private void grow()
    {
        final int n = timeNs.length * 2;
        timeNs = Arrays.copyOf(timeNs, n);
        order = Arrays.copyOf(order, n);
        kind = Arrays.copyOf(kind, n);
        arg = Arrays.copyOf(arg, n);
    }
}
