package io.dashcast.tools.jsonrpc;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hex decode, vector and table alike, against a decode written the plain way: every byte value
 * in every place of a vector step, runs cut at every length, and random text.
 */
class HexPairsTest
{
    private static final byte[] DIGITS = "0123456789abcdefABCDEF".getBytes(StandardCharsets.US_ASCII);

    @Test
    void shouldRunVectorisedWhereTheBuildRunsTests()
    {
        // The build's and the launcher's flags add the module: a silent fall back to the table would lose the speed.
        assertTrue(HexPairs.VECTORISED, "jdk.incubator.vector not in the boot layer: check dashcast.jvm.flags");
    }

    @Test
    void shouldStopAtTheFirstPairThatIsNotTwoDigitsForEveryByteValueInEveryPlace()
    {
        final byte[] in = new byte[2 * 32 + 37];
        for (int value = 0; value < 256; value++)
        {
            for (int place = 0; place < 2 * 32 + 8; place++)
            {
                for (int i = 0; i < in.length; i++)
                {
                    in[i] = DIGITS[(i * 7 + value) % DIGITS.length];
                }
                in[place] = (byte)value;
                assertAllAgree(in, 0, in.length, "byte " + value + " at " + place);
                assertAllAgree(in, 1, in.length, "byte " + value + " at " + place + " from 1");
            }
        }
    }

    @Test
    void shouldDecodeExactlyTheWholePairsBeforeTheLimit()
    {
        final Random random = new Random(0x4e7L);
        final byte[] in = new byte[300];
        for (int i = 0; i < in.length; i++)
        {
            in[i] = DIGITS[random.nextInt(DIGITS.length)];
        }
        for (int limit = 0; limit <= in.length; limit++)
        {
            assertAllAgree(in, 0, limit, "limit " + limit);
            assertEquals(limit / 2, HexPairs.decode(in, 0, limit, new byte[in.length], 0), "limit " + limit);
        }
    }

    @Test
    void shouldAgreeOnRandomTextWithFewNonDigits()
    {
        final Random random = new Random(0x3e9L);
        for (int c = 0; c < 20_000; c++)
        {
            final byte[] in = new byte[1 + random.nextInt(400)];
            for (int i = 0; i < in.length; i++)
            {
                in[i] = random.nextInt(300) == 0 ? (byte)random.nextInt(256) : DIGITS[random.nextInt(DIGITS.length)];
            }
            assertAllAgree(in, random.nextInt(in.length), in.length, "case " + c);
        }
    }

    private static void assertAllAgree(final byte[] in, final int from, final int limit, final String what)
    {
        final byte[] expected = plain(in, from, limit);
        final byte[] viaDecode = new byte[expected.length + 40];
        final byte[] viaTable = new byte[expected.length + 40];
        final int n = HexPairs.decode(in, from, limit, viaDecode, 3);
        final int t = HexPairs.table(in, from, limit, viaTable, 3);
        assertEquals(expected.length, n, what);
        assertEquals(expected.length, t, what);
        assertArrayEquals(expected, java.util.Arrays.copyOfRange(viaDecode, 3, 3 + n), what);
        assertArrayEquals(expected, java.util.Arrays.copyOfRange(viaTable, 3, 3 + t), what);
        // Nothing written past the decoded bytes.
        for (int i = 3 + n; i < viaDecode.length; i++)
        {
            assertEquals(0, viaDecode[i], what + ": byte written at " + i);
        }
    }

    /** Pairs while both are ASCII hex digits, the way {@link HexFormat} reads them. */
    private static byte[] plain(final byte[] in, final int from, final int limit)
    {
        int pos = from;
        final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        while (pos + 1 < limit && HexFormat.isHexDigit(in[pos] & 0xFF) && HexFormat.isHexDigit(in[pos + 1] & 0xFF))
        {
            out.write(HexFormat.fromHexDigit(in[pos]) << 4 | HexFormat.fromHexDigit(in[pos + 1]));
            pos += 2;
        }
        return out.toByteArray();
    }
}
