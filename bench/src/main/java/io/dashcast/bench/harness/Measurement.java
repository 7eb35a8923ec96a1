package io.dashcast.bench.harness;

import org.HdrHistogram.Histogram;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The samples of one system x peers x block size x strategy: one HdrHistogram per {@link Metric},
 * in nanoseconds.
 */
final class Measurement
{
    private static final long HIGHEST_NS = TimeUnit.SECONDS.toNanos(120);

    final String system;
    final String strategy;
    final int peers;
    final int blockBytes;
    private final Map<Metric, Histogram> histograms = new EnumMap<>(Metric.class);
    String failure;

    /**
     * @param system     system name.
     * @param strategy   strategy label.
     * @param peers      N.
     * @param blockBytes block size.
     */
    Measurement(final String system, final String strategy, final int peers, final int blockBytes)
    {
        this.system = system;
        this.strategy = strategy;
        this.peers = peers;
        this.blockBytes = blockBytes;
        for (final Metric metric : Metric.values())
        {
            histograms.put(metric, new Histogram(HIGHEST_NS, 3));
        }
    }

    /**
     * @param metric which.
     * @param valueNs a latency; negative values mean the clocks disagree and are refused.
     */
    void record(final Metric metric, final long valueNs)
    {
        if (valueNs < 0)
        {
            throw new HarnessException(metric.key() + " came out negative (" + valueNs + " ns): clocks disagree");
        }
        histograms.get(metric).recordValue(Math.min(valueNs, HIGHEST_NS));
    }

    Histogram histogram(final Metric metric)
    {
        return histograms.get(metric);
    }

    /**
     * @return samples recorded.
     */
    long samples()
    {
        return histograms.get(Metric.DELIVERY).getTotalCount();
    }

    /**
     * @return true if it has samples to report.
     */
    boolean hasData()
    {
        return samples() > 0;
    }

    /**
     * @param metric     which.
     * @param percentile 0..100; 100 is the maximum.
     * @return the value in microseconds.
     */
    double micros(final Metric metric, final double percentile)
    {
        final Histogram h = histograms.get(metric);
        final long ns = percentile >= 100.0 ? h.getMaxValue() : h.getValueAtPercentile(percentile);
        return ns / 1000.0;
    }

    /**
     * @param other another measurement.
     * @return true if both are of the same peers and block size.
     */
    boolean sameShape(final Measurement other)
    {
        return peers == other.peers && blockBytes == other.blockBytes;
    }

    /**
     * @return "system (strategy)".
     */
    String label()
    {
        return system + " (" + strategy + ")";
    }
}
