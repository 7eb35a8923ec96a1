package io.dashcast.bench.harness;

import io.dashcast.engine.IdleMode;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;

/**
 * What to measure: a preset ({@code --quick} or {@code --full}) and any overrides, read by picocli.
 * Parsing errors are {@link IllegalArgumentException}s whose message names the option and the fix.
 */
@Command(name = "bench/run", separator = " ", sortOptions = false, synopsisHeading = "", usageHelpWidth = 110,
    customSynopsis = "usage: bench/run --quick | --full | --deployment [options]   (--deployment --help for its own)")
final class HarnessOptions
{
    static final int CORES = Runtime.getRuntime().availableProcessors();

    private static final List<String> ALL_SYSTEMS = List.of(Contender.DASHCAST, Contender.FLOOR, Contender.NETTY,
        Contender.THREAD_PER_PEER, Contender.THREAD_PER_PEER_VALIDATING, Contender.RELAY);

    /** The one preset the run starts from. */
    static final class Preset
    {
        @Option(names = "--quick", required = true, order = 1,
            description = "N in {1,8,20}, blocks {1 KiB,64 KiB,1 MiB}, short runs (about 2-3 minutes)")
        boolean quick;

        @Option(names = "--full", required = true, order = 2,
            description = "N in {1,8,20,64}, blocks {1 KiB,64 KiB,1 MiB,2 MiB}, every strategy, long runs")
        boolean full;
    }

    @ArgGroup(exclusive = true, multiplicity = "1", order = 1)
    private Preset presetChoice;

    @Option(names = "--peers", paramLabel = "N", split = ",", converter = PositiveInt.class, order = 3,
        description = "peer counts")
    private List<Integer> peersOption;

    @Option(names = "--sizes", paramLabel = "SIZE", split = ",", converter = Size.class, order = 4,
        description = "block sizes: bytes, or with KiB/MiB, e.g. 1KiB,2MiB")
    private List<Integer> sizesOption;

    @Option(names = "--systems", paramLabel = "NAME", split = ",", converter = SystemName.class, order = 5,
        description = "of dashcast,floor,netty,thread-per-peer,thread-per-peer-validating,relay (default all)")
    private List<String> systemsOption;

    @Option(names = "--idle", paramLabel = "IDLE", split = ",", converter = Idle.class, order = 6,
        description = "dashcast idle strategies: busy-spin,yield,backoff,select")
    private List<IdleMode> idleOption;

    @Option(names = "--loops", paramLabel = "N|cores", split = ",", converter = LoopCount.class, order = 7,
        description = "dashcast loop counts: numbers or 'cores' (one per core)")
    private List<Integer> loopsOption;

    @Option(names = "--samples", paramLabel = "N", converter = PositiveInt.class, order = 8,
        description = "measured samples per configuration (upper bound)")
    private Integer samplesOption;

    @Option(names = "--warmup", paramLabel = "N", converter = NonNegativeInt.class, order = 9,
        description = "warm-up samples per configuration (upper bound)")
    private Integer warmupOption;

    @Option(names = "--max-seconds", paramLabel = "S", converter = PositiveDouble.class, order = 10,
        description = "time cap on one configuration's measured samples")
    private Double maxSecondsOption;

    @Option(names = "--gap-us", paramLabel = "U", converter = NonNegativeInt.class, order = 11,
        description = "pause between samples (lets idle strategies go idle)")
    private Integer gapUsOption;

    @Option(names = "--hop-delay-us", paramLabel = "U", converter = NonNegativeInt.class, order = 12,
        description = "relay: delay each hop adds before forwarding (default 0)")
    private Integer hopDelayUsOption;

    @Option(names = "--out", paramLabel = "DIR", order = 13,
        description = "where results.json, results.md, hgrm/ and the chart go (default bench/target)")
    Path out = Paths.get("bench", "target");

    @Option(names = {"-h", "--help"}, usageHelp = true, order = 14, description = "this help")
    boolean help;

    String preset;
    List<Integer> peers;
    List<Integer> sizes;
    List<String> systems = ALL_SYSTEMS;
    List<IdleMode> idleModes;
    List<Integer> loops;
    int samples;
    int warmup;
    double maxSeconds;
    double warmupSeconds;
    long gapUs;
    long hopDelayUs;

    /**
     * @param args command line.
     * @return options with the preset applied and then the overrides ({@link #help} alone when asked).
     * @throws IllegalArgumentException on a bad or missing option, naming it.
     */
    static HarnessOptions parse(final String[] args)
    {
        final HarnessOptions o = new HarnessOptions();
        try
        {
            new CommandLine(o).parseArgs(args);
        }
        catch (final ParameterException ex)
        {
            throw new IllegalArgumentException(ex.getMessage(), ex);
        }
        if (o.help)
        {
            return o;
        }
        o.preset = o.presetChoice.quick ? "quick" : "full";
        o.applyPreset();
        o.applyOverrides();
        return o;
    }

