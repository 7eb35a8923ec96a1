package io.dashcast.engine.status;

/**
 * Network propagation of a block: time from submit until this share of the peers connected at
 * submit proved they have it (their ack).
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
     * @param connected peers connected at submit.
     * @return how many of them must have the block.
     */
    public int peersNeeded(final int connected)
    {
        return (connected * percent + 99) / 100;
    }
}
