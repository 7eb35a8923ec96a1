package io.dashcast.protocol.x11;

import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * BLAKE-512 (the SHA-3 finalist, 16 rounds), X11's first function: over an input of any length, with
 * the 80-byte block header as a one-block special case whose padding is constant.
 */
final class Blake512
{
    private static final long[] IV = {
        0x6A09E667F3BCC908L, 0xBB67AE8584CAA73BL, 0x3C6EF372FE94F82BL, 0xA54FF53A5F1D36F1L,
        0x510E527FADE682D1L, 0x9B05688C2B3E6C1FL, 0x1F83D9ABFB41BD6BL, 0x5BE0CD19137E2179L };
    /** The first 1,024 bits of the fractional part of pi. */
    private static final long[] CB = {
        0x243F6A8885A308D3L, 0x13198A2E03707344L, 0xA4093822299F31D0L, 0x082EFA98EC4E6C89L,
        0x452821E638D01377L, 0xBE5466CF34E90C6CL, 0xC0AC29B7C97C50DDL, 0x3F84D5B5B5470917L,
        0x9216D5D98979FB1BL, 0xD1310BA698DFB5ACL, 0x2FFD72DBD01ADFB7L, 0xB8E1AFED6A267E96L,
        0xBA7C9045F12C7F99L, 0x24A19947B3916CF7L, 0x0801F2E2858EFC16L, 0x636920D871574E69L };
    private static final int[] SIGMA10 = {
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
        14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3,
        11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4,
        7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8,
        9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13,
        2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9,
        12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11,
        13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10,
        6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5,
        10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0 };
    private static final int ROUNDS = 16;
    /** Message word index per round and position: sigma_r(k). */
    private static final int[] SIGMA = new int[ROUNDS * 16];
    /** Constant paired with each message word: CB[sigma_r(k ^ 1)]. */
    private static final long[] CS = new long[ROUNDS * 16];
    private static final int BLOCK = 128;

    static
    {
        for (int r = 0; r < ROUNDS; r++)
        {
            for (int k = 0; k < 16; k++)
            {
                SIGMA[r * 16 + k] = SIGMA10[(r % 10) * 16 + k];
                CS[r * 16 + k] = CB[SIGMA10[(r % 10) * 16 + (k ^ 1)]];
            }
        }
    }

    private final long[] h = new long[8];
    private final long[] m = new long[16];

    /**
     * Hash {@code length} bytes of {@code src} from {@code offset}.
     *
     * @param out the 64-byte digest as eight little-endian words.
     */
    void hash(final DirectBuffer src, final int offset, final int length, final long[] out)
    {
        System.arraycopy(IV, 0, h, 0, 8);
        final long[] m = this.m;
        if (length == 80)
        {
            for (int i = 0; i < 10; i++)
            {
                m[i] = src.getLong(offset + 8 * i, ByteOrder.BIG_ENDIAN);
            }
            m[10] = 0x8000000000000000L;
            m[11] = 0;
            m[12] = 0;
            m[13] = 1;
            m[14] = 0;
            m[15] = 640;
            compress(640);
        }
        else
        {
            hashAnyLength(src, offset, length);
        }
        for (int i = 0; i < 8; i++)
        {
            out[i] = Long.reverseBytes(h[i]);
        }
    }

    private void hashAnyLength(final DirectBuffer src, final int offset, final int length)
    {
        final long[] m = this.m;
        final int full = length / BLOCK;
        for (int b = 0; b < full; b++)
        {
            for (int i = 0; i < 16; i++)
            {
                m[i] = src.getLong(offset + b * BLOCK + 8 * i, ByteOrder.BIG_ENDIAN);
            }
            compress((long)(b + 1) * BLOCK * 8);
        }
        final int rest = length - full * BLOCK;
        final long bits = (long)length * 8;
        java.util.Arrays.fill(m, 0);
        final int tail = offset + full * BLOCK;
        for (int i = 0; i < rest; i++)
        {
            m[i >>> 3] |= (src.getByte(tail + i) & 0xFFL) << (56 - 8 * (i & 7));
        }
        m[rest >>> 3] |= 0x80L << (56 - 8 * (rest & 7));
        if (rest < 112)
        {
            m[13] |= 1;
            m[15] = bits;
            compress(rest == 0 ? 0 : bits);
        }
        else
        {
            compress(bits);
            java.util.Arrays.fill(m, 0);
            m[13] = 1;
            m[15] = bits;
            compress(0);
        }
    }

