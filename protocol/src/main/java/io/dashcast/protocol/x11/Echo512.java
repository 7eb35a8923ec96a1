package io.dashcast.protocol.x11;

import static io.dashcast.protocol.x11.Aes.T0;
import static io.dashcast.protocol.x11.Aes.T1;
import static io.dashcast.protocol.x11.Aes.T2;
import static io.dashcast.protocol.x11.Aes.T3;

/**
 * ECHO-512 over a 64-byte message: the message, its padding, the digest size and the counter (512)
 * fill one 128-byte block, so one compression: 10 rounds of (two AES rounds per 128-bit word, keyed
 * by the counter; ShiftRows and MixColumns over the 4x4 words). Words are little-endian ints.
 */
final class Echo512
{
    private static final int COUNT = 512;

    private final int[] a = new int[64];
    private final int[] b = new int[64];

    /**
     * @param in  64-byte message, eight little-endian words.
     * @param out 64-byte digest, eight little-endian words.
     */
    void hash(final long[] in, final long[] out)
    {
        final int[] a = this.a;
        for (int i = 0; i < 32; i++)
        {
            a[i] = (i & 3) == 0 ? COUNT : 0;
        }
        for (int i = 0; i < 8; i++)
        {
            a[32 + 2 * i] = (int)in[i];
            a[33 + 2 * i] = (int)(in[i] >>> 32);
        }
        for (int i = 48; i < 64; i++)
        {
            a[i] = 0;
        }
        a[48] = 0x80;
        a[59] = 0x02000000;
        a[60] = COUNT;
        int k = COUNT;
        for (int r = 0; r < 10; r += 2)
        {
            round(a, b, k);
            round(b, a, k + 16);
            k += 32;
        }
        // V ^= block ^ W[0..7] ^ W[8..15]; the block's first 64 bytes are the message, V is (512, 0, 0, 0).
        for (int i = 0; i < 8; i++)
        {
            final long w = in[i];
            final int lo = (int)w ^ a[2 * i] ^ a[32 + 2 * i] ^ ((i & 1) == 0 ? COUNT : 0);
            final int hi = (int)(w >>> 32) ^ a[2 * i + 1] ^ a[33 + 2 * i];
            out[i] = (lo & 0xFFFFFFFFL) | ((long)hi << 32);
        }
    }

