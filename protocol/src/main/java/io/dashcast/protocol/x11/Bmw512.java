package io.dashcast.protocol.x11;

/**
 * BLUE MIDNIGHT WISH-512 over a 64-byte message: one compression of the padded block, one of the
 * result under the constant final chaining value.
 */
final class Bmw512
{
    private static final long[] IV = new long[16];
    private static final long[] FINAL = new long[16];
    private static final long[] K = new long[16];

    static
    {
        for (int i = 0; i < 16; i++)
        {
            final long b = 0x80L + 8 * i;
            long v = 0;
            for (int j = 0; j < 8; j++)
            {
                v = (v << 8) | (b + j);
            }
            IV[i] = v;
            FINAL[i] = 0xAAAAAAAAAAAAAAA0L + i;
            K[i] = (i + 16) * 0x0555555555555555L;
        }
    }

    private final long[] m = new long[16];
    private final long[] h = new long[16];
    private final long[] q = new long[32];

    /**
     * @param in  64-byte message, eight little-endian words.
     * @param out 64-byte digest, eight little-endian words.
     */
    void hash(final long[] in, final long[] out)
    {
        final long[] m = this.m;
        System.arraycopy(in, 0, m, 0, 8);
        m[8] = 0x80;
        for (int i = 9; i < 15; i++)
        {
            m[i] = 0;
        }
        m[15] = 512;
        compress(m, IV, h);
        System.arraycopy(h, 0, m, 0, 16);
        compress(m, FINAL, h);
        System.arraycopy(h, 8, out, 0, 8);
    }

    private static long s0(final long x)
    {
        return (x >>> 1) ^ (x << 3) ^ Long.rotateLeft(x, 4) ^ Long.rotateLeft(x, 37);
    }

    private static long s1(final long x)
    {
        return (x >>> 1) ^ (x << 2) ^ Long.rotateLeft(x, 13) ^ Long.rotateLeft(x, 43);
    }

    private static long s2(final long x)
    {
        return (x >>> 2) ^ (x << 1) ^ Long.rotateLeft(x, 19) ^ Long.rotateLeft(x, 53);
    }

    private static long s3(final long x)
    {
        return (x >>> 2) ^ (x << 2) ^ Long.rotateLeft(x, 28) ^ Long.rotateLeft(x, 59);
    }

    private static long s4(final long x)
    {
        return (x >>> 1) ^ x;
    }

    private static long s5(final long x)
    {
        return (x >>> 2) ^ x;
    }

