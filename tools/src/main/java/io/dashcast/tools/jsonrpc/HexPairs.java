package io.dashcast.tools.jsonrpc;

/**
 * Decodes a run of ASCII hex digit pairs into bytes, stopping at the first pair that is not two
 * digits ({@code 0-9 a-f A-F}, as dashd reads them). Thirty-two digits at a time through the
 * incubating Vector API when the JVM has it ({@code --add-modules jdk.incubator.vector}, in the
 * launcher's daemon commands and the build's flags): 4 MiB of hex in two to three times the time of
 * a copy of it, where the pair table alone takes eight times as long; the table otherwise, and for
 * the tail of every run. Stateless; allocation-free.
 */
final class HexPairs
{
    /** True when {@link VectorHexPairs} decodes: the JVM was started with the Vector API module. */
    static final boolean VECTORISED = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    /** The byte two ASCII hex digits make, indexed by the two bytes as one big-endian short; -1 when either is not a digit. */
    private static final short[] PAIR_VALUE = new short[1 << 16];

    static
    {
        for (int pair = 0; pair < PAIR_VALUE.length; pair++)
        {
            final int hi = RequestScan.hexValue((byte)(pair >>> 8));
            final int lo = RequestScan.hexValue((byte)pair);
            PAIR_VALUE[pair] = (short)((hi | lo) < 0 ? -1 : hi << 4 | lo);
        }
    }

    private HexPairs()
    {
    }

    /**
     * Decode pairs from {@code in[from]} while both bytes of a pair lie before {@code limit} and are digits.
     *
     * @param in     the hex.
     * @param from   the first digit.
     * @param limit  one past the last byte that may be read.
     * @param out    where the bytes go; room for {@code (limit - from) / 2} from {@code offset}.
     * @param offset the first byte written.
     * @return bytes written: the pairs decoded.
     */
    static int decode(final byte[] in, final int from, final int limit, final byte[] out, final int offset)
    {
        final int vectorPairs = VECTORISED ? VectorHexPairs.decode(in, from, limit, out, offset) : 0;
        return vectorPairs + table(in, from + 2 * vectorPairs, limit, out, offset + vectorPairs);
    }

    /**
     * {@link #decode} through the pair table alone.
     */
    static int table(final byte[] in, final int from, final int limit, final byte[] out, final int offset)
    {
        final short[] pairs = PAIR_VALUE;
        int pos = from;
        int o = offset;
        // Four pairs at a time while all are digits (a quarter fewer cycles than one at a time), then one.
        while (pos + 7 < limit)
        {
            final int a = pairs[(in[pos] & 0xFF) << 8 | in[pos + 1] & 0xFF];
            final int b = pairs[(in[pos + 2] & 0xFF) << 8 | in[pos + 3] & 0xFF];
            final int c = pairs[(in[pos + 4] & 0xFF) << 8 | in[pos + 5] & 0xFF];
            final int d = pairs[(in[pos + 6] & 0xFF) << 8 | in[pos + 7] & 0xFF];
            if ((a | b | c | d) < 0)
            {
                break;
            }
            out[o] = (byte)a;
            out[o + 1] = (byte)b;
            out[o + 2] = (byte)c;
            out[o + 3] = (byte)d;
            o += 4;
            pos += 8;
        }
        while (pos + 1 < limit)
        {
            final int v = pairs[(in[pos] & 0xFF) << 8 | in[pos + 1] & 0xFF];
            if (v < 0)
            {
                break;
            }
            out[o++] = (byte)v;
            pos += 2;
        }
        return o - offset;
    }
}