    /**
     * @return every option, for {@code --help} and errors.
     */
    static String usage()
    {
        return new CommandLine(new HarnessOptions()).getUsageMessage(CommandLine.Help.Ansi.OFF);
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

    private void applyOverrides()
    {
        peers = peersOption != null ? List.copyOf(peersOption) : peers;
        sizes = sizesOption != null ? List.copyOf(sizesOption) : sizes;
        systems = systemsOption != null ? List.copyOf(systemsOption) : systems;
        idleModes = idleOption != null ? List.copyOf(idleOption) : idleModes;
        loops = loopsOption != null ? List.copyOf(loopsOption) : loops;
        samples = samplesOption != null ? samplesOption : samples;
        warmup = warmupOption != null ? warmupOption : warmup;
        maxSeconds = maxSecondsOption != null ? maxSecondsOption : maxSeconds;
        gapUs = gapUsOption != null ? gapUsOption : gapUs;
        hopDelayUs = hopDelayUsOption != null ? hopDelayUsOption : hopDelayUs;
    }

    /**
     * @param text "1024", "64KiB", "1MiB", "2 MiB".
     * @return bytes.
     * @throws IllegalArgumentException if it is not a size in 256 bytes .. 3 MiB - 1 KiB.
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
            throw new IllegalArgumentException("'" + text + "' is not a size like 1024, 64KiB or 2MiB");
        }
        if (bytes < 256 || bytes > 3 * 1024 * 1024 - 1024)
        {
            throw new IllegalArgumentException(text + " is outside 256 bytes .. 3 MiB - 1 KiB");
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

    private static int wholeNumber(final String value)
    {
        try
        {
            return Integer.parseInt(value.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new TypeConversionException("'" + value + "' is not a whole number");
        }
    }

    private static int atLeast(final String value, final int min)
    {
        final int n = wholeNumber(value);
        if (n < min)
        {
            throw new TypeConversionException((min == 0 ? "must not be negative" : "must be at least " + min) + ", not " + n);
        }
        return n;
    }

    /** A count of at least 1. */
    static final class PositiveInt implements ITypeConverter<Integer>
    {
        public Integer convert(final String value)
        {
            return atLeast(value, 1);
        }
    }

    /** A count of 0 or more. */
    static final class NonNegativeInt implements ITypeConverter<Integer>
    {
        public Integer convert(final String value)
        {
            return atLeast(value, 0);
        }
    }

    /** A number of seconds above 0. */
    static final class PositiveDouble implements ITypeConverter<Double>
    {
        public Double convert(final String value)
        {
            final double d;
            try
            {
                d = Double.parseDouble(value.trim());
            }
            catch (final NumberFormatException ex)
            {
                throw new TypeConversionException("'" + value + "' is not a number");
            }
            if (!(d > 0))
            {
                throw new TypeConversionException("must be more than 0, not " + value);
            }
            return d;
        }
    }

    /** A block size: bytes, or with KiB/MiB. */
    static final class Size implements ITypeConverter<Integer>
    {
        public Integer convert(final String value)
        {
            try
            {
                return parseSize(value);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new TypeConversionException(ex.getMessage());
            }
        }
    }

    /**
     * A contender's name ({@code threads} is short for thread-per-peer, {@code threads-validating} for
     * thread-per-peer-validating).
     */
    static final class SystemName implements ITypeConverter<String>
    {
        public String convert(final String value)
        {
            final String s = switch (value.trim())
            {
                case "threads" -> Contender.THREAD_PER_PEER;
                case "threads-validating" -> Contender.THREAD_PER_PEER_VALIDATING;
                default -> value.trim();
            };
            if (!ALL_SYSTEMS.contains(s))
            {
                throw new TypeConversionException("'" + value + "' is not one of " + String.join(",", ALL_SYSTEMS));
            }
            return s;
        }
    }

    /** An idle strategy of the dashcast loops. */
    static final class Idle implements ITypeConverter<IdleMode>
    {
        public IdleMode convert(final String value)
        {
            return switch (value.trim())
            {
                case "busy-spin" -> IdleMode.BUSY_SPIN;
                case "yield" -> IdleMode.YIELD;
                case "backoff" -> IdleMode.BACKOFF;
                case "select" -> IdleMode.BLOCKING_SELECT;
                default -> throw new TypeConversionException(
                    "'" + value + "' is not one of busy-spin,yield,backoff,select");
            };
        }
    }

    /** A loop count, or {@code cores} for one per core. */
    static final class LoopCount implements ITypeConverter<Integer>
    {
        public Integer convert(final String value)
        {
            return "cores".equals(value.trim()) ? CORES : new PositiveInt().convert(value);
        }
    }
}
