package io.dashcast.bench.engine;

import io.dashcast.engine.Broadcaster;
import io.dashcast.engine.BroadcasterContext;
import io.dashcast.engine.IdleMode;
import io.dashcast.engine.PeerEndpoint;
import io.dashcast.engine.PeerPriority;
import io.dashcast.protocol.Network;
import io.dashcast.protocol.X11;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One whole broadcast per operation: submit a block, and wait until every peer has taken it and
 * acknowledged it (receipt complete). Peers are {@link SinkNode}s on loopback. Run with
 * {@code -prof gc}: the engine's part of {@code gc.alloc.rate.norm} should be 0 B/op.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:-DontCompileHugeMethods", "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
    "--add-opens", "java.base/java.nio=ALL-UNNAMED",
    "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED"})
public class BroadcastBenchmark
{
    @Param({"8"})
    public int peers;

    @Param({"1024", "65536"})
    public int blockBytes;

    @Param({"BACKOFF"})
    public IdleMode idleMode;

    private final List<SinkNode> sinks = new ArrayList<>();
    private final AtomicLong completed = new AtomicLong();
    private Broadcaster broadcaster;
    private UnsafeBuffer block;
    private final X11 x11 = new X11();
    private final byte[] hash = new byte[32];

    @Setup(Level.Trial)
    public void setUp() throws Exception
    {
        final BroadcasterContext ctx = new BroadcasterContext()
            .network(Network.REGTEST)
            .idleMode(idleMode)
            .receiptListener(record -> completed.incrementAndGet());
        for (int i = 0; i < peers; i++)
        {
            final SinkNode sink = new SinkNode(Network.REGTEST);
            sinks.add(sink);
            ctx.addPeer(PeerEndpoint.of("127.0.0.1", sink.port(), i == 0 ? PeerPriority.CRITICAL : PeerPriority.NORMAL));
        }
        broadcaster = Broadcaster.launch(ctx);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (broadcaster.readyPeerCount() < peers)
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("peers not ready");
            }
            Thread.sleep(10);
        }
        block = new UnsafeBuffer(SyntheticBlocks.block(blockBytes, 1));
    }

    /**
     * Make the next block a child of the last one, as a pool's next block is: after a peer
     * acknowledges a block the engine knows it as the peer's tip, and ban safety would hold back a
     * block whose parent the peer lacks. Outside the measured operation.
     */
    @Setup(Level.Invocation)
    public void chainNextBlock()
    {
        // The nonce is ground too: the validation gate refuses a header that misses its own target.
        SyntheticBlocks.extend(block, x11, hash);
    }

    @Benchmark
    public long broadcastToAllAndAwaitAcks()
    {
        final long before = completed.get();
        long sequence;
        while ((sequence = broadcaster.submit(block, 0, block.capacity())) == Broadcaster.RING_FULL)
        {
            Thread.onSpinWait();
        }
        if (sequence < 0)
        {
            throw new IllegalStateException(Broadcaster.describe(sequence));
        }
        while (completed.get() == before)
        {
            // Yield, not spin: on a 2-core machine the receivers need the CPU to answer.
            Thread.yield();
        }
        return sequence;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception
    {
        broadcaster.close();
        for (final SinkNode sink : sinks)
        {
            sink.close();
        }
    }
}
