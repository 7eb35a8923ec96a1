package io.dashcast.protocol.x11;

/**
 * Luffa-512 over a 64-byte message: five 256-bit lanes; two message blocks, the padding block, then
 * two blank rounds whose lane sums are the two halves of the digest. Words are big-endian ints.
 */
final class Luffa512
{
    private static final int[] IV = {
        0x6D251E69, 0x44B051E0, 0x4EAA6FB4, 0xDBF78465,
        0x6E292011, 0x90152DF4, 0xEE058139, 0xDEF610BB,
        0xC3B44B95, 0xD9D2F256, 0x70EEE9A0, 0xDE099FA3,
        0x5D9B0557, 0x8FC944B3, 0xCF1CCF0E, 0x746CD581,
        0xF7EFC89D, 0x5DBA5781, 0x04016CE5, 0xAD659C05,
        0x0306194F, 0x666D1836, 0x24AA230A, 0x8B264AE7,
        0x858075D5, 0x36D79CCE, 0xE571F7D7, 0x204B1F67,
        0x35870C6A, 0x57E9E923, 0x14BCB808, 0x7CDE72CE,
        0x6C68E9BE, 0x5EC41E22, 0xC825B7C7, 0xAFFB4363,
        0xF5DF3999, 0x0FC688F1, 0xB07224CC, 0x03E86CEA };
    private static final int[] RC00 = {
        0x303994A6, 0xC0E65299, 0x6CC33A12, 0xDC56983E,
        0x1E00108F, 0x7800423D, 0x8F5B7882, 0x96E1DB12 };
    private static final int[] RC04 = {
        0xE0337818, 0x441BA90D, 0x7F34D442, 0x9389217F,
        0xE5A8BCE6, 0x5274BAF4, 0x26889BA7, 0x9A226E9D };
    private static final int[] RC10 = {
        0xB6DE10ED, 0x70F47AAE, 0x0707A3D4, 0x1C1E8F51,
        0x707A3D45, 0xAEB28562, 0xBACA1589, 0x40A46F3E };
    private static final int[] RC14 = {
        0x01685F3D, 0x05A17CF4, 0xBD09CACA, 0xF4272B28,
        0x144AE5CC, 0xFAA7AE2B, 0x2E48F1C1, 0xB923C704 };
    private static final int[] RC20 = {
        0xFC20D9D2, 0x34552E25, 0x7AD8818F, 0x8438764A,
        0xBB6DE032, 0xEDB780C8, 0xD9847356, 0xA2C78434 };
    private static final int[] RC24 = {
        0xE25E72C1, 0xE623BB72, 0x5C58A4A4, 0x1E38E2E7,
        0x78E38B9D, 0x27586719, 0x36EDA57F, 0x703AACE7 };
    private static final int[] RC30 = {
        0xB213AFA5, 0xC84EBE95, 0x4E608A22, 0x56D858FE,
        0x343B138F, 0xD0EC4E3D, 0x2CEB4882, 0xB3AD2208 };
    private static final int[] RC34 = {
        0xE028C9BF, 0x44756F91, 0x7E8FCE32, 0x956548BE,
        0xFE191BE2, 0x3CB226E5, 0x5944A28E, 0xA1C4C355 };
    private static final int[] RC40 = {
        0xF0D2E9E3, 0xAC11D7FA, 0x1BCB66F2, 0x6F2D9BC9,
        0x78602649, 0x8EDAE952, 0x3B6BA548, 0xEDAE9520 };
    private static final int[] RC44 = {
        0x5090D577, 0x2D1925AB, 0xB46496AC, 0xD1925AB0,
        0x29131AB6, 0x0FC053C3, 0x3F014F0C, 0xFC053C31 };
    private static final int[][] RC0 = { RC00, RC10, RC20, RC30, RC40 };
    private static final int[][] RC4 = { RC04, RC14, RC24, RC34, RC44 };

    /** Lane j, word k at {@code v[8 * j + k]}. */
    private final int[] v = new int[40];
    private final int[] a = new int[8];
    private final int[] b = new int[8];
    private final int[] m = new int[8];

    /**
     * @param in  64-byte message, eight little-endian words.
     * @param out 64-byte digest, eight little-endian words.
     */
    void hash(final long[] in, final long[] out)
    {
        final int[] v = this.v;
        final int[] m = this.m;
        System.arraycopy(IV, 0, v, 0, 40);
        for (int half = 0; half < 2; half++)
        {
            for (int i = 0; i < 4; i++)
            {
                final long w = in[4 * half + i];
                m[2 * i] = Integer.reverseBytes((int)w);
                m[2 * i + 1] = Integer.reverseBytes((int)(w >>> 32));
            }
            round();
        }
        java.util.Arrays.fill(m, 0);
        m[0] = 0x80000000;
        round();
        java.util.Arrays.fill(m, 0);
        for (int half = 0; half < 2; half++)
        {
            round();
            for (int i = 0; i < 4; i++)
            {
                final int lo = sum(v, 2 * i);
                final int hi = sum(v, 2 * i + 1);
                out[4 * half + i] = (Integer.reverseBytes(lo) & 0xFFFFFFFFL) | ((long)Integer.reverseBytes(hi) << 32);
            }
        }
    }

    private static int sum(final int[] v, final int k)
    {
        return v[k] ^ v[8 + k] ^ v[16 + k] ^ v[24 + k] ^ v[32 + k];
    }

