package io.dashcast.protocol.x11;

/**
 * Grøstl-512 over a 64-byte message: one compression {@code P(h ^ m) ^ Q(m) ^ h} of the padded
 * 128-byte block, then the output transform {@code P(h) ^ h}. Columns are big-endian longs, row 0
 * in the top byte; {@code Tk[x]} is the MixBytes column of S(x) entering at row k.
 */
final class Groestl512
{
    private static final long[] T0 = new long[256];
    private static final long[] T1 = new long[256];
    private static final long[] T2 = new long[256];
    private static final long[] T3 = new long[256];
    private static final long[] T4 = new long[256];
    private static final long[] T5 = new long[256];
    private static final long[] T6 = new long[256];
    private static final long[] T7 = new long[256];
    private static final int ROUNDS = 14;

    static
    {
        final int[] c = { 2, 2, 3, 4, 5, 3, 5, 7 };
        for (int x = 0; x < 256; x++)
        {
            final int s = Aes.SBOX[x];
            long t = 0;
            for (int row = 0; row < 8; row++)
            {
                t = (t << 8) | Aes.mul(s, c[(8 - row) & 7]);
            }
            T0[x] = t;
            T1[x] = Long.rotateRight(t, 8);
            T2[x] = Long.rotateRight(t, 16);
            T3[x] = Long.rotateRight(t, 24);
            T4[x] = Long.rotateRight(t, 32);
            T5[x] = Long.rotateRight(t, 40);
            T6[x] = Long.rotateRight(t, 48);
            T7[x] = Long.rotateRight(t, 56);
        }
    }

    private final long[] h = new long[16];
    private final long[] g = new long[16];
    private final long[] a = new long[16];
    private final long[] t = new long[16];

    /**
     * @param in  64-byte message, eight little-endian words.
     * @param out 64-byte digest, eight little-endian words.
     */
    void hash(final long[] in, final long[] out)
    {
        final long[] h = this.h;
        final long[] g = this.g;
        final long[] a = this.a;
        for (int i = 0; i < 8; i++)
        {
            h[i] = Long.reverseBytes(in[i]);
        }
        h[8] = 0x8000000000000000L;
        for (int i = 9; i < 15; i++)
        {
            h[i] = 0;
        }
        h[15] = 1;
        System.arraycopy(h, 0, a, 0, 16);
        permuteQ(a);
        System.arraycopy(a, 0, g, 0, 16);
        // The IV is 512 in the last column: h' = P(IV ^ m) ^ Q(m) ^ IV.
        System.arraycopy(h, 0, a, 0, 16);
        a[15] ^= 512;
        permuteP(a);
        for (int i = 0; i < 16; i++)
        {
            h[i] = a[i] ^ g[i];
        }
        h[15] ^= 512;
        System.arraycopy(h, 0, a, 0, 16);
        permuteP(a);
        for (int i = 0; i < 8; i++)
        {
            out[i] = Long.reverseBytes(a[8 + i] ^ h[8 + i]);
        }
    }

    /**
     * P in place over {@code x} (which is {@code a} or {@code t}; the other array is scratch).
     */
    private void permuteP(final long[] x)
    {
        final long[] y = x == a ? t : a;
        for (int r = 0; r < ROUNDS; r += 2)
        {
            addP(x, r);
            roundP(x, y);
            addP(y, r + 1);
            roundP(y, x);
        }
    }

    private void permuteQ(final long[] x)
    {
        final long[] y = x == a ? t : a;
        for (int r = 0; r < ROUNDS; r += 2)
        {
            addQ(x, r);
            roundQ(x, y);
            addQ(y, r + 1);
            roundQ(y, x);
        }
    }

    private static void addP(final long[] x, final int r)
    {
        for (int i = 0; i < 16; i++)
        {
            x[i] ^= (long)((i << 4) ^ r) << 56;
        }
    }

    private static void addQ(final long[] x, final int r)
    {
        for (int i = 0; i < 16; i++)
        {
            x[i] ^= ~(long)((i << 4) ^ r);
        }
    }

