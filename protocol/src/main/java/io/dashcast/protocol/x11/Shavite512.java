package io.dashcast.protocol.x11;

import static io.dashcast.protocol.x11.Aes.T0;
import static io.dashcast.protocol.x11.Aes.T1;
import static io.dashcast.protocol.x11.Aes.T2;
import static io.dashcast.protocol.x11.Aes.T3;

/**
 * SHAvite-3-512 over a 64-byte message: the message, its padding and the constant bit count (512)
 * fill one 128-byte block, so one call of the compression function C512 (14 rounds, keyless AES
 * rounds, 448-word key schedule with the counter mixed in at four places). Words are little-endian.
 */
final class Shavite512
{
    private static final int[] IV = {
        0x72FCCDD8, 0x79CA4727, 0x128A077B, 0x40D55AEC,
        0xD1901A06, 0x430AE307, 0xB29F5CD1, 0xDF07FBFC,
        0x8E45D73D, 0x681AB538, 0xBDE86578, 0xDD577E47,
        0xE275EADE, 0x502D9FCD, 0xB9357178, 0x022A4B9A };
    private static final int COUNT0 = 512;

    private final int[] rk = new int[448];

    /**
     * @param in  64-byte message, eight little-endian words.
     * @param out 64-byte digest, eight little-endian words.
     */
    void hash(final long[] in, final long[] out)
    {
        final int[] rk = this.rk;
        for (int i = 0; i < 8; i++)
        {
            rk[2 * i] = (int)in[i];
            rk[2 * i + 1] = (int)(in[i] >>> 32);
        }
        rk[16] = 0x80;
        for (int i = 17; i < 32; i++)
        {
            rk[i] = 0;
        }
        // Bytes 110..113 hold the bit count 512, bytes 126..127 the digest size 512 (LE 16-bit).
        rk[27] = 0x02000000;
        rk[31] = 0x02000000;
        schedule(rk);

        int x0;
        int x1;
        int x2;
        int x3;
        int y0;
        int y1;
        int y2;
        int y3;
        int t;
        int p0 = IV[0];
        int p1 = IV[1];
        int p2 = IV[2];
        int p3 = IV[3];
        int p4 = IV[4];
        int p5 = IV[5];
        int p6 = IV[6];
        int p7 = IV[7];
        int p8 = IV[8];
        int p9 = IV[9];
        int pA = IV[10];
        int pB = IV[11];
        int pC = IV[12];
        int pD = IV[13];
        int pE = IV[14];
        int pF = IV[15];
        int u = 0;
        for (int r = 0; r < 14; r++)
        {
            x0 = p4 ^ rk[u + 0];
            x1 = p5 ^ rk[u + 1];
            x2 = p6 ^ rk[u + 2];
            x3 = p7 ^ rk[u + 3];
            y0 = T0[x0 & 0xFF] ^ T1[(x1 >>> 8) & 0xFF] ^ T2[(x2 >>> 16) & 0xFF] ^ T3[x3 >>> 24];
            y1 = T0[x1 & 0xFF] ^ T1[(x2 >>> 8) & 0xFF] ^ T2[(x3 >>> 16) & 0xFF] ^ T3[x0 >>> 24];
            y2 = T0[x2 & 0xFF] ^ T1[(x3 >>> 8) & 0xFF] ^ T2[(x0 >>> 16) & 0xFF] ^ T3[x1 >>> 24];
            y3 = T0[x3 & 0xFF] ^ T1[(x0 >>> 8) & 0xFF] ^ T2[(x1 >>> 16) & 0xFF] ^ T3[x2 >>> 24];
            x0 = y0 ^ rk[u + 4];
            x1 = y1 ^ rk[u + 5];
            x2 = y2 ^ rk[u + 6];
            x3 = y3 ^ rk[u + 7];
            y0 = T0[x0 & 0xFF] ^ T1[(x1 >>> 8) & 0xFF] ^ T2[(x2 >>> 16) & 0xFF] ^ T3[x3 >>> 24];
            y1 = T0[x1 & 0xFF] ^ T1[(x2 >>> 8) & 0xFF] ^ T2[(x3 >>> 16) & 0xFF] ^ T3[x0 >>> 24];
            y2 = T0[x2 & 0xFF] ^ T1[(x3 >>> 8) & 0xFF] ^ T2[(x0 >>> 16) & 0xFF] ^ T3[x1 >>> 24];
            y3 = T0[x3 & 0xFF] ^ T1[(x0 >>> 8) & 0xFF] ^ T2[(x1 >>> 16) & 0xFF] ^ T3[x2 >>> 24];
            x0 = y0 ^ rk[u + 8];
            x1 = y1 ^ rk[u + 9];
            x2 = y2 ^ rk[u + 10];
            x3 = y3 ^ rk[u + 11];
            y0 = T0[x0 & 0xFF] ^ T1[(x1 >>> 8) & 0xFF] ^ T2[(x2 >>> 16) & 0xFF] ^ T3[x3 >>> 24];
            y1 = T0[x1 & 0xFF] ^ T1[(x2 >>> 8) & 0xFF] ^ T2[(x3 >>> 16) & 0xFF] ^ T3[x0 >>> 24];
            y2 = T0[x2 & 0xFF] ^ T1[(x3 >>> 8) & 0xFF] ^ T2[(x0 >>> 16) & 0xFF] ^ T3[x1 >>> 24];
            y3 = T0[x3 & 0xFF] ^ T1[(x0 >>> 8) & 0xFF] ^ T2[(x1 >>> 16) & 0xFF] ^ T3[x2 >>> 24];
            x0 = y0 ^ rk[u + 12];
            x1 = y1 ^ rk[u + 13];
            x2 = y2 ^ rk[u + 14];
            x3 = y3 ^ rk[u + 15];
            y0 = T0[x0 & 0xFF] ^ T1[(x1 >>> 8) & 0xFF] ^ T2[(x2 >>> 16) & 0xFF] ^ T3[x3 >>> 24];
            y1 = T0[x1 & 0xFF] ^ T1[(x2 >>> 8) & 0xFF] ^ T2[(x3 >>> 16) & 0xFF] ^ T3[x0 >>> 24];
            y2 = T0[x2 & 0xFF] ^ T1[(x3 >>> 8) & 0xFF] ^ T2[(x0 >>> 16) & 0xFF] ^ T3[x1 >>> 24];
            y3 = T0[x3 & 0xFF] ^ T1[(x0 >>> 8) & 0xFF] ^ T2[(x1 >>> 16) & 0xFF] ^ T3[x2 >>> 24];
            p0 ^= y0;
            p1 ^= y1;
            p2 ^= y2;
            p3 ^= y3;
            u += 16;
            x0 = pC ^ rk[u + 0];
            x1 = pD ^ rk[u + 1];
            x2 = pE ^ rk[u + 2];
            x3 = pF ^ rk[u + 3];
            y0 = T0[x0 & 0xFF] ^ T1[(x1 >>> 8) & 0xFF] ^ T2[(x2 >>> 16) & 0xFF] ^ T3[x3 >>> 24];
            y1 = T0[x1 & 0xFF] ^ T1[(x2 >>> 8) & 0xFF] ^ T2[(x3 >>> 16) & 0xFF] ^ T3[x0 >>> 24];
            y2 = T0[x2 & 0xFF] ^ T1[(x3 >>> 8) & 0xFF] ^ T2[(x0 >>> 16) & 0xFF] ^ T3[x1 >>> 24];
            y3 = T0[x3 & 0xFF] ^ T1[(x0 >>> 8) & 0xFF] ^ T2[(x1 >>> 16) & 0xFF] ^ T3[x2 >>> 24];
            x0 = y0 ^ rk[u + 4];
            x1 = y1 ^ rk[u + 5];
            x2 = y2 ^ rk[u + 6];
            x3 = y3 ^ rk[u + 7];
            y0 = T0[x0 & 0xFF] ^ T1[(x1 >>> 8) & 0xFF] ^ T2[(x2 >>> 16) & 0xFF] ^ T3[x3 >>> 24];
            y1 = T0[x1 & 0xFF] ^ T1[(x2 >>> 8) & 0xFF] ^ T2[(x3 >>> 16) & 0xFF] ^ T3[x0 >>> 24];
            y2 = T0[x2 & 0xFF] ^ T1[(x3 >>> 8) & 0xFF] ^ T2[(x0 >>> 16) & 0xFF] ^ T3[x1 >>> 24];
            y3 = T0[x3 & 0xFF] ^ T1[(x0 >>> 8) & 0xFF] ^ T2[(x1 >>> 16) & 0xFF] ^ T3[x2 >>> 24];
            x0 = y0 ^ rk[u + 8];
            x1 = y1 ^ rk[u + 9];
            x2 = y2 ^ rk[u + 10];
            x3 = y3 ^ rk[u + 11];
            y0 = T0[x0 & 0xFF] ^ T1[(x1 >>> 8) & 0xFF] ^ T2[(x2 >>> 16) & 0xFF] ^ T3[x3 >>> 24];
            y1 = T0[x1 & 0xFF] ^ T1[(x2 >>> 8) & 0xFF] ^ T2[(x3 >>> 16) & 0xFF] ^ T3[x0 >>> 24];
            y2 = T0[x2 & 0xFF] ^ T1[(x3 >>> 8) & 0xFF] ^ T2[(x0 >>> 16) & 0xFF] ^ T3[x1 >>> 24];
            y3 = T0[x3 & 0xFF] ^ T1[(x0 >>> 8) & 0xFF] ^ T2[(x1 >>> 16) & 0xFF] ^ T3[x2 >>> 24];
            x0 = y0 ^ rk[u + 12];
            x1 = y1 ^ rk[u + 13];
            x2 = y2 ^ rk[u + 14];
            x3 = y3 ^ rk[u + 15];
            y0 = T0[x0 & 0xFF] ^ T1[(x1 >>> 8) & 0xFF] ^ T2[(x2 >>> 16) & 0xFF] ^ T3[x3 >>> 24];
            y1 = T0[x1 & 0xFF] ^ T1[(x2 >>> 8) & 0xFF] ^ T2[(x3 >>> 16) & 0xFF] ^ T3[x0 >>> 24];
            y2 = T0[x2 & 0xFF] ^ T1[(x3 >>> 8) & 0xFF] ^ T2[(x0 >>> 16) & 0xFF] ^ T3[x1 >>> 24];
            y3 = T0[x3 & 0xFF] ^ T1[(x0 >>> 8) & 0xFF] ^ T2[(x1 >>> 16) & 0xFF] ^ T3[x2 >>> 24];
            p8 ^= y0;
            p9 ^= y1;
            pA ^= y2;
            pB ^= y3;
            u += 16;
            t = pC;
            pC = p8;
            p8 = p4;
            p4 = p0;
            p0 = t;
            t = pD;
            pD = p9;
            p9 = p5;
            p5 = p1;
            p1 = t;
            t = pE;
            pE = pA;
            pA = p6;
            p6 = p2;
            p2 = t;
            t = pF;
            pF = pB;
            pB = p7;
            p7 = p3;
            p3 = t;
        }
        out[0] = ((IV[0] ^ p0) & 0xFFFFFFFFL) | ((long)(IV[1] ^ p1) << 32);
        out[1] = ((IV[2] ^ p2) & 0xFFFFFFFFL) | ((long)(IV[3] ^ p3) << 32);
        out[2] = ((IV[4] ^ p4) & 0xFFFFFFFFL) | ((long)(IV[5] ^ p5) << 32);
        out[3] = ((IV[6] ^ p6) & 0xFFFFFFFFL) | ((long)(IV[7] ^ p7) << 32);
        out[4] = ((IV[8] ^ p8) & 0xFFFFFFFFL) | ((long)(IV[9] ^ p9) << 32);
        out[5] = ((IV[10] ^ pA) & 0xFFFFFFFFL) | ((long)(IV[11] ^ pB) << 32);
        out[6] = ((IV[12] ^ pC) & 0xFFFFFFFFL) | ((long)(IV[13] ^ pD) << 32);
        out[7] = ((IV[14] ^ pE) & 0xFFFFFFFFL) | ((long)(IV[15] ^ pF) << 32);
    }

