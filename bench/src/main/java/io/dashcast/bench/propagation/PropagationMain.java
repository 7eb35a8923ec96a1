package io.dashcast.bench.propagation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@code bench/propagation.sh}: runs a {@link PropagationSweep} and prints a markdown table of the
 * median time to 50/90/99 % coverage for the dashd alone and for dashcast pushing to k nodes, with
 * the improvement against the dashd alone and against k = 1.
 */
public final class PropagationMain
{
    static final String USAGE = String.join("\n",
        "usage: bench/propagation.sh [options]",
        "  --nodes N               network size (default 5000)",
        "  --seeds N               networks to simulate; medians over them (default 9)",
        "  --seed-base N           first seed (default 1)",
        "  --ks 1,2,4              dashcast target counts (default 1,2,4,8,16,32,64)",
        "  --relay compact|full    node-to-node relay: BIP152 compact blocks or legacy inv/getdata/block",
        "  --push full|compact     what dashcast pushes to its targets (default full)",
        "  --pool-order sequential|interleaved   how the pool's uplink is shared (default sequential)",
        "  --pool-uplink-mbit M    pool uplink (default 100)",
        "  --pool-latency-ms MS    median one-way latency pool to target (default 40)",
        "  --uplink-mbit M         median node uplink (default 100)",
        "  --latency-ms MS         median one-way link latency (default 40)",
        "  --latency-sigma S       its lognormal sigma (default 0.6)",
        "  --validation-ms MS      median validation time per node (default 20)",
        "  --prevalidation-ms MS   checks before a high-bandwidth compact relay (default 2)",
        "  --block-bytes B         block size (default 1000000)",
        "  --miss P                fraction of nodes missing transactions (default 0.15)",
        "  --hb-peers N            high-bandwidth compact announcers per node, 0 for none (default 3)",
        "  --outbound N            outbound connections per node (default 10: 8 full-relay + 2 block-relay-only)",
        "  --targets well-connected|random   which nodes dashcast pushes to (default well-connected)",
        "  --out FILE              also write the table (markdown) to FILE");

    private PropagationMain()
    {
    }

