package io.dashcast.bench.deployment;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The samples of one ingress x block size x phase: an HdrHistogram per run and metric (ns), so a
 * table can give the median over runs of each run's p50, and the histogram of all runs merged.
 */
final class CaseResult
{
    /** What is timed, all from the ingress call. */
    enum Metric
    {
        /** Until the kernel took the last byte for peer 0 (critical). */
        FIRST_PEER("firstPeer"),
        /** Until the kernel took the last byte for every peer. */
        HANDOFF("handoff"),
        /** Until the last receiver had read the whole block. */
        DELIVERY("delivery"),
        /** How long the ingress call kept the caller. */
        CALL("call");

        final String key;

        Metric(final String key)
        {
            this.key = key;
        }
    }

    private static final long HIGHEST_NS = TimeUnit.SECONDS.toNanos(120);

    final Ingress ingress;
    final int blockBytes;
    final String phase;
    private final List<Histogram[]> runs = new ArrayList<>();
    String failure;

    CaseResult(final Ingress ingress, final int blockBytes, final String phase)
    {
        this.ingress = ingress;
        this.blockBytes = blockBytes;
        this.phase = phase;
    }

    /**
     * Start the histograms of a new run.
     */
    void newRun()
    {
        final Histogram[] h = new Histogram[Metric.values().length];
        for (int i = 0; i < h.length; i++)
        {
            h[i] = new Histogram(HIGHEST_NS, 3);
        }
        runs.add(h);
    }

    void record(final Metric metric, final long valueNs)
    {
        if (valueNs <= 0)
        {
            throw new IllegalStateException(metric.key + " came out " + valueNs + " ns: clocks disagree");
        }
        runs.get(runs.size() - 1)[metric.ordinal()].recordValue(Math.min(valueNs, HIGHEST_NS));
    }

    long samples()
    {
        long n = 0;
        for (final Histogram[] h : runs)
        {
            n += h[Metric.DELIVERY.ordinal()].getTotalCount();
        }
        return n;
    }

    /**
     * @param metric which.
     * @return the median over runs (with samples) of each run's p50, in microseconds; NaN if none.
     */
    double medianP50Us(final Metric metric)
    {
        final double[] p50 = runs.stream()
            .map(h -> h[metric.ordinal()])
            .filter(h -> h.getTotalCount() > 0)
            .mapToDouble(h -> h.getValueAtPercentile(50) / 1000.0)
            .toArray();
        if (p50.length == 0)
        {
            return Double.NaN;
        }
        Arrays.sort(p50);
        return p50.length % 2 == 1 ? p50[p50.length / 2] : (p50[p50.length / 2 - 1] + p50[p50.length / 2]) / 2;
    }

    /**
     * @param metric which.
     * @return every run's p50 in microseconds.
     */
    double[] p50PerRunUs(final Metric metric)
    {
        return runs.stream().map(h -> h[metric.ordinal()]).filter(h -> h.getTotalCount() > 0)
            .mapToDouble(h -> h.getValueAtPercentile(50) / 1000.0).toArray();
    }

    /**
     * @param metric which.
     * @return all runs merged.
     */
    Histogram merged(final Metric metric)
    {
        final Histogram all = new Histogram(HIGHEST_NS, 3);
        for (final Histogram[] h : runs)
        {
            all.add(h[metric.ordinal()]);
        }
        return all;
    }
}
