package io.dashcast.bench.protocol;

import io.dashcast.protocol.Command;
import io.dashcast.protocol.MessageFramer;
import io.dashcast.protocol.MessageHeaderFlyweight;
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
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Framing a payload, which is a double SHA-256 over it: {@link MessageFramer#frame} over a direct
 * buffer (how a ring slot holds a block) and over a heap buffer, next to the JDK's own double
 * SHA-256 ({@link MessageDigest} over a {@code byte[]} of the same bytes) as the baseline.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
// Agrona 2.x reaches jdk.internal.misc.Unsafe; forked JVMs do not read the jar manifest's flags.
@Fork(value = 1, jvmArgsAppend = {
    "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED" })
public class FramingBenchmark
{
    @Param({ "1024", "65536", "1048576", "2097152" })
    public int payloadBytes;

    private final MessageFramer framer = new MessageFramer(Network.MAINNET);
    private UnsafeBuffer direct;
    private UnsafeBuffer heap;
    private UnsafeBuffer source;
    private UnsafeBuffer heapSource;
    private UnsafeBuffer slot;
    private byte[] payload;
    private final byte[] digest = new byte[32];
    private MessageDigest sha256;

    /**
     * Fill the payload with random bytes, in a direct buffer, a heap buffer and an array.
     *
     * @throws NoSuchAlgorithmException never: every JDK has SHA-256.
     */
    @Setup(Level.Trial)
    public void setUp() throws NoSuchAlgorithmException
    {
        payload = new byte[payloadBytes];
        new Random(42).nextBytes(payload);
        direct = new UnsafeBuffer(ByteBuffer.allocateDirect(MessageHeaderFlyweight.HEADER_LENGTH + payloadBytes));
        direct.putBytes(MessageHeaderFlyweight.HEADER_LENGTH, payload);
        heap = new UnsafeBuffer(new byte[MessageHeaderFlyweight.HEADER_LENGTH + payloadBytes]);
        heap.putBytes(MessageHeaderFlyweight.HEADER_LENGTH, payload);
        sha256 = MessageDigest.getInstance("SHA-256");
        source = new UnsafeBuffer(ByteBuffer.allocateDirect(payloadBytes));
        source.putBytes(0, payload);
        heapSource = new UnsafeBuffer(payload.clone());
        slot = new UnsafeBuffer(ByteBuffer.allocateDirect(MessageHeaderFlyweight.HEADER_LENGTH + payloadBytes));
    }

    /**
     * @return frame length (consumed by JMH).
     */
    @Benchmark
    public int frameDirect()
    {
        return framer.frame(direct, 0, Command.BLOCK, payloadBytes);
    }

    /**
     * @return frame length (consumed by JMH).
     */
    @Benchmark
    public int frameHeap()
    {
        return framer.frame(heap, 0, Command.BLOCK, payloadBytes);
    }

    /**
     * What {@code submit} did before: copy the block from the caller's direct buffer into the slot,
     * then frame it (a second pass over the copy).
     *
     * @return frame length (consumed by JMH).
     */
    @Benchmark
    public int copyThenFrame()
    {
        slot.putBytes(MessageHeaderFlyweight.HEADER_LENGTH, source, 0, payloadBytes);
        return framer.frame(slot, 0, Command.BLOCK, payloadBytes);
    }

    /**
     * What {@code submit} does now: copy and checksum in one pass ({@link MessageFramer#copyAndFrame}).
     *
     * @return frame length (consumed by JMH).
     */
    @Benchmark
    public int copyAndFrame()
    {
        return framer.copyAndFrame(source, 0, slot, 0, Command.BLOCK, payloadBytes);
    }

    /**
     * As {@link #copyAndFrame} from a heap block (the JSON-RPC ingress decodes hex into an array).
     *
     * @return frame length (consumed by JMH).
     */
    @Benchmark
    public int copyAndFrameFromHeap()
    {
        return framer.copyAndFrame(heapSource, 0, slot, 0, Command.BLOCK, payloadBytes);
    }

    /**
     * @return first digest byte (consumed by JMH).
     * @throws DigestException never: the output array is large enough.
     */
    @Benchmark
    public byte jdkDoubleSha256() throws DigestException
    {
        sha256.update(payload, 0, payloadBytes);
        sha256.digest(digest, 0, 32);
        sha256.update(digest, 0, 32);
        sha256.digest(digest, 0, 32);
        return digest[0];
    }
}
