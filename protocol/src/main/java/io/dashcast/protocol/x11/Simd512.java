package io.dashcast.protocol.x11;

/**
 * SIMD-512 over a 64-byte message: two compressions, the zero-padded message block and the length
 * block (bit count 512). Each expands its block by a 256-point number-theoretic transform mod 257
 * into 256 words of message schedule, then runs 32 Feistel-like steps plus four final steps on 32
 * little-endian ints. The length block is constant, so its schedule is computed once, here.
 */
final class Simd512
{
    private static final int[] IV = {
        0x0BA16B95, 0x72F999AD, 0x9FECC2AE, 0xBA3264FC,
        0x5E894929, 0x8E9F30E5, 0x2F1DAA37, 0xF0F2C558,
        0xAC506643, 0xA90635A5, 0xE25B878B, 0xAAB7878F,
        0x88817F7A, 0x0A02892B, 0x559A7550, 0x598F657E,
        0x7EEF60A1, 0x6B70E3E8, 0x9C1714D1, 0xB958E2A8,
        0xAB02675E, 0xED1C014F, 0xCD8D65BB, 0xFDB7A257,
        0x09254899, 0xD699C7BC, 0x9019B6DC, 0x2B9022E4,
        0x8FA14956, 0x21BF9BD3, 0xB94D0943, 0x6FFDDC22 };
    /** Powers of 41 mod 257. */
    private static final int[] ALPHA = {
        1, 41, 139, 45, 46, 87, 226, 14, 60, 147, 116, 130, 190, 80, 196, 69,
        2, 82, 21, 90, 92, 174, 195, 28, 120, 37, 232, 3, 123, 160, 135, 138,
        4, 164, 42, 180, 184, 91, 133, 56, 240, 74, 207, 6, 246, 63, 13, 19,
        8, 71, 84, 103, 111, 182, 9, 112, 223, 148, 157, 12, 235, 126, 26, 38,
        16, 142, 168, 206, 222, 107, 18, 224, 189, 39, 57, 24, 213, 252, 52, 76,
        32, 27, 79, 155, 187, 214, 36, 191, 121, 78, 114, 48, 169, 247, 104, 152,
        64, 54, 158, 53, 117, 171, 72, 125, 242, 156, 228, 96, 81, 237, 208, 47,
        128, 108, 59, 106, 234, 85, 144, 250, 227, 55, 199, 192, 162, 217, 159, 94,
        256, 216, 118, 212, 211, 170, 31, 243, 197, 110, 141, 127, 67, 177, 61, 188,
        255, 175, 236, 167, 165, 83, 62, 229, 137, 220, 25, 254, 134, 97, 122, 119,
        253, 93, 215, 77, 73, 166, 124, 201, 17, 183, 50, 251, 11, 194, 244, 238,
        249, 186, 173, 154, 146, 75, 248, 145, 34, 109, 100, 245, 22, 131, 231, 219,
        241, 115, 89, 51, 35, 150, 239, 33, 68, 218, 200, 233, 44, 5, 205, 181,
        225, 230, 178, 102, 70, 43, 221, 66, 136, 179, 143, 209, 88, 10, 153, 105,
        193, 203, 99, 204, 140, 86, 185, 132, 15, 101, 29, 161, 176, 20, 49, 210,
        129, 149, 198, 151, 23, 172, 113, 7, 30, 202, 58, 65, 95, 40, 98, 163 };
    /** beta^(255 i) mod 257: offsets of a non-final block. */
    private static final int[] YOFF_N = {
        1, 163, 98, 40, 95, 65, 58, 202, 30, 7, 113, 172, 23, 151, 198, 149,
        129, 210, 49, 20, 176, 161, 29, 101, 15, 132, 185, 86, 140, 204, 99, 203,
        193, 105, 153, 10, 88, 209, 143, 179, 136, 66, 221, 43, 70, 102, 178, 230,
        225, 181, 205, 5, 44, 233, 200, 218, 68, 33, 239, 150, 35, 51, 89, 115,
        241, 219, 231, 131, 22, 245, 100, 109, 34, 145, 248, 75, 146, 154, 173, 186,
        249, 238, 244, 194, 11, 251, 50, 183, 17, 201, 124, 166, 73, 77, 215, 93,
        253, 119, 122, 97, 134, 254, 25, 220, 137, 229, 62, 83, 165, 167, 236, 175,
        255, 188, 61, 177, 67, 127, 141, 110, 197, 243, 31, 170, 211, 212, 118, 216,
        256, 94, 159, 217, 162, 192, 199, 55, 227, 250, 144, 85, 234, 106, 59, 108,
        128, 47, 208, 237, 81, 96, 228, 156, 242, 125, 72, 171, 117, 53, 158, 54,
        64, 152, 104, 247, 169, 48, 114, 78, 121, 191, 36, 214, 187, 155, 79, 27,
        32, 76, 52, 252, 213, 24, 57, 39, 189, 224, 18, 107, 222, 206, 168, 142,
        16, 38, 26, 126, 235, 12, 157, 148, 223, 112, 9, 182, 111, 103, 84, 71,
        8, 19, 13, 63, 246, 6, 207, 74, 240, 56, 133, 91, 184, 180, 42, 164,
        4, 138, 135, 160, 123, 3, 232, 37, 120, 28, 195, 174, 92, 90, 21, 82,
        2, 69, 196, 80, 190, 130, 116, 147, 60, 14, 226, 87, 46, 45, 139, 41 };
    /** beta^(255 i) + beta^(253 i) mod 257: offsets of the final block. */
    private static final int[] YOFF_F = {
        2, 203, 156, 47, 118, 214, 107, 106, 45, 93, 212, 20, 111, 73, 162, 251,
        97, 215, 249, 53, 211, 19, 3, 89, 49, 207, 101, 67, 151, 130, 223, 23,
        189, 202, 178, 239, 253, 127, 204, 49, 76, 236, 82, 137, 232, 157, 65, 79,
        96, 161, 176, 130, 161, 30, 47, 9, 189, 247, 61, 226, 248, 90, 107, 64,
        0, 88, 131, 243, 133, 59, 113, 115, 17, 236, 33, 213, 12, 191, 111, 19,
        251, 61, 103, 208, 57, 35, 148, 248, 47, 116, 65, 119, 249, 178, 143, 40,
        189, 129, 8, 163, 204, 227, 230, 196, 205, 122, 151, 45, 187, 19, 227, 72,
        247, 125, 111, 121, 140, 220, 6, 107, 77, 69, 10, 101, 21, 65, 149, 171,
        255, 54, 101, 210, 139, 43, 150, 151, 212, 164, 45, 237, 146, 184, 95, 6,
        160, 42, 8, 204, 46, 238, 254, 168, 208, 50, 156, 190, 106, 127, 34, 234,
        68, 55, 79, 18, 4, 130, 53, 208, 181, 21, 175, 120, 25, 100, 192, 178,
        161, 96, 81, 127, 96, 227, 210, 248, 68, 10, 196, 31, 9, 167, 150, 193,
        0, 169, 126, 14, 124, 198, 144, 142, 240, 21, 224, 44, 245, 66, 146, 238,
        6, 196, 154, 49, 200, 222, 109, 9, 210, 141, 192, 138, 8, 79, 114, 217,
        68, 128, 249, 94, 53, 30, 27, 61, 52, 135, 106, 212, 70, 238, 30, 185,
        10, 132, 146, 136, 117, 37, 251, 150, 180, 188, 247, 156, 236, 192, 108, 86 };
    /** Source group (of 16 transform words) of each step's eight message words. */
    private static final int[] WBP = {
        4, 6, 0, 2, 7, 5, 3, 1,
        15, 11, 12, 8, 9, 13, 10, 14,
        17, 18, 23, 20, 22, 21, 16, 19,
        30, 24, 25, 31, 27, 29, 28, 26 };
    /** Message schedule of the length block. */
    private static final int[] LENGTH_W = new int[256];

    static
    {
        final int[] x = new int[128];
        x[1] = 512 >>> 8;
        final int[] q = new int[256];
        fft(x, q);
        reduce(q, YOFF_F);
        schedule(q, LENGTH_W);
    }

    private final int[] x = new int[128];
    private final int[] q = new int[256];
    private final int[] w = new int[256];
    private final int[] s = new int[32];
    private final int[] h = new int[32];

    /**
     * @param in  64-byte message, eight little-endian words.
     * @param out 64-byte digest, eight little-endian words.
     */
    void hash(final long[] in, final long[] out)
    {
        final int[] x = this.x;
        final int[] s = this.s;
        final int[] h = this.h;
        for (int i = 0; i < 8; i++)
        {
            final long v = in[i];
            for (int b = 0; b < 8; b++)
            {
                x[8 * i + b] = (int)(v >>> (8 * b)) & 0xFF;
            }
        }
        fft(x, q);
        reduce(q, YOFF_N);
        schedule(q, w);
        for (int i = 0; i < 8; i++)
        {
            final long v = in[i];
            s[2 * i] = IV[2 * i] ^ (int)v;
            s[2 * i + 1] = IV[2 * i + 1] ^ (int)(v >>> 32);
        }
        System.arraycopy(IV, 16, s, 16, 16);
        compress(s, w, IV);

        System.arraycopy(s, 0, h, 0, 32);
        s[0] ^= 512;
        compress(s, LENGTH_W, h);
        for (int i = 0; i < 8; i++)
        {
            out[i] = (s[2 * i] & 0xFFFFFFFFL) | ((long)s[2 * i + 1] << 32);
        }
    }

    private static void compress(final int[] s, final int[] w, final int[] h)
    {
        round0(s, w, 0);
        round1(s, w, 64);
        round2(s, w, 128);
        round3(s, w, 192);
        finalSteps(s, h);
    }

    /**
     * The 256-point transform of 128 bytes (the upper 64 of which are zero here, but not for the
     * length block's derivation, which uses the same code).
     */
    private static void fft(final int[] x, final int[] q)
    {
        fft64(x, 0, 4, q, 0);
        fft64(x, 2, 4, q, 64);
        butterflies(q, 0, 64, 2);
        fft64(x, 1, 4, q, 128);
        fft64(x, 3, 4, q, 192);
        butterflies(q, 128, 64, 2);
        butterflies(q, 0, 128, 1);
    }

    private static void fft64(final int[] x, final int xb, final int xs, final int[] q, final int rb)
    {
        final int xd = xs << 1;
        fft32(x, xb, xd, q, rb);
        fft32(x, xb + xs, xd, q, rb + 32);
        butterflies(q, rb, 32, 4);
    }

    private static void fft32(final int[] x, final int xb, final int xs, final int[] q, final int rb)
    {
        fft16(x, xb, xs << 1, q, rb);
        fft16(x, xb + xs, xs << 1, q, rb + 16);
        butterflies(q, rb, 16, 8);
    }

    private static void fft16(final int[] x, final int xb, final int xs, final int[] q, final int rb)
    {
        final int s = xs << 1;
        // FFT8 of the even inputs
        int x0 = x[xb];
        int x1 = x[xb + s];
        int x2 = x[xb + 2 * s];
        int x3 = x[xb + 3 * s];
        int a0 = x0 + x2;
        int a1 = x0 + (x2 << 4);
        int a2 = x0 - x2;
        int a3 = x0 - (x2 << 4);
        int b0 = x1 + x3;
        int b1 = reds1((x1 << 2) + (x3 << 6));
        int b2 = (x1 << 4) - (x3 << 4);
        int b3 = reds1((x1 << 6) + (x3 << 2));
        final int d10 = a0 + b0;
        final int d11 = a1 + b1;
        final int d12 = a2 + b2;
        final int d13 = a3 + b3;
        final int d14 = a0 - b0;
        final int d15 = a1 - b1;
        final int d16 = a2 - b2;
        final int d17 = a3 - b3;
        // FFT8 of the odd inputs
        final int xo = xb + xs;
        x0 = x[xo];
        x1 = x[xo + s];
        x2 = x[xo + 2 * s];
        x3 = x[xo + 3 * s];
        a0 = x0 + x2;
        a1 = x0 + (x2 << 4);
        a2 = x0 - x2;
        a3 = x0 - (x2 << 4);
        b0 = x1 + x3;
        b1 = reds1((x1 << 2) + (x3 << 6));
        b2 = (x1 << 4) - (x3 << 4);
        b3 = reds1((x1 << 6) + (x3 << 2));
        final int d20 = a0 + b0;
        final int d21 = a1 + b1;
        final int d22 = a2 + b2;
        final int d23 = a3 + b3;
        final int d24 = a0 - b0;
        final int d25 = a1 - b1;
        final int d26 = a2 - b2;
        final int d27 = a3 - b3;
        q[rb] = d10 + d20;
        q[rb + 1] = d11 + (d21 << 1);
        q[rb + 2] = d12 + (d22 << 2);
        q[rb + 3] = d13 + (d23 << 3);
        q[rb + 4] = d14 + (d24 << 4);
        q[rb + 5] = d15 + (d25 << 5);
        q[rb + 6] = d16 + (d26 << 6);
        q[rb + 7] = d17 + (d27 << 7);
        q[rb + 8] = d10 - d20;
        q[rb + 9] = d11 - (d21 << 1);
        q[rb + 10] = d12 - (d22 << 2);
        q[rb + 11] = d13 - (d23 << 3);
        q[rb + 12] = d14 - (d24 << 4);
        q[rb + 13] = d15 - (d25 << 5);
        q[rb + 14] = d16 - (d26 << 6);
        q[rb + 15] = d17 - (d27 << 7);
    }

