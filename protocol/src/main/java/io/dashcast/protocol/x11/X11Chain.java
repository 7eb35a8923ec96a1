package io.dashcast.protocol.x11;

import org.agrona.DirectBuffer;

/**
 * The X11 chain: BLAKE-512 of the input, then BMW, Grøstl, Skein, JH, Keccak, Luffa, CubeHash,
 * SHAvite-3, SIMD and ECHO (all 512-bit) each over the previous 64-byte digest; the hash is the
 * first 32 bytes of the last.
 * <p>
 * Digests pass between the functions as eight little-endian longs in two arrays owned by the
 * instance; nothing is allocated per hash. Not thread safe: keep one per thread.
 */
public final class X11Chain
{
    /** Bytes in an X11 hash. */
    public static final int HASH_LENGTH = 32;

    private final Blake512 blake = new Blake512();
    private final Bmw512 bmw = new Bmw512();
    private final Groestl512 groestl = new Groestl512();
    private final Skein512 skein = new Skein512();
    private final Jh512 jh = new Jh512();
    private final Luffa512 luffa = new Luffa512();
    private final CubeHash512 cubeHash = new CubeHash512();
    private final Shavite512 shavite = new Shavite512();
    private final Simd512 simd = new Simd512();
    private final Echo512 echo = new Echo512();
    private final long[] a = new long[8];
    private final long[] b = new long[8];

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
        final long[] a = this.a;
        final long[] b = this.b;
        blake.hash(src, offset, length, a);
        bmw.hash(a, b);
        groestl.hash(b, a);
        skein.hash(a, b);
        jh.hash(b, a);
        Keccak512.hash(a, b);
        luffa.hash(b, a);
        cubeHash.hash(a, b);
        shavite.hash(b, a);
        simd.hash(a, b);
        echo.hash(b, a);
        for (int i = 0; i < 4; i++)
        {
            final long w = a[i];
            for (int j = 0; j < 8; j++)
            {
                dst[dstOffset + 8 * i + j] = (byte)(w >>> (8 * j));
            }
        }
    }
}
