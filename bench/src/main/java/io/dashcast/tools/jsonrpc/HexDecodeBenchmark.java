package io.dashcast.tools.jsonrpc;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's hex decode ({@link HexPairs}) of a block's hex in the 256 KiB pieces the body
 * reader hands it, against the table alone and against {@code System.arraycopy} of the same hex
 * (memory speed, the bar). Lives in the decoder's package (the bench jar is on the class
 * path, not a module) because it is package-private.
 * <pre>
 * java $FLAGS -jar bench/target/benchmarks.jar HexDecodeBenchmark -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class HexDecodeBenchmark
{
    private static final int PIECE = 256 * 1024;

    @Param({"1048576", "2097152"})
    int blockBytes;

    private byte[] hex;
    private byte[] block;
    private byte[] copy;

    /** A block's worth of random hex digits, both cases. */
    @Setup
    public void setUp()
    {
        final byte[] digits = "0123456789abcdefABCDEF".getBytes(StandardCharsets.US_ASCII);
        final Random random = new Random(42);
        hex = new byte[2 * blockBytes];
        for (int i = 0; i < hex.length; i++)
        {
            hex[i] = digits[random.nextInt(digits.length)];
        }
        block = new byte[blockBytes];
        copy = new byte[hex.length];
        if (!HexPairs.VECTORISED)
        {
            throw new IllegalStateException("run with --add-modules jdk.incubator.vector");
        }
    }

    /**
     * @return bytes copied.
     */
    @Benchmark
    public int copyOfTheHex()
    {
        for (int from = 0; from < hex.length; from += PIECE)
        {
            System.arraycopy(hex, from, copy, from, Math.min(PIECE, hex.length - from));
        }
        return copy[hex.length - 1];
    }

    /**
     * @return bytes decoded.
     */
    @Benchmark
    public int decodeByTable()
    {
        return decodeInPieces(true);
    }

    /**
     * @return bytes decoded.
     */
    @Benchmark
    public int decode()
    {
        return decodeInPieces(false);
    }

    private int decodeInPieces(final boolean tableOnly)
    {
        int n = 0;
        for (int from = 0; from < hex.length; from += PIECE)
        {
            final int limit = Math.min(from + PIECE, hex.length);
            n += tableOnly ? HexPairs.table(hex, from, limit, block, from / 2) : HexPairs.decode(hex, from, limit, block, from / 2);
        }
        return n;
    }
}
