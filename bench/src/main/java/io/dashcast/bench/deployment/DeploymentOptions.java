package io.dashcast.bench.deployment;

import io.dashcast.engine.IdleMode;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the deployment case measures. Errors are {@link IllegalArgumentException}s naming the option.
 */
final class DeploymentOptions
{
    static final String USAGE = String.join("\n",
        "usage: bench/run --deployment [options]",
        "  --peers N             receivers (default 8)",
        "  --sizes LIST          block sizes, bytes or KiB/MiB (default 1KiB,64KiB,1MiB,2MiB)",
        "  --ingress LIST        of floor,api,shm,rpc (default all four)",
        "  --spacing-s LIST      seconds between spaced blocks, e.g. 30,150 (default 30)",
        "  --spaced-samples K    spaced blocks per spacing and case (default 5)",
        "  --first-samples F     first blocks after a fresh start, one child JVM each (default 3)",
        "  --first-delay-ms D    child: wait after every peer is ready, before the first block (default 1000)",
        "  --warm-samples S      back-to-back blocks measured per case (default 200)",
        "  --warmup W            back-to-back blocks before them (default 200)",
        "  --gap-us U            pause between back-to-back blocks (default 1000)",
        "  --runs R              whole runs; tables give the median of the runs' p50 (default 3)",
        "  --no-load             no cache-polluting load while waiting between spaced blocks",
        "  --idle MODE           busy-spin|yield|backoff|select (default select, as the daemon)",
        "  --loops N             broadcast loops, 0 = one per core up to N peers (default 0)",
        "  --keep-warm-ms T      engine keeps its send path warm after T ms idle; 0 = off (default 0)",
        "  --warm-up N           engine runs N dummy blocks through its send path at launch (default 0)",
        "  --rpc-warm-up N       the gateway sends itself N dry-run submitblock calls at start (default 0; daemon 256)",
        "  --rpc-keep-warm-ms T  the gateway sends itself one dry run after T ms without a call; 0 = off (default 0)",
        "  --shm-idle SPEC       the shm queue thread's idle strategy: sleep-ms:1 (the daemon before) or",
        "                        backoff:SPINS:YIELDS:MIN_PARK_US:MAX_PARK_US (default sleep-ms:1)",
        "  --child-java PATH     java for the first-block child JVMs (default this JVM's)",
        "  --child-opts 'OPTS'   extra JVM options for the child JVMs (e.g. -XX:AOTCache=app.aot)",
        "  --label TEXT          a name for this configuration in the results (default 'default')",
        "  --out DIR             results directory (default bench/target/deployment)");

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
    int rpcWarmUpRequests;
    long rpcKeepWarmMs;
    String shmIdle = "sleep-ms:1";
    String childJava;
    List<String> childOpts = List.of();
    String label = "default";
    Path out = Paths.get("bench", "target", "deployment");

    /**
     * @param args command line (without {@code --deployment}).
     * @return the options.
     * @throws IllegalArgumentException on a bad option.
     */
    static DeploymentOptions parse(final String[] args)
    {
        final DeploymentOptions o = new DeploymentOptions();
        for (int i = 0; i < args.length; i++)
        {
            final String option = args[i];
            if ("--deployment".equals(option))
            {
                continue;
            }
            if ("--no-load".equals(option))
            {
                o.load = false;
                continue;
            }
            if (i + 1 >= args.length)
            {
                throw new IllegalArgumentException(option + " needs a value");
            }
            final String value = args[++i];
            switch (option)
            {
                case "--peers" -> o.peers = positive(option, value);
                case "--sizes" -> o.sizes = sizes(value);
                case "--ingress" -> o.ingresses = ingresses(value);
                case "--spacing-s" -> o.spacingsS = seconds(option, value);
                case "--spaced-samples" -> o.spacedSamples = nonNegative(option, value);
                case "--first-samples" -> o.firstSamples = nonNegative(option, value);
                case "--first-delay-ms" -> o.firstDelayMs = nonNegative(option, value);
                case "--warm-samples" -> o.warmSamples = nonNegative(option, value);
                case "--warmup" -> o.warmup = nonNegative(option, value);
                case "--gap-us" -> o.gapUs = nonNegative(option, value);
                case "--runs" -> o.runs = positive(option, value);
                case "--idle" -> o.idleMode = idle(value);
                case "--loops" -> o.loops = nonNegative(option, value);
                case "--keep-warm-ms" -> o.keepWarmMs = nonNegative(option, value);
                case "--warm-up" -> o.warmUpIterations = nonNegative(option, value);
                case "--rpc-warm-up" -> o.rpcWarmUpRequests = nonNegative(option, value);
                case "--rpc-keep-warm-ms" -> o.rpcKeepWarmMs = nonNegative(option, value);
                case "--shm-idle" -> o.shmIdle = ShmIdle.check(value);
                case "--child-java" -> o.childJava = value;
                case "--child-opts" -> o.childOpts = value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
                case "--label" -> o.label = value;
                case "--out" -> o.out = Paths.get(value);
                default -> throw new IllegalArgumentException("unknown option " + option + "; see --help");
            }
        }
        return o;
    }

    private static int positive(final String option, final String value)
    {
        final int n = nonNegative(option, value);
        if (n == 0)
        {
            throw new IllegalArgumentException(option + " must be at least 1");
        }
        return n;
    }

    private static int nonNegative(final String option, final String value)
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

    private static List<Integer> sizes(final String value)
    {
        final List<Integer> list = new ArrayList<>();
        for (final String word : value.split(","))
        {
            final String w = word.trim().toLowerCase(Locale.ROOT);
            final int scale = w.endsWith("mib") ? 1024 * 1024 : w.endsWith("kib") ? 1024 : 1;
            final String digits = scale == 1 ? w : w.substring(0, w.length() - 3);
            list.add(Integer.parseInt(digits) * scale);
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

    private static IdleMode idle(final String value)
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