    private static void roundP(final long[] x, final long[] y)
    {
        y[0] = T0[(int)(x[0] >>> 56)] ^ T1[(int)(x[1] >>> 48) & 0xFF] ^ T2[(int)(x[2] >>> 40) & 0xFF] ^ T3[(int)(x[3] >>> 32) & 0xFF]
            ^ T4[(int)(x[4] >>> 24) & 0xFF] ^ T5[(int)(x[5] >>> 16) & 0xFF] ^ T6[(int)(x[6] >>> 8) & 0xFF] ^ T7[(int)x[11] & 0xFF];
        y[1] = T0[(int)(x[1] >>> 56)] ^ T1[(int)(x[2] >>> 48) & 0xFF] ^ T2[(int)(x[3] >>> 40) & 0xFF] ^ T3[(int)(x[4] >>> 32) & 0xFF]
            ^ T4[(int)(x[5] >>> 24) & 0xFF] ^ T5[(int)(x[6] >>> 16) & 0xFF] ^ T6[(int)(x[7] >>> 8) & 0xFF] ^ T7[(int)x[12] & 0xFF];
        y[2] = T0[(int)(x[2] >>> 56)] ^ T1[(int)(x[3] >>> 48) & 0xFF] ^ T2[(int)(x[4] >>> 40) & 0xFF] ^ T3[(int)(x[5] >>> 32) & 0xFF]
            ^ T4[(int)(x[6] >>> 24) & 0xFF] ^ T5[(int)(x[7] >>> 16) & 0xFF] ^ T6[(int)(x[8] >>> 8) & 0xFF] ^ T7[(int)x[13] & 0xFF];
        y[3] = T0[(int)(x[3] >>> 56)] ^ T1[(int)(x[4] >>> 48) & 0xFF] ^ T2[(int)(x[5] >>> 40) & 0xFF] ^ T3[(int)(x[6] >>> 32) & 0xFF]
            ^ T4[(int)(x[7] >>> 24) & 0xFF] ^ T5[(int)(x[8] >>> 16) & 0xFF] ^ T6[(int)(x[9] >>> 8) & 0xFF] ^ T7[(int)x[14] & 0xFF];
        y[4] = T0[(int)(x[4] >>> 56)] ^ T1[(int)(x[5] >>> 48) & 0xFF] ^ T2[(int)(x[6] >>> 40) & 0xFF] ^ T3[(int)(x[7] >>> 32) & 0xFF]
            ^ T4[(int)(x[8] >>> 24) & 0xFF] ^ T5[(int)(x[9] >>> 16) & 0xFF] ^ T6[(int)(x[10] >>> 8) & 0xFF] ^ T7[(int)x[15] & 0xFF];
        y[5] = T0[(int)(x[5] >>> 56)] ^ T1[(int)(x[6] >>> 48) & 0xFF] ^ T2[(int)(x[7] >>> 40) & 0xFF] ^ T3[(int)(x[8] >>> 32) & 0xFF]
            ^ T4[(int)(x[9] >>> 24) & 0xFF] ^ T5[(int)(x[10] >>> 16) & 0xFF] ^ T6[(int)(x[11] >>> 8) & 0xFF] ^ T7[(int)x[0] & 0xFF];
        y[6] = T0[(int)(x[6] >>> 56)] ^ T1[(int)(x[7] >>> 48) & 0xFF] ^ T2[(int)(x[8] >>> 40) & 0xFF] ^ T3[(int)(x[9] >>> 32) & 0xFF]
            ^ T4[(int)(x[10] >>> 24) & 0xFF] ^ T5[(int)(x[11] >>> 16) & 0xFF] ^ T6[(int)(x[12] >>> 8) & 0xFF] ^ T7[(int)x[1] & 0xFF];
        y[7] = T0[(int)(x[7] >>> 56)] ^ T1[(int)(x[8] >>> 48) & 0xFF] ^ T2[(int)(x[9] >>> 40) & 0xFF] ^ T3[(int)(x[10] >>> 32) & 0xFF]
            ^ T4[(int)(x[11] >>> 24) & 0xFF] ^ T5[(int)(x[12] >>> 16) & 0xFF] ^ T6[(int)(x[13] >>> 8) & 0xFF] ^ T7[(int)x[2] & 0xFF];
        y[8] = T0[(int)(x[8] >>> 56)] ^ T1[(int)(x[9] >>> 48) & 0xFF] ^ T2[(int)(x[10] >>> 40) & 0xFF] ^ T3[(int)(x[11] >>> 32) & 0xFF]
            ^ T4[(int)(x[12] >>> 24) & 0xFF] ^ T5[(int)(x[13] >>> 16) & 0xFF] ^ T6[(int)(x[14] >>> 8) & 0xFF] ^ T7[(int)x[3] & 0xFF];
        y[9] = T0[(int)(x[9] >>> 56)] ^ T1[(int)(x[10] >>> 48) & 0xFF] ^ T2[(int)(x[11] >>> 40) & 0xFF] ^ T3[(int)(x[12] >>> 32) & 0xFF]
            ^ T4[(int)(x[13] >>> 24) & 0xFF] ^ T5[(int)(x[14] >>> 16) & 0xFF] ^ T6[(int)(x[15] >>> 8) & 0xFF] ^ T7[(int)x[4] & 0xFF];
        y[10] = T0[(int)(x[10] >>> 56)] ^ T1[(int)(x[11] >>> 48) & 0xFF] ^ T2[(int)(x[12] >>> 40) & 0xFF] ^ T3[(int)(x[13] >>> 32) & 0xFF]
            ^ T4[(int)(x[14] >>> 24) & 0xFF] ^ T5[(int)(x[15] >>> 16) & 0xFF] ^ T6[(int)(x[0] >>> 8) & 0xFF] ^ T7[(int)x[5] & 0xFF];
        y[11] = T0[(int)(x[11] >>> 56)] ^ T1[(int)(x[12] >>> 48) & 0xFF] ^ T2[(int)(x[13] >>> 40) & 0xFF] ^ T3[(int)(x[14] >>> 32) & 0xFF]
            ^ T4[(int)(x[15] >>> 24) & 0xFF] ^ T5[(int)(x[0] >>> 16) & 0xFF] ^ T6[(int)(x[1] >>> 8) & 0xFF] ^ T7[(int)x[6] & 0xFF];
        y[12] = T0[(int)(x[12] >>> 56)] ^ T1[(int)(x[13] >>> 48) & 0xFF] ^ T2[(int)(x[14] >>> 40) & 0xFF] ^ T3[(int)(x[15] >>> 32) & 0xFF]
            ^ T4[(int)(x[0] >>> 24) & 0xFF] ^ T5[(int)(x[1] >>> 16) & 0xFF] ^ T6[(int)(x[2] >>> 8) & 0xFF] ^ T7[(int)x[7] & 0xFF];
        y[13] = T0[(int)(x[13] >>> 56)] ^ T1[(int)(x[14] >>> 48) & 0xFF] ^ T2[(int)(x[15] >>> 40) & 0xFF] ^ T3[(int)(x[0] >>> 32) & 0xFF]
            ^ T4[(int)(x[1] >>> 24) & 0xFF] ^ T5[(int)(x[2] >>> 16) & 0xFF] ^ T6[(int)(x[3] >>> 8) & 0xFF] ^ T7[(int)x[8] & 0xFF];
        y[14] = T0[(int)(x[14] >>> 56)] ^ T1[(int)(x[15] >>> 48) & 0xFF] ^ T2[(int)(x[0] >>> 40) & 0xFF] ^ T3[(int)(x[1] >>> 32) & 0xFF]
            ^ T4[(int)(x[2] >>> 24) & 0xFF] ^ T5[(int)(x[3] >>> 16) & 0xFF] ^ T6[(int)(x[4] >>> 8) & 0xFF] ^ T7[(int)x[9] & 0xFF];
        y[15] = T0[(int)(x[15] >>> 56)] ^ T1[(int)(x[0] >>> 48) & 0xFF] ^ T2[(int)(x[1] >>> 40) & 0xFF] ^ T3[(int)(x[2] >>> 32) & 0xFF]
            ^ T4[(int)(x[3] >>> 24) & 0xFF] ^ T5[(int)(x[4] >>> 16) & 0xFF] ^ T6[(int)(x[5] >>> 8) & 0xFF] ^ T7[(int)x[10] & 0xFF];
    }

