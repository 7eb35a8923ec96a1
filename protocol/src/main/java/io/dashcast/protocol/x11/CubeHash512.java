package io.dashcast.protocol.x11;

/**
 * CubeHash16/32-512 over a 64-byte message: two 32-byte blocks, the padding block, then the final
 * 160 rounds. Words are little-endian ints.
 */
final class CubeHash512
{
    private static final int[] IV = {
        0x2AEA2A61, 0x50F494D4, 0x2D538B8B, 0x4167D83E,
        0x3FEE2313, 0xC701CF8C, 0xCC39968E, 0x50AC5695,
        0x4D42C787, 0xA647A8B3, 0x97CF0BEF, 0x825B4537,
        0xEEF864D2, 0xF22090C4, 0xD0E5CD33, 0xA23911AE,
        0xFCD398D9, 0x148FE485, 0x1B017BEF, 0xB6444532,
        0x6A536159, 0x2FF5781C, 0x91FA7934, 0x0DBADEA9,
        0xD65C8A2B, 0xA5A70E75, 0xB1C62456, 0xBC796576,
        0x1921C8F7, 0xE7989AF1, 0x7795D246, 0xD43E3B44 };

    private final int[] x = new int[32];

    /**
     * @param in  64-byte message, eight little-endian words.
     * @param out 64-byte digest, eight little-endian words.
     */
    void hash(final long[] in, final long[] out)
    {
        final int[] x = this.x;
        System.arraycopy(IV, 0, x, 0, 32);
        for (int half = 0; half < 2; half++)
        {
            for (int i = 0; i < 4; i++)
            {
                final long w = in[4 * half + i];
                x[2 * i] ^= (int)w;
                x[2 * i + 1] ^= (int)(w >>> 32);
            }
            rounds(16);
        }
        x[0] ^= 0x80;
        rounds(16);
        x[31] ^= 1;
        rounds(160);
        for (int i = 0; i < 8; i++)
        {
            out[i] = (x[2 * i] & 0xFFFFFFFFL) | ((long)x[2 * i + 1] << 32);
        }
    }

