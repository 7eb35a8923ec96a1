package io.dashcast.bench.engine;

import io.dashcast.engine.Broadcaster;
import io.dashcast.engine.BroadcasterContext;
import io.dashcast.engine.IdleMode;
import io.dashcast.engine.PeerEndpoint;
import io.dashcast.engine.PeerPriority;
import io.dashcast.protocol.Network;
import io.dashcast.protocol.X11;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The broadcast path allocates nothing per block, counted exactly rather than inferred from a
 * JVM-wide rate: the HotSpot per-thread allocation counters of the broadcast loops (every write,
 * ack, counter and histogram update) and of the submitting thread (only around {@code submit}),
 * over 2,000 whole broadcasts to 8 loopback peers after a warm-up, counters on; then 500 blocks of
 * 64 KiB, whose checksum and merkle pass the hash helper thread shares (its counter too). JMH's
 * {@code -prof gc} divides the whole JVM's allocation by the operations, so on a loaded machine
 * other threads' background shows up as a few B/op; this reads the engine's own threads only.
 */
class BroadcastAllocationTest
{
    private static final int PEERS = 8;
    private static final int WARM_UP = 3_000;
    private static final int MEASURED = 2_000;

    @Test
    @Timeout(180)
    void shouldAllocateNothingPerBroadcastOnTheLoopsOrInSubmit() throws Exception
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final List<SinkNode> sinks = new ArrayList<>();
        final AtomicLong completed = new AtomicLong();
        final BroadcasterContext ctx = new BroadcasterContext()
            .network(Network.REGTEST)
            .idleMode(IdleMode.BACKOFF)
            .receiptListener(record -> completed.incrementAndGet());
        try
        {
            for (int i = 0; i < PEERS; i++)
            {
                final SinkNode sink = new SinkNode(Network.REGTEST);
                sinks.add(sink);
                ctx.addPeer(PeerEndpoint.of("127.0.0.1", sink.port(), i == 0 ? PeerPriority.CRITICAL : PeerPriority.NORMAL));
            }
            try (Broadcaster broadcaster = Broadcaster.launch(ctx))
            {
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (broadcaster.readyPeerCount() < PEERS)
                {
                    assertTrue(System.nanoTime() < deadline, "peers not ready");
                    Thread.sleep(10);
                }
                final UnsafeBuffer block = new UnsafeBuffer(SyntheticBlocks.block(1024, 1));
                final X11 x11 = new X11();
                final byte[] hash = new byte[32];
                final long[] submitBytes = new long[1];
                for (int i = 0; i < WARM_UP; i++)
                {
                    broadcast(broadcaster, block, x11, hash, completed, threads, submitBytes);
                }
                final long[] loopIds = loopThreadIds(ctx.threadNamePrefix());
                assertEquals(ctx.loopCount(), loopIds.length, "one thread per loop");
                final long loopsBefore = sum(threads.getThreadAllocatedBytes(loopIds));
                submitBytes[0] = 0;
                for (int i = 0; i < MEASURED; i++)
                {
                    broadcast(broadcaster, block, x11, hash, completed, threads, submitBytes);
                }
                final long loopBytes = sum(threads.getThreadAllocatedBytes(loopIds)) - loopsBefore;
                System.out.printf("broadcast allocation over %,d blocks to %d peers: loops %,d B (%.3f B/block), " +
                    "submit %,d B (%.3f B/block)%n", MEASURED, PEERS, loopBytes, (double)loopBytes / MEASURED,
                    submitBytes[0], (double)submitBytes[0] / MEASURED);
                // A one-off (a keep-alive timer's first lazy init, a resize) may show; per block it must be 0.
                assertTrue(loopBytes < MEASURED / 2, () -> "loops allocated " + loopBytes + " B over " + MEASURED + " blocks");
                assertTrue(submitBytes[0] < MEASURED / 2, () -> "submit allocated " + submitBytes[0] + " B");

                // A 64 KiB block: its checksum and merkle pass are shared with the hash helper thread.
                final long helperId = threadId(ctx.threadNamePrefix() + "hash");
                final UnsafeBuffer big = new UnsafeBuffer(SyntheticBlocks.block(64 * 1024, 2));
                // Its first is the child of the last 1 KiB block, so every peer has its parent.
                x11.hash(block, 0, 80, hash, 0);
                big.putBytes(4, hash);
                SyntheticBlocks.grind(big, x11, hash);
                submit(broadcaster, big, completed, threads, submitBytes);
                for (int i = 0; i < WARM_UP / 4; i++)
                {
                    broadcast(broadcaster, big, x11, hash, completed, threads, submitBytes);
                }
                final long bigLoopsBefore = sum(threads.getThreadAllocatedBytes(loopIds));
                final long helperBefore = threads.getThreadAllocatedBytes(helperId);
                submitBytes[0] = 0;
                final int bigBlocks = MEASURED / 4;
                for (int i = 0; i < bigBlocks; i++)
                {
                    broadcast(broadcaster, big, x11, hash, completed, threads, submitBytes);
                }
                final long bigLoopBytes = sum(threads.getThreadAllocatedBytes(loopIds)) - bigLoopsBefore;
                final long helperBytes = threads.getThreadAllocatedBytes(helperId) - helperBefore;
                System.out.printf("64 KiB blocks, %,d: loops %,d B, hash helper %,d B, submit %,d B%n",
                    bigBlocks, bigLoopBytes, helperBytes, submitBytes[0]);
                assertTrue(bigLoopBytes < bigBlocks / 2, () -> "loops allocated " + bigLoopBytes + " B");
                assertTrue(helperBytes < bigBlocks / 2, () -> "the hash helper allocated " + helperBytes + " B");
                assertTrue(submitBytes[0] < bigBlocks / 2, () -> "submit allocated " + submitBytes[0] + " B");
            }
        }
        finally
        {
            for (final SinkNode sink : sinks)
            {
                sink.close();
            }
        }
    }

    private static void broadcast(
        final Broadcaster broadcaster, final UnsafeBuffer block, final X11 x11, final byte[] hash,
        final AtomicLong completed, final com.sun.management.ThreadMXBean threads, final long[] submitBytes)
    {
        SyntheticBlocks.extend(block, x11, hash);
        submit(broadcaster, block, completed, threads, submitBytes);
    }

    private static void submit(
        final Broadcaster broadcaster, final UnsafeBuffer block, final AtomicLong completed,
        final com.sun.management.ThreadMXBean threads, final long[] submitBytes)
    {
        final long before = completed.get();
        final long self = Thread.currentThread().getId();
        final long allocatedBefore = threads.getThreadAllocatedBytes(self);
        final long sequence = broadcaster.submit(block, 0, block.capacity());
        submitBytes[0] += threads.getThreadAllocatedBytes(self) - allocatedBefore;
        if (sequence < 0)
        {
            throw new IllegalStateException(Broadcaster.describe(sequence));
        }
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (completed.get() == before)
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("no receipt for block " + sequence);
            }
            Thread.yield();
        }
    }

    private static long[] loopThreadIds(final String prefix)
    {
        return Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().startsWith(prefix) && !t.getName().equals(prefix + "hash"))
            .mapToLong(Thread::getId).toArray();
    }

    private static long threadId(final String name)
    {
        return Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().equals(name)).mapToLong(Thread::getId).findFirst()
            .orElseThrow(() -> new AssertionError("no thread " + name));
    }

    private static long sum(final long[] values)
    {
        long total = 0;
        for (final long v : values)
        {
            total += v;
        }
        return total;
    }
}
