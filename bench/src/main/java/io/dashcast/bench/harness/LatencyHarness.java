package io.dashcast.bench.harness;

import io.dashcast.engine.IdleMode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The latency harness: for every peer count and block size, runs each system in turn against
 * receivers in a separate JVM (one block in flight; a short pause between blocks), records
 * hand-off, first-peer and delivery latency in HdrHistograms, then writes results.json, results.md,
 * .hgrm files and an HTML chart, and prints the table. Entry point of {@code bench/run}.
 */
public final class LatencyHarness
{
    private static final long SAMPLE_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);

    private final HarnessOptions options;
    private final ReceiverLink link;

    private LatencyHarness(final HarnessOptions options, final ReceiverLink link)
    {
        this.options = options;
        this.link = link;
    }

    /**
     * @param args see {@link HarnessOptions#usage()}.
     */
    public static void main(final String[] args)
    {
        final HarnessOptions options;
        try
        {
            options = HarnessOptions.parse(args);
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("bench: " + ex.getMessage());
            System.err.print(HarnessOptions.usage());
            System.exit(2);
            return;
        }
        if (options.help)
        {
            System.out.print(HarnessOptions.usage());
            return;
        }
        System.exit(run(options));
    }

    static int run(final HarnessOptions options)
    {
        final long started = System.nanoTime();
        final List<Measurement> results;
        try (ReceiverLink link = ReceiverLink.start())
        {
            Files.createDirectories(options.out);
            final LatencyHarness harness = new LatencyHarness(options, link);
            harness.warmUp();
            results = harness.measureAll();
        }
        catch (final IOException | HarnessException ex)
        {
            System.err.println("bench: " + ex.getMessage());
            return 1;
        }
        final ResultsReport report = new ResultsReport(options, results);
        try
        {
            report.writeAll(options.out);
        }
        catch (final IOException ex)
        {
            System.err.println("bench: cannot write results to " + options.out + ": " + ex.getMessage());
            return 1;
        }
        System.out.println(report.markdown());
        final Path out = options.out.toAbsolutePath();
        System.out.printf(Locale.ROOT, "%nwrote %s, %s, %s/ and %s in %.0f s%n",
            out.resolve(ResultsReport.JSON_FILE), out.resolve(ResultsReport.MARKDOWN_FILE),
            out.resolve(ResultsReport.HGRM_DIR), out.resolve(ResultsReport.CHART_FILE),
            (System.nanoTime() - started) / 1e9);
        final long failed = results.stream().filter(m -> m.failure != null).count();
        if (failed > 0)
        {
            System.err.println("bench: " + failed + " configuration(s) failed; see the table");
            return 3;
        }
        return 0;
    }

    /**
     * @param peers N.
     * @return the systems to race at this peer count, the floor first.
     */
    List<Contender> contenders(final int peers)
    {
        final List<Contender> list = new ArrayList<>();
        if (options.systems.contains(Contender.FLOOR))
        {
            list.add(new Contender(Contender.FLOOR, "spin, caller thread", n -> new FloorFanOut()));
        }
        if (options.systems.contains(Contender.DASHCAST))
        {
            for (final IdleMode mode : options.idleModes)
            {
                final Set<Integer> loopCounts = new LinkedHashSet<>();
                for (final int loops : options.loops)
                {
                    loopCounts.add(Math.min(loops, peers));
                }
                for (final int loops : loopCounts)
                {
                    list.add(new Contender(Contender.DASHCAST, idleLabel(mode) + " x" + loops,
                        n -> new DashcastFanOut(mode, loops)));
                }
            }
        }
        if (options.systems.contains(Contender.NETTY))
        {
            final int threads = HarnessOptions.CORES;
            list.add(new Contender(Contender.NETTY, NettyFanOut.transport() + " x" + threads,
                n -> new NettyFanOut(threads)));
        }
        if (options.systems.contains(Contender.THREAD_PER_PEER))
        {
            list.add(new Contender(Contender.THREAD_PER_PEER, "blocking x" + peers, n -> ThreadPerPeerFanOut.givenTheFrame()));
        }
        if (options.systems.contains(Contender.THREAD_PER_PEER_VALIDATING))
        {
            list.add(new Contender(Contender.THREAD_PER_PEER_VALIDATING, "validates and frames, blocking x" + peers,
                n -> ThreadPerPeerFanOut.validating()));
        }
        if (options.systems.contains(Contender.RELAY))
        {
            final long delayNs = TimeUnit.MICROSECONDS.toNanos(options.hopDelayUs);
            list.add(new Contender(Contender.RELAY, "hop delay " + options.hopDelayUs + " us",
                n -> new RelayFanOut(delayNs)));
        }
        return list;
    }

    static String idleLabel(final IdleMode mode)
    {
        return switch (mode)
        {
            case BUSY_SPIN -> "busy-spin";
            case YIELD -> "yield";
            case BACKOFF -> "backoff";
            case BLOCKING_SELECT -> "select";
        };
    }

    /**
     * Bring every system's code paths through the JIT before anything is recorded.
     */
    private void warmUp()
    {
        final int peers = Math.min(8, options.peers.stream().mapToInt(Integer::intValue).max().orElse(1));
        final Workload workload = Workload.of(peers, 1024);
        System.err.println("warming up every system at N=" + peers + ", 1 KiB ...");
        for (final Contender contender : contenders(peers))
        {
            final Measurement ignored = new Measurement(contender.system(), contender.strategy(), peers, 1024);
            measure(contender, workload, ignored, Math.max(options.warmup, 200), options.warmupSeconds * 2, 0);
        }
    }

    private List<Measurement> measureAll()
    {
        int total = 0;
        for (final int peers : options.peers)
        {
            total += contenders(peers).size() * options.sizes.size();
        }
        final List<Measurement> results = new ArrayList<>();
        int done = 0;
        for (final int peers : options.peers)
        {
            for (final int size : options.sizes)
            {
                final Workload workload = Workload.of(peers, size);
                for (final Contender contender : contenders(peers))
                {
                    final Measurement m = new Measurement(contender.system(), contender.strategy(), peers, size);
                    measure(contender, workload, m, options.warmup, options.warmupSeconds, options.samples);
                    results.add(m);
                    System.err.println(progressLine(++done, total, m));
                }
            }
        }
        return results;
    }

    /**
     * Start the system, send warm-up then measured blocks one at a time, stop it. A failure is
     * recorded in the measurement, never thrown.
     */
    private void measure(
        final Contender contender, final Workload workload, final Measurement m, final int warmupSamples,
        final double warmupSeconds, final int samples)
    {
        final FanOut fanOut = contender.factory().apply(workload.peers);
        try
        {
            fanOut.start(link, workload);
            long sample = 0;
            final long warmEnd = System.nanoTime() + (long)(warmupSeconds * 1e9);
            while (sample < warmupSamples && System.nanoTime() - warmEnd < 0)
            {
                sendOne(fanOut, sample++, null);
            }
            final long end = System.nanoTime() + (long)(options.maxSeconds * 1e9);
            while (m.samples() < samples && System.nanoTime() - end < 0)
            {
                sendOne(fanOut, sample++, m);
            }
        }
        catch (final IOException | HarnessException ex)
        {
            m.failure = ex.getMessage();
        }
        finally
        {
            fanOut.close();
            link.closeSession();
        }
    }

    private void sendOne(final FanOut fanOut, final long sample, final Measurement m) throws IOException
    {
        final long t0 = System.nanoTime();
        fanOut.send(sample);
        final long t1 = System.nanoTime();
        final Delivery delivery = link.awaitDelivery(sample, SAMPLE_TIMEOUT_NS);
        fanOut.awaitHandoff(sample, delivery, System.nanoTime() + SAMPLE_TIMEOUT_NS);
        if (m != null)
        {
            m.record(Metric.SUBMIT_CALL, t1 - t0);
            m.record(Metric.HANDOFF, fanOut.lastHandoffNs() - t0);
            m.record(Metric.FIRST_PEER, fanOut.firstHandoffNs() - t0);
            m.record(Metric.DELIVERY, delivery.lastPeerNs - t0);
        }
        if (options.gapUs > 0)
        {
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(options.gapUs));
        }
    }

    private static String progressLine(final int done, final int total, final Measurement m)
    {
        final String head = String.format(Locale.ROOT, "[%d/%d] N=%d %s %s: ", done, total, m.peers,
            HarnessOptions.sizeLabel(m.blockBytes), m.label());
        if (!m.hasData())
        {
            return head + "FAILED: " + m.failure;
        }
        return head + String.format(Locale.ROOT, "%d samples, delivery p50 %.1f us p99 %.1f us%s", m.samples(),
            m.micros(Metric.DELIVERY, 50), m.micros(Metric.DELIVERY, 99),
            m.failure == null ? "" : " (stopped early: " + m.failure + ")");
    }
}
