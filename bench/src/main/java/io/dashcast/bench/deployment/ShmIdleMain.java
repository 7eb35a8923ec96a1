package io.dashcast.bench.deployment;

import io.dashcast.engine.ingress.SharedMemoryBlockPublisher;
import io.dashcast.engine.ingress.SharedMemoryBlockQueue;
import io.dashcast.engine.ingress.SharedMemoryBlockReceiver;
import org.HdrHistogram.Histogram;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.SystemNanoClock;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The shared-memory queue thread's idle strategy, alone: for each strategy in one run, the wake-up
 * (a 1 KiB block offered after quiet → the receiver's handler has it, HdrHistogram) and the CPU
 * the idle thread burns (its thread CPU time over a quiet interval, as a share of one core).
 * Strategies are run round-robin, {@code rounds} times, so machine noise spreads over all of them.
 * <pre>
 * java -cp bench/target/benchmarks.jar io.dashcast.bench.deployment.ShmIdleMain \
 *     [--rounds 3] [--blocks 200] [--quiet-ms 5] [--idle-s 3] SPEC...
 * </pre>
 * SPEC as {@link ShmIdle} ({@code sleep-ms:1}, {@code backoff:100:10:1:100}...).
 */
public final class ShmIdleMain
{
    private ShmIdleMain()
    {
    }

    /**
     * @param args options, then idle strategy specs.
     * @throws Exception on failure.
     */
    public static void main(final String[] args) throws Exception
    {
        int rounds = 3;
        int blocks = 200;
        long quietMs = 5;
        long idleS = 3;
        final List<String> specs = new ArrayList<>();
        for (int i = 0; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--blocks" -> blocks = Integer.parseInt(args[++i]);
                case "--quiet-ms" -> quietMs = Long.parseLong(args[++i]);
                case "--idle-s" -> idleS = Long.parseLong(args[++i]);
                default -> specs.add(ShmIdle.check(args[i]));
            }
        }
        if (specs.isEmpty())
        {
            specs.addAll(List.of("sleep-ms:1", "backoff:100:10:1:50", "backoff:100:10:1:100", "backoff:100:10:1:250",
                "backoff:100:10:1:1000"));
        }
        final Histogram[] wake = new Histogram[specs.size()];
        final double[][] cpu = new double[specs.size()][rounds];
        for (int s = 0; s < specs.size(); s++)
        {
            wake[s] = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        }
        for (int r = 0; r < rounds; r++)
        {
            for (int s = 0; s < specs.size(); s++)
            {
                cpu[s][r] = measure(specs.get(s), blocks, quietMs, idleS, wake[s]);
                System.err.printf(Locale.ROOT, "[round %d/%d] %s done%n", r + 1, rounds, specs.get(s));
            }
        }
        final double base = wake[0].getValueAtPercentile(50);
        System.out.printf(Locale.ROOT, "%n| shm idle strategy | wake-up p50 us | p90 us | p99 us | p50 / %s | idle CPU, %% of a core (median of %d) |%n",
            specs.get(0), rounds);
        System.out.println("|---|---:|---:|---:|---:|---:|");
        for (int s = 0; s < specs.size(); s++)
        {
            final double[] c = cpu[s].clone();
            java.util.Arrays.sort(c);
            System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.3f | %.2f |%n", specs.get(s),
                wake[s].getValueAtPercentile(50) / 1e3, wake[s].getValueAtPercentile(90) / 1e3,
                wake[s].getValueAtPercentile(99) / 1e3, wake[s].getValueAtPercentile(50) / base, c[c.length / 2]);
        }
    }

    private static double measure(
        final String spec, final int blocks, final long quietMs, final long idleS, final Histogram wake) throws Exception
    {
        final Path dir = Files.isDirectory(Paths.get("/dev/shm")) ? Paths.get("/dev/shm") : Paths.get(System.getProperty("java.io.tmpdir"));
        final Path file = Files.createTempFile(dir, "dashcast-idle-", ".ring");
        Files.delete(file);
        final long[] arrived = new long[1];
        final SharedMemoryBlockQueue queue = SharedMemoryBlockQueue.createOrOpen(file, SharedMemoryBlockQueue.DEFAULT_CAPACITY_BYTES);
        final SharedMemoryBlockReceiver receiver = new SharedMemoryBlockReceiver(queue,
            (buffer, offset, length) -> arrived[0] = System.nanoTime(), Throwable::printStackTrace,
            SystemEpochClock.INSTANCE, SystemNanoClock.INSTANCE);
        final AgentRunner runner = new AgentRunner(ShmIdle.of(spec), Throwable::printStackTrace, null, receiver);
        final Thread thread = AgentRunner.startOnThread(runner);
        final SharedMemoryBlockPublisher publisher = SharedMemoryBlockPublisher.open(file);
        try
        {
            final byte[] block = new byte[1024];
            final org.agrona.concurrent.UnsafeBuffer view = new org.agrona.concurrent.UnsafeBuffer(block);
            for (int i = 0; i < blocks; i++)
            {
                // Quiet long enough for the strategy to reach its longest park, randomised against phase lock.
                Thread.sleep(quietMs + ThreadLocalRandom.current().nextLong(quietMs + 1));
                final long before = receiver.blocksReceived();
                final long t0 = System.nanoTime();
                if (publisher.offer(view, 0, block.length) != SharedMemoryBlockPublisher.OfferResult.OK)
                {
                    throw new IllegalStateException("offer refused");
                }
                while (receiver.blocksReceived() == before)
                {
                    LockSupport.parkNanos(1_000);
                }
                wake.recordValue(Math.max(0, arrived[0] - t0));
            }
            final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            final long cpu0 = threads.getThreadCpuTime(thread.getId());
            final long wall0 = System.nanoTime();
            Thread.sleep(TimeUnit.SECONDS.toMillis(idleS));
            final long cpu1 = threads.getThreadCpuTime(thread.getId());
            return 100.0 * (cpu1 - cpu0) / (System.nanoTime() - wall0);
        }
        finally
        {
            CloseHelper.quietClose(publisher);
            CloseHelper.quietClose(runner);
            CloseHelper.quietClose(queue);
            Files.deleteIfExists(file);
        }
    }
}
