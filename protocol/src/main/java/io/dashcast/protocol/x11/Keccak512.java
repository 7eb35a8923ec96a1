package io.dashcast.protocol.x11;

/**
 * Keccak-512 as submitted to SHA-3 round 3 (padding 0x01 ... 0x80, not FIPS 202's 0x06) over a
 * 64-byte message: the padded message fills one 72-byte block, so one Keccak-f[1600].
 */
final class Keccak512
{
    private static final long[] RC = {
        0x0000000000000001L, 0x0000000000008082L, 0x800000000000808AL, 0x8000000080008000L,
        0x000000000000808BL, 0x0000000080000001L, 0x8000000080008081L, 0x8000000000008009L,
        0x000000000000008AL, 0x0000000000000088L, 0x0000000080008009L, 0x000000008000000AL,
        0x000000008000808BL, 0x800000000000008BL, 0x8000000000008089L, 0x8000000000008003L,
        0x8000000000008002L, 0x8000000000000080L, 0x000000000000800AL, 0x800000008000000AL,
        0x8000000080008081L, 0x8000000000008080L, 0x0000000080000001L, 0x8000000080008008L };

    private Keccak512()
    {
    }

    /**
     * @param in  64-byte message, eight little-endian words.
     * @param out 64-byte digest, eight little-endian words.
     */
    static void hash(final long[] in, final long[] out)
    {
        long a0 = in[0];
        long a1 = in[1];
        long a2 = in[2];
        long a3 = in[3];
        long a4 = in[4];
        long a5 = in[5];
        long a6 = in[6];
        long a7 = in[7];
        long a8 = 0x8000000000000001L;
        long a9 = 0;
        long a10 = 0;
        long a11 = 0;
        long a12 = 0;
        long a13 = 0;
        long a14 = 0;
        long a15 = 0;
        long a16 = 0;
        long a17 = 0;
        long a18 = 0;
        long a19 = 0;
        long a20 = 0;
        long a21 = 0;
        long a22 = 0;
        long a23 = 0;
        long a24 = 0;
        long c0, c1, c2, c3, c4, d0, d1, d2, d3, d4;
        long b0, b1, b2, b3, b4, b5, b6, b7, b8, b9, b10, b11, b12, b13, b14, b15, b16, b17, b18, b19, b20, b21, b22, b23, b24;
        for (int round = 0; round < 24; round++)
        {
            c0 = a0 ^ a5 ^ a10 ^ a15 ^ a20;
            c1 = a1 ^ a6 ^ a11 ^ a16 ^ a21;
            c2 = a2 ^ a7 ^ a12 ^ a17 ^ a22;
            c3 = a3 ^ a8 ^ a13 ^ a18 ^ a23;
            c4 = a4 ^ a9 ^ a14 ^ a19 ^ a24;
            d0 = c4 ^ Long.rotateLeft(c1, 1);
            d1 = c0 ^ Long.rotateLeft(c2, 1);
            d2 = c1 ^ Long.rotateLeft(c3, 1);
            d3 = c2 ^ Long.rotateLeft(c4, 1);
            d4 = c3 ^ Long.rotateLeft(c0, 1);
            b0 = a0 ^ d0;
            b16 = Long.rotateLeft(a5 ^ d0, 36);
            b7 = Long.rotateLeft(a10 ^ d0, 3);
            b23 = Long.rotateLeft(a15 ^ d0, 41);
            b14 = Long.rotateLeft(a20 ^ d0, 18);
            b10 = Long.rotateLeft(a1 ^ d1, 1);
            b1 = Long.rotateLeft(a6 ^ d1, 44);
            b17 = Long.rotateLeft(a11 ^ d1, 10);
            b8 = Long.rotateLeft(a16 ^ d1, 45);
            b24 = Long.rotateLeft(a21 ^ d1, 2);
            b20 = Long.rotateLeft(a2 ^ d2, 62);
            b11 = Long.rotateLeft(a7 ^ d2, 6);
            b2 = Long.rotateLeft(a12 ^ d2, 43);
            b18 = Long.rotateLeft(a17 ^ d2, 15);
            b9 = Long.rotateLeft(a22 ^ d2, 61);
            b5 = Long.rotateLeft(a3 ^ d3, 28);
            b21 = Long.rotateLeft(a8 ^ d3, 55);
            b12 = Long.rotateLeft(a13 ^ d3, 25);
            b3 = Long.rotateLeft(a18 ^ d3, 21);
            b19 = Long.rotateLeft(a23 ^ d3, 56);
            b15 = Long.rotateLeft(a4 ^ d4, 27);
            b6 = Long.rotateLeft(a9 ^ d4, 20);
            b22 = Long.rotateLeft(a14 ^ d4, 39);
            b13 = Long.rotateLeft(a19 ^ d4, 8);
            b4 = Long.rotateLeft(a24 ^ d4, 14);
            a0 = b0 ^ (~b1 & b2);
            a1 = b1 ^ (~b2 & b3);
            a2 = b2 ^ (~b3 & b4);
            a3 = b3 ^ (~b4 & b0);
            a4 = b4 ^ (~b0 & b1);
            a5 = b5 ^ (~b6 & b7);
            a6 = b6 ^ (~b7 & b8);
            a7 = b7 ^ (~b8 & b9);
            a8 = b8 ^ (~b9 & b5);
            a9 = b9 ^ (~b5 & b6);
            a10 = b10 ^ (~b11 & b12);
            a11 = b11 ^ (~b12 & b13);
            a12 = b12 ^ (~b13 & b14);
            a13 = b13 ^ (~b14 & b10);
            a14 = b14 ^ (~b10 & b11);
            a15 = b15 ^ (~b16 & b17);
            a16 = b16 ^ (~b17 & b18);
            a17 = b17 ^ (~b18 & b19);
            a18 = b18 ^ (~b19 & b15);
            a19 = b19 ^ (~b15 & b16);
            a20 = b20 ^ (~b21 & b22);
            a21 = b21 ^ (~b22 & b23);
            a22 = b22 ^ (~b23 & b24);
            a23 = b23 ^ (~b24 & b20);
            a24 = b24 ^ (~b20 & b21);
            a0 ^= RC[round];
        }
        out[0] = a0;
        out[1] = a1;
        out[2] = a2;
        out[3] = a3;
        out[4] = a4;
        out[5] = a5;
        out[6] = a6;
        out[7] = a7;
    }
}
