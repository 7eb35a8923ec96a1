package io.dashcast.engine.status;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.function.Function;

/**
 * One latency distribution: a wait-free, allocation-free HdrHistogram {@link Recorder} for the
 * writers (broadcast loops), drained at sample time into a cumulative {@link Histogram} (for
 * Prometheus, the dashboard and stats) and, when logged, into a pending interval for the interval
 * log. Readers synchronize on this object; writers never do.
 */
public final class LatencyRecorder
{
    /** Highest trackable value: two minutes; larger samples are clamped. */
    public static final long HIGHEST_NS = 120_000_000_000L;

    private final String name;
    private final Recorder recorder;
    private final Histogram cumulative;
    private final Histogram pendingLog;
    private Histogram interval;

    /**
     * @param name              tag in the interval log and label value.
     * @param significantDigits HdrHistogram precision (2: 1 %, 3: 0.1 %).
     * @param logged            true to keep intervals for the interval log.
     */
    public LatencyRecorder(final String name, final int significantDigits, final boolean logged)
    {
        this.name = name;
        this.recorder = new Recorder(HIGHEST_NS, significantDigits);
        this.cumulative = new Histogram(HIGHEST_NS, significantDigits);
        this.pendingLog = logged ? new Histogram(HIGHEST_NS, significantDigits) : null;
    }

    /**
     * @return the tag.
     */
    public String name()
    {
        return name;
    }

    /**
     * Record one sample; wait-free and allocation-free, any thread.
     *
     * @param valueNs nanoseconds; clamped to 0 .. {@link #HIGHEST_NS}.
     */
    public void record(final long valueNs)
    {
        recorder.recordValue(Math.min(Math.max(valueNs, 0), HIGHEST_NS));
    }

    /**
     * Drain what the writers recorded since the last sample into the cumulative histogram.
     */
    public synchronized void sample()
    {
        interval = recorder.getIntervalHistogram(interval);
        cumulative.add(interval);
        if (pendingLog != null)
        {
            pendingLog.add(interval);
        }
    }

    /**
     * Sample, then read the cumulative histogram under this recorder's lock.
     *
     * @param reader reads the histogram (must not keep it).
     * @param <T>    result type.
     * @return what the reader returned.
     */
    public synchronized <T> T read(final Function<Histogram, T> reader)
    {
        sample();
        return reader.apply(cumulative);
    }

    /**
     * Sample, then hand out the interval since the last call and start a new one (for the log).
     *
     * @param startMs interval start, epoch ms.
     * @param endMs   interval end, epoch ms.
     * @return a copy of the interval, tagged with {@link #name()}.
     */
    public synchronized Histogram takeLogInterval(final long startMs, final long endMs)
    {
        sample();
        if (pendingLog == null)
        {
            throw new IllegalStateException(name + " is not logged");
        }
        final Histogram copy = pendingLog.copy();
        copy.setTag(name);
        copy.setStartTimeStamp(startMs);
        copy.setEndTimeStamp(endMs);
        pendingLog.reset();
        return copy;
    }
}
