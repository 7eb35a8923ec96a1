package io.dashcast.bench.sendfile;

import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code bench/sendfile.sh}: for each block size and peer count, each {@link ZeroCopyFanOut.Mode}
 * sends the framed block to N loopback receivers, one block at a time, and records into
 * HdrHistogram the hand-off (the kernel took the last byte on every socket) and the delivery
 * (every receiver read the whole block). Prints p50/p99 per mode and the ratios to {@code write}.
 */
public final class SendfileBenchmark
{
    private static final long AWAIT_NS = TimeUnit.SECONDS.toNanos(10);

    private SendfileBenchmark()
    {
    }

    /**
     * @param args see {@link Options#usage()}.
     */
    public static void main(final String[] args)
    {
        final Options o;
        try
        {
            o = Options.parse(args);
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("sendfile: " + ex.getMessage());
            System.err.print(Options.usage());
            System.exit(2);
            return;
        }
        if (o.help)
        {
            System.out.print(Options.usage());
            return;
        }
        final StringBuilder report = new StringBuilder(header());
        try
        {
            for (final int size : o.sizes)
            {
                for (final int peers : o.peers)
                {
                    report.append(configuration(o, size, peers));
                    System.out.flush();
                }
            }
        }
        catch (final RuntimeException ex)
        {
            System.err.println("sendfile: " + ex.getMessage());
            System.exit(1);
        }
        System.out.println();
        System.out.print(report);
        if (o.out != null)
        {
            try
            {
                Files.writeString(o.out, report.toString(), StandardCharsets.UTF_8);
            }
            catch (final IOException ex)
            {
                System.err.println("sendfile: cannot write " + o.out + ": " + ex.getMessage());
                System.exit(1);
            }
        }
    }

    private static String header()
    {
        return "| block | N | mode | handoff p50 us | p99 | delivery p50 us | p99 | calls/block | samples "
            + "| handoff p50 / p99 vs write | delivery p50 / p99 vs write |\n"
            + "|---|---:|---|---:|---:|---:|---:|---:|---:|---|---|\n";
    }

    private static String configuration(final Options o, final int size, final int peers)
    {
        final StringBuilder rows = new StringBuilder();
        final ZeroCopyFanOut.Mode[] modes = ZeroCopyFanOut.Mode.values();
        try (FramedBlockFile block = new FramedBlockFile(o.dir, size, size);
            LoopbackSinks sinks = new LoopbackSinks(peers, block.frameLength()))
        {
            final Result[] results = measure(o, block, sinks, modes);
            for (int m = 0; m < modes.length; m++)
            {
                final Result r = results[m];
                System.out.printf(Locale.ROOT, "%s N=%d %-12s handoff p50 %7.0f us p99 %7.0f us, delivery p50 %7.0f us "
                    + "p99 %7.0f us (%d samples)%n", sizeName(size), peers, name(modes[m]),
                    r.handoff.getValueAtPercentile(50) / 1e3, r.handoff.getValueAtPercentile(99) / 1e3,
                    r.delivery.getValueAtPercentile(50) / 1e3, r.delivery.getValueAtPercentile(99) / 1e3, r.samples);
                rows.append(row(size, peers, modes[m], r, results[0]));
            }
        }
        return rows.toString();
    }

    /**
     * The modes take turns block by block over the same sockets, so a neighbour's load on the
     * shared machine falls on all of them alike.
     */
    private static Result[] measure(final Options o, final FramedBlockFile block, final LoopbackSinks sinks,
        final ZeroCopyFanOut.Mode[] modes)
    {
        final ZeroCopyFanOut[] fanOuts = new ZeroCopyFanOut[modes.length];
        final Result[] results = new Result[modes.length];
        for (int m = 0; m < modes.length; m++)
        {
            fanOuts[m] = new ZeroCopyFanOut(modes[m], block, sinks.senders());
            results[m] = new Result();
        }
        long sent = 0;
        final long warmupEnd = System.nanoTime() + (long)(o.warmupSeconds * 1e9);
        while (System.nanoTime() - warmupEnd < 0)
        {
            fanOuts[(int)(sent % modes.length)].sendAll();
            await(sinks, ++sent);
        }
        final long end = System.nanoTime() + (long)(o.seconds * 1e9);
        while (System.nanoTime() - end < 0)
        {
            final int m = (int)(sent % modes.length);
            final long t0 = System.nanoTime();
            results[m].calls += fanOuts[m].sendAll();
            final long handoff = System.nanoTime();
            await(sinks, ++sent);
            results[m].handoff.recordValue(handoff - t0);
            results[m].delivery.recordValue(Math.max(0, sinks.lastCompletionNs() - t0));
            results[m].samples++;
        }
        return results;
    }