    private static void butterflies(final int[] q, final int rb, final int hk, final int as)
    {
        final int m0 = q[rb];
        final int n0 = q[rb + hk];
        q[rb] = m0 + n0;
        q[rb + hk] = m0 - n0;
        for (int u = 1; u < hk; u++)
        {
            final int m = q[rb + u];
            final int t = reds2(q[rb + u + hk] * ALPHA[u * as]);
            q[rb + u] = m + t;
            q[rb + u + hk] = m - t;
        }
    }

    private static void reduce(final int[] q, final int[] yoff)
    {
        for (int i = 0; i < 256; i++)
        {
            int t = reds1(reds1(reds2(q[i] + yoff[i])));
            q[i] = t <= 128 ? t : t - 257;
        }
    }

    private static int reds1(final int x)
    {
        return (x & 0xFF) - (x >> 8);
    }

    private static int reds2(final int x)
    {
        return (x & 0xFFFF) + (x >> 16);
    }

    /**
     * The 256 step words: step j of round r takes its eight words from transform group WBP[8r + j].
     */
    private static void schedule(final int[] q, final int[] w)
    {
        for (int r = 0; r < 4; r++)
        {
            final int o1 = r < 2 ? 0 : r == 2 ? -256 : -383;
            final int o2 = r < 2 ? 1 : r == 2 ? -128 : -255;
            final int mm = r < 2 ? 185 : 233;
            for (int j = 0; j < 8; j++)
            {
                final int base = 16 * WBP[8 * r + j];
                for (int i = 0; i < 8; i++)
                {
                    w[64 * r + 8 * j + i] =
                        ((q[base + 2 * i + o1] * mm) & 0xFFFF) + ((q[base + 2 * i + o2] * mm) << 16);
                }
            }
        }
    }