    private static void schedule(final int[] rk)
    {
        int x0;
        int x1;
        int x2;
        int x3;
        int y0;
        int y1;
        int y2;
        int y3;
        int u = 32;
        while (true)
        {
            for (int s = 0; s < 4; s++)
            {
                x0 = rk[u - 31];
                x1 = rk[u - 30];
                x2 = rk[u - 29];
                x3 = rk[u - 32];
                y0 = T0[x0 & 0xFF] ^ T1[(x1 >>> 8) & 0xFF] ^ T2[(x2 >>> 16) & 0xFF] ^ T3[x3 >>> 24];
                y1 = T0[x1 & 0xFF] ^ T1[(x2 >>> 8) & 0xFF] ^ T2[(x3 >>> 16) & 0xFF] ^ T3[x0 >>> 24];
                y2 = T0[x2 & 0xFF] ^ T1[(x3 >>> 8) & 0xFF] ^ T2[(x0 >>> 16) & 0xFF] ^ T3[x1 >>> 24];
                y3 = T0[x3 & 0xFF] ^ T1[(x0 >>> 8) & 0xFF] ^ T2[(x1 >>> 16) & 0xFF] ^ T3[x2 >>> 24];
                rk[u + 0] = y0 ^ rk[u - 4];
                rk[u + 1] = y1 ^ rk[u - 3];
                rk[u + 2] = y2 ^ rk[u - 2];
                rk[u + 3] = y3 ^ rk[u - 1];
                inject(rk, u);
                u += 4;
                x0 = rk[u - 31];
                x1 = rk[u - 30];
                x2 = rk[u - 29];
                x3 = rk[u - 32];
                y0 = T0[x0 & 0xFF] ^ T1[(x1 >>> 8) & 0xFF] ^ T2[(x2 >>> 16) & 0xFF] ^ T3[x3 >>> 24];
                y1 = T0[x1 & 0xFF] ^ T1[(x2 >>> 8) & 0xFF] ^ T2[(x3 >>> 16) & 0xFF] ^ T3[x0 >>> 24];
                y2 = T0[x2 & 0xFF] ^ T1[(x3 >>> 8) & 0xFF] ^ T2[(x0 >>> 16) & 0xFF] ^ T3[x1 >>> 24];
                y3 = T0[x3 & 0xFF] ^ T1[(x0 >>> 8) & 0xFF] ^ T2[(x1 >>> 16) & 0xFF] ^ T3[x2 >>> 24];
                rk[u + 0] = y0 ^ rk[u - 4];
                rk[u + 1] = y1 ^ rk[u - 3];
                rk[u + 2] = y2 ^ rk[u - 2];
                rk[u + 3] = y3 ^ rk[u - 1];
                inject(rk, u);
                u += 4;
            }
            if (u == 448)
            {
                break;
            }
            for (int s = 0; s < 8; s++)
            {
                rk[u] = rk[u - 32] ^ rk[u - 7];
                rk[u + 1] = rk[u - 31] ^ rk[u - 6];
                rk[u + 2] = rk[u - 30] ^ rk[u - 5];
                rk[u + 3] = rk[u - 29] ^ rk[u - 4];
                u += 4;
            }
        }
    }

    /**
     * The counter (512, 0, 0, 0) enters the key schedule at words 32, 164, 316 and 440.
     */
    private static void inject(final int[] rk, final int u)
    {
        if (u == 32)
        {
            rk[32] ^= COUNT0;
            rk[35] ^= ~0;
        }
        else if (u == 164)
        {
            rk[167] ^= ~COUNT0;
        }
        else if (u == 316)
        {
            rk[318] ^= COUNT0;
            rk[319] ^= ~0;
        }
        else if (u == 440)
        {
            rk[441] ^= COUNT0;
            rk[443] ^= ~0;
        }
    }
}
