package io.dashcast.protocol.x11;

import fr.cryptohash.BLAKE512;
import fr.cryptohash.BMW512;
import fr.cryptohash.Digest;
import fr.cryptohash.ECHO512;
import fr.cryptohash.JH512;
import fr.cryptohash.SHAvite512;
import fr.cryptohash.SIMD512;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.Random;
import java.util.function.BiConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each of the eleven functions against saphir-hash-core (a pure-Java sphlib port) one by one: on
 * random 64-byte inputs, and for BLAKE-512 (the only one that sees the header) on random 80-byte
 * inputs and random lengths 0..1,000. Then the whole chain, intermediate by intermediate.
 */
class X11FunctionsTest
{
    private static final HexFormat HEX = HexFormat.of();
    private static final int CASES = 2_000;

    @Test
    void bmwAgreesWithSaphir()
    {
        final Bmw512 f = new Bmw512();
        check("bmw", new BMW512(), f::hash);
    }

    @Test
    void groestlAgreesWithSaphir()
    {
        final Groestl512 f = new Groestl512();
        check("groestl", new Groestl512Oracle(), f::hash);
    }

    @Test
    void skeinAgreesWithSaphir()
    {
        final Skein512 f = new Skein512();
        check("skein", new Skein512Oracle(), f::hash);
    }

    @Test
    void jhAgreesWithSaphir()
    {
        final Jh512 f = new Jh512();
        check("jh", new JH512(), f::hash);
    }

    @Test
    void keccakAgreesWithSaphir()
    {
        check("keccak", new Keccak512Oracle(), Keccak512::hash);
    }

    @Test
    void luffaAgreesWithSaphir()
    {
        final io.dashcast.protocol.x11.Luffa512 f = new io.dashcast.protocol.x11.Luffa512();
        check("luffa", new fr.cryptohash.Luffa512(), f::hash);
    }

    @Test
    void cubeHashAgreesWithSaphir()
    {
        final io.dashcast.protocol.x11.CubeHash512 f = new io.dashcast.protocol.x11.CubeHash512();
        check("cubehash", new fr.cryptohash.CubeHash512(), f::hash);
    }

    @Test
    void shaviteAgreesWithSaphir()
    {
        final Shavite512 f = new Shavite512();
        check("shavite", new SHAvite512(), f::hash);
    }

    @Test
    void simdAgreesWithSaphir()
    {
        final Simd512 f = new Simd512();
        check("simd", new SIMD512(), f::hash);
    }

    @Test
    void echoAgreesWithSaphir()
    {
        final Echo512 f = new Echo512();
        check("echo", new ECHO512(), f::hash);
    }

    @Test
    void blakeAgreesWithSaphirOnHeadersAndAnyLength()
    {
        final Blake512 f = new Blake512();
        final Digest oracle = new BLAKE512();
        final Random random = new Random(80);
        final long[] out = new long[8];
        for (int i = 0; i < CASES + 1_001; i++)
        {
            final int length = i < CASES ? 80 : i - CASES;
            final byte[] input = new byte[length + 7];
            random.nextBytes(input);
            f.hash(new UnsafeBuffer(input), 7, length, out);
            oracle.update(input, 7, length);
            assertEquals(HEX.formatHex(oracle.digest()), hex(out), "blake of " + length + " bytes, case " + i);
        }
    }

    @Test
    void chainAgreesWithSaphirIntermediateByIntermediate()
    {
        final Digest[] oracle = {
            new BLAKE512(), new BMW512(), new fr.cryptohash.Groestl512(), new fr.cryptohash.Skein512(), new JH512(),
            new fr.cryptohash.Keccak512(), new fr.cryptohash.Luffa512(), new fr.cryptohash.CubeHash512(),
            new SHAvite512(), new SIMD512(), new ECHO512() };
        final Blake512 blake = new Blake512();
        final Bmw512 bmw = new Bmw512();
        final Groestl512 groestl = new Groestl512();
        final Skein512 skein = new Skein512();
        final Jh512 jh = new Jh512();
        final io.dashcast.protocol.x11.Luffa512 luffa = new io.dashcast.protocol.x11.Luffa512();
        final io.dashcast.protocol.x11.CubeHash512 cubeHash = new io.dashcast.protocol.x11.CubeHash512();
        final Shavite512 shavite = new Shavite512();
        final Simd512 simd = new Simd512();
        final Echo512 echo = new Echo512();
        final BiConsumer<long[], long[]>[] chain = chain(
            bmw::hash, groestl::hash, skein::hash, jh::hash, Keccak512::hash, luffa::hash, cubeHash::hash,
            shavite::hash, simd::hash, echo::hash);
        final X11Chain x11 = new X11Chain();
        final Random random = new Random(11);
        final byte[] header = new byte[80];
        final byte[] hash = new byte[32];
        for (int c = 0; c < 500; c++)
        {
            random.nextBytes(header);
            long[] in = new long[8];
            blake.hash(new UnsafeBuffer(header), 0, 80, in);
            byte[] expected = oracle[0].digest(header);
            assertEquals(HEX.formatHex(expected), hex(in), "blake, case " + c);
            for (int f = 0; f < chain.length; f++)
            {
                final long[] out = new long[8];
                chain[f].accept(in, out);
                expected = oracle[f + 1].digest(expected);
                assertEquals(HEX.formatHex(expected), hex(out), "function " + (f + 1) + ", case " + c);
                in = out;
            }
            x11.hash(new UnsafeBuffer(header), 0, 80, hash, 0);
            assertEquals(HEX.formatHex(expected, 0, 32), HEX.formatHex(hash), "x11, case " + c);
        }
    }

    @SafeVarargs
    private static BiConsumer<long[], long[]>[] chain(final BiConsumer<long[], long[]>... functions)
    {
        return functions;
    }

    private static void check(final String name, final Digest oracle, final BiConsumer<long[], long[]> function)
    {
        final Random random = new Random(name.hashCode());
        final byte[] input = new byte[64];
        final long[] in = new long[8];
        final long[] out = new long[8];
        for (int i = 0; i < CASES; i++)
        {
            random.nextBytes(input);
            if (i == 0)
            {
                java.util.Arrays.fill(input, (byte)0);
            }
            ByteBuffer.wrap(input).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(in);
            function.accept(in, out);
            assertEquals(HEX.formatHex(oracle.digest(input)), hex(out), name + ", case " + i);
        }
    }

    static String hex(final long[] words)
    {
        final ByteBuffer bytes = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asLongBuffer().put(words);
        return HEX.formatHex(bytes.array());
    }

    /** Names clash with ours; these aliases keep the tests readable. */
    private static final class Groestl512Oracle extends fr.cryptohash.Groestl512
    {
    }

    private static final class Skein512Oracle extends fr.cryptohash.Skein512
    {
    }

    private static final class Keccak512Oracle extends fr.cryptohash.Keccak512
    {
    }
}
