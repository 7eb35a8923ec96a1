package io.dashcast.bench.protocol;

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

/**
 * The baseline: X11 as dashcast computed it before its own functions, from saphir-hash-core's
 * generic sphlib digests (one instance of each, two 64-byte scratch arrays). Not thread safe.
 */
public final class SaphirX11
{
    private static final int WIDE = 64;

    private final Digest[] chain = {
        new BLAKE512(), new BMW512(), new Groestl512(), new Skein512(), new JH512(), new Keccak512(),
        new Luffa512(), new CubeHash512(), new SHAvite512(), new SIMD512(), new ECHO512() };
    private final byte[] a = new byte[WIDE];
    private final byte[] b = new byte[WIDE];

    /**
     * @param src       input.
     * @param offset    first byte.
     * @param length    number of bytes.
     * @param dst       where the 32-byte hash goes.
     * @param dstOffset offset in {@code dst}.
     */
    public void hash(final byte[] src, final int offset, final int length, final byte[] dst, final int dstOffset)
    {
        final Digest first = chain[0];
        first.update(src, offset, length);
        first.digest(a, 0, WIDE);
        byte[] in = a;
        byte[] out = b;
        for (int i = 1; i < chain.length; i++)
        {
            final Digest d = chain[i];
            d.update(in, 0, WIDE);
            d.digest(out, 0, WIDE);
            final byte[] t = in;
            in = out;
            out = t;
        }
        System.arraycopy(in, 0, dst, dstOffset, 32);
    }
}
