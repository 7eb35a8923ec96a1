package io.dashcast.bench.wan;

import io.dashcast.bench.engine.SyntheticBlocks;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The sending side of the WAN run, in the namespace whose uplink is shaped: for each system,
 * connect to the N peers, push the block {@code --rounds} times (after {@code --warmup} rounds),
 * and read from the receiver's control connection when each peer had the whole block. Prints,
 * per system, the median over rounds of the time until the first, the 5th and the last peer had
 * it, and peer 0's (the critical peer's) time.
 */
public final class WanSenderMain
{
    private static final long ROUND_TIMEOUT_MS = 60_000;
    private static final double WIRE_BYTES_PER_PAYLOAD_BYTE = 1514.0 / 1448.0;
    private static final int SMALL_SNDBUF = 64 * 1024;
    private static final List<String> SYSTEMS = List.of("dashcast", "dashcast-paced", "dashcast-sndbuf", "all-at-once", "sequential");

    private WanSenderMain()
    {
    }

    /**
     * @param args see {@link Options}.
     */
    public static void main(final String[] args)
    {
        final Options o;
        try
        {
            o = Options.parse(args);
        }
        catch (final ParameterException ex)
        {
            System.err.println("wan: " + ex.getMessage());
            System.err.print(Options.usage());
            System.exit(2);
            return;
        }
        if (o.help)
        {
            System.out.print(Options.usage());
            return;
        }
        final byte[] block = SyntheticBlocks.block(o.blockBytes, 77);
        final StringBuilder table = new StringBuilder(header(o));
        try (Socket control = new Socket())
        {
            control.connect(new InetSocketAddress(o.target, o.controlPort), 5_000);
            control.setSoTimeout((int)ROUND_TIMEOUT_MS);
            final BufferedReader lines = new BufferedReader(
                new InputStreamReader(control.getInputStream(), StandardCharsets.US_ASCII));
            for (final String system : o.systems)
            {
                final double[][] ms = run(o, system, block, lines);
                final String row = row(system, ms, o.peers);
                System.out.print(row);
                System.out.flush();
                table.append(row);
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            System.err.println("wan: " + ex.getMessage());
            System.exit(1);
        }
        table.append(ideal(o));
        System.out.println();
        System.out.print(table);
        if (o.out != null)
        {
            try
            {
                Files.writeString(o.out, table.toString(), StandardCharsets.UTF_8);
            }
            catch (final IOException ex)
            {
                System.err.println("wan: cannot write " + o.out + ": " + ex.getMessage());
                System.exit(1);
            }
        }
    }

    private static BlockPush system(final String name, final int rateMbit)
    {
        return switch (name)
        {
            case "dashcast" -> new DashcastPush(0, 1);
            case "dashcast-sndbuf" -> new DashcastPush(SMALL_SNDBUF, 1);
            case "dashcast-paced" -> new DashcastPush(0, 1, rateMbit);
            case "all-at-once" -> new ThreadPerPeerPush(false, 0);
            case "sequential" -> new ThreadPerPeerPush(true, SMALL_SNDBUF);
            default -> throw new IllegalArgumentException("unknown system " + name);
        };
    }

    /** @return [round][peer] ms from the push until that peer had the whole block. */
    private static double[][] run(final Options o, final String system, final byte[] block, final BufferedReader lines)
        throws IOException
    {
        final InetSocketAddress[] peers = new InetSocketAddress[o.peers];
        for (int i = 0; i < peers.length; i++)
        {
            peers[i] = new InetSocketAddress(o.target, o.basePort + i);
        }
        final double[][] ms = new double[o.rounds][];
        try (BlockPush push = system(system, o.rateMbit))
        {
            push.start(peers, block);
            for (int r = -o.warmup; r < o.rounds; r++)
            {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(o.gapMs));
                final long t0 = System.nanoTime();
                push.push();
                final double[] round = collect(lines, o.peers, t0);
                push.afterRound();
                if (r >= 0)
                {
                    ms[r] = round;
                }
                System.err.printf(Locale.ROOT, "wan: %s round %d: first %.0f ms, last %.0f ms%n", system, r,
                    min(round), max(round));
            }
        }
        return ms;
    }

    private static double[] collect(final BufferedReader lines, final int peers, final long t0) throws IOException
    {
        final double[] ms = new double[peers];
        Arrays.fill(ms, -1);
        int got = 0;
        while (got < peers)
        {
            final String line;
            try
            {
                line = lines.readLine();
            }
            catch (final SocketTimeoutException ex)
            {
                throw new IOException("only " + got + " of " + peers + " peers had the block after 60 s");
            }
            if (line == null)
            {
                throw new IOException("the receiver closed its control connection");
            }
            final String[] w = line.split(" ");
            final int peer = Integer.parseInt(w[1]);
            if ("B".equals(w[0]) && ms[peer] < 0)
            {
                ms[peer] = (Long.parseLong(w[2]) - t0) / 1e6;
                got++;
            }
        }
        return ms;
    }

    private static String header(final Options o)
    {
        return String.format(Locale.ROOT, "%d peers, %,d-byte block, uplink shaped to %d Mbit/s, %d rounds "
                + "(medians; min-max of the last peer)%n%n", o.peers, o.blockBytes, o.rateMbit, o.rounds)
            + "| system | first peer ms | 5th peer ms | last peer ms | last min-max | peer 0 (critical) ms |\n"
            + "|---|---:|---:|---:|---|---:|\n";
    }

