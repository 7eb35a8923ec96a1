package io.dashcast.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/**
 * Turns a hang into a failure. libFuzzer checks its time budget only between inputs, so one input
 * stuck in a loop would hang the build; this daemon thread watches the input in flight and, past
 * the limit, writes it to {@code target/fuzz-hangs/} and halts the JVM, which fails the fork.
 */
public final class HangWatchdog
{
    /**
     * Longest one input may take: generous, because the shared 2-core CI machine runs at load 5-10
     * and a loop that never ends exceeds any bound.
     */
    static final long DEFAULT_LIMIT_NS = TimeUnit.SECONDS.toNanos(30);

    private final String target;
    private final long limitNs;
    private volatile long startNs;
    private volatile byte[] input;

    public HangWatchdog(final String target, final long limitNs)
    {
        this.target = target;
        this.limitNs = limitNs;
        final Thread thread = new Thread(this::watch, "fuzz-hang-watchdog-" + target);
        thread.setDaemon(true);
        thread.start();
    }

    public HangWatchdog(final String target)
    {
        this(target, DEFAULT_LIMIT_NS);
    }

    /**
     * @param data the input about to run (kept by reference, for the report).
     */
    public void begin(final byte[] data)
    {
        input = data;
        startNs = System.nanoTime();
    }

    public void end()
    {
        startNs = 0;
    }

    private void watch()
    {
        while (true)
        {
            try
            {
                Thread.sleep(250);
            }
            catch (final InterruptedException ex)
            {
                return;
            }
            final long start = startNs;
            if (start != 0 && System.nanoTime() - start > limitNs)
            {
                report(input);
                Runtime.getRuntime().halt(70);
            }
        }
    }

    private void report(final byte[] data)
    {
        final String hex = data == null ? "(none)" : HexFormat.of().formatHex(data);
        System.err.println("FUZZ HANG in " + target + ": one input ran over " +
            TimeUnit.NANOSECONDS.toMillis(limitNs) + " ms; input hex: " + hex);
        try
        {
            final Path dir = Files.createDirectories(Path.of("target", "fuzz-hangs"));
            Files.write(dir.resolve(target + "-" + System.currentTimeMillis() + ".bin"), data == null ? new byte[0] : data);
        }
        catch (final IOException ignore)
        {
            // The hex on stderr is the record then.
        }
        Thread.getAllStackTraces().forEach((t, stack) ->
        {
            if (t.getName().startsWith("main") || t.getName().contains("dashcast"))
            {
                System.err.println("thread " + t.getName());
                for (final StackTraceElement e : stack)
                {
                    System.err.println("    at " + e);
                }
            }
        });
    }
}