    private static void round0(final int[] s, final int[] w, final int wo)
    {
        int a0 = s[0];
        int a1 = s[1];
        int a2 = s[2];
        int a3 = s[3];
        int a4 = s[4];
        int a5 = s[5];
        int a6 = s[6];
        int a7 = s[7];
        int b0 = s[8];
        int b1 = s[9];
        int b2 = s[10];
        int b3 = s[11];
        int b4 = s[12];
        int b5 = s[13];
        int b6 = s[14];
        int b7 = s[15];
        int c0 = s[16];
        int c1 = s[17];
        int c2 = s[18];
        int c3 = s[19];
        int c4 = s[20];
        int c5 = s[21];
        int c6 = s[22];
        int c7 = s[23];
        int d0 = s[24];
        int d1 = s[25];
        int d2 = s[26];
        int d3 = s[27];
        int d4 = s[28];
        int d5 = s[29];
        int d6 = s[30];
        int d7 = s[31];
        {
            // step 0
        final int tA0 = Integer.rotateLeft(a0, 3);
        final int tA1 = Integer.rotateLeft(a1, 3);
        final int tA2 = Integer.rotateLeft(a2, 3);
        final int tA3 = Integer.rotateLeft(a3, 3);
        final int tA4 = Integer.rotateLeft(a4, 3);
        final int tA5 = Integer.rotateLeft(a5, 3);
        final int tA6 = Integer.rotateLeft(a6, 3);
        final int tA7 = Integer.rotateLeft(a7, 3);
        a0 = Integer.rotateLeft(d0 + w[wo + 0 + 0] + (((b0 ^ c0) & a0) ^ c0), 23) + tA1;
        d0 = c0;
        c0 = b0;
        b0 = tA0;
        a1 = Integer.rotateLeft(d1 + w[wo + 0 + 1] + (((b1 ^ c1) & a1) ^ c1), 23) + tA0;
        d1 = c1;
        c1 = b1;
        b1 = tA1;
        a2 = Integer.rotateLeft(d2 + w[wo + 0 + 2] + (((b2 ^ c2) & a2) ^ c2), 23) + tA3;
        d2 = c2;
        c2 = b2;
        b2 = tA2;
        a3 = Integer.rotateLeft(d3 + w[wo + 0 + 3] + (((b3 ^ c3) & a3) ^ c3), 23) + tA2;
        d3 = c3;
        c3 = b3;
        b3 = tA3;
        a4 = Integer.rotateLeft(d4 + w[wo + 0 + 4] + (((b4 ^ c4) & a4) ^ c4), 23) + tA5;
        d4 = c4;
        c4 = b4;
        b4 = tA4;
        a5 = Integer.rotateLeft(d5 + w[wo + 0 + 5] + (((b5 ^ c5) & a5) ^ c5), 23) + tA4;
        d5 = c5;
        c5 = b5;
        b5 = tA5;
        a6 = Integer.rotateLeft(d6 + w[wo + 0 + 6] + (((b6 ^ c6) & a6) ^ c6), 23) + tA7;
        d6 = c6;
        c6 = b6;
        b6 = tA6;
        a7 = Integer.rotateLeft(d7 + w[wo + 0 + 7] + (((b7 ^ c7) & a7) ^ c7), 23) + tA6;
        d7 = c7;
        c7 = b7;
        b7 = tA7;
        }
        {
            // step 1
        final int tA0 = Integer.rotateLeft(a0, 23);
        final int tA1 = Integer.rotateLeft(a1, 23);
        final int tA2 = Integer.rotateLeft(a2, 23);
        final int tA3 = Integer.rotateLeft(a3, 23);
        final int tA4 = Integer.rotateLeft(a4, 23);
        final int tA5 = Integer.rotateLeft(a5, 23);
        final int tA6 = Integer.rotateLeft(a6, 23);
        final int tA7 = Integer.rotateLeft(a7, 23);
        a0 = Integer.rotateLeft(d0 + w[wo + 8 + 0] + (((b0 ^ c0) & a0) ^ c0), 17) + tA6;
        d0 = c0;
        c0 = b0;
        b0 = tA0;
        a1 = Integer.rotateLeft(d1 + w[wo + 8 + 1] + (((b1 ^ c1) & a1) ^ c1), 17) + tA7;
        d1 = c1;
        c1 = b1;
        b1 = tA1;
        a2 = Integer.rotateLeft(d2 + w[wo + 8 + 2] + (((b2 ^ c2) & a2) ^ c2), 17) + tA4;
        d2 = c2;
        c2 = b2;
        b2 = tA2;
        a3 = Integer.rotateLeft(d3 + w[wo + 8 + 3] + (((b3 ^ c3) & a3) ^ c3), 17) + tA5;
        d3 = c3;
        c3 = b3;
        b3 = tA3;
        a4 = Integer.rotateLeft(d4 + w[wo + 8 + 4] + (((b4 ^ c4) & a4) ^ c4), 17) + tA2;
        d4 = c4;
        c4 = b4;
        b4 = tA4;
        a5 = Integer.rotateLeft(d5 + w[wo + 8 + 5] + (((b5 ^ c5) & a5) ^ c5), 17) + tA3;
        d5 = c5;
        c5 = b5;
        b5 = tA5;
        a6 = Integer.rotateLeft(d6 + w[wo + 8 + 6] + (((b6 ^ c6) & a6) ^ c6), 17) + tA0;
        d6 = c6;
        c6 = b6;
        b6 = tA6;
        a7 = Integer.rotateLeft(d7 + w[wo + 8 + 7] + (((b7 ^ c7) & a7) ^ c7), 17) + tA1;
        d7 = c7;
        c7 = b7;
        b7 = tA7;
        }
        {
            // step 2
        final int tA0 = Integer.rotateLeft(a0, 17);
        final int tA1 = Integer.rotateLeft(a1, 17);
        final int tA2 = Integer.rotateLeft(a2, 17);
        final int tA3 = Integer.rotateLeft(a3, 17);
        final int tA4 = Integer.rotateLeft(a4, 17);
        final int tA5 = Integer.rotateLeft(a5, 17);
        final int tA6 = Integer.rotateLeft(a6, 17);
        final int tA7 = Integer.rotateLeft(a7, 17);
        a0 = Integer.rotateLeft(d0 + w[wo + 16 + 0] + (((b0 ^ c0) & a0) ^ c0), 27) + tA2;
        d0 = c0;
        c0 = b0;
        b0 = tA0;
        a1 = Integer.rotateLeft(d1 + w[wo + 16 + 1] + (((b1 ^ c1) & a1) ^ c1), 27) + tA3;
        d1 = c1;
        c1 = b1;
        b1 = tA1;
        a2 = Integer.rotateLeft(d2 + w[wo + 16 + 2] + (((b2 ^ c2) & a2) ^ c2), 27) + tA0;
        d2 = c2;
        c2 = b2;
        b2 = tA2;
        a3 = Integer.rotateLeft(d3 + w[wo + 16 + 3] + (((b3 ^ c3) & a3) ^ c3), 27) + tA1;
        d3 = c3;
        c3 = b3;
        b3 = tA3;
        a4 = Integer.rotateLeft(d4 + w[wo + 16 + 4] + (((b4 ^ c4) & a4) ^ c4), 27) + tA6;
        d4 = c4;
        c4 = b4;
        b4 = tA4;
        a5 = Integer.rotateLeft(d5 + w[wo + 16 + 5] + (((b5 ^ c5) & a5) ^ c5), 27) + tA7;
        d5 = c5;
        c5 = b5;
        b5 = tA5;
        a6 = Integer.rotateLeft(d6 + w[wo + 16 + 6] + (((b6 ^ c6) & a6) ^ c6), 27) + tA4;
        d6 = c6;
        c6 = b6;
        b6 = tA6;
        a7 = Integer.rotateLeft(d7 + w[wo + 16 + 7] + (((b7 ^ c7) & a7) ^ c7), 27) + tA5;
        d7 = c7;
        c7 = b7;
        b7 = tA7;
        }
        {
            // step 3
        final int tA0 = Integer.rotateLeft(a0, 27);
        final int tA1 = Integer.rotateLeft(a1, 27);
        final int tA2 = Integer.rotateLeft(a2, 27);
        final int tA3 = Integer.rotateLeft(a3, 27);
        final int tA4 = Integer.rotateLeft(a4, 27);
        final int tA5 = Integer.rotateLeft(a5, 27);
        final int tA6 = Integer.rotateLeft(a6, 27);
        final int tA7 = Integer.rotateLeft(a7, 27);
        a0 = Integer.rotateLeft(d0 + w[wo + 24 + 0] + (((b0 ^ c0) & a0) ^ c0), 3) + tA3;
        d0 = c0;
        c0 = b0;
        b0 = tA0;
        a1 = Integer.rotateLeft(d1 + w[wo + 24 + 1] + (((b1 ^ c1) & a1) ^ c1), 3) + tA2;
        d1 = c1;
        c1 = b1;
        b1 = tA1;
        a2 = Integer.rotateLeft(d2 + w[wo + 24 + 2] + (((b2 ^ c2) & a2) ^ c2), 3) + tA1;
        d2 = c2;
        c2 = b2;
        b2 = tA2;
        a3 = Integer.rotateLeft(d3 + w[wo + 24 + 3] + (((b3 ^ c3) & a3) ^ c3), 3) + tA0;
        d3 = c3;
        c3 = b3;
        b3 = tA3;
        a4 = Integer.rotateLeft(d4 + w[wo + 24 + 4] + (((b4 ^ c4) & a4) ^ c4), 3) + tA7;
        d4 = c4;
        c4 = b4;
        b4 = tA4;
        a5 = Integer.rotateLeft(d5 + w[wo + 24 + 5] + (((b5 ^ c5) & a5) ^ c5), 3) + tA6;
        d5 = c5;
        c5 = b5;
        b5 = tA5;
        a6 = Integer.rotateLeft(d6 + w[wo + 24 + 6] + (((b6 ^ c6) & a6) ^ c6), 3) + tA5;
        d6 = c6;
        c6 = b6;
        b6 = tA6;
        a7 = Integer.rotateLeft(d7 + w[wo + 24 + 7] + (((b7 ^ c7) & a7) ^ c7), 3) + tA4;
        d7 = c7;
        c7 = b7;
        b7 = tA7;
        }
        {
            // step 4
        final int tA0 = Integer.rotateLeft(a0, 3);
        final int tA1 = Integer.rotateLeft(a1, 3);
        final int tA2 = Integer.rotateLeft(a2, 3);
        final int tA3 = Integer.rotateLeft(a3, 3);
        final int tA4 = Integer.rotateLeft(a4, 3);
        final int tA5 = Integer.rotateLeft(a5, 3);
        final int tA6 = Integer.rotateLeft(a6, 3);
        final int tA7 = Integer.rotateLeft(a7, 3);
        a0 = Integer.rotateLeft(d0 + w[wo + 32 + 0] + ((a0 & b0) | ((a0 | b0) & c0)), 23) + tA5;
        d0 = c0;
        c0 = b0;
        b0 = tA0;
        a1 = Integer.rotateLeft(d1 + w[wo + 32 + 1] + ((a1 & b1) | ((a1 | b1) & c1)), 23) + tA4;
        d1 = c1;
        c1 = b1;
        b1 = tA1;
        a2 = Integer.rotateLeft(d2 + w[wo + 32 + 2] + ((a2 & b2) | ((a2 | b2) & c2)), 23) + tA7;
        d2 = c2;
        c2 = b2;
        b2 = tA2;
        a3 = Integer.rotateLeft(d3 + w[wo + 32 + 3] + ((a3 & b3) | ((a3 | b3) & c3)), 23) + tA6;
        d3 = c3;
        c3 = b3;
        b3 = tA3;
        a4 = Integer.rotateLeft(d4 + w[wo + 32 + 4] + ((a4 & b4) | ((a4 | b4) & c4)), 23) + tA1;
        d4 = c4;
        c4 = b4;
        b4 = tA4;
        a5 = Integer.rotateLeft(d5 + w[wo + 32 + 5] + ((a5 & b5) | ((a5 | b5) & c5)), 23) + tA0;
        d5 = c5;
        c5 = b5;
        b5 = tA5;
        a6 = Integer.rotateLeft(d6 + w[wo + 32 + 6] + ((a6 & b6) | ((a6 | b6) & c6)), 23) + tA3;
        d6 = c6;
        c6 = b6;
        b6 = tA6;
        a7 = Integer.rotateLeft(d7 + w[wo + 32 + 7] + ((a7 & b7) | ((a7 | b7) & c7)), 23) + tA2;
        d7 = c7;
        c7 = b7;
        b7 = tA7;
        }
        {
            // step 5
        final int tA0 = Integer.rotateLeft(a0, 23);
        final int tA1 = Integer.rotateLeft(a1, 23);
        final int tA2 = Integer.rotateLeft(a2, 23);
        final int tA3 = Integer.rotateLeft(a3, 23);
        final int tA4 = Integer.rotateLeft(a4, 23);
        final int tA5 = Integer.rotateLeft(a5, 23);
        final int tA6 = Integer.rotateLeft(a6, 23);
        final int tA7 = Integer.rotateLeft(a7, 23);
        a0 = Integer.rotateLeft(d0 + w[wo + 40 + 0] + ((a0 & b0) | ((a0 | b0) & c0)), 17) + tA7;
        d0 = c0;
        c0 = b0;
        b0 = tA0;
        a1 = Integer.rotateLeft(d1 + w[wo + 40 + 1] + ((a1 & b1) | ((a1 | b1) & c1)), 17) + tA6;
        d1 = c1;
        c1 = b1;
        b1 = tA1;
        a2 = Integer.rotateLeft(d2 + w[wo + 40 + 2] + ((a2 & b2) | ((a2 | b2) & c2)), 17) + tA5;
        d2 = c2;
        c2 = b2;
        b2 = tA2;
        a3 = Integer.rotateLeft(d3 + w[wo + 40 + 3] + ((a3 & b3) | ((a3 | b3) & c3)), 17) + tA4;
        d3 = c3;
        c3 = b3;
        b3 = tA3;
        a4 = Integer.rotateLeft(d4 + w[wo + 40 + 4] + ((a4 & b4) | ((a4 | b4) & c4)), 17) + tA3;
        d4 = c4;
        c4 = b4;
        b4 = tA4;
        a5 = Integer.rotateLeft(d5 + w[wo + 40 + 5] + ((a5 & b5) | ((a5 | b5) & c5)), 17) + tA2;
        d5 = c5;
        c5 = b5;
        b5 = tA5;
        a6 = Integer.rotateLeft(d6 + w[wo + 40 + 6] + ((a6 & b6) | ((a6 | b6) & c6)), 17) + tA1;
        d6 = c6;
        c6 = b6;
        b6 = tA6;
        a7 = Integer.rotateLeft(d7 + w[wo + 40 + 7] + ((a7 & b7) | ((a7 | b7) & c7)), 17) + tA0;
        d7 = c7;
        c7 = b7;
        b7 = tA7;
        }
        {
            // step 6
        final int tA0 = Integer.rotateLeft(a0, 17);
        final int tA1 = Integer.rotateLeft(a1, 17);
        final int tA2 = Integer.rotateLeft(a2, 17);
        final int tA3 = Integer.rotateLeft(a3, 17);
        final int tA4 = Integer.rotateLeft(a4, 17);
        final int tA5 = Integer.rotateLeft(a5, 17);
        final int tA6 = Integer.rotateLeft(a6, 17);
        final int tA7 = Integer.rotateLeft(a7, 17);
        a0 = Integer.rotateLeft(d0 + w[wo + 48 + 0] + ((a0 & b0) | ((a0 | b0) & c0)), 27) + tA4;
        d0 = c0;
        c0 = b0;
        b0 = tA0;
        a1 = Integer.rotateLeft(d1 + w[wo + 48 + 1] + ((a1 & b1) | ((a1 | b1) & c1)), 27) + tA5;
        d1 = c1;
        c1 = b1;
        b1 = tA1;
        a2 = Integer.rotateLeft(d2 + w[wo + 48 + 2] + ((a2 & b2) | ((a2 | b2) & c2)), 27) + tA6;
        d2 = c2;
        c2 = b2;
        b2 = tA2;
        a3 = Integer.rotateLeft(d3 + w[wo + 48 + 3] + ((a3 & b3) | ((a3 | b3) & c3)), 27) + tA7;
        d3 = c3;
        c3 = b3;
        b3 = tA3;
        a4 = Integer.rotateLeft(d4 + w[wo + 48 + 4] + ((a4 & b4) | ((a4 | b4) & c4)), 27) + tA0;
        d4 = c4;
        c4 = b4;
        b4 = tA4;
        a5 = Integer.rotateLeft(d5 + w[wo + 48 + 5] + ((a5 & b5) | ((a5 | b5) & c5)), 27) + tA1;
        d5 = c5;
        c5 = b5;
        b5 = tA5;
        a6 = Integer.rotateLeft(d6 + w[wo + 48 + 6] + ((a6 & b6) | ((a6 | b6) & c6)), 27) + tA2;
        d6 = c6;
        c6 = b6;
        b6 = tA6;
        a7 = Integer.rotateLeft(d7 + w[wo + 48 + 7] + ((a7 & b7) | ((a7 | b7) & c7)), 27) + tA3;
        d7 = c7;
        c7 = b7;
        b7 = tA7;
        }
        {
            // step 7
        final int tA0 = Integer.rotateLeft(a0, 27);
        final int tA1 = Integer.rotateLeft(a1, 27);
        final int tA2 = Integer.rotateLeft(a2, 27);
        final int tA3 = Integer.rotateLeft(a3, 27);
        final int tA4 = Integer.rotateLeft(a4, 27);
        final int tA5 = Integer.rotateLeft(a5, 27);
        final int tA6 = Integer.rotateLeft(a6, 27);
        final int tA7 = Integer.rotateLeft(a7, 27);
        a0 = Integer.rotateLeft(d0 + w[wo + 56 + 0] + ((a0 & b0) | ((a0 | b0) & c0)), 3) + tA1;
        d0 = c0;
        c0 = b0;
        b0 = tA0;
        a1 = Integer.rotateLeft(d1 + w[wo + 56 + 1] + ((a1 & b1) | ((a1 | b1) & c1)), 3) + tA0;
        d1 = c1;
        c1 = b1;
        b1 = tA1;
        a2 = Integer.rotateLeft(d2 + w[wo + 56 + 2] + ((a2 & b2) | ((a2 | b2) & c2)), 3) + tA3;
        d2 = c2;
        c2 = b2;
        b2 = tA2;
        a3 = Integer.rotateLeft(d3 + w[wo + 56 + 3] + ((a3 & b3) | ((a3 | b3) & c3)), 3) + tA2;
        d3 = c3;
        c3 = b3;
        b3 = tA3;
        a4 = Integer.rotateLeft(d4 + w[wo + 56 + 4] + ((a4 & b4) | ((a4 | b4) & c4)), 3) + tA5;
        d4 = c4;
        c4 = b4;
        b4 = tA4;
        a5 = Integer.rotateLeft(d5 + w[wo + 56 + 5] + ((a5 & b5) | ((a5 | b5) & c5)), 3) + tA4;
        d5 = c5;
        c5 = b5;
        b5 = tA5;
        a6 = Integer.rotateLeft(d6 + w[wo + 56 + 6] + ((a6 & b6) | ((a6 | b6) & c6)), 3) + tA7;
        d6 = c6;
        c6 = b6;
        b6 = tA6;
        a7 = Integer.rotateLeft(d7 + w[wo + 56 + 7] + ((a7 & b7) | ((a7 | b7) & c7)), 3) + tA6;
        d7 = c7;
        c7 = b7;
        b7 = tA7;
        }
        s[0] = a0;
        s[1] = a1;
        s[2] = a2;
        s[3] = a3;
        s[4] = a4;
        s[5] = a5;
        s[6] = a6;
        s[7] = a7;
        s[8] = b0;
        s[9] = b1;
        s[10] = b2;
        s[11] = b3;
        s[12] = b4;
        s[13] = b5;
        s[14] = b6;
        s[15] = b7;
        s[16] = c0;
        s[17] = c1;
        s[18] = c2;
        s[19] = c3;
        s[20] = c4;
        s[21] = c5;
        s[22] = c6;
        s[23] = c7;
        s[24] = d0;
        s[25] = d1;
        s[26] = d2;
        s[27] = d3;
        s[28] = d4;
        s[29] = d5;
        s[30] = d6;
        s[31] = d7;
    }
    private static void round1(final int[] s, final int[] w, final int wo)
    {
        int a0 = s[0];
        int a1 = s[1];
        int a2 = s[2];
        int a3 = s[3];
        int a4 = s[4];
        int a5 = s[5];
        int a6 = s[6];
        int a7 = s[7];
        int b0 = s[8];
        int b1 = s[9];
        int b2 = s[10];
        int b3 = s[11];
        int b4 = s[12];
        int b5 = s[13];
        int b6 = s[14];
        int b7 = s[15];
        int c0 = s[16];
        int c1 = s[17];
        int c2 = s[18];
        int c3 = s[19];
        int c4 = s[20];
        int c5 = s[21];
        int c6 = s[22];
        int c7 = s[23];
        int d0 = s[24];
        int d1 = s[25];
        int d2 = s[26];
        int d3 = s[27];
        int d4 = s[28];
        int d5 = s[29];
        int d6 = s[30];
        int d7 = s[31];
        {
            // step 0
        final int tA0 = Integer.rotateLeft(a0, 28);
        final int tA1 = Integer.rotateLeft(a1, 28);
        final int tA2 = Integer.rotateLeft(a2, 28);
        final int tA3 = Integer.rotateLeft(a3, 28);
        final int tA4 = Integer.rotateLeft(a4, 28);
        final int tA5 = Integer.rotateLeft(a5, 28);
        final int tA6 = Integer.rotateLeft(a6, 28);
        final int tA7 = Integer.rotateLeft(a7, 28);
        a0 = Integer.rotateLeft(d0 + w[wo + 0 + 0] + (((b0 ^ c0) & a0) ^ c0), 19) + tA6;
        d0 = c0;
        c0 = b0;
        b0 = tA0;
        a1 = Integer.rotateLeft(d1 + w[wo + 0 + 1] + (((b1 ^ c1) & a1) ^ c1), 19) + tA7;
        d1 = c1;
        c1 = b1;
        b1 = tA1;
        a2 = Integer.rotateLeft(d2 + w[wo + 0 + 2] + (((b2 ^ c2) & a2) ^ c2), 19) + tA4;
        d2 = c2;
        c2 = b2;
        b2 = tA2;
        a3 = Integer.rotateLeft(d3 + w[wo + 0 + 3] + (((b3 ^ c3) & a3) ^ c3), 19) + tA5;
        d3 = c3;
        c3 = b3;
        b3 = tA3;
        a4 = Integer.rotateLeft(d4 + w[wo + 0 + 4] + (((b4 ^ c4) & a4) ^ c4), 19) + tA2;
        d4 = c4;
        c4 = b4;
        b4 = tA4;
        a5 = Integer.rotateLeft(d5 + w[wo + 0 + 5] + (((b5 ^ c5) & a5) ^ c5), 19) + tA3;
        d5 = c5;
        c5 = b5;
        b5 = tA5;
        a6 = Integer.rotateLeft(d6 + w[wo + 0 + 6] + (((b6 ^ c6) & a6) ^ c6), 19) + tA0;
        d6 = c6;
        c6 = b6;
        b6 = tA6;
        a7 = Integer.rotateLeft(d7 + w[wo + 0 + 7] + (((b7 ^ c7) & a7) ^ c7), 19) + tA1;
        d7 = c7;
        c7 = b7;
        b7 = tA7;
        }
        {
            // step 1
        final int tA0 = Integer.rotateLeft(a0, 19);
        final int tA1 = Integer.rotateLeft(a1, 19);
        final int tA2 = Integer.rotateLeft(a2, 19);
        final int tA3 = Integer.rotateLeft(a3, 19);
        final int tA4 = Integer.rotateLeft(a4, 19);
        final int tA5 = Integer.rotateLeft(a5, 19);
        final int tA6 = Integer.rotateLeft(a6, 19);
        final int tA7 = Integer.rotateLeft(a7, 19);
        a0 = Integer.rotateLeft(d0 + w[wo + 8 + 0] + (((b0 ^ c0) & a0) ^ c0), 22) + tA2;
        d0 = c0;
        c0 = b0;
        b0 = tA0;
        a1 = Integer.rotateLeft(d1 + w[wo + 8 + 1] + (((b1 ^ c1) & a1) ^ c1), 22) + tA3;
        d1 = c1;
        c1 = b1;
        b1 = tA1;
        a2 = Integer.rotateLeft(d2 + w[wo + 8 + 2] + (((b2 ^ c2) & a2) ^ c2), 22) + tA0;
        d2 = c2;
        c2 = b2;
        b2 = tA2;
        a3 = Integer.rotateLeft(d3 + w[wo + 8 + 3] + (((b3 ^ c3) & a3) ^ c3), 22) + tA1;
        d3 = c3;
        c3 = b3;
        b3 = tA3;
        a4 = Integer.rotateLeft(d4 + w[wo + 8 + 4] + (((b4 ^ c4) & a4) ^ c4), 22) + tA6;
        d4 = c4;
        c4 = b4;
        b4 = tA4;
        a5 = Integer.rotateLeft(d5 + w[wo + 8 + 5] + (((b5 ^ c5) & a5) ^ c5), 22) + tA7;
        d5 = c5;
        c5 = b5;
        b5 = tA5;
        a6 = Integer.rotateLeft(d6 + w[wo + 8 + 6] + (((b6 ^ c6) & a6) ^ c6), 22) + tA4;
        d6 = c6;
        c6 = b6;
        b6 = tA6;
        a7 = Integer.rotateLeft(d7 + w[wo + 8 + 7] + (((b7 ^ c7) & a7) ^ c7), 22) + tA5;
        d7 = c7;
        c7 = b7;
        b7 = tA7;
        }
        {
            // step 2
        final int tA0 = Integer.rotateLeft(a0, 22);
        final int tA1 = Integer.rotateLeft(a1, 22);
        final int tA2 = Integer.rotateLeft(a2, 22);
        final int tA3 = Integer.rotateLeft(a3, 22);
        final int tA4 = Integer.rotateLeft(a4, 22);
        final int tA5 = Integer.rotateLeft(a5, 22);
        final int tA6 = Integer.rotateLeft(a6, 22);
        final int tA7 = Integer.rotateLeft(a7, 22);
        a0 = Integer.rotateLeft(d0 + w[wo + 16 + 0] + (((b0 ^ c0) & a0) ^ c0), 7) + tA3;
        d0 = c0;
        c0 = b0;
        b0 = tA0;
        a1 = Integer.rotateLeft(d1 + w[wo + 16 + 1] + (((b1 ^ c1) & a1) ^ c1), 7) + tA2;
        d1 = c1;
        c1 = b1;
        b1 = tA1;
        a2 = Integer.rotateLeft(d2 + w[wo + 16 + 2] + (((b2 ^ c2) & a2) ^ c2), 7) + tA1;
        d2 = c2;
        c2 = b2;
        b2 = tA2;
        a3 = Integer.rotateLeft(d3 + w[wo + 16 + 3] + (((b3 ^ c3) & a3) ^ c3), 7) + tA0;
        d3 = c3;
        c3 = b3;
        b3 = tA3;
        a4 = Integer.rotateLeft(d4 + w[wo + 16 + 4] + (((b4 ^ c4) & a4) ^ c4), 7) + tA7;
        d4 = c4;
        c4 = b4;
        b4 = tA4;
        a5 = Integer.rotateLeft(d5 + w[wo + 16 + 5] + (((b5 ^ c5) & a5) ^ c5), 7) + tA6;
        d5 = c5;
        c5 = b5;
        b5 = tA5;
        a6 = Integer.rotateLeft(d6 + w[wo + 16 + 6] + (((b6 ^ c6) & a6) ^ c6), 7) + tA5;
        d6 = c6;
        c6 = b6;
        b6 = tA6;
        a7 = Integer.rotateLeft(d7 + w[wo + 16 + 7] + (((b7 ^ c7) & a7) ^ c7), 7) + tA4;
        d7 = c7;
        c7 = b7;
        b7 = tA7;
        }
        {
            // step 3
        final int tA0 = Integer.rotateLeft(a0, 7);
        final int tA1 = Integer.rotateLeft(a1, 7);
        final int tA2 = Integer.rotateLeft(a2, 7);
        final int tA3 = Integer.rotateLeft(a3, 7);
        final int tA4 = Integer.rotateLeft(a4, 7);
        final int tA5 = Integer.rotateLeft(a5, 7);
        final int tA6 = Integer.rotateLeft(a6, 7);
        final int tA7 = Integer.rotateLeft(a7, 7);
        a0 = Integer.rotateLeft(d0 + w[wo + 24 + 0] + (((b0 ^ c0) & a0) ^ c0), 28) + tA5;
        d0 = c0;
        c0 = b0;
        b0 = tA0;
        a1 = Integer.rotateLeft(d1 + w[wo + 24 + 1] + (((b1 ^ c1) & a1) ^ c1), 28) + tA4;
        d1 = c1;
        c1 = b1;
        b1 = tA1;
        a2 = Integer.rotateLeft(d2 + w[wo + 24 + 2] + (((b2 ^ c2) & a2) ^ c2), 28) + tA7;
        d2 = c2;
        c2 = b2;
        b2 = tA2;
        a3 = Integer.rotateLeft(d3 + w[wo + 24 + 3] + (((b3 ^ c3) & a3) ^ c3), 28) + tA6;
        d3 = c3;
        c3 = b3;
        b3 = tA3;
        a4 = Integer.rotateLeft(d4 + w[wo + 24 + 4] + (((b4 ^ c4) & a4) ^ c4), 28) + tA1;
        d4 = c4;
        c4 = b4;
        b4 = tA4;
        a5 = Integer.rotateLeft(d5 + w[wo + 24 + 5] + (((b5 ^ c5) & a5) ^ c5), 28) + tA0;
        d5 = c5;
        c5 = b5;
        b5 = tA5;
        a6 = Integer.rotateLeft(d6 + w[wo + 24 + 6] + (((b6 ^ c6) & a6) ^ c6), 28) + tA3;
        d6 = c6;
        c6 = b6;
        b6 = tA6;
        a7 = Integer.rotateLeft(d7 + w[wo + 24 + 7] + (((b7 ^ c7) & a7) ^ c7), 28) + tA2;
        d7 = c7;
        c7 = b7;
        b7 = tA7;
        }
        {
            // step 4
        final int tA0 = Integer.rotateLeft(a0, 28);
        final int tA1 = Integer.rotateLeft(a1, 28);
        final int tA2 = Integer.rotateLeft(a2, 28);
        final int tA3 = Integer.rotateLeft(a3, 28);
        final int tA4 = Integer.rotateLeft(a4, 28);
        final int tA5 = Integer.rotateLeft(a5, 28);
        final int tA6 = Integer.rotateLeft(a6, 28);
        final int tA7 = Integer.rotateLeft(a7, 28);
        a0 = Integer.rotateLeft(d0 + w[wo + 32 + 0] + ((a0 & b0) | ((a0 | b0) & c0)), 19) + tA7;
        d0 = c0;
        c0 = b0;
        b0 = tA0;
        a1 = Integer.rotateLeft(d1 + w[wo + 32 + 1] + ((a1 & b1) | ((a1 | b1) & c1)), 19) + tA6;
        d1 = c1;
        c1 = b1;
        b1 = tA1;
        a2 = Integer.rotateLeft(d2 + w[wo + 32 + 2] + ((a2 & b2) | ((a2 | b2) & c2)), 19) + tA5;
        d2 = c2;
        c2 = b2;
        b2 = tA2;
        a3 = Integer.rotateLeft(d3 + w[wo + 32 + 3] + ((a3 & b3) | ((a3 | b3) & c3)), 19) + tA4;
        d3 = c3;
        c3 = b3;
        b3 = tA3;
        a4 = Integer.rotateLeft(d4 + w[wo + 32 + 4] + ((a4 & b4) | ((a4 | b4) & c4)), 19) + tA3;
        d4 = c4;
        c4 = b4;
        b4 = tA4;
        a5 = Integer.rotateLeft(d5 + w[wo + 32 + 5] + ((a5 & b5) | ((a5 | b5) & c5)), 19) + tA2;
        d5 = c5;
        c5 = b5;
        b5 = tA5;
        a6 = Integer.rotateLeft(d6 + w[wo + 32 + 6] + ((a6 & b6) | ((a6 | b6) & c6)), 19) + tA1;
        d6 = c6;
        c6 = b6;
        b6 = tA6;
        a7 = Integer.rotateLeft(d7 + w[wo + 32 + 7] + ((a7 & b7) | ((a7 | b7) & c7)), 19) + tA0;
        d7 = c7;
        c7 = b7;
        b7 = tA7;
        }
        {
            // step 5
        final int tA0 = Integer.rotateLeft(a0, 19);
        final int tA1 = Integer.rotateLeft(a1, 19);
        final int tA2 = Integer.rotateLeft(a2, 19);
        final int tA3 = Integer.rotateLeft(a3, 19);
        final int tA4 = Integer.rotateLeft(a4, 19);
        final int tA5 = Integer.rotateLeft(a5, 19);
        final int tA6 = Integer.rotateLeft(a6, 19);
        final int tA7 = Integer.rotateLeft(a7, 19);
        a0 = Integer.rotateLeft(d0 + w[wo + 40 + 0] + ((a0 & b0) | ((a0 | b0) & c0)), 22) + tA4;
        d0 = c0;
        c0 = b0;
        b0 = tA0;
        a1 = Integer.rotateLeft(d1 + w[wo + 40 + 1] + ((a1 & b1) | ((a1 | b1) & c1)), 22) + tA5;
        d1 = c1;
        c1 = b1;
        b1 = tA1;
        a2 = Integer.rotateLeft(d2 + w[wo + 40 + 2] + ((a2 & b2) | ((a2 | b2) & c2)), 22) + tA6;
        d2 = c2;
        c2 = b2;
        b2 = tA2;
        a3 = Integer.rotateLeft(d3 + w[wo + 40 + 3] + ((a3 & b3) | ((a3 | b3) & c3)), 22) + tA7;
        d3 = c3;
        c3 = b3;
        b3 = tA3;
        a4 = Integer.rotateLeft(d4 + w[wo + 40 + 4] + ((a4 & b4) | ((a4 | b4) & c4)), 22) + tA0;
        d4 = c4;
        c4 = b4;
        b4 = tA4;
        a5 = Integer.rotateLeft(d5 + w[wo + 40 + 5] + ((a5 & b5) | ((a5 | b5) & c5)), 22) + tA1;
        d5 = c5;
        c5 = b5;
        b5 = tA5;
        a6 = Integer.rotateLeft(d6 + w[wo + 40 + 6] + ((a6 & b6) | ((a6 | b6) & c6)), 22) + tA2;
        d6 = c6;
        c6 = b6;
        b6 = tA6;
        a7 = Integer.rotateLeft(d7 + w[wo + 40 + 7] + ((a7 & b7) | ((a7 | b7) & c7)), 22) + tA3;
        d7 = c7;
        c7 = b7;
        b7 = tA7;
        }
        {
            // step 6
        final int tA0 = Integer.rotateLeft(a0, 22);
        final int tA1 = Integer.rotateLeft(a1, 22);
        final int tA2 = Integer.rotateLeft(a2, 22);
        final int tA3 = Integer.rotateLeft(a3, 22);
        final int tA4 = Integer.rotateLeft(a4, 22);
        final int tA5 = Integer.rotateLeft(a5, 22);
        final int tA6 = Integer.rotateLeft(a6, 22);
        final int tA7 = Integer.rotateLeft(a7, 22);
        a0 = Integer.rotateLeft(d0 + w[wo + 48 + 0] + ((a0 & b0) | ((a0 | b0) & c0)), 7) + tA1;
        d0 = c0;
        c0 = b0;
        b0 = tA0;
        a1 = Integer.rotateLeft(d1 + w[wo + 48 + 1] + ((a1 & b1) | ((a1 | b1) & c1)), 7) + tA0;
        d1 = c1;
        c1 = b1;
        b1 = tA1;
        a2 = Integer.rotateLeft(d2 + w[wo + 48 + 2] + ((a2 & b2) | ((a2 | b2) & c2)), 7) + tA3;
        d2 = c2;
        c2 = b2;
        b2 = tA2;
        a3 = Integer.rotateLeft(d3 + w[wo + 48 + 3] + ((a3 & b3) | ((a3 | b3) & c3)), 7) + tA2;
        d3 = c3;
        c3 = b3;
        b3 = tA3;
        a4 = Integer.rotateLeft(d4 + w[wo + 48 + 4] + ((a4 & b4) | ((a4 | b4) & c4)), 7) + tA5;
        d4 = c4;
        c4 = b4;
        b4 = tA4;
        a5 = Integer.rotateLeft(d5 + w[wo + 48 + 5] + ((a5 & b5) | ((a5 | b5) & c5)), 7) + tA4;
        d5 = c5;
        c5 = b5;
        b5 = tA5;
        a6 = Integer.rotateLeft(d6 + w[wo + 48 + 6] + ((a6 & b6) | ((a6 | b6) & c6)), 7) + tA7;
        d6 = c6;
        c6 = b6;
        b6 = tA6;
        a7 = Integer.rotateLeft(d7 + w[wo + 48 + 7] + ((a7 & b7) | ((a7 | b7) & c7)), 7) + tA6;
        d7 = c7;
        c7 = b7;
        b7 = tA7;
        }
        {
            // step 7
        final int tA0 = Integer.rotateLeft(a0, 7);
        final int tA1 = Integer.rotateLeft(a1, 7);
        final int tA2 = Integer.rotateLeft(a2, 7);
        final int tA3 = Integer.rotateLeft(a3, 7);
        final int tA4 = Integer.rotateLeft(a4, 7);
        final int tA5 = Integer.rotateLeft(a5, 7);
        final int tA6 = Integer.rotateLeft(a6, 7);
        final int tA7 = Integer.rotateLeft(a7, 7);
        a0 = Integer.rotateLeft(d0 + w[wo + 56 + 0] + ((a0 & b0) | ((a0 | b0) & c0)), 28) + tA6;
        d0 = c0;
        c0 = b0;
        b0 = tA0;
        a1 = Integer.rotateLeft(d1 + w[wo + 56 + 1] + ((a1 & b1) | ((a1 | b1) & c1)), 28) + tA7;
        d1 = c1;
        c1 = b1;
        b1 = tA1;
        a2 = Integer.rotateLeft(d2 + w[wo + 56 + 2] + ((a2 & b2) | ((a2 | b2) & c2)), 28) + tA4;
        d2 = c2;
        c2 = b2;
        b2 = tA2;
        a3 = Integer.rotateLeft(d3 + w[wo + 56 + 3] + ((a3 & b3) | ((a3 | b3) & c3)), 28) + tA5;
        d3 = c3;
        c3 = b3;
        b3 = tA3;
        a4 = Integer.rotateLeft(d4 + w[wo + 56 + 4] + ((a4 & b4) | ((a4 | b4) & c4)), 28) + tA2;
        d4 = c4;
        c4 = b4;
        b4 = tA4;
        a5 = Integer.rotateLeft(d5 + w[wo + 56 + 5] + ((a5 & b5) | ((a5 | b5) & c5)), 28) + tA3;
        d5 = c5;
        c5 = b5;
        b5 = tA5;
        a6 = Integer.rotateLeft(d6 + w[wo + 56 + 6] + ((a6 & b6) | ((a6 | b6) & c6)), 28) + tA0;
        d6 = c6;
        c6 = b6;
        b6 = tA6;
        a7 = Integer.rotateLeft(d7 + w[wo + 56 + 7] + ((a7 & b7) | ((a7 | b7) & c7)), 28) + tA1;
        d7 = c7;
        c7 = b7;
        b7 = tA7;
        }
        s[0] = a0;
        s[1] = a1;
        s[2] = a2;
        s[3] = a3;
        s[4] = a4;
        s[5] = a5;
        s[6] = a6;
        s[7] = a7;
        s[8] = b0;
        s[9] = b1;
        s[10] = b2;
        s[11] = b3;
        s[12] = b4;
        s[13] = b5;
        s[14] = b6;
        s[15] = b7;
        s[16] = c0;
        s[17] = c1;
        s[18] = c2;
        s[19] = c3;
        s[20] = c4;
        s[21] = c5;
        s[22] = c6;
        s[23] = c7;
        s[24] = d0;
        s[25] = d1;
        s[26] = d2;
        s[27] = d3;
        s[28] = d4;
        s[29] = d5;
        s[30] = d6;
        s[31] = d7;
    }
    private static void round2(final int[] s, final int[] w, final int wo)
    {
        int a0 = s[0];
        int a1 = s[1];
        int a2 = s[2];
        int a3 = s[3];
        int a4 = s[4];
        int a5 = s[5];
        int a6 = s[6];
        int a7 = s[7];
        int b0 = s[8];
        int b1 = s[9];
        int b2 = s[10];
        int b3 = s[11];
        int b4 = s[12];
        int b5 = s[13];
        int b6 = s[14];
        int b7 = s[15];
        int c0 = s[16];
        int c1 = s[17];
        int c2 = s[18];
        int c3 = s[19];
        int c4 = s[20];
        int c5 = s[21];
        int c6 = s[22];
        int c7 = s[23];
        int d0 = s[24];
        int d1 = s[25];
        int d2 = s[26];
        int d3 = s[27];
        int d4 = s[28];
        int d5 = s[29];
        int d6 = s[30];
        int d7 = s[31];
        {
            // step 0
        final int tA0 = Integer.rotateLeft(a0, 29);
        final int tA1 = Integer.rotateLeft(a1, 29);
        final int tA2 = Integer.rotateLeft(a2, 29);
        final int tA3 = Integer.rotateLeft(a3, 29);
        final int tA4 = Integer.rotateLeft(a4, 29);
        final int tA5 = Integer.rotateLeft(a5, 29);
        final int tA6 = Integer.rotateLeft(a6, 29);
        final int tA7 = Integer.rotateLeft(a7, 29);
        a0 = Integer.rotateLeft(d0 + w[wo + 0 + 0] + (((b0 ^ c0) & a0) ^ c0), 9) + tA2;
        d0 = c0;
        c0 = b0;
        b0 = tA0;
        a1 = Integer.rotateLeft(d1 + w[wo + 0 + 1] + (((b1 ^ c1) & a1) ^ c1), 9) + tA3;
        d1 = c1;
        c1 = b1;
        b1 = tA1;
        a2 = Integer.rotateLeft(d2 + w[wo + 0 + 2] + (((b2 ^ c2) & a2) ^ c2), 9) + tA0;
        d2 = c2;
        c2 = b2;
        b2 = tA2;
        a3 = Integer.rotateLeft(d3 + w[wo + 0 + 3] + (((b3 ^ c3) & a3) ^ c3), 9) + tA1;
        d3 = c3;
        c3 = b3;
        b3 = tA3;
        a4 = Integer.rotateLeft(d4 + w[wo + 0 + 4] + (((b4 ^ c4) & a4) ^ c4), 9) + tA6;
        d4 = c4;
        c4 = b4;
        b4 = tA4;
        a5 = Integer.rotateLeft(d5 + w[wo + 0 + 5] + (((b5 ^ c5) & a5) ^ c5), 9) + tA7;
        d5 = c5;
        c5 = b5;
        b5 = tA5;
        a6 = Integer.rotateLeft(d6 + w[wo + 0 + 6] + (((b6 ^ c6) & a6) ^ c6), 9) + tA4;
        d6 = c6;
        c6 = b6;
        b6 = tA6;
        a7 = Integer.rotateLeft(d7 + w[wo + 0 + 7] + (((b7 ^ c7) & a7) ^ c7), 9) + tA5;
        d7 = c7;
        c7 = b7;
        b7 = tA7;
        }
        {
            // step 1
        final int tA0 = Integer.rotateLeft(a0, 9);
        final int tA1 = Integer.rotateLeft(a1, 9);
        final int tA2 = Integer.rotateLeft(a2, 9);
        final int tA3 = Integer.rotateLeft(a3, 9);
        final int tA4 = Integer.rotateLeft(a4, 9);
        final int tA5 = Integer.rotateLeft(a5, 9);
        final int tA6 = Integer.rotateLeft(a6, 9);
        final int tA7 = Integer.rotateLeft(a7, 9);
        a0 = Integer.rotateLeft(d0 + w[wo + 8 + 0] + (((b0 ^ c0) & a0) ^ c0), 15) + tA3;
        d0 = c0;
        c0 = b0;
        b0 = tA0;
        a1 = Integer.rotateLeft(d1 + w[wo + 8 + 1] + (((b1 ^ c1) & a1) ^ c1), 15) + tA2;
        d1 = c1;
        c1 = b1;
        b1 = tA1;
        a2 = Integer.rotateLeft(d2 + w[wo + 8 + 2] + (((b2 ^ c2) & a2) ^ c2), 15) + tA1;
        d2 = c2;
        c2 = b2;
        b2 = tA2;
        a3 = Integer.rotateLeft(d3 + w[wo + 8 + 3] + (((b3 ^ c3) & a3) ^ c3), 15) + tA0;
        d3 = c3;
        c3 = b3;
        b3 = tA3;
        a4 = Integer.rotateLeft(d4 + w[wo + 8 + 4] + (((b4 ^ c4) & a4) ^ c4), 15) + tA7;
        d4 = c4;
        c4 = b4;
        b4 = tA4;
        a5 = Integer.rotateLeft(d5 + w[wo + 8 + 5] + (((b5 ^ c5) & a5) ^ c5), 15) + tA6;
        d5 = c5;
        c5 = b5;
        b5 = tA5;
        a6 = Integer.rotateLeft(d6 + w[wo + 8 + 6] + (((b6 ^ c6) & a6) ^ c6), 15) + tA5;
        d6 = c6;
        c6 = b6;
        b6 = tA6;
        a7 = Integer.rotateLeft(d7 + w[wo + 8 + 7] + (((b7 ^ c7) & a7) ^ c7), 15) + tA4;
        d7 = c7;
        c7 = b7;
        b7 = tA7;
        }
        {
            // step 2
        final int tA0 = Integer.rotateLeft(a0, 15);
        final int tA1 = Integer.rotateLeft(a1, 15);
        final int tA2 = Integer.rotateLeft(a2, 15);
        final int tA3 = Integer.rotateLeft(a3, 15);
        final int tA4 = Integer.rotateLeft(a4, 15);
        final int tA5 = Integer.rotateLeft(a5, 15);
        final int tA6 = Integer.rotateLeft(a6, 15);
        final int tA7 = Integer.rotateLeft(a7, 15);
        a0 = Integer.rotateLeft(d0 + w[wo + 16 + 0] + (((b0 ^ c0) & a0) ^ c0), 5) + tA5;
        d0 = c0;
        c0 = b0;
        b0 = tA0;
        a1 = Integer.rotateLeft(d1 + w[wo + 16 + 1] + (((b1 ^ c1) & a1) ^ c1), 5) + tA4;
        d1 = c1;
        c1 = b1;
        b1 = tA1;
        a2 = Integer.rotateLeft(d2 + w[wo + 16 + 2] + (((b2 ^ c2) & a2) ^ c2), 5) + tA7;
        d2 = c2;
        c2 = b2;
        b2 = tA2;
        a3 = Integer.rotateLeft(d3 + w[wo + 16 + 3] + (((b3 ^ c3) & a3) ^ c3), 5) + tA6;
        d3 = c3;
        c3 = b3;
        b3 = tA3;
        a4 = Integer.rotateLeft(d4 + w[wo + 16 + 4] + (((b4 ^ c4) & a4) ^ c4), 5) + tA1;
        d4 = c4;
        c4 = b4;
        b4 = tA4;
        a5 = Integer.rotateLeft(d5 + w[wo + 16 + 5] + (((b5 ^ c5) & a5) ^ c5), 5) + tA0;
        d5 = c5;
        c5 = b5;
        b5 = tA5;
        a6 = Integer.rotateLeft(d6 + w[wo + 16 + 6] + (((b6 ^ c6) & a6) ^ c6), 5) + tA3;
        d6 = c6;
        c6 = b6;
        b6 = tA6;
        a7 = Integer.rotateLeft(d7 + w[wo + 16 + 7] + (((b7 ^ c7) & a7) ^ c7), 5) + tA2;
        d7 = c7;
        c7 = b7;
        b7 = tA7;
        }
        {
            // step 3
        final int tA0 = Integer.rotateLeft(a0, 5);
        final int tA1 = Integer.rotateLeft(a1, 5);
        final int tA2 = Integer.rotateLeft(a2, 5);
        final int tA3 = Integer.rotateLeft(a3, 5);
        final int tA4 = Integer.rotateLeft(a4, 5);
        final int tA5 = Integer.rotateLeft(a5, 5);
        final int tA6 = Integer.rotateLeft(a6, 5);
        final int tA7 = Integer.rotateLeft(a7, 5);
        a0 = Integer.rotateLeft(d0 + w[wo + 24 + 0] + (((b0 ^ c0) & a0) ^ c0), 29) + tA7;
        d0 = c0;
        c0 = b0;
        b0 = tA0;
        a1 = Integer.rotateLeft(d1 + w[wo + 24 + 1] + (((b1 ^ c1) & a1) ^ c1), 29) + tA6;
        d1 = c1;
        c1 = b1;
        b1 = tA1;
        a2 = Integer.rotateLeft(d2 + w[wo + 24 + 2] + (((b2 ^ c2) & a2) ^ c2), 29) + tA5;
        d2 = c2;
        c2 = b2;
        b2 = tA2;
        a3 = Integer.rotateLeft(d3 + w[wo + 24 + 3] + (((b3 ^ c3) & a3) ^ c3), 29) + tA4;
        d3 = c3;
        c3 = b3;
        b3 = tA3;
        a4 = Integer.rotateLeft(d4 + w[wo + 24 + 4] + (((b4 ^ c4) & a4) ^ c4), 29) + tA3;
        d4 = c4;
        c4 = b4;
        b4 = tA4;
        a5 = Integer.rotateLeft(d5 + w[wo + 24 + 5] + (((b5 ^ c5) & a5) ^ c5), 29) + tA2;
        d5 = c5;
        c5 = b5;
        b5 = tA5;
        a6 = Integer.rotateLeft(d6 + w[wo + 24 + 6] + (((b6 ^ c6) & a6) ^ c6), 29) + tA1;
        d6 = c6;
        c6 = b6;
        b6 = tA6;
        a7 = Integer.rotateLeft(d7 + w[wo + 24 + 7] + (((b7 ^ c7) & a7) ^ c7), 29) + tA0;
        d7 = c7;
        c7 = b7;
        b7 = tA7;
        }
        {
            // step 4
        final int tA0 = Integer.rotateLeft(a0, 29);
        final int tA1 = Integer.rotateLeft(a1, 29);
        final int tA2 = Integer.rotateLeft(a2, 29);
        final int tA3 = Integer.rotateLeft(a3, 29);
        final int tA4 = Integer.rotateLeft(a4, 29);
        final int tA5 = Integer.rotateLeft(a5, 29);
        final int tA6 = Integer.rotateLeft(a6, 29);
        final int tA7 = Integer.rotateLeft(a7, 29);
        a0 = Integer.rotateLeft(d0 + w[wo + 32 + 0] + ((a0 & b0) | ((a0 | b0) & c0)), 9) + tA4;
        d0 = c0;
        c0 = b0;
        b0 = tA0;
        a1 = Integer.rotateLeft(d1 + w[wo + 32 + 1] + ((a1 & b1) | ((a1 | b1) & c1)), 9) + tA5;
        d1 = c1;
        c1 = b1;
        b1 = tA1;
        a2 = Integer.rotateLeft(d2 + w[wo + 32 + 2] + ((a2 & b2) | ((a2 | b2) & c2)), 9) + tA6;
        d2 = c2;
        c2 = b2;
        b2 = tA2;
        a3 = Integer.rotateLeft(d3 + w[wo + 32 + 3] + ((a3 & b3) | ((a3 | b3) & c3)), 9) + tA7;
        d3 = c3;
        c3 = b3;
        b3 = tA3;
        a4 = Integer.rotateLeft(d4 + w[wo + 32 + 4] + ((a4 & b4) | ((a4 | b4) & c4)), 9) + tA0;
        d4 = c4;
        c4 = b4;
        b4 = tA4;
        a5 = Integer.rotateLeft(d5 + w[wo + 32 + 5] + ((a5 & b5) | ((a5 | b5) & c5)), 9) + tA1;
        d5 = c5;
        c5 = b5;
        b5 = tA5;
        a6 = Integer.rotateLeft(d6 + w[wo + 32 + 6] + ((a6 & b6) | ((a6 | b6) & c6)), 9) + tA2;
        d6 = c6;
        c6 = b6;
        b6 = tA6;
        a7 = Integer.rotateLeft(d7 + w[wo + 32 + 7] + ((a7 & b7) | ((a7 | b7) & c7)), 9) + tA3;
        d7 = c7;
        c7 = b7;
        b7 = tA7;
        }
        {
            // step 5
        final int tA0 = Integer.rotateLeft(a0, 9);
        final int tA1 = Integer.rotateLeft(a1, 9);
        final int tA2 = Integer.rotateLeft(a2, 9);
        final int tA3 = Integer.rotateLeft(a3, 9);
        final int tA4 = Integer.rotateLeft(a4, 9);
        final int tA5 = Integer.rotateLeft(a5, 9);
        final int tA6 = Integer.rotateLeft(a6, 9);
        final int tA7 = Integer.rotateLeft(a7, 9);
        a0 = Integer.rotateLeft(d0 + w[wo + 40 + 0] + ((a0 & b0) | ((a0 | b0) & c0)), 15) + tA1;
        d0 = c0;
        c0 = b0;
        b0 = tA0;
        a1 = Integer.rotateLeft(d1 + w[wo + 40 + 1] + ((a1 & b1) | ((a1 | b1) & c1)), 15) + tA0;
        d1 = c1;
        c1 = b1;
        b1 = tA1;
        a2 = Integer.rotateLeft(d2 + w[wo + 40 + 2] + ((a2 & b2) | ((a2 | b2) & c2)), 15) + tA3;
        d2 = c2;
        c2 = b2;
        b2 = tA2;
        a3 = Integer.rotateLeft(d3 + w[wo + 40 + 3] + ((a3 & b3) | ((a3 | b3) & c3)), 15) + tA2;
        d3 = c3;
        c3 = b3;
        b3 = tA3;
        a4 = Integer.rotateLeft(d4 + w[wo + 40 + 4] + ((a4 & b4) | ((a4 | b4) & c4)), 15) + tA5;
        d4 = c4;
        c4 = b4;
        b4 = tA4;
        a5 = Integer.rotateLeft(d5 + w[wo + 40 + 5] + ((a5 & b5) | ((a5 | b5) & c5)), 15) + tA4;
        d5 = c5;
        c5 = b5;
        b5 = tA5;
        a6 = Integer.rotateLeft(d6 + w[wo + 40 + 6] + ((a6 & b6) | ((a6 | b6) & c6)), 15) + tA7;
        d6 = c6;
        c6 = b6;
        b6 = tA6;
        a7 = Integer.rotateLeft(d7 + w[wo + 40 + 7] + ((a7 & b7) | ((a7 | b7) & c7)), 15) + tA6;
        d7 = c7;
        c7 = b7;
        b7 = tA7;
        }
        {
            // step 6
        final int tA0 = Integer.rotateLeft(a0, 15);
        final int tA1 = Integer.rotateLeft(a1, 15);
        final int tA2 = Integer.rotateLeft(a2, 15);
        final int tA3 = Integer.rotateLeft(a3, 15);
        final int tA4 = Integer.rotateLeft(a4, 15);
        final int tA5 = Integer.rotateLeft(a5, 15);
        final int tA6 = Integer.rotateLeft(a6, 15);
        final int tA7 = Integer.rotateLeft(a7, 15);
        a0 = Integer.rotateLeft(d0 + w[wo + 48 + 0] + ((a0 & b0) | ((a0 | b0) & c0)), 5) + tA6;
        d0 = c0;
        c0 = b0;
        b0 = tA0;
        a1 = Integer.rotateLeft(d1 + w[wo + 48 + 1] + ((a1 & b1) | ((a1 | b1) & c1)), 5) + tA7;
        d1 = c1;
        c1 = b1;
        b1 = tA1;
        a2 = Integer.rotateLeft(d2 + w[wo + 48 + 2] + ((a2 & b2) | ((a2 | b2) & c2)), 5) + tA4;
        d2 = c2;
        c2 = b2;
        b2 = tA2;
        a3 = Integer.rotateLeft(d3 + w[wo + 48 + 3] + ((a3 & b3) | ((a3 | b3) & c3)), 5) + tA5;
        d3 = c3;
        c3 = b3;
        b3 = tA3;
        a4 = Integer.rotateLeft(d4 + w[wo + 48 + 4] + ((a4 & b4) | ((a4 | b4) & c4)), 5) + tA2;
        d4 = c4;
        c4 = b4;
        b4 = tA4;
        a5 = Integer.rotateLeft(d5 + w[wo + 48 + 5] + ((a5 & b5) | ((a5 | b5) & c5)), 5) + tA3;
        d5 = c5;
        c5 = b5;
        b5 = tA5;
        a6 = Integer.rotateLeft(d6 + w[wo + 48 + 6] + ((a6 & b6) | ((a6 | b6) & c6)), 5) + tA0;
        d6 = c6;
        c6 = b6;
        b6 = tA6;
        a7 = Integer.rotateLeft(d7 + w[wo + 48 + 7] + ((a7 & b7) | ((a7 | b7) & c7)), 5) + tA1;
        d7 = c7;
        c7 = b7;
        b7 = tA7;
        }
        {
            // step 7
        final int tA0 = Integer.rotateLeft(a0, 5);
        final int tA1 = Integer.rotateLeft(a1, 5);
        final int tA2 = Integer.rotateLeft(a2, 5);
        final int tA3 = Integer.rotateLeft(a3, 5);
        final int tA4 = Integer.rotateLeft(a4, 5);
        final int tA5 = Integer.rotateLeft(a5, 5);
        final int tA6 = Integer.rotateLeft(a6, 5);
        final int tA7 = Integer.rotateLeft(a7, 5);
        a0 = Integer.rotateLeft(d0 + w[wo + 56 + 0] + ((a0 & b0) | ((a0 | b0) & c0)), 29) + tA2;
        d0 = c0;
        c0 = b0;
        b0 = tA0;
        a1 = Integer.rotateLeft(d1 + w[wo + 56 + 1] + ((a1 & b1) | ((a1 | b1) & c1)), 29) + tA3;
        d1 = c1;
        c1 = b1;
        b1 = tA1;
        a2 = Integer.rotateLeft(d2 + w[wo + 56 + 2] + ((a2 & b2) | ((a2 | b2) & c2)), 29) + tA0;
        d2 = c2;
        c2 = b2;
        b2 = tA2;
        a3 = Integer.rotateLeft(d3 + w[wo + 56 + 3] + ((a3 & b3) | ((a3 | b3) & c3)), 29) + tA1;
        d3 = c3;
        c3 = b3;
        b3 = tA3;
        a4 = Integer.rotateLeft(d4 + w[wo + 56 + 4] + ((a4 & b4) | ((a4 | b4) & c4)), 29) + tA6;
        d4 = c4;
        c4 = b4;
        b4 = tA4;
        a5 = Integer.rotateLeft(d5 + w[wo + 56 + 5] + ((a5 & b5) | ((a5 | b5) & c5)), 29) + tA7;
        d5 = c5;
        c5 = b5;
        b5 = tA5;
        a6 = Integer.rotateLeft(d6 + w[wo + 56 + 6] + ((a6 & b6) | ((a6 | b6) & c6)), 29) + tA4;
        d6 = c6;
        c6 = b6;
        b6 = tA6;
        a7 = Integer.rotateLeft(d7 + w[wo + 56 + 7] + ((a7 & b7) | ((a7 | b7) & c7)), 29) + tA5;
        d7 = c7;
        c7 = b7;
        b7 = tA7;
        }
        s[0] = a0;
        s[1] = a1;
        s[2] = a2;
        s[3] = a3;
        s[4] = a4;
        s[5] = a5;
        s[6] = a6;
        s[7] = a7;
        s[8] = b0;
        s[9] = b1;
        s[10] = b2;
        s[11] = b3;
        s[12] = b4;
        s[13] = b5;
        s[14] = b6;
        s[15] = b7;
        s[16] = c0;
        s[17] = c1;
        s[18] = c2;
        s[19] = c3;
        s[20] = c4;
        s[21] = c5;
        s[22] = c6;
        s[23] = c7;
        s[24] = d0;
        s[25] = d1;
        s[26] = d2;
        s[27] = d3;
        s[28] = d4;
        s[29] = d5;
        s[30] = d6;
        s[31] = d7;
    }
    private static void round3(final int[] s, final int[] w, final int wo)
    {
        int a0 = s[0];
        int a1 = s[1];
        int a2 = s[2];
        int a3 = s[3];
        int a4 = s[4];
        int a5 = s[5];
        int a6 = s[6];
        int a7 = s[7];
        int b0 = s[8];
        int b1 = s[9];
        int b2 = s[10];
        int b3 = s[11];
        int b4 = s[12];
        int b5 = s[13];
        int b6 = s[14];
        int b7 = s[15];
        int c0 = s[16];
        int c1 = s[17];
        int c2 = s[18];
        int c3 = s[19];
        int c4 = s[20];
        int c5 = s[21];
        int c6 = s[22];
        int c7 = s[23];
        int d0 = s[24];
        int d1 = s[25];
        int d2 = s[26];
        int d3 = s[27];
        int d4 = s[28];
        int d5 = s[29];
        int d6 = s[30];
        int d7 = s[31];
        {
            // step 0
        final int tA0 = Integer.rotateLeft(a0, 4);
        final int tA1 = Integer.rotateLeft(a1, 4);
        final int tA2 = Integer.rotateLeft(a2, 4);
        final int tA3 = Integer.rotateLeft(a3, 4);
        final int tA4 = Integer.rotateLeft(a4, 4);
        final int tA5 = Integer.rotateLeft(a5, 4);
        final int tA6 = Integer.rotateLeft(a6, 4);
        final int tA7 = Integer.rotateLeft(a7, 4);
        a0 = Integer.rotateLeft(d0 + w[wo + 0 + 0] + (((b0 ^ c0) & a0) ^ c0), 13) + tA3;
        d0 = c0;
        c0 = b0;
        b0 = tA0;
        a1 = Integer.rotateLeft(d1 + w[wo + 0 + 1] + (((b1 ^ c1) & a1) ^ c1), 13) + tA2;
        d1 = c1;
        c1 = b1;
        b1 = tA1;
        a2 = Integer.rotateLeft(d2 + w[wo + 0 + 2] + (((b2 ^ c2) & a2) ^ c2), 13) + tA1;
        d2 = c2;
        c2 = b2;
        b2 = tA2;
        a3 = Integer.rotateLeft(d3 + w[wo + 0 + 3] + (((b3 ^ c3) & a3) ^ c3), 13) + tA0;
        d3 = c3;
        c3 = b3;
        b3 = tA3;
        a4 = Integer.rotateLeft(d4 + w[wo + 0 + 4] + (((b4 ^ c4) & a4) ^ c4), 13) + tA7;
        d4 = c4;
        c4 = b4;
        b4 = tA4;
        a5 = Integer.rotateLeft(d5 + w[wo + 0 + 5] + (((b5 ^ c5) & a5) ^ c5), 13) + tA6;
        d5 = c5;
        c5 = b5;
        b5 = tA5;
        a6 = Integer.rotateLeft(d6 + w[wo + 0 + 6] + (((b6 ^ c6) & a6) ^ c6), 13) + tA5;
        d6 = c6;
        c6 = b6;
        b6 = tA6;
        a7 = Integer.rotateLeft(d7 + w[wo + 0 + 7] + (((b7 ^ c7) & a7) ^ c7), 13) + tA4;
        d7 = c7;
        c7 = b7;
        b7 = tA7;
        }
        {
            // step 1
        final int tA0 = Integer.rotateLeft(a0, 13);
        final int tA1 = Integer.rotateLeft(a1, 13);
        final int tA2 = Integer.rotateLeft(a2, 13);
        final int tA3 = Integer.rotateLeft(a3, 13);
        final int tA4 = Integer.rotateLeft(a4, 13);
        final int tA5 = Integer.rotateLeft(a5, 13);
        final int tA6 = Integer.rotateLeft(a6, 13);
        final int tA7 = Integer.rotateLeft(a7, 13);
        a0 = Integer.rotateLeft(d0 + w[wo + 8 + 0] + (((b0 ^ c0) & a0) ^ c0), 10) + tA5;
        d0 = c0;
        c0 = b0;
        b0 = tA0;
        a1 = Integer.rotateLeft(d1 + w[wo + 8 + 1] + (((b1 ^ c1) & a1) ^ c1), 10) + tA4;
        d1 = c1;
        c1 = b1;
        b1 = tA1;
        a2 = Integer.rotateLeft(d2 + w[wo + 8 + 2] + (((b2 ^ c2) & a2) ^ c2), 10) + tA7;
        d2 = c2;
        c2 = b2;
        b2 = tA2;
        a3 = Integer.rotateLeft(d3 + w[wo + 8 + 3] + (((b3 ^ c3) & a3) ^ c3), 10) + tA6;
        d3 = c3;
        c3 = b3;
        b3 = tA3;
        a4 = Integer.rotateLeft(d4 + w[wo + 8 + 4] + (((b4 ^ c4) & a4) ^ c4), 10) + tA1;
        d4 = c4;
        c4 = b4;
        b4 = tA4;
        a5 = Integer.rotateLeft(d5 + w[wo + 8 + 5] + (((b5 ^ c5) & a5) ^ c5), 10) + tA0;
        d5 = c5;
        c5 = b5;
        b5 = tA5;
        a6 = Integer.rotateLeft(d6 + w[wo + 8 + 6] + (((b6 ^ c6) & a6) ^ c6), 10) + tA3;
        d6 = c6;
        c6 = b6;
        b6 = tA6;
        a7 = Integer.rotateLeft(d7 + w[wo + 8 + 7] + (((b7 ^ c7) & a7) ^ c7), 10) + tA2;
        d7 = c7;
        c7 = b7;
        b7 = tA7;
        }
        {
            // step 2
        final int tA0 = Integer.rotateLeft(a0, 10);
        final int tA1 = Integer.rotateLeft(a1, 10);
        final int tA2 = Integer.rotateLeft(a2, 10);
        final int tA3 = Integer.rotateLeft(a3, 10);
        final int tA4 = Integer.rotateLeft(a4, 10);
        final int tA5 = Integer.rotateLeft(a5, 10);
        final int tA6 = Integer.rotateLeft(a6, 10);
        final int tA7 = Integer.rotateLeft(a7, 10);
        a0 = Integer.rotateLeft(d0 + w[wo + 16 + 0] + (((b0 ^ c0) & a0) ^ c0), 25) + tA7;
        d0 = c0;
        c0 = b0;
        b0 = tA0;
        a1 = Integer.rotateLeft(d1 + w[wo + 16 + 1] + (((b1 ^ c1) & a1) ^ c1), 25) + tA6;
        d1 = c1;
        c1 = b1;
        b1 = tA1;
        a2 = Integer.rotateLeft(d2 + w[wo + 16 + 2] + (((b2 ^ c2) & a2) ^ c2), 25) + tA5;
        d2 = c2;
        c2 = b2;
        b2 = tA2;
        a3 = Integer.rotateLeft(d3 + w[wo + 16 + 3] + (((b3 ^ c3) & a3) ^ c3), 25) + tA4;
        d3 = c3;
        c3 = b3;
        b3 = tA3;
        a4 = Integer.rotateLeft(d4 + w[wo + 16 + 4] + (((b4 ^ c4) & a4) ^ c4), 25) + tA3;
        d4 = c4;
        c4 = b4;
        b4 = tA4;
        a5 = Integer.rotateLeft(d5 + w[wo + 16 + 5] + (((b5 ^ c5) & a5) ^ c5), 25) + tA2;
        d5 = c5;
        c5 = b5;
        b5 = tA5;
        a6 = Integer.rotateLeft(d6 + w[wo + 16 + 6] + (((b6 ^ c6) & a6) ^ c6), 25) + tA1;
        d6 = c6;
        c6 = b6;
        b6 = tA6;
        a7 = Integer.rotateLeft(d7 + w[wo + 16 + 7] + (((b7 ^ c7) & a7) ^ c7), 25) + tA0;
        d7 = c7;
        c7 = b7;
        b7 = tA7;
        }
        {
            // step 3
        final int tA0 = Integer.rotateLeft(a0, 25);
        final int tA1 = Integer.rotateLeft(a1, 25);
        final int tA2 = Integer.rotateLeft(a2, 25);
        final int tA3 = Integer.rotateLeft(a3, 25);
        final int tA4 = Integer.rotateLeft(a4, 25);
        final int tA5 = Integer.rotateLeft(a5, 25);
        final int tA6 = Integer.rotateLeft(a6, 25);
        final int tA7 = Integer.rotateLeft(a7, 25);
        a0 = Integer.rotateLeft(d0 + w[wo + 24 + 0] + (((b0 ^ c0) & a0) ^ c0), 4) + tA4;
        d0 = c0;
        c0 = b0;
        b0 = tA0;
        a1 = Integer.rotateLeft(d1 + w[wo + 24 + 1] + (((b1 ^ c1) & a1) ^ c1), 4) + tA5;
        d1 = c1;
        c1 = b1;
        b1 = tA1;
        a2 = Integer.rotateLeft(d2 + w[wo + 24 + 2] + (((b2 ^ c2) & a2) ^ c2), 4) + tA6;
        d2 = c2;
        c2 = b2;
        b2 = tA2;
        a3 = Integer.rotateLeft(d3 + w[wo + 24 + 3] + (((b3 ^ c3) & a3) ^ c3), 4) + tA7;
        d3 = c3;
        c3 = b3;
        b3 = tA3;
        a4 = Integer.rotateLeft(d4 + w[wo + 24 + 4] + (((b4 ^ c4) & a4) ^ c4), 4) + tA0;
        d4 = c4;
        c4 = b4;
        b4 = tA4;
        a5 = Integer.rotateLeft(d5 + w[wo + 24 + 5] + (((b5 ^ c5) & a5) ^ c5), 4) + tA1;
        d5 = c5;
        c5 = b5;
        b5 = tA5;
        a6 = Integer.rotateLeft(d6 + w[wo + 24 + 6] + (((b6 ^ c6) & a6) ^ c6), 4) + tA2;
        d6 = c6;
        c6 = b6;
        b6 = tA6;
        a7 = Integer.rotateLeft(d7 + w[wo + 24 + 7] + (((b7 ^ c7) & a7) ^ c7), 4) + tA3;
        d7 = c7;
        c7 = b7;
        b7 = tA7;
        }
        {
            // step 4
        final int tA0 = Integer.rotateLeft(a0, 4);
        final int tA1 = Integer.rotateLeft(a1, 4);
        final int tA2 = Integer.rotateLeft(a2, 4);
        final int tA3 = Integer.rotateLeft(a3, 4);
        final int tA4 = Integer.rotateLeft(a4, 4);
        final int tA5 = Integer.rotateLeft(a5, 4);
        final int tA6 = Integer.rotateLeft(a6, 4);
        final int tA7 = Integer.rotateLeft(a7, 4);
        a0 = Integer.rotateLeft(d0 + w[wo + 32 + 0] + ((a0 & b0) | ((a0 | b0) & c0)), 13) + tA1;
        d0 = c0;
        c0 = b0;
        b0 = tA0;
        a1 = Integer.rotateLeft(d1 + w[wo + 32 + 1] + ((a1 & b1) | ((a1 | b1) & c1)), 13) + tA0;
        d1 = c1;
        c1 = b1;
        b1 = tA1;
        a2 = Integer.rotateLeft(d2 + w[wo + 32 + 2] + ((a2 & b2) | ((a2 | b2) & c2)), 13) + tA3;
        d2 = c2;
        c2 = b2;
        b2 = tA2;
        a3 = Integer.rotateLeft(d3 + w[wo + 32 + 3] + ((a3 & b3) | ((a3 | b3) & c3)), 13) + tA2;
        d3 = c3;
        c3 = b3;
        b3 = tA3;
        a4 = Integer.rotateLeft(d4 + w[wo + 32 + 4] + ((a4 & b4) | ((a4 | b4) & c4)), 13) + tA5;
        d4 = c4;
        c4 = b4;
        b4 = tA4;
        a5 = Integer.rotateLeft(d5 + w[wo + 32 + 5] + ((a5 & b5) | ((a5 | b5) & c5)), 13) + tA4;
        d5 = c5;
        c5 = b5;
        b5 = tA5;
        a6 = Integer.rotateLeft(d6 + w[wo + 32 + 6] + ((a6 & b6) | ((a6 | b6) & c6)), 13) + tA7;
        d6 = c6;
        c6 = b6;
        b6 = tA6;
        a7 = Integer.rotateLeft(d7 + w[wo + 32 + 7] + ((a7 & b7) | ((a7 | b7) & c7)), 13) + tA6;
        d7 = c7;
        c7 = b7;
        b7 = tA7;
        }
        {
            // step 5
        final int tA0 = Integer.rotateLeft(a0, 13);
        final int tA1 = Integer.rotateLeft(a1, 13);
        final int tA2 = Integer.rotateLeft(a2, 13);
        final int tA3 = Integer.rotateLeft(a3, 13);
        final int tA4 = Integer.rotateLeft(a4, 13);
        final int tA5 = Integer.rotateLeft(a5, 13);
        final int tA6 = Integer.rotateLeft(a6, 13);
        final int tA7 = Integer.rotateLeft(a7, 13);
        a0 = Integer.rotateLeft(d0 + w[wo + 40 + 0] + ((a0 & b0) | ((a0 | b0) & c0)), 10) + tA6;
        d0 = c0;
        c0 = b0;
        b0 = tA0;
        a1 = Integer.rotateLeft(d1 + w[wo + 40 + 1] + ((a1 & b1) | ((a1 | b1) & c1)), 10) + tA7;
        d1 = c1;
        c1 = b1;
        b1 = tA1;
        a2 = Integer.rotateLeft(d2 + w[wo + 40 + 2] + ((a2 & b2) | ((a2 | b2) & c2)), 10) + tA4;
        d2 = c2;
        c2 = b2;
        b2 = tA2;
        a3 = Integer.rotateLeft(d3 + w[wo + 40 + 3] + ((a3 & b3) | ((a3 | b3) & c3)), 10) + tA5;
        d3 = c3;
        c3 = b3;
        b3 = tA3;
        a4 = Integer.rotateLeft(d4 + w[wo + 40 + 4] + ((a4 & b4) | ((a4 | b4) & c4)), 10) + tA2;
        d4 = c4;
        c4 = b4;
        b4 = tA4;
        a5 = Integer.rotateLeft(d5 + w[wo + 40 + 5] + ((a5 & b5) | ((a5 | b5) & c5)), 10) + tA3;
        d5 = c5;
        c5 = b5;
        b5 = tA5;
        a6 = Integer.rotateLeft(d6 + w[wo + 40 + 6] + ((a6 & b6) | ((a6 | b6) & c6)), 10) + tA0;
        d6 = c6;
        c6 = b6;
        b6 = tA6;
        a7 = Integer.rotateLeft(d7 + w[wo + 40 + 7] + ((a7 & b7) | ((a7 | b7) & c7)), 10) + tA1;
        d7 = c7;
        c7 = b7;
        b7 = tA7;
        }
        {
            // step 6
        final int tA0 = Integer.rotateLeft(a0, 10);
        final int tA1 = Integer.rotateLeft(a1, 10);
        final int tA2 = Integer.rotateLeft(a2, 10);
        final int tA3 = Integer.rotateLeft(a3, 10);
        final int tA4 = Integer.rotateLeft(a4, 10);
        final int tA5 = Integer.rotateLeft(a5, 10);
        final int tA6 = Integer.rotateLeft(a6, 10);
        final int tA7 = Integer.rotateLeft(a7, 10);
        a0 = Integer.rotateLeft(d0 + w[wo + 48 + 0] + ((a0 & b0) | ((a0 | b0) & c0)), 25) + tA2;
        d0 = c0;
        c0 = b0;
        b0 = tA0;
        a1 = Integer.rotateLeft(d1 + w[wo + 48 + 1] + ((a1 & b1) | ((a1 | b1) & c1)), 25) + tA3;
        d1 = c1;
        c1 = b1;
        b1 = tA1;
        a2 = Integer.rotateLeft(d2 + w[wo + 48 + 2] + ((a2 & b2) | ((a2 | b2) & c2)), 25) + tA0;
        d2 = c2;
        c2 = b2;
        b2 = tA2;
        a3 = Integer.rotateLeft(d3 + w[wo + 48 + 3] + ((a3 & b3) | ((a3 | b3) & c3)), 25) + tA1;
        d3 = c3;
        c3 = b3;
        b3 = tA3;
        a4 = Integer.rotateLeft(d4 + w[wo + 48 + 4] + ((a4 & b4) | ((a4 | b4) & c4)), 25) + tA6;
        d4 = c4;
        c4 = b4;
        b4 = tA4;
        a5 = Integer.rotateLeft(d5 + w[wo + 48 + 5] + ((a5 & b5) | ((a5 | b5) & c5)), 25) + tA7;
        d5 = c5;
        c5 = b5;
        b5 = tA5;
        a6 = Integer.rotateLeft(d6 + w[wo + 48 + 6] + ((a6 & b6) | ((a6 | b6) & c6)), 25) + tA4;
        d6 = c6;
        c6 = b6;
        b6 = tA6;
        a7 = Integer.rotateLeft(d7 + w[wo + 48 + 7] + ((a7 & b7) | ((a7 | b7) & c7)), 25) + tA5;
        d7 = c7;
        c7 = b7;
        b7 = tA7;
        }
        {
            // step 7
        final int tA0 = Integer.rotateLeft(a0, 25);
        final int tA1 = Integer.rotateLeft(a1, 25);
        final int tA2 = Integer.rotateLeft(a2, 25);
        final int tA3 = Integer.rotateLeft(a3, 25);
        final int tA4 = Integer.rotateLeft(a4, 25);
        final int tA5 = Integer.rotateLeft(a5, 25);
        final int tA6 = Integer.rotateLeft(a6, 25);
        final int tA7 = Integer.rotateLeft(a7, 25);
        a0 = Integer.rotateLeft(d0 + w[wo + 56 + 0] + ((a0 & b0) | ((a0 | b0) & c0)), 4) + tA3;
        d0 = c0;
        c0 = b0;
        b0 = tA0;
        a1 = Integer.rotateLeft(d1 + w[wo + 56 + 1] + ((a1 & b1) | ((a1 | b1) & c1)), 4) + tA2;
        d1 = c1;
        c1 = b1;
        b1 = tA1;
        a2 = Integer.rotateLeft(d2 + w[wo + 56 + 2] + ((a2 & b2) | ((a2 | b2) & c2)), 4) + tA1;
        d2 = c2;
        c2 = b2;
        b2 = tA2;
        a3 = Integer.rotateLeft(d3 + w[wo + 56 + 3] + ((a3 & b3) | ((a3 | b3) & c3)), 4) + tA0;
        d3 = c3;
        c3 = b3;
        b3 = tA3;
        a4 = Integer.rotateLeft(d4 + w[wo + 56 + 4] + ((a4 & b4) | ((a4 | b4) & c4)), 4) + tA7;
        d4 = c4;
        c4 = b4;
        b4 = tA4;
        a5 = Integer.rotateLeft(d5 + w[wo + 56 + 5] + ((a5 & b5) | ((a5 | b5) & c5)), 4) + tA6;
        d5 = c5;
        c5 = b5;
        b5 = tA5;
        a6 = Integer.rotateLeft(d6 + w[wo + 56 + 6] + ((a6 & b6) | ((a6 | b6) & c6)), 4) + tA5;
        d6 = c6;
        c6 = b6;
        b6 = tA6;
        a7 = Integer.rotateLeft(d7 + w[wo + 56 + 7] + ((a7 & b7) | ((a7 | b7) & c7)), 4) + tA4;
        d7 = c7;
        c7 = b7;
        b7 = tA7;
        }
        s[0] = a0;
        s[1] = a1;
        s[2] = a2;
        s[3] = a3;
        s[4] = a4;
        s[5] = a5;
        s[6] = a6;
        s[7] = a7;
        s[8] = b0;
        s[9] = b1;
        s[10] = b2;
        s[11] = b3;
        s[12] = b4;
        s[13] = b5;
        s[14] = b6;
        s[15] = b7;
        s[16] = c0;
        s[17] = c1;
        s[18] = c2;
        s[19] = c3;
        s[20] = c4;
        s[21] = c5;
        s[22] = c6;
        s[23] = c7;
        s[24] = d0;
        s[25] = d1;
        s[26] = d2;
        s[27] = d3;
        s[28] = d4;
        s[29] = d5;
        s[30] = d6;
        s[31] = d7;
    }
    /**
     * The four final steps, keyed by the chaining value {@code h} from before the block.
     */
    private static void finalSteps(final int[] s, final int[] h)
    {
        int a0 = s[0];
        int a1 = s[1];
        int a2 = s[2];
        int a3 = s[3];
        int a4 = s[4];
        int a5 = s[5];
        int a6 = s[6];
        int a7 = s[7];
        int b0 = s[8];
        int b1 = s[9];
        int b2 = s[10];
        int b3 = s[11];
        int b4 = s[12];
        int b5 = s[13];
        int b6 = s[14];
        int b7 = s[15];
        int c0 = s[16];
        int c1 = s[17];
        int c2 = s[18];
        int c3 = s[19];
        int c4 = s[20];
        int c5 = s[21];
        int c6 = s[22];
        int c7 = s[23];
        int d0 = s[24];
        int d1 = s[25];
        int d2 = s[26];
        int d3 = s[27];
        int d4 = s[28];
        int d5 = s[29];
        int d6 = s[30];
        int d7 = s[31];
        {
            // step 0
        final int tA0 = Integer.rotateLeft(a0, 4);
        final int tA1 = Integer.rotateLeft(a1, 4);
        final int tA2 = Integer.rotateLeft(a2, 4);
        final int tA3 = Integer.rotateLeft(a3, 4);
        final int tA4 = Integer.rotateLeft(a4, 4);
        final int tA5 = Integer.rotateLeft(a5, 4);
        final int tA6 = Integer.rotateLeft(a6, 4);
        final int tA7 = Integer.rotateLeft(a7, 4);
        a0 = Integer.rotateLeft(d0 + h[0] + (((b0 ^ c0) & a0) ^ c0), 13) + tA5;
        d0 = c0;
        c0 = b0;
        b0 = tA0;
        a1 = Integer.rotateLeft(d1 + h[1] + (((b1 ^ c1) & a1) ^ c1), 13) + tA4;
        d1 = c1;
        c1 = b1;
        b1 = tA1;
        a2 = Integer.rotateLeft(d2 + h[2] + (((b2 ^ c2) & a2) ^ c2), 13) + tA7;
        d2 = c2;
        c2 = b2;
        b2 = tA2;
        a3 = Integer.rotateLeft(d3 + h[3] + (((b3 ^ c3) & a3) ^ c3), 13) + tA6;
        d3 = c3;
        c3 = b3;
        b3 = tA3;
        a4 = Integer.rotateLeft(d4 + h[4] + (((b4 ^ c4) & a4) ^ c4), 13) + tA1;
        d4 = c4;
        c4 = b4;
        b4 = tA4;
        a5 = Integer.rotateLeft(d5 + h[5] + (((b5 ^ c5) & a5) ^ c5), 13) + tA0;
        d5 = c5;
        c5 = b5;
        b5 = tA5;
        a6 = Integer.rotateLeft(d6 + h[6] + (((b6 ^ c6) & a6) ^ c6), 13) + tA3;
        d6 = c6;
        c6 = b6;
        b6 = tA6;
        a7 = Integer.rotateLeft(d7 + h[7] + (((b7 ^ c7) & a7) ^ c7), 13) + tA2;
        d7 = c7;
        c7 = b7;
        b7 = tA7;
        }
        {
            // step 1
        final int tA0 = Integer.rotateLeft(a0, 13);
        final int tA1 = Integer.rotateLeft(a1, 13);
        final int tA2 = Integer.rotateLeft(a2, 13);
        final int tA3 = Integer.rotateLeft(a3, 13);
        final int tA4 = Integer.rotateLeft(a4, 13);
        final int tA5 = Integer.rotateLeft(a5, 13);
        final int tA6 = Integer.rotateLeft(a6, 13);
        final int tA7 = Integer.rotateLeft(a7, 13);
        a0 = Integer.rotateLeft(d0 + h[8] + (((b0 ^ c0) & a0) ^ c0), 10) + tA7;
        d0 = c0;
        c0 = b0;
        b0 = tA0;
        a1 = Integer.rotateLeft(d1 + h[9] + (((b1 ^ c1) & a1) ^ c1), 10) + tA6;
        d1 = c1;
        c1 = b1;
        b1 = tA1;
        a2 = Integer.rotateLeft(d2 + h[10] + (((b2 ^ c2) & a2) ^ c2), 10) + tA5;
        d2 = c2;
        c2 = b2;
        b2 = tA2;
        a3 = Integer.rotateLeft(d3 + h[11] + (((b3 ^ c3) & a3) ^ c3), 10) + tA4;
        d3 = c3;
        c3 = b3;
        b3 = tA3;
        a4 = Integer.rotateLeft(d4 + h[12] + (((b4 ^ c4) & a4) ^ c4), 10) + tA3;
        d4 = c4;
        c4 = b4;
        b4 = tA4;
        a5 = Integer.rotateLeft(d5 + h[13] + (((b5 ^ c5) & a5) ^ c5), 10) + tA2;
        d5 = c5;
        c5 = b5;
        b5 = tA5;
        a6 = Integer.rotateLeft(d6 + h[14] + (((b6 ^ c6) & a6) ^ c6), 10) + tA1;
        d6 = c6;
        c6 = b6;
        b6 = tA6;
        a7 = Integer.rotateLeft(d7 + h[15] + (((b7 ^ c7) & a7) ^ c7), 10) + tA0;
        d7 = c7;
        c7 = b7;
        b7 = tA7;
        }
        {
            // step 2
        final int tA0 = Integer.rotateLeft(a0, 10);
        final int tA1 = Integer.rotateLeft(a1, 10);
        final int tA2 = Integer.rotateLeft(a2, 10);
        final int tA3 = Integer.rotateLeft(a3, 10);
        final int tA4 = Integer.rotateLeft(a4, 10);
        final int tA5 = Integer.rotateLeft(a5, 10);
        final int tA6 = Integer.rotateLeft(a6, 10);
        final int tA7 = Integer.rotateLeft(a7, 10);
        a0 = Integer.rotateLeft(d0 + h[16] + (((b0 ^ c0) & a0) ^ c0), 25) + tA4;
        d0 = c0;
        c0 = b0;
        b0 = tA0;
        a1 = Integer.rotateLeft(d1 + h[17] + (((b1 ^ c1) & a1) ^ c1), 25) + tA5;
        d1 = c1;
        c1 = b1;
        b1 = tA1;
        a2 = Integer.rotateLeft(d2 + h[18] + (((b2 ^ c2) & a2) ^ c2), 25) + tA6;
        d2 = c2;
        c2 = b2;
        b2 = tA2;
        a3 = Integer.rotateLeft(d3 + h[19] + (((b3 ^ c3) & a3) ^ c3), 25) + tA7;
        d3 = c3;
        c3 = b3;
        b3 = tA3;
        a4 = Integer.rotateLeft(d4 + h[20] + (((b4 ^ c4) & a4) ^ c4), 25) + tA0;
        d4 = c4;
        c4 = b4;
        b4 = tA4;
        a5 = Integer.rotateLeft(d5 + h[21] + (((b5 ^ c5) & a5) ^ c5), 25) + tA1;
        d5 = c5;
        c5 = b5;
        b5 = tA5;
        a6 = Integer.rotateLeft(d6 + h[22] + (((b6 ^ c6) & a6) ^ c6), 25) + tA2;
        d6 = c6;
        c6 = b6;
        b6 = tA6;
        a7 = Integer.rotateLeft(d7 + h[23] + (((b7 ^ c7) & a7) ^ c7), 25) + tA3;
        d7 = c7;
        c7 = b7;
        b7 = tA7;
        }
        {
            // step 3
        final int tA0 = Integer.rotateLeft(a0, 25);
        final int tA1 = Integer.rotateLeft(a1, 25);
        final int tA2 = Integer.rotateLeft(a2, 25);
        final int tA3 = Integer.rotateLeft(a3, 25);
        final int tA4 = Integer.rotateLeft(a4, 25);
        final int tA5 = Integer.rotateLeft(a5, 25);
        final int tA6 = Integer.rotateLeft(a6, 25);
        final int tA7 = Integer.rotateLeft(a7, 25);
        a0 = Integer.rotateLeft(d0 + h[24] + (((b0 ^ c0) & a0) ^ c0), 4) + tA1;
        d0 = c0;
        c0 = b0;
        b0 = tA0;
        a1 = Integer.rotateLeft(d1 + h[25] + (((b1 ^ c1) & a1) ^ c1), 4) + tA0;
        d1 = c1;
        c1 = b1;
        b1 = tA1;
        a2 = Integer.rotateLeft(d2 + h[26] + (((b2 ^ c2) & a2) ^ c2), 4) + tA3;
        d2 = c2;
        c2 = b2;
        b2 = tA2;
        a3 = Integer.rotateLeft(d3 + h[27] + (((b3 ^ c3) & a3) ^ c3), 4) + tA2;
        d3 = c3;
        c3 = b3;
        b3 = tA3;
        a4 = Integer.rotateLeft(d4 + h[28] + (((b4 ^ c4) & a4) ^ c4), 4) + tA5;
        d4 = c4;
        c4 = b4;
        b4 = tA4;
        a5 = Integer.rotateLeft(d5 + h[29] + (((b5 ^ c5) & a5) ^ c5), 4) + tA4;
        d5 = c5;
        c5 = b5;
        b5 = tA5;
        a6 = Integer.rotateLeft(d6 + h[30] + (((b6 ^ c6) & a6) ^ c6), 4) + tA7;
        d6 = c6;
        c6 = b6;
        b6 = tA6;
        a7 = Integer.rotateLeft(d7 + h[31] + (((b7 ^ c7) & a7) ^ c7), 4) + tA6;
        d7 = c7;
        c7 = b7;
        b7 = tA7;
        }
        s[0] = a0;
        s[1] = a1;
        s[2] = a2;
        s[3] = a3;
        s[4] = a4;
        s[5] = a5;
        s[6] = a6;
        s[7] = a7;
        s[8] = b0;
        s[9] = b1;
        s[10] = b2;
        s[11] = b3;
        s[12] = b4;
        s[13] = b5;
        s[14] = b6;
        s[15] = b7;
        s[16] = c0;
        s[17] = c1;
        s[18] = c2;
        s[19] = c3;
        s[20] = c4;
        s[21] = c5;
        s[22] = c6;
        s[23] = c7;
        s[24] = d0;
        s[25] = d1;
        s[26] = d2;
        s[27] = d3;
        s[28] = d4;
        s[29] = d5;
        s[30] = d6;
        s[31] = d7;
    }
}