    static String row(final String system, final double[][] ms, final int peers)
    {
        final int rounds = ms.length;
        final double[] first = new double[rounds];
        final double[] fifth = new double[rounds];
        final double[] last = new double[rounds];
        final double[] critical = new double[rounds];
        for (int r = 0; r < rounds; r++)
        {
            final double[] sorted = ms[r].clone();
            Arrays.sort(sorted);
            first[r] = sorted[0];
            fifth[r] = sorted[Math.min(4, peers - 1)];
            last[r] = sorted[peers - 1];
            critical[r] = ms[r][0];
        }
        return String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %.0f-%.0f | %.0f |%n", system,
            median(first), median(fifth), median(last), min(last), max(last), median(critical));
    }

    private static String ideal(final Options o)
    {
        // htb counts each 1448-byte TCP segment as a 1514-byte Ethernet frame
        final double copyMs = (o.blockBytes + 24) * WIRE_BYTES_PER_PAYLOAD_BYTE * 8 / (o.rateMbit * 1e3);
        return String.format(Locale.ROOT, "| ideal, one copy after another (wire bits / rate) | %.0f | %.0f | %.0f | | %.0f |%n"
                + "| ideal, all at once (fair share) | %.0f | %.0f | %.0f | | %.0f |%n",
            copyMs, Math.min(5, o.peers) * copyMs, o.peers * copyMs, copyMs,
            o.peers * copyMs, o.peers * copyMs, o.peers * copyMs, o.peers * copyMs);
    }

    static double median(final double[] values)
    {
        final double[] v = values.clone();
        Arrays.sort(v);
        final int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private static double min(final double[] v)
    {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double max(final double[] v)
    {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }

    /** The command line, read by picocli. */
    @Command(name = "wan", separator = " ", sortOptions = false, synopsisHeading = "", usageHelpWidth = 120,
        customSynopsis = "usage: WanSenderMain --target ADDR [options]   (bench/wan/run.sh starts it)")
    static final class Options
    {
        @Option(names = "--target", paramLabel = "ADDR", required = true, order = 0,
            description = "the receivers' address (required)")
        InetAddress target;

        @Option(names = "--peers", paramLabel = "N", converter = NotNegative.class, order = 1,
            description = "peers (default 20)")
        int peers = 20;

        @Option(names = "--base-port", paramLabel = "P", converter = NotNegative.class, order = 2,
            description = "first peer port (default 19000)")
        int basePort = 19000;

        @Option(names = "--control-port", paramLabel = "C", converter = NotNegative.class, order = 3,
            description = "receiver's control port (default 18999)")
        int controlPort = 18999;

        @Option(names = "--block-bytes", paramLabel = "B", converter = NotNegative.class, order = 4,
            description = "block size (default 2097152)")
        int blockBytes = 2 * 1024 * 1024;

        @Option(names = "--rounds", paramLabel = "R", converter = NotNegative.class, order = 5,
            description = "measured blocks per system (default 5)")
        int rounds = 5;

        @Option(names = "--warmup", paramLabel = "W", converter = NotNegative.class, order = 6,
            description = "unmeasured blocks per system first (default 1)")
        int warmup = 1;

        @Option(names = "--gap-ms", paramLabel = "MS", converter = NotNegative.class, order = 7,
            description = "pause between blocks (default 300)")
        int gapMs = 300;

        @Option(names = "--rate-mbit", paramLabel = "M", converter = NotNegative.class, order = 8,
            description = "the shaped uplink, for the ideal figures only (default 100)")
        int rateMbit = 100;

        List<String> systems = SYSTEMS;

        @Option(names = "--out", paramLabel = "FILE", order = 10, description = "also write the table (markdown) to FILE")
        Path out;

        @Option(names = {"-h", "--help"}, usageHelp = true, order = 11, description = "this help")
        boolean help;

        @Spec
        private CommandSpec spec;

        /**
         * @param args the command line.
         * @return the options.
         * @throws ParameterException naming the option at fault.
         */
        static Options parse(final String... args)
        {
            final Options o = new Options();
            final CommandLine commandLine = new CommandLine(o);
            commandLine.parseArgs(args);
            if (!o.help && (o.blockBytes < 200 || o.blockBytes > 3 * 1024 * 1024 - 24))
            {
                throw new ParameterException(commandLine, "--block-bytes must be in 200..3 MiB, not " + o.blockBytes);
            }
            return o;
        }

        /**
         * @return every option with its default, for {@code --help} and errors.
         */
        static String usage()
        {
            return new CommandLine(new Options()).getUsageMessage(CommandLine.Help.Ansi.OFF);
        }

        @Option(names = "--systems", paramLabel = "LIST", order = 9,
            description = "of dashcast,dashcast-paced,dashcast-sndbuf,all-at-once,sequential (default all)")
        void systems(final String v)
        {
            final List<String> chosen = new ArrayList<>();
            for (final String s : v.split(","))
            {
                if (!SYSTEMS.contains(s.trim()))
                {
                    throw new ParameterException(spec.commandLine(),
                        "Invalid value for option '--systems': unknown '" + s + "', known: " + SYSTEMS);
                }
                chosen.add(s.trim());
            }
            systems = chosen;
        }
    }

    /** A whole number, 0 or more. */
    static final class NotNegative implements CommandLine.ITypeConverter<Integer>
    {
        /**
         * @param value the option's text.
         * @return its value.
         * @throws CommandLine.TypeConversionException when it is not a whole number or negative.
         */
        @Override
        public Integer convert(final String value)
        {
            final int n;
            try
            {
                n = Integer.parseInt(value);
            }
            catch (final NumberFormatException ex)
            {
                throw new CommandLine.TypeConversionException("needs a whole number, not '" + value + "'");
            }
            if (n < 0)
            {
                throw new CommandLine.TypeConversionException("must not be negative, not " + n);
            }
            return n;
        }
    }
}
