package io.dashcast.engine;

/**
 * How urgently a peer must get a block (the seed's vocabulary). Lower ordinal is written first.
 */
public enum PeerPriority
{
    /** The pool's own dashd, other pools, exchanges: always first. */
    CRITICAL,
    /** Explorers and well-connected nodes. */
    HIGH,
    /** Everything else. */
    NORMAL;

    /**
     * @param text "critical", "high" or "normal", any case.
     * @return the priority.
     */
    public static PeerPriority parse(final String text)
    {
        for (final PeerPriority p : values())
        {
            if (p.name().equalsIgnoreCase(text))
            {
                return p;
            }
        }
        throw new IllegalArgumentException("priority '" + text + "' is not one of critical, high, normal");
    }
}
