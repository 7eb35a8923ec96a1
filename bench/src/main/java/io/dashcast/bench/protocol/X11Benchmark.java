package io.dashcast.bench.protocol;

import io.dashcast.protocol.X11;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/**
 * X11 of an 80-byte block header (the mainnet genesis header): dashcast's {@link X11} from a heap
 * and a direct buffer, against the {@link SaphirX11} baseline in the same run.
 * <p>
 * saphir-hash-core's {@code SIMDBigCore.oneRound} is 8,850 bytes of bytecode, above HotSpot's
 * 8,000-byte limit for JIT compilation ({@code DontCompileHugeMethods}), so the baseline runs in a
 * JVM started with {@code -XX:-DontCompileHugeMethods} (its best case, and dashcast's launcher
 * flag); {@link #saphirDefaultJvm()} shows it without. dashcast's own methods are all under the
 * limit, so {@link #headerHeap()} runs with the default flags.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
// Agrona 2.x reaches jdk.internal.misc.Unsafe; forked JVMs do not read the jar manifest's flags.
@Fork(value = 1, jvmArgsAppend = {
    "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED" })
public class X11Benchmark
{
    private static final byte[] GENESIS_HEADER = HexFormat.of().parseHex(
        "010000000000000000000000000000000000000000000000000000000000000000000000c762a6567f3cc092f0684bb62b7e00a8" +
        "4890b990f07cc71a6bb58d64b98e02e0022ddb52f0ff0f1ec23fb901");

    private final X11 x11 = new X11();
    private final SaphirX11 saphir = new SaphirX11();
    private final byte[] hash = new byte[X11.HASH_LENGTH];
    private final byte[] header = GENESIS_HEADER.clone();
    private final UnsafeBuffer heap = new UnsafeBuffer(GENESIS_HEADER.clone());
    private final UnsafeBuffer direct = directCopy();

    private static UnsafeBuffer directCopy()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(GENESIS_HEADER.length));
        buffer.putBytes(0, GENESIS_HEADER);
        return buffer;
    }

    /**
     * @return last hash byte (consumed by JMH).
     */
    @Benchmark
    public byte headerHeap()
    {
        x11.hash(heap, 0, 80, hash, 0);
        return hash[31];
    }

    /**
     * @return last hash byte (consumed by JMH).
     */
    @Benchmark
    public byte headerDirect()
    {
        x11.hash(direct, 0, 80, hash, 0);
        return hash[31];
    }

    /**
     * @return last hash byte (consumed by JMH).
     */
    @Benchmark
    public byte headerArray()
    {
        x11.hash(header, 0, 80, hash, 0);
        return hash[31];
    }

    /**
     * @return last hash byte (consumed by JMH).
     */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {
        "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
        "-XX:-DontCompileHugeMethods" })
    public byte saphir()
    {
        saphir.hash(header, 0, 80, hash, 0);
        return hash[31];
    }

    /**
     * @return last hash byte (consumed by JMH).
     */
    @Benchmark
    public byte saphirDefaultJvm()
    {
        saphir.hash(header, 0, 80, hash, 0);
        return hash[31];
    }
}
