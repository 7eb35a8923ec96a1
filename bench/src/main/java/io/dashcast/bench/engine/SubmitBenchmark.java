package io.dashcast.bench.engine;

import io.dashcast.engine.Broadcaster;
import io.dashcast.engine.BroadcasterContext;
import io.dashcast.protocol.Network;
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

import java.util.concurrent.TimeUnit;

/**
 * The submit call of a block of many small transactions (185 bytes each, a valid regtest block):
 * the walk, the validation gate (X11 and the merkle pass), the copy and checksum into the ring
 * slot, then the compact frame and X11 after publication: everything before the first byte a peer
 * can get. No peers: the loops release each slot at once. {@code parallelHashing} false is the
 * baseline (the merkle pass and the checksum on the submitting thread alone); true shares them with
 * the hash helper thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:-DontCompileHugeMethods", "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
    "--add-opens", "java.base/java.nio=ALL-UNNAMED",
    "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED"})
public class SubmitBenchmark
{
    @Param({"65536", "1048576", "2097152"})
    public int blockBytes;

    @Param({"false", "true"})
    public boolean parallelHashing;

    private Broadcaster broadcaster;
    private UnsafeBuffer block;

    @Setup(Level.Trial)
    public void setUp()
    {
        broadcaster = Broadcaster.launch(new BroadcasterContext()
            .network(Network.REGTEST)
            .maxBlockBytes(blockBytes + 4096)
            .ringSize(8)
            .retainedBlocks(1)
            .parallelHashing(parallelHashing));
        final byte[] bytes = Broadcaster.warmUpBlock(blockBytes - 200);
        block = new UnsafeBuffer(bytes);
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        broadcaster.close();
    }

    /**
     * @return the sequence (consumed by JMH).
     */
    @Benchmark
    public long submit()
    {
        long sequence;
        while ((sequence = broadcaster.submit(block, 0, block.capacity())) == Broadcaster.RING_FULL)
        {
            Thread.onSpinWait();
        }
        if (sequence < 0)
        {
            throw new IllegalStateException(Broadcaster.describe(sequence));
        }
        return sequence;
    }
}
