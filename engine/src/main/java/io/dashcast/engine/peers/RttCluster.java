package io.dashcast.engine.peers;

/**
 * Round-trip-time classes, the measurable stand-in for geography (the seed's US/EU/Asia): peers in
 * one class are about as far from us as each other. The set keeps at least one peer in every class
 * it has seen, so a block reaches every region early.
 */
public enum RttCluster
{
    /** Not measured yet. */
    UNKNOWN(0),
    /** Same host or data centre: under 5 ms. */
    LOCAL(5_000),
    /** Same region: under 40 ms. */
    REGIONAL(40_000),
    /** Same continent: under 120 ms. */
    CONTINENTAL(120_000),
    /** Across an ocean: 120 ms and more. */
    INTERCONTINENTAL(Long.MAX_VALUE);

    private final long upperUs;

    RttCluster(final long upperUs)
    {
        this.upperUs = upperUs;
    }

    /**
     * @param rttUs a measured round trip in microseconds, or a negative value when unmeasured.
     * @return its class.
     */
    public static RttCluster of(final double rttUs)
    {
        if (!(rttUs >= 0))
        {
            return UNKNOWN;
        }
        for (final RttCluster c : values())
        {
            if (c != UNKNOWN && rttUs < c.upperUs)
            {
                return c;
            }
        }
        return INTERCONTINENTAL;
    }
}
