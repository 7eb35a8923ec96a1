package io.dashcast.bench.harness;

import io.dashcast.engine.IdleMode;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What to measure: a preset ({@code --quick} or {@code --full}) and any overrides. Parsing errors
 * are {@link IllegalArgumentException}s whose message names the option and the fix.
 */
final class HarnessOptions
{
    static final String USAGE = String.join("\n",
        "usage: bench/run --quick | --full [options]",
        "  --quick              N in {1,8,20}, blocks {1 KiB,64 KiB,1 MiB}, short runs (about 2-3 minutes)",
        "  --full               N in {1,8,20,64}, blocks {1 KiB,64 KiB,1 MiB,2 MiB}, every strategy, long runs",
        "  --peers 1,8          peer counts",
        "  --sizes 1KiB,2MiB    block sizes (bytes, or with KiB/MiB)",
        "  --systems LIST       of dashcast,floor,netty,thread-per-peer,relay",
        "  --idle LIST          dashcast idle strategies: busy-spin,yield,backoff,select",
        "  --loops LIST         dashcast loop counts: numbers or 'cores' (one per core)",
        "  --samples N          measured samples per configuration (upper bound)",
        "  --warmup N           warm-up samples per configuration (upper bound)",
        "  --max-seconds S      time cap on one configuration's measured samples",
        "  --gap-us U           pause between samples (lets idle strategies go idle)",
        "  --hop-delay-us U     relay: delay each hop adds before forwarding (default 0)",
        "  --out DIR            where results.json, results.md, hgrm/ and the chart go (default bench/target)");

    static final int CORES = Runtime.getRuntime().availableProcessors();

    String preset;
    List<Integer> peers;
    List<Integer> sizes;
    List<String> systems = List.of(Contender.DASHCAST, Contender.FLOOR, Contender.NETTY,
        Contender.THREAD_PER_PEER, Contender.RELAY);
    List<IdleMode> idleModes;
    List<Integer> loops;
    int samples;
    int warmup;
    double maxSeconds;
    double warmupSeconds;
    long gapUs;
    long hopDelayUs;
    Path out = Paths.get("bench", "target");

    /**
     * @param args command line.
     * @return options with the preset applied and then the overrides.
     * @throws IllegalArgumentException on a bad or missing option.
     */
    static HarnessOptions parse(final String[] args)
    {
        final HarnessOptions o = new HarnessOptions();
        for (final String arg : args)
        {
            if ("--quick".equals(arg) || "--full".equals(arg))
            {
                if (o.preset != null)
                {
                    throw new IllegalArgumentException("give one of --quick and --full");
                }
                o.preset = arg.substring(2);
            }
        }
        if (o.preset == null)
        {
            throw new IllegalArgumentException("give --quick or --full");
        }
        o.applyPreset();
        for (int i = 0; i < args.length; i++)
        {
            final String arg = args[i];
            if ("--quick".equals(arg) || "--full".equals(arg))
            {
                continue;
            }
            if (i + 1 >= args.length || !arg.startsWith("--"))
            {
                throw new IllegalArgumentException("unknown or incomplete option '" + arg + "'");
            }
            o.apply(arg, args[++i]);
        }
        return o;
    }

    private void applyPreset()
    {
        if ("quick".equals(preset))
        {
            peers = List.of(1, 8, 20);
            sizes = List.of(1024, 64 * 1024, 1024 * 1024);
            idleModes = List.of(IdleMode.BUSY_SPIN, IdleMode.BACKOFF, IdleMode.BLOCKING_SELECT);
            loops = List.of(1, CORES);
            samples = 300;
            warmup = 60;
            maxSeconds = 0.8;
            warmupSeconds = 0.25;
            gapUs = 300;
        }
        else
        {
            peers = List.of(1, 8, 20, 64);
            sizes = List.of(1024, 64 * 1024, 1024 * 1024, 2 * 1024 * 1024);
            idleModes = List.of(IdleMode.BUSY_SPIN, IdleMode.YIELD, IdleMode.BACKOFF, IdleMode.BLOCKING_SELECT);
            loops = List.of(1, CORES);
            samples = 2000;
            warmup = 300;
            maxSeconds = 8;
            warmupSeconds = 2;
            gapUs = 1000;
        }
    }

    private void apply(final String option, final String value)
    {
        switch (option)
        {
            case "--peers" -> peers = positiveInts(option, value);
            case "--sizes" -> sizes = sizes(value);
            case "--systems" -> systems = systems(value);
            case "--idle" -> idleModes = idleModes(value);
            case "--loops" -> loops = loops(value);
            case "--samples" -> samples = positiveInt(option, value);
            case "--warmup" -> warmup = nonNegativeInt(option, value);
            case "--max-seconds" -> maxSeconds = positiveDouble(option, value);
            case "--gap-us" -> gapUs = nonNegativeInt(option, value);
            case "--hop-delay-us" -> hopDelayUs = nonNegativeInt(option, value);
            case "--out" -> out = Paths.get(value);
            default -> throw new IllegalArgumentException("unknown option '" + option + "'");
        }
    }

