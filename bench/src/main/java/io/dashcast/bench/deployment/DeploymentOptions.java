package io.dashcast.bench.deployment;

import io.dashcast.engine.IdleMode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the deployment case measures, read by picocli. Errors are {@link IllegalArgumentException}s
 * naming the option.
 */
@Command(name = "deployment", separator = " ", sortOptions = false, synopsisHeading = "", usageHelpWidth = 110,
    customSynopsis = "usage: bench/run --deployment [options]")
final class DeploymentOptions
{
    int peers = 8;
    List<Integer> sizes = List.of(1024, 64 * 1024, 1024 * 1024, 2 * 1024 * 1024);
    List<Ingress> ingresses = List.of(Ingress.FLOOR, Ingress.API, Ingress.SHM, Ingress.RPC);
    List<Double> spacingsS = List.of(30.0);
    int spacedSamples = 5;
    int firstSamples = 3;
    long firstDelayMs = 1000;
    int warmSamples = 200;
    int warmup = 200;
    long gapUs = 1000;
    int runs = 3;
    boolean load = true;
    IdleMode idleMode = IdleMode.BLOCKING_SELECT;
    int loops;
    long keepWarmMs;
    int warmUpIterations;
    int rehearsalBlocks;
    int rpcWarmUpRequests;
    long rpcKeepWarmMs;
    String shmIdle = "sleep-ms:1";
    String childJava;
    List<String> childOpts = List.of();
    String label = "default";
    Path out = Paths.get("bench", "target", "deployment");

    @Option(names = {"-h", "--help"}, usageHelp = true, order = 99, description = "this help")
    boolean help;

    @Option(names = "--deployment", hidden = true, description = "the case itself (bench/run passes it on)")
    boolean deployment;

    @Spec
    private CommandSpec spec;

    /**
     * @param args command line (with or without {@code --deployment}).
     * @return the options ({@link #help} alone when asked).
     * @throws IllegalArgumentException on a bad option, naming it.
     */
    static DeploymentOptions parse(final String[] args)
    {
        final DeploymentOptions o = new DeploymentOptions();
        try
        {
            new CommandLine(o).parseArgs(args);
        }
        catch (final ParameterException ex)
        {
            throw new IllegalArgumentException(ex.getMessage(), ex);
        }
        return o;
    }

