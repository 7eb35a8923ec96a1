package io.dashcast.tools.metrics;

import io.dashcast.engine.status.EngineStatus;
import io.dashcast.engine.status.FanoutStage;
import io.dashcast.engine.status.PropagationLevel;
import org.HdrHistogram.HistogramLogWriter;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.EpochClock;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The daemon's monitoring thread: every sample period it copies the sampled gauges into the
 * counters (peer states, ready peers, submit totals) and beats the counters file's heartbeat;
 * every log interval it appends the fan-out and propagation interval histograms to an HdrHistogram
 * interval log ({@link HistogramLogWriter}), so latency over days can be replayed and plotted
 * ({@code HistogramLogProcessor}, HdrHistogram's plotter). Never on a broadcast loop.
 */
public final class StatusSampler implements AutoCloseable
{
    private final EngineStatus status;
    private final Runnable refresh;
    private final EpochClock clock;
    private final ErrorHandler errorHandler;
    private final ScheduledExecutorService executor;
    private final HistogramLogWriter log;
    private long intervalStartMs;

    /**
     * @param status        the engine's counters.
     * @param refresh       copies sampled gauges into counters (the broadcaster's).
     * @param clock         wall clock.
     * @param sampleMs      gauge period.
     * @param histogramLog  interval log file, or null for none.
     * @param logIntervalMs interval length.
     * @param errorHandler  told of failures; the sampler carries on.
     */
    public StatusSampler(
        final EngineStatus status, final Runnable refresh, final EpochClock clock, final long sampleMs,
        final Path histogramLog, final long logIntervalMs, final ErrorHandler errorHandler)
    {
        this.status = status;
        this.refresh = refresh;
        this.clock = clock;
        this.errorHandler = errorHandler;
        this.log = histogramLog == null ? null : openLog(histogramLog, clock.time());
        this.intervalStartMs = clock.time();
        executor = Executors.newSingleThreadScheduledExecutor(r ->
        {
            final Thread t = new Thread(r, "dashcast-status-sampler");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleAtFixedRate(this::sample, 0, sampleMs, TimeUnit.MILLISECONDS);
        if (log != null)
        {
            executor.scheduleAtFixedRate(this::writeIntervals, logIntervalMs, logIntervalMs, TimeUnit.MILLISECONDS);
        }
    }

    private static HistogramLogWriter openLog(final Path file, final long nowMs)
    {
        try
        {
            if (file.getParent() != null)
            {
                Files.createDirectories(file.getParent());
            }
            final HistogramLogWriter writer = new HistogramLogWriter(file.toFile());
            writer.outputComment("dashcast interval histograms: block fan-out and propagation, ns");
            writer.outputLogFormatVersion();
            writer.setBaseTime(nowMs);
            writer.outputBaseTime(nowMs);
            writer.outputStartTime(nowMs);
            writer.outputLegend();
            return writer;
        }
        catch (final FileNotFoundException ex)
        {
            throw new UncheckedIOException("histogram log " + file, ex);
        }
        catch (final java.io.IOException ex)
        {
            throw new UncheckedIOException("histogram log " + file, ex);
        }
    }

    private void sample()
    {
        try
        {
            refresh.run();
            status.heartbeat(clock.time());
        }
        catch (final RuntimeException ex)
        {
            errorHandler.onError(ex);
        }
    }

    /**
     * Append one interval per recorder (tagged first_peer, all_peers, ..., propagation_0.5, ...).
     */
    public synchronized void writeIntervals()
    {
        if (log == null)
        {
            return;
        }
        try
        {
            final long endMs = clock.time();
            for (final FanoutStage stage : FanoutStage.values())
            {
                log.outputIntervalHistogram(status.stage(stage).takeLogInterval(intervalStartMs, endMs));
            }
            for (final PropagationLevel level : PropagationLevel.values())
            {
                log.outputIntervalHistogram(status.propagation(level).takeLogInterval(intervalStartMs, endMs));
            }
            intervalStartMs = endMs;
        }
        catch (final RuntimeException ex)
        {
            errorHandler.onError(ex);
        }
    }

    @Override
    public void close()
    {
        executor.shutdownNow();
        try
        {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        synchronized (this)
        {
            if (log != null)
            {
                writeIntervals();
                log.close();
            }
        }
    }
}
