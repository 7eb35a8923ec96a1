package io.dashcast.engine.status;

import io.dashcast.engine.BroadcastReceipt;

/**
 * Network propagation of a block: time from submit until this share of the peers connected at
 * submit are known to have it (each peer's ack or its own {@code headers}/{@code inv} announcement
 * of the block to us, whichever came first).
 */
public enum PropagationLevel
{
    P50("0.5", 50),
    P90("0.9", 90),
    P100("1", 100);

    /** All levels, without the copy {@code values()} makes. */
    static final PropagationLevel[] VALUES = values();

    private final String label;
    private final int percent;

    PropagationLevel(final String label, final int percent)
    {
        this.label = label;
        this.percent = percent;
    }

    /**
     * @return Prometheus label value (the share as a number).
     */
    public String label()
    {
        return label;
    }

    /**
     * @return the share in percent.
     */
    public int percent()
    {
        return percent;
    }

    /**
     * @param connected peers connected at submit.
     * @return how many of them must have the block.
     */
    public int peersNeeded(final int connected)
    {
        return BroadcastReceipt.peersNeeded(connected, percent);
    }
}