    /**
     * Message injection MI5 of {@link #m}, then the permutation P5.
     */
    private void round()
    {
        final int[] v = this.v;
        final int[] a = this.a;
        final int[] b = this.b;
        final int[] m = this.m;
        for (int k = 0; k < 8; k++)
        {
            a[k] = sum(v, k);
        }
        m2(a, 0, a, 0);
        for (int j = 0; j < 40; j++)
        {
            v[j] ^= a[j & 7];
        }
        m2(b, 0, v, 0);
        xor(b, 0, v, 8);
        m2(v, 8, v, 8);
        xor(v, 8, v, 16);
        m2(v, 16, v, 16);
        xor(v, 16, v, 24);
        m2(v, 24, v, 24);
        xor(v, 24, v, 32);
        m2(v, 32, v, 32);
        xor(v, 32, v, 0);
        m2(v, 0, b, 0);
        xor(v, 0, v, 32);
        m2(v, 32, v, 32);
        xor(v, 32, v, 24);
        m2(v, 24, v, 24);
        xor(v, 24, v, 16);
        m2(v, 16, v, 16);
        xor(v, 16, v, 8);
        m2(v, 8, v, 8);
        xor(v, 8, b, 0);
        xor(v, 0, m, 0);
        for (int j = 8; j < 40; j += 8)
        {
            m2(m, 0, m, 0);
            xor(v, j, m, 0);
        }
        for (int j = 1; j < 5; j++)
        {
            for (int k = 4; k < 8; k++)
            {
                v[8 * j + k] = Integer.rotateLeft(v[8 * j + k], j);
            }
        }
        for (int j = 0; j < 5; j++)
        {
            permute(v, 8 * j, RC0[j], RC4[j]);
        }
    }

    /**
     * Multiplication by x in GF(2^32)^8 as Luffa defines it: d = 2 * s ({@code d} may be {@code s}).
     */
    private static void m2(final int[] d, final int dOff, final int[] s, final int sOff)
    {
        final int t = s[sOff + 7];
        d[dOff + 7] = s[sOff + 6];
        d[dOff + 6] = s[sOff + 5];
        d[dOff + 5] = s[sOff + 4];
        d[dOff + 4] = s[sOff + 3] ^ t;
        d[dOff + 3] = s[sOff + 2] ^ t;
        d[dOff + 2] = s[sOff + 1];
        d[dOff + 1] = s[sOff] ^ t;
        d[dOff] = t;
    }

    private static void xor(final int[] d, final int dOff, final int[] s, final int sOff)
    {
        for (int k = 0; k < 8; k++)
        {
            d[dOff + k] ^= s[sOff + k];
        }
    }

    /**
     * The 8-step permution Q_j of one lane.
     */
    private static void permute(final int[] v, final int off, final int[] rc0, final int[] rc4)
    {
        int a0 = v[off];
        int a1 = v[off + 1];
        int a2 = v[off + 2];
        int a3 = v[off + 3];
        int a4 = v[off + 4];
        int a5 = v[off + 5];
        int a6 = v[off + 6];
        int a7 = v[off + 7];
        int t;
        for (int r = 0; r < 8; r++)
        {
            // SubCrumb(a0, a1, a2, a3)
            t = a0;
            a0 |= a1;
            a2 ^= a3;
            a1 = ~a1;
            a0 ^= a3;
            a3 &= t;
            a1 ^= a3;
            a3 ^= a2;
            a2 &= a0;
            a0 = ~a0;
            a2 ^= a1;
            a1 |= a3;
            t ^= a1;
            a3 ^= a2;
            a2 &= a1;
            a1 ^= a0;
            a0 = t;
            // SubCrumb(a5, a6, a7, a4)
            t = a5;
            a5 |= a6;
            a7 ^= a4;
            a6 = ~a6;
            a5 ^= a4;
            a4 &= t;
            a6 ^= a4;
            a4 ^= a7;
            a7 &= a5;
            a5 = ~a5;
            a7 ^= a6;
            a6 |= a4;
            t ^= a6;
            a4 ^= a7;
            a7 &= a6;
            a6 ^= a5;
            a5 = t;
            // MixWord
            a4 ^= a0;
            a0 = Integer.rotateLeft(a0, 2) ^ a4;
            a4 = Integer.rotateLeft(a4, 14) ^ a0;
            a0 = Integer.rotateLeft(a0, 10) ^ a4;
            a4 = Integer.rotateLeft(a4, 1);
            a5 ^= a1;
            a1 = Integer.rotateLeft(a1, 2) ^ a5;
            a5 = Integer.rotateLeft(a5, 14) ^ a1;
            a1 = Integer.rotateLeft(a1, 10) ^ a5;
            a5 = Integer.rotateLeft(a5, 1);
            a6 ^= a2;
            a2 = Integer.rotateLeft(a2, 2) ^ a6;
            a6 = Integer.rotateLeft(a6, 14) ^ a2;
            a2 = Integer.rotateLeft(a2, 10) ^ a6;
            a6 = Integer.rotateLeft(a6, 1);
            a7 ^= a3;
            a3 = Integer.rotateLeft(a3, 2) ^ a7;
            a7 = Integer.rotateLeft(a7, 14) ^ a3;
            a3 = Integer.rotateLeft(a3, 10) ^ a7;
            a7 = Integer.rotateLeft(a7, 1);
            a0 ^= rc0[r];
            a4 ^= rc4[r];
        }
        v[off] = a0;
        v[off + 1] = a1;
        v[off + 2] = a2;
        v[off + 3] = a3;
        v[off + 4] = a4;
        v[off + 5] = a5;
        v[off + 6] = a6;
        v[off + 7] = a7;
    }
}