    /**
     * @param args see {@link #USAGE}.
     */
    public static void main(final String[] args)
    {
        final Options options;
        try
        {
            options = Options.parse(args);
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("propagation: " + ex.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (options.help)
        {
            System.out.println(USAGE);
            return;
        }
        final long startNs = System.nanoTime();
        final PropagationSweep sweep = new PropagationSweep(options.model, options.ks, options.seeds, options.seedBase).run();
        final String report = report(options.model, sweep, (System.nanoTime() - startNs) / 1e9);
        System.out.print(report);
        if (options.out != null)
        {
            try
            {
                Files.writeString(options.out, report, StandardCharsets.UTF_8);
            }
            catch (final IOException ex)
            {
                System.err.println("propagation: cannot write " + options.out + ": " + ex.getMessage());
                System.exit(1);
            }
        }
    }

    /**
     * @return the parameters and the table, in markdown.
     */
    static String report(final PropagationModel model, final PropagationSweep sweep, final double seconds)
    {
        final StringBuilder sb = new StringBuilder();
        sb.append("```\n").append(model.describe()).append('\n')
            .append(String.format(Locale.ROOT, "%d seeds, %,d events, %.1f s%n", sweep.seeds(), sweep.events(), seconds))
            .append("```\n\n");
        sb.append("| pool sends to | t50 ms | t90 ms | t99 ms | t50 / t90 / t99 vs dashd alone | vs k=1 |\n");
        sb.append("|---|---:|---:|---:|---|---|\n");
        final int[] ks = sweep.ks();
        final int k1 = indexOf(ks, 1);
        for (int ki = 0; ki <= ks.length; ki++)
        {
            sb.append("| ").append(ki == 0 ? "its dashd alone" : "dashd + k=" + ks[ki - 1]);
            for (int f = 0; f < PropagationSweep.FRACTIONS.length; f++)
            {
                sb.append(String.format(Locale.ROOT, " | %.0f", sweep.medianMs(ki, f)));
            }
            sb.append(" | ").append(improvements(sweep, ki, 0));
            sb.append(" | ").append(k1 < 0 ? "" : improvements(sweep, ki, k1 + 1)).append(" |\n");
        }
        sb.append("\nMedians over seeds; improvement = 1 - t / t(reference), median of the per-seed ratios.\n");
        return sb.toString();
    }

    private static String improvements(final PropagationSweep sweep, final int ki, final int reference)
    {
        final StringBuilder sb = new StringBuilder();
        for (int f = 0; f < PropagationSweep.FRACTIONS.length; f++)
        {
            sb.append(f == 0 ? "" : " / ")
                .append(String.format(Locale.ROOT, "%+.0f%%", 100 * sweep.medianImprovement(ki, reference, f)));
        }
        return sb.toString();
    }

    private static int indexOf(final int[] values, final int value)
    {
        for (int i = 0; i < values.length; i++)
        {
            if (values[i] == value)
            {
                return i;
            }
        }
        return -1;
    }

    /** Parsed command line. */
    static final class Options
    {
        final PropagationModel model = new PropagationModel();
        int[] ks = {1, 2, 4, 8, 16, 32, 64};
        int seeds = 9;
        long seedBase = 1;
        Path out;
        boolean help;

        static Options parse(final String[] args)
        {
            final Options o = new Options();
            final PropagationModel m = o.model;
            for (int i = 0; i < args.length; i++)
            {
                final String arg = args[i];
                if ("--help".equals(arg) || "-h".equals(arg))
                {
                    o.help = true;
                    continue;
                }
                if (i + 1 >= args.length)
                {
                    throw new IllegalArgumentException(arg + " needs a value");
                }
                final String v = args[++i];
                switch (arg)
                {
                    case "--nodes" -> m.nodes = integer(arg, v);
                    case "--seeds" -> o.seeds = integer(arg, v);
                    case "--seed-base" -> o.seedBase = integer(arg, v);
                    case "--ks" -> o.ks = ks(arg, v);
                    case "--relay" -> m.relay = choice(arg, v, PropagationModel.Relay.class);
                    case "--push" -> m.push = choice(arg, v, PropagationModel.Push.class);
                    case "--pool-order" -> m.poolOrder = choice(arg, v, PropagationModel.PoolOrder.class);
                    case "--pool-uplink-mbit" -> m.poolUplinkMbit = number(arg, v);
                    case "--pool-latency-ms" -> m.poolLatencyMedianMs = number(arg, v);
                    case "--uplink-mbit" -> m.uplinkMedianMbit = number(arg, v);
                    case "--latency-ms" -> m.latencyMedianMs = number(arg, v);
                    case "--latency-sigma" -> m.latencySigma = number(arg, v);
                    case "--validation-ms" -> m.validationMedianMs = number(arg, v);
                    case "--prevalidation-ms" -> m.preValidationMs = number(arg, v);
                    case "--block-bytes" -> m.blockBytes = integer(arg, v);
                    case "--miss" -> m.missProbability = number(arg, v);
                    case "--outbound" -> m.outbound = integer(arg, v);
                    case "--hb-peers" -> m.highBandwidthPeers = integer(arg, v);
                    case "--targets" -> m.wellConnectedTargets = wellConnected(arg, v);
                    case "--out" -> o.out = Paths.get(v);
                    default -> throw new IllegalArgumentException("unknown option " + arg);
                }
            }
            if (o.seeds < 1)
            {
                throw new IllegalArgumentException("--seeds must be at least 1");
            }
            m.conclude();
            return o;
        }

        private static boolean wellConnected(final String arg, final String v)
        {
            if (!"well-connected".equals(v) && !"random".equals(v))
            {
                throw new IllegalArgumentException(arg + " must be well-connected or random, not '" + v + "'");
            }
            return "well-connected".equals(v);
        }

        private static int[] ks(final String arg, final String v)
        {
            final int[] ks = Arrays.stream(v.split(",")).mapToInt(s -> integer(arg, s.trim())).sorted().distinct().toArray();
            if (ks.length == 0 || ks[0] < 1)
            {
                throw new IllegalArgumentException(arg + " needs positive counts, e.g. 1,2,4");
            }
            return ks;
        }

        private static int integer(final String arg, final String v)
        {
            try
            {
                return Integer.parseInt(v);
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException(arg + " needs a whole number, not '" + v + "'");
            }
        }

        private static double number(final String arg, final String v)
        {
            try
            {
                return Double.parseDouble(v);
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException(arg + " needs a number, not '" + v + "'");
            }
        }

        private static <E extends Enum<E>> E choice(final String arg, final String v, final Class<E> type)
        {
            try
            {
                return Enum.valueOf(type, v.toUpperCase(Locale.ROOT).replace('-', '_'));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException(arg + " must be one of "
                    + Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT) + ", not '" + v + "'");
            }
        }
    }
}