    /**
     * dh = f(m, h); {@code dh} may not be {@code h} but may be {@code m}.
     */
    private void compress(final long[] m, final long[] h, final long[] dh)
    {
        final long[] q = this.q;
        final long x0 = m[0] ^ h[0];
        final long x1 = m[1] ^ h[1];
        final long x2 = m[2] ^ h[2];
        final long x3 = m[3] ^ h[3];
        final long x4 = m[4] ^ h[4];
        final long x5 = m[5] ^ h[5];
        final long x6 = m[6] ^ h[6];
        final long x7 = m[7] ^ h[7];
        final long x8 = m[8] ^ h[8];
        final long x9 = m[9] ^ h[9];
        final long x10 = m[10] ^ h[10];
        final long x11 = m[11] ^ h[11];
        final long x12 = m[12] ^ h[12];
        final long x13 = m[13] ^ h[13];
        final long x14 = m[14] ^ h[14];
        final long x15 = m[15] ^ h[15];
        q[0] = s0(x5 - x7 + x10 + x13 + x14) + h[1];
        q[1] = s1(x6 - x8 + x11 + x14 - x15) + h[2];
        q[2] = s2(x0 + x7 + x9 - x12 + x15) + h[3];
        q[3] = s3(x0 - x1 + x8 - x10 + x13) + h[4];
        q[4] = s4(x1 + x2 + x9 - x11 - x14) + h[5];
        q[5] = s0(x3 - x2 + x10 - x12 + x15) + h[6];
        q[6] = s1(x4 - x0 - x3 - x11 + x13) + h[7];
        q[7] = s2(x1 - x4 - x5 - x12 - x14) + h[8];
        q[8] = s3(x2 - x5 - x6 + x13 - x15) + h[9];
        q[9] = s4(x0 - x3 + x6 - x7 + x14) + h[10];
        q[10] = s0(x8 - x1 - x4 - x7 + x15) + h[11];
        q[11] = s1(x8 - x0 - x2 - x5 + x9) + h[12];
        q[12] = s2(x1 + x3 - x6 - x9 + x10) + h[13];
        q[13] = s3(x2 + x4 + x7 + x10 + x11) + h[14];
        q[14] = s4(x3 - x5 + x8 - x11 - x12) + h[15];
        q[15] = s0(x12 - x4 - x6 - x9 + x13) + h[0];
        for (int i = 16; i < 18; i++)
        {
            q[i] = s1(q[i - 16]) + s2(q[i - 15]) + s3(q[i - 14]) + s0(q[i - 13])
                + s1(q[i - 12]) + s2(q[i - 11]) + s3(q[i - 10]) + s0(q[i - 9])
                + s1(q[i - 8]) + s2(q[i - 7]) + s3(q[i - 6]) + s0(q[i - 5])
                + s1(q[i - 4]) + s2(q[i - 3]) + s3(q[i - 2]) + s0(q[i - 1])
                + addElement(m, h, i - 16);
        }
        for (int i = 18; i < 32; i++)
        {
            q[i] = q[i - 16] + Long.rotateLeft(q[i - 15], 5) + q[i - 14] + Long.rotateLeft(q[i - 13], 11)
                + q[i - 12] + Long.rotateLeft(q[i - 11], 27) + q[i - 10] + Long.rotateLeft(q[i - 9], 32)
                + q[i - 8] + Long.rotateLeft(q[i - 7], 37) + q[i - 6] + Long.rotateLeft(q[i - 5], 43)
                + q[i - 4] + Long.rotateLeft(q[i - 3], 53) + s4(q[i - 2]) + s5(q[i - 1])
                + addElement(m, h, i - 16);
        }
        final long xl = q[16] ^ q[17] ^ q[18] ^ q[19] ^ q[20] ^ q[21] ^ q[22] ^ q[23];
        final long xh = xl ^ q[24] ^ q[25] ^ q[26] ^ q[27] ^ q[28] ^ q[29] ^ q[30] ^ q[31];
        final long m0 = m[0];
        final long m1 = m[1];
        final long m2 = m[2];
        final long m3 = m[3];
        final long m4 = m[4];
        final long m5 = m[5];
        final long m6 = m[6];
        final long m7 = m[7];
        final long m8 = m[8];
        final long m9 = m[9];
        final long m10 = m[10];
        final long m11 = m[11];
        final long m12 = m[12];
        final long m13 = m[13];
        final long m14 = m[14];
        final long m15 = m[15];
        final long d0 = ((xh << 5) ^ (q[16] >>> 5) ^ m0) + (xl ^ q[24] ^ q[0]);
        final long d1 = ((xh >>> 7) ^ (q[17] << 8) ^ m1) + (xl ^ q[25] ^ q[1]);
        final long d2 = ((xh >>> 5) ^ (q[18] << 5) ^ m2) + (xl ^ q[26] ^ q[2]);
        final long d3 = ((xh >>> 1) ^ (q[19] << 5) ^ m3) + (xl ^ q[27] ^ q[3]);
        final long d4 = ((xh >>> 3) ^ q[20] ^ m4) + (xl ^ q[28] ^ q[4]);
        final long d5 = ((xh << 6) ^ (q[21] >>> 6) ^ m5) + (xl ^ q[29] ^ q[5]);
        final long d6 = ((xh >>> 4) ^ (q[22] << 6) ^ m6) + (xl ^ q[30] ^ q[6]);
        final long d7 = ((xh >>> 11) ^ (q[23] << 2) ^ m7) + (xl ^ q[31] ^ q[7]);
        dh[0] = d0;
        dh[1] = d1;
        dh[2] = d2;
        dh[3] = d3;
        dh[4] = d4;
        dh[5] = d5;
        dh[6] = d6;
        dh[7] = d7;
        dh[8] = Long.rotateLeft(d4, 9) + (xh ^ q[24] ^ m8) + ((xl << 8) ^ q[23] ^ q[8]);
        dh[9] = Long.rotateLeft(d5, 10) + (xh ^ q[25] ^ m9) + ((xl >>> 6) ^ q[16] ^ q[9]);
        dh[10] = Long.rotateLeft(d6, 11) + (xh ^ q[26] ^ m10) + ((xl << 6) ^ q[17] ^ q[10]);
        dh[11] = Long.rotateLeft(d7, 12) + (xh ^ q[27] ^ m11) + ((xl << 4) ^ q[18] ^ q[11]);
        dh[12] = Long.rotateLeft(d0, 13) + (xh ^ q[28] ^ m12) + ((xl >>> 3) ^ q[19] ^ q[12]);
        dh[13] = Long.rotateLeft(d1, 14) + (xh ^ q[29] ^ m13) + ((xl >>> 4) ^ q[20] ^ q[13]);
        dh[14] = Long.rotateLeft(d2, 15) + (xh ^ q[30] ^ m14) + ((xl >>> 7) ^ q[21] ^ q[14]);
        dh[15] = Long.rotateLeft(d3, 16) + (xh ^ q[31] ^ m15) + ((xl >>> 2) ^ q[22] ^ q[15]);
    }

    private static long addElement(final long[] m, final long[] h, final int j)
    {
        final int a = j;
        final int b = (j + 3) & 15;
        final int c = (j + 10) & 15;
        return (Long.rotateLeft(m[a], a + 1) + Long.rotateLeft(m[b], b + 1) - Long.rotateLeft(m[c], c + 1) + K[j])
            ^ h[(j + 7) & 15];
    }
}
