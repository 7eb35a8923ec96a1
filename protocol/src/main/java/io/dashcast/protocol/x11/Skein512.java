package io.dashcast.protocol.x11;

/**
 * Skein-512-512 over a 64-byte message: one UBI call of Threefish-512 (72 rounds) on the message
 * block, one on the output block (counter 0).
 */
final class Skein512
{
    /** Chaining value after the configuration block for a 512-bit output. */
    private static final long[] IV = {
        0x4903ADFF749C51CEL, 0x0D95DE399746DF03L, 0x8FD1934127C79BCEL, 0x9A255629FF352CB1L,
        0x5DB62599DF6CA7B0L, 0xEABE394CA9D5C3F4L, 0x991112C71A75B523L, 0xAE18A40B660FCC33L };
    private static final long C240 = 0x1BD11BDAA9FC1A22L;
    /** Tweak word 1: first, final, type message (48). */
    private static final long T1_MESSAGE = 0xF000000000000000L;
    /** Tweak word 1: first, final, type output (63). */
    private static final long T1_OUTPUT = 0xFF00000000000000L;

    /** Key words k0..k8 repeated, so subkey s (0..17) reads k[s..s+7] without a modulo. */
    private final long[] k = new long[25];
    private final long[] t = new long[3];
    private final long[] h = new long[8];

    /**
     * @param in  64-byte message, eight little-endian words.
     * @param out 64-byte digest, eight little-endian words.
     */
    void hash(final long[] in, final long[] out)
    {
        ubi(IV, in, 64, T1_MESSAGE, h);
        final long[] zero = out;
        final long[] chain = h;
        // Output block: the 8-byte counter 0, zero padded.
        for (int i = 0; i < 8; i++)
        {
            zero[i] = 0;
        }
        ubi(chain, zero, 8, T1_OUTPUT, out);
    }

    /**
     * out = Threefish_key(m) ^ m with tweak (t0, t1); {@code out} may be {@code m} but not {@code key}.
     */
    private void ubi(final long[] key, final long[] m, final long t0, final long t1, final long[] out)
    {
        final long[] k = this.k;
        final long[] t = this.t;
        long k8 = C240;
        for (int i = 0; i < 8; i++)
        {
            k[i] = key[i];
            k8 ^= key[i];
        }
        k[8] = k8;
        for (int i = 9; i < 25; i++)
        {
            k[i] = k[i - 9];
        }
        t[0] = t0;
        t[1] = t1;
        t[2] = t0 ^ t1;
        final long m0 = m[0];
        final long m1 = m[1];
        final long m2 = m[2];
        final long m3 = m[3];
        final long m4 = m[4];
        final long m5 = m[5];
        final long m6 = m[6];
        final long m7 = m[7];
        long x0 = m0;
        long x1 = m1;
        long x2 = m2;
        long x3 = m3;
        long x4 = m4;
        long x5 = m5;
        long x6 = m6;
        long x7 = m7;
        for (int s = 0; s < 18; s += 2)
        {
            x0 += k[s];
            x1 += k[s + 1];
            x2 += k[s + 2];
            x3 += k[s + 3];
            x4 += k[s + 4];
            x5 += k[s + 5] + t[s % 3];
            x6 += k[s + 6] + t[(s + 1) % 3];
            x7 += k[s + 7] + s;
            x0 += x1;
            x1 = Long.rotateLeft(x1, 46) ^ x0;
            x2 += x3;
            x3 = Long.rotateLeft(x3, 36) ^ x2;
            x4 += x5;
            x5 = Long.rotateLeft(x5, 19) ^ x4;
            x6 += x7;
            x7 = Long.rotateLeft(x7, 37) ^ x6;
            x2 += x1;
            x1 = Long.rotateLeft(x1, 33) ^ x2;
            x4 += x7;
            x7 = Long.rotateLeft(x7, 27) ^ x4;
            x6 += x5;
            x5 = Long.rotateLeft(x5, 14) ^ x6;
            x0 += x3;
            x3 = Long.rotateLeft(x3, 42) ^ x0;
            x4 += x1;
            x1 = Long.rotateLeft(x1, 17) ^ x4;
            x6 += x3;
            x3 = Long.rotateLeft(x3, 49) ^ x6;
            x0 += x5;
            x5 = Long.rotateLeft(x5, 36) ^ x0;
            x2 += x7;
            x7 = Long.rotateLeft(x7, 39) ^ x2;
            x6 += x1;
            x1 = Long.rotateLeft(x1, 44) ^ x6;
            x0 += x7;
            x7 = Long.rotateLeft(x7, 9) ^ x0;
            x2 += x5;
            x5 = Long.rotateLeft(x5, 54) ^ x2;
            x4 += x3;
            x3 = Long.rotateLeft(x3, 56) ^ x4;
            x0 += k[s + 1];
            x1 += k[s + 2];
            x2 += k[s + 3];
            x3 += k[s + 4];
            x4 += k[s + 5];
            x5 += k[s + 6] + t[(s + 1) % 3];
            x6 += k[s + 7] + t[(s + 2) % 3];
            x7 += k[s + 8] + s + 1;
            x0 += x1;
            x1 = Long.rotateLeft(x1, 39) ^ x0;
            x2 += x3;
            x3 = Long.rotateLeft(x3, 30) ^ x2;
            x4 += x5;
            x5 = Long.rotateLeft(x5, 34) ^ x4;
            x6 += x7;
            x7 = Long.rotateLeft(x7, 24) ^ x6;
            x2 += x1;
            x1 = Long.rotateLeft(x1, 13) ^ x2;
            x4 += x7;
            x7 = Long.rotateLeft(x7, 50) ^ x4;
            x6 += x5;
            x5 = Long.rotateLeft(x5, 10) ^ x6;
            x0 += x3;
            x3 = Long.rotateLeft(x3, 17) ^ x0;
            x4 += x1;
            x1 = Long.rotateLeft(x1, 25) ^ x4;
            x6 += x3;
            x3 = Long.rotateLeft(x3, 29) ^ x6;
            x0 += x5;
            x5 = Long.rotateLeft(x5, 39) ^ x0;
            x2 += x7;
            x7 = Long.rotateLeft(x7, 43) ^ x2;
            x6 += x1;
            x1 = Long.rotateLeft(x1, 8) ^ x6;
            x0 += x7;
            x7 = Long.rotateLeft(x7, 35) ^ x0;
            x2 += x5;
            x5 = Long.rotateLeft(x5, 56) ^ x2;
            x4 += x3;
            x3 = Long.rotateLeft(x3, 22) ^ x4;
        }
        out[0] = (x0 + k[0]) ^ m0;
        out[1] = (x1 + k[1]) ^ m1;
        out[2] = (x2 + k[2]) ^ m2;
        out[3] = (x3 + k[3]) ^ m3;
        out[4] = (x4 + k[4]) ^ m4;
        out[5] = (x5 + k[5] + t[0]) ^ m5;
        out[6] = (x6 + k[6] + t[1]) ^ m6;
        out[7] = (x7 + k[7] + 18) ^ m7;
    }
}