    private static void roundQ(final long[] x, final long[] y)
    {
        y[0] = T0[(int)(x[1] >>> 56)] ^ T1[(int)(x[3] >>> 48) & 0xFF] ^ T2[(int)(x[5] >>> 40) & 0xFF] ^ T3[(int)(x[11] >>> 32) & 0xFF]
            ^ T4[(int)(x[0] >>> 24) & 0xFF] ^ T5[(int)(x[2] >>> 16) & 0xFF] ^ T6[(int)(x[4] >>> 8) & 0xFF] ^ T7[(int)x[6] & 0xFF];
        y[1] = T0[(int)(x[2] >>> 56)] ^ T1[(int)(x[4] >>> 48) & 0xFF] ^ T2[(int)(x[6] >>> 40) & 0xFF] ^ T3[(int)(x[12] >>> 32) & 0xFF]
            ^ T4[(int)(x[1] >>> 24) & 0xFF] ^ T5[(int)(x[3] >>> 16) & 0xFF] ^ T6[(int)(x[5] >>> 8) & 0xFF] ^ T7[(int)x[7] & 0xFF];
        y[2] = T0[(int)(x[3] >>> 56)] ^ T1[(int)(x[5] >>> 48) & 0xFF] ^ T2[(int)(x[7] >>> 40) & 0xFF] ^ T3[(int)(x[13] >>> 32) & 0xFF]
            ^ T4[(int)(x[2] >>> 24) & 0xFF] ^ T5[(int)(x[4] >>> 16) & 0xFF] ^ T6[(int)(x[6] >>> 8) & 0xFF] ^ T7[(int)x[8] & 0xFF];
        y[3] = T0[(int)(x[4] >>> 56)] ^ T1[(int)(x[6] >>> 48) & 0xFF] ^ T2[(int)(x[8] >>> 40) & 0xFF] ^ T3[(int)(x[14] >>> 32) & 0xFF]
            ^ T4[(int)(x[3] >>> 24) & 0xFF] ^ T5[(int)(x[5] >>> 16) & 0xFF] ^ T6[(int)(x[7] >>> 8) & 0xFF] ^ T7[(int)x[9] & 0xFF];
        y[4] = T0[(int)(x[5] >>> 56)] ^ T1[(int)(x[7] >>> 48) & 0xFF] ^ T2[(int)(x[9] >>> 40) & 0xFF] ^ T3[(int)(x[15] >>> 32) & 0xFF]
            ^ T4[(int)(x[4] >>> 24) & 0xFF] ^ T5[(int)(x[6] >>> 16) & 0xFF] ^ T6[(int)(x[8] >>> 8) & 0xFF] ^ T7[(int)x[10] & 0xFF];
        y[5] = T0[(int)(x[6] >>> 56)] ^ T1[(int)(x[8] >>> 48) & 0xFF] ^ T2[(int)(x[10] >>> 40) & 0xFF] ^ T3[(int)(x[0] >>> 32) & 0xFF]
            ^ T4[(int)(x[5] >>> 24) & 0xFF] ^ T5[(int)(x[7] >>> 16) & 0xFF] ^ T6[(int)(x[9] >>> 8) & 0xFF] ^ T7[(int)x[11] & 0xFF];
        y[6] = T0[(int)(x[7] >>> 56)] ^ T1[(int)(x[9] >>> 48) & 0xFF] ^ T2[(int)(x[11] >>> 40) & 0xFF] ^ T3[(int)(x[1] >>> 32) & 0xFF]
            ^ T4[(int)(x[6] >>> 24) & 0xFF] ^ T5[(int)(x[8] >>> 16) & 0xFF] ^ T6[(int)(x[10] >>> 8) & 0xFF] ^ T7[(int)x[12] & 0xFF];
        y[7] = T0[(int)(x[8] >>> 56)] ^ T1[(int)(x[10] >>> 48) & 0xFF] ^ T2[(int)(x[12] >>> 40) & 0xFF] ^ T3[(int)(x[2] >>> 32) & 0xFF]
            ^ T4[(int)(x[7] >>> 24) & 0xFF] ^ T5[(int)(x[9] >>> 16) & 0xFF] ^ T6[(int)(x[11] >>> 8) & 0xFF] ^ T7[(int)x[13] & 0xFF];
        y[8] = T0[(int)(x[9] >>> 56)] ^ T1[(int)(x[11] >>> 48) & 0xFF] ^ T2[(int)(x[13] >>> 40) & 0xFF] ^ T3[(int)(x[3] >>> 32) & 0xFF]
            ^ T4[(int)(x[8] >>> 24) & 0xFF] ^ T5[(int)(x[10] >>> 16) & 0xFF] ^ T6[(int)(x[12] >>> 8) & 0xFF] ^ T7[(int)x[14] & 0xFF];
        y[9] = T0[(int)(x[10] >>> 56)] ^ T1[(int)(x[12] >>> 48) & 0xFF] ^ T2[(int)(x[14] >>> 40) & 0xFF] ^ T3[(int)(x[4] >>> 32) & 0xFF]
            ^ T4[(int)(x[9] >>> 24) & 0xFF] ^ T5[(int)(x[11] >>> 16) & 0xFF] ^ T6[(int)(x[13] >>> 8) & 0xFF] ^ T7[(int)x[15] & 0xFF];
        y[10] = T0[(int)(x[11] >>> 56)] ^ T1[(int)(x[13] >>> 48) & 0xFF] ^ T2[(int)(x[15] >>> 40) & 0xFF] ^ T3[(int)(x[5] >>> 32) & 0xFF]
            ^ T4[(int)(x[10] >>> 24) & 0xFF] ^ T5[(int)(x[12] >>> 16) & 0xFF] ^ T6[(int)(x[14] >>> 8) & 0xFF] ^ T7[(int)x[0] & 0xFF];
        y[11] = T0[(int)(x[12] >>> 56)] ^ T1[(int)(x[14] >>> 48) & 0xFF] ^ T2[(int)(x[0] >>> 40) & 0xFF] ^ T3[(int)(x[6] >>> 32) & 0xFF]
            ^ T4[(int)(x[11] >>> 24) & 0xFF] ^ T5[(int)(x[13] >>> 16) & 0xFF] ^ T6[(int)(x[15] >>> 8) & 0xFF] ^ T7[(int)x[1] & 0xFF];
        y[12] = T0[(int)(x[13] >>> 56)] ^ T1[(int)(x[15] >>> 48) & 0xFF] ^ T2[(int)(x[1] >>> 40) & 0xFF] ^ T3[(int)(x[7] >>> 32) & 0xFF]
            ^ T4[(int)(x[12] >>> 24) & 0xFF] ^ T5[(int)(x[14] >>> 16) & 0xFF] ^ T6[(int)(x[0] >>> 8) & 0xFF] ^ T7[(int)x[2] & 0xFF];
        y[13] = T0[(int)(x[14] >>> 56)] ^ T1[(int)(x[0] >>> 48) & 0xFF] ^ T2[(int)(x[2] >>> 40) & 0xFF] ^ T3[(int)(x[8] >>> 32) & 0xFF]
            ^ T4[(int)(x[13] >>> 24) & 0xFF] ^ T5[(int)(x[15] >>> 16) & 0xFF] ^ T6[(int)(x[1] >>> 8) & 0xFF] ^ T7[(int)x[3] & 0xFF];
        y[14] = T0[(int)(x[15] >>> 56)] ^ T1[(int)(x[1] >>> 48) & 0xFF] ^ T2[(int)(x[3] >>> 40) & 0xFF] ^ T3[(int)(x[9] >>> 32) & 0xFF]
            ^ T4[(int)(x[14] >>> 24) & 0xFF] ^ T5[(int)(x[0] >>> 16) & 0xFF] ^ T6[(int)(x[2] >>> 8) & 0xFF] ^ T7[(int)x[4] & 0xFF];
        y[15] = T0[(int)(x[0] >>> 56)] ^ T1[(int)(x[2] >>> 48) & 0xFF] ^ T2[(int)(x[4] >>> 40) & 0xFF] ^ T3[(int)(x[10] >>> 32) & 0xFF]
            ^ T4[(int)(x[15] >>> 24) & 0xFF] ^ T5[(int)(x[1] >>> 16) & 0xFF] ^ T6[(int)(x[3] >>> 8) & 0xFF] ^ T7[(int)x[5] & 0xFF];
    }
}
