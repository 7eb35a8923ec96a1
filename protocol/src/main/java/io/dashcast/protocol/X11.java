package io.dashcast.protocol;

import fr.cryptohash.BLAKE512;
import fr.cryptohash.BMW512;
import fr.cryptohash.CubeHash512;
import fr.cryptohash.Digest;
import fr.cryptohash.ECHO512;
import fr.cryptohash.Groestl512;
import fr.cryptohash.JH512;
import fr.cryptohash.Keccak512;
import fr.cryptohash.Luffa512;
import fr.cryptohash.SHAvite512;
import fr.cryptohash.SIMD512;
import fr.cryptohash.Skein512;
import org.agrona.DirectBuffer;

/**
 * X11, the proof-of-work hash that names a Dash block: eleven 512-bit hashes chained in the
 * order blake, bmw, groestl, skein, jh, keccak, luffa, cubehash, shavite, simd, echo, each over
 * the previous 64-byte output; the result is the first 32 bytes of the last.
 * <p>
 * The eleven functions come from saphir-hash-core (a pure-Java sphlib port, the one dashj uses);
 * this class keeps one instance of each and two 64-byte scratch arrays, so a hash allocates
 * nothing. Not thread safe: keep one per thread.
 */
public final class X11
{
    /** Bytes in an X11 hash. */
    public static final int HASH_LENGTH = 32;
    private static final int WIDE = 64;

    private final Digest[] chain = {
        new BLAKE512(), new BMW512(), new Groestl512(), new Skein512(), new JH512(), new Keccak512(),
        new Luffa512(), new CubeHash512(), new SHAvite512(), new SIMD512(), new ECHO512() };
    private final byte[] input = new byte[256];
    private final byte[] a = new byte[WIDE];
    private final byte[] b = new byte[WIDE];

    /**
     * Hash bytes held in an array.
     *
     * @param src       input.
     * @param offset    first byte.
     * @param length    number of bytes.
     * @param dst       where the 32-byte hash goes (internal byte order).
     * @param dstOffset offset in {@code dst}.
     */
    public void hash(final byte[] src, final int offset, final int length, final byte[] dst, final int dstOffset)
    {
        final Digest first = chain[0];
        first.update(src, offset, length);
        digest(first, a);
        byte[] in = a;
        byte[] out = b;
        for (int i = 1; i < chain.length; i++)
        {
            final Digest d = chain[i];
            d.update(in, 0, WIDE);
            digest(d, out);
            final byte[] t = in;
            in = out;
            out = t;
        }
        System.arraycopy(in, 0, dst, dstOffset, HASH_LENGTH);
    }

    /**
     * Hash a range of a buffer, typically an 80-byte block header.
     *
     * @param src       input.
     * @param offset    first byte.
     * @param length    number of bytes.
     * @param dst       where the 32-byte hash goes (internal byte order).
     * @param dstOffset offset in {@code dst}.
     */
    public void hash(final DirectBuffer src, final int offset, final int length, final byte[] dst, final int dstOffset)
    {
        final byte[] array = src.byteArray();
        if (array != null)
        {
            hash(array, src.wrapAdjustment() + offset, length, dst, dstOffset);
        }
        else if (length <= input.length)
        {
            src.getBytes(offset, input, 0, length);
            hash(input, 0, length, dst, dstOffset);
        }
        else
        {
            final byte[] copy = new byte[length];
            src.getBytes(offset, copy, 0, length);
            hash(copy, 0, length, dst, dstOffset);
        }
    }

    private static void digest(final Digest d, final byte[] out)
    {
        // digest(byte[], int, int) also resets the engine for the next use.
        d.digest(out, 0, WIDE);
    }
}