    /**
     * {@code n} rounds, n even: two per pass, the swaps done by renaming.
     */
    private void rounds(final int n)
    {
        final int[] x = this.x;
        int x00 = x[0];
        int x01 = x[1];
        int x02 = x[2];
        int x03 = x[3];
        int x04 = x[4];
        int x05 = x[5];
        int x06 = x[6];
        int x07 = x[7];
        int x08 = x[8];
        int x09 = x[9];
        int x0a = x[10];
        int x0b = x[11];
        int x0c = x[12];
        int x0d = x[13];
        int x0e = x[14];
        int x0f = x[15];
        int x10 = x[16];
        int x11 = x[17];
        int x12 = x[18];
        int x13 = x[19];
        int x14 = x[20];
        int x15 = x[21];
        int x16 = x[22];
        int x17 = x[23];
        int x18 = x[24];
        int x19 = x[25];
        int x1a = x[26];
        int x1b = x[27];
        int x1c = x[28];
        int x1d = x[29];
        int x1e = x[30];
        int x1f = x[31];
        for (int r = 0; r < n; r += 2)
        {
            x10 += x00;
            x11 += x01;
            x12 += x02;
            x13 += x03;
            x14 += x04;
            x15 += x05;
            x16 += x06;
            x17 += x07;
            x18 += x08;
            x19 += x09;
            x1a += x0a;
            x1b += x0b;
            x1c += x0c;
            x1d += x0d;
            x1e += x0e;
            x1f += x0f;
            x00 = Integer.rotateLeft(x00, 7);
            x01 = Integer.rotateLeft(x01, 7);
            x02 = Integer.rotateLeft(x02, 7);
            x03 = Integer.rotateLeft(x03, 7);
            x04 = Integer.rotateLeft(x04, 7);
            x05 = Integer.rotateLeft(x05, 7);
            x06 = Integer.rotateLeft(x06, 7);
            x07 = Integer.rotateLeft(x07, 7);
            x08 = Integer.rotateLeft(x08, 7);
            x09 = Integer.rotateLeft(x09, 7);
            x0a = Integer.rotateLeft(x0a, 7);
            x0b = Integer.rotateLeft(x0b, 7);
            x0c = Integer.rotateLeft(x0c, 7);
            x0d = Integer.rotateLeft(x0d, 7);
            x0e = Integer.rotateLeft(x0e, 7);
            x0f = Integer.rotateLeft(x0f, 7);
            x08 ^= x10;
            x09 ^= x11;
            x0a ^= x12;
            x0b ^= x13;
            x0c ^= x14;
            x0d ^= x15;
            x0e ^= x16;
            x0f ^= x17;
            x00 ^= x18;
            x01 ^= x19;
            x02 ^= x1a;
            x03 ^= x1b;
            x04 ^= x1c;
            x05 ^= x1d;
            x06 ^= x1e;
            x07 ^= x1f;
            x12 += x08;
            x13 += x09;
            x10 += x0a;
            x11 += x0b;
            x16 += x0c;
            x17 += x0d;
            x14 += x0e;
            x15 += x0f;
            x1a += x00;
            x1b += x01;
            x18 += x02;
            x19 += x03;
            x1e += x04;
            x1f += x05;
            x1c += x06;
            x1d += x07;
            x08 = Integer.rotateLeft(x08, 11);
            x09 = Integer.rotateLeft(x09, 11);
            x0a = Integer.rotateLeft(x0a, 11);
            x0b = Integer.rotateLeft(x0b, 11);
            x0c = Integer.rotateLeft(x0c, 11);
            x0d = Integer.rotateLeft(x0d, 11);
            x0e = Integer.rotateLeft(x0e, 11);
            x0f = Integer.rotateLeft(x0f, 11);
            x00 = Integer.rotateLeft(x00, 11);
            x01 = Integer.rotateLeft(x01, 11);
            x02 = Integer.rotateLeft(x02, 11);
            x03 = Integer.rotateLeft(x03, 11);
            x04 = Integer.rotateLeft(x04, 11);
            x05 = Integer.rotateLeft(x05, 11);
            x06 = Integer.rotateLeft(x06, 11);
            x07 = Integer.rotateLeft(x07, 11);
            x0c ^= x12;
            x0d ^= x13;
            x0e ^= x10;
            x0f ^= x11;
            x08 ^= x16;
            x09 ^= x17;
            x0a ^= x14;
            x0b ^= x15;
            x04 ^= x1a;
            x05 ^= x1b;
            x06 ^= x18;
            x07 ^= x19;
            x00 ^= x1e;
            x01 ^= x1f;
            x02 ^= x1c;
            x03 ^= x1d;
            x13 += x0c;
            x12 += x0d;
            x11 += x0e;
            x10 += x0f;
            x17 += x08;
            x16 += x09;
            x15 += x0a;
            x14 += x0b;
            x1b += x04;
            x1a += x05;
            x19 += x06;
            x18 += x07;
            x1f += x00;
            x1e += x01;
            x1d += x02;
            x1c += x03;
            x0c = Integer.rotateLeft(x0c, 7);
            x0d = Integer.rotateLeft(x0d, 7);
            x0e = Integer.rotateLeft(x0e, 7);
            x0f = Integer.rotateLeft(x0f, 7);
            x08 = Integer.rotateLeft(x08, 7);
            x09 = Integer.rotateLeft(x09, 7);
            x0a = Integer.rotateLeft(x0a, 7);
            x0b = Integer.rotateLeft(x0b, 7);
            x04 = Integer.rotateLeft(x04, 7);
            x05 = Integer.rotateLeft(x05, 7);
            x06 = Integer.rotateLeft(x06, 7);
            x07 = Integer.rotateLeft(x07, 7);
            x00 = Integer.rotateLeft(x00, 7);
            x01 = Integer.rotateLeft(x01, 7);
            x02 = Integer.rotateLeft(x02, 7);
            x03 = Integer.rotateLeft(x03, 7);
            x04 ^= x13;
            x05 ^= x12;
            x06 ^= x11;
            x07 ^= x10;
            x00 ^= x17;
            x01 ^= x16;
            x02 ^= x15;
            x03 ^= x14;
            x0c ^= x1b;
            x0d ^= x1a;
            x0e ^= x19;
            x0f ^= x18;
            x08 ^= x1f;
            x09 ^= x1e;
            x0a ^= x1d;
            x0b ^= x1c;
            x11 += x04;
            x10 += x05;
            x13 += x06;
            x12 += x07;
            x15 += x00;
            x14 += x01;
            x17 += x02;
            x16 += x03;
            x19 += x0c;
            x18 += x0d;
            x1b += x0e;
            x1a += x0f;
            x1d += x08;
            x1c += x09;
            x1f += x0a;
            x1e += x0b;
            x04 = Integer.rotateLeft(x04, 11);
            x05 = Integer.rotateLeft(x05, 11);
            x06 = Integer.rotateLeft(x06, 11);
            x07 = Integer.rotateLeft(x07, 11);
            x00 = Integer.rotateLeft(x00, 11);
            x01 = Integer.rotateLeft(x01, 11);
            x02 = Integer.rotateLeft(x02, 11);
            x03 = Integer.rotateLeft(x03, 11);
            x0c = Integer.rotateLeft(x0c, 11);
            x0d = Integer.rotateLeft(x0d, 11);
            x0e = Integer.rotateLeft(x0e, 11);
            x0f = Integer.rotateLeft(x0f, 11);
            x08 = Integer.rotateLeft(x08, 11);
            x09 = Integer.rotateLeft(x09, 11);
            x0a = Integer.rotateLeft(x0a, 11);
            x0b = Integer.rotateLeft(x0b, 11);
            x00 ^= x11;
            x01 ^= x10;
            x02 ^= x13;
            x03 ^= x12;
            x04 ^= x15;
            x05 ^= x14;
            x06 ^= x17;
            x07 ^= x16;
            x08 ^= x19;
            x09 ^= x18;
            x0a ^= x1b;
            x0b ^= x1a;
            x0c ^= x1d;
            x0d ^= x1c;
            x0e ^= x1f;
            x0f ^= x1e;
        }
        x[0] = x00;
        x[1] = x01;
        x[2] = x02;
        x[3] = x03;
        x[4] = x04;
        x[5] = x05;
        x[6] = x06;
        x[7] = x07;
        x[8] = x08;
        x[9] = x09;
        x[10] = x0a;
        x[11] = x0b;
        x[12] = x0c;
        x[13] = x0d;
        x[14] = x0e;
        x[15] = x0f;
        x[16] = x10;
        x[17] = x11;
        x[18] = x12;
        x[19] = x13;
        x[20] = x14;
        x[21] = x15;
        x[22] = x16;
        x[23] = x17;
        x[24] = x18;
        x[25] = x19;
        x[26] = x1a;
        x[27] = x1b;
        x[28] = x1c;
        x[29] = x1d;
        x[30] = x1e;
        x[31] = x1f;
    }
}