    private static void await(final LoopbackSinks sinks, final long frames)
    {
        final long deadline = System.nanoTime() + AWAIT_NS;
        while (sinks.completedFrames() < frames)
        {
            if (sinks.failure() != null)
            {
                throw new IllegalStateException("receivers failed: " + sinks.failure());
            }
            if (System.nanoTime() - deadline > 0)
            {
                throw new IllegalStateException("receivers did not get block " + frames + " within 10 s");
            }
            Thread.onSpinWait();
            LockSupport.parkNanos(1_000);
        }
    }

    private static String row(final int size, final int peers, final ZeroCopyFanOut.Mode mode, final Result r,
        final Result write)
    {
        return String.format(Locale.ROOT, "| %s | %d | %s | %.0f | %.0f | %.0f | %.0f | %.1f | %d | %s | %s |%n",
            sizeName(size), peers, name(mode),
            r.handoff.getValueAtPercentile(50) / 1e3, r.handoff.getValueAtPercentile(99) / 1e3,
            r.delivery.getValueAtPercentile(50) / 1e3, r.delivery.getValueAtPercentile(99) / 1e3,
            r.samples == 0 ? 0.0 : (double)r.calls / r.samples, r.samples,
            ratios(r.handoff, write.handoff), ratios(r.delivery, write.delivery));
    }

    private static String ratios(final Histogram h, final Histogram reference)
    {
        return String.format(Locale.ROOT, "%.2f / %.2f",
            (double)h.getValueAtPercentile(50) / reference.getValueAtPercentile(50),
            (double)h.getValueAtPercentile(99) / reference.getValueAtPercentile(99));
    }

    static String name(final ZeroCopyFanOut.Mode mode)
    {
        return mode.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String sizeName(final int size)
    {
        return size % (1024 * 1024) == 0 ? size / (1024 * 1024) + " MiB" : size + " B";
    }

    /** One mode's histograms (ns). */
    private static final class Result
    {
        final Histogram handoff = new Histogram(TimeUnit.SECONDS.toNanos(30), 3);
        final Histogram delivery = new Histogram(TimeUnit.SECONDS.toNanos(30), 3);
        long samples;
        long calls;
    }

    /** The command line, read by picocli; ranges checked after parsing. */
    @Command(name = "sendfile", separator = " ", sortOptions = false, synopsisHeading = "", usageHelpWidth = 110,
        customSynopsis = "usage: bench/sendfile.sh [options]")
    static final class Options
    {
        @Option(names = "--sizes", paramLabel = "BYTES", split = ",", order = 1,
            description = "block sizes in bytes (default 1048576,2097152)")
        int[] sizes = {1024 * 1024, 2 * 1024 * 1024};

        @Option(names = "--peers", paramLabel = "N", split = ",", order = 2, description = "receiver counts (default 8,20)")
        int[] peers = {8, 20};

        @Option(names = "--seconds", paramLabel = "S", order = 3,
            description = "measured time per configuration, modes taking turns (default 9)")
        double seconds = 9;

        @Option(names = "--warmup-seconds", paramLabel = "S", order = 4, description = "warm-up per configuration (default 2)")
        double warmupSeconds = 2;

        @Option(names = "--dir", paramLabel = "DIR", order = 5,
            description = "where the framed block's file goes (default /dev/shm)")
        Path dir = Paths.get("/dev/shm");

        @Option(names = "--out", paramLabel = "FILE", order = 6, description = "also write the table (markdown) to FILE")
        Path out;

        @Option(names = {"-h", "--help"}, usageHelp = true, order = 7, description = "this help")
        boolean help;

        /**
         * @param args the command line.
         * @return the options.
         * @throws IllegalArgumentException naming the option at fault.
         */
        static Options parse(final String[] args)
        {
            final Options o = new Options();
            try
            {
                new CommandLine(o).parseArgs(args);
            }
            catch (final ParameterException ex)
            {
                throw new IllegalArgumentException(ex.getMessage(), ex);
            }
            within("--sizes", o.sizes, 1, 3 * 1024 * 1024 - 24);
            within("--peers", o.peers, 1, 1024);
            within("--seconds", o.seconds);
            within("--warmup-seconds", o.warmupSeconds);
            if (!o.help && !Files.isDirectory(o.dir))
            {
                throw new IllegalArgumentException("--dir " + o.dir + " is not a directory");
            }
            return o;
        }

        static String usage()
        {
            return new CommandLine(new Options()).getUsageMessage(CommandLine.Help.Ansi.OFF);
        }

        private static void within(final String option, final int[] values, final int min, final int max)
        {
            if (values.length == 0 || Arrays.stream(values).anyMatch(x -> x < min || x > max))
            {
                throw new IllegalArgumentException(option + " values must be in " + min + ".." + max);
            }
        }

        private static void within(final String option, final double seconds)
        {
            if (!(seconds >= 0 && seconds <= 600))
            {
                throw new IllegalArgumentException(option + " must be in 0..600");
            }
        }
    }
}
