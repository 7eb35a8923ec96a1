package io.dashcast.engine;

import org.HdrHistogram.Histogram;

/**
 * Percentiles of a latency distribution, in microseconds.
 *
 * @param count  samples.
 * @param p50Us  median.
 * @param p90Us  90th percentile.
 * @param p99Us  99th percentile.
 * @param p999Us 99.9th percentile.
 * @param maxUs  maximum.
 */
public record LatencySummary(long count, double p50Us, double p90Us, double p99Us, double p999Us, double maxUs)
{
    /** No samples. */
    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0);

    /**
     * @param histogram nanosecond samples.
     * @return its summary in microseconds.
     */
    public static LatencySummary of(final Histogram histogram)
    {
        if (histogram.getTotalCount() == 0)
        {
            return EMPTY;
        }
        return new LatencySummary(
            histogram.getTotalCount(),
            histogram.getValueAtPercentile(50) / 1000.0,
            histogram.getValueAtPercentile(90) / 1000.0,
            histogram.getValueAtPercentile(99) / 1000.0,
            histogram.getValueAtPercentile(99.9) / 1000.0,
            histogram.getMaxValue() / 1000.0);
    }
}