    /**
     * @return every option with its default, for {@code --help} and errors.
     */
    static String usage()
    {
        return new CommandLine(new DeploymentOptions()).getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    @Option(names = "--peers", paramLabel = "N", order = 1, description = "receivers (default 8)")
    void peers(final String v)
    {
        peers = positive("--peers", v);
    }

    @Option(names = "--sizes", paramLabel = "LIST", order = 2, description = "block sizes, bytes or KiB/MiB (default 1KiB,64KiB,1MiB,2MiB)")
    void sizes(final String v)
    {
        sizes = checked(() -> sizes(v, "--sizes"));
    }

    @Option(names = "--ingress", paramLabel = "LIST", order = 3, description = "of floor,api,shm,rpc (default all four)")
    void ingress(final String v)
    {
        ingresses = checked(() -> ingresses(v));
    }

    @Option(names = "--spacing-s", paramLabel = "LIST", order = 4, description = "seconds between spaced blocks, e.g. 30,150 (default 30)")
    void spacing(final String v)
    {
        spacingsS = checked(() -> seconds("--spacing-s", v));
    }

    @Option(names = "--spaced-samples", paramLabel = "K", order = 5, description = "spaced blocks per spacing and case (default 5)")
    void spacedSamples(final String v)
    {
        spacedSamples = nonNegative("--spaced-samples", v);
    }

    @Option(names = "--first-samples", paramLabel = "F", order = 6, description = "first blocks after a fresh start, one child JVM each (default 3)")
    void firstSamples(final String v)
    {
        firstSamples = nonNegative("--first-samples", v);
    }

    @Option(names = "--first-delay-ms", paramLabel = "D", order = 7,
        description = "child: wait after every peer is ready, before the first block (default 1000)")
    void firstDelay(final String v)
    {
        firstDelayMs = nonNegative("--first-delay-ms", v);
    }

    @Option(names = "--warm-samples", paramLabel = "S", order = 8, description = "back-to-back blocks measured per case (default 200)")
    void warmSamples(final String v)
    {
        warmSamples = nonNegative("--warm-samples", v);
    }

    @Option(names = "--warmup", paramLabel = "W", order = 9, description = "back-to-back blocks before them (default 200)")
    void warmup(final String v)
    {
        warmup = nonNegative("--warmup", v);
    }

    @Option(names = "--gap-us", paramLabel = "U", order = 10, description = "pause between back-to-back blocks (default 1000)")
    void gap(final String v)
    {
        gapUs = nonNegative("--gap-us", v);
    }

    @Option(names = "--runs", paramLabel = "R", order = 11, description = "whole runs; tables give the median of the runs' p50 (default 3)")
    void runs(final String v)
    {
        runs = positive("--runs", v);
    }

    @Option(names = "--no-load", order = 12, description = "no cache-polluting load while waiting between spaced blocks")
    void noLoad(final boolean noLoad)
    {
        load = !noLoad;
    }

    @Option(names = "--idle", paramLabel = "MODE", order = 13, description = "busy-spin|yield|backoff|select (default select, as the daemon)")
    void idle(final String v)
    {
        idleMode = checked(() -> idleMode(v));
    }

    @Option(names = "--loops", paramLabel = "N", order = 14, description = "broadcast loops, 0 = one per core up to N peers (default 0)")
    void loops(final String v)
    {
        loops = nonNegative("--loops", v);
    }

    @Option(names = "--keep-warm-ms", paramLabel = "T", order = 15,
        description = "engine keeps its send path warm after T ms idle; 0 = off (default 0)")
    void keepWarm(final String v)
    {
        keepWarmMs = nonNegative("--keep-warm-ms", v);
    }

    @Option(names = "--warm-up", paramLabel = "N", order = 16,
        description = "engine runs N dummy blocks through its send path at launch (default 0)")
    void warmUp(final String v)
    {
        warmUpIterations = nonNegative("--warm-up", v);
    }

    @Option(names = "--rehearsal", paramLabel = "N", order = 16,
        description = "engine pushes N dummy blocks to a node of its own at launch (default 0; daemon 2000)")
    void rehearsal(final String v)
    {
        rehearsalBlocks = nonNegative("--rehearsal", v);
    }

    @Option(names = "--rpc-warm-up", paramLabel = "N", order = 17,
        description = "the gateway sends itself N dry-run submitblock calls at start (default 0; daemon 256)")
    void rpcWarmUp(final String v)
    {
        rpcWarmUpRequests = nonNegative("--rpc-warm-up", v);
    }

    @Option(names = "--rpc-keep-warm-ms", paramLabel = "T", order = 18,
        description = "the gateway sends itself one dry run after T ms without a call; 0 = off (default 0)")
    void rpcKeepWarm(final String v)
    {
        rpcKeepWarmMs = nonNegative("--rpc-keep-warm-ms", v);
    }

    @Option(names = "--shm-idle", paramLabel = "SPEC", order = 19, description = {
        "the shm queue thread's idle strategy: sleep-ms:1 (the daemon before) or",
        "backoff:SPINS:YIELDS:MIN_PARK_US:MAX_PARK_US (default sleep-ms:1)"})
    void shmIdle(final String v)
    {
        shmIdle = checked(() -> ShmIdle.check(v));
    }

    @Option(names = "--child-java", paramLabel = "PATH", order = 20, description = "java for the first-block child JVMs (default this JVM's)")
    void childJava(final String v)
    {
        childJava = v;
    }

    @Option(names = "--child-opts", paramLabel = "'OPTS'", order = 21,
        description = "extra JVM options for the child JVMs (e.g. -XX:AOTCache=app.aot)")
    void childOpts(final String v)
    {
        childOpts = v.isBlank() ? List.of() : List.of(v.trim().split("\\s+"));
    }

    @Option(names = "--label", paramLabel = "TEXT", order = 22, description = "a name for this configuration in the results (default 'default')")
    void label(final String v)
    {
        label = v;
    }

    @Option(names = "--out", paramLabel = "DIR", order = 23, description = "results directory (default bench/target/deployment)")
    void out(final String v)
    {
        out = Paths.get(v);
    }

    private <T> T checked(final java.util.function.Supplier<T> parse)
    {
        try
        {
            return parse.get();
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ParameterException(spec.commandLine(), ex.getMessage());
        }
    }

    private int positive(final String option, final String value)
    {
        return checked(() -> positiveInt(option, value));
    }

    private int nonNegative(final String option, final String value)
    {
        return checked(() -> nonNegativeInt(option, value));
    }

    private static int positiveInt(final String option, final String value)
    {
        final int n = nonNegativeInt(option, value);
        if (n == 0)
        {
            throw new IllegalArgumentException(option + " must be at least 1");
        }
        return n;
    }

    private static int nonNegativeInt(final String option, final String value)
    {
        try
        {
            final int n = Integer.parseInt(value.trim());
            if (n < 0)
            {
                throw new NumberFormatException();
            }
            return n;
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(option + " takes a whole number >= 0, not '" + value + "'");
        }
    }

    private static List<Double> seconds(final String option, final String value)
    {
        final List<Double> list = new ArrayList<>();
        for (final String word : value.split(","))
        {
            try
            {
                list.add(Double.parseDouble(word.trim()));
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException(option + " takes seconds, e.g. 30,150, not '" + word + "'");
            }
        }
        return list;
    }

    private static List<Integer> sizes(final String value, final String option)
    {
        final List<Integer> list = new ArrayList<>();
        for (final String word : value.split(","))
        {
            final String w = word.trim().toLowerCase(Locale.ROOT);
            final int scale = w.endsWith("mib") ? 1024 * 1024 : w.endsWith("kib") ? 1024 : 1;
            final String digits = scale == 1 ? w : w.substring(0, w.length() - 3);
            try
            {
                list.add(Integer.parseInt(digits) * scale);
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException(option + " takes sizes like 1024, 64KiB or 2MiB, not '" + word + "'");
            }
        }
        return list;
    }

    private static List<Ingress> ingresses(final String value)
    {
        final List<Ingress> list = new ArrayList<>();
        for (final String word : value.split(","))
        {
            list.add(Ingress.of(word));
        }
        return list;
    }

    private static IdleMode idleMode(final String value)
    {
        return switch (value)
        {
            case "busy-spin" -> IdleMode.BUSY_SPIN;
            case "yield" -> IdleMode.YIELD;
            case "backoff" -> IdleMode.BACKOFF;
            case "select" -> IdleMode.BLOCKING_SELECT;
            default -> throw new IllegalArgumentException("--idle takes busy-spin, yield, backoff or select, not '" + value + "'");
        };
    }

    static String sizeLabel(final int bytes)
    {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0)
        {
            return bytes / (1024 * 1024) + " MiB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0)
        {
            return bytes / 1024 + " KiB";
        }
        return bytes + " B";
    }
}
