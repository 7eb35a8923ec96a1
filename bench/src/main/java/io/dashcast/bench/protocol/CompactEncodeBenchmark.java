package io.dashcast.bench.protocol;

import io.dashcast.engine.Broadcaster;
import io.dashcast.protocol.BlockView;
import io.dashcast.protocol.Sha256d;
import io.dashcast.protocol.ShortIds;
import io.dashcast.protocol.message.CmpctBlockFlyweight;
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
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * A block's compact frame ({@code cmpctblock}: one short id per transaction), encoded the way the
 * producer did it before (hashing every transaction again for its txid) against the way it does
 * now (the txids the validation gate's merkle pass already hashed). The producer writes the compact
 * frame right after a slot is published, while the loops write full blocks on the same cores, and
 * compact peers wait for it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
// Agrona 2.x reaches jdk.internal.misc.Unsafe; forked JVMs do not read the jar manifest's flags.
@Fork(value = 1, jvmArgsAppend = {
    "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED" })
public class CompactEncodeBenchmark
{
    @Param({ "65536", "1048576" })
    public int blockBytes;

    private final BlockView view = new BlockView();
    private final ShortIds ids = new ShortIds();
    private final Sha256d sha256d = new Sha256d();
    private final byte[] root = new byte[32];
    private UnsafeBuffer frame;
    private byte[] txids;
    private long nonce;

    /**
     * A block of ~1 KiB transactions with a valid merkle root, walked, its merkle root computed once
     * (as the gate does) so its txids are known.
     */
    @Setup(Level.Trial)
    public void setUp()
    {
        final byte[] block = Broadcaster.warmUpBlock(blockBytes);
        view.wrap(new UnsafeBuffer(block), 0, block.length);
        view.computeMerkleRoot(sha256d, root, 0);
        txids = view.knownTxids();
        frame = new UnsafeBuffer(ByteBuffer.allocateDirect(CmpctBlockFlyweight.encodedLength(view)));
    }

    /**
     * @return bytes written (consumed by JMH).
     */
    @Benchmark
    public int hashEveryTransaction()
    {
        return CmpctBlockFlyweight.encode(frame, 0, view, nonce++, ids, null);
    }

    /**
     * @return bytes written (consumed by JMH).
     */
    @Benchmark
    public int fromMerklePassTxids()
    {
        return CmpctBlockFlyweight.encode(frame, 0, view, nonce++, ids, txids);
    }
}