    /**
     * One round from {@code a} into {@code b}: BIG.SubWords (keys k, k + 1, ...) writing each word
     * to its BIG.ShiftRows place, then BIG.MixColumns in place.
     */
    private static void round(final int[] a, final int[] b, final int k)
    {
        int x0;
        int x1;
        int x2;
        int x3;
        int y0;
        int y1;
        int y2;
        int y3;
        x0 = a[0];
        x1 = a[1];
        x2 = a[2];
        x3 = a[3];
        y0 = T0[x0 & 0xFF] ^ T1[(x1 >>> 8) & 0xFF] ^ T2[(x2 >>> 16) & 0xFF] ^ T3[x3 >>> 24] ^ k;
        y1 = T0[x1 & 0xFF] ^ T1[(x2 >>> 8) & 0xFF] ^ T2[(x3 >>> 16) & 0xFF] ^ T3[x0 >>> 24];
        y2 = T0[x2 & 0xFF] ^ T1[(x3 >>> 8) & 0xFF] ^ T2[(x0 >>> 16) & 0xFF] ^ T3[x1 >>> 24];
        y3 = T0[x3 & 0xFF] ^ T1[(x0 >>> 8) & 0xFF] ^ T2[(x1 >>> 16) & 0xFF] ^ T3[x2 >>> 24];
        b[0] = T0[y0 & 0xFF] ^ T1[(y1 >>> 8) & 0xFF] ^ T2[(y2 >>> 16) & 0xFF] ^ T3[y3 >>> 24];
        b[1] = T0[y1 & 0xFF] ^ T1[(y2 >>> 8) & 0xFF] ^ T2[(y3 >>> 16) & 0xFF] ^ T3[y0 >>> 24];
        b[2] = T0[y2 & 0xFF] ^ T1[(y3 >>> 8) & 0xFF] ^ T2[(y0 >>> 16) & 0xFF] ^ T3[y1 >>> 24];
        b[3] = T0[y3 & 0xFF] ^ T1[(y0 >>> 8) & 0xFF] ^ T2[(y1 >>> 16) & 0xFF] ^ T3[y2 >>> 24];
        x0 = a[4];
        x1 = a[5];
        x2 = a[6];
        x3 = a[7];
        y0 = T0[x0 & 0xFF] ^ T1[(x1 >>> 8) & 0xFF] ^ T2[(x2 >>> 16) & 0xFF] ^ T3[x3 >>> 24] ^ (k + 1);
        y1 = T0[x1 & 0xFF] ^ T1[(x2 >>> 8) & 0xFF] ^ T2[(x3 >>> 16) & 0xFF] ^ T3[x0 >>> 24];
        y2 = T0[x2 & 0xFF] ^ T1[(x3 >>> 8) & 0xFF] ^ T2[(x0 >>> 16) & 0xFF] ^ T3[x1 >>> 24];
        y3 = T0[x3 & 0xFF] ^ T1[(x0 >>> 8) & 0xFF] ^ T2[(x1 >>> 16) & 0xFF] ^ T3[x2 >>> 24];
        b[52] = T0[y0 & 0xFF] ^ T1[(y1 >>> 8) & 0xFF] ^ T2[(y2 >>> 16) & 0xFF] ^ T3[y3 >>> 24];
        b[53] = T0[y1 & 0xFF] ^ T1[(y2 >>> 8) & 0xFF] ^ T2[(y3 >>> 16) & 0xFF] ^ T3[y0 >>> 24];
        b[54] = T0[y2 & 0xFF] ^ T1[(y3 >>> 8) & 0xFF] ^ T2[(y0 >>> 16) & 0xFF] ^ T3[y1 >>> 24];
        b[55] = T0[y3 & 0xFF] ^ T1[(y0 >>> 8) & 0xFF] ^ T2[(y1 >>> 16) & 0xFF] ^ T3[y2 >>> 24];
        x0 = a[8];
        x1 = a[9];
        x2 = a[10];
        x3 = a[11];
        y0 = T0[x0 & 0xFF] ^ T1[(x1 >>> 8) & 0xFF] ^ T2[(x2 >>> 16) & 0xFF] ^ T3[x3 >>> 24] ^ (k + 2);
        y1 = T0[x1 & 0xFF] ^ T1[(x2 >>> 8) & 0xFF] ^ T2[(x3 >>> 16) & 0xFF] ^ T3[x0 >>> 24];
        y2 = T0[x2 & 0xFF] ^ T1[(x3 >>> 8) & 0xFF] ^ T2[(x0 >>> 16) & 0xFF] ^ T3[x1 >>> 24];
        y3 = T0[x3 & 0xFF] ^ T1[(x0 >>> 8) & 0xFF] ^ T2[(x1 >>> 16) & 0xFF] ^ T3[x2 >>> 24];
        b[40] = T0[y0 & 0xFF] ^ T1[(y1 >>> 8) & 0xFF] ^ T2[(y2 >>> 16) & 0xFF] ^ T3[y3 >>> 24];
        b[41] = T0[y1 & 0xFF] ^ T1[(y2 >>> 8) & 0xFF] ^ T2[(y3 >>> 16) & 0xFF] ^ T3[y0 >>> 24];
        b[42] = T0[y2 & 0xFF] ^ T1[(y3 >>> 8) & 0xFF] ^ T2[(y0 >>> 16) & 0xFF] ^ T3[y1 >>> 24];
        b[43] = T0[y3 & 0xFF] ^ T1[(y0 >>> 8) & 0xFF] ^ T2[(y1 >>> 16) & 0xFF] ^ T3[y2 >>> 24];
        x0 = a[12];
        x1 = a[13];
        x2 = a[14];
        x3 = a[15];
        y0 = T0[x0 & 0xFF] ^ T1[(x1 >>> 8) & 0xFF] ^ T2[(x2 >>> 16) & 0xFF] ^ T3[x3 >>> 24] ^ (k + 3);
        y1 = T0[x1 & 0xFF] ^ T1[(x2 >>> 8) & 0xFF] ^ T2[(x3 >>> 16) & 0xFF] ^ T3[x0 >>> 24];
        y2 = T0[x2 & 0xFF] ^ T1[(x3 >>> 8) & 0xFF] ^ T2[(x0 >>> 16) & 0xFF] ^ T3[x1 >>> 24];
        y3 = T0[x3 & 0xFF] ^ T1[(x0 >>> 8) & 0xFF] ^ T2[(x1 >>> 16) & 0xFF] ^ T3[x2 >>> 24];
        b[28] = T0[y0 & 0xFF] ^ T1[(y1 >>> 8) & 0xFF] ^ T2[(y2 >>> 16) & 0xFF] ^ T3[y3 >>> 24];
        b[29] = T0[y1 & 0xFF] ^ T1[(y2 >>> 8) & 0xFF] ^ T2[(y3 >>> 16) & 0xFF] ^ T3[y0 >>> 24];
        b[30] = T0[y2 & 0xFF] ^ T1[(y3 >>> 8) & 0xFF] ^ T2[(y0 >>> 16) & 0xFF] ^ T3[y1 >>> 24];
        b[31] = T0[y3 & 0xFF] ^ T1[(y0 >>> 8) & 0xFF] ^ T2[(y1 >>> 16) & 0xFF] ^ T3[y2 >>> 24];
        x0 = a[16];
        x1 = a[17];
        x2 = a[18];
        x3 = a[19];
        y0 = T0[x0 & 0xFF] ^ T1[(x1 >>> 8) & 0xFF] ^ T2[(x2 >>> 16) & 0xFF] ^ T3[x3 >>> 24] ^ (k + 4);
        y1 = T0[x1 & 0xFF] ^ T1[(x2 >>> 8) & 0xFF] ^ T2[(x3 >>> 16) & 0xFF] ^ T3[x0 >>> 24];
        y2 = T0[x2 & 0xFF] ^ T1[(x3 >>> 8) & 0xFF] ^ T2[(x0 >>> 16) & 0xFF] ^ T3[x1 >>> 24];
        y3 = T0[x3 & 0xFF] ^ T1[(x0 >>> 8) & 0xFF] ^ T2[(x1 >>> 16) & 0xFF] ^ T3[x2 >>> 24];
        b[16] = T0[y0 & 0xFF] ^ T1[(y1 >>> 8) & 0xFF] ^ T2[(y2 >>> 16) & 0xFF] ^ T3[y3 >>> 24];
        b[17] = T0[y1 & 0xFF] ^ T1[(y2 >>> 8) & 0xFF] ^ T2[(y3 >>> 16) & 0xFF] ^ T3[y0 >>> 24];
        b[18] = T0[y2 & 0xFF] ^ T1[(y3 >>> 8) & 0xFF] ^ T2[(y0 >>> 16) & 0xFF] ^ T3[y1 >>> 24];
        b[19] = T0[y3 & 0xFF] ^ T1[(y0 >>> 8) & 0xFF] ^ T2[(y1 >>> 16) & 0xFF] ^ T3[y2 >>> 24];
        x0 = a[20];
        x1 = a[21];
        x2 = a[22];
        x3 = a[23];
        y0 = T0[x0 & 0xFF] ^ T1[(x1 >>> 8) & 0xFF] ^ T2[(x2 >>> 16) & 0xFF] ^ T3[x3 >>> 24] ^ (k + 5);
        y1 = T0[x1 & 0xFF] ^ T1[(x2 >>> 8) & 0xFF] ^ T2[(x3 >>> 16) & 0xFF] ^ T3[x0 >>> 24];
        y2 = T0[x2 & 0xFF] ^ T1[(x3 >>> 8) & 0xFF] ^ T2[(x0 >>> 16) & 0xFF] ^ T3[x1 >>> 24];
        y3 = T0[x3 & 0xFF] ^ T1[(x0 >>> 8) & 0xFF] ^ T2[(x1 >>> 16) & 0xFF] ^ T3[x2 >>> 24];
        b[4] = T0[y0 & 0xFF] ^ T1[(y1 >>> 8) & 0xFF] ^ T2[(y2 >>> 16) & 0xFF] ^ T3[y3 >>> 24];
        b[5] = T0[y1 & 0xFF] ^ T1[(y2 >>> 8) & 0xFF] ^ T2[(y3 >>> 16) & 0xFF] ^ T3[y0 >>> 24];
        b[6] = T0[y2 & 0xFF] ^ T1[(y3 >>> 8) & 0xFF] ^ T2[(y0 >>> 16) & 0xFF] ^ T3[y1 >>> 24];
        b[7] = T0[y3 & 0xFF] ^ T1[(y0 >>> 8) & 0xFF] ^ T2[(y1 >>> 16) & 0xFF] ^ T3[y2 >>> 24];
        x0 = a[24];
        x1 = a[25];
        x2 = a[26];
        x3 = a[27];
        y0 = T0[x0 & 0xFF] ^ T1[(x1 >>> 8) & 0xFF] ^ T2[(x2 >>> 16) & 0xFF] ^ T3[x3 >>> 24] ^ (k + 6);
        y1 = T0[x1 & 0xFF] ^ T1[(x2 >>> 8) & 0xFF] ^ T2[(x3 >>> 16) & 0xFF] ^ T3[x0 >>> 24];
        y2 = T0[x2 & 0xFF] ^ T1[(x3 >>> 8) & 0xFF] ^ T2[(x0 >>> 16) & 0xFF] ^ T3[x1 >>> 24];
        y3 = T0[x3 & 0xFF] ^ T1[(x0 >>> 8) & 0xFF] ^ T2[(x1 >>> 16) & 0xFF] ^ T3[x2 >>> 24];
        b[56] = T0[y0 & 0xFF] ^ T1[(y1 >>> 8) & 0xFF] ^ T2[(y2 >>> 16) & 0xFF] ^ T3[y3 >>> 24];
        b[57] = T0[y1 & 0xFF] ^ T1[(y2 >>> 8) & 0xFF] ^ T2[(y3 >>> 16) & 0xFF] ^ T3[y0 >>> 24];
        b[58] = T0[y2 & 0xFF] ^ T1[(y3 >>> 8) & 0xFF] ^ T2[(y0 >>> 16) & 0xFF] ^ T3[y1 >>> 24];
        b[59] = T0[y3 & 0xFF] ^ T1[(y0 >>> 8) & 0xFF] ^ T2[(y1 >>> 16) & 0xFF] ^ T3[y2 >>> 24];
        x0 = a[28];
        x1 = a[29];
        x2 = a[30];
        x3 = a[31];
        y0 = T0[x0 & 0xFF] ^ T1[(x1 >>> 8) & 0xFF] ^ T2[(x2 >>> 16) & 0xFF] ^ T3[x3 >>> 24] ^ (k + 7);
        y1 = T0[x1 & 0xFF] ^ T1[(x2 >>> 8) & 0xFF] ^ T2[(x3 >>> 16) & 0xFF] ^ T3[x0 >>> 24];
        y2 = T0[x2 & 0xFF] ^ T1[(x3 >>> 8) & 0xFF] ^ T2[(x0 >>> 16) & 0xFF] ^ T3[x1 >>> 24];
        y3 = T0[x3 & 0xFF] ^ T1[(x0 >>> 8) & 0xFF] ^ T2[(x1 >>> 16) & 0xFF] ^ T3[x2 >>> 24];
        b[44] = T0[y0 & 0xFF] ^ T1[(y1 >>> 8) & 0xFF] ^ T2[(y2 >>> 16) & 0xFF] ^ T3[y3 >>> 24];
        b[45] = T0[y1 & 0xFF] ^ T1[(y2 >>> 8) & 0xFF] ^ T2[(y3 >>> 16) & 0xFF] ^ T3[y0 >>> 24];
        b[46] = T0[y2 & 0xFF] ^ T1[(y3 >>> 8) & 0xFF] ^ T2[(y0 >>> 16) & 0xFF] ^ T3[y1 >>> 24];
        b[47] = T0[y3 & 0xFF] ^ T1[(y0 >>> 8) & 0xFF] ^ T2[(y1 >>> 16) & 0xFF] ^ T3[y2 >>> 24];
        x0 = a[32];
        x1 = a[33];
        x2 = a[34];
        x3 = a[35];
        y0 = T0[x0 & 0xFF] ^ T1[(x1 >>> 8) & 0xFF] ^ T2[(x2 >>> 16) & 0xFF] ^ T3[x3 >>> 24] ^ (k + 8);
        y1 = T0[x1 & 0xFF] ^ T1[(x2 >>> 8) & 0xFF] ^ T2[(x3 >>> 16) & 0xFF] ^ T3[x0 >>> 24];
        y2 = T0[x2 & 0xFF] ^ T1[(x3 >>> 8) & 0xFF] ^ T2[(x0 >>> 16) & 0xFF] ^ T3[x1 >>> 24];
        y3 = T0[x3 & 0xFF] ^ T1[(x0 >>> 8) & 0xFF] ^ T2[(x1 >>> 16) & 0xFF] ^ T3[x2 >>> 24];
        b[32] = T0[y0 & 0xFF] ^ T1[(y1 >>> 8) & 0xFF] ^ T2[(y2 >>> 16) & 0xFF] ^ T3[y3 >>> 24];
        b[33] = T0[y1 & 0xFF] ^ T1[(y2 >>> 8) & 0xFF] ^ T2[(y3 >>> 16) & 0xFF] ^ T3[y0 >>> 24];
        b[34] = T0[y2 & 0xFF] ^ T1[(y3 >>> 8) & 0xFF] ^ T2[(y0 >>> 16) & 0xFF] ^ T3[y1 >>> 24];
        b[35] = T0[y3 & 0xFF] ^ T1[(y0 >>> 8) & 0xFF] ^ T2[(y1 >>> 16) & 0xFF] ^ T3[y2 >>> 24];
        x0 = a[36];
        x1 = a[37];
        x2 = a[38];
        x3 = a[39];
        y0 = T0[x0 & 0xFF] ^ T1[(x1 >>> 8) & 0xFF] ^ T2[(x2 >>> 16) & 0xFF] ^ T3[x3 >>> 24] ^ (k + 9);
        y1 = T0[x1 & 0xFF] ^ T1[(x2 >>> 8) & 0xFF] ^ T2[(x3 >>> 16) & 0xFF] ^ T3[x0 >>> 24];
        y2 = T0[x2 & 0xFF] ^ T1[(x3 >>> 8) & 0xFF] ^ T2[(x0 >>> 16) & 0xFF] ^ T3[x1 >>> 24];
        y3 = T0[x3 & 0xFF] ^ T1[(x0 >>> 8) & 0xFF] ^ T2[(x1 >>> 16) & 0xFF] ^ T3[x2 >>> 24];
        b[20] = T0[y0 & 0xFF] ^ T1[(y1 >>> 8) & 0xFF] ^ T2[(y2 >>> 16) & 0xFF] ^ T3[y3 >>> 24];
        b[21] = T0[y1 & 0xFF] ^ T1[(y2 >>> 8) & 0xFF] ^ T2[(y3 >>> 16) & 0xFF] ^ T3[y0 >>> 24];
        b[22] = T0[y2 & 0xFF] ^ T1[(y3 >>> 8) & 0xFF] ^ T2[(y0 >>> 16) & 0xFF] ^ T3[y1 >>> 24];
        b[23] = T0[y3 & 0xFF] ^ T1[(y0 >>> 8) & 0xFF] ^ T2[(y1 >>> 16) & 0xFF] ^ T3[y2 >>> 24];
        x0 = a[40];
        x1 = a[41];
        x2 = a[42];
        x3 = a[43];
        y0 = T0[x0 & 0xFF] ^ T1[(x1 >>> 8) & 0xFF] ^ T2[(x2 >>> 16) & 0xFF] ^ T3[x3 >>> 24] ^ (k + 10);
        y1 = T0[x1 & 0xFF] ^ T1[(x2 >>> 8) & 0xFF] ^ T2[(x3 >>> 16) & 0xFF] ^ T3[x0 >>> 24];
        y2 = T0[x2 & 0xFF] ^ T1[(x3 >>> 8) & 0xFF] ^ T2[(x0 >>> 16) & 0xFF] ^ T3[x1 >>> 24];
        y3 = T0[x3 & 0xFF] ^ T1[(x0 >>> 8) & 0xFF] ^ T2[(x1 >>> 16) & 0xFF] ^ T3[x2 >>> 24];
        b[8] = T0[y0 & 0xFF] ^ T1[(y1 >>> 8) & 0xFF] ^ T2[(y2 >>> 16) & 0xFF] ^ T3[y3 >>> 24];
        b[9] = T0[y1 & 0xFF] ^ T1[(y2 >>> 8) & 0xFF] ^ T2[(y3 >>> 16) & 0xFF] ^ T3[y0 >>> 24];
        b[10] = T0[y2 & 0xFF] ^ T1[(y3 >>> 8) & 0xFF] ^ T2[(y0 >>> 16) & 0xFF] ^ T3[y1 >>> 24];
        b[11] = T0[y3 & 0xFF] ^ T1[(y0 >>> 8) & 0xFF] ^ T2[(y1 >>> 16) & 0xFF] ^ T3[y2 >>> 24];
        x0 = a[44];
        x1 = a[45];
        x2 = a[46];
        x3 = a[47];
        y0 = T0[x0 & 0xFF] ^ T1[(x1 >>> 8) & 0xFF] ^ T2[(x2 >>> 16) & 0xFF] ^ T3[x3 >>> 24] ^ (k + 11);
        y1 = T0[x1 & 0xFF] ^ T1[(x2 >>> 8) & 0xFF] ^ T2[(x3 >>> 16) & 0xFF] ^ T3[x0 >>> 24];
        y2 = T0[x2 & 0xFF] ^ T1[(x3 >>> 8) & 0xFF] ^ T2[(x0 >>> 16) & 0xFF] ^ T3[x1 >>> 24];
        y3 = T0[x3 & 0xFF] ^ T1[(x0 >>> 8) & 0xFF] ^ T2[(x1 >>> 16) & 0xFF] ^ T3[x2 >>> 24];
        b[60] = T0[y0 & 0xFF] ^ T1[(y1 >>> 8) & 0xFF] ^ T2[(y2 >>> 16) & 0xFF] ^ T3[y3 >>> 24];
        b[61] = T0[y1 & 0xFF] ^ T1[(y2 >>> 8) & 0xFF] ^ T2[(y3 >>> 16) & 0xFF] ^ T3[y0 >>> 24];
        b[62] = T0[y2 & 0xFF] ^ T1[(y3 >>> 8) & 0xFF] ^ T2[(y0 >>> 16) & 0xFF] ^ T3[y1 >>> 24];
        b[63] = T0[y3 & 0xFF] ^ T1[(y0 >>> 8) & 0xFF] ^ T2[(y1 >>> 16) & 0xFF] ^ T3[y2 >>> 24];
        x0 = a[48];
        x1 = a[49];
        x2 = a[50];
        x3 = a[51];
        y0 = T0[x0 & 0xFF] ^ T1[(x1 >>> 8) & 0xFF] ^ T2[(x2 >>> 16) & 0xFF] ^ T3[x3 >>> 24] ^ (k + 12);
        y1 = T0[x1 & 0xFF] ^ T1[(x2 >>> 8) & 0xFF] ^ T2[(x3 >>> 16) & 0xFF] ^ T3[x0 >>> 24];
        y2 = T0[x2 & 0xFF] ^ T1[(x3 >>> 8) & 0xFF] ^ T2[(x0 >>> 16) & 0xFF] ^ T3[x1 >>> 24];
        y3 = T0[x3 & 0xFF] ^ T1[(x0 >>> 8) & 0xFF] ^ T2[(x1 >>> 16) & 0xFF] ^ T3[x2 >>> 24];
        b[48] = T0[y0 & 0xFF] ^ T1[(y1 >>> 8) & 0xFF] ^ T2[(y2 >>> 16) & 0xFF] ^ T3[y3 >>> 24];
        b[49] = T0[y1 & 0xFF] ^ T1[(y2 >>> 8) & 0xFF] ^ T2[(y3 >>> 16) & 0xFF] ^ T3[y0 >>> 24];
        b[50] = T0[y2 & 0xFF] ^ T1[(y3 >>> 8) & 0xFF] ^ T2[(y0 >>> 16) & 0xFF] ^ T3[y1 >>> 24];
        b[51] = T0[y3 & 0xFF] ^ T1[(y0 >>> 8) & 0xFF] ^ T2[(y1 >>> 16) & 0xFF] ^ T3[y2 >>> 24];
        x0 = a[52];
        x1 = a[53];
        x2 = a[54];
        x3 = a[55];
        y0 = T0[x0 & 0xFF] ^ T1[(x1 >>> 8) & 0xFF] ^ T2[(x2 >>> 16) & 0xFF] ^ T3[x3 >>> 24] ^ (k + 13);
        y1 = T0[x1 & 0xFF] ^ T1[(x2 >>> 8) & 0xFF] ^ T2[(x3 >>> 16) & 0xFF] ^ T3[x0 >>> 24];
        y2 = T0[x2 & 0xFF] ^ T1[(x3 >>> 8) & 0xFF] ^ T2[(x0 >>> 16) & 0xFF] ^ T3[x1 >>> 24];
        y3 = T0[x3 & 0xFF] ^ T1[(x0 >>> 8) & 0xFF] ^ T2[(x1 >>> 16) & 0xFF] ^ T3[x2 >>> 24];
        b[36] = T0[y0 & 0xFF] ^ T1[(y1 >>> 8) & 0xFF] ^ T2[(y2 >>> 16) & 0xFF] ^ T3[y3 >>> 24];
        b[37] = T0[y1 & 0xFF] ^ T1[(y2 >>> 8) & 0xFF] ^ T2[(y3 >>> 16) & 0xFF] ^ T3[y0 >>> 24];
        b[38] = T0[y2 & 0xFF] ^ T1[(y3 >>> 8) & 0xFF] ^ T2[(y0 >>> 16) & 0xFF] ^ T3[y1 >>> 24];
        b[39] = T0[y3 & 0xFF] ^ T1[(y0 >>> 8) & 0xFF] ^ T2[(y1 >>> 16) & 0xFF] ^ T3[y2 >>> 24];
        x0 = a[56];
        x1 = a[57];
        x2 = a[58];
        x3 = a[59];
        y0 = T0[x0 & 0xFF] ^ T1[(x1 >>> 8) & 0xFF] ^ T2[(x2 >>> 16) & 0xFF] ^ T3[x3 >>> 24] ^ (k + 14);
        y1 = T0[x1 & 0xFF] ^ T1[(x2 >>> 8) & 0xFF] ^ T2[(x3 >>> 16) & 0xFF] ^ T3[x0 >>> 24];
        y2 = T0[x2 & 0xFF] ^ T1[(x3 >>> 8) & 0xFF] ^ T2[(x0 >>> 16) & 0xFF] ^ T3[x1 >>> 24];
        y3 = T0[x3 & 0xFF] ^ T1[(x0 >>> 8) & 0xFF] ^ T2[(x1 >>> 16) & 0xFF] ^ T3[x2 >>> 24];
        b[24] = T0[y0 & 0xFF] ^ T1[(y1 >>> 8) & 0xFF] ^ T2[(y2 >>> 16) & 0xFF] ^ T3[y3 >>> 24];
        b[25] = T0[y1 & 0xFF] ^ T1[(y2 >>> 8) & 0xFF] ^ T2[(y3 >>> 16) & 0xFF] ^ T3[y0 >>> 24];
        b[26] = T0[y2 & 0xFF] ^ T1[(y3 >>> 8) & 0xFF] ^ T2[(y0 >>> 16) & 0xFF] ^ T3[y1 >>> 24];
        b[27] = T0[y3 & 0xFF] ^ T1[(y0 >>> 8) & 0xFF] ^ T2[(y1 >>> 16) & 0xFF] ^ T3[y2 >>> 24];
        x0 = a[60];
        x1 = a[61];
        x2 = a[62];
        x3 = a[63];
        y0 = T0[x0 & 0xFF] ^ T1[(x1 >>> 8) & 0xFF] ^ T2[(x2 >>> 16) & 0xFF] ^ T3[x3 >>> 24] ^ (k + 15);
        y1 = T0[x1 & 0xFF] ^ T1[(x2 >>> 8) & 0xFF] ^ T2[(x3 >>> 16) & 0xFF] ^ T3[x0 >>> 24];
        y2 = T0[x2 & 0xFF] ^ T1[(x3 >>> 8) & 0xFF] ^ T2[(x0 >>> 16) & 0xFF] ^ T3[x1 >>> 24];
        y3 = T0[x3 & 0xFF] ^ T1[(x0 >>> 8) & 0xFF] ^ T2[(x1 >>> 16) & 0xFF] ^ T3[x2 >>> 24];
        b[12] = T0[y0 & 0xFF] ^ T1[(y1 >>> 8) & 0xFF] ^ T2[(y2 >>> 16) & 0xFF] ^ T3[y3 >>> 24];
        b[13] = T0[y1 & 0xFF] ^ T1[(y2 >>> 8) & 0xFF] ^ T2[(y3 >>> 16) & 0xFF] ^ T3[y0 >>> 24];
        b[14] = T0[y2 & 0xFF] ^ T1[(y3 >>> 8) & 0xFF] ^ T2[(y0 >>> 16) & 0xFF] ^ T3[y1 >>> 24];
        b[15] = T0[y3 & 0xFF] ^ T1[(y0 >>> 8) & 0xFF] ^ T2[(y1 >>> 16) & 0xFF] ^ T3[y2 >>> 24];
        for (int c = 0; c < 64; c += 16)
        {
            for (int n = c; n < c + 4; n++)
            {
                final int p = b[n];
                final int q = b[n + 4];
                final int r = b[n + 8];
                final int s = b[n + 12];
                final int pq = p ^ q;
                final int qr = q ^ r;
                final int rs = r ^ s;
                final int pqx = ((pq & 0x80808080) >>> 7) * 27 ^ ((pq & 0x7F7F7F7F) << 1);
                final int qrx = ((qr & 0x80808080) >>> 7) * 27 ^ ((qr & 0x7F7F7F7F) << 1);
                final int rsx = ((rs & 0x80808080) >>> 7) * 27 ^ ((rs & 0x7F7F7F7F) << 1);
                b[n] = pqx ^ qr ^ s;
                b[n + 4] = qrx ^ p ^ rs;
                b[n + 8] = rsx ^ pq ^ s;
                b[n + 12] = pqx ^ qrx ^ rsx ^ pq ^ r;
            }
        }
    }
}
