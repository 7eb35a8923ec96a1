package io.dashcast.engine.status;

import org.agrona.concurrent.status.AtomicCounter;

/**
 * One peer's counters (one per {@link PeerCounterDescriptor}) and its latency recorders (hand-off,
 * ack, ping round trip). Event counters are written by the peer's broadcast loop alone (ordered
 * stores); gauges by the loop or the sampler, both storing the same current value.
 */
public final class PeerStatus
{
    private final int index;
    private final String name;
    private final String priority;
    private final AtomicCounter[] counters;
    private final LatencyRecorder handoff;
    private final LatencyRecorder ack;
    private final LatencyRecorder rtt;

    PeerStatus(final int index, final String name, final String priority, final AtomicCounter[] counters)
    {
        this.index = index;
        this.name = name;
        this.priority = priority;
        this.counters = counters;
        this.handoff = new LatencyRecorder(name, 2, false);
        this.ack = new LatencyRecorder(name, 2, false);
        this.rtt = new LatencyRecorder(name, 2, false);
    }

    /**
     * @return configuration index of the peer (its id in receipts).
     */
    public int index()
    {
        return index;
    }

    /**
     * @return peer name.
     */
    public String name()
    {
        return name;
    }

    /**
     * @return priority, lower case (critical, high, normal).
     */
    public String priority()
    {
        return priority;
    }

    /**
     * @param descriptor which figure.
     * @return its counter.
     */
    public AtomicCounter counter(final PeerCounterDescriptor descriptor)
    {
        return counters[descriptor.ordinal()];
    }

    /**
     * @param descriptor which figure.
     * @return its value now.
     */
    public long get(final PeerCounterDescriptor descriptor)
    {
        return counters[descriptor.ordinal()].get();
    }

    /**
     * Single-writer increment (the peer's loop).
     *
     * @param descriptor which figure.
     */
    public void increment(final PeerCounterDescriptor descriptor)
    {
        counters[descriptor.ordinal()].incrementRelease();
    }

    /**
     * Single-writer add (the peer's loop).
     *
     * @param descriptor which figure.
     * @param delta      amount.
     */
    public void add(final PeerCounterDescriptor descriptor, final long delta)
    {
        counters[descriptor.ordinal()].getAndAddRelease(delta);
    }

    /**
     * Store a gauge.
     *
     * @param descriptor which figure.
     * @param value      value now.
     */
    public void set(final PeerCounterDescriptor descriptor, final long value)
    {
        counters[descriptor.ordinal()].setRelease(value);
    }

    /**
     * @return submit to hand-off, per block.
     */
    public LatencyRecorder handoff()
    {
        return handoff;
    }

    /**
     * @return submit to ack, per block.
     */
    public LatencyRecorder ack()
    {
        return ack;
    }

    /**
     * @return ping round trips.
     */
    public LatencyRecorder rtt()
    {
        return rtt;
    }

    /**
     * Free this peer's counters (its index was taken by another peer); called under the status lock.
     */
    void freeCounters(final org.agrona.concurrent.status.CountersManager manager)
    {
        for (final AtomicCounter c : counters)
        {
            manager.free(c.id());
        }
    }
}
