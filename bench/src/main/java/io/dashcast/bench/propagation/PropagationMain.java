package io.dashcast.bench.propagation;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@code bench/propagation.sh}: runs a {@link PropagationSweep} and prints a markdown table of the
 * median time to 50/90/99 % coverage for the dashd alone and for dashcast pushing to k nodes, with
 * the improvement against the dashd alone and against k = 1.
 */
public final class PropagationMain
{
    private PropagationMain()
    {
    }

    /**
     * @param args see {@link Options}, or {@code --help}.
     */
    public static void main(final String[] args)
    {
        final Options options;
        try
        {
            options = Options.parse(args);
        }
        catch (final ParameterException ex)
        {
            System.err.println("propagation: " + ex.getMessage());
            System.err.print(Options.usage());
            System.exit(2);
            return;
        }
        if (options.help)
        {
            System.out.print(Options.usage());
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

    /**
     * The command line, read by picocli. The model's parameters are set through it, so an option
     * left out keeps the model's own default.
     */
    @Command(name = "propagation", separator = " ", sortOptions = false, synopsisHeading = "", usageHelpWidth = 120,
        customSynopsis = "usage: bench/propagation.sh [options]")
    static final class Options
    {
        final PropagationModel model = new PropagationModel();
        int[] ks = {1, 2, 4, 8, 16, 32, 64};

        @Option(names = "--seeds", paramLabel = "N", order = 2,
            description = "networks to simulate; medians over them (default 9)")
        int seeds = 9;

        @Option(names = "--seed-base", paramLabel = "N", order = 3, description = "first seed (default 1)")
        long seedBase = 1;

        @Option(names = "--out", paramLabel = "FILE", order = 21, description = "also write the table (markdown) to FILE")
        Path out;

        @Option(names = {"-h", "--help"}, usageHelp = true, order = 22, description = "this help")
        boolean help;

        @Spec
        private CommandSpec spec;

        /**
         * @param args the command line.
         * @return the options, the model concluded (unless {@code --help} was asked for).
         * @throws ParameterException naming the option at fault.
         */
        static Options parse(final String... args)
        {
            final Options o = new Options();
            final CommandLine commandLine = commandLine(o);
            commandLine.parseArgs(args);
            if (o.help)
            {
                return o;
            }
            if (o.seeds < 1)
            {
                throw new ParameterException(commandLine, "--seeds must be at least 1");
            }
            try
            {
                o.model.conclude();
            }
            catch (final IllegalArgumentException ex)
            {
                throw new ParameterException(commandLine, ex.getMessage());
            }
            return o;
        }

        /**
         * @return every option with its default, for {@code --help} and errors.
         */
        static String usage()
        {
            return commandLine(new Options()).getUsageMessage(CommandLine.Help.Ansi.OFF);
        }

        private static CommandLine commandLine(final Options o)
        {
            return new CommandLine(o)
                .registerConverter(PropagationModel.Relay.class, v -> choice(v, PropagationModel.Relay.class))
                .registerConverter(PropagationModel.Push.class, v -> choice(v, PropagationModel.Push.class))
                .registerConverter(PropagationModel.PoolOrder.class, v -> choice(v, PropagationModel.PoolOrder.class));
        }

        @Option(names = "--nodes", paramLabel = "N", order = 1, description = "network size (default 5000)")
        void nodes(final int n)
        {
            model.nodes = n;
        }

        @Option(names = "--ks", paramLabel = "1,2,4", order = 4,
            description = "dashcast target counts (default 1,2,4,8,16,32,64)")
        void ks(final String v)
        {
            try
            {
                ks = Arrays.stream(v.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).sorted().distinct().toArray();
            }
            catch (final NumberFormatException ex)
            {
                ks = new int[0];
            }
            if (ks.length == 0 || ks[0] < 1)
            {
                throw new ParameterException(spec.commandLine(), "--ks needs positive counts, e.g. 1,2,4, not '" + v + "'");
            }
        }

        @Option(names = "--relay", paramLabel = "compact|full", order = 5,
            description = "node-to-node relay: BIP152 compact blocks or legacy inv/getdata/block")
        void relay(final PropagationModel.Relay relay)
        {
            model.relay = relay;
        }

        @Option(names = "--push", paramLabel = "full|compact", order = 6,
            description = "what dashcast pushes to its targets (default full)")
        void push(final PropagationModel.Push push)
        {
            model.push = push;
        }

        @Option(names = "--pool-order", paramLabel = "sequential|interleaved", order = 7,
            description = "how the pool's uplink is shared (default sequential)")
        void poolOrder(final PropagationModel.PoolOrder order)
        {
            model.poolOrder = order;
        }

        @Option(names = "--pool-uplink-mbit", paramLabel = "M", order = 8, description = "pool uplink (default 100)")
        void poolUplinkMbit(final double mbit)
        {
            model.poolUplinkMbit = mbit;
        }

        @Option(names = "--pool-latency-ms", paramLabel = "MS", order = 9,
            description = "median one-way latency pool to target (default 40)")
        void poolLatencyMs(final double ms)
        {
            model.poolLatencyMedianMs = ms;
        }

        @Option(names = "--uplink-mbit", paramLabel = "M", order = 10, description = "median node uplink (default 100)")
        void uplinkMbit(final double mbit)
        {
            model.uplinkMedianMbit = mbit;
        }

        @Option(names = "--latency-ms", paramLabel = "MS", order = 11,
            description = "median one-way link latency (default 40)")
        void latencyMs(final double ms)
        {
            model.latencyMedianMs = ms;
        }

        @Option(names = "--latency-sigma", paramLabel = "S", order = 12, description = "its lognormal sigma (default 0.6)")
        void latencySigma(final double sigma)
        {
            model.latencySigma = sigma;
        }

        @Option(names = "--validation-ms", paramLabel = "MS", order = 13,
            description = "median validation time per node (default 20)")
        void validationMs(final double ms)
        {
            model.validationMedianMs = ms;
        }

        @Option(names = "--prevalidation-ms", paramLabel = "MS", order = 14,
            description = "checks before a high-bandwidth compact relay (default 2)")
        void preValidationMs(final double ms)
        {
            model.preValidationMs = ms;
        }

        @Option(names = "--block-bytes", paramLabel = "B", order = 15, description = "block size (default 1000000)")
        void blockBytes(final int bytes)
        {
            model.blockBytes = bytes;
        }

        @Option(names = "--miss", paramLabel = "P", order = 16,
            description = "fraction of nodes missing transactions (default 0.15)")
        void miss(final double probability)
        {
            model.missProbability = probability;
        }

        @Option(names = "--hb-peers", paramLabel = "N", order = 17,
            description = "high-bandwidth compact announcers per node, 0 for none (default 3)")
        void highBandwidthPeers(final int n)
        {
            model.highBandwidthPeers = n;
        }

        @Option(names = "--outbound", paramLabel = "N", order = 18,
            description = "outbound connections per node (default 10: 8 full-relay + 2 block-relay-only)")
        void outbound(final int n)
        {
            model.outbound = n;
        }

        @Option(names = "--targets", paramLabel = "well-connected|random", order = 19,
            description = "which nodes dashcast pushes to (default well-connected)")
        void targets(final String v)
        {
            if (!"well-connected".equals(v) && !"random".equals(v))
            {
                throw new ParameterException(spec.commandLine(),
                    "Invalid value for option '--targets': must be well-connected or random, not '" + v + "'");
            }
            model.wellConnectedTargets = "well-connected".equals(v);
        }

        private static <E extends Enum<E>> E choice(final String v, final Class<E> type)
        {
            try
            {
                return Enum.valueOf(type, v.toUpperCase(Locale.ROOT).replace('-', '_'));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new CommandLine.TypeConversionException("must be one of "
                    + Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT) + ", not '" + v + "'");
            }
        }
    }
}