    private void compress(final long t0)
    {
        final long[] h = this.h;
        final long[] m = this.m;
        long v0 = h[0];
        long v1 = h[1];
        long v2 = h[2];
        long v3 = h[3];
        long v4 = h[4];
        long v5 = h[5];
        long v6 = h[6];
        long v7 = h[7];
        long v8 = CB[0];
        long v9 = CB[1];
        long v10 = CB[2];
        long v11 = CB[3];
        long v12 = CB[4] ^ t0;
        long v13 = CB[5] ^ t0;
        long v14 = CB[6];
        long v15 = CB[7];
        for (int s = 0; s < ROUNDS * 16; s += 16)
        {
            v0 += v4 + (m[SIGMA[s + 0]] ^ CS[s + 0]);
            v12 = Long.rotateRight(v12 ^ v0, 32);
            v8 += v12;
            v4 = Long.rotateRight(v4 ^ v8, 25);
            v0 += v4 + (m[SIGMA[s + 1]] ^ CS[s + 1]);
            v12 = Long.rotateRight(v12 ^ v0, 16);
            v8 += v12;
            v4 = Long.rotateRight(v4 ^ v8, 11);
            v1 += v5 + (m[SIGMA[s + 2]] ^ CS[s + 2]);
            v13 = Long.rotateRight(v13 ^ v1, 32);
            v9 += v13;
            v5 = Long.rotateRight(v5 ^ v9, 25);
            v1 += v5 + (m[SIGMA[s + 3]] ^ CS[s + 3]);
            v13 = Long.rotateRight(v13 ^ v1, 16);
            v9 += v13;
            v5 = Long.rotateRight(v5 ^ v9, 11);
            v2 += v6 + (m[SIGMA[s + 4]] ^ CS[s + 4]);
            v14 = Long.rotateRight(v14 ^ v2, 32);
            v10 += v14;
            v6 = Long.rotateRight(v6 ^ v10, 25);
            v2 += v6 + (m[SIGMA[s + 5]] ^ CS[s + 5]);
            v14 = Long.rotateRight(v14 ^ v2, 16);
            v10 += v14;
            v6 = Long.rotateRight(v6 ^ v10, 11);
            v3 += v7 + (m[SIGMA[s + 6]] ^ CS[s + 6]);
            v15 = Long.rotateRight(v15 ^ v3, 32);
            v11 += v15;
            v7 = Long.rotateRight(v7 ^ v11, 25);
            v3 += v7 + (m[SIGMA[s + 7]] ^ CS[s + 7]);
            v15 = Long.rotateRight(v15 ^ v3, 16);
            v11 += v15;
            v7 = Long.rotateRight(v7 ^ v11, 11);
            v0 += v5 + (m[SIGMA[s + 8]] ^ CS[s + 8]);
            v15 = Long.rotateRight(v15 ^ v0, 32);
            v10 += v15;
            v5 = Long.rotateRight(v5 ^ v10, 25);
            v0 += v5 + (m[SIGMA[s + 9]] ^ CS[s + 9]);
            v15 = Long.rotateRight(v15 ^ v0, 16);
            v10 += v15;
            v5 = Long.rotateRight(v5 ^ v10, 11);
            v1 += v6 + (m[SIGMA[s + 10]] ^ CS[s + 10]);
            v12 = Long.rotateRight(v12 ^ v1, 32);
            v11 += v12;
            v6 = Long.rotateRight(v6 ^ v11, 25);
            v1 += v6 + (m[SIGMA[s + 11]] ^ CS[s + 11]);
            v12 = Long.rotateRight(v12 ^ v1, 16);
            v11 += v12;
            v6 = Long.rotateRight(v6 ^ v11, 11);
            v2 += v7 + (m[SIGMA[s + 12]] ^ CS[s + 12]);
            v13 = Long.rotateRight(v13 ^ v2, 32);
            v8 += v13;
            v7 = Long.rotateRight(v7 ^ v8, 25);
            v2 += v7 + (m[SIGMA[s + 13]] ^ CS[s + 13]);
            v13 = Long.rotateRight(v13 ^ v2, 16);
            v8 += v13;
            v7 = Long.rotateRight(v7 ^ v8, 11);
            v3 += v4 + (m[SIGMA[s + 14]] ^ CS[s + 14]);
            v14 = Long.rotateRight(v14 ^ v3, 32);
            v9 += v14;
            v4 = Long.rotateRight(v4 ^ v9, 25);
            v3 += v4 + (m[SIGMA[s + 15]] ^ CS[s + 15]);
            v14 = Long.rotateRight(v14 ^ v3, 16);
            v9 += v14;
            v4 = Long.rotateRight(v4 ^ v9, 11);
        }
        h[0] ^= v0 ^ v8;
        h[1] ^= v1 ^ v9;
        h[2] ^= v2 ^ v10;
        h[3] ^= v3 ^ v11;
        h[4] ^= v4 ^ v12;
        h[5] ^= v5 ^ v13;
        h[6] ^= v6 ^ v14;
        h[7] ^= v7 ^ v15;
    }
}
