package io.dashcast.tools;

import io.dashcast.engine.status.CountersFileDescriptor;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.MappedByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * {@code dashcast stat}: print every counter of a running (or stopped) daemon from its counters
 * file, the way Aeron's {@code AeronStat} reads the CnC file: another process, read-only, no
 * request to the daemon. {@code --watch} repeats every interval.
 */
@Command(
    name = "stat",
    mixinStandardHelpOptions = true,
    description = "Print the daemon's counters from its counters file (another process, read-only).")
public final class StatCommand implements Callable<Integer>
{
    @Option(names = "--counters-file", paramLabel = "FILE",
        description = "Counters file (default /dev/shm/dashcast-counters.dat).")
    private Path file;

    @Option(names = "--watch", arity = "0..1", fallbackValue = "1", paramLabel = "SECONDS",
        description = "Repeat every SECONDS (default 1) until interrupted.")
    private Double watchSeconds;

    @Option(names = "--count", defaultValue = "0", description = "With --watch: stop after N prints (0 = never).")
    private int count;

    @Option(names = "--filter", paramLabel = "TEXT", description = "Only counters whose label contains TEXT.")
    private String filter;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException
    {
        final Path path = file != null ? file : CountersFileDescriptor.defaultPath();
        if (!Files.isRegularFile(path))
        {
            throw new BadInputException("no counters file at " + path + ": is the daemon running (see --counters-file)?");
        }
        final MappedByteBuffer mapped;
        try
        {
            mapped = CountersFileDescriptor.mapForReading(path);
        }
        catch (final IllegalStateException ex)
        {
            throw new BadInputException(ex.getMessage());
        }
        try
        {
            final UnsafeBuffer whole = new UnsafeBuffer(mapped);
            final CountersReader reader = new CountersReader(
                CountersFileDescriptor.metadata(whole), CountersFileDescriptor.values(whole));
            final PrintWriter out = spec.commandLine().getOut();
            int printed = 0;
            do
            {
                print(out, path, whole, reader);
                printed++;
                if (watchSeconds == null || (count > 0 && printed >= count))
                {
                    break;
                }
                Thread.sleep(Math.max(10, (long)(watchSeconds * 1000)));
            }
            while (!Thread.currentThread().isInterrupted());
            return DashcastMain.EXIT_OK;
        }
        finally
        {
            IoUtil.unmap(mapped);
        }
    }

    private void print(final PrintWriter out, final Path path, final UnsafeBuffer whole, final CountersReader reader)
    {
        final long nowMs = System.currentTimeMillis();
        final long heartbeatMs = whole.getLongVolatile(CountersFileDescriptor.HEARTBEAT_MS_OFFSET);
        out.println(Instant.ofEpochMilli(nowMs) + " - dashcast counters " + path + ", pid " +
            whole.getLong(CountersFileDescriptor.PID_OFFSET) + ", started " +
            Instant.ofEpochMilli(whole.getLong(CountersFileDescriptor.START_MS_OFFSET)) + ", heartbeat " +
            String.format("%.1f", (nowMs - heartbeatMs) / 1000.0) + " s ago");
        out.println("======================================================================");
        reader.forEach((value, counterId, label) ->
        {
            if (filter == null || label.contains(filter))
            {
                out.format("%4d: %,20d - %s%n", counterId, value, label);
            }
        });
        out.println("--");
        out.flush();
    }
}