    /**
     * @param text "1024", "64KiB", "1MiB", "2 MiB".
     * @return bytes.
     */
    static int parseSize(final String text)
    {
        final String t = text.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        final int multiplier;
        final String digits;
        if (t.endsWith("kib") || t.endsWith("k"))
        {
            multiplier = 1024;
            digits = t.substring(0, t.indexOf('k'));
        }
        else if (t.endsWith("mib") || t.endsWith("m"))
        {
            multiplier = 1024 * 1024;
            digits = t.substring(0, t.indexOf('m'));
        }
        else
        {
            multiplier = 1;
            digits = t;
        }
        final int bytes;
        try
        {
            bytes = Math.multiplyExact(Integer.parseInt(digits), multiplier);
        }
        catch (final NumberFormatException | ArithmeticException ex)
        {
            throw new IllegalArgumentException("--sizes: '" + text + "' is not a size like 1024, 64KiB or 2MiB");
        }
        if (bytes < 256 || bytes > 3 * 1024 * 1024 - 1024)
        {
            throw new IllegalArgumentException("--sizes: " + text + " is outside 256 bytes .. 3 MiB - 1 KiB");
        }
        return bytes;
    }

    /**
     * @param bytes block size.
     * @return "1 KiB", "2 MiB" or bytes.
     */
    static String sizeLabel(final int bytes)
    {
        if (bytes % (1024 * 1024) == 0)
        {
            return bytes / (1024 * 1024) + " MiB";
        }
        if (bytes % 1024 == 0)
        {
            return bytes / 1024 + " KiB";
        }
        return bytes + " B";
    }

    private static List<Integer> sizes(final String value)
    {
        final List<Integer> sizes = new ArrayList<>();
        for (final String part : value.split(","))
        {
            sizes.add(parseSize(part));
        }
        return List.copyOf(sizes);
    }

    private static List<String> systems(final String value)
    {
        final List<String> all = List.of(Contender.DASHCAST, Contender.FLOOR, Contender.NETTY,
            Contender.THREAD_PER_PEER, Contender.RELAY);
        final List<String> systems = new ArrayList<>();
        for (final String part : value.split(","))
        {
            final String s = "threads".equals(part.trim()) ? Contender.THREAD_PER_PEER : part.trim();
            if (!all.contains(s))
            {
                throw new IllegalArgumentException("--systems: '" + part + "' is not one of " + String.join(",", all));
            }
            systems.add(s);
        }
        return List.copyOf(systems);
    }

    private static List<IdleMode> idleModes(final String value)
    {
        final List<IdleMode> modes = new ArrayList<>();
        for (final String part : value.split(","))
        {
            modes.add(switch (part.trim())
            {
                case "busy-spin" -> IdleMode.BUSY_SPIN;
                case "yield" -> IdleMode.YIELD;
                case "backoff" -> IdleMode.BACKOFF;
                case "select" -> IdleMode.BLOCKING_SELECT;
                default -> throw new IllegalArgumentException(
                    "--idle: '" + part + "' is not one of busy-spin,yield,backoff,select");
            });
        }
        return List.copyOf(modes);
    }

    private static List<Integer> loops(final String value)
    {
        final List<Integer> loops = new ArrayList<>();
        for (final String part : value.split(","))
        {
            loops.add("cores".equals(part.trim()) ? CORES : positiveInt("--loops", part));
        }
        return List.copyOf(loops);
    }

    private static List<Integer> positiveInts(final String option, final String value)
    {
        final List<Integer> values = new ArrayList<>();
        for (final String part : value.split(","))
        {
            values.add(positiveInt(option, part));
        }
        return List.copyOf(values);
    }

    private static int positiveInt(final String option, final String value)
    {
        final int n = nonNegativeInt(option, value);
        if (n == 0)
        {
            throw new IllegalArgumentException(option + ": must be at least 1");
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
                throw new IllegalArgumentException(option + ": must not be negative");
            }
            return n;
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(option + ": '" + value + "' is not a whole number");
        }
    }

    private static double positiveDouble(final String option, final String value)
    {
        try
        {
            final double d = Double.parseDouble(value.trim());
            if (!(d > 0))
            {
                throw new IllegalArgumentException(option + ": must be more than 0");
            }
            return d;
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(option + ": '" + value + "' is not a number");
        }
    }
}
