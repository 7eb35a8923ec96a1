package io.dashcast.protocol.x11;

/**
 * AES tables shared by Grøstl (the S-box), SHAvite-3 and ECHO (the round tables): computed once from
 * the field GF(2^8) mod x^8+x^4+x^3+x+1, so no table is typed in by hand.
 * <p>
 * {@code T0[x]} holds the MixColumns column of S(x) in little-endian order (2S, S, S, 3S from the
 * low byte up); {@code T1..T3} are it rotated left by 8, 16, 24 bits.
 */
final class Aes
{
    static final int[] SBOX = new int[256];
    static final int[] T0 = new int[256];
    static final int[] T1 = new int[256];
    static final int[] T2 = new int[256];
    static final int[] T3 = new int[256];

    static
    {
        for (int x = 0; x < 256; x++)
        {
            final int inv = x == 0 ? 0 : inverse(x);
            int s = inv;
            for (int i = 1; i <= 4; i++)
            {
                s ^= ((inv << i) | (inv >>> (8 - i))) & 0xFF;
            }
            SBOX[x] = s ^ 0x63;
        }
        for (int x = 0; x < 256; x++)
        {
            final int s = SBOX[x];
            final int t = mul(s, 2) | (s << 8) | (s << 16) | (mul(s, 3) << 24);
            T0[x] = t;
            T1[x] = Integer.rotateLeft(t, 8);
            T2[x] = Integer.rotateLeft(t, 16);
            T3[x] = Integer.rotateLeft(t, 24);
        }
    }

    private Aes()
    {
    }

    /**
     * Product in GF(2^8).
     */
    static int mul(final int a, final int b)
    {
        int x = a;
        int y = b;
        int p = 0;
        while (y != 0)
        {
            if ((y & 1) != 0)
            {
                p ^= x;
            }
            x <<= 1;
            if ((x & 0x100) != 0)
            {
                x ^= 0x11B;
            }
            y >>>= 1;
        }
        return p;
    }

    private static int inverse(final int x)
    {
        // x^254 = x^-1 in GF(2^8).
        int r = 1;
        int base = x;
        int e = 254;
        while (e != 0)
        {
            if ((e & 1) != 0)
            {
                r = mul(r, base);
            }
            base = mul(base, base);
            e >>>= 1;
        }
        return r;
    }
}
